/* stint-track-account-codec.c: Toggl Track v9 users, workspaces, projects,
 * tags, clients and tasks to and from Stint's models
 *
 * The same hand-written, field-by-field reading as the time entries in
 * stint-track-codec.c (against the swagger's Project, Tag, Workspace,
 * models.Client, models.Task and UserWithRelated), with the same readers from
 * stint-track-codec-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-track-account-codec"

#include "config.h"

#include <string.h>

#include "stint-json.h"
#include "stint-track-codec.h"
#include "stint-track-codec-private.h"

void
stint_track_workspace_free (StintTrackWorkspace *workspace)
{
  if (workspace == NULL)
    return;
  g_free (workspace->name);
  g_free (workspace);
}

void
stint_track_account_free (StintTrackAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->email);
  g_free (account->fullname);
  g_free (account->timezone);
  if (account->api_token != NULL)
    explicit_bzero (account->api_token, strlen (account->api_token));
  g_free (account->api_token);
  g_clear_pointer (&account->workspaces, g_ptr_array_unref);
  g_clear_pointer (&account->projects, g_ptr_array_unref);
  g_clear_pointer (&account->tags, g_ptr_array_unref);
  g_clear_pointer (&account->entries, g_ptr_array_unref);
  g_clear_pointer (&account->clients, g_ptr_array_unref);
  g_clear_pointer (&account->tasks, g_ptr_array_unref);
  g_free (account);
}

/**
 * stint_track_codec_parse_project:
 * @deleted: (out) (optional): set for `server_deleted_at` or status "deleted"
 *
 * Returns: (transfer full) (nullable): the project, local id 0, server id set.
 */
StintProject *
stint_track_codec_parse_project (JsonNode  *node,
                                 gboolean  *deleted,
                                 GError   **error)
{
  g_autoptr(StintProject) project = NULL;
  JsonObject *object;
  const char *name = NULL;
  const char *color = NULL;
  const char *status = NULL;
  gint64 id, workspace_id, client_id;
  gboolean active = TRUE;
  gboolean is_deleted = FALSE;

  if ((object = stint_track_expect_object (node, "project", error)) == NULL ||
      !stint_track_read_required_id (object, "id", NULL, &id, "project", error) ||
      !stint_track_read_required_id (object, "workspace_id", "wid", &workspace_id, "project", error) ||
      !stint_track_read_optional_id (object, "client_id", "cid", &client_id, "project", error) ||
      !stint_track_read_deleted (object, "server_deleted_at", &is_deleted, "project", error))
    return NULL;

  if (stint_json_read_string (object, "name", &name) != STINT_JSON_VALUE)
    return stint_track_unreadable (error, "project", "name"), NULL;
  if (stint_json_read_string (object, "color", &color) == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "project", "color"), NULL;
  if (stint_json_read_bool (object, "active", &active) == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "project", "active"), NULL;
  if (stint_json_read_string (object, "status", &status) == STINT_JSON_VALUE &&
      g_str_equal (status, "deleted"))
    is_deleted = TRUE;

  project = stint_project_new (0, name, color);
  stint_project_set_server_id (project, id);
  stint_project_set_workspace_id (project, workspace_id);
  stint_project_set_active (project, active);
  stint_project_set_customer_id (project, client_id);

  if (deleted != NULL)
    *deleted = is_deleted;

  return g_steal_pointer (&project);
}

/* Deleted projects are left out of lists. */
GPtrArray *
stint_track_codec_parse_projects (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(GPtrArray) projects = NULL;
  JsonArray *array;
  guint n;

  if ((array = stint_track_expect_array (node, "projects", error)) == NULL)
    return NULL;

  n = json_array_get_length (array);
  projects = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      gboolean deleted = FALSE;
      StintProject *project = stint_track_codec_parse_project (json_array_get_element (array, i),
                                                               &deleted, error);

      if (project == NULL)
        return NULL;
      if (deleted)
        g_object_unref (project);
      else
        g_ptr_array_add (projects, project);
    }

  return g_steal_pointer (&projects);
}

/* project.Payload for `POST /workspaces/{workspace_id}/projects`. */
JsonNode *
stint_track_codec_build_project (const char *name,
                                 const char *color)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, TRUE);
  if (color != NULL)
    {
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, color);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

