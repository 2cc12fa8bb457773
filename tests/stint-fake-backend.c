/* stint-fake-backend.c: an in-memory Toggl service for sync tests
 *
 * A StintBackend with a server-side table of entries, projects and tags, the
 * Toggl behaviours the sync layer relies on (a new running entry stops the
 * old one, stopping a stopped entry returns it, deleting a deleted entry is
 * done), a log of the requests that reached it, and scripted faults: the next
 * requests fail with any StintApiError and reply headers, the network can be
 * down (nothing reaches the server), and replies can be held back to look at
 * what happens while a request is under way. A change is applied when the
 * request arrives, so a held reply is one the server has already acted on.
 *
 * Time is the test's StintClock: an entry's `at` is the clock's second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-fake-backend"

#include "config.h"

#include "stint-fake-backend.h"

typedef struct
{
  StintApiError code;
  char         *message;
  StintApiMeta  meta;
  gboolean      lost;     /* the change is made, only the answer is lost */
} Fault;

/* One reply, sent at once or held. */
typedef struct
{
  GTask          *task;
  const char     *bucket;
  StintApiMeta    meta;
  GError         *error;
  gboolean        reached;      /* no response signal for a request that never arrived */
  GError         *lost;         /* applied, but this is all the client hears */
  gboolean        is_boolean;
  gpointer        result;
  GDestroyNotify  result_free;
} Reply;

typedef struct
{
  gint64 server_id;
  gint64 at;
} Deletion;

struct _StintFakeBackend
{
  GObject     parent_instance;

  StintClock *clock;
  GHashTable *entries;    /* server id → StintEntry */
  GArray     *deletions;  /* Deletion */
  GPtrArray  *projects;   /* StintProject */
  GPtrArray  *tags;       /* StintTag */
  gint64      last_id;
  GQueue      faults;     /* Fault */
  GQueue      held;       /* Reply */
  GPtrArray  *log;        /* what each request was: "create", "update", … */
  gboolean    offline;
  gboolean    hold;
};

static void stint_fake_backend_iface_init (StintBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StintFakeBackend, stint_fake_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STINT_TYPE_BACKEND,
                                                      stint_fake_backend_iface_init))

static void
fault_free (Fault *fault)
{
  g_free (fault->message);
  g_free (fault);
}

static gint64
now (StintFakeBackend *self)
{
  return stint_clock_now (self->clock);
}

static Reply *
reply_new (StintFakeBackend *self,
           gpointer          source_tag,
           GCancellable     *cancellable,
           GAsyncReadyCallback callback,
           gpointer          user_data,
           const char       *what,
           const char       *bucket)
{
  Reply *reply = g_new0 (Reply, 1);
  Fault *fault;

  reply->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (reply->task, source_tag);
  reply->bucket = bucket;
  stint_api_meta_init (&reply->meta);

  if (self->offline)
    {
      reply->error = g_error_new_literal (STINT_API_ERROR, STINT_API_ERROR_NETWORK,
                                          "Stint cannot reach Toggl. Check the network connection.");
      return reply;
    }

  reply->reached = TRUE;
  reply->meta.status = 200;
  g_ptr_array_add (self->log, g_strdup (what));

  fault = g_queue_pop_head (&self->faults);
  if (fault != NULL && fault->lost)
    reply->lost = g_error_new_literal (STINT_API_ERROR, fault->code, fault->message);
  else if (fault != NULL)
    {
      reply->error = g_error_new_literal (STINT_API_ERROR, fault->code, fault->message);
      reply->meta = fault->meta;
    }
  g_clear_pointer (&fault, fault_free);

  return reply;
}

static void
reply_send (StintFakeBackend *self,
            Reply            *reply)
{
  if (reply->reached)
    g_signal_emit_by_name (self, "response", reply->bucket, &reply->meta);

  if (reply->error != NULL)
    g_task_return_error (reply->task, g_steal_pointer (&reply->error));
  else if (reply->is_boolean)
    g_task_return_boolean (reply->task, TRUE);
  else
    g_task_return_pointer (reply->task, g_steal_pointer (&reply->result), reply->result_free);

  g_object_unref (reply->task);
  g_free (reply);
}

static void
reply_finish (StintFakeBackend *self,
              Reply            *reply)
{
  /* Acted on; the client hears only the failure, reported with status 0 as
   * StintTrackBackend reports a connection that broke. */
  if (reply->lost != NULL)
    {
      if (reply->result != NULL && reply->result_free != NULL)
        reply->result_free (reply->result);
      reply->result = NULL;
      g_clear_error (&reply->error);
      reply->error = g_steal_pointer (&reply->lost);
      reply->meta.status = 0;
    }

  if (self->hold)
    g_queue_push_tail (&self->held, reply);
  else
    reply_send (self, reply);
}

