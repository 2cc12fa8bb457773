/* test-ui-timer-bar.c: the window's timer bar
 *
 * The quick syntax typed in the description (the timer starts at once,
 * names not known yet are offered, autocompletion brings an activity back,
 * typing while tracking fixes the running entry), the project picker and
 * the default project it shows while idle, and the popover for a start or
 * stop forgotten. Runs the real widgets on a display (inside
 * build-aux/desktop-session) with a manual clock; the fixture is in
 * ui-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-fixture.h"

#include "ui/stint-forgot-popover.h"
#include "ui/stint-name-offer.h"
#include "ui/stint-project-picker.h"

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

  /* A project picked, then archived by a sync before Start: the picker
   * goes back to the default, and so does the entry. */
  gtk_popover_popup (gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker)));
  gtk_entry_set_text (GTK_ENTRY (search), "Other");
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (accessible_name (picker), ==, "Project: Other");
  set_project_active (f, other_id, FALSE);
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==, stint_id);
  g_assert_cmpstr (accessible_name (picker), ==, "Project: Stint");
  gtk_entry_set_text (description, "Filed where it can be");
  gtk_button_clicked (toggle);
  running = stint_tracker_get_running (f->tracker);
  g_assert_nonnull (running);
  g_assert_cmpint (stint_entry_get_project_id (running), ==, stint_id);

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

int
main (int   argc,
      char *argv[])
{
  stint_test_init_gtk (&argc, &argv);
  app = gtk_application_new (APP_ID ".Test", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/stint/ui/quick-start-offer", Fixture, NULL, setup, test_quick_start_offer, teardown);
  g_test_add ("/stint/ui/project-picker", Fixture, NULL, setup, test_project_picker, teardown);
  g_test_add ("/stint/ui/default-project", Fixture, NULL, setup, test_default_project, teardown);
  g_test_add ("/stint/ui/forgot", Fixture, NULL, setup, test_forgot, teardown);

  return g_test_run ();
}
