/* fake-toggl-focus-entries.c: the fake's Toggl Focus time entries
 *
 * Below /organizations/{org}/workspaces/{ws}/ (the workspace checked by
 * fake-toggl-focus.c): tracking (current, start, stop), workspace-level
 * entries (list, stream, create, read, patch, delete, restore, bulk delete
 * and restore) and task-scoped ones (list, create, read, patch, delete,
 * archive, unarchive, restore), as the seed documents describe them and
 * third-party clients saw them (shared/api/README.md §3.5–3.7); what Stint
 * does not use (PUT, bulk create and patch) answers 405:
 *
 * - a running entry has `duration: null`; stopping sets it to end − start
 *   in seconds (the fake's answer to the unit question, §3.6);
 * - one entry runs per user: another start is 422, a stop with nothing
 *   running 404;
 * - bodies take the documented members; tracking/start ignores tags and
 *   billable, the task-scoped PATCH everything but times, type and task;
 * - lists need full RFC 3339 `date_from`/`date_to`, leave out entries
 *   without a task unless `include_taskless=true`, page at most 100, and
 *   leave out deleted entries (whether Focus does is unknown, §6.18);
 * - calendar plans (`planned_start`, no `start`) come in lists too;
 * - list replies embed `tags`, `project` and `task`; tracking replies and
 *   single reads do not (the seed's field list).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include "api/stint-json.h"

#include "fake-toggl-focus-private.h"

#define ENTRY_MEMBERS "description,project_id,task_id,time_block_id,type,start,duration,billable,tag_ids,end,user_id"
#define ENTRY_KINDS   "siiissibIsi"

static const char * const te_missing = "Time entry does not exist";

gint64
fake_focus_entry_start (JsonObject *entry)
{
  gint64 start = 0;

  if (!fake_focus_has_value (entry, "start") ||
      !stint_json_parse_time (json_object_get_string_member (entry, "start"), &start))
    stint_json_parse_time (json_object_get_string_member_with_default (entry, "planned_start", NULL), &start);
  return start;
}

gboolean
fake_focus_entry_live (JsonObject *entry)
{
  return !fake_focus_has_value (entry, "deleted_at");
}

gboolean
fake_focus_entry_running (JsonObject *entry)
{
  return fake_focus_entry_live (entry) && fake_focus_has_value (entry, "start") &&
         !fake_focus_has_value (entry, "duration");
}

JsonObject *
fake_focus_running (FakeToggl *self,
                    gint64     user_id)
{
  GPtrArray *entries = fake_focus_get (self)->entries;

  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (entries, i);

      if (json_object_get_int_member (entry, "toggl_user_id") == user_id && fake_focus_entry_running (entry))
        return entry;
    }
  return NULL;
}

void
fake_focus_touch (FakeToggl  *self,
       JsonObject *entry)
{
  fake_focus_set_time (entry, "updated_at", fake_toggl_now (self));
}

void
fake_focus_stop (FakeToggl  *self,
                 JsonObject *entry,
                 gint64      end)
{
  json_object_set_int_member (entry, "duration", MAX (end - fake_focus_entry_start (entry), 0));
  fake_focus_touch (self, entry);
}

/* --- bodies -------------------------------------------------------------- */

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

