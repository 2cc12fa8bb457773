/* test-track-codec.c: Track v9 JSON ↔ models, checked against the official spec
 *
 * tests/data/track-v9-schemas.json holds the schema objects Stint reads and
 * writes, copied from the v9 swagger. Bodies Stint sends must use only names
 * the spec's payloads have, with the spec's types; replies built from the
 * spec's response schemas must parse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "api/stint-api-error.h"
#include "api/stint-json.h"
#include "api/stint-track-codec.h"

#define TE_PAYLOAD "timeentry.Payload"
#define TE_MODEL "github_com_toggl_toggl_api_internal_models.TimeEntry"
#define PROJECT_PAYLOAD "project.Payload"
#define PROJECT_MODEL "github_com_toggl_toggl_api_internal_models.Project"
#define TAG_PAYLOAD "tags.payload"
#define TAG_MODEL "models.Tag"
#define CLIENT_PAYLOAD "client.Payload"
#define CLIENT_MODEL "models.Client"
#define TASK_MODEL "models.Task"
#define TASK_PAGE "task.Response"

/* 2025-03-03T09:00:00Z */
#define NINE G_GINT64_CONSTANT (1740992400)

static JsonParser *schemas;

static JsonObject *
schema_properties (const char *name)
{
  JsonObject *root = json_node_get_object (json_parser_get_root (schemas));
  JsonObject *definitions = json_object_get_object_member (root, "definitions");
  JsonObject *schema = json_object_get_object_member (definitions, name);

  g_assert_nonnull (schema);
  return json_object_get_object_member (schema, "properties");
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static gboolean
node_has_swagger_type (JsonNode   *node,
                       const char *type)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE; /* optional members may be sent as null to clear them */
  if (g_str_equal (type, "integer"))
    return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
  if (g_str_equal (type, "string"))
    return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
  if (g_str_equal (type, "boolean"))
    return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
  if (g_str_equal (type, "array"))
    return JSON_NODE_HOLDS_ARRAY (node);
  return FALSE;
}

/* Every member of @body is a property of the payload schema, with its type
 * (and for arrays, its item type). */
static void
assert_matches_payload (JsonNode   *body,
                        const char *schema)
{
  JsonObject *properties = schema_properties (schema);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (body));
  json_object_iter_init (&iter, json_node_get_object (body));
  while (json_object_iter_next (&iter, &name, &value))
    {
      JsonObject *property;
      const char *type;

      if (!json_object_has_member (properties, name))
        g_error ("%s has no member “%s”", schema, name);
      property = json_object_get_object_member (properties, name);
      type = json_object_get_string_member (property, "type");
      if (!node_has_swagger_type (value, type))
        g_error ("%s.%s should be %s", schema, name, type);

      if (g_str_equal (type, "array"))
        {
          const char *item_type = json_object_get_string_member (json_object_get_object_member (property, "items"), "type");
          JsonArray *array = json_node_get_array (value);

          for (guint i = 0; i < json_array_get_length (array); i++)
            g_assert_true (node_has_swagger_type (json_array_get_element (array, i), item_type));
        }
    }
}

/* A reply built from the response schema: every property, with a value of its
 * type, then the given members set over them. */
static JsonNode *
reply_from_schema (const char *schema,
                   const char *overrides)
{
  JsonObject *properties = schema_properties (schema);
  g_autoptr(JsonNode) over = parse (overrides);
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, properties);
  while (json_object_iter_next (&iter, &name, &value))
    {
      const char *type = json_object_get_string_member_with_default (json_node_get_object (value), "type", "object");

      if (g_str_equal (type, "integer"))
        json_object_set_int_member (reply, name, 17);
      else if (g_str_equal (type, "number"))
        json_object_set_double_member (reply, name, 1.5);
      else if (g_str_equal (type, "boolean"))
        json_object_set_boolean_member (reply, name, TRUE);
      else if (g_str_equal (type, "string"))
        json_object_set_string_member (reply, name, "2025-03-03T09:00:00Z");
      else if (g_str_equal (type, "array"))
        json_object_set_array_member (reply, name, json_array_new ());
      else
        json_object_set_object_member (reply, name, json_object_new ());
    }

  json_object_iter_init (&iter, json_node_get_object (over));
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (reply, name, json_node_copy (value));

  return json_node_init_object (json_node_alloc (), reply);
}

