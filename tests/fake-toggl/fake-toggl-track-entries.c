/* fake-toggl-track-entries.c: the fake's Track v9 time entries
 *
 * Create, read, update, stop, delete and list a user's entries over HTTP, as
 * fake-toggl-track.c routes them, and the same state changed directly by
 * tests and the admin API (fake_toggl_add_entry() and friends) without a
 * request in the log or the quota.
 *
 * Deleted entries stay in the list with `server_deleted_at` set, so that
 * `GET /me/time_entries?since=…` can report them as the live API does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include "api/stint-json.h"

#include "fake-toggl-private.h"
#include "fake-toggl-track-private.h"

#define ENTRY_MEMBERS "created_with,workspace_id,project_id,task_id,description,start,stop,duration,billable,tags"
#define ENTRY_KINDS   "siiisssiba"

static const char * const not_found = "Time entry not found";

static gint64
entry_start (JsonObject *entry)
{
  gint64 start = 0;

  stint_json_parse_time (json_object_get_string_member (entry, "start"), &start);
  return start;
}

gboolean
fake_track_entry_running (JsonObject *entry)
{
  return json_object_get_int_member (entry, "duration") < 0;
}

gboolean
fake_track_entry_live (JsonObject *entry)
{
  return !fake_track_has_value (entry, "server_deleted_at");
}

static void
entry_set_times (JsonObject *entry,
                 gint64      start,
                 gint64      stop)
{
  fake_track_set_time (entry, "start", start);
  fake_track_set_time (entry, "stop", stop);
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
          fake_track_touch (self, tag);
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
  gboolean has_duration = fake_track_has_value (body, "duration");
  gint64 duration = has_duration ? json_object_get_int_member (body, "duration") : 0;

  if (fake_track_has_value (body, "start") &&
      !stint_json_parse_time (json_object_get_string_member (body, "start"), start))
    {
      fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Start time must be in RFC3339 format");
      return FALSE;
    }

  if (fake_track_has_value (body, "stop"))
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

  if (!fake_track_has_value (body, "project_id"))
    return TRUE;

  project = fake_toggl_find (self->projects, json_object_get_int_member (body, "project_id"));
  if (project == NULL || json_object_get_int_member (project, "workspace_id") != workspace_id)
    {
      fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Invalid project_id");
      return FALSE;
    }
  return TRUE;
}

/* The fields a body may set besides the times. */
static void
apply_fields (FakeToggl  *self,
              JsonObject *entry,
              JsonObject *body,
              gint64      workspace_id)
{
  if (json_object_has_member (body, "description"))
    {
      if (fake_track_has_value (body, "description"))
        json_object_set_string_member (entry, "description", json_object_get_string_member (body, "description"));
      else
        json_object_set_null_member (entry, "description");
    }
  if (json_object_has_member (body, "project_id"))
    entry_set_id_pair (entry, "project_id", "pid",
                       fake_track_has_value (body, "project_id") ? json_object_get_int_member (body, "project_id") : 0);
  if (json_object_has_member (body, "task_id"))
    entry_set_id_pair (entry, "task_id", "tid",
                       fake_track_has_value (body, "task_id") ? json_object_get_int_member (body, "task_id") : 0);
  if (fake_track_has_value (body, "billable"))
    json_object_set_boolean_member (entry, "billable", json_object_get_boolean_member (body, "billable"));
  if (json_object_has_member (body, "tags"))
    entry_set_tags (self, entry, workspace_id,
                    fake_track_has_value (body, "tags") ? json_object_get_array_member (body, "tags") : NULL);
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
    fake_track_stop_entry (self, running, at);
}

/* An entry with every member Toggl sends, none of them set yet. */
static JsonObject *
new_entry (gint64 id,
           gint64 user_id,
           gint64 workspace_id)
{
  JsonObject *entry = json_object_new ();

  json_object_set_int_member (entry, "id", id);
  entry_set_id_pair (entry, "workspace_id", "wid", workspace_id);
  entry_set_id_pair (entry, "user_id", "uid", user_id);
  entry_set_id_pair (entry, "project_id", "pid", 0);
  entry_set_id_pair (entry, "task_id", "tid", 0);
  json_object_set_null_member (entry, "description");
  json_object_set_boolean_member (entry, "billable", FALSE);
  json_object_set_null_member (entry, "tags");
  json_object_set_null_member (entry, "tag_ids");
  json_object_set_boolean_member (entry, "duronly", TRUE);
  json_object_set_null_member (entry, "server_deleted_at");
  return entry;
}

/* Stores a new entry with @body's fields; a running one stops the one that
 * ran. Returns it (owned by the fake). */