StintTag *
stint_track_codec_parse_tag (JsonNode  *node,
                             gboolean  *deleted,
                             GError   **error)
{
  g_autoptr(StintTag) tag = NULL;
  JsonObject *object;
  const char *name = NULL;
  gint64 id, workspace_id;
  gboolean is_deleted = FALSE;

  if ((object = stint_track_expect_object (node, "tag", error)) == NULL ||
      !stint_track_read_required_id (object, "id", NULL, &id, "tag", error) ||
      !stint_track_read_required_id (object, "workspace_id", "wid", &workspace_id, "tag", error) ||
      !stint_track_read_deleted (object, "deleted_at", &is_deleted, "tag", error))
    return NULL;

  if (stint_json_read_string (object, "name", &name) != STINT_JSON_VALUE)
    return stint_track_unreadable (error, "tag", "name"), NULL;

  tag = stint_tag_new (0, name);
  stint_tag_set_server_id (tag, id);
  stint_tag_set_workspace_id (tag, workspace_id);

  if (deleted != NULL)
    *deleted = is_deleted;

  return g_steal_pointer (&tag);
}

/* An array of tags, or one tag: the spec says `POST …/tags` answers an array,
 * other sources a single object (README 6.4); both are read. */
GPtrArray *
stint_track_codec_parse_tags (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;
  guint n;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      StintTag *tag = stint_track_codec_parse_tag (node, NULL, error);

      if (tag == NULL)
        return NULL;
      g_ptr_array_add (tags, tag);
      return g_steal_pointer (&tags);
    }

  if ((array = stint_track_expect_array (node, "tags", error)) == NULL)
    return NULL;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      gboolean deleted = FALSE;
      StintTag *tag = stint_track_codec_parse_tag (json_array_get_element (array, i), &deleted, error);

      if (tag == NULL)
        return NULL;
      if (deleted)
        g_object_unref (tag);
      else
        g_ptr_array_add (tags, tag);
    }

  return g_steal_pointer (&tags);
}

/* tags.payload for `POST /workspaces/{workspace_id}/tags`. */
JsonNode *
stint_track_codec_build_tag (const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* --- clients and tasks ---------------------------------------------------- */

typedef gpointer (*ParseOne) (JsonNode *node, gboolean *deleted, GError **error);

/* The live members of an array, each read by @parse; deleted ones (which
 * `since` queries return) are left out. */
static GPtrArray *
parse_live_list (JsonNode    *node,
                 const char  *what,
                 ParseOne     parse,
                 GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  JsonArray *array;
  guint n;

  if ((array = stint_track_expect_array (node, what, error)) == NULL)
    return NULL;

  n = json_array_get_length (array);
  list = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      gboolean deleted = FALSE;
      gpointer item = parse (json_array_get_element (array, i), &deleted, error);

      if (item == NULL)
        return NULL;
      if (deleted)
        g_object_unref (item);
      else
        g_ptr_array_add (list, item);
    }

  return g_steal_pointer (&list);
}

/**
 * stint_track_codec_parse_client:
 * @node: a models.Client
 * @deleted: (out) (optional): set for `server_deleted_at` (not in the spec's
 *   Client, but sent on `/me/clients?since=` as on projects)
 *
 * Toggl's clients are Stint's customers. The spec names the workspace `wid`
 * only; `workspace_id` is read too, as other objects use it.
 *
 * Returns: (transfer full) (nullable): the customer, local id 0, server id set.
 */
StintCustomer *
stint_track_codec_parse_client (JsonNode  *node,
                                gboolean  *deleted,
                                GError   **error)
{
  g_autoptr(StintCustomer) customer = NULL;
  JsonObject *object;
  const char *name = NULL;
  gint64 id, workspace_id;
  gboolean archived = FALSE;
  gboolean is_deleted = FALSE;

  if ((object = stint_track_expect_object (node, "client", error)) == NULL ||
      !stint_track_read_required_id (object, "id", NULL, &id, "client", error) ||
      !stint_track_read_required_id (object, "wid", "workspace_id", &workspace_id, "client", error) ||
      !stint_track_read_deleted (object, "server_deleted_at", &is_deleted, "client", error))
    return NULL;

  if (stint_json_read_string (object, "name", &name) != STINT_JSON_VALUE)
    return stint_track_unreadable (error, "client", "name"), NULL;
  if (stint_json_read_bool (object, "archived", &archived) == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "client", "archived"), NULL;

  customer = stint_customer_new (0, name);
  stint_customer_set_server_id (customer, id);
  stint_customer_set_workspace_id (customer, workspace_id);
  stint_customer_set_archived (customer, archived);

  if (deleted != NULL)
    *deleted = is_deleted;

  return g_steal_pointer (&customer);
}

