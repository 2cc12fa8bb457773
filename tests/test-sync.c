/* test-sync.c: StintSync against an in-memory service, in virtual time
 *
 * Starting, sending, working offline and pulling; what each kind of
 * failure does, and stopping, are in test-sync-failures.c. The fixture is
 * in test-sync-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-sync-fixture.h"

/* Tests */

static void
test_bootstrap (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StintEntry) finished = stint_test_entry_new ("Write the sync", T0 - 3 * HOUR, T0 - 2 * HOUR);
  g_autoptr(StintEntry) done = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since_key = stint_store_account_meta_key (ACCOUNT, "since");
  g_autofree char *since = NULL;
  StintEntry *running;
  gint64 project_sid, done_sid, running_sid;

  project_sid = stint_fake_backend_add_project (f->server, "Stint");
  stint_fake_backend_add_tag (f->server, "deep work");
  stint_entry_set_project_id (finished, project_sid);
  done_sid = stint_fake_backend_add_entry (f->server, finished);
  running_sid = server_entry (f, "Review", T0 - 30 * MINUTE, 0);

  stint_sync_start (f->sync);
  settle (f);

  assert_log (f, "account current changes");
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, "Everything is synced");
  g_assert_cmpint (stint_sync_get_last_sync (f->sync), ==, T0);
  since = stint_store_get_meta (f->store, since_key);
  g_assert_cmpstr (since, ==, "1709283600");

  /* Projects and tags, mapped to local ids. */
  g_assert_cmpuint (f->n_projects_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (stint_tracker_get_projects (f->tracker)), ==, 1);
  tags = stint_store_load_tags (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpstr (stint_tag_get_name (tags->pdata[0]), ==, "deep work");

  done = local_by_server_id (f, done_sid);
  g_assert_cmpstr (stint_entry_get_description (done), ==, "Write the sync");
  g_assert_cmpint (stint_entry_get_project_id (done), !=, 0);
  g_assert_cmpint (stint_entry_get_project_id (done), ==,
                   stint_store_project_local_id (f->store, project_sid));
  g_assert_cmpint (stint_entry_get_sync_state (done), ==, STINT_SYNC_STATE_SYNCED);

  /* The screen follows through entries-changed. */
  running = stint_tracker_get_running (f->tracker);
  g_assert_nonnull (running);
  g_assert_cmpint (stint_entry_get_server_id (running), ==, running_sid);
  g_assert_true (changed_has (f, stint_entry_get_id (done)));
  g_assert_true (changed_has (f, stint_entry_get_id (running)));
  g_assert_cmpuint (f->changed->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (stint_tracker_get_recent (f->tracker)), ==, 1);

  /* Nothing pending: only the slow refresh would wake the process. */
  assert_quiet (f);

  /* The next run asks only for what changed since (which tells of the
   * running entry too); the same rows again change nothing. */
  drop_sync (f);
  make_sync (f);
  g_array_set_size (f->changed, 0);
  stint_fake_backend_clear_log (f->server);
  stint_sync_start (f->sync);
  settle (f);
  assert_log (f, "account changes");
  g_assert_cmpuint (f->changed->len, ==, 0);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, ACCOUNT), ==, 2);
}

static void
test_create_maps_server_id (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const entry_tags[] = { "deep work", NULL };
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(GPtrArray) server = NULL;
  g_autoptr(GError) error = NULL;
  StintEntry *remote;
  gint64 project_sid, project_id, sid;

  project_sid = stint_fake_backend_add_project (f->server, "Stint");
  start (f);
  project_id = stint_store_project_local_id (f->store, project_sid);
  g_assert_cmpint (project_id, >, 0);

  entry = stint_tracker_start (f->tracker, "Write tests", project_id, entry_tags, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_sync_state (entry), ==, STINT_SYNC_STATE_PENDING);
  settle (f);

  assert_log (f, "create");
  server = stint_fake_backend_get_entries (f->server);
  g_assert_cmpuint (server->len, ==, 1);
  remote = server->pdata[0];
  sid = stint_entry_get_server_id (remote);
  g_assert_cmpstr (stint_entry_get_description (remote), ==, "Write tests");
  g_assert_cmpint (stint_entry_get_project_id (remote), ==, project_sid);
  g_assert_cmpint (stint_entry_get_workspace_id (remote), ==, STINT_FAKE_WORKSPACE_ID);
  g_assert_true (g_strv_equal (stint_entry_get_tags (remote), entry_tags));
  g_assert_true (stint_entry_is_running (remote));

  /* The local row and the screen know the server id. */
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_server_id (stored), ==, sid);
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_cmpint (stint_entry_get_server_id (stint_tracker_get_running (f->tracker)), ==, sid);
  g_assert_cmpuint (f->changed->len, ==, 1);
  g_assert_cmpint (g_array_index (f->changed, gint64, 0), ==, stint_entry_get_id (entry));
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 0);

  /* Stopping online is a stop; editing is an update. (The slow refresh
   * ran meanwhile.) */
  advance (f, 25 * MINUTE);
  stint_fake_backend_clear_log (f->server);
  stop_entry (f);
  settle (f);
  assert_log (f, "stop");
  g_assert_cmpint (stint_entry_get_stop (remote), ==, T0 + 25 * MINUTE);

  edit_description (f, stint_entry_get_id (entry), "Write the sync tests");
  settle (f);
  assert_log (f, "stop update");
  g_assert_cmpstr (stint_entry_get_description (remote), ==, "Write the sync tests");
  g_assert_cmpint (stint_entry_get_project_id (remote), ==, project_sid);

  /* The mapping survives a restart. */
  drop_sync (f);
  g_clear_object (&f->store);
  f->store = stint_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_store_get_account (f->store), ==, ACCOUNT);
  g_clear_object (&stored);
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_server_id (stored), ==, sid);
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
}

