#!/usr/bin/env bash
# test-nudges.sh: long-timer and idle notifications, the global shortcut,
# sleep and shutdown, the pomodoro in the tray, Preferences' Tracking,
# Shortcuts and Startup pages, and starting at login
#
# Time: the app has no clock to wind forward from outside, and nothing here
# waits for hours. A timer "running for three hours" is a real entry whose
# start the test moves back in the database while Stint is not running (as
# if it had been started three hours ago and Stint restarted); Stint then
# sees it past its threshold at once. "Twenty minutes away" is what the fake
# GNOME Shell idle monitor (tests/stint-fake-desktop.py) reports. The one
# real wait is the idle monitor's own poll, once a minute, that notices the
# user is back. Reminders depend only on the clock and are tested in virtual
# time by tests/test-nudges.c (/stint/nudges/reminder/*).
#
# Sleep and shutdown: the same fake plays logind; Stint reaches it as its
# system bus through DBUS_SYSTEM_BUS_ADDRESS, pointed at this session's bus.
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"

A11Y="/usr/bin/python3 $(dirname "$0")/a11y.py"
FAKE_DESKTOP="$(dirname "$0")/../stint-fake-desktop.py"

# gsettings from this script must reach the running Stint (see test-track.sh).
export GSETTINGS_BACKEND=keyfile
export DBUS_SYSTEM_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS

db="$XDG_DATA_HOME/stint/stint.db"
autostart_file="$XDG_CONFIG_HOME/autostart/$APP_ID.desktop"

/usr/bin/python3 "$FAKE_DESKTOP" --mutter --logind > "$DESKTOP_SESSION_DIR/logs/fake-desktop.log" 2>&1 &
FAKE_PID=$!
trap 'kill "$FAKE_PID" 2> /dev/null' EXIT

# fake METHOD [ARGS...]: drive the fake desktop
fake() {
  local method=$1
  shift
  gdbus call --session --dest io.github.stintapp.Stint.FakeDesktop \
    --object-path /io/github/stintapp/Stint/FakeDesktop \
    --method "io.github.stintapp.Stint.FakeDesktop.$method" "$@"
}

inhibitor_held() {
  fake InhibitorHeld | grep -q true
}

notified() {
  helper notify-log | grep -qE -- "$1"
}

# menu_shows LABEL: a visible menu item has LABEL
menu_shows() {
  helper sni-menu "$APP_ID" | grep -v "'visible': False" | cut -f2 | grep -qxF -- "$1"
}

setting_is() {
  [ "$(gsettings get "$APP_ID" "$1")" = "$2" ]
}

# sql STATEMENT: run it on Stint's database (Python's sqlite3: no extra package)
sql() {
  /usr/bin/python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]):
    print(*row)
db.commit()' "$db" "$1"
}

# stop_of DESCRIPTION: the stop time of that entry, Unix seconds
stop_of() {
  sql "SELECT stop FROM entries WHERE description = '$1' AND stop IS NOT NULL ORDER BY id DESC LIMIT 1"
}

