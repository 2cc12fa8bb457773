/* test-sync-triggers.c: when StintSync asks the server, and when it does not
 *
 * The slow refresh and its backoff, a window opening, the network coming
 * back, waking from suspend (logind on a private bus), and the budget: a
 * refresh yields before the user's changes do, a 402 stops everything, and
 * a restart remembers the hour's requests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-sync-fixture.h"

static gint64
next_timer (Fixture *f)
{
  gint64 due = 0;

  g_assert_cmpuint (timers (f, &due), ==, 1);
  return due - stint_clock_now (f->clock);
}

static void
test_slow_refresh (Fixture       *f,
                   gconstpointer  data)
{
  start (f);

  /* The first pull found nothing new: twenty minutes to the next; nothing
   * new again: thirty, and no longer. */
  g_assert_cmpint (next_timer (f), ==, 20 * MINUTE);
  advance (f, 20 * MINUTE);
  assert_log (f, "changes");
  g_assert_cmpint (next_timer (f), ==, 30 * MINUTE);
  advance (f, 30 * MINUTE);
  g_assert_cmpint (next_timer (f), ==, 30 * MINUTE);
  assert_log (f, "changes changes");

  /* Something changed elsewhere: back to ten, never sooner. */
  server_entry (f, "On the phone", T0, T0 + 10 * MINUTE);
  advance (f, 30 * MINUTE);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, ACCOUNT), ==, 1);
  g_assert_cmpint (next_timer (f), ==, 10 * MINUTE);

  /* A pull made for another reason moves the next one on. */
  advance (f, 4 * MINUTE);
  stint_sync_refresh (f->sync);
  settle (f);
  g_assert_cmpint (next_timer (f), ==, 20 * MINUTE);

  /* Stopped, nothing ticks. */
  stint_sync_stop (f->sync);
  g_assert_cmpuint (timers (f, NULL), ==, 0);
}

static void
test_window_open (Fixture       *f,
                  gconstpointer  data)
{
  start (f);

  /* The cache is fresh: opening the window asks nothing. */
  advance (f, 2 * MINUTE);
  stint_sync_refresh_if_stale (f->sync, 5 * MINUTE);
  settle (f);
  assert_log (f, "");

  /* Older than the window allows: one request. */
  advance (f, 3 * MINUTE);
  stint_sync_refresh_if_stale (f->sync, 5 * MINUTE);
  settle (f);
  assert_log (f, "changes");
  stint_sync_refresh_if_stale (f->sync, 5 * MINUTE);
  settle (f);
  assert_log (f, "changes");
}

static void
test_offline_is_quiet (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;

  start (f);
  set_online (f, FALSE);

  /* Offline with a change waiting: nothing ticks, nothing is tried. */
  entry = start_entry (f, "On a plane");
  settle (f);
  g_assert_cmpuint (timers (f, NULL), ==, 0);
  advance (f, 3 * HOUR);
  assert_log (f, "");

  /* Back: the change, then what changed, at once. */
  set_online (f, TRUE);
  assert_log (f, "create changes");
  g_assert_cmpint (next_timer (f), ==, 30 * MINUTE);
}

/* --- resume from suspend ------------------------------------------------- */

typedef struct
{
  GTestDBus       *bus;
  GDBusConnection *sync_side;
  GDBusConnection *logind_side;
} Logind;

