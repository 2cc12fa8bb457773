#!/usr/bin/env bash
# test-install.sh: `meson install` of this build into a temporary DESTDIR
# gives a desktop file, metainfo, schema, D-Bus service, icons and
# translations that the validators accept and that sit where the program and
# the desktop look for them; the installed program runs from there (TAP)
#
# Usage: test-install.sh BUILD_ROOT SOURCE_ROOT
# The build must be complete (meson test builds it first). Its prefix is
# compiled into the program, so a program installed under DESTDIR cannot load
# its own translations; tests/e2e/test-installed.sh runs a real prefix.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

BUILD=$1
SRC=$2
APP_ID=io.github.stintapp.Stint
N=0
FAILED=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/stint-install-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
LOG=$TMP/log

ok() { N=$((N + 1)); echo "ok $N - $*"; }
not_ok() {
  N=$((N + 1)); FAILED=$((FAILED + 1)); echo "not ok $N - $*"
  [ -s "$LOG" ] && sed 's/^/# /' "$LOG"
  return 0
}

# check DESCRIPTION COMMAND...: one TAP line; the command's output goes to
# the diagnostics when it fails
check() {
  local what=$1
  shift
  if "$@" > "$LOG" 2>&1; then ok "$what"; else not_ok "$what"; fi
}

skip() { N=$((N + 1)); echo "ok $N - $1 # SKIP $2"; }

