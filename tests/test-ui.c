/* test-ui.c: the tray and the window wake the process only when what they
 * show changes
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
#include "ui/stint-indicator-private.h"
#include "ui/stint-entry-editor.h"
#include "ui/stint-window.h"
#include "util/stint-duration.h"
#include "stint-test-utils.h"

/* 2026-11-23 09:00:30 UTC: half a minute past, so minute boundaries of an
 * entry started now differ from those of the wall clock. */
#define T0 ((gint64)1795424430)

/* Windows need a registered application; one per process, and non-unique
 * keeps it off the bus. */
static GtkApplication *app;

typedef struct
{
  char           *dir;
  StintStore     *store;
  StintClock     *clock;
  StintTracker   *tracker;
  GSettings      *settings;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = stint_test_make_tmpdir ();
  path = g_build_filename (f->dir, "stint.db", NULL);
  f->store = stint_store_open (path, &error);
  g_assert_no_error (error);
  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  f->tracker = stint_tracker_new (f->store, f->clock, 14, &error);
  g_assert_no_error (error);

  f->settings = g_settings_new (APP_ID);
}

static void
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

static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
}

static guint
pending (Fixture *f,
         gint64  *next_due_seconds)
{
  gint64 due = 0;
  guint n = stint_clock_get_pending (f->clock, &due);

  if (next_due_seconds != NULL)
    *next_due_seconds = due / G_USEC_PER_SEC;
  return n;
}

static void
flush_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

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
  flush_idle ();
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
  flush_idle ();
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  g_assert_cmpstr (label_of (app_indicator), ==, "");
  g_assert_cmpstr (app_indicator_get_icon (app_indicator), ==, APP_ID "-idle-symbolic");
  g_assert_nonnull (find_menu_item (menu, "_Start"));
}

static void
wait_mapped (GtkWidget *widget,
             gboolean   mapped)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (gtk_widget_get_mapped (widget) != mapped && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_mapped (widget), ==, mapped);
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
  flush_idle ();
  g_assert_cmpuint (pending (f, NULL), ==, 0);
}

static GtkEntry *
field (GtkWidget  *editor,
       const char *name)
{
  return GTK_ENTRY (gtk_widget_get_template_child (editor, STINT_TYPE_ENTRY_EDITOR, name));
}

static const char *
shown_error (GtkWidget *editor)
{
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (editor, STINT_TYPE_ENTRY_EDITOR,
                                                                "error_label"));

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
on_deleted (GtkWidget   *editor,
            StintEntry  *entry,
            StintEntry **out)
{
  g_set_object (out, entry);
}

