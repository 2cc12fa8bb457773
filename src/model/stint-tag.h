/* stint-tag.h: a tag entries can carry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STINT_TYPE_TAG (stint_tag_get_type ())
G_DECLARE_FINAL_TYPE (StintTag, stint_tag, STINT, TAG, GObject)

StintTag   *stint_tag_new              (gint64      id,
                                        const char *name);
gint64      stint_tag_get_id           (StintTag   *self);
void        stint_tag_set_id           (StintTag   *self,
                                        gint64      id);
gint64      stint_tag_get_server_id    (StintTag   *self);
void        stint_tag_set_server_id    (StintTag   *self,
                                        gint64      server_id);
gint64      stint_tag_get_workspace_id (StintTag   *self);
void        stint_tag_set_workspace_id (StintTag   *self,
                                        gint64      workspace_id);
const char *stint_tag_get_name         (StintTag   *self);

G_END_DECLS
