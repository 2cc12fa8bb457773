/* fake-toggl-track.c: the Toggl Track v9 endpoints Stint uses, faked
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

static void
set_time (JsonObject *object,
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

gboolean
fake_toggl_track_load (FakeToggl   *self,
                       JsonObject  *fixture,
                       GError     **error)
{
  if (!load_list (fixture, "users", self->users, error) ||
      !load_list (fixture, "workspaces", self->workspaces, error) ||
      !load_list (fixture, "projects", self->projects, error) ||
      !load_list (fixture, "tags", self->tags, error) ||
      !load_list (fixture, "time_entries", self->entries, error))
    return FALSE;

  /* Keep new ids clear of the fixture's. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (self->entries, i);

      self->next_id = MAX (self->next_id, json_object_get_int_member (entry, "id") + 1);
      if (!json_object_has_member (entry, "at"))
        set_time (entry, "at", fake_toggl_now (self));
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

static gboolean
user_in_workspace (JsonObject *user,
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
      !user_in_workspace (ex->user, wid))
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
static gboolean
check_types (FakeExchange *ex,
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

static JsonObject *
body_object (FakeExchange *ex)
{
  if (ex->body_invalid || ex->body == NULL || !JSON_NODE_HOLDS_OBJECT (ex->body))
    {
      fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "JSON is not valid");
      return NULL;
    }
  return json_node_get_object (ex->body);
}

static gboolean
has_value (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

/* --- entries ------------------------------------------------------------ */

static gint64
entry_start (JsonObject *entry)
{
  gint64 start = 0;

  stint_json_parse_time (json_object_get_string_member (entry, "start"), &start);
  return start;
}

static gboolean
entry_running (JsonObject *entry)
{
  return json_object_get_int_member (entry, "duration") < 0;
}

static gboolean
entry_live (JsonObject *entry)
{
  return !has_value (entry, "server_deleted_at");
}

static void
entry_set_times (JsonObject *entry,
                 gint64      start,
                 gint64      stop)
{
  set_time (entry, "start", start);
  set_time (entry, "stop", stop);
  /* Toggl now answers -1 for a running entry; older replies had -start. */
  json_object_set_int_member (entry, "duration", stop == 0 ? -1 : stop - start);
}

static void
entry_set_id_pair (JsonObject *entry,
                   const char *member,
                   const char *legacy,
                   gint64      id)
{
  if (id > 0)
    {
      json_object_set_int_member (entry, member, id);
      json_object_set_int_member (entry, legacy, id);
    }
  else
    {
      json_object_set_null_member (entry, member);
      json_object_set_null_member (entry, legacy);
    }
}

static void
touch (FakeToggl  *self,
       JsonObject *object)
{
  set_time (object, "at", fake_toggl_now (self));
}

/* Tag names on an entry; unknown names become tags of the workspace, as on
 * the real server. */
static void
entry_set_tags (FakeToggl  *self,
                JsonObject *entry,
                gint64      workspace_id,
                JsonArray  *names)
{
  g_autoptr(JsonArray) tags = json_array_new ();
  g_autoptr(JsonArray) tag_ids = json_array_new ();

  for (guint i = 0; names != NULL && i < json_array_get_length (names); i++)
    {
      const char *name = json_array_get_string_element (names, i);
      JsonObject *tag = NULL;

      for (guint j = 0; j < self->tags->len && tag == NULL; j++)
        {
          JsonObject *t = g_ptr_array_index (self->tags, j);

          if (json_object_get_int_member (t, "workspace_id") == workspace_id &&
              g_strcmp0 (json_object_get_string_member (t, "name"), name) == 0)
            tag = t;
        }
      if (tag == NULL)
        {
          tag = json_object_new ();
          json_object_set_int_member (tag, "id", self->next_id++);
          json_object_set_int_member (tag, "workspace_id", workspace_id);
          json_object_set_string_member (tag, "name", name);
          touch (self, tag);
          g_ptr_array_add (self->tags, tag);
        }
      json_array_add_string_element (tags, name);
      json_array_add_int_element (tag_ids, json_object_get_int_member (tag, "id"));
    }

  json_object_set_array_member (entry, "tags", json_array_ref (tags));
  json_object_set_array_member (entry, "tag_ids", json_array_ref (tag_ids));
}

/* Work out start and stop from a body's start/stop/duration over @start and
 * @stop (the current values; 0 = running). FALSE after answering 400. */
