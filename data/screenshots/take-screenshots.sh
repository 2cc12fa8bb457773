#!/usr/bin/env bash
# take-screenshots.sh: the screenshots the metainfo shows, taken from a
# headless desktop (build-aux/desktop-session) with a few days of made-up
# entries: window.png (the window with a running timer), editor.png (an
# entry's editor) and tray.png (the tray menu). With --language, the same in
# that language, named window-LANG.png and so on.
#
# Usage: data/screenshots/take-screenshots.sh [--stint PROGRAM] [--out DIR]
#                                             [--language LANG]
#   --stint     the stint to run (default: build/src/stint, uninstalled). A
#               translation needs an installed one, whose prefix holds the
#               catalogues: meson setup --prefix=/tmp/p /tmp/b && meson
#               install -C /tmp/b, then --stint /tmp/p/bin/stint
#   --out       where the PNGs go (default: data/screenshots)
#   --language  LANGUAGE for Stint, e.g. de
#
# Needs sqlite3, xdotool and ImageMagick besides the session's packages.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
APP_ID=io.github.stintapp.Stint

if [ -z "${DESKTOP_SESSION_HELPER:-}" ]; then
  STINT=$TOP/build/src/stint OUT=$HERE LANG_SUFFIX= LANGUAGE_WANTED=
  while [ $# -gt 0 ]; do
    case $1 in
      --stint) STINT=$(readlink -f "$2"); shift 2 ;;
      --out) mkdir -p "$2"; OUT=$(cd "$2" && pwd); shift 2 ;;
      --language) LANGUAGE_WANTED=$2; LANG_SUFFIX=-$2; shift 2 ;;
      -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
      *) echo "take-screenshots.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
  done
  [ -x "$STINT" ] || { echo "take-screenshots.sh: no program at $STINT; build first" >&2; exit 1; }
  # An uninstalled build finds its schema and icons only when told; an
  # installed one where its prefix is on XDG_DATA_DIRS.
  root=$(dirname "$(dirname "$STINT")")
  if [ -f "$root/data/gschemas.compiled" ]; then
    export GSETTINGS_SCHEMA_DIR=$root/data STINT_ICON_DIR=$TOP/data/icons STINT_MODULE_DIR=$root/src
  else
    export XDG_DATA_DIRS=$root/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}
  fi
  export STINT OUT LANG_SUFFIX LANGUAGE_WANTED LANG=C.UTF-8 TZ=${TZ:-UTC}
  unset GSETTINGS_BACKEND
  exec "$TOP/build-aux/desktop-session" --timeout 120 --screen 1280x800x24 -- "$0"
fi

# ------------------------------------------------------------ in the session

DB=$XDG_DATA_HOME/stint/stint.db
helper() { "$DESKTOP_SESSION_HELPER" "$@"; }

# Stint's settings live in this session's own dconf: no welcome, the minutes
# in the label.
gsettings set "$APP_ID" welcome-shown true

run_stint() {
  LANGUAGE=$LANGUAGE_WANTED "$STINT" "$@" >> "$DESKTOP_SESSION_DIR/logs/stint.log" 2>&1 &
  STINT_PID=$!
}

# The first start makes the database; the entries go in while Stint is away.
run_stint --gapplication-service
helper sni-wait "$APP_ID" 10 > /dev/null
"$STINT" --quit
wait "$STINT_PID"

at() { date -d "$1" +%s; }
sql="INSERT INTO projects (name, color) VALUES
       ('Stint', '#3584e4'), ('Website relaunch', '#2ec27e'),
       ('Acme onboarding', '#e66100'), ('Admin', '#9141ac');
     INSERT INTO tags (name) VALUES ('design'), ('meeting'), ('code');"
