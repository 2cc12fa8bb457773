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
#include "ui/stint-entry-row.h"
#include "ui/stint-forgot-popover.h"
#include "ui/stint-name-offer.h"
#include "ui/stint-project-picker.h"
#include "ui/stint-timer-bar.h"
#include "ui/stint-window.h"
#include "util/stint-duration.h"
#include "stint-test-ui-utils.h"

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
  f->dir = stint_test_make_tmpdir ();
  f->tracker = stint_test_tracker_new (f->dir, T0, &f->store, &f->clock);
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
wait_mapped (GtkWidget *widget,
             gboolean   mapped)
{
  STINT_TEST_WAIT_FOR (gtk_widget_get_mapped (widget) == mapped);
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
  /* What saving will create is said before. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (editor,
                   STINT_TYPE_ENTRY_EDITOR, "hint_label"))), ==,
                   "Saving creates the project “Stint”. Saving creates the tags “code”, “review”.");
  g_signal_emit_by_name (field (editor, "description_entry"), "activate");
  g_assert_cmpuint (g_list_model_get_n_items (stint_tracker_get_tags (f->tracker)), ==, 2);

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

/* --------------------------------------------------------------- window */

static gpointer
child_of (gpointer     widget,
          GType        type,
          const char  *name)
{
  gpointer child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static gpointer
bar_child (StintWindow *window,
           const char  *name)
{
  return child_of (child_of (window, STINT_TYPE_WINDOW, "timer_bar"), STINT_TYPE_TIMER_BAR, name);
}

static const char *
label_text (gpointer label)
{
  return gtk_label_get_text (GTK_LABEL (label));
}

static StintWindow *
show_window (Fixture *f)
{
  StintWindow *window = stint_window_new (app, f->tracker, f->settings);

  gtk_widget_show (GTK_WIDGET (window));
  wait_mapped (GTK_WIDGET (window), TRUE);
  return window;
}

static void
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

static GtkListBoxRow *
row_at (StintWindow *window,
        int          index)
{
  return gtk_list_box_get_row_at_index (child_of (window, STINT_TYPE_WINDOW, "recent_list"), index);
}

static guint
n_recent (Fixture *f)
{
  return g_list_model_get_n_items (stint_tracker_get_recent (f->tracker));
}

static void
test_quick_start_offer (Fixture       *f,
                        gconstpointer  data)
{
  StintWindow *window = show_window (f);
  GtkEntry *description = bar_child (window, "description_entry");
  StintProjectPicker *picker = bar_child (window, "project_picker");
  GtkEntryCompletion *completion = gtk_entry_get_completion (description);
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  StintEntry *running;
  StintProject *project;
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;
  GtkTreeIter iter;
  gboolean handled = FALSE;

  /* Unknown names: the timer starts at once, the offer waits. */
  gtk_entry_set_text (description, "Review PR @Stint #code");
  g_signal_emit_by_name (description, "activate");
  running = stint_tracker_get_running (f->tracker);
  g_assert_nonnull (running);
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Review PR");
  g_assert_cmpint (stint_entry_get_project_id (running), ==, 0);
  g_assert_cmpstr (gtk_entry_get_text (description), ==, "Review PR");
  g_assert_true (gtk_widget_get_visible (bar_child (window, "name_offer")));
  g_assert_cmpstr (label_text (child_of (bar_child (window, "name_offer"), STINT_TYPE_NAME_OFFER,
                                         "label")), ==,
                   "“Stint” is not a project yet. “code” is not a tag yet.");

  gtk_button_clicked (child_of (bar_child (window, "name_offer"), STINT_TYPE_NAME_OFFER,
                                "create_button"));
  project = stint_tracker_find_project (f->tracker, "Stint");
  g_assert_nonnull (project);
  g_assert_cmpint (stint_entry_get_project_id (running), ==, stint_project_get_id (project));
  g_assert_cmpstr (stint_entry_get_tags (running)[0], ==, "code");
  g_assert_false (gtk_widget_get_visible (bar_child (window, "name_offer")));
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, stint_project_get_id (project));
  g_assert_cmpstr (label_text (bar_child (window, "details_label")), ==, "#code");

  advance (f, 600);
  stopped = stint_tracker_stop (f->tracker, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_entry_get_text (description), ==, "");
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, 0);

  /* Autocompletion brings the activity's project, tags and billable flag. */
  stint_test_flush ();
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  g_signal_emit_by_name (completion, "match-selected", model, &iter, &handled);
  g_assert_true (handled);
  g_assert_cmpstr (gtk_entry_get_text (description), ==, "Review PR");
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, stint_project_get_id (project));
  g_assert_cmpstr (label_text (bar_child (window, "details_label")), ==, "#code");
  gtk_button_clicked (bar_child (window, "toggle_button"));
  running = stint_tracker_get_running (f->tracker);
  g_assert_nonnull (running);
  g_assert_true (running != stopped);
  g_assert_cmpint (stint_entry_get_project_id (running), ==, stint_project_get_id (project));
  g_assert_cmpstr (stint_entry_get_tags (running)[0], ==, "code");
  g_assert_false (gtk_widget_get_visible (bar_child (window, "name_offer")));

  /* Typing while tracking fixes the running entry, in the same words. */
  gtk_entry_set_text (description, "Review PR #42 $");
  g_signal_emit_by_name (description, "activate");
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Review PR #42");
  g_assert_true (stint_entry_get_billable (running));
  g_assert_cmpstr (label_text (bar_child (window, "details_label")), ==, "#code · Billable");

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_project_picker (Fixture       *f,
                     gconstpointer  data)
{
  StintWindow *window = show_window (f);
  StintProjectPicker *picker = bar_child (window, "project_picker");
  GtkWidget *search = child_of (picker, STINT_TYPE_PROJECT_PICKER, "search_entry");
  g_autoptr(StintProject) other = NULL;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  StintProject *acme;

  other = stint_tracker_create_project (f->tracker, "Other", NULL, &error);
  g_assert_no_error (error);

  /* Enter on a name nobody has creates it, with a colour of its own. */
  gtk_popover_popup (gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker)));
  gtk_entry_set_text (GTK_ENTRY (search), "Acme");
  g_signal_emit_by_name (search, "activate");
  acme = stint_tracker_find_project (f->tracker, "Acme");
  g_assert_nonnull (acme);
  g_assert_nonnull (stint_project_get_color (acme));
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, stint_project_get_id (acme));
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (GTK_WIDGET (picker))), ==,
                   "Project: Acme");

  entry = stint_tracker_start (f->tracker, "Picking", 0, NULL, FALSE, &error);
  g_assert_no_error (error);

  /* While tracking, a pick moves the running entry; a part of a name finds it. */
  gtk_popover_popup (gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker)));
  gtk_entry_set_text (GTK_ENTRY (search), "oth");
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpint (stint_entry_get_project_id (entry), ==, stint_project_get_id (other));
  g_assert_cmpuint (g_list_model_get_n_items (stint_tracker_get_projects (f->tracker)), ==, 2);

  gtk_widget_destroy (GTK_WIDGET (window));
}

