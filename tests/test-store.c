/* test-store.c: the SQLite store's basics: entries round trip and only one
 * runs at a time, transactions nest and roll back, and meta keys, projects
 * and tags are kept
 *
 * The rest of the store has a file per topic beside this one
 * (test-store-*.c); what they share is in store-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-fixture.h"

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
  ADD ("meta", stint_test_store_setup_open, test_meta);
  ADD ("projects", stint_test_store_setup_open, test_projects);
  ADD ("tags", stint_test_store_setup_open, test_tags);

#undef ADD

  return g_test_run ();
}
