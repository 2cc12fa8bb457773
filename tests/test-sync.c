/* test-sync.c: StintSync against an in-memory service, in virtual time
 *
 * Starting, sending, pulling, and what each kind of failure does; the
 * fixture is in test-sync-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-sync-fixture.h"

/* Tests */

static void
test_retry_delay (void)
{
  static const struct { guint attempts; gint64 seconds; } table[] = {
    { 0, 60 }, { 1, 60 }, { 2, 120 }, { 3, 240 }, { 4, 480 }, { 5, 960 },
    { 6, 1800 }, { 7, 1800 }, { 30, 1800 }, { G_MAXUINT, 1800 },
  };
  g_autoptr(GError) error = g_error_new_literal (STINT_API_ERROR, STINT_API_ERROR_SERVER, "x");
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  /* The middle of the jitter is the nominal schedule… */
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    g_assert_cmpint (stint_sync_retry_delay (table[i].attempts, error, 0.5), ==, table[i].seconds);

  /* …its ends are 25 % either way, never past the cap… */
  g_assert_cmpint (stint_sync_retry_delay (1, error, 0.0), ==, 45);
  g_assert_cmpint (stint_sync_retry_delay (1, error, 0.999999), ==, 74);
  g_assert_cmpint (stint_sync_retry_delay (4, error, 0.0), ==, 360);
  g_assert_cmpint (stint_sync_retry_delay (6, error, 0.0), ==, 1350);
  g_assert_cmpint (stint_sync_retry_delay (6, error, 0.999999), ==, 1800);

  /* …and any draw lands in between. */
  for (guint i = 0; i < 1000; i++)
    {
      guint attempts = 1 + i % 8;
      gint64 nominal = table[MIN (attempts, 6)].seconds;
      gint64 delay = stint_sync_retry_delay (attempts, error, g_rand_double (rand));

      g_assert_cmpint (delay, >=, nominal * 3 / 4);
      g_assert_cmpint (delay, <=, MIN (nominal * 5 / 4, 1800));
    }
}

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
test_signed_out (Fixture       *f,
                 gconstpointer  data)
{
  static const char *sentence = "Toggl did not accept the sign-in. Sign in again.";
  StintApiMeta meta = STINT_API_META_INIT;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(GPtrArray) server = NULL;

  start (f);
  meta.status = 401;
  stint_fake_backend_push_error (f->server, STINT_API_ERROR_AUTH, sentence, &meta);

  entry = start_entry (f, "Locked out");
  settle (f);
  assert_log (f, "create");
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_SIGNED_OUT);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, sentence);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 1);
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_PENDING);

  /* Nothing more goes out, nothing ticks, the outbox keeps growing. */
  advance (f, 10 * MINUTE);
  stop_entry (f);
  settle (f);
  set_online (f, FALSE);
  set_online (f, TRUE);
  advance (f, 3 * HOUR);
  assert_log (f, "create");
  g_assert_cmpuint (timers (f, NULL), ==, 0);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 2);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_SIGNED_OUT);

  /* Signed in again: everything arrives. */
  stint_sync_start (f->sync);
  settle (f);
  assert_log (f, "create account changes create");
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
  server = stint_fake_backend_get_entries (f->server);
  g_assert_cmpuint (server->len, ==, 1);
  g_assert_cmpint (stint_entry_get_stop (server->pdata[0]), ==, T0 + 10 * MINUTE);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  static const char *sentence = "Toggl refused the change: Start date is too far in the past.";
  StintApiMeta meta = STINT_API_META_INIT;
  g_autoptr(StintEntry) bad = NULL;
  g_autoptr(StintEntry) good = NULL;
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(GPtrArray) server = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;

  start (f);
  meta.status = 422;
  stint_fake_backend_push_error (f->server, STINT_API_ERROR_INVALID, sentence, &meta);

  bad = insert_finished (f, "Too old", T0 - 5 * HOUR);
  good = insert_finished (f, "Fine", T0 - 3 * HOUR);
  settle (f);

  /* The refused one is parked with the server's sentence; the next went. */
  assert_log (f, "create create");
  stored = local (f, stint_entry_get_id (bad));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_FAILED);
  g_assert_cmpstr (stint_entry_get_sync_error (stored), ==, sentence);
  g_clear_object (&stored);
  stored = local (f, stint_entry_get_id (good));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
  server = stint_fake_backend_get_entries (f->server);
  g_assert_cmpuint (server->len, ==, 1);
  g_assert_cmpstr (stint_entry_get_description (server->pdata[0]), ==, "Fine");
  g_assert_true (changed_has (f, stint_entry_get_id (bad)));
  g_assert_true (changed_has (f, stint_entry_get_id (good)));

  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 0);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, sentence);
  ops = stint_store_load_outbox (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_true (((StintOutboxOp *)ops->pdata[0])->failed);
  g_assert_cmpstr (((StintOutboxOp *)ops->pdata[0])->last_error, ==, sentence);

  /* Not tried again by itself (only the slow refresh runs)… */
  assert_quiet (f);
  advance (f, 2 * HOUR);
  g_assert_cmpuint (count (f, "create"), ==, 2);

  /* …but the user's next change to it is the retry. */
  edit_description (f, stint_entry_get_id (bad), "Not so old");
  settle (f);
  g_assert_cmpuint (count (f, "create"), ==, 3);
  g_clear_object (&stored);
  stored = local (f, stint_entry_get_id (bad));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_null (stint_entry_get_sync_error (stored));
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, "Everything is synced");
}

