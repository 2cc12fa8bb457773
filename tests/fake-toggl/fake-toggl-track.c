/* fake-toggl-track.c: the Toggl Track v9 endpoints Stint uses, faked
 *
 * This file holds the fixture, authentication, quota buckets, request
 * validation, /me, projects and tags, and the routing; the time entries are
 * in fake-toggl-track-entries.c, clients and tasks in
 * fake-toggl-track-clients.c.
 *
 * State is kept as JSON objects in Toggl's own response shapes, so a reply is
 * the stored object itself. Validation follows the v9 spec and what Toggl is
 * known to answer (shared/api/README.md): created_with required, workspace_id
 * equal to the path's, RFC 3339 times, start + duration = stop, error bodies
 * as JSON string literals. Where the real API is unknown the fake picks the
 * documented guess and says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include "api/stint-json.h"

#include "fake-toggl-private.h"
#include "fake-toggl-track-private.h"

static const char * const no_access = "User does not have access to this resource.";

/* --- fixture and lookup ------------------------------------------------- */

static gboolean
load_list (JsonObject  *fixture,
           const char  *member,
           GPtrArray   *into,
           GError     **error)
{
  JsonNode *node = json_object_get_member (fixture, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "fixture: “%s” is not an array", member);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !json_object_has_member (json_node_get_object (element), "id"))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "fixture: “%s” #%u is not an object with an id", member, i);
          return FALSE;
        }
      g_ptr_array_add (into, json_object_ref (json_node_get_object (element)));
    }
  return TRUE;
}

void
fake_track_set_time (JsonObject *object,
                     const char *member,
                     gint64      when)
{
  if (when == 0)
    json_object_set_null_member (object, member);
  else
    {
      g_autofree char *text = fake_toggl_format_time (when);

      json_object_set_string_member (object, member, text);
    }
}

void
fake_track_touch (FakeToggl  *self,
                  JsonObject *object)
{
  fake_track_set_time (object, "at", fake_toggl_now (self));
}

gboolean
fake_toggl_track_load (FakeToggl   *self,
                       JsonObject  *fixture,
                       GError     **error)
{
  if (!load_list (fixture, "users", self->users, error) ||
      !load_list (fixture, "workspaces", self->workspaces, error) ||
      !load_list (fixture, "projects", self->projects, error) ||
      !load_list (fixture, "tags", self->tags, error) ||
      !load_list (fixture, "clients", self->clients, error) ||
      !load_list (fixture, "tasks", self->tasks, error) ||
      !load_list (fixture, "time_entries", self->entries, error))
    return FALSE;

  /* Keep new ids clear of the fixture's. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (self->entries, i);

      self->next_id = MAX (self->next_id, json_object_get_int_member (entry, "id") + 1);
      if (!json_object_has_member (entry, "at"))
        fake_track_set_time (entry, "at", fake_toggl_now (self));
    }
  return TRUE;
}

/* "Basic base64(token:api_token)" or "Basic base64(email:password)". */
JsonObject *
fake_toggl_track_auth (FakeToggl  *self,
                       const char *authorization)
{
  g_autofree guchar *decoded = NULL;
  g_autofree char *plain = NULL;
  const char *password;
  char *colon;
  gsize len;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Basic ", 6) != 0)
    return NULL;

  decoded = g_base64_decode (authorization + 6, &len);
  plain = g_strndup ((const char *)decoded, len);
  colon = strchr (plain, ':');
  if (colon == NULL)
    return NULL;
  *colon = '\0';
  password = colon + 1;

  for (guint i = 0; i < self->users->len; i++)
    {
      JsonObject *user = g_ptr_array_index (self->users, i);
      const char *token = json_object_get_string_member_with_default (user, "api_token", NULL);
      const char *email = json_object_get_string_member_with_default (user, "email", NULL);
      const char *secret = json_object_get_string_member_with_default (user, "password", NULL);

      if (g_str_equal (password, "api_token") && g_strcmp0 (token, plain) == 0)
        return user;
      if (secret != NULL && g_strcmp0 (email, plain) == 0 && g_str_equal (secret, password))
        return user;
    }
  return NULL;
}

gboolean
fake_track_user_in_workspace (JsonObject *user,
                              gint64      workspace_id)
{
  JsonNode *node = json_object_get_member (user, "workspaces");
  JsonArray *ids = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    if (json_array_get_int_element (ids, i) == workspace_id)
      return TRUE;
  return FALSE;
}

/* The workspace of a /workspaces/{wid}/… path the user belongs to, or NULL. */
static JsonObject *
path_workspace (FakeToggl    *self,
                FakeExchange *ex,
                char        **parts)
{
  gint64 wid;

  if (g_strv_length (parts) < 2 || !g_str_equal (parts[0], "workspaces") ||
      !g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT64, &wid, NULL) ||
      !fake_track_user_in_workspace (ex->user, wid))
    return NULL;
  return fake_toggl_find (self->workspaces, wid);
}

