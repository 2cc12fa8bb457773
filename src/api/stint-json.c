/* stint-json.c: careful readers and writers for the wire formats
 *
 * json-glib's json_object_get_int_member() and friends return 0 or NULL for a
 * missing member, a null and a string alike, and warn on some of them. These
 * readers say which it was, so a codec can refuse a reply instead of
 * inventing an entry at 1970-01-01.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-json"

#include "config.h"

#include <math.h>

#include "stint-json.h"

static StintJsonPresence
lookup (JsonObject  *object,
        const char  *member,
        JsonNode   **out)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, STINT_JSON_MISSING);
  g_return_val_if_fail (member != NULL, STINT_JSON_MISSING);

  node = json_object_get_member (object, member);
  if (node == NULL)
    return STINT_JSON_MISSING;
  if (JSON_NODE_HOLDS_NULL (node))
    return STINT_JSON_NULL;

  *out = node;
  return STINT_JSON_VALUE;
}

StintJsonPresence
stint_json_read_int (JsonObject *object,
                     const char *member,
                     gint64     *out)
{
  JsonNode *node = NULL;
  StintJsonPresence presence = lookup (object, member, &node);
  GType type;

  if (presence != STINT_JSON_VALUE)
    return presence;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return STINT_JSON_WRONG_TYPE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return STINT_JSON_VALUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      /* "12.0" is an integer written by a sloppy server; 12.5 is not. */
      double d = json_node_get_double (node);

      if (isfinite (d) && d == floor (d) && fabs (d) < 9007199254740992.0)
        {
          *out = (gint64)d;
          return STINT_JSON_VALUE;
        }
    }

  return STINT_JSON_WRONG_TYPE;
}

StintJsonPresence
stint_json_read_bool (JsonObject *object,
                      const char *member,
                      gboolean   *out)
{
  JsonNode *node = NULL;
  StintJsonPresence presence = lookup (object, member, &node);

  if (presence != STINT_JSON_VALUE)
    return presence;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return STINT_JSON_WRONG_TYPE;

  *out = json_node_get_boolean (node);
  return STINT_JSON_VALUE;
}

StintJsonPresence
stint_json_read_string (JsonObject  *object,
                        const char  *member,
                        const char **out)
{
  JsonNode *node = NULL;
  StintJsonPresence presence = lookup (object, member, &node);

  if (presence != STINT_JSON_VALUE)
    return presence;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return STINT_JSON_WRONG_TYPE;

  *out = json_node_get_string (node);
  return STINT_JSON_VALUE;
}

StintJsonPresence
stint_json_read_time (JsonObject *object,
                      const char *member,
                      gint64     *out)
{
  const char *text = NULL;
  StintJsonPresence presence = stint_json_read_string (object, member, &text);

  if (presence != STINT_JSON_VALUE)
    return presence;

  return stint_json_parse_time (text, out) ? STINT_JSON_VALUE : STINT_JSON_WRONG_TYPE;
}

/* An array of strings; `[]` gives an empty vector, not NULL. */
StintJsonPresence
stint_json_read_strv (JsonObject   *object,
                      const char   *member,
                      char       ***out)
{
  JsonNode *node = NULL;
  StintJsonPresence presence = lookup (object, member, &node);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint n;

  if (presence != STINT_JSON_VALUE)
    return presence;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return STINT_JSON_WRONG_TYPE;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  builder = g_strv_builder_new ();

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return STINT_JSON_WRONG_TYPE;
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);
  return STINT_JSON_VALUE;
}

/**
 * stint_json_parse_time:
 * @text: an RFC 3339 date-time: `2025-03-01T09:30:00Z`, `…+02:00`, `….123456Z`
 * @out: (out): Unix seconds (fractions dropped)
 *
 * Strict: a date alone, a time without an offset, or ISO 8601 week and
 * ordinal forms (which GDateTime would take) are refused.
 */
gboolean
stint_json_parse_time (const char *text,
                       gint64     *out)
{
  static GRegex *rfc3339;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *upper = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (g_once_init_enter (&rfc3339))
    g_once_init_leave (&rfc3339,
                       g_regex_new ("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}"
                                    "(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
                                    G_REGEX_OPTIMIZE, 0, NULL));

  if (!g_regex_match (rfc3339, text, 0, NULL))
    return FALSE;

  /* RFC 3339 allows a lower-case t and z; GDateTime does not. */
  upper = g_ascii_strup (text, -1);
  dt = g_date_time_new_from_iso8601 (upper, NULL);
  if (dt == NULL)
    return FALSE;

  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* RFC 3339 in UTC with a `Z`, the form the Track spec asks for. */
char *
stint_json_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  g_return_val_if_fail (dt != NULL, NULL);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}
