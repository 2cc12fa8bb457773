/* test-focus-codec.c: Toggl Focus JSON ↔ models
 *
 * tests/data/focus-examples.json holds one example of each shape Stint
 * reads, filled in from the seed documents' field tables (and what third
 * parties saw live where the seeds say nothing; the file says which). The
 * bodies Stint sends are checked member by member against what the seeds
 * document for each endpoint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "api/stint-api-error.h"
#include "api/stint-focus-backend.h"
#include "api/stint-focus-codec.h"
#include "stint-test-utils.h"

/* 2025-03-03T09:00:00Z */
#define NINE G_GINT64_CONSTANT (1740992400)
#define HOUR 3600

static JsonParser *examples;

static JsonNode *
example (const char *name)
{
  JsonObject *root = json_node_get_object (json_parser_get_root (examples));
  JsonNode *node = json_object_get_member (root, name);

  g_assert_nonnull (node);
  return node;
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static GHashTable *
tag_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
add_tag_name (GHashTable *table,
              gint64      id,
              const char *name)
{
  g_hash_table_replace (table, g_memdup2 (&id, sizeof id), g_strdup (name));
}

static void
assert_members (JsonNode           *body,
                const char * const *expected)
{
  JsonObject *object = json_node_get_object (body);
  g_autoptr(GList) names = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (names), ==, g_strv_length ((char **)expected));
  for (guint i = 0; expected[i] != NULL; i++)
    if (!json_object_has_member (object, expected[i]))
      g_error ("“%s” missing from %s", expected[i], json_to_string (body, FALSE));
}

/* --- entries ------------------------------------------------------------- */

static void
test_entry_running (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) older = NULL;
  StintFocusEntryKind kind;
  gint64 id = 0;

  entry = stint_focus_codec_parse_entry (example ("tracking_current_running"), NULL, &kind, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, STINT_FOCUS_ENTRY_TRACKED);
  g_assert_cmpint (id, ==, G_GINT64_CONSTANT (6500000101));
  g_assert_cmpint (stint_entry_get_server_id (entry), ==, G_GINT64_CONSTANT (6500000101));
  g_assert_cmpint (stint_entry_get_workspace_id (entry), ==, 600100);
  g_assert_cmpint (stint_entry_get_project_id (entry), ==, 610001);
  g_assert_cmpstr (stint_entry_get_description (entry), ==, "Reviewing the spec");
  g_assert_cmpint (stint_entry_get_start (entry), ==, NINE + 4 * HOUR);
  g_assert_true (stint_entry_is_running (entry));
  g_assert_false (stint_entry_get_break (entry));
  g_assert_cmpint (stint_entry_get_at (entry), ==, NINE + 4 * HOUR + 2);

  /* The older field set: no duration member at all, fractions of seconds. */
  older = stint_focus_codec_parse_entry (example ("tracking_current_running_no_duration"), NULL, NULL, NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_true (stint_entry_is_running (older));
  g_assert_cmpint (stint_entry_get_start (older), ==, NINE + 4 * HOUR);
  g_assert_cmpint (stint_entry_get_task_id (older), ==, 640001);
  g_assert_cmpstr (stint_entry_get_description (older), ==, "");
}

