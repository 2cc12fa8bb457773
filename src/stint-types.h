/* stint-types.h: shared enums of the GTK-free core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * StintSyncState:
 * @STINT_SYNC_STATE_SYNCED: the server has the entry as shown (or there is no server)
 * @STINT_SYNC_STATE_PENDING: a change waits in the outbox
 * @STINT_SYNC_STATE_FAILED: the server refused a change; the entry says why
 */
typedef enum {
  STINT_SYNC_STATE_SYNCED,
  STINT_SYNC_STATE_PENDING,
  STINT_SYNC_STATE_FAILED,
} StintSyncState;

/**
 * StintOutboxKind:
 * @STINT_OUTBOX_NONE: local mode: nothing to tell a server
 * @STINT_OUTBOX_CREATE: the entry is new
 * @STINT_OUTBOX_UPDATE: fields of a known entry changed (a stop is an update)
 * @STINT_OUTBOX_DELETE: the entry was deleted
 */
typedef enum {
  STINT_OUTBOX_NONE,
  STINT_OUTBOX_CREATE,
  STINT_OUTBOX_UPDATE,
  STINT_OUTBOX_DELETE,
} StintOutboxKind;

G_END_DECLS