static StintEntry *
parse_entry_ok (const char *json,
                gboolean   *deleted)
{
  g_autoptr(JsonNode) node = parse (json);
  g_autoptr(GError) error = NULL;
  StintEntry *entry = stint_track_codec_parse_entry (node, deleted, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entry);
  return entry;
}

static void
test_entry_from_spec (void)
{
  g_autoptr(JsonNode) node = reply_from_schema (TE_MODEL,
    "{\"id\": 9007199254740993, \"workspace_id\": 5001, \"project_id\": 7001, \"task_id\": null,"
    " \"description\": \"Bernoulli\", \"start\": \"2025-03-03T11:00:00+02:00\","
    " \"stop\": \"2025-03-03T10:30:00.654321Z\", \"duration\": 5400, \"billable\": true,"
    " \"tags\": [\"maths\", \"notes\"], \"at\": \"2025-03-03T10:30:05Z\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = NULL;
  const char * const *tags;
  gboolean deleted = TRUE;

  entry = stint_track_codec_parse_entry (node, &deleted, &error);
  g_assert_no_error (error);
  g_assert_false (deleted);
  /* Above 2^53: an id that a double would have rounded. */
  g_assert_cmpint (stint_entry_get_server_id (entry), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpint (stint_entry_get_id (entry), ==, 0);
  g_assert_cmpint (stint_entry_get_workspace_id (entry), ==, 5001);
  g_assert_cmpint (stint_entry_get_project_id (entry), ==, 7001);
  g_assert_cmpint (stint_entry_get_task_id (entry), ==, 0);
  g_assert_cmpstr (stint_entry_get_description (entry), ==, "Bernoulli");
  g_assert_cmpint (stint_entry_get_start (entry), ==, NINE);
  g_assert_cmpint (stint_entry_get_stop (entry), ==, NINE + 5400);
  g_assert_false (stint_entry_is_running (entry));
  g_assert_true (stint_entry_get_billable (entry));
  g_assert_cmpint (stint_entry_get_at (entry), ==, NINE + 5405);
  tags = stint_entry_get_tags (entry);
  g_assert_cmpstr (tags[0], ==, "maths");
  g_assert_cmpstr (tags[1], ==, "notes");
  g_assert_null (tags[2]);
}

static void
test_entry_shapes (void)
{
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(StintEntry) old_running = NULL;
  g_autoptr(StintEntry) minimal = NULL;
  g_autoptr(StintEntry) nulls = NULL;
  g_autoptr(StintEntry) gone = NULL;
  gboolean deleted = FALSE;

  running = parse_entry_ok ("{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\","
                            " \"stop\": null, \"duration\": -1}", NULL);
  g_assert_true (stint_entry_is_running (running));

  /* Older replies: minus the start epoch; a stray stop is ignored. */
  old_running = parse_entry_ok ("{\"id\": 1, \"wid\": 2, \"start\": \"2025-03-03T09:00:00Z\","
                                " \"stop\": \"2025-03-03T09:00:00Z\", \"duration\": -1740992400}", NULL);
  g_assert_true (stint_entry_is_running (old_running));
  g_assert_cmpint (stint_entry_get_workspace_id (old_running), ==, 2);

  /* Missing members: no stop (duration only), no project, no tags. */
  minimal = parse_entry_ok ("{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\","
                            " \"duration\": 60}", NULL);
  g_assert_cmpint (stint_entry_get_stop (minimal), ==, NINE + 60);
  g_assert_cmpint (stint_entry_get_project_id (minimal), ==, 0);
  g_assert_true (stint_entry_get_tags (minimal) == NULL || stint_entry_get_tags (minimal)[0] == NULL);
  g_assert_false (stint_entry_get_billable (minimal));

  /* The same as null. */
  nulls = parse_entry_ok ("{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\","
                          " \"duration\": 60, \"project_id\": null, \"pid\": null, \"description\": null,"
                          " \"tags\": null, \"billable\": null, \"at\": null, \"server_deleted_at\": null}", &deleted);
  g_assert_false (deleted);
  g_assert_cmpint (stint_entry_get_project_id (nulls), ==, 0);
  g_assert_true (stint_entry_equal_content (minimal, nulls));

  gone = parse_entry_ok ("{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\","
                         " \"duration\": 60, \"server_deleted_at\": \"2025-03-04T08:00:00+00:00\"}", &deleted);
  g_assert_true (deleted);
}

static void
test_entry_refused (void)
{
  static const char * const bad[] = {
    "[]",
    "\"entry\"",
    "{\"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": 1}",
    "{\"id\": \"1\", \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": 1}",
    "{\"id\": 1.5, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": 1}",
    "{\"id\": 1, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": 1}",
    "{\"id\": 1, \"workspace_id\": 2, \"duration\": 1}",
    "{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03\", \"duration\": 1}",
    "{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00\", \"duration\": 1}",
    "{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-W10-1T09:00:00Z\", \"duration\": 1}",
    "{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\"}",
    "{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": \"60\"}",
    "{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": 1, \"tags\": [1]}",
    "{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": 1, \"project_id\": \"7\"}",
    "{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\", \"stop\": \"2025-03-03T08:00:00Z\", \"duration\": 1}",
    "{\"id\": 1, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": 1, \"billable\": \"yes\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(StintEntry) entry = NULL;

      g_test_message ("%s", bad[i]);
      entry = stint_track_codec_parse_entry (node, NULL, &error);
      g_assert_null (entry);
      g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY);
    }
}

