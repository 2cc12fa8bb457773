/* stint-focus-account-codec.c: Toggl Focus settings, projects, tags and
 * clients to and from Stint's models
 *
 * None of these are in the seed pages; the shapes are what third-party
 * clients saw live (shared/api/README.md §3.4, §3.5). The readers take only
 * what Stint uses and accept a list either bare or wrapped in `{data: […]}`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-focus-codec"

#include "config.h"

#include "stint-focus-codec.h"
#include "stint-json.h"
#include "stint-track-codec-private.h"

/* A list reply's records, bare or paged; @total and @n_items as found. */
static JsonArray *
list_records (JsonNode    *node,
              const char  *what,
              gint64      *total,
              GError     **error)
{
  JsonObject *object;
  JsonNode *data;

  if (total != NULL)
    *total = -1;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);
  if ((object = stint_track_expect_object (node, what, error)) == NULL)
    return NULL;

  data = json_object_get_member (object, "data");
  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    return stint_track_unreadable (error, what, "data"), NULL;
  if (total != NULL && stint_json_read_int (object, "total", total) != STINT_JSON_VALUE)
    *total = -1;

  return json_node_get_array (data);
}

/**
 * stint_focus_codec_parse_settings:
 * @node: the reply of `GET /users/me/settings`
 *
 * The settings have no documented user id; one is read if the reply has
 * `user_id` or `toggl_user_id`.
 */
gboolean
stint_focus_codec_parse_settings (JsonNode            *node,
                                  StintFocusSettings  *settings,
                                  GError             **error)
{
  JsonObject *object;

  g_return_val_if_fail (settings != NULL, FALSE);

  *settings = (StintFocusSettings) { 0 };
  if ((object = stint_track_expect_object (node, "Focus settings", error)) == NULL ||
      !stint_track_read_optional_id (object, "current_workspace_id", NULL, &settings->current_workspace_id,
                                     "Focus settings", error) ||
      !stint_track_read_optional_id (object, "user_id", "toggl_user_id", &settings->user_id,
                                     "Focus settings", error))
    return FALSE;

  return TRUE;
}

/**
 * stint_focus_codec_parse_project:
 *
 * `active` is meaningless in Focus (false for live projects, README §3.5):
 * a project is active until archived.
 *
 * Returns: (transfer full) (nullable): the project, local id 0, server id
 *   set, workspace id as sent (0 when not).
 */
StintProject *
stint_focus_codec_parse_project (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(StintProject) project = NULL;
  JsonObject *object;
  const char *name = NULL;
  const char *color = NULL;
  JsonNode *client;
  gint64 id, workspace_id, client_id, archived_at = 0;

  if ((object = stint_track_expect_object (node, "Focus project", error)) == NULL ||
      !stint_track_read_required_id (object, "id", NULL, &id, "Focus project", error) ||
      !stint_track_read_optional_id (object, "workspace_id", NULL, &workspace_id, "Focus project", error) ||
      !stint_track_read_optional_id (object, "client_id", NULL, &client_id, "Focus project", error) ||
      !stint_track_read_optional_time (object, "archived_at", &archived_at, "Focus project", error))
    return NULL;

  /* The client may come only embedded, `client: {id, name}`. */
  client = json_object_get_member (object, "client");
  if (client_id == 0 && client != NULL && JSON_NODE_HOLDS_OBJECT (client) &&
      !stint_track_read_optional_id (json_node_get_object (client), "id", NULL, &client_id, "Focus project", error))
    return NULL;

  if (stint_json_read_string (object, "name", &name) != STINT_JSON_VALUE)
    return stint_track_unreadable (error, "Focus project", "name"), NULL;
  if (stint_json_read_string (object, "color", &color) == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "Focus project", "color"), NULL;

  project = stint_project_new (0, name, color);
  stint_project_set_server_id (project, id);
  stint_project_set_workspace_id (project, workspace_id);
  stint_project_set_active (project, archived_at == 0);
  stint_project_set_customer_id (project, client_id);

  return g_steal_pointer (&project);
}

/**
 * stint_focus_codec_parse_projects:
 * @node: a page of `GET ~/projects`: `{data, page, per_page, total}`
 * @total: (out) (optional): the total the page says, -1 when it does not
 * @n_items: (out) (optional): how many records the page held
 *
 * Returns: (transfer full) (nullable) (element-type StintProject): the projects
 */
GPtrArray *
stint_focus_codec_parse_projects (JsonNode  *node,
                                  gint64    *total,
                                  guint     *n_items,
                                  GError   **error)
{
  g_autoptr(GPtrArray) projects = NULL;
  JsonArray *array;
  guint n;

  if ((array = list_records (node, "Focus projects", total, error)) == NULL)
    return NULL;

  n = json_array_get_length (array);
  if (n_items != NULL)
    *n_items = n;
  projects = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      StintProject *project = stint_focus_codec_parse_project (json_array_get_element (array, i), error);

      if (project == NULL)
        return NULL;
      g_ptr_array_add (projects, project);
    }

  return g_steal_pointer (&projects);
}

