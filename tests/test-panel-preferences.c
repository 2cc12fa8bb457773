/* test-panel-preferences.c: the Preferences that set what the tray shows
 *
 * The Panel page (the label beside the icon, the daily goal and the
 * sentence for a goal Stint cannot read), the goal's parser, and the
 * default project on the Tracking page, which the next start follows. Runs
 * the real widgets on a display (inside build-aux/desktop-session) with a
 * manual clock; the fixture is in panel-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "panel-fixture.h"

#include "ui/stint-preferences-panel.h"
#include "ui/stint-preferences-tracking.h"
#include "ui/stint-project-picker.h"
#include "util/stint-parse.h"

/* ---------------------------------------------------------------- Preferences */

/* Whether a label saying @text is on screen under @root. */
static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_visible (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  if (GTK_IS_CONTAINER (root))
    {
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (root));

      for (GList *l = children; l != NULL; l = l->next)
        if (label_shown (l->data, text))
          return TRUE;
    }

  return FALSE;
}

static gboolean
is_active (GtkWidget *toggle)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle));
}

/* The error sentence shown beside the goal field, or NULL. */
static const char *
shown_sentence (GtkEntry *entry)
{
  GtkWidget *grid = gtk_widget_get_parent (GTK_WIDGET (entry));
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (grid));

  for (GList *l = children; l != NULL; l = l->next)
    if (GTK_IS_LABEL (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_style_context_has_class (gtk_widget_get_style_context (l->data), "error"))
      return gtk_label_get_text (l->data);

  return NULL;
}

static void
test_panel_page (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *page = g_object_new (STINT_TYPE_PREFERENCES_PANEL, NULL);
  GtkWidget *minutes, *seconds, *none, *goal_switch;
  GtkEntry *entry;
  g_autofree char *panel_label = NULL;

  gtk_container_add (GTK_CONTAINER (window), page);
  stint_preferences_panel_bind (STINT_PREFERENCES_PANEL (page), f->settings);
  gtk_widget_show (window);

  minutes = stint_test_named (page, GTK_TYPE_RADIO_BUTTON, "The running timer as H:MM");
  seconds = stint_test_named (page, GTK_TYPE_RADIO_BUTTON, "The running timer as H:MM:SS");
  none = stint_test_named (page, GTK_TYPE_RADIO_BUTTON, "No label, only the icon");
  goal_switch = stint_test_named (page, GTK_TYPE_SWITCH, "Show a daily goal in the tray menu");
  entry = GTK_ENTRY (stint_test_named (page, GTK_TYPE_ENTRY, "Daily goal, hours and minutes"));

  /* The label: the setting shows, and the buttons write it. */
  g_assert_true (is_active (minutes));
  g_settings_set_string (f->settings, "panel-label", "none");
  g_assert_true (is_active (none));
  g_assert_false (is_active (minutes));
  gtk_button_clicked (GTK_BUTTON (seconds));
  panel_label = g_settings_get_string (f->settings, "panel-label");
  g_assert_cmpstr (panel_label, ==, "seconds");
  /* …which the tray follows. */
  g_assert_cmpint (f->indicator->label_mode, ==, STINT_PANEL_LABEL_SECONDS);

  /* The goal: off, with a working day offered. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (goal_switch)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (entry)));
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "8:00");
  gtk_switch_set_active (GTK_SWITCH (goal_switch), TRUE);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 8 * HOUR);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (entry)));
  g_assert_cmpuint (f->indicator->daily_goal, ==, 8 * HOUR);

  /* A valid goal counts as it is typed, in any of the usual forms. */
  gtk_entry_set_text (entry, "7:30");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 7 * HOUR + 30 * MINUTE);
  gtk_entry_set_text (entry, "6.5");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 6 * HOUR + 30 * MINUTE);
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "6:30");

  /* A mistake gets a sentence beside the field, and the saved goal stays,
   * as does what was typed, to be corrected. */
  g_assert_null (shown_sentence (entry));
  gtk_entry_set_text (entry, "soon");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 6 * HOUR + 30 * MINUTE);
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "soon");
  g_assert_cmpstr (shown_sentence (entry), ==,
                   "“soon” is not a time Stint understands; try 7:30, 7.5h or 7h 30m.");
  gtk_entry_set_text (entry, "25");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 6 * HOUR + 30 * MINUTE);
  g_assert_cmpstr (shown_sentence (entry), ==,
                   "A day has only 24 hours; the goal has to fit in one.");
  gtk_entry_set_text (entry, "7h 45m");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 7 * HOUR + 45 * MINUTE);
  g_assert_null (shown_sentence (entry));

  /* Off and on again: the goal comes back. */
  gtk_switch_set_active (GTK_SWITCH (goal_switch), FALSE);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 0);
  g_assert_cmpuint (f->indicator->daily_goal, ==, 0);
  gtk_switch_set_active (GTK_SWITCH (goal_switch), TRUE);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "daily-goal"), ==, 7 * HOUR + 45 * MINUTE);

  /* Changed elsewhere (gsettings), the page follows. */
  g_settings_set_uint (f->settings, "daily-goal", HOUR);
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "1:00");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (goal_switch)));

  gtk_widget_destroy (window);
  stint_test_flush ();
}

