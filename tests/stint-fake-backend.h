/* stint-fake-backend.h: an in-memory Toggl service for sync tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "api/stint-backend.h"
#include "util/stint-clock.h"

G_BEGIN_DECLS

#define STINT_FAKE_USER_ID       G_GINT64_CONSTANT (4242)
#define STINT_FAKE_WORKSPACE_ID  G_GINT64_CONSTANT (777)

#define STINT_TYPE_FAKE_BACKEND (stint_fake_backend_get_type ())
G_DECLARE_FINAL_TYPE (StintFakeBackend, stint_fake_backend, STINT, FAKE_BACKEND, GObject)

StintFakeBackend *stint_fake_backend_new           (StintClock         *clock);

/* How the service behaves */
void              stint_fake_backend_push_error    (StintFakeBackend   *self,
                                                    StintApiError       code,
                                                    const char         *message,
                                                    const StintApiMeta *meta);
void              stint_fake_backend_push_lost_reply (StintFakeBackend *self,
                                                    StintApiError       code,
                                                    const char         *message);
void              stint_fake_backend_set_offline   (StintFakeBackend   *self,
                                                    gboolean            offline);
void              stint_fake_backend_set_hold      (StintFakeBackend   *self,
                                                    gboolean            hold);
guint             stint_fake_backend_get_n_held    (StintFakeBackend   *self);
guint             stint_fake_backend_release       (StintFakeBackend   *self);

/* What reached it */
guint             stint_fake_backend_get_n_requests (StintFakeBackend  *self);
guint             stint_fake_backend_count         (StintFakeBackend   *self,
                                                    const char         *what);
char             *stint_fake_backend_dup_log       (StintFakeBackend   *self);
void              stint_fake_backend_clear_log     (StintFakeBackend   *self);

/* The server side, as another device would change it */
gint64            stint_fake_backend_add_entry     (StintFakeBackend   *self,
                                                    StintEntry         *entry);
gboolean          stint_fake_backend_edit_entry    (StintFakeBackend   *self,
                                                    gint64              server_id,
                                                    const char         *description);
gboolean          stint_fake_backend_remove_entry  (StintFakeBackend   *self,
                                                    gint64              server_id);
StintEntry       *stint_fake_backend_lookup        (StintFakeBackend   *self,
                                                    gint64              server_id);
GPtrArray        *stint_fake_backend_get_entries   (StintFakeBackend   *self);
gint64            stint_fake_backend_add_project   (StintFakeBackend   *self,
                                                    const char         *name);
gint64            stint_fake_backend_add_tag       (StintFakeBackend   *self,
                                                    const char         *name);

/* A GNetworkMonitor a test switches on and off (stint-fake-network.c). */
#define STINT_TYPE_FAKE_NETWORK (stint_fake_network_get_type ())
G_DECLARE_FINAL_TYPE (StintFakeNetwork, stint_fake_network, STINT, FAKE_NETWORK, GObject)

StintFakeNetwork *stint_fake_network_new           (gboolean            available);
void              stint_fake_network_set_available (StintFakeNetwork   *self,
                                                    gboolean            available);

G_END_DECLS
