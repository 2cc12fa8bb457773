/* test-sync-failures.c: StintSync when the service fails it, and when it
 * is stopped
 *
 * The retry schedule and its jitter; a sign-in Toggl no longer accepts, a
 * change it refuses, the hourly quota used up, an unreachable server and
 * its backoff (which the network's return cuts short); and a request under
 * way when the sync is stopped or dropped. The fixture is in
 * test-sync-fixture.h.
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

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/stint/sync/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/stint/sync/retry-delay", test_retry_delay);
  ADD ("offline/network-return-skips-backoff", test_network_return_skips_backoff);
  ADD ("failure/signed-out", test_signed_out);
  ADD ("failure/refused", test_refused);
  ADD ("failure/quota", test_quota);
  ADD ("failure/backoff", test_backoff);
  ADD ("stop/cancels", test_stop_cancels);
  ADD ("stop/dropped-while-sending", test_dropped_while_sending);

#undef ADD

  return g_test_run ();
}