static void
test_entries_since (void)
{
  g_autoptr(JsonNode) node = parse (
    "[{\"id\": 10, \"workspace_id\": 2, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": -1},"
    " {\"id\": 11, \"workspace_id\": 2, \"start\": \"2025-03-03T08:00:00Z\", \"duration\": 60,"
    "  \"server_deleted_at\": \"2025-03-03T09:01:00Z\"}]");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GArray) deleted = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_track_codec_parse_entries (node, &entries, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (stint_entry_get_server_id (g_ptr_array_index (entries, 0)), ==, 10);
  g_assert_cmpuint (deleted->len, ==, 1);
  g_assert_cmpint (g_array_index (deleted, gint64, 0), ==, 11);
}

static StintEntry *
sample_entry (gboolean running)
{
  StintEntry *entry = stint_entry_new ();
  const char * const tags[] = { "maths", "notes", NULL };

  stint_entry_set_id (entry, 12);          /* local: must not be sent */
  stint_entry_set_workspace_id (entry, 5001);
  stint_entry_set_project_id (entry, 7001);
  stint_entry_set_description (entry, "Bernoulli");
  stint_entry_set_tags (entry, tags);
  stint_entry_set_start (entry, NINE);
  stint_entry_set_stop (entry, running ? 0 : NINE + 5400);
  return entry;
}

static void
test_create_body (void)
{
  g_autoptr(StintEntry) running = sample_entry (TRUE);
  g_autoptr(StintEntry) stopped = sample_entry (FALSE);
  g_autoptr(JsonNode) body = stint_track_codec_build_create (running);
  g_autoptr(JsonNode) body2 = stint_track_codec_build_create (stopped);
  JsonObject *o = json_node_get_object (body);
  JsonObject *o2 = json_node_get_object (body2);
  static const char * const required[] = { "created_with", "workspace_id", "start", "duration" };

  assert_matches_payload (body, TE_PAYLOAD);
  assert_matches_payload (body2, TE_PAYLOAD);

  /* Required on create by the spec's descriptions and the README. */
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_assert_true (json_object_has_member (o, required[i]));
      g_assert_true (json_object_has_member (o2, required[i]));
    }

  g_assert_cmpstr (json_object_get_string_member (o, "created_with"), ==, "Stint");
  g_assert_cmpint (json_object_get_int_member (o, "workspace_id"), ==, 5001);
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2025-03-03T09:00:00Z");
  g_assert_cmpint (json_object_get_int_member (o, "duration"), ==, -1);
  g_assert_false (json_object_has_member (o, "stop"));
  g_assert_false (json_object_has_member (o, "id"));
  g_assert_cmpint (json_object_get_int_member (o, "project_id"), ==, 7001);
  g_assert_false (json_object_has_member (o, "billable"));

  g_assert_cmpint (json_object_get_int_member (o2, "duration"), ==, 5400);
  g_assert_cmpstr (json_object_get_string_member (o2, "stop"), ==, "2025-03-03T10:30:00Z");

  /* What we send, we read back the same. */
  {
    g_autoptr(StintEntry) back = NULL;

    json_object_set_int_member (o2, "id", 99);
    back = stint_track_codec_parse_entry (body2, NULL, NULL);
    g_assert_nonnull (back);
    g_assert_true (stint_entry_equal_content (back, stopped));
    g_assert_cmpint (stint_entry_get_stop (back), ==, stint_entry_get_stop (stopped));
  }
}

