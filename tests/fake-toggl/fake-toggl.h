/* fake-toggl.h: a stateful fake Toggl server for tests, on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "util/stint-clock.h"

G_BEGIN_DECLS

/**
 * FakeTogglFaultKind:
 * @FAKE_TOGGL_FAULT_STATUS: answer @status (default 500) with @body (default a
 *   JSON string) and @content_type, without touching the state
 * @FAKE_TOGGL_FAULT_DELAY: handle the request, then hold the answer @delay_ms
 * @FAKE_TOGGL_FAULT_CLOSE_BEFORE: drop the connection; the change is not applied
 * @FAKE_TOGGL_FAULT_CLOSE_AFTER: apply the change, then drop the connection
 *   instead of answering
 * @FAKE_TOGGL_FAULT_MALFORMED: apply the change, answer 200 with cut-off JSON
 * @FAKE_TOGGL_FAULT_RATE_LIMIT: answer 429 with `Retry-After: @retry_after`
 *   (none when 0), without touching the state
 */
typedef enum {
  FAKE_TOGGL_FAULT_STATUS,
  FAKE_TOGGL_FAULT_DELAY,
  FAKE_TOGGL_FAULT_CLOSE_BEFORE,
  FAKE_TOGGL_FAULT_CLOSE_AFTER,
  FAKE_TOGGL_FAULT_MALFORMED,
  FAKE_TOGGL_FAULT_RATE_LIMIT,
} FakeTogglFaultKind;

/**
 * FakeTogglFault:
 * @method: (nullable): "POST", … or %NULL for any
 * @path: a glob (g_pattern_match_simple) on the full request path, such as
 *   "/api/v9/workspaces/ * /time_entries" (without the spaces) or "/api/v9/me*"
 * @times: how many matching requests it hits (0 means 1)
 *
 * Faults are queued: a request takes the first one that matches it.
 */
typedef struct
{
  const char         *method;
  const char         *path;
  FakeTogglFaultKind  kind;
  guint               times;
  guint               status;
  guint               delay_ms;
  guint               retry_after;
  const char         *body;
  const char         *content_type;
} FakeTogglFault;

/* One request as the server saw it (the Authorization header is never kept). */
typedef struct
{
  char     *method;
  char     *path;        /* full path, e.g. /api/v9/me */
  char     *query;       /* raw query string or NULL */
  char     *body;        /* request body text or NULL */
  char     *bucket;      /* quota bucket it was counted in, or NULL */
  char     *user_agent;
  guint     status;      /* what was answered; 0 when the connection was dropped */
  gboolean  applied;     /* whether it changed the server's state */
} FakeTogglRequest;

#define FAKE_TYPE_TOGGL (fake_toggl_get_type ())
G_DECLARE_FINAL_TYPE (FakeToggl, fake_toggl, FAKE, TOGGL, GObject)

FakeToggl              *fake_toggl_new                 (StintClock           *clock,
                                                        guint                 port,
                                                        GError              **error);
gboolean                fake_toggl_load_fixture        (FakeToggl            *self,
                                                        const char           *path,
                                                        GError              **error);
gboolean                fake_toggl_load_fixture_data   (FakeToggl            *self,
                                                        const char           *json,
                                                        GError              **error);
const char             *fake_toggl_get_url             (FakeToggl            *self);
char                   *fake_toggl_dup_track_url       (FakeToggl            *self);
StintClock             *fake_toggl_get_clock           (FakeToggl            *self);

void                    fake_toggl_set_user_quota      (FakeToggl            *self,
                                                        guint                 per_hour);
void                    fake_toggl_set_workspace_quota (FakeToggl            *self,
                                                        guint                 per_hour);
void                    fake_toggl_set_burst_limit     (FakeToggl            *self,
                                                        guint                 per_second,
                                                        guint                 retry_after);
void                    fake_toggl_set_auth_failure_status (FakeToggl        *self,
                                                        guint                 status);
void                    fake_toggl_add_fault           (FakeToggl            *self,
                                                        const FakeTogglFault *fault);
void                    fake_toggl_clear_faults        (FakeToggl            *self);

guint                   fake_toggl_get_n_requests      (FakeToggl            *self);
const FakeTogglRequest *fake_toggl_get_request         (FakeToggl            *self,
                                                        guint                 index);
guint                   fake_toggl_count_requests      (FakeToggl            *self,
                                                        const char           *method,
                                                        const char           *path_glob);
void                    fake_toggl_clear_log           (FakeToggl            *self);

void                    fake_toggl_set_idle_current_status (FakeToggl        *self,
                                                        guint                 status);
void                    fake_toggl_set_admin_enabled   (FakeToggl            *self,
                                                        gboolean              enabled);
void                    fake_toggl_set_tasks_plan      (FakeToggl            *self,
                                                        gint64                user_id,
                                                        gboolean              has_tasks);

/* The server's state, read and changed directly (no request, no quota). */
JsonObject             *fake_toggl_get_entry           (FakeToggl            *self,
                                                        gint64                id);
guint                   fake_toggl_count_entries       (FakeToggl            *self,
                                                        gint64                user_id,
                                                        gboolean              include_deleted);
JsonObject             *fake_toggl_get_running         (FakeToggl            *self,
                                                        gint64                user_id);
GPtrArray              *fake_toggl_find_entries        (FakeToggl            *self,
                                                        gint64                user_id,
                                                        const char           *description,
                                                        gboolean              include_deleted);
JsonObject             *fake_toggl_add_entry           (FakeToggl            *self,
                                                        gint64                user_id,
                                                        const char           *json,
                                                        GError              **error);
gboolean                fake_toggl_delete_entry        (FakeToggl            *self,
                                                        gint64                id);
JsonObject             *fake_toggl_stop_entry          (FakeToggl            *self,
                                                        gint64                id);

G_END_DECLS