static void
reply_fail (Reply         *reply,
            guint          status,
            StintApiError  code,
            const char    *message)
{
  reply->meta.status = status;
  reply->error = g_error_new_literal (STINT_API_ERROR, code, message);
}

static void
reply_entry (Reply      *reply,
             StintEntry *entry)
{
  reply->result = entry != NULL ? stint_entry_copy (entry) : NULL;
  reply->result_free = g_object_unref;
}

/* Stores @entry under a new server id, as the server would take it. */
static StintEntry *
insert_entry (StintFakeBackend *self,
              StintEntry       *entry)
{
  StintEntry *stored = stint_entry_copy (entry);
  GHashTableIter iter;
  StintEntry *other;

  /* Toggl stops the running entry when another starts. */
  if (stint_entry_is_running (stored))
    {
      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&other))
        if (stint_entry_is_running (other))
          {
            stint_entry_set_stop (other, MAX (now (self), stint_entry_get_start (other)));
            stint_entry_set_at (other, now (self));
          }
    }

  stint_entry_set_id (stored, 0);
  stint_entry_set_server_id (stored, ++self->last_id);
  stint_entry_set_at (stored, now (self));
  stint_entry_set_sync_state (stored, STINT_SYNC_STATE_SYNCED, NULL);
  if (stint_entry_get_workspace_id (stored) == 0)
    stint_entry_set_workspace_id (stored, STINT_FAKE_WORKSPACE_ID);

  g_hash_table_insert (self->entries, g_memdup2 (&self->last_id, sizeof self->last_id), stored);

  return stored;
}

static void
record_deletion (StintFakeBackend *self,
                 gint64            server_id)
{
  Deletion deletion = { server_id, now (self) };

  g_array_append_val (self->deletions, deletion);
}

/* StintBackend */

static void
fake_fetch_account_async (StintBackend        *backend,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  StintFakeBackend *self = STINT_FAKE_BACKEND (backend);
  Reply *reply = reply_new (self, fake_fetch_account_async, cancellable, callback, user_data,
                            "account", "user");

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

  reply_finish (self, reply);
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
  Reply *reply = reply_new (self, fake_fetch_changes_async, cancellable, callback, user_data,
                            "changes", "user");

  if (reply->error == NULL)
    {
      StintBackendChanges *changes = g_new0 (StintBackendChanges, 1);
      GHashTableIter iter;
      StintEntry *entry;

      changes->entries = g_ptr_array_new_with_free_func (g_object_unref);
      changes->deleted_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      changes->server_time = now (self);

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

  reply_finish (self, reply);
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
  Reply *reply = reply_new (self, fake_fetch_current_async, cancellable, callback, user_data,
                            "current", "user");

  if (reply->error == NULL)
    {
      GHashTableIter iter;
      StintEntry *entry;
      StintEntry *running = NULL;

      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
        if (stint_entry_is_running (entry))
          running = entry;

      reply_entry (reply, running);
    }

  reply_finish (self, reply);
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
  Reply *reply = reply_new (self, fake_create_entry_async, cancellable, callback, user_data,
                            "create", "workspace");

  if (reply->error != NULL)
    ;
  else if (stint_entry_get_workspace_id (entry) == 0)
    reply_fail (reply, 400, STINT_API_ERROR_INVALID, "Toggl refused the change: workspace_id is required");
  else if (stint_entry_get_server_id (entry) != 0)
    reply_fail (reply, 400, STINT_API_ERROR_INVALID, "Toggl refused the change: id is read-only");
  else
    reply_entry (reply, insert_entry (self, entry));

  reply_finish (self, reply);
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
  Reply *reply = reply_new (self, fake_update_entry_async, cancellable, callback, user_data,
                            "update", "workspace");
  StintEntry *stored = g_hash_table_lookup (self->entries, &server_id);

  if (reply->error != NULL)
    ;
  else if (stored == NULL)
    reply_fail (reply, 404, STINT_API_ERROR_NOT_FOUND, "Toggl could not find it; it may have been deleted.");
  else
    {
      stint_entry_assign (stored, entry);
      stint_entry_set_id (stored, 0);
      stint_entry_set_at (stored, now (self));
      stint_entry_set_sync_state (stored, STINT_SYNC_STATE_SYNCED, NULL);
      reply_entry (reply, stored);
    }

  reply_finish (self, reply);
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
  Reply *reply = reply_new (self, fake_stop_entry_async, cancellable, callback, user_data,
                            "stop", "workspace");
  StintEntry *stored = g_hash_table_lookup (self->entries, &server_id);

  if (reply->error != NULL)
    ;
  else if (stored == NULL)
    reply_fail (reply, 404, STINT_API_ERROR_NOT_FOUND, "Toggl could not find it; it may have been deleted.");
  else
    {
      /* Stopped elsewhere already: returned as it is, like the backend's
       * re-read after a 409. */
      if (stint_entry_is_running (stored))
        {
          gint64 stop = stint_entry_get_stop (entry) != 0 ? stint_entry_get_stop (entry) : now (self);

          stint_entry_set_stop (stored, MAX (stop, stint_entry_get_start (stored)));
          stint_entry_set_at (stored, now (self));
        }
      reply_entry (reply, stored);
    }

  reply_finish (self, reply);
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
  Reply *reply = reply_new (self, fake_delete_entry_async, cancellable, callback, user_data,
                            "delete", "workspace");

  if (reply->error == NULL)
    {
      /* Already gone is done. */
      if (g_hash_table_remove (self->entries, &server_id))
        record_deletion (self, server_id);
      reply->is_boolean = TRUE;
    }

  reply_finish (self, reply);
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
  Reply *reply = reply_new (self, fake_create_project_async, cancellable, callback, user_data,
                            "create-project", "workspace");

  if (reply->error == NULL)
    {
      gint64 server_id = stint_fake_backend_add_project (self, name);
      StintProject *project = stint_project_new (0, name, color);

      stint_project_set_server_id (project, server_id);
      stint_project_set_workspace_id (project, workspace_id);
      reply->result = project;
      reply->result_free = g_object_unref;
    }

  reply_finish (self, reply);
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
  Reply *reply = reply_new (self, fake_create_tag_async, cancellable, callback, user_data,
                            "create-tag", "workspace");

  if (reply->error == NULL)
    {
      StintTag *tag = stint_tag_new (0, name);

      stint_tag_set_server_id (tag, stint_fake_backend_add_tag (self, name));
      stint_tag_set_workspace_id (tag, workspace_id);
      reply->result = tag;
      reply->result_free = g_object_unref;
    }

  reply_finish (self, reply);
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
  Reply *reply = reply_new (self, fake_fetch_entry_async, cancellable, callback, user_data,
                            "entry", "user");
  StintEntry *stored = g_hash_table_lookup (self->entries, &server_id);

  if (reply->error != NULL)
    ;
  else if (stored == NULL)
    reply_fail (reply, 404, STINT_API_ERROR_NOT_FOUND, "Toggl could not find it; it may have been deleted.");
  else
    reply_entry (reply, stored);

  reply_finish (self, reply);
}

static void
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

static void
stint_fake_backend_finalize (GObject *object)
{
  StintFakeBackend *self = (StintFakeBackend *)object;

  /* A held reply still owns its task, whose callback may hold the sync. */
  g_assert (g_queue_is_empty (&self->held));
  g_queue_clear_full (&self->faults, (GDestroyNotify)fault_free);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->deletions, g_array_unref);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->log, g_ptr_array_unref);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (stint_fake_backend_parent_class)->finalize (object);
}

