/* stint-indicator.h: the tray item and its menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-nudges.h"
#include "core/stint-tracker.h"
#include "sync/stint-sync.h"

G_BEGIN_DECLS

#define STINT_TYPE_INDICATOR (stint_indicator_get_type ())
G_DECLARE_FINAL_TYPE (StintIndicator, stint_indicator, STINT, INDICATOR, GObject)

/* How many recent activities the Continue submenu offers. */
#define STINT_INDICATOR_CONTINUE_ITEMS 5

StintIndicator *stint_indicator_new (StintTracker *tracker,
                                     GActionGroup *actions,
                                     const char   *icon_theme_path);
void            stint_indicator_set_problem (StintIndicator *self,
                                             const char     *problem);
void            stint_indicator_set_nudges  (StintIndicator *self,
                                             StintNudges    *nudges);
void            stint_indicator_set_sync    (StintIndicator *self,
                                             StintSync      *sync);
void            stint_indicator_set_panel_label (StintIndicator *self,
                                                 const char     *panel_label);
void            stint_indicator_set_daily_goal  (StintIndicator *self,
                                                 guint           seconds);

/*
 * Properties (the application binds the settings of the same names):
 *   "panel-label" (string): "minutes" (H:MM, the default), "seconds"
 *     (H:MM:SS, ticking every second while a timer runs) or "none"
 *   "daily-goal" (uint): seconds to track a day; 0 for no goal. With a
 *     goal the menu shows today's total and the time left to it.
 *
 * Signals:
 *   "connection-changed" (gboolean connected): the panel took the item, or
 *     lost it
 */

G_END_DECLS
