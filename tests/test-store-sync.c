/* test-store-sync.c: what the sync layer records: the server's answers to
 * the operations sent (ids, failures, attempts), and the server's own
 * changes pulled, which a change still waiting to be sent wins over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-fixture.h"

/* The server's answers */

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

/* What a pull brings */

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

  ADD ("sync/mark-synced", stint_test_store_setup_open, test_sync_mark_synced);
  ADD ("sync/failed-and-attempts", stint_test_store_setup_open, test_sync_failed_and_attempts);
  ADD ("sync/pulled", stint_test_store_setup_open, test_sync_pulled);

#undef ADD

  return g_test_run ();
}
