/* focus-backend-fixture.h: what the StintFocusBackend tests share
 *
 * Included by test-focus-backend.c, test-focus-backend-create.c and
 * test-focus-backend-changes.c, which are one suite split by topic: a
 * fixture with a manual clock, the fake
 * (tests/data/fake-focus-accounts.json loaded) and a backend for Grace's
 * organization and workspace; the async calls driven to their end; and
 * helpers to look at what the fake saw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "api/stint-focus-backend.h"
#include "fake-toggl-focus.h"
#include "stint-test-utils.h"

#define GRACE_KEY "toggl_sk_9f8e7d6c5b4a39281706f5e4d3c2b1a0"
#define GRACE 2001
#define ORG "178452"
#define WS 600100
#define PROJECT 610001
#define TASK 640001
#define TAGGED G_GINT64_CONSTANT (6500000001)
#define TASK_ENTRY G_GINT64_CONSTANT (6500000002)
#define BREAK_ENTRY G_GINT64_CONSTANT (6500000003)
#define SCOPE "/focus/api/organizations/178452/workspaces/600100"
/* 2025-03-03T13:05:00Z */
#define T0 G_GINT64_CONSTANT (1741007100)
#define HOUR 3600
#define DAY (24 * HOUR)

typedef struct
{
  char         *bucket;
  StintApiMeta  meta;
} Response;

typedef struct
{
  StintClock   *clock;
  FakeToggl    *fake;
  StintHttp    *http;
  StintBackend *backend;
  GArray       *responses;   /* Response */
} Fixture;

G_GNUC_UNUSED static void
response_clear (Response *response)
{
  g_free (response->bucket);
}

G_GNUC_UNUSED static void
on_response (StintBackend *backend,
             const char   *bucket,
             StintApiMeta *meta,
             Fixture      *f)
{
  Response response = { g_strdup (bucket), *meta };

  g_array_append_val (f->responses, response);
}

G_GNUC_UNUSED static void
use_backend (Fixture    *f,
             const char *organization,
             gint64      workspace)
{
  g_clear_object (&f->backend);
  f->backend = STINT_BACKEND (stint_focus_backend_new (f->http, organization, workspace));
  g_signal_connect (f->backend, "response", G_CALLBACK (on_response), f);
}

G_GNUC_UNUSED static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "fake-focus-accounts.json", NULL);
  g_autofree char *url = NULL;

  f->clock = stint_clock_new_manual (T0 * (gint64)G_USEC_PER_SEC);
  f->fake = fake_toggl_new (f->clock, 0, &error);
  g_assert_no_error (error);
  fake_toggl_load_fixture (f->fake, fixture, &error);
  g_assert_no_error (error);
  fake_toggl_focus_set_quota (f->fake, 1000);

  url = fake_toggl_dup_focus_url (f->fake);
  f->http = stint_http_new (f->clock);
  stint_http_set_base_url (f->http, url, &error);
  g_assert_no_error (error);
  stint_http_set_auth (f->http, STINT_HTTP_AUTH_BEARER, GRACE_KEY);

  f->responses = g_array_new (FALSE, TRUE, sizeof (Response));
  g_array_set_clear_func (f->responses, (GDestroyNotify)response_clear);
  use_backend (f, ORG, WS);
}

G_GNUC_UNUSED static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->backend);
  g_clear_object (&f->http);
  g_clear_object (&f->fake);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->responses, g_array_unref);
}

/* Every message of the process, debug ones too, also goes here while a
 * test collects them: the key must never be in one. */
static GString *captured_log;

G_GNUC_UNUSED static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; captured_log != NULL && i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      g_string_append_printf (captured_log, "%s\n", (const char *)fields[i].value);
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* --- driving async calls ------------------------------------------------- */

G_GNUC_UNUSED static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

G_GNUC_UNUSED static gboolean
on_stuck (gpointer user_data)
{
  g_error ("The operation did not finish within 10 s");
  return G_SOURCE_REMOVE;
}

G_GNUC_UNUSED static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  guint watchdog = g_timeout_add_seconds (10, on_stuck, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  return *slot;
}

/* Runs call (backend, ARGS…, NULL, …) and its finish, setting @error_out. */
#define RUN(error_out, call, finish, ...) \
  ({ g_autoptr(GAsyncResult) _result = NULL; \
     call (f->backend, __VA_ARGS__, NULL, store_result_cb, &_result); \
     finish (f->backend, wait_for (&_result), (error_out)); })

