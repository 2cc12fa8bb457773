/* test-sync-recovery.c: nothing doubled, nothing silently dropped
 *
 * Creates whose answer never came (a dropped connection, a timeout, Stint
 * killed while waiting) are looked up and adopted, never sent twice; changes
 * the server refused wait for the user, who can retry or discard them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-sync-fixture.h"

static const char *dropped = "Stint cannot reach Toggl. Check the network connection.";

static guint
n_on_server (Fixture *f)
{
  g_autoptr(GPtrArray) server = stint_fake_backend_get_entries (f->server);

  return server->len;
}

/* --- ambiguous creates --------------------------------------------------- */

static void
test_lost_answer (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(GPtrArray) server = NULL;
  gint64 due;

  start (f);

  /* The server takes the create; the connection drops before the answer. */
  stint_fake_backend_push_lost_reply (f->server, STINT_API_ERROR_NETWORK, dropped);
  entry = start_entry (f, "Lost in transit");
  settle (f);
  assert_log (f, "create");
  g_assert_cmpuint (n_on_server (f), ==, 1);
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_server_id (stored), ==, 0);
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_PENDING);

  /* The next attempt looks first, finds it, and adopts it. */
  due = stint_sync_get_next_attempt_at (f->sync);
  g_assert_cmpint (due, >, 0);
  advance (f, due - stint_clock_now (f->clock));
  assert_log (f, "create changes");
  g_assert_cmpuint (n_on_server (f), ==, 1);

  server = stint_fake_backend_get_entries (f->server);
  g_clear_object (&stored);
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_server_id (stored), ==,
                   stint_entry_get_server_id (server->pdata[0]));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_true (changed_has (f, stint_entry_get_id (entry)));

  /* Stopping it is a stop of that entry, not a new one. */
  advance (f, 5 * MINUTE);
  stint_fake_backend_clear_log (f->server);
  stop_entry (f);
  settle (f);
  assert_log (f, "stop");
  g_assert_cmpuint (n_on_server (f), ==, 1);
  assert_quiet (f);
}

static void
test_lost_answer_edited_since (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GPtrArray) server = NULL;

  start (f);
  stint_fake_backend_push_lost_reply (f->server, STINT_API_ERROR_TIMEOUT,
                                      "Toggl did not answer in time; Stint will try again.");
  entry = start_entry (f, "Draft");
  settle (f);

  /* Renamed before the next attempt: adopted, then the rename goes. */
  edit_description (f, stint_entry_get_id (entry), "Draft, renamed");
  settle (f);
  advance (f, stint_sync_get_next_attempt_at (f->sync) - stint_clock_now (f->clock));
  assert_log (f, "create changes update");
  server = stint_fake_backend_get_entries (f->server);
  g_assert_cmpuint (server->len, ==, 1);
  g_assert_cmpstr (stint_entry_get_description (server->pdata[0]), ==, "Draft, renamed");
}

static void
test_not_there_after_all (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;

  start (f);

  /* Dropped before the server took it: looked for, not found, sent again. */
  stint_fake_backend_set_offline (f->server, TRUE);
  entry = start_entry (f, "Never arrived");
  settle (f);
  stint_fake_backend_set_offline (f->server, FALSE);
  advance (f, stint_sync_get_next_attempt_at (f->sync) - stint_clock_now (f->clock));
  assert_log (f, "changes create");
  g_assert_cmpuint (n_on_server (f), ==, 1);

  /* A refusal is sure: nothing to look for next time. */
  stint_fake_backend_clear_log (f->server);
  {
    StintApiMeta meta = STINT_API_META_INIT;
    g_autoptr(StintEntry) other = NULL;

    meta.status = 429;
    meta.retry_after = 17;
    stint_fake_backend_push_error (f->server, STINT_API_ERROR_RATE_LIMITED, "Too many requests.",
                                   &meta);
    advance (f, MINUTE);
    other = insert_finished (f, "Throttled", T0 - 2 * HOUR);
    settle (f);
    g_assert_cmpint (stint_sync_get_next_attempt_at (f->sync), ==, stint_clock_now (f->clock) + 17);
    advance (f, 17);
    assert_log (f, "create create");
    g_assert_cmpuint (n_on_server (f), ==, 2);
  }
}

