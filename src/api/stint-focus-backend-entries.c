/* stint-focus-backend-entries.c: StintFocusBackend reads, updates, stops
 * and deletes time entries
 *
 * Over the plumbing of stint-focus-backend.c, with the helpers the create
 * in stint-focus-backend-create.c shares. Focus differs from Track in ways
 * that cost a second request here and there:
 *
 * - `tracking/stop` stops whatever runs, not an entry by id. 404 means
 *   nothing ran (stopped elsewhere): the entry is read back. A stop made
 *   offline minutes ago first checks that the entry still runs, so that it
 *   does not end another one started since.
 * - PATCH answers 204 without the entry: it is read back.
 * - An entry of a task is reached under the task where the documented
 *   task-scoped endpoint can say the change (times, type, task), and under
 *   the workspace otherwise.
 *
 * Where the server's answer to a repeated or late request is an error
 * although what the user wanted is true (404 on stop or delete), it is
 * success.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-focus-backend-entries"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-focus-backend-private.h"

/* A stop asked for further back than this was made while offline: the entry
 * may have stopped elsewhere, and something else started, since. */
#define STOP_LATE_SECONDS 60
/* What rounding may add to a duration; more means another unit. */
#define UNIT_TOLERANCE_SECONDS 2

static void
answer (GTask      *task,
        StintEntry *entry)
{
  StintFocusBackend *self = g_task_get_source_object (task);

  if (entry != NULL)
    stint_focus_remember (self, entry);
  g_task_return_pointer (task, entry, g_object_unref);
}

static void
tags_reread_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(StintEntry) again = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL)
    tags = stint_focus_codec_parse_tags (node, &error);

  /* What was asked happened: a tag without a name is no reason to say it
   * did not. Cancellation still is. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (tags != NULL)
    {
      stint_focus_learn_tags (self, tags);
      again = stint_focus_parse_entry (self, op->node, NULL);
      if (again != NULL)
        stint_entry_set_tags (op->result, stint_entry_get_tags (again));
    }
  else
    g_debug ("Reading the tags failed: %s; the entry goes without the new ones", error->message);

  answer (task, g_steal_pointer (&op->result));
}

/* Answers @entry (taken), read from @node (nullable), on @task (not taken).
 * When @node has tags made elsewhere since the names were read, the names
 * are read again first (once): an entry must not lose tags in Stint because
 * Stint did not know their names yet. */
void
stint_focus_return_entry (GTask      *task,
                          StintEntry *entry,
                          JsonNode   *node)
{
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  if (entry == NULL || node == NULL || op->tags_reread || stint_focus_codec_names_tags (node, self->tag_names))
    {
      answer (task, entry);
      return;
    }

  g_debug ("Entry %" G_GINT64_FORMAT " has tags Stint has no name for; reading the tags",
           stint_entry_get_server_id (entry));
  op->tags_reread = TRUE;
  g_clear_object (&op->result);
  op->result = entry;
  if (op->node != node)
    {
      g_clear_pointer (&op->node, json_node_unref);
      op->node = json_node_ref (node);
    }
  path = g_strdup_printf ("/workspaces/%" G_GINT64_FORMAT "/tags", self->workspace_id);
  stint_focus_op_send (g_object_ref (task), "GET", path, NULL, tags_reread_cb);
}

/* --- reading one entry back ---------------------------------------------- */

static void
reread_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  StintEntry *entry = NULL;

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL)
    entry = stint_focus_parse_entry (g_task_get_source_object (task), node, &error);

  if (entry == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    stint_focus_return_entry (task, entry, node);
}

/* An entry of a task is reached under the task, as the Focus documentation
 * has it; a taskless one under the workspace, as clients saw it live. */
static char *
entry_path (StintFocusBackend *self,
            gint64             task_id,
            gint64             server_id)
{
  if (task_id > 0)
    return stint_focus_path (self, "/tasks/%" G_GINT64_FORMAT "/time-entries/%" G_GINT64_FORMAT,
                             task_id, server_id);
  return stint_focus_path (self, "/time-entries/%" G_GINT64_FORMAT, server_id);
}

