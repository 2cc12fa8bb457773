#!/usr/bin/env bash
# test-focus.sh: Stint signed in to Toggl Focus (stint-fake-toggl), as a user
# sets it up from a terminal and then uses it from the tray, the command
# line and the window; including Focus's own answers: 422 when something
# runs already, 404 when a stop finds nothing running, 401 for a key that
# expired
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"

A11Y="/usr/bin/python3 $(dirname "$0")/a11y.py"

use_shared_settings

fixture=$STINT_FAKE_FOCUS_FIXTURE
KEY=$(fixture_get "$fixture" focus users 0 api_key)
export KEY

start_fake_toggl "$fixture"
FOCUS_URL="${TRACK_URL%/api/v9}/focus/api"
SCOPE=/focus/api/organizations/178452/workspaces/600100
ADMIN_AUTH="Bearer $KEY"
export FOCUS_URL SCOPE ADMIN_AUTH

# What runs on Focus: a start and no duration (a planned entry has neither).
RUNNING="(e.get('start') and e.get('duration') is None)"
export RUNNING

# server_has PYTHON-CONDITION: some live Focus entry of Grace's satisfies it (e)
server_has() {
  admin GET /focus/entries | /usr/bin/python3 -c "
import json, sys
entries = [e for e in json.load(sys.stdin) if e['toggl_user_id'] == 2001 and not e.get('deleted_at')]
sys.exit(0 if any($1 for e in entries) else 1)"
}

# running_id: the id of what runs on Focus now
running_id() {
  admin GET /focus/entries | /usr/bin/python3 -c "
import json, sys
print(next(e['id'] for e in json.load(sys.stdin) if e['toggl_user_id'] == 2001 and not e.get('deleted_at') and $RUNNING))"
}

# server_count PYTHON-CONDITION N: exactly N live entries of Grace's satisfy it
server_count() {
  admin GET /focus/entries | /usr/bin/python3 -c "
import json, sys
entries = [e for e in json.load(sys.stdin) if e['toggl_user_id'] == 2001 and not e.get('deleted_at')]
sys.exit(0 if sum(1 for e in entries if $1) == $2 else 1)"
}

# no_problem: stint --status --json raises no alert and its sync line is no error
no_problem() {
  "$STINT" --status --json | /usr/bin/python3 -c "
import json, sys
s = json.load(sys.stdin)
sys.exit(0 if not s.get('alert') and not s.get('problem') else 1)"
}

export -f server_has running_id server_count no_problem

# sign_in ARGS...: Grace's key, or SIGN_IN_KEY, on standard input
sign_in() {
  stint_sign_in focus "${SIGN_IN_KEY:-$KEY}" "$@"
}

# --- Before any account: one entry tracked on this computer ----------------
track_local_entry "Local work"

# --- What sign-in refuses ---------------------------------------------------
sign_in --base-url="$FOCUS_URL"
check "without --organization it says which number to give and where it is" \
  bash -c "[ $? = 1 ] && grep -qF 'Signing in to Toggl Focus needs --organization=ID: the number after /organizations/ in the address of the Focus web app.' '$SIGN_IN_ERR'"

sign_in --base-url="$FOCUS_URL" --organization=hopper
check "an organization that is not a number is refused with where to find it" \
  bash -c "[ $? = 1 ] && grep -qF 'A Toggl Focus organization id is a number: the one after “/organizations/” in the address of the Focus web app.' '$SIGN_IN_ERR'"

sign_in --base-url="$FOCUS_URL" --organization=178453
check "an organization the key may not use is refused with a sentence" \
  bash -c "[ $? = 1 ] && grep -qF 'This API key may not use workspace 600100 of organization 178453 in Toggl Focus.' '$SIGN_IN_ERR'"

SIGN_IN_KEY=toggl_sk_ffffffffffffffffffffffffffffffff sign_in --base-url="$FOCUS_URL" --organization=178452
check "a wrong key is refused: not valid or expired, make a new one" \
  bash -c "[ $? = 1 ] && grep -qF 'This API key is not valid or has expired — create a new one in Toggl Focus' '$SIGN_IN_ERR'"
check "the refused key is not repeated back" bash -c "! grep -q ffffffff '$SIGN_IN_ERR'"

