/* stint-preferences-window.h: where entries go, and the account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "app/stint-sign-in.h"

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

G_END_DECLS
