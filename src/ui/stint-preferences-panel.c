/* stint-preferences-panel.c: the Panel page of Preferences
 *
 * What the tray shows beside its icon ("panel-label") and the daily goal
 * its menu counts towards ("daily-goal", seconds, 0 = none). The goal is
 * typed as people say it: 7:30, 7.5h, 7h 30m, or a bare 8 meaning hours;
 * a valid value is saved as it is typed, and anything else gets a sentence
 * when the user is done with the field, while the saved goal stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-preferences-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-preferences-panel.h"
#include "util/stint-duration.h"
#include "util/stint-parse.h"

/* What the switch turns on when no goal was typed yet: a working day. */
#define GOAL_SUGGESTED (8 * 3600)
#define GOAL_MAX       (24 * 3600)

struct _StintPreferencesPanel
{
  GtkBox      parent_instance;

  GSettings  *settings;
  guint       last_goal;     /* what the switch brings back; never 0 */
  gboolean    showing;       /* the entry's text is being set from the setting */

  GtkWidget  *minutes_radio;
  GtkWidget  *seconds_radio;
  GtkWidget  *none_radio;
  GtkWidget  *goal_switch;
  GtkEntry   *goal_entry;
  GtkLabel   *goal_error;
};

G_DEFINE_FINAL_TYPE (StintPreferencesPanel, stint_preferences_panel, GTK_TYPE_BOX)

/* ------------------------------------------------------------ the label */

/* Each radio button stands for one value of "panel-label". */
static gboolean
choice_get (GValue   *value,
            GVariant *variant,
            gpointer  user_data)
{
  g_value_set_boolean (value, g_strcmp0 (g_variant_get_string (variant, NULL), user_data) == 0);
  return TRUE;
}

/* The button turned off says nothing: the one turned on writes its value. */
static GVariant *
choice_set (const GValue       *value,
            const GVariantType *expected_type,
            gpointer            user_data)
{
  if (!g_value_get_boolean (value))
    return NULL;

  return g_variant_new_string (user_data);
}

static void
bind_choice (StintPreferencesPanel *self,
             GtkWidget             *radio,
             const char            *choice)
{
  g_settings_bind_with_mapping (self->settings, "panel-label", radio, "active",
                                G_SETTINGS_BIND_DEFAULT, choice_get, choice_set,
                                (gpointer)choice, NULL);
}

/* ------------------------------------------------------------ the goal */

static gboolean
is_bare_number (const char *text)
{
  gboolean digits = FALSE;

  for (; g_ascii_isdigit (*text); text++)
    digits = TRUE;
  if (digits && (*text == '.' || *text == ',') && g_ascii_isdigit (text[1]))
    for (text++; g_ascii_isdigit (*text); text++)
      ;

  return digits && *text == '\0';
}

/**
 * stint_preferences_panel_parse_goal:
 * @text: what the user typed: "7:30", "7.5h", "7h 30m", "450m", or a bare
 *   number of hours ("8", "7.5")
 * @seconds: (out): the goal
 *
 * A bare number means hours here, unlike in the entry editor, where it
 * means minutes: nobody aims at 8 minutes a day. Seconds are rounded to
 * the minute.
 *
 * Returns: %FALSE with @error set (STINT_PARSE_ERROR) and a sentence for
 *   the user when @text is no goal
 */
gboolean
stint_preferences_panel_parse_goal (const char  *text,
                                    guint       *seconds,
                                    GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *hours = NULL;
  gint64 value = 0;

  g_return_val_if_fail (seconds != NULL, FALSE);

  if (*stripped == '\0')
    {
      g_set_error_literal (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_EMPTY,
                           _("Type how long you mean to track a day, such as 7:30."));
      return FALSE;
    }

  if (is_bare_number (stripped))
    hours = g_strconcat (stripped, "h", NULL);

  if (!stint_parse_duration (hours != NULL ? hours : stripped, &value, NULL))
    {
      g_set_error (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_INVALID,
                   /* Translators: %s is what the user typed as a daily goal */
                   _("“%s” is not a time Stint understands; try 7:30, 7.5h or 7h 30m."),
                   stripped);
      return FALSE;
    }

  /* The tray counts whole minutes towards it. */
  value = (value + 30) / 60 * 60;
  if (value <= 0)
    {
      g_set_error_literal (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_RANGE,
                           _("A goal needs some time; to have none, turn the goal off."));
      return FALSE;
    }

  if (value > GOAL_MAX)
    {
      g_set_error_literal (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_RANGE,
                           _("A day has only 24 hours; the goal has to fit in one."));
      return FALSE;
    }

  *seconds = (guint)value;
  return TRUE;
}

