/* test-ui-editor.c: the entry editor, and the undo of a delete
 *
 * A finished entry edited (start, stop and duration following each other,
 * names created on saving and said before, impossible values refused in
 * place, a delete handed over for an undo), the running one (its start
 * moved back, a stop that ends it), and the window's undo bar after a
 * delete. Runs the real widgets on a display (inside
 * build-aux/desktop-session) with a manual clock; the fixture is in
 * ui-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ui-fixture.h"

#include "ui/stint-entry-editor.h"
#include "util/stint-duration.h"

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

int
main (int   argc,
      char *argv[])
{
  stint_test_init_gtk (&argc, &argv);
  app = gtk_application_new (APP_ID ".Test", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/stint/ui/editor", Fixture, NULL, setup, test_editor, teardown);
  g_test_add ("/stint/ui/editor-running", Fixture, NULL, setup, test_editor_running, teardown);
  g_test_add ("/stint/ui/undo-delete", Fixture, NULL, setup, test_undo_delete, teardown);

  return g_test_run ();
}
