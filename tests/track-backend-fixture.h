/* track-backend-fixture.h: what the StintTrackBackend tests share
 *
 * Included by test-track-backend.c, test-track-backend-entries.c and
 * test-track-backend-errors.c, which are one suite split by topic: a
 * manual clock shared by the fake Toggl on loopback and the client, and a
 * backend signed in as Ada that records every "response"; each operation
 * of the StintBackend interface, async, driven until its callback has
 * stored the result; and helpers to look at what the fake saw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "api/stint-track-backend.h"
#include "stint-test-fake.h"

#define ADA_TOKEN "3f2a9c4e8b7d6a5f1e0c9b8a7d6e5f4a"
#define ADA_ID 1001
#define ADA_WS 5001
#define FIXTURE_ENTRY G_GINT64_CONSTANT (3000000001)
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
setup (Fixture       *f,
       gconstpointer  data)
{
  f->clock = stint_clock_new_manual (T0 * (gint64)G_USEC_PER_SEC);
  f->fake = stint_test_fake_toggl_new (f->clock, "fake-toggl-accounts.json");
  f->http = stint_test_fake_track_http (f->fake, f->clock, ADA_TOKEN);

  f->backend = STINT_BACKEND (stint_track_backend_new (f->http));
  f->responses = g_array_new (FALSE, TRUE, sizeof (Response));
  g_array_set_clear_func (f->responses, (GDestroyNotify)response_clear);
  g_signal_connect (f->backend, "response", G_CALLBACK (on_response), f);
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

G_GNUC_UNUSED static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  STINT_TEST_WAIT_FOR (*slot != NULL);
  return *slot;
}

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
               gint64    since,
               GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_fetch_changes_async (f->backend, since, NULL, store_result_cb, &result);
  return stint_backend_fetch_changes_finish (f->backend, wait_for (&result), error);
}

G_GNUC_UNUSED static gboolean
fetch_current (Fixture       *f,
               GCancellable  *cancellable,
               StintEntry   **current,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_fetch_current_async (f->backend, cancellable, store_result_cb, &result);
  return stint_backend_fetch_current_finish (f->backend, wait_for (&result), current, error);
}

G_GNUC_UNUSED static StintEntry *
create_entry (Fixture     *f,
              StintEntry  *entry,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_create_entry_async (f->backend, entry, NULL, store_result_cb, &result);
  return stint_backend_create_entry_finish (f->backend, wait_for (&result), error);
}

G_GNUC_UNUSED static StintEntry *
update_entry (Fixture     *f,
              StintEntry  *entry,
              StintEntry  *before,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_update_entry_async (f->backend, entry, before, NULL, store_result_cb, &result);
  return stint_backend_update_entry_finish (f->backend, wait_for (&result), error);
}

G_GNUC_UNUSED static StintEntry *
stop_entry (Fixture     *f,
            StintEntry  *entry,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_stop_entry_async (f->backend, entry, NULL, store_result_cb, &result);
  return stint_backend_stop_entry_finish (f->backend, wait_for (&result), error);
}

G_GNUC_UNUSED static gboolean
delete_entry (Fixture  *f,
              gint64    server_id,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_delete_entry_async (f->backend, ADA_WS, server_id, NULL, store_result_cb, &result);
  return stint_backend_delete_entry_finish (f->backend, wait_for (&result), error);
}

/* --- helpers ------------------------------------------------------------- */

G_GNUC_UNUSED static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
}

G_GNUC_UNUSED static const FakeTogglRequest *
last_request (Fixture *f)
{
  guint n = fake_toggl_get_n_requests (f->fake);

  g_assert_cmpuint (n, >, 0);
  return fake_toggl_get_request (f->fake, n - 1);
}

G_GNUC_UNUSED static JsonObject *
last_body (Fixture *f)
{
  static JsonNode *node;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&node, json_node_unref);
  node = json_from_string (last_request (f)->body, &error);
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
assert_error (const GError *error,
              int           code,
              const char   *fragment)
{
  g_assert_error (error, STINT_API_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
  /* A sentence to show, not a dump or the token. */
  g_assert_null (strchr (error->message, '<'));
  g_assert_null (strstr (error->message, ADA_TOKEN));
}

/* A running entry on the server, as if started on the web. */
G_GNUC_UNUSED static gint64
start_on_server (Fixture    *f,
                 const char *description,
                 gint64      start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (start);
  g_autofree char *start_text = g_date_time_format_iso8601 (when);
  g_autofree char *json = g_strdup_printf ("{\"description\":\"%s\",\"start\":\"%s\"}",
                                           description, start_text);
  JsonObject *entry = fake_toggl_add_entry (f->fake, ADA_ID, json, &error);

  g_assert_no_error (error);
  return json_object_get_int_member (entry, "id");
}

G_GNUC_UNUSED static StintEntry *
entry_on_server (gint64 server_id,
                 gint64 start,
                 gint64 stop)
{
  StintEntry *entry = stint_test_entry_new ("On the server", start, stop);

  stint_entry_set_server_id (entry, server_id);
  stint_entry_set_workspace_id (entry, ADA_WS);
  return entry;
}
