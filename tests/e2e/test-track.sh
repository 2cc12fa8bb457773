#!/usr/bin/env bash
# test-track.sh: Stint signed in to Toggl Track (stint-fake-toggl), as a user
# sets it up from a terminal and then uses it from the tray
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"

A11Y="/usr/bin/python3 $(dirname "$0")/a11y.py"

use_shared_settings

fixture=$STINT_FAKE_TOGGL_FIXTURE
TOKEN=$(fixture_get "$fixture" users 0 api_token)
PASSWORD=$(fixture_get "$fixture" users 0 password)
export TOKEN PASSWORD

start_fake_toggl "$fixture"
ADMIN_AUTH="Basic $(printf '%s:api_token' "$TOKEN" | base64 -w 0)"
export ADMIN_AUTH

# server_has PYTHON-CONDITION: some entry on the server satisfies it (e is the entry)
server_has() {
  admin GET /entries | /usr/bin/python3 -c "
import json, sys
entries = [e for e in json.load(sys.stdin) if not e.get('server_deleted_at')]
sys.exit(0 if any($1 for e in entries) else 1)"
}

export -f server_has

# sign_in ARGS...: Ada's token, or SIGN_IN_TOKEN, on standard input
sign_in() {
  stint_sign_in track "${SIGN_IN_TOKEN:-$TOKEN}" "$@"
}

# --- Before any account: one entry tracked on this computer ----------------
track_local_entry "Local work"

# --- What sign-in refuses ---------------------------------------------------
sign_in --base-url=http://example.com
check "an http:// server off this computer is refused with a sentence" \
  bash -c "[ $? = 1 ] && grep -qF 'Stint only sends your token over https://; “example.com” is plain http:// to another computer.' '$SIGN_IN_ERR'"

SIGN_IN_TOKEN=0123456789abcdef0123456789abcdef sign_in --base-url="$TRACK_URL"
check "a wrong token is refused with the server's sentence" \
  bash -c "[ $? = 1 ] && grep -q 'Incorrect username and/or password' '$SIGN_IN_ERR'"
check "the refused token is not repeated back" bash -c "! grep -q 0123456789abcdef '$SIGN_IN_ERR'"

sign_in --base-url="$TRACK_URL" --workspace=5002
check "a workspace the user has no access to is refused with a sentence" \
  bash -c "[ $? = 1 ] && grep -qF 'You have no access to workspace 5002 in Toggl Track' '$SIGN_IN_ERR'"
check "after refusals Stint is still local and the keyring holds no token" \
  bash -c 'kind_is local && no_secret_in_keyring track'

# --- Signing in from the command line ----------------------------------------
sign_in --base-url="$TRACK_URL"
check "stint --sign-in=track with the token on stdin succeeds" test $? -eq 0
check "it says who is signed in and where entries go" \
  grep -qF "Signed in to Toggl Track as ada@example.com; new entries go to the workspace “Ada's workspace”." "$SIGN_IN_OUT"
check "it says the local entry stays local unless --upload-local is given" \
  grep -qF '1 entry tracked on this computer stays there; to send it to Toggl Track once, sign in again with --upload-local.' "$SIGN_IN_OUT"
check "secret-tool finds the token in the keyring" secret_in_keyring track TOKEN
check "the settings name the account, kind last written as track" \
  bash -c "kind_is track && [ \"\$(gsettings get $APP_ID track-user-id)\" = 'int64 1001' ] &&
           [ \"\$(gsettings get $APP_ID track-workspace-id)\" = 'int64 5001' ]"

# --- The running Stint follows the account -----------------------------------
# Started elsewhere (the web app) while Stint was not running: the pull that
# comes with connecting brings it.
admin POST /entries '{"description": "Server side work"}' > /dev/null
G_MESSAGES_DEBUG=all start_stint
check "Stint signed in to Track registers its tray item" helper sni-wait "$APP_ID" 10
check "it connects to the server with the token from the keyring" \
  eventually 10 requests_seen "r['path'].startswith('/api/v9/me') and r['status'] == 200"
check "an entry started on the server shows in the tray once Stint has connected" \
  eventually 10 menu_shows "Server side work"
check "and the tray offers to stop it" menu_shows "Stop"

# That pull is minutes fresh: opening the window spends no request on
# another (the quota is 30 an hour).
admin DELETE /requests > /dev/null
"$STINT" --show
$A11Y wait-text '^Description' 10 > /dev/null
check "stint --show with a cache younger than five minutes asks the server nothing" \
  bash -c "! requests_seen \"r['method'] == 'GET' and r['path'].endswith('/time_entries')\""

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

check_secret_kept token TOKEN

# --- Signing out ----------------------------------------------------------------
"$STINT" --sign-out > "$SIGN_IN_OUT" 2> "$SIGN_IN_ERR"
check "stint --sign-out succeeds and says so" \
  bash -c "[ $? = 0 ] && grep -q '^Signed out of Toggl Track' '$SIGN_IN_OUT'"
check "secret-tool no longer finds the token" no_secret_in_keyring track
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
$A11Y set-text text "Server address" "$TRACK_URL"
helper screenshot "$ARTIFACTS/preferences-sign-in.png"
$A11Y click "push button" "Sign in to Toggl Track"
check "with entries on this computer, signing in asks before uploading them" \
  $A11Y wait-text '^Upload 1 entry tracked on this computer to Toggl Track\?' 10
$A11Y click "push button" "Keep on This Computer"
check "keeping them local, the sign-in from Preferences completes" \
  $A11Y wait-text '^Signed in to Toggl Track as ada@example\.com\.' 10
check "the keyring holds the token the password fetched, and the settings say track" \
  bash -c 'secret_in_keyring track TOKEN && kind_is track'
check "the password is in no file and not in the log" \
  bash -c '! grep -raF -l "$PASSWORD" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$1"' \
  _ "$DESKTOP_SESSION_DIR/logs/stint.log"
check "the running Stint connects again" \
  eventually 10 bash -c 'menu_shows "Server side work" && ! menu_shows "Local work"'

# Same account again from the command line: no setting changes, so the
# running Stint must be told to look at the upload.
sign_in --base-url="$TRACK_URL" --upload-local
check "signing in with --upload-local says the local entry will go" \
  grep -qF 'Stint will upload the 1 entry tracked on this computer.' "$SIGN_IN_OUT"
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
