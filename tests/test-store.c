/* test-store.c: the SQLite store: round trips, transactions, outbox,
 * migrations, and what happens to files that cannot be used
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "store/stint-store.h"
#include "stint-test-utils.h"

/* 2024-03-01 09:00 UTC */
#define T0 G_GINT64_CONSTANT (1709283600)
#define HOUR 3600

/* The store lives in tmpdir/data/stint, which it makes itself. */
typedef StintTestStore Fixture;

static int
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static gboolean
file_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static char *
companion (const char *path,
           const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static void
assert_not_stored (StintStore *store,
                   gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = NULL;

  entry = stint_store_load_entry (store, id, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_assert_null (entry);
}

static void
insert (StintStore      *store,
        StintEntry      *entry,
        StintOutboxKind  kind)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_store_insert_entry (store, entry, kind, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_id (entry), >, 0);
}

static void
assert_entries_equal (StintEntry *a,
                      StintEntry *b)
{
  g_assert_cmpint (stint_entry_get_id (a), ==, stint_entry_get_id (b));
  g_assert_cmpint (stint_entry_get_server_id (a), ==, stint_entry_get_server_id (b));
  g_assert_cmpint (stint_entry_get_workspace_id (a), ==, stint_entry_get_workspace_id (b));
  g_assert_cmpint (stint_entry_get_project_id (a), ==, stint_entry_get_project_id (b));
  g_assert_cmpint (stint_entry_get_task_id (a), ==, stint_entry_get_task_id (b));
  g_assert_cmpstr (stint_entry_get_description (a), ==, stint_entry_get_description (b));
  g_assert_true (g_strv_equal (stint_entry_get_tags (a), stint_entry_get_tags (b)));
  g_assert_cmpint (stint_entry_get_billable (a), ==, stint_entry_get_billable (b));
  g_assert_cmpint (stint_entry_get_start (a), ==, stint_entry_get_start (b));
  g_assert_cmpint (stint_entry_get_stop (a), ==, stint_entry_get_stop (b));
  g_assert_cmpint (stint_entry_get_at (a), ==, stint_entry_get_at (b));
  g_assert_cmpint (stint_entry_get_sync_state (a), ==, stint_entry_get_sync_state (b));
  g_assert_cmpstr (stint_entry_get_sync_error (a), ==, stint_entry_get_sync_error (b));
}

/* Entries */

static void
test_entry_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const tags[] = { "deep work", "café ☕", "日本語", "\"quoted\", [x]", NULL };
  g_autoptr(StintEntry) done = stint_test_entry_new ("Write the store — ünïcödé", T0, T0 + HOUR);
  g_autoptr(StintEntry) running = stint_test_entry_new ("", T0 + 2 * HOUR, 0);
  g_autoptr(StintEntry) loaded = NULL;
  g_autoptr(StintEntry) loaded_running = NULL;
  g_autoptr(GError) error = NULL;

  stint_entry_set_server_id (done, G_GINT64_CONSTANT (3000000001));
  stint_entry_set_workspace_id (done, 42);
  stint_entry_set_project_id (done, 7);
  stint_entry_set_task_id (done, 99);
  stint_entry_set_tags (done, tags);
  stint_entry_set_billable (done, TRUE);
  stint_entry_set_at (done, T0 + HOUR + 5);
  stint_entry_set_sync_state (done, STINT_SYNC_STATE_FAILED, "Workspace is read-only");
  insert (f->store, done, STINT_OUTBOX_NONE);
  insert (f->store, running, STINT_OUTBOX_NONE);

  stint_test_store_reopen (f);

  loaded = stint_test_load_entry (f->store, stint_entry_get_id (done));
  assert_entries_equal (loaded, done);
  g_assert_cmpstr (stint_entry_get_tags (loaded)[1], ==, "café ☕");

  loaded_running = stint_store_load_running (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded_running);
  assert_entries_equal (loaded_running, running);
  g_assert_true (stint_entry_is_running (loaded_running));
  g_assert_cmpint (g_strv_length ((char **)stint_entry_get_tags (loaded_running)), ==, 0);
  g_assert_false (stint_entry_get_billable (loaded_running));
}

