/* stint-backend-reply.c: what the StintBackend implementations share to send
 * a request and read its reply
 *
 * Every reply goes through stint_backend_finish_reply(), which announces it
 * with the interface's `response` signal, so the request budget hears of
 * each one however the backend sent it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-backend"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-backend-private.h"

/**
 * stint_backend_finish_reply:
 * @self: the backend that sent the request
 * @http: what it sent it through
 * @bucket: the request budget's bucket the request counts in
 * @meta: (out) (optional): what the reply said besides its body
 *
 * For implementations: reads the reply to a request and announces it with
 * `response`, so every backend reports to the request budget alike.
 *
 * Returns: (transfer full) (nullable): the JSON, %NULL for an empty body or
 *   `null` (then @error is unset) or for an error
 */
JsonNode *
stint_backend_finish_reply (StintBackend  *self,
                            StintHttp     *http,
                            GAsyncResult  *result,
                            const char    *bucket,
                            StintApiMeta  *meta,
                            GError       **error)
{
  StintApiMeta local_meta = STINT_API_META_INIT;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (STINT_IS_BACKEND (self), NULL);
  g_return_val_if_fail (STINT_IS_HTTP (http), NULL);

  node = stint_http_request_finish (http, result, &local_meta, &local_error);
  if (meta != NULL)
    *meta = local_meta;

  /* A request that got no reply (status 0) may still have been counted by
   * Toggl, so the budget hears of it too. One the caller gave up on does not
   * matter to anyone: the caller is usually going away. */
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit_by_name (self, "response", bucket, &local_meta);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&node);
}

/* How a stint_backend_send_parsed() reads its reply: kept on the task,
 * which the implementations' sends pass to the callback. */
typedef struct
{
  StintBackendOpFinish  finish;
  StintBackendParse     parse;
} ParsedSend;

static G_DEFINE_QUARK (stint-backend-parsed-send, parsed_send)

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const ParsedSend *sent = g_object_get_qdata (G_OBJECT (task), parsed_send_quark ());
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  GObject *parsed = NULL;

  node = sent->finish (task, result, &error);
  if (error == NULL)
    parsed = sent->parse (g_task_get_source_object (task), node, &error);

  if (parsed != NULL)
    g_task_return_pointer (task, parsed, g_object_unref);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY, "%s",
                             _("Toggl sent an answer Stint cannot read."));
}

/**
 * stint_backend_send_parsed:
 * @task: (transfer full): the operation of a backend (its source object)
 *   that asks for one thing and answers it
 * @send: @task's backend's way to send one request
 * @finish: and to read its reply
 * @parse: what turns the reply into the operation's object
 *
 * Sends one request and ends @task with what @parse made of the reply, or
 * with the error of the request or of @parse.
 */
void
stint_backend_send_parsed (GTask                *task,
                           StintBackendOpSend    send,
                           StintBackendOpFinish  finish,
                           const char           *method,
                           const char           *path,
                           JsonNode             *body,
                           StintBackendParse     parse)
{
  ParsedSend *sent = g_new0 (ParsedSend, 1);

  sent->finish = finish;
  sent->parse = parse;
  g_object_set_qdata_full (G_OBJECT (task), parsed_send_quark (), sent, g_free);
  send (task, method, path, body, parsed_cb);
}

/* The _finish half of every implementation's GTask-based operation that
 * returns an object or a list: checks the result is the backend's own, from
 * the operation @source_tag names. */
gpointer
stint_backend_propagate_pointer (StintBackend  *self,
                                 GAsyncResult  *result,
                                 gpointer       source_tag,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
