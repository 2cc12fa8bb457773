/* stint-focus-codec.c: Toggl Focus time entries to and from StintEntry
 *
 * Written field by field against the Focus documentation pages kept in
 * shared/api/seeds/ and what third-party clients saw live (shared/api/README.md
 * §3.6): there is no OpenAPI file. Where those disagree or say nothing, the
 * reader is lenient and the writer sends only what is documented.
 *
 * - A running entry has no duration (`null` or absent); a stopped one ends
 *   at start + duration, the duration in seconds (§3.6; the backend checks
 *   this after each stop it makes).
 * - `type` is "activity" or "break"; the docs call it an object, so an
 *   object with a name is read too. Breaks are never billable.
 * - Calendar plans arrive in the same lists with no `start`: not tracked time.
 * - Tags: list replies embed `tags: [{id, name, color}]`; the tracking replies
 *   only have `tag_ids`, read through the caller's table of names. Focus
 *   ignores tag names in bodies, so bodies carry `tag_ids` the caller resolved.
 * - Entries bound to a task may leave description and project to the task:
 *   they are read from the embedded task then.
 *
 * Users' settings, projects and tags are in stint-focus-account-codec.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-focus-codec"

#include "config.h"

#include "stint-focus-codec.h"
#include "stint-json.h"
#include "stint-track-codec-private.h"

#define WHAT "Focus time entry"

void
stint_focus_entries_free (StintFocusEntries *entries)
{
  if (entries == NULL)
    return;
  g_clear_pointer (&entries->entries, g_ptr_array_unref);
  g_clear_pointer (&entries->deleted_ids, g_array_unref);
  g_free (entries);
}

/* An embedded object (`task`, `project`), or NULL when absent, null or not
 * an object: embedded objects are extras, never a reason to refuse. */
static JsonObject *
embedded (JsonObject *object,
          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gint64
embedded_id (JsonObject *object,
             const char *member)
{
  JsonObject *inner = object != NULL ? embedded (object, member) : NULL;
  gint64 id = 0;

  if (inner != NULL && stint_json_read_int (inner, "id", &id) == STINT_JSON_VALUE && id > 0)
    return id;
  return 0;
}

/* `type`: documented as an object, seen as a string. Unknown kinds count as
 * work: that is what Focus tracks unless told otherwise. */
static gboolean
read_is_break (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "type");
  const char *type = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *inner = json_node_get_object (node);

      if (stint_json_read_string (inner, "name", &type) != STINT_JSON_VALUE)
        stint_json_read_string (inner, "type", &type);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    type = json_node_get_string (node);

  if (type != NULL && !g_str_equal (type, STINT_FOCUS_TYPE_ACTIVITY) &&
      !g_str_equal (type, STINT_FOCUS_TYPE_BREAK))
    g_debug ("Unknown time entry type “%s”; taken as work", type);

  return g_strcmp0 (type, STINT_FOCUS_TYPE_BREAK) == 0;
}

/* Tag names from embedded tag objects (which also teach @tag_names), else
 * from `tag_ids` through @tag_names. An id nobody named is left out: Stint
 * keeps tags by name. */
static gboolean
read_tags (JsonObject   *object,
           GHashTable   *tag_names,
           char       ***out,
           GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, "tags");
  JsonArray *array;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *name = NULL;
          gint64 id = 0;

          if (JSON_NODE_HOLDS_OBJECT (element) &&
              stint_json_read_string (json_node_get_object (element), "name", &name) == STINT_JSON_VALUE)
            {
              if (tag_names != NULL &&
                  stint_json_read_int (json_node_get_object (element), "id", &id) == STINT_JSON_VALUE)
                g_hash_table_replace (tag_names, g_memdup2 (&id, sizeof id), g_strdup (name));
            }
          else if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            name = json_node_get_string (element);
          else
            return stint_track_unreadable (error, WHAT, "tags");

          g_strv_builder_add (builder, name);
        }
      *out = g_strv_builder_end (builder);
      return TRUE;
    }

  /* `tag_ids` may be null or absent: no tags. */
  node = json_object_get_member (object, "tag_ids");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *name;
          gint64 id;

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
            return stint_track_unreadable (error, WHAT, "tag_ids");
          id = json_node_get_int (element);
          name = tag_names != NULL ? g_hash_table_lookup (tag_names, &id) : NULL;
          if (name != NULL)
            g_strv_builder_add (builder, name);
          else
            g_debug ("Tag %" G_GINT64_FORMAT " has no known name; left out", id);
        }
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/**
 * stint_focus_codec_names_tags:
 * @node: a Focus time entry
 * @tag_names: (nullable): tag names by id
 *
 * Returns: whether every tag of @node has a name: embedded, or in
 *   @tag_names. When not, a tag was made elsewhere since the names were read.
 */