static void
test_entry_no_running (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(StintEntry) done = stint_test_entry_new ("Done", T0, T0 + HOUR);
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(GError) error = NULL;

  insert (f->store, done, STINT_OUTBOX_NONE);

  running = stint_store_load_running (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (running);
}

static void
test_entry_one_running (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(StintEntry) first = stint_test_entry_new ("First", T0, 0);
  g_autoptr(StintEntry) second = stint_test_entry_new ("Second", T0 + HOUR, 0);
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  insert (f->store, first, STINT_OUTBOX_NONE);

  g_assert_false (stint_store_insert_entry (f->store, second, STINT_OUTBOX_NONE, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==,
                   "Another entry is already running. Stop it before starting a new one.");
  g_assert_cmpint (stint_entry_get_id (second), ==, 0);
  g_clear_error (&error);

  /* What the tracker does: stop and start in one transaction. */
  g_assert_true (stint_store_begin (f->store, &error));
  stint_entry_set_stop (first, T0 + HOUR);
  g_assert_true (stint_store_update_entry (f->store, first, STINT_OUTBOX_NONE, &error));
  g_assert_true (stint_store_insert_entry (f->store, second, STINT_OUTBOX_NONE, &error));
  g_assert_true (stint_store_commit (f->store, &error));
  g_assert_no_error (error);

  running = stint_store_load_running (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_id (running), ==, stint_entry_get_id (second));

  all = stint_store_load_entries (f->store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
}

static void
test_entry_load_range (Fixture       *f,
                       gconstpointer  data)
{
  /* Start offsets in hours; the two at 2h tie and sort by id, newest first. */
  static const int starts[] = { 0, 2, 2, 5, 24 };
  StintEntry *entries[G_N_ELEMENTS (starts)];
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      gint64 start = T0 + starts[i] * HOUR;

      entries[i] = stint_test_entry_new ("x", start, i == 4 ? 0 : start + 60);
      insert (f->store, entries[i], STINT_OUTBOX_NONE);
    }

  /* [from, to): 2h and 5h, not 0h or 24h... */
  got = stint_store_load_entries (f->store, T0 + 1, T0 + 24 * HOUR, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 3);
  g_assert_cmpint (stint_entry_get_id (got->pdata[0]), ==, stint_entry_get_id (entries[3]));
  g_assert_cmpint (stint_entry_get_id (got->pdata[1]), ==, stint_entry_get_id (entries[2]));
  g_assert_cmpint (stint_entry_get_id (got->pdata[2]), ==, stint_entry_get_id (entries[1]));
  g_clear_pointer (&got, g_ptr_array_unref);

  /* ...the start itself is included, and so is the running entry. */
  got = stint_store_load_entries (f->store, T0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 5);
  g_assert_true (stint_entry_is_running (got->pdata[0]));
  g_assert_cmpint (stint_entry_get_id (got->pdata[4]), ==, stint_entry_get_id (entries[0]));
  g_clear_pointer (&got, g_ptr_array_unref);

  got = stint_store_load_entries (f->store, T0, G_MAXINT64, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpint (stint_entry_get_id (got->pdata[1]), ==, stint_entry_get_id (entries[3]));
  g_clear_pointer (&got, g_ptr_array_unref);

  got = stint_store_load_entries (f->store, T0 + 100 * HOUR, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    g_object_unref (entries[i]);
}

static void
test_entry_update_delete (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const tags[] = { "one", NULL };
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Before", T0, T0 + HOUR);
  g_autoptr(StintEntry) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  insert (f->store, entry, STINT_OUTBOX_NONE);
  id = stint_entry_get_id (entry);

  stint_entry_set_description (entry, "After");
  stint_entry_set_tags (entry, tags);
  stint_entry_set_server_id (entry, 555);
  g_assert_true (stint_store_update_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);
  loaded = stint_test_load_entry (f->store, id);
  assert_entries_equal (loaded, entry);

  g_assert_true (stint_store_delete_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);
  assert_not_stored (f->store, id);
  g_assert_cmpint (stint_entry_get_id (entry), ==, id);

  /* Gone: updating or deleting again says so. */
  g_assert_false (stint_store_update_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (stint_store_delete_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo: inserting it again keeps its id. */
  insert (f->store, entry, STINT_OUTBOX_NONE);
  g_assert_cmpint (stint_entry_get_id (entry), ==, id);
  g_clear_object (&loaded);
  loaded = stint_test_load_entry (f->store, id);
  assert_entries_equal (loaded, entry);
}

static void
test_entry_ids_not_reused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StintEntry) a = stint_test_entry_new ("a", T0, T0 + 1);
  g_autoptr(StintEntry) b = stint_test_entry_new ("b", T0, T0 + 1);
  g_autoptr(GError) error = NULL;
  gint64 id;

  insert (f->store, a, STINT_OUTBOX_CREATE);
  id = stint_entry_get_id (a);
  g_assert_true (stint_store_delete_entry (f->store, a, STINT_OUTBOX_DELETE, &error));
  g_assert_no_error (error);

  /* The outbox still names the deleted id: a new entry must not take it. */
  stint_test_store_reopen (f);
  insert (f->store, b, STINT_OUTBOX_CREATE);
  g_assert_cmpint (stint_entry_get_id (b), >, id);
}

/* Transactions */

static void
test_transaction_rollback (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Rolled back", T0, 0);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_store_begin (f->store, &error));
  insert (f->store, entry, STINT_OUTBOX_CREATE);
  stint_store_rollback (f->store);

  assert_not_stored (f->store, stint_entry_get_id (entry));
  all = stint_store_load_entries (f->store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);

  /* And nothing is left open: a fresh connection can write. */
  stint_test_store_reopen (f);
  assert_not_stored (f->store, stint_entry_get_id (entry));
}

static void
test_transaction_nested (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StintEntry) kept = stint_test_entry_new ("Kept", T0, T0 + 1);
  g_autoptr(StintEntry) undone = stint_test_entry_new ("Undone", T0, T0 + 1);
  g_autoptr(StintEntry) outer_undone = stint_test_entry_new ("Outer undone", T0, T0 + 1);
  g_autoptr(StintEntry) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* An inner rollback undoes only its own part. */
  g_assert_true (stint_store_begin (f->store, &error));
  g_assert_true (stint_store_begin (f->store, &error));
  insert (f->store, kept, STINT_OUTBOX_NONE);
  g_assert_true (stint_store_commit (f->store, &error));
  g_assert_true (stint_store_begin (f->store, &error));
  insert (f->store, undone, STINT_OUTBOX_NONE);
  stint_store_rollback (f->store);
  g_assert_true (stint_store_commit (f->store, &error));
  g_assert_no_error (error);

  stint_test_store_reopen (f);
  loaded = stint_test_load_entry (f->store, stint_entry_get_id (kept));
  g_assert_cmpstr (stint_entry_get_description (loaded), ==, "Kept");
  assert_not_stored (f->store, stint_entry_get_id (undone));

  /* An outer rollback undoes what inner levels committed. */
  g_assert_true (stint_store_begin (f->store, &error));
  g_assert_true (stint_store_begin (f->store, &error));
  insert (f->store, outer_undone, STINT_OUTBOX_CREATE);
  g_assert_true (stint_store_commit (f->store, &error));
  stint_store_rollback (f->store);
  g_assert_no_error (error);

  assert_not_stored (f->store, stint_entry_get_id (outer_undone));
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
}

static void
test_transaction_failed_write_inside (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(StintEntry) first = stint_test_entry_new ("First", T0, 0);
  g_autoptr(StintEntry) second = stint_test_entry_new ("Second", T0 + 1, 0);
  g_autoptr(StintEntry) third = stint_test_entry_new ("Third", T0 + 2, T0 + 3);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  /* A failed write undoes itself; the caller's transaction goes on. */
  g_assert_true (stint_store_begin (f->store, &error));
  insert (f->store, first, STINT_OUTBOX_CREATE);
  g_assert_false (stint_store_insert_entry (f->store, second, STINT_OUTBOX_CREATE, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  insert (f->store, third, STINT_OUTBOX_CREATE);
  g_assert_true (stint_store_commit (f->store, &error));
  g_assert_no_error (error);

  all = stint_store_load_entries (f->store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 2);
}

/* Outbox */

static void
test_outbox_ops (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Synced later", T0, 0);
  g_autoptr(StintEntry) loaded = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  StintOutboxOp *op;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  insert (f->store, entry, STINT_OUTBOX_CREATE);
  g_assert_cmpint (stint_entry_get_sync_state (entry), ==, STINT_SYNC_STATE_PENDING);
  loaded = stint_test_load_entry (f->store, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_sync_state (loaded), ==, STINT_SYNC_STATE_PENDING);

  /* Sync recorded the server's id; then the user stops the entry. */
  stint_entry_set_server_id (entry, 777);
  stint_entry_set_sync_state (entry, STINT_SYNC_STATE_SYNCED, NULL);
  g_assert_true (stint_store_update_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  stint_entry_set_stop (entry, T0 + HOUR);
  g_assert_true (stint_store_update_entry (f->store, entry, STINT_OUTBOX_UPDATE, &error));
  g_assert_cmpint (stint_entry_get_sync_state (entry), ==, STINT_SYNC_STATE_PENDING);
  g_assert_true (stint_store_delete_entry (f->store, entry, STINT_OUTBOX_DELETE, &error));
  g_assert_no_error (error);

  stint_test_store_reopen (f);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 3);
  ops = stint_store_load_outbox (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 3);

  op = ops->pdata[0];
  g_assert_cmpint (op->kind, ==, STINT_OUTBOX_CREATE);
  g_assert_cmpint (op->entry_id, ==, stint_entry_get_id (entry));
  g_assert_cmpint (op->server_id, ==, 0);
  g_assert_cmpint (op->created_at, >=, now);
  g_assert_cmpint (op->created_at, <=, now + 60);
  g_assert_cmpuint (op->attempts, ==, 0);
  g_assert_null (op->last_error);

  op = ops->pdata[1];
  g_assert_cmpint (op->kind, ==, STINT_OUTBOX_UPDATE);
  g_assert_cmpint (op->server_id, ==, 777);
  g_assert_cmpint (op->id, >, ((StintOutboxOp *)ops->pdata[0])->id);

  op = ops->pdata[2];
  g_assert_cmpint (op->kind, ==, STINT_OUTBOX_DELETE);
  g_assert_cmpint (op->entry_id, ==, stint_entry_get_id (entry));
  g_assert_cmpint (op->server_id, ==, 777);
  assert_not_stored (f->store, stint_entry_get_id (entry));

  for (guint i = 0; i < ops->len; i++)
    {
      op = ops->pdata[i];
      g_assert_true (stint_store_remove_outbox_op (f->store, op->id, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);

  op = ops->pdata[0];
  g_assert_false (stint_store_remove_outbox_op (f->store, op->id, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
}

static void
test_outbox_none (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Local", T0, 0);
  g_autoptr(StintEntry) loaded = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;

  insert (f->store, entry, STINT_OUTBOX_NONE);
  stint_entry_set_stop (entry, T0 + HOUR);
  g_assert_true (stint_store_update_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  g_assert_cmpint (stint_entry_get_sync_state (entry), ==, STINT_SYNC_STATE_SYNCED);
  loaded = stint_test_load_entry (f->store, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_sync_state (loaded), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_true (stint_store_delete_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  ops = stint_store_load_outbox (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 0);
}

static void
test_outbox_with_failed_write (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(StintEntry) first = stint_test_entry_new ("First", T0, 0);
  g_autoptr(StintEntry) second = stint_test_entry_new ("Second", T0 + 1, 0);
  g_autoptr(GError) error = NULL;

  insert (f->store, first, STINT_OUTBOX_CREATE);
  g_assert_false (stint_store_insert_entry (f->store, second, STINT_OUTBOX_CREATE, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT);

  /* The refused entry left no operation behind, and its state is untouched. */
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 1);
  g_assert_cmpint (stint_entry_get_sync_state (second), ==, STINT_SYNC_STATE_SYNCED);
}

/* Migrations */

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

/* Files that cannot be used */

static void
test_open_newer_schema (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  stint_test_sql_on_file (f->path, "CREATE TABLE future (x); INSERT INTO future VALUES (1);"
                        "PRAGMA user_version = 99;");
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  before = stint_test_file_checksum (f->path);

  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NEWER_SCHEMA);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer version of Stint (schema 99; this version knows 4)"));
  g_clear_error (&error);

  store = stint_store_open_readonly (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NEWER_SCHEMA);
  g_assert_null (store);

  /* Not a byte, not a mode bit, no journal or WAL beside it. */
  after = stint_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (file_mode (f->path), ==, 0644);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *other = companion (f->path, suffixes[i]);
      g_assert_false (file_exists (other));
    }
}

static void
check_move_aside (Fixture    *f,
                  const char *checksum)
{
  g_autofree char *moved = NULL;
  g_autofree char *moved_checksum = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GError) error = NULL;

  moved = stint_store_move_aside (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  g_assert_false (file_exists (f->path));

  basename = g_path_get_basename (moved);
  g_assert_true (g_regex_match_simple ("^stint\\.db\\.broken-[0-9]{8}-[0-9]{6}(-[0-9]+)?$",
                                       basename, 0, 0));
  moved_checksum = stint_test_file_checksum (moved);
  g_assert_cmpstr (moved_checksum, ==, checksum);

  /* A fresh start in its place. */
  f->store = stint_test_open_store (f->path);
  g_assert_cmpint (stint_store_get_schema_version (f->store), ==, STINT_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
}

static void
test_open_corrupt_garbage (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *garbage = NULL;
  g_autofree char *checksum = NULL;
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;

  garbage = g_strnfill (8192, 'x');
  memcpy (garbage, "Not a database at all. ", 23);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  g_file_set_contents (f->path, garbage, 8192, &error);
  g_assert_no_error (error);
  checksum = stint_test_file_checksum (f->path);

  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  store = stint_store_open_readonly (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  check_move_aside (f, checksum);
}

static void
test_open_corrupt_page (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *checksum = NULL;
  g_autoptr(StintStore) store = NULL;
  g_autofree char *unchanged = NULL;
  g_autoptr(GError) error = NULL;
  FILE *file;

  /* Enough rows for several pages, then damage one in the middle: the
   * header still reads fine, only the check notices. It runs after a
   * session that did not end cleanly (test-store-open.c has the rest of
   * that story: damage met by a query). */
  f->store = stint_test_open_store (f->path);
  g_assert_true (stint_store_begin (f->store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(StintEntry) entry = stint_test_entry_new ("An entry with some words in it",
                                                          T0 + i * HOUR, T0 + i * HOUR + 60);
      insert (f->store, entry, STINT_OUTBOX_CREATE);
    }
  g_assert_true (stint_store_commit (f->store, &error));
  g_clear_object (&f->store);
  stint_test_open_and_crash (f->path);

  file = g_fopen (f->path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, 4 * 4096 + 8, SEEK_SET), ==, 0);
  for (guint i = 0; i < 1000; i++)
    fputc (0xff, file);
  g_assert_cmpint (fclose (file), ==, 0);
  checksum = stint_test_file_checksum (f->path);

  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  g_clear_error (&error);

  unchanged = stint_test_file_checksum (f->path);
  g_assert_cmpstr (unchanged, ==, checksum);
  check_move_aside (f, checksum);
}

static void
test_move_aside_companions (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = companion (f->path, suffixes[i]);
      g_file_set_contents (name, suffixes[i], -1, &error);
      g_assert_no_error (error);
    }

  first = stint_store_move_aside (f->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *old_name = companion (f->path, suffixes[i]);
      g_autofree char *new_name = companion (first, suffixes[i]);
      g_autofree char *contents = NULL;

      g_assert_false (file_exists (old_name));
      g_file_get_contents (new_name, &contents, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (contents, ==, suffixes[i]);
    }

  /* Again within the same second: a new name, nothing overwritten. */
  g_file_set_contents (f->path, "again", -1, &error);
  g_assert_no_error (error);
  second = stint_store_move_aside (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);
  g_assert_true (file_exists (first));
  g_assert_true (file_exists (second));

  g_assert_null (stint_store_move_aside (f->path, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
}

static void
test_open_permissions (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *wal = companion (f->path, "-wal");
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Private", T0, 0);
  g_autoptr(StintEntry) running = NULL;

  /* New: made private. */
  f->store = stint_test_open_store (f->path);
  insert (f->store, entry, STINT_OUTBOX_NONE);
  g_assert_cmpint (file_mode (f->dir), ==, 0700);
  g_assert_cmpint (file_mode (f->path), ==, 0600);
  g_assert_true (file_exists (wal));
  g_assert_cmpint (file_mode (wal), ==, 0600);
  g_clear_object (&f->store);

  /* Loosened by someone: tightened again, contents kept. */
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  f->store = stint_test_open_store (f->path);
  g_assert_cmpint (file_mode (f->dir), ==, 0700);
  g_assert_cmpint (file_mode (f->path), ==, 0600);
  running = stint_store_load_running (f->store, NULL);
  g_assert_nonnull (running);
}

static void
test_open_unreadable (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("Permissions do not stop root");
      return;
    }

  f->store = stint_test_open_store (f->path);
  g_clear_object (&f->store);
  g_assert_cmpint (g_chmod (f->path, 0000), ==, 0);

  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO);
  g_assert_null (store);
  g_assert_cmpint (file_mode (f->path), ==, 0000);
}

static void
test_default_path (void)
{
  g_autofree char *path = stint_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "stint", "stint.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

/* Read-only */

static void
test_readonly_while_writing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Seen by --status", T0, 0);
  g_autoptr(StintEntry) other = stint_test_entry_new ("Not yet", T0 + HOUR, T0 + 2 * HOUR);
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(StintStore) reader = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  insert (f->store, entry, STINT_OUTBOX_CREATE);

  reader = stint_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_store_get_schema_version (reader), ==, STINT_STORE_SCHEMA_VERSION);
  running = stint_store_load_running (reader, &error);
  g_assert_no_error (error);
  assert_entries_equal (running, entry);
  g_assert_cmpuint (stint_store_count_outbox (reader), ==, 1);

  /* The writer's open transaction is invisible, and does not block. */
  g_assert_true (stint_store_begin (f->store, &error));
  insert (f->store, other, STINT_OUTBOX_NONE);
  all = stint_store_load_entries (reader, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_true (stint_store_commit (f->store, &error));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = stint_store_load_entries (reader, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);

  /* And it cannot write. */
  g_assert_false (stint_store_update_entry (reader, entry, STINT_OUTBOX_NONE, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (stint_store_set_meta (reader, "k", "v", &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO);
}

static void
test_readonly_missing (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = stint_store_open_readonly (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_assert_null (store);

  /* Nothing created on the way. */
  g_assert_false (file_exists (f->path));
  g_assert_false (file_exists (f->dir));
}

static void
test_readonly_v1 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintStore) reader = NULL;
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  stint_test_store_load_sql (f, "schema-v1.sql");
  before = stint_test_file_checksum (f->path);

  reader = stint_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_store_get_schema_version (reader), ==, 1);

  running = stint_store_load_running (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Read about SQLite");
  g_assert_cmpint (stint_entry_get_sync_state (running), ==, STINT_SYNC_STATE_SYNCED);

  /* No outbox or meta in schema 1: empty, not an error. */
  ops = stint_store_load_outbox (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 0);
  g_assert_null (stint_store_get_meta (reader, "since"));

  g_clear_object (&reader);
  after = stint_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* Meta, projects, tags */

static void
test_meta (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *value;

  g_assert_null (stint_store_get_meta (f->store, "since"));

  g_assert_true (stint_store_set_meta (f->store, "since", "100", &error));
  g_assert_true (stint_store_set_meta (f->store, "since", "200", &error));
  g_assert_true (stint_store_set_meta (f->store, "backend", "track", &error));
  g_assert_no_error (error);

  stint_test_store_reopen (f);
  value = stint_store_get_meta (f->store, "since");
  g_assert_cmpstr (value, ==, "200");
  g_free (value);
  value = stint_store_get_meta (f->store, "backend");
  g_assert_cmpstr (value, ==, "track");
  g_free (value);

  g_assert_true (stint_store_set_meta (f->store, "since", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (stint_store_get_meta (f->store, "since"));
}

static void
test_projects (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(StintProject) stint = stint_project_new (0, "Stint", "#3584e4");
  g_autoptr(StintProject) garden = stint_project_new (0, "garden", NULL);
  g_autoptr(StintProject) loaded = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;

  stint_project_set_server_id (stint, 9001);
  stint_project_set_workspace_id (stint, 42);
  g_assert_true (stint_store_insert_project (f->store, stint, &error));
  g_assert_true (stint_store_insert_project (f->store, garden, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stint_project_get_id (stint), >, 0);
  g_assert_cmpint (stint_project_get_id (garden), >, stint_project_get_id (stint));

  stint_project_set_active (garden, FALSE);
  stint_project_set_color (garden, "#2ec27e");
  g_assert_true (stint_store_update_project (f->store, garden, &error));
  g_assert_no_error (error);

  stint_test_store_reopen (f);
  projects = stint_store_load_projects (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (projects->len, ==, 2);
  g_assert_cmpstr (stint_project_get_name (projects->pdata[0]), ==, "garden");
  g_assert_cmpstr (stint_project_get_color (projects->pdata[0]), ==, "#2ec27e");
  g_assert_false (stint_project_get_active (projects->pdata[0]));

  loaded = stint_store_load_project (f->store, stint_project_get_id (stint), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_project_get_name (loaded), ==, "Stint");
  g_assert_cmpstr (stint_project_get_color (loaded), ==, "#3584e4");
  g_assert_cmpint (stint_project_get_server_id (loaded), ==, 9001);
  g_assert_cmpint (stint_project_get_workspace_id (loaded), ==, 42);
  g_assert_true (stint_project_get_active (loaded));
  g_clear_object (&loaded);

  loaded = stint_store_load_project (f->store, 12345, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(StintTag) work = stint_tag_new (0, "work");
  g_autoptr(StintTag) again = stint_tag_new (0, "work");
  g_autoptr(StintTag) other_ws = stint_tag_new (0, "work");
  g_autoptr(StintTag) upper = stint_tag_new (0, "Work");
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  stint_tag_set_server_id (work, 7001);
  g_assert_true (stint_store_insert_tag (f->store, work, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stint_tag_get_id (work), >, 0);

  g_assert_false (stint_store_insert_tag (f->store, again, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (stint_tag_get_id (again), ==, 0);
  g_clear_error (&error);

  stint_tag_set_workspace_id (other_ws, 42);
  g_assert_true (stint_store_insert_tag (f->store, other_ws, &error));
  g_assert_true (stint_store_insert_tag (f->store, upper, &error));
  g_assert_no_error (error);

  tags = stint_store_load_tags (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 3);
  g_assert_cmpint (stint_tag_get_server_id (tags->pdata[0]), ==, 7001);
  g_assert_cmpint (stint_tag_get_workspace_id (tags->pdata[1]), ==, 42);
}

/* Accounts (schema 3) */

#define TRACK "track:4242"

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

static guint
count_entries (StintStore *store)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = stint_store_load_entries (store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);

  return entries->len;
}

static guint
count_projects (StintStore *store)
{
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;

  projects = stint_store_load_projects (store, &error);
  g_assert_no_error (error);

  return projects->len;
}

static guint
count_tags (StintStore *store)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  tags = stint_store_load_tags (store, &error);
  g_assert_no_error (error);

  return tags->len;
}

static StintOutboxOp *
outbox_op (GPtrArray *ops,
           guint      index)
{
  g_assert_cmpuint (index, <, ops->len);
  return ops->pdata[index];
}

static GPtrArray *
load_outbox (StintStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *ops;

  ops = stint_store_load_outbox (store, &error);
  g_assert_no_error (error);

  return ops;
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

static void
test_account_scoping (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StintEntry) mine = stint_test_entry_new ("Local work", T0, T0 + HOUR);
  g_autoptr(StintEntry) theirs = stint_test_entry_new ("Track work", T0 + 2 * HOUR, 0);
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(StintStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (stint_store_get_account (f->store), ==, "local");
  insert (f->store, mine, STINT_OUTBOX_NONE);

  stint_test_set_account (f->store, TRACK);
  insert (f->store, theirs, STINT_OUTBOX_CREATE);
  g_assert_cmpuint (count_entries (f->store), ==, 1);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 1);
  assert_not_stored (f->store, stint_entry_get_id (mine));

  /* Writes are scoped too. */
  stint_entry_set_description (mine, "Not from here");
  g_assert_false (stint_store_update_entry (f->store, mine, STINT_OUTBOX_UPDATE, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (stint_store_delete_entry (f->store, mine, STINT_OUTBOX_NONE, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 1);

  stint_test_set_account (f->store, "local");
  g_assert_cmpuint (count_entries (f->store), ==, 1);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  assert_not_stored (f->store, stint_entry_get_id (theirs));
  g_assert_cmpuint (stint_store_count_account_entries (f->store, TRACK), ==, 1);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, "local"), ==, 1);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, "track:1"), ==, 0);

  /* The account is remembered in the file, for the next start and for
   * `stint --status`. */
  stint_test_set_account (f->store, TRACK);
  stint_test_store_reopen (f);
  g_assert_cmpstr (stint_store_get_account (f->store), ==, TRACK);
  reader = stint_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_store_get_account (reader), ==, TRACK);
  running = stint_store_load_running (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Track work");
}

static void
count_signal_cb (StintStore *store,
                 guint      *count)
{
  /* After the commit: the store is free to use. */
  g_assert_cmpuint (stint_store_count_outbox (store), >, 0);
  (*count)++;
}

static void
count_cb (StintStore *store,
          guint      *count)
{
  (*count)++;
}

static void
test_outbox_changed_signal (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(StintEntry) local_only = stint_test_entry_new ("Local", T0, T0 + HOUR);
  g_autoptr(StintEntry) first = stint_test_entry_new ("First", T0 + HOUR, T0 + 2 * HOUR);
  g_autoptr(StintEntry) second = stint_test_entry_new ("Second", T0 + 2 * HOUR, T0 + 3 * HOUR);
  g_autoptr(StintEntry) undone = stint_test_entry_new ("Undone", T0 + 3 * HOUR, T0 + 4 * HOUR);
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_signal_connect (f->store, "outbox-changed", G_CALLBACK (count_signal_cb), &count);

  insert (f->store, local_only, STINT_OUTBOX_NONE);
  g_assert_cmpuint (count, ==, 0);

  insert (f->store, first, STINT_OUTBOX_CREATE);
  g_assert_cmpuint (count, ==, 1);

  /* Once per outer commit, not inside the transaction. */
  g_assert_true (stint_store_begin (f->store, &error));
  insert (f->store, second, STINT_OUTBOX_CREATE);
  stint_entry_set_description (second, "Second, edited");
  g_assert_true (stint_store_update_entry (f->store, second, STINT_OUTBOX_UPDATE, &error));
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (stint_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);

  /* Rolled back: nothing was queued. */
  g_assert_true (stint_store_begin (f->store, &error));
  insert (f->store, undone, STINT_OUTBOX_CREATE);
  stint_store_rollback (f->store);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 3);
}

static void
test_outbox_stop_and_workspace (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Running", T0, 0);
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;

  stint_entry_set_workspace_id (entry, 42);
  insert (f->store, entry, STINT_OUTBOX_CREATE);
  stint_entry_set_stop (entry, T0 + HOUR);
  g_assert_true (stint_store_update_entry (f->store, entry, STINT_OUTBOX_UPDATE, &error));
  stint_entry_set_description (entry, "Stopped, then edited");
  g_assert_true (stint_store_update_entry (f->store, entry, STINT_OUTBOX_UPDATE, &error));
  g_assert_true (stint_store_delete_entry (f->store, entry, STINT_OUTBOX_DELETE, &error));
  g_assert_no_error (error);

  ops = load_outbox (f->store);
  g_assert_cmpuint (ops->len, ==, 4);
  g_assert_false (outbox_op (ops, 0)->is_stop);
  g_assert_true (outbox_op (ops, 1)->is_stop);
  g_assert_false (outbox_op (ops, 2)->is_stop);
  g_assert_false (outbox_op (ops, 3)->is_stop);
  for (guint i = 0; i < ops->len; i++)
    g_assert_cmpint (outbox_op (ops, i)->workspace_id, ==, 42);
}

static void
test_account_copy_local (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StintProject) local_stint = stint_project_new (0, "Stint", NULL);
  g_autoptr(StintProject) garden = stint_project_new (0, "Garden", "#2ec27e");
  g_autoptr(StintProject) track_stint = stint_project_new (0, "Stint", "#3584e4");
  g_autoptr(StintEntry) with_project = stint_test_entry_new ("Write the store", T0, T0 + HOUR);
  g_autoptr(StintEntry) plain = stint_test_entry_new ("Email", T0 + HOUR, T0 + 2 * HOUR);
  g_autoptr(StintEntry) running = stint_test_entry_new ("Weed the beds", T0 + 3 * HOUR, 0);
  g_autoptr(StintEntry) elsewhere = stint_test_entry_new ("Elsewhere", T0 + 5 * HOUR, 0);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  guint signals = 0;
  guint n = 0;

  g_assert_true (stint_store_insert_project (f->store, local_stint, &error));
  g_assert_true (stint_store_insert_project (f->store, garden, &error));
  g_assert_no_error (error);
  stint_entry_set_project_id (with_project, stint_project_get_id (local_stint));
  stint_entry_set_project_id (running, stint_project_get_id (garden));
  insert (f->store, with_project, STINT_OUTBOX_NONE);
  insert (f->store, plain, STINT_OUTBOX_NONE);
  insert (f->store, running, STINT_OUTBOX_NONE);

  stint_test_set_account (f->store, TRACK);
  stint_project_set_server_id (track_stint, 9001);
  g_assert_true (stint_store_insert_project (f->store, track_stint, &error));
  g_assert_no_error (error);
  stint_test_set_account (f->store, "local");

  g_signal_connect (f->store, "outbox-changed", G_CALLBACK (count_cb), &signals);
  g_assert_true (stint_store_copy_local_to_account (f->store, TRACK, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (signals, ==, 1);

  /* Local mode keeps its own. */
  g_assert_cmpuint (count_entries (f->store), ==, 3);
  g_assert_cmpuint (count_projects (f->store), ==, 2);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);

  /* The account has copies, each with its create; projects mapped by name,
   * or copied without a server id. */
  stint_test_set_account (f->store, TRACK);
  entries = stint_store_load_entries (f->store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  for (guint i = 0; i < entries->len; i++)
    {
      StintEntry *copy = entries->pdata[i];

      g_assert_cmpint (stint_entry_get_sync_state (copy), ==, STINT_SYNC_STATE_PENDING);
      g_assert_cmpint (stint_entry_get_server_id (copy), ==, 0);
      g_assert_cmpint (stint_entry_get_id (copy), >, stint_entry_get_id (running));
    }
  /* Newest first: running, plain, with_project. */
  g_assert_true (stint_entry_is_running (entries->pdata[0]));
  g_assert_cmpstr (stint_entry_get_description (entries->pdata[2]), ==, "Write the store");
  g_assert_cmpint (stint_entry_get_project_id (entries->pdata[2]), ==, stint_project_get_id (track_stint));
  g_assert_cmpint (stint_entry_get_project_id (entries->pdata[1]), ==, 0);
  {
    g_autoptr(StintProject) copied = NULL;

    copied = stint_store_load_project (f->store, stint_entry_get_project_id (entries->pdata[0]), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (stint_project_get_name (copied), ==, "Garden");
    g_assert_cmpstr (stint_project_get_color (copied), ==, "#2ec27e");
    g_assert_cmpint (stint_project_get_server_id (copied), ==, 0);
  }
  g_assert_cmpuint (count_projects (f->store), ==, 2);
  ops = load_outbox (f->store);
  g_assert_cmpuint (ops->len, ==, 3);
  for (guint i = 0; i < ops->len; i++)
    g_assert_cmpint (outbox_op (ops, i)->kind, ==, STINT_OUTBOX_CREATE);

  /* Into an account with its own running entry: all or nothing. */
  stint_test_set_account (f->store, "track:2");
  insert (f->store, elsewhere, STINT_OUTBOX_NONE);
  g_assert_false (stint_store_copy_local_to_account (f->store, "track:2", &n, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "already has a running entry"));
  g_assert_cmpuint (count_entries (f->store), ==, 1);
  g_assert_cmpuint (count_projects (f->store), ==, 0);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_cmpuint (signals, ==, 1);
}

static void
test_account_forget (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StintEntry) mine = stint_test_entry_new ("Local work", T0, T0 + HOUR);
  g_autoptr(StintEntry) theirs = stint_test_entry_new ("Track work", T0 + 2 * HOUR, 0);
  g_autoptr(StintEntry) other = stint_test_entry_new ("Other account", T0 + 3 * HOUR, 0);
  g_autoptr(StintProject) project = stint_project_new (0, "Stint", NULL);
  g_autoptr(StintTag) tag = stint_tag_new (0, "work");
  g_autoptr(StintStore) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since_key = stint_store_account_meta_key (TRACK, "since");
  g_autofree char *value = NULL;

  g_assert_cmpstr (since_key, ==, TRACK "/since");
  insert (f->store, mine, STINT_OUTBOX_NONE);
  g_assert_true (stint_store_set_meta (f->store, "since", "1", &error));

  stint_test_set_account (f->store, "track:1");
  insert (f->store, other, STINT_OUTBOX_CREATE);

  stint_test_set_account (f->store, TRACK);
  insert (f->store, theirs, STINT_OUTBOX_CREATE);
  g_assert_true (stint_store_insert_project (f->store, project, &error));
  g_assert_true (stint_store_insert_tag (f->store, tag, &error));
  g_assert_true (stint_store_set_meta (f->store, since_key, "2", &error));
  g_assert_no_error (error);

  g_assert_true (stint_store_forget_account (f->store, TRACK, &error));
  g_assert_no_error (error);

  /* Back in local mode, which kept everything. */
  g_assert_cmpstr (stint_store_get_account (f->store), ==, "local");
  g_assert_cmpuint (count_entries (f->store), ==, 1);
  value = stint_store_get_meta (f->store, "since");
  g_assert_cmpstr (value, ==, "1");
  g_clear_pointer (&value, g_free);
  reader = stint_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_store_get_account (reader), ==, "local");

  /* Nothing of the account is left. */
  g_assert_cmpuint (stint_store_count_account_entries (f->store, TRACK), ==, 0);
  g_assert_null (stint_store_get_meta (f->store, since_key));
  stint_test_set_account (f->store, TRACK);
  g_assert_cmpuint (count_entries (f->store), ==, 0);
  g_assert_cmpuint (count_projects (f->store), ==, 0);
  g_assert_cmpuint (count_tags (f->store), ==, 0);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);

  /* Another account is untouched; forgetting one not current keeps the
   * current one. */
  g_assert_cmpuint (stint_store_count_account_entries (f->store, "track:1"), ==, 1);
  g_assert_true (stint_store_forget_account (f->store, "track:1", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stint_store_get_account (f->store), ==, TRACK);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, "track:1"), ==, 0);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, "local"), ==, 1);
}

/* What the sync layer records */

static void
test_sync_mark_synced (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Sent", T0, 0);
  g_autoptr(StintEntry) gone = stint_test_entry_new ("Deleted while sending", T0 - 2 * HOUR, T0 - HOUR);
  g_autoptr(StintEntry) loaded = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  stint_test_set_account (f->store, TRACK);
  insert (f->store, entry, STINT_OUTBOX_CREATE);
  id = stint_entry_get_id (entry);
  stint_entry_set_description (entry, "Sent, then edited");
  g_assert_true (stint_store_update_entry (f->store, entry, STINT_OUTBOX_UPDATE, &error));
  g_assert_true (stint_store_entry_has_pending (f->store, id));

  /* The create's answer: the update queued behind it learns the id. */
  ops = load_outbox (f->store);
  g_assert_true (stint_store_begin (f->store, &error));
  g_assert_true (stint_store_remove_outbox_op (f->store, outbox_op (ops, 0)->id, &error));
  g_assert_true (stint_store_mark_synced (f->store, id, 555, T0 + 5, &error));
  g_assert_true (stint_store_commit (f->store, &error));
  g_assert_no_error (error);

  loaded = stint_test_load_entry (f->store, id);
  g_assert_cmpint (stint_entry_get_server_id (loaded), ==, 555);
  g_assert_cmpint (stint_entry_get_at (loaded), ==, T0 + 5);
  g_assert_cmpint (stint_entry_get_sync_state (loaded), ==, STINT_SYNC_STATE_PENDING);
  g_clear_pointer (&ops, g_ptr_array_unref);
  ops = load_outbox (f->store);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpint (outbox_op (ops, 0)->server_id, ==, 555);

  /* The update's answer covers it. */
  g_assert_true (stint_store_remove_covered_updates (f->store, id, outbox_op (ops, 0)->id, &error));
  g_assert_true (stint_store_mark_synced (f->store, id, 0, 0, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = stint_test_load_entry (f->store, id);
  g_assert_cmpint (stint_entry_get_server_id (loaded), ==, 555);
  g_assert_cmpint (stint_entry_get_at (loaded), ==, T0 + 5);
  g_assert_cmpint (stint_entry_get_sync_state (loaded), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_false (stint_store_entry_has_pending (f->store, id));
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);

  g_clear_object (&loaded);
  loaded = stint_store_load_entry_by_server_id (f->store, 555, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_id (loaded), ==, id);
  g_clear_object (&loaded);
  loaded = stint_store_load_entry_by_server_id (f->store, 556, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);

  /* Deleted while its create was under way: the delete gets the id. */
  insert (f->store, gone, STINT_OUTBOX_CREATE);
  g_assert_true (stint_store_delete_entry (f->store, gone, STINT_OUTBOX_DELETE, &error));
  g_clear_pointer (&ops, g_ptr_array_unref);
  ops = load_outbox (f->store);
  g_assert_true (stint_store_remove_outbox_op (f->store, outbox_op (ops, 0)->id, &error));
  g_assert_true (stint_store_mark_synced (f->store, stint_entry_get_id (gone), 556, T0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&ops, g_ptr_array_unref);
  ops = load_outbox (f->store);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpint (outbox_op (ops, 0)->kind, ==, STINT_OUTBOX_DELETE);
  g_assert_cmpint (outbox_op (ops, 0)->server_id, ==, 556);

  /* Or dropped with everything it had queued. */
  g_assert_true (stint_store_remove_entry_ops (f->store, stint_entry_get_id (gone), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
}

static void
test_sync_failed_and_attempts (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Refused", T0, T0 + HOUR);
  g_autoptr(StintEntry) loaded = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  gint64 op_id;

  stint_test_set_account (f->store, TRACK);
  insert (f->store, entry, STINT_OUTBOX_CREATE);
  ops = load_outbox (f->store);
  op_id = outbox_op (ops, 0)->id;

  g_assert_true (stint_store_record_attempt (f->store, op_id, "Offline.", T0 + 60, &error));
  g_assert_no_error (error);
  g_clear_pointer (&ops, g_ptr_array_unref);
  ops = load_outbox (f->store);
  g_assert_cmpuint (outbox_op (ops, 0)->attempts, ==, 1);
  g_assert_cmpstr (outbox_op (ops, 0)->last_error, ==, "Offline.");
  g_assert_cmpint (outbox_op (ops, 0)->next_attempt_at, ==, T0 + 60);
  g_assert_false (outbox_op (ops, 0)->failed);

  g_assert_true (stint_store_mark_failed (f->store, op_id, "Toggl refused the change: Invalid.", &error));
  g_assert_no_error (error);
  stint_test_store_reopen (f);
  g_clear_pointer (&ops, g_ptr_array_unref);
  ops = load_outbox (f->store);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_true (outbox_op (ops, 0)->failed);
  g_assert_cmpuint (outbox_op (ops, 0)->attempts, ==, 2);
  g_assert_cmpstr (outbox_op (ops, 0)->last_error, ==, "Toggl refused the change: Invalid.");
  loaded = stint_test_load_entry (f->store, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_sync_state (loaded), ==, STINT_SYNC_STATE_FAILED);
  g_assert_cmpstr (stint_entry_get_sync_error (loaded), ==, "Toggl refused the change: Invalid.");

  g_assert_false (stint_store_mark_failed (f->store, op_id + 100, "No.", &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (stint_store_record_attempt (f->store, op_id + 100, "No.", 0, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
}

static StintEntry *
pulled_entry (gint64      server_id,
              const char *description,
              gint64      start,
              gint64      stop,
              gint64      at)
{
  StintEntry *entry = stint_test_entry_new (description, start, stop);

  stint_entry_set_server_id (entry, server_id);
  stint_entry_set_workspace_id (entry, 42);
  stint_entry_set_at (entry, at);

  return entry;
}

static gint64
apply_pulled (StintStore *store,
              StintEntry *entry)
{
  g_autoptr(GError) error = NULL;
  gint64 local_id = -1;

  g_assert_true (stint_store_apply_pulled_entry (store, entry, &local_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (local_id, >=, 0);

  return local_id;
}

static void
test_sync_pulled (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintProject) stint = stint_project_new (0, "Stint", "#3584e4");
  g_autoptr(StintProject) renamed = stint_project_new (0, "Stint app", "#3584e4");
  g_autoptr(StintProject) garden_here = stint_project_new (0, "Garden", NULL);
  g_autoptr(StintProject) garden = stint_project_new (0, "Garden", "#2ec27e");
  g_autoptr(StintTag) work_here = stint_tag_new (0, "work");
  g_autoptr(StintTag) work = stint_tag_new (0, "work");
  g_autoptr(StintEntry) first = pulled_entry (100, "From the web", T0, T0 + HOUR, T0 + HOUR);
  g_autoptr(StintEntry) edited = pulled_entry (100, "Edited on the web", T0, T0 + HOUR, T0 + 2 * HOUR);
  g_autoptr(StintEntry) loaded = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, local_id;

  stint_test_set_account (f->store, TRACK);

  /* Projects: by server id, else adopting one of the same name made here. */
  stint_project_set_server_id (stint, 9001);
  g_assert_true (stint_store_apply_pulled_project (f->store, stint, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stint_project_get_id (stint), >, 0);
  stint_project_set_server_id (renamed, 9001);
  g_assert_true (stint_store_apply_pulled_project (f->store, renamed, &error));
  g_assert_cmpint (stint_project_get_id (renamed), ==, stint_project_get_id (stint));
  g_assert_true (stint_store_insert_project (f->store, garden_here, &error));
  stint_project_set_server_id (garden, 9002);
  g_assert_true (stint_store_apply_pulled_project (f->store, garden, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stint_project_get_id (garden), ==, stint_project_get_id (garden_here));
  g_assert_cmpuint (count_projects (f->store), ==, 2);
  g_assert_cmpint (stint_store_project_local_id (f->store, 9001), ==, stint_project_get_id (stint));
  g_assert_cmpint (stint_store_project_server_id (f->store, stint_project_get_id (garden)), ==, 9002);
  g_assert_cmpint (stint_store_project_local_id (f->store, 9999), ==, 0);
  g_assert_cmpint (stint_store_project_server_id (f->store, 0), ==, 0);

  /* Tags likewise. */
  g_assert_true (stint_store_insert_tag (f->store, work_here, &error));
  stint_tag_set_server_id (work, 7001);
  g_assert_true (stint_store_apply_pulled_tag (f->store, work, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stint_tag_get_id (work), ==, stint_tag_get_id (work_here));
  tags = stint_store_load_tags (f->store, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpint (stint_tag_get_server_id (tags->pdata[0]), ==, 7001);

  /* Entries: inserted with the local project id, then updated; the same
   * again changes nothing. */
  stint_entry_set_project_id (first, 9001);
  stint_entry_set_project_id (edited, 9001);
  id = apply_pulled (f->store, first);
  g_assert_cmpint (id, >, 0);
  loaded = stint_test_load_entry (f->store, id);
  g_assert_cmpint (stint_entry_get_project_id (loaded), ==, stint_project_get_id (stint));
  g_assert_cmpint (stint_entry_get_server_id (loaded), ==, 100);
  g_assert_cmpint (stint_entry_get_sync_state (loaded), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_cmpint (apply_pulled (f->store, first), ==, 0);
  g_assert_cmpint (apply_pulled (f->store, edited), ==, id);
  g_clear_object (&loaded);
  loaded = stint_test_load_entry (f->store, id);
  g_assert_cmpstr (stint_entry_get_description (loaded), ==, "Edited on the web");
  g_assert_cmpint (stint_entry_get_at (loaded), ==, T0 + 2 * HOUR);

  /* A change waiting to be sent wins over the server's, edit or deletion. */
  stint_entry_set_description (loaded, "Mine");
  g_assert_true (stint_store_update_entry (f->store, loaded, STINT_OUTBOX_UPDATE, &error));
  g_assert_no_error (error);
  stint_entry_set_description (first, "Theirs");
  stint_entry_set_at (first, T0 + 3 * HOUR);
  g_assert_cmpint (apply_pulled (f->store, first), ==, 0);
  g_assert_true (stint_store_apply_pulled_deletion (f->store, 100, &local_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (local_id, ==, 0);
  g_clear_object (&loaded);
  loaded = stint_test_load_entry (f->store, id);
  g_assert_cmpstr (stint_entry_get_description (loaded), ==, "Mine");
  g_assert_cmpint (stint_entry_get_sync_state (loaded), ==, STINT_SYNC_STATE_PENDING);

  /* Once sent, the server's deletion applies. */
  g_assert_true (stint_store_remove_entry_ops (f->store, id, &error));
  g_assert_true (stint_store_apply_pulled_deletion (f->store, 100, &local_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (local_id, ==, id);
  assert_not_stored (f->store, id);
  g_assert_true (stint_store_apply_pulled_deletion (f->store, 100, &local_id, &error));
  g_assert_cmpint (local_id, ==, 0);

  /* A pulled running entry while one of the user's runs: refused, so the
   * caller can skip it. */
  {
    g_autoptr(StintEntry) mine = stint_test_entry_new ("Running here", T0 + 5 * HOUR, 0);
    g_autoptr(StintEntry) theirs = pulled_entry (101, "Running there", T0 + 5 * HOUR, 0, T0 + 5 * HOUR);

    insert (f->store, mine, STINT_OUTBOX_CREATE);
    g_assert_false (stint_store_apply_pulled_entry (f->store, theirs, &local_id, &error));
    g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT);
    g_assert_cmpint (local_id, ==, 0);
    g_assert_cmpuint (count_entries (f->store), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, setup, func) \
  g_test_add ("/stint/store/" path, Fixture, NULL, setup, func, stint_test_store_teardown)

  ADD ("entry/round-trip", stint_test_store_setup_open, test_entry_round_trip);
  ADD ("entry/no-running", stint_test_store_setup_open, test_entry_no_running);
  ADD ("entry/one-running", stint_test_store_setup_open, test_entry_one_running);
  ADD ("entry/load-range", stint_test_store_setup_open, test_entry_load_range);
  ADD ("entry/update-delete", stint_test_store_setup_open, test_entry_update_delete);
  ADD ("entry/ids-not-reused", stint_test_store_setup_open, test_entry_ids_not_reused);
  ADD ("transaction/rollback", stint_test_store_setup_open, test_transaction_rollback);
  ADD ("transaction/nested", stint_test_store_setup_open, test_transaction_nested);
  ADD ("transaction/failed-write-inside", stint_test_store_setup_open,
       test_transaction_failed_write_inside);
  ADD ("outbox/ops", stint_test_store_setup_open, test_outbox_ops);
  ADD ("outbox/none", stint_test_store_setup_open, test_outbox_none);
  ADD ("outbox/failed-write", stint_test_store_setup_open, test_outbox_with_failed_write);
  ADD ("migrate/v1", stint_test_store_setup, test_migrate_v1);
  ADD ("migrate/failed-step", stint_test_store_setup, test_migrate_failed_step);
  ADD ("open/newer-schema", stint_test_store_setup, test_open_newer_schema);
  ADD ("open/corrupt-garbage", stint_test_store_setup, test_open_corrupt_garbage);
  ADD ("open/corrupt-page", stint_test_store_setup, test_open_corrupt_page);
  ADD ("open/move-aside-companions", stint_test_store_setup, test_move_aside_companions);
  ADD ("open/permissions", stint_test_store_setup, test_open_permissions);
  ADD ("open/unreadable", stint_test_store_setup, test_open_unreadable);
  ADD ("readonly/while-writing", stint_test_store_setup_open, test_readonly_while_writing);
  ADD ("readonly/missing", stint_test_store_setup, test_readonly_missing);
  ADD ("readonly/v1", stint_test_store_setup, test_readonly_v1);
  ADD ("meta", stint_test_store_setup_open, test_meta);
  ADD ("projects", stint_test_store_setup_open, test_projects);
  ADD ("tags", stint_test_store_setup_open, test_tags);
  ADD ("migrate/v2", stint_test_store_setup, test_migrate_v2);
  ADD ("outbox/changed-signal", stint_test_store_setup_open, test_outbox_changed_signal);
  ADD ("outbox/stop-and-workspace", stint_test_store_setup_open, test_outbox_stop_and_workspace);
  ADD ("account/scoping", stint_test_store_setup_open, test_account_scoping);
  ADD ("account/copy-local", stint_test_store_setup_open, test_account_copy_local);
  ADD ("account/forget", stint_test_store_setup_open, test_account_forget);
  ADD ("sync/mark-synced", stint_test_store_setup_open, test_sync_mark_synced);
  ADD ("sync/failed-and-attempts", stint_test_store_setup_open, test_sync_failed_and_attempts);
  ADD ("sync/pulled", stint_test_store_setup_open, test_sync_pulled);
  g_test_add_func ("/stint/store/default-path", test_default_path);

#undef ADD

  return g_test_run ();
}
