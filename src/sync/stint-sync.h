/* stint-sync.h: sends the outbox to the service and brings its changes home
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "api/stint-backend.h"
#include "store/stint-store.h"
#include "sync/stint-budget.h"
#include "util/stint-clock.h"

G_BEGIN_DECLS

/**
 * StintSyncStatus:
 * @STINT_SYNC_STATUS_IDLE: nothing waits, or it all went through
 * @STINT_SYNC_STATUS_SYNCING: requests are under way
 * @STINT_SYNC_STATUS_OFFLINE: no network; changes wait
 * @STINT_SYNC_STATUS_WAITING: the server asked us to wait (quota, 429, 5xx backoff)
 * @STINT_SYNC_STATUS_SIGNED_OUT: the server refused the credentials; changes
 *   wait until the user signs in again
 */
typedef enum {
  STINT_SYNC_STATUS_IDLE,
  STINT_SYNC_STATUS_SYNCING,
  STINT_SYNC_STATUS_OFFLINE,
  STINT_SYNC_STATUS_WAITING,
  STINT_SYNC_STATUS_SIGNED_OUT,
} StintSyncStatus;

#define STINT_TYPE_SYNC_STATUS (stint_sync_status_get_type ())
GType            stint_sync_status_get_type (void) G_GNUC_CONST;

#define STINT_TYPE_SYNC (stint_sync_get_type ())
G_DECLARE_FINAL_TYPE (StintSync, stint_sync, STINT, SYNC, GObject)

StintSync       *stint_sync_new           (StintStore   *store,
                                           StintBackend *backend,
                                           StintClock   *clock,
                                           gint64        workspace_id);
void             stint_sync_start         (StintSync    *self);
void             stint_sync_stop          (StintSync    *self);
void             stint_sync_refresh       (StintSync    *self);
void             stint_sync_refresh_if_stale (StintSync *self,
                                           guint         max_age_seconds);
void             stint_sync_push          (StintSync    *self);
void             stint_sync_notify_resumed (StintSync   *self);
gboolean         stint_sync_retry_failed  (StintSync    *self,
                                           gint64        local_id,
                                           GError      **error);
guint            stint_sync_retry_all_failed (StintSync *self);
gboolean         stint_sync_discard_failed (StintSync   *self,
                                           gint64        local_id,
                                           GError      **error);

StintSyncStatus  stint_sync_get_status    (StintSync    *self);
const char      *stint_sync_get_message   (StintSync    *self);
guint            stint_sync_get_pending   (StintSync    *self);
guint            stint_sync_get_failed    (StintSync    *self);
gint64           stint_sync_get_last_sync (StintSync    *self);
gint64           stint_sync_get_next_attempt_at (StintSync *self);
int              stint_sync_get_requests_left (StintSync *self);
StintBudget     *stint_sync_get_budget    (StintSync    *self);

void             stint_sync_set_network_monitor (StintSync       *self,
                                                 GNetworkMonitor *monitor);
void             stint_sync_set_system_bus (StintSync       *self,
                                            GDBusConnection *system_bus);
void             stint_sync_set_rand      (StintSync    *self,
                                           GRand        *rand);

gint64           stint_sync_retry_delay   (guint         attempts,
                                           const GError *error,
                                           double        jitter);

/*
 * Signals:
 *   "entries-changed" (const gint64 *local_ids, guint n_ids): entries whose
 *     stored row changed because of the server (new server id, sync state,
 *     pulled edits) or vanished (pulled deletions, a discarded create). The
 *     application hands them to stint_tracker_reload_entries() so the screen
 *     follows.
 *   "projects-changed": projects or tags were pulled.
 * Properties (read-only, all notify): status, message ("3 changes waiting
 *   to sync", "Offline", …), pending (requests waiting, coalesced), failed
 *   (entries whose change Toggl refused), last-sync (Unix seconds of the last
 *   request that went through), requests-left (this hour, the tightest
 *   quota bucket; see stint_sync_get_budget() for each bucket).
 *
 * The sync works on the store's current account: switch accounts with a new
 * StintSync (stop the old one first). stint_sync_retry_delay() is the whole
 * backoff schedule for transient failures, in seconds.
 */

G_END_DECLS
