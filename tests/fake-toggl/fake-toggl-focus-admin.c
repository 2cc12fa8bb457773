/* fake-toggl-focus-admin.c: changing and reading the fake's Focus from outside
 *
 * As fake-toggl-admin.c does for Track: tests in the same process call the
 * functions below; end-to-end tests reach the same under /__admin/focus/
 * (routes in fake_toggl_focus_admin_handle()). Nothing here is a Focus
 * request: not logged, not counted, never faulted. "Elsewhere" is another
 * Focus client (the web app) acting for the user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include "fake-toggl-focus-private.h"

static JsonObject *
find_user (FakeToggl  *self,
           gint64      user_id,
           GError    **error)
{
  JsonObject *user = fake_toggl_find (fake_focus_get (self)->users, user_id);

  if (user == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no Focus user %" G_GINT64_FORMAT, user_id);
  return user;
}

static JsonObject *
insert (FakeToggl   *self,
        JsonObject  *user,
        JsonObject  *body,
        GError     **error)
{
  FakeExchange ex = { .fake = self, .focus = TRUE };
  gint64 workspace_id = json_object_get_int_member_with_default (body, "workspace_id", 0);
  JsonObject *entry;

  if (workspace_id <= 0)
    workspace_id = json_object_get_int_member_with_default (user, "current_workspace_id", 0);
  entry = fake_focus_insert_entry (self, json_object_get_int_member (user, "id"), workspace_id, body, &ex);
  if (entry == NULL)
    {
      JsonObject *reply = ex.reply != NULL && JSON_NODE_HOLDS_OBJECT (ex.reply) ? json_node_get_object (ex.reply) : NULL;

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           reply != NULL ? json_object_get_string_member_with_default (reply, "error_description",
                                                                                       "refused")
                                         : "refused");
    }
  g_clear_pointer (&ex.reply, json_node_unref);
  return entry;
}

/**
 * fake_toggl_focus_add_entry:
 * @json: a partial Focus entry (see fake_focus_insert_entry()), in the
 *   user's current workspace unless it names `workspace_id`
 *
 * Returns: (transfer none) (nullable): the stored entry, or %NULL and a
 *   %G_IO_ERROR_INVALID_ARGUMENT with the reason
 */
JsonObject *
fake_toggl_focus_add_entry (FakeToggl   *self,
                            gint64       user_id,
                            const char  *json,
                            GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *user;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);

  if ((user = find_user (self, user_id, error)) == NULL ||
      (node = json_from_string (json, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "the entry is not an object");
      return NULL;
    }
  return insert (self, user, json_node_get_object (node), error);
}

/* Starts an entry now, as the Focus web app would: what ran stops. */
JsonObject *
fake_toggl_focus_start_elsewhere (FakeToggl  *self,
                                  gint64      user_id,
                                  const char *description)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonObject *user;
  JsonObject *running;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);
  user = find_user (self, user_id, NULL);
  g_return_val_if_fail (user != NULL, NULL);

  if ((running = fake_focus_running (self, user_id)) != NULL)
    fake_focus_stop (self, running, fake_toggl_now (self));
  if (description != NULL)
    json_object_set_string_member (body, "description", description);
  return insert (self, user, body, NULL);
}

/* Stops what runs now, as the web app would; %NULL when nothing runs. */
JsonObject *
fake_toggl_focus_stop_elsewhere (FakeToggl *self,
                                 gint64     user_id)
{
  JsonObject *running;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);

  if ((running = fake_focus_running (self, user_id)) != NULL)
    fake_focus_stop (self, running, fake_toggl_now (self));
  return running;
}

/* Deletes a live entry as the web app would: lists leave it out. */
gboolean
fake_toggl_focus_delete_elsewhere (FakeToggl *self,
                                   gint64     id)
{
  JsonObject *entry;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), FALSE);

  entry = fake_toggl_find (fake_focus_get (self)->entries, id);
  if (entry == NULL || !fake_focus_entry_live (entry))
    return FALSE;
  fake_focus_set_time (entry, "deleted_at", fake_toggl_now (self));
  fake_focus_touch (self, entry);
  return TRUE;
}

JsonObject *
fake_toggl_focus_get_entry (FakeToggl *self,
                            gint64     id)
{
  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);
  return fake_toggl_find (fake_focus_get (self)->entries, id);
}

JsonObject *
fake_toggl_focus_get_running (FakeToggl *self,
                              gint64     user_id)
{
  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);
  return fake_focus_running (self, user_id);
}

guint
fake_toggl_focus_count_entries (FakeToggl *self,
                                gint64     user_id,
                                gboolean   include_deleted)
{
  GPtrArray *entries;
  guint n = 0;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), 0);

  entries = fake_focus_get (self)->entries;
  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (entries, i);

      if (json_object_get_int_member (entry, "toggl_user_id") == user_id &&
          (include_deleted || fake_focus_entry_live (entry)))
        n++;
    }
  return n;
}

/* --- /__admin/focus/ ----------------------------------------------------- */

