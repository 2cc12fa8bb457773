/* fake-toggl-admin.c: changing and reading the fake's state from outside
 *
 * Tests in the same process call the functions below directly. End-to-end
 * tests, which run `stint-fake-toggl` as a separate program, reach the same
 * through a small JSON API under /__admin/ on the server's own port (see
 * stint-fake-toggl.c for the list). Neither path is a Toggl request: nothing
 * here goes into the request log, counts against a quota, or meets a fault,
 * so a test sees exactly what Stint sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include "fake-toggl-private.h"
#include "fake-toggl-track-private.h"
#include "fake-toggl-focus-private.h"

#define ADMIN_PREFIX "/__admin/"

/* --- for tests in the same process --------------------------------------- */

/* A refusal written into a scratch exchange, as a GError. */
static JsonObject *
refused (FakeExchange  *ex,
         GError       **error)
{
  const char *message = ex->reply != NULL && JSON_NODE_HOLDS_VALUE (ex->reply)
                        ? json_node_get_string (ex->reply) : "refused";

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
  g_clear_pointer (&ex->reply, json_node_unref);
  return NULL;
}

/**
 * fake_toggl_add_entry:
 * @user_id: whose entry it is
 * @json: a JSON object: a partial time entry in Toggl's shape (description,
 *   workspace_id, project_id, tags, billable, start, stop, duration), plus
 *   optionally id, at and server_deleted_at
 *
 * Puts an entry on the server as another Toggl client would: no request is
 * logged or counted. Defaults: the user's default workspace, start now,
 * running when neither stop nor duration is given (then the entry that was
 * running stops, as on Toggl).
 *
 * Returns: (transfer none) (nullable): the stored entry, or %NULL and a
 *   %G_IO_ERROR_INVALID_ARGUMENT with the reason.
 */
JsonObject *
fake_toggl_add_entry (FakeToggl   *self,
                      gint64       user_id,
                      const char  *json,
                      GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  FakeExchange ex = { .fake = self };
  JsonObject *user;
  JsonObject *entry;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);
  g_return_val_if_fail (json != NULL, NULL);

  if ((node = json_from_string (json, error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "empty entry");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "the entry is not an object");
      return NULL;
    }
  if ((user = fake_toggl_find (self->users, user_id)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no user %" G_GINT64_FORMAT, user_id);
      return NULL;
    }

  entry = fake_track_insert_entry (self, user, json_node_get_object (node), &ex);
  if (entry == NULL)
    return refused (&ex, error);
  return entry;
}

/**
 * fake_toggl_find_entries:
 * @user_id: whose entries, or 0 for everyone's
 * @description: (nullable): only entries with exactly this description
 * @include_deleted: whether entries deleted on the server count
 *
 * Returns: (transfer container) (element-type JsonObject): the matching
 *   entries in the order they were created.
 */
GPtrArray *
fake_toggl_find_entries (FakeToggl  *self,
                         gint64      user_id,
                         const char *description,
                         gboolean    include_deleted)
{
  GPtrArray *found;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  for (guint i = 0; i < self->entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (self->entries, i);

      if (user_id != 0 && json_object_get_int_member (entry, "user_id") != user_id)
        continue;
      if (description != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "description", NULL),
                     description) != 0)
        continue;
      if (!include_deleted && !fake_track_entry_live (entry))
        continue;
      g_ptr_array_add (found, json_object_ref (entry));
    }
  return found;
}

/* Deletes a live entry as another client would: `since` reports it. */
gboolean
fake_toggl_delete_entry (FakeToggl *self,
                         gint64     id)
{
  JsonObject *entry;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), FALSE);

  entry = fake_toggl_find (self->entries, id);
  if (entry == NULL || !fake_track_entry_live (entry))
    return FALSE;
  fake_track_set_time (entry, "server_deleted_at", fake_toggl_now (self));
  fake_track_touch (self, entry);
  return TRUE;
}

/* Stops a running entry now, as another client would; %NULL if it is not
 * a live running entry. */
JsonObject *
fake_toggl_stop_entry (FakeToggl *self,
                       gint64     id)
{
  JsonObject *entry;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);

  entry = fake_toggl_find (self->entries, id);
  if (entry == NULL || !fake_track_entry_live (entry) || !fake_track_entry_running (entry))
    return NULL;
  fake_track_stop_entry (self, entry, fake_toggl_now (self));
  return entry;
}

JsonObject *
fake_toggl_get_entry (FakeToggl *self,
                      gint64     id)
{
  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);
  return fake_toggl_find (self->entries, id);
}

guint
fake_toggl_count_entries (FakeToggl *self,
                          gint64     user_id,
                          gboolean   include_deleted)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), 0);

  found = fake_toggl_find_entries (self, user_id, NULL, include_deleted);
  return found->len;
}

JsonObject *
fake_toggl_get_running (FakeToggl *self,
                        gint64     user_id)
{
  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (self->entries, i);

      if (json_object_get_int_member (entry, "user_id") == user_id &&
          fake_track_entry_live (entry) && fake_track_entry_running (entry))
        return entry;
    }
  return NULL;
}

