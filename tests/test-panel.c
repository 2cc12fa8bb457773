/* test-panel.c: what the tray shows beside its icon, the daily goal, the
 * title's word on syncing, and the Preferences that set them
 *
 * Runs the real widgets on a display (inside build-aux/desktop-session) with
 * a manual clock, so "what would wake us" is a list of pending timeouts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "core/stint-tracker.h"
#include "sync/stint-sync.h"
#include "ui/stint-indicator-private.h"
#include "ui/stint-preferences-panel.h"
#include "ui/stint-preferences-tracking.h"
#include "ui/stint-project-picker.h"
#include "util/stint-parse.h"
#include "stint-fake-backend.h"
#include "stint-test-ui-utils.h"

/* 2026-11-23 09:00:30 UTC (the tests run in UTC): half a minute past, so
 * the entry's minutes differ from the wall clock's. */
#define T0     ((gint64)1795424430)
#define DAY    (T0 - 9 * 3600 - 30)     /* its midnight */
#define MINUTE 60
#define HOUR   3600

typedef struct
{
  char              *dir;
  StintStore        *store;
  StintClock        *clock;
  StintTracker      *tracker;
  GSettings         *settings;
  GSimpleActionGroup *actions;
  StintIndicator    *indicator;
  AppIndicator      *app_indicator;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = stint_test_make_tmpdir ();
  f->tracker = stint_test_tracker_new (f->dir, T0, &f->store, &f->clock);

  /* The memory backend lives as long as the process: start each case from
   * the defaults. */
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "panel-label");
  g_settings_reset (f->settings, "daily-goal");
  g_settings_reset (f->settings, "default-project-id");

  f->actions = g_simple_action_group_new ();
  f->indicator = stint_indicator_new (f->tracker, G_ACTION_GROUP (f->actions), NULL);
  f->app_indicator = stint_indicator_get_app_indicator (f->indicator);
  /* As the application binds them. */
  g_settings_bind (f->settings, "panel-label", f->indicator, "panel-label", G_SETTINGS_BIND_GET);
  g_settings_bind (f->settings, "daily-goal", f->indicator, "daily-goal", G_SETTINGS_BIND_GET);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  /* The next case's tray item takes the same D-Bus path: this one must be
   * gone first, its last D-Bus calls answered. */
  g_object_add_weak_pointer (G_OBJECT (f->app_indicator), (gpointer *)&f->app_indicator);
  g_clear_object (&f->indicator);
  STINT_TEST_WAIT_FOR (f->app_indicator == NULL);

  g_clear_object (&f->actions);
  g_clear_object (&f->settings);
  g_clear_object (&f->tracker);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  stint_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
  stint_test_flush ();
}

/* How many timeouts would wake the process, and when the first is due. */
static guint
pending (Fixture *f,
         gint64  *next_due_usec)
{
  gint64 due = 0;
  guint n = stint_clock_get_pending (f->clock, &due);

  if (next_due_usec != NULL)
    *next_due_usec = due;
  return n;
}

/* Ayatana reads an empty label back as NULL. */
static const char *
label_of (Fixture *f)
{
  const char *label = app_indicator_get_label (f->app_indicator);

  return label != NULL ? label : "";
}

static const char *
title_of (Fixture *f)
{
  return app_indicator_get_title (f->app_indicator);
}

static const char *
icon_of (Fixture *f)
{
  return app_indicator_get_icon (f->app_indicator);
}

/* The visible menu item whose label starts with @prefix, or NULL. */
static const char *
menu_label (Fixture    *f,
            const char *prefix)
{
  GtkMenu *menu = stint_indicator_get_menu (f->indicator);
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (menu));

  for (GList *l = children; l != NULL; l = l->next)
    {
      const char *label = gtk_menu_item_get_label (l->data);

      if (GTK_IS_MENU_ITEM (l->data) && gtk_widget_get_visible (l->data) &&
          label != NULL && g_str_has_prefix (label, prefix))
        return label;
    }
  return NULL;
}

static StintEntry *
start (Fixture    *f,
       const char *description)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry = stint_tracker_start (f->tracker, description, 0, NULL, FALSE, &error);

  g_assert_no_error (error);
  stint_test_flush ();
  return entry;
}

