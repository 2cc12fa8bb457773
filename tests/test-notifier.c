/* test-notifier.c: what reaches the notification server, and what its
 * buttons do
 *
 * Runs inside build-aux/desktop-session with dunst. A second connection
 * monitors the bus and records every Notify and CloseNotification call;
 * dunstctl says how many notifications are on screen; the session helper
 * invokes buttons through dunst's own menu, as a user would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "core/stint-nudges.h"
#include "desktop/stint-notifier.h"
#include "stint-test-utils.h"

#define T0 ((gint64)1795424400)   /* 2026-11-23 09:00 UTC */

static GApplication *app;
static GDBusConnection *monitor;
static GMutex calls_lock;
static GPtrArray *calls;          /* GVariant (s@*): member and body */
static GPtrArray *activated;      /* "name" or "name(target)" */

/* ------------------------------------------------------------ observing */

/* Runs in GDBus's worker thread; a monitor must not answer anything. */
static GDBusMessage *
monitor_filter (GDBusConnection *connection,
                GDBusMessage    *message,
                gboolean         incoming,
                gpointer         user_data)
{
  GDBusMessageType type = g_dbus_message_get_message_type (message);
  GVariant *body;

  if (!incoming || type == G_DBUS_MESSAGE_TYPE_METHOD_RETURN || type == G_DBUS_MESSAGE_TYPE_ERROR)
    return message;

  body = g_dbus_message_get_body (message);
  if (type == G_DBUS_MESSAGE_TYPE_METHOD_CALL && body != NULL &&
      g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.Notifications") == 0)
    {
      g_mutex_lock (&calls_lock);
      g_ptr_array_add (calls, g_variant_ref_sink (g_variant_new ("(s@*)",
                                                                 g_dbus_message_get_member (message),
                                                                 body)));
      g_mutex_unlock (&calls_lock);
    }

  g_object_unref (message);
  return NULL;
}

static void
start_monitor (void)
{
  const char *rules[] = { "type='method_call',interface='org.freedesktop.Notifications'", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;

  g_assert_no_error (error);
  monitor = g_dbus_connection_new_for_address_sync (address,
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (monitor, monitor_filter, NULL, NULL);
  reply = g_dbus_connection_call_sync (monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
}

static guint
n_calls (void)
{
  guint n;

  g_mutex_lock (&calls_lock);
  n = calls->len;
  g_mutex_unlock (&calls_lock);
  return n;
}

/* The @index-th call seen, as (member, body). */
static GVariant *
get_call (guint index)
{
  GVariant *call;

  g_mutex_lock (&calls_lock);
  g_assert_cmpuint (index, <, calls->len);
  call = g_variant_ref (g_ptr_array_index (calls, index));
  g_mutex_unlock (&calls_lock);
  return call;
}

static int
n_displayed (void)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "dunstctl", "count", "displayed", NULL };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  return atoi (out);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10 * 1000);
    }
}

static void
wait_calls (guint n)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (n_calls () < n && g_get_monotonic_time () < end)
    spin (20);
  g_assert_cmpuint (n_calls (), >=, n);
}

/* dunst shows notifications a moment after Notify returns. */
static void
wait_displayed (int n)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (n_displayed () != n && g_get_monotonic_time () < end)
    spin (100);
  /* and stays there: a late extra one would be a stacked duplicate */
  spin (300);
  g_assert_cmpint (n_displayed (), ==, n);
}

static void
wait_activated (const char *what)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!g_ptr_array_find_with_equal_func (activated, what, g_str_equal, NULL) &&
         g_get_monotonic_time () < end)
    spin (20);
  g_assert_true (g_ptr_array_find_with_equal_func (activated, what, g_str_equal, NULL));
}

/* Picks the button labelled @label in dunst's menu; returns the menu. */
static char *
invoke (const char *label)
{
  g_autofree char *menu_path = g_build_filename (g_getenv ("DESKTOP_SESSION_DIR"), "dunst-menu.txt", NULL);
  const char *argv[] = { g_getenv ("DESKTOP_SESSION_HELPER"), "notify-action", label, NULL };
  g_autoptr(GError) error = NULL;
  char *menu = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_file_get_contents (menu_path, &menu, NULL, NULL);
  return menu;
}

