/* stint-focus-backend-create.c: StintFocusBackend makes time entries
 *
 * A running entry starts with `tracking/start`, whose documented body has no
 * tags and no billable flag: an entry that wants them gets a PATCH after the
 * start (only then). Only one entry runs at a time: a start while another
 * runs is answered 422, and what runs is read. If it is this very entry (a
 * start whose first answer was lost), it is taken as the started one. If it
 * was started elsewhere, the two are settled as Toggl settles two starts:
 * the later one runs. One that began before ours is stopped where ours
 * begins, and ours started again; one that began after ours (ours waited
 * offline meanwhile) ended ours, which is made as a finished entry up to
 * there. Either way nothing the user typed is replaced by the other entry.
 *
 * A finished entry is created taskless under `~/time-entries` (`type`
 * required), or under its task, whose documented answer is a bare 201: the
 * entry is then found among the task's entries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-focus-backend-create"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-focus-backend-private.h"

static gboolean
wants_billable (StintEntry *entry)
{
  return stint_entry_get_billable (entry) && !stint_entry_get_break (entry);
}

/* PATCHes the op's result towards the op's entry: its tags and billable
 * flag, which only the workspace-level PATCH takes. */
static void
patch_result (GTask *task)
{
  StintFocusOp *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  body = stint_focus_codec_build_update (op->entry, op->result, op->tag_ids);
  path = stint_focus_path (g_task_get_source_object (task), "/time-entries/%" G_GINT64_FORMAT, op->server_id);
  stint_focus_op_send (task, "PATCH", path, body, stint_focus_patched_cb);
}

/* The entry was made; tags and billable, which start and task-scoped bodies
 * cannot carry, follow in a PATCH when the server does not have them. Takes
 * @task, like every step. */
static void
settle_created (GTask *task)
{
  StintFocusOp *op = g_task_get_task_data (task);

  op->server_id = stint_entry_get_server_id (op->result);
  if (!stint_focus_tags_differ (op->entry, op->result) && wants_billable (op->entry) == wants_billable (op->result))
    {
      stint_focus_return_entry (task, g_steal_pointer (&op->result), op->node);
      g_object_unref (task);
      return;
    }

  g_debug ("Entry %" G_GINT64_FORMAT " needs its tags or billable flag set after the create", op->server_id);
  if (stint_focus_tags_differ (op->entry, op->result))
    stint_focus_resolve_tags (task, stint_entry_get_tags (op->entry), patch_result);
  else
    patch_result (task);
}

/* --- create_entry: running ----------------------------------------------- */

static void start_send (GTask *task);
static void finished_send (GTask *task);

/* Whether @current, found running after a 422, is @entry itself: our start
 * went through and only its answer was lost. The start is sent to the
 * second, so another entry with the same start and description is ours. */
static gboolean
started_here (StintEntry *entry,
              StintEntry *current)
{
  return ABS (stint_entry_get_start (current) - stint_entry_get_start (entry)) <= 1 &&
         g_strcmp0 (stint_entry_get_description (current), stint_entry_get_description (entry)) == 0;
}

/* What ran elsewhere was stopped where ours begins (or had stopped): now
 * ours, once more. */
static void
stopped_other_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StintEntry) stopped = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL && node != NULL)
    stopped = stint_focus_parse_entry (self, node, &error);
  /* 404 "not tracking": stopped in between, which serves as well. */
  if (error != NULL && !g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->current_id = 0;
  if (stopped != NULL)
    stint_focus_remember (self, stopped);
  start_send (g_steal_pointer (&task));
}

/* Another entry, started elsewhere, runs: the later start wins (see the
 * top of the file). Takes @task. */
static void
settle_other (GTask      *task,
              StintEntry *current)
{
  StintFocusOp *op = g_task_get_task_data (task);
  gint64 start = stint_entry_get_start (op->entry);
  gint64 other_start = stint_entry_get_start (current);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  op->retried = TRUE;

  if (other_start <= start)
    {
      g_debug ("Entry %" G_GINT64_FORMAT " runs since before ours began; stopping it there",
               stint_entry_get_server_id (current));
      body = stint_focus_codec_build_stop (start);
      path = stint_focus_path (g_task_get_source_object (task), "/tracking/stop");
      stint_focus_op_send (task, "POST", path, body, stopped_other_cb);
      return;
    }

  g_debug ("Entry %" G_GINT64_FORMAT " began after ours; ours ends there",
           stint_entry_get_server_id (current));
  stint_entry_set_stop (op->entry, other_start);
  finished_send (task);
}

