/* fake-toggl-track-clients.c: Toggl Track's clients and tasks, faked
 *
 * Clients are kept in the spec's models.Client shape (the workspace is `wid`
 * only), tasks in models.Task. Both also come with `/me?with_related_data=true`
 * (fake-toggl-track.c).
 *
 * Tasks are a paid feature. A user whose fixture object has
 * `"tasks_plan": false` (or after fake_toggl_set_tasks_plan()) stands for an
 * account on a plan without them: every task endpoint answers 402 with the
 * kind of sentence the spec gives for other plan features, and `/me` says
 * `"tasks": null`. The 402 carries no quota headers (fake-toggl.c), which is
 * how a client tells it from a spent quota (shared/api/README.md 2.2).
 *
 * Where the spec leaves a default open (the `active` filter of the workspace
 * and project task lists, the longest client name), the fake picks one and
 * says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include <string.h>

#include "fake-toggl-private.h"
#include "fake-toggl-track-private.h"

/* The spec's message is "Client name maximum length is {max_client_length}";
 * the number is a guess. */
#define MAX_CLIENT_NAME 100

gboolean
fake_track_has_tasks_plan (JsonObject *user)
{
  return json_object_get_boolean_member_with_default (user, "tasks_plan", TRUE);
}

/* FALSE after answering 402 when the user's plan has no tasks. */
static gboolean
check_tasks_plan (FakeExchange *ex)
{
  if (fake_track_has_tasks_plan (ex->user))
    return TRUE;
  fake_exchange_error (ex, SOUP_STATUS_PAYMENT_REQUIRED, "Tasks are available for Starter and higher plans");
  return FALSE;
}

/* A node owning @array (transfer full). */
static JsonNode *
take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

static const char *
query_value (FakeExchange *ex,
             const char   *name)
{
  return ex->query != NULL ? g_hash_table_lookup (ex->query, name) : NULL;
}

/* The objects of @objects whose @member is one of the user's workspaces. */
static JsonArray *
in_users_workspaces (GPtrArray  *objects,
                     const char *member,
                     JsonObject *user)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (fake_track_user_in_workspace (user, json_object_get_int_member_with_default (object, member, 0)))
        json_array_add_object_element (array, json_object_ref (object));
    }
  return array;
}

/* For `/me?with_related_data=true`: null when there are none, as the spec
 * describes its related lists, and for tasks on a plan without them. */
JsonNode *
fake_track_related_clients (FakeToggl  *self,
                            JsonObject *user)
{
  g_autoptr(JsonArray) clients = in_users_workspaces (self->clients, "wid", user);

  if (json_array_get_length (clients) == 0)
    return json_node_new (JSON_NODE_NULL);
  return json_node_init_array (json_node_alloc (), clients);
}

JsonNode *
fake_track_related_tasks (FakeToggl  *self,
                          JsonObject *user)
{
  g_autoptr(JsonArray) tasks = NULL;

  if (!fake_track_has_tasks_plan (user))
    return json_node_new (JSON_NODE_NULL);

  tasks = in_users_workspaces (self->tasks, "workspace_id", user);
  if (json_array_get_length (tasks) == 0)
    return json_node_new (JSON_NODE_NULL);
  return json_node_init_array (json_node_alloc (), tasks);
}

/* --- clients ------------------------------------------------------------- */

static void
list_clients (FakeToggl    *self,
              FakeExchange *ex,
              gint64        workspace_id)
{
  const char *status = query_value (ex, "status");
  const char *name = query_value (ex, "name");
  g_autofree char *needle = name != NULL ? g_utf8_casefold (name, -1) : NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  gboolean want_active = TRUE;
  gboolean want_archived = FALSE;

  if (status != NULL && g_str_equal (status, "archived"))
    want_active = FALSE, want_archived = TRUE;
  else if (status != NULL && g_str_equal (status, "both"))
    want_archived = TRUE;
  else if (status != NULL && !g_str_equal (status, "active"))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Client status is invalid");

  for (guint i = 0; i < self->clients->len; i++)
    {
      JsonObject *client = g_ptr_array_index (self->clients, i);
      gboolean archived = json_object_get_boolean_member_with_default (client, "archived", FALSE);

      if (json_object_get_int_member_with_default (client, "wid", 0) != workspace_id)
        continue;
      if (archived ? !want_archived : !want_active)
        continue;
      if (needle != NULL)
        {
          g_autofree char *folded = g_utf8_casefold (json_object_get_string_member (client, "name"), -1);

          if (strstr (folded, needle) == NULL)
            continue;
        }
      json_array_add_object_element (array, json_object_ref (client));
    }

  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_array (json_node_alloc (), array));
}