static void
test_offline_arrive_once (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StintEntry) started = NULL;
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(StintEntry) plan = NULL;
  g_autoptr(GPtrArray) server = NULL;
  g_autoptr(GError) error = NULL;
  gint64 plan_sid, lunch_sid, lunch_id;
  StintEntry *remote;

  plan_sid = server_entry (f, "Plan", T0 - 4 * HOUR, T0 - 3 * HOUR);
  lunch_sid = server_entry (f, "Lunch", T0 - 3 * HOUR, T0 - 2 * HOUR);
  start (f);
  plan = local_by_server_id (f, plan_sid);
  {
    g_autoptr(StintEntry) lunch = local_by_server_id (f, lunch_sid);
    lunch_id = stint_entry_get_id (lunch);
  }

  set_online (f, FALSE);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_OFFLINE);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, "Offline");

  /* Start, stop, edit, delete. */
  started = start_entry (f, "Offline work");
  advance (f, 10 * MINUTE);
  stop_entry (f);
  edit_description (f, stint_entry_get_id (plan), "Plan the sync");
  delete_entry (f, lunch_id);
  settle (f);

  /* Four changes, three requests: the stop travels with the create. */
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_OFFLINE);
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 3);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==,
                   "Offline — 3 changes will sync when the network returns");

  /* Offline, nothing is tried and nothing ticks. */
  g_assert_cmpuint (timers (f, NULL), ==, 0);
  advance (f, 2 * HOUR);
  assert_log (f, "");

  /* The network returns: each change arrives once, then what changed
   * meanwhile comes. The stop travels with the create of an entry the
   * server never saw. */
  set_online (f, TRUE);
  assert_log (f, "create update delete changes");
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 0);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);

  server = stint_fake_backend_get_entries (f->server);
  g_assert_cmpuint (server->len, ==, 2);
  g_assert_null (stint_fake_backend_lookup (f->server, lunch_sid));
  g_assert_cmpstr (stint_entry_get_description (stint_fake_backend_lookup (f->server, plan_sid)), ==,
                   "Plan the sync");

  created = local (f, stint_entry_get_id (started));
  g_assert_cmpint (stint_entry_get_sync_state (created), ==, STINT_SYNC_STATE_SYNCED);
  remote = stint_fake_backend_lookup (f->server, stint_entry_get_server_id (created));
  g_assert_nonnull (remote);
  g_assert_cmpstr (stint_entry_get_description (remote), ==, "Offline work");
  g_assert_cmpint (stint_entry_get_start (remote), ==, T0);
  g_assert_cmpint (stint_entry_get_stop (remote), ==, T0 + 10 * MINUTE);

  /* Nothing more, however the network flaps: a flap asks once. */
  set_online (f, FALSE);
  set_online (f, TRUE);
  assert_log (f, "create update delete changes");
  advance (f, HOUR);
  g_assert_cmpuint (count (f, "create") + count (f, "update") + count (f, "delete"), ==, 3);
}

static void
test_create_then_delete (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StintEntry) oops = NULL;
  g_autoptr(StintEntry) quick = NULL;
  g_autoptr(GPtrArray) server = NULL;

  start (f);

  /* Both before sending: nothing to send. */
  set_online (f, FALSE);
  oops = start_entry (f, "Oops");
  delete_entry (f, stint_entry_get_id (oops));
  set_online (f, TRUE);
  assert_log (f, "");
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, "Everything is synced");

  /* Deleted while the create is under way: the delete follows it. */
  stint_fake_backend_set_hold (f->server, TRUE);
  quick = start_entry (f, "Quick");
  settle (f);
  assert_log (f, "create");
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_SYNCING);
  delete_entry (f, stint_entry_get_id (quick));
  settle (f);
  assert_log (f, "create");

  stint_fake_backend_set_hold (f->server, FALSE);
  stint_fake_backend_release (f->server);
  settle (f);
  assert_log (f, "create delete");
  server = stint_fake_backend_get_entries (f->server);
  g_assert_cmpuint (server->len, ==, 0);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_true (changed_has (f, stint_entry_get_id (quick)));
}