static JsonObject *
store_entry (FakeToggl  *self,
             gint64      id,
             gint64      user_id,
             gint64      workspace_id,
             JsonObject *body,
             gint64      start,
             gint64      stop)
{
  JsonObject *entry;

  if (stop == 0)
    stop_running (self, user_id, start);

  entry = new_entry (id, user_id, workspace_id);
  apply_fields (self, entry, body, workspace_id);
  entry_set_times (entry, start, stop);
  fake_track_touch (self, entry);
  /* Toggl does not send this back; the fake keeps it (and so shows it) so
   * that tests can tell which app made an entry. */
  if (fake_track_has_value (body, "created_with"))
    json_object_set_string_member (entry, "created_with", json_object_get_string_member (body, "created_with"));
  g_ptr_array_add (self->entries, entry);
  return entry;
}

static void
create_entry (FakeToggl    *self,
              FakeExchange *ex,
              gint64        workspace_id)
{
  JsonObject *body;
  JsonObject *entry;
  const char *created_with;
  gint64 start = 0, stop = 0;

  if ((body = fake_track_body_object (ex)) == NULL ||
      !fake_track_check_types (ex, body, ENTRY_MEMBERS, ENTRY_KINDS))
    return;

  created_with = json_object_get_string_member_with_default (body, "created_with", NULL);
  if (created_with == NULL || created_with[0] == '\0')
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST,
                                "created_with needs to be provided an a valid string");
  if (!fake_track_has_value (body, "workspace_id"))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "workspace_id is required");
  if (json_object_get_int_member (body, "workspace_id") != workspace_id)
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "workspace_id does not match the workspace in the path");
  if (!fake_track_has_value (body, "start"))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Start time is required");
  if (!fake_track_has_value (body, "duration") && !fake_track_has_value (body, "stop"))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Either duration or stop is required");
  if (!resolve_times (ex, body, &start, &stop) || !check_project (self, ex, body, workspace_id))
    return;

  entry = store_entry (self, self->next_id++, ex->user_id, workspace_id, body, start, stop);
  ex->applied = TRUE;
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), entry));
}

/**
 * fake_track_insert_entry:
 * @body: a partial models.TimeEntry: any of the payload's members, and also
 *   `id`, `at` and `server_deleted_at` to set up history
 * @ex: where a refusal is written, as a 400 with Toggl's message
 *
 * What another Toggl client would have done: an entry of @user_id created
 * without a request, more leniently than `POST`: `workspace_id` defaults to
 * the user's default workspace, `start` to now, and with neither `stop` nor
 * `duration` it is running (stopping the one that ran).
 *
 * Returns: (transfer none) (nullable): the stored entry
 */
JsonObject *
fake_track_insert_entry (FakeToggl    *self,
                         JsonObject   *user,
                         JsonObject   *body,
                         FakeExchange *ex)
{
  gint64 user_id = json_object_get_int_member (user, "id");
  gint64 workspace_id = json_object_get_int_member_with_default (user, "default_workspace_id", 0);
  gint64 id = self->next_id;
  gint64 start = fake_toggl_now (self);
  gint64 stop = 0;
  gint64 when;
  JsonObject *entry;

  if (!fake_track_check_types (ex, body, ENTRY_MEMBERS ",id,at,server_deleted_at", ENTRY_KINDS "iss"))
    return NULL;
  if (fake_track_has_value (body, "workspace_id"))
    workspace_id = json_object_get_int_member (body, "workspace_id");
  if (fake_toggl_find (self->workspaces, workspace_id) == NULL)
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Unknown workspace_id"), NULL;
  if (fake_track_has_value (body, "id"))
    {
      id = json_object_get_int_member (body, "id");
      if (id <= 0 || fake_toggl_find (self->entries, id) != NULL)
        return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "id is taken"), NULL;
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *member = i == 0 ? "at" : "server_deleted_at";

      if (fake_track_has_value (body, member) &&
          !stint_json_parse_time (json_object_get_string_member (body, member), &when))
        return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Times must be in RFC3339 format"), NULL;
    }
  if (!resolve_times (ex, body, &start, &stop) || !check_project (self, ex, body, workspace_id))
    return NULL;

  self->next_id = MAX (self->next_id, id + 1);
  entry = store_entry (self, id, user_id, workspace_id, body, start, stop);
  if (fake_track_has_value (body, "at"))
    json_object_set_member (entry, "at", json_object_dup_member (body, "at"));
  if (fake_track_has_value (body, "server_deleted_at"))
    json_object_set_member (entry, "server_deleted_at", json_object_dup_member (body, "server_deleted_at"));
  return entry;
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
  if (entry == NULL || !fake_track_entry_live (entry) ||
      json_object_get_int_member (entry, "user_id") != ex->user_id ||
      json_object_get_int_member (entry, "workspace_id") != workspace_id)
    {
      fake_exchange_error (ex, SOUP_STATUS_NOT_FOUND, not_found);
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

  if (!fake_track_entry_running (entry))
    stint_json_parse_time (json_object_get_string_member (entry, "stop"), &stop);

  if ((body = fake_track_body_object (ex)) == NULL ||
      !fake_track_check_types (ex, body, ENTRY_MEMBERS, ENTRY_KINDS))
    return;
  if (fake_track_has_value (body, "workspace_id") && json_object_get_int_member (body, "workspace_id") != workspace_id)
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "workspace_id does not match the workspace in the path");
  if (!resolve_times (ex, body, &start, &stop) || !check_project (self, ex, body, workspace_id))
    return;

  apply_fields (self, entry, body, workspace_id);
  entry_set_times (entry, start, stop);
  fake_track_touch (self, entry);
  ex->applied = TRUE;
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), entry));
}

