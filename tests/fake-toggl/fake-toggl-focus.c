/* fake-toggl-focus.c: the Toggl Focus endpoints Stint uses, faked
 *
 * This file holds the Focus state and fixture, authentication (Bearer API
 * keys that expire), quota buckets, the error shape, the routing, the user's
 * settings, projects, tags and clients; the time entries are in
 * fake-toggl-focus-entries.c, the admin side in fake-toggl-focus-admin.c.
 * fake-toggl.c sends every path below FAKE_TOGGL_FOCUS_PREFIX here, after
 * its log, faults and burst limit, and meters the quota with the bucket
 * named here.
 *
 * What Focus answers follows the seed documents (shared/api/seeds/) and what
 * third parties saw live (shared/api/README.md §3): errors as
 * {error, error_description, trace_id}; 401 for a bad or expired key; 403
 * outside the user's organization or workspace; paths under
 * /organizations/{org}/workspaces/{ws}/, except /users/me/settings and the
 * workspace's tags and clients. Where the real API is unknown the fake picks
 * the documented guess and says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include "api/stint-json.h"

#include "fake-toggl-focus-private.h"

/* --- state, fixture ------------------------------------------------------ */

FakeFocus *
fake_focus_get (FakeToggl *self)
{
  if (self->focus == NULL)
    {
      FakeFocus *focus = g_new0 (FakeFocus, 1);
      GPtrArray **lists[] = { &focus->users, &focus->organizations, &focus->workspaces, &focus->projects,
                              &focus->tags, &focus->clients, &focus->tasks, &focus->entries };

      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        *lists[i] = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
      /* Above 2^32, and apart from Track's: ids must survive as 64-bit. */
      focus->next_id = G_GINT64_CONSTANT (7000000000);
      focus->quota = 30;
      self->focus = focus;
    }
  return self->focus;
}

void
fake_toggl_focus_free (FakeFocus *focus)
{
  GPtrArray *lists[] = { focus->users, focus->organizations, focus->workspaces, focus->projects,
                         focus->tags, focus->clients, focus->tasks, focus->entries };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_ptr_array_unref (lists[i]);
  g_free (focus);
}

static gboolean
load_list (JsonObject  *fixture,
           const char  *member,
           GPtrArray   *into,
           gint64      *max_id,
           GError     **error)
{
  JsonNode *node = json_object_get_member (fixture, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "fixture: focus “%s” is not an array", member);
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
                       "fixture: focus “%s” #%u is not an object with an id", member, i);
          return FALSE;
        }
      g_ptr_array_add (into, json_object_ref (json_node_get_object (element)));
      *max_id = MAX (*max_id, json_object_get_int_member (json_node_get_object (element), "id"));
    }
  return TRUE;
}

/* The `focus` member of a fixture, if it has one. */
gboolean
fake_toggl_focus_load (FakeToggl   *self,
                       JsonObject  *fixture,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (fixture, "focus");
  JsonObject *object;
  FakeFocus *focus;
  gint64 max_id = 0;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "fixture: “focus” is not an object");
      return FALSE;
    }

  object = json_node_get_object (node);
  focus = fake_focus_get (self);
  if (!load_list (object, "users", focus->users, &max_id, error) ||
      !load_list (object, "organizations", focus->organizations, &max_id, error) ||
      !load_list (object, "workspaces", focus->workspaces, &max_id, error) ||
      !load_list (object, "projects", focus->projects, &max_id, error) ||
      !load_list (object, "tags", focus->tags, &max_id, error) ||
      !load_list (object, "clients", focus->clients, &max_id, error) ||
      !load_list (object, "tasks", focus->tasks, &max_id, error) ||
      !load_list (object, "time_entries", focus->entries, &max_id, error))
    return FALSE;

  focus->next_id = MAX (focus->next_id, max_id + 1);
  return TRUE;
}

/* --- helpers ------------------------------------------------------------- */

