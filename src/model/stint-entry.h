/* stint-entry.h: one time entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "stint-types.h"

G_BEGIN_DECLS

#define STINT_TYPE_ENTRY (stint_entry_get_type ())
G_DECLARE_FINAL_TYPE (StintEntry, stint_entry, STINT, ENTRY, GObject)

StintEntry         *stint_entry_new              (void);
StintEntry         *stint_entry_copy             (StintEntry         *self);
void                stint_entry_assign           (StintEntry         *self,
                                                  StintEntry         *from);
gboolean            stint_entry_equal_content    (StintEntry         *a,
                                                  StintEntry         *b);
gboolean            stint_entry_same_activity    (StintEntry         *a,
                                                  StintEntry         *b);

gint64              stint_entry_get_id           (StintEntry         *self);
void                stint_entry_set_id           (StintEntry         *self,
                                                  gint64              id);
gint64              stint_entry_get_server_id    (StintEntry         *self);
void                stint_entry_set_server_id    (StintEntry         *self,
                                                  gint64              server_id);
gint64              stint_entry_get_workspace_id (StintEntry         *self);
void                stint_entry_set_workspace_id (StintEntry         *self,
                                                  gint64              workspace_id);
gint64              stint_entry_get_project_id   (StintEntry         *self);
void                stint_entry_set_project_id   (StintEntry         *self,
                                                  gint64              project_id);
gint64              stint_entry_get_task_id      (StintEntry         *self);
void                stint_entry_set_task_id      (StintEntry         *self,
                                                  gint64              task_id);
const char         *stint_entry_get_description  (StintEntry         *self);
void                stint_entry_set_description  (StintEntry         *self,
                                                  const char         *description);
const char * const *stint_entry_get_tags         (StintEntry         *self);
void                stint_entry_set_tags         (StintEntry         *self,
                                                  const char * const *tags);
gboolean            stint_entry_get_billable     (StintEntry         *self);
void                stint_entry_set_billable     (StintEntry         *self,
                                                  gboolean            billable);
gboolean            stint_entry_get_break        (StintEntry         *self);
void                stint_entry_set_break        (StintEntry         *self,
                                                  gboolean            is_break);
gint64              stint_entry_get_start        (StintEntry         *self);
void                stint_entry_set_start        (StintEntry         *self,
                                                  gint64              start);
gint64              stint_entry_get_stop         (StintEntry         *self);
void                stint_entry_set_stop         (StintEntry         *self,
                                                  gint64              stop);
gboolean            stint_entry_is_running       (StintEntry         *self);
gint64              stint_entry_get_duration     (StintEntry         *self,
                                                  gint64              now);
gint64              stint_entry_get_at           (StintEntry         *self);
void                stint_entry_set_at           (StintEntry         *self,
                                                  gint64              at);
StintSyncState      stint_entry_get_sync_state   (StintEntry         *self);
const char         *stint_entry_get_sync_error   (StintEntry         *self);
void                stint_entry_set_sync_state   (StintEntry         *self,
                                                  StintSyncState      state,
                                                  const char         *error);

G_END_DECLS