static gboolean
resolve_times (FakeExchange *ex,
               JsonObject   *body,
               gint64       *start,
               gint64       *stop)
{
  gboolean has_duration = has_value (body, "duration");
  gint64 duration = has_duration ? json_object_get_int_member (body, "duration") : 0;

  if (has_value (body, "start") &&
      !stint_json_parse_time (json_object_get_string_member (body, "start"), start))
    {
      fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Start time must be in RFC3339 format");
      return FALSE;
    }

  if (has_value (body, "stop"))
    {
      if (!stint_json_parse_time (json_object_get_string_member (body, "stop"), stop))
        {
          fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Stop time must be in RFC3339 format");
          return FALSE;
        }
      if (has_duration && duration < 0)
        {
          fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "A running time entry cannot have a stop time");
          return FALSE;
        }
      if (has_duration && *start + duration != *stop)
        {
          fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Duration and stop time do not match");
          return FALSE;
        }
    }
  else if (has_duration)
    *stop = duration < 0 ? 0 : *start + duration;

  if (*stop != 0 && *stop < *start)
    {
      fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Stop time must be after start time");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_project (FakeToggl    *self,
               FakeExchange *ex,
               JsonObject   *body,
               gint64        workspace_id)
{
  JsonObject *project;

  if (!has_value (body, "project_id"))
    return TRUE;

  project = fake_toggl_find (self->projects, json_object_get_int_member (body, "project_id"));
  if (project == NULL || json_object_get_int_member (project, "workspace_id") != workspace_id)
    {
      fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Invalid project_id");
      return FALSE;
    }
  return TRUE;
}

#define ENTRY_MEMBERS "created_with,workspace_id,project_id,task_id,description,start,stop,duration,billable,tags"
#define ENTRY_KINDS   "siiisssiba"

/* The fields a body may set besides the times. */
static void
apply_fields (FakeToggl  *self,
              JsonObject *entry,
              JsonObject *body,
              gint64      workspace_id)
{
  if (json_object_has_member (body, "description"))
    {
      if (has_value (body, "description"))
        json_object_set_string_member (entry, "description", json_object_get_string_member (body, "description"));
      else
        json_object_set_null_member (entry, "description");
    }
  if (json_object_has_member (body, "project_id"))
    entry_set_id_pair (entry, "project_id", "pid",
                       has_value (body, "project_id") ? json_object_get_int_member (body, "project_id") : 0);
  if (json_object_has_member (body, "task_id"))
    entry_set_id_pair (entry, "task_id", "tid",
                       has_value (body, "task_id") ? json_object_get_int_member (body, "task_id") : 0);
  if (has_value (body, "billable"))
    json_object_set_boolean_member (entry, "billable", json_object_get_boolean_member (body, "billable"));
  if (json_object_has_member (body, "tags"))
    entry_set_tags (self, entry, workspace_id,
                    has_value (body, "tags") ? json_object_get_array_member (body, "tags") : NULL);
}

/* Starting an entry stops the one running (what Toggl's apps see; the spec
 * does not say). */
static void
stop_running (FakeToggl *self,
              gint64     user_id,
              gint64     at)
{
  JsonObject *running = fake_toggl_get_running (self, user_id);

  if (running != NULL)
    {
      entry_set_times (running, entry_start (running), MAX (at, entry_start (running)));
      touch (self, running);
    }
}

static void
create_entry (FakeToggl    *self,
              FakeExchange *ex,
              gint64        workspace_id)
{
  JsonObject *body;
  g_autoptr(JsonObject) entry = NULL;
  const char *created_with;
  gint64 start = 0, stop = 0;

  if ((body = body_object (ex)) == NULL ||
      !check_types (ex, body, ENTRY_MEMBERS, ENTRY_KINDS))
    return;

  created_with = json_object_get_string_member_with_default (body, "created_with", NULL);
  if (created_with == NULL || created_with[0] == '\0')
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST,
                                "created_with needs to be provided an a valid string");
  if (!has_value (body, "workspace_id"))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "workspace_id is required");
  if (json_object_get_int_member (body, "workspace_id") != workspace_id)
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "workspace_id does not match the workspace in the path");
  if (!has_value (body, "start"))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Start time is required");
  if (!has_value (body, "duration") && !has_value (body, "stop"))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Either duration or stop is required");
  if (!resolve_times (ex, body, &start, &stop) || !check_project (self, ex, body, workspace_id))
    return;

  if (stop == 0)
    stop_running (self, ex->user_id, start);

  entry = json_object_new ();
  json_object_set_int_member (entry, "id", self->next_id++);
  entry_set_id_pair (entry, "workspace_id", "wid", workspace_id);
  entry_set_id_pair (entry, "user_id", "uid", ex->user_id);
  entry_set_id_pair (entry, "project_id", "pid", 0);
  entry_set_id_pair (entry, "task_id", "tid", 0);
  json_object_set_null_member (entry, "description");
  json_object_set_boolean_member (entry, "billable", FALSE);
  json_object_set_null_member (entry, "tags");
  json_object_set_null_member (entry, "tag_ids");
  json_object_set_boolean_member (entry, "duronly", TRUE);
  json_object_set_null_member (entry, "server_deleted_at");
  apply_fields (self, entry, body, workspace_id);
  entry_set_times (entry, start, stop);
  touch (self, entry);

  g_ptr_array_add (self->entries, json_object_ref (entry));
  ex->applied = TRUE;
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), entry));
}

