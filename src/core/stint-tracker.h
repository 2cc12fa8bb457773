/* stint-tracker.h: the one domain service the UI talks to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "model/stint-entry.h"
#include "model/stint-project.h"
#include "model/stint-tag.h"
#include "store/stint-store.h"
#include "util/stint-clock.h"

G_BEGIN_DECLS

#define STINT_TRACKER_ERROR (stint_tracker_error_quark ())

typedef enum {
  STINT_TRACKER_ERROR_INVALID,      /* the change makes no sense; the message says why */
  STINT_TRACKER_ERROR_NOT_RUNNING,
  STINT_TRACKER_ERROR_NOT_FOUND,
  STINT_TRACKER_ERROR_OVERLAP,      /* a start before the last entry ended */
} StintTrackerError;

/**
 * StintStartFlags:
 * @STINT_START_DEFAULT: refuse a start before the last entry ended
 * @STINT_START_ALLOW_OVERLAP: the user confirmed such a start
 * @STINT_START_PROJECT_CHOSEN: for stint_tracker_start_quick(): the project
 *   of its defaults is what the user chose, "no project" (0) included, so
 *   the default project does not stand in for it. Without this flag 0 means
 *   "not chosen", as from the tray or `stint --start`.
 */
typedef enum {
  STINT_START_DEFAULT        = 0,
  STINT_START_ALLOW_OVERLAP  = 1 << 0,
  STINT_START_PROJECT_CHOSEN = 1 << 1,
} StintStartFlags;

/**
 * StintUnknownNames:
 * @project: an `@project` typed that names no project, or %NULL
 * @tags: `#tags` typed that name no tag yet (never %NULL)
 *
 * What quick syntax asked for that Stint does not know: offered to the user
 * for creation, never created silently.
 */
typedef struct
{
  char  *project;
  char **tags;
} StintUnknownNames;

void  stint_unknown_names_free     (StintUnknownNames       *names);
char *stint_unknown_names_describe (const StintUnknownNames *names);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintUnknownNames, stint_unknown_names_free)

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
gint64         stint_tracker_get_default_project_id (StintTracker    *self);
void           stint_tracker_set_default_project_id (StintTracker    *self,
                                                     gint64           project_id);
StintProject  *stint_tracker_get_default_project (StintTracker       *self);

StintEntry    *stint_tracker_get_running        (StintTracker        *self);
GListModel    *stint_tracker_get_recent         (StintTracker        *self);
GListModel    *stint_tracker_get_projects       (StintTracker        *self);
StintProject  *stint_tracker_lookup_project     (StintTracker        *self,
                                                 gint64               project_id);
GPtrArray     *stint_tracker_get_distinct_recent (StintTracker       *self,
                                                  guint               max);
gint           stint_tracker_load_older         (StintTracker        *self,
                                                 guint                days,
                                                 GError             **error);
gboolean       stint_tracker_get_all_loaded     (StintTracker        *self);
gint64         stint_tracker_get_last_stop      (StintTracker        *self);

GDateWeekday   stint_tracker_locale_first_weekday (void);
GDateWeekday   stint_tracker_get_first_weekday  (StintTracker        *self);
void           stint_tracker_set_first_weekday  (StintTracker        *self,
                                                 GDateWeekday         weekday);
gint64         stint_tracker_get_week_start     (StintTracker        *self);
gint64         stint_tracker_get_week_total     (StintTracker        *self);
gint64         stint_tracker_get_today_total    (StintTracker        *self);

gboolean       stint_tracker_get_billable_allowed (StintTracker      *self,
                                                   StintEntry        *entry);

GListModel    *stint_tracker_get_tags           (StintTracker        *self);
StintProject  *stint_tracker_find_project       (StintTracker        *self,
                                                 const char          *name);
gboolean       stint_tracker_knows_tag          (StintTracker        *self,
                                                 const char          *name);
StintTag      *stint_tracker_create_tag         (StintTracker        *self,
                                                 const char          *name,
                                                 GError             **error);
StintUnknownNames *stint_tracker_find_unknown   (StintTracker        *self,
                                                 const char          *text);

StintEntry    *stint_tracker_start              (StintTracker        *self,
                                                 const char          *description,
                                                 gint64               project_id,
                                                 const char * const  *tags,
                                                 gboolean             billable,
                                                 GError             **error);
StintEntry    *stint_tracker_start_at           (StintTracker        *self,
                                                 const char          *description,
                                                 gint64               project_id,
                                                 const char * const  *tags,
                                                 gboolean             billable,
                                                 gint64               start,
                                                 StintStartFlags      flags,
                                                 GError             **error);
StintEntry    *stint_tracker_start_quick        (StintTracker        *self,
                                                 const char          *text,
                                                 StintEntry          *defaults,
                                                 gint64               start,
                                                 StintStartFlags      flags,
                                                 StintUnknownNames  **unknown,
                                                 GError             **error);
gboolean       stint_tracker_apply_quick        (StintTracker        *self,
                                                 gint64               entry_id,
                                                 const char          *text,
                                                 StintUnknownNames  **unknown,
                                                 GError             **error);
gboolean       stint_tracker_adopt_names        (StintTracker        *self,
                                                 gint64               entry_id,
                                                 const StintUnknownNames *names,
                                                 GError             **error);
StintEntry    *stint_tracker_continue           (StintTracker        *self,
                                                 gint64               entry_id,
                                                 GError             **error);
StintEntry    *stint_tracker_stop               (StintTracker        *self,
                                                 GError             **error);
StintEntry    *stint_tracker_stop_at            (StintTracker        *self,
                                                 gint64               stop,
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