G_GNUC_UNUSED static StintBackendAccount *
fetch_account (Fixture  *f,
               GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_fetch_account_async (f->backend, NULL, store_result_cb, &result);
  return stint_backend_fetch_account_finish (f->backend, wait_for (&result), error);
}

G_GNUC_UNUSED static StintBackendChanges *
fetch_changes (Fixture  *f,
               GError  **error)
{
  return RUN (error, stint_backend_fetch_changes_async, stint_backend_fetch_changes_finish, T0 - HOUR);
}

G_GNUC_UNUSED static gboolean
fetch_current (Fixture     *f,
               StintEntry **current,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_fetch_current_async (f->backend, NULL, store_result_cb, &result);
  return stint_backend_fetch_current_finish (f->backend, wait_for (&result), current, error);
}

G_GNUC_UNUSED static StintEntry *
create_entry (Fixture     *f,
              StintEntry  *entry,
              GError     **error)
{
  return RUN (error, stint_backend_create_entry_async, stint_backend_create_entry_finish, entry);
}

G_GNUC_UNUSED static StintEntry *
update_entry (Fixture     *f,
              StintEntry  *entry,
              StintEntry  *before,
              GError     **error)
{
  return RUN (error, stint_backend_update_entry_async, stint_backend_update_entry_finish, entry, before);
}

G_GNUC_UNUSED static StintEntry *
stop_entry (Fixture     *f,
            StintEntry  *entry,
            GError     **error)
{
  return RUN (error, stint_backend_stop_entry_async, stint_backend_stop_entry_finish, entry);
}

G_GNUC_UNUSED static gboolean
delete_entry (Fixture  *f,
              gint64    server_id,
              GError  **error)
{
  return RUN (error, stint_backend_delete_entry_async, stint_backend_delete_entry_finish, WS, server_id);
}

/* --- helpers ------------------------------------------------------------- */

G_GNUC_UNUSED static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
}

G_GNUC_UNUSED static const FakeTogglRequest *
request_from_end (Fixture *f,
                  guint    back)
{
  guint n = fake_toggl_get_n_requests (f->fake);

  g_assert_cmpuint (n, >, back);
  return fake_toggl_get_request (f->fake, n - 1 - back);
}

#define last_request(f) request_from_end ((f), 0)

G_GNUC_UNUSED static void
assert_request (const FakeTogglRequest *request,
                const char             *method,
                const char             *path,
                guint                   status)
{
  g_assert_cmpstr (request->method, ==, method);
  g_assert_cmpstr (request->path, ==, path);
  g_assert_cmpuint (request->status, ==, status);
}

/* SCOPE/time-entries/@id, valid until the next call. */
G_GNUC_UNUSED static const char *
entry_path (gint64 id)
{
  static char *path;

  g_free (path);
  path = g_strdup_printf (SCOPE "/time-entries/%" G_GINT64_FORMAT, id);
  return path;
}

G_GNUC_UNUSED static JsonObject *
request_body (const FakeTogglRequest *request)
{
  static JsonNode *node;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&node, json_node_unref);
  node = json_from_string (request->body, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

G_GNUC_UNUSED static const Response *
last_response (Fixture *f)
{
  g_assert_cmpuint (f->responses->len, >, 0);
  return &g_array_index (f->responses, Response, f->responses->len - 1);
}

G_GNUC_UNUSED static void
assert_all_buckets_organization (Fixture *f)
{
  for (guint i = 0; i < f->responses->len; i++)
    g_assert_cmpstr (g_array_index (f->responses, Response, i).bucket, ==, "organization");
}

G_GNUC_UNUSED static gint64
server_int (JsonObject *entry,
            const char *member)
{
  return json_object_get_int_member_with_default (entry, member, -1);
}

G_GNUC_UNUSED static StintEntry *
new_entry (const char *description,
           gint64      start,
           gint64      stop)
{
  StintEntry *entry = stint_test_entry_new (description, start, stop);

  stint_entry_set_workspace_id (entry, WS);
  return entry;
}

G_GNUC_UNUSED static StintEntry *
entry_on_server (gint64 server_id,
                 gint64 start,
                 gint64 stop)
{
  StintEntry *entry = new_entry ("On the server", start, stop);

  stint_entry_set_server_id (entry, server_id);
  return entry;
}