/* As Focus writes times: UTC with a Z. */
void
fake_focus_set_time (JsonObject *object,
                     const char *member,
                     gint64      when)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  if (when == 0)
    {
      json_object_set_null_member (object, member);
      return;
    }
  dt = g_date_time_new_from_unix_utc (when);
  text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
  json_object_set_string_member (object, member, text);
}

gboolean
fake_focus_has_value (JsonObject *object,
                      const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

gboolean
fake_focus_in_workspace (JsonObject *object,
                         gint64      workspace_id)
{
  return json_object_get_int_member_with_default (object, "workspace_id", 0) == workspace_id;
}

static gboolean
ids_contain (JsonObject *object,
             const char *member,
             gint64      id)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *ids = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    if (json_array_get_int_element (ids, i) == id)
      return TRUE;
  return FALSE;
}

static char *
next_trace_id (FakeToggl *self)
{
  FakeFocus *focus = fake_focus_get (self);

  return g_strdup_printf ("f0c5%012x", ++focus->n_traces);
}

static JsonNode *
error_body (FakeToggl  *self,
            const char *code,
            const char *description)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *trace = next_trace_id (self);

  json_object_set_string_member (object, "error", code);
  json_object_set_string_member (object, "error_description", description);
  json_object_set_string_member (object, "trace_id", trace);
  return json_node_init_object (json_node_alloc (), object);
}

void
fake_focus_error (FakeExchange *ex,
                  guint         status,
                  const char   *code,
                  const char   *description)
{
  fake_exchange_reply (ex, status, error_body (ex->fake, code, description));
}

/* The transport's own refusals (auth, quota, burst) come as JSON strings:
 * say them the Focus way. Bodies already in shape, and faults, stay. */
void
fake_toggl_focus_shape_error (FakeToggl         *self,
                              SoupServerMessage *msg)
{
  guint status = soup_server_message_get_status (msg);
  SoupMessageBody *response = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) shaped = NULL;
  g_autofree char *json = NULL;
  const char *code;
  const char *description;

  if (status < 400)
    return;
  bytes = soup_message_body_flatten (response);
  body = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  if (body == NULL || !JSON_NODE_HOLDS_VALUE (body))
    return;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      code = "invalid_session";
      description = "the provided API key is invalid";
      break;
    case SOUP_STATUS_PAYMENT_REQUIRED:
      code = "quota_exceeded";
      description = json_node_get_string (body);
      break;
    case 429:
      code = "rate_limited";
      description = json_node_get_string (body);
      break;
    default:
      code = "internal";
      description = json_node_get_string (body);
      break;
    }

  shaped = error_body (self, code, description);
  json = json_to_string (shaped, FALSE);
  soup_message_body_truncate (response);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

/* `{data, page, per_page[, total]}` of @objects for the request's page;
 * `per_page` above 100 is refused with the validator's words (NULL). */
JsonNode *
fake_focus_page (FakeExchange *ex,
                 GPtrArray    *objects,
                 gboolean      with_total)
{
  const char *page_text = ex->query ? g_hash_table_lookup (ex->query, "page") : NULL;
  const char *per_page_text = ex->query ? g_hash_table_lookup (ex->query, "per_page") : NULL;
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(JsonArray) data = json_array_new ();
  gint64 page = 1, per_page = 50;

  if ((page_text != NULL && !g_ascii_string_to_signed (page_text, 10, 1, G_MAXINT32, &page, NULL)) ||
      (per_page_text != NULL && !g_ascii_string_to_signed (per_page_text, 10, 1, G_MAXINT32, &per_page, NULL)))
    {
      fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", "invalid pagination");
      return NULL;
    }
  if (per_page > 100)
    {
      fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation",
                        "Key: 'Pagination.PerPage' Error:Field validation for 'PerPage' failed on the 'max' tag");
      return NULL;
    }

  for (gint64 i = (page - 1) * per_page; i < objects->len && i < page * per_page; i++)
    json_array_add_object_element (data, json_object_ref (g_ptr_array_index (objects, i)));

  json_object_set_array_member (reply, "data", json_array_ref (data));
  json_object_set_int_member (reply, "page", page);
  json_object_set_int_member (reply, "per_page", per_page);
  if (with_total)
    json_object_set_int_member (reply, "total", objects->len);
  return json_node_init_object (json_node_alloc (), reply);
}

