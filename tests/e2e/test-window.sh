#!/usr/bin/env bash
# test-window.sh: the window, opened every way a user opens it, driven
# through the accessibility tree
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"

A11Y="/usr/bin/python3 $(dirname "$0")/a11y.py"
export A11Y

window_shown() {
  $A11Y wait-text '^Description' "${1:-10}"
}

# Started as the session would (D-Bus activation): tray only, no window.
start_stint --gapplication-service
helper sni-wait "$APP_ID" 10 > /dev/null
check "started as a service, Stint opens no window" bash -c "! $A11Y wait-text '^Description' 1"

helper sni-click "Open Stint" "$APP_ID" > /dev/null
check "Open Stint in the tray menu opens the window" window_shown
check "the window says nothing was tracked yet" $A11Y wait-text 'Nothing tracked in the last 14 days' 5

$A11Y set-text text Description "Review PR" &&
  $A11Y activate text Description
check "typing a description and pressing Enter starts tracking it" \
  eventually 5 status_matches '^Review PR — 0:0[0-9]$'
check "the start button became Stop" $A11Y wait-text '^Stop( |$)' 5
check "the tray agrees" eventually 5 menu_has "Review PR"

$A11Y click "push button" "Stop"
check "the Stop button stops it" eventually 5 status_is "Not tracking"
check "the entry shows in the list under Today, with its times" \
  $A11Y wait-text '^Review PR, [0-9]{2}:[0-9]{2} to [0-9]{2}:[0-9]{2}, 0:0[0-9]' 5
check "the day header carries the day's total" $A11Y wait-text 'Today, total 0:0[0-9]$' 5
check "and the week's total is above the list" $A11Y wait-text '^This week, total 0:0[0-9]( |$)' 5

$A11Y click "push button" "Continue “Review PR”"
check "a row's continue button continues it" eventually 5 status_matches '^Review PR — '

$A11Y set-text text Description "Review PR #42" &&
  $A11Y activate text Description
check "Enter while tracking renames the running entry" eventually 5 status_matches '^Review PR #42 — '

helper screenshot "$ARTIFACTS/window.png"
check "a screenshot of the window is saved" test -s "$ARTIFACTS/window.png"

# Escape closes: give the window keyboard focus first (there is no window
# manager to do it).
win=$(xdotool search --onlyvisible --name '^Stint$' | head -n 1)
xdotool windowfocus --sync "$win" key Escape
check "Escape closes the window" $A11Y gone '^Description' 5
check "closing the window leaves Stint running in the tray" \
  bash -c "kill -0 $STINT_PID && helper sni-wait '$APP_ID' 2"

"$STINT" --show
check "stint --show opens it again" window_shown
xdotool windowfocus --sync "$(xdotool search --onlyvisible --name '^Stint$' | head -n 1)" key Escape
$A11Y gone '^Description' 5

"$STINT" > /dev/null 2>&1
check "a second launch of stint opens the window" window_shown

"$STINT" --quit
check "stint --quit closes window and tray" eventually 10 stint_gone

finish
