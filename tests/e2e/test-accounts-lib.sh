# test-accounts-lib.sh: what test-accounts.sh and test-accounts-no-keyring.sh
# share (sourced after e2e-lib.sh; not a test of its own): Ada's account on
# the fake Toggl server, and looks at its entries and Stint's database
#
# SPDX-License-Identifier: GPL-3.0-or-later

A11Y="/usr/bin/python3 $(dirname "${BASH_SOURCE[0]}")/a11y.py"

use_shared_settings

fixture=$STINT_FAKE_TOGGL_FIXTURE
TOKEN=$(fixture_get "$fixture" users 0 api_token)
export TOKEN

start_fake_toggl "$fixture"
# The admin API as Ada (her token)
ADMIN_AUTH="Basic $(printf '%s:api_token' "$TOKEN" | base64 -w 0)"
DB="$XDG_DATA_HOME/stint/stint.db"
export ADMIN_AUTH DB A11Y

# server_has PYTHON-CONDITION: some entry on the server satisfies it (e)
server_has() {
  admin GET /entries | /usr/bin/python3 -c "
import json, sys
entries = [e for e in json.load(sys.stdin) if not e.get('server_deleted_at')]
sys.exit(0 if any($1 for e in entries) else 1)"
}

# server_count PYTHON-CONDITION N: N entries on the server satisfy it (e)
server_count() {
  admin GET /entries | /usr/bin/python3 -c "
import json, sys
entries = [e for e in json.load(sys.stdin) if not e.get('server_deleted_at')]
sys.exit(0 if sum(1 for e in entries if $1) == $2 else 1)"
}

# iso_ago SECONDS: that long before now, as Toggl writes times
iso_ago() {
  /usr/bin/python3 -c "
import datetime, sys
t = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=int(sys.argv[1]))
print(t.replace(microsecond=0).isoformat())" "$1"
}

# db_count SQL-CONDITION N: N rows of Stint's entries table satisfy it
db_count() {
  db_rows entries "$1" "$2"
}

db_count_outbox() {
  db_rows outbox "$1" "$2"
}

db_rows() {
  /usr/bin/python3 - "$DB" "$1" "$2" "$3" <<'EOF'
import sqlite3, sys
path, table, where, expected = sys.argv[1:5]
db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=5)
n = db.execute("SELECT count(*) FROM %s WHERE %s" % (table, where)).fetchone()[0]
print(n)
sys.exit(0 if n == int(expected) else 1)
EOF
}

# sign_in ARGS...: `stint --sign-in=track` with Ada's token on standard input
sign_in() {
  stint_sign_in track "$TOKEN" "$@"
}

export -f server_has server_count db_count db_count_outbox db_rows
