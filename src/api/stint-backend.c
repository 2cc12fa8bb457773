/* stint-backend.c: what Stint asks of a Toggl service, whichever it is
 *
 * The interface only dispatches: each public call checks its arguments and
 * hands them to the implementation's vfunc. The `response` signal lives here
 * so every backend reports its replies the same way to the request budget;
 * implementations emit it with g_signal_emit_by_name().
 *
 * The structures the backends answer with are in stint-backend-account.c;
 * what the implementations share to send requests and read their replies is
 * in stint-backend-reply.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-backend"

#include "config.h"

#include "stint-backend.h"

G_DEFINE_INTERFACE (StintBackend, stint_backend, G_TYPE_OBJECT)

static void
stint_backend_default_init (StintBackendInterface *iface)
{
  /* Run-last with no class handler: only listeners (the budget) act on it. */
  g_signal_new ("response",
                G_TYPE_FROM_INTERFACE (iface),
                G_SIGNAL_RUN_LAST,
                0,
                NULL, NULL,
                NULL,
                G_TYPE_NONE,
                2,
                G_TYPE_STRING,
                STINT_TYPE_API_META | G_SIGNAL_TYPE_STATIC_SCOPE);
}

/* Each wrapper: the implementation must have the vfunc; a missing one is a
 * programmer error, reported once by g_return_if_fail. */
#define GET_IFACE(self) STINT_BACKEND_GET_IFACE (self)

