/* test-store-migrate.c: upgrading the files earlier releases left: schema
 * 1 and 2 keep every row and come out at the current schema, a step that
 * fails leaves the file as it was, and schema 2's rows become local mode's
 * (test-store-schema4.c has the step to schema 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-fixture.h"

static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StintEntry) done = NULL;
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(StintEntry) fresh = stint_test_entry_new ("After the upgrade", T0 + 10 * HOUR, T0 + 11 * HOUR);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *meta = NULL;
  const char * const *entry_tags;

  stint_test_store_load_sql (f, "schema-v1.sql");
  f->store = stint_test_open_store (f->path);
  g_assert_cmpint (stint_store_get_schema_version (f->store), ==, STINT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (STINT_STORE_SCHEMA_VERSION, ==, 4);

  entries = stint_store_load_entries (f->store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  for (guint i = 0; i < entries->len; i++)
    {
      g_assert_cmpint (stint_entry_get_sync_state (entries->pdata[i]), ==, STINT_SYNC_STATE_SYNCED);
      g_assert_null (stint_entry_get_sync_error (entries->pdata[i]));
    }

  done = stint_test_load_entry (f->store, 1);
  g_assert_cmpint (stint_entry_get_server_id (done), ==, G_GINT64_CONSTANT (3000000001));
  g_assert_cmpint (stint_entry_get_workspace_id (done), ==, 42);
  g_assert_cmpint (stint_entry_get_project_id (done), ==, 1);
  g_assert_cmpstr (stint_entry_get_description (done), ==, "Write the store");
  entry_tags = stint_entry_get_tags (done);
  g_assert_cmpuint (g_strv_length ((char **)entry_tags), ==, 2);
  g_assert_cmpstr (entry_tags[0], ==, "deep work");
  g_assert_cmpstr (entry_tags[1], ==, "café ☕");
  g_assert_true (stint_entry_get_billable (done));
  g_assert_cmpint (stint_entry_get_start (done), ==, T0);
  g_assert_cmpint (stint_entry_get_stop (done), ==, T0 + 90 * 60);
  g_assert_cmpint (stint_entry_get_at (done), ==, T0 + 90 * 60 + 5);

  running = stint_store_load_running (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_id (running), ==, 3);

  projects = stint_store_load_projects (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (projects->len, ==, 2);
  g_assert_cmpstr (stint_project_get_name (projects->pdata[0]), ==, "Garden");
  g_assert_false (stint_project_get_active (projects->pdata[0]));
  g_assert_cmpstr (stint_project_get_color (projects->pdata[1]), ==, "#3584e4");
  g_assert_cmpint (stint_project_get_server_id (projects->pdata[1]), ==, 9001);

  tags = stint_store_load_tags (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpstr (stint_tag_get_name (tags->pdata[0]), ==, "café");

  /* What schema 2 added works. */
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_true (stint_store_set_meta (f->store, "since", "1709283600", &error));
  g_assert_no_error (error);
  insert (f->store, fresh, STINT_OUTBOX_CREATE);
  g_assert_cmpint (stint_entry_get_id (fresh), ==, 4);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 1);

  /* Opening again does not migrate again. */
  stint_test_store_reopen (f);
  g_assert_cmpint (stint_store_get_schema_version (f->store), ==, STINT_STORE_SCHEMA_VERSION);
  meta = stint_store_get_meta (f->store, "since");
  g_assert_cmpstr (meta, ==, "1709283600");
}

static void
test_migrate_failed_step (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StintStore) store = NULL;
  g_autoptr(StintStore) readonly = NULL;
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(GError) error = NULL;

  /* Step 2 creates "outbox"; here one is in the way. */
  stint_test_store_load_sql (f, "schema-v1.sql");
  stint_test_sql_on_file (f->path, "CREATE TABLE outbox (x)");

  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  g_clear_error (&error);

  /* The step was all or nothing: still schema 1, rows intact. */
  readonly = stint_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_store_get_schema_version (readonly), ==, 1);
  running = stint_store_load_running (readonly, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Read about SQLite");
}

/* A schema 2 file as the second release left it: schema 1's rows, the sync
 * tables, a queued operation and a meta key. The step is copied here, not
 * shared, because it is history. */
