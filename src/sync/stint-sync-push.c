/* stint-sync-push.c: sending the outbox, one request at a time
 *
 * The outbox is coalesced (stint-sync-plan.c) into one step per entry, in
 * the order the user acted, so an entry's update never overtakes its
 * create. Each request carries the entry's state as stored now, which
 * includes every later change queued for it: those are settled with the
 * same answer. A step with nothing to say (a create never sent, then the
 * delete) is dropped without a request.
 *
 * A create may reach the server although its answer never comes back (the
 * connection drops, the answer times out or arrives garbled), and a crash
 * may come between sending and recording. So before a create leaves, the
 * store notes that it is on its way; while that note stands, the next
 * attempt looks for the entry on the server first (stint-sync-lookup.c).
 *
 * A step the server refused is parked as failed (the entry shows why) and
 * holds back only its own entry, until the user retries, discards, or
 * changes the entry again: that change is a retry too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-sync-private.h"

/* One step under way. A weak reference: a sync dropped meanwhile is
 * disposed (which cancels the request), not kept alive to send more. */
typedef struct
{
  GWeakRef           self;
  GCancellable      *cancellable;   /* the run it belongs to */
  StintSyncStepKind  kind;          /* the request as sent */
  gint64             entry_id;
  gint64             first_op_id;
  gint64             last_op_id;
} Send;

/* How old a stop may be to go as Toggl's stop, which takes the server's
 * clock: a stop sent at once. Any later (offline, behind a retry) it goes
 * as an update carrying the user's time. */
#define STOP_FRESH_SECONDS 5

