#!/usr/bin/env bash
# test-accounts-no-keyring.sh: a desktop without a keyring; Stint says so,
# keeps the token in memory for this session when asked, and syncs
#
# Runs in `desktop-session --no-keyring`.
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"
. "$(dirname "$0")/test-accounts-lib.sh"

# desktop-session --no-keyring masks the installed gnome-keyring too, so
# that the bus cannot start one on demand: no Secret Service at all.
check "no Secret Service answers, nor can the bus start one" \
  bash -c '! gdbus call --session --timeout 5 --dest org.freedesktop.secrets \
             --object-path /org/freedesktop/secrets \
             --method org.freedesktop.Secret.Service.ReadAlias default > /dev/null 2>&1'

# --- From the command line: a sentence pointing to Preferences ------------------
sign_in --base-url="$TRACK_URL"
check "stint --sign-in without a keyring fails" test $? -eq 1
check "and says to sign in from Preferences, which can keep the token for the session" \
  grep -qF 'No keyring (Secret Service) is running on this desktop, so Stint cannot save your token. Sign in from Stint’s Preferences instead' "$SIGN_IN_ERR"
check "the token is not repeated back" bash -c '! grep -qF "$TOKEN" "$1" "$2"' _ "$SIGN_IN_OUT" "$SIGN_IN_ERR"
check "and the settings still say local" kind_is local

# --- From Preferences: keep it for this session only -----------------------------
G_MESSAGES_DEBUG=all start_stint
helper sni-wait "$APP_ID" 10 > /dev/null
helper sni-click Preferences "$APP_ID" > /dev/null
$A11Y wait-text '^On this computer only' 10 > /dev/null
$A11Y click "radio button" "Toggl Track"
$A11Y set-text "password text" "API token" "$TOKEN"
$A11Y click "toggle button" "Advanced"
$A11Y set-text text "Server address" "$TRACK_URL"
$A11Y click "push button" "Sign in to Toggl Track"
check "Preferences says plainly that no keyring runs" \
  $A11Y wait-text '^No keyring is running, so Stint cannot save your token\.' 10
check "and offers to keep the token for this session only" \
  $A11Y wait-text '^Keep It for This Session Only' 2
check "nothing is signed in yet" kind_is local
helper screenshot "$ARTIFACTS/accounts-no-keyring.png"

$A11Y click "push button" "Keep It for This Session Only"
check "keeping it for the session signs in" \
  $A11Y wait-text '^Signed in to Toggl Track as ada@example\.com\.' 10
check "the page says the token lasts until Stint quits" \
  $A11Y wait-text 'keeps the token only until it quits' 5
check "the settings say track" kind_is track

# --- Tracking syncs to Toggl ---------------------------------------------------------
"$STINT" --start "Session work"
check "an entry started now reaches the server" \
  eventually 15 server_has "e['description'] == 'Session work' and e.get('created_with') == 'Stint'"
"$STINT" --stop
check "and stopping it does too" \
  eventually 15 server_has "e['description'] == 'Session work' and e['stop'] is not None"
check "the page shows the requests left this hour" \
  $A11Y wait-text '^Requests left this hour: ' 10

check "the token is in no file under the data, config and cache directories" \
  bash -c '! grep -raF -l "$TOKEN" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"'
check "the token is not in Stint's log, debug messages included" \
  bash -c '[ -s "$1" ] && ! grep -qF "$TOKEN" "$1"' _ "$DESKTOP_SESSION_DIR/logs/stint.log"

# --- The next run has no token: the session is over ------------------------------------
"$STINT" --quit
eventually 10 stint_gone
start_stint
helper sni-wait "$APP_ID" 10 > /dev/null
check "after a restart the tray says to sign in again" \
  eventually 10 bash -c '[ "$(prop Title)" = "Signed out of Toggl Track — sign in again in Preferences" ]'
"$STINT" --quit
eventually 10 stint_gone

finish
