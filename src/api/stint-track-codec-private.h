/* stint-track-codec-private.h: the readers both Track codec files share
 *
 * Each returns FALSE (or NULL) with %STINT_API_ERROR_BAD_REPLY and one
 * sentence for people, and logs which member of what was unreadable at debug
 * level for bug reports. @what names the object ("time entry", "project").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean    stint_track_unreadable         (GError     **error,
                                            const char  *what,
                                            const char  *member);
JsonObject *stint_track_expect_object      (JsonNode    *node,
                                            const char  *what,
                                            GError     **error);
JsonArray  *stint_track_expect_array       (JsonNode    *node,
                                            const char  *what,
                                            GError     **error);
gboolean    stint_track_read_optional_id   (JsonObject  *object,
                                            const char  *member,
                                            const char  *legacy,
                                            gint64      *out,
                                            const char  *what,
                                            GError     **error);
gboolean    stint_track_read_required_id   (JsonObject  *object,
                                            const char  *member,
                                            const char  *legacy,
                                            gint64      *out,
                                            const char  *what,
                                            GError     **error);
gboolean    stint_track_read_deleted       (JsonObject  *object,
                                            const char  *member,
                                            gboolean    *deleted,
                                            const char  *what,
                                            GError     **error);
gboolean    stint_track_read_optional_time (JsonObject  *object,
                                            const char  *member,
                                            gint64      *out,
                                            const char  *what,
                                            GError     **error);

G_END_DECLS