static void
test_entry_stopped (void)
{
  g_autoptr(GHashTable) names = tag_table ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = NULL;
  const char * const tags[] = { "review", NULL };

  /* 620002 has no known name: left out, not invented. */
  add_tag_name (names, 620001, "review");
  entry = stint_focus_codec_parse_entry (example ("tracking_stop"), names, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (stint_entry_is_running (entry));
  /* duration 5400 s: 09:00 to 10:30. */
  g_assert_cmpint (stint_entry_get_start (entry), ==, NINE);
  g_assert_cmpint (stint_entry_get_stop (entry), ==, NINE + 5400);
  g_assert_true (stint_entry_get_billable (entry));
  g_assert_true (g_strv_equal (stint_entry_get_tags (entry), tags));
}

static void
test_entry_break (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) object_type = NULL;
  g_autoptr(StintEntry) copy = NULL;

  entry = stint_focus_codec_parse_entry (example ("break_entry"), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (stint_entry_get_break (entry));
  /* A break is not billable work, whatever the flag says. */
  g_assert_false (stint_entry_get_billable (entry));
  /* 12:00+01:00 */
  g_assert_cmpint (stint_entry_get_start (entry), ==, NINE + 2 * HOUR);
  g_assert_cmpint (stint_entry_get_stop (entry), ==, NINE + 2 * HOUR + 900);

  object_type = stint_focus_codec_parse_entry (example ("type_as_object"), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (stint_entry_get_break (object_type));

  /* The model keeps it through copies, and a break is another activity
   * than work of the same name (Continue lists both). */
  copy = stint_entry_copy (entry);
  g_assert_true (stint_entry_get_break (copy));
  stint_entry_set_break (copy, FALSE);
  g_assert_false (stint_entry_same_activity (entry, copy));
  g_assert_false (stint_entry_equal_content (entry, copy));
}

static void
test_entries_page (void)
{
  g_autoptr(GHashTable) names = tag_table ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StintFocusEntries) page = NULL;
  StintEntry *entry;
  const char * const review[] = { "review", NULL };

  page = stint_focus_codec_parse_entries (example ("time_entries_page"), names, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->n_items, ==, 4);
  g_assert_cmpint (page->page, ==, 1);
  g_assert_cmpint (page->per_page, ==, 100);
  g_assert_cmpint (page->total, ==, -1);
  /* The plan has no start: not tracked time. The deleted one is an id. */
  g_assert_cmpuint (page->entries->len, ==, 2);
  g_assert_cmpuint (page->n_planned, ==, 1);
  g_assert_cmpuint (page->deleted_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (page->deleted_ids, gint64, 0), ==, G_GINT64_CONSTANT (6500000005));

  entry = g_ptr_array_index (page->entries, 0);
  g_assert_true (g_strv_equal (stint_entry_get_tags (entry), review));
  /* The embedded tag taught the table its name. */
  g_assert_cmpstr (g_hash_table_lookup (names, &(gint64) { 620001 }), ==, "review");

  /* A task's entry: the task names it and its project. */
  entry = g_ptr_array_index (page->entries, 1);
  g_assert_cmpint (stint_entry_get_task_id (entry), ==, 640001);
  g_assert_cmpint (stint_entry_get_project_id (entry), ==, 610001);
  g_assert_cmpstr (stint_entry_get_description (entry), ==, "Write the compiler");
  g_assert_cmpint (stint_entry_get_stop (entry), ==, NINE + 3 * HOUR);
}

static void
test_entries_shapes (void)
{
  static const char * const replies[] = {
    "[{\"id\": 1, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": 60}]",
    "{\"items\": [{\"id\": 1, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": 60}]}",
    "{\"data\": [{\"id\": 1, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": 60}], \"page\": 2,"
    " \"per_page\": 1, \"total\": 9}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(JsonNode) node = parse (replies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(StintFocusEntries) entries = stint_focus_codec_parse_entries (node, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (entries->entries->len, ==, 1);
      g_assert_cmpint (stint_entry_get_stop (g_ptr_array_index (entries->entries, 0)), ==, NINE + 60);
      if (i == 2)
        {
          g_assert_cmpint (entries->page, ==, 2);
          g_assert_cmpint (entries->total, ==, 9);
        }
    }
}

