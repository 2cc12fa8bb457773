#!/usr/bin/env bash
# run-bench.sh: Stint measured against the floor, a bare GTK 3 + AppIndicator
# program, in one headless session
#
#   tests/bench/run-bench.sh [--quick] [--runs N] [--only PARTS] [--builddir DIR]
#
#   --quick         a smoke run: 15 s of idle wake-ups instead of 60, 5 starts
#                   of each program instead of 10, fewer clicks and windows
#   --runs N        starts of each program for the start-up and memory
#                   medians (default 10; 5 with --quick)
#   --only PARTS    some of start,label,window,wakeups (comma-separated), e.g.
#                   to measure start-up again on a quieter machine
#   --builddir DIR  the configured and compiled build tree (default build/)
#
# Runs itself inside build-aux/desktop-session when not already in one, on
# copies of the programs (a rebuild meanwhile changes nothing). Stint and the
# floor are measured in turns (ABAB…) or side by side, so that noise on the
# machine hits both alike; the time each spent waiting for a CPU is printed
# beside the figures it inflates. Prints absolute figures, Stint/floor
# ratios and the targets of issue 10 with PASS or MISS; exits 0 whatever the
# figures (a benchmark is read, not passed), non-zero only when it could not
# measure. Raw figures and logs are kept in BUILDDIR/bench-results/.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

SRCDIR=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
BUILDDIR=$SRCDIR/build
QUICK=false
RUNS=
ONLY=start,label,window,wakeups
APP_ID=io.github.stintapp.Stint
FLOOR_ID=io.github.stintapp.StintBenchFloor

# The 10,000 entries: ten a day going back from yesterday (some 3 years of a
# heavy user's history, of which the window's 14 days, today included, show
# 130), and the worst case for the window: all of them inside those days.
ENTRIES=10000
PER_DAY=10
DENSE_PER_DAY=770

# Start-up leaves timers behind that are not idle behaviour: the AT-SPI
# bridge drops its object leases 16 s after start, and GLib retires idle
# thread-pool workers after 15 s. Wake-ups are counted after they passed.
STARTUP_TAIL_SECONDS=20

usage() {
  sed -n '2,22s/^# \{0,1\}//p' "$(readlink -f "$0")"
}

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=true ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; RUNS=$2; shift ;;
    --runs=*) RUNS=${1#--runs=} ;;
    --only) [ $# -ge 2 ] || die "--only needs a list of parts"; ONLY=$2; shift ;;
    --only=*) ONLY=${1#--only=} ;;
    --builddir) [ $# -ge 2 ] || die "--builddir needs a directory"; BUILDDIR=$2; shift ;;
    --builddir=*) BUILDDIR=${1#--builddir=} ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
BUILDDIR=$(cd "$BUILDDIR" && pwd)

if $QUICK; then
  WAKE_SECONDS=15 LABEL_CLICKS=6 WINDOW_OPENS=5
  RUNS=${RUNS:-5}
else
  WAKE_SECONDS=60 LABEL_CLICKS=20 WINDOW_OPENS=9
  RUNS=${RUNS:-10}
fi
case $RUNS in ''|*[!0-9]*|0) die "--runs takes a positive number" ;; esac
IFS=, read -r -a parts <<< "$ONLY"
for part in "${parts[@]}"; do
  case $part in start|label|window|wakeups) ;; *) die "unknown part: $part" ;; esac
done

# wanted PART: TRUE if PART is to be measured
wanted() { [[ ",$ONLY," == *",$1,"* ]]; }

STINT=$BUILDDIR/src/stint
FLOOR=$BUILDDIR/tests/bench/stint-bench-floor
FILL=$BUILDDIR/tests/bench/stint-bench-fill
PROBE=$BUILDDIR/tests/bench/stint-bench-probe
for exe in "$STINT" "$FLOOR" "$FILL" "$PROBE"; do
  [ -x "$exe" ] || die "$exe is missing: build first (build-aux/dev build)"
done

if [ -z "${DESKTOP_SESSION_HELPER:-}" ]; then
  args=(--builddir "$BUILDDIR" --runs "$RUNS" --only "$ONLY")
  if $QUICK; then args+=(--quick); fi
  exec "$SRCDIR/build-aux/desktop-session" --timeout 1200 -- "$(readlink -f "$0")" "${args[@]}"
fi

