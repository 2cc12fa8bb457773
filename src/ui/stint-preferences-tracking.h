/* stint-preferences-tracking.h: the Tracking page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"
#include "desktop/stint-idle-monitor.h"

G_BEGIN_DECLS

#define STINT_TYPE_PREFERENCES_TRACKING (stint_preferences_tracking_get_type ())
G_DECLARE_FINAL_TYPE (StintPreferencesTracking, stint_preferences_tracking,
                      STINT, PREFERENCES_TRACKING, GtkBox)

void stint_preferences_tracking_bind             (StintPreferencesTracking *self,
                                                  GSettings                *settings);
void stint_preferences_tracking_set_idle_monitor (StintPreferencesTracking *self,
                                                  StintIdleMonitor         *monitor);
void stint_preferences_tracking_set_tracker      (StintPreferencesTracking *self,
                                                  StintTracker             *tracker);

G_END_DECLS
