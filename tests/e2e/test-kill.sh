#!/usr/bin/env bash
# test-kill.sh: the real Stint, signed in to the fake Toggl, killed with
# SIGKILL at random moments while it syncs, again and again; afterwards
# nothing the user did is lost and nothing is on the server twice
#
# Every round starts Stint, starts an entry from the command line (and
# sometimes stops it), waits until the entry is in the database (a user's
# action is local first), then kills Stint 0-400 ms later: with every answer
# of the server held back 150 ms after the change is made, and some
# connections dropped after it, the kill lands before, during and after
# requests that the server has acted on but Stint has not heard back from.
# STINT_KILL_ROUNDS sets the number of rounds (24 by default); the seed of
# the random moments is printed, and STINT_KILL_SEED repeats a run.
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/e2e-lib.sh"

ROUNDS=${STINT_KILL_ROUNDS:-24}
SEED=${STINT_KILL_SEED:-$(( $(date +%s) % 100000 ))}
RANDOM=$SEED
echo "# seed $SEED (STINT_KILL_SEED=$SEED repeats this run)"

use_shared_settings
DB="$XDG_DATA_HOME/stint/stint.db"
export DB

fixture=$STINT_FAKE_TOGGL_FIXTURE
TOKEN=$(fixture_get "$fixture" users 0 api_token)
export TOKEN

start_fake_toggl "$fixture"
ADMIN_AUTH="Basic $(printf '%s:api_token' "$TOKEN" | base64 -w 0)"
export ADMIN_AUTH

outbox_empty() {
  [ "$(sqlite3 "$DB" 'SELECT count(*) FROM outbox')" = 0 ]
}

running_here_is() {
  [ "$(sqlite3 "$DB" "SELECT description FROM entries WHERE stop IS NULL AND account != 'local'")" = "$1" ]
}

nothing_running_here() {
  [ -z "$(sqlite3 "$DB" "SELECT id FROM entries WHERE stop IS NULL AND account != 'local'")" ]
}

export -f outbox_empty running_here_is nothing_running_here

# Rounds restart Stint many times within a minute: the quota is not what
# this test is about (the sync tests see to it).
admin POST /settings '{"user_quota": 100000, "workspace_quota": 100000}' > /dev/null

stint_sign_in track "$TOKEN" --base-url="$TRACK_URL"
check "signed in to the fake Toggl" test $? -eq 0

# Every answer comes 150 ms after the change is made; one in six
# connections drops after the change instead.
admin POST /faults '{"path": "/api/v9/workspaces/*", "kind": "close-after", "times": 4}' > /dev/null
admin POST /faults '{"path": "/api/v9/*", "kind": "delay", "delay_ms": 150, "times": 100000}' > /dev/null

kills=0
lost=0
for round in $(seq 1 "$ROUNDS"); do
  G_MESSAGES_DEBUG=all start_stint
  if ! helper sni-wait "$APP_ID" 10 > /dev/null; then
    echo "# round $round: Stint did not come up"
    lost=$((lost + 1))
    kill -9 "$STINT_PID" 2> /dev/null
    continue
  fi

  "$STINT" --start "Kill $round"
  if ! eventually 5 running_here_is "Kill $round"; then
    echo "# round $round: the start did not reach the database"
    lost=$((lost + 1))
  fi
  if [ $((round % 3)) = 0 ]; then
    "$STINT" --stop
    eventually 5 nothing_running_here || { echo "# round $round: the stop did not reach the database"; lost=$((lost + 1)); }
  fi

  # A random moment while it syncs.
  sleep "0.$(printf '%03d' $((RANDOM % 400)))"
  kill -9 "$STINT_PID"
  eventually 5 stint_gone && kills=$((kills + 1))
  echo "# round $round: killed"
done

check "Stint was killed $ROUNDS times while syncing" test "$kills" -eq "$ROUNDS"
check "every action of every round reached the database before the kill" test "$lost" -eq 0

# Calm again: one more start, and everything drains.
admin DELETE /faults > /dev/null
G_MESSAGES_DEBUG=all start_stint
helper sni-wait "$APP_ID" 10 > /dev/null
check "after the last restart, the outbox drains" eventually 60 outbox_empty
"$STINT" --quit
eventually 10 stint_gone

# The invariants, from the database and the fake's own state.
invariants="$DESKTOP_SESSION_DIR/logs/kill-invariants.log"
admin GET /entries > "$DESKTOP_SESSION_DIR/logs/server-entries.json"
/usr/bin/python3 - "$DB" "$DESKTOP_SESSION_DIR/logs/server-entries.json" "$ROUNDS" > "$invariants" 2>&1 <<'EOF'
import datetime, json, sqlite3, sys

db, server_file, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])

def unix(text):
    return int(datetime.datetime.fromisoformat(text).timestamp()) if text else None

# What Stint made (the fixture's own entries are older than a first sync
# looks back).
server = [e for e in json.load(open(server_file))
          if e.get("user_id") == 1001 and not e.get("server_deleted_at")
          and e.get("created_with") == "Stint"]
local = sqlite3.connect(db).execute(
    "SELECT server_id, description, start, stop, sync_state FROM entries"
    " WHERE account = 'track:1001'").fetchall()

problems = []
seen = set()
for e in server:
    key = (e["start"], e["description"])
    if key in seen:
        problems.append("twice on the server: %s" % (key,))
    seen.add(key)
for i in range(1, rounds + 1):
    n = sum(1 for e in server if e["description"] == "Kill %d" % i)
    if n != 1:
        problems.append("Kill %d is on the server %d times" % (i, n))
if sum(1 for e in server if e["stop"] is None) > 1:
    problems.append("more than one entry runs on the server")

by_id = {e["id"]: e for e in server}
if len(local) != len(server):
    problems.append("%d entries here, %d on the server" % (len(local), len(server)))
for server_id, description, start, stop, state in local:
    e = by_id.get(server_id)
    if e is None:
        problems.append("%r here is not on the server (server id %s)" % (description, server_id))
        continue
    if (e["description"], unix(e["start"]), unix(e["stop"])) != (description, start, stop):
        problems.append("%r differs: here %s-%s, there %s-%s" % (description, start, stop, e["start"], e["stop"]))
    if state != 0:
        problems.append("%r is not synced here (state %d)" % (description, state))

print("\n".join(problems) if problems else "local equals server: %d entries" % len(server))
sys.exit(1 if problems else 0)
EOF
check "local equals server, every action arrived, no entry twice (seed $SEED)" test $? -eq 0
diag < "$invariants"

# What the kills left for the restarts to sort out, for whoever reads the log.
log="$DESKTOP_SESSION_DIR/logs/stint.log"
echo "# creates looked up after a kill or a dropped answer: $(grep -c 'may be on the server already' "$log")," \
     "found and adopted: $(grep -c 'was on the server already' "$log")," \
     "not there, sent again: $(grep -c 'is not on the server' "$log")"

finish