static void
stop (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = stint_tracker_stop (f->tracker, &error);

  g_assert_no_error (error);
  stint_test_flush ();
}

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

/* ---------------------------------------------------------------- Preferences */

/* Whether a label saying @text is on screen under @root. */
static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_visible (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  if (GTK_IS_CONTAINER (root))
    {
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (root));

      for (GList *l = children; l != NULL; l = l->next)
        if (label_shown (l->data, text))
          return TRUE;
    }

  return FALSE;
}

static gboolean
is_active (GtkWidget *toggle)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle));
}

/* The error sentence shown beside the goal field, or NULL. */
static const char *
shown_sentence (GtkEntry *entry)
{
  GtkWidget *grid = gtk_widget_get_parent (GTK_WIDGET (entry));
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (grid));

  for (GList *l = children; l != NULL; l = l->next)
    if (GTK_IS_LABEL (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_style_context_has_class (gtk_widget_get_style_context (l->data), "error"))
      return gtk_label_get_text (l->data);

  return NULL;
}

static void
test_panel_page (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *page = g_object_new (STINT_TYPE_PREFERENCES_PANEL, NULL);
  GtkWidget *minutes, *seconds, *none, *goal_switch;
  GtkEntry *entry;
  g_autofree char *panel_label = NULL;

  gtk_container_add (GTK_CONTAINER (window), page);
  stint_preferences_panel_bind (STINT_PREFERENCES_PANEL (page), f->settings);
  gtk_widget_show (window);

  minutes = stint_test_named (page, GTK_TYPE_RADIO_BUTTON, "The running timer as H:MM");
  seconds = stint_test_named (page, GTK_TYPE_RADIO_BUTTON, "The running timer as H:MM:SS");
  none = stint_test_named (page, GTK_TYPE_RADIO_BUTTON, "No label, only the icon");
  goal_switch = stint_test_named (page, GTK_TYPE_SWITCH, "Show a daily goal in the tray menu");
  entry = GTK_ENTRY (stint_test_named (page, GTK_TYPE_ENTRY, "Daily goal, hours and minutes"));

  /* The label: the setting shows, and the buttons write it. */
  g_assert_true (is_active (minutes));
  g_settings_set_string (f->settings, "panel-label", "none");
  g_assert_true (is_active (none));
  g_assert_false (is_active (minutes));
  gtk_button_clicked (GTK_BUTTON (seconds));
  panel_label = g_settings_get_string (f->settings, "panel-label");
  g_assert_cmpstr (panel_label, ==, "seconds");
  /* …which the tray follows. */
  g_assert_cmpint (f->indicator->label_mode, ==, STINT_PANEL_LABEL_SECONDS);

  /* The goal: off, with a working day offered. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (goal_switch)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (entry)));
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "8:00");
  gtk_switch_set_active (GTK_SWITCH (goal_switch), TRUE);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 8 * HOUR);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (entry)));
  g_assert_cmpuint (f->indicator->daily_goal, ==, 8 * HOUR);

  /* A valid goal counts as it is typed, in any of the usual forms. */
  gtk_entry_set_text (entry, "7:30");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 7 * HOUR + 30 * MINUTE);
  gtk_entry_set_text (entry, "6.5");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 6 * HOUR + 30 * MINUTE);
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "6:30");

  /* A mistake gets a sentence beside the field, and the saved goal stays,
   * as does what was typed, to be corrected. */
  g_assert_null (shown_sentence (entry));
  gtk_entry_set_text (entry, "soon");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 6 * HOUR + 30 * MINUTE);
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "soon");
  g_assert_cmpstr (shown_sentence (entry), ==,
                   "“soon” is not a time Stint understands; try 7:30, 7.5h or 7h 30m.");
  gtk_entry_set_text (entry, "25");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 6 * HOUR + 30 * MINUTE);
  g_assert_cmpstr (shown_sentence (entry), ==,
                   "A day has only 24 hours; the goal has to fit in one.");
  gtk_entry_set_text (entry, "7h 45m");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 7 * HOUR + 45 * MINUTE);
  g_assert_null (shown_sentence (entry));

  /* Off and on again: the goal comes back. */
  gtk_switch_set_active (GTK_SWITCH (goal_switch), FALSE);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 0);
  g_assert_cmpuint (f->indicator->daily_goal, ==, 0);
  gtk_switch_set_active (GTK_SWITCH (goal_switch), TRUE);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 7 * HOUR + 45 * MINUTE);

  /* Changed elsewhere (gsettings), the page follows. */
  g_settings_set_uint (f->settings, "daily-goal", HOUR);
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "1:00");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (goal_switch)));

  gtk_widget_destroy (window);
  stint_test_flush ();
}

