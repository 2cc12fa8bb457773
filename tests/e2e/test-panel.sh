#!/usr/bin/env bash
# test-panel.sh: the Panel settings (label, daily goal), the default project
# and what the tray says when changes cannot reach Toggl Track, as the real
# Stint shows them, with the settings changed by another process
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"

# gsettings in this script and the running Stint share their settings.
use_shared_settings
db="$XDG_DATA_HOME/stint/stint.db"

fixture=$STINT_FAKE_TOGGL_FIXTURE
TOKEN=$(fixture_get "$fixture" users 0 api_token)
export TOKEN

start_fake_toggl "$fixture"
ADMIN_AUTH="Basic $(printf '%s:api_token' "$TOKEN" | base64 -w 0)"
export ADMIN_AUTH

server_has() {
  admin GET /entries | /usr/bin/python3 -c "
import json, sys
entries = [e for e in json.load(sys.stdin) if not e.get('server_deleted_at')]
sys.exit(0 if any($1 for e in entries) else 1)"
}

# visible_menu_matches REGEX: a visible menu item's label matches
visible_menu_matches() {
  helper sni-menu "$APP_ID" | grep -v "'visible': False" | cut -f2 | grep -Eq -- "$1"
}

label_matches() {
  prop XAyatanaLabel | grep -Eq -- "$1"
}

# The label moves on its own: two readings a second and a bit apart differ.
label_ticks() {
  local a b
  a=$(prop XAyatanaLabel)
  sleep 1.2
  b=$(prop XAyatanaLabel)
  [ -n "$a" ] && [ "$a" != "$b" ]
}

status_json_has() {
  "$STINT" --status --json | /usr/bin/python3 -c "
import json, sys
s = json.load(sys.stdin)
sys.exit(0 if $1 else 1)"
}

export -f server_has visible_menu_matches label_matches label_ticks status_json_has

stint_sign_in track "$TOKEN" --base-url="$TRACK_URL"
check "signed in to the fake Toggl Track" kind_is track

start_stint
check "the tray item registers" helper sni-wait "$APP_ID" 10
eventually 10 visible_menu_matches '^Start$' > /dev/null

# --- The label beside the icon ------------------------------------------------
"$STINT" --start "Panel check"
check "by default the label is the running time as H:MM" eventually 5 label_is_hmm

gsettings set "$APP_ID" panel-label seconds
check "panel-label seconds: the label becomes H:MM:SS" \
  eventually 5 label_matches '^[0-9]+:[0-5][0-9]:[0-5][0-9]$'
check "and counts the seconds" eventually 5 label_ticks

gsettings set "$APP_ID" panel-label none
check "panel-label none: no label at all" eventually 5 bash -c '[ -z "$(prop XAyatanaLabel)" ]'
check "the icon alone still says a timer runs" icon_is "$APP_ID-tracking-symbolic"

gsettings set "$APP_ID" panel-label minutes
check "back to H:MM" eventually 5 label_is_hmm

# --- The daily goal -------------------------------------------------------------
check "without a goal the menu has no goal line" bash -c '! visible_menu_matches "left to goal|Goal reached"'
gsettings set "$APP_ID" daily-goal 27000
check "a goal of 7:30 puts today's total and what is left in the menu" \
  eventually 5 visible_menu_matches '^Today 0:0[0-9] — 7:(2[0-9]|30) left to goal$'
gsettings set "$APP_ID" daily-goal 60
check "a goal already met says so" \
  eventually 5 visible_menu_matches '^Goal reached — 0:0[0-9] today$|^Today 0:00 — 0:01 left to goal$'
gsettings set "$APP_ID" daily-goal 0
check "no goal, no goal line" eventually 5 bash -c '! visible_menu_matches "left to goal|Goal reached"'

# --- The default project ----------------------------------------------------------
loom=$(/usr/bin/python3 -c "
import sqlite3, sys
c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
print(c.execute(\"SELECT id FROM projects WHERE name = 'Jacquard loom'\").fetchone()[0])" "$db")
gsettings set "$APP_ID" default-project-id "$loom"
"$STINT" --start "With the default"
check "stint --start without @project gets the default project" \
  eventually 5 status_json_has 's["description"] == "With the default" and s["project"] == "Jacquard loom"'
check "and so does the entry on the server" \
  eventually 10 server_has "e['description'] == 'With the default' and e.get('project_id') == 7003"
"$STINT" --start 'Elsewhere @"Difference engine"'
check "a project named in the text wins" \
  eventually 5 status_json_has 's["description"] == "Elsewhere" and s["project"] == "Difference engine"'
gsettings set "$APP_ID" default-project-id 0

# --- Offline: the title and the icon say so -----------------------------------------
check "online, the title names the running entry" \
  eventually 10 bash -c '[ "$(prop Title)" = "Elsewhere — Difference engine" ]'
admin POST /faults '{"path": "*time_entries*", "kind": "close-before", "times": 100}' > /dev/null
"$STINT" --stop
check "a dropped connection: the title counts what waits, offline" \
  eventually 10 bash -c '[ "$(prop Title)" = "Offline — 1 change waiting to sync" ]'
check "with the crossed-out idle icon" icon_is "$APP_ID-offline-symbolic"
"$STINT" --start "On the train"
check "tracking offline shows the crossed-out tracking icon" \
  eventually 10 icon_is "$APP_ID-tracking-offline-symbolic"
check "and the label still runs" eventually 5 label_is_hmm
helper screenshot "$ARTIFACTS/panel-offline.png"
check "a screenshot of the tray offline is saved" test -s "$ARTIFACTS/panel-offline.png"
admin DELETE /faults > /dev/null

"$STINT" --quit
eventually 10 stint_gone

finish