static void
test_entry_unreadable (void)
{
  /* Entries that would be invented rather than read: refused whole. */
  static const char * const entries[] = {
    "[1]",
    "{\"start\": \"2025-03-03T09:00:00Z\"}",
    "{\"id\": \"1\", \"start\": \"2025-03-03T09:00:00Z\"}",
    "{\"id\": 1, \"start\": \"2025-03-03\"}",
    "{\"id\": 1, \"start\": \"2025-03-03T09:00:00Z\", \"duration\": \"60\"}",
    "{\"id\": 1, \"start\": \"2025-03-03T09:00:00Z\", \"tag_ids\": [\"review\"]}",
    "{\"id\": 1, \"start\": \"2025-03-03T09:00:00Z\", \"billable\": \"yes\"}",
  };
  /* Lists with a bad member, or no list at all. */
  static const char * const lists[] = {
    "{\"data\": 3}",
    "{\"page\": 1}",
    "[{\"id\": 1, \"start\": \"2025-03-03T09:00:00Z\"}, {\"id\": 2, \"start\": 5}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries) + G_N_ELEMENTS (lists); i++)
    {
      gboolean entry = i < G_N_ELEMENTS (entries);
      g_autoptr(JsonNode) node = parse (entry ? entries[i] : lists[i - G_N_ELEMENTS (entries)]);
      g_autoptr(GError) error = NULL;

      if (entry)
        {
          g_autoptr(StintEntry) parsed = stint_focus_codec_parse_entry (node, NULL, NULL, NULL, &error);

          g_assert_null (parsed);
        }
      else
        {
          g_autoptr(StintFocusEntries) parsed = stint_focus_codec_parse_entries (node, NULL, &error);

          g_assert_null (parsed);
        }
      g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY);
      g_assert_cmpstr (error->message, ==, "Toggl sent data Stint cannot read.");
    }
}

/* --- bodies -------------------------------------------------------------- */

static StintEntry *
entry_new (gboolean running)
{
  StintEntry *entry = stint_test_entry_new ("Reviewing", NINE, running ? 0 : NINE + 90 * 60);
  const char * const tags[] = { "review", NULL };

  stint_entry_set_workspace_id (entry, 600100);
  stint_entry_set_project_id (entry, 610001);
  stint_entry_set_tags (entry, tags);
  stint_entry_set_billable (entry, TRUE);
  return entry;
}

static void
test_build_start (void)
{
  g_autoptr(StintEntry) entry = entry_new (TRUE);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) bare = NULL;
  g_autoptr(StintEntry) nothing = stint_test_entry_new ("", NINE, 0);
  const char * const documented[] = { "start", "type", "description", "project_id", NULL };
  const char * const least[] = { "start", "type", NULL };
  JsonObject *object;

  /* Only what the seed documents for tracking/start: no tags, no billable. */
  body = stint_focus_codec_build_start (entry);
  assert_members (body, documented);
  object = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "start"), ==, "2025-03-03T09:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "activity");
  g_assert_cmpint (json_object_get_int_member (object, "project_id"), ==, 610001);

  stint_entry_set_break (nothing, TRUE);
  bare = stint_focus_codec_build_start (nothing);
  assert_members (bare, least);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (bare), "type"), ==, "break");
}

static void
test_build_create (void)
{
  g_autoptr(StintEntry) entry = entry_new (FALSE);
  g_autoptr(GArray) tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) task_body = NULL;
  const char * const taskless[] = { "start", "duration", "type", "description", "project_id", "tag_ids",
                                    "billable", NULL };
  const char * const task_scoped[] = { "start", "duration", "type", "description", "billable", NULL };
  JsonObject *object;
  gint64 id = 620001;

  g_array_append_val (tag_ids, id);
  body = stint_focus_codec_build_create (entry, tag_ids, FALSE);
  assert_members (body, taskless);
  object = json_node_get_object (body);
  /* Seconds, and `type` always: taskless creates require it. */
  g_assert_cmpint (json_object_get_int_member (object, "duration"), ==, 5400);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "activity");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (object, "tag_ids"), 0), ==, 620001);

  task_body = stint_focus_codec_build_create (entry, tag_ids, TRUE);
  assert_members (task_body, task_scoped);

  /* A break is never sent as billable. */
  stint_entry_set_break (entry, TRUE);
  g_clear_pointer (&body, json_node_unref);
  body = stint_focus_codec_build_create (entry, NULL, FALSE);
  g_assert_false (json_object_has_member (json_node_get_object (body), "billable"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "type"), ==, "break");
}