static gboolean
is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* Go's decoder: `json: cannot unmarshal string into Go struct field … of
 * type int64`. Kinds: i int, s string, b bool, I array of ints; null passes. */
gboolean
fake_focus_check_types (FakeExchange *ex,
             JsonObject   *body)
{
  g_auto(GStrv) names = g_strsplit (ENTRY_MEMBERS, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (body, names[i]);
      g_autofree char *message = NULL;
      gboolean ok = TRUE;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      switch (ENTRY_KINDS[i])
        {
        case 'i': ok = is_int (node); break;
        case 's': ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING; break;
        case 'b': ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN; break;
        case 'I':
          ok = JSON_NODE_HOLDS_ARRAY (node);
          for (guint j = 0; ok && j < json_array_get_length (json_node_get_array (node)); j++)
            ok = is_int (json_array_get_element (json_node_get_array (node), j));
          break;
        default: g_assert_not_reached ();
        }
      if (ok)
        continue;
      message = g_strdup_printf ("json: cannot unmarshal %s into Go struct field .%s", node_type_name (node), names[i]);
      fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", message);
      return FALSE;
    }
  return TRUE;
}

/* The request's JSON object (an absent body is {} where @optional), or NULL
 * after answering 400. */
JsonObject *
fake_focus_body_object (FakeExchange *ex,
             gboolean      optional)
{
  static JsonObject *empty;

  if (ex->body == NULL && !ex->body_invalid && optional)
    {
      if (g_once_init_enter (&empty))
        g_once_init_leave (&empty, json_object_new ());
      return empty;
    }
  if (ex->body_invalid || ex->body == NULL || !JSON_NODE_HOLDS_OBJECT (ex->body))
    {
      fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", "invalid JSON body");
      return NULL;
    }
  if (!fake_focus_check_types (ex, json_node_get_object (ex->body)))
    return NULL;
  return json_node_get_object (ex->body);
}

static gboolean
read_time (FakeExchange *ex,
           JsonObject   *body,
           const char   *member,
           gint64       *out)
{
  const char *text = json_object_get_string_member (body, member);

  if (stint_json_parse_time (text, out))
    return TRUE;
  {
    g_autofree char *message = g_strdup_printf ("parsing time \"%s\" as \"2006-01-02T15:04:05Z07:00\"", text);

    fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", message);
  }
  return FALSE;
}

gboolean
fake_focus_check_type (FakeExchange *ex,
            JsonObject   *body)
{
  const char *type = json_object_get_string_member_with_default (body, "type", NULL);

  if (type == NULL || g_str_equal (type, "activity") || g_str_equal (type, "break"))
    return TRUE;
  fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation",
                    "Key: 'Type' Error:Field validation for 'Type' failed on the 'oneof' tag");
  return FALSE;
}

gboolean
fake_focus_check_refs (FakeToggl    *self,
            FakeExchange *ex,
            JsonObject   *body,
            gint64        workspace_id)
{
  FakeFocus *focus = fake_focus_get (self);
  JsonObject *found;

  if (fake_focus_has_value (body, "project_id") &&
      ((found = fake_toggl_find (focus->projects, json_object_get_int_member (body, "project_id"))) == NULL ||
       !fake_focus_in_workspace (found, workspace_id)))
    return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", "project not found"), FALSE;
  if (fake_focus_has_value (body, "task_id") &&
      ((found = fake_toggl_find (focus->tasks, json_object_get_int_member (body, "task_id"))) == NULL ||
       !fake_focus_in_workspace (found, workspace_id)))
    return fake_focus_error (ex, SOUP_STATUS_NOT_FOUND, "not_found", "User task does not exist"), FALSE;
  if (fake_focus_has_value (body, "tag_ids"))
    {
      JsonArray *ids = json_object_get_array_member (body, "tag_ids");

      for (guint i = 0; i < json_array_get_length (ids); i++)
        if ((found = fake_toggl_find (focus->tags, json_array_get_int_element (ids, i))) == NULL ||
            !fake_focus_in_workspace (found, workspace_id))
          return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", "tag not found"), FALSE;
    }
  return TRUE;
}

/* Copies the @members (comma-separated) @body has onto @entry; times are
 * checked: start RFC 3339, duration not negative. */
gboolean
fake_focus_apply (FakeToggl    *self,
       FakeExchange *ex,
       JsonObject   *entry,
       JsonObject   *body,
       const char   *members)
{
  g_auto(GStrv) names = g_strsplit (members, ",", -1);
  gint64 start;

  if (json_object_has_member (body, "start") && g_strv_contains ((const char * const *)names, "start") &&
      fake_focus_has_value (body, "start") && !read_time (ex, body, "start", &start))
    return FALSE;
  if (fake_focus_has_value (body, "duration") && g_strv_contains ((const char * const *)names, "duration") &&
      json_object_get_int_member (body, "duration") < 0)
    return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", "duration must not be negative"), FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    if (json_object_has_member (body, names[i]))
      json_object_set_member (entry, names[i], json_object_dup_member (body, names[i]));
  if (json_object_has_member (body, "billable"))
    json_object_set_string_member (entry, "billable_source", "manual");
  fake_focus_touch (self, entry);
  return TRUE;
}

/* An entry with every member the seed lists, none set yet. */
JsonObject *
fake_focus_new_entry (FakeToggl *self,
           gint64     user_id,
           gint64     workspace_id)
{
  JsonObject *entry = json_object_new ();
  gint64 now = fake_toggl_now (self);

  json_object_set_int_member (entry, "id", fake_focus_get (self)->next_id++);
  json_object_set_int_member (entry, "workspace_id", workspace_id);
  json_object_set_int_member (entry, "toggl_user_id", user_id);
  json_object_set_null_member (entry, "task_id");
  json_object_set_null_member (entry, "project_id");
  json_object_set_null_member (entry, "time_block_id");
  json_object_set_null_member (entry, "description");
  json_object_set_boolean_member (entry, "billable", FALSE);
  json_object_set_null_member (entry, "billable_source");
  json_object_set_string_member (entry, "type", "activity");
  fake_focus_set_time (entry, "start", now);
  json_object_set_null_member (entry, "duration");
  fake_focus_set_time (entry, "created_at", now);
  fake_focus_set_time (entry, "updated_at", now);
  json_object_set_null_member (entry, "archived_at");
  json_object_set_null_member (entry, "deleted_at");
  json_object_set_null_member (entry, "tag_ids");
  json_object_set_string_member (entry, "timezone", "UTC");
  g_ptr_array_add (fake_focus_get (self)->entries, entry);
  return entry;
}

/* --- replies ------------------------------------------------------------- */

static JsonNode *
small_object (JsonObject *from,
              const char *members)
{
  g_auto(GStrv) names = g_strsplit (members, ",", -1);
  g_autoptr(JsonObject) object = json_object_new ();

  for (guint i = 0; names[i] != NULL; i++)
    if (json_object_has_member (from, names[i]))
      json_object_set_member (object, names[i], json_object_dup_member (from, names[i]));
  return json_node_init_object (json_node_alloc (), object);
}

/* A copy of @entry as replies show it; lists embed tags, project and task. */
JsonObject *
fake_focus_render (FakeToggl  *self,
        JsonObject *entry,
        gboolean    embed)
{
  FakeFocus *focus = fake_focus_get (self);
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  JsonObject *found;

  json_object_iter_init (&iter, entry);
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (copy, name, json_node_copy (value));
  if (!embed)
    return copy;

  if (fake_focus_has_value (entry, "tag_ids"))
    {
      JsonArray *ids = json_object_get_array_member (entry, "tag_ids");
      g_autoptr(JsonArray) tags = json_array_new ();

      for (guint i = 0; i < json_array_get_length (ids); i++)
        if ((found = fake_toggl_find (focus->tags, json_array_get_int_element (ids, i))) != NULL)
          json_array_add_element (tags, small_object (found, "id,name,color"));
      json_object_set_array_member (copy, "tags", json_array_ref (tags));
    }
  if (fake_focus_has_value (entry, "project_id") &&
      (found = fake_toggl_find (focus->projects, json_object_get_int_member (entry, "project_id"))) != NULL)
    json_object_set_member (copy, "project", small_object (found, "id,name,color"));
  if (fake_focus_has_value (entry, "task_id") &&
      (found = fake_toggl_find (focus->tasks, json_object_get_int_member (entry, "task_id"))) != NULL)
    {
      JsonNode *task = small_object (found, "id,name,project_id,workspace_id");
      JsonObject *project;

      if (fake_focus_has_value (found, "project_id") &&
          (project = fake_toggl_find (focus->projects, json_object_get_int_member (found, "project_id"))) != NULL)
        json_object_set_member (json_node_get_object (task), "project", small_object (project, "id,name,color"));
      json_object_set_member (copy, "task", task);
    }
  return copy;
}

static void
reply_entry (FakeToggl    *self,
             FakeExchange *ex,
             guint         status,
             JsonObject   *entry)
{
  g_autoptr(JsonObject) rendered = fake_focus_render (self, entry, FALSE);

  fake_exchange_reply (ex, status, json_node_init_object (json_node_alloc (), rendered));
}

/* --- tracking ------------------------------------------------------------ */

static void
tracking (FakeToggl    *self,
          FakeExchange *ex,
          const char   *what,
          gint64        workspace_id)
{
  JsonObject *running = fake_focus_running (self, ex->user_id);
  JsonObject *body;
  JsonObject *entry;
  gint64 end;

  if (g_str_equal (what, "current") && g_str_equal (ex->method, "GET"))
    {
      if (running == NULL)
        return fake_exchange_reply (ex, SOUP_STATUS_NO_CONTENT, NULL);
      return reply_entry (self, ex, SOUP_STATUS_OK, running);
    }

  if (g_str_equal (what, "start") && g_str_equal (ex->method, "POST"))
    {
      if ((body = fake_focus_body_object (ex, TRUE)) == NULL || !fake_focus_check_type (ex, body) ||
          !fake_focus_check_refs (self, ex, body, workspace_id))
        return;
      if (running != NULL)
        return fake_focus_error (ex, 422, "already_tracking", "Cannot track multiple time entries at the same time");
      entry = fake_focus_new_entry (self, ex->user_id, workspace_id);
      /* The documented body; tags and billable are not in it. */
      if (!fake_focus_apply (self, ex, entry, body, "description,project_id,start,task_id,time_block_id,type"))
        {
          g_ptr_array_remove (fake_focus_get (self)->entries, entry);
          return;
        }
      ex->applied = TRUE;
      return reply_entry (self, ex, SOUP_STATUS_OK, entry);
    }

  if (g_str_equal (what, "stop") && g_str_equal (ex->method, "POST"))
    {
      end = fake_toggl_now (self);
      if ((body = fake_focus_body_object (ex, TRUE)) == NULL ||
          (fake_focus_has_value (body, "end") && !read_time (ex, body, "end", &end)))
        return;
      if (running == NULL)
        return fake_focus_error (ex, SOUP_STATUS_NOT_FOUND, "not_found", "Not tracking a time entry");
      if (end < fake_focus_entry_start (running))
        return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", "end must be after start");
      fake_focus_stop (self, running, end);
      ex->applied = TRUE;
      return reply_entry (self, ex, SOUP_STATUS_OK, running);
    }

  fake_focus_error (ex, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed");
}

const char *
fake_focus_query (FakeExchange *ex,
       const char   *name)
{
  return ex->query != NULL ? g_hash_table_lookup (ex->query, name) : NULL;
}

/* --- single entries ------------------------------------------------------ */

JsonObject *
fake_focus_find_entry (FakeToggl    *self,
            FakeExchange *ex,
            gint64        workspace_id,
            gint64        task_id,
            const char   *id_text,
            gboolean      deleted_too)
{
  JsonObject *entry;
  gint64 id;

  if (!g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL))
    return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", "invalid time entry id"), NULL;

  entry = fake_toggl_find (fake_focus_get (self)->entries, id);
  if (entry == NULL || (!deleted_too && !fake_focus_entry_live (entry)) ||
      json_object_get_int_member (entry, "toggl_user_id") != ex->user_id ||
      !fake_focus_in_workspace (entry, workspace_id) ||
      (task_id > 0 && json_object_get_int_member_with_default (entry, "task_id", 0) != task_id))
    return fake_focus_error (ex, SOUP_STATUS_NOT_FOUND, "not_found", te_missing), NULL;
  return entry;
}

static void
create (FakeToggl    *self,
        FakeExchange *ex,
        gint64        workspace_id,
        gint64        task_id)
{
  JsonObject *body;
  JsonObject *entry;
  g_autoptr(JsonObject) task_ref = json_object_new ();

  if ((body = fake_focus_body_object (ex, FALSE)) == NULL || !fake_focus_check_type (ex, body) ||
      !fake_focus_check_refs (self, ex, body, workspace_id))
    return;
  if (task_id > 0)
    {
      json_object_set_int_member (task_ref, "task_id", task_id);
      if (!fake_focus_check_refs (self, ex, task_ref, workspace_id))
        return;
    }
  /* Taskless creates need `type` (README §3.5). */
  if (task_id == 0 && !fake_focus_has_value (body, "type"))
    return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation",
                             "Key: 'CreateTimeEntry.Type' Error:Field validation for 'Type' failed on the 'required' tag");
  if (!fake_focus_has_value (body, "start") || !fake_focus_has_value (body, "duration"))
    return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", "start and duration are required");
  if (fake_focus_has_value (body, "user_id") && json_object_get_int_member (body, "user_id") != ex->user_id)
    return fake_focus_error (ex, SOUP_STATUS_FORBIDDEN, "forbidden", "insufficient permissions");

  entry = fake_focus_new_entry (self, ex->user_id, workspace_id);
  if (!fake_focus_apply (self, ex, entry, body, task_id > 0 ? "description,start,duration,time_block_id,type,billable"
                                                 : "description,start,duration,type,billable,project_id,tag_ids"))
    {
      g_ptr_array_remove (fake_focus_get (self)->entries, entry);
      return;
    }
  if (task_id > 0)
    json_object_set_int_member (entry, "task_id", task_id);
  ex->applied = TRUE;

  if (task_id > 0 && fake_focus_get (self)->bare_task_creates)
    return fake_exchange_reply (ex, SOUP_STATUS_CREATED, NULL);
  reply_entry (self, ex, task_id > 0 ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, entry);
}

static void
single (FakeToggl    *self,
        FakeExchange *ex,
        gint64        workspace_id,
        gint64        task_id,
        const char   *id_text,
        const char   *action)
{
  const char *m = ex->method;
  gboolean restore = g_strcmp0 (action, "restore") == 0 && g_str_equal (m, "PATCH");
  JsonObject *entry;
  JsonObject *body;

  if (action != NULL && !restore &&
      !(task_id > 0 && g_str_equal (m, "POST") && (g_str_equal (action, "archive") || g_str_equal (action, "unarchive"))))
    return fake_focus_error (ex, SOUP_STATUS_NOT_FOUND, "not_found", "not found");
  if ((entry = fake_focus_find_entry (self, ex, workspace_id, task_id, id_text, restore)) == NULL)
    return;

  if (restore)
    {
      if (fake_focus_entry_live (entry))
        return fake_focus_error (ex, SOUP_STATUS_NOT_FOUND, "not_found", te_missing);
      json_object_set_null_member (entry, "deleted_at");
    }
  else if (action != NULL)
    fake_focus_set_time (entry, "archived_at", g_str_equal (action, "archive") ? fake_toggl_now (self) : 0);
  else if (g_str_equal (m, "GET"))
    return reply_entry (self, ex, SOUP_STATUS_OK, entry);
  else if (g_str_equal (m, "DELETE"))
    fake_focus_set_time (entry, "deleted_at", fake_toggl_now (self));
  else if (g_str_equal (m, "PATCH"))
    {
      if ((body = fake_focus_body_object (ex, FALSE)) == NULL || !fake_focus_check_type (ex, body) ||
          !fake_focus_check_refs (self, ex, body, workspace_id))
        return;
      if (!fake_focus_apply (self, ex, entry, body, task_id > 0 ? "duration,start,task_id,time_block_id,type"
                                                     : "description,project_id,tag_ids,start,duration,billable,type"))
        return;
    }
  else
    return fake_focus_error (ex, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed");

  fake_focus_touch (self, entry);
  ex->applied = TRUE;
  fake_exchange_reply (ex, SOUP_STATUS_NO_CONTENT, NULL);
}

/* --- routing ------------------------------------------------------------- */

/* @parts: what follows /organizations/{org}/workspaces/{ws}/ */
void
fake_focus_entries_handle (FakeToggl    *self,
                           FakeExchange *ex,
                           char        **parts,
                           guint         n,
                           gint64        workspace_id)
{
  const char *m = ex->method;
  gint64 task_id = 0;

  if (n == 2 && g_str_equal (parts[0], "tracking"))
    return tracking (self, ex, parts[1], workspace_id);

  if (g_str_equal (parts[0], "tasks") && n >= 3 && g_str_equal (parts[2], "time-entries"))
    {
      if (!g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT64, &task_id, NULL))
        return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", "invalid task id");
      parts += 2;
      n -= 2;
    }
  else if (!g_str_equal (parts[0], "time-entries"))
    return fake_focus_error (ex, SOUP_STATUS_NOT_FOUND, "not_found", "not found");

  /* parts[0] is "time-entries" now. */
  if (n == 1 && g_str_equal (m, "GET"))
    return fake_focus_list (self, ex, workspace_id, task_id, FALSE);
  if (n == 1 && g_str_equal (m, "POST"))
    return create (self, ex, workspace_id, task_id);
  if (task_id == 0 && n == 2 && g_str_equal (parts[1], "stream") && g_str_equal (m, "GET"))
    return fake_focus_list (self, ex, workspace_id, 0, TRUE);
  if (task_id == 0 && n >= 2 && g_str_equal (parts[1], "bulk"))
    return n == 2 ? fake_focus_bulk (self, ex, workspace_id, FALSE)
                  : n == 3 && g_str_equal (parts[2], "restore") ? fake_focus_bulk (self, ex, workspace_id, TRUE)
                  : fake_focus_error (ex, SOUP_STATUS_NOT_FOUND, "not_found", "not found");
  if (n == 2 || n == 3)
    return single (self, ex, workspace_id, task_id, parts[1], n == 3 ? parts[2] : NULL);

  fake_focus_error (ex, SOUP_STATUS_NOT_FOUND, "not_found", "not found");
}

/* --- for the admin side -------------------------------------------------- */

/**
 * fake_focus_insert_entry:
 * @body: a partial Focus entry: description, project_id, task_id, tag_ids,
 *   billable, type, start, duration (absent: running), planned_start and
 *   planned_duration (a calendar plan: no start), deleted_at
 *
 * Returns: (transfer none) (nullable): the stored entry, or %NULL with the
 *   refusal on @ex
 */
JsonObject *
fake_focus_insert_entry (FakeToggl    *self,
                         gint64        user_id,
                         gint64        workspace_id,
                         JsonObject   *body,
                         FakeExchange *ex)
{
  JsonObject *entry;

  if (!fake_focus_check_types (ex, body) || !fake_focus_check_type (ex, body) || !fake_focus_check_refs (self, ex, body, workspace_id))
    return NULL;

  entry = fake_focus_new_entry (self, user_id, workspace_id);
  if (!fake_focus_apply (self, ex, entry, body,
              "description,project_id,task_id,tag_ids,billable,type,start,duration,planned_start,"
              "planned_duration,deleted_at,archived_at"))
    {
      g_ptr_array_remove (fake_focus_get (self)->entries, entry);
      return NULL;
    }
  if (fake_focus_has_value (body, "planned_start"))
    json_object_set_null_member (entry, "start");
  return entry;
}
