/* stint-focus-backend-create.c: StintFocusBackend makes time entries
 *
 * A running entry starts with `tracking/start`, whose documented body has no
 * tags and no billable flag: an entry that wants them gets a PATCH after the
 * start (only then). Only one entry runs at a time: a start while another
 * runs elsewhere is answered 422, and that entry is read and adopted as the
 * one now running rather than failing the user's start (it is also what a
 * start whose first answer was lost looks like).
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

  g_debug ("Something runs already (entry %" G_GINT64_FORMAT "); taking it as the started one",
           stint_entry_get_server_id (current));
  self->current_id = stint_entry_get_server_id (current);
  stint_focus_return_entry (task, current, node);
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
  /* The task-scoped body has no tags: they follow in settle_created(). */
  else if (op->task_id <= 0 && stint_entry_get_tags (entry)[0] != NULL)
    stint_focus_resolve_tags (g_steal_pointer (&task), stint_entry_get_tags (entry), create_send);
  else
    create_send (g_steal_pointer (&task));
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