static void
close_all (void)
{
  const char *argv[] = { "dunstctl", "close-all", NULL };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  wait_displayed (0);
  g_ptr_array_set_size (activated, 0);
}

/* Checks the @index-th call is a Notify with @summary; returns it. */
static GVariant *
assert_notify (guint       index,
               const char *summary)
{
  g_autoptr(GVariant) call = get_call (index);
  g_autoptr(GVariant) body = NULL;
  const char *member, *got_summary;

  g_variant_get (call, "(&s@*)", &member, &body);
  g_assert_cmpstr (member, ==, "Notify");
  g_variant_get_child (body, 3, "&s", &got_summary);
  g_assert_cmpstr (got_summary, ==, summary);
  return g_steal_pointer (&body);
}

static guint32
replaces_id_of (GVariant *notify)
{
  guint32 id;

  g_variant_get_child (notify, 1, "u", &id);
  return id;
}

static const char *
body_of (GVariant *notify)
{
  const char *body;

  g_variant_get_child (notify, 4, "&s", &body);
  return body;
}

/* The actions as "key=label" joined by "|". */
static char *
actions_of (GVariant *notify)
{
  g_autofree const char **actions = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);

  g_variant_get_child (notify, 5, "^a&s", &actions);
  for (guint i = 0; actions[i] != NULL && actions[i + 1] != NULL; i += 2)
    g_string_append_printf (joined, "%s%s=%s", i > 0 ? "|" : "", actions[i], actions[i + 1]);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* ------------------------------------------------------------ the tests */

static StintEntry *
writing_report (void)
{
  return stint_test_entry_new ("Writing report", T0, 0);
}

static void
test_long_timer_replaces (void)
{
  g_autoptr(StintNotifier) notifier = stint_notifier_new (app);
  g_autoptr(StintEntry) entry = writing_report ();
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) second = NULL;
  g_autoptr(GVariant) third = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *menu = NULL;
  guint base;

  close_all ();
  base = n_calls ();

  stint_notifier_show_long_timer (notifier, entry, 2 * 3600);
  wait_calls (base + 1);
  first = assert_notify (base, "Writing report has been running for 2 hours");
  g_assert_cmpstr (body_of (first), ==, "It started at 09:00. Stop it if you forgot it.");
  actions = actions_of (first);
  g_assert_cmpstr (actions, ==, "default=|app.stop=Stop|app.keep-tracking=Keep tracking");
  g_assert_cmpuint (replaces_id_of (first), ==, 0);
  wait_displayed (1);

  /* An hour later: the same notification, replaced. */
  stint_notifier_show_long_timer (notifier, entry, 3 * 3600 + 5 * 60);
  wait_calls (base + 2);
  second = assert_notify (base + 1, "Writing report has been running for 3 hours 5 minutes");
  g_assert_cmpuint (replaces_id_of (second), !=, 0);
  wait_displayed (1);

  /* Keep tracking: dunst's menu leaves the notification up, GLib forgets
   * it, and the notifier closes it, so the next one does not stack. */
  menu = invoke ("Keep tracking");
  g_assert_nonnull (strstr (menu, "#Stop (Writing report has been running for 3 hours 5 minutes)"));
  wait_activated ("keep-tracking");
  wait_displayed (0);

  stint_notifier_show_long_timer (notifier, entry, 4 * 3600);
  wait_calls (base + 4);   /* a CloseNotification came between */
  third = assert_notify (n_calls () - 1, "Writing report has been running for 4 hours");
  wait_displayed (1);

  /* Stop works on the new one; and withdrawing takes it off the screen. */
  g_clear_pointer (&menu, g_free);
  menu = invoke ("Stop");
  wait_activated ("stop");
  wait_displayed (0);

  stint_notifier_show_long_timer (notifier, entry, 5 * 3600);
  wait_displayed (1);
  stint_notifier_withdraw (notifier, STINT_NOTIFICATION_LONG_TIMER);
  wait_displayed (0);
}

