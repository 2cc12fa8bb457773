/* fake-toggl-focus-private.h: what the Focus files of the fake share, and
 * the hooks fake-toggl.c calls for paths below FAKE_TOGGL_FOCUS_PREFIX
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fake-toggl-private.h"
#include "fake-toggl-focus.h"

G_BEGIN_DECLS

/* The Focus state: JsonObjects in Focus's own shapes, as far as known. */
struct _FakeFocus
{
  GPtrArray *users;          /* with "api_key", "organizations", "workspaces" */
  GPtrArray *organizations;
  GPtrArray *workspaces;     /* with "organization_id" */
  GPtrArray *projects;
  GPtrArray *tags;
  GPtrArray *clients;
  GPtrArray *tasks;
  GPtrArray *entries;        /* deleted ones keep "deleted_at" */
  gint64     next_id;
  guint      quota;          /* per user per organization per hour */
  guint      n_traces;
  gboolean   bare_task_creates;
};

/* The hooks of the transport (fake-toggl.c, fake-toggl-quota.c) */
gboolean    fake_toggl_focus_load        (FakeToggl         *self,
                                          JsonObject        *fixture,
                                          GError           **error);
void        fake_toggl_focus_free        (FakeFocus         *focus);
JsonObject *fake_toggl_focus_auth        (FakeToggl         *self,
                                          const char        *authorization);
char       *fake_toggl_focus_bucket      (FakeToggl         *self,
                                          FakeExchange      *ex,
                                          guint             *limit);
void        fake_toggl_focus_handle      (FakeToggl         *self,
                                          FakeExchange      *ex);
void        fake_toggl_focus_shape_error (FakeToggl         *self,
                                          SoupServerMessage *msg);
void        fake_toggl_focus_admin_handle (FakeToggl        *self,
                                          SoupServerMessage *msg,
                                          const char        *method,
                                          char             **parts,
                                          guint              n_parts);

/* fake-toggl-focus.c */
FakeFocus  *fake_focus_get               (FakeToggl         *self);
void        fake_focus_error             (FakeExchange      *ex,
                                          guint              status,
                                          const char        *code,
                                          const char        *description);
void        fake_focus_set_time          (JsonObject        *object,
                                          const char        *member,
                                          gint64             when);
gboolean    fake_focus_has_value         (JsonObject        *object,
                                          const char        *member);
gboolean    fake_focus_in_workspace      (JsonObject        *object,
                                          gint64             workspace_id);
JsonNode   *fake_focus_page              (FakeExchange      *ex,
                                          GPtrArray         *objects,
                                          gboolean           with_total);

/* fake-toggl-focus-entries.c */
gint64      fake_focus_entry_start       (JsonObject        *entry);
gboolean    fake_focus_entry_live        (JsonObject        *entry);
gboolean    fake_focus_entry_running     (JsonObject        *entry);
JsonObject *fake_focus_running           (FakeToggl         *self,
                                          gint64             user_id);
void        fake_focus_touch             (FakeToggl         *self,
                                          JsonObject        *entry);
void        fake_focus_stop              (FakeToggl         *self,
                                          JsonObject        *entry,
                                          gint64             end);
gboolean    fake_focus_check_types       (FakeExchange      *ex,
                                          JsonObject        *body);
JsonObject *fake_focus_body_object       (FakeExchange      *ex,
                                          gboolean           optional);
gboolean    fake_focus_check_type        (FakeExchange      *ex,
                                          JsonObject        *body);
gboolean    fake_focus_check_refs        (FakeToggl         *self,
                                          FakeExchange      *ex,
                                          JsonObject        *body,
                                          gint64             workspace_id);
gboolean    fake_focus_apply             (FakeToggl         *self,
                                          FakeExchange      *ex,
                                          JsonObject        *entry,
                                          JsonObject        *body,
                                          const char        *members);
JsonObject *fake_focus_new_entry         (FakeToggl         *self,
                                          gint64             user_id,
                                          gint64             workspace_id);
JsonObject *fake_focus_render            (FakeToggl         *self,
                                          JsonObject        *entry,
                                          gboolean           embed);
const char *fake_focus_query             (FakeExchange      *ex,
                                          const char        *name);
JsonObject *fake_focus_find_entry        (FakeToggl         *self,
                                          FakeExchange      *ex,
                                          gint64             workspace_id,
                                          gint64             task_id,
                                          const char        *id_text,
                                          gboolean           deleted_too);
JsonObject *fake_focus_insert_entry      (FakeToggl         *self,
                                          gint64             user_id,
                                          gint64             workspace_id,
                                          JsonObject        *body,
                                          FakeExchange      *ex);
void        fake_focus_entries_handle    (FakeToggl         *self,
                                          FakeExchange      *ex,
                                          char             **parts,
                                          guint              n_parts,
                                          gint64             workspace_id);

/* fake-toggl-focus-lists.c */
void        fake_focus_list              (FakeToggl         *self,
                                          FakeExchange      *ex,
                                          gint64             workspace_id,
                                          gint64             task_id,
                                          gboolean           stream);
void        fake_focus_bulk              (FakeToggl         *self,
                                          FakeExchange      *ex,
                                          gint64             workspace_id,
                                          gboolean           restore);

G_END_DECLS