gboolean
stint_focus_codec_names_tags (JsonNode   *node,
                              GHashTable *tag_names)
{
  JsonObject *object;
  JsonNode *ids;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  object = json_node_get_object (node);
  if (json_object_get_member (object, "tags") != NULL &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "tags")))
    return TRUE;

  ids = json_object_get_member (object, "tag_ids");
  for (guint i = 0; ids != NULL && JSON_NODE_HOLDS_ARRAY (ids) && i < json_array_get_length (json_node_get_array (ids)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (ids), i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
        continue;
      id = json_node_get_int (element);
      if (tag_names == NULL || !g_hash_table_contains (tag_names, &id))
        return FALSE;
    }
  return TRUE;
}

/**
 * stint_focus_codec_parse_entry:
 * @node: a Focus time entry
 * @tag_names: (nullable) (element-type gint64 utf8): tag names by id, to name
 *   `tag_ids`; embedded tag objects are added to it
 * @kind: (out) (optional): what the entry is
 * @id: (out) (optional): its id, also for a plan or a deleted entry
 *
 * Returns: (transfer full) (nullable): the tracked entry (server ids; the
 *   workspace id as sent, 0 when not sent; local id 0); %NULL without an error
 *   for a plan or a deleted entry; %NULL and %STINT_API_ERROR_BAD_REPLY when
 *   the entry is unreadable.
 */
StintEntry *
stint_focus_codec_parse_entry (JsonNode             *node,
                               GHashTable           *tag_names,
                               StintFocusEntryKind  *kind,
                               gint64               *id,
                               GError              **error)
{
  g_autoptr(StintEntry) entry = NULL;
  g_auto(GStrv) tags = NULL;
  JsonObject *object;
  JsonObject *task;
  const char *description = NULL;
  gint64 entry_id, workspace_id, project_id, task_id, start, duration = 0, at = 0;
  gboolean billable = FALSE;
  gboolean deleted = FALSE;
  StintJsonPresence presence;

  if (kind != NULL)
    *kind = STINT_FOCUS_ENTRY_TRACKED;

  if ((object = stint_track_expect_object (node, WHAT, error)) == NULL ||
      !stint_track_read_required_id (object, "id", NULL, &entry_id, WHAT, error) ||
      !stint_track_read_optional_id (object, "workspace_id", NULL, &workspace_id, WHAT, error) ||
      !stint_track_read_optional_id (object, "project_id", NULL, &project_id, WHAT, error) ||
      !stint_track_read_optional_id (object, "task_id", NULL, &task_id, WHAT, error) ||
      !stint_track_read_deleted (object, "deleted_at", &deleted, WHAT, error))
    return NULL;

  if (id != NULL)
    *id = entry_id;

  if (deleted)
    {
      if (kind != NULL)
        *kind = STINT_FOCUS_ENTRY_DELETED;
      return NULL;
    }

  presence = stint_json_read_time (object, "start", &start);
  if (presence == STINT_JSON_MISSING || presence == STINT_JSON_NULL)
    {
      if (kind != NULL)
        *kind = STINT_FOCUS_ENTRY_PLANNED;
      return NULL;
    }
  if (presence != STINT_JSON_VALUE)
    return stint_track_unreadable (error, WHAT, "start"), NULL;

  /* No negative-duration convention in Focus: a negative one is a bug
   * somewhere, and reading it as a stop before the start would be worse
   * than reading it as running. */
  presence = stint_json_read_int (object, "duration", &duration);
  if (presence == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, WHAT, "duration"), NULL;
  if (presence == STINT_JSON_VALUE && duration < 0)
    {
      g_debug ("Entry %" G_GINT64_FORMAT " has a negative duration; taken as running", entry_id);
      presence = STINT_JSON_NULL;
    }

  if (stint_json_read_string (object, "description", &description) == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, WHAT, "description"), NULL;
  if (stint_json_read_bool (object, "billable", &billable) == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, WHAT, "billable"), NULL;
  if (!read_tags (object, tag_names, &tags, error))
    return NULL;
  if (stint_json_read_time (object, "updated_at", &at) != STINT_JSON_VALUE)
    stint_json_read_time (object, "created_at", &at);

  /* A task-bound entry may name neither: the task does. */
  task = embedded (object, "task");
  if (project_id == 0)
    project_id = embedded_id (object, "project");
  if (project_id == 0 && task != NULL &&
      (stint_json_read_int (task, "project_id", &project_id) != STINT_JSON_VALUE || project_id < 0))
    project_id = embedded_id (task, "project");
  if ((description == NULL || description[0] == '\0') && task != NULL)
    stint_json_read_string (task, "name", &description);

  entry = stint_entry_new ();
  stint_entry_set_server_id (entry, entry_id);
  stint_entry_set_workspace_id (entry, workspace_id);
  stint_entry_set_project_id (entry, project_id);
  stint_entry_set_task_id (entry, task_id);
  stint_entry_set_description (entry, description);
  stint_entry_set_tags (entry, (const char * const *)tags);
  stint_entry_set_break (entry, read_is_break (object));
  stint_entry_set_billable (entry, billable && !stint_entry_get_break (entry));
  stint_entry_set_start (entry, start);
  if (presence == STINT_JSON_VALUE)
    stint_entry_set_stop (entry, start + duration);
  stint_entry_set_at (entry, at);

  return g_steal_pointer (&entry);
}