/* User-level paths (/me…) count in the user's bucket; workspace paths in the
 * bucket of the user in the workspace's organization (README 2.2). */
char *
fake_toggl_track_bucket (FakeToggl    *self,
                         FakeExchange *ex,
                         guint        *limit)
{
  g_auto(GStrv) parts = g_strsplit (ex->path + 1, "/", -1);
  JsonObject *workspace;

  if (g_str_equal (parts[0], "me"))
    {
      *limit = self->user_quota;
      return g_strdup_printf ("user:%" G_GINT64_FORMAT, ex->user_id);
    }

  if ((workspace = path_workspace (self, ex, parts)) != NULL)
    {
      *limit = self->workspace_quota;
      return g_strdup_printf ("org:%" G_GINT64_FORMAT ":user:%" G_GINT64_FORMAT,
                              json_object_get_int_member_with_default (workspace, "organization_id", 0),
                              ex->user_id);
    }
  return NULL;
}

/* --- validation --------------------------------------------------------- */

static const char *
node_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return "string";
    case G_TYPE_BOOLEAN: return "bool";
    default: return "number";
    }
}

/* Type checks in the style of Toggl's decoder: `Unexpected "x" type string`.
 * Each char of @kinds names a member's type: i int, s string, b bool,
 * a array of strings; null passes. */
gboolean
fake_track_check_types (FakeExchange *ex,
                        JsonObject   *body,
                        const char   *members,
                        const char   *kinds)
{
  g_auto(GStrv) names = g_strsplit (members, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (body, names[i]);
      gboolean ok;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;

      switch (kinds[i])
        {
        case 'i':
          ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
          break;
        case 's':
          ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
          break;
        case 'b':
          ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
          break;
        case 'a':
          ok = JSON_NODE_HOLDS_ARRAY (node);
          for (guint j = 0; ok && j < json_array_get_length (json_node_get_array (node)); j++)
            {
              JsonNode *element = json_array_get_element (json_node_get_array (node), j);

              ok = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING;
            }
          break;
        default:
          g_assert_not_reached ();
        }

      if (!ok)
        {
          g_autofree char *message = g_strdup_printf ("Unexpected \"%s\" type %s", names[i],
                                                      node_type_name (node));

          fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, message);
          return FALSE;
        }
    }
  return TRUE;
}

JsonObject *
fake_track_body_object (FakeExchange *ex)
{
  if (ex->body_invalid || ex->body == NULL || !JSON_NODE_HOLDS_OBJECT (ex->body))
    {
      fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "JSON is not valid");
      return NULL;
    }
  return json_node_get_object (ex->body);
}

gboolean
fake_track_has_value (JsonObject *object,
                      const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

/* --- /me, projects, tags ------------------------------------------------ */

static JsonNode *
array_where (GPtrArray  *objects,
             const char *member,
             gint64      value,
             gboolean    live_entries_only)
{
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (json_object_get_int_member_with_default (object, member, 0) != value)
        continue;
      if (live_entries_only && !fake_track_entry_live (object))
        continue;
      json_array_add_object_element (array, json_object_ref (object));
    }
  return json_node_init_array (json_node_alloc (), array);
}

static void
get_me (FakeToggl    *self,
        FakeExchange *ex)
{
  const char *related = ex->query ? g_hash_table_lookup (ex->query, "with_related_data") : NULL;
  g_autoptr(JsonObject) me = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, ex->user);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_str_equal (name, "password") && !g_str_equal (name, "workspaces") &&
        !g_str_equal (name, "tasks_plan"))
      json_object_set_member (me, name, json_node_copy (value));

  if (g_strcmp0 (related, "true") == 0)
    {
      g_autoptr(JsonArray) workspaces = json_array_new ();
      g_autoptr(JsonArray) projects = json_array_new ();
      g_autoptr(JsonArray) tags = json_array_new ();

      for (guint i = 0; i < self->workspaces->len; i++)
        {
          JsonObject *ws = g_ptr_array_index (self->workspaces, i);
          gint64 wid = json_object_get_int_member (ws, "id");

          if (!fake_track_user_in_workspace (ex->user, wid))
            continue;
          json_array_add_object_element (workspaces, json_object_ref (ws));
          for (guint j = 0; j < self->projects->len; j++)
            if (json_object_get_int_member (g_ptr_array_index (self->projects, j), "workspace_id") == wid)
              json_array_add_object_element (projects, json_object_ref (g_ptr_array_index (self->projects, j)));
          for (guint j = 0; j < self->tags->len; j++)
            if (json_object_get_int_member (g_ptr_array_index (self->tags, j), "workspace_id") == wid)
              json_array_add_object_element (tags, json_object_ref (g_ptr_array_index (self->tags, j)));
        }
      json_object_set_array_member (me, "workspaces", json_array_ref (workspaces));
      json_object_set_array_member (me, "projects", json_array_ref (projects));
      json_object_set_array_member (me, "tags", json_array_ref (tags));
      json_object_set_member (me, "time_entries", array_where (self->entries, "user_id", ex->user_id, TRUE));
      json_object_set_member (me, "clients", fake_track_related_clients (self, ex->user));
      json_object_set_member (me, "tasks", fake_track_related_tasks (self, ex->user));
    }

  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), me));
}

