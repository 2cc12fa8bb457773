# e2e-lib.sh: TAP output and small waits for the end-to-end tests, and what
# the tests of a signed-in Stint share
#
# Sourced by tests that run inside build-aux/desktop-session. Expects STINT
# (the program under test) and DESKTOP_SESSION_HELPER in the environment;
# the signed-in part, STINT_FAKE_TOGGL too.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

APP_ID=io.github.stintapp.Stint
E2E_N=0
E2E_FAILED=0
STINT_PID=
ARTIFACTS=${STINT_TEST_ARTIFACTS:-${DESKTOP_SESSION_DIR:-/tmp}/artifacts}
mkdir -p "$ARTIFACTS"

ok() {
  E2E_N=$((E2E_N + 1))
  echo "ok $E2E_N - $*"
}

not_ok() {
  E2E_N=$((E2E_N + 1))
  E2E_FAILED=$((E2E_FAILED + 1))
  echo "not ok $E2E_N - $*"
}

# check DESCRIPTION COMMAND...: one TAP line for the command's success
check() {
  local what=$1
  shift
  if "$@" >> "$DESKTOP_SESSION_DIR/logs/e2e-checks.log" 2>&1; then ok "$what"; else not_ok "$what"; fi
}

diag() {
  sed 's/^/# /'
}

finish() {
  # Criticals are not fatal here (GTK's accessibility bridge raises its own
  # while windows close under AT-SPI queries), but ours fail the run.
  if [ -f "$DESKTOP_SESSION_DIR/logs/stint.log" ]; then
    check "Stint logged no critical or warning of its own" \
      bash -c "! grep -E '^\(stint:[0-9]+\): stint-[a-z-]+-(CRITICAL|WARNING)' '$DESKTOP_SESSION_DIR/logs/stint.log'"
  fi
  echo "1..$E2E_N"
  if [ "$E2E_FAILED" -gt 0 ] && [ -f "$DESKTOP_SESSION_DIR/logs/stint.log" ]; then
    echo "# stint log:"
    diag < "$DESKTOP_SESSION_DIR/logs/stint.log"
  fi
  [ "$E2E_FAILED" -eq 0 ]
}

helper() {
  "$DESKTOP_SESSION_HELPER" "$@"
}

# eventually SECS COMMAND...: poll until COMMAND succeeds (UI updates are
# asynchronous over D-Bus; this is a bound, not a sleep)
eventually() {
  local secs=$1 end
  shift
  end=$(( $(date +%s%N) + secs * 1000000000 ))
  while [ "$(date +%s%N)" -lt "$end" ]; do
    "$@" > /dev/null 2>&1 && return 0
    sleep 0.05
  done
  "$@"
}

start_stint() {
  "$STINT" "$@" >> "$DESKTOP_SESSION_DIR/logs/stint.log" 2>&1 &
  STINT_PID=$!
}

stint_gone() {
  ! kill -0 "$STINT_PID" 2> /dev/null
}

status_is() {
  [ "$("$STINT" --status)" = "$1" ]
}

status_matches() {
  "$STINT" --status | grep -Eq "$1"
}

menu_has() {
  helper sni-menu "$APP_ID" | cut -f2 | grep -qxF -- "$1"
}

prop() {
  helper sni-props "$APP_ID" | tr ',' '\n' | sed -n "s/.*'$1': <'\\(.*\\)'>.*/\\1/p"
}

label_is_hmm() {
  prop XAyatanaLabel | grep -Eq '^[0-9]+:[0-5][0-9]$'
}

icon_is() {
  [ "$(prop IconName)" = "$1" ]
}

# menu_shows LABEL: a visible menu item has LABEL (hidden items keep old labels)
menu_shows() {
  helper sni-menu "$APP_ID" | grep -v "'visible': False" | cut -f2 | grep -qxF -- "$1"
}

kind_is() {
  [ "$(gsettings get "$APP_ID" account-kind)" = "'$1'" ]
}

# --- Signed in: the fake Toggl, stint --sign-in and the keyring --------------

# use_shared_settings: `stint --sign-in` runs in its own process and writes
# settings the running Stint must see; the keyfile backend shares them
# through a file in this session's XDG_CONFIG_HOME (SETTINGS_FILE), without
# touching anyone's dconf.
use_shared_settings() {
  export GSETTINGS_BACKEND=keyfile
  SETTINGS_FILE="$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
}

# fixture_get FILE KEY...: a value in a JSON fixture, by member names and
# list indexes
fixture_get() {
  /usr/bin/python3 -c '
import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2:]:
    value = value[int(key)] if isinstance(value, list) else value[key]