/* Answers the op's entry as the server has it now. */
void
stint_focus_reread (GTask *task)
{
  StintFocusOp *op = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  path = entry_path (g_task_get_source_object (task), op->task_id, op->server_id);
  stint_focus_op_send (task, "GET", path, NULL, reread_cb);
}

/* The checks the interface cannot make with g_return_if_fail, because the
 * caller's callback must still run. */
gboolean
stint_focus_check_entry (GTask      *task,
             StintEntry *entry,
             gboolean    needs_server_id)
{
  StintFocusBackend *self = g_task_get_source_object (task);
  gint64 workspace_id = stint_entry_get_workspace_id (entry);

  if (!stint_focus_check_workspace (task))
    return FALSE;
  if (workspace_id != 0 && workspace_id != self->workspace_id)
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_INVALID, "%s",
                               _("This time entry belongs to another Toggl Focus workspace than the "
                                 "one Stint uses."));
      return FALSE;
    }
  if (needs_server_id && stint_entry_get_server_id (entry) <= 0)
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_INVALID, "%s",
                               _("This time entry is not on Toggl Focus yet."));
      return FALSE;
    }
  return TRUE;
}

gboolean
stint_focus_tags_differ (StintEntry *a,
             StintEntry *b)
{
  return !g_strv_equal ((const char * const *)stint_entry_get_tags (a),
                        (const char * const *)stint_entry_get_tags (b));
}

/* The answer to a PATCH: 204 and a read back, or the entry itself. */
void
stint_focus_patched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  StintFocusOp *op = g_task_get_task_data (task);
  StintEntry *entry;

  node = stint_focus_op_finish (task, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* 204 as documented; should a server answer the entry, it is as good.
   * The entry is now under the task it was patched onto. */
  if (node == NULL)
    {
      if (op->entry != NULL)
        op->task_id = stint_entry_get_task_id (op->entry);
      stint_focus_reread (g_steal_pointer (&task));
      return;
    }
  entry = stint_focus_parse_entry (g_task_get_source_object (task), node, &error);
  if (entry == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    stint_focus_return_entry (task, entry, node);
}

/* --- update_entry -------------------------------------------------------- */

static const char * const task_members[] = { "start", "duration", "type", "task_id", NULL };

static gboolean
only_members (JsonNode           *body,
              const char * const *allowed)
{
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init (&iter, json_node_get_object (body));
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (allowed, name))
      return FALSE;
  return TRUE;
}

static void
update_send (GTask *task)
{
  StintFocusOp *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  body = stint_focus_codec_build_update (op->entry, op->before, op->tag_ids);

  /* Nothing Focus stores changed: a request would spend quota to learn
   * nothing, and the server still has @before. */
  if (json_object_get_size (json_node_get_object (body)) == 0)
    {
      g_debug ("Update of entry %" G_GINT64_FORMAT " changes nothing on Toggl Focus; not sent",
               op->server_id);
      g_task_return_pointer (task, stint_entry_copy (op->before), g_object_unref);
      g_object_unref (task);
      return;
    }

  /* The task-scoped PATCH is documented but knows only times, type and
   * task; anything else goes through the workspace-level one. */
  if (op->task_id > 0 && only_members (body, task_members))
    path = entry_path (g_task_get_source_object (task), op->task_id, op->server_id);
  else
    path = entry_path (g_task_get_source_object (task), 0, op->server_id);
  stint_focus_op_send (task, "PATCH", path, body, stint_focus_patched_cb);
}

