/* stint-idle-monitor.h: whether the user is away from the computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "desktop/stint-sleep-monitor.h"
#include "util/stint-clock.h"

G_BEGIN_DECLS

#define STINT_TYPE_IDLE_MONITOR (stint_idle_monitor_get_type ())
G_DECLARE_FINAL_TYPE (StintIdleMonitor, stint_idle_monitor, STINT, IDLE_MONITOR, GObject)

StintIdleMonitor *stint_idle_monitor_new           (StintClock        *clock,
                                                    StintSleepMonitor *sleep_monitor);
const char       *stint_idle_monitor_get_source    (StintIdleMonitor  *self);
char             *stint_idle_monitor_describe      (StintIdleMonitor  *self);
gboolean          stint_idle_monitor_get_active    (StintIdleMonitor  *self);
void              stint_idle_monitor_set_active    (StintIdleMonitor  *self,
                                                    gboolean           active);
gboolean          stint_idle_monitor_get_idle      (StintIdleMonitor  *self);

G_END_DECLS
