#!/usr/bin/env bash
# test-installed.sh: Stint as a desktop meets it once installed. A fresh
# build installed into a temporary prefix (the prefix is compiled in, so a
# DESTDIR copy of the test build could not find its translations), then, in
# a headless desktop whose XDG_DATA_DIRS holds that prefix: the desktop
# file's actions launch it through D-Bus activation of the installed service,
# the tray shows the installed icons, and with LANGUAGE=de it speaks German.
#
# Usage: test-installed.sh SOURCE_ROOT DESKTOP_SESSION
# (it then runs itself inside the session with --inside)
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

if [ "${1:-}" != --inside ]; then
  SRC=$1
  SESSION=$2
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/stint-installed-XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
  ARTIFACTS=${STINT_TEST_ARTIFACTS:-$WORK/artifacts}
  mkdir -p "$ARTIFACTS"
  PREFIX=$WORK/prefix
  t0=$(date +%s)

  # Only what `meson install` installs is built, without optimisation: this
  # is about where files land, not about the code, which the other tests run.
  install_prefix() {
    meson setup --prefix "$PREFIX" -Dbuildtype=plain -De2e_tests=false "$WORK/build" "$SRC" &&
      ninja -C "$WORK/build" $(meson introspect --targets "$WORK/build" | /usr/bin/python3 -c '
import json, os, sys
build = sys.argv[1]
for t in json.load(sys.stdin):
    if t["installed"]:
        print(*[os.path.relpath(f, build) for f in t["filename"]])' "$WORK/build") &&
      meson install -C "$WORK/build" --no-rebuild
  }
  if ! install_prefix > "$ARTIFACTS/installed-build.log" 2>&1; then
    echo "not ok 1 - build and install into a temporary prefix"
    tail -n 30 "$ARTIFACTS/installed-build.log" | sed 's/^/# /'
    echo "1..1"
    exit 1
  fi

  # What the session's bus, panel and programs see, as on a system where
  # Stint is installed in PREFIX; nothing of the build tree.
  export STINT=$PREFIX/bin/stint STINT_PREFIX=$PREFIX STINT_SOURCE=$SRC
  export INSTALL_SECONDS=$(( $(date +%s) - t0 ))
  export XDG_DATA_DIRS=$PREFIX/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}
  # GLib ignores a desktop file whose Exec is not on PATH.
  export PATH=$PREFIX/bin:$PATH
  unset GSETTINGS_SCHEMA_DIR STINT_ICON_DIR STINT_MODULE_DIR
  "$SESSION" --timeout 120 -- "$0" --inside
  exit $?
fi

. "$(dirname "$0")/e2e-lib.sh"

A11Y="/usr/bin/python3 $(dirname "$0")/a11y.py"
DESKTOP_FILE=$STINT_PREFIX/share/applications/$APP_ID.desktop
export A11Y DESKTOP_FILE

ok "built and installed into a temporary prefix in ${INSTALL_SECONDS} s"

# launch_action ACTION: what a launcher does with the desktop file's action;
# with DBusActivatable that is org.freedesktop.Application.ActivateAction,
# and the bus starts the installed service if Stint is not running
launch_action() {
  /usr/bin/python3 - "$DESKTOP_FILE" "$1" <<'EOF'
import sys
from gi.repository import Gio
info = Gio.DesktopAppInfo.new_from_filename(sys.argv[1])
if sys.argv[2] not in info.list_actions():
    sys.exit("the desktop file has no action %s" % sys.argv[2])
info.launch_action(sys.argv[2], None)
# A launcher lives on; the bus drops a message waiting for activation if its
# sender is gone. A ping on the same connection returns after the action
# was delivered.
bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
bus.call_sync(info.get_id()[:-len(".desktop")], "/", "org.freedesktop.DBus.Peer", "Ping",
              None, None, Gio.DBusCallFlags.NONE, 15000, None)
EOF
}

bus_has_stint() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$APP_ID" | grep -q true
}

# icon_in_prefix NAME: GTK's icon theme, as the panel uses it, finds NAME in
# the installed hicolor theme
icon_in_prefix() {
  /usr/bin/python3 - "$1" "$STINT_PREFIX/share/icons/hicolor/" <<'EOF'
import sys, gi
gi.require_version("Gtk", "3.0")
from gi.repository import Gtk
info = Gtk.IconTheme.get_default().lookup_icon(sys.argv[1], 22, 0)
print(info.get_filename() if info else "not found")
sys.exit(0 if info and info.get_filename().startswith(sys.argv[2]) else 1)
EOF
}

