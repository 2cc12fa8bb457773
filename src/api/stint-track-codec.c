/* stint-track-codec.c: Toggl Track v9 time entries to and from StintEntry
 *
 * Written out by hand, field by field, against the v9 swagger
 * (timeentry.Payload, models.TimeEntry): the wire names are Toggl's, not our
 * property names. Ids are Toggl's server ids in both directions; turning them
 * into local ids is the sync layer's job. Users, workspaces, projects and tags
 * are in stint-track-account-codec.c; both share the readers below through
 * stint-track-codec-private.h.
 *
 * Toggl omits null members or sends them as `null`; both mean "none". A member
 * of the wrong type makes the whole object unreadable rather than silently 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-track-codec"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-api-error.h"
#include "stint-json.h"
#include "stint-track-codec.h"
#include "stint-track-codec-private.h"

gboolean
stint_track_unreadable (GError     **error,
                        const char  *what,
                        const char  *member)
{
  /* The member name helps a bug report; the sentence stays for people. */
  g_debug ("Unreadable %s: member “%s”", what, member);
  g_set_error_literal (error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY,
                       _("Toggl sent data Stint cannot read."));
  return FALSE;
}

JsonObject *
stint_track_expect_object (JsonNode    *node,
                           const char  *what,
                           GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      stint_track_unreadable (error, what, "(not an object)");
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
stint_track_expect_array (JsonNode    *node,
                          const char  *what,
                          GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      stint_track_unreadable (error, what, "(not an array)");
      return NULL;
    }
  return json_node_get_array (node);
}

/* An id that may be null (project, task): 0 means none. Legacy names (pid,
 * tid, wid) are read when the new one is absent. */
gboolean
stint_track_read_optional_id (JsonObject  *object,
                              const char  *member,
                              const char  *legacy,
                              gint64      *out,
                              const char  *what,
                              GError     **error)
{
  StintJsonPresence presence = stint_json_read_int (object, member, out);

  if (presence == STINT_JSON_MISSING && legacy != NULL)
    presence = stint_json_read_int (object, legacy, out);

  switch (presence)
    {
    case STINT_JSON_VALUE:
      if (*out < 0)
        return stint_track_unreadable (error, what, member);
      return TRUE;
    case STINT_JSON_MISSING:
    case STINT_JSON_NULL:
      *out = 0;
      return TRUE;
    case STINT_JSON_WRONG_TYPE:
    default:
      return stint_track_unreadable (error, what, member);
    }
}

gboolean
stint_track_read_required_id (JsonObject  *object,
                              const char  *member,
                              const char  *legacy,
                              gint64      *out,
                              const char  *what,
                              GError     **error)
{
  if (!stint_track_read_optional_id (object, member, legacy, out, what, error))
    return FALSE;
  if (*out <= 0)
    return stint_track_unreadable (error, what, member);
  return TRUE;
}

/* A timestamp whose presence marks a deletion. */
gboolean
stint_track_read_deleted (JsonObject  *object,
                          const char  *member,
                          gboolean    *deleted,
                          const char  *what,
                          GError     **error)
{
  gint64 when;

  switch (stint_json_read_time (object, member, &when))
    {
    case STINT_JSON_VALUE:
      *deleted = TRUE;
      return TRUE;
    case STINT_JSON_MISSING:
    case STINT_JSON_NULL:
      *deleted = FALSE;
      return TRUE;
    case STINT_JSON_WRONG_TYPE:
    default:
      return stint_track_unreadable (error, what, member);
    }
}

gboolean
stint_track_read_optional_time (JsonObject  *object,
                                const char  *member,
                                gint64      *out,
                                const char  *what,
                                GError     **error)
{
  switch (stint_json_read_time (object, member, out))
    {
    case STINT_JSON_VALUE:
      return TRUE;
    case STINT_JSON_MISSING:
    case STINT_JSON_NULL:
      *out = 0;
      return TRUE;
    case STINT_JSON_WRONG_TYPE:
    default:
      return stint_track_unreadable (error, what, member);
    }
}

/**
 * stint_track_codec_parse_entry:
 * @node: a models.TimeEntry object
 * @deleted: (out) (optional): set when the entry carries `server_deleted_at`
 *
 * Returns: (transfer full) (nullable): the entry with Toggl's ids (its server
 *   id, workspace, project and task ids; the local id is 0), or %NULL and
 *   %STINT_API_ERROR_BAD_REPLY.
 */
