/* stint-json.h: careful readers and writers for the wire formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * StintJsonPresence:
 * @STINT_JSON_MISSING: the member is absent
 * @STINT_JSON_NULL: the member is `null`
 * @STINT_JSON_VALUE: the member holds a value of the asked type (written to the out argument)
 * @STINT_JSON_WRONG_TYPE: the member holds something else (or an unreadable time)
 *
 * Toggl omits members whose value is null, or sends them as `null`: callers
 * that care tell the four apart, most treat MISSING and NULL alike.
 */
typedef enum {
  STINT_JSON_MISSING,
  STINT_JSON_NULL,
  STINT_JSON_VALUE,
  STINT_JSON_WRONG_TYPE,
} StintJsonPresence;

StintJsonPresence  stint_json_read_int    (JsonObject  *object,
                                           const char  *member,
                                           gint64      *out);
StintJsonPresence  stint_json_read_bool   (JsonObject  *object,
                                           const char  *member,
                                           gboolean    *out);
StintJsonPresence  stint_json_read_string (JsonObject  *object,
                                           const char  *member,
                                           const char **out);
StintJsonPresence  stint_json_read_time   (JsonObject  *object,
                                           const char  *member,
                                           gint64      *out);
StintJsonPresence  stint_json_read_strv   (JsonObject  *object,
                                           const char  *member,
                                           char      ***out);

gboolean           stint_json_parse_time  (const char  *text,
                                           gint64      *out);
char              *stint_json_format_time (gint64       unix_seconds);

G_END_DECLS