static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *anchor = gtk_button_new_with_label ("row");
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Draft", T0 - 7200, T0 - 3600);
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(StintEntry) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start_text = stint_format_time_of_day (T0 - 7200);
  GtkWidget *editor;

  g_assert_true (stint_store_insert_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  g_assert_true (stint_tracker_reload (f->tracker, &error));
  g_clear_object (&entry);
  entry = g_list_model_get_item (stint_tracker_get_recent (f->tracker), 0);

  gtk_container_add (GTK_CONTAINER (window), anchor);
  gtk_widget_show_all (window);
  editor = stint_entry_editor_new (f->tracker, entry, anchor);
  gtk_popover_popup (GTK_POPOVER (editor));

  g_assert_cmpstr (gtk_entry_get_text (field (editor, "start_entry")), ==, start_text);
  g_assert_cmpstr (gtk_entry_get_text (field (editor, "duration_entry")), ==, "1:00");

  /* 07:00:30–08:00:30 UTC; a later start keeps the stop, the duration follows. */
  gtk_entry_set_text (field (editor, "start_entry"), "7:15");
  g_assert_cmpstr (gtk_entry_get_text (field (editor, "duration_entry")), ==, "0:45");
  /* A duration keeps the start and moves the stop. */
  gtk_entry_set_text (field (editor, "duration_entry"), "1h30");
  g_assert_cmpstr (gtk_entry_get_text (field (editor, "stop_entry")), ==, "08:45");
  gtk_entry_set_text (field (editor, "project_entry"), "Stint");
  gtk_entry_set_text (field (editor, "tags_entry"), "code, review, code");
  gtk_entry_set_text (field (editor, "description_entry"), "Review PR");
  g_signal_emit_by_name (field (editor, "description_entry"), "activate");

  stored = stint_store_load_entry (f->store, stint_entry_get_id (entry), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (stored), ==, "Review PR");
  g_assert_cmpint (stint_entry_get_stop (stored) - stint_entry_get_start (stored), ==, 5400);
  g_assert_cmpstr (stint_entry_get_tags (stored)[0], ==, "code");
  g_assert_cmpstr (stint_entry_get_tags (stored)[1], ==, "review");
  g_assert_null (stint_entry_get_tags (stored)[2]);
  g_assert_cmpstr (stint_project_get_name (stint_tracker_lookup_project (f->tracker,
                   stint_entry_get_project_id (stored))), ==, "Stint");
  g_assert_cmpstr (stint_entry_get_description (entry), ==, "Review PR");

  /* A second editor: impossible values are refused in place and nothing changes. */
  editor = stint_entry_editor_new (f->tracker, entry, anchor);
  gtk_popover_popup (GTK_POPOVER (editor));
  gtk_entry_set_text (field (editor, "stop_entry"), "yesterday 6:00");
  g_signal_emit_by_name (field (editor, "stop_entry"), "activate");
  g_assert_cmpstr (shown_error (editor), ==, "The entry cannot end before it starts.");
  gtk_entry_set_text (field (editor, "stop_entry"), "half past");
  g_signal_emit_by_name (field (editor, "stop_entry"), "activate");
  g_assert_nonnull (strstr (shown_error (editor), "not a time Stint understands"));
  g_clear_object (&stored);
  stored = stint_store_load_entry (f->store, stint_entry_get_id (entry), &error);
  g_assert_cmpint (stint_entry_get_stop (stored) - stint_entry_get_start (stored), ==, 5400);

  /* Delete hands the old entry over for an undo. */
  g_signal_connect (editor, "deleted", G_CALLBACK (on_deleted), &deleted);
  gtk_button_clicked (GTK_BUTTON (gtk_widget_get_template_child (editor, STINT_TYPE_ENTRY_EDITOR,
                                                                 "delete_button")));
  g_assert_nonnull (deleted);
  g_assert_cmpstr (stint_entry_get_description (deleted), ==, "Review PR");
  g_assert_cmpuint (g_list_model_get_n_items (stint_tracker_get_recent (f->tracker)), ==, 0);

  gtk_widget_destroy (window);
}

static void
test_editor_running (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *anchor = gtk_button_new_with_label ("row");
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;

  entry = stint_tracker_start (f->tracker, "Forgot to start", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  advance (f, 300);
  gtk_container_add (GTK_CONTAINER (window), anchor);
  gtk_widget_show_all (window);

  /* "I started ten minutes earlier": the start moves back, it keeps running. */
  editor = stint_entry_editor_new (f->tracker, entry, anchor);
  gtk_popover_popup (GTK_POPOVER (editor));
  g_assert_cmpstr (gtk_entry_get_text (field (editor, "stop_entry")), ==, "");
  gtk_entry_set_text (field (editor, "duration_entry"), "15m");
  g_signal_emit_by_name (field (editor, "duration_entry"), "activate");
  g_assert_true (stint_tracker_get_running (f->tracker) == entry);
  g_assert_cmpint (stint_entry_get_start (entry), ==, T0 + 300 - 900);

  /* "I forgot to stop at 9:10": a stop time ends it there. */
  editor = stint_entry_editor_new (f->tracker, entry, anchor);
  gtk_popover_popup (GTK_POPOVER (editor));
  gtk_entry_set_text (field (editor, "stop_entry"), "9:02");
  g_signal_emit_by_name (field (editor, "stop_entry"), "activate");
  g_assert_null (stint_tracker_get_running (f->tracker));
  g_assert_cmpint (stint_entry_get_stop (entry), ==, T0 - 30 + 120);

  gtk_widget_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Not stint_test_init(): isolated XDG dirs would hide the MIME database
   * GTK's image loaders need. The desktop session already gives this
   * process private XDG folders. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init (&argc, &argv);
  app = gtk_application_new (APP_ID ".Test", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/stint/ui/tray-wakes-once-a-minute", Fixture, NULL,
              setup, test_tray_wakes_once_a_minute, teardown);
  g_test_add ("/stint/ui/window-ticks-only-while-shown", Fixture, NULL,
              setup, test_window_ticks_only_while_shown, teardown);
  g_test_add ("/stint/ui/editor", Fixture, NULL, setup, test_editor, teardown);
  g_test_add ("/stint/ui/editor-running", Fixture, NULL, setup, test_editor_running, teardown);

  return g_test_run ();
}