static void
test_build_update (void)
{
  g_autoptr(StintEntry) before = entry_new (FALSE);
  g_autoptr(StintEntry) entry = stint_entry_copy (before);
  g_autoptr(StintEntry) running = entry_new (TRUE);
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(JsonNode) some = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) moved = NULL;
  g_autoptr(GArray) tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char * const changed[] = { "description", "project_id", "start", "duration", NULL };
  const char * const everything[] = { "description", "project_id", "tag_ids", "type", "billable", "start", NULL };
  JsonObject *object;

  none = stint_focus_codec_build_update (entry, before, NULL);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (none)), ==, 0);

  /* The project taken away is null; a new start keeps the stop: the
   * duration follows. */
  stint_entry_set_description (entry, "Reviewed");
  stint_entry_set_project_id (entry, 0);
  stint_entry_set_start (entry, NINE + 30 * 60);
  some = stint_focus_codec_build_update (entry, before, NULL);
  assert_members (some, changed);
  object = json_node_get_object (some);
  g_assert_true (json_object_get_null_member (object, "project_id"));
  g_assert_cmpint (json_object_get_int_member (object, "duration"), ==, HOUR);

  /* Without @before every field goes, but a running entry has no duration. */
  all = stint_focus_codec_build_update (running, NULL, tag_ids);
  assert_members (all, everything);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (all), "tag_ids")),
                    ==, 0);

  /* Onto another task: the task-scoped PATCH says it. */
  stint_entry_set_task_id (before, 640001);
  g_clear_object (&entry);
  entry = stint_entry_copy (before);
  stint_entry_set_task_id (entry, 640002);
  moved = stint_focus_codec_build_update (entry, before, NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (moved), "task_id"), ==, 640002);
}

static void
test_build_stop (void)
{
  g_autoptr(JsonNode) body = stint_focus_codec_build_stop (NINE + 5400);
  const char * const documented[] = { "end", NULL };

  assert_members (body, documented);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "end"), ==, "2025-03-03T10:30:00Z");
}

/* --- account ------------------------------------------------------------- */

