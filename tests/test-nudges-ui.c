/* test-nudges-ui.c: what the nudges look like — the tray's pomodoro line
 * and the Tracking, Shortcuts and Startup pages of Preferences
 *
 * Runs the real widgets inside build-aux/desktop-session. The tray follows
 * a manual clock, so the minute ticks are pending timeouts, not waits; the
 * pages are bound to GSettings (memory backend) and checked both ways.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "core/stint-nudges.h"
#include "desktop/stint-idle-monitor.h"
#include "desktop/stint-shortcuts.h"
#include "ui/stint-indicator-private.h"
#include "ui/stint-preferences-shortcuts.h"
#include "ui/stint-preferences-startup.h"
#include "ui/stint-preferences-tracking.h"
#include "stint-test-ui-utils.h"

/* 2026-11-23 09:00:30 UTC */
#define T0 ((gint64)1795424430)

static const char * const reset_keys[] = {
  "long-timer-enabled", "long-timer-threshold", "long-timer-repeat", "reminder-enabled",
  "reminder-days", "reminder-start", "reminder-end", "reminder-interval", "pomodoro-enabled",
  "pomodoro-work", "pomodoro-break", "idle-enabled", "idle-threshold", "stop-on-sleep",
  "stop-on-shutdown", "shortcut-toggle", "shortcut-show", "autostart",
};

typedef struct
{
  char         *dir;
  StintStore   *store;
  StintClock   *clock;
  StintTracker *tracker;
  GSettings    *settings;
  GtkWidget    *window;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = stint_test_make_tmpdir ();
  f->tracker = stint_test_tracker_new (f->dir, T0, &f->store, &f->clock);

  f->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (reset_keys); i++)
    g_settings_reset (f->settings, reset_keys[i]);
  f->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  gtk_widget_destroy (f->window);
  g_clear_object (&f->settings);
  g_clear_object (&f->tracker);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  stint_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
spin_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
}

static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
  stint_test_flush ();
}

/* The visible menu item whose label starts with @prefix, or NULL. */
static const char *
menu_label (StintIndicator *indicator,
            const char     *prefix)
{
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (stint_indicator_get_menu (indicator)));

  for (GList *l = children; l != NULL; l = l->next)
    {
      const char *label = gtk_menu_item_get_label (l->data);

      if (gtk_widget_get_visible (l->data) && label != NULL && g_str_has_prefix (label, prefix))
        return label;
    }
  return NULL;
}

/* ------------------------------------------------------------ the tray */

static void
test_tray_pomodoro (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(StintIndicator) indicator = stint_indicator_new (f->tracker, G_ACTION_GROUP (actions), NULL);
  g_autoptr(StintNudges) nudges = stint_nudges_new (f->tracker);
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 due = 0;

  g_object_set (nudges, "pomodoro-enabled", TRUE, "long-timer-enabled", FALSE,
                "reminder-enabled", FALSE, NULL);
  stint_indicator_set_nudges (indicator, nudges);
  g_assert_null (menu_label (indicator, "Pomodoro"));

  entry = stint_tracker_start (f->tracker, "Focus", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  stint_test_flush ();
  g_assert_cmpstr (menu_label (indicator, "Pomodoro"), ==, "Pomodoro: 25 min left");

  /* The tray's one minute tick and the nudges' end of the period: nothing
   * ticks faster for the pomodoro. */
  g_assert_cmpuint (stint_clock_get_pending (f->clock, &due), ==, 2);
  g_assert_cmpint (due / G_USEC_PER_SEC, ==, T0 + 60);

  advance (f, 60);
  g_assert_cmpstr (menu_label (indicator, "Pomodoro"), ==, "Pomodoro: 24 min left");
  advance (f, 23 * 60 + 30);
  g_assert_cmpstr (menu_label (indicator, "Pomodoro"), ==, "Pomodoro: 1 min left");
  advance (f, 30);

  /* The period is over; the notification offers a break, the line goes. */
  g_assert_null (menu_label (indicator, "Pomodoro"));

  g_clear_object (&entry);
  entry = stint_tracker_stop (f->tracker, &error);
  g_assert_no_error (error);
  stint_nudges_pomodoro_take_break (nudges);
  stint_test_flush ();
  g_assert_cmpstr (menu_label (indicator, "Break"), ==, "Break: 5 min left");

  /* Nothing runs during the break, yet its minutes count down, ticking on
   * whole minutes before its end. */
  g_assert_cmpuint (stint_clock_get_pending (f->clock, &due), ==, 2);
  g_assert_cmpint (due / G_USEC_PER_SEC, ==, T0 + 25 * 60 + 60);
  advance (f, 60);
  g_assert_cmpstr (menu_label (indicator, "Break"), ==, "Break: 4 min left");
  advance (f, 4 * 60);
  g_assert_null (menu_label (indicator, "Break"));
  g_assert_cmpuint (stint_clock_get_pending (f->clock, NULL), ==, 0);
}

/* ------------------------------------------------------------ Tracking */

static double
spin_value (GtkWidget *page,
            const char *name)
{
  GtkWidget *spin = stint_test_named (page, GTK_TYPE_SPIN_BUTTON, name);

  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
}

static const char *
spin_text (GtkWidget  *page,
           const char *name)
{
  return gtk_entry_get_text (GTK_ENTRY (stint_test_named (page, GTK_TYPE_SPIN_BUTTON, name)));
}

static gboolean
is_active (GtkWidget  *page,
           GType       type,
           const char *name)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (stint_test_named (page, type, name)));
}

