/* test-ui.c: the tray and the window wake the process only when what they
 * show changes
 *
 * Runs the real widgets on a display (inside build-aux/desktop-session) with
 * a manual clock, so "what would wake us" is a list of pending timeouts.
 * test-ui-editor.c, test-ui-timer-bar.c and test-ui-history.c test the
 * window's parts the same way; the fixture is in ui-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-fixture.h"

#include "ui/stint-indicator-private.h"

/* Ayatana reads an empty label back as NULL. */
static const char *
label_of (AppIndicator *indicator)
{
  const char *label = app_indicator_get_label (indicator);

  return label != NULL ? label : "";
}

static GtkWidget *
find_menu_item (GtkMenu    *menu,
                const char *label)
{
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (menu));

  for (GList *l = children; l != NULL; l = l->next)
    if (g_strcmp0 (gtk_menu_item_get_label (l->data), label) == 0)
      return l->data;
  return NULL;
}

static void
test_tray_wakes_once_a_minute (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(StintIndicator) indicator = stint_indicator_new (f->tracker, G_ACTION_GROUP (actions), NULL);
  AppIndicator *app_indicator = stint_indicator_get_app_indicator (indicator);
  GtkMenu *menu = stint_indicator_get_menu (indicator);
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 due;

  /* Idle: nothing at all is scheduled. */
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  g_assert_cmpstr (label_of (app_indicator), ==, "");
  g_assert_nonnull (find_menu_item (menu, "_Start"));

  entry = stint_tracker_start (f->tracker, "Focus_work", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  stint_test_flush ();
  g_assert_cmpstr (label_of (app_indicator), ==, "0:00");
  g_assert_cmpstr (app_indicator_get_title (app_indicator), ==, "Focus_work");
  g_assert_cmpstr (app_indicator_get_icon (app_indicator), ==, APP_ID "-tracking-symbolic");
  g_assert_nonnull (find_menu_item (menu, "_Stop"));
  g_assert_nonnull (find_menu_item (menu, "Focus__work"));

  /* One timeout, at the entry's next minute, not the wall clock's. */
  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, T0 + 60);

  advance (f, 59);
  g_assert_cmpstr (label_of (app_indicator), ==, "0:00");
  advance (f, 1);
  g_assert_cmpstr (label_of (app_indicator), ==, "0:01");
  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, T0 + 120);

  advance (f, 3600);
  g_assert_cmpstr (label_of (app_indicator), ==, "1:01");
  g_assert_cmpuint (pending (f, NULL), ==, 1);

  /* A start moved back ten minutes: the label and the next wake follow. */
  {
    g_autoptr(StintEntry) edited = stint_entry_copy (entry);

    stint_entry_set_start (edited, T0 - 600);
    g_assert_true (stint_tracker_update (f->tracker, edited, &error));
    g_assert_cmpstr (label_of (app_indicator), ==, "1:11");
    g_assert_cmpuint (pending (f, &due), ==, 1);
    g_assert_cmpint (due, ==, T0 - 600 + 72 * 60);
  }

  g_clear_object (&entry);
  entry = stint_tracker_stop (f->tracker, &error);
  g_assert_no_error (error);
  stint_test_flush ();
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  g_assert_cmpstr (label_of (app_indicator), ==, "");
  g_assert_cmpstr (app_indicator_get_icon (app_indicator), ==, APP_ID "-idle-symbolic");
  g_assert_nonnull (find_menu_item (menu, "_Start"));
}

static void
test_window_ticks_only_while_shown (Fixture       *f,
                                    gconstpointer  data)
{
  StintWindow *window = stint_window_new (app, f->tracker, f->settings);
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_show (GTK_WIDGET (window));
  wait_mapped (GTK_WIDGET (window), TRUE);
  /* Shown but idle: no seconds to show. */
  g_assert_cmpuint (pending (f, NULL), ==, 0);

  entry = stint_tracker_start (f->tracker, "Ticking", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending (f, NULL), ==, 1);

  gtk_widget_hide (GTK_WIDGET (window));
  wait_mapped (GTK_WIDGET (window), FALSE);
  g_assert_cmpuint (pending (f, NULL), ==, 0);

  gtk_widget_show (GTK_WIDGET (window));
  wait_mapped (GTK_WIDGET (window), TRUE);
  g_assert_cmpuint (pending (f, NULL), ==, 1);

  gtk_widget_destroy (GTK_WIDGET (window));
  stint_test_flush ();
  g_assert_cmpuint (pending (f, NULL), ==, 0);
}

/* Closing (the close button, Escape) hides the window for the next open:
 * the same window comes back, and while hidden nothing ticks. */
static void
test_window_close_hides (Fixture       *f,
                         gconstpointer  data)
{
  StintWindow *window = stint_window_new (app, f->tracker, f->settings);
  GtkWidget *kept = GTK_WIDGET (window);
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&kept);
  entry = stint_tracker_start (f->tracker, "Kept", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window), TRUE);
  g_assert_cmpuint (pending (f, NULL), ==, 1);

  gtk_window_close (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window), FALSE);
  g_assert_true (kept == GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpuint (pending (f, NULL), ==, 0);

  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window), TRUE);
  g_assert_cmpuint (pending (f, NULL), ==, 1);

  g_clear_object (&entry);
  entry = stint_tracker_stop (f->tracker, &error);
  g_assert_no_error (error);
  gtk_widget_destroy (GTK_WIDGET (window));
  stint_test_flush ();
  g_assert_null (kept);
  g_assert_cmpuint (pending (f, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init_gtk (&argc, &argv);
  app = gtk_application_new (APP_ID ".Test", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/stint/ui/tray-wakes-once-a-minute", Fixture, NULL,
              setup, test_tray_wakes_once_a_minute, teardown);
  g_test_add ("/stint/ui/window-ticks-only-while-shown", Fixture, NULL,
              setup, test_window_ticks_only_while_shown, teardown);
  g_test_add ("/stint/ui/window-close-hides", Fixture, NULL,
              setup, test_window_close_hides, teardown);

  return g_test_run ();
}
