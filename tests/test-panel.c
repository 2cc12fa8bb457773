/* test-panel.c: what the tray shows beside its icon, the daily goal in its
 * menu, and the title's word on syncing
 *
 * Runs the real widgets on a display (inside build-aux/desktop-session) with
 * a manual clock, so "what would wake us" is a list of pending timeouts.
 * The Preferences that set them are in test-panel-preferences.c; the
 * fixture is in panel-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "panel-fixture.h"

#include "sync/stint-sync.h"
#include "stint-fake-backend.h"

/* ---------------------------------------------------------------- the label */

static void
test_label_minutes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  gint64 due;

  g_assert_cmpuint (pending (f, NULL), ==, 0);

  entry = start (f, "Minutes");
  g_assert_cmpstr (label_of (f), ==, "0:00");
  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, (T0 + MINUTE) * G_USEC_PER_SEC);

  /* An hour: sixty wake-ups, each at the entry's minute. */
  for (int i = 0; i < 60; i++)
    {
      advance (f, MINUTE);
      g_assert_cmpuint (pending (f, &due), ==, 1);
      g_assert_cmpint (due, ==, (T0 + (i + 2) * MINUTE) * G_USEC_PER_SEC);
    }
  g_assert_cmpstr (label_of (f), ==, "1:00");

  stop (f);
  g_assert_cmpuint (pending (f, NULL), ==, 0);
}

static void
test_label_seconds (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  gint64 due;

  g_settings_set_string (f->settings, "panel-label", "seconds");

  /* Idle: seconds or not, nothing ticks. */
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  g_assert_cmpstr (label_of (f), ==, "");

  /* Started a quarter second into a second: the ticks fall on whole
   * seconds, not a quarter past each. */
  stint_clock_set_usec (f->clock, T0 * G_USEC_PER_SEC + G_USEC_PER_SEC / 4);
  entry = start (f, "Seconds");
  g_assert_cmpint (stint_entry_get_start (entry), ==, T0);
  g_assert_cmpstr (label_of (f), ==, "0:00:00");
  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, (T0 + 1) * G_USEC_PER_SEC);

  stint_clock_set_usec (f->clock, (T0 + 1) * G_USEC_PER_SEC);
  stint_test_flush ();
  g_assert_cmpstr (label_of (f), ==, "0:00:01");
  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, (T0 + 2) * G_USEC_PER_SEC);

  advance (f, 59);
  g_assert_cmpstr (label_of (f), ==, "0:01:00");
  advance (f, 3600 + 5);
  g_assert_cmpstr (label_of (f), ==, "1:01:05");
  g_assert_cmpuint (pending (f, NULL), ==, 1);

  /* Stopped: not a single wake-up more. */
  stop (f);
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  g_assert_cmpstr (label_of (f), ==, "");
}

static void
test_label_none (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  gint64 due;

  g_settings_set_string (f->settings, "panel-label", "none");
  entry = start (f, "Quiet");

  /* No label, and no timer at all while tracking. */
  g_assert_cmpstr (label_of (f), ==, "");
  g_assert_cmpstr (icon_of (f), ==, STINT_INDICATOR_ICON_TRACKING);
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  advance (f, 2 * HOUR);
  g_assert_cmpstr (label_of (f), ==, "");

  /* The setting is followed live, either way. */
  g_settings_set_string (f->settings, "panel-label", "minutes");
  g_assert_cmpstr (label_of (f), ==, "2:00");
  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, (T0 + 2 * HOUR + MINUTE) * G_USEC_PER_SEC);

  g_settings_set_string (f->settings, "panel-label", "seconds");
  g_assert_cmpstr (label_of (f), ==, "2:00:00");
  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, (T0 + 2 * HOUR + 1) * G_USEC_PER_SEC);

  g_settings_set_string (f->settings, "panel-label", "none");
  g_assert_cmpstr (label_of (f), ==, "");
  g_assert_cmpuint (pending (f, NULL), ==, 0);

  /* A goal in the menu still needs the minutes, and only those. */
  g_settings_set_uint (f->settings, "daily-goal", 8 * HOUR);
  g_assert_cmpstr (label_of (f), ==, "");
  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, (T0 + 2 * HOUR + MINUTE) * G_USEC_PER_SEC);
}

/* ---------------------------------------------------------------- the goal */

static StintEntry *
track (Fixture *f,
       gint64   start,
       gint64   stop)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;

  entry = stint_tracker_start_at (f->tracker, "Earlier", 0, NULL, FALSE, start,
                                  STINT_START_DEFAULT, &error);
  g_assert_no_error (error);
  stopped = stint_tracker_stop_at (f->tracker, stop, &error);
  g_assert_no_error (error);
  stint_test_flush ();

  return g_steal_pointer (&stopped);
}