OUT=$BUILDDIR/bench-results
rm -rf "$OUT"
mkdir -p "$OUT/bin" "$OUT/schemas"

# The programs measured are copies: a rebuild of the tree while the
# benchmark runs (someone else compiling) must not swap or remove them.
cp "$STINT" "$FLOOR" "$FILL" "$PROBE" "$OUT/bin/"
cp "$BUILDDIR"/src/stint-*.so "$OUT/bin/"
cp "$BUILDDIR/data/gschemas.compiled" "$OUT/schemas/"
STINT=$OUT/bin/stint
FLOOR=$OUT/bin/stint-bench-floor
FILL=$OUT/bin/stint-bench-fill
PROBE=$OUT/bin/stint-bench-probe

# As the e2e tests run Stint from the build tree.
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=$OUT/schemas
export STINT_ICON_DIR=$SRCDIR/data/icons
export STINT_MODULE_DIR=$OUT/bin
export LANG=C.UTF-8
# ${#var} must count characters for the table to line up
export LC_ALL=C.UTF-8

LOG=$OUT/programs.log
DB=$XDG_DATA_HOME/stint/stint.db

# ------------------------------------------------------------------ helpers

# Stint as the session starts it at login (D-Bus activation): tray only. A
# plain `stint` is what the application menu runs, and opens the window.
STINT_CMD=("$STINT" --gapplication-service)
FLOOR_CMD=("$FLOOR")

# install_db FILE: a fresh copy of a prepared database where Stint looks
install_db() {
  rm -f "$DB" "$DB-wal" "$DB-shm"
  cp "$1" "$DB"
  chmod 600 "$DB"
}

bus_name_owned() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$1" 2> /dev/null | grep -q true
}

# stop_program PID [BUS-NAME]: SIGTERM, reap, and wait until the bus has let
# go of its name, so that the next Stint is not a remote of the old one
stop_program() {
  local pid=$1 name=${2:-} i
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  [ -n "$name" ] || return 0
  for i in $(seq 500); do
    bus_name_owned "$name" || return 0
    sleep 0.01
  done
  die "$name still on the bus after its process ended"
}

# launch VAR COMMAND...: start in the background, PID into VAR
launch() {
  local -n pid_var=$1
  shift
  "$@" >> "$LOG" 2>&1 &
  pid_var=$!
}

wait_item() {
  "$DESKTOP_SESSION_HELPER" sni-wait "$1" 15 > /dev/null || die "no tray item $1 (see $LOG)"
}

# stats [DECIMALS]: median, min and max of the numbers on stdin, one a line
stats() {
  sort -g | awk -v d="${1:-1}" '{ v[NR] = $1 } END {
    if (NR == 0) { print "- - -"; exit }
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    f = "%." d "f"
    printf f " " f " " f "\n", m, v[1], v[NR] }'
}

median() { stats "$@" | cut -d' ' -f1; }

