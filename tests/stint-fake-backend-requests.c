/* stint-fake-backend-requests.c: the fake backend's StintBackend calls
 *
 * Each call takes a reply from stint-fake-backend.c (which may already
 * carry a fault), does to the server's state what Toggl would, and sends or
 * holds the answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-fake-backend"

#include "config.h"

#include "stint-fake-backend-private.h"

static void
fake_fetch_account_async (StintBackend        *backend,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  StintFakeBackend *self = STINT_FAKE_BACKEND (backend);
  Reply *reply = fake_backend_reply_new (self, fake_fetch_account_async, cancellable, callback,
                                         user_data, "account", "user");

  if (reply->error == NULL)
    {
      StintBackendAccount *account = g_new0 (StintBackendAccount, 1);
      StintBackendWorkspace *workspace = g_new0 (StintBackendWorkspace, 1);

      account->user_id = STINT_FAKE_USER_ID;
      account->email = g_strdup ("ada@example.com");
      account->name = g_strdup ("Ada");
      account->default_workspace_id = STINT_FAKE_WORKSPACE_ID;
      account->workspaces = g_ptr_array_new_with_free_func ((GDestroyNotify)stint_backend_workspace_free);
      account->projects = g_ptr_array_new_with_free_func (g_object_unref);
      account->tags = g_ptr_array_new_with_free_func (g_object_unref);

      workspace->id = STINT_FAKE_WORKSPACE_ID;
      workspace->name = g_strdup ("Ada's workspace");
      g_ptr_array_add (account->workspaces, workspace);

      for (guint i = 0; i < self->projects->len; i++)
        {
          StintProject *p = g_ptr_array_index (self->projects, i);
          StintProject *copy = stint_project_new (0, stint_project_get_name (p),
                                                  stint_project_get_color (p));

          stint_project_set_server_id (copy, stint_project_get_server_id (p));
          stint_project_set_workspace_id (copy, stint_project_get_workspace_id (p));
          g_ptr_array_add (account->projects, copy);
        }
      for (guint i = 0; i < self->tags->len; i++)
        {
          StintTag *t = g_ptr_array_index (self->tags, i);
          StintTag *copy = stint_tag_new (0, stint_tag_get_name (t));

          stint_tag_set_server_id (copy, stint_tag_get_server_id (t));
          stint_tag_set_workspace_id (copy, stint_tag_get_workspace_id (t));
          g_ptr_array_add (account->tags, copy);
        }

      reply->result = account;
      reply->result_free = (GDestroyNotify)stint_backend_account_free;
    }

  fake_backend_reply_finish (self, reply);
}

static StintBackendAccount *
fake_fetch_account_finish (StintBackend  *backend,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_fetch_changes_async (StintBackend        *backend,
                          gint64               since,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  StintFakeBackend *self = STINT_FAKE_BACKEND (backend);
  Reply *reply = fake_backend_reply_new (self, fake_fetch_changes_async, cancellable, callback,
                                         user_data, "changes", "user");

  if (reply->error == NULL)
    {
      StintBackendChanges *changes = g_new0 (StintBackendChanges, 1);
      GHashTableIter iter;
      StintEntry *entry;

      changes->entries = g_ptr_array_new_with_free_func (g_object_unref);
      changes->deleted_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      changes->server_time = fake_backend_now (self);

      /* Modified at or after @since: a second's resolution, so the same
       * change may come twice, never not at all. */
      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
        if (stint_entry_get_at (entry) >= since)
          g_ptr_array_add (changes->entries, stint_entry_copy (entry));

      for (guint i = 0; i < self->deletions->len; i++)
        {
          Deletion *deletion = &g_array_index (self->deletions, Deletion, i);

          if (since > 0 && deletion->at >= since)
            g_array_append_val (changes->deleted_ids, deletion->server_id);
        }

      reply->result = changes;
      reply->result_free = (GDestroyNotify)stint_backend_changes_free;
    }

  fake_backend_reply_finish (self, reply);
}