# app_action NAME [GVARIANT]: activate app.NAME in the running Stint, as a
# notification button does
app_action() {
  local parameter="[]"
  [ $# -gt 1 ] && parameter="[<$2>]"
  gdbus call --session --dest "$APP_ID" --object-path /io/github/stintapp/Stint \
    --method org.gtk.Actions.Activate "$1" "$parameter" "{}" > /dev/null
}

export db
export -f fake inhibitor_held notified menu_shows setting_is sql

eventually 10 fake Calls > /dev/null

# --- A timer that has run for three hours --------------------------------------
start_stint
helper sni-wait "$APP_ID" 10 > /dev/null
"$STINT" --start "Long work"
eventually 5 status_matches '^Long work — ' > /dev/null
"$STINT" --quit
eventually 10 stint_gone
sql "UPDATE entries SET start = start - 3 * 3600 WHERE stop IS NULL"
check "the entry in the database has been running for three hours" status_matches '^Long work — 3:0'

G_MESSAGES_DEBUG=stint-application-nudges,stint-nudges,stint-notifier,stint-idle-monitor,stint-sleep-monitor start_stint
helper sni-wait "$APP_ID" 10 > /dev/null
check "past its threshold, the long-timer notification reaches the notification server" \
  eventually 10 notified 'Long work has been running for 3 hours'
check "it offers Stop and Keep tracking" bash -c 'notified "\"Stop\"" && notified "\"Keep tracking\""'
helper notify-action "#Stop (" > /dev/null
check "invoking its Stop action stops the entry" eventually 5 status_is "Not tracking"

# --- The global shortcut, and the pomodoro in the tray --------------------------
gsettings set "$APP_ID" pomodoro-enabled true
xdotool key super+alt+t
check "Super+Alt+T toggles tracking on: the last entry continues" eventually 5 status_matches '^Long work — 0:00'
check "the tray menu shows the pomodoro's time left" eventually 5 menu_shows "Pomodoro: 25 min left"
xdotool key super+alt+t
check "pressing it again toggles tracking off" eventually 5 status_is "Not tracking"
check "with nothing running no pomodoro counts in the menu" \
  eventually 5 bash -c '! menu_shows "Pomodoro: 25 min left"'
gsettings set "$APP_ID" pomodoro-enabled false

# --- Sleep and shutdown -----------------------------------------------------------
"$STINT" --start "Through sleep"
eventually 5 status_matches '^Through sleep — ' > /dev/null
check "while tracking, Stint holds a logind delay inhibitor (stop-on-shutdown is on by default)" \
  eventually 5 inhibitor_held
fake PrepareForSleep true > /dev/null
sleep 1
check "with stop-on-sleep off, the entry keeps running through sleep" status_matches '^Through sleep — '
fake PrepareForSleep false > /dev/null
"$STINT" --stop
eventually 5 status_is "Not tracking" > /dev/null
check "with nothing running the inhibitor is let go" eventually 5 bash -c '! inhibitor_held'

gsettings set "$APP_ID" stop-on-sleep true
"$STINT" --start "Before sleep"
eventually 5 status_matches '^Before sleep — ' > /dev/null
eventually 5 inhibitor_held
t_sleep=$(date +%s)
fake PrepareForSleep true > /dev/null
check "with stop-on-sleep on, going to sleep stops the entry" eventually 5 status_is "Not tracking"
sleep 2
t_wake=$(date +%s)
fake PrepareForSleep false > /dev/null
stop=$(stop_of "Before sleep")
check "it stops at the moment sleep began, not at waking" \
  bash -c "[ -n '$stop' ] && [ '$stop' -ge $t_sleep ] && [ '$stop' -le $((t_sleep + 1)) ] && [ '$stop' -lt $t_wake ]"
check "no idle notification for the short sleep" bash -c '! notified "You were away"'

"$STINT" --start "Before shutdown"
eventually 5 inhibitor_held
t_down=$(date +%s)
fake PrepareForShutdown true > /dev/null
check "with stop-on-shutdown on, shutting down stops the entry" eventually 5 status_is "Not tracking"
stop=$(stop_of "Before shutdown")
check "at the moment shutdown began" bash -c "[ -n '$stop' ] && [ '$stop' -ge $t_down ] && [ '$stop' -le $((t_down + 1)) ]"
fake PrepareForShutdown false > /dev/null
gsettings set "$APP_ID" stop-on-sleep false

# --- Twenty minutes away ------------------------------------------------------------
# Stint starts with an entry that has run for an hour, while the fake GNOME
# Shell says nobody has touched the keyboard for 20 minutes.
"$STINT" --start "Deep work"
eventually 5 status_matches '^Deep work — ' > /dev/null
"$STINT" --quit
eventually 10 stint_gone
sql "UPDATE entries SET start = start - 3600 WHERE stop IS NULL"
gsettings set "$APP_ID" idle-threshold 60
fake SetIdletime 1200000 > /dev/null
t_left=$(( $(date +%s) - 1200 ))
G_MESSAGES_DEBUG=stint-application-nudges,stint-nudges,stint-notifier,stint-idle-monitor,stint-sleep-monitor start_stint
helper sni-wait "$APP_ID" 10 > /dev/null
check "Stint notices the user has been away (idle source: GNOME Shell)" \
  eventually 10 grep -q 'Idle since' "$DESKTOP_SESSION_DIR/logs/stint.log"
# The user is back. The idle monitor's next poll, a minute later, notices;
# meanwhile the user looks at Preferences, which changes nothing running.
fake SetIdletime 1000 > /dev/null

# --- Preferences: Tracking and Shortcuts ---------------------------------------------
helper sni-click Preferences "$APP_ID" > /dev/null
$A11Y wait-text '^On this computer only' 10 > /dev/null
$A11Y select Tracking
check "the Tracking page names the idle source in use" \
  $A11Y wait-text '^GNOME Shell tells Stint when you are away\.' 5
check "the Tracking page names its controls" \
  bash -c "$A11Y wait-text '^Minutes before a long-timer notification' 2 && $A11Y wait-text '^Reminders from' 2 &&
           $A11Y wait-text '^Stop the timer when the computer sleeps' 2 && $A11Y wait-text '^Saturday' 2"
$A11Y set-text "spin button" "Minutes before a long-timer notification" 150
$A11Y activate "spin button" "Minutes before a long-timer notification"
check "150 minutes typed in Preferences become long-timer-threshold 9000 seconds" \
  eventually 5 setting_is long-timer-threshold "uint32 9000"
$A11Y click "toggle button" "Saturday"
check "Saturday pressed adds it to the working days" eventually 5 setting_is reminder-days "uint32 63"
helper screenshot "$ARTIFACTS/preferences-tracking.png"
check "a screenshot of the Tracking page is saved" test -s "$ARTIFACTS/preferences-tracking.png"

$A11Y select Shortcuts
check "the Shortcuts page says which path the shortcuts take" \
  $A11Y wait-text 'Stint listens for these shortcuts in every window of this X11 session' 5
gsettings set "$APP_ID" shortcut-toggle '<Super><Alt>y'
check "a shortcut changed in the settings shows on its button" \
  $A11Y wait-text '^Shortcut to start or stop tracking Alt\+Super\+Y' 5
helper screenshot "$ARTIFACTS/preferences-shortcuts.png"
check "a screenshot of the Shortcuts page is saved" test -s "$ARTIFACTS/preferences-shortcuts.png"

# --- Back from twenty minutes away -------------------------------------------------------
check "back after 20 minutes away, the idle notification appears" \
  eventually 75 notified 'You were away for 2[01] minutes'
check "it offers Keep, Discard idle time, Discard and continue, Stop at idle start" \
  bash -c 'notified "\"Keep\"" && notified "\"Discard idle time\"" && notified "\"Discard and continue\"" && notified "\"Stop at idle start\""'
helper notify-action "#Discard idle time" > /dev/null
check "Discard idle time stops the entry" eventually 5 status_is "Not tracking"
stop=$(stop_of "Deep work")
check "its stop moves back to when the user left, 20 minutes before" \
  bash -c "[ -n '$stop' ] && [ '$stop' -ge $((t_left - 3)) ] && [ '$stop' -le $((t_left + 3)) ]"

xdotool key super+alt+y
check "the changed shortcut works at once: the last entry continues" eventually 5 status_matches '^Before shutdown — 0:00'
xdotool key super+alt+y
eventually 5 status_is "Not tracking" > /dev/null

# --- The idle choices, as the notification buttons activate them ------------------
# app.idle-*(x) carry the moment the user left; activate them over D-Bus
# (org.gtk.Actions) with times the test knows.
"$STINT" --start "Call"
eventually 5 status_matches '^Call — ' > /dev/null
call_start=$(sql "SELECT start FROM entries WHERE stop IS NULL")
sleep 2
app_action idle-discard-continue "int64 $((call_start + 1))"
check "Discard and continue ends the entry when the user left…" \
  eventually 5 bash -c "[ \"\$(sql \"SELECT stop FROM entries WHERE description = 'Call' AND start = $call_start\")\" = $((call_start + 1)) ]"
check "…and continues the same work from now" \
  eventually 5 bash -c "status_matches '^Call — 0:00' && [ \"\$(sql 'SELECT start FROM entries WHERE stop IS NULL')\" -ge $((call_start + 2)) ]"
again_start=$(sql "SELECT start FROM entries WHERE stop IS NULL")
sleep 2
"$STINT" --stop
eventually 5 status_is "Not tracking" > /dev/null
app_action idle-stop "int64 $((again_start + 1))"
check "a late click, after the entry was stopped, still moves its stop back to when the user left" \
  eventually 5 bash -c "[ \"\$(sql \"SELECT stop FROM entries WHERE start = $again_start\")\" = $((again_start + 1)) ]"

# --- Starting at login ------------------------------------------------------------------
$A11Y select Startup
$A11Y click "toggle button" "Start Stint when you log in"
check "switching on Start at login writes the autostart entry" eventually 5 test -s "$autostart_file"
check "desktop-file-validate accepts it" desktop-file-validate "$autostart_file"
check "it starts Stint as a service, hidden, and is enabled" \
  bash -c "grep -qx 'Exec=stint --gapplication-service' '$autostart_file' &&
           grep -qx 'X-GNOME-Autostart-enabled=true' '$autostart_file'"
helper screenshot "$ARTIFACTS/preferences-startup.png"

"$STINT" --quit
eventually 10 stint_gone
# What the session does at login: run the Exec line.
exec_line=$(sed -n 's/^Exec=//p' "$autostart_file")
PATH="$(dirname "$STINT"):$PATH" bash -c "$exec_line" >> "$DESKTOP_SESSION_DIR/logs/stint.log" 2>&1 &
STINT_PID=$!
check "the autostart command brings up the tray item" helper sni-wait "$APP_ID" 10
check "and opens no window" $A11Y gone '^Recent entries' 3
check "the setting still says on" setting_is autostart true
gsettings set "$APP_ID" autostart false
check "switching it off removes the entry" eventually 5 bash -c "[ ! -e '$autostart_file' ]"

"$STINT" --quit
eventually 10 stint_gone

finish