static void
test_quota (Fixture       *f,
            gconstpointer  data)
{
  static const char *sentence = "Toggl’s hourly request limit is used up; Stint will sync again at 09:10.";
  StintApiMeta meta = STINT_API_META_INIT;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GPtrArray) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 due = 0;
  StintOutboxOp *op;

  start (f);
  meta.status = 402;
  meta.quota_remaining = 0;
  meta.quota_resets_in = 600;
  stint_fake_backend_push_error (f->server, STINT_API_ERROR_QUOTA, sentence, &meta);

  entry = start_entry (f, "Over the quota");
  settle (f);
  assert_log (f, "create");
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_WAITING);
  expected = g_strdup_printf ("1 change waiting to sync — %s", sentence);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, expected);

  /* The next attempt at the reset, and the budget paused until then; the
   * attempt is on record. */
  g_assert_cmpint (stint_sync_get_next_attempt_at (f->sync), ==, T0 + 600);
  g_assert_cmpint (stint_budget_get_paused_until (stint_sync_get_budget (f->sync)), ==, T0 + 600);
  g_assert_cmpuint (timers (f, &due), >=, 1);
  g_assert_cmpint (due, ==, T0 + 600);
  ops = stint_store_load_outbox (f->store, &error);
  g_assert_no_error (error);
  op = ops->pdata[0];
  g_assert_cmpuint (op->attempts, ==, 1);
  g_assert_cmpint (op->next_attempt_at, ==, T0 + 600);
  g_assert_cmpstr (op->last_error, ==, sentence);

  /* Nothing goes out before the reset, whatever the user does. */
  advance (f, 5 * MINUTE);
  stop_entry (f);
  settle (f);
  set_online (f, FALSE);
  set_online (f, TRUE);
  advance (f, 5 * MINUTE - 1);
  assert_log (f, "create");

  advance (f, 1);
  g_assert_cmpuint (count (f, "create"), ==, 2);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
  server = stint_fake_backend_get_entries (f->server);
  g_assert_cmpuint (server->len, ==, 1);
  g_assert_cmpint (stint_entry_get_stop (server->pdata[0]), ==, T0 + 5 * MINUTE);
  assert_quiet (f);
}

static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  static const gint64 schedule[] = { 60, 120, 240, 480, 960, 1800, 1800 };
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  StintApiMeta meta = STINT_API_META_INIT;
  gint64 due, wait, previous = 0;
  gboolean jittered = FALSE;

  start (f);

  /* The network looks up but the server cannot be reached. */
  stint_fake_backend_set_offline (f->server, TRUE);
  entry = start_entry (f, "Behind a captive portal");
  settle (f);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_OFFLINE);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==,
                   "Offline — 1 change will sync when the network returns");

  /* Exponential, each wait within 25 % of its nominal value, at most half
   * an hour; the attempts are on record. */
  for (guint i = 0; i < G_N_ELEMENTS (schedule); i++)
    {
      g_autoptr(GPtrArray) ops = NULL;

      due = stint_sync_get_next_attempt_at (f->sync);
      wait = due - stint_clock_now (f->clock);
      g_assert_cmpint (wait, >=, schedule[i] * 3 / 4);
      g_assert_cmpint (wait, <=, MIN (schedule[i] * 5 / 4, 1800));
      jittered |= previous != 0 && wait != 2 * previous;
      previous = wait;

      ops = stint_store_load_outbox (f->store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (((StintOutboxOp *)ops->pdata[0])->attempts, ==, i + 1);
      g_assert_cmpint (((StintOutboxOp *)ops->pdata[0])->next_attempt_at, ==, due);

      advance (f, wait - 1);
      g_assert_cmpint (stint_sync_get_next_attempt_at (f->sync), ==, due);
      advance (f, 1);
    }
  g_assert_true (jittered);
  assert_log (f, "");

  /* Reachable again: the next attempt goes through and the backoff starts
   * over. */
  stint_fake_backend_set_offline (f->server, FALSE);
  due = stint_sync_get_next_attempt_at (f->sync);
  advance (f, due - stint_clock_now (f->clock));
  g_assert_cmpuint (count (f, "create"), ==, 1);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
  assert_quiet (f);

  meta.status = 503;
  stint_fake_backend_push_error (f->server, STINT_API_ERROR_SERVER,
                                 "Toggl is having trouble (error 503); Stint will try again later.",
                                 &meta);
  stop_entry (f);
  settle (f);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_WAITING);
  wait = stint_sync_get_next_attempt_at (f->sync) - stint_clock_now (f->clock);
  g_assert_cmpint (wait, >=, 45);
  g_assert_cmpint (wait, <=, 75);
  advance (f, wait);
  /* Tried again as an update: it carries the time the user stopped. */
  g_assert_cmpuint (count (f, "stop"), ==, 1);
  g_assert_cmpuint (count (f, "update"), ==, 1);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
}

