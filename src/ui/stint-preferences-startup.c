/* stint-preferences-startup.c: the Startup page of Preferences
 *
 * One switch, bound to the "autostart" key; the running Stint's
 * StintAutostart writes or removes the autostart entry to follow it, and
 * this page shows what went wrong when that fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-preferences-startup"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-preferences-startup.h"

struct _StintPreferencesStartup
{
  GtkBox          parent_instance;

  GSettings      *settings;
  StintAutostart *autostart;

  GtkWidget      *autostart_switch;
  GtkLabel       *problem_label;
};

G_DEFINE_FINAL_TYPE (StintPreferencesStartup, stint_preferences_startup, GTK_TYPE_BOX)

static void
update_problem (StintPreferencesStartup *self)
{
  g_autofree char *problem = NULL;

  if (self->autostart != NULL)
    g_object_get (self->autostart, "problem", &problem, NULL);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

static void
stint_preferences_startup_dispose (GObject *object)
{
  StintPreferencesStartup *self = (StintPreferencesStartup *)object;

  if (self->autostart != NULL)
    g_signal_handlers_disconnect_by_data (self->autostart, self);
  g_clear_object (&self->autostart);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (stint_preferences_startup_parent_class)->dispose (object);
}

static void
stint_preferences_startup_class_init (StintPreferencesStartupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_preferences_startup_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-preferences-startup.ui");
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesStartup, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesStartup, problem_label);
}

static void
stint_preferences_startup_init (StintPreferencesStartup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
stint_preferences_startup_bind (StintPreferencesStartup *self,
                                GSettings               *settings)
{
  g_return_if_fail (STINT_IS_PREFERENCES_STARTUP (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "autostart", self->autostart_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

/* @autostart: (nullable): the running Stint's, whose problems to show */
void
stint_preferences_startup_set_autostart (StintPreferencesStartup *self,
                                         StintAutostart          *autostart)
{
  g_return_if_fail (STINT_IS_PREFERENCES_STARTUP (self));
  g_return_if_fail (autostart == NULL || STINT_IS_AUTOSTART (autostart));

  if (self->autostart == autostart)
    return;
  if (self->autostart != NULL)
    g_signal_handlers_disconnect_by_data (self->autostart, self);
  g_set_object (&self->autostart, autostart);
  if (autostart != NULL)
    g_signal_connect_object (autostart, "notify::problem", G_CALLBACK (update_problem), self,
                             G_CONNECT_SWAPPED);
  update_problem (self);
}
