/* stint-http-request.c: one request of StintHttp, from JSON to JSON
 *
 * Each request has its own deadline and follows the caller's cancellable;
 * the reply's status and quota headers go into a StintApiMeta, a failure
 * into a StintApiError with a sentence, a body into a JsonNode. The HTTP
 * session itself is opened with the first request (stint-transport.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stint-http-private.h"

#define USER_AGENT "Stint/" PACKAGE_VERSION " (+https://github.com/stintapp/stint)"

/* One request in flight; the GTask's task data. */
typedef struct
{
  char         *method;
  char         *path;
  GCancellable *cancellable;     /* ours: the caller's or the deadline cancel it */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  guint         deadline_id;
  gboolean      timed_out;
  StintApiMeta  meta;
} Request;

static void
request_free (Request *request)
{
  if (request->caller_handler != 0)
    g_cancellable_disconnect (request->caller_cancellable, request->caller_handler);
  g_clear_handle_id (&request->deadline_id, g_source_remove);
  g_clear_object (&request->caller_cancellable);
  g_clear_object (&request->cancellable);
  g_free (request->method);
  g_free (request->path);
  g_free (request);
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_deadline (gpointer user_data)
{
  Request *request = user_data;

  request->deadline_id = 0;
  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);

  return G_SOURCE_REMOVE;
}

static JsonNode *
parse_json_body (GBytes  *bytes,
                 GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *data;
  gsize size = 0;
  JsonNode *root;

  data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  if (size == 0)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      g_set_error_literal (error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY,
                           _("Toggl sent an answer Stint cannot read."));
      return NULL;
    }

  /* Current entry when idle is `200 null`: the same as no body at all. */
  if (JSON_NODE_HOLDS_NULL (root))
    return NULL;

  return json_node_ref (root);
}

/* A Content-Type without its parameters (charset), or %NULL. */
static char *
media_type (const char *content_type)
{
  if (content_type == NULL)
    return NULL;

  return g_strstrip (g_strndup (content_type, strcspn (content_type, ";")));
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  StintHttp *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GHashTable) headers = NULL;
  g_autofree char *content_type = NULL;
  guint status = 0;

  bytes = self->transport_funcs->send_finish (self->transport, result, &status, &headers, &error);
  g_clear_handle_id (&request->deadline_id, g_source_remove);

  if (bytes == NULL)
    {
      if (request->timed_out)
        {
          g_debug ("%s %s: no answer within %u ms", request->method, request->path, self->timeout_ms);
          g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_TIMEOUT, "%s",
                                   _("Toggl did not answer in time; Stint will try again."));
        }
      else if (g_cancellable_is_cancelled (request->caller_cancellable))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                                 _("The request was cancelled."));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_BAD_URL,
                                 _("“%s” is not a valid request path."), request->path);
      else
        g_task_return_error (task, stint_api_error_new_for_transport (error));
      return;
    }

  content_type = media_type (g_hash_table_lookup (headers, "content-type"));

  request->meta.status = status;
  stint_api_meta_parse_headers (&request->meta, headers, self->transport_funcs->parse_http_date,
                                stint_clock_now (self->clock));

  g_debug ("%s %s: %u, quota %" G_GINT64_FORMAT " left, resets in %" G_GINT64_FORMAT " s",
           request->method, request->path, status,
           request->meta.quota_remaining, request->meta.quota_resets_in);

  if (status < 200 || status > 299)
    {
      const char *redact = self->secret;

      /* With a password, the secret part is what follows the email. */
      if (self->auth_kind == STINT_HTTP_AUTH_PASSWORD)
        redact = strchr (self->secret, ':') + 1;

      g_task_return_error (task, stint_api_error_new_for_status (&request->meta, bytes, content_type,
                                                                 redact,
                                                                 stint_clock_now (self->clock)));
      return;
    }

  node = parse_json_body (bytes, &error);
  if (error != NULL)
    {
      g_debug ("%s %s: unreadable %s body of %zu bytes", request->method, request->path,
               content_type ? content_type : "untyped", g_bytes_get_size (bytes));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&node), (GDestroyNotify)json_node_unref);
}

/**
 * stint_http_request_async:
 * @method: "GET", "POST", "PUT", "PATCH", "DELETE"
 * @path: below the base URL, starting with '/', query included and escaped
 * @body: (nullable): the JSON to send
 *
 * Sends one request. The result is the parsed JSON (%NULL for an empty body or
 * `null`) or a %STINT_API_ERROR; see stint_http_request_finish().
 */
void
stint_http_request_async (StintHttp           *self,
                          const char          *method,
                          const char          *path,
                          JsonNode            *body,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *auth = NULL;
  const char *headers[5] = { "Accept", "application/json", NULL, NULL, NULL };
  Request *request;

  g_return_if_fail (STINT_IS_HTTP (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_http_request_async);

  request = g_new0 (Request, 1);
  stint_api_meta_init (&request->meta);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

  if (self->base_url == NULL)
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_BAD_URL, "%s",
                               _("No Toggl server is set up."));
      return;
    }

  if (self->transport == NULL)
    {
      self->transport_funcs = stint_transport_load (&error);
      if (self->transport_funcs == NULL)
        {
          g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_NETWORK, "%s",
                                   error->message);
          return;
        }
      self->transport = self->transport_funcs->new (USER_AGENT);
      self->transport_funcs->set_timeout (self->transport, stint_http_socket_timeout (self));
    }

  uri = g_strconcat (self->base_url, path, NULL);

  auth = stint_http_authorization (self);
  if (auth != NULL)
    {
      headers[2] = "Authorization";
      headers[3] = auth;
    }

  if (body != NULL)
    {
      g_autofree char *json = json_to_string (body, FALSE);
      gsize len = strlen (json);

      bytes = g_bytes_new_take (g_steal_pointer (&json), len);
    }

  request->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      request->caller_cancellable = g_object_ref (cancellable);
      request->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                       g_object_ref (request->cancellable),
                                                       g_object_unref);
    }
  request->deadline_id = g_timeout_add (self->timeout_ms, on_deadline, request);

  self->transport_funcs->send_async (self->transport, method, uri, headers, bytes,
                                     "application/json", request->cancellable, request_cb,
                                     g_steal_pointer (&task));

  /* The session keeps its own copy of the header. */
  if (auth != NULL)
    explicit_bzero (auth, strlen (auth));
}

/**
 * stint_http_request_finish:
 * @meta: (out caller-allocates) (optional): the status and quota headers, filled
 *   in also when the request failed (status 0 when no response arrived)
 *
 * Returns: (transfer full) (nullable): the reply, or %NULL for an empty body,
 *   `null`, or an error (then @error is set).
 */
JsonNode *
stint_http_request_finish (StintHttp     *self,
                           GAsyncResult  *result,
                           StintApiMeta  *meta,
                           GError       **error)
{
  g_return_val_if_fail (STINT_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (meta != NULL)
    {
      Request *request = g_task_get_task_data (G_TASK (result));

      *meta = request->meta;
    }

  return g_task_propagate_pointer (G_TASK (result), error);
}
