/* stint-tracker-private.h: shared between the tracker's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-tracker.h"
#include "model/stint-entry-list.h"

G_BEGIN_DECLS

/* A stop a few seconds ahead of this clock is another clock's rounding, not
 * a typo worth refusing. */
#define STINT_TRACKER_FUTURE_SLACK_SECONDS 60

struct _StintTracker
{
  GObject         parent_instance;

  StintStore     *store;
  StintClock     *clock;
  StintEntry     *running;
  StintEntryList *recent;
  GListStore     *projects;
  GListStore     *tags;
  guint           recent_days;
  /* Local midnight of the oldest day held in @recent: the recent days, the
   * whole current week, and whatever stint_tracker_load_older() added. */
  gint64          loaded_from;
  gboolean        all_loaded;    /* the store has nothing older */
  GDateWeekday    first_weekday;
  gboolean        sync_enabled;
  gint64          default_project_id;  /* for entries started without a project; 0 = none */
};

StintOutboxKind stint_tracker_outbox_kind      (StintTracker     *self,
                                                StintOutboxKind   kind);
void            stint_tracker_set_running      (StintTracker     *self,
                                                StintEntry       *entry);
gboolean        stint_tracker_check_description (const char      *description,
                                                 GError         **error);
gboolean        stint_tracker_store_stop_running (StintTracker   *self,
                                                  gint64          stop,
                                                  StintEntry    **stopped,
                                                  GError        **error);
void            stint_tracker_show_stopped     (StintTracker     *self,
                                                StintEntry       *stopped);
StintEntry     *stint_tracker_find_entry       (StintTracker     *self,
                                                gint64            entry_id,
                                                GError          **error);
gint64          stint_tracker_days_before      (gint64            unix_seconds,
                                                int               days);
void            stint_tracker_compute_loaded_from (StintTracker  *self);
gboolean        stint_tracker_load_tags        (StintTracker     *self,
                                                GError          **error);
gint64          stint_tracker_default_project  (StintTracker     *self);

/* stint-tracker-names.c, for the quick syntax: names equal but for case,
 * and a tag name in the spelling Stint already uses (or NULL). */
gboolean        stint_tracker_same_name        (const char       *a,
                                                const char       *b);
const char     *stint_tracker_known_tag        (StintTracker     *self,
                                                const char       *name);

G_END_DECLS