# no_parameter_actions: every action of the desktop file is an action of the
# running Stint that takes no parameter, as ActivateAction sends none
no_parameter_actions() {
  /usr/bin/python3 - "$DESKTOP_FILE" "$APP_ID" <<'EOF'
import sys
from gi.repository import Gio, GLib
info = Gio.DesktopAppInfo.new_from_filename(sys.argv[1])
bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
path = "/" + sys.argv[2].replace(".", "/")
actions = bus.call_sync(sys.argv[2], path, "org.gtk.Actions", "DescribeAll", None,
                        GLib.VariantType("(a{s(bgav)})"), Gio.DBusCallFlags.NONE, 5000, None)[0]
bad = [a for a in info.list_actions() if a not in actions or actions[a][1] != ""]
print("actions:", info.list_actions(), "wrong:", bad)
sys.exit(1 if bad or not info.list_actions() else 0)
EOF
}

export -f launch_action bus_has_stint icon_in_prefix no_parameter_actions

# --- the desktop file's actions, through D-Bus activation

check "the desktop file has the actions Start, Stop and Open" \
  bash -c "grep -qx 'Actions=start-new;stop;show;' '$DESKTOP_FILE'"

launch_action start-new
check "Start Tracking from the desktop file starts the installed Stint over D-Bus" \
  eventually 15 bus_has_stint
check "and starts a timer" eventually 10 bash -c "\"\$STINT\" --status --json | grep -q '\"running\":true'"
check "the tray item registers" helper sni-wait "$APP_ID" 10
check "it shows the tracking icon, with no icon path of its own" \
  bash -c "eventually 5 icon_is '$APP_ID-tracking-symbolic' && [ -z \"\$(prop IconThemePath)\" ]"
check "the tracking icon comes from the installed theme" icon_in_prefix "$APP_ID-tracking-symbolic"
check "every desktop action is an action of the running Stint without a parameter" no_parameter_actions

launch_action stop
check "Stop Tracking from the desktop file stops it" eventually 10 status_is "Not tracking"
check "the tray shows the idle icon from the installed theme" \
  bash -c "eventually 5 icon_is '$APP_ID-idle-symbolic' && icon_in_prefix '$APP_ID-idle-symbolic'"

launch_action show
check "Open Stint from the desktop file opens the window" $A11Y wait-text '^Description' 10
helper screenshot "$ARTIFACTS/installed-window.png"

"$STINT" --quit
check "stint --quit ends the D-Bus-activated Stint" eventually 10 bash -c '! bus_has_stint'

# --- in German, from the installed catalogue

# The catalogue's own answer, so the test follows the translators' wording.
german() {
  TEXTDOMAINDIR=$STINT_PREFIX/share/locale LANGUAGE=de LC_ALL=C.UTF-8 gettext -d stint "$1"
}

if ! sed 's/#.*//' "$STINT_SOURCE/po/LINGUAS" | tr -s ' \t' '\n' | grep -qx de; then
  echo "ok $((E2E_N += 1)) - with LANGUAGE=de the tray menu is German # SKIP po/LINGUAS has no de"
else
  open_de=$(german "_Open Stint" | sed 's/_//g')
  check "the installed German catalogue translates “Open Stint” (as “$open_de”)" \
    test "$open_de" != "Open Stint"
  LANGUAGE=de start_stint --gapplication-service
  check "with LANGUAGE=de the tray menu says “$open_de”" \
    bash -c "helper sni-wait '$APP_ID' 10 > /dev/null && eventually 5 menu_has '$open_de'"
  "$STINT" --show
  description_de=$(german "Description")
  check "and the window says “$description_de”" $A11Y wait-text "^$description_de" 10
  win=$(xdotool search --onlyvisible --name '^Stint$' | head -n 1)
  if [ -n "$win" ] && import -window "$win" "$ARTIFACTS/installed-window-de.png" 2> /dev/null; then
    ok "a screenshot of the German window is saved as installed-window-de.png"
  else
    not_ok "a screenshot of the German window is saved as installed-window-de.png"
  fi
  "$STINT" --quit
  check "stint --quit ends it" eventually 10 stint_gone
fi

finish