typedef enum {
  STEP_SENT,      /* a request is under way, or a wait was scheduled */
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

/* Counts what waits and what is parked; returns the step to send next. */
static StintSyncStep *
count (StintSync *self,
       GArray    *steps)
{
  StintSyncStep *next = NULL;
  const char *failed_message = NULL;
  gint64 newest_failed = 0;
  guint pending = 0;
  guint failed = 0;

  for (guint i = 0; i < steps->len; i++)
    {
      StintSyncStep *step = &g_array_index (steps, StintSyncStep, i);

      if (step->parked)
        {
          failed++;
          if (step->last_op_id > newest_failed)
            {
              newest_failed = step->last_op_id;
              failed_message = step->error;
            }
          continue;
        }

      if (step->kind != STINT_SYNC_STEP_NOTHING)
        pending++;
      if (next == NULL)
        next = step;
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

/* Records the server's answer: the operations it settled are gone, the
 * entry knows its server id. FALSE when the store could record nothing, not
 * even that the operation failed. */
static gboolean
settle_sent (StintSync  *self,
             Send       *send,
             StintEntry *answer)
{
  g_autoptr(GError) error = NULL;
  gint64 server_id = answer != NULL ? stint_entry_get_server_id (answer) : 0;
  gint64 at = answer != NULL ? stint_entry_get_at (answer) : 0;
  gint64 applied = 0;

  if (!stint_store_begin (self->store, &error))
    goto fail;

  /* The answer is the server's version: what it filled in (the workspace,
   * its own times) lands too, unless the user changed the entry meanwhile
   * (that change is pending, and wins). */
  if (!stint_store_remove_entry_ops_through (self->store, send->entry_id, send->last_op_id, &error) ||
      (send->kind == STINT_SYNC_STEP_CREATE &&
       !stint_sync_forget_sent_create (self, send->entry_id, &error)) ||
      (send->kind != STINT_SYNC_STEP_DELETE &&
       !stint_store_mark_synced (self->store, send->entry_id, server_id, at, &error)) ||
      (answer != NULL && server_id > 0 &&
       !stint_store_apply_pulled_entry (self->store, answer, &applied, &error)) ||
      !stint_store_commit (self->store, &error))
    {
      stint_store_rollback (self->store);
      goto fail;
    }

  g_debug ("Entry %" G_GINT64_FORMAT ": step %d went through (server id %" G_GINT64_FORMAT ")",
           send->entry_id, send->kind, server_id);
  return TRUE;

fail:
  /* The server has the change but the store cannot say so. Sending it again
   * could make a second entry: park it where the user sees why (a create
   * keeps its note, and would be looked up first anyway). */
  g_debug ("Recording step of entry %" G_GINT64_FORMAT ": %s", send->entry_id, error->message);
  if (!stint_store_mark_failed (self->store, send->last_op_id, error->message, NULL))
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

  if (failure == STINT_SYNC_FAILURE_CANCELLED)
    return;

  /* Surely not on the server: the next attempt need not look first. */
  if (send->kind == STINT_SYNC_STEP_CREATE && stint_sync_never_arrived (error) &&
      !stint_sync_forget_sent_create (self, send->entry_id, &store_error))
    g_debug ("Forgetting a create: %s", store_error->message);
  g_clear_error (&store_error);

  switch (failure)
    {
    case STINT_SYNC_FAILURE_SIGNED_OUT:
      stint_sync_signed_out (self, error);
      break;

    case STINT_SYNC_FAILURE_REFUSED:
      /* The newest operation carries the failure, so the entry stays
       * parked until a newer change (or the user's retry). */
      g_debug ("Entry %" G_GINT64_FORMAT " refused: %s", send->entry_id, error->message);
      if (!stint_store_mark_failed (self->store, send->last_op_id, error->message, &store_error))
        g_debug ("Parking entry %" G_GINT64_FORMAT ": %s", send->entry_id, store_error->message);
      break;

    case STINT_SYNC_FAILURE_OFFLINE:
    case STINT_SYNC_FAILURE_TRANSIENT:
    case STINT_SYNC_FAILURE_QUOTA:
    default:
      next = stint_sync_wait (self, failure, error);
      if (!stint_store_record_attempt (self->store, send->first_op_id, error->message, next,
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

  switch (send->kind)
    {
    case STINT_SYNC_STEP_CREATE:
      answer = stint_backend_create_entry_finish (backend, result, &error);
      ok = answer != NULL;
      break;
    case STINT_SYNC_STEP_UPDATE:
      answer = stint_backend_update_entry_finish (backend, result, &error);
      ok = answer != NULL;
      break;
    case STINT_SYNC_STEP_STOP:
      answer = stint_backend_stop_entry_finish (backend, result, &error);
      ok = answer != NULL;
      break;
    case STINT_SYNC_STEP_DELETE:
    case STINT_SYNC_STEP_NOTHING:
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
send_new (StintSync           *self,
          const StintSyncStep *step,
          StintSyncStepKind    kind)
{
  Send *send = g_new0 (Send, 1);

  g_weak_ref_init (&send->self, self);
  send->cancellable = g_object_ref (self->cancellable);
  send->kind = kind;
  send->entry_id = step->entry_id;
  send->first_op_id = step->first_op_id;
  send->last_op_id = step->last_op_id;

  return send;
}

/* Settles @step without a request: a create never sent, then the delete. */
static Step
drop (StintSync           *self,
      const StintSyncStep *step)
{
  g_autoptr(GError) error = NULL;

  g_debug ("Entry %" G_GINT64_FORMAT ": %u operations with nothing to send",
           step->entry_id, step->n_ops);

  if (!stint_store_begin (self->store, &error))
    goto fail;
  if (!stint_store_remove_entry_ops_through (self->store, step->entry_id, step->last_op_id, &error) ||
      !stint_sync_forget_sent_create (self, step->entry_id, &error) ||
      !stint_store_commit (self->store, &error))
    {
      stint_store_rollback (self->store);
      goto fail;
    }

  stint_sync_emit_entries_changed (self, &step->entry_id, 1);
  return STEP_DROPPED;

fail:
  g_debug ("Dropping the operations of entry %" G_GINT64_FORMAT ": %s", step->entry_id,
           error->message);
  return STEP_STUCK;
}

/* A create that may already be on the server is looked up, not sent. */
static gboolean
look_up_first (StintSync           *self,
               const StintSyncStep *step)
{
  g_autoptr(StintSentCreate) sent = stint_sync_load_sent_create (self, step->entry_id);

  if (sent == NULL)
    return FALSE;

  stint_sync_look_up (self, sent, step->first_op_id);
  return TRUE;
}

static const char *
request_kind (StintSyncStepKind kind)
{
  switch (kind)
    {
    case STINT_SYNC_STEP_CREATE:
      return STINT_SYNC_REQUEST_CREATE;
    case STINT_SYNC_STEP_STOP:
      return STINT_SYNC_REQUEST_STOP;
    case STINT_SYNC_STEP_DELETE:
      return STINT_SYNC_REQUEST_DELETE;
    case STINT_SYNC_STEP_UPDATE:
    case STINT_SYNC_STEP_NOTHING:
    default:
      return STINT_SYNC_REQUEST_UPDATE;
    }
}

static Step
send_entry (StintSync           *self,
            const StintSyncStep *step)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) copy = NULL;
  g_autoptr(GError) error = NULL;
  StintSyncStepKind kind = step->kind;
  gint64 server_id;
  Send *send;

  entry = stint_store_load_entry (self->store, step->entry_id, &error);
  if (entry == NULL)
    {
      if (!g_error_matches (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND))
        {
          g_debug ("Loading entry %" G_GINT64_FORMAT ": %s", step->entry_id, error->message);
          return STEP_STUCK;
        }

      /* Gone without a delete queued (not something Stint does): there is
       * no state to send. */
      return drop (self, step);
    }

  server_id = stint_entry_get_server_id (entry);
  if (server_id == 0)
    kind = STINT_SYNC_STEP_CREATE;
  else if (kind == STINT_SYNC_STEP_CREATE)
    kind = STINT_SYNC_STEP_UPDATE;  /* adopted meanwhile: the rest is an update */
  else if (kind == STINT_SYNC_STEP_STOP &&
           (stint_entry_is_running (entry) || step->attempts > 0 ||
            stint_clock_now (self->clock) - stint_entry_get_stop (entry) > STOP_FRESH_SECONDS))
    /* Toggl's stop takes the server's "now": right for a stop just made,
     * not for one made offline or tried before (it may have landed with
     * the wrong time). An update carries the user's time. */
    kind = STINT_SYNC_STEP_UPDATE;

  if (kind == STINT_SYNC_STEP_CREATE && look_up_first (self, step))
    return STEP_SENT;

  if (!stint_sync_may_request (self, request_kind (kind), STINT_BUDGET_USER))
    return STEP_SENT;

  copy = entry_for_server (self, entry, kind == STINT_SYNC_STEP_CREATE ? 0 : server_id);

  /* Noted before it leaves: if nothing comes back, or Stint dies now, the
   * next attempt looks for it first. Unable to note it, it does not go. */
  if (kind == STINT_SYNC_STEP_CREATE &&
      !stint_sync_save_sent_create (self, copy, step->last_op_id, &error))
    {
      stint_sync_store_failed (self, error);
      return STEP_STUCK;
    }

  send = send_new (self, step, kind);

  g_debug ("Entry %" G_GINT64_FORMAT ": sending step %d (%u operations)",
           step->entry_id, kind, step->n_ops);

  self->sending = TRUE;
  stint_sync_begin_request (self, request_kind (kind), STINT_BUDGET_USER);

  switch (kind)
    {
    case STINT_SYNC_STEP_CREATE:
      stint_backend_create_entry_async (self->backend, copy, self->cancellable, send_done_cb, send);
      break;
    case STINT_SYNC_STEP_STOP:
      stint_backend_stop_entry_async (self->backend, copy, self->cancellable, send_done_cb, send);
      break;
    case STINT_SYNC_STEP_UPDATE:
    case STINT_SYNC_STEP_DELETE:
    case STINT_SYNC_STEP_NOTHING:
    default:
      /* Without the state the server last had, every field goes. */
      stint_backend_update_entry_async (self->backend, copy, NULL, self->cancellable,
                                        send_done_cb, send);
      break;
    }

  return STEP_SENT;
}

static Step
send_delete (StintSync           *self,
             const StintSyncStep *step)
{
  gint64 workspace_id = step->workspace_id != 0 ? step->workspace_id : self->workspace_id;

  if (workspace_id <= 0)
    {
      if (!stint_store_mark_failed (self->store, step->last_op_id,
                                    _("Stint does not know the workspace of this entry."), NULL))
        return STEP_STUCK;
      stint_sync_emit_entries_changed (self, &step->entry_id, 1);
      return STEP_DROPPED;
    }

  if (!stint_sync_may_request (self, STINT_SYNC_REQUEST_DELETE, STINT_BUDGET_USER))
    return STEP_SENT;

  g_debug ("Entry %" G_GINT64_FORMAT ": deleting %" G_GINT64_FORMAT " (%u operations)",
           step->entry_id, step->server_id, step->n_ops);

  self->sending = TRUE;
  stint_sync_begin_request (self, STINT_SYNC_REQUEST_DELETE, STINT_BUDGET_USER);
  stint_backend_delete_entry_async (self->backend, workspace_id, step->server_id, self->cancellable,
                                    send_done_cb, send_new (self, step, STINT_SYNC_STEP_DELETE));

  return STEP_SENT;
}

/**
 * stint_sync_drain:
 *
 * Counts the outbox, then sends its next step if requests may go out and
 * none is under way. Each answer calls this again.
 */
void
stint_sync_drain (StintSync *self)
{
  for (;;)
    {
      g_autoptr(GPtrArray) ops = NULL;
      g_autoptr(GArray) steps = NULL;
      g_autoptr(GError) error = NULL;
      StintSyncStep *step;
      Step result;

      ops = stint_store_load_outbox (self->store, &error);
      if (ops == NULL)
        {
          g_debug ("Reading the outbox: %s", error->message);
          return;
        }

      steps = stint_sync_plan (ops);
      step = count (self, steps);

      if (!self->started || self->sending || self->pulling)
        return;

      if (step == NULL)
        {
          stint_sync_settle_status (self);
          return;
        }

      if (!stint_sync_can_talk (self))
        return;

      switch (step->kind)
        {
        case STINT_SYNC_STEP_NOTHING:
          result = look_up_first (self, step) ? STEP_SENT : drop (self, step);
          break;
        case STINT_SYNC_STEP_DELETE:
          result = send_delete (self, step);
          break;
        case STINT_SYNC_STEP_CREATE:
        case STINT_SYNC_STEP_UPDATE:
        case STINT_SYNC_STEP_STOP:
        default:
          result = send_entry (self, step);
          break;
        }

      if (result != STEP_DROPPED)
        return;
    }
}
