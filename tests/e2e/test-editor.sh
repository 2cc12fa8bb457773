#!/usr/bin/env bash
# test-editor.sh: the timer bar's quick syntax and its offer to create what
# it does not know, forgetting to start, the entry editor on a row, its
# refusals, delete and undo: driven through the accessibility tree and the
# keyboard, checked in the store
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"

A11Y="/usr/bin/python3 $(dirname "$0")/a11y.py"
DB="$XDG_DATA_HOME/stint/stint.db"
export A11Y DB

# db_is SQL EXPECTED: what the store says, as sqlite3 prints it
db_is() {
  [ "$(sqlite3 "$DB" "$1")" = "$2" ]
}

# json_is PYTHON-EXPRESSION: about `stint --status --json`, as j
json_is() {
  "$STINT" --status --json | /usr/bin/python3 -c "import json, sys; j = json.load(sys.stdin); sys.exit(0 if $1 else 1)"
}

# The window has no window manager to give it the keyboard.
focus_window() {
  xdotool windowfocus --sync "$(xdotool search --onlyvisible --name '^Stint$' | head -n 1)"
}

# open_editor ROW-PATTERN: the keyboard way, as a user without a mouse does
open_editor() {
  focus_window && $A11Y focus "list item" "re:$1" && xdotool key Return
}

export -f db_is json_is focus_window open_editor

# A finished entry from yesterday morning, written before Stint starts.
start_stint --gapplication-service
helper sni-wait "$APP_ID" 10 > /dev/null
"$STINT" --quit
eventually 10 stint_gone
yesterday=$(date -d 'yesterday 10:00' +%s)
sqlite3 "$DB" "INSERT INTO entries (description, start, stop) VALUES ('Write tests', $yesterday, $((yesterday + 3600)));"

start_stint --gapplication-service
helper sni-wait "$APP_ID" 10 > /dev/null
"$STINT" --show
check "the window opens" $A11Y wait-text '^Description' 10
check "yesterday's entry is listed with its times" \
  $A11Y wait-text '^Write tests, 10:00 to 11:00, 1:00' 5

# --- quick syntax, and the offer to create what Stint does not know

$A11Y set-text text Description "Review PR @Stint #code" &&
  $A11Y activate text Description
check "Enter starts the entry at once" eventually 5 status_matches '^Review PR — 0:0[0-9]$'
check "the window offers to create the unknown project and tag" \
  $A11Y wait-text '^“Stint” is not a project yet\. “code” is not a tag yet\.' 5
check "nothing was created behind the user's back" \
  db_is "SELECT (SELECT count(*) FROM projects) + (SELECT count(*) FROM tags)" 0
check "the entry runs without them meanwhile" json_is 'j["project"] is None'

$A11Y click "push button" "Create"
check "Create files the running entry under the new project" \
  eventually 5 json_is 'j["project"] == "Stint" and j["description"] == "Review PR"'
check "and gives it the new tag" \
  db_is "SELECT tags FROM entries WHERE stop IS NULL" '["code"]'
check "the offer goes away" $A11Y gone 'is not a project yet' 5
check "the project button shows the project" $A11Y wait-text '^Project: Stint( |$)' 5
check "the tag shows under the description" $A11Y wait-text '^Tags: code( |$)' 5
helper screenshot "$ARTIFACTS/editor-timer-bar.png"
check "a screenshot of the running entry is saved" test -s "$ARTIFACTS/editor-timer-bar.png"

$A11Y click "push button" "Stop"
check "Stop stops it" eventually 5 status_is "Not tracking"
check "its row shows project and tag" $A11Y wait-text '^Review PR, Stint, #code, ' 5

# --- forgot to start

$A11Y set-text text Description "Standup"
$A11Y click "toggle button" "Start or stop at another time"
$A11Y set-text text "Started how long ago" "15" &&
  $A11Y activate text "Started how long ago"
check "forgot to start: 15 minutes back would overlap the entry just stopped, and it says so" \
  $A11Y wait-text '^That is before the last entry ended, at [0-9]{2}:[0-9]{2}\.' 5