static void
create_client (FakeToggl    *self,
               FakeExchange *ex,
               gint64        workspace_id)
{
  JsonObject *body;
  g_autoptr(JsonObject) client = NULL;
  g_autofree char *trimmed = NULL;
  const char *name;

  if ((body = fake_track_body_object (ex)) == NULL ||
      !fake_track_check_types (ex, body, "name,notes,external_reference", "sss"))
    return;

  name = json_object_get_string_member_with_default (body, "name", "");
  trimmed = g_strstrip (g_strdup (name));
  if (trimmed[0] == '\0')
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Client name cannot be empty");
  if (g_utf8_strlen (trimmed, -1) > MAX_CLIENT_NAME)
    {
      g_autofree char *message = g_strdup_printf ("Client name maximum length is %d", MAX_CLIENT_NAME);

      return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, message);
    }

  client = json_object_new ();
  json_object_set_int_member (client, "id", self->next_id++);
  json_object_set_int_member (client, "wid", workspace_id);
  json_object_set_string_member (client, "name", trimmed);
  json_object_set_boolean_member (client, "archived", FALSE);
  json_object_set_int_member (client, "creator_id", ex->user_id);
  if (fake_track_has_value (body, "notes"))
    json_object_set_string_member (client, "notes", json_object_get_string_member (body, "notes"));
  fake_track_touch (self, client);

  g_ptr_array_add (self->clients, json_object_ref (client));
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), client));
  ex->applied = TRUE;
}

/* --- tasks --------------------------------------------------------------- */

/* `active`: "true", "false" or "both"; the fake's default is "true". */
static gboolean
read_active_filter (FakeExchange *ex,
                    const char   *name,
                    gboolean     *want_active,
                    gboolean     *want_done)
{
  const char *active = query_value (ex, name);

  *want_active = active == NULL || !g_str_equal (active, "false");
  *want_done = active != NULL && (g_str_equal (active, "false") || g_str_equal (active, "both"));
  if (active != NULL && !g_str_equal (active, "true") && !g_str_equal (active, "false") &&
      !g_str_equal (active, "both"))
    {
      fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Invalid active");
      return FALSE;
    }
  return TRUE;
}

static JsonArray *
tasks_where (FakeToggl  *self,
             JsonObject *user,
             gint64      workspace_id,
             gint64      project_id,
             gboolean    want_active,
             gboolean    want_done)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->tasks->len; i++)
    {
      JsonObject *task = g_ptr_array_index (self->tasks, i);
      gint64 wid = json_object_get_int_member_with_default (task, "workspace_id", 0);
      gboolean active = json_object_get_boolean_member_with_default (task, "active", TRUE);

      if (workspace_id != 0 ? wid != workspace_id : !fake_track_user_in_workspace (user, wid))
        continue;
      if (project_id != 0 && json_object_get_int_member_with_default (task, "project_id", 0) != project_id)
        continue;
      if (active ? !want_active : !want_done)
        continue;
      json_array_add_object_element (array, json_object_ref (task));
    }
  return array;
}

/* task.Response: one page of the workspace's tasks. */
static void
list_workspace_tasks (FakeToggl    *self,
                      FakeExchange *ex,
                      gint64        workspace_id)
{
  const char *pid_text = query_value (ex, "pid");
  const char *page_text = query_value (ex, "page");
  const char *per_page_text = query_value (ex, "per_page");
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(JsonArray) data = json_array_new ();
  g_autoptr(JsonObject) reply = json_object_new ();
  gboolean want_active, want_done;
  gint64 pid = 0, page = 1, per_page = 50;

  if (!check_tasks_plan (ex) || !read_active_filter (ex, "active", &want_active, &want_done))
    return;
  if ((pid_text != NULL && !g_ascii_string_to_signed (pid_text, 10, 1, G_MAXINT64, &pid, NULL)) ||
      (page_text != NULL && !g_ascii_string_to_signed (page_text, 10, 1, G_MAXINT32, &page, NULL)) ||
      (per_page_text != NULL && !g_ascii_string_to_signed (per_page_text, 10, 1, 200, &per_page, NULL)))
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Invalid query");

  all = tasks_where (self, ex->user, workspace_id, pid, want_active, want_done);
  for (gint64 i = (page - 1) * per_page; i < page * per_page && i < json_array_get_length (all); i++)
    json_array_add_element (data, json_node_copy (json_array_get_element (all, i)));

  json_object_set_array_member (reply, "data", json_array_ref (data));
  json_object_set_int_member (reply, "page", page);
  json_object_set_int_member (reply, "per_page", per_page);
  json_object_set_string_member (reply, "sort_field", "name");
  json_object_set_string_member (reply, "sort_order", "ASC");
  json_object_set_int_member (reply, "total_count", json_array_get_length (all));
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), reply));
}