static void
test_parse_goal (void)
{
  static const struct { const char *text; guint seconds; int error; } cases[] = {
    { "7:30", 27000, -1 },
    { " 7.5h ", 27000, -1 },
    { "7,5", 27000, -1 },
    { "8", 28800, -1 },
    { "7h 30m", 27000, -1 },
    { "450m", 27000, -1 },
    { "24:00", 86400, -1 },
    { "7:30:40", 27060, -1 },
    { "20s", 0, STINT_PARSE_ERROR_RANGE },
    { "", 0, STINT_PARSE_ERROR_EMPTY },
    { "0", 0, STINT_PARSE_ERROR_RANGE },
    { "24:01", 0, STINT_PARSE_ERROR_RANGE },
    { "25", 0, STINT_PARSE_ERROR_RANGE },
    { "soon", 0, STINT_PARSE_ERROR_INVALID },
    { "7:3", 0, STINT_PARSE_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint seconds = 0;
      gboolean ok = stint_preferences_panel_parse_goal (cases[i].text, &seconds, &error);

      if (cases[i].error < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (seconds, ==, cases[i].seconds);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, STINT_PARSE_ERROR, cases[i].error);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_default_project_page (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *page = g_object_new (STINT_TYPE_PREFERENCES_TRACKING, NULL);
  g_autoptr(StintProject) stint = NULL;
  g_autoptr(StintProject) other = NULL;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *picker;

  stint = stint_tracker_create_project (f->tracker, "Stint", "#3584e4", &error);
  g_assert_no_error (error);
  other = stint_tracker_create_project (f->tracker, "Other", "#e01b24", &error);
  g_assert_no_error (error);

  gtk_container_add (GTK_CONTAINER (window), page);
  stint_preferences_tracking_bind (STINT_PREFERENCES_TRACKING (page), f->settings);
  gtk_widget_show (window);
  picker = stint_test_named (page, STINT_TYPE_PROJECT_PICKER, NULL);

  /* No projects to offer without the running Stint's tracker. */
  g_assert_false (gtk_widget_is_visible (picker));
  stint_preferences_tracking_set_tracker (STINT_PREFERENCES_TRACKING (page), f->tracker);
  g_assert_true (gtk_widget_is_visible (picker));
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (picker)), ==, "Project: none");
  g_assert_true (label_shown (page, "None"));

  /* Chosen on the page, saved in the setting, which the tracker follows
   * (as the application binds it). */
  g_settings_bind (f->settings, "default-project-id", f->tracker, "default-project-id",
                   G_SETTINGS_BIND_GET);
  stint_project_picker_set_project_id (STINT_PROJECT_PICKER (picker), stint_project_get_id (other));
  g_assert_cmpint (g_settings_get_int64 (f->settings, "default-project-id"), ==,
                   stint_project_get_id (other));
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (picker)), ==, "Project: Other");
  g_assert_false (label_shown (page, "None"));

  entry = start (f, "With the default");
  g_assert_cmpint (stint_entry_get_project_id (entry), ==, stint_project_get_id (other));
  g_assert_cmpstr (title_of (f), ==, "With the default — Other");

  g_settings_set_int64 (f->settings, "default-project-id", stint_project_get_id (stint));
  g_assert_cmpint (stint_project_picker_get_project_id (STINT_PROJECT_PICKER (picker)), ==,
                   stint_project_get_id (stint));

  g_settings_unbind (f->tracker, "default-project-id");
  gtk_widget_destroy (window);
  stint_test_flush ();
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
  ADD ("/stint/panel/preferences-page", test_panel_page);
  ADD ("/stint/panel/default-project-page", test_default_project_page);
#undef ADD
  g_test_add_func ("/stint/panel/parse-goal", test_parse_goal);

  return g_test_run ();
}
