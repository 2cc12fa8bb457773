#!/usr/bin/env bash
# test-track.sh: Stint signed in to Toggl Track (stint-fake-toggl), as a user
# sets it up from a terminal and then uses it from the tray
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"

A11Y="/usr/bin/python3 $(dirname "$0")/a11y.py"

# `stint --sign-in` runs in its own process and writes settings the running
# Stint must see; the keyfile backend shares them through a file in this
# session's XDG_CONFIG_HOME, without touching anyone's dconf.
export GSETTINGS_BACKEND=keyfile
settings_file="$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"

fixture=$STINT_FAKE_TOGGL_FIXTURE
ada() {
  /usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["users"][0][sys.argv[2]])' "$fixture" "$1"
}
TOKEN=$(ada api_token)
PASSWORD=$(ada password)
export TOKEN PASSWORD

# The fake Toggl server on a free port; it prints its Track URL first.
fake_out="$DESKTOP_SESSION_DIR/logs/fake-toggl.out"
"$STINT_FAKE_TOGGL" --port 0 --fixture "$fixture" > "$fake_out" 2> "$DESKTOP_SESSION_DIR/logs/fake-toggl.log" &
FAKE_PID=$!
trap 'kill "$FAKE_PID" 2> /dev/null' EXIT
eventually 10 test -s "$fake_out"
BASE_URL=$(head -n 1 "$fake_out")
ADMIN_URL="${BASE_URL%/api/v9}/__admin"
export BASE_URL ADMIN_URL

# admin METHOD PATH [JSON]: the fake's admin API, as Ada (her token)
admin() {
  /usr/bin/python3 - "$@" <<'EOF'
import base64, os, sys, urllib.request
method, path = sys.argv[1], sys.argv[2]
data = sys.argv[3].encode() if len(sys.argv) > 3 else None
req = urllib.request.Request(os.environ["ADMIN_URL"] + path, data=data, method=method)
req.add_header("Content-Type", "application/json")
req.add_header("Authorization", "Basic " + base64.b64encode((os.environ["TOKEN"] + ":api_token").encode()).decode())
print(urllib.request.urlopen(req, timeout=10).read().decode())
EOF
}

# server_has PYTHON-CONDITION: some entry on the server satisfies it (e is the entry)
server_has() {
  admin GET /entries | /usr/bin/python3 -c "
import json, sys
entries = [e for e in json.load(sys.stdin) if not e.get('server_deleted_at')]
sys.exit(0 if any($1 for e in entries) else 1)"
}

# requests_seen PYTHON-CONDITION: some request in the fake's log satisfies it (r)
requests_seen() {
  admin GET /requests | /usr/bin/python3 -c "
import json, sys
sys.exit(0 if any($1 for r in json.load(sys.stdin)) else 1)"
}

# menu_shows LABEL: a visible menu item has LABEL (hidden items keep old labels)
menu_shows() {
  helper sni-menu "$APP_ID" | grep -v "'visible': False" | cut -f2 | grep -qxF -- "$1"
}

kind_is() {
  [ "$(gsettings get "$APP_ID" account-kind)" = "'$1'" ]
}

token_in_keyring() {
  [ "$(timeout 10 secret-tool lookup kind track)" = "$TOKEN" ]
}

no_token_in_keyring() {
  [ -z "$(timeout 10 secret-tool lookup kind track)" ]
}

export -f admin server_has requests_seen menu_shows kind_is token_in_keyring no_token_in_keyring
export APP_ID

sign_in_out="$DESKTOP_SESSION_DIR/logs/sign-in.out"
sign_in_err="$DESKTOP_SESSION_DIR/logs/sign-in.err"

# sign_in ARGS...: the token on standard input, as a script would pipe it
sign_in() {
  printf '%s\n' "${SIGN_IN_TOKEN:-$TOKEN}" | "$STINT" --sign-in=track "$@" > "$sign_in_out" 2> "$sign_in_err"
}

# --- Before any account: one entry tracked on this computer ----------------
start_stint
helper sni-wait "$APP_ID" 10 > /dev/null
"$STINT" --start "Local work"
eventually 5 status_matches '^Local work — ' > /dev/null
"$STINT" --stop
eventually 5 status_is "Not tracking" > /dev/null
"$STINT" --quit
eventually 10 stint_gone

# --- What sign-in refuses ---------------------------------------------------
sign_in --base-url=http://example.com
check "an http:// server off this computer is refused with a sentence" \
  bash -c "[ $? = 1 ] && grep -qF 'Stint only sends your token over https://; “example.com” is plain http:// to another computer.' '$sign_in_err'"