static StintBackendChanges *
fake_fetch_changes_finish (StintBackend  *backend,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_fetch_current_async (StintBackend        *backend,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  StintFakeBackend *self = STINT_FAKE_BACKEND (backend);
  Reply *reply = fake_backend_reply_new (self, fake_fetch_current_async, cancellable, callback,
                                         user_data, "current", "user");

  if (reply->error == NULL)
    {
      GHashTableIter iter;
      StintEntry *entry;
      StintEntry *running = NULL;

      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
        if (stint_entry_is_running (entry))
          running = entry;

      fake_backend_reply_entry (reply, running);
    }

  fake_backend_reply_finish (self, reply);
}

static gboolean
fake_fetch_current_finish (StintBackend  *backend,
                           GAsyncResult  *result,
                           StintEntry   **current,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  StintEntry *entry;

  entry = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *current = entry;
  return TRUE;
}

static void
fake_create_entry_async (StintBackend        *backend,
                         StintEntry          *entry,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  StintFakeBackend *self = STINT_FAKE_BACKEND (backend);
  Reply *reply = fake_backend_reply_new (self, fake_create_entry_async, cancellable, callback,
                                         user_data, "create", "workspace");

  if (reply->error != NULL)
    ;
  else if (stint_entry_get_workspace_id (entry) == 0)
    fake_backend_reply_fail (reply, 400, STINT_API_ERROR_INVALID,
                             "Toggl refused the change: workspace_id is required");
  else if (stint_entry_get_server_id (entry) != 0)
    fake_backend_reply_fail (reply, 400, STINT_API_ERROR_INVALID,
                             "Toggl refused the change: id is read-only");
  else
    fake_backend_reply_entry (reply, fake_backend_insert_entry (self, entry));

  fake_backend_reply_finish (self, reply);
}

static StintEntry *
fake_entry_finish (StintBackend  *backend,
                   GAsyncResult  *result,
                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_update_entry_async (StintBackend        *backend,
                         StintEntry          *entry,
                         StintEntry          *before,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  StintFakeBackend *self = STINT_FAKE_BACKEND (backend);
  gint64 server_id = stint_entry_get_server_id (entry);
  Reply *reply = fake_backend_reply_new (self, fake_update_entry_async, cancellable, callback,
                                         user_data, "update", "workspace");
  StintEntry *stored = g_hash_table_lookup (self->entries, &server_id);

  if (reply->error != NULL)
    ;
  else if (stored == NULL)
    fake_backend_reply_fail (reply, 404, STINT_API_ERROR_NOT_FOUND,
                             "Toggl could not find it; it may have been deleted.");
  else
    {
      stint_entry_assign (stored, entry);
      stint_entry_set_id (stored, 0);
      stint_entry_set_at (stored, fake_backend_now (self));
      stint_entry_set_sync_state (stored, STINT_SYNC_STATE_SYNCED, NULL);
      fake_backend_reply_entry (reply, stored);
    }

  fake_backend_reply_finish (self, reply);
}

static void
fake_stop_entry_async (StintBackend        *backend,
                       StintEntry          *entry,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  StintFakeBackend *self = STINT_FAKE_BACKEND (backend);
  gint64 server_id = stint_entry_get_server_id (entry);
  Reply *reply = fake_backend_reply_new (self, fake_stop_entry_async, cancellable, callback,
                                         user_data, "stop", "workspace");
  StintEntry *stored = g_hash_table_lookup (self->entries, &server_id);

  if (reply->error != NULL)
    ;
  else if (stored == NULL)
    fake_backend_reply_fail (reply, 404, STINT_API_ERROR_NOT_FOUND,
                             "Toggl could not find it; it may have been deleted.");
  else
    {
      /* Stopped elsewhere already: returned as it is, like the backend's
       * re-read after a 409. */
      if (stint_entry_is_running (stored))
        {
          gint64 stop = stint_entry_get_stop (entry) != 0 ? stint_entry_get_stop (entry)
                                                          : fake_backend_now (self);

          stint_entry_set_stop (stored, MAX (stop, stint_entry_get_start (stored)));
          stint_entry_set_at (stored, fake_backend_now (self));
        }
      fake_backend_reply_entry (reply, stored);
    }

  fake_backend_reply_finish (self, reply);
}

static void
fake_delete_entry_async (StintBackend        *backend,
                         gint64               workspace_id,
                         gint64               server_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  StintFakeBackend *self = STINT_FAKE_BACKEND (backend);
  Reply *reply = fake_backend_reply_new (self, fake_delete_entry_async, cancellable, callback,
                                         user_data, "delete", "workspace");

  if (reply->error == NULL)
    {
      /* Already gone is done. */
      if (g_hash_table_remove (self->entries, &server_id))
        fake_backend_record_deletion (self, server_id);
      reply->is_boolean = TRUE;
    }

  fake_backend_reply_finish (self, reply);
}

static gboolean
fake_delete_entry_finish (StintBackend  *backend,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fake_create_project_async (StintBackend        *backend,
                           gint64               workspace_id,
                           const char          *name,
                           const char          *color,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  StintFakeBackend *self = STINT_FAKE_BACKEND (backend);
  Reply *reply = fake_backend_reply_new (self, fake_create_project_async, cancellable, callback,
                                         user_data, "create-project", "workspace");

  if (reply->error == NULL)
    {
      gint64 server_id = stint_fake_backend_add_project (self, name);
      StintProject *project = stint_project_new (0, name, color);

      stint_project_set_server_id (project, server_id);
      stint_project_set_workspace_id (project, workspace_id);
      reply->result = project;
      reply->result_free = g_object_unref;
    }

  fake_backend_reply_finish (self, reply);
}

static StintProject *
fake_create_project_finish (StintBackend  *backend,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_create_tag_async (StintBackend        *backend,
                       gint64               workspace_id,
                       const char          *name,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  StintFakeBackend *self = STINT_FAKE_BACKEND (backend);
  Reply *reply = fake_backend_reply_new (self, fake_create_tag_async, cancellable, callback,
                                         user_data, "create-tag", "workspace");

  if (reply->error == NULL)
    {
      StintTag *tag = stint_tag_new (0, name);

      stint_tag_set_server_id (tag, stint_fake_backend_add_tag (self, name));
      stint_tag_set_workspace_id (tag, workspace_id);
      reply->result = tag;
      reply->result_free = g_object_unref;
    }

  fake_backend_reply_finish (self, reply);
}

static StintTag *
fake_create_tag_finish (StintBackend  *backend,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_fetch_entry_async (StintBackend        *backend,
                        gint64               server_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  StintFakeBackend *self = STINT_FAKE_BACKEND (backend);
  Reply *reply = fake_backend_reply_new (self, fake_fetch_entry_async, cancellable, callback,
                                         user_data, "entry", "user");
  StintEntry *stored = g_hash_table_lookup (self->entries, &server_id);

  if (reply->error != NULL)
    ;
  else if (stored == NULL)
    fake_backend_reply_fail (reply, 404, STINT_API_ERROR_NOT_FOUND,
                             "Toggl could not find it; it may have been deleted.");
  else
    fake_backend_reply_entry (reply, stored);

  fake_backend_reply_finish (self, reply);
}

void
stint_fake_backend_iface_init (StintBackendInterface *iface)
{
  iface->fetch_account_async = fake_fetch_account_async;
  iface->fetch_account_finish = fake_fetch_account_finish;
  iface->fetch_changes_async = fake_fetch_changes_async;
  iface->fetch_changes_finish = fake_fetch_changes_finish;
  iface->fetch_current_async = fake_fetch_current_async;
  iface->fetch_current_finish = fake_fetch_current_finish;
  iface->create_entry_async = fake_create_entry_async;
  iface->create_entry_finish = fake_entry_finish;
  iface->update_entry_async = fake_update_entry_async;
  iface->update_entry_finish = fake_entry_finish;
  iface->stop_entry_async = fake_stop_entry_async;
  iface->stop_entry_finish = fake_entry_finish;
  iface->delete_entry_async = fake_delete_entry_async;
  iface->delete_entry_finish = fake_delete_entry_finish;
  iface->create_project_async = fake_create_project_async;
  iface->create_project_finish = fake_create_project_finish;
  iface->create_tag_async = fake_create_tag_async;
  iface->create_tag_finish = fake_create_tag_finish;
  iface->fetch_entry_async = fake_fetch_entry_async;
  iface->fetch_entry_finish = fake_entry_finish;
}