static void
stint_focus_backend_update_entry_async (StintBackend        *backend,
                                        StintEntry          *entry,
                                        StintEntry          *before,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  StintFocusOp *op;

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_update_entry_async);
  if (!stint_focus_check_entry (task, entry, TRUE))
    return;

  op = g_task_get_task_data (task);
  op->entry = stint_entry_copy (entry);
  op->before = before != NULL ? stint_entry_copy (before) : NULL;
  op->server_id = stint_entry_get_server_id (entry);
  /* Where the entry is on the server until this request moves it. */
  op->task_id = stint_entry_get_task_id (before != NULL ? before : entry);

  if (before == NULL || stint_focus_tags_differ (before, entry))
    stint_focus_resolve_tags (g_steal_pointer (&task), stint_entry_get_tags (entry), update_send);
  else
    update_send (g_steal_pointer (&task));
}

static StintEntry *
stint_focus_backend_update_entry_finish (StintBackend  *backend,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_focus_backend_update_entry_async, error);
}

/* --- stop_entry ---------------------------------------------------------- */

static void
stop_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StintEntry) stopped = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  gint64 asked, got;

  node = stint_focus_op_finish (task, result, &error);

  /* "Not tracking a time entry": stopped elsewhere, or by our own request
   * whose answer was lost. What the server has is the truth. */
  if (g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND))
    {
      g_debug ("Nothing was running; reading entry %" G_GINT64_FORMAT " back", op->server_id);
      self->current_id = 0;
      stint_focus_reread (g_steal_pointer (&task));
      return;
    }
  if (error == NULL)
    stopped = stint_focus_parse_entry (self, node, &error);
  if (stopped == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->current_id = 0;

  /* Another entry ran (started elsewhere in the instant since): it is what
   * got stopped, and ours had stopped before. */
  if (stint_entry_get_server_id (stopped) != op->server_id)
    {
      g_debug ("The stop ended entry %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT "; reading ours back",
               stint_entry_get_server_id (stopped), op->server_id);
      stint_focus_remember (self, stopped);
      stint_focus_reread (g_steal_pointer (&task));
      return;
    }

  /* Seen by third parties: a just-stopped entry still without a duration.
   * The stop asked for is then the best knowledge. */
  if (stint_entry_is_running (stopped))
    {
      g_debug ("Entry %" G_GINT64_FORMAT " came back from the stop without a duration", op->server_id);
      stint_entry_set_stop (stopped, MAX (op->end, stint_entry_get_start (stopped)));
    }

  /* The one place Stint knows both ends: a check that `duration` is in
   * seconds, which the documentation does not say (README §3.6). */
  asked = op->end - stint_entry_get_start (stopped);
  got = stint_entry_get_stop (stopped) - stint_entry_get_start (stopped);
  if (asked >= 0 && ABS (got - asked) > UNIT_TOLERANCE_SECONDS)
    g_debug ("Entry %" G_GINT64_FORMAT " stopped with %" G_GINT64_FORMAT " s for %" G_GINT64_FORMAT
             " s asked: the duration unit may not be seconds", op->server_id, got, asked);

  stint_focus_return_entry (task, g_steal_pointer (&stopped), node);
}

static void
stop_send (GTask *task)
{
  StintFocusOp *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  body = stint_focus_codec_build_stop (op->end);
  path = stint_focus_path (g_task_get_source_object (task), "/tracking/stop");
  stint_focus_op_send (task, "POST", path, body, stop_cb);
}

static void
stop_check_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StintEntry) current = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL && node != NULL)
    current = stint_focus_parse_entry (self, node, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (current != NULL && stint_entry_get_server_id (current) == op->server_id)
    {
      stop_send (g_steal_pointer (&task));
      return;
    }

  g_debug ("Entry %" G_GINT64_FORMAT " no longer runs; reading it back instead of stopping", op->server_id);
  self->current_id = current != NULL ? stint_entry_get_server_id (current) : 0;
  stint_focus_reread (g_steal_pointer (&task));
}