SIGN_IN_TOKEN=0123456789abcdef0123456789abcdef sign_in --base-url="$BASE_URL"
check "a wrong token is refused with the server's sentence" \
  bash -c "[ $? = 1 ] && grep -q 'Incorrect username and/or password' '$sign_in_err'"
check "the refused token is not repeated back" bash -c "! grep -q 0123456789abcdef '$sign_in_err'"

sign_in --base-url="$BASE_URL" --workspace=5002
check "a workspace the user has no access to is refused with a sentence" \
  bash -c "[ $? = 1 ] && grep -qF 'You have no access to workspace 5002 in Toggl Track' '$sign_in_err'"
check "after refusals Stint is still local and the keyring holds no token" \
  bash -c 'kind_is local && no_token_in_keyring'

# --- Signing in from the command line ----------------------------------------
sign_in --base-url="$BASE_URL"
check "stint --sign-in=track with the token on stdin succeeds" test $? -eq 0
check "it says who is signed in and where entries go" \
  grep -qF "Signed in to Toggl Track as ada@example.com; new entries go to the workspace “Ada's workspace”." "$sign_in_out"
check "it says the local entry stays local unless --upload-local is given" \
  grep -qF '1 entry tracked on this computer stays there; to send it to Toggl Track once, sign in again with --upload-local.' "$sign_in_out"
check "secret-tool finds the token in the keyring" token_in_keyring
check "the settings name the account, kind last written as track" \
  bash -c "kind_is track && [ \"\$(gsettings get $APP_ID track-user-id)\" = 'int64 1001' ] &&
           [ \"\$(gsettings get $APP_ID track-workspace-id)\" = 'int64 5001' ]"

# --- The running Stint follows the account -----------------------------------
G_MESSAGES_DEBUG=all start_stint
check "Stint signed in to Track registers its tray item" helper sni-wait "$APP_ID" 10
check "it connects to the server with the token from the keyring" \
  eventually 10 requests_seen "r['path'].startswith('/api/v9/me') and r['status'] == 200"

admin POST /entries '{"description": "Server side work"}' > /dev/null
"$STINT" --show
check "an entry started on the server shows in the tray after stint --show" \
  eventually 10 menu_shows "Server side work"
check "and the tray offers to stop it" menu_shows "Stop"

helper sni-click Stop "$APP_ID" > /dev/null
check "Stop in the tray menu stops it on the server" \
  eventually 10 server_has "e['description'] == 'Server side work' and e['stop'] is not None"

helper sni-click Start "$APP_ID" > /dev/null
check "Start in the tray menu starts an entry on the server, made by Stint in the workspace" \
  eventually 10 server_has "e.get('created_with') == 'Stint' and e['stop'] is None and e['workspace_id'] == 5001"
eventually 5 menu_shows "Stop" > /dev/null
helper sni-click Stop "$APP_ID" > /dev/null
check "Stop in the tray menu stops that one on the server too" \
  eventually 10 bash -c "server_has \"e.get('created_with') == 'Stint'\" &&
                         ! server_has \"e.get('created_with') == 'Stint' and e['stop'] is None\""
check "the entry tracked on this computer was not uploaded by surprise" \
  bash -c "! server_has \"e['description'] == 'Local work'\""

# A server answering an HTML error page: a sentence, and the change waits.
admin POST /faults '{"path": "*/time_entries", "method": "POST", "kind": "status", "status": 502,
                     "times": 100, "content_type": "text/html",
                     "body": "<html><body><h1>502 Bad Gateway</h1></body></html>"}' > /dev/null
"$STINT" --start "During the outage"
check "a server answering an HTML error page gives a sentence in stint --status --json" \
  eventually 10 bash -c '"$STINT" --status --json | /usr/bin/python3 -c "