static void
test_reminder_snooze (void)
{
  g_autoptr(StintNotifier) notifier = stint_notifier_new (app);
  g_autoptr(GVariant) notify = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *menu = NULL;
  guint base;

  close_all ();
  base = n_calls ();

  stint_notifier_show_reminder (notifier);
  wait_calls (base + 1);
  notify = assert_notify (base, "You are not tracking time");
  actions = actions_of (notify);
  g_assert_cmpstr (actions, ==, "default=|app.snooze-reminder(int64 3600)=Snooze");
  wait_displayed (1);

  menu = invoke ("Snooze");
  wait_activated ("snooze-reminder(3600)");
  wait_displayed (0);
}

static void
test_idle_return (void)
{
  g_autoptr(StintNotifier) notifier = stint_notifier_new (app);
  g_autoptr(StintEntry) entry = writing_report ();
  g_autoptr(GVariant) notify = NULL;
  g_autofree char *menu = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actions = NULL;
  gint64 since = T0 + 3600, until = T0 + 3600 + 20 * 60;
  guint base;

  close_all ();
  base = n_calls ();

  stint_notifier_show_idle_return (notifier, entry, since, until);
  wait_calls (base + 1);
  notify = assert_notify (base, "You were away for 20 minutes");
  g_assert_cmpstr (body_of (notify), ==,
                   "Writing report kept running while you were away, from 10:00 to 10:20.");
  actions = actions_of (notify);
  expected = g_strdup_printf ("default=|app.idle-keep=Keep"
                              "|app.idle-discard(int64 %1$" G_GINT64_FORMAT ")=Discard idle time"
                              "|app.idle-discard-continue(int64 %1$" G_GINT64_FORMAT ")=Discard and continue"
                              "|app.idle-stop(int64 %1$" G_GINT64_FORMAT ")=Stop at idle start",
                              since);
  g_assert_cmpstr (actions, ==, expected);
  wait_displayed (1);

  /* All four choices reach dunst; the one picked carries the idle start. */
  menu = invoke ("Discard idle time");
  g_assert_nonnull (strstr (menu, "#Keep (You were away for 20 minutes)"));
  g_assert_nonnull (strstr (menu, "#Discard and continue (You were away for 20 minutes)"));
  g_assert_nonnull (strstr (menu, "#Stop at idle start (You were away for 20 minutes)"));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("idle-discard(%" G_GINT64_FORMAT ")", since);
  wait_activated (expected);
  g_assert_cmpuint (activated->len, ==, 1);
  wait_displayed (0);
}

static gboolean
server_reads_body_markup (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **capabilities = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications",
                                       "/org/freedesktop/Notifications",
                                       "org.freedesktop.Notifications", "GetCapabilities", NULL,
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(^a&s)", &capabilities);
  return g_strv_contains (capabilities, "body-markup");
}

/* A description in a body is escaped for servers that read markup there
 * (dunst does when its markup setting is on), and left alone for the
 * others; the pomodoro's three choices reach dunst. */
static void
test_pomodoro_markup (void)
{
  g_autoptr(StintNotifier) notifier = stint_notifier_new (app);
  g_autoptr(StintEntry) entry = stint_test_entry_new ("R&D <draft>", T0, 0);
  g_autoptr(GVariant) notify = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *menu = NULL;
  const char *expected;
  guint base;

  close_all ();
  /* the answer to GetCapabilities, asked when the notifier was made */
  spin (300);
  base = n_calls ();

  stint_notifier_show_pomodoro_end (notifier, entry, 25 * 60);
  wait_calls (base + 1);
  notify = assert_notify (base, "Time for a break");
  expected = server_reads_body_markup () ? "You have worked for 25 minutes on R&amp;D &lt;draft&gt;."
                                         : "You have worked for 25 minutes on R&D <draft>.";
  g_assert_cmpstr (body_of (notify), ==, expected);
  actions = actions_of (notify);
  g_assert_cmpstr (actions, ==, "default=|app.pomodoro-continue=Continue"
                                "|app.pomodoro-break=Take a break|app.stop=Stop");
  wait_displayed (1);
  menu = invoke ("Take a break");
  wait_activated ("pomodoro-break");
  wait_displayed (0);
}