static void
test_pull_keeps_pending (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StintEntry) alpha = NULL;
  g_autoptr(StintEntry) beta = NULL;
  g_autoptr(StintEntry) gamma = NULL;
  g_autoptr(StintEntry) delta = NULL;
  g_autoptr(StintEntry) mine = NULL;
  g_autoptr(GError) error = NULL;
  gint64 alpha_sid, beta_sid, gamma_sid, delta_sid;
  guint n_recent;

  alpha_sid = server_entry (f, "Alpha", T0 - 5 * HOUR, T0 - 4 * HOUR);
  beta_sid = server_entry (f, "Beta", T0 - 4 * HOUR, T0 - 3 * HOUR);
  gamma_sid = server_entry (f, "Gamma", T0 - 3 * HOUR, T0 - 2 * HOUR);
  start (f);
  alpha = local_by_server_id (f, alpha_sid);
  beta = local_by_server_id (f, beta_sid);
  gamma = local_by_server_id (f, gamma_sid);
  n_recent = g_list_model_get_n_items (stint_tracker_get_recent (f->tracker));
  g_assert_cmpuint (n_recent, ==, 3);

  /* A change waits (Stint was closed), and the server changes too. */
  stint_sync_stop (f->sync);
  edit_description (f, stint_entry_get_id (alpha), "Alpha (mine)");
  settle (f);
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 1);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, "1 change waiting to sync");
  advance (f, MINUTE);
  g_assert_true (stint_fake_backend_edit_entry (f->server, alpha_sid, "Alpha (theirs)"));
  g_assert_true (stint_fake_backend_remove_entry (f->server, beta_sid));
  delta_sid = server_entry (f, "Delta", T0 - 2 * HOUR, T0 - HOUR);
  assert_log (f, "");

  stint_sync_start (f->sync);
  settle (f);
  assert_log (f, "account changes update");

  /* The pending change won, then went out. */
  mine = local (f, stint_entry_get_id (alpha));
  g_assert_cmpstr (stint_entry_get_description (mine), ==, "Alpha (mine)");
  g_assert_cmpint (stint_entry_get_sync_state (mine), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_cmpstr (stint_entry_get_description (stint_fake_backend_lookup (f->server, alpha_sid)), ==,
                   "Alpha (mine)");

  /* The deletion removed the row, the new entry came in, the rest stayed. */
  g_assert_null (stint_store_load_entry (f->store, stint_entry_get_id (beta), NULL));
  delta = local_by_server_id (f, delta_sid);
  g_assert_cmpstr (stint_entry_get_description (delta), ==, "Delta");
  g_assert_true (changed_has (f, stint_entry_get_id (beta)));
  g_assert_true (changed_has (f, stint_entry_get_id (delta)));
  g_assert_true (changed_has (f, stint_entry_get_id (alpha)));
  g_assert_false (changed_has (f, stint_entry_get_id (gamma)));
  g_assert_cmpuint (g_list_model_get_n_items (stint_tracker_get_recent (f->tracker)), ==, 3);
  g_assert_null (stint_entry_list_find ((StintEntryList *)stint_tracker_get_recent (f->tracker),
                                        stint_entry_get_id (beta), NULL));
}

static void
test_counts_before_start (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StintEntry) one = insert_finished (f, "One", T0 - 3 * HOUR);
  g_autoptr(StintEntry) two = insert_finished (f, "Two", T0 - 2 * HOUR);

  settle (f);
  assert_log (f, "");
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 2);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, "2 changes waiting to sync");

  /* A new sync on the same store counts them from the start. */
  drop_sync (f);
  make_sync (f);
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 2);
  stint_sync_start (f->sync);
  settle (f);
  assert_log (f, "account current changes create create");
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/stint/sync/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("start/bootstrap", test_bootstrap);
  ADD ("start/counts-before", test_counts_before_start);
  ADD ("push/create-maps-server-id", test_create_maps_server_id);
  ADD ("push/create-then-delete", test_create_then_delete);
  ADD ("offline/arrive-once", test_offline_arrive_once);
  ADD ("pull/keeps-pending", test_pull_keeps_pending);

#undef ADD

  return g_test_run ();
}