sign_in --base-url=http://example.com/api --organization=178452
check "an http:// server off this computer is refused before the key is sent" \
  bash -c "[ $? = 1 ] && grep -qF 'Stint only sends your token over https://' '$SIGN_IN_ERR'"
check "after refusals Stint is still local and the keyring holds no key" \
  bash -c 'kind_is local && no_secret_in_keyring focus'

# --- Signing in from the command line -----------------------------------------
sign_in --base-url="$FOCUS_URL" --organization=178452 --upload-local
check "stint --sign-in=focus with the key on stdin succeeds" test $? -eq 0
check "it says where new entries go: the workspace open last in Focus" \
  grep -qxF "Signed in to Toggl Focus; new entries go to workspace 600100 of organization 178452." "$SIGN_IN_OUT"
check "and that the entry tracked on this computer will be uploaded" \
  grep -qxF "Stint will upload the 1 entry tracked on this computer." "$SIGN_IN_OUT"
check "secret-tool finds the key in the keyring, as a Focus key" secret_in_keyring focus KEY
check "the settings name the organization and workspace, kind last written as focus" \
  bash -c "kind_is focus && [ \"\$(gsettings get $APP_ID focus-organization-id)\" = 'int64 178452' ] &&
           [ \"\$(gsettings get $APP_ID focus-workspace-id)\" = 'int64 600100' ] &&
           [ \"\$(gsettings get $APP_ID focus-base-url)\" = \"'$FOCUS_URL'\" ]"

# --- The running Stint follows the account, from the tray ---------------------
# Tracked in the Focus web app an hour ago: the fixture's entries are too
# old for the tray's recent list.
an_hour_ago=$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)
admin POST /focus/entries "{\"description\": \"Debugging the Mark II\", \"start\": \"$an_hour_ago\",
                            \"duration\": 1800, \"type\": \"activity\"}" > /dev/null
G_MESSAGES_DEBUG=all start_stint
check "Stint signed in to Focus registers its tray item" helper sni-wait "$APP_ID" 10
check "it reads the workspace with the key from the keyring" \
  eventually 10 requests_seen "r['path'].startswith('$SCOPE/') and r['status'] == 200"
check "an entry tracked on Focus shows in the tray" eventually 10 menu_shows "Debugging the Mark II"
check "the entry tracked on this computer reaches Focus, once, with its duration" \
  eventually 10 server_count "e['description'] == 'Local work' and isinstance(e.get('duration'), int)" 1

admin DELETE /requests > /dev/null
helper sni-click Start "$APP_ID" > /dev/null
check "Start in the tray menu starts tracking on Focus" \
  eventually 10 server_has "$RUNNING"
check "through tracking/start in the workspace" \
  requests_seen "r['method'] == 'POST' and r['path'] == '$SCOPE/tracking/start' and r['status'] == 200"
eventually 5 menu_shows "Stop" > /dev/null
started=$(running_id)

"$STINT" --toggle
check "stint --toggle stops it on Focus, with a duration" \
  eventually 10 server_has "e['id'] == $started and isinstance(e.get('duration'), int) and e['duration'] >= 0"
check "and nothing runs there any more" server_count "$RUNNING" 0
check "and the tray goes back to Start" eventually 5 menu_shows "Start"

# --- A description changed in the window reaches Focus -------------------------
"$STINT" --start "Compiler notes"
check "stint --start sends the description with the start" \
  eventually 10 server_has "e['description'] == 'Compiler notes' and $RUNNING"
"$STINT" --show
$A11Y wait-value text Description '^Compiler notes$' 10 > /dev/null
$A11Y set-text text Description "Writing the A-0 compiler" &&
  $A11Y activate text Description
check "renaming the running entry in the window changes it on Focus" \
  eventually 10 server_has "e['description'] == 'Writing the A-0 compiler' and $RUNNING"
check "without making a second entry" server_count "e['description'] == 'Compiler notes'" 0
"$STINT" --stop
eventually 10 server_count "$RUNNING" 0 > /dev/null
eventually 5 status_is "Not tracking" > /dev/null

# --- 422: something runs already on Focus --------------------------------------
admin POST /focus/start '{"description": "Started in the web app"}' > /dev/null
admin DELETE /requests > /dev/null
"$STINT" --start "From the tray"
check "a start while Focus runs something else meets 422" \
  eventually 10 requests_seen "r['path'] == '$SCOPE/tracking/start' and r['status'] == 422"
check "the later start wins, as typed: one entry runs on Focus, Stint's" \
  eventually 10 bash -c "server_count \"\$RUNNING\" 1 &&
                         server_has \"e['description'] == 'From the tray' and \$RUNNING\""
check "what ran in the web app was stopped, not lost" \
  server_has "e['description'] == 'Started in the web app' and not ($RUNNING)"
check "and no error is shown" eventually 10 no_problem
check "Stint keeps tracking what was typed" status_matches '^From the tray — 0:0[0-9]$'

# --- 404: a stop when nothing runs on Focus ------------------------------------
admin POST /focus/stop '{}' > /dev/null
admin DELETE /requests > /dev/null
"$STINT" --stop
check "a stop when Focus runs nothing meets 404" \
  eventually 10 requests_seen "r['path'] == '$SCOPE/tracking/stop' and r['status'] == 404"
check "Stint reads the entry back instead of failing" \
  eventually 10 requests_seen "r['method'] == 'GET' and r['path'].startswith('$SCOPE/time-entries') and r['status'] == 200"
check "no error is shown and nothing runs" \
  eventually 10 bash -c 'no_problem && status_is "Not tracking"'
check "nothing runs on Focus either" server_count "$RUNNING" 0

# --- The key stays secret --------------------------------------------------------
check_secret_kept key KEY

# --- A keyring that lost the key ---------------------------------------------------
"$STINT" --quit
eventually 10 stint_gone
timeout 10 secret-tool clear kind focus
G_MESSAGES_DEBUG=all start_stint
helper sni-wait "$APP_ID" 10 > /dev/null
signed_out="Signed out of Toggl Focus — sign in again in Preferences"
check "without the key the tray says how to sign in again, naming Toggl Focus" \
  eventually 10 bash -c "[ \"\$(prop Title)\" = '$signed_out' ]"
check "and so does stint --status" \
  eventually 5 bash -c "[ \"\$(\"\$STINT\" --status | sed -n 2p)\" = '$signed_out' ]"

# Signing in again while Stint runs: it is told, and connects.
sign_in --base-url="$FOCUS_URL" --organization=178452 --workspace=600100
check "signing in again with --workspace succeeds" test $? -eq 0
check "the running Stint connects again and the sentence goes" \
  eventually 10 bash -c "[ \"\$(prop Title)\" != '$signed_out' ] && no_problem"

# --- A key that expired ------------------------------------------------------------
admin POST /focus/expire-key '{}' > /dev/null
"$STINT" --start "After the key expired"
expired="Toggl Focus no longer accepts the API key — it may have expired; create a new one and sign in again in Preferences"
check "an expired key makes the tray ask for a new key" \
  eventually 10 bash -c "[ \"\$(prop Title)\" = '$expired' ]"
check "and stint --status, on a second line after the entry" \
  eventually 5 bash -c "[ \"\$(\"\$STINT\" --status | sed -n 2p)\" = '$expired' ]"
check "the start is kept here, waiting" status_matches '^After the key expired — '
check "and was not lost on the server side either: nothing new there" \
  server_count "e['description'] == 'After the key expired'" 0

# A figure for the reader, not a check: Focus's hourly quota (30 on the Free
# plan) after all of the above, as the last answer's header said.
left=$(grep -o 'quota [0-9]* left' "$DESKTOP_SESSION_DIR/logs/stint.log" | tail -n 1)
echo "# Focus requests this hour: the last answer said $left of 30"

# --- Signing out --------------------------------------------------------------------
"$STINT" --sign-out > "$SIGN_IN_OUT" 2> "$SIGN_IN_ERR"
check "stint --sign-out succeeds and names Toggl Focus" \
  bash -c "[ $? = 0 ] && grep -q '^Signed out of Toggl Focus: the API key is gone from the keyring' '$SIGN_IN_OUT'"
check "secret-tool no longer finds the key" no_secret_in_keyring focus
check "the settings say local" kind_is local
check "the running Stint lets go of the account's sentence" \
  eventually 10 bash -c "[ \"\$(prop Title)\" != '$expired' ]"

"$STINT" --quit
eventually 10 stint_gone

finish