static void
test_restart_in_between (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stored = NULL;

  start (f);
  stint_fake_backend_push_lost_reply (f->server, STINT_API_ERROR_NETWORK, dropped);
  entry = start_entry (f, "Across a restart");
  settle (f);
  assert_log (f, "create");

  /* Stint quits before trying again; the next run's pull meets the entry
   * first and adopts it: no lookup, no second create. */
  drop_sync (f);
  advance (f, 2 * MINUTE);
  make_sync (f);
  stint_fake_backend_clear_log (f->server);
  stint_sync_start (f->sync);
  settle (f);
  assert_log (f, "account changes");
  g_assert_cmpuint (n_on_server (f), ==, 1);
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_server_id (stored), !=, 0);
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, ACCOUNT), ==, 1);
}

static void
test_killed_while_waiting (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) later = NULL;

  start (f);

  /* The server acted; the answer was still on its way when Stint died. */
  stint_fake_backend_set_hold (f->server, TRUE);
  entry = start_entry (f, "Killed");
  settle (f);
  g_clear_object (&f->sync);
  stint_fake_backend_set_hold (f->server, FALSE);
  stint_fake_backend_release (f->server);
  settle (f);
  g_assert_cmpuint (n_on_server (f), ==, 1);

  /* Stopped meanwhile (before the next run's first pull). */
  advance (f, 3 * MINUTE);
  stop_entry (f);
  later = start_entry (f, "After the restart");
  settle (f);

  g_clear_object (&f->tracker);
  make_sync (f);
  stint_fake_backend_clear_log (f->server);
  stint_sync_start (f->sync);
  settle (f);
  assert_log (f, "account changes stop create");
  g_assert_cmpuint (n_on_server (f), ==, 2);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
}

static void
test_lost_then_deleted (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;

  start (f);
  stint_fake_backend_push_lost_reply (f->server, STINT_API_ERROR_BAD_REPLY,
                                      "Toggl sent an answer Stint cannot read.");
  entry = start_entry (f, "Regretted");
  settle (f);
  g_assert_cmpuint (n_on_server (f), ==, 1);

  /* Deleted before Stint learned the server has it: a create and a delete
   * would be nothing, but the create may have arrived. It did: it is
   * deleted there too. */
  delete_entry (f, stint_entry_get_id (entry));
  settle (f);
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 0);
  advance (f, stint_sync_get_next_attempt_at (f->sync) - stint_clock_now (f->clock));
  assert_log (f, "create changes delete");
  g_assert_cmpuint (n_on_server (f), ==, 0);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
}

/* --- refused changes: the user decides ----------------------------------- */

static void
refuse_next (Fixture    *f,
             guint       status,
             const char *sentence)
{
  StintApiMeta meta = STINT_API_META_INIT;

  meta.status = status;
  stint_fake_backend_push_error (f->server,
                                 status == 404 ? STINT_API_ERROR_NOT_FOUND : STINT_API_ERROR_INVALID,
                                 sentence, &meta);
}

static void
test_retry_failed (Fixture       *f,
                   gconstpointer  data)
{
  static const char *sentence = "Toggl refused the change: the project is archived.";
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(GError) error = NULL;

  start (f);
  refuse_next (f, 400, sentence);
  entry = insert_finished (f, "Archived project", T0 - 2 * HOUR);
  settle (f);

  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 1);
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 0);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, sentence);
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_FAILED);
  g_assert_cmpstr (stint_entry_get_sync_error (stored), ==, sentence);

  /* Nothing else to retry on an entry with nothing refused. */
  g_assert_false (stint_sync_retry_failed (f->sync, stint_entry_get_id (entry) + 1, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The user retries (the project was restored meanwhile). */
  g_assert_true (stint_sync_retry_failed (f->sync, stint_entry_get_id (entry), &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_PENDING);
  settle (f);
  assert_log (f, "create create");
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 0);
  g_clear_object (&stored);
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, "Everything is synced");
}