# field NAME FILE: the values of NAME=VALUE pairs in FILE, one a line
field() {
  sed -n "s/.*\\b$1=\\([0-9.]*\\).*/\\1/p" "$2"
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

# verdict VALUE LIMIT: PASS when VALUE <= LIMIT
verdict() {
  awk -v v="$1" -v l="$2" 'BEGIN { print (v != "-" && v + 0 <= l + 0) ? "PASS" : "MISS" }'
}

mb() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.1f", k / 1024 }'; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# ------------------------------------------------------------------ data

# What is measured, noted before colleagues' rebuilds can change it.
version=$("$STINT" --version 2> /dev/null || echo "Stint ?")
revision=$(git -C "$SRCDIR" describe --always --dirty 2> /dev/null || echo "not a git checkout")

say "writing the databases: $ENTRIES entries, $PER_DAY a day; and all of them in 13 days"
mkdir -p -m 700 "$(dirname "$DB")"
"$FILL" --entries "$ENTRIES" --per-day "$PER_DAY" --running "$OUT/typical.db"
"$FILL" --entries "$ENTRIES" --per-day "$DENSE_PER_DAY" --running "$OUT/dense.db"
LOAD_BEFORE=$(loadavg)

# ------------------------------------------------------------------ start + memory

if wanted start; then
  say "start-up and memory: $RUNS starts of each, in turns (after one warm-up each)"
  : > "$OUT/start-stint.txt"
  : > "$OUT/start-floor.txt"
  for i in $(seq 0 "$RUNS"); do
    install_db "$OUT/typical.db"
    line=$("$PROBE" start --log "$LOG" -- "${STINT_CMD[@]}")
    [ "$i" = 0 ] || echo "$line" >> "$OUT/start-stint.txt"
    line=$("$PROBE" start --log "$LOG" -- "${FLOOR_CMD[@]}")
    [ "$i" = 0 ] || echo "$line" >> "$OUT/start-floor.txt"
  done
fi

# ------------------------------------------------------------------ label

if wanted label; then
  say "tray Start/Stop → new label: $LABEL_CLICKS clicks on each, in turns"
  install_db "$OUT/typical.db"
  launch stint_pid "${STINT_CMD[@]}"
  launch floor_pid "${FLOOR_CMD[@]}"
  wait_item "$APP_ID"
  wait_item "$FLOOR_ID"
  "$PROBE" label --count "$LABEL_CLICKS" "$APP_ID" "$FLOOR_ID" > "$OUT/label.txt"
  stop_program "$stint_pid" "$APP_ID"
  stop_program "$floor_pid"
fi

# ------------------------------------------------------------------ window

# window_run NAME DB OPENS [PROBE-OPTIONS…]: open and close the window OPENS
# times in one fresh Stint, with `stint --show` and the tray menu in turns;
# the first open, with `stint --show`, is the cold one
window_run() {
  local name=$1 db=$2 opens=$3 pid
  shift 3
  install_db "$db"
  launch pid "${STINT_CMD[@]}"
  wait_item "$APP_ID"
  "$PROBE" idle --settle 500 "$pid"
  awk '/^Rss:/ { print "before_rss_kb=" $2 }' "/proc/$pid/smaps_rollup" > "$OUT/window-$name-before.txt"
  "$PROBE" window --count "$opens" --timeout 120 --command "$(printf '%q --show' "$STINT")" \
    "$@" "$APP_ID" > "$OUT/window-$name.txt"
  stop_program "$pid" "$APP_ID"
}

if wanted window; then
  say "window open → first frame: $WINDOW_OPENS opens with 130 entries in view, by stint --show and the menu in turns"
  window_run typical "$OUT/typical.db" "$WINDOW_OPENS"
  # The worst case for the list: the window makes rows for what it shows,
  # so opening and closing should cost what they cost with 130.
  say "window open → first frame: 3 opens with all $ENTRIES entries in view"
  window_run dense "$OUT/dense.db" 3
fi

# ------------------------------------------------------------------ wake-ups

if wanted wakeups; then
  say "wake-ups: ${WAKE_SECONDS} s idle, Stint with a timer running and the floor side by side" \
      "(after ${STARTUP_TAIL_SECONDS} s for start-up to die down)"
  install_db "$OUT/typical.db"
  launch stint_pid "${STINT_CMD[@]}"
  launch floor_pid "${FLOOR_CMD[@]}"
  wait_item "$APP_ID"
  wait_item "$FLOOR_ID"
  sleep "$STARTUP_TAIL_SECONDS"
  "$PROBE" idle --settle 1000 "$stint_pid" "$floor_pid"
  "$PROBE" wakeups "$WAKE_SECONDS" "$stint_pid" "$floor_pid" > "$OUT/wakeups.txt"
  stop_program "$stint_pid" "$APP_ID"
  stop_program "$floor_pid"
fi
LOAD_AFTER=$(loadavg)

# ------------------------------------------------------------------ report

# Cells padded by characters, not bytes: the figures carry "–", "→" and "×".
lcell() { printf '%s%*s' "$1" $(($2 > ${#1} ? $2 - ${#1} : 0)) ''; }
rcell() { printf '%*s%s' $(($2 > ${#1} ? $2 - ${#1} : 0)) '' "$1"; }
# row LABEL [STINT [FLOOR [RATIO]]]
row() {
  lcell "$1" 46
  [ $# -lt 2 ] || rcell "$2" 15
  [ $# -lt 3 ] || rcell "$3" 13
  [ $# -lt 4 ] || rcell "$4" 7
  echo
}
# target NAME LIMIT MEASURED VERDICT
TARGETS=()
target() {
  TARGETS+=("$(lcell "$1" 44; lcell "$2" 8; lcell "$3" 13; echo "$4")")
}

report_start() {
  local s f s_min s_max f_min f_max s_rss f_rss s_rmin s_rmax f_rmin f_rmax r
  read -r s s_min s_max < <(field start_ms "$OUT/start-stint.txt" | stats)
  read -r f f_min f_max < <(field start_ms "$OUT/start-floor.txt" | stats)
  read -r s_rss s_rmin s_rmax < <(field rss_kb "$OUT/start-stint.txt" | stats 0)
  read -r f_rss f_rmin f_rmax < <(field rss_kb "$OUT/start-floor.txt" | stats 0)
  local s_pss f_pss s_uss f_uss
  s_pss=$(field pss_kb "$OUT/start-stint.txt" | median 0)
  f_pss=$(field pss_kb "$OUT/start-floor.txt" | median 0)
  s_uss=$(field uss_kb "$OUT/start-stint.txt" | median 0)
  f_uss=$(field uss_kb "$OUT/start-floor.txt" | median 0)

  local s_cpu f_cpu s_wait f_wait
  s_cpu=$(field cpu_ms "$OUT/start-stint.txt" | median)
  f_cpu=$(field cpu_ms "$OUT/start-floor.txt" | median)
  s_wait=$(field wait_ms "$OUT/start-stint.txt" | median)
  f_wait=$(field wait_ms "$OUT/start-floor.txt" | median)

  r=$(ratio "$s" "$f")
  row "start → tray item registered, ms (median)" "$s" "$f" "$r×"
  row "  min–max of $RUNS starts each; minima" "$s_min–$s_max" "$f_min–$f_max" "$(ratio "$s_min" "$f_min")×"
  row "  CPU time until then, ms (median)" "$s_cpu" "$f_cpu" "$(ratio "$s_cpu" "$f_cpu")×"
  row "  waiting for a CPU meanwhile, ms (median)" "$s_wait" "$f_wait"
  target "start ≤ 1.3× floor" "1.3×" "$r×" "$(verdict "$r" 1.3)"
  r=$(ratio "$s_rss" "$f_rss")
  row "memory after start, RSS MB (median)" "$(mb "$s_rss")" "$(mb "$f_rss")" "$r×"
  row "  min–max" "$(mb "$s_rmin")–$(mb "$s_rmax")" "$(mb "$f_rmin")–$(mb "$f_rmax")"
  row "  PSS MB" "$(mb "$s_pss")" "$(mb "$f_pss")" "$(ratio "$s_pss" "$f_pss")×"
  row "  private (USS) MB" "$(mb "$s_uss")" "$(mb "$f_uss")" "$(ratio "$s_uss" "$f_uss")×"
  target "memory (RSS) ≤ 1.3× floor" "1.3×" "$r×" "$(verdict "$r" 1.3)"
}

report_wakeups() {
  local seconds s s_main f f_main
  seconds=$(awk '$1 == "seconds" { print $2 }' "$OUT/wakeups.txt")
  # per_minute PID [main]: voluntary + involuntary switches of all threads;
  # or the voluntary ones of the main thread: each is one wake-up of the
  # main loop, while involuntary ones come from load on the machine
  per_minute() {
    awk -v pid="$1" -v s="$seconds" -v main="${2:-}" '
      $1 == pid && $2 == "total" && main == "" { n = $3 + $4 }
      $1 == pid && $2 == pid && main != "" { n = $4 }
      END { printf "%.1f", n * 60 / s }' "$OUT/wakeups.txt"
  }
  threads() {
    awk -v pid="$1" '$1 == pid && $2 != "total" { printf "%s%s %d+%d", sep, $3, $4, $5; sep = ", " }
      END { if (sep == "") printf "none" }' "$OUT/wakeups.txt"
  }
  s=$(per_minute "$stint_pid")
  f=$(per_minute "$floor_pid")
  s_main=$(per_minute "$stint_pid" main)
  f_main=$(per_minute "$floor_pid" main)
  row "idle wake-ups per minute, main thread" "$s_main" "$f_main"
  row "  context switches/min, all threads" "$s" "$f"
  row "  in ${seconds%.*} s, voluntary+involuntary: Stint" "$(threads "$stint_pid")"
  row "                                         floor" "$(threads "$floor_pid")"
  target "idle wake-ups ≤ 1/min (main thread)" "1/min" "$s_main/min" "$(verdict "$s_main" 1)"
}

report_label() {
  local s s_min s_max f f_min f_max s_stop f_stop
  label_stats() { awk -v id="$1" -v kind="$2" '$1 == id && $2 == kind { print $3 }' "$OUT/label.txt" | stats 2; }
  read -r s s_min s_max < <(label_stats "$APP_ID" start)
  read -r f f_min f_max < <(label_stats "$FLOOR_ID" start)
  read -r s_stop _ _ < <(label_stats "$APP_ID" stop)
  read -r f_stop _ _ < <(label_stats "$FLOOR_ID" stop)
  row "tray Start → new label, ms (median)" "$s" "$f" "$(ratio "$s" "$f")×"
  row "  min–max of $((LABEL_CLICKS / 2)) each" "$s_min–$s_max" "$f_min–$f_max"
  row "tray Stop → label cleared, ms (median)" "$s_stop" "$f_stop" "$(ratio "$s_stop" "$f_stop")×"
  target "tray Start → label ≤ 16 ms" "16 ms" "$s ms" "$(verdict "$s" 16)"
}

report_window() {
  local frame frame_min frame_max menu menu_min menu_max mapped close cold before open closed
  local d_cold d_open d_warm d_close
  # warm VIA FIELD: stats of the warm opens (all but the first, cold one)
  warm() {
    tail -n +2 "$OUT/window-typical.txt" | grep "via=$1 " | field "$2" /dev/stdin | stats 0
  }
  first() { field "$1" "$OUT/window-$2.txt" | head -n 1 | median 0; }
  read -r frame frame_min frame_max < <(warm command frame_ms)
  read -r menu menu_min menu_max < <(warm menu frame_ms)
  read -r mapped _ _ < <(warm command mapped_ms)
  local cpu wait
  cpu=$(tail -n +2 "$OUT/window-typical.txt" | field cpu_ms /dev/stdin | median 0)
  wait=$(tail -n +2 "$OUT/window-typical.txt" | field wait_ms /dev/stdin | median 0)
  close=$(tail -n +2 "$OUT/window-typical.txt" | field close_busy_ms /dev/stdin | median 0)
  cold=$(first frame_ms typical)
  before=$(field before_rss_kb "$OUT/window-typical-before.txt")
  open=$(first open_rss_kb typical)
  closed=$(field closed_rss_kb "$OUT/window-typical.txt" | tail -n 1)
  d_cold=$(first frame_ms dense)
  d_open=$(first open_rss_kb dense)
  d_warm=$(tail -n +2 "$OUT/window-dense.txt" | field frame_ms /dev/stdin | median 0)
  d_close=$(field close_busy_ms "$OUT/window-dense.txt" | median 0)
  row "stint --show → window's first frame, ms (median)" "$frame" "—"
  row "  min–max, warm" "$frame_min–$frame_max"
  row "  first (cold) open" "$cold"
  row "  of which until mapped (median)" "$mapped"
  row "tray Open Stint → first frame, ms (median)" "$menu"
  row "  min–max" "$menu_min–$menu_max"
  row "Stint's CPU time from either, ms (median)" "$cpu"
  row "  and waiting for a CPU meanwhile" "$wait"
  row "closing it keeps Stint busy, ms (median)" "$close"
  row "RSS MB: before, window open, after close" "$(mb "$before"), $(mb "$open"), $(mb "$closed")"
  row "all $ENTRIES in view: cold open, ms" "$d_cold"
  row "  warm opens, ms (median)" "$d_warm"
  row "  closing it keeps Stint busy, ms (median)" "$d_close"
  row "  RSS MB with the window open" "$(mb "$d_open")"
  target "window open → first frame ≤ 100 ms" "100 ms" "$frame ms" "$(verdict "$frame" 100)"
}

{
  echo
  echo "Stint benchmark: $version ($revision) against the floor, a bare GTK 3 + AppIndicator program"
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load $LOAD_BEFORE before and $LOAD_AFTER after"
  echo "Store: $ENTRIES finished entries, $PER_DAY a day back from yesterday, and one running."
  echo "Stint runs as the session starts it (--gapplication-service: tray only, no window)."
  echo
  row "" Stint floor ratio
  target target limit measured result
  if wanted start; then report_start; fi
  if wanted wakeups; then report_wakeups; fi
  if wanted label; then report_label; fi
  if wanted window; then report_window; fi
  echo
  printf '%s\n' "${TARGETS[@]}"
  echo
  echo "Raw figures and logs: $OUT"
} | tee "$OUT/summary.txt"

exit 0