/* Stops a running entry at @when (never before its start). */
void
fake_track_stop_entry (FakeToggl  *self,
                       JsonObject *entry,
                       gint64      when)
{
  gint64 start = entry_start (entry);

  g_assert (fake_track_entry_running (entry));
  entry_set_times (entry, start, MAX (when, start));
  fake_track_touch (self, entry);
}

static void
stop_entry (FakeToggl    *self,
            FakeExchange *ex,
            JsonObject   *entry)
{
  if (!fake_track_entry_running (entry))
    return fake_exchange_error (ex, SOUP_STATUS_CONFLICT, "Time entry already stopped");

  fake_track_stop_entry (self, entry, fake_toggl_now (self));
  ex->applied = TRUE;
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), entry));
}

static void
delete_entry (FakeToggl    *self,
              FakeExchange *ex,
              JsonObject   *entry)
{
  fake_track_set_time (entry, "server_deleted_at", fake_toggl_now (self));
  fake_track_touch (self, entry);
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
      else if (!fake_track_entry_live (entry) || start < from || start >= to || start >= before)
        continue;

      g_ptr_array_add (found, entry);
    }

  g_ptr_array_sort (found, by_start_descending);
  for (guint i = 0; i < found->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (found, i)));
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_array (json_node_alloc (), array));
}

/* GET /me/time_entries/{id}: any of the user's live entries, whatever its
 * workspace. */
static void
get_entry (FakeToggl    *self,
           FakeExchange *ex,
           const char   *id_text)
{
  JsonObject *entry;
  gint64 id;

  if (!g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Invalid time_entry_id");

  entry = fake_toggl_find (self->entries, id);
  if (entry == NULL || !fake_track_entry_live (entry) ||
      json_object_get_int_member (entry, "user_id") != ex->user_id)
    return fake_exchange_error (ex, SOUP_STATUS_NOT_FOUND, "Resource can not be found");

  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), entry));
}

/* Idle is `200 null` as observed on the live API, unless a test asked for
 * the spec's 404 or an empty 204 (fake_toggl_set_idle_current_status()). */
static void
get_current (FakeToggl    *self,
             FakeExchange *ex)
{
  JsonObject *running = fake_toggl_get_running (self, ex->user_id);

  if (running != NULL)
    return fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), running));

  switch (self->idle_current_status)
    {
    case SOUP_STATUS_NO_CONTENT:
      return fake_exchange_reply (ex, SOUP_STATUS_NO_CONTENT, NULL);
    case SOUP_STATUS_NOT_FOUND:
      return fake_exchange_error (ex, SOUP_STATUS_NOT_FOUND, "Resource can not be found");
    default:
      return fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_new (JSON_NODE_NULL));
    }
}

/* /workspaces/{wid}/time_entries[/{id}[/stop]], the workspace checked. */
void
fake_track_entries_handle_workspace (FakeToggl    *self,
                                     FakeExchange *ex,
                                     char        **parts,
                                     guint         n_parts,
                                     gint64        workspace_id)
{
  const char *m = ex->method;
  gboolean stop = n_parts == 5 && g_str_equal (parts[4], "stop") && g_str_equal (m, "PATCH");
  JsonObject *entry;

  if (n_parts == 3 && g_str_equal (m, "POST"))
    return create_entry (self, ex, workspace_id);
  if (n_parts < 4 || n_parts > 5)
    return fake_exchange_error (ex, SOUP_STATUS_NOT_FOUND, "Not Found");
  if (!stop && !(n_parts == 4 && (g_str_equal (m, "PUT") || g_str_equal (m, "DELETE"))))
    return fake_exchange_error (ex, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed");
  if ((entry = find_own_entry (self, ex, workspace_id, parts[3])) == NULL)
    return;
  if (stop)
    return stop_entry (self, ex, entry);
  if (g_str_equal (m, "PUT"))
    return update_entry (self, ex, entry, workspace_id);
  delete_entry (self, ex, entry);
}

/* /me/time_entries[/current|/{id}] */
void
fake_track_entries_handle_me (FakeToggl    *self,
                              FakeExchange *ex,
                              char        **parts,
                              guint         n_parts)
{
  if (!g_str_equal (ex->method, "GET"))
    return fake_exchange_error (ex, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed");
  if (n_parts == 2)
    return list_entries (self, ex);
  if (n_parts == 3 && g_str_equal (parts[2], "current"))
    return get_current (self, ex);
  if (n_parts == 3)
    return get_entry (self, ex, parts[2]);
  fake_exchange_error (ex, SOUP_STATUS_NOT_FOUND, "Not Found");
}