static void
test_parse_goal (void)
{
  static const struct { const char *text; guint seconds; int error; } cases[] = {
    { "7:30", 27000, -1 },
    { " 7.5h ", 27000, -1 },
    { "7,5", 27000, -1 },
    { "8", 28800, -1 },
    { "7h 30m", 27000, -1 },
    { "450m", 27000, -1 },
    { "24:00", 86400, -1 },
    { "7:30:40", 27060, -1 },
    { "20s", 0, STINT_PARSE_ERROR_RANGE },
    { "", 0, STINT_PARSE_ERROR_EMPTY },
    { "0", 0, STINT_PARSE_ERROR_RANGE },
    { "24:01", 0, STINT_PARSE_ERROR_RANGE },
    { "25", 0, STINT_PARSE_ERROR_RANGE },
    { "soon", 0, STINT_PARSE_ERROR_INVALID },
    { "7:3", 0, STINT_PARSE_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint seconds = 0;
      gboolean ok = stint_preferences_panel_parse_goal (cases[i].text, &seconds, &error);

      if (cases[i].error < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (seconds, ==, cases[i].seconds);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, STINT_PARSE_ERROR, cases[i].error);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_default_project_page (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *page = g_object_new (STINT_TYPE_PREFERENCES_TRACKING, NULL);
  g_autoptr(StintProject) stint = NULL;
  g_autoptr(StintProject) other = NULL;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *picker;

  stint = stint_tracker_create_project (f->tracker, "Stint", "#3584e4", &error);
  g_assert_no_error (error);
  other = stint_tracker_create_project (f->tracker, "Other", "#e01b24", &error);
  g_assert_no_error (error);

  gtk_container_add (GTK_CONTAINER (window), page);
  stint_preferences_tracking_bind (STINT_PREFERENCES_TRACKING (page), f->settings);
  gtk_widget_show (window);
  picker = stint_test_named (page, STINT_TYPE_PROJECT_PICKER, NULL);

  /* No projects to offer without the running Stint's tracker. */
  g_assert_false (gtk_widget_is_visible (picker));
  stint_preferences_tracking_set_tracker (STINT_PREFERENCES_TRACKING (page), f->tracker);
  g_assert_true (gtk_widget_is_visible (picker));
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (picker)), ==, "Project: none");
  g_assert_true (label_shown (page, "None"));

  /* Chosen on the page, saved in the setting, which the tracker follows
   * (as the application binds it). */
  g_settings_bind (f->settings, "default-project-id", f->tracker, "default-project-id",
                   G_SETTINGS_BIND_GET);
  stint_project_picker_set_project_id (STINT_PROJECT_PICKER (picker), stint_project_get_id (other));
  g_assert_cmpint (g_settings_get_int64 (f->settings, "default-project-id"), ==,
                   stint_project_get_id (other));
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (picker)), ==, "Project: Other");
  g_assert_false (label_shown (page, "None"));

  entry = start (f, "With the default");
  g_assert_cmpint (stint_entry_get_project_id (entry), ==, stint_project_get_id (other));
  g_assert_cmpstr (title_of (f), ==, "With the default — Other");

  g_settings_set_int64 (f->settings, "default-project-id", stint_project_get_id (stint));
  g_assert_cmpint (stint_project_picker_get_project_id (STINT_PROJECT_PICKER (picker)), ==,
                   stint_project_get_id (stint));

  g_settings_unbind (f->tracker, "default-project-id");
  gtk_widget_destroy (window);
  stint_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init_gtk (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/panel/preferences-page", test_panel_page);
  ADD ("/stint/panel/default-project-page", test_default_project_page);
#undef ADD
  g_test_add_func ("/stint/panel/parse-goal", test_parse_goal);

  return g_test_run ();
}