static gpointer
parse_client_item (JsonNode  *node,
                   gboolean  *deleted,
                   GError   **error)
{
  return stint_track_codec_parse_client (node, deleted, error);
}

/* An array of models.Client (`/me` related data, `GET …/clients`). Archived
 * clients are kept, deleted ones left out. */
GPtrArray *
stint_track_codec_parse_clients (JsonNode  *node,
                                 GError   **error)
{
  return parse_live_list (node, "clients", parse_client_item, error);
}

/* client.Payload for `POST /workspaces/{workspace_id}/clients`. */
JsonNode *
stint_track_codec_build_client (const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * stint_track_codec_parse_task:
 * @node: a models.Task
 * @deleted: (out) (optional): set for `server_deleted_at` (as for clients)
 *
 * `tracked_seconds` is not read: the spec says it holds milliseconds.
 *
 * Returns: (transfer full) (nullable): the task, local id 0, server ids set.
 */
StintTask *
stint_track_codec_parse_task (JsonNode  *node,
                              gboolean  *deleted,
                              GError   **error)
{
  g_autoptr(StintTask) task = NULL;
  JsonObject *object;
  const char *name = NULL;
  gint64 id, workspace_id, project_id;
  gint64 estimate = 0;
  gboolean active = TRUE;
  gboolean is_deleted = FALSE;

  if ((object = stint_track_expect_object (node, "task", error)) == NULL ||
      !stint_track_read_required_id (object, "id", NULL, &id, "task", error) ||
      !stint_track_read_required_id (object, "workspace_id", "wid", &workspace_id, "task", error) ||
      !stint_track_read_required_id (object, "project_id", "pid", &project_id, "task", error) ||
      !stint_track_read_deleted (object, "server_deleted_at", &is_deleted, "task", error))
    return NULL;

  if (stint_json_read_string (object, "name", &name) != STINT_JSON_VALUE)
    return stint_track_unreadable (error, "task", "name"), NULL;
  if (stint_json_read_bool (object, "active", &active) == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "task", "active"), NULL;
  /* Nullable: no estimate. */
  switch (stint_json_read_int (object, "estimated_seconds", &estimate))
    {
    case STINT_JSON_VALUE:
      if (estimate < 0)
        return stint_track_unreadable (error, "task", "estimated_seconds"), NULL;
      break;
    case STINT_JSON_MISSING:
    case STINT_JSON_NULL:
      estimate = 0;
      break;
    case STINT_JSON_WRONG_TYPE:
    default:
      return stint_track_unreadable (error, "task", "estimated_seconds"), NULL;
    }

  task = stint_task_new (0, name);
  stint_task_set_server_id (task, id);
  stint_task_set_workspace_id (task, workspace_id);
  stint_task_set_project_id (task, project_id);
  stint_task_set_active (task, active);
  stint_task_set_estimated_seconds (task, estimate);

  if (deleted != NULL)
    *deleted = is_deleted;

  return g_steal_pointer (&task);
}

static gpointer
parse_task_item (JsonNode  *node,
                 gboolean  *deleted,
                 GError   **error)
{
  return stint_track_codec_parse_task (node, deleted, error);
}

/* An array of models.Task (`/me` related data, `/me/tasks`, a project's
 * tasks), or the task.Response page of `GET /workspaces/{wid}/tasks`, whose
 * tasks are in `data`. Done tasks are kept, deleted ones left out. */
GPtrArray *
stint_track_codec_parse_tasks (JsonNode  *node,
                               GError   **error)
{
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      node = json_object_get_member (json_node_get_object (node), "data");
      /* A page past the end: no tasks. */
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        return g_ptr_array_new_with_free_func (g_object_unref);
    }

  return parse_live_list (node, "tasks", parse_task_item, error);
}

/* Billable time is a Starter feature ("Billable rates are available for
 * Starter and higher plans"): `premium` is the Starter flag, `business_ws`
 * the Premium one. A reply with neither leaves it to the server. */