static void
stint_fake_backend_class_init (StintFakeBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stint_fake_backend_finalize;
}

static void
stint_fake_backend_init (StintFakeBackend *self)
{
  self->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->deletions = g_array_new (FALSE, FALSE, sizeof (Deletion));
  self->projects = g_ptr_array_new_with_free_func (g_object_unref);
  self->tags = g_ptr_array_new_with_free_func (g_object_unref);
  self->log = g_ptr_array_new_with_free_func (g_free);
  self->last_id = G_GINT64_CONSTANT (3000000000);
  g_queue_init (&self->faults);
  g_queue_init (&self->held);
}

/* Public API */

StintFakeBackend *
stint_fake_backend_new (StintClock *clock)
{
  StintFakeBackend *self = g_object_new (STINT_TYPE_FAKE_BACKEND, NULL);

  self->clock = g_object_ref (clock);

  return self;
}

/**
 * stint_fake_backend_push_error:
 * @meta: (nullable): the reply's status and quota headers
 *
 * The next request that reaches the server fails with @code and @message
 * (and changes nothing). Faults queue up, one per request.
 */
void
stint_fake_backend_push_error (StintFakeBackend   *self,
                               StintApiError       code,
                               const char         *message,
                               const StintApiMeta *meta)
{
  Fault *fault = g_new0 (Fault, 1);

  fault->code = code;
  fault->message = g_strdup (message);
  if (meta != NULL)
    fault->meta = *meta;
  else
    stint_api_meta_init (&fault->meta);

  g_queue_push_tail (&self->faults, fault);
}

/**
 * stint_fake_backend_push_lost_reply:
 *
 * The next request that reaches the server is carried out, but its answer
 * is lost: the client gets @code (a dropped connection, a timeout) as if
 * nothing had happened. Queued with the faults of push_error().
 */