/* --- auth and buckets ---------------------------------------------------- */

/* "Bearer toggl_sk_…" of a user whose key has not expired. */
JsonObject *
fake_toggl_focus_auth (FakeToggl  *self,
                       const char *authorization)
{
  FakeFocus *focus = fake_focus_get (self);
  const char *key;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;
  key = authorization + 7;

  for (guint i = 0; i < focus->users->len; i++)
    {
      JsonObject *user = g_ptr_array_index (focus->users, i);
      gint64 expires = json_object_get_int_member_with_default (user, "key_expires_at", 0);

      if (g_strcmp0 (json_object_get_string_member_with_default (user, "api_key", NULL), key) != 0)
        continue;
      if (expires != 0 && expires <= fake_toggl_now (self))
        return NULL;
      return user;
    }
  return NULL;
}

static JsonObject *
workspace_of (FakeToggl   *self,
              const char  *id_text)
{
  gint64 id;

  if (!g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL))
    return NULL;
  return fake_toggl_find (fake_focus_get (self)->workspaces, id);
}

/* The workspace of the path's /organizations/{org}/workspaces/{ws} or
 * /workspaces/{ws}, when the user is a member of both; NULL otherwise. */
static JsonObject *
path_workspace (FakeToggl    *self,
                FakeExchange *ex,
                char        **parts,
                guint         n)
{
  JsonObject *workspace = NULL;
  gint64 org = 0;

  if (n >= 4 && g_str_equal (parts[0], "organizations") && g_str_equal (parts[2], "workspaces"))
    {
      if (!g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT64, &org, NULL))
        return NULL;
      workspace = workspace_of (self, parts[3]);
      if (workspace != NULL && json_object_get_int_member (workspace, "organization_id") != org)
        return NULL;
    }
  else if (n >= 2 && g_str_equal (parts[0], "workspaces"))
    workspace = workspace_of (self, parts[1]);

  if (workspace == NULL ||
      !ids_contain (ex->user, "organizations", json_object_get_int_member (workspace, "organization_id")) ||
      !ids_contain (ex->user, "workspaces", json_object_get_int_member (workspace, "id")))
    return NULL;
  return workspace;
}

/* Focus meters per user per organization (README 3.2). Where the settings
 * count is not documented: the fake gives them a bucket of their own. */
char *
fake_toggl_focus_bucket (FakeToggl    *self,
                         FakeExchange *ex,
                         guint        *limit)
{
  g_auto(GStrv) parts = g_strsplit (ex->path + 1, "/", -1);
  JsonObject *workspace = path_workspace (self, ex, parts, g_strv_length (parts));

  *limit = fake_focus_get (self)->quota;
  if (workspace != NULL)
    return g_strdup_printf ("focus:org:%" G_GINT64_FORMAT ":user:%" G_GINT64_FORMAT,
                            json_object_get_int_member (workspace, "organization_id"), ex->user_id);
  if (g_str_has_prefix (ex->path, "/users/me"))
    return g_strdup_printf ("focus:user:%" G_GINT64_FORMAT, ex->user_id);
  return NULL;
}

/* --- settings, projects, tags, clients ----------------------------------- */

