/* stint-soup-transport.c: the stint-soup module, Stint's HTTP session
 *
 * One SoupSession. What Stint sends and how it reads the answers stays in
 * stint-http.c; this file only moves bytes (see stint-transport.h for why
 * it is a module). It links nothing of Stint's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-http"

#include "config.h"

#include <libsoup/soup.h>

#include "api/stint-transport.h"

struct _StintTransport
{
  SoupSession *session;
};

/* One request in flight; the GTask's task data. */
typedef struct
{
  SoupMessage *message;
  GBytes      *body;
  char        *content_type;
} Send;

static void
send_free (Send *send)
{
  if (send->message != NULL)
    g_signal_handlers_disconnect_by_data (send->message, send);
  g_clear_object (&send->message);
  g_clear_pointer (&send->body, g_bytes_unref);
  g_free (send->content_type);
  g_free (send);
}

static StintTransport *
transport_new (const char *user_agent)
{
  StintTransport *transport = g_new0 (StintTransport, 1);

  transport->session = g_object_new (SOUP_TYPE_SESSION,
                                     "user-agent", user_agent,
                                     "idle-timeout", 60,
                                     NULL);
  return transport;
}

static void
transport_free (StintTransport *transport)
{
  if (transport == NULL)
    return;

  soup_session_abort (transport->session);
  g_object_unref (transport->session);
  g_free (transport);
}

static void
transport_set_timeout (StintTransport *transport,
                       guint           seconds)
{
  g_object_set (transport->session, "timeout", seconds, NULL);
}

static void
add_header (const char *name,
            const char *value,
            gpointer    user_data)
{
  GHashTable *headers = user_data;
  char *key = g_ascii_strdown (name, -1);

  /* The first of repeated headers, as soup_message_headers_get_one(). */
  if (g_hash_table_contains (headers, key))
    g_free (key);
  else
    g_hash_table_insert (headers, key, g_strdup (value));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GBytes *bytes;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

/* libsoup 3.2 sends an idempotent request (PUT, DELETE) again by itself
 * when a reused connection turns out closed, but from the already-read body
 * stream: without this the second send is empty. */
static void
on_restarted (SoupMessage *message,
              Send        *send)
{
  soup_message_set_request_body_from_bytes (message, send->content_type, send->body);
}

static void
transport_send_async (StintTransport      *transport,
                      const char          *method,
                      const char          *uri,
                      const char * const  *headers,
                      GBytes              *body,
                      const char          *content_type,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SoupMessageHeaders *request_headers;
  Send *send;

  g_task_set_source_tag (task, transport_send_async);
  send = g_new0 (Send, 1);
  g_task_set_task_data (task, send, (GDestroyNotify)send_free);

  send->message = soup_message_new (method, uri);
  if (send->message == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Not a valid URI: %s", uri);
      return;
    }

  /* A redirect could take the Authorization header to another host, or to
   * plain http: Toggl does not redirect its API, so refuse them. */
  soup_message_add_flags (send->message, SOUP_MESSAGE_NO_REDIRECT);

  request_headers = soup_message_get_request_headers (send->message);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);

  if (body != NULL)
    {
      send->body = g_bytes_ref (body);
      send->content_type = g_strdup (content_type);
      soup_message_set_request_body_from_bytes (send->message, content_type, body);
      g_signal_connect (send->message, "restarted", G_CALLBACK (on_restarted), send);
    }

  soup_session_send_and_read_async (transport->session, send->message, G_PRIORITY_DEFAULT,
                                    cancellable, send_cb, g_steal_pointer (&task));
}

static GBytes *
transport_send_finish (StintTransport  *transport,
                       GAsyncResult    *result,
                       guint           *status,
                       GHashTable     **headers,
                       GError         **error)
{
  Send *send = g_task_get_task_data (G_TASK (result));
  GBytes *bytes;

  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == transport_send_async, NULL);

  bytes = g_task_propagate_pointer (G_TASK (result), error);
  if (bytes == NULL)
    return NULL;

  *status = soup_message_get_status (send->message);
  *headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  soup_message_headers_foreach (soup_message_get_response_headers (send->message),
                                add_header, *headers);

  return bytes;
}

static const StintTransportFuncs funcs = {
  .abi_version = STINT_TRANSPORT_ABI_VERSION,
  .new = transport_new,
  .free = transport_free,
  .set_timeout = transport_set_timeout,
  .send_async = transport_send_async,
  .send_finish = transport_send_finish,
  .parse_http_date = soup_date_time_new_from_http_string,
};

G_MODULE_EXPORT const StintTransportFuncs *stint_transport_module_get_funcs (void);

const StintTransportFuncs *
stint_transport_module_get_funcs (void)
{
  return &funcs;
}
