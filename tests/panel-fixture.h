/* panel-fixture.h: what the tests of the tray's label and its Preferences
 * share
 *
 * Included by test-panel.c and test-panel-preferences.c, which are one
 * suite split by topic: a store and a tracker in a temporary folder on a
 * manual clock, so "what would wake us" is a list of pending timeouts; the
 * tray item over them, bound to the settings as the application binds it;
 * and helpers to read what it shows and to start and stop entries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <string.h>

#include "core/stint-tracker.h"
#include "ui/stint-indicator-private.h"
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

G_GNUC_UNUSED static void
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

G_GNUC_UNUSED static void
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

G_GNUC_UNUSED static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
  stint_test_flush ();
}

/* How many timeouts would wake the process, and when the first is due. */
G_GNUC_UNUSED static guint
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
G_GNUC_UNUSED static const char *
label_of (Fixture *f)
{
  const char *label = app_indicator_get_label (f->app_indicator);

  return label != NULL ? label : "";
}

G_GNUC_UNUSED static const char *
title_of (Fixture *f)
{
  return app_indicator_get_title (f->app_indicator);
}

G_GNUC_UNUSED static const char *
icon_of (Fixture *f)
{
  return app_indicator_get_icon (f->app_indicator);
}

/* The visible menu item whose label starts with @prefix, or NULL. */
G_GNUC_UNUSED static const char *
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

G_GNUC_UNUSED static StintEntry *
start (Fixture    *f,
       const char *description)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry = stint_tracker_start (f->tracker, description, 0, NULL, FALSE, &error);

  g_assert_no_error (error);
  stint_test_flush ();
  return entry;
}

G_GNUC_UNUSED static void
stop (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = stint_tracker_stop (f->tracker, &error);

  g_assert_no_error (error);
  stint_test_flush ();
}