static void
get_settings (FakeToggl    *self,
              FakeExchange *ex)
{
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(JsonObject) licenses = json_object_new ();
  JsonNode *orgs = json_object_get_member (ex->user, "organizations");

  /* No user id: the documentation shows none. */
  json_object_set_int_member (settings, "current_workspace_id",
                              json_object_get_int_member_with_default (ex->user, "current_workspace_id", 0));
  json_object_set_int_member (settings, "start_week_on", 1);
  json_object_set_string_member (settings, "timezone", "UTC");
  json_object_set_string_member (settings, "date_format", "YYYY-MM-DD");
  json_object_set_string_member (settings, "time_format", "H:mm");
  json_object_set_string_member (settings, "duration_format", "improved");
  for (guint i = 0; orgs != NULL && i < json_array_get_length (json_node_get_array (orgs)); i++)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              json_array_get_int_element (json_node_get_array (orgs), i));

      json_object_set_string_member (licenses, key, "2025-01-01T00:00:00Z");
    }
  json_object_set_object_member (settings, "tos_ack_decoupled_licenses", json_object_ref (licenses));
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), settings));
}

static GPtrArray *
in_workspace (GPtrArray *objects,
              gint64     workspace_id)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < objects->len; i++)
    if (fake_focus_in_workspace (g_ptr_array_index (objects, i), workspace_id))
      g_ptr_array_add (found, g_ptr_array_index (objects, i));
  return found;
}

static JsonNode *
array_node (GPtrArray *objects)
{
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; i < objects->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (objects, i)));
  return json_node_init_array (json_node_alloc (), array);
}

/* POST of a project, tag or client: {name[, color]}, the name unique in
 * the workspace. */
static void
create_named (FakeToggl    *self,
              FakeExchange *ex,
              GPtrArray    *into,
              gint64        workspace_id,
              const char   *what)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GPtrArray) existing = in_workspace (into, workspace_id);
  JsonObject *body;
  const char *name;

  if (ex->body == NULL || !JSON_NODE_HOLDS_OBJECT (ex->body))
    return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", "invalid JSON body");
  body = json_node_get_object (ex->body);
  name = json_object_get_string_member_with_default (body, "name", "");
  if (name[0] == '\0')
    return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation",
                             "Key: 'Name' Error:Field validation for 'Name' failed on the 'required' tag");
  for (guint i = 0; i < existing->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (existing, i), "name"), name) == 0)
      return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", "name already exists");

  json_object_set_int_member (object, "id", fake_focus_get (self)->next_id++);
  json_object_set_int_member (object, "workspace_id", workspace_id);
  json_object_set_string_member (object, "name", name);
  if (!g_str_equal (what, "client"))
    json_object_set_string_member (object, "color",
                                   json_object_get_string_member_with_default (body, "color", "#2da608"));
  if (g_str_equal (what, "project"))
    {
      json_object_set_null_member (object, "client_id");
      json_object_set_null_member (object, "archived_at");
      json_object_set_boolean_member (object, "active", FALSE); /* meaningless in Focus */
    }
  g_ptr_array_add (into, json_object_ref (object));
  ex->applied = TRUE;
  fake_exchange_reply (ex, g_str_equal (what, "project") ? SOUP_STATUS_CREATED : SOUP_STATUS_OK,
                       json_node_init_object (json_node_alloc (), object));
}

/* /workspaces/{ws}/tags and /clients: not organization-scoped; bare arrays
 * (the fake's guess); no PATCH (405, as seen live). */