/* Takes @reply (nullable: `null`). */
static void
reply (SoupServerMessage *msg,
       guint              status,
       JsonNode          *node)
{
  g_autoptr(JsonNode) owned = node;
  g_autofree char *json = owned != NULL ? json_to_string (owned, TRUE) : g_strdup ("null");

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
refuse (SoupServerMessage *msg,
        guint              status,
        const char        *message)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, message);
  reply (msg, status, node);
}

static JsonNode *
object_node (JsonObject *object)
{
  return object != NULL ? json_node_init_object (json_node_alloc (), object) : NULL;
}

/* The request body as an object ({} when empty), or NULL. */
static JsonNode *
request_body (SoupServerMessage *msg)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  JsonNode *node;

  if (g_bytes_get_size (bytes) == 0)
    {
      g_autoptr(JsonObject) none = json_object_new ();

      return json_node_init_object (json_node_alloc (), none);
    }
  node = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    g_clear_pointer (&node, json_node_unref);
  return node;
}

/**
 * fake_toggl_focus_admin_handle:
 * @parts: the path below /__admin/focus/
 *
 *   GET    /__admin/focus/entries       every Focus entry, deleted ones too
 *   POST   /__admin/focus/entries       add an entry for the user whose key
 *                                       is given as Stint gives it
 *                                       (-H "Authorization: Bearer KEY");
 *                                       body: a partial Focus entry
 *   DELETE /__admin/focus/entries/ID    delete it as the web app would
 *   POST   /__admin/focus/start         start {"description"} now, elsewhere
 *                                       (Bearer KEY); what ran stops
 *   POST   /__admin/focus/stop          stop what runs now (Bearer KEY);
 *                                       409 when nothing runs
 *   POST   /__admin/focus/expire-key    the key (Bearer KEY) expires now:
 *                                       from here on every request with it
 *                                       is answered 401, admin ones too
 *   POST   /__admin/focus/settings      any of: quota, bare_task_creates
 */
void
fake_toggl_focus_admin_handle (FakeToggl         *self,
                               SoupServerMessage *msg,
                               const char        *method,
                               char             **parts,
                               guint              n)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  FakeFocus *focus = fake_focus_get (self);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *user;
  JsonObject *entry;
  gint64 id;

  if (n == 1 && g_str_equal (parts[0], "entries") && g_str_equal (method, "GET"))
    {
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < focus->entries->len; i++)
        json_array_add_object_element (array, json_object_ref (g_ptr_array_index (focus->entries, i)));
      return reply (msg, SOUP_STATUS_OK, json_node_init_array (json_node_alloc (), array));
    }
  if (n == 2 && g_str_equal (parts[0], "entries") && g_str_equal (method, "DELETE"))
    {
      if (!g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT64, &id, NULL) ||
          !fake_toggl_focus_delete_elsewhere (self, id))
        return refuse (msg, SOUP_STATUS_NOT_FOUND, "no such live entry");
      return reply (msg, SOUP_STATUS_OK, NULL);
    }
  if (n != 1 || !g_str_equal (method, "POST"))
    return refuse (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
  if ((body = request_body (msg)) == NULL)
    return refuse (msg, SOUP_STATUS_BAD_REQUEST, "the body must be a JSON object");

  if (g_str_equal (parts[0], "settings"))
    {
      JsonObject *settings = json_node_get_object (body);

      if (json_object_has_member (settings, "quota"))
        focus->quota = (guint)CLAMP (json_object_get_int_member (settings, "quota"), 0, G_MAXUINT);
      if (json_object_has_member (settings, "bare_task_creates"))
        focus->bare_task_creates = json_object_get_boolean_member (settings, "bare_task_creates");
      return reply (msg, SOUP_STATUS_OK, NULL);
    }

  if ((user = fake_toggl_focus_auth (self, authorization)) == NULL)
    return refuse (msg, SOUP_STATUS_UNAUTHORIZED,
                   "say whose entry it is the way Stint does: -H 'Authorization: Bearer KEY'");
  id = json_object_get_int_member (user, "id");

  if (g_str_equal (parts[0], "entries"))
    {
      if ((entry = insert (self, user, json_node_get_object (body), &error)) == NULL)
        return refuse (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return reply (msg, SOUP_STATUS_OK, object_node (entry));
    }
  if (g_str_equal (parts[0], "start"))
    {
      const char *description = json_object_get_string_member_with_default (json_node_get_object (body),
                                                                            "description", NULL);

      return reply (msg, SOUP_STATUS_OK, object_node (fake_toggl_focus_start_elsewhere (self, id, description)));
    }
  if (g_str_equal (parts[0], "expire-key"))
    {
      fake_toggl_focus_set_key_expiry (self, id, fake_toggl_now (self));
      return reply (msg, SOUP_STATUS_OK, NULL);
    }
  if (g_str_equal (parts[0], "stop"))
    {
      if ((entry = fake_toggl_focus_stop_elsewhere (self, id)) == NULL)
        return refuse (msg, SOUP_STATUS_CONFLICT, "nothing runs");
      return reply (msg, SOUP_STATUS_OK, object_node (entry));
    }
  refuse (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
}