static void
type_into (GtkWidget  *page,
           const char *name,
           const char *text)
{
  GtkWidget *spin = stint_test_named (page, GTK_TYPE_SPIN_BUTTON, name);

  gtk_entry_set_text (GTK_ENTRY (spin), text);
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
}

static void
test_tracking_page (Fixture       *f,
                    gconstpointer  data)
{
  StintPreferencesTracking *tracking = g_object_new (STINT_TYPE_PREFERENCES_TRACKING, NULL);
  GtkWidget *page = GTK_WIDGET (tracking);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(StintIdleMonitor) monitor = NULL;
  GtkWidget *saturday, *monday, *repeat;

  gtk_container_add (GTK_CONTAINER (f->window), page);
  stint_preferences_tracking_bind (tracking, f->settings);
  gtk_widget_show (f->window);

  /* Seconds in the keys, minutes on the page, both ways. */
  g_assert_cmpfloat (spin_value (page, "Minutes before a long-timer notification"), ==, 120);
  g_assert_cmpfloat (spin_value (page, "Minutes between long-timer notifications"), ==, 60);
  g_assert_cmpfloat (spin_value (page, "Minutes without input that count as away"), ==, 5);
  g_assert_cmpfloat (spin_value (page, "Minutes of a pomodoro work period"), ==, 25);
  type_into (page, "Minutes before a long-timer notification", "90");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "long-timer-threshold"), ==, 90 * 60);
  type_into (page, "Minutes between long-timer notifications", "0");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "long-timer-repeat"), ==, 0);
  g_settings_set_uint (f->settings, "idle-threshold", 600);
  g_assert_cmpfloat (spin_value (page, "Minutes without input that count as away"), ==, 10);

  /* The options of a switched-off nudge are greyed out with it. */
  repeat = stint_test_named (page, GTK_TYPE_SPIN_BUTTON,
                             "Minutes between long-timer notifications");
  g_assert_true (gtk_widget_get_sensitive (repeat));
  gtk_switch_set_active (GTK_SWITCH (stint_test_named (page, GTK_TYPE_SWITCH,
                                                       "Notify about long timers")),
                         FALSE);
  g_assert_false (g_settings_get_boolean (f->settings, "long-timer-enabled"));
  g_assert_false (gtk_widget_get_sensitive (repeat));
  /* Pomodoro is off by default. */
  g_assert_false (gtk_widget_get_sensitive (
    stint_test_named (page, GTK_TYPE_SPIN_BUTTON, "Minutes of a pomodoro work period")));

  /* Working hours as clock times; typed the way the entry editor reads them. */
  g_assert_cmpstr (spin_text (page, "Reminders from"), ==, "09:00");
  g_assert_cmpstr (spin_text (page, "Reminders until"), ==, "17:00");
  type_into (page, "Reminders until", "17:30");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "reminder-end"), ==, 17 * 60 + 30);
  type_into (page, "Reminders from", "8");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "reminder-start"), ==, 8 * 60);
  type_into (page, "Reminders until", "24:00");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "reminder-end"), ==, 24 * 60);
  g_assert_cmpstr (spin_text (page, "Reminders until"), ==, "24:00");

  /* One toggle per day, one bit each. */
  saturday = stint_test_named (page, GTK_TYPE_TOGGLE_BUTTON, "Saturday");
  monday = stint_test_named (page, GTK_TYPE_TOGGLE_BUTTON, "Monday");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (monday)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (saturday)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (saturday), TRUE);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "reminder-days"), ==, 0x1f | 0x20);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (monday), FALSE);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "reminder-days"), ==, 0x1e | 0x20);
  g_settings_set_uint (f->settings, "reminder-days", 0x40);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (saturday)));
  g_assert_true (is_active (page, GTK_TYPE_TOGGLE_BUTTON, "Sunday"));

  g_assert_false (is_active (page, GTK_TYPE_CHECK_BUTTON, "Stop the timer when the computer sleeps"));
  stint_test_click (page, "Stop the timer when the computer sleeps");
  g_assert_true (g_settings_get_boolean (f->settings, "stop-on-sleep"));

  /* Where idle time comes from, or that nothing tells: this session bus
   * has no idle service. */
  monitor = g_object_new (STINT_TYPE_IDLE_MONITOR, "clock", f->clock, "session-bus", bus,
                          "system-bus", bus, NULL);
  stint_preferences_tracking_set_idle_monitor (tracking, monitor);
  STINT_TEST_WAIT_FOR (stint_test_find_widget (page, GTK_TYPE_LABEL,
                                               "This desktop does not tell Stint when you are "
                                               "away, so idle time cannot be noticed.") != NULL);
}