static void
adopt_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  StintEntry *current;

  node = stint_focus_op_finish (task, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Stopped in between: the way is free now. Once, so two clients starting
   * and stopping in turn cannot keep Stint going round. */
  if (node == NULL && !op->retried)
    {
      op->retried = TRUE;
      start_send (g_steal_pointer (&task));
      return;
    }
  if (node == NULL)
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_SERVER, "%s",
                               _("Toggl Focus refused to start because something else is running, "
                                 "but nothing is; Stint will try again."));
      return;
    }

  current = stint_focus_parse_entry (self, node, &error);
  if (current == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (started_here (op->entry, current))
    {
      g_debug ("Entry %" G_GINT64_FORMAT " is our start, whose answer was lost",
               stint_entry_get_server_id (current));
      self->current_id = stint_entry_get_server_id (current);
      stint_focus_return_entry (task, current, node);
      return;
    }

  /* Settled once already, and something else runs again: try later. */
  if (op->retried)
    {
      g_object_unref (current);
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_SERVER, "%s",
                               _("Toggl Focus keeps tracking another time entry; Stint will try "
                                 "again."));
      return;
    }

  settle_other (g_steal_pointer (&task), current);
  g_object_unref (current);
}

static void
start_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);

  node = stint_focus_op_finish (task, result, &error);

  /* "Cannot track multiple time entries at the same time". */
  if (op->status == 422)
    {
      path = stint_focus_path (self, "/tracking/current");
      stint_focus_op_send (g_steal_pointer (&task), "GET", path, NULL, adopt_cb);
      return;
    }
  if (error == NULL)
    op->result = stint_focus_parse_entry (self, node, &error);
  if (op->result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  op->node = json_node_ref (node);

  self->current_id = stint_entry_get_server_id (op->result);
  settle_created (g_steal_pointer (&task));
}

static void
start_send (GTask *task)
{
  StintFocusOp *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  body = stint_focus_codec_build_start (op->entry);
  path = stint_focus_path (g_task_get_source_object (task), "/tracking/start");
  stint_focus_op_send (task, "POST", path, body, start_cb);
}

/* --- create_entry: finished ---------------------------------------------- */

/* A task-scoped create documents 201 and nothing more: if no entry comes
 * with it, the task's entries are read to find it (same start and length). */
static void
find_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StintFocusEntries) page = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL)
    page = stint_focus_codec_parse_entries (node, self->tag_names, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The newest match: an older twin would be an entry made before. */
  for (guint i = page->entries->len; i > 0 && op->result == NULL; i--)
    {
      StintEntry *entry = g_ptr_array_index (page->entries, i - 1);

      if (stint_entry_get_start (entry) == stint_entry_get_start (op->entry) &&
          stint_entry_get_stop (entry) == stint_entry_get_stop (op->entry) &&
          stint_entry_get_break (entry) == stint_entry_get_break (op->entry))
        op->result = g_object_ref (entry);
    }

  if (op->result == NULL)
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY, "%s",
                               _("Toggl Focus did not say which time entry it made."));
      return;
    }

  stint_entry_set_workspace_id (op->result, self->workspace_id);
  settle_created (g_steal_pointer (&task));
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);

  node = stint_focus_op_finish (task, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (node == NULL && op->task_id > 0)
    {
      path = stint_focus_path (self, "/tasks/%" G_GINT64_FORMAT "/time-entries?page=1&per_page=100",
                               op->task_id);
      stint_focus_op_send (g_steal_pointer (&task), "GET", path, NULL, find_created_cb);
      return;
    }
  if (node == NULL)
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY, "%s",
                               _("Toggl Focus did not say which time entry it made."));
      return;
    }

  op->result = stint_focus_parse_entry (self, node, &error);
  if (op->result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  op->node = json_node_ref (node);
  settle_created (g_steal_pointer (&task));
}

static void
create_send (GTask *task)
{
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  body = stint_focus_codec_build_create (op->entry, op->tag_ids, op->task_id > 0);
  if (op->task_id > 0)
    path = stint_focus_path (self, "/tasks/%" G_GINT64_FORMAT "/time-entries", op->task_id);
  else
    path = stint_focus_path (self, "/time-entries");
  stint_focus_op_send (task, "POST", path, body, created_cb);
}

static void
finished_send (GTask *task)
{
  StintFocusOp *op = g_task_get_task_data (task);

  /* The task-scoped body has no tags: they follow in settle_created(). */
  if (op->task_id <= 0 && stint_entry_get_tags (op->entry)[0] != NULL)
    stint_focus_resolve_tags (task, stint_entry_get_tags (op->entry), create_send);
  else
    create_send (task);
}

static void
stint_focus_backend_create_entry_async (StintBackend        *backend,
                                        StintEntry          *entry,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  StintFocusOp *op;

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_create_entry_async);
  if (!stint_focus_check_entry (task, entry, FALSE))
    return;

  op = g_task_get_task_data (task);
  op->entry = stint_entry_copy (entry);
  op->task_id = stint_entry_get_task_id (entry);

  if (stint_entry_is_running (entry))
    start_send (g_steal_pointer (&task));
  else
    finished_send (g_steal_pointer (&task));
}

static StintEntry *
stint_focus_backend_create_entry_finish (StintBackend  *backend,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_focus_backend_create_entry_async, error);
}

void
stint_focus_backend_create_iface_init (StintBackendInterface *iface)
{
  iface->create_entry_async = stint_focus_backend_create_entry_async;
  iface->create_entry_finish = stint_focus_backend_create_entry_finish;
}