static void
test_network_return_skips_backoff (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;

  start (f);
  stint_fake_backend_set_offline (f->server, TRUE);
  entry = start_entry (f, "On the train");
  settle (f);
  advance (f, stint_sync_get_next_attempt_at (f->sync) - stint_clock_now (f->clock));
  advance (f, stint_sync_get_next_attempt_at (f->sync) - stint_clock_now (f->clock));
  g_assert_cmpint (stint_sync_get_next_attempt_at (f->sync), >, 0);

  /* The monitor noticed the network went, then came back: the change goes
   * without waiting out the backoff (looked for first: it left before),
   * then what changed meanwhile comes. */
  stint_fake_network_set_available (f->network, FALSE);
  settle (f);
  set_online (f, TRUE);
  assert_log (f, "changes create changes");
  assert_quiet (f);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
}

static void
test_stop_cancels (Fixture       *f,
                   gconstpointer  data)
{
  StintApiMeta meta = STINT_API_META_INIT;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;

  start (f);

  /* A request under way when the sync stops: its answer, even a failure,
   * changes nothing. */
  meta.status = 503;
  stint_fake_backend_push_error (f->server, STINT_API_ERROR_SERVER, "Server trouble.", &meta);
  stint_fake_backend_set_hold (f->server, TRUE);
  entry = start_entry (f, "Interrupted");
  settle (f);
  g_assert_cmpuint (stint_fake_backend_get_n_held (f->server), ==, 1);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_SYNCING);

  stint_sync_stop (f->sync);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
  g_array_set_size (f->changed, 0);
  stint_fake_backend_set_hold (f->server, FALSE);
  stint_fake_backend_release (f->server);
  settle (f);

  g_assert_cmpuint (timers (f, NULL), ==, 0);
  g_assert_cmpuint (f->changed->len, ==, 0);
  ops = stint_store_load_outbox (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpuint (((StintOutboxOp *)ops->pdata[0])->attempts, ==, 0);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, "1 change waiting to sync");

  /* Started again, it goes. */
  stint_sync_start (f->sync);
  settle (f);
  assert_log (f, "create account changes changes create");
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
}

static void
test_dropped_while_sending (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(StintEntry) first = NULL;
  g_autoptr(StintEntry) second = NULL;

  start (f);
  stint_fake_backend_set_hold (f->server, TRUE);
  first = insert_finished (f, "First", T0 - 3 * HOUR);
  settle (f);
  second = insert_finished (f, "Second", T0 - 2 * HOUR);
  settle (f);
  assert_log (f, "create");

  /* Dropped without stop(): disposed at once, the answer lands nowhere and
   * nothing more is sent. */
  g_clear_object (&f->sync);
  stint_fake_backend_set_hold (f->server, FALSE);
  stint_fake_backend_release (f->server);
  settle (f);
  advance (f, HOUR);
  assert_log (f, "create");
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 2);
  g_assert_cmpuint (timers (f, NULL), ==, 0);
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

  g_test_add_func ("/stint/sync/retry-delay", test_retry_delay);
  ADD ("start/bootstrap", test_bootstrap);
  ADD ("start/counts-before", test_counts_before_start);
  ADD ("push/create-maps-server-id", test_create_maps_server_id);
  ADD ("push/create-then-delete", test_create_then_delete);
  ADD ("offline/arrive-once", test_offline_arrive_once);
  ADD ("offline/network-return-skips-backoff", test_network_return_skips_backoff);
  ADD ("pull/keeps-pending", test_pull_keeps_pending);
  ADD ("failure/signed-out", test_signed_out);
  ADD ("failure/refused", test_refused);
  ADD ("failure/quota", test_quota);
  ADD ("failure/backoff", test_backoff);
  ADD ("stop/cancels", test_stop_cancels);
  ADD ("stop/dropped-while-sending", test_dropped_while_sending);

#undef ADD

  return g_test_run ();
}
