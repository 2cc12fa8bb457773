/* stint-tracker.h: the one domain service the UI talks to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "model/stint-entry.h"
#include "model/stint-project.h"
#include "store/stint-store.h"
#include "util/stint-clock.h"

G_BEGIN_DECLS

#define STINT_TRACKER_ERROR (stint_tracker_error_quark ())

typedef enum {
  STINT_TRACKER_ERROR_INVALID,      /* the change makes no sense; the message says why */
  STINT_TRACKER_ERROR_NOT_RUNNING,
  STINT_TRACKER_ERROR_NOT_FOUND,
} StintTrackerError;

/* Longest description Stint accepts; Toggl's web app stops at the same length. */
#define STINT_DESCRIPTION_MAX_CHARS 3000
/* Longest entry: Toggl refuses durations above 999 hours. */
#define STINT_DURATION_MAX_SECONDS (999 * 3600)

#define STINT_TYPE_TRACKER (stint_tracker_get_type ())
G_DECLARE_FINAL_TYPE (StintTracker, stint_tracker, STINT, TRACKER, GObject)

GQuark         stint_tracker_error_quark        (void);

StintTracker  *stint_tracker_new                (StintStore          *store,
                                                 StintClock          *clock,
                                                 guint                recent_days,
                                                 GError             **error);
gboolean       stint_tracker_reload             (StintTracker        *self,
                                                 GError             **error);
void           stint_tracker_reload_entries     (StintTracker        *self,
                                                 const gint64        *ids,
                                                 guint                n_ids);
StintClock    *stint_tracker_get_clock          (StintTracker        *self);
StintStore    *stint_tracker_get_store          (StintTracker        *self);
gboolean       stint_tracker_get_sync_enabled   (StintTracker        *self);
void           stint_tracker_set_sync_enabled   (StintTracker        *self,
                                                 gboolean             sync_enabled);

StintEntry    *stint_tracker_get_running        (StintTracker        *self);
GListModel    *stint_tracker_get_recent         (StintTracker        *self);
GListModel    *stint_tracker_get_projects       (StintTracker        *self);
StintProject  *stint_tracker_lookup_project     (StintTracker        *self,
                                                 gint64               project_id);
GPtrArray     *stint_tracker_get_distinct_recent (StintTracker       *self,
                                                  guint               max);

StintEntry    *stint_tracker_start              (StintTracker        *self,
                                                 const char          *description,
                                                 gint64               project_id,
                                                 const char * const  *tags,
                                                 gboolean             billable,
                                                 GError             **error);
StintEntry    *stint_tracker_continue           (StintTracker        *self,
                                                 gint64               entry_id,
                                                 GError             **error);
StintEntry    *stint_tracker_stop               (StintTracker        *self,
                                                 GError             **error);
StintEntry    *stint_tracker_toggle             (StintTracker        *self,
                                                 GError             **error);
gboolean       stint_tracker_update             (StintTracker        *self,
                                                 StintEntry          *edited,
                                                 GError             **error);
gboolean       stint_tracker_delete             (StintTracker        *self,
                                                 gint64               entry_id,
                                                 GError             **error);
StintEntry    *stint_tracker_restore            (StintTracker        *self,
                                                 StintEntry          *deleted,
                                                 GError             **error);
StintProject  *stint_tracker_create_project     (StintTracker        *self,
                                                 const char          *name,
                                                 const char          *color,
                                                 GError             **error);

G_END_DECLS
