#!/usr/bin/env bash
# test-accounts.sh: signing in to Toggl Track from Preferences and out again,
# with a change that has not reached Toggl yet, as a user sees it
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"
. "$(dirname "$0")/test-accounts-lib.sh"

# --- Before any account: one entry tracked on this computer ------------------
G_MESSAGES_DEBUG=all start_stint
helper sni-wait "$APP_ID" 10 > /dev/null
"$STINT" --start "Local work"
eventually 5 status_matches '^Local work — ' > /dev/null
"$STINT" --stop
eventually 5 status_is "Not tracking" > /dev/null

check "the database is private: folder 0700, file 0600" \
  bash -c '[ "$(stat -c %a "$(dirname "$1")")" = 700 ] && [ "$(stat -c %a "$1")" = 600 ]' _ "$DB"

# An entry another Toggl client made, for Stint to cache when it signs in.
admin POST /entries "{\"description\": \"Server side work\", \"start\": \"$(iso_ago 7200)\",
                      \"stop\": \"$(iso_ago 3600)\"}" > /dev/null

# --- Signing in from Preferences ------------------------------------------------
helper sni-click Preferences "$APP_ID" > /dev/null
check "Preferences offers Toggl Track and Toggl Focus beside this computer" \
  bash -c "$A11Y wait-text '^On this computer only' 10 && $A11Y wait-text '^Toggl Track' 2 &&
           $A11Y wait-text '^Toggl Focus' 2"
check "it says Stint uses the desktop's proxy settings" \
  $A11Y wait-text "^Stint uses the desktop’s proxy settings" 5

$A11Y click "radio button" "Toggl Track"
$A11Y set-text "password text" "API token" "$TOKEN"
$A11Y click "toggle button" "Advanced"
$A11Y set-text text "Server address" "http://example.com/api/v9"
check "an http:// server off this computer is refused in place, with a sentence" \
  $A11Y wait-text '^Stint only sends your token over https://; “example\.com” is plain http:// to another computer\.' 5
$A11Y set-text text "Server address" "$TRACK_URL"
$A11Y click "push button" "Sign in to Toggl Track"
check "with an entry on this computer, signing in asks before uploading it" \
  $A11Y wait-text '^Upload 1 entry tracked on this computer to Toggl Track\?' 10
$A11Y click "push button" "Keep on This Computer"
check "the sign-in from Preferences completes" \
  $A11Y wait-text '^Signed in to Toggl Track as ada@example\.com\.' 10

check "secret-tool search finds the token in the keyring" \
  bash -c 'timeout 10 secret-tool search --all kind track 2>&1 | grep -qxF "secret = $TOKEN"'
check "the settings say track" kind_is track
check "the page shows the requests left this hour" \
  $A11Y wait-text '^Requests left this hour: [0-9]+ for your account' 15
check "and when Stint last synced" \
  $A11Y wait-text '^Last synced (just now|[0-9]+ minutes? ago)' 10
helper screenshot "$ARTIFACTS/accounts-signed-in.png"
check "a screenshot of the signed-in Account page is saved" test -s "$ARTIFACTS/accounts-signed-in.png"
check "the server's entry is in Stint's cache" \
  eventually 10 db_count "account = 'track:1001' AND description = 'Server side work'" 1

check "the token is in no file under the data, config and cache directories" \
  bash -c '! grep -raF -l "$TOKEN" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"'
check "the token is not in Stint's log, debug messages included" \
  bash -c '[ -s "$1" ] && ! grep -qF "$TOKEN" "$1"' _ "$DESKTOP_SESSION_DIR/logs/stint.log"

# --- A change that cannot reach Toggl ---------------------------------------------
admin POST /faults '{"path": "*/time_entries", "method": "POST", "kind": "status", "status": 503,
                     "times": 1000}' > /dev/null
"$STINT" --start "Not sent yet"
check "the server refuses the new entry for now" \
  eventually 10 requests_seen "r['method'] == 'POST' and r['status'] == 503"
"$STINT" --stop
eventually 5 status_is "Not tracking" > /dev/null

# --- Signing out with it pending -----------------------------------------------------
$A11Y click "push button" "Sign out of Toggl Track"
check "Sign Out warns that a change has not reached Toggl yet" \
  $A11Y wait-text '^1 change has not reached Toggl yet' 10
check "and offers to keep it for the next sign-in, or to discard it" \
  bash -c "$A11Y wait-text '^Keep Them for the Next Sign-In' 2 &&
           $A11Y wait-text '^Discard Them and Sign Out' 2 && $A11Y wait-text '^Cancel' 2"
helper screenshot "$ARTIFACTS/accounts-sign-out-warning.png"
$A11Y click "push button" "Keep Them for the Next Sign-In"
check "keeping it, Stint signs out and says where the change waits" \
  $A11Y wait-text '^Signed out\. 1 change waits in Stint’s database' 10
check "the settings say local" kind_is local
check "secret-tool no longer finds the token" \
  bash -c '[ -z "$(timeout 10 secret-tool search --all kind track 2>&1 | grep "^secret = ")" ]'
check "the cached entries of the account are gone from the database" \
  db_count "account = 'track:1001' AND description = 'Server side work'" 0
# Its outbox holds the create and the stop, sent as one when it can go.
check "the change that waits is kept, with its outbox operations" \
  bash -c "db_count \"account = 'track:1001' AND description = 'Not sent yet'\" 1 &&
           db_count_outbox \"account = 'track:1001'\" 2"
check "the entry tracked on this computer is untouched" \
  db_count "account = 'local' AND description = 'Local work'" 1
check "the running Stint shows the entries of this computer again" \
  eventually 10 bash -c 'menu_shows "Local work" && ! menu_shows "Not sent yet"'

# --- The next sign-in to the same account sends it --------------------------------------
admin DELETE /faults > /dev/null
sign_in --base-url="$TRACK_URL"
check "signing in again to the same account from the command line succeeds" test $? -eq 0
check "the change kept at sign-out reaches Toggl, stopped" \
  eventually 15 server_has "e['description'] == 'Not sent yet' and e['stop'] is not None"
check "once" server_count "e['description'] == 'Not sent yet'" 1
check "and Stint fetches the account's entries again" \
  eventually 10 db_count "account = 'track:1001' AND description = 'Server side work'" 1

"$STINT" --sign-out > "$SIGN_IN_OUT" 2> "$SIGN_IN_ERR"
check "stint --sign-out with nothing pending signs out and says so" \
  bash -c "[ $? = 0 ] && grep -q '^Signed out of Toggl Track' '$SIGN_IN_OUT' && ! grep -q 'reached' '$SIGN_IN_OUT'"
check "and clears the account's cache too" \
  eventually 5 db_count "account = 'track:1001'" 0

"$STINT" --quit
eventually 10 stint_gone

finish
