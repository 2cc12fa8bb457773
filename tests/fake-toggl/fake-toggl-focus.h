/* fake-toggl-focus.h: the fake's Toggl Focus, for tests
 *
 * Focus answers below fake_toggl_dup_focus_url(), beside Track, with the
 * same request log, faults, burst limit and quota machinery (its own
 * per-hour quota per user per organization). Its accounts come from the
 * `focus` member of a fixture (tests/data/fake-focus-accounts.json).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fake-toggl.h"

G_BEGIN_DECLS

/* Where the fake's Focus answers, below its URL, as Focus does below
 * https://focus.toggl.com. */
#define FAKE_TOGGL_FOCUS_PREFIX "/focus/api"

char       *fake_toggl_dup_focus_url           (FakeToggl  *self);

void        fake_toggl_focus_set_quota         (FakeToggl  *self,
                                                guint       per_hour);
void        fake_toggl_focus_set_key_expiry    (FakeToggl  *self,
                                                gint64      user_id,
                                                gint64      expires_at);
void        fake_toggl_focus_set_bare_task_creates (FakeToggl *self,
                                                gboolean    bare);

/* The state, read and changed as another Focus client would: no request is
 * logged or counted. */
JsonObject *fake_toggl_focus_add_entry         (FakeToggl  *self,
                                                gint64      user_id,
                                                const char *json,
                                                GError    **error);
JsonObject *fake_toggl_focus_start_elsewhere   (FakeToggl  *self,
                                                gint64      user_id,
                                                const char *description);
JsonObject *fake_toggl_focus_stop_elsewhere    (FakeToggl  *self,
                                                gint64      user_id);
gboolean    fake_toggl_focus_delete_elsewhere  (FakeToggl  *self,
                                                gint64      id);
JsonObject *fake_toggl_focus_get_entry         (FakeToggl  *self,
                                                gint64      id);
JsonObject *fake_toggl_focus_get_running       (FakeToggl  *self,
                                                gint64      user_id);
guint       fake_toggl_focus_count_entries     (FakeToggl  *self,
                                                gint64      user_id,
                                                gboolean    include_deleted);

G_END_DECLS