static gboolean
read_billable (JsonObject  *object,
               gboolean    *billable,
               GError     **error)
{
  StintJsonPresence premium_read, business_read;
  gboolean premium = FALSE, business = FALSE;

  premium_read = stint_json_read_bool (object, "premium", &premium);
  business_read = stint_json_read_bool (object, "business_ws", &business);
  if (premium_read == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "workspace", "premium"), FALSE;
  if (business_read == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "workspace", "business_ws"), FALSE;

  *billable = premium || business ||
              (premium_read != STINT_JSON_VALUE && business_read != STINT_JSON_VALUE);
  return TRUE;
}

GPtrArray *
stint_track_codec_parse_workspaces (JsonNode  *node,
                                    GError   **error)
{
  g_autoptr(GPtrArray) workspaces = NULL;
  JsonArray *array;
  guint n;

  if ((array = stint_track_expect_array (node, "workspaces", error)) == NULL)
    return NULL;

  n = json_array_get_length (array);
  workspaces = g_ptr_array_new_full (n, (GDestroyNotify)stint_track_workspace_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StintTrackWorkspace) workspace = g_new0 (StintTrackWorkspace, 1);
      JsonObject *object;
      const char *name = NULL;

      if ((object = stint_track_expect_object (json_array_get_element (array, i), "workspace", error)) == NULL ||
          !stint_track_read_required_id (object, "id", NULL, &workspace->id, "workspace", error) ||
          !stint_track_read_optional_id (object, "organization_id", NULL,
                                            &workspace->organization_id, "workspace", error))
        return NULL;
      if (stint_json_read_string (object, "name", &name) != STINT_JSON_VALUE)
        return stint_track_unreadable (error, "workspace", "name"), NULL;
      if (!read_billable (object, &workspace->billable, error))
        return NULL;

      workspace->name = g_strdup (name);
      g_ptr_array_add (workspaces, g_steal_pointer (&workspace));
    }

  return g_steal_pointer (&workspaces);
}

/* A related list of `/me`: null or absent means none. */
static gboolean
parse_related (JsonObject  *object,
               const char  *member,
               GPtrArray  *(*parse) (JsonNode *, GError **),
               GPtrArray  **out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(JsonNode) empty = NULL;

  /* Parsed as [], so the array frees its elements like a parsed one. */
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      node = empty = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (empty, json_array_new ());
    }

  *out = parse (node, error);
  return *out != NULL;
}

static GPtrArray *
parse_entries_live (JsonNode  *node,
                    GError   **error)
{
  GPtrArray *entries = NULL;

  return stint_track_codec_parse_entries (node, &entries, NULL, error) ? entries : NULL;
}

/**
 * stint_track_codec_parse_me:
 * @node: the related.UserWithRelated object of `GET /me` (related lists optional)
 */
StintTrackAccount *
stint_track_codec_parse_me (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(StintTrackAccount) account = g_new0 (StintTrackAccount, 1);
  JsonObject *object;
  const char *s;

  if ((object = stint_track_expect_object (node, "user", error)) == NULL ||
      !stint_track_read_required_id (object, "id", NULL, &account->user_id, "user", error) ||
      !stint_track_read_optional_id (object, "default_workspace_id", NULL,
                                        &account->default_workspace_id, "user", error))
    return NULL;

  if (stint_json_read_string (object, "email", &s) == STINT_JSON_VALUE)
    account->email = g_strdup (s);
  if (stint_json_read_string (object, "fullname", &s) == STINT_JSON_VALUE)
    account->fullname = g_strdup (s);
  if (stint_json_read_string (object, "timezone", &s) == STINT_JSON_VALUE)
    account->timezone = g_strdup (s);
  if (stint_json_read_string (object, "api_token", &s) == STINT_JSON_VALUE && s[0] != '\0')
    account->api_token = g_strdup (s);

  if (!parse_related (object, "workspaces", stint_track_codec_parse_workspaces, &account->workspaces, error) ||
      !parse_related (object, "projects", stint_track_codec_parse_projects, &account->projects, error) ||
      !parse_related (object, "tags", stint_track_codec_parse_tags, &account->tags, error) ||
      !parse_related (object, "time_entries", parse_entries_live, &account->entries, error) ||
      !parse_related (object, "clients", stint_track_codec_parse_clients, &account->clients, error) ||
      !parse_related (object, "tasks", stint_track_codec_parse_tasks, &account->tasks, error))
    return NULL;

  return g_steal_pointer (&account);
}
