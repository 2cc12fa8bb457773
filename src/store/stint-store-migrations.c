/* stint-store-migrations.c: the schema, one step per version
 *
 * The version lives in PRAGMA user_version. Step N takes a file from version
 * N-1 to N in its own transaction together with the version bump, so a crash
 * or a failure leaves the file at the last version that completed. Steps are
 * never edited once released: a change to the schema is a new step.
 *
 * Ids that mean "none" (server ids not yet known) are NULL in the tables and
 * 0 in the model objects. Names of the indexes matter: stint-store.c maps a
 * violation of entries_one_running to a sentence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-store-private.h"

static const char * const migrations[] = {
  /* 1: entries, projects, tags. AUTOINCREMENT because the outbox refers to
   * entries by local id after they are deleted: an id must never come back. */
  "CREATE TABLE entries ("
  "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  server_id    INTEGER,"
  "  workspace_id INTEGER NOT NULL DEFAULT 0,"
  "  project_id   INTEGER NOT NULL DEFAULT 0,"   /* projects.id; 0 = none */
  "  task_id      INTEGER NOT NULL DEFAULT 0,"
  "  description  TEXT NOT NULL DEFAULT '',"
  "  tags         TEXT NOT NULL DEFAULT '[]',"   /* JSON array of names */
  "  billable     INTEGER NOT NULL DEFAULT 0,"
  "  start        INTEGER NOT NULL,"             /* Unix seconds */
  "  stop         INTEGER,"                      /* NULL while running */
  "  at           INTEGER NOT NULL DEFAULT 0"    /* server's last change; 0 = local */
  ");"
  "CREATE UNIQUE INDEX entries_server_id ON entries (server_id) WHERE server_id IS NOT NULL;"
  "CREATE INDEX entries_start ON entries (start);"
  /* Every running row has the same key, so the index holds at most one. */
  "CREATE UNIQUE INDEX entries_one_running ON entries ((stop IS NULL)) WHERE stop IS NULL;"
  "CREATE TABLE projects ("
  "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  server_id    INTEGER,"
  "  workspace_id INTEGER NOT NULL DEFAULT 0,"
  "  name         TEXT NOT NULL,"
  "  color        TEXT,"                         /* '#rrggbb' */
  "  active       INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE UNIQUE INDEX projects_server_id ON projects (server_id) WHERE server_id IS NOT NULL;"
  "CREATE TABLE tags ("
  "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  server_id    INTEGER,"
  "  workspace_id INTEGER NOT NULL DEFAULT 0,"
  "  name         TEXT NOT NULL,"
  "  UNIQUE (workspace_id, name)"
  ");"
  "CREATE UNIQUE INDEX tags_server_id ON tags (server_id) WHERE server_id IS NOT NULL;",

  /* 2: sync. Existing entries were local or already on the server: synced. */
  "ALTER TABLE entries ADD COLUMN sync_state INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE entries ADD COLUMN sync_error TEXT;"
  "CREATE TABLE outbox ("
  "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"  /* the order of operations */
  "  entry_id     INTEGER NOT NULL,"                   /* no foreign key: deletes stay */
  "  server_id    INTEGER,"
  "  kind         INTEGER NOT NULL,"                   /* StintOutboxKind */
  "  created_at   INTEGER NOT NULL,"
  "  attempts     INTEGER NOT NULL DEFAULT 0,"
  "  last_error   TEXT"
  ");"
  "CREATE INDEX outbox_entry_id ON outbox (entry_id);"
  "CREATE TABLE meta ("
  "  key          TEXT PRIMARY KEY,"
  "  value        TEXT"
  ") WITHOUT ROWID;",

  /* 3: accounts. Every row belongs to one: 'local', 'track:<user id>', …;
   * rows from before had none and are local. Server ids are unique within an
   * account, and each account may have one running entry. The tags table is
   * rebuilt because its UNIQUE constraint is part of the table. The outbox
   * learns what the sync layer needs across restarts. */
  "ALTER TABLE entries ADD COLUMN account TEXT NOT NULL DEFAULT 'local';"
  "ALTER TABLE projects ADD COLUMN account TEXT NOT NULL DEFAULT 'local';"
  "ALTER TABLE outbox ADD COLUMN account TEXT NOT NULL DEFAULT 'local';"
  "ALTER TABLE outbox ADD COLUMN workspace_id INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE outbox ADD COLUMN is_stop INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE outbox ADD COLUMN failed INTEGER NOT NULL DEFAULT 0;"
  "DROP INDEX entries_server_id;"
  "CREATE UNIQUE INDEX entries_server_id ON entries (account, server_id)"
  "  WHERE server_id IS NOT NULL;"
  "DROP INDEX entries_start;"
  "CREATE INDEX entries_start ON entries (account, start);"
  /* The expression keeps the index's name in SQLite's message (see
   * stint-store.c): a plain column index is reported by its columns. */
  "DROP INDEX entries_one_running;"
  "CREATE UNIQUE INDEX entries_one_running ON entries (account, (stop IS NULL)) WHERE stop IS NULL;"
  "DROP INDEX projects_server_id;"
  "CREATE UNIQUE INDEX projects_server_id ON projects (account, server_id)"
  "  WHERE server_id IS NOT NULL;"
  "CREATE TABLE tags_v3 ("
  "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  server_id    INTEGER,"
  "  workspace_id INTEGER NOT NULL DEFAULT 0,"
  "  name         TEXT NOT NULL,"
  "  account      TEXT NOT NULL DEFAULT 'local',"
  "  UNIQUE (account, workspace_id, name)"
  ");"
  "INSERT INTO tags_v3 (id, server_id, workspace_id, name)"
  "  SELECT id, server_id, workspace_id, name FROM tags;"
  "DROP TABLE tags;"
  "ALTER TABLE tags_v3 RENAME TO tags;"
  "CREATE UNIQUE INDEX tags_server_id ON tags (account, server_id) WHERE server_id IS NOT NULL;"
  "CREATE INDEX outbox_account ON outbox (account, id);",

  /* 4: what a workspace holds beyond projects and tags. A Focus break is
   * remembered (it was lost on restart before). Clients (Stint's customers)
   * come from the server only; a project names its client by local id, 0
   * for none, as entries name their project. Workspaces record what their
   * plan allows, keyed by the server's id: Track's free plan has no
   * billable time, and a workspace never seen allows it. */
  "ALTER TABLE entries ADD COLUMN is_break INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE clients ("
  "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  server_id    INTEGER,"
  "  workspace_id INTEGER NOT NULL DEFAULT 0,"
  "  name         TEXT NOT NULL,"
  "  archived     INTEGER NOT NULL DEFAULT 0,"
  "  account      TEXT NOT NULL DEFAULT 'local'"
  ");"
  "CREATE UNIQUE INDEX clients_server_id ON clients (account, server_id)"
  "  WHERE server_id IS NOT NULL;"
  "ALTER TABLE projects ADD COLUMN client_id INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE workspaces ("
  "  account      TEXT NOT NULL,"
  "  id           INTEGER NOT NULL,"            /* the server's */
  "  name         TEXT NOT NULL DEFAULT '',"
  "  billable     INTEGER NOT NULL DEFAULT 1,"  /* the plan allows billable time */
  "  PRIMARY KEY (account, id)"
  ") WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == STINT_STORE_SCHEMA_VERSION);

