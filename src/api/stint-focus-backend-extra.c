/* stint-focus-backend-extra.c: Toggl Focus operations beyond StintBackend
 *
 * Archiving, restoring, and deleting or restoring many entries in one
 * request: what Focus offers that the StintBackend interface has no call
 * for yet (an undo of a delete that already reached the server, clearing
 * a day at once). Each answers 204 and nothing else, so each is one request
 * and a boolean. Bulk create and bulk patch are left out on purpose: they
 * answer 204 without the ids they made or touched, so Stint could not tie
 * its entries to the server's, and a lost answer would make duplicates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-focus-backend-extra"

#include "config.h"

#include "stint-focus-backend-private.h"

/* Clients saw `ids=1,2,3`, 100 a call, work live (README §3.5, §6.13). */
#define MAX_BULK_IDS 100

static void
no_content_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  StintFocusOp *op = g_task_get_task_data (task);

  node = stint_focus_op_finish (task, result, &error);

  /* A bulk delete that finds none of its entries: they are gone, as asked. */
  if (op->gone_is_done && g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND))
    g_clear_error (&error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Starts @task with one request whose answer is only a status. */
static void
send_no_content (GTask      *task,
                 const char *method,
                 const char *path)
{
  if (stint_focus_check_workspace (task))
    stint_focus_op_send (task, method, path, NULL, no_content_cb);
  else
    g_object_unref (task);
}

static gboolean
finish_boolean (StintFocusBackend  *self,
                GAsyncResult       *result,
                gpointer            source_tag,
                GError            **error)
{
  g_return_val_if_fail (STINT_IS_FOCUS_BACKEND (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * stint_focus_backend_set_archived_async:
 * @task_id: the entry's task: Focus archives entries of tasks only
 * @server_id: the entry
 * @archived: archive, or unarchive
 *
 * `POST ~/tasks/{task}/time-entries/{id}/archive` (or `/unarchive`).
 */
void
stint_focus_backend_set_archived_async (StintFocusBackend   *self,
                                        gint64               task_id,
                                        gint64               server_id,
                                        gboolean             archived,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (STINT_IS_FOCUS_BACKEND (self));
  g_return_if_fail (task_id > 0 && server_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = stint_focus_path (self, "/tasks/%" G_GINT64_FORMAT "/time-entries/%" G_GINT64_FORMAT "/%s",
                           task_id, server_id, archived ? "archive" : "unarchive");
  send_no_content (stint_focus_op_new (self, cancellable, callback, user_data,
                                       stint_focus_backend_set_archived_async),
                   "POST", path);
}

gboolean
stint_focus_backend_set_archived_finish (StintFocusBackend  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  return finish_boolean (self, result, stint_focus_backend_set_archived_async, error);
}

/**
 * stint_focus_backend_restore_entry_async:
 * @server_id: a deleted entry
 *
 * Undeletes it: `PATCH …/{id}/restore`, under its task when this backend
 * saw it with one. %STINT_API_ERROR_NOT_FOUND when there is nothing to
 * restore.
 */
void
stint_focus_backend_restore_entry_async (StintFocusBackend   *self,
                                         gint64               server_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = NULL;
  gint64 task_id;

  g_return_if_fail (STINT_IS_FOCUS_BACKEND (self));
  g_return_if_fail (server_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task_id = stint_focus_known_task (self, server_id);
  if (task_id > 0)
    path = stint_focus_path (self, "/tasks/%" G_GINT64_FORMAT "/time-entries/%" G_GINT64_FORMAT "/restore",
                             task_id, server_id);
  else
    path = stint_focus_path (self, "/time-entries/%" G_GINT64_FORMAT "/restore", server_id);
  send_no_content (stint_focus_op_new (self, cancellable, callback, user_data,
                                       stint_focus_backend_restore_entry_async),
                   "PATCH", path);
}

gboolean
stint_focus_backend_restore_entry_finish (StintFocusBackend  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  return finish_boolean (self, result, stint_focus_backend_restore_entry_async, error);
}

static char *
bulk_path (StintFocusBackend *self,
           const char        *suffix,
           const gint64      *ids,
           guint              n_ids)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  return stint_focus_path (self, "/time-entries/bulk%s?ids=%s", suffix, list->str);
}

/**
 * stint_focus_backend_delete_entries_async:
 * @ids: (array length=n_ids): entries to delete, at most 100
 *
 * `DELETE ~/time-entries/bulk`. Entries already gone are not an error, as
 * for stint_backend_delete_entry_async().
 */
void
stint_focus_backend_delete_entries_async (StintFocusBackend   *self,
                                          const gint64        *ids,
                                          guint                n_ids,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (STINT_IS_FOCUS_BACKEND (self));
  g_return_if_fail (ids != NULL && n_ids > 0 && n_ids <= MAX_BULK_IDS);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_delete_entries_async);
  ((StintFocusOp *)g_task_get_task_data (task))->gone_is_done = TRUE;
  for (guint i = 0; i < n_ids; i++)
    stint_focus_forget (self, ids[i]);
  path = bulk_path (self, "", ids, n_ids);
  send_no_content (task, "DELETE", path);
}

gboolean
stint_focus_backend_delete_entries_finish (StintFocusBackend  *self,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  return finish_boolean (self, result, stint_focus_backend_delete_entries_async, error);
}

/**
 * stint_focus_backend_restore_entries_async:
 * @ids: (array length=n_ids): deleted entries to restore, at most 100
 *
 * `PATCH ~/time-entries/bulk/restore`; %STINT_API_ERROR_NOT_FOUND when none
 * of them is there to restore.
 */
void
stint_focus_backend_restore_entries_async (StintFocusBackend   *self,
                                           const gint64        *ids,
                                           guint                n_ids,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (STINT_IS_FOCUS_BACKEND (self));
  g_return_if_fail (ids != NULL && n_ids > 0 && n_ids <= MAX_BULK_IDS);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = bulk_path (self, "/restore", ids, n_ids);
  send_no_content (stint_focus_op_new (self, cancellable, callback, user_data,
                                       stint_focus_backend_restore_entries_async),
                   "PATCH", path);
}

gboolean
stint_focus_backend_restore_entries_finish (StintFocusBackend  *self,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  return finish_boolean (self, result, stint_focus_backend_restore_entries_async, error);
}