entry() {  # DESCRIPTION PROJECT-ID TAGS BILLABLE START STOP
  sql+="INSERT INTO entries (description, project_id, tags, billable, start, stop)
        VALUES ('$1', $2, '$3', $4, $5, $6);"
}
entry "Stand-up" 4 '["meeting"]' 0 "$(at 'today 09:00')" "$(at 'today 09:15')"
entry "Review pull requests" 1 '["code"]' 0 "$(at 'today 09:15')" "$(at 'today 10:40')"
entry "Client call" 3 '["meeting"]' 1 "$(at 'today 11:00')" "$(at 'today 11:45')"
entry "Write release notes" 1 '[]' 0 "$(( $(date +%s) - 4980 ))" NULL
entry "Email" 4 '[]' 0 "$(at 'yesterday 08:50')" "$(at 'yesterday 09:20')"
entry "Homepage hero section" 2 '["design"]' 1 "$(at 'yesterday 09:30')" "$(at 'yesterday 12:15')"
entry "Fix the tray label on KDE" 1 '["code"]' 0 "$(at 'yesterday 13:00')" "$(at 'yesterday 15:40')"
entry "Workshop preparation" 3 '[]' 1 "$(at 'yesterday 16:00')" "$(at 'yesterday 17:30')"
entry "Stand-up" 4 '["meeting"]' 0 "$(at '2 days ago 09:00')" "$(at '2 days ago 09:15')"
entry "Pricing page" 2 '["design"]' 1 "$(at '2 days ago 09:30')" "$(at '2 days ago 13:00')"
entry "Release checklist" 1 '[]' 0 "$(at '2 days ago 14:00')" "$(at '2 days ago 16:20')"
sqlite3 "$DB" "$sql"

run_stint --gapplication-service
helper sni-wait "$APP_ID" 10 > /dev/null

# PNGs as small as they go without visible loss: 256 colours are plenty
# for a flat GTK theme.
save() {  # SOURCE NAME
  convert "$1" -strip -depth 8 +dither -colors 256 -define png:compression-level=9 \
    "$OUT/$2$LANG_SUFFIX.png"
  echo "$OUT/$2$LANG_SUFFIX.png: $(identify -format '%wx%h' "$OUT/$2$LANG_SUFFIX.png")," \
    "$(du -k "$OUT/$2$LANG_SUFFIX.png" | cut -f1) kB"
}

# The tray: the panel's corner with the menu open under the icon, the only
# item at the panel's right end.
eval "$(xdotool getwindowgeometry --shell "$(xdotool search --onlyvisible --class xfce4-panel | head -n 1)")"
xdotool mousemove $((X + WIDTH - HEIGHT / 2)) $((Y + HEIGHT / 2))
sleep 0.5
xdotool click 1
sleep 1
# Continue's submenu: the recent activities.
xdotool key Down Down Right
sleep 1
helper screenshot "$DESKTOP_SESSION_DIR/screen.png"
xdotool key Escape Escape
# The bare X root is pure black, which nothing GTK draws is: lay a backdrop
# under it.
convert -size 600x260 gradient:'#99c1f1'-'#1a5fb4' \
  \( "$DESKTOP_SESSION_DIR/screen.png" -crop 600x260+680+0 +repage -transparent black \) \
  -composite "$DESKTOP_SESSION_DIR/tray.png"
save "$DESKTOP_SESSION_DIR/tray.png" tray

# The window, with the timer running: no window manager, so it sits where
# it likes; only the window itself is taken.
"$STINT" --show
win=$(xdotool search --sync --onlyvisible --name '^Stint$' | head -n 1)
xdotool windowsize --sync "$win" 460 640
# The description has the focus, all selected: just the cursor instead.
xdotool windowfocus --sync "$win" key End
sleep 1
import -window "$win" "$DESKTOP_SESSION_DIR/window.png"
save "$DESKTOP_SESSION_DIR/window.png" window

# The editor of yesterday's longest entry, opened from the keyboard.
xdotool windowfocus --sync "$win"
/usr/bin/python3 "$TOP/tests/e2e/a11y.py" focus "list item" "re:^Homepage hero section"
xdotool key Return
sleep 1
import -window "$win" "$DESKTOP_SESSION_DIR/editor.png"
save "$DESKTOP_SESSION_DIR/editor.png" editor

"$STINT" --quit