static JsonObject *
find_own_entry (FakeToggl    *self,
                FakeExchange *ex,
                gint64        workspace_id,
                const char   *id_text)
{
  JsonObject *entry;
  gint64 id;

  if (!g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL))
    {
      fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Invalid time_entry_id");
      return NULL;
    }

  entry = fake_toggl_find (self->entries, id);
  if (entry == NULL || !entry_live (entry) ||
      json_object_get_int_member (entry, "user_id") != ex->user_id ||
      json_object_get_int_member (entry, "workspace_id") != workspace_id)
    {
      fake_exchange_error (ex, SOUP_STATUS_NOT_FOUND, "Time entry not found");
      return NULL;
    }
  return entry;
}

static void
update_entry (FakeToggl    *self,
              FakeExchange *ex,
              JsonObject   *entry,
              gint64        workspace_id)
{
  JsonObject *body;
  gint64 start = entry_start (entry);
  gint64 stop = 0;

  if (!entry_running (entry))
    stint_json_parse_time (json_object_get_string_member (entry, "stop"), &stop);

  if ((body = body_object (ex)) == NULL ||
      !check_types (ex, body, ENTRY_MEMBERS, ENTRY_KINDS))
    return;
  if (has_value (body, "workspace_id") && json_object_get_int_member (body, "workspace_id") != workspace_id)
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "workspace_id does not match the workspace in the path");
  if (!resolve_times (ex, body, &start, &stop) || !check_project (self, ex, body, workspace_id))
    return;

  apply_fields (self, entry, body, workspace_id);
  entry_set_times (entry, start, stop);
  touch (self, entry);
  ex->applied = TRUE;
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), entry));
}

static void
stop_entry (FakeToggl    *self,
            FakeExchange *ex,
            JsonObject   *entry)
{
  gint64 start = entry_start (entry);

  if (!entry_running (entry))
    return fake_exchange_error (ex, SOUP_STATUS_CONFLICT, "Time entry already stopped");

  entry_set_times (entry, start, MAX (fake_toggl_now (self), start));
  touch (self, entry);
  ex->applied = TRUE;
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), entry));
}

static void
delete_entry (FakeToggl    *self,
              FakeExchange *ex,
              JsonObject   *entry)
{
  set_time (entry, "server_deleted_at", fake_toggl_now (self));
  touch (self, entry);
  ex->applied = TRUE;
  fake_exchange_reply (ex, SOUP_STATUS_OK, NULL);
}

/* YYYY-MM-DD or RFC 3339, as the spec allows for start_date/end_date/before. */
static gboolean
parse_query_date (const char *text,
                  gint64     *out)
{
  g_autofree char *midnight = NULL;

  if (text == NULL)
    return FALSE;
  if (stint_json_parse_time (text, out))
    return TRUE;
  midnight = g_strconcat (text, "T00:00:00Z", NULL);
  return strlen (text) == 10 && stint_json_parse_time (midnight, out);
}

static int
by_start_descending (gconstpointer a,
                     gconstpointer b)
{
  gint64 sa = entry_start (*(JsonObject **)a);
  gint64 sb = entry_start (*(JsonObject **)b);

  return sa < sb ? 1 : sa > sb ? -1 : 0;
}