void
stint_fake_backend_push_lost_reply (StintFakeBackend *self,
                                    StintApiError     code,
                                    const char       *message)
{
  Fault *fault = g_new0 (Fault, 1);

  fault->code = code;
  fault->message = g_strdup (message);
  fault->lost = TRUE;
  stint_api_meta_init (&fault->meta);

  g_queue_push_tail (&self->faults, fault);
}

/* Offline: requests fail as a network error and never reach the server. */
void
stint_fake_backend_set_offline (StintFakeBackend *self,
                                gboolean          offline)
{
  self->offline = offline;
}

/* Holding: the server acts on requests but keeps the replies until
 * stint_fake_backend_release(). */
void
stint_fake_backend_set_hold (StintFakeBackend *self,
                             gboolean          hold)
{
  self->hold = hold;
}

guint
stint_fake_backend_get_n_held (StintFakeBackend *self)
{
  return g_queue_get_length (&self->held);
}

/* Sends the held replies, in order; returns how many. */
guint
stint_fake_backend_release (StintFakeBackend *self)
{
  guint n = 0;
  Reply *reply;

  while ((reply = g_queue_pop_head (&self->held)) != NULL)
    {
      reply_send (self, reply);
      n++;
    }

  return n;
}

guint
stint_fake_backend_get_n_requests (StintFakeBackend *self)
{
  return self->log->len;
}

/* How many requests of one kind reached the server: "account", "current",
 * "changes", "entry", "create", "update", "stop", "delete",
 * "create-project", "create-tag". */
guint
stint_fake_backend_count (StintFakeBackend *self,
                          const char       *what)
{
  guint n = 0;

  for (guint i = 0; i < self->log->len; i++)
    if (g_str_equal (g_ptr_array_index (self->log, i), what))
      n++;

  return n;
}

/* The requests so far, for a failing assertion to show. */
char *
stint_fake_backend_dup_log (StintFakeBackend *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < self->log->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (char *)g_ptr_array_index (self->log, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
stint_fake_backend_clear_log (StintFakeBackend *self)
{
  g_ptr_array_set_size (self->log, 0);
}

/* An entry made on another device (server ids); returns its server id. */
gint64
stint_fake_backend_add_entry (StintFakeBackend *self,
                              StintEntry       *entry)
{
  return stint_entry_get_server_id (insert_entry (self, entry));
}

/* An edit made on another device. */
gboolean
stint_fake_backend_edit_entry (StintFakeBackend *self,
                               gint64            server_id,
                               const char       *description)
{
  StintEntry *stored = g_hash_table_lookup (self->entries, &server_id);

  if (stored == NULL)
    return FALSE;

  stint_entry_set_description (stored, description);
  stint_entry_set_at (stored, now (self));

  return TRUE;
}

/* A deletion made on another device. */
gboolean
stint_fake_backend_remove_entry (StintFakeBackend *self,
                                 gint64            server_id)
{
  if (!g_hash_table_remove (self->entries, &server_id))
    return FALSE;

  record_deletion (self, server_id);

  return TRUE;
}

/* Returns: (transfer none) (nullable): the server's entry */
StintEntry *
stint_fake_backend_lookup (StintFakeBackend *self,
                           gint64            server_id)
{
  return g_hash_table_lookup (self->entries, &server_id);
}

static int
compare_server_id (gconstpointer a,
                   gconstpointer b)
{
  gint64 ia = stint_entry_get_server_id (*(StintEntry * const *)a);
  gint64 ib = stint_entry_get_server_id (*(StintEntry * const *)b);

  return ia < ib ? -1 : ia > ib;
}

/* Returns: (transfer container): the server's entries, oldest id first */
GPtrArray *
stint_fake_backend_get_entries (StintFakeBackend *self)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  StintEntry *entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    g_ptr_array_add (entries, g_object_ref (entry));
  g_ptr_array_sort (entries, compare_server_id);

  return entries;
}

/* Returns: the new project's server id */
gint64
stint_fake_backend_add_project (StintFakeBackend *self,
                                const char       *name)
{
  StintProject *project = stint_project_new (0, name, "#3584e4");

  stint_project_set_server_id (project, ++self->last_id);
  stint_project_set_workspace_id (project, STINT_FAKE_WORKSPACE_ID);
  g_ptr_array_add (self->projects, project);

  return self->last_id;
}

/* Returns: the new tag's server id */
gint64
stint_fake_backend_add_tag (StintFakeBackend *self,
                            const char       *name)
{
  StintTag *tag = stint_tag_new (0, name);

  stint_tag_set_server_id (tag, ++self->last_id);
  stint_tag_set_workspace_id (tag, STINT_FAKE_WORKSPACE_ID);
  g_ptr_array_add (self->tags, tag);

  return self->last_id;
}