StintEntry *
stint_track_codec_parse_entry (JsonNode  *node,
                               gboolean  *deleted,
                               GError   **error)
{
  g_autoptr(StintEntry) entry = NULL;
  g_auto(GStrv) tags = NULL;
  JsonObject *object;
  const char *description = NULL;
  gint64 id, workspace_id, project_id, task_id;
  gint64 start, stop = 0, duration = 0, at;
  gboolean billable = FALSE;
  gboolean is_deleted = FALSE;
  StintJsonPresence presence;

  if ((object = stint_track_expect_object (node, "time entry", error)) == NULL ||
      !stint_track_read_required_id (object, "id", NULL, &id, "time entry", error) ||
      !stint_track_read_required_id (object, "workspace_id", "wid", &workspace_id, "time entry", error) ||
      !stint_track_read_optional_id (object, "project_id", "pid", &project_id, "time entry", error) ||
      !stint_track_read_optional_id (object, "task_id", "tid", &task_id, "time entry", error) ||
      !stint_track_read_optional_time (object, "stop", &stop, "time entry", error) ||
      !stint_track_read_optional_time (object, "at", &at, "time entry", error) ||
      !stint_track_read_deleted (object, "server_deleted_at", &is_deleted, "time entry", error))
    return NULL;

  if (stint_json_read_time (object, "start", &start) != STINT_JSON_VALUE)
    return stint_track_unreadable (error, "time entry", "start"), NULL;

  /* Running: any negative duration (-1, or minus the start epoch in older
   * replies); a stop is then meaningless. Stopped: trust `stop`, or derive it
   * from the duration for entries made with a duration only. */
  presence = stint_json_read_int (object, "duration", &duration);
  if (presence == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "time entry", "duration"), NULL;
  if (presence == STINT_JSON_VALUE && duration < 0)
    stop = 0;
  else if (stop == 0)
    {
      if (presence != STINT_JSON_VALUE)
        return stint_track_unreadable (error, "time entry", "duration"), NULL;
      stop = start + duration;
    }
  if (stop != 0 && stop < start)
    return stint_track_unreadable (error, "time entry", "stop"), NULL;

  presence = stint_json_read_string (object, "description", &description);
  if (presence == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "time entry", "description"), NULL;

  if (stint_json_read_bool (object, "billable", &billable) == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "time entry", "billable"), NULL;

  if (stint_json_read_strv (object, "tags", &tags) == STINT_JSON_WRONG_TYPE)
    return stint_track_unreadable (error, "time entry", "tags"), NULL;

  entry = stint_entry_new ();
  stint_entry_set_server_id (entry, id);
  stint_entry_set_workspace_id (entry, workspace_id);
  stint_entry_set_project_id (entry, project_id);
  stint_entry_set_task_id (entry, task_id);
  stint_entry_set_description (entry, description);
  stint_entry_set_tags (entry, (const char * const *)tags);
  stint_entry_set_billable (entry, billable);
  stint_entry_set_start (entry, start);
  stint_entry_set_stop (entry, stop);
  stint_entry_set_at (entry, at);

  if (deleted != NULL)
    *deleted = is_deleted;

  return g_steal_pointer (&entry);
}

/**
 * stint_track_codec_parse_entries:
 * @node: an array of models.TimeEntry (`GET /me/time_entries`)
 * @entries: (out) (element-type StintEntry): the live entries
 * @deleted_ids: (out) (optional) (element-type gint64): server ids of
 *   entries deleted on the server (they come with `since`)
 */
