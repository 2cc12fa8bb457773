/* test-idle-bar.c: the question after time away, asked in the window
 *
 * Runs inside build-aux/desktop-session without dunst: this process plays
 * the notification server, one that shows no buttons (as notify-osd does),
 * and records what reaches it. The bar's own cases run on a manual clock
 * with a store and tracker of their own; the last case runs the real
 * StintApplication, which must bring its window up to ask, and answers
 * through the action a notification button names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "app/stint-application-private.h"
#include "ui/stint-idle-bar.h"
#include "ui/stint-window.h"
#include "stint-test-ui-utils.h"

/* 2026-11-23 09:00:00 UTC */
#define T0 ((gint64)1795424400)

static StintApplication *app;
static GSettings *settings;

/* ------------------------------------------------------------ a server without buttons */

static const char server_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static GDBusConnection *server;
static GPtrArray *calls;          /* GVariant (s@*): member and parameters */
static guint32 last_id;

static void
server_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  static const char * const capabilities[] = { "body", NULL };

  g_ptr_array_add (calls, g_variant_ref_sink (g_variant_new ("(s@*)", method_name, parameters)));

  if (g_str_equal (method_name, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", capabilities));
  else if (g_str_equal (method_name, "Notify"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", ++last_id));
  else if (g_str_equal (method_name, "CloseNotification"))
    g_dbus_method_invocation_return_value (invocation, NULL);
  else
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "fake", "stint", "1", "1.2"));
}

static void
start_server (void)
{
  static const GDBusInterfaceVTable vtable = { server_method_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (server_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;

  g_assert_no_error (error);
  calls = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  server = g_dbus_connection_new_for_address_sync (address,
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (server, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Owned before anyone asks: the bus answers this, not this process. */
  reply = g_dbus_connection_call_sync (server, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
}

/* The last Notify whose title starts with @title, or NULL. */
static GVariant *
last_notify (const char *title)
{
  for (guint i = calls->len; i > 0; i--)
    {
      GVariant *call = g_ptr_array_index (calls, i - 1);
      g_autoptr(GVariant) parameters = g_variant_get_child_value (call, 1);
      const char *member, *summary;

      g_variant_get_child (call, 0, "&s", &member);
      if (!g_str_equal (member, "Notify"))
        continue;
      g_variant_get_child (parameters, 3, "&s", &summary);
      if (g_str_has_prefix (summary, title))
        return g_variant_ref (parameters);
    }
  return NULL;
}

static guint
n_calls_of (const char *name)
{
  guint n = 0;

  for (guint i = 0; i < calls->len; i++)
    {
      const char *member;

      g_variant_get_child (g_ptr_array_index (calls, i), 0, "&s", &member);
      n += g_str_equal (member, name);
    }
  return n;
}

static guint
n_closes (void)
{
  return n_calls_of ("CloseNotification");
}

/* ------------------------------------------------------------ waiting */

static void
server_information_done (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  gboolean *done = user_data;

  *done = TRUE;
}

/* The server answers in order, and the application's connection delivers
 * in order: once a later call is answered, GLib has the id of the last
 * notification and can withdraw it. */
static void
sync_with_server (void)
{
  gboolean done = FALSE;

  g_dbus_connection_call (g_application_get_dbus_connection (G_APPLICATION (app)),
                          "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                          "org.freedesktop.Notifications", "GetServerInformation", NULL,
                          G_VARIANT_TYPE ("(ssss)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          server_information_done, &done);
  STINT_TEST_WAIT_FOR (done);
}

static gboolean
actions_unsupported (StintNotifier *notifier)
{
  return !stint_notifier_get_actions_supported (notifier);
}

/* ------------------------------------------------------------ finding widgets */

/* The window's idle bar, if it shows. */
static GtkWidget *
idle_bar (GtkWidget *window)
{
  GtkWidget *bar = stint_test_find_widget (window, STINT_TYPE_IDLE_BAR, NULL);

  return bar != NULL && gtk_widget_get_visible (bar) ? bar : NULL;
}

static const char *
bar_text (GtkWidget *bar)
{
  GtkWidget *label;

  g_assert_nonnull (bar);
  label = GTK_WIDGET (gtk_widget_get_template_child (bar, STINT_TYPE_IDLE_BAR, "label"));
  return gtk_label_get_text (GTK_LABEL (label));
}

/* ------------------------------------------------------------ the bar, on a manual clock */

typedef struct
{
  char          *dir;
  StintStore    *store;
  StintClock    *clock;
  StintTracker  *tracker;
  StintNudges   *nudges;
  StintNotifier *notifier;
  GtkWidget     *window;
  StintEntry    *entry;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = stint_test_make_tmpdir ();
  f->tracker = stint_test_tracker_new (f->dir, T0, &f->store, &f->clock);
  f->nudges = stint_nudges_new (f->tracker);
  g_object_set (f->nudges, "long-timer-enabled", FALSE, "reminder-enabled", FALSE, NULL);

  f->notifier = stint_notifier_new (G_APPLICATION (app));
  stint_notifier_follow_nudges (f->notifier, f->nudges);
  STINT_TEST_WAIT_FOR (actions_unsupported (f->notifier));

  f->entry = stint_tracker_start (f->tracker, "Review PR", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  /* Back at 09:30 from 20 minutes away. */
  stint_clock_advance (f->clock, 30 * 60 * G_USEC_PER_SEC);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_pointer (&f->window, gtk_widget_destroy);
  stint_test_flush ();
  g_clear_object (&f->entry);
  g_clear_object (&f->notifier);
  g_clear_object (&f->nudges);
  g_clear_object (&f->tracker);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  stint_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
open_window (Fixture *f)
{
  f->window = GTK_WIDGET (stint_window_new (app, f->tracker, settings));
  stint_window_set_nudges (STINT_WINDOW (f->window), f->nudges);
  gtk_widget_show (f->window);
  stint_test_flush ();
}

static void
ask (Fixture *f)
{
  g_assert_true (stint_nudges_ask_idle (f->nudges, T0 + 10 * 60, T0 + 30 * 60, 300));
  stint_test_flush ();
}

static StintEntry *
stored (Fixture *f,
        gint64   start)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = stint_store_load_entries (f->store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (stint_entry_get_start (g_ptr_array_index (entries, i)) == start)
      return g_object_ref (g_ptr_array_index (entries, i));
  return NULL;
}

/* Each answer's tooltip says what it does, and no two say the same: two
 * answers that do the same thing still say so in their own terms. */
static void
assert_tooltips_distinct (GtkWidget *window)
{
  static const char *const names[] = {
    "Keep", "Discard Idle Time", "Discard and Continue", "Stop at Idle Start",
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *button = stint_test_find_widget (window, GTK_TYPE_BUTTON, names[i]);
      char *tooltip;

      g_assert_nonnull (button);
      tooltip = gtk_widget_get_tooltip_text (button);
      g_assert_nonnull (tooltip);
      g_assert_false (g_hash_table_contains (seen, tooltip));
      g_hash_table_add (seen, tooltip);
    }
}

static void
test_asks (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GVariant) notify = NULL;
  g_autofree const char **actions = NULL;
  const char *body;

  open_window (f);
  g_assert_null (idle_bar (f->window));

  ask (f);
  g_assert_nonnull (idle_bar (f->window));
  g_assert_cmpstr (bar_text (idle_bar (f->window)), ==,
                   "You were away 20 minutes, from 09:10 to 09:30, while “Review PR” was running.");
  g_assert_nonnull (stint_test_find_widget (f->window, GTK_TYPE_BUTTON, "Keep"));
  g_assert_nonnull (stint_test_find_widget (f->window, GTK_TYPE_BUTTON, "Discard Idle Time"));
  g_assert_nonnull (stint_test_find_widget (f->window, GTK_TYPE_BUTTON, "Discard and Continue"));
  g_assert_nonnull (stint_test_find_widget (f->window, GTK_TYPE_BUTTON, "Stop at Idle Start"));
  assert_tooltips_distinct (f->window);

  /* The notification, without buttons, sends the user to the window; a
   * click on it opens the window. */
  STINT_TEST_WAIT_FOR ((notify = last_notify ("You were away for 20 minutes")) != NULL);
  g_variant_get_child (notify, 4, "&s", &body);
  g_assert_cmpstr (body, ==, "Review PR kept running while you were away, from 09:10 to 09:30. "
                             "Choose in the Stint window what to do with that time.");
  g_variant_get_child (notify, 5, "^a&s", &actions);
  g_assert_cmpuint (g_strv_length ((char **)actions), ==, 2);
  g_assert_cmpstr (actions[0], ==, "default");

  /* Too short a time away for the threshold: no question. */
  g_assert_false (stint_nudges_ask_idle (f->nudges, T0 + 28 * 60, T0 + 30 * 60, 300));
}

/* A window opened after the question asks it at once. */
static void
test_window_opened_later (Fixture       *f,
                          gconstpointer  data)
{
  ask (f);
  open_window (f);
  g_assert_nonnull (idle_bar (f->window));
  g_assert_cmpstr (bar_text (idle_bar (f->window)), ==,
                   "You were away 20 minutes, from 09:10 to 09:30, while “Review PR” was running.");
}

/* Each button does what the notification button of the same name does
 * (app.idle-*: the same StintNudges answer), checked in the store. */
static void
test_button (Fixture       *f,
             gconstpointer  data)
{
  const char *button = data;
  g_autoptr(StintEntry) first = NULL;
  g_autoptr(GVariant) notify = NULL;
  StintEntry *running;
  guint closes;

  open_window (f);
  ask (f);
  STINT_TEST_WAIT_FOR ((notify = last_notify ("You were away for 20 minutes")) != NULL);
  sync_with_server ();
  closes = n_closes ();

  stint_test_click (f->window, button);
  g_assert_null (idle_bar (f->window));
  /* And the notification that asked is withdrawn. */
  STINT_TEST_WAIT_FOR (n_closes () == closes + 1);

  first = stored (f, T0);
  g_assert_nonnull (first);
  running = stint_tracker_get_running (f->tracker);

  if (g_str_equal (button, "Keep"))
    {
      g_assert_true (stint_entry_is_running (first));
      g_assert_nonnull (running);
      g_assert_cmpint (stint_entry_get_start (running), ==, T0);
    }
  else if (g_str_equal (button, "Discard and Continue"))
    {
      g_assert_cmpint (stint_entry_get_stop (first), ==, T0 + 10 * 60);
      g_assert_nonnull (running);
      g_assert_cmpstr (stint_entry_get_description (running), ==, "Review PR");
      g_assert_cmpint (stint_entry_get_start (running), ==, T0 + 30 * 60);
    }
  else
    {
      g_assert_cmpint (stint_entry_get_stop (first), ==, T0 + 10 * 60);
      g_assert_null (running);
    }
}

/* Answered elsewhere (a notification button, on a server that has them),
 * the bar goes too. */
static void
test_answered_elsewhere (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  open_window (f);
  ask (f);
  g_assert_nonnull (idle_bar (f->window));

  g_assert_true (stint_nudges_answer_idle (f->nudges, STINT_IDLE_ANSWER_DISCARD, T0 + 10 * 60, &error));
  stint_test_flush ();
  g_assert_null (idle_bar (f->window));
  g_assert_null (stint_tracker_get_running (f->tracker));
}

/* ------------------------------------------------------------ the application */

/* With a server that shows no buttons, Stint brings its window up to ask;
 * the notification's own path (app.idle-*) and the bar dismiss each other. */
static void
test_application (void)
{
  g_autoptr(GVariant) notify = NULL;
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  guint closes, notifies;

  STINT_TEST_WAIT_FOR (actions_unsupported (app->notifier));
  g_assert_null (app->window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "start", g_variant_new_string ("Deep work"));
  stint_test_flush ();
  g_assert_nonnull (stint_tracker_get_running (app->tracker));
  running = g_object_ref (stint_tracker_get_running (app->tracker));
  start = stint_entry_get_start (running);

  /* What the idle monitor's return leads to; away since before the entry
   * started (a shortcut pressed on the way out), so asked from its start. */
  g_assert_true (stint_nudges_ask_idle (app->nudges, start - 5 * 60, start + 20 * 60, 0));
  stint_test_flush ();
  g_assert_nonnull (app->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (app->window)));
  g_assert_nonnull (idle_bar (GTK_WIDGET (app->window)));
  STINT_TEST_WAIT_FOR ((notify = last_notify ("You were away for 20 minutes")) != NULL);
  sync_with_server ();

  /* "Keep" as a notification button sends it. */
  closes = n_closes ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "idle-keep", NULL);
  stint_test_flush ();
  g_assert_null (idle_bar (GTK_WIDGET (app->window)));
  STINT_TEST_WAIT_FOR (n_closes () == closes + 1);
  g_assert_true (stint_tracker_get_running (app->tracker) == running);

  /* Asked again, answered in the window. */
  notifies = n_calls_of ("Notify");
  g_assert_true (stint_nudges_ask_idle (app->nudges, start - 5 * 60, start + 20 * 60, 0));
  stint_test_flush ();
  g_assert_nonnull (idle_bar (GTK_WIDGET (app->window)));
  STINT_TEST_WAIT_FOR (n_calls_of ("Notify") == notifies + 1);
  sync_with_server ();
  closes = n_closes ();
  stint_test_click (GTK_WIDGET (app->window), "Discard Idle Time");
  g_assert_null (idle_bar (GTK_WIDGET (app->window)));
  g_assert_null (stint_tracker_get_running (app->tracker));
  STINT_TEST_WAIT_FOR (n_closes () == closes + 1);

  /* All of it was time away: it ends where it began. */
  stopped = stint_store_load_entry (app->store, stint_entry_get_id (running), &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_stop (stopped), ==, start);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  stint_test_init_gtk (&argc, &argv);
  start_server ();
  settings = g_settings_new (APP_ID);
  /* The window must open on the entries, not the first-run welcome. */
  g_settings_set_boolean (settings, "welcome-shown", TRUE);
  app = stint_test_application_new (settings);
  g_assert_nonnull (app->nudges);

  g_test_add ("/stint/idle-bar/asks", Fixture, NULL, setup, test_asks, teardown);
  g_test_add ("/stint/idle-bar/window-opened-later", Fixture, NULL,
              setup, test_window_opened_later, teardown);
  g_test_add ("/stint/idle-bar/keep", Fixture, "Keep", setup, test_button, teardown);
  g_test_add ("/stint/idle-bar/discard", Fixture, "Discard Idle Time", setup, test_button, teardown);
  g_test_add ("/stint/idle-bar/discard-continue", Fixture, "Discard and Continue",
              setup, test_button, teardown);
  g_test_add ("/stint/idle-bar/stop-at-idle-start", Fixture, "Stop at Idle Start",
              setup, test_button, teardown);
  g_test_add ("/stint/idle-bar/answered-elsewhere", Fixture, NULL,
              setup, test_answered_elsewhere, teardown);
  g_test_add_func ("/stint/idle-bar/application", test_application);

  status = g_test_run ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_clear_object (&settings);

  return status;
}