static JsonNode *
named_body (const char *name,
            const char *color)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  if (color != NULL)
    {
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, color);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The body of `POST ~/projects`; no color lets Focus choose. */
JsonNode *
stint_focus_codec_build_project (const char *name,
                                 const char *color)
{
  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);

  return named_body (name, color);
}

/**
 * stint_focus_codec_parse_tag:
 * @node: a Focus tag `{id, name, color}`
 *
 * Returns: (transfer full) (nullable): the tag, local id 0, server id set
 */
StintTag *
stint_focus_codec_parse_tag (JsonNode  *node,
                             GError   **error)
{
  StintTag *tag;
  JsonObject *object;
  const char *name = NULL;
  gint64 id, workspace_id;

  if ((object = stint_track_expect_object (node, "Focus tag", error)) == NULL ||
      !stint_track_read_required_id (object, "id", NULL, &id, "Focus tag", error) ||
      !stint_track_read_optional_id (object, "workspace_id", NULL, &workspace_id, "Focus tag", error))
    return NULL;
  if (stint_json_read_string (object, "name", &name) != STINT_JSON_VALUE || name[0] == '\0')
    return stint_track_unreadable (error, "Focus tag", "name"), NULL;

  tag = stint_tag_new (0, name);
  stint_tag_set_server_id (tag, id);
  stint_tag_set_workspace_id (tag, workspace_id);

  return tag;
}

/**
 * stint_focus_codec_parse_tags:
 * @node: the reply of `GET /workspaces/{ws}/tags`, bare or wrapped in `data`
 *
 * Returns: (transfer full) (nullable) (element-type StintTag): the tags
 */
GPtrArray *
stint_focus_codec_parse_tags (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(GPtrArray) tags = NULL;
  JsonArray *array;
  guint n;

  if ((array = list_records (node, "Focus tags", NULL, error)) == NULL)
    return NULL;

  n = json_array_get_length (array);
  tags = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      StintTag *tag = stint_focus_codec_parse_tag (json_array_get_element (array, i), error);

      if (tag == NULL)
        return NULL;
      g_ptr_array_add (tags, tag);
    }

  return g_steal_pointer (&tags);
}

/* The body of `POST /workspaces/{ws}/tags`. */
JsonNode *
stint_focus_codec_build_tag (const char *name)
{
  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);

  return named_body (name, NULL);
}

/**
 * stint_focus_codec_parse_client:
 * @node: a Focus client `{id, name}`; archived by `archived` or `archived_at`
 *
 * Focus's clients are Stint's customers.
 *
 * Returns: (transfer full) (nullable): the customer, local id 0, server id set
 */
StintCustomer *
stint_focus_codec_parse_client (JsonNode  *node,
                                GError   **error)
{
  StintCustomer *customer;
  JsonObject *object;
  const char *name = NULL;
  gint64 id, workspace_id, archived_at = 0;
  gboolean archived = FALSE;

  if ((object = stint_track_expect_object (node, "Focus client", error)) == NULL ||
      !stint_track_read_required_id (object, "id", NULL, &id, "Focus client", error) ||
      !stint_track_read_optional_id (object, "workspace_id", NULL, &workspace_id, "Focus client", error) ||
      !stint_track_read_optional_time (object, "archived_at", &archived_at, "Focus client", error))
    return NULL;
  if (stint_json_read_string (object, "name", &name) != STINT_JSON_VALUE)
    return stint_track_unreadable (error, "Focus client", "name"), NULL;
  if (stint_json_read_bool (object, "archived", &archived) == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "Focus client", "archived"), NULL;

  customer = stint_customer_new (0, name);
  stint_customer_set_server_id (customer, id);
  stint_customer_set_workspace_id (customer, workspace_id);
  stint_customer_set_archived (customer, archived || archived_at != 0);

  return customer;
}

/**
 * stint_focus_codec_parse_clients:
 * @node: the reply of `GET /workspaces/{ws}/clients`, bare or wrapped in `data`
 *
 * Returns: (transfer full) (nullable) (element-type StintCustomer): the clients
 */
GPtrArray *
stint_focus_codec_parse_clients (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(GPtrArray) customers = NULL;
  JsonArray *array;
  guint n;

  if ((array = list_records (node, "Focus clients", NULL, error)) == NULL)
    return NULL;

  n = json_array_get_length (array);
  customers = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      StintCustomer *customer = stint_focus_codec_parse_client (json_array_get_element (array, i), error);

      if (customer == NULL)
        return NULL;
      g_ptr_array_add (customers, customer);
    }

  return g_steal_pointer (&customers);
}

/* The body of `POST /workspaces/{ws}/clients`. */
JsonNode *
stint_focus_codec_build_client (const char *name)
{
  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);

  return named_body (name, NULL);
}
