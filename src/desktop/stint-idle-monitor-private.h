/* stint-idle-monitor-private.h: what the files of StintIdleMonitor share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-idle-monitor.h"

G_BEGIN_DECLS

typedef enum {
  SOURCE_UNKNOWN = -2,   /* not asked yet, or being asked */
  SOURCE_NONE = -1,      /* nothing answers */
  SOURCE_MUTTER,
  SOURCE_SCREENSAVER,
  SOURCE_LOGIND,
  N_SOURCES
} StintIdleSource;

struct _StintIdleMonitor
{
  GObject            parent_instance;

  StintClock        *clock;
  StintSleepMonitor *sleep_monitor;
  GDBusConnection   *session_bus;
  GDBusConnection   *system_bus;
  guint              buses_pending;
  GCancellable      *cancellable;

  StintIdleSource    source;
  StintIdleSource    asking;            /* the source a call is out to; NONE = no call */
  char              *logind_session;
  guint              screensaver_unit;  /* milliseconds per unit: 1 or 1000; 0 = not known */

  guint              threshold;
  gboolean           active;
  guint              timeout_id;
  gboolean           idle;
  gint64             idle_since;
};

const char *stint_idle_source_name        (StintIdleSource   source);
void        stint_idle_monitor_set_source (StintIdleMonitor *self,
                                           StintIdleSource   source);
void        stint_idle_monitor_sample     (StintIdleMonitor *self,
                                           gint64            idle,
                                           gint64            back);

/* stint-idle-sources.c */
void        stint_idle_monitor_probe      (StintIdleMonitor *self,
                                           StintIdleSource   after);
void        stint_idle_monitor_ask        (StintIdleMonitor *self,
                                           StintIdleSource   source);

G_END_DECLS
