/* stint-sync.h: sends the outbox to the service and brings its changes home
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "api/stint-backend.h"
#include "store/stint-store.h"
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
void             stint_sync_push          (StintSync    *self);
StintSyncStatus  stint_sync_get_status    (StintSync    *self);
const char      *stint_sync_get_message   (StintSync    *self);
guint            stint_sync_get_pending   (StintSync    *self);
gint64           stint_sync_get_last_sync (StintSync    *self);
void             stint_sync_set_network_monitor (StintSync       *self,
                                                 GNetworkMonitor *monitor);

gint64           stint_sync_retry_delay   (guint         attempts,
                                           const GError *error);

/*
 * Signals:
 *   "entries-changed" (const gint64 *local_ids, guint n_ids): entries whose
 *     stored row changed because of the server (new server id, sync state,
 *     pulled edits) or vanished (pulled deletions). The application hands
 *     them to stint_tracker_reload_entries() so the screen follows.
 *   "projects-changed": projects or tags were pulled.
 * Properties: status, message, pending, last-sync (all notify).
 *
 * The sync works on the store's current account: switch accounts with a new
 * StintSync (stop the old one first). stint_sync_retry_delay() is the whole
 * retry policy for transient failures, in seconds.
 */

G_END_DECLS
