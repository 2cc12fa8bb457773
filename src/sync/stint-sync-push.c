/* stint-sync-push.c: sending the outbox, one operation at a time
 *
 * Operations go in the order the user made them, so an entry's update never
 * overtakes its create. Each request carries the entry's state as stored
 * now, which already includes every later update queued for it: those are
 * settled with the same answer. A create whose entry is gone, and a delete
 * of an entry the server never had, have nothing to say and are dropped.
 *
 * An operation the server refused is parked as failed (the entry shows why)
 * and holds back the later operations of its entry only, until the user
 * changes the entry again: that change is the retry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-sync-private.h"

typedef enum {
  REQUEST_CREATE,
  REQUEST_UPDATE,
  REQUEST_STOP,
  REQUEST_DELETE,
} Request;

/* One operation under way. A weak reference: a sync dropped meanwhile is
 * disposed (which cancels the request), not kept alive to send more. */
typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;   /* the run it belongs to */
  Request       request;
  gint64        op_id;
  gint64        entry_id;
  gint64        covered;       /* the newest update op the state sent includes */
} Send;

typedef enum {
  STEP_SENT,      /* a request is under way */
  STEP_DROPPED,   /* settled without a request: look again */
  STEP_STUCK,     /* the store failed: try again on the next change or start */
} Step;

static void
send_free (Send *send)
{
  g_weak_ref_clear (&send->self);
  g_clear_object (&send->cancellable);
  g_free (send);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Send, send_free)

static gboolean
later_op_for (GPtrArray *ops,
              guint      index,
              gboolean   updates_only)
{
  StintOutboxOp *op = g_ptr_array_index (ops, index);

  for (guint i = index + 1; i < ops->len; i++)
    {
      StintOutboxOp *later = g_ptr_array_index (ops, i);

      if (later->entry_id == op->entry_id && !later->failed &&
          (!updates_only || later->kind == STINT_OUTBOX_UPDATE))
        return TRUE;
    }

  return FALSE;
}

/* The newest update queued for @entry_id: the state read now includes it. */
static gint64
newest_update (GPtrArray *ops,
               gint64     entry_id)
{
  gint64 newest = 0;

  for (guint i = 0; i < ops->len; i++)
    {
      StintOutboxOp *op = g_ptr_array_index (ops, i);

      if (op->entry_id == entry_id && op->kind == STINT_OUTBOX_UPDATE)
        newest = MAX (newest, op->id);
    }

  return newest;
}

/* Counts what waits and what is parked, and finds the operation to send
 * next; sets @index to its position. */
static StintOutboxOp *
pick (StintSync *self,
      GPtrArray *ops,
      guint     *index)
{
  g_autoptr(GHashTable) parked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  StintOutboxOp *next = NULL;
  const char *failed_message = NULL;
  guint pending = 0;
  guint failed = 0;

  for (guint i = 0; i < ops->len; i++)
    {
      StintOutboxOp *op = g_ptr_array_index (ops, i);

      if (g_hash_table_contains (parked, &op->entry_id))
        {
          pending++;
          continue;
        }

      /* A newer change to the same entry is the user's retry. */
      if (op->failed && !later_op_for (ops, i, FALSE))
        {
          g_hash_table_add (parked, g_memdup2 (&op->entry_id, sizeof op->entry_id));
          failed++;
          failed_message = op->last_error;
          continue;
        }

      pending++;
      if (next == NULL)
        {
          next = op;
          *index = i;
        }
    }

  stint_sync_set_counts (self, pending, failed, failed_message);

  return next;
}

/* A copy of @entry in the server's terms: its workspace, its project's
 * server id (none while the project has none). */
static StintEntry *
entry_for_server (StintSync  *self,
                  StintEntry *entry,
                  gint64      server_id)
{
  StintEntry *copy = stint_entry_copy (entry);
  gint64 project_sid;

  if (stint_entry_get_workspace_id (copy) == 0)
    stint_entry_set_workspace_id (copy, self->workspace_id);
  project_sid = stint_store_project_server_id (self->store, stint_entry_get_project_id (entry));
  stint_entry_set_project_id (copy, project_sid);
  stint_entry_set_server_id (copy, server_id);

  return copy;
}

/* Records the server's answer. FALSE when the store could record nothing,
 * not even that the operation failed. */
