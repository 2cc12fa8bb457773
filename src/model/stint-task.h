/* stint-task.h: a task within a project (a paid Toggl Track feature)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STINT_TYPE_TASK (stint_task_get_type ())
G_DECLARE_FINAL_TYPE (StintTask, stint_task, STINT, TASK, GObject)

StintTask  *stint_task_new                   (gint64      id,
                                              const char *name);
gint64      stint_task_get_id                (StintTask  *self);
void        stint_task_set_id                (StintTask  *self,
                                              gint64      id);
gint64      stint_task_get_server_id         (StintTask  *self);
void        stint_task_set_server_id         (StintTask  *self,
                                              gint64      server_id);
gint64      stint_task_get_workspace_id      (StintTask  *self);
void        stint_task_set_workspace_id      (StintTask  *self,
                                              gint64      workspace_id);
gint64      stint_task_get_project_id        (StintTask  *self);
void        stint_task_set_project_id        (StintTask  *self,
                                              gint64      project_id);
const char *stint_task_get_name              (StintTask  *self);
void        stint_task_set_name              (StintTask  *self,
                                              const char *name);
gboolean    stint_task_get_active            (StintTask  *self);
void        stint_task_set_active            (StintTask  *self,
                                              gboolean    active);
gint64      stint_task_get_estimated_seconds (StintTask  *self);
void        stint_task_set_estimated_seconds (StintTask  *self,
                                              gint64      estimated_seconds);

G_END_DECLS