/* What `GET /me/time_entries/current` answers when nothing runs: 200 (with
 * `null`, as the live API does; the default), 204 (empty) or 404 (as the
 * spec says). */
void
fake_toggl_set_idle_current_status (FakeToggl *self,
                                    guint      status)
{
  g_return_if_fail (FAKE_IS_TOGGL (self));
  g_return_if_fail (status == SOUP_STATUS_OK || status == SOUP_STATUS_NO_CONTENT ||
                    status == SOUP_STATUS_NOT_FOUND);
  self->idle_current_status = status;
}

/* Off by default: in-process tests change state directly. */
void
fake_toggl_set_admin_enabled (FakeToggl *self,
                              gboolean   enabled)
{
  g_return_if_fail (FAKE_IS_TOGGL (self));
  self->admin_enabled = !!enabled;
}

/* --- the /__admin/ HTTP API ---------------------------------------------- */

/* Takes @reply (nullable: `null`). */
static void
admin_reply (SoupServerMessage *msg,
             guint              status,
             JsonNode          *reply)
{
  g_autoptr(JsonNode) owned = reply;
  g_autofree char *json = owned != NULL ? json_to_string (owned, TRUE) : g_strdup ("null");

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
admin_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, message);
  admin_reply (msg, status, node);
}

static JsonNode *
objects_node (GPtrArray *objects)
{
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; i < objects->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (objects, i)));
  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
request_log_node (FakeToggl *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->log->len; i++)
    {
      const FakeTogglRequest *request = g_ptr_array_index (self->log, i);
      const struct { const char *name; const char *value; } strings[] = {
        { "method", request->method }, { "path", request->path }, { "query", request->query },
        { "body", request->body }, { "bucket", request->bucket }, { "user_agent", request->user_agent },
      };

      json_builder_begin_object (builder);
      for (guint j = 0; j < G_N_ELEMENTS (strings); j++)
        {
          json_builder_set_member_name (builder, strings[j].name);
          if (strings[j].value != NULL)
            json_builder_add_string_value (builder, strings[j].value);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, request->status);
      json_builder_set_member_name (builder, "applied");
      json_builder_add_boolean_value (builder, request->applied);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static gboolean
parse_fault_kind (const char         *name,
                  FakeTogglFaultKind *kind)
{
  static const struct { const char *name; FakeTogglFaultKind kind; } kinds[] = {
    { "status", FAKE_TOGGL_FAULT_STATUS },
    { "delay", FAKE_TOGGL_FAULT_DELAY },
    { "close-before", FAKE_TOGGL_FAULT_CLOSE_BEFORE },
    { "close-after", FAKE_TOGGL_FAULT_CLOSE_AFTER },
    { "malformed", FAKE_TOGGL_FAULT_MALFORMED },
    { "rate-limit", FAKE_TOGGL_FAULT_RATE_LIMIT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (name, kinds[i].name) == 0)
      {
        *kind = kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

static guint
uint_member (JsonObject *object,
             const char *member)
{
  return (guint)CLAMP (json_object_get_int_member_with_default (object, member, 0), 0, G_MAXUINT);
}

static void
admin_add_fault (FakeToggl         *self,
                 SoupServerMessage *msg,
                 JsonObject        *body)
{
  FakeTogglFault fault = { 0 };

  fault.method = json_object_get_string_member_with_default (body, "method", NULL);
  fault.path = json_object_get_string_member_with_default (body, "path", NULL);
  if (fault.path == NULL ||
      !parse_fault_kind (json_object_get_string_member_with_default (body, "kind", NULL), &fault.kind))
    return admin_error (msg, SOUP_STATUS_BAD_REQUEST, "a fault needs a path and a known kind");

  fault.times = uint_member (body, "times");
  fault.status = uint_member (body, "status");
  fault.delay_ms = uint_member (body, "delay_ms");
  fault.retry_after = uint_member (body, "retry_after");
  fault.body = json_object_get_string_member_with_default (body, "body", NULL);
  fault.content_type = json_object_get_string_member_with_default (body, "content_type", NULL);
  fake_toggl_add_fault (self, &fault);
  admin_reply (msg, SOUP_STATUS_OK, NULL);
}

static void
admin_settings (FakeToggl         *self,
                SoupServerMessage *msg,
                JsonObject        *body)
{
  guint idle = uint_member (body, "idle_current_status");

  if (idle != 0 && idle != 200 && idle != 204 && idle != 404)
    return admin_error (msg, SOUP_STATUS_BAD_REQUEST, "idle_current_status is 200, 204 or 404");
  if (idle != 0)
    self->idle_current_status = idle;
  if (json_object_has_member (body, "user_quota"))
    self->user_quota = uint_member (body, "user_quota");
  if (json_object_has_member (body, "workspace_quota"))
    self->workspace_quota = uint_member (body, "workspace_quota");
  if (json_object_has_member (body, "burst_per_second"))
    self->burst_per_second = uint_member (body, "burst_per_second");
  if (json_object_has_member (body, "burst_retry_after"))
    self->burst_retry_after = uint_member (body, "burst_retry_after");
  if (json_object_has_member (body, "auth_failure_status"))
    self->auth_failure_status = uint_member (body, "auth_failure_status");
  admin_reply (msg, SOUP_STATUS_OK, NULL);
}

static void
admin_entry (FakeToggl         *self,
             SoupServerMessage *msg,
             const char        *method,
             const char        *id_text,
             const char        *action)
{
  JsonObject *entry;
  gint64 id;

  if (!g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL) ||
      (entry = fake_toggl_find (self->entries, id)) == NULL || !fake_track_entry_live (entry))
    return admin_error (msg, SOUP_STATUS_NOT_FOUND, "no such live entry");

  if (action == NULL && g_str_equal (method, "GET"))
    return admin_reply (msg, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), entry));
  if (action == NULL && g_str_equal (method, "DELETE"))
    {
      fake_toggl_delete_entry (self, id);
      return admin_reply (msg, SOUP_STATUS_OK, NULL);
    }
  if (g_strcmp0 (action, "stop") == 0 && g_str_equal (method, "POST"))
    {
      if (fake_toggl_stop_entry (self, id) == NULL)
        return admin_error (msg, SOUP_STATUS_CONFLICT, "the entry is not running");
      return admin_reply (msg, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), entry));
    }
  admin_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed");
}