static const char *
accessible_name (gpointer widget)
{
  return atk_object_get_name (gtk_widget_get_accessible (GTK_WIDGET (widget)));
}

/* As a click on a row of the open picker: row 0 is "No project". */
static void
pick_row (StintProjectPicker *picker,
          int                 index)
{
  GtkListBox *list = child_of (picker, STINT_TYPE_PROJECT_PICKER, "list");
  GtkListBoxRow *row;

  gtk_popover_popup (gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker)));
  row = gtk_list_box_get_row_at_index (list, index);
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
}

/* As a sync that learns the project was archived, or brought back. */
static void
set_project_active (Fixture  *f,
                    gint64    project_id,
                    gboolean  active)
{
  g_autoptr(StintProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = stint_store_load_project (f->store, project_id, &error);
  g_assert_no_error (error);
  stint_project_set_active (project, active);
  g_assert_true (stint_store_update_project (f->store, project, &error));
  g_assert_no_error (error);
  g_assert_true (stint_tracker_reload (f->tracker, &error));
  g_assert_no_error (error);
}

/* While idle, the picker shows the project the next entry gets: the
 * default one, until the user picks another or "No project". */
static void
test_default_project (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StintProject) stint = NULL;
  g_autoptr(StintProject) other = NULL;
  g_autoptr(GError) error = NULL;
  StintWindow *window;
  StintProjectPicker *picker;
  GtkWidget *search;
  GtkEntry *description;
  GtkButton *toggle;
  StintEntry *running;
  gint64 stint_id, other_id;

  stint = stint_tracker_create_project (f->tracker, "Stint", NULL, &error);
  g_assert_no_error (error);
  other = stint_tracker_create_project (f->tracker, "Other", NULL, &error);
  g_assert_no_error (error);
  stint_id = stint_project_get_id (stint);
  other_id = stint_project_get_id (other);
  g_object_set (f->tracker, "default-project-id", stint_id, NULL);

  window = show_window (f);
  picker = bar_child (window, "project_picker");
  search = child_of (picker, STINT_TYPE_PROJECT_PICKER, "search_entry");
  description = bar_child (window, "description_entry");
  toggle = bar_child (window, "toggle_button");
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, stint_id);
  g_assert_cmpstr (accessible_name (picker), ==, "Project: Stint");

  /* Preferences change the default while the window is open. */
  g_object_set (f->tracker, "default-project-id", other_id, NULL);
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, other_id);
  g_assert_cmpstr (accessible_name (picker), ==, "Project: Other");

  gtk_button_clicked (toggle);
  running = stint_tracker_get_running (f->tracker);
  g_assert_nonnull (running);
  g_assert_cmpint (stint_entry_get_project_id (running), ==, other_id);

  /* The entry moves to another project; after the stop the picker shows
   * the default again, not the last entry's project. */
  gtk_popover_popup (gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker)));
  gtk_entry_set_text (GTK_ENTRY (search), "Stint");
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpint (stint_entry_get_project_id (running), ==, stint_id);
  g_assert_cmpstr (accessible_name (picker), ==, "Project: Stint");
  advance (f, 60);
  gtk_button_clicked (toggle);
  g_assert_null (stint_tracker_get_running (f->tracker));
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, other_id);
  g_assert_cmpstr (accessible_name (picker), ==, "Project: Other");

  /* "No project" picked on purpose holds through a change of default, and
   * the entry starts without one. */
  pick_row (picker, 0);
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, 0);
  g_assert_cmpstr (accessible_name (picker), ==, "Project: none");
  g_object_set (f->tracker, "default-project-id", stint_id, NULL);
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, 0);
  gtk_entry_set_text (description, "Nothing to file");
  gtk_button_clicked (toggle);
  running = stint_tracker_get_running (f->tracker);
  g_assert_nonnull (running);
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Nothing to file");
  g_assert_cmpint (stint_entry_get_project_id (running), ==, 0);
  advance (f, 60);
  gtk_button_clicked (toggle);
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, stint_id);
  g_assert_cmpstr (accessible_name (picker), ==, "Project: Stint");

  /* An @project typed says more than the picker. */
  pick_row (picker, 0);
  gtk_entry_set_text (description, "Call @Other");
  g_signal_emit_by_name (description, "activate");
  running = stint_tracker_get_running (f->tracker);
  g_assert_nonnull (running);
  g_assert_cmpint (stint_entry_get_project_id (running), ==, other_id);
  advance (f, 60);
  gtk_button_clicked (toggle);
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, stint_id);

  /* A sync archives the default project: the picker shows none, as the
   * entry would get none; it comes back with the project. */
  set_project_active (f, stint_id, FALSE);
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, 0);
  g_assert_cmpstr (accessible_name (picker), ==, "Project: none");
  set_project_active (f, stint_id, TRUE);
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, stint_id);
  g_assert_cmpstr (accessible_name (picker), ==, "Project: Stint");

  gtk_widget_destroy (GTK_WIDGET (window));
}

