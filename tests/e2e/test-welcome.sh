#!/usr/bin/env bash
# test-welcome.sh: the first run, as a new user sees it: the tray as always,
# and a window that says what Stint is and asks where entries go, driven
# through the accessibility tree
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"

A11Y="/usr/bin/python3 $(dirname "$0")/a11y.py"
export A11Y

# The settings the running Stint writes, read from here through a file in
# this session's XDG_CONFIG_HOME.
export GSETTINGS_BACKEND=keyfile

setting_is() {
  [ "$(gsettings get "$APP_ID" "$1")" = "$2" ]
}

close_window() {
  xdotool windowfocus --sync "$(xdotool search --onlyvisible --name '^Stint$' | head -n 1)" key Escape
  $A11Y gone '^Description' 5
}

export -f setting_is

# --- First run: launched from the application menu ----------------------------
start_stint
check "on first run the tray item registers as always" helper sni-wait "$APP_ID" 10
check "the window opens with the welcome" $A11Y wait-text '^Welcome to Stint( |$)' 10
check "it says what Stint is and where entries go" \
  $A11Y wait-text '^Stint keeps track of your working time from the system tray\..*stay on this computer' 2
check "it offers three choices, each with a name a screen reader says" \
  bash -c "$A11Y wait-text '^Track on This Computer( |$)' 2 && $A11Y wait-text '^Connect Toggl Track( |$)' 2 &&
           $A11Y wait-text '^Connect Toggl Focus( |$)' 2"
check "the timer bar is there to type into at once" $A11Y wait-text '^Description' 2
check "stint --status is unaffected" status_is "Not tracking"
helper screenshot "$ARTIFACTS/welcome.png"
check "a screenshot of the welcome is saved" test -s "$ARTIFACTS/welcome.png"

close_window
"$STINT" --show
check "closing the window is no choice: it welcomes again" $A11Y wait-text '^Welcome to Stint( |$)' 10
check "and nothing was remembered" setting_is welcome-shown false

# --- Track on this computer ----------------------------------------------------
$A11Y click "push button" "Track on This Computer"
check "Track on This Computer dismisses the welcome" $A11Y gone '^Welcome to Stint( |$)' 5
check "and remembers the choice, staying local" \
  eventually 5 bash -c "setting_is welcome-shown true && setting_is account-kind \"'local'\""
check "the window goes on with the empty list" $A11Y wait-text 'Nothing tracked in the last 14 days' 5

"$STINT" --quit
eventually 10 stint_gone
start_stint
helper sni-wait "$APP_ID" 10 > /dev/null
check "started again, the window has no welcome" \
  bash -c "$A11Y wait-text '^Description' 10 && ! $A11Y wait-text '^Welcome to Stint( |$)' 1"

# --- Connect Toggl Track --------------------------------------------------------
close_window
gsettings set "$APP_ID" welcome-shown false
"$STINT" --show
$A11Y wait-text '^Welcome to Stint( |$)' 10 > /dev/null
$A11Y click "push button" "Connect Toggl Track"
check "Connect Toggl Track opens Preferences with the Toggl Track sign-in in view" \
  $A11Y wait-text '^API token' 10
check "the welcome is gone and the choice remembered, though nothing is signed in yet" \
  bash -c "$A11Y gone '^Welcome to Stint( |$)' 5 && setting_is welcome-shown true && setting_is account-kind \"'local'\""

"$STINT" --quit
check "stint --quit closes windows and tray" eventually 10 stint_gone

finish
