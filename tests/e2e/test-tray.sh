#!/usr/bin/env bash
# test-tray.sh: the tray item as a user meets it, driven over D-Bus
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"

db="$XDG_DATA_HOME/stint/stint.db"

app_on_bus() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$APP_ID" | grep -q true
}

"$STINT" --quit
check "stint --quit with no instance running starts nothing" \
  bash -c "$(declare -f app_on_bus); ! app_on_bus && [ ! -e '$db' ]"
check "stint --status works without an instance and without a database" status_is "Not tracking"

start_stint
check "the tray item registers with the StatusNotifier watcher" helper sni-wait "$APP_ID" 10
check "the idle icon is shown" icon_is "$APP_ID-idle-symbolic"
check "the menu offers Start" menu_has "Start"
check "the menu offers Open Stint and Quit" bash -c 'menu_has "Open Stint" && menu_has Quit'
check "the database is private: directory 0700, file 0600" \
  bash -c '[ "$(stat -c %a "$(dirname "'"$db"'")")" = 700 ] && [ "$(stat -c %a "'"$db"'")" = 600 ]'

check "clicking Start in the tray menu starts tracking" helper sni-click Start "$APP_ID"
check "stint --status --json reports the running entry" \
  eventually 5 bash -c '"$STINT" --status --json | /usr/bin/python3 -c "
import json, sys
s = json.load(sys.stdin)
assert s[\"running\"] is True and s[\"class\"] == \"tracking\", s
assert s[\"elapsed_seconds\"] >= 0 and s[\"start\"], s
assert set(s) >= {\"text\", \"tooltip\", \"class\", \"running\", \"description\", \"project\", \"start\", \"elapsed_seconds\"}, s
"'
check "the tray label is a valid H:MM" eventually 5 label_is_hmm
check "the tracking icon is shown" eventually 5 icon_is "$APP_ID-tracking-symbolic"
check "the menu now offers Stop" eventually 5 menu_has "Stop"

helper screenshot "$ARTIFACTS/panel-tracking.png"
check "a screenshot of the panel is saved" test -s "$ARTIFACTS/panel-tracking.png"

"$STINT" --toggle
check "stint --toggle stops it" eventually 5 status_is "Not tracking"
check "the menu offers Start again" eventually 5 menu_has "Start"
check "the stopped entry is offered under Continue" eventually 5 menu_has "No description"

"$STINT" --start "Writing_report for Q3"
check "stint --start TEXT starts an entry with that description" \
  eventually 5 status_matches '^Writing_report for Q3 — 0:0[0-9]$'
check "the tray title names the running entry (underscores intact)" \
  eventually 5 bash -c '[ "$(prop Title)" = "Writing_report for Q3" ]'

# Middle click on the tray item is SecondaryActivate on the SNI interface.
item=$(helper sni-items | awk -v id="$APP_ID" '$3 == id { print $1 " " $2 }')
gdbus call --session --dest "${item% *}" --object-path "${item#* }" \
  --method org.kde.StatusNotifierItem.SecondaryActivate -- 0 0 > /dev/null 2>&1
check "a middle click toggles tracking off" eventually 5 status_is "Not tracking"
gdbus call --session --dest "${item% *}" --object-path "${item#* }" \
  --method org.kde.StatusNotifierItem.SecondaryActivate -- 0 0 > /dev/null 2>&1
check "a second middle click continues the last entry" \
  eventually 5 status_matches '^Writing_report for Q3 — '

"$STINT" --quit
check "stint --quit ends the instance" eventually 10 stint_gone
check "after quitting, the running entry is still on disk" status_matches '^Writing_report for Q3 — '

start_stint
check "a restarted Stint registers again" helper sni-wait "$APP_ID" 10
check "the restarted Stint shows the entry still running" \
  eventually 5 menu_has "Writing_report for Q3"
check "and offers Stop" menu_has "Stop"

"$STINT" --quit
eventually 10 stint_gone

# A notification clicked after Stint quit: D-Bus starts Stint for the
# notification's action and delivers it at once, before the set-up that waits
# for the tray has run; the action must be there and do its work.
mkdir -p "$XDG_DATA_HOME/dbus-1/services"
cat > "$XDG_DATA_HOME/dbus-1/services/$APP_ID.service" <<EOS
[D-BUS Service]
Name=$APP_ID
Exec=/bin/sh -c 'exec "$STINT" --gapplication-service >> "$DESKTOP_SESSION_DIR/logs/stint.log" 2>&1'
EOS
dbus-update-activation-environment GSETTINGS_BACKEND GSETTINGS_SCHEMA_DIR STINT_ICON_DIR STINT_MODULE_DIR LANG TZ \
  DISPLAY XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR
gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
  --method org.freedesktop.DBus.ReloadConfig > /dev/null
check "a notification's action starts Stint over D-Bus and is carried out" \
  gdbus call --session --dest "$APP_ID" --object-path /io/github/stintapp/Stint \
    --method org.freedesktop.Application.ActivateAction keep-tracking '[]' '{}'
check "the Stint it started registers its tray item" helper sni-wait "$APP_ID" 10
"$STINT" --quit
rm "$XDG_DATA_HOME/dbus-1/services/$APP_ID.service"

finish
