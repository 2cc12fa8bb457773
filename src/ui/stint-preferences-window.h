/* stint-preferences-window.h: where entries go, the account, and the rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "app/stint-autostart.h"
#include "app/stint-sign-in.h"
#include "desktop/stint-idle-monitor.h"
#include "desktop/stint-shortcuts.h"

G_BEGIN_DECLS

#define STINT_TYPE_PREFERENCES_WINDOW (stint_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (StintPreferencesWindow, stint_preferences_window,
                      STINT, PREFERENCES_WINDOW, GtkWindow)

StintPreferencesWindow *stint_preferences_window_new (GtkApplication         *application,
                                                      GSettings              *settings,
                                                      StintSignIn            *sign_in);
void                    stint_preferences_window_set_account_problem
                                                     (StintPreferencesWindow *self,
                                                      const char             *problem);
void                    stint_preferences_window_show_account
                                                     (StintPreferencesWindow *self,
                                                      const char             *kind);
void                    stint_preferences_window_set_desktop
                                                     (StintPreferencesWindow *self,
                                                      StintIdleMonitor       *idle_monitor,
                                                      StintShortcuts         *shortcuts,
                                                      StintAutostart         *autostart);

G_END_DECLS