static void
show_error (StintPreferencesPanel *self,
            const char            *message)
{
  gtk_label_set_text (self->goal_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->goal_error), message != NULL);
}

static void
show_goal (StintPreferencesPanel *self,
           guint                  goal)
{
  g_autofree char *text = stint_format_hmm (goal);

  self->showing = TRUE;
  gtk_entry_set_text (self->goal_entry, text);
  self->showing = FALSE;
}

static void
save_goal (StintPreferencesPanel *self,
           guint                  goal)
{
  self->last_goal = goal;
  if (g_settings_get_uint (self->settings, "daily-goal") != 0 &&
      g_settings_get_uint (self->settings, "daily-goal") != goal)
    g_settings_set_uint (self->settings, "daily-goal", goal);
}

/* A valid goal counts as soon as it is typed; mistakes wait for the user
 * to finish before they are pointed out. */
static void
on_goal_changed (StintPreferencesPanel *self)
{
  guint goal;

  if (self->showing || self->settings == NULL)
    return;

  if (stint_preferences_panel_parse_goal (gtk_entry_get_text (self->goal_entry), &goal, NULL))
    {
      show_error (self, NULL);
      save_goal (self, goal);
    }
}

static void
check_goal (StintPreferencesPanel *self)
{
  g_autoptr(GError) error = NULL;
  guint goal;

  if (self->settings == NULL)
    return;

  if (!stint_preferences_panel_parse_goal (gtk_entry_get_text (self->goal_entry), &goal, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  save_goal (self, goal);
  show_goal (self, goal);
}

static void
on_goal_activate (StintPreferencesPanel *self)
{
  check_goal (self);
}

static gboolean
on_goal_focus_out (StintPreferencesPanel *self)
{
  check_goal (self);
  return GDK_EVENT_PROPAGATE;
}

/* The setting changed (here, or by gsettings elsewhere): the field shows it
 * unless it already says the same in other words ("7.5h"). */
static void
on_goal_setting_changed (StintPreferencesPanel *self)
{
  guint goal = g_settings_get_uint (self->settings, "daily-goal");
  guint typed = 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->goal_entry), goal != 0);
  if (goal == 0)
    return;

  self->last_goal = goal;
  if (!stint_preferences_panel_parse_goal (gtk_entry_get_text (self->goal_entry), &typed, NULL) ||
      typed != goal)
    {
      show_goal (self, goal);
      show_error (self, NULL);
    }
}

static gboolean
switch_get (GValue   *value,
            GVariant *variant,
            gpointer  user_data)
{
  g_value_set_boolean (value, g_variant_get_uint32 (variant) != 0);
  return TRUE;
}

static GVariant *
switch_set (const GValue       *value,
            const GVariantType *expected_type,
            gpointer            user_data)
{
  StintPreferencesPanel *self = user_data;

  return g_variant_new_uint32 (g_value_get_boolean (value) ? self->last_goal : 0);
}

/* ------------------------------------------------------------ GObject */

static void
stint_preferences_panel_dispose (GObject *object)
{
  StintPreferencesPanel *self = (StintPreferencesPanel *)object;

  /* The switch's binding maps through us. */
  if (self->goal_switch != NULL)
    g_settings_unbind (self->goal_switch, "active");
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (stint_preferences_panel_parent_class)->dispose (object);
}

static void
stint_preferences_panel_class_init (StintPreferencesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_preferences_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stintapp/Stint/ui/"
                                               "stint-preferences-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesPanel, minutes_radio);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesPanel, seconds_radio);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesPanel, none_radio);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesPanel, goal_switch);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesPanel, goal_entry);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesPanel, goal_error);
  gtk_widget_class_bind_template_callback (widget_class, on_goal_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_goal_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_goal_focus_out);
}

static void
stint_preferences_panel_init (StintPreferencesPanel *self)
{
  self->last_goal = GOAL_SUGGESTED;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------ public API */

void
stint_preferences_panel_bind (StintPreferencesPanel *self,
                              GSettings             *settings)
{
  guint goal;

  g_return_if_fail (STINT_IS_PREFERENCES_PANEL (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);

  bind_choice (self, self->minutes_radio, "minutes");
  bind_choice (self, self->seconds_radio, "seconds");
  bind_choice (self, self->none_radio, "none");

  goal = g_settings_get_uint (settings, "daily-goal");
  show_goal (self, goal != 0 ? goal : self->last_goal);
  g_settings_bind_with_mapping (settings, "daily-goal", self->goal_switch, "active",
                                G_SETTINGS_BIND_DEFAULT, switch_get, switch_set, self, NULL);
  g_signal_connect_object (settings, "changed::daily-goal",
                           G_CALLBACK (on_goal_setting_changed), self, G_CONNECT_SWAPPED);
  on_goal_setting_changed (self);
}