static gboolean
settle_sent (StintSync     *self,
             Send          *send,
             StintEntry    *answer)
{
  g_autoptr(GError) error = NULL;
  gint64 server_id = answer != NULL ? stint_entry_get_server_id (answer) : 0;
  gint64 at = answer != NULL ? stint_entry_get_at (answer) : 0;

  if (!stint_store_begin (self->store, &error))
    goto fail;

  if (!stint_store_remove_outbox_op (self->store, send->op_id, &error) ||
      (send->request != REQUEST_DELETE &&
       (!stint_store_remove_covered_updates (self->store, send->entry_id, send->covered, &error) ||
        !stint_store_mark_synced (self->store, send->entry_id, server_id, at, &error))) ||
      !stint_store_commit (self->store, &error))
    {
      stint_store_rollback (self->store);
      goto fail;
    }

  g_debug ("Operation %" G_GINT64_FORMAT " on entry %" G_GINT64_FORMAT " went through"
           " (server id %" G_GINT64_FORMAT ")", send->op_id, send->entry_id, server_id);
  return TRUE;

fail:
  /* The server has the change but the store cannot say so. Sending it again
   * could make a second entry: park it where the user sees why. */
  g_debug ("Recording operation %" G_GINT64_FORMAT ": %s", send->op_id, error->message);
  if (g_error_matches (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND))
    return TRUE;

  if (!stint_store_mark_failed (self->store, send->op_id, error->message, NULL))
    {
      stint_sync_store_failed (self, error);
      return FALSE;
    }

  return TRUE;
}

static void
send_failed (StintSync    *self,
             Send         *send,
             const GError *error)
{
  g_autoptr(GError) store_error = NULL;
  StintSyncFailure failure = stint_sync_classify (error);
  gint64 next;

  switch (failure)
    {
    case STINT_SYNC_FAILURE_SIGNED_OUT:
      stint_sync_signed_out (self, error);
      break;

    case STINT_SYNC_FAILURE_REFUSED:
      g_debug ("Operation %" G_GINT64_FORMAT " refused: %s", send->op_id, error->message);
      if (!stint_store_mark_failed (self->store, send->op_id, error->message, &store_error))
        g_debug ("Parking operation %" G_GINT64_FORMAT ": %s", send->op_id, store_error->message);
      break;

    case STINT_SYNC_FAILURE_CANCELLED:
    case STINT_SYNC_FAILURE_OFFLINE:
    case STINT_SYNC_FAILURE_TRANSIENT:
    case STINT_SYNC_FAILURE_QUOTA:
    default:
      next = stint_sync_wait (self, failure, error);
      if (!stint_store_record_attempt (self->store, send->op_id, error->message, next,
                                       &store_error))
        g_debug ("Recording an attempt: %s", store_error->message);
      break;
    }
}

static void
send_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Send) send = user_data;
  StintBackend *backend = STINT_BACKEND (object);
  g_autoptr(StintSync) self = g_weak_ref_get (&send->self);
  g_autoptr(StintEntry) answer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  switch (send->request)
    {
    case REQUEST_CREATE:
      answer = stint_backend_create_entry_finish (backend, result, &error);
      ok = answer != NULL;
      break;
    case REQUEST_UPDATE:
      answer = stint_backend_update_entry_finish (backend, result, &error);
      ok = answer != NULL;
      break;
    case REQUEST_STOP:
      answer = stint_backend_stop_entry_finish (backend, result, &error);
      ok = answer != NULL;
      break;
    case REQUEST_DELETE:
    default:
      ok = stint_backend_delete_entry_finish (backend, result, &error);
      break;
    }

  /* Disposed, or stop() moved on: the answer belongs to a run that is over. */
  if (self == NULL || send->cancellable != self->cancellable)
    return;

  self->sending = FALSE;

  if (ok)
    {
      stint_sync_succeeded (self);
      if (!settle_sent (self, send, answer))
        return;
    }
  else
    {
      if (error == NULL)
        g_set_error_literal (&error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY,
                             _("Toggl sent an answer Stint cannot read."));
      send_failed (self, send, error);
    }

  stint_sync_emit_entries_changed (self, &send->entry_id, 1);
  stint_sync_resume (self);
}

static Send *
send_new (StintSync     *self,
          StintOutboxOp *op,
          Request        request)
{
  Send *send = g_new0 (Send, 1);

  g_weak_ref_init (&send->self, self);
  send->cancellable = g_object_ref (self->cancellable);
  send->request = request;
  send->op_id = op->id;
  send->entry_id = op->entry_id;

  return send;
}

/* Settles @op without a request, e.g. a delete of an entry the server never
 * had. */
