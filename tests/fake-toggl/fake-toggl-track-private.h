/* fake-toggl-track-private.h: what the Track files of the fake share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fake-toggl-private.h"

G_BEGIN_DECLS

/* fake-toggl-track.c: helpers */
gboolean    fake_track_user_in_workspace (JsonObject *user,
                                        gint64        workspace_id);
void        fake_track_set_time        (JsonObject   *object,
                                        const char   *member,
                                        gint64        when);
void        fake_track_touch           (FakeToggl    *self,
                                        JsonObject   *object);
gboolean    fake_track_has_value       (JsonObject   *object,
                                        const char   *member);
JsonObject *fake_track_body_object     (FakeExchange *ex);
gboolean    fake_track_check_types     (FakeExchange *ex,
                                        JsonObject   *body,
                                        const char   *members,
                                        const char   *kinds);

/* fake-toggl-track-entries.c */
gboolean    fake_track_entry_live      (JsonObject   *entry);
gboolean    fake_track_entry_running   (JsonObject   *entry);
void        fake_track_stop_entry      (FakeToggl    *self,
                                        JsonObject   *entry,
                                        gint64        when);
JsonObject *fake_track_insert_entry    (FakeToggl    *self,
                                        JsonObject   *user,
                                        JsonObject   *body,
                                        FakeExchange *ex);
void        fake_track_entries_handle_workspace (FakeToggl    *self,
                                        FakeExchange *ex,
                                        char        **parts,
                                        guint         n_parts,
                                        gint64        workspace_id);
void        fake_track_entries_handle_me (FakeToggl    *self,
                                        FakeExchange *ex,
                                        char        **parts,
                                        guint         n_parts);

/* fake-toggl-track-clients.c */
gboolean    fake_track_has_tasks_plan  (JsonObject   *user);
JsonNode   *fake_track_related_clients (FakeToggl    *self,
                                        JsonObject   *user);
JsonNode   *fake_track_related_tasks   (FakeToggl    *self,
                                        JsonObject   *user);
gboolean    fake_track_clients_handle_workspace (FakeToggl    *self,
                                        FakeExchange *ex,
                                        char        **parts,
                                        guint         n_parts,
                                        gint64        workspace_id);
gboolean    fake_track_clients_handle_me (FakeToggl    *self,
                                        FakeExchange *ex,
                                        char        **parts,
                                        guint         n_parts);

G_END_DECLS