void
stint_backend_fetch_account_async (StintBackend        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (STINT_IS_BACKEND (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (GET_IFACE (self)->fetch_account_async != NULL);

  GET_IFACE (self)->fetch_account_async (self, cancellable, callback, user_data);
}

/**
 * stint_backend_fetch_account_finish:
 *
 * Returns: (transfer full) (nullable): the account, or %NULL and @error
 */
StintBackendAccount *
stint_backend_fetch_account_finish (StintBackend  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (STINT_IS_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return GET_IFACE (self)->fetch_account_finish (self, result, error);
}

/**
 * stint_backend_fetch_changes_async:
 * @since: Unix seconds, the @server_time of the last changes; 0 for a first
 *   sync (then the backend decides how far back to look)
 */
void
stint_backend_fetch_changes_async (StintBackend        *self,
                                   gint64               since,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (STINT_IS_BACKEND (self));
  g_return_if_fail (since >= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (GET_IFACE (self)->fetch_changes_async != NULL);

  GET_IFACE (self)->fetch_changes_async (self, since, cancellable, callback, user_data);
}

/**
 * stint_backend_fetch_changes_finish:
 *
 * Returns: (transfer full) (nullable): the changes, or %NULL and @error
 */
StintBackendChanges *
stint_backend_fetch_changes_finish (StintBackend  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (STINT_IS_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return GET_IFACE (self)->fetch_changes_finish (self, result, error);
}

void
stint_backend_fetch_current_async (StintBackend        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (STINT_IS_BACKEND (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (GET_IFACE (self)->fetch_current_async != NULL);

  GET_IFACE (self)->fetch_current_async (self, cancellable, callback, user_data);
}

/**
 * stint_backend_fetch_current_finish:
 * @current: (out) (transfer full) (nullable): the running entry, or %NULL
 *   when nothing runs
 *
 * Returns: %TRUE when the server answered (whether or not an entry runs)
 */
gboolean
stint_backend_fetch_current_finish (StintBackend  *self,
                                    GAsyncResult  *result,
                                    StintEntry   **current,
                                    GError       **error)
{
  g_return_val_if_fail (STINT_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (current != NULL, FALSE);

  *current = NULL;
  return GET_IFACE (self)->fetch_current_finish (self, result, current, error);
}

void
stint_backend_create_entry_async (StintBackend        *self,
                                  StintEntry          *entry,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (STINT_IS_BACKEND (self));
  g_return_if_fail (STINT_IS_ENTRY (entry));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (GET_IFACE (self)->create_entry_async != NULL);

  GET_IFACE (self)->create_entry_async (self, entry, cancellable, callback, user_data);
}

/**
 * stint_backend_create_entry_finish:
 *
 * Returns: (transfer full) (nullable): the entry as the server stored it
 *   (server ids, local id 0), or %NULL and @error
 */
StintEntry *
stint_backend_create_entry_finish (StintBackend  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (STINT_IS_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return GET_IFACE (self)->create_entry_finish (self, result, error);
}

/**
 * stint_backend_update_entry_async:
 * @entry: the entry as it should be, with its server id
 * @before: (nullable): the entry as the server last had it, so only what
 *   changed is sent; %NULL sends every editable field
 */
void
stint_backend_update_entry_async (StintBackend        *self,
                                  StintEntry          *entry,
                                  StintEntry          *before,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (STINT_IS_BACKEND (self));
  g_return_if_fail (STINT_IS_ENTRY (entry));
  g_return_if_fail (before == NULL || STINT_IS_ENTRY (before));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (GET_IFACE (self)->update_entry_async != NULL);

  GET_IFACE (self)->update_entry_async (self, entry, before, cancellable, callback, user_data);
}

/**
 * stint_backend_update_entry_finish:
 *
 * Returns: (transfer full) (nullable): the entry as the server has it now
 */
StintEntry *
stint_backend_update_entry_finish (StintBackend  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (STINT_IS_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return GET_IFACE (self)->update_entry_finish (self, result, error);
}

/**
 * stint_backend_stop_entry_async:
 * @entry: the entry to stop, with its server id; when it carries a stop time
 *   (stopped while offline), that is the time the server should end up with
 */
void
stint_backend_stop_entry_async (StintBackend        *self,
                                StintEntry          *entry,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (STINT_IS_BACKEND (self));
  g_return_if_fail (STINT_IS_ENTRY (entry));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (GET_IFACE (self)->stop_entry_async != NULL);

  GET_IFACE (self)->stop_entry_async (self, entry, cancellable, callback, user_data);
}

/**
 * stint_backend_stop_entry_finish:
 *
 * Returns: (transfer full) (nullable): the stopped entry as the server has
 *   it; an entry already stopped elsewhere is not an error, it is returned
 *   as the server stopped it
 */
StintEntry *
stint_backend_stop_entry_finish (StintBackend  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (STINT_IS_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return GET_IFACE (self)->stop_entry_finish (self, result, error);
}

void
stint_backend_delete_entry_async (StintBackend        *self,
                                  gint64               workspace_id,
                                  gint64               server_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (STINT_IS_BACKEND (self));
  g_return_if_fail (workspace_id > 0);
  g_return_if_fail (server_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (GET_IFACE (self)->delete_entry_async != NULL);

  GET_IFACE (self)->delete_entry_async (self, workspace_id, server_id, cancellable, callback, user_data);
}

/**
 * stint_backend_delete_entry_finish:
 *
 * Returns: %TRUE when the entry is gone from the server, including when it
 *   already was
 */
gboolean
stint_backend_delete_entry_finish (StintBackend  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (STINT_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return GET_IFACE (self)->delete_entry_finish (self, result, error);
}

/**
 * stint_backend_create_project_async:
 * @color: (nullable): `#rrggbb`, or %NULL for the server's choice
 */
void
stint_backend_create_project_async (StintBackend        *self,
                                    gint64               workspace_id,
                                    const char          *name,
                                    const char          *color,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (STINT_IS_BACKEND (self));
  g_return_if_fail (workspace_id > 0);
  g_return_if_fail (name != NULL && name[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (GET_IFACE (self)->create_project_async != NULL);

  GET_IFACE (self)->create_project_async (self, workspace_id, name, color, cancellable, callback, user_data);
}

/**
 * stint_backend_create_project_finish:
 *
 * Returns: (transfer full) (nullable): the project with its server id
 */
StintProject *
stint_backend_create_project_finish (StintBackend  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (STINT_IS_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return GET_IFACE (self)->create_project_finish (self, result, error);
}

void
stint_backend_create_tag_async (StintBackend        *self,
                                gint64               workspace_id,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (STINT_IS_BACKEND (self));
  g_return_if_fail (workspace_id > 0);
  g_return_if_fail (name != NULL && name[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (GET_IFACE (self)->create_tag_async != NULL);

  GET_IFACE (self)->create_tag_async (self, workspace_id, name, cancellable, callback, user_data);
}

/**
 * stint_backend_create_tag_finish:
 *
 * Returns: (transfer full) (nullable): the tag with its server id
 */
StintTag *
stint_backend_create_tag_finish (StintBackend  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (STINT_IS_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return GET_IFACE (self)->create_tag_finish (self, result, error);
}

/* Optional in implementations (the Track backend has it): one without it
 * answers G_IO_ERROR_NOT_SUPPORTED instead of failing a g_return check. */
void
stint_backend_create_customer_async (StintBackend        *self,
                                     gint64               workspace_id,
                                     const char          *name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (STINT_IS_BACKEND (self));
  g_return_if_fail (workspace_id > 0);
  g_return_if_fail (name != NULL && name[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (GET_IFACE (self)->create_customer_async == NULL)
    {
      g_task_report_new_error (self, callback, user_data, stint_backend_create_customer_async,
                               G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "This service has no customers");
      return;
    }

  GET_IFACE (self)->create_customer_async (self, workspace_id, name, cancellable, callback, user_data);
}

/**
 * stint_backend_create_customer_finish:
 *
 * Returns: (transfer full) (nullable): the customer with its server id
 */
StintCustomer *
stint_backend_create_customer_finish (StintBackend  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (STINT_IS_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  if (g_async_result_is_tagged (result, stint_backend_create_customer_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  return GET_IFACE (self)->create_customer_finish (self, result, error);
}

/**
 * stint_backend_fetch_entry_async:
 * @server_id: the entry's server id
 *
 * Reads one entry as the server has it now: what the user gets back when
 * discarding a change the server refused.
 */
void
stint_backend_fetch_entry_async (StintBackend        *self,
                                 gint64               server_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (STINT_IS_BACKEND (self));
  g_return_if_fail (server_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (GET_IFACE (self)->fetch_entry_async != NULL);

  GET_IFACE (self)->fetch_entry_async (self, server_id, cancellable, callback, user_data);
}

/**
 * stint_backend_fetch_entry_finish:
 * @error: %STINT_API_ERROR_NOT_FOUND when the server has no such entry
 *   (deleted, or never there)
 *
 * Returns: (transfer full) (nullable): the entry as the server has it
 */
StintEntry *
stint_backend_fetch_entry_finish (StintBackend  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (STINT_IS_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return GET_IFACE (self)->fetch_entry_finish (self, result, error);
}