static Step
drop (StintSync     *self,
      StintOutboxOp *op,
      gboolean       with_entry_ops)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_debug ("Dropping operation %" G_GINT64_FORMAT " (kind %d) on entry %" G_GINT64_FORMAT
           ": nothing to send", op->id, op->kind, op->entry_id);

  if (with_entry_ops)
    ok = stint_store_remove_entry_ops (self->store, op->entry_id, &error);
  else
    ok = stint_store_remove_outbox_op (self->store, op->id, &error);
  if (!ok)
    {
      g_debug ("Dropping operation %" G_GINT64_FORMAT ": %s", op->id, error->message);
      return STEP_STUCK;
    }

  stint_sync_emit_entries_changed (self, &op->entry_id, 1);

  return STEP_DROPPED;
}

static Step
send_entry (StintSync     *self,
            GPtrArray     *ops,
            guint          index,
            StintOutboxOp *op)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) copy = NULL;
  g_autoptr(GError) error = NULL;
  Send *send;
  gint64 server_id;

  entry = stint_store_load_entry (self->store, op->entry_id, &error);
  if (entry == NULL)
    {
      if (!g_error_matches (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND))
        {
          g_debug ("Loading entry %" G_GINT64_FORMAT ": %s", op->entry_id, error->message);
          return STEP_STUCK;
        }

      /* Deleted since: a create never sent takes the rest with it (the
       * delete has no server id to send); an update leaves it to the
       * delete. */
      return drop (self, op, op->kind == STINT_OUTBOX_CREATE);
    }

  server_id = stint_entry_get_server_id (entry);
  if (op->kind == STINT_OUTBOX_CREATE || server_id == 0)
    {
      send = send_new (self, op, REQUEST_CREATE);
      copy = entry_for_server (self, entry, 0);
    }
  else
    {
      gboolean stop = op->is_stop && !stint_entry_is_running (entry) &&
                      !later_op_for (ops, index, TRUE);

      send = send_new (self, op, stop ? REQUEST_STOP : REQUEST_UPDATE);
      copy = entry_for_server (self, entry, server_id);
    }
  send->covered = newest_update (ops, op->entry_id);

  g_debug ("Sending operation %" G_GINT64_FORMAT " on entry %" G_GINT64_FORMAT " as request %d",
           op->id, op->entry_id, send->request);

  self->sending = TRUE;
  stint_sync_begin_request (self);

  switch (send->request)
    {
    case REQUEST_CREATE:
      stint_backend_create_entry_async (self->backend, copy, self->cancellable, send_done_cb, send);
      break;
    case REQUEST_STOP:
      stint_backend_stop_entry_async (self->backend, copy, self->cancellable, send_done_cb, send);
      break;
    case REQUEST_UPDATE:
    default:
      /* Without the state the server last had, every field goes. */
      stint_backend_update_entry_async (self->backend, copy, NULL, self->cancellable,
                                        send_done_cb, send);
      break;
    }

  return STEP_SENT;
}

static Step
send_delete (StintSync     *self,
             StintOutboxOp *op)
{
  gint64 workspace_id = op->workspace_id != 0 ? op->workspace_id : self->workspace_id;

  /* The create never went out (or was dropped): nothing to delete. */
  if (op->server_id == 0)
    return drop (self, op, FALSE);

  if (workspace_id <= 0)
    {
      if (!stint_store_mark_failed (self->store, op->id,
                                    _("Stint does not know the workspace of this entry."), NULL))
        return STEP_STUCK;
      stint_sync_emit_entries_changed (self, &op->entry_id, 1);
      return STEP_DROPPED;
    }

  g_debug ("Sending operation %" G_GINT64_FORMAT ": delete %" G_GINT64_FORMAT,
           op->id, op->server_id);

  self->sending = TRUE;
  stint_sync_begin_request (self);
  stint_backend_delete_entry_async (self->backend, workspace_id, op->server_id, self->cancellable,
                                    send_done_cb, send_new (self, op, REQUEST_DELETE));

  return STEP_SENT;
}

/**
 * stint_sync_drain:
 *
 * Counts the outbox, then sends its next operation if requests may go out
 * and none is under way. Each answer calls this again.
 */
void
stint_sync_drain (StintSync *self)
{
  for (;;)
    {
      g_autoptr(GPtrArray) ops = NULL;
      g_autoptr(GError) error = NULL;
      StintOutboxOp *op;
      guint index = 0;
      Step step;

      ops = stint_store_load_outbox (self->store, &error);
      if (ops == NULL)
        {
          g_debug ("Reading the outbox: %s", error->message);
          return;
        }

      op = pick (self, ops, &index);

      if (!self->started || self->sending || self->pulling)
        return;

      if (op == NULL)
        {
          stint_sync_settle_status (self);
          return;
        }

      if (!stint_sync_can_talk (self))
        return;

      if (op->kind == STINT_OUTBOX_DELETE)
        step = send_delete (self, op);
      else
        step = send_entry (self, ops, index, op);

      if (step != STEP_DROPPED)
        return;
    }
}