/* The records of a reply: a bare array (stream), `{data: […], page, …}`
 * (paged lists) or `{items: […]}` (the name the docs give stream's array). */
static JsonArray *
records (JsonNode           *node,
         StintFocusEntries  *out,
         GError            **error)
{
  JsonObject *object;
  JsonNode *data;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  if ((object = stint_track_expect_object (node, "Focus time entries", error)) == NULL)
    return NULL;

  data = json_object_get_member (object, "data");
  if (data == NULL)
    data = json_object_get_member (object, "items");
  if (data != NULL && JSON_NODE_HOLDS_NULL (data))
    {
      static JsonArray *empty;

      if (g_once_init_enter (&empty))
        g_once_init_leave (&empty, json_array_new ());
      return empty;
    }
  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    return stint_track_unreadable (error, "Focus time entries", "data"), NULL;

  if (stint_json_read_int (object, "page", &out->page) != STINT_JSON_VALUE)
    out->page = 0;
  if (stint_json_read_int (object, "per_page", &out->per_page) != STINT_JSON_VALUE)
    out->per_page = 0;
  if (stint_json_read_int (object, "total", &out->total) != STINT_JSON_VALUE)
    out->total = -1;

  return json_node_get_array (data);
}

/**
 * stint_focus_codec_parse_entries:
 * @node: a stream reply or a page of a list
 * @tag_names: (nullable): as for stint_focus_codec_parse_entry()
 *
 * Returns: (transfer full) (nullable): tracked entries and deleted ids, plans
 *   left out; %NULL and %STINT_API_ERROR_BAD_REPLY if any entry is unreadable.
 */
StintFocusEntries *
stint_focus_codec_parse_entries (JsonNode    *node,
                                 GHashTable  *tag_names,
                                 GError     **error)
{
  g_autoptr(StintFocusEntries) out = g_new0 (StintFocusEntries, 1);
  JsonArray *array;

  out->total = -1;
  if ((array = records (node, out, error)) == NULL)
    return NULL;

  out->n_items = json_array_get_length (array);
  out->entries = g_ptr_array_new_full (out->n_items, g_object_unref);
  out->deleted_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < out->n_items; i++)
    {
      g_autoptr(GError) local_error = NULL;
      StintFocusEntryKind kind;
      gint64 id = 0;
      StintEntry *entry = stint_focus_codec_parse_entry (json_array_get_element (array, i),
                                                         tag_names, &kind, &id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (entry != NULL)
        g_ptr_array_add (out->entries, entry);
      else if (kind == STINT_FOCUS_ENTRY_DELETED)
        g_array_append_val (out->deleted_ids, id);
      else
        out->n_planned++;
    }

  return g_steal_pointer (&out);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       when)
{
  g_autofree char *text = stint_json_format_time (when);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_type (JsonBuilder *builder,
          StintEntry  *entry)
{
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, stint_entry_get_break (entry) ? STINT_FOCUS_TYPE_BREAK
                                                                        : STINT_FOCUS_TYPE_ACTIVITY);
}