static void
load_schema_v2 (Fixture *f)
{
  stint_test_store_load_sql (f, "schema-v1.sql");
  stint_test_sql_on_file (f->path,
               "BEGIN;"
               "ALTER TABLE entries ADD COLUMN sync_state INTEGER NOT NULL DEFAULT 0;"
               "ALTER TABLE entries ADD COLUMN sync_error TEXT;"
               "CREATE TABLE outbox ("
               "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
               "  entry_id     INTEGER NOT NULL,"
               "  server_id    INTEGER,"
               "  kind         INTEGER NOT NULL,"
               "  created_at   INTEGER NOT NULL,"
               "  attempts     INTEGER NOT NULL DEFAULT 0,"
               "  last_error   TEXT"
               ");"
               "CREATE INDEX outbox_entry_id ON outbox (entry_id);"
               "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
               "UPDATE entries SET sync_state = 1 WHERE id = 3;"
               "INSERT INTO outbox (entry_id, kind, created_at, attempts, last_error)"
               "  VALUES (3, 1, 1709283600, 2, 'Offline');"
               "INSERT INTO meta VALUES ('since', '1709283600');"
               "PRAGMA user_version = 2;"
               "COMMIT;");
}

static void
test_migrate_v2 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StintStore) reader = NULL;
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(StintEntry) other_running = stint_test_entry_new ("Elsewhere", T0 + 20 * HOUR, 0);
  g_autoptr(StintProject) same_server_id = stint_project_new (0, "Stint", NULL);
  g_autoptr(StintTag) same_name = stint_tag_new (0, "café");
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  StintOutboxOp *op;

  load_schema_v2 (f);

  /* Read-only beside an older Stint: no accounts in the file yet. */
  reader = stint_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_store_get_schema_version (reader), ==, 2);
  g_assert_cmpstr (stint_store_get_account (reader), ==, "local");
  running = stint_store_load_running (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Read about SQLite");
  ops = load_outbox (reader);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_false (outbox_op (ops, 0)->failed);
  g_clear_pointer (&ops, g_ptr_array_unref);
  g_clear_object (&running);
  g_clear_object (&reader);

  /* Upgraded: every row is local mode's. */
  f->store = stint_test_open_store (f->path);
  g_assert_cmpint (stint_store_get_schema_version (f->store), ==, STINT_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (stint_store_get_account (f->store), ==, "local");
  g_assert_cmpuint (count_entries (f->store), ==, 3);
  g_assert_cmpuint (count_projects (f->store), ==, 2);
  g_assert_cmpuint (count_tags (f->store), ==, 2);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, "local"), ==, 3);
  ops = load_outbox (f->store);
  g_assert_cmpuint (ops->len, ==, 1);
  op = outbox_op (ops, 0);
  g_assert_cmpint (op->entry_id, ==, 3);
  g_assert_cmpint (op->kind, ==, STINT_OUTBOX_CREATE);
  g_assert_cmpuint (op->attempts, ==, 2);
  g_assert_cmpstr (op->last_error, ==, "Offline");
  g_assert_cmpint (op->workspace_id, ==, 0);
  g_assert_false (op->is_stop);
  g_assert_cmpint (op->next_attempt_at, ==, 0);
  g_assert_false (op->failed);
  since = stint_store_get_meta (f->store, "since");
  g_assert_cmpstr (since, ==, "1709283600");

  /* Another account starts empty, and its rows do not collide with local
   * mode's: a running entry, a server id, a tag name of its own. */
  stint_test_set_account (f->store, TRACK);
  g_assert_cmpuint (count_entries (f->store), ==, 0);
  g_assert_cmpuint (count_projects (f->store), ==, 0);
  g_assert_cmpuint (count_tags (f->store), ==, 0);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  insert (f->store, other_running, STINT_OUTBOX_NONE);
  stint_project_set_server_id (same_server_id, 9001);
  g_assert_true (stint_store_insert_project (f->store, same_server_id, &error));
  g_assert_true (stint_store_insert_tag (f->store, same_name, &error));
  g_assert_no_error (error);

  /* One running entry per account still. */
  {
    g_autoptr(StintEntry) second = stint_test_entry_new ("Second", T0 + 21 * HOUR, 0);

    g_assert_false (stint_store_insert_entry (f->store, second, STINT_OUTBOX_NONE, &error));
    g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT);
    g_assert_nonnull (strstr (error->message, "already running"));
    g_clear_error (&error);
  }

  stint_test_set_account (f->store, "local");
  running = stint_store_load_running (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_id (running), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, setup, func) \
  g_test_add ("/stint/store/" path, Fixture, NULL, setup, func, stint_test_store_teardown)

  ADD ("migrate/v1", stint_test_store_setup, test_migrate_v1);
  ADD ("migrate/failed-step", stint_test_store_setup, test_migrate_failed_step);
  ADD ("migrate/v2", stint_test_store_setup, test_migrate_v2);

#undef ADD

  return g_test_run ();
}