static void
logind_start (Logind *logind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *address;

  logind->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (logind->bus);
  address = g_test_dbus_get_bus_address (logind->bus);

  logind->sync_side = g_dbus_connection_new_for_address_sync (address,
                                                              G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                              G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                              NULL, NULL, &error);
  g_assert_no_error (error);
  logind->logind_side = g_dbus_connection_new_for_address_sync (address,
                                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                                NULL, NULL, &error);
  g_assert_no_error (error);

  /* The signal counts only from the name logind owns. */
  reply = g_dbus_connection_call_sync (logind->logind_side, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.login1", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
}

static void
logind_stop (Logind *logind)
{
  g_dbus_connection_close_sync (logind->sync_side, NULL, NULL);
  g_dbus_connection_close_sync (logind->logind_side, NULL, NULL);
  g_clear_object (&logind->sync_side);
  g_clear_object (&logind->logind_side);
  g_test_dbus_down (logind->bus);
  g_clear_object (&logind->bus);
}

/* Emits PrepareForSleep(@sleeping) and waits until it went round the bus. */
static void
prepare_for_sleep (Logind   *logind,
                   Fixture  *f,
                   gboolean  sleeping)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  g_dbus_connection_emit_signal (logind->logind_side, NULL, "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", "PrepareForSleep",
                                 g_variant_new ("(b)", sleeping), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (logind->logind_side, NULL, &error);
  g_assert_no_error (error);

  /* A round trip on the sync's connection: the signal came before it. */
  reply = g_dbus_connection_call_sync (logind->sync_side, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus.Peer",
                                       "Ping", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  settle (f);
}

static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  Logind logind = { 0 };

  logind_start (&logind);
  stint_sync_set_system_bus (f->sync, logind.sync_side);
  start (f);

  /* Going to sleep asks nothing. */
  advance (f, 5 * MINUTE);
  prepare_for_sleep (&logind, f, TRUE);
  assert_log (f, "");

  /* The server was out of reach when the lid closed: a backoff runs. */
  stint_fake_backend_set_offline (f->server, TRUE);
  entry = start_entry (f, "Before the lid closed");
  settle (f);
  stint_fake_backend_set_offline (f->server, FALSE);
  g_assert_cmpint (stint_sync_get_next_attempt_at (f->sync), >, 0);

  /* Awake hours later: the change goes at once, and what changed comes. */
  advance (f, 5 * MINUTE);
  prepare_for_sleep (&logind, f, FALSE);
  assert_log (f, "changes create changes");
  g_assert_cmpint (stint_sync_get_next_attempt_at (f->sync), ==, 0);

  /* Without a bus (none given), nothing happens, and nothing breaks. */
  stint_sync_set_system_bus (f->sync, NULL);
  advance (f, 5 * MINUTE);
  prepare_for_sleep (&logind, f, FALSE);
  assert_log (f, "changes create changes");

  logind_stop (&logind);
}

/* --- the budget ---------------------------------------------------------- */

static void
spend_user_bucket (Fixture *f,
                   guint    n)
{
  StintBudget *budget = stint_sync_get_budget (f->sync);
  StintApiMeta meta = STINT_API_META_INIT;

  meta.status = 200;
  for (guint i = 0; i < n; i++)
    stint_budget_record (budget, STINT_BUDGET_BUCKET_USER, &meta, STINT_BUDGET_USER);
}

static void
test_refresh_yields (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;

  start (f);

  /* The user's other tools spent most of the hour's /me… requests: the
   * slow refresh and a window opening stay away from the reserve. */
  spend_user_bucket (f, 18);
  g_assert_cmpint (stint_sync_get_requests_left (f->sync), ==, 9);
  advance (f, 10 * MINUTE);
  stint_sync_refresh_if_stale (f->sync, 5 * MINUTE);
  settle (f);
  assert_log (f, "");

  /* The user's change still goes. */
  entry = start_entry (f, "Still syncs");
  settle (f);
  assert_log (f, "create");

  /* An hour on, the refreshes come back. */
  advance (f, HOUR);
  assert_log (f, "create changes");
}

static void
test_background_per_hour (Fixture       *f,
                          gconstpointer  data)
{
  StintBudget *budget;

  start (f);
  budget = stint_sync_get_budget (f->sync);

  /* However often the window opens, at most six refreshes in any hour (the
   * first pull, which signing in asked for, is not one of them). */
  for (guint i = 0; i < 29; i++)
    {
      advance (f, 2 * MINUTE);
      stint_sync_refresh_if_stale (f->sync, 0);
      settle (f);
      g_assert_cmpuint (stint_budget_count_hour (budget, STINT_BUDGET_BUCKET_USER, TRUE), <=, 6);
    }
  g_assert_cmpuint (stint_fake_backend_count (f->server, "changes"), ==, 6);

  /* As the first leave the hour, more may come, never more than six. */
  for (guint i = 0; i < 60; i++)
    {
      advance (f, 2 * MINUTE);
      stint_sync_refresh_if_stale (f->sync, 0);
      settle (f);
      g_assert_cmpuint (stint_budget_count_hour (budget, STINT_BUDGET_BUCKET_USER, TRUE), <=, 6);
    }
  g_assert_cmpuint (stint_fake_backend_count (f->server, "changes"), <=, 6 + 12);
  g_assert_cmpuint (stint_fake_backend_count (f->server, "changes"), >=, 6 + 10);
}

static void
test_quota_stops_all (Fixture       *f,
                      gconstpointer  data)
{
  StintApiMeta meta = STINT_API_META_INIT;
  g_autoptr(StintEntry) entry = NULL;
  gint64 reset;

  start (f);
  meta.status = 402;
  meta.quota_remaining = 0;
  meta.quota_resets_in = 25 * MINUTE;
  stint_fake_backend_push_error (f->server, STINT_API_ERROR_QUOTA, "Quota.", &meta);
  entry = start_entry (f, "Over the limit");
  settle (f);
  reset = stint_clock_now (f->clock) + 25 * MINUTE;

  /* Not a refresh, not a change, not across a restart, until the reset. */
  stint_sync_refresh (f->sync);
  settle (f);
  advance (f, 10 * MINUTE);
  stop_entry (f);
  settle (f);
  drop_sync (f);
  make_sync (f);
  stint_sync_start (f->sync);
  settle (f);
  g_assert_cmpint (stint_budget_get_paused_until (stint_sync_get_budget (f->sync)), ==, reset);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==,
                   "1 change waiting to sync — Toggl’s hourly request limit is used up; "
                   "Stint will sync again at 09:25.");
  g_assert_cmpint (stint_sync_get_next_attempt_at (f->sync), ==, reset);
  advance (f, reset - stint_clock_now (f->clock) - 1);
  assert_log (f, "create");

  advance (f, 1);
  g_assert_cmpuint (stint_fake_backend_count (f->server, "create"), ==, 2);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
}

