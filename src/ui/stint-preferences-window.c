/* stint-preferences-window.c: where entries go, the account, and the rest
 *
 * Pages in a sidebar, each in its own files (stint-preferences-*.c): the
 * window only stacks them and hands them what the running Stint knows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-preferences-window.h"
#include "stint-preferences-account.h"
#include "stint-preferences-panel.h"
#include "stint-preferences-shortcuts.h"
#include "stint-preferences-startup.h"
#include "stint-preferences-tracking.h"
#include "app/stint-application.h"

struct _StintPreferencesWindow
{
  GtkWindow       parent_instance;

  GtkStack       *stack;
  StintPreferencesAccount   *account_page;
  StintPreferencesTracking  *tracking_page;
  StintPreferencesPanel     *panel_page;
  StintPreferencesShortcuts *shortcuts_page;
  StintPreferencesStartup   *startup_page;
};

G_DEFINE_FINAL_TYPE (StintPreferencesWindow, stint_preferences_window, GTK_TYPE_WINDOW)

/* The running Stint connected to another account, or none. */
static void
on_sync_changed (StintPreferencesWindow *self,
                 GParamSpec             *pspec,
                 StintApplication       *application)
{
  stint_preferences_account_set_sync (self->account_page, stint_application_get_sync (application));
}

static gboolean
stint_preferences_window_key_press_event (GtkWidget   *widget,
                                          GdkEventKey *event)
{
  if (event->keyval == GDK_KEY_Escape)
    {
      gtk_window_close (GTK_WINDOW (widget));
      return GDK_EVENT_STOP;
    }

  return GTK_WIDGET_CLASS (stint_preferences_window_parent_class)->key_press_event (widget, event);
}

static void
stint_preferences_window_class_init (StintPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->key_press_event = stint_preferences_window_key_press_event;

  g_type_ensure (STINT_TYPE_PREFERENCES_ACCOUNT);
  g_type_ensure (STINT_TYPE_PREFERENCES_TRACKING);
  g_type_ensure (STINT_TYPE_PREFERENCES_PANEL);
  g_type_ensure (STINT_TYPE_PREFERENCES_SHORTCUTS);
  g_type_ensure (STINT_TYPE_PREFERENCES_STARTUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, account_page);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, tracking_page);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, panel_page);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, shortcuts_page);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, startup_page);
}

static void
stint_preferences_window_init (StintPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

StintPreferencesWindow *
stint_preferences_window_new (GtkApplication *application,
                              GSettings      *settings,
                              StintSignIn    *sign_in)
{
  StintPreferencesWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (STINT_IS_SIGN_IN (sign_in), NULL);

  self = g_object_new (STINT_TYPE_PREFERENCES_WINDOW, "application", application, NULL);
  stint_preferences_account_bind (self->account_page, settings, sign_in);

  /* The running Stint's database and sync, for what the Account page
   * shows and what signing out keeps. */
  if (STINT_IS_APPLICATION (application))
    {
      StintApplication *stint = STINT_APPLICATION (application);

      stint_preferences_account_set_store (self->account_page, stint_application_get_store (stint));
      if (stint_application_get_clock (stint) != NULL)
        stint_preferences_account_set_clock (self->account_page, stint_application_get_clock (stint));
      g_signal_connect_object (stint, "notify::sync", G_CALLBACK (on_sync_changed), self,
                               G_CONNECT_SWAPPED);
      on_sync_changed (self, NULL, stint);
    }

  stint_preferences_tracking_bind (self->tracking_page, settings);
  /* The projects to choose the default one from. */
  if (STINT_IS_APPLICATION (application) &&
      stint_application_get_tracker (STINT_APPLICATION (application)) != NULL)
    stint_preferences_tracking_set_tracker (self->tracking_page,
                                            stint_application_get_tracker (STINT_APPLICATION (application)));
  stint_preferences_panel_bind (self->panel_page, settings);
  stint_preferences_shortcuts_bind (self->shortcuts_page, settings);
  stint_preferences_startup_bind (self->startup_page, settings);

  return self;
}

/**
 * stint_preferences_window_set_account_problem:
 * @problem: (nullable): what the running Stint says is wrong with the
 *   account (signed out), or %NULL
 */
void
stint_preferences_window_set_account_problem (StintPreferencesWindow *self,
                                              const char             *problem)
{
  g_return_if_fail (STINT_IS_PREFERENCES_WINDOW (self));

  stint_preferences_account_set_problem (self->account_page, problem);
}

/**
 * stint_preferences_window_show_account:
 * @kind: "local", "track" or "focus": the explanation or sign-in form to
 *   bring into view
 *
 * Turns to the Account page, e.g. for the first-run welcome's choices.
 */
void
stint_preferences_window_show_account (StintPreferencesWindow *self,
                                       const char             *kind)
{
  g_return_if_fail (STINT_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (kind != NULL);

  gtk_stack_set_visible_child_name (self->stack, "account");
  stint_preferences_account_choose_kind (self->account_page, kind);
}

/**
 * stint_preferences_window_set_desktop:
 * @idle_monitor: (nullable): where idle time comes from, for Tracking
 * @shortcuts: (nullable): which path global shortcuts take, for Shortcuts
 * @autostart: (nullable): what went wrong starting at login, for Startup
 *
 * The running Stint's desktop integration, for the pages to describe.
 */
void
stint_preferences_window_set_desktop (StintPreferencesWindow *self,
                                      StintIdleMonitor       *idle_monitor,
                                      StintShortcuts         *shortcuts,
                                      StintAutostart         *autostart)
{
  g_return_if_fail (STINT_IS_PREFERENCES_WINDOW (self));

  stint_preferences_tracking_set_idle_monitor (self->tracking_page, idle_monitor);
  stint_preferences_shortcuts_set_shortcuts (self->shortcuts_page, shortcuts);
  stint_preferences_startup_set_autostart (self->startup_page, autostart);
}