static void
test_update_body (void)
{
  g_autoptr(StintEntry) before = sample_entry (TRUE);
  g_autoptr(StintEntry) after = sample_entry (TRUE);
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(JsonNode) some = NULL;
  g_autoptr(JsonNode) stop = NULL;
  g_autoptr(JsonNode) full = NULL;
  JsonObject *o;

  none = stint_track_codec_build_update (after, before);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (none)), ==, 0);

  stint_entry_set_description (after, "Notes");
  stint_entry_set_project_id (after, 0);
  some = stint_track_codec_build_update (after, before);
  assert_matches_payload (some, TE_PAYLOAD);
  o = json_node_get_object (some);
  g_assert_cmpuint (json_object_get_size (o), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "description"), ==, "Notes");
  g_assert_true (json_object_get_null_member (o, "project_id"));

  stint_entry_assign (before, after);
  stint_entry_set_stop (after, NINE + 60);
  stop = stint_track_codec_build_update (after, before);
  assert_matches_payload (stop, TE_PAYLOAD);
  o = json_node_get_object (stop);
  g_assert_cmpuint (json_object_get_size (o), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "duration"), ==, 60);
  g_assert_cmpstr (json_object_get_string_member (o, "stop"), ==, "2025-03-03T09:01:00Z");

  full = stint_track_codec_build_update (after, NULL);
  assert_matches_payload (full, TE_PAYLOAD);
  g_assert_false (json_object_has_member (json_node_get_object (full), "created_with"));
  g_assert_true (json_object_has_member (json_node_get_object (full), "tags"));
}

static void
test_projects_and_tags (void)
{
  g_autoptr(JsonNode) project_node = reply_from_schema (PROJECT_MODEL,
    "{\"id\": 7001, \"workspace_id\": 5001, \"name\": \"Engine\", \"color\": \"#06aaf5\","
    " \"active\": false, \"status\": \"archived\"}");
  g_autoptr(JsonNode) tag_node = reply_from_schema (TAG_MODEL,
    "{\"id\": 8001, \"workspace_id\": 5001, \"name\": \"maths\", \"deleted_at\": null}");
  g_autoptr(JsonNode) tag_array = parse ("[{\"id\": 8001, \"workspace_id\": 5001, \"name\": \"maths\"},"
                                         " {\"id\": 8002, \"workspace_id\": 5001, \"name\": \"old\","
                                         "  \"deleted_at\": \"2025-01-01T00:00:00Z\"}]");
  g_autoptr(JsonNode) project_body = stint_track_codec_build_project ("Engine", "#06aaf5");
  g_autoptr(JsonNode) tag_body = stint_track_codec_build_tag ("maths");
  g_autoptr(StintProject) project = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) one_tag = NULL;
  g_autoptr(GError) error = NULL;
  gboolean deleted = TRUE;

  project = stint_track_codec_parse_project (project_node, &deleted, &error);
  g_assert_no_error (error);
  g_assert_false (deleted);
  g_assert_cmpint (stint_project_get_server_id (project), ==, 7001);
  g_assert_cmpint (stint_project_get_workspace_id (project), ==, 5001);
  g_assert_cmpstr (stint_project_get_name (project), ==, "Engine");
  g_assert_cmpstr (stint_project_get_color (project), ==, "#06aaf5");
  g_assert_false (stint_project_get_active (project));

  /* POST …/tags answers an array per the spec; a single object is read too. */
  tags = stint_track_codec_parse_tags (tag_array, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 1);
  one_tag = stint_track_codec_parse_tags (tag_node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one_tag->len, ==, 1);
  g_assert_cmpint (stint_tag_get_server_id (g_ptr_array_index (one_tag, 0)), ==, 8001);
  g_assert_cmpstr (stint_tag_get_name (g_ptr_array_index (one_tag, 0)), ==, "maths");

  assert_matches_payload (project_body, PROJECT_PAYLOAD);
  assert_matches_payload (tag_body, TAG_PAYLOAD);
}

