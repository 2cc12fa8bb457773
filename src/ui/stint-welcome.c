/* stint-welcome.c: the first-run welcome: what Stint is, and where entries go
 *
 * A new user can track at once, on this computer; the welcome says so and
 * offers to connect a Toggl account instead (Preferences, on the Account
 * page). It leaves for good, through the `welcome-shown` key, as soon as
 * the user has chosen, whichever way: one of its buttons, a first entry
 * started from the timer bar, or an account signed in elsewhere (`stint
 * --sign-in`). Closing the window is no choice: it asks again next time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-welcome"

#include "config.h"

#include "stint-welcome.h"

struct _StintWelcome
{
  GtkBox        parent_instance;

  GSettings    *settings;
  StintTracker *tracker;
};

G_DEFINE_FINAL_TYPE (StintWelcome, stint_welcome, GTK_TYPE_BOX)

static void
chosen (StintWelcome *self)
{
  /* The key's change handler below takes the welcome down. */
  g_settings_set_boolean (self->settings, "welcome-shown", TRUE);
}

static void
on_welcome_shown_changed (StintWelcome *self)
{
  if (g_settings_get_boolean (self->settings, "welcome-shown"))
    gtk_widget_destroy (GTK_WIDGET (self));
}

static void
on_account_kind_changed (StintWelcome *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "account-kind");

  if (!g_str_equal (kind, "local"))
    chosen (self);
}

/* A first entry is a choice too: tracking on this computer. */
static void
on_entries_changed (StintWelcome *self)
{
  if (stint_tracker_get_running (self->tracker) != NULL ||
      g_list_model_get_n_items (stint_tracker_get_recent (self->tracker)) > 0)
    chosen (self);
}

static void
stint_welcome_dispose (GObject *object)
{
  StintWelcome *self = (StintWelcome *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->tracker);

  G_OBJECT_CLASS (stint_welcome_parent_class)->dispose (object);
}

static void
stint_welcome_class_init (StintWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_welcome_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-welcome.ui");
  gtk_widget_class_bind_template_callback (widget_class, chosen);
}

static void
stint_welcome_init (StintWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * stint_welcome_new:
 * @settings: the application's settings (welcome-shown, account-kind)
 * @tracker: whose entries count as a choice
 *
 * The buttons that connect an account activate
 * `app.preferences-account('track')` and `('focus')`.
 *
 * Returns: (transfer floating): the welcome; it destroys itself once the
 *   user has chosen
 */
GtkWidget *
stint_welcome_new (GSettings    *settings,
                   StintTracker *tracker)
{
  StintWelcome *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (STINT_IS_TRACKER (tracker), NULL);

  self = g_object_new (STINT_TYPE_WELCOME, NULL);
  self->settings = g_object_ref (settings);
  self->tracker = g_object_ref (tracker);

  g_signal_connect_object (settings, "changed::welcome-shown",
                           G_CALLBACK (on_welcome_shown_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::account-kind",
                           G_CALLBACK (on_account_kind_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tracker, "notify::running",
                           G_CALLBACK (on_entries_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (stint_tracker_get_recent (tracker), "items-changed",
                           G_CALLBACK (on_entries_changed), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}