static void
test_forgot (Fixture       *f,
             gconstpointer  data)
{
  StintWindow *window = show_window (f);
  StintForgotPopover *popover = bar_child (window, "forgot_popover");
  GtkEntry *ago = child_of (popover, STINT_TYPE_FORGOT_POPOVER, "ago_entry");
  GtkEntry *stop = child_of (popover, STINT_TYPE_FORGOT_POPOVER, "stop_entry");
  GtkWidget *error_label = child_of (popover, STINT_TYPE_FORGOT_POPOVER, "error_label");
  GtkWidget *anyway = child_of (popover, STINT_TYPE_FORGOT_POPOVER, "anyway_button");
  StintEntry *running;

  insert_entry (f, "Earlier", T0 - 3600, T0 - 600);
  g_assert_true (stint_tracker_reload (f->tracker, NULL));
  gtk_entry_set_text (bar_child (window, "description_entry"), "Forgot @Nowhere");

  /* 15 minutes ago is before "Earlier" ended: refused once, then confirmed. */
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_entry_set_text (ago, "15");
  g_signal_emit_by_name (ago, "activate");
  g_assert_null (stint_tracker_get_running (f->tracker));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (label_text (error_label), ==, "That is before the last entry ended, at 08:50.");
  g_assert_true (gtk_widget_get_visible (anyway));
  gtk_button_clicked (GTK_BUTTON (anyway));
  running = stint_tracker_get_running (f->tracker);
  g_assert_nonnull (running);
  g_assert_cmpint (stint_entry_get_start (running), ==, T0 - 900);
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Forgot");
  g_assert_true (gtk_widget_get_visible (bar_child (window, "name_offer")));

  /* Forgot to stop: not in the future, then at the time typed. */
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_entry_set_text (stop, "9:10");
  g_signal_emit_by_name (stop, "activate");
  g_assert_cmpstr (label_text (error_label), ==, "The entry cannot end in the future.");
  g_assert_true (stint_tracker_get_running (f->tracker) == running);
  gtk_entry_set_text (stop, "8:55");
  g_signal_emit_by_name (stop, "activate");
  g_assert_null (stint_tracker_get_running (f->tracker));
  g_assert_cmpint (stint_entry_get_stop (running), ==, T0 - 30 - 300);

  gtk_widget_destroy (GTK_WIDGET (window));
}