static void
test_budget_outlives_restart (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;

  /* Three requests to start with (the first sync's), a refresh, a change. */
  start (f);
  advance (f, 2 * MINUTE);
  stint_sync_refresh (f->sync);
  entry = start_entry (f, "Counted");
  settle (f);
  g_assert_cmpint (stint_budget_get_left (stint_sync_get_budget (f->sync), STINT_BUDGET_BUCKET_USER),
                   ==, 26);
  g_assert_cmpint (stint_sync_get_requests_left (f->sync), ==, 26);

  /* The next run knows this hour's requests. */
  drop_sync (f);
  make_sync (f);
  g_assert_cmpint (stint_budget_get_left (stint_sync_get_budget (f->sync), STINT_BUDGET_BUCKET_USER),
                   ==, 26);
  g_assert_cmpint (stint_budget_get_left (stint_sync_get_budget (f->sync),
                                          STINT_BUDGET_BUCKET_WORKSPACE), ==, 29);
  g_assert_cmpuint (stint_budget_count_hour (stint_sync_get_budget (f->sync),
                                             STINT_BUDGET_BUCKET_USER, TRUE), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/stint/sync/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("trigger/slow-refresh", test_slow_refresh);
  ADD ("trigger/window-open", test_window_open);
  ADD ("trigger/offline-is-quiet", test_offline_is_quiet);
  ADD ("trigger/resume", test_resume);
  ADD ("budget/refresh-yields", test_refresh_yields);
  ADD ("budget/background-per-hour", test_background_per_hour);
  ADD ("budget/quota-stops-all", test_quota_stops_all);
  ADD ("budget/outlives-restart", test_budget_outlives_restart);

#undef ADD

  return g_test_run ();
}
