/* stint-sleep-monitor.h: when the computer sleeps, wakes and shuts down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "util/stint-clock.h"

G_BEGIN_DECLS

#define STINT_TYPE_SLEEP_MONITOR (stint_sleep_monitor_get_type ())
G_DECLARE_FINAL_TYPE (StintSleepMonitor, stint_sleep_monitor, STINT, SLEEP_MONITOR, GObject)

StintSleepMonitor *stint_sleep_monitor_new         (StintClock        *clock,
                                                    GDBusConnection   *system_bus);
gboolean           stint_sleep_monitor_get_asleep  (StintSleepMonitor *self);
gboolean           stint_sleep_monitor_get_inhibit (StintSleepMonitor *self);
void               stint_sleep_monitor_set_inhibit (StintSleepMonitor *self,
                                                    gboolean           inhibit);
gboolean           stint_sleep_monitor_get_inhibiting (StintSleepMonitor *self);

G_END_DECLS
