/* test-welcome.c: the first-run welcome, in the real application
 *
 * Runs inside build-aux/desktop-session: the real StintApplication starts
 * on this session's private data folder (an empty store) and the memory
 * settings backend, and its window is opened the way `stint --show` opens
 * it. The cases share that one application and its store, and run in the
 * order added: the first ones need the store empty, the last ones put
 * entries in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "app/stint-application-private.h"
#include "ui/stint-preferences-window.h"
#include "ui/stint-welcome.h"
#include "ui/stint-window.h"
#include "stint-test-ui-utils.h"

static StintApplication *app;
static GSettings *settings;

static GtkWindow *
app_window (GType type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

/* As `stint --show` does. */
static GtkWidget *
show_window (void)
{
  GtkWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (app), "show", NULL);
  stint_test_flush ();
  window = app_window (STINT_TYPE_WINDOW);
  g_assert_nonnull (window);
  return GTK_WIDGET (window);
}

static GtkWidget *
welcome_in (GtkWidget *window)
{
  GtkWidget *welcome = stint_test_find_widget (window, STINT_TYPE_WELCOME, NULL);

  return welcome != NULL && gtk_widget_get_visible (welcome) ? welcome : NULL;
}

static void
close_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_widget_destroy (windows->data);
  stint_test_flush ();
}

static void
reset (void)
{
  close_windows ();
  g_settings_reset (settings, "welcome-shown");
  g_settings_reset (settings, "account-kind");
  g_settings_reset (settings, "track-user-id");
  stint_test_flush ();
}

static void
test_first_run (void)
{
  g_autofree char *kind = NULL;
  GtkWidget *window, *welcome, *local;

  reset ();
  window = show_window ();
  welcome = welcome_in (window);
  g_assert_nonnull (welcome);
  g_assert_nonnull (stint_test_find_widget (welcome, GTK_TYPE_LABEL, "Welcome to Stint"));
  /* The three choices, each with a name a screen reader can say. */
  local = stint_test_named (welcome, GTK_TYPE_BUTTON, "Track on This Computer");
  g_assert_nonnull (stint_test_find_widget (welcome, GTK_TYPE_BUTTON, "Connect Toggl Track"));
  g_assert_nonnull (stint_test_find_widget (welcome, GTK_TYPE_BUTTON, "Connect Toggl Focus"));
  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (local),
                                              "suggested-action"));

  /* Closing the window is no answer: the welcome asks again, in the very
   * window closing kept. */
  gtk_window_close (GTK_WINDOW (window));
  stint_test_flush ();
  g_assert_false (gtk_widget_get_visible (window));
  g_assert_false (g_settings_get_boolean (settings, "welcome-shown"));
  g_assert_true (show_window () == window);
  g_assert_nonnull (welcome_in (window));
  close_windows ();
  g_assert_false (g_settings_get_boolean (settings, "welcome-shown"));
  window = show_window ();
  g_assert_nonnull (welcome_in (window));

  stint_test_click (window, "Track on This Computer");
  g_assert_true (g_settings_get_boolean (settings, "welcome-shown"));
  g_assert_null (welcome_in (window));
  g_assert_null (app_window (STINT_TYPE_PREFERENCES_WINDOW));
  kind = g_settings_get_string (settings, "account-kind");
  g_assert_cmpstr (kind, ==, "local");

  close_windows ();
  window = show_window ();
  g_assert_null (welcome_in (window));
  close_windows ();
}

/* Connecting an account opens Preferences with that account's sign-in in
 * view; the choice is made, though nothing is signed in yet. */
static void
test_connect (gconstpointer data)
{
  const char *button = data;
  const char *radio = g_str_equal (button, "Connect Toggl Track") ? "Toggl Track" : "Toggl Focus";
  g_autofree char *kind = NULL;
  GtkWindow *preferences;
  GtkWidget *window, *choice;

  reset ();
  window = show_window ();
  g_assert_nonnull (welcome_in (window));

  stint_test_click (window, button);
  preferences = app_window (STINT_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  choice = stint_test_named (GTK_WIDGET (preferences), GTK_TYPE_RADIO_BUTTON, radio);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (choice)));
  g_assert_true (g_settings_get_boolean (settings, "welcome-shown"));
  g_assert_null (welcome_in (window));
  kind = g_settings_get_string (settings, "account-kind");
  g_assert_cmpstr (kind, ==, "local");
  close_windows ();
}

static void
test_signed_in (void)
{
  GtkWidget *window;

  /* Signed in before the window opened: no welcome, and no answer taken. */
  reset ();
  g_settings_set_string (settings, "account-kind", "track");
  stint_test_flush ();
  window = show_window ();
  g_assert_null (welcome_in (window));
  g_assert_false (g_settings_get_boolean (settings, "welcome-shown"));

  /* Signed in elsewhere (stint --sign-in) while the welcome shows: that
   * was the answer. */
  reset ();
  window = show_window ();
  g_assert_nonnull (welcome_in (window));
  g_settings_set_string (settings, "account-kind", "track");
  stint_test_flush ();
  g_assert_null (welcome_in (window));
  g_assert_true (g_settings_get_boolean (settings, "welcome-shown"));
  reset ();
}

/* A first entry started from the timer bar or a shortcut is an answer:
 * tracking on this computer. */
static void
test_first_entry (void)
{
  GtkWidget *window;

  reset ();
  window = show_window ();
  g_assert_nonnull (welcome_in (window));

  g_action_group_activate_action (G_ACTION_GROUP (app), "start", g_variant_new_string ("Draft"));
  stint_test_flush ();
  g_assert_null (welcome_in (window));
  g_assert_true (g_settings_get_boolean (settings, "welcome-shown"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "stop", NULL);
  stint_test_flush ();
  close_windows ();
}

/* Entries in the store (from before the welcome existed): no first run. */
static void
test_with_entries (void)
{
  GtkWidget *window;

  g_assert_cmpuint (stint_store_count_account_entries (app->store, STINT_STORE_LOCAL_ACCOUNT), >, 0);
  reset ();
  window = show_window ();
  g_assert_null (welcome_in (window));
  /* Remembered, so later windows need not count. */
  g_assert_true (g_settings_get_boolean (settings, "welcome-shown"));
  close_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The desktop session gives this process private XDG folders, so the
   * store starts empty. */
  stint_test_init_gtk (&argc, &argv);
  settings = g_settings_new (APP_ID);
  app = stint_test_application_new (settings);

  g_test_add_func ("/stint/welcome/first-run", test_first_run);
  g_test_add_data_func ("/stint/welcome/connect-track", "Connect Toggl Track", test_connect);
  g_test_add_data_func ("/stint/welcome/connect-focus", "Connect Toggl Focus", test_connect);
  g_test_add_func ("/stint/welcome/signed-in", test_signed_in);
  g_test_add_func ("/stint/welcome/first-entry", test_first_entry);
  g_test_add_func ("/stint/welcome/with-entries", test_with_entries);

  status = g_test_run ();

  close_windows ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_clear_object (&settings);

  return status;
}