print(value)' "$@"
}

# start_fake_toggl FIXTURE: the fake Toggl server on a free port until the
# test exits; it prints its Track URL first (TRACK_URL), answers Focus
# beside it, and its admin API at ADMIN_URL.
start_fake_toggl() {
  local out="$DESKTOP_SESSION_DIR/logs/fake-toggl.out"
  "$STINT_FAKE_TOGGL" --port 0 --fixture "$1" > "$out" 2> "$DESKTOP_SESSION_DIR/logs/fake-toggl.log" &
  FAKE_PID=$!
  trap 'kill "$FAKE_PID" 2> /dev/null' EXIT
  eventually 10 test -s "$out"
  TRACK_URL=$(head -n 1 "$out")
  ADMIN_URL="${TRACK_URL%/api/v9}/__admin"
  export TRACK_URL ADMIN_URL
}

# admin METHOD PATH [JSON]: the fake's admin API, as the user whose
# Authorization header the exported ADMIN_AUTH holds
admin() {
  /usr/bin/python3 - "$@" <<'EOF'
import os, sys, urllib.request
method, path = sys.argv[1], sys.argv[2]
data = sys.argv[3].encode() if len(sys.argv) > 3 else None
req = urllib.request.Request(os.environ["ADMIN_URL"] + path, data=data, method=method)
req.add_header("Content-Type", "application/json")
req.add_header("Authorization", os.environ["ADMIN_AUTH"])
print(urllib.request.urlopen(req, timeout=10).read().decode())
EOF
}

# requests_seen PYTHON-CONDITION: some request in the fake's log satisfies it (r)
requests_seen() {
  admin GET /requests | /usr/bin/python3 -c "
import json, sys
sys.exit(0 if any($1 for r in json.load(sys.stdin)) else 1)"
}

# secret_in_keyring KIND VARIABLE: secret-tool finds the secret the exported
# VARIABLE holds for the kind of account (track, focus)
secret_in_keyring() {
  [ "$(timeout 10 secret-tool lookup kind "$1")" = "${!2}" ]
}

# no_secret_in_keyring KIND: secret-tool finds none for the kind of account
no_secret_in_keyring() {
  [ -z "$(timeout 10 secret-tool lookup kind "$1")" ]
}

SIGN_IN_OUT="$DESKTOP_SESSION_DIR/logs/sign-in.out"
SIGN_IN_ERR="$DESKTOP_SESSION_DIR/logs/sign-in.err"

# stint_sign_in KIND SECRET ARGS...: `stint --sign-in=KIND ARGS...` with the
# secret on standard input, as a script would pipe it; what it says goes to
# SIGN_IN_OUT and SIGN_IN_ERR
stint_sign_in() {
  local kind=$1 secret=$2
  shift 2
  printf '%s\n' "$secret" | "$STINT" --sign-in="$kind" "$@" > "$SIGN_IN_OUT" 2> "$SIGN_IN_ERR"
}

# track_local_entry DESCRIPTION: one entry tracked on this computer from the
# command line, Stint quit afterwards
track_local_entry() {
  start_stint
  helper sni-wait "$APP_ID" 10 > /dev/null
  "$STINT" --start "$1"
  eventually 5 status_matches "^$1 — " > /dev/null
  "$STINT" --stop
  eventually 5 status_is "Not tracking" > /dev/null
  "$STINT" --quit
  eventually 10 stint_gone
}

# check_secret_kept WHAT VARIABLE: checks that the secret the exported
# VARIABLE holds (WHAT calls it: token, key) is in no settings file, in no
# file of Stint's and not in its log; the secret stays off every command line
check_secret_kept() {
  check "the $1 is in no settings file" \
    bash -c '[ -s "$1" ] && ! grep -qF "${!2}" "$1"' _ "$SETTINGS_FILE" "$2"
  check "the $1 is in no file under the data, config and cache directories" \
    bash -c '! grep -raF -l "${!1}" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"' _ "$2"
  check "the $1 is not in Stint's log, debug messages included" \
    bash -c '[ -s "$1" ] && ! grep -qF "${!2}" "$1"' _ "$DESKTOP_SESSION_DIR/logs/stint.log" "$2"
}

# Checks run some of these in `bash -c`.
export APP_ID STINT
export -f helper eventually status_is status_matches menu_has prop label_is_hmm icon_is \
  menu_shows kind_is admin requests_seen secret_in_keyring no_secret_in_keyring