static void
test_me (void)
{
  g_autoptr(JsonNode) plain = reply_from_schema ("related.UserWithRelated",
    "{\"id\": 1001, \"email\": \"ada@example.com\", \"fullname\": \"Ada\", \"timezone\": \"Europe/London\","
    " \"default_workspace_id\": 5001, \"api_token\": \"\", \"workspaces\": null, \"projects\": null,"
    " \"tags\": null, \"time_entries\": null, \"clients\": null, \"tasks\": null}");
  g_autoptr(JsonNode) related = parse (
    "{\"id\": 1001, \"email\": \"ada@example.com\", \"default_workspace_id\": 5001,"
    " \"workspaces\": [{\"id\": 5001, \"organization_id\": 9001, \"name\": \"Ada's\"}],"
    " \"projects\": [{\"id\": 7001, \"workspace_id\": 5001, \"name\": \"Engine\", \"color\": \"#06aaf5\", \"active\": true}],"
    " \"tags\": [{\"id\": 8001, \"workspace_id\": 5001, \"name\": \"maths\"}],"
    " \"clients\": [{\"id\": 6001, \"wid\": 5001, \"name\": \"Babbage\", \"archived\": false}],"
    " \"tasks\": [{\"id\": 7101, \"workspace_id\": 5001, \"project_id\": 7001, \"name\": \"Cards\"}],"
    " \"time_entries\": [{\"id\": 10, \"workspace_id\": 5001, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": -1}]}");
  g_autoptr(StintTrackAccount) account = NULL;
  g_autoptr(StintTrackAccount) full = NULL;
  g_autoptr(GError) error = NULL;
  StintTrackWorkspace *workspace;

  account = stint_track_codec_parse_me (plain, &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->user_id, ==, 1001);
  g_assert_cmpstr (account->email, ==, "ada@example.com");
  g_assert_cmpstr (account->timezone, ==, "Europe/London");
  g_assert_null (account->api_token);
  g_assert_cmpint (account->default_workspace_id, ==, 5001);
  g_assert_cmpuint (account->workspaces->len, ==, 0);
  g_assert_cmpuint (account->entries->len, ==, 0);

  full = stint_track_codec_parse_me (related, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (full->workspaces->len, ==, 1);
  workspace = g_ptr_array_index (full->workspaces, 0);
  g_assert_cmpint (workspace->organization_id, ==, 9001);
  g_assert_cmpstr (workspace->name, ==, "Ada's");
  g_assert_cmpuint (full->projects->len, ==, 1);
  g_assert_cmpuint (full->tags->len, ==, 1);
  g_assert_cmpuint (full->entries->len, ==, 1);
  g_assert_cmpuint (full->clients->len, ==, 1);
  g_assert_cmpint (stint_customer_get_server_id (g_ptr_array_index (full->clients, 0)), ==, 6001);
  g_assert_cmpuint (full->tasks->len, ==, 1);
  g_assert_cmpint (stint_task_get_project_id (g_ptr_array_index (full->tasks, 0)), ==, 7001);
  /* null related lists (tasks on a plan without them) are empty, not NULL. */
  g_assert_cmpuint (account->clients->len, ==, 0);
  g_assert_cmpuint (account->tasks->len, ==, 0);
}

/* A project's client_id (legacy cid) is its customer's server id. */
static void
test_project_customer (void)
{
  static const struct { const char *json; gint64 customer_id; } cases[] = {
    { "{\"id\": 7003, \"workspace_id\": 5001, \"name\": \"Loom\", \"client_id\": 6001}", 6001 },
    { "{\"id\": 7003, \"wid\": 5001, \"name\": \"Loom\", \"cid\": 6002}", 6002 },
    { "{\"id\": 7003, \"workspace_id\": 5001, \"name\": \"Loom\", \"client_id\": null, \"cid\": null}", 0 },
    { "{\"id\": 7003, \"workspace_id\": 5001, \"name\": \"Loom\"}", 0 },
  };
  g_autoptr(JsonNode) bad = parse ("{\"id\": 7003, \"workspace_id\": 5001, \"name\": \"Loom\", \"client_id\": \"6001\"}");
  g_autoptr(StintProject) refused = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(StintProject) project = stint_track_codec_parse_project (node, NULL, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_no_error (error);
      g_assert_cmpint (stint_project_get_customer_id (project), ==, cases[i].customer_id);
    }

  refused = stint_track_codec_parse_project (bad, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY);
}