static void
test_discard_create (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  start (f);
  refuse_next (f, 422, "Toggl refused the change: start is too far in the past.");
  entry = insert_finished (f, "Long ago", T0 - 2 * HOUR);
  settle (f);
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 1);

  /* The server never had it: it goes away at once, without a request. */
  g_array_set_size (f->changed, 0);
  g_assert_true (stint_sync_discard_failed (f->sync, stint_entry_get_id (entry), &error));
  g_assert_no_error (error);
  settle (f);
  assert_log (f, "create");
  g_assert_null (stint_store_load_entry (f->store, stint_entry_get_id (entry), NULL));
  g_assert_true (changed_has (f, stint_entry_get_id (entry)));
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 0);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, "Everything is synced");

  /* Only a refused change can be discarded. */
  g_assert_false (stint_sync_discard_failed (f->sync, stint_entry_get_id (entry), &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
}

static void
test_discard_edit (Fixture       *f,
                   gconstpointer  data)
{
  gint64 sid = server_entry (f, "As on Toggl", T0 - 3 * HOUR, T0 - 2 * HOUR);
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(GError) error = NULL;

  start (f);
  entry = local_by_server_id (f, sid);
  refuse_next (f, 400, "Toggl refused the change: the description is too long.");
  edit_description (f, stint_entry_get_id (entry), "Far too long");
  settle (f);
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 1);

  /* Discarded offline: it waits, across a restart, then reads the
   * server's version back. */
  set_online (f, FALSE);
  g_assert_true (stint_sync_discard_failed (f->sync, stint_entry_get_id (entry), &error));
  g_assert_no_error (error);
  settle (f);
  drop_sync (f);
  make_sync (f);
  stint_fake_backend_clear_log (f->server);
  set_online (f, TRUE);
  stint_sync_start (f->sync);
  settle (f);
  assert_log (f, "entry account changes");

  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpstr (stint_entry_get_description (stored), ==, "As on Toggl");
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_null (stint_entry_get_sync_error (stored));
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 0);
  g_assert_true (changed_has (f, stint_entry_get_id (entry)));
  g_assert_cmpstr (stint_entry_get_description (stint_fake_backend_lookup (f->server, sid)), ==,
                   "As on Toggl");
}

static void
test_discard_deleted_elsewhere (Fixture       *f,
                                gconstpointer  data)
{
  gint64 sid = server_entry (f, "Deleted on the web", T0 - 3 * HOUR, T0 - 2 * HOUR);
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  start (f);
  entry = local_by_server_id (f, sid);
  g_assert_true (stint_fake_backend_remove_entry (f->server, sid));

  /* The edit meets a 404: parked with the server's sentence. */
  edit_description (f, stint_entry_get_id (entry), "Edited here");
  settle (f);
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 1);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==,
                   "Toggl could not find it; it may have been deleted.");

  /* Discarded: the server has none, so neither has Stint. */
  g_assert_true (stint_sync_discard_failed (f->sync, stint_entry_get_id (entry), &error));
  settle (f);
  assert_log (f, "update entry");
  g_assert_null (stint_store_load_entry (f->store, stint_entry_get_id (entry), NULL));
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_null (stint_entry_list_find ((StintEntryList *)stint_tracker_get_recent (f->tracker),
                                        stint_entry_get_id (entry), NULL));
}

static void
test_retry_refused_delete (Fixture       *f,
                           gconstpointer  data)
{
  gint64 sid = server_entry (f, "To go", T0 - 3 * HOUR, T0 - 2 * HOUR);
  g_autoptr(StintEntry) entry = NULL;

  start (f);
  entry = local_by_server_id (f, sid);
  refuse_next (f, 422, "Toggl refused the change: locked period.");
  delete_entry (f, stint_entry_get_id (entry));
  settle (f);

  /* The entry is gone from the screen; the refusal is not gone from the
   * sync's message, and a retry of everything refused sends it again. */
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 1);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, "Toggl refused the change: locked period.");
  g_assert_nonnull (stint_fake_backend_lookup (f->server, sid));
  g_assert_cmpuint (stint_sync_retry_all_failed (f->sync), ==, 1);
  settle (f);
  assert_log (f, "delete delete");
  g_assert_null (stint_fake_backend_lookup (f->server, sid));
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 0);
  g_assert_cmpuint (stint_sync_retry_all_failed (f->sync), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/stint/sync/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("ambiguous/lost-answer", test_lost_answer);
  ADD ("ambiguous/edited-since", test_lost_answer_edited_since);
  ADD ("ambiguous/not-there-after-all", test_not_there_after_all);
  ADD ("ambiguous/restart-in-between", test_restart_in_between);
  ADD ("ambiguous/killed-while-waiting", test_killed_while_waiting);
  ADD ("ambiguous/lost-then-deleted", test_lost_then_deleted);
  ADD ("failed/retry", test_retry_failed);
  ADD ("failed/retry-refused-delete", test_retry_refused_delete);
  ADD ("failed/discard-create", test_discard_create);
  ADD ("failed/discard-edit", test_discard_edit);
  ADD ("failed/discard-deleted-elsewhere", test_discard_deleted_elsewhere);

#undef ADD

  return g_test_run ();
}
