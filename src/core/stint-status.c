/* stint-status.c: the running entry as a line of text or JSON for status bars
 *
 * The JSON is what waybar's custom modules read (text, tooltip, class) plus
 * the raw fields for scripts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-status"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "stint-status.h"
#include "util/stint-duration.h"

static const char *
shown_description (StintEntry *entry)
{
  const char *description = stint_entry_get_description (entry);

  return *description != '\0' ? description : _("No description");
}

static char *
format_line (StintEntry *running,
             gint64      now)
{
  g_autofree char *elapsed = NULL;

  if (running == NULL)
    return g_strdup (_("Not tracking"));

  elapsed = stint_format_hmm (stint_entry_get_duration (running, now));
  /* Translators: the running entry's description and its elapsed time */
  return g_strdup_printf (_("%s — %s"), shown_description (running), elapsed);
}

/**
 * stint_status_format_text:
 * @problem: (nullable): a sync problem only the user can solve (signed out,
 *   a change the server refused), printed on a second line
 *
 * "Writing report — 1:23", or "Not tracking"; status bars that read one
 * line get exactly that.
 */
char *
stint_status_format_text (StintEntry   *running,
                          StintProject *project,
                          const char   *problem,
                          gint64        now)
{
  g_autofree char *line = format_line (running, now);

  if (problem != NULL && *problem != '\0')
    return g_strdup_printf ("%s\n%s", line, problem);

  return g_steal_pointer (&line);
}

static char *
format_tooltip (StintEntry   *running,
                StintProject *project,
                gint64        now)
{
  g_autofree char *since = NULL;

  if (running == NULL)
    return g_strdup (_("Stint is not tracking time"));

  since = stint_format_time_of_day (stint_entry_get_start (running));
  if (project != NULL)
    /* Translators: description, project, and the time tracking started */
    return g_strdup_printf (_("%s (%s), since %s"),
                            shown_description (running), stint_project_get_name (project), since);
  /* Translators: description and the time tracking started */
  return g_strdup_printf (_("%s, since %s"), shown_description (running), since);
}

/**
 * stint_status_format_json:
 * @problem: (nullable): as for stint_status_format_text(); also sets "alert"
 * @sync: (nullable): how syncing goes ("2 changes waiting to sync")
 */
char *
stint_status_format_json (StintEntry   *running,
                          StintProject *project,
                          const char   *problem,
                          const char   *sync,
                          gint64        now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = format_line (running, now);
  g_autofree char *tooltip = format_tooltip (running, project, now);
  gboolean alert = problem != NULL && *problem != '\0';

  if (alert)
    {
      g_autofree char *plain = g_steal_pointer (&tooltip);

      tooltip = g_strdup_printf ("%s\n%s", plain, problem);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "tooltip");
  json_builder_add_string_value (builder, tooltip);
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder, running != NULL ? "tracking" : "idle");
  json_builder_set_member_name (builder, "running");
  json_builder_add_boolean_value (builder, running != NULL);

  json_builder_set_member_name (builder, "description");
  if (running != NULL)
    json_builder_add_string_value (builder, stint_entry_get_description (running));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "project");
  if (project != NULL)
    json_builder_add_string_value (builder, stint_project_get_name (project));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "start");
  if (running != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (stint_entry_get_start (running));
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *iso = g_date_time_format_iso8601 (local);

      json_builder_add_string_value (builder, iso);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "elapsed_seconds");
  json_builder_add_int_value (builder, running != NULL ? stint_entry_get_duration (running, now) : 0);

  json_builder_set_member_name (builder, "alert");
  json_builder_add_boolean_value (builder, alert);
  json_builder_set_member_name (builder, "problem");
  if (alert)
    json_builder_add_string_value (builder, problem);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "sync");
  if (sync != NULL && *sync != '\0')
    json_builder_add_string_value (builder, sync);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}