static void
list_project_tasks (FakeToggl    *self,
                    FakeExchange *ex,
                    gint64        workspace_id,
                    const char   *pid_text)
{
  JsonObject *project;
  gboolean want_active, want_done;
  gint64 pid;

  if (!check_tasks_plan (ex) || !read_active_filter (ex, "active", &want_active, &want_done))
    return;
  if (!g_ascii_string_to_signed (pid_text, 10, 1, G_MAXINT64, &pid, NULL) ||
      (project = fake_toggl_find (self->projects, pid)) == NULL ||
      json_object_get_int_member (project, "workspace_id") != workspace_id)
    return fake_exchange_error (ex, SOUP_STATUS_BAD_REQUEST, "Invalid project_id");

  fake_exchange_reply (ex, SOUP_STATUS_OK,
                       take_array (tasks_where (self, ex->user, workspace_id, pid, want_active, want_done)));
}

/* --- routing ------------------------------------------------------------- */

/* /workspaces/{wid}/clients, /workspaces/{wid}/tasks and
 * /workspaces/{wid}/projects/{pid}/tasks; FALSE when @parts is none of them. */
gboolean
fake_track_clients_handle_workspace (FakeToggl    *self,
                                     FakeExchange *ex,
                                     char        **parts,
                                     guint         n,
                                     gint64        workspace_id)
{
  const char *m = ex->method;

  if (n == 3 && g_str_equal (parts[2], "clients") && g_str_equal (m, "GET"))
    list_clients (self, ex, workspace_id);
  else if (n == 3 && g_str_equal (parts[2], "clients") && g_str_equal (m, "POST"))
    create_client (self, ex, workspace_id);
  else if (n == 3 && g_str_equal (parts[2], "tasks") && g_str_equal (m, "GET"))
    list_workspace_tasks (self, ex, workspace_id);
  else if (n == 5 && g_str_equal (parts[2], "projects") && g_str_equal (parts[4], "tasks") &&
           g_str_equal (m, "GET"))
    list_project_tasks (self, ex, workspace_id, parts[3]);
  else
    return FALSE;
  return TRUE;
}

/* /me/clients and /me/tasks; FALSE when @parts is neither. */
gboolean
fake_track_clients_handle_me (FakeToggl    *self,
                              FakeExchange *ex,
                              char        **parts,
                              guint         n)
{
  if (n != 2 || !g_str_equal (ex->method, "GET"))
    return FALSE;

  if (g_str_equal (parts[1], "clients"))
    {
      fake_exchange_reply (ex, SOUP_STATUS_OK, take_array (in_users_workspaces (self->clients, "wid", ex->user)));
      return TRUE;
    }

  if (g_str_equal (parts[1], "tasks"))
    {
      const char *done = query_value (ex, "include_not_active");

      if (check_tasks_plan (ex))
        fake_exchange_reply (ex, SOUP_STATUS_OK,
                             take_array (tasks_where (self, ex->user, 0, 0, TRUE, g_strcmp0 (done, "true") == 0)));
      return TRUE;
    }

  return FALSE;
}

/* --- for tests in the same process --------------------------------------- */

/**
 * fake_toggl_set_tasks_plan:
 * @has_tasks: %FALSE for a plan without tasks: the task endpoints answer 402
 *   (without quota headers) and `/me` lists no tasks
 *
 * The same as `"tasks_plan"` on the user in the fixture (default %TRUE).
 */
void
fake_toggl_set_tasks_plan (FakeToggl *self,
                           gint64     user_id,
                           gboolean   has_tasks)
{
  JsonObject *user;

  g_return_if_fail (FAKE_IS_TOGGL (self));
  user = fake_toggl_find (self->users, user_id);
  g_return_if_fail (user != NULL);

  json_object_set_boolean_member (user, "tasks_plan", !!has_tasks);
}