static gboolean
from_loopback (SoupServerMessage *msg)
{
  GSocketAddress *address = soup_server_message_get_remote_address (msg);

  return address != NULL && G_IS_INET_SOCKET_ADDRESS (address) &&
         g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
}

/* A JSON object body, or NULL after answering 400. An absent body is {}. */
static JsonNode *
admin_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonNode) node = NULL;

  if (g_bytes_get_size (bytes) == 0)
    {
      g_autoptr(JsonObject) none = json_object_new ();

      return json_node_init_object (json_node_alloc (), none);
    }

  node = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      admin_error (msg, SOUP_STATUS_BAD_REQUEST, "the body must be a JSON object");
      return NULL;
    }
  return g_steal_pointer (&node);
}

/* Everything under /__admin/ (see stint-fake-toggl.c for the routes). */
void
fake_toggl_admin_handle (FakeToggl         *self,
                         SoupServerMessage *msg,
                         const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonNode) body = NULL;
  guint n;

  if (!self->admin_enabled)
    return admin_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
  if (!from_loopback (msg))
    return admin_error (msg, SOUP_STATUS_FORBIDDEN, "the admin API only answers this computer");

  parts = g_strsplit (path + strlen (ADMIN_PREFIX), "/", -1);
  n = g_strv_length (parts);
  g_debug ("admin: %s %s", method, path);

  if (n == 1 && g_str_equal (parts[0], "entries") && g_str_equal (method, "GET"))
    return admin_reply (msg, SOUP_STATUS_OK, objects_node (self->entries));
  if (n == 1 && g_str_equal (parts[0], "requests") && g_str_equal (method, "GET"))
    return admin_reply (msg, SOUP_STATUS_OK, request_log_node (self));
  if (n == 1 && g_str_equal (method, "DELETE") &&
      (g_str_equal (parts[0], "requests") || g_str_equal (parts[0], "faults")))
    {
      if (g_str_equal (parts[0], "requests"))
        fake_toggl_clear_log (self);
      else
        fake_toggl_clear_faults (self);
      return admin_reply (msg, SOUP_STATUS_OK, NULL);
    }
  if (n >= 2 && g_str_equal (parts[0], "focus"))
    return fake_toggl_focus_admin_handle (self, msg, method, parts + 1, n - 1);
  if ((n == 2 || n == 3) && g_str_equal (parts[0], "entries"))
    return admin_entry (self, msg, method, parts[1], n == 3 ? parts[2] : NULL);

  if (!g_str_equal (method, "POST") || n != 1)
    return admin_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
  if ((body = admin_body (msg)) == NULL)
    return;

  if (g_str_equal (parts[0], "faults"))
    return admin_add_fault (self, msg, json_node_get_object (body));
  if (g_str_equal (parts[0], "settings"))
    return admin_settings (self, msg, json_node_get_object (body));
  if (g_str_equal (parts[0], "entries"))
    {
      const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                "Authorization");
      JsonObject *user = fake_toggl_track_auth (self, authorization);
      FakeExchange ex = { .fake = self };
      JsonObject *entry;

      if (user == NULL)
        return admin_error (msg, SOUP_STATUS_UNAUTHORIZED,
                            "say whose entry it is the way Stint does: -u TOKEN:api_token");
      entry = fake_track_insert_entry (self, user, json_node_get_object (body), &ex);
      if (entry == NULL)
        return admin_reply (msg, ex.status, g_steal_pointer (&ex.reply));
      return admin_reply (msg, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), entry));
    }

  admin_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
}
