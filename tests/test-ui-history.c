/* test-ui-history.c: the window's week total and older entries
 *
 * The week's total, counting the running entry and following the first day
 * of the week; older days read when the list is scrolled to its end, one
 * week at a time in an idle, and read back until a short list fills the
 * window. Runs the real widgets on a display (inside
 * build-aux/desktop-session) with a manual clock; the fixture is in
 * ui-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-fixture.h"

static void
test_week_total (Fixture       *f,
                 gconstpointer  data)
{
  /* T0 is Monday 2026-11-23, 09:00:30 UTC. */
  const gint64 monday = 1795392000;
  StintWindow *window;
  GtkLabel *week;
  g_autoptr(StintEntry) entry = NULL;

  insert_entry (f, "Sunday", monday - 7200, monday - 3600);
  insert_entry (f, "Early", monday + 8 * 3600, monday + 8 * 3600 + 1800);
  g_assert_true (stint_tracker_reload (f->tracker, NULL));
  stint_tracker_set_first_weekday (f->tracker, G_DATE_MONDAY);
  window = show_window (f);
  week = child_of (window, STINT_TYPE_WINDOW, "week_label");

  g_assert_cmpstr (gtk_label_get_text (week), ==, "0:30");
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (GTK_WIDGET (week))), ==,
                   "This week, total 0:30");

  /* The running entry counts as it runs. */
  entry = stint_tracker_start (f->tracker, "Now", 0, NULL, FALSE, NULL);
  advance (f, 1800);
  g_assert_cmpstr (gtk_label_get_text (week), ==, "1:00");

  /* Where weeks start on Sunday, yesterday's hour belongs to this week. */
  stint_tracker_set_first_weekday (f->tracker, G_DATE_SUNDAY);
  advance (f, 1);
  g_assert_cmpstr (gtk_label_get_text (week), ==, "2:00");

  gtk_widget_destroy (GTK_WIDGET (window));
  stint_test_flush ();
}

static void
test_load_older (Fixture       *f,
                 gconstpointer  data)
{
  const gint64 day = 24 * 3600;
  StintWindow *window;
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adjustment;
  guint before;

  /* Two entries a day for a hundred days. */
  for (int i = 0; i < 100; i++)
    {
      insert_entry (f, "Morning", T0 - i * day - 3 * 3600, T0 - i * day - 2 * 3600);
      insert_entry (f, "Afternoon", T0 - i * day - 2 * 3600, T0 - i * day - 3600);
    }
  g_assert_true (stint_tracker_reload (f->tracker, NULL));
  g_assert_cmpuint (n_recent (f), ==, 28);

  window = stint_window_new (app, f->tracker, f->settings);
  gtk_window_resize (GTK_WINDOW (window), 420, 500);
  gtk_widget_show (GTK_WIDGET (window));
  wait_mapped (GTK_WIDGET (window), TRUE);

  /* Two weeks fill the window: nothing more is read until asked for. */
  g_assert_cmpuint (n_recent (f), ==, 28);

  /* Scrolling to the bottom reads one more week, in an idle. */
  scrolled = child_of (window, STINT_TYPE_WINDOW, "scrolled");
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_signal_emit_by_name (scrolled, "edge-reached", GTK_POS_BOTTOM);
  g_assert_cmpuint (n_recent (f), ==, 28);
  STINT_TEST_WAIT_FOR (n_recent (f) >= 42);
  g_assert_cmpuint (n_recent (f), ==, 42);
  g_assert_false (stint_tracker_get_all_loaded (f->tracker));

  /* A day's header and total come with it. */
  before = n_recent (f);
  g_signal_emit_by_name (scrolled, "edge-reached", GTK_POS_BOTTOM);
  STINT_TEST_WAIT_FOR (n_recent (f) >= before + 14);
  g_assert_cmpuint (n_recent (f), ==, before + 14);
  g_assert_nonnull (gtk_list_box_row_get_header (row_at (window, (int)before)));

  gtk_widget_destroy (GTK_WIDGET (window));
  stint_test_flush ();
}

static void
test_short_list_fills (Fixture       *f,
                       gconstpointer  data)
{
  StintWindow *window;

  /* Weeks apart: a short list reads back until the window is full or the
   * store has no more, since it cannot be scrolled to its edge. */
  insert_entry (f, "Last month", T0 - 30 * 24 * 3600, T0 - 30 * 24 * 3600 + 600);
  insert_entry (f, "Last year", T0 - 365 * 24 * 3600, T0 - 365 * 24 * 3600 + 600);
  g_assert_true (stint_tracker_reload (f->tracker, NULL));
  g_assert_cmpuint (n_recent (f), ==, 0);

  window = show_window (f);
  STINT_TEST_WAIT_FOR (n_recent (f) >= 2);
  g_assert_cmpuint (n_recent (f), ==, 2);
  STINT_TEST_WAIT_FOR (stint_tracker_get_all_loaded (f->tracker));

  gtk_widget_destroy (GTK_WIDGET (window));
  stint_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init_gtk (&argc, &argv);
  app = gtk_application_new (APP_ID ".Test", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/stint/ui/week-total", Fixture, NULL, setup, test_week_total, teardown);
  g_test_add ("/stint/ui/load-older", Fixture, NULL, setup, test_load_older, teardown);
  g_test_add ("/stint/ui/short-list-fills", Fixture, NULL, setup, test_short_list_fills, teardown);

  return g_test_run ();
}
