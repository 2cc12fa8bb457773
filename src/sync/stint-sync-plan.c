/* stint-sync-plan.c: the outbox, coalesced into the requests to send
 *
 * The outbox keeps every operation the user made, in order, each written
 * with its change: the record of what happened, which survives a crash. What
 * goes to the server is less: each entry's operations collapse into at most
 * one request carrying the entry's state as it is stored now.
 *
 *   create, edits, stop  →  one create with the final state
 *   create …, delete     →  nothing (the server never saw it)
 *   edits (and a stop)   →  one update
 *   a stop alone         →  a stop
 *   edits …, delete      →  the delete
 *
 * Entries go in the order of their oldest operation, so an entry stopped
 * offline reaches the server before the one started after it, as Toggl
 * stops a running entry when another starts.
 *
 * The plan is made again after every answer, from the outbox as it is then;
 * a request settles the operations up to its step's newest, so a change
 * queued while it was under way is sent after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sync"

#include "config.h"

#include "stint-sync-plan.h"

typedef struct
{
  gboolean create;
  gboolean delete;
  gboolean only_stops;
  gboolean last_failed;
} Seen;

static StintSyncStepKind
step_kind (const Seen          *seen,
           const StintSyncStep *step)
{
  if (seen->delete)
    return !seen->create && step->server_id != 0 ? STINT_SYNC_STEP_DELETE : STINT_SYNC_STEP_NOTHING;
  if (seen->create)
    return STINT_SYNC_STEP_CREATE;
  if (seen->only_stops)
    return STINT_SYNC_STEP_STOP;
  return STINT_SYNC_STEP_UPDATE;
}

/**
 * stint_sync_plan:
 * @ops: (element-type StintOutboxOp): the outbox, oldest first
 *
 * Returns: (transfer full) (element-type StintSyncStep): one step per
 *   entry with operations, in the order to send them
 */
GArray *
stint_sync_plan (GPtrArray *ops)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) seen = g_array_new (FALSE, TRUE, sizeof (Seen));
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (StintSyncStep));

  g_return_val_if_fail (ops != NULL, steps);

  for (guint i = 0; i < ops->len; i++)
    {
      StintOutboxOp *op = g_ptr_array_index (ops, i);
      gpointer slot = NULL;
      StintSyncStep *step;
      Seen *s;

      if (g_hash_table_lookup_extended (index, &op->entry_id, NULL, &slot))
        {
          step = &g_array_index (steps, StintSyncStep, GPOINTER_TO_UINT (slot));
          s = &g_array_index (seen, Seen, GPOINTER_TO_UINT (slot));
        }
      else
        {
          StintSyncStep blank = { 0 };
          Seen fresh = { .only_stops = TRUE };

          blank.entry_id = op->entry_id;
          blank.first_op_id = op->id;
          blank.next_attempt_at = op->next_attempt_at;
          g_array_append_val (steps, blank);
          g_array_append_val (seen, fresh);
          /* The key points into @ops, which outlives the table. */
          g_hash_table_insert (index, &op->entry_id, GUINT_TO_POINTER (steps->len - 1));
          step = &g_array_index (steps, StintSyncStep, steps->len - 1);
          s = &g_array_index (seen, Seen, seen->len - 1);
        }

      step->last_op_id = MAX (step->last_op_id, op->id);
      step->n_ops++;
      step->attempts = MAX (step->attempts, op->attempts);
      if (op->server_id != 0)
        step->server_id = op->server_id;
      if (op->workspace_id != 0)
        step->workspace_id = op->workspace_id;
      if (op->last_error != NULL)
        step->error = op->last_error;

      s->create |= op->kind == STINT_OUTBOX_CREATE;
      s->delete |= op->kind == STINT_OUTBOX_DELETE;
      s->only_stops &= op->kind == STINT_OUTBOX_UPDATE && op->is_stop;
      /* Only the newest counts: a change made after a refusal is the
       * user's retry. */
      s->last_failed = op->failed;
    }

  for (guint i = 0; i < steps->len; i++)
    {
      StintSyncStep *step = &g_array_index (steps, StintSyncStep, i);
      Seen *s = &g_array_index (seen, Seen, i);

      step->kind = step_kind (s, step);
      step->parked = s->last_failed;
    }

  return steps;
}