static void
test_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) with_user = parse ("{\"current_workspace_id\": 7, \"user_id\": 9}");
  StintFocusSettings settings;

  g_assert_true (stint_focus_codec_parse_settings (example ("settings"), &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpint (settings.current_workspace_id, ==, 600100);
  g_assert_cmpint (settings.user_id, ==, 0);

  g_assert_true (stint_focus_codec_parse_settings (with_user, &settings, &error));
  g_assert_cmpint (settings.user_id, ==, 9);
}

static void
test_projects_and_tags (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(JsonNode) tags_node = NULL;
  g_autoptr(JsonNode) clients_node = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  JsonObject *tags_example;
  gint64 total = 0;
  guint n_items = 0;

  projects = stint_focus_codec_parse_projects (example ("projects_page"), &total, &n_items, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 2);
  g_assert_cmpuint (n_items, ==, 2);
  g_assert_cmpstr (stint_project_get_name (g_ptr_array_index (projects, 0)), ==, "COBOL");
  g_assert_cmpint (stint_project_get_server_id (g_ptr_array_index (projects, 0)), ==, 610001);
  /* `active` false means nothing in Focus; archived_at does. */
  g_assert_true (stint_project_get_active (g_ptr_array_index (projects, 0)));
  g_assert_false (stint_project_get_active (g_ptr_array_index (projects, 1)));
  /* The client id, or the embedded client's. */
  g_assert_cmpint (stint_project_get_customer_id (g_ptr_array_index (projects, 0)), ==, 630001);
  g_assert_cmpint (stint_project_get_customer_id (g_ptr_array_index (projects, 1)), ==, 0);

  tags_example = json_node_get_object (example ("tags"));
  tags_node = json_node_copy (json_object_get_member (tags_example, "_list"));
  tags = stint_focus_codec_parse_tags (tags_node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpstr (stint_tag_get_name (g_ptr_array_index (tags, 1)), ==, "deep work");
  g_assert_cmpint (stint_tag_get_server_id (g_ptr_array_index (tags, 1)), ==, 620002);

  clients_node = json_node_copy (json_object_get_member (json_node_get_object (example ("clients")), "_list"));
  customers = stint_focus_codec_parse_clients (clients_node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 2);
  g_assert_cmpstr (stint_customer_get_name (g_ptr_array_index (customers, 0)), ==, "Navy");
  g_assert_false (stint_customer_get_archived (g_ptr_array_index (customers, 0)));
  g_assert_true (stint_customer_get_archived (g_ptr_array_index (customers, 1)));
}

/* --- errors and ids ------------------------------------------------------ */

static GBytes *
example_bytes (const char *name)
{
  char *json = json_to_string (example (name), FALSE);

  return g_bytes_new_take (json, strlen (json));
}

static void
test_error_bodies (void)
{
  g_autoptr(GBytes) session = example_bytes ("error_invalid_session");
  g_autoptr(GBytes) validation = example_bytes ("error_validation");
  g_autofree char *text = NULL;
  StintApiMeta meta = STINT_API_META_INIT;
  g_autoptr(GError) error = NULL;

  /* The description, never the code or the trace id (that is for the log). */
  text = stint_api_error_server_text (session, "application/json");
  g_assert_cmpstr (text, ==, "the provided API key is invalid");

  meta.status = 400;
  error = stint_api_error_new_for_status (&meta, validation, "application/json", NULL, NINE);
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_INVALID);
  g_assert_null (strstr (error->message, "00f067aa0ba902b7"));
  g_assert_nonnull (strstr (error->message, "PerPage"));
}

static void
test_organization_id (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_focus_backend_check_organization_id ("178452", NULL));
  g_assert_false (stint_focus_backend_check_organization_id ("", NULL));
  g_assert_false (stint_focus_backend_check_organization_id ("0", NULL));
  g_assert_false (stint_focus_backend_check_organization_id ("178452/workspaces", NULL));
  g_assert_false (stint_focus_backend_check_organization_id (NULL, &error));
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "/organizations/"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  path = g_test_build_filename (G_TEST_DIST, "data", "focus-examples.json", NULL);
  examples = json_parser_new ();
  json_parser_load_from_file (examples, path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/stint/focus-codec/entry/running", test_entry_running);
  g_test_add_func ("/stint/focus-codec/entry/stopped", test_entry_stopped);
  g_test_add_func ("/stint/focus-codec/entry/break", test_entry_break);
  g_test_add_func ("/stint/focus-codec/entry/unreadable", test_entry_unreadable);
  g_test_add_func ("/stint/focus-codec/entries/page", test_entries_page);
  g_test_add_func ("/stint/focus-codec/entries/shapes", test_entries_shapes);
  g_test_add_func ("/stint/focus-codec/build/start", test_build_start);
  g_test_add_func ("/stint/focus-codec/build/create", test_build_create);
  g_test_add_func ("/stint/focus-codec/build/update", test_build_update);
  g_test_add_func ("/stint/focus-codec/build/stop", test_build_stop);
  g_test_add_func ("/stint/focus-codec/settings", test_settings);
  g_test_add_func ("/stint/focus-codec/projects-tags-clients", test_projects_and_tags);
  g_test_add_func ("/stint/focus-codec/error-bodies", test_error_bodies);
  g_test_add_func ("/stint/focus-codec/organization-id", test_organization_id);

  ret = g_test_run ();
  g_clear_object (&examples);
  return ret;
}