static void
test_clients_and_tasks (void)
{
  g_autoptr(JsonNode) client_node = reply_from_schema (CLIENT_MODEL,
    "{\"id\": 6001, \"wid\": 5001, \"name\": \"Charles Babbage\", \"archived\": true}");
  g_autoptr(JsonNode) task_node = reply_from_schema (TASK_MODEL,
    "{\"id\": 7101, \"workspace_id\": 5001, \"project_id\": 7003, \"name\": \"Punched cards\","
    " \"active\": false, \"estimated_seconds\": 7200, \"tracked_seconds\": 3600000}");
  g_autoptr(JsonNode) page = reply_from_schema (TASK_PAGE,
    "{\"data\": [{\"id\": 7101, \"workspace_id\": 5001, \"project_id\": 7003, \"name\": \"Cards\"},"
    "          {\"id\": 7102, \"workspace_id\": 5001, \"project_id\": 7003, \"name\": \"Gone\","
    "           \"server_deleted_at\": \"2025-03-01T00:00:00Z\"}]}");
  g_autoptr(JsonNode) empty_page = parse ("{\"data\": null, \"page\": 2, \"per_page\": 50, \"total_count\": 1}");
  g_autoptr(JsonNode) client_array = parse (
    "[{\"id\": 6001, \"wid\": 5001, \"name\": \"Babbage\"},"
    " {\"id\": 6003, \"workspace_id\": 5001, \"name\": \"Old\", \"server_deleted_at\": \"2025-01-01T00:00:00Z\"}]");
  g_autoptr(JsonNode) no_estimate = parse (
    "{\"id\": 7101, \"wid\": 5001, \"pid\": 7003, \"name\": \"Cards\", \"estimated_seconds\": null}");
  g_autoptr(JsonNode) client_body = stint_track_codec_build_client ("Charles Babbage");
  g_autoptr(StintCustomer) customer = NULL;
  g_autoptr(StintTask) task = NULL;
  g_autoptr(StintTask) plain = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  gboolean deleted = TRUE;

  customer = stint_track_codec_parse_client (client_node, &deleted, &error);
  g_assert_no_error (error);
  g_assert_false (deleted);
  g_assert_cmpint (stint_customer_get_id (customer), ==, 0);
  g_assert_cmpint (stint_customer_get_server_id (customer), ==, 6001);
  g_assert_cmpint (stint_customer_get_workspace_id (customer), ==, 5001);
  g_assert_cmpstr (stint_customer_get_name (customer), ==, "Charles Babbage");
  g_assert_true (stint_customer_get_archived (customer));

  deleted = TRUE;
  task = stint_track_codec_parse_task (task_node, &deleted, &error);
  g_assert_no_error (error);
  g_assert_false (deleted);
  g_assert_cmpint (stint_task_get_id (task), ==, 0);
  g_assert_cmpint (stint_task_get_server_id (task), ==, 7101);
  g_assert_cmpint (stint_task_get_workspace_id (task), ==, 5001);
  g_assert_cmpint (stint_task_get_project_id (task), ==, 7003);
  g_assert_cmpstr (stint_task_get_name (task), ==, "Punched cards");
  g_assert_false (stint_task_get_active (task));
  g_assert_cmpint (stint_task_get_estimated_seconds (task), ==, 7200);

  /* Legacy names; no estimate; active when not said. */
  plain = stint_track_codec_parse_task (no_estimate, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_task_get_workspace_id (plain), ==, 5001);
  g_assert_cmpint (stint_task_get_project_id (plain), ==, 7003);
  g_assert_cmpint (stint_task_get_estimated_seconds (plain), ==, 0);
  g_assert_true (stint_task_get_active (plain));

  /* Deleted ones are left out of lists; the workspace list is a page. */
  clients = stint_track_codec_parse_clients (client_array, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 1);
  g_assert_false (stint_customer_get_archived (g_ptr_array_index (clients, 0)));
  tasks = stint_track_codec_parse_tasks (page, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 1);
  g_assert_cmpstr (stint_task_get_name (g_ptr_array_index (tasks, 0)), ==, "Cards");
  none = stint_track_codec_parse_tasks (empty_page, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  assert_matches_payload (client_body, CLIENT_PAYLOAD);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (client_body), "name"), ==,
                   "Charles Babbage");
}