static void
test_goal (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(StintEntry) earlier = NULL;
  g_autoptr(StintEntry) entry = NULL;
  gint64 due;

  /* Earlier today: 5:12. Without a goal the menu says nothing of it. */
  earlier = track (f, DAY + 1 * HOUR, DAY + 6 * HOUR + 12 * MINUTE);
  g_assert_null (menu_label (f, "Today"));
  g_assert_cmpuint (pending (f, NULL), ==, 0);

  g_settings_set_uint (f->settings, "daily-goal", 7 * HOUR + 30 * MINUTE);
  g_assert_cmpstr (menu_label (f, "Today"), ==, "Today 5:12 — 2:18 left to goal");
  /* Idle, the only wake-up is at midnight, when today starts over. */
  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, (DAY + 24 * HOUR) * G_USEC_PER_SEC);

  /* Tracking: the goal moves on the label's minutes, with no tick of its own. */
  entry = start (f, "Towards the goal");
  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, (T0 + MINUTE) * G_USEC_PER_SEC);
  advance (f, 59);
  g_assert_cmpstr (menu_label (f, "Today"), ==, "Today 5:12 — 2:18 left to goal");
  advance (f, 1);
  g_assert_cmpstr (menu_label (f, "Today"), ==, "Today 5:13 — 2:17 left to goal");
  g_assert_cmpuint (pending (f, NULL), ==, 1);

  advance (f, 136 * MINUTE);
  g_assert_cmpstr (menu_label (f, "Today"), ==, "Today 7:29 — 0:01 left to goal");
  advance (f, MINUTE);
  g_assert_null (menu_label (f, "Today"));
  g_assert_cmpstr (menu_label (f, "Goal"), ==, "Goal reached — 7:30 today");
  advance (f, 12 * MINUTE);
  g_assert_cmpstr (menu_label (f, "Goal"), ==, "Goal reached — 7:42 today");

  stop (f);
  g_assert_cmpstr (menu_label (f, "Goal"), ==, "Goal reached — 7:42 today");
  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, (DAY + 24 * HOUR) * G_USEC_PER_SEC);

  /* An entry edited in place (the window's editor) changes the total at
   * once, though nothing runs and the list did not change. */
  {
    g_autoptr(StintEntry) edited = stint_entry_copy (earlier);
    g_autoptr(GError) error = NULL;

    stint_entry_set_stop (edited, DAY + 5 * HOUR);
    g_assert_true (stint_tracker_update (f->tracker, edited, &error));
    g_assert_no_error (error);
    stint_test_flush ();
  }
  g_assert_cmpstr (menu_label (f, "Today"), ==, "Today 6:30 — 1:00 left to goal");

  /* Midnight: a new day, nothing tracked yet, and nothing left to wake for. */
  advance (f, DAY + 24 * HOUR - stint_clock_now (f->clock));
  g_assert_cmpstr (menu_label (f, "Today"), ==, "Today 0:00 — 7:30 left to goal");
  g_assert_cmpuint (pending (f, NULL), ==, 0);

  g_settings_set_uint (f->settings, "daily-goal", 0);
  g_assert_null (menu_label (f, "Today"));
  g_assert_null (menu_label (f, "Goal"));
}

/* ---------------------------------------------------------------- syncing */

typedef struct
{
  StintFakeBackend *server;
  StintFakeNetwork *network;
  StintSync        *sync;
} Account;

static void
account_start (Fixture *f,
               Account *account)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  stint_test_set_account (f->store, "track:4242");
  g_assert_true (stint_tracker_reload (f->tracker, &error));
  g_assert_no_error (error);
  stint_tracker_set_sync_enabled (f->tracker, TRUE);

  account->server = stint_fake_backend_new (f->clock);
  account->network = stint_fake_network_new (TRUE);
  account->sync = stint_sync_new (f->store, STINT_BACKEND (account->server), f->clock,
                                  STINT_FAKE_WORKSPACE_ID);
  stint_sync_set_network_monitor (account->sync, G_NETWORK_MONITOR (account->network));
  stint_sync_set_system_bus (account->sync, NULL);
  stint_sync_set_rand (account->sync, rand);
  stint_sync_start (account->sync);
  stint_test_flush ();
  g_assert_cmpint (stint_sync_get_status (account->sync), ==, STINT_SYNC_STATUS_IDLE);
}