/* The whole chain on a virtual clock: a timer passes two hours, the
 * notification appears; the timer stops, it goes away. */
static void
test_follows_nudges (void)
{
  g_autoptr(StintNotifier) notifier = stint_notifier_new (app);
  g_autofree char *dir = stint_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "stint.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StintStore) store = stint_store_open (path, &error);
  g_autoptr(StintClock) clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  g_autoptr(StintTracker) tracker = stint_tracker_new (store, clock, 14, &error);
  g_autoptr(StintNudges) nudges = stint_nudges_new (tracker);
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GVariant) notify = NULL;
  g_autoptr(GVariant) close = NULL;
  const char *member;
  guint base;

  g_assert_no_error (error);
  g_object_set (nudges, "reminder-enabled", FALSE, NULL);
  stint_notifier_follow_nudges (notifier, nudges);
  close_all ();
  base = n_calls ();

  entry = stint_tracker_start (tracker, "Writing report", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  stint_clock_advance (clock, (gint64)2 * 3600 * G_USEC_PER_SEC);
  wait_calls (base + 1);
  notify = assert_notify (base, "Writing report has been running for 2 hours");
  wait_displayed (1);

  g_clear_object (&entry);
  entry = stint_tracker_stop (tracker, &error);
  g_assert_no_error (error);
  wait_calls (base + 2);
  close = get_call (base + 1);
  g_variant_get (close, "(&s@*)", &member, NULL);
  g_assert_cmpstr (member, ==, "CloseNotification");
  wait_displayed (0);

  g_clear_object (&nudges);
  g_clear_object (&tracker);
  g_clear_object (&store);
  stint_test_rm_rf (dir);
}

static void
test_span_wording (void)
{
  static const struct { gint64 seconds; const char *text; } cases[] = {
    { 0, "less than a minute" },
    { 59, "less than a minute" },
    { 60, "1 minute" },
    { 25 * 60 + 59, "25 minutes" },
    { 3600, "1 hour" },
    { 3600 + 60, "1 hour 1 minute" },
    { 2 * 3600, "2 hours" },
    { 26 * 3600 + 30 * 60, "26 hours 30 minutes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = stint_notifier_format_span (cases[i].seconds);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
on_activate_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  const char *name = g_action_get_name (G_ACTION (action));

  if (parameter != NULL)
    g_ptr_array_add (activated, g_strdup_printf ("%s(%" G_GINT64_FORMAT ")", name,
                                                 g_variant_get_int64 (parameter)));
  else
    g_ptr_array_add (activated, g_strdup (name));
}

int
main (int   argc,
      char *argv[])
{
  static const GActionEntry actions[] = {
    { "show", on_activate_action },
    { "stop", on_activate_action },
    { "keep-tracking", on_activate_action },
    { "snooze-reminder", on_activate_action, "x" },
    { "idle-keep", on_activate_action },
    { "idle-discard", on_activate_action, "x" },
    { "idle-discard-continue", on_activate_action, "x" },
    { "idle-stop", on_activate_action, "x" },
    { "pomodoro-continue", on_activate_action },
    { "pomodoro-break", on_activate_action },
  };
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stint/notifier/span-wording", test_span_wording);

  /* The rest needs a desktop session with dunst. */
  if (g_getenv ("DESKTOP_SESSION_HELPER") == NULL)
    return g_test_run ();

  calls = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  activated = g_ptr_array_new_with_free_func (g_free);
  start_monitor ();

  app = g_application_new (APP_ID ".NotifierTest", G_APPLICATION_DEFAULT_FLAGS);
  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), NULL);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/stint/notifier/long-timer-replaces", test_long_timer_replaces);
  g_test_add_func ("/stint/notifier/reminder-snooze", test_reminder_snooze);
  g_test_add_func ("/stint/notifier/idle-return", test_idle_return);
  g_test_add_func ("/stint/notifier/pomodoro-markup", test_pomodoro_markup);
  g_test_add_func ("/stint/notifier/follows-nudges", test_follows_nudges);

  status = g_test_run ();

  g_clear_object (&app);
  g_clear_object (&monitor);
  return status;
}