static void
list_entries (FakeToggl    *self,
              FakeExchange *ex)
{
  const char *since_text = ex->query ? g_hash_table_lookup (ex->query, "since") : NULL;
  const char *start_text = ex->query ? g_hash_table_lookup (ex->query, "start_date") : NULL;
  const char *end_text = ex->query ? g_hash_table_lookup (ex->query, "end_date") : NULL;
  const char *before_text = ex->query ? g_hash_table_lookup (ex->query, "before") : NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(JsonArray) array = json_array_new ();
  gint64 since = 0, from = G_MININT64, to = G_MAXINT64, before = G_MAXINT64;

  if (since_text != NULL && !g_ascii_string_to_signed (since_text, 10, 0, G_MAXINT64, &since, NULL))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Invalid since");
  if ((start_text != NULL) != (end_text != NULL))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "start_date and end_date must be used together");
  if ((start_text != NULL && (!parse_query_date (start_text, &from) || !parse_query_date (end_text, &to))) ||
      (before_text != NULL && !parse_query_date (before_text, &before)))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Invalid date");

  for (guint i = 0; i < self->entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (self->entries, i);
      gint64 start = entry_start (entry);
      gint64 at = 0;

      if (json_object_get_int_member (entry, "user_id") != ex->user_id)
        continue;
      if (since_text != NULL)
        {
          /* Changed since, deletions included: the incremental sync feed. */
          stint_json_parse_time (json_object_get_string_member (entry, "at"), &at);
          if (at < since)
            continue;
        }
      else if (!entry_live (entry) || start < from || start >= to || start >= before)
        continue;

      g_ptr_array_add (found, entry);
    }

  g_ptr_array_sort (found, by_start_descending);
  for (guint i = 0; i < found->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (found, i)));
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_array (json_node_alloc (), array));
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
      if (live_entries_only && !entry_live (object))
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
    if (!g_str_equal (name, "password") && !g_str_equal (name, "workspaces"))
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

          if (!user_in_workspace (ex->user, wid))
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
      json_object_set_null_member (me, "clients");
      json_object_set_null_member (me, "tasks");
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

  if ((body = body_object (ex)) == NULL ||
      !check_types (ex, body, "name,color,active", "ssb"))
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
  touch (self, object);

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
  JsonObject *entry;
  gint64 wid;

  if (workspace == NULL)
    return fake_exchange_error (ex, SOUP_STATUS_FORBIDDEN, no_access);
  wid = json_object_get_int_member (workspace, "id");

  if (n == 3 && g_str_equal (parts[2], "time_entries") && g_str_equal (m, "POST"))
    return create_entry (self, ex, wid);
  if (n == 3 && g_str_equal (parts[2], "projects") && g_str_equal (m, "GET"))
    return fake_exchange_reply (ex, SOUP_STATUS_OK, array_where (self->projects, "workspace_id", wid, FALSE));
  if (n == 3 && g_str_equal (parts[2], "projects") && g_str_equal (m, "POST"))
    return create_named (self, ex, wid, TRUE);
  if (n == 3 && g_str_equal (parts[2], "tags") && g_str_equal (m, "GET"))
    return fake_exchange_reply (ex, SOUP_STATUS_OK, array_where (self->tags, "workspace_id", wid, FALSE));
  if (n == 3 && g_str_equal (parts[2], "tags") && g_str_equal (m, "POST"))
    return create_named (self, ex, wid, FALSE);

  if ((n == 4 || n == 5) && g_str_equal (parts[2], "time_entries"))
    {
      gboolean stop = n == 5 && g_str_equal (parts[4], "stop") && g_str_equal (m, "PATCH");

      if (!stop && !(n == 4 && (g_str_equal (m, "PUT") || g_str_equal (m, "DELETE"))))
        return fake_exchange_error (ex, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed");
      if ((entry = find_own_entry (self, ex, wid, parts[3])) == NULL)
        return;
      if (stop)
        return stop_entry (self, ex, entry);
      if (g_str_equal (m, "PUT"))
        return update_entry (self, ex, entry, wid);
      return delete_entry (self, ex, entry);
    }

  fake_exchange_error (ex, SOUP_STATUS_NOT_FOUND, "Not Found");
}

void
fake_toggl_track_handle (FakeToggl    *self,
                         FakeExchange *ex)
{
  g_auto(GStrv) parts = g_strsplit (ex->path + 1, "/", -1);
  guint n = g_strv_length (parts);
  gboolean get = g_str_equal (ex->method, "GET");

  if (n >= 1 && g_str_equal (parts[0], "workspaces"))
    return handle_workspace (self, ex, parts, n);

  if (n == 1 && g_str_equal (parts[0], "me") && get)
    return get_me (self, ex);
  if (n == 2 && g_str_equal (parts[0], "me") && g_str_equal (parts[1], "time_entries") && get)
    return list_entries (self, ex);
  if (n == 3 && g_str_equal (parts[0], "me") && g_str_equal (parts[1], "time_entries") &&
      g_str_equal (parts[2], "current") && get)
    {
      JsonObject *running = fake_toggl_get_running (self, ex->user_id);

      /* Idle is `200 null`, as observed on the live API. */
      return fake_exchange_reply (ex, SOUP_STATUS_OK,
                                  running ? json_node_init_object (json_node_alloc (), running)
                                          : json_node_new (JSON_NODE_NULL));
    }

  fake_exchange_error (ex, SOUP_STATUS_NOT_FOUND, "Not Found");
}

/* --- inspection for tests ----------------------------------------------- */

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
  guint n = 0;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (self->entries, i);

      if (json_object_get_int_member (entry, "user_id") == user_id &&
          (include_deleted || entry_live (entry)))
        n++;
    }
  return n;
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
          entry_live (entry) && entry_running (entry))
        return entry;
    }
  return NULL;
}