static void
stint_focus_backend_stop_entry_async (StintBackend        *backend,
                                      StintEntry          *entry,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  gint64 now = stint_clock_now (self->clock);
  StintFocusOp *op;

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_stop_entry_async);
  if (!stint_focus_check_entry (task, entry, TRUE))
    return;

  op = g_task_get_task_data (task);
  op->server_id = stint_entry_get_server_id (entry);
  op->task_id = stint_entry_get_task_id (entry);
  /* Never later than now: Focus would refuse a stop in the future, and a
   * clock ahead of ours is not the user's intent. */
  op->end = stint_entry_get_stop (entry) > 0 ? MIN (stint_entry_get_stop (entry), now) : now;

  if (now - op->end <= STOP_LATE_SECONDS)
    {
      stop_send (g_steal_pointer (&task));
      return;
    }

  g_debug ("Stopping entry %" G_GINT64_FORMAT " as of %" G_GINT64_FORMAT " s ago; is it still running?",
           op->server_id, now - op->end);
  path = stint_focus_path (self, "/tracking/current");
  stint_focus_op_send (g_steal_pointer (&task), "GET", path, NULL, stop_check_cb);
}

static StintEntry *
stint_focus_backend_stop_entry_finish (StintBackend  *backend,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_focus_backend_stop_entry_async, error);
}

/* --- delete_entry -------------------------------------------------------- */

static void
delete_entry_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  StintFocusOp *op = g_task_get_task_data (task);

  node = stint_focus_op_finish (task, result, &error);

  /* Gone already (deleted elsewhere, or our earlier request's answer was
   * lost): what the user wanted is true. */
  if (g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND))
    g_clear_error (&error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stint_focus_forget (g_task_get_source_object (task), op->server_id);
  g_task_return_boolean (task, TRUE);
}

static void
stint_focus_backend_delete_entry_async (StintBackend        *backend,
                                        gint64               workspace_id,
                                        gint64               server_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autoptr(StintEntry) entry = stint_entry_new ();
  g_autofree char *path = NULL;
  StintFocusOp *op;

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_delete_entry_async);
  stint_entry_set_workspace_id (entry, workspace_id);
  stint_entry_set_server_id (entry, server_id);
  if (!stint_focus_check_entry (task, entry, TRUE))
    return;

  op = g_task_get_task_data (task);
  op->server_id = server_id;
  /* The interface names no task: the one it had when last seen. */
  path = entry_path (self, stint_focus_known_task (self, server_id), server_id);
  stint_focus_op_send (g_steal_pointer (&task), "DELETE", path, NULL, delete_entry_cb);
}

static gboolean
stint_focus_backend_delete_entry_finish (StintBackend  *backend,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == stint_focus_backend_delete_entry_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- fetch_entry -------------------------------------------------------- */

static void
stint_focus_backend_fetch_entry_async (StintBackend        *backend,
                                       gint64               server_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  StintFocusOp *op;

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_fetch_entry_async);
  if (!stint_focus_check_workspace (task))
    return;

  /* A deleted entry answers 404, which is what the caller asks about. */
  op = g_task_get_task_data (task);
  op->server_id = server_id;
  op->task_id = stint_focus_known_task (self, server_id);
  stint_focus_reread (g_steal_pointer (&task));
}

static StintEntry *
stint_focus_backend_fetch_entry_finish (StintBackend  *backend,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_focus_backend_fetch_entry_async, error);
}

void
stint_focus_backend_entries_iface_init (StintBackendInterface *iface)
{
  iface->update_entry_async = stint_focus_backend_update_entry_async;
  iface->update_entry_finish = stint_focus_backend_update_entry_finish;
  iface->stop_entry_async = stint_focus_backend_stop_entry_async;
  iface->stop_entry_finish = stint_focus_backend_stop_entry_finish;
  iface->delete_entry_async = stint_focus_backend_delete_entry_async;
  iface->delete_entry_finish = stint_focus_backend_delete_entry_finish;
  iface->fetch_entry_async = stint_focus_backend_fetch_entry_async;
  iface->fetch_entry_finish = stint_focus_backend_fetch_entry_finish;
}