# The build's directories, read once: prefix bindir datadir localedir libdir.
read -r PREFIX BINDIR DATADIR LOCALEDIR LIBDIR < <(meson introspect --buildoptions "$BUILD" |
  /usr/bin/python3 -c '
import json, os, sys
o = {x["name"]: x["value"] for x in json.load(sys.stdin)}
print(*[os.path.join(o["prefix"], o[k]) for k in ("prefix", "bindir", "datadir", "localedir", "libdir")])')

finish() {
  echo "1..$N"
  [ "$FAILED" -eq 0 ]
  exit
}

DEST=$TMP/dest
if ! meson install -C "$BUILD" --no-rebuild --destdir "$DEST" > "$LOG" 2>&1; then
  not_ok "meson install into a temporary DESTDIR"
  finish
fi
ok "meson install into a temporary DESTDIR"

BIN=$DEST$BINDIR/stint
SHARE=$DEST$DATADIR
LINGUAS=$(sed 's/#.*//' "$SRC/po/LINGUAS" | tr -s ' \n' '  ')

# --- what is installed, and where

outside_prefix() {
  (cd "$DEST" && find . ! -type d) | sed 's/^\.//' | grep -v "^$PREFIX/" || true
}
check "everything installed lives under the prefix $PREFIX" test -z "$(outside_prefix)"
check "the program is the only thing in $BINDIR" \
  bash -c "[ \"\$(ls '$DEST$BINDIR')\" = stint ] && test -x '$BIN'"

# The HTTP session and the keyring are modules the program opens on first
# use, so that starting it does not load libsoup and libsecret.
MODULEDIR=$LIBDIR/stint
check "the program looks for its modules in $MODULEDIR" grep -qaF "$MODULEDIR" "$BIN"
for module in stint-soup:stint_transport_module_get_funcs:libsoup \
              stint-secret:stint_secret_module_get_funcs:libsecret; do
  IFS=: read -r name symbol library <<< "$module"
  check "the $name module is installed in $MODULEDIR and exports $symbol" \
    bash -c "nm -D --defined-only '$DEST$MODULEDIR/$name.so' | grep -qw $symbol"
  check "the program does not link $library itself" \
    bash -c "! readelf -d '$BIN' | grep -q 'NEEDED.*$library'"
done

DESKTOP=$SHARE/applications/$APP_ID.desktop
METAINFO=$SHARE/metainfo/$APP_ID.metainfo.xml
SERVICE=$SHARE/dbus-1/services/$APP_ID.service
SCHEMAS=$SHARE/glib-2.0/schemas

check "the desktop file passes desktop-file-validate" desktop-file-validate "$DESKTOP"
check "the metainfo passes appstreamcli validate --no-net" \
  appstreamcli validate --no-net --explain "$METAINFO"
mkdir -p "$TMP/schemas"
check "the installed schema passes glib-compile-schemas --strict" \
  glib-compile-schemas --strict --targetdir "$TMP/schemas" "$SCHEMAS"

# The screenshots' URLs point into this repository's data/screenshots.
screenshots_in_tree() {
  /usr/bin/python3 - "$METAINFO" "$SRC/data/screenshots" <<'EOF_PY'
import os, struct, sys, xml.etree.ElementTree as ET
images = ET.parse(sys.argv[1]).getroot().findall("screenshots/screenshot/image")
bad = [] if images else ["no screenshots"]
for image in images:
    path = os.path.join(sys.argv[2], os.path.basename(image.text.strip()))
    if "/data/screenshots/" not in image.text or not os.path.isfile(path):
        bad.append("%s is not in data/screenshots" % image.text)
        continue
    with open(path, "rb") as f:
        head = f.read(24)
    size = struct.unpack(">II", head[16:24]) if head[:8] == b"\x89PNG\r\n\x1a\n" else None
    if size != (int(image.get("width", 0)), int(image.get("height", 0))):
        bad.append("%s is %s, the metainfo says %sx%s"
                   % (path, size, image.get("width"), image.get("height")))
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF_PY
}
check "every screenshot in the metainfo is a PNG in data/screenshots of the size it gives" \
  screenshots_in_tree

check "the metainfo launches the installed desktop file" \
  grep -qF "<launchable type=\"desktop-id\">$APP_ID.desktop</launchable>" "$METAINFO"

# D-Bus activation runs what the service file names: the installed program.
service_exec() {
  [ "$(sed -n 's/^Exec=//p' "$SERVICE")" = "$BINDIR/stint --gapplication-service" ] &&
    grep -qx "Name=$APP_ID" "$SERVICE"
}
check "the D-Bus service starts $BINDIR/stint as a service" service_exec

# With DBusActivatable, a launcher activates the application over D-Bus: the
# desktop file's name must be the bus name, and the service file must exist.
check "the desktop file is D-Bus activatable under its own name" \
  grep -qx 'DBusActivatable=true' "$DESKTOP"

# The autostart entry is compiled into the program; it is what Start at
# login writes to ~/.config/autostart.
autostart_entry() {
  gresource extract "$BIN" "/io/github/stintapp/Stint/autostart/$APP_ID.desktop" > "$TMP/autostart.desktop" &&
    desktop-file-validate "$TMP/autostart.desktop" &&
    grep -qx 'Exec=stint --gapplication-service' "$TMP/autostart.desktop"
}
check "the autostart entry in the program passes desktop-file-validate" autostart_entry

# --- icons

ICONS=$SHARE/icons/hicolor
icon_name=$(sed -n 's/^Icon=//p' "$DESKTOP")
check "the desktop file's icon is installed as a scalable SVG" \
  test -s "$ICONS/scalable/apps/$icon_name.svg"
check "the symbolic app icon is installed" test -s "$ICONS/symbolic/apps/$APP_ID-symbolic.svg"

# Every icon name the tray can show, as compiled into the program.
missing_status_icons() {
  local name missing=0
  for name in $(grep -ao "$APP_ID-[a-z-]*-symbolic" "$BIN" | sort -u); do
    if ! test -s "$ICONS/scalable/status/$name.svg"; then
      echo "missing: $name"
      missing=1
    fi
  done
  return $missing
}
n_status=$(grep -ao "$APP_ID-[a-z-]*-symbolic" "$BIN" | sort -u | wc -l)
if [ "$n_status" -ge 3 ]; then
  check "all $n_status symbolic tray icons the program names are installed" missing_status_icons
else
  not_ok "the program names at least the tracking, idle and offline tray icons (found $n_status)"
fi

# The SVGs are real images, loaded as GTK loads icons (GdkPixbuf's SVG
# loader), not just files.
render_icons() {
  /usr/bin/python3 - "$ICONS"/scalable/*/*.svg "$ICONS"/symbolic/*/*.svg <<'EOF_PY'
import sys, gi
gi.require_version("GdkPixbuf", "2.0")
from gi.repository import GdkPixbuf
for f in sys.argv[1:]:
    GdkPixbuf.Pixbuf.new_from_file_at_size(f, 16, 16)
EOF_PY
}
check "every installed icon loads as GTK loads it" render_icons

# --- translations

if [ -z "$LINGUAS" ]; then
  skip "every language in po/LINGUAS has its catalogue" "po/LINGUAS is empty"
else
  for lang in $LINGUAS; do
    mo=$DEST$LOCALEDIR/$lang/LC_MESSAGES/stint.mo
    check "$lang: stint.mo is installed in $LOCALEDIR and is a valid catalogue" msgunfmt -o /dev/null "$mo"
    check "$lang: the desktop file and the metainfo carry the translation" \
      bash -c "grep -q '^Comment\\[$lang\\]=' '$DESKTOP' && grep -q 'xml:lang=\"$lang\"' '$METAINFO'"
  done
fi

# The program looks for its catalogues in the localedir it was built with.
check "the program looks for its translations in $LOCALEDIR" grep -qaF "$LOCALEDIR" "$BIN"

# --- the installed program runs from there

export XDG_DATA_DIRS="$SHARE:/usr/local/share:/usr/share"
export GSETTINGS_SCHEMA_DIR=$TMP/schemas
export XDG_DATA_HOME=$TMP/data XDG_CONFIG_HOME=$TMP/config XDG_CACHE_HOME=$TMP/cache
unset DISPLAY WAYLAND_DISPLAY

version=$(meson introspect --projectinfo "$BUILD" |
  /usr/bin/python3 -c "import json, sys; print(json.load(sys.stdin)['version'])")
check "the installed stint --version says Stint $version" \
  bash -c "[ \"\$('$BIN' --version)\" = 'Stint $version' ]"
check "the installed stint --status reads an empty store without starting Stint" \
  bash -c "[ \"\$(LANGUAGE= LC_ALL=C '$BIN' --status)\" = 'Not tracking' ] && ! test -e '$XDG_DATA_HOME/stint/stint.db'"

finish
