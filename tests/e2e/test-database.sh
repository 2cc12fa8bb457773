#!/usr/bin/env bash
# test-database.sh: a damaged database is moved aside and replaced; one from
# a newer Stint is refused and left untouched
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"

A11Y="/usr/bin/python3 $(dirname "$0")/a11y.py"
dir="$XDG_DATA_HOME/stint"
db="$dir/stint.db"
mkdir -p "$dir"

# --- corrupt
head -c 8192 /dev/urandom > "$db"
sum_before=$(sha256sum < "$db")

# As D-Bus activation starts it: no window of its own, so any window is the dialog.
start_stint --gapplication-service
check "with a corrupt database, Stint still comes up in the tray" helper sni-wait "$APP_ID" 10
check "the user is told in a dialog, with where the old file went" \
  $A11Y wait-text "Stint kept the old file as .*stint\.db\.broken-" 10
check "the log says so too" grep -q "Moved the unreadable database to" "$DESKTOP_SESSION_DIR/logs/stint.log"
moved=$(ls "$dir"/stint.db.broken-* 2> /dev/null | head -n 1)
check "the broken file is kept, byte for byte" bash -c "[ -n '$moved' ] && [ \"\$(sha256sum < '$moved')\" = '$sum_before' ]"
check "and a fresh database took its place" bash -c "sqlite3 '$db' 'SELECT count(*) FROM entries' | grep -qx 0"
"$STINT" --start "After the repair"
check "tracking works on the fresh database" eventually 5 status_matches '^After the repair — '
helper screenshot "$ARTIFACTS/database-corrupt-dialog.png"
"$STINT" --quit
check "Stint quits" eventually 10 stint_gone
check "a clean quit clears the session's mark, so the next start reads only what it shows" \
  bash -c "[ \"\$(sqlite3 '$db' \"SELECT count(*) FROM meta WHERE key LIKE 'session/%'\")\" = 0 ]"

# --- newer schema
rm -f "$dir"/stint.db*
sqlite3 "$db" "CREATE TABLE future (x); PRAGMA user_version = 99;"
sum_before=$(sha256sum < "$db")
start_stint --gapplication-service
check "with a database from a newer Stint, the user is told why Stint stops" \
  $A11Y wait-text "written by a newer version of Stint" 10
check "stint --status says so instead of guessing" \
  bash -c 'out=$("$STINT" --status 2>&1); [ $? -ne 0 ] && echo "$out" | grep -q "newer version"'
check "no tray item offers to track into it" bash -c '! helper sni-wait "$APP_ID" 1'
check "the newer database is left untouched" \
  bash -c "[ \"\$(sha256sum < '$db')\" = '$sum_before' ] && [ ! -e '$db-wal' ]"
helper screenshot "$ARTIFACTS/database-newer-dialog.png"
$A11Y click "push button" "Close" > /dev/null 2>&1
check "closing the dialog ends Stint" eventually 10 stint_gone

finish