/* A step that fails on a well-formed file of the right version cannot happen,
 * so the file is not what Stint wrote: that is reported as damaged, unless
 * the disk or another program is at fault. */
static void
set_step_error (StintStore  *self,
                int          to,
                int          rc,
                const char  *detail,
                GError     **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_CONSTRAINT:
    case SQLITE_ERROR:
    case SQLITE_SCHEMA:
    case SQLITE_MISMATCH:
      g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT,
                   _("Stint could not upgrade its database %s to schema %d (%s)."),
                   self->path, to, detail);
      break;

    default:
      stint_store_set_error (self, rc, error);
      break;
    }
}

static gboolean
run_step (StintStore  *self,
          int          to,
          GError     **error)
{
  g_autofree char *sql = NULL;
  char *detail = NULL;
  int rc;

  if (!stint_store_begin (self, error))
    return FALSE;

  sql = g_strdup_printf ("%s; PRAGMA user_version = %d;", migrations[to - 1], to);
  rc = sqlite3_exec (self->db, sql, NULL, NULL, &detail);
  if (rc != SQLITE_OK)
    {
      set_step_error (self, to, rc, detail != NULL ? detail : sqlite3_errstr (rc), error);
      sqlite3_free (detail);
      stint_store_rollback (self);
      return FALSE;
    }

  if (!stint_store_commit (self, error))
    {
      stint_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/* Brings the open file up to STINT_STORE_SCHEMA_VERSION. */
gboolean
stint_store_migrate (StintStore  *self,
                     GError     **error)
{
  g_assert (STINT_IS_STORE (self));
  g_assert (self->schema_version <= STINT_STORE_SCHEMA_VERSION);

  while (self->schema_version < STINT_STORE_SCHEMA_VERSION)
    {
      int to = self->schema_version + 1;

      if (!run_step (self, to, error))
        return FALSE;

      g_debug ("Upgraded %s to schema %d", self->path, to);
      self->schema_version = to;
    }

  return TRUE;
}
