/* fake-toggl-faults.c: the fake's scripted faults
 *
 * A test queues faults for a method and a path glob; the first one that
 * matches a request is used up (or counted down, when it is for several).
 * An error status, a 429 or a connection closed early take the place of the
 * service's answer; a delay, a connection closed after the answer or a body
 * cut in half change the answer the service gave (the last two in
 * fake-toggl.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include "fake-toggl-transport-private.h"

void
fake_fault_free (Fault *fault)
{
  g_free (fault->method);
  g_free (fault->path);
  g_free (fault->body);
  g_free (fault->content_type);
  g_free (fault);
}

void
fake_delayed_free (Delayed *delayed)
{
  g_clear_handle_id (&delayed->source_id, g_source_remove);
  g_clear_signal_handler (&delayed->finished_handler, delayed->msg);
  /* Let the server finish the message it is waiting for. */
  if (!delayed->finished)
    soup_server_message_unpause (delayed->msg);
  g_object_unref (delayed->msg);
  g_free (delayed);
}

/* Shut the socket under the server: the client sees the connection end with
 * no answer, and the server fails to write and cleans up as after any
 * vanished client. */
void
fake_message_drop_connection (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
}

static Fault *
fault_copy (const Fault *fault)
{
  Fault *copy = g_memdup2 (fault, sizeof *fault);

  copy->method = g_strdup (fault->method);
  copy->path = g_strdup (fault->path);
  copy->body = g_strdup (fault->body);
  copy->content_type = g_strdup (fault->content_type);
  return copy;
}

/* The first queued fault matching the request, used up once. */
Fault *
fake_toggl_take_fault (FakeToggl  *self,
                       const char *method,
                       const char *path)
{
  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      Fault *fault = l->data;

      if (fault->method != NULL && g_ascii_strcasecmp (fault->method, method) != 0)
        continue;
      if (!g_pattern_match_simple (fault->path, path))
        continue;

      if (fault->times > 1)
        {
          fault->times--;
          return fault_copy (fault);
        }
      g_queue_delete_link (&self->faults, l);
      return fault;
    }
  return NULL;
}

static void
on_delayed_finished (SoupServerMessage *msg,
                     gpointer           user_data)
{
  Delayed *delayed = user_data;

  delayed->finished = TRUE;
}

static gboolean
on_delay_over (gpointer user_data)
{
  Delayed *delayed = user_data;

  delayed->source_id = 0;
  delayed->self->delayed = g_list_remove (delayed->self->delayed, delayed);
  fake_delayed_free (delayed);

  return G_SOURCE_REMOVE;
}

void
fake_toggl_delay_answer (FakeToggl         *self,
                         SoupServerMessage *msg,
                         guint              delay_ms)
{
  Delayed *delayed = g_new0 (Delayed, 1);

  delayed->self = self;
  delayed->msg = g_object_ref (msg);
  delayed->finished_handler = g_signal_connect (msg, "finished", G_CALLBACK (on_delayed_finished), delayed);
  delayed->source_id = g_timeout_add (delay_ms, on_delay_over, delayed);
  self->delayed = g_list_prepend (self->delayed, delayed);

  soup_server_message_pause (msg);
}

void
fake_toggl_apply_pre_fault (SoupServerMessage *msg,
                            Fault             *fault)
{
  switch (fault->kind)
    {
    case FAKE_TOGGL_FAULT_STATUS:
      soup_server_message_set_status (msg, fault->status ? fault->status : 500, NULL);
      if (fault->status == SOUP_STATUS_NO_CONTENT)
        break; /* a 204 has no body */
      if (fault->body != NULL)
        soup_server_message_set_response (msg, fault->content_type ? fault->content_type : "text/plain",
                                          SOUP_MEMORY_COPY, fault->body, strlen (fault->body));
      else
        fake_message_set_error (msg, fault->status ? fault->status : 500, "Internal Server Error");
      break;
    case FAKE_TOGGL_FAULT_RATE_LIMIT:
      if (fault->retry_after > 0)
        {
          g_autofree char *retry = g_strdup_printf ("%u", fault->retry_after);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", retry);
        }
      fake_message_set_error (msg, 429, "Too Many Requests");
      break;
    case FAKE_TOGGL_FAULT_CLOSE_BEFORE:
      fake_message_drop_connection (msg);
      break;
    case FAKE_TOGGL_FAULT_DELAY:
    case FAKE_TOGGL_FAULT_CLOSE_AFTER:
    case FAKE_TOGGL_FAULT_MALFORMED:
    default:
      g_assert_not_reached ();
    }
}

void
fake_toggl_add_fault (FakeToggl            *self,
                      const FakeTogglFault *fault)
{
  Fault *copy;

  g_return_if_fail (FAKE_IS_TOGGL (self));
  g_return_if_fail (fault != NULL && fault->path != NULL);

  copy = g_new0 (Fault, 1);
  copy->method = g_strdup (fault->method);
  copy->path = g_strdup (fault->path);
  copy->kind = fault->kind;
  copy->times = MAX (fault->times, 1);
  copy->status = fault->status;
  copy->delay_ms = fault->delay_ms;
  copy->retry_after = fault->retry_after;
  copy->body = g_strdup (fault->body);
  copy->content_type = g_strdup (fault->content_type);
  g_queue_push_tail (&self->faults, copy);
}

void
fake_toggl_clear_faults (FakeToggl *self)
{
  g_return_if_fail (FAKE_IS_TOGGL (self));
  g_queue_clear_full (&self->faults, (GDestroyNotify)fake_fault_free);
}