static void
test_clients_and_tasks_refused (void)
{
  static const char * const bad_clients[] = {
    "[]",
    "{\"wid\": 5001, \"name\": \"C\"}",
    "{\"id\": 6001, \"name\": \"C\"}",
    "{\"id\": \"6001\", \"wid\": 5001, \"name\": \"C\"}",
    "{\"id\": 6001, \"wid\": 5001}",
    "{\"id\": 6001, \"wid\": 5001, \"name\": null}",
    "{\"id\": 6001, \"wid\": 5001, \"name\": \"C\", \"archived\": \"yes\"}",
  };
  static const char * const bad_tasks[] = {
    "\"task\"",
    "{\"workspace_id\": 5001, \"project_id\": 7003, \"name\": \"T\"}",
    "{\"id\": 7101, \"project_id\": 7003, \"name\": \"T\"}",
    "{\"id\": 7101, \"workspace_id\": 5001, \"name\": \"T\"}",
    "{\"id\": 7101, \"workspace_id\": 5001, \"project_id\": null, \"name\": \"T\"}",
    "{\"id\": 7101, \"workspace_id\": 5001, \"project_id\": 7003}",
    "{\"id\": 7101, \"workspace_id\": 5001, \"project_id\": 7003, \"name\": \"T\", \"active\": 1}",
    "{\"id\": 7101, \"workspace_id\": 5001, \"project_id\": 7003, \"name\": \"T\", \"estimated_seconds\": \"2h\"}",
    "{\"id\": 7101, \"workspace_id\": 5001, \"project_id\": 7003, \"name\": \"T\", \"estimated_seconds\": -60}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_clients); i++)
    {
      g_autoptr(JsonNode) node = parse (bad_clients[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(StintCustomer) customer = NULL;

      g_test_message ("%s", bad_clients[i]);
      customer = stint_track_codec_parse_client (node, NULL, &error);
      g_assert_null (customer);
      g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_tasks); i++)
    {
      g_autoptr(JsonNode) node = parse (bad_tasks[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(StintTask) task = NULL;

      g_test_message ("%s", bad_tasks[i]);
      task = stint_track_codec_parse_task (node, NULL, &error);
      g_assert_null (task);
      g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY);
    }
}

static void
test_times (void)
{
  static const struct { const char *text; gboolean ok; gint64 seconds; } cases[] = {
    { "2025-03-03T09:00:00Z", TRUE, NINE },
    { "2025-03-03T09:00:00z", TRUE, NINE },
    { "2025-03-03T10:00:00+01:00", TRUE, NINE },
    { "2025-03-03T04:30:00-04:30", TRUE, NINE },
    { "2025-03-03T09:00:00.999999Z", TRUE, NINE },
    { "2025-03-03 09:00:00+00:00", TRUE, NINE },
    { "2025-03-03T09:00:00", FALSE, 0 },
    { "2025-03-03", FALSE, 0 },
    { "2025-03-03T09:00Z", FALSE, 0 },
    { "2025-13-03T09:00:00Z", FALSE, 0 },
    { "", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 out = 0;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (stint_json_parse_time (cases[i].text, &out), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (out, ==, cases[i].seconds);
    }

  {
    g_autofree char *text = stint_json_format_time (NINE);

    g_assert_cmpstr (text, ==, "2025-03-03T09:00:00Z");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  path = g_test_build_filename (G_TEST_DIST, "data", "track-v9-schemas.json", NULL);
  schemas = json_parser_new ();
  json_parser_load_from_file (schemas, path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/stint/track-codec/entry/from-spec", test_entry_from_spec);
  g_test_add_func ("/stint/track-codec/entry/shapes", test_entry_shapes);
  g_test_add_func ("/stint/track-codec/entry/refused", test_entry_refused);
  g_test_add_func ("/stint/track-codec/entry/since", test_entries_since);
  g_test_add_func ("/stint/track-codec/create-body", test_create_body);
  g_test_add_func ("/stint/track-codec/update-body", test_update_body);
  g_test_add_func ("/stint/track-codec/projects-and-tags", test_projects_and_tags);
  g_test_add_func ("/stint/track-codec/project-customer", test_project_customer);
  g_test_add_func ("/stint/track-codec/clients-and-tasks", test_clients_and_tasks);
  g_test_add_func ("/stint/track-codec/clients-and-tasks/refused", test_clients_and_tasks_refused);
  g_test_add_func ("/stint/track-codec/me", test_me);
  g_test_add_func ("/stint/track-codec/times", test_times);

  ret = g_test_run ();
  g_clear_object (&schemas);
  return ret;
}