static void
add_tag_ids (JsonBuilder *builder,
             GArray      *tag_ids)
{
  json_builder_set_member_name (builder, "tag_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < tag_ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (tag_ids, gint64, i));
  json_builder_end_array (builder);
}

static gboolean
wants_billable (StintEntry *entry)
{
  return stint_entry_get_billable (entry) && !stint_entry_get_break (entry);
}

/**
 * stint_focus_codec_build_start:
 *
 * Returns: (transfer full): the body of `POST ~/tracking/start`, with only
 *   the documented members (description, project_id, start, task_id, type):
 *   tags and billable need a PATCH afterwards.
 */
JsonNode *
stint_focus_codec_build_start (StintEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (STINT_IS_ENTRY (entry), NULL);

  json_builder_begin_object (builder);
  add_time (builder, "start", stint_entry_get_start (entry));
  add_type (builder, entry);
  if (stint_entry_get_description (entry)[0] != '\0')
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, stint_entry_get_description (entry));
    }
  if (stint_entry_get_project_id (entry) > 0)
    add_int (builder, "project_id", stint_entry_get_project_id (entry));
  if (stint_entry_get_task_id (entry) > 0)
    add_int (builder, "task_id", stint_entry_get_task_id (entry));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * stint_focus_codec_build_create:
 * @entry: a finished entry
 * @tag_ids: (nullable) (element-type gint64): its tags' ids
 * @task_scoped: for `POST ~/tasks/{task_id}/time-entries`, whose task is in
 *   the path and whose documented body has no project or tags
 *
 * Returns: (transfer full): the body of `POST ~/time-entries`, where `type`
 *   is required (README §3.5), or of the task-scoped create.
 */
JsonNode *
stint_focus_codec_build_create (StintEntry *entry,
                                GArray     *tag_ids,
                                gboolean    task_scoped)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (STINT_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (!stint_entry_is_running (entry), NULL);

  json_builder_begin_object (builder);
  add_time (builder, "start", stint_entry_get_start (entry));
  add_int (builder, "duration", stint_entry_get_stop (entry) - stint_entry_get_start (entry));
  add_type (builder, entry);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, stint_entry_get_description (entry));
  if (!task_scoped && stint_entry_get_project_id (entry) > 0)
    add_int (builder, "project_id", stint_entry_get_project_id (entry));
  if (!task_scoped && tag_ids != NULL && tag_ids->len > 0)
    add_tag_ids (builder, tag_ids);
  /* Sent only when set: false is the default. */
  if (wants_billable (entry))
    {
      json_builder_set_member_name (builder, "billable");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * stint_focus_codec_build_update:
 * @entry: the entry as it should be
 * @before: (nullable): as the server has it; %NULL sends every field
 * @tag_ids: (nullable) (element-type gint64): @entry's tag ids, needed only
 *   when its tags differ from @before's
 *
 * Returns: (transfer full): the body of `PATCH ~/time-entries/{id}` with only
 *   what changed (absent members stay as they are; an empty object when
 *   nothing did). A running entry gets no duration: it keeps running.
 */
JsonNode *
stint_focus_codec_build_update (StintEntry *entry,
                                StintEntry *before,
                                GArray     *tag_ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  gboolean running = stint_entry_is_running (entry);

  g_return_val_if_fail (STINT_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (before == NULL || STINT_IS_ENTRY (before), NULL);

  json_builder_begin_object (builder);

  if (before == NULL ||
      g_strcmp0 (stint_entry_get_description (before), stint_entry_get_description (entry)) != 0)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, stint_entry_get_description (entry));
    }

  /* null takes the project away. */
  if (before == NULL || stint_entry_get_project_id (before) != stint_entry_get_project_id (entry))
    {
      json_builder_set_member_name (builder, "project_id");
      if (stint_entry_get_project_id (entry) > 0)
        json_builder_add_int_value (builder, stint_entry_get_project_id (entry));
      else
        json_builder_add_null_value (builder);
    }

  if (tag_ids != NULL &&
      (before == NULL || !g_strv_equal ((const char * const *)stint_entry_get_tags (before),
                                        (const char * const *)stint_entry_get_tags (entry))))
    add_tag_ids (builder, tag_ids);

  if (before == NULL || stint_entry_get_break (before) != stint_entry_get_break (entry))
    add_type (builder, entry);

  /* Onto another task; leaving every task is not something Focus documents. */
  if (before != NULL && stint_entry_get_task_id (entry) > 0 &&
      stint_entry_get_task_id (before) != stint_entry_get_task_id (entry))
    add_int (builder, "task_id", stint_entry_get_task_id (entry));

  if (before == NULL || wants_billable (before) != wants_billable (entry))
    {
      json_builder_set_member_name (builder, "billable");
      json_builder_add_boolean_value (builder, wants_billable (entry));
    }

  if (before == NULL || stint_entry_get_start (before) != stint_entry_get_start (entry))
    add_time (builder, "start", stint_entry_get_start (entry));

  /* The duration follows the start: moving the start keeps the stop. */
  if (!running &&
      (before == NULL || stint_entry_get_start (before) != stint_entry_get_start (entry) ||
       stint_entry_get_stop (before) != stint_entry_get_stop (entry)))
    add_int (builder, "duration", stint_entry_get_stop (entry) - stint_entry_get_start (entry));

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The body of `POST ~/tracking/stop`. */
JsonNode *
stint_focus_codec_build_stop (gint64 end)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  add_time (builder, "end", end);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