check "nothing started" status_is "Not tracking"
$A11Y click "push button" "Start Anyway"
check "Start Anyway starts it a quarter of an hour back" \
  eventually 5 status_matches '^Standup — 0:1[45]$'
$A11Y click "push button" "Stop"
check "and it stops" eventually 5 status_is "Not tracking"

# --- the editor on a row

open_editor '^Write tests'
check "Enter on a row opens its editor" $A11Y wait-value text Start '^10:00$' 5
$A11Y set-text text Start "9:15"
check "typing 9:15 as the start changes the duration at once" \
  $A11Y wait-value text Duration '^1:45$' 5
helper screenshot "$ARTIFACTS/editor.png"
check "a screenshot of the editor is saved" test -s "$ARTIFACTS/editor.png"
$A11Y activate text Start
check "Enter saves the new start in the store" \
  eventually 5 db_is "SELECT strftime('%H:%M', start, 'unixepoch') || '-' || strftime('%H:%M', stop, 'unixepoch') FROM entries WHERE description = 'Write tests'" "09:15-11:00"
check "the editor closes" $A11Y gone '^Duration' 5
check "the row shows the new times" $A11Y wait-text '^Write tests, 09:15 to 11:00, 1:45' 5

open_editor '^Write tests'
$A11Y wait-value text Start '^09:15$' 5 > /dev/null
$A11Y set-text text Stop "yesterday 9:00" &&
  $A11Y activate text Stop
check "a stop before the start is refused, in place" \
  $A11Y wait-text '^The entry cannot end before it starts\.' 5
helper screenshot "$ARTIFACTS/editor-refusal.png"
check "and the store keeps the entry as it was" \
  db_is "SELECT strftime('%H:%M', stop, 'unixepoch') FROM entries WHERE description = 'Write tests'" "11:00"

# --- delete and undo

$A11Y click "push button" "Delete"
check "Delete takes the entry out of the store" \
  eventually 5 db_is "SELECT count(*) FROM entries WHERE description = 'Write tests'" 0
check "and out of the list" $A11Y gone '^Write tests, ' 5
check "a bar says what was deleted" $A11Y wait-text '^Deleted “Write tests”\.' 5
$A11Y click "push button" "Undo"
check "Undo brings it back to the store" \
  eventually 5 db_is "SELECT strftime('%H:%M', start, 'unixepoch') FROM entries WHERE description = 'Write tests'" "09:15"
check "and to the list" $A11Y wait-text '^Write tests, 09:15 to 11:00, 1:45' 5
check "the bar goes away" $A11Y gone '^Deleted “Write tests”' 5

# --- the keyboard alone: type, pick from the suggestions, Enter

focus_window && $A11Y focus text Description &&
  xdotool type --delay 40 "stand" && sleep 0.5 && xdotool key Down && sleep 0.2 && xdotool key Return
check "typing shows past activities; Down and Enter pick one" \
  $A11Y wait-value text Description '^Standup$' 5
xdotool key Return
check "and Enter starts it" eventually 5 status_matches '^Standup — 0:0[0-9]$'
$A11Y click "push button" "Stop"
eventually 5 status_is "Not tracking"

# --- the keyboard: Escape closes the editor first, then the window

open_editor '^Write tests'
$A11Y wait-value text Start '^09:15$' 5 > /dev/null
focus_window && xdotool key Escape
check "Escape closes the editor without saving" $A11Y gone '^Duration' 5
check "and leaves the window open" $A11Y wait-text '^Description' 2
focus_window && xdotool key Escape
check "a second Escape closes the window" $A11Y gone '^Description' 5

# --- the command line reads the same syntax

out=$("$STINT" --start "Plan sprint @Stint #later" 2>&1)
check "stint --start uses the known project at once" \
  eventually 5 json_is 'j["project"] == "Stint" and j["description"] == "Plan sprint"'
check "and says in a sentence what it did not know" \
  bash -c "echo '$out' | grep -q '“later” is not a tag yet'"

"$STINT" --quit
check "Stint quits" eventually 10 stint_gone

finish
