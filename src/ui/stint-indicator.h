/* stint-indicator.h: the tray item and its menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-nudges.h"
#include "core/stint-tracker.h"

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

G_END_DECLS
