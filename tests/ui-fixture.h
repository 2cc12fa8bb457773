/* ui-fixture.h: what the tests of the tray and the main window share
 *
 * Included by test-ui.c, test-ui-editor.c, test-ui-timer-bar.c and
 * test-ui-history.c, which are one suite split by topic: a store and a
 * tracker in a temporary folder on a manual clock, so "what would wake us"
 * is a list of pending timeouts; the application the windows need; and
 * helpers to show the window, fill the store and reach into the templates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"
#include "ui/stint-timer-bar.h"
#include "ui/stint-window.h"
#include "stint-test-ui-utils.h"

/* 2026-11-23 09:00:30 UTC: half a minute past, so minute boundaries of an
 * entry started now differ from those of the wall clock. */
#define T0 ((gint64)1795424430)

/* Windows need a registered application; one per process, and non-unique
 * keeps it off the bus. */
G_GNUC_UNUSED static GtkApplication *app;

typedef struct
{
  char           *dir;
  StintStore     *store;
  StintClock     *clock;
  StintTracker   *tracker;
  GSettings      *settings;
} Fixture;

G_GNUC_UNUSED static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = stint_test_make_tmpdir ();
  f->tracker = stint_test_tracker_new (f->dir, T0, &f->store, &f->clock);
  f->settings = g_settings_new (APP_ID);
}

G_GNUC_UNUSED static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->settings);
  g_clear_object (&f->tracker);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  stint_test_rm_rf (f->dir);
  g_free (f->dir);
}

G_GNUC_UNUSED static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
}

G_GNUC_UNUSED static guint
pending (Fixture *f,
         gint64  *next_due_seconds)
{
  gint64 due = 0;
  guint n = stint_clock_get_pending (f->clock, &due);

  if (next_due_seconds != NULL)
    *next_due_seconds = due / G_USEC_PER_SEC;
  return n;
}

G_GNUC_UNUSED static void
wait_mapped (GtkWidget *widget,
             gboolean   mapped)
{
  STINT_TEST_WAIT_FOR (gtk_widget_get_mapped (widget) == mapped);
}

/* --------------------------------------------------------------- window */

G_GNUC_UNUSED static gpointer
child_of (gpointer     widget,
          GType        type,
          const char  *name)
{
  gpointer child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

G_GNUC_UNUSED static gpointer
bar_child (StintWindow *window,
           const char  *name)
{
  return child_of (child_of (window, STINT_TYPE_WINDOW, "timer_bar"), STINT_TYPE_TIMER_BAR, name);
}

G_GNUC_UNUSED static const char *
label_text (gpointer label)
{
  return gtk_label_get_text (GTK_LABEL (label));
}

G_GNUC_UNUSED static StintWindow *
show_window (Fixture *f)
{
  StintWindow *window = stint_window_new (app, f->tracker, f->settings);

  gtk_widget_show (GTK_WIDGET (window));
  wait_mapped (GTK_WIDGET (window), TRUE);
  return window;
}

G_GNUC_UNUSED static void
insert_entry (Fixture    *f,
              const char *description,
              gint64      start,
              gint64      stop)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new (description, start, stop);
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_store_insert_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static GtkListBoxRow *
row_at (StintWindow *window,
        int          index)
{
  return gtk_list_box_get_row_at_index (child_of (window, STINT_TYPE_WINDOW, "recent_list"), index);
}

G_GNUC_UNUSED static guint
n_recent (Fixture *f)
{
  return g_list_model_get_n_items (stint_tracker_get_recent (f->tracker));
}