import json, sys
s = json.load(sys.stdin)
assert s[\"description\"] == \"During the outage\", s
assert \"Toggl is having trouble\" in (s[\"sync\"] or \"\"), s
assert \"<\" not in s[\"sync\"], s
"'
check "and nothing the user did is dropped: the entry runs here, waiting" \
  status_matches '^During the outage — '
admin DELETE /faults > /dev/null
"$STINT" --stop

helper sni-click Preferences "$APP_ID" > /dev/null
check "Preferences from the tray shows the account" \
  $A11Y wait-text '^Signed in to Toggl Track as ada@example\.com\.' 15
check "the account page names its controls" \
  bash -c "$A11Y wait-text '^Sign out of Toggl Track' 2 && $A11Y wait-text '^Workspace' 2 &&
           $A11Y wait-text '^On this computer only' 2"
helper screenshot "$ARTIFACTS/preferences-account.png"
check "a screenshot of the Preferences account page is saved" test -s "$ARTIFACTS/preferences-account.png"

check "the token is in no settings file" \
  bash -c '[ -s "$1" ] && ! grep -qF "$TOKEN" "$1"' _ "$settings_file"
check "the token is in no file under the data, config and cache directories" \
  bash -c '! grep -raF -l "$TOKEN" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"'
check "the token is not in Stint's log, debug messages included" \
  bash -c '[ -s "$1" ] && ! grep -qF "$TOKEN" "$1"' _ "$DESKTOP_SESSION_DIR/logs/stint.log"

# --- Signing out ----------------------------------------------------------------
"$STINT" --sign-out > "$sign_in_out" 2> "$sign_in_err"
check "stint --sign-out succeeds and says so" \
  bash -c "[ $? = 0 ] && grep -q '^Signed out of Toggl Track' '$sign_in_out'"
check "secret-tool no longer finds the token" no_token_in_keyring
check "the settings say local" kind_is local
check "the running Stint goes back to the entries of this computer" \
  eventually 10 bash -c 'menu_shows "Local work" && ! menu_shows "Server side work"'

# --- Signing in from Preferences, through the accessibility tree -----------------
# With email and password this time: Stint trades them for the token once.
$A11Y click "radio button" "Toggl Track"
check "Preferences offers the sign-in form with the token field and where to find the token" \
  bash -c "$A11Y wait-text '^API token' 5 && $A11Y wait-text 'Profile settings → API Token' 2"
$A11Y click "radio button" "With email and password"
$A11Y set-text text "Email" "ada@example.com"
$A11Y set-text "password text" "Password" "$PASSWORD"
$A11Y click "toggle button" "Advanced"
$A11Y set-text text "Server address" "http://example.com/api/v9"
check "an http:// server off this computer is refused in place" \
  $A11Y wait-text 'Stint only sends your token over https://' 5
$A11Y set-text text "Server address" "$BASE_URL"
helper screenshot "$ARTIFACTS/preferences-sign-in.png"
$A11Y click "push button" "Sign in to Toggl Track"
check "with entries on this computer, signing in asks before uploading them" \
  $A11Y wait-text '^Upload 1 entry tracked on this computer to Toggl Track\?' 10
$A11Y click "push button" "Keep on This Computer"
check "keeping them local, the sign-in from Preferences completes" \
  $A11Y wait-text '^Signed in to Toggl Track as ada@example\.com\.' 10
check "the keyring holds the token the password fetched, and the settings say track" \
  bash -c 'token_in_keyring && kind_is track'
check "the password is in no file and not in the log" \
  bash -c '! grep -raF -l "$PASSWORD" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$1"' \
  _ "$DESKTOP_SESSION_DIR/logs/stint.log"
check "the running Stint connects again" \
  eventually 10 bash -c 'menu_shows "Server side work" && ! menu_shows "Local work"'

# Same account again from the command line: no setting changes, so the
# running Stint must be told to look at the upload.
sign_in --base-url="$BASE_URL" --upload-local
check "signing in with --upload-local says the local entry will go" \
  grep -qF 'Stint will upload the 1 entry tracked on this computer.' "$sign_in_out"
check "the running Stint uploads it, once, through the outbox" \
  eventually 15 server_has "e['description'] == 'Local work' and e.get('created_with') == 'Stint'"

# --- A keyring that lost the token ------------------------------------------------
"$STINT" --quit
eventually 10 stint_gone
timeout 10 secret-tool clear kind track
start_stint
helper sni-wait "$APP_ID" 10 > /dev/null
check "without the token the tray says how to sign in again" \
  eventually 10 bash -c '[ "$(prop Title)" = "Signed out of Toggl Track — sign in again in Preferences" ]'
"$STINT" --show
check "so does the window" $A11Y wait-text '^Signed out of Toggl Track — sign in again in Preferences' 10
check "and stint --status, on a second line after the entry" \
  eventually 5 bash -c '[ "$("$STINT" --status | sed -n 2p)" = "Signed out of Toggl Track — sign in again in Preferences" ]'
check "and stint --status --json raises an alert with the sentence" \
  bash -c '"$STINT" --status --json | /usr/bin/python3 -c "
import json, sys
s = json.load(sys.stdin)
assert s[\"alert\"] is True and s[\"problem\"].startswith(\"Signed out of Toggl Track\"), s
assert s[\"problem\"] in s[\"tooltip\"], s
"'
"$STINT" --start "Offline meanwhile"
check "and Stint keeps tracking, the change queued" eventually 5 status_matches '^Offline meanwhile — '

"$STINT" --quit
eventually 10 stint_gone

finish
