/* stint-preferences-startup.h: the Startup page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "app/stint-autostart.h"

G_BEGIN_DECLS

#define STINT_TYPE_PREFERENCES_STARTUP (stint_preferences_startup_get_type ())
G_DECLARE_FINAL_TYPE (StintPreferencesStartup, stint_preferences_startup,
                      STINT, PREFERENCES_STARTUP, GtkBox)

void stint_preferences_startup_bind          (StintPreferencesStartup *self,
                                              GSettings               *settings);
void stint_preferences_startup_set_autostart (StintPreferencesStartup *self,
                                              StintAutostart          *autostart);

G_END_DECLS
