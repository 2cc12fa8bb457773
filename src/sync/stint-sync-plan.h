/* stint-sync-plan.h: the outbox, coalesced into the requests to send
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store/stint-store.h"

G_BEGIN_DECLS

/**
 * StintSyncStepKind:
 * @STINT_SYNC_STEP_NOTHING: nothing to tell the server (a create never sent,
 *   then the delete; a delete of an entry the server never had)
 * @STINT_SYNC_STEP_CREATE: one create with the entry's state as stored now
 * @STINT_SYNC_STEP_UPDATE: one update with the entry's state as stored now
 * @STINT_SYNC_STEP_STOP: the running entry was stopped, nothing else changed
 * @STINT_SYNC_STEP_DELETE: the entry was deleted
 */
typedef enum {
  STINT_SYNC_STEP_NOTHING,
  STINT_SYNC_STEP_CREATE,
  STINT_SYNC_STEP_UPDATE,
  STINT_SYNC_STEP_STOP,
  STINT_SYNC_STEP_DELETE,
} StintSyncStepKind;

/**
 * StintSyncStep:
 * @entry_id: the entry (local id; its row may be gone)
 * @server_id: its server id as the operations know it, 0 for none
 * @workspace_id: the workspace the operations noted, 0 for unknown
 * @first_op_id: the oldest operation: steps go in the order of these
 * @last_op_id: the newest: the request settles every operation up to it
 * @n_ops: how many operations the step coalesces
 * @parked: the server refused the newest operation and the user has not
 *   changed the entry since: it waits for the user (retry or discard)
 * @error: (nullable): the sentence of the last failure, borrowed from the
 *   operations the plan was made of
 * @attempts: the most attempts any of its operations had
 * @next_attempt_at: when the oldest operation is due again, 0 for now
 */
typedef struct
{
  StintSyncStepKind  kind;
  gint64             entry_id;
  gint64             server_id;
  gint64             workspace_id;
  gint64             first_op_id;
  gint64             last_op_id;
  guint              n_ops;
  gboolean           parked;
  const char        *error;
  guint              attempts;
  gint64             next_attempt_at;
} StintSyncStep;

GArray *stint_sync_plan (GPtrArray *ops);

G_END_DECLS