static gboolean
name_taken (GPtrArray  *objects,
            gint64      workspace_id,
            const char *name)
{
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (json_object_get_int_member (object, "workspace_id") == workspace_id &&
          g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
create_named (FakeToggl    *self,
              FakeExchange *ex,
              gint64        workspace_id,
              gboolean      project)
{
  JsonObject *body;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *trimmed = NULL;
  const char *name;
  const char *color;

  if ((body = fake_track_body_object (ex)) == NULL ||
      !fake_track_check_types (ex, body, "name,color,active", "ssb"))
    return;

  name = json_object_get_string_member_with_default (body, "name", "");
  trimmed = g_strstrip (g_strdup (name));
  if (trimmed[0] == '\0')
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST,
                                project ? "Project name must not be empty" : "tag name can't be blank");
  if (name_taken (project ? self->projects : self->tags, workspace_id, name))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST,
                                project ? "Name has already been taken" : "Tag already exists");

  object = json_object_new ();
  json_object_set_int_member (object, "id", self->next_id++);
  json_object_set_int_member (object, "workspace_id", workspace_id);
  json_object_set_string_member (object, "name", name);
  fake_track_touch (self, object);

  if (project)
    {
      color = json_object_get_string_member_with_default (body, "color", "#06aaf5");
      if (!g_regex_match_simple ("^#[0-9a-f]{6}$", color, 0, 0))
        return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Invalid project color");
      json_object_set_int_member (object, "wid", workspace_id);
      json_object_set_string_member (object, "color", color);
      json_object_set_boolean_member (object, "active",
                                      json_object_get_boolean_member_with_default (body, "active", TRUE));
      json_object_set_null_member (object, "client_id");
      g_ptr_array_add (self->projects, json_object_ref (object));
      fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), object));
    }
  else
    {
      /* The spec says an array of Tag. */
      g_autoptr(JsonArray) array = json_array_new ();

      json_object_set_int_member (object, "creator_id", ex->user_id);
      g_ptr_array_add (self->tags, json_object_ref (object));
      json_array_add_object_element (array, json_object_ref (object));
      fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_array (json_node_alloc (), array));
    }
  ex->applied = TRUE;
}

/* --- routing ------------------------------------------------------------ */

static void
handle_workspace (FakeToggl    *self,
                  FakeExchange *ex,
                  char        **parts,
                  guint         n)
{
  JsonObject *workspace = path_workspace (self, ex, parts);
  const char *m = ex->method;
  gint64 wid;

  if (workspace == NULL)
    return fake_exchange_error (ex, SOUP_STATUS_FORBIDDEN, no_access);
  wid = json_object_get_int_member (workspace, "id");

  if (n >= 3 && g_str_equal (parts[2], "time_entries"))
    return fake_track_entries_handle_workspace (self, ex, parts, n, wid);
  if (fake_track_clients_handle_workspace (self, ex, parts, n, wid))
    return;
  if (n == 3 && g_str_equal (parts[2], "projects") && g_str_equal (m, "GET"))
    return fake_exchange_reply (ex, SOUP_STATUS_OK, array_where (self->projects, "workspace_id", wid, FALSE));
  if (n == 3 && g_str_equal (parts[2], "projects") && g_str_equal (m, "POST"))
    return create_named (self, ex, wid, TRUE);
  if (n == 3 && g_str_equal (parts[2], "tags") && g_str_equal (m, "GET"))
    return fake_exchange_reply (ex, SOUP_STATUS_OK, array_where (self->tags, "workspace_id", wid, FALSE));
  if (n == 3 && g_str_equal (parts[2], "tags") && g_str_equal (m, "POST"))
    return create_named (self, ex, wid, FALSE);

  fake_exchange_error (ex, SOUP_STATUS_NOT_FOUND, "Not Found");
}

void
fake_toggl_track_handle (FakeToggl    *self,
                         FakeExchange *ex)
{
  g_auto(GStrv) parts = g_strsplit (ex->path + 1, "/", -1);
  guint n = g_strv_length (parts);

  if (n >= 1 && g_str_equal (parts[0], "workspaces"))
    return handle_workspace (self, ex, parts, n);

  if (n == 1 && g_str_equal (parts[0], "me") && g_str_equal (ex->method, "GET"))
    return get_me (self, ex);
  if (n >= 2 && g_str_equal (parts[0], "me") && g_str_equal (parts[1], "time_entries"))
    return fake_track_entries_handle_me (self, ex, parts, n);
  if (n >= 2 && g_str_equal (parts[0], "me") && fake_track_clients_handle_me (self, ex, parts, n))
    return;

  fake_exchange_error (ex, SOUP_STATUS_NOT_FOUND, "Not Found");
}
