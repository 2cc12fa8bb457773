/* stint-preferences-shortcuts.h: the Shortcuts page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "desktop/stint-shortcuts.h"

G_BEGIN_DECLS

#define STINT_TYPE_PREFERENCES_SHORTCUTS (stint_preferences_shortcuts_get_type ())
G_DECLARE_FINAL_TYPE (StintPreferencesShortcuts, stint_preferences_shortcuts,
                      STINT, PREFERENCES_SHORTCUTS, GtkBox)

void stint_preferences_shortcuts_bind          (StintPreferencesShortcuts *self,
                                                GSettings                 *settings);
void stint_preferences_shortcuts_set_shortcuts (StintPreferencesShortcuts *self,
                                                StintShortcuts            *shortcuts);

G_END_DECLS
