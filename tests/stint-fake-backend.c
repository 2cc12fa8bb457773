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
 * This file holds the object, the reply every request gets (a scripted
 * fault, the network down, held back), the switches for those, and the
 * log; stint-fake-backend-requests.c answers the StintBackend calls,
 * stint-fake-backend-server.c keeps the server's entries, projects and
 * tags.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-fake-backend"

#include "config.h"

#include "stint-fake-backend-private.h"

typedef struct
{
  StintApiError code;
  char         *message;
  StintApiMeta  meta;
  gboolean      lost;     /* the change is made, only the answer is lost */
} Fault;

G_DEFINE_FINAL_TYPE_WITH_CODE (StintFakeBackend, stint_fake_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STINT_TYPE_BACKEND,
                                                      stint_fake_backend_iface_init))

static void
fault_free (Fault *fault)
{
  g_free (fault->message);
  g_free (fault);
}

gint64
fake_backend_now (StintFakeBackend *self)
{
  return stint_clock_now (self->clock);
}

Reply *
fake_backend_reply_new (StintFakeBackend *self,
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

void
fake_backend_reply_finish (StintFakeBackend *self,
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

void
fake_backend_reply_fail (Reply         *reply,
                         guint          status,
                         StintApiError  code,
                         const char    *message)
{
  reply->meta.status = status;
  reply->error = g_error_new_literal (STINT_API_ERROR, code, message);
}

void
fake_backend_reply_entry (Reply      *reply,
                          StintEntry *entry)
{
  reply->result = entry != NULL ? stint_entry_copy (entry) : NULL;
  reply->result_free = g_object_unref;
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