/* ------------------------------------------------------------ Shortcuts */

/* A key press as GTK delivers it to the focused button, without going
 * through the X server (whose focus, with no window manager, follows the
 * pointer). */
static void
press (GtkWidget       *widget,
       guint            keyval,
       GdkModifierType  state)
{
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (widget));
  GdkEvent *event = gdk_event_new (GDK_KEY_PRESS);

  event->key.window = g_object_ref (gtk_widget_get_window (widget));
  event->key.keyval = keyval;
  event->key.state = state;
  event->key.time = GDK_CURRENT_TIME;
  gdk_event_set_device (event, gdk_seat_get_keyboard (seat));
  gtk_widget_event (widget, event);
  gdk_event_free (event);
  stint_test_flush ();
}

static void
test_shortcuts_page_x11 (Fixture       *f,
                         gconstpointer  data)
{
  StintPreferencesShortcuts *shortcuts_page = g_object_new (STINT_TYPE_PREFERENCES_SHORTCUTS, NULL);
  GtkWidget *page = GTK_WIDGET (shortcuts_page);
  g_autoptr(StintShortcuts) shortcuts = stint_shortcuts_new ();
  GtkWidget *toggle;
  guint key = 0;
  GdkModifierType mods = 0;
  g_autofree char *accel = NULL;

  gtk_container_add (GTK_CONTAINER (f->window), page);
  stint_preferences_shortcuts_bind (shortcuts_page, f->settings);
  stint_preferences_shortcuts_set_shortcuts (shortcuts_page, shortcuts);
  gtk_widget_show (f->window);
  stint_test_flush ();

  g_assert_cmpstr (stint_shortcuts_get_backend (shortcuts), ==, "x11");
  g_assert_nonnull (stint_test_find_widget (page, GTK_TYPE_LABEL,
                                            "Stint listens for these shortcuts in every "
                                            "window of this X11 session."));
  toggle = stint_test_named (page, GTK_TYPE_BUTTON, "Shortcut to start or stop tracking");
  g_assert_true (gtk_widget_is_visible (toggle));
  g_assert_true (gtk_widget_is_sensitive (toggle));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (toggle)), ==, "Alt+Super+T");
  g_assert_false (gtk_widget_is_visible (stint_test_named (page, GTK_TYPE_BUTTON,
                                                "Copy the command to start or stop tracking")));

  /* Click, then press the keys. A bare letter is not a global shortcut. */
  gtk_button_clicked (GTK_BUTTON (toggle));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (toggle)), ==, "Press a shortcut…");
  press (toggle, GDK_KEY_y, 0);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (toggle)), ==, "Press a shortcut…");
  press (toggle, GDK_KEY_y, GDK_CONTROL_MASK | GDK_MOD1_MASK);
  accel = g_settings_get_string (f->settings, "shortcut-toggle");
  gtk_accelerator_parse (accel, &key, &mods);
  g_assert_cmpuint (key, ==, GDK_KEY_y);
  g_assert_cmpuint (mods, ==, GDK_CONTROL_MASK | GDK_MOD1_MASK);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (toggle)), ==, "Ctrl+Alt+Y");

  /* Escape keeps it; Backspace turns it off. */
  gtk_button_clicked (GTK_BUTTON (toggle));
  press (toggle, GDK_KEY_Escape, 0);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (toggle)), ==, "Ctrl+Alt+Y");
  gtk_button_clicked (GTK_BUTTON (toggle));
  press (toggle, GDK_KEY_BackSpace, 0);
  g_clear_pointer (&accel, g_free);
  accel = g_settings_get_string (f->settings, "shortcut-toggle");
  g_assert_cmpstr (accel, ==, "");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (toggle)), ==, "Off");

  stint_test_click (page, "Restore the default shortcuts");
  g_clear_pointer (&accel, g_free);
  accel = g_settings_get_string (f->settings, "shortcut-toggle");
  g_assert_cmpstr (accel, ==, STINT_SHORTCUT_TOGGLE_DEFAULT);
}