gboolean
stint_track_codec_parse_entries (JsonNode   *node,
                                 GPtrArray **entries,
                                 GArray    **deleted_ids,
                                 GError    **error)
{
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GArray) gone = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (entries != NULL, FALSE);

  if ((array = stint_track_expect_array (node, "time entries", error)) == NULL)
    return FALSE;

  n = json_array_get_length (array);
  live = g_ptr_array_new_full (n, g_object_unref);
  gone = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      gboolean deleted = FALSE;
      StintEntry *entry = stint_track_codec_parse_entry (json_array_get_element (array, i),
                                                         &deleted, error);

      if (entry == NULL)
        return FALSE;

      if (deleted)
        {
          gint64 id = stint_entry_get_server_id (entry);

          g_array_append_val (gone, id);
          g_object_unref (entry);
        }
      else
        g_ptr_array_add (live, entry);
    }

  *entries = g_steal_pointer (&live);
  if (deleted_ids != NULL)
    *deleted_ids = g_steal_pointer (&gone);

  return TRUE;
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
add_optional_id (JsonBuilder *builder,
                 const char  *member,
                 gint64       id)
{
  json_builder_set_member_name (builder, member);
  if (id > 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

static void
add_tags (JsonBuilder        *builder,
          const char * const *tags)
{
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
}

/* start, stop and duration together, so they always agree (Toggl refuses a
 * body where start + duration != stop). */
static void
add_times (JsonBuilder *builder,
           StintEntry  *entry)
{
  gint64 start = stint_entry_get_start (entry);
  gint64 stop = stint_entry_get_stop (entry);

  add_time (builder, "start", start);
  json_builder_set_member_name (builder, "duration");
  if (stint_entry_is_running (entry))
    json_builder_add_int_value (builder, -1);
  else
    {
      json_builder_add_int_value (builder, stop - start);
      add_time (builder, "stop", stop);
    }
}

/**
 * stint_track_codec_build_create:
 * @entry: the entry, its workspace, project and task ids being Toggl's
 *
 * Returns: (transfer full): the timeentry.Payload for
 *   `POST /workspaces/{workspace_id}/time_entries`.
 */
JsonNode *
stint_track_codec_build_create (StintEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char * const *tags;

  g_return_val_if_fail (STINT_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (stint_entry_get_workspace_id (entry) > 0, NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "created_with");
  json_builder_add_string_value (builder, STINT_TRACK_CREATED_WITH);
  json_builder_set_member_name (builder, "workspace_id");
  json_builder_add_int_value (builder, stint_entry_get_workspace_id (entry));
  add_times (builder, entry);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, stint_entry_get_description (entry) ?: "");

  if (stint_entry_get_project_id (entry) > 0)
    add_optional_id (builder, "project_id", stint_entry_get_project_id (entry));
  if (stint_entry_get_task_id (entry) > 0)
    add_optional_id (builder, "task_id", stint_entry_get_task_id (entry));

  tags = stint_entry_get_tags (entry);
  if (tags != NULL && tags[0] != NULL)
    add_tags (builder, tags);

  /* Sent only when set: false is the default, and billing is a paid feature. */
  if (stint_entry_get_billable (entry))
    {
      json_builder_set_member_name (builder, "billable");
      json_builder_add_boolean_value (builder, TRUE);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
strv_same (const char * const *a,
           const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a != NULL ? a : empty, b != NULL ? b : empty);
}

/**
 * stint_track_codec_build_update:
 * @entry: the entry as it should be (Toggl's ids)
 * @before: (nullable): the entry as the server last had it; %NULL sends every field
 *
 * Returns: (transfer full): the timeentry.Payload for
 *   `PUT /workspaces/{workspace_id}/time_entries/{id}` with only what changed
 *   (an empty object when nothing did). `tags` replaces the whole list.
 */
JsonNode *
stint_track_codec_build_update (StintEntry *entry,
                                StintEntry *before)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (STINT_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (before == NULL || STINT_IS_ENTRY (before), NULL);

  json_builder_begin_object (builder);

  if (before != NULL && stint_entry_get_workspace_id (before) != stint_entry_get_workspace_id (entry))
    {
      json_builder_set_member_name (builder, "workspace_id");
      json_builder_add_int_value (builder, stint_entry_get_workspace_id (entry));
    }

  if (before == NULL ||
      g_strcmp0 (stint_entry_get_description (before), stint_entry_get_description (entry)) != 0)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, stint_entry_get_description (entry) ?: "");
    }

  /* null clears the project or task. */
  if (before == NULL || stint_entry_get_project_id (before) != stint_entry_get_project_id (entry))
    add_optional_id (builder, "project_id", stint_entry_get_project_id (entry));
  if (before == NULL || stint_entry_get_task_id (before) != stint_entry_get_task_id (entry))
    add_optional_id (builder, "task_id", stint_entry_get_task_id (entry));

  if (before == NULL || !strv_same (stint_entry_get_tags (before), stint_entry_get_tags (entry)))
    add_tags (builder, stint_entry_get_tags (entry));

  if (before == NULL || stint_entry_get_billable (before) != stint_entry_get_billable (entry))
    {
      json_builder_set_member_name (builder, "billable");
      json_builder_add_boolean_value (builder, stint_entry_get_billable (entry));
    }

  if (before == NULL ||
      stint_entry_get_start (before) != stint_entry_get_start (entry) ||
      stint_entry_get_stop (before) != stint_entry_get_stop (entry))
    add_times (builder, entry);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
