/* test-store-outbox.c: the operations waiting for the server: queued with
 * the change that made them, in order, with the server id, workspace and
 * stop they need; none for local-only changes or refused writes; and
 * "outbox-changed" once per outer commit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-fixture.h"

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

static void
count_signal_cb (StintStore *store,
                 guint      *count)
{
  /* After the commit: the store is free to use. */
  g_assert_cmpuint (stint_store_count_outbox (store), >, 0);
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

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, setup, func) \
  g_test_add ("/stint/store/" path, Fixture, NULL, setup, func, stint_test_store_teardown)

  ADD ("outbox/ops", stint_test_store_setup_open, test_outbox_ops);
  ADD ("outbox/none", stint_test_store_setup_open, test_outbox_none);
  ADD ("outbox/failed-write", stint_test_store_setup_open, test_outbox_with_failed_write);
  ADD ("outbox/changed-signal", stint_test_store_setup_open, test_outbox_changed_signal);
  ADD ("outbox/stop-and-workspace", stint_test_store_setup_open, test_outbox_stop_and_workspace);

#undef ADD

  return g_test_run ();
}
