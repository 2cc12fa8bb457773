# e2e-lib.sh: TAP output and small waits for the end-to-end tests
#
# Sourced by tests that run inside build-aux/desktop-session. Expects STINT
# (the program under test) and DESKTOP_SESSION_HELPER in the environment.
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

# Checks run some of these in `bash -c`.
export APP_ID STINT
export -f helper eventually status_is status_matches menu_has prop label_is_hmm icon_is
