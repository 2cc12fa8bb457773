/* stint-project.h: a project entries can belong to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STINT_TYPE_PROJECT (stint_project_get_type ())
G_DECLARE_FINAL_TYPE (StintProject, stint_project, STINT, PROJECT, GObject)

StintProject *stint_project_new              (gint64        id,
                                              const char   *name,
                                              const char   *color);
gint64        stint_project_get_id           (StintProject *self);
void          stint_project_set_id           (StintProject *self,
                                              gint64        id);
gint64        stint_project_get_server_id    (StintProject *self);
void          stint_project_set_server_id    (StintProject *self,
                                              gint64        server_id);
gint64        stint_project_get_workspace_id (StintProject *self);
void          stint_project_set_workspace_id (StintProject *self,
                                              gint64        workspace_id);
const char   *stint_project_get_name         (StintProject *self);
void          stint_project_set_name         (StintProject *self,
                                              const char   *name);
const char   *stint_project_get_color        (StintProject *self);
void          stint_project_set_color        (StintProject *self,
                                              const char   *color);
gboolean      stint_project_get_active       (StintProject *self);
void          stint_project_set_active       (StintProject *self,
                                              gboolean      active);
gint64        stint_project_get_customer_id  (StintProject *self);
void          stint_project_set_customer_id  (StintProject *self,
                                              gint64        customer_id);
const char   *stint_project_get_customer_name (StintProject *self);
void          stint_project_set_customer_name (StintProject *self,
                                               const char   *customer_name);

G_END_DECLS
