/* stint-preferences-panel.h: the Panel page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STINT_TYPE_PREFERENCES_PANEL (stint_preferences_panel_get_type ())
G_DECLARE_FINAL_TYPE (StintPreferencesPanel, stint_preferences_panel,
                      STINT, PREFERENCES_PANEL, GtkBox)

void     stint_preferences_panel_bind       (StintPreferencesPanel *self,
                                             GSettings             *settings);
gboolean stint_preferences_panel_parse_goal (const char            *text,
                                             guint                 *seconds,
                                             GError               **error);

G_END_DECLS