static void
account_stop (Account *account)
{
  stint_sync_stop (account->sync);
  stint_test_flush ();
  g_clear_object (&account->sync);
  g_clear_object (&account->network);
  g_clear_object (&account->server);
}

static void
test_sync_title (Fixture       *f,
                 gconstpointer  data)
{
  StintApiMeta meta = STINT_API_META_INIT;
  Account account = { 0 };
  g_autoptr(StintEntry) first = NULL;
  g_autoptr(StintEntry) second = NULL;
  g_autoptr(StintEntry) bad = NULL;

  account_start (f, &account);
  stint_indicator_set_sync (f->indicator, account.sync);
  g_assert_cmpstr (title_of (f), ==, "Stint — not tracking");
  g_assert_cmpstr (icon_of (f), ==, STINT_INDICATOR_ICON_IDLE);

  /* The network goes: the icon says so before anything waits. */
  stint_fake_network_set_available (account.network, FALSE);
  stint_test_flush ();
  g_assert_cmpstr (title_of (f), ==, "Stint — offline");
  g_assert_cmpstr (icon_of (f), ==, STINT_INDICATOR_ICON_OFFLINE);

  first = start (f, "On the train");
  g_assert_cmpstr (title_of (f), ==, "Offline — 1 change waiting to sync");
  g_assert_cmpstr (icon_of (f), ==, STINT_INDICATOR_ICON_TRACKING_OFFLINE);
  advance (f, 10 * MINUTE);
  /* The first entry's create and stop go as one request. */
  second = start (f, "Still on the train");
  g_assert_cmpstr (title_of (f), ==, "Offline — 2 changes waiting to sync");

  /* Back online, the changes go, and the title names the entry again. */
  stint_fake_network_set_available (account.network, TRUE);
  stint_test_flush ();
  g_assert_cmpuint (stint_sync_get_pending (account.sync), ==, 0);
  g_assert_cmpstr (title_of (f), ==, "Still on the train");
  g_assert_cmpstr (icon_of (f), ==, STINT_INDICATOR_ICON_TRACKING);

  /* Toggl has trouble: the stop waits, and the title says so. Being held
   * back is no reason for the crossed-out icon. */
  meta.status = 503;
  stint_fake_backend_push_error (account.server, STINT_API_ERROR_SERVER,
                                 "Toggl is having trouble (error 503).", &meta);
  advance (f, MINUTE);
  stop (f);
  g_assert_cmpint (stint_sync_get_status (account.sync), ==, STINT_SYNC_STATUS_WAITING);
  g_assert_cmpstr (title_of (f), ==, "1 change waiting to sync");
  g_assert_cmpstr (icon_of (f), ==, STINT_INDICATOR_ICON_IDLE);
  advance (f, stint_sync_get_next_attempt_at (account.sync) - stint_clock_now (f->clock));
  g_assert_cmpuint (stint_sync_get_pending (account.sync), ==, 0);
  g_assert_cmpstr (title_of (f), ==, "Stint — not tracking");

  /* Toggl refuses a change: the user has to look. */
  meta.status = 422;
  stint_fake_backend_push_error (account.server, STINT_API_ERROR_INVALID,
                                 "Toggl refused the change.", &meta);
  bad = start (f, "Refused");
  g_assert_cmpuint (stint_sync_get_failed (account.sync), ==, 1);
  g_assert_cmpstr (title_of (f), ==, "1 change could not be synced — open Stint to see why");
  g_assert_cmpstr (icon_of (f), ==, STINT_INDICATOR_ICON_TRACKING_OFFLINE);

  /* Signed out, the application's sentence comes first. */
  stint_indicator_set_problem (f->indicator, "Signed out — sign in again in Preferences");
  g_assert_cmpstr (title_of (f), ==, "Signed out — sign in again in Preferences");
  stint_indicator_set_problem (f->indicator, NULL);

  /* Local mode again: no sync, no word on it. */
  stint_indicator_set_sync (f->indicator, NULL);
  g_assert_cmpstr (title_of (f), ==, "Refused");
  g_assert_cmpstr (icon_of (f), ==, STINT_INDICATOR_ICON_TRACKING);

  account_stop (&account);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init_gtk (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/panel/label-minutes", test_label_minutes);
  ADD ("/stint/panel/label-seconds", test_label_seconds);
  ADD ("/stint/panel/label-none", test_label_none);
  ADD ("/stint/panel/goal", test_goal);
  ADD ("/stint/panel/sync-title", test_sync_title);
#undef ADD

  return g_test_run ();
}