static void
test_shortcuts_page_none (Fixture       *f,
                          gconstpointer  data)
{
  StintPreferencesShortcuts *shortcuts_page = g_object_new (STINT_TYPE_PREFERENCES_SHORTCUTS, NULL);
  GtkWidget *page = GTK_WIDGET (shortcuts_page);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(StintShortcuts) shortcuts = NULL;
  GtkClipboard *clipboard;
  g_autofree char *copied = NULL;

  /* No X11 grabs and no portal on this bus: nothing can bind a key. */
  shortcuts = g_object_new (STINT_TYPE_SHORTCUTS, "allow-x11", FALSE, "session-bus", bus, NULL);
  spin_ms (500);
  g_assert_cmpstr (stint_shortcuts_get_backend (shortcuts), ==, "none");

  gtk_container_add (GTK_CONTAINER (f->window), page);
  stint_preferences_shortcuts_bind (shortcuts_page, f->settings);
  stint_preferences_shortcuts_set_shortcuts (shortcuts_page, shortcuts);
  gtk_widget_show (f->window);
  stint_test_flush ();

  g_assert_false (gtk_widget_is_visible (stint_test_named (page, GTK_TYPE_BUTTON,
                                                           "Shortcut to start or stop tracking")));
  g_assert_nonnull (stint_test_find_widget (page, GTK_TYPE_LABEL, "stint --toggle"));
  g_assert_nonnull (stint_test_find_widget (page, GTK_TYPE_LABEL, "stint --show"));

  stint_test_click (page, "Copy the command to start or stop tracking");
  clipboard = gtk_clipboard_get (GDK_SELECTION_CLIPBOARD);
  copied = gtk_clipboard_wait_for_text (clipboard);
  g_assert_cmpstr (copied, ==, "stint --toggle");
  g_clear_pointer (&copied, g_free);
  stint_test_click (page, "Copy the command to open the window");
  copied = gtk_clipboard_wait_for_text (clipboard);
  g_assert_cmpstr (copied, ==, "stint --show");
}

/* ------------------------------------------------------------ Startup */

static void
test_startup_page (Fixture       *f,
                   gconstpointer  data)
{
  StintPreferencesStartup *startup = g_object_new (STINT_TYPE_PREFERENCES_STARTUP, NULL);
  GtkWidget *page = GTK_WIDGET (startup);
  GtkWidget *toggle;

  gtk_container_add (GTK_CONTAINER (f->window), page);
  stint_preferences_startup_bind (startup, f->settings);
  gtk_widget_show (f->window);

  toggle = stint_test_named (page, GTK_TYPE_SWITCH, "Start Stint when you log in");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (g_settings_get_boolean (f->settings, "autostart"));
  g_settings_set_boolean (f->settings, "autostart", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init_gtk (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/nudges-ui/tray-pomodoro", test_tray_pomodoro);
  ADD ("/stint/nudges-ui/tracking-page", test_tracking_page);
  ADD ("/stint/nudges-ui/shortcuts-page/x11", test_shortcuts_page_x11);
  ADD ("/stint/nudges-ui/shortcuts-page/none", test_shortcuts_page_none);
  ADD ("/stint/nudges-ui/startup-page", test_startup_page);
#undef ADD

  return g_test_run ();
}
