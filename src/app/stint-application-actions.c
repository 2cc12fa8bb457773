/* stint-application-actions.c: what the tray, the window and the command
 * line can ask of Stint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-application-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-application-private.h"
#include "ui/stint-window.h"

static void
report_unless (StintApplication *self,
               const char       *summary,
               GError           *error,
               gint              ignored_code)
{
  if (error == NULL)
    return;

  if (g_error_matches (error, STINT_TRACKER_ERROR, ignored_code))
    return;

  stint_application_report_error (self, summary, error);
}

static void
toggle_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  StintApplication *self = user_data;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = stint_tracker_toggle (self->tracker, &error);
  report_unless (self, _("Could not start or stop tracking"), error, -1);
}

static void
start_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  StintApplication *self = user_data;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintUnknownNames) unknown = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = g_variant_get_string (parameter, NULL);

  /* The quick syntax, as in the window: "Review PR @Stint #code $". Names
   * Stint does not know are left out, never created on the side; `stint
   * --start` has told its user so, and an open window offers to create
   * them. */
  entry = stint_tracker_start_quick (self->tracker, text, NULL, 0, STINT_START_DEFAULT,
                                     &unknown, &error);
  report_unless (self, _("Could not start tracking"), error, -1);

  if (entry != NULL && unknown != NULL && self->window != NULL)
    stint_window_offer_names (STINT_WINDOW (self->window), stint_entry_get_id (entry), unknown);
}

/* The desktop file's Start: launchers activate a desktop action over D-Bus
 * without a parameter, which app.start (the description) cannot take. */
static void
start_new_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "start", g_variant_new_string (""));
}

static void
stop_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  StintApplication *self = user_data;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  /* `stint --stop` with nothing running is already what the user wants. */
  entry = stint_tracker_stop (self->tracker, &error);
  report_unless (self, _("Could not stop tracking"), error, STINT_TRACKER_ERROR_NOT_RUNNING);
}

static void
continue_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  StintApplication *self = user_data;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = stint_tracker_continue (self->tracker, g_variant_get_int64 (parameter), &error);
  report_unless (self, _("Could not continue the entry"), error, -1);
}

static void
show_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  stint_application_show_window (user_data);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  stint_application_show_preferences (user_data);
}

/* The welcome's "Connect Toggl Track" and "Connect Toggl Focus". */
static void
preferences_account_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  stint_application_show_preferences_account (user_data, g_variant_get_string (parameter, NULL));
}

static void
follow_account_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  stint_application_follow_account (user_data);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows;

  /* Closing windows first lets each one save its size and state. */
  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_widget_destroy (windows->data);

  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry action_entries[] = {
  { "toggle", toggle_action },
  { "start", start_action, "s" },
  { "start-new", start_new_action },
  { "stop", stop_action },
  { "continue", continue_action, "x" },
  { "show", show_action },
  { "preferences", preferences_action },
  { "preferences-account", preferences_account_action, "s" },
  /* For `stint --sign-in` in another process; it carries nothing secret. */
  { "follow-account", follow_account_action },
  { "quit", quit_action },
};

/* The actions that change entries need the tracker. */
static const char * const tracker_actions[] = {
  "toggle", "start", "start-new", "stop", "continue", "show"
};

void
stint_application_init_actions (StintApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

void
stint_application_update_actions (StintApplication *self)
{
  gboolean usable = self->tracker != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tracker_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), tracker_actions[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), usable);
    }
}