static void
handle_workspace_lists (FakeToggl    *self,
                        FakeExchange *ex,
                        char        **parts,
                        guint         n,
                        gint64        workspace_id)
{
  FakeFocus *focus = fake_focus_get (self);
  GPtrArray *objects = g_str_equal (parts[2], "tags") ? focus->tags : focus->clients;

  if (n != 3)
    return fake_focus_error (ex, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed");
  if (g_str_equal (ex->method, "GET"))
    {
      g_autoptr(GPtrArray) found = in_workspace (objects, workspace_id);

      return fake_exchange_reply (ex, SOUP_STATUS_OK, array_node (found));
    }
  if (g_str_equal (ex->method, "POST"))
    return create_named (self, ex, objects, workspace_id, objects == focus->tags ? "tag" : "client");
  fake_focus_error (ex, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed");
}

static void
handle_projects (FakeToggl    *self,
                 FakeExchange *ex,
                 gint64        workspace_id)
{
  if (g_str_equal (ex->method, "GET"))
    {
      g_autoptr(GPtrArray) found = in_workspace (fake_focus_get (self)->projects, workspace_id);
      JsonNode *page = fake_focus_page (ex, found, TRUE);

      if (page != NULL)
        fake_exchange_reply (ex, SOUP_STATUS_OK, page);
      return;
    }
  if (g_str_equal (ex->method, "POST"))
    return create_named (self, ex, fake_focus_get (self)->projects, workspace_id, "project");
  fake_focus_error (ex, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed");
}

/* --- routing ------------------------------------------------------------- */

void
fake_toggl_focus_handle (FakeToggl    *self,
                         FakeExchange *ex)
{
  g_auto(GStrv) parts = g_strsplit (ex->path + 1, "/", -1);
  guint n = g_strv_length (parts);
  JsonObject *workspace;
  gint64 wid;

  if (g_str_equal (ex->path, "/users/me/settings") && g_str_equal (ex->method, "GET"))
    return get_settings (self, ex);

  if (n >= 2 && (g_str_equal (parts[0], "organizations") || g_str_equal (parts[0], "workspaces")))
    {
      if ((workspace = path_workspace (self, ex, parts, n)) == NULL)
        return fake_focus_error (ex, SOUP_STATUS_FORBIDDEN, "forbidden", "insufficient permissions");
      wid = json_object_get_int_member (workspace, "id");

      if (g_str_equal (parts[0], "workspaces") && n >= 3 &&
          (g_str_equal (parts[2], "tags") || g_str_equal (parts[2], "clients")))
        return handle_workspace_lists (self, ex, parts, n, wid);
      if (g_str_equal (parts[0], "organizations") && n == 5 && g_str_equal (parts[4], "projects"))
        return handle_projects (self, ex, wid);
      if (g_str_equal (parts[0], "organizations") && n >= 5)
        return fake_focus_entries_handle (self, ex, parts + 4, n - 4, wid);
    }

  fake_focus_error (ex, SOUP_STATUS_NOT_FOUND, "not_found", "not found");
}

/* --- settings for tests -------------------------------------------------- */

char *
fake_toggl_dup_focus_url (FakeToggl *self)
{
  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);
  return g_strconcat (fake_toggl_get_url (self), FAKE_TOGGL_FOCUS_PREFIX, NULL);
}

/* Requests per hour per user per organization; 30 (Free) by default. */
void
fake_toggl_focus_set_quota (FakeToggl *self,
                            guint      per_hour)
{
  g_return_if_fail (FAKE_IS_TOGGL (self));
  fake_focus_get (self)->quota = per_hour;
}

/* From @expires_at (Unix seconds) on, the user's key is refused with 401,
 * as a Focus key past the expiry chosen when it was made; 0: never. */
void
fake_toggl_focus_set_key_expiry (FakeToggl *self,
                                 gint64     user_id,
                                 gint64     expires_at)
{
  JsonObject *user;

  g_return_if_fail (FAKE_IS_TOGGL (self));
  user = fake_toggl_find (fake_focus_get (self)->users, user_id);
  g_return_if_fail (user != NULL);
  json_object_set_int_member (user, "key_expires_at", expires_at);
}

/* Task-scoped creates answer a bare 201, as the documentation can be read,
 * instead of 201 with the entry. */
void
fake_toggl_focus_set_bare_task_creates (FakeToggl *self,
                                        gboolean   bare)
{
  g_return_if_fail (FAKE_IS_TOGGL (self));
  fake_focus_get (self)->bare_task_creates = !!bare;
}