static GtkWidget *
open_editor (StintWindow *window,
             int          index)
{
  GtkWidget *focus;

  /* Enter or a click on a row; the editor takes the keyboard. */
  g_signal_emit_by_name (child_of (window, STINT_TYPE_WINDOW, "recent_list"), "row-activated",
                         row_at (window, index));
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  return gtk_widget_get_ancestor (focus, STINT_TYPE_ENTRY_EDITOR);
}

static void
test_undo_delete (Fixture       *f,
                  gconstpointer  data)
{
  StintWindow *window = NULL;
  GtkWidget *undo_bar;
  GtkWidget *editor;
  g_autoptr(StintEntry) back = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;

  insert_entry (f, "Draft", T0 - 7200, T0 - 3600);
  g_assert_true (stint_tracker_reload (f->tracker, NULL));
  window = show_window (f);
  undo_bar = child_of (window, STINT_TYPE_WINDOW, "undo_bar");

  editor = open_editor (window, 0);
  g_assert_nonnull (editor);
  gtk_button_clicked (child_of (editor, STINT_TYPE_ENTRY_EDITOR, "delete_button"));
  g_assert_cmpuint (n_recent (f), ==, 0);
  g_assert_true (gtk_widget_get_visible (undo_bar));
  g_assert_cmpstr (label_text (child_of (window, STINT_TYPE_WINDOW, "undo_label")), ==,
                   "Deleted “Draft”.");

  /* A few seconds, on the tracker's clock; then it is gone for good. */
  advance (f, 7);
  g_assert_true (gtk_widget_get_visible (undo_bar));
  advance (f, 2);
  g_assert_false (gtk_widget_get_visible (undo_bar));
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  g_assert_cmpuint (n_recent (f), ==, 0);

  /* In time, Undo brings it back on screen and in the store. */
  back = stint_test_entry_new ("Second draft", T0 - 1800, T0 - 600);
  g_assert_true (stint_store_insert_entry (f->store, back, STINT_OUTBOX_NONE, &error));
  g_assert_true (stint_tracker_reload (f->tracker, NULL));
  stint_test_flush ();
  editor = open_editor (window, 0);
  gtk_button_clicked (child_of (editor, STINT_TYPE_ENTRY_EDITOR, "delete_button"));
  g_assert_cmpuint (n_recent (f), ==, 0);
  advance (f, 5);
  gtk_button_clicked (child_of (window, STINT_TYPE_WINDOW, "undo_button"));
  g_assert_false (gtk_widget_get_visible (undo_bar));
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  g_assert_cmpuint (n_recent (f), ==, 1);
  stored = stint_store_load_entries (f->store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (stint_entry_get_description (g_ptr_array_index (stored, 0)), ==, "Second draft");
  g_assert_cmpint (stint_entry_get_start (g_ptr_array_index (stored, 0)), ==, T0 - 1800);

  gtk_widget_destroy (GTK_WIDGET (window));
  stint_test_flush ();
}

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

  g_test_add ("/stint/ui/tray-wakes-once-a-minute", Fixture, NULL,
              setup, test_tray_wakes_once_a_minute, teardown);
  g_test_add ("/stint/ui/window-ticks-only-while-shown", Fixture, NULL,
              setup, test_window_ticks_only_while_shown, teardown);
  g_test_add ("/stint/ui/window-close-hides", Fixture, NULL,
              setup, test_window_close_hides, teardown);
  g_test_add ("/stint/ui/editor", Fixture, NULL, setup, test_editor, teardown);
  g_test_add ("/stint/ui/editor-running", Fixture, NULL, setup, test_editor_running, teardown);
  g_test_add ("/stint/ui/quick-start-offer", Fixture, NULL, setup, test_quick_start_offer, teardown);
  g_test_add ("/stint/ui/project-picker", Fixture, NULL, setup, test_project_picker, teardown);
  g_test_add ("/stint/ui/default-project", Fixture, NULL, setup, test_default_project, teardown);
  g_test_add ("/stint/ui/forgot", Fixture, NULL, setup, test_forgot, teardown);
  g_test_add ("/stint/ui/undo-delete", Fixture, NULL, setup, test_undo_delete, teardown);
  g_test_add ("/stint/ui/week-total", Fixture, NULL, setup, test_week_total, teardown);
  g_test_add ("/stint/ui/load-older", Fixture, NULL, setup, test_load_older, teardown);
  g_test_add ("/stint/ui/short-list-fills", Fixture, NULL, setup, test_short_list_fills, teardown);

  return g_test_run ();
}
