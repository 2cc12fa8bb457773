/* test-track-backend.c: StintTrackBackend against the in-process fake Toggl
 *
 * Every operation goes through the StintBackend interface, async, to the fake
 * on loopback; the test iterates the main context until the operation's
 * callback has stored its result. Time comes from a manual clock shared by
 * the fake and the client; only the timeout case waits on the real clock (a
 * 150 ms deadline).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

static void
response_clear (Response *response)
{
  g_free (response->bucket);
}

static void
on_response (StintBackend *backend,
             const char   *bucket,
             StintApiMeta *meta,
             Fixture      *f)
{
  Response response = { g_strdup (bucket), *meta };

  g_array_append_val (f->responses, response);
}

static void
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

static void
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

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  STINT_TEST_WAIT_FOR (*slot != NULL);
  return *slot;
}

static StintBackendAccount *
fetch_account (Fixture  *f,
               GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_fetch_account_async (f->backend, NULL, store_result_cb, &result);
  return stint_backend_fetch_account_finish (f->backend, wait_for (&result), error);
}

static StintBackendChanges *
fetch_changes (Fixture  *f,
               gint64    since,
               GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_fetch_changes_async (f->backend, since, NULL, store_result_cb, &result);
  return stint_backend_fetch_changes_finish (f->backend, wait_for (&result), error);
}

static gboolean
fetch_current (Fixture       *f,
               GCancellable  *cancellable,
               StintEntry   **current,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_fetch_current_async (f->backend, cancellable, store_result_cb, &result);
  return stint_backend_fetch_current_finish (f->backend, wait_for (&result), current, error);
}

static StintEntry *
create_entry (Fixture     *f,
              StintEntry  *entry,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_create_entry_async (f->backend, entry, NULL, store_result_cb, &result);
  return stint_backend_create_entry_finish (f->backend, wait_for (&result), error);
}

static StintEntry *
update_entry (Fixture     *f,
              StintEntry  *entry,
              StintEntry  *before,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_update_entry_async (f->backend, entry, before, NULL, store_result_cb, &result);
  return stint_backend_update_entry_finish (f->backend, wait_for (&result), error);
}

static StintEntry *
stop_entry (Fixture     *f,
            StintEntry  *entry,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_stop_entry_async (f->backend, entry, NULL, store_result_cb, &result);
  return stint_backend_stop_entry_finish (f->backend, wait_for (&result), error);
}

static gboolean
delete_entry (Fixture  *f,
              gint64    server_id,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_delete_entry_async (f->backend, ADA_WS, server_id, NULL, store_result_cb, &result);
  return stint_backend_delete_entry_finish (f->backend, wait_for (&result), error);
}

/* --- helpers ------------------------------------------------------------- */

static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
}

static const FakeTogglRequest *
last_request (Fixture *f)
{
  guint n = fake_toggl_get_n_requests (f->fake);

  g_assert_cmpuint (n, >, 0);
  return fake_toggl_get_request (f->fake, n - 1);
}

static JsonObject *
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

static const Response *
last_response (Fixture *f)
{
  g_assert_cmpuint (f->responses->len, >, 0);
  return &g_array_index (f->responses, Response, f->responses->len - 1);
}

static void
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
static gint64
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

static StintEntry *
entry_on_server (gint64 server_id,
                 gint64 start,
                 gint64 stop)
{
  StintEntry *entry = stint_test_entry_new ("On the server", start, stop);

  stint_entry_set_server_id (entry, server_id);
  stint_entry_set_workspace_id (entry, ADA_WS);
  return entry;
}

/* --- fetch_account ------------------------------------------------------- */

static void
test_fetch_account (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StintBackendAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  StintBackendWorkspace *workspace;
  StintProject *project;

  account = fetch_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->user_id, ==, ADA_ID);
  g_assert_cmpstr (account->email, ==, "ada@example.com");
  g_assert_cmpstr (account->name, ==, "Ada Lovelace");
  g_assert_cmpint (account->default_workspace_id, ==, ADA_WS);

  g_assert_cmpuint (account->workspaces->len, ==, 1);
  workspace = g_ptr_array_index (account->workspaces, 0);
  g_assert_cmpint (workspace->id, ==, ADA_WS);
  g_assert_cmpint (workspace->organization_id, ==, 9001);
  g_assert_cmpstr (workspace->name, ==, "Ada's workspace");

  g_assert_cmpuint (account->projects->len, ==, 3);
  project = g_ptr_array_index (account->projects, 1);
  g_assert_cmpint (stint_project_get_server_id (project), ==, 7002);
  g_assert_cmpint (stint_project_get_workspace_id (project), ==, ADA_WS);
  g_assert_false (stint_project_get_active (project));
  g_assert_cmpuint (account->tags->len, ==, 1);
  g_assert_cmpstr (stint_tag_get_name (g_ptr_array_index (account->tags, 0)), ==, "maths");

  g_assert_cmpstr (last_request (f)->path, ==, "/api/v9/me");
  g_assert_cmpstr (last_request (f)->query, ==, "with_related_data=true");
  g_assert_cmpuint (f->responses->len, ==, 1);
  g_assert_cmpstr (last_response (f)->bucket, ==, "user");
  g_assert_cmpuint (last_response (f)->meta.status, ==, 200);
  g_assert_cmpint (last_response (f)->meta.quota_remaining, ==, 29);
}

/* The related time entries are not the account's business: one Stint cannot
 * read must not lose the account. */
static void
test_fetch_account_ignores_entries (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(StintBackendAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/me", .kind = FAKE_TOGGL_FAULT_STATUS, .status = 200,
    .content_type = "application/json",
    .body = "{\"id\":1001,\"email\":\"ada@example.com\",\"fullname\":\"Ada\",\"default_workspace_id\":5001,"
            "\"workspaces\":[{\"id\":5001,\"name\":\"W\"}],\"projects\":null,\"tags\":null,"
            "\"time_entries\":[{\"id\":\"not a number\"}]}" });

  account = fetch_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->user_id, ==, ADA_ID);
  g_assert_cmpuint (account->workspaces->len, ==, 1);
  g_assert_cmpuint (account->projects->len, ==, 0);
  g_assert_cmpuint (account->tags->len, ==, 0);
}

/* --- fetch_changes ------------------------------------------------------- */

static void
test_fetch_changes_bootstrap (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(StintBackendChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  const char *query;

  /* Too old for the first window. */
  fake_toggl_add_entry (f->fake, ADA_ID,
                        "{\"description\":\"Old\",\"start\":\"2025-02-10T09:00:00Z\",\"duration\":600}", &error);
  g_assert_no_error (error);
  /* Deleted: not in a first sync at all. */
  fake_toggl_add_entry (f->fake, ADA_ID,
                        "{\"description\":\"Gone\",\"start\":\"2025-03-02T09:00:00Z\",\"duration\":600,"
                        "\"server_deleted_at\":\"2025-03-02T10:00:00Z\"}", &error);
  g_assert_no_error (error);

  changes = fetch_changes (f, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->entries->len, ==, 1);
  g_assert_cmpint (stint_entry_get_server_id (g_ptr_array_index (changes->entries, 0)), ==, FIXTURE_ENTRY);
  g_assert_cmpuint (changes->deleted_ids->len, ==, 0);
  g_assert_cmpint (changes->server_time, ==, T0 - 600);

  /* A window of two weeks by start date, not `since`. */
  query = last_request (f)->query;
  g_assert_cmpstr (query, ==, "start_date=2025-02-17T13:05:00Z&end_date=2025-03-04T13:05:00Z");
  g_assert_cmpstr (last_response (f)->bucket, ==, "user");
}

static void
test_fetch_changes_since (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StintBackendChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_query = NULL;
  gint64 changed;

  /* Another client, after our last sync at T0: one entry new, the fixture's
   * deleted; one entry changed before T0 is not news. */
  advance (f, 60);
  changed = start_on_server (f, "On the phone", T0);
  g_assert_true (fake_toggl_delete_entry (f->fake, FIXTURE_ENTRY));
  fake_toggl_add_entry (f->fake, ADA_ID,
                        "{\"description\":\"Known\",\"start\":\"2025-03-03T11:00:00Z\",\"duration\":600,"
                        "\"at\":\"2025-03-03T11:10:00Z\"}", &error);
  g_assert_no_error (error);

  changes = fetch_changes (f, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->entries->len, ==, 1);
  g_assert_cmpint (stint_entry_get_server_id (g_ptr_array_index (changes->entries, 0)), ==, changed);
  g_assert_true (stint_entry_is_running (g_ptr_array_index (changes->entries, 0)));
  g_assert_cmpuint (changes->deleted_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (changes->deleted_ids, gint64, 0), ==, FIXTURE_ENTRY);
  g_assert_cmpint (changes->server_time, ==, T0 + 60 - 600);

  expected_query = g_strdup_printf ("since=%" G_GINT64_FORMAT, T0);
  g_assert_cmpstr (last_request (f)->path, ==, "/api/v9/me/time_entries");
  g_assert_cmpstr (last_request (f)->query, ==, expected_query);

  /* Nothing new since the last answer's server time but what the margin
   * brings back again (harmless). */
  g_clear_pointer (&changes, stint_backend_changes_free);
  changes = fetch_changes (f, T0 + 60 - 600, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->entries->len, ==, 1);
  g_assert_cmpuint (changes->deleted_ids->len, ==, 1);
}

/* Toggl refuses `since` from months ago: such a sync starts over. */
static void
test_fetch_changes_since_too_old (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(StintBackendChanges) changes = NULL;
  g_autoptr(GError) error = NULL;

  changes = fetch_changes (f, T0 - 100 * DAY, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (last_request (f)->query, "start_date="));
  g_assert_cmpuint (changes->entries->len, ==, 1);
}

/* --- fetch_current ------------------------------------------------------- */

static void
test_fetch_current (Fixture       *f,
                    gconstpointer  data)
{
  static const guint idle_statuses[] = { 200, 204, 404 };
  g_autoptr(StintEntry) current = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* Nothing runs, in each of the three ways Toggl says so. */
  for (guint i = 0; i < G_N_ELEMENTS (idle_statuses); i++)
    {
      fake_toggl_set_idle_current_status (f->fake, idle_statuses[i]);
      g_assert_true (fetch_current (f, NULL, &current, &error));
      g_assert_no_error (error);
      g_assert_null (current);
      g_assert_cmpuint (last_response (f)->meta.status, ==, idle_statuses[i]);
      g_assert_cmpstr (last_response (f)->bucket, ==, "user");
    }

  id = start_on_server (f, "Started on the web", T0 - 25 * 60);
  g_assert_true (fetch_current (f, NULL, &current, &error));
  g_assert_no_error (error);
  g_assert_nonnull (current);
  g_assert_cmpint (stint_entry_get_server_id (current), ==, id);
  g_assert_cmpint (stint_entry_get_workspace_id (current), ==, ADA_WS);
  g_assert_cmpstr (stint_entry_get_description (current), ==, "Started on the web");
  g_assert_cmpint (stint_entry_get_start (current), ==, T0 - 25 * 60);
  g_assert_true (stint_entry_is_running (current));
  g_assert_cmpstr (last_request (f)->path, ==, "/api/v9/me/time_entries/current");
}

/* --- create, update ------------------------------------------------------ */

static void
test_create_entry (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const tags[] = { "maths", "new-tag", NULL };
  g_autoptr(StintEntry) running = stint_test_entry_new ("Writing notes", T0 - 60, 0);
  g_autoptr(StintEntry) done = stint_test_entry_new ("Reading", T0 - 2 * HOUR, T0 - HOUR);
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;

  stint_entry_set_workspace_id (running, ADA_WS);
  stint_entry_set_project_id (running, 7001);
  stint_entry_set_tags (running, tags);
  created = create_entry (f, running, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_server_id (created), >, G_MAXUINT32);
  g_assert_cmpint (stint_entry_get_id (created), ==, 0);
  g_assert_true (stint_entry_is_running (created));
  g_assert_cmpstr (stint_entry_get_description (created), ==, "Writing notes");
  g_assert_cmpint (stint_entry_get_project_id (created), ==, 7001);
  g_assert_true (g_strv_equal (stint_entry_get_tags (created), tags));
  g_assert_cmpint (stint_entry_get_start (created), ==, T0 - 60);

  g_assert_cmpstr (last_request (f)->method, ==, "POST");
  g_assert_cmpstr (last_request (f)->path, ==, "/api/v9/workspaces/5001/time_entries");
  body = last_body (f);
  g_assert_cmpstr (json_object_get_string_member (body, "created_with"), ==, "Stint");
  g_assert_cmpstr (json_object_get_string_member (fake_toggl_get_entry (f->fake, stint_entry_get_server_id (created)),
                                                  "created_with"), ==, "Stint");
  g_assert_cmpint (json_object_get_int_member (body, "duration"), ==, -1);
  g_assert_cmpint (json_object_get_int_member (body, "workspace_id"), ==, ADA_WS);
  g_assert_cmpstr (last_response (f)->bucket, ==, "workspace");
  g_clear_object (&created);

  /* A finished one; the running one is left alone. */
  stint_entry_set_workspace_id (done, ADA_WS);
  created = create_entry (f, done, &error);
  g_assert_no_error (error);
  g_assert_false (stint_entry_is_running (created));
  g_assert_cmpint (stint_entry_get_stop (created), ==, T0 - HOUR);
  g_assert_cmpint (json_object_get_int_member (last_body (f), "duration"), ==, HOUR);
  g_assert_nonnull (fake_toggl_get_running (f->fake, ADA_ID));
  g_clear_object (&created);

  /* Refused by the server: its reason, as a sentence. */
  stint_entry_set_project_id (done, 424242);
  created = create_entry (f, done, &error);
  assert_error (error, STINT_API_ERROR_INVALID, "Toggl refused the change: Invalid project_id");
  g_assert_null (created);
  g_clear_error (&error);

  /* Without a workspace it cannot go anywhere: an error, no request. */
  {
    g_autoptr(StintEntry) homeless = stint_test_entry_new ("Nowhere", T0, 0);
    guint n = fake_toggl_get_n_requests (f->fake);

    created = create_entry (f, homeless, &error);
    assert_error (error, STINT_API_ERROR_INVALID, "workspace");
    g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, n);
  }
}

static void
test_update_entry (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StintEntry) before = entry_on_server (FIXTURE_ENTRY, T0 - 4 * HOUR - 5 * 60, T0 - 2 * HOUR - 35 * 60);
  g_autoptr(StintEntry) after = NULL;
  g_autoptr(StintEntry) updated = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;
  JsonObject *stored;
  guint n;

  /* The fixture entry: 09:00–10:30, "Bernoulli numbers", project 7001. */
  stint_entry_set_description (before, "Bernoulli numbers");
  stint_entry_set_project_id (before, 7001);
  after = stint_entry_copy (before);
  stint_entry_set_description (after, "Bernoulli numbers, note G");

  updated = update_entry (f, after, before, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (updated), ==, "Bernoulli numbers, note G");
  g_assert_cmpint (stint_entry_get_project_id (updated), ==, 7001);
  g_assert_cmpstr (last_request (f)->method, ==, "PUT");
  g_assert_cmpstr (last_request (f)->path, ==, "/api/v9/workspaces/5001/time_entries/3000000001");
  body = last_body (f);
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
  g_assert_true (json_object_has_member (body, "description"));
  g_assert_cmpstr (last_response (f)->bucket, ==, "workspace");
  g_clear_object (&updated);

  /* Without `before`, every editable field goes. */
  stint_entry_set_project_id (after, 0);
  updated = update_entry (f, after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_project_id (updated), ==, 0);
  body = last_body (f);
  g_assert_true (json_object_has_member (body, "start"));
  g_assert_true (json_object_has_member (body, "stop"));
  g_assert_true (json_object_has_member (body, "tags"));
  g_assert_true (json_object_get_null_member (body, "project_id"));
  stored = fake_toggl_get_entry (f->fake, FIXTURE_ENTRY);
  g_assert_true (json_object_get_null_member (stored, "project_id"));
  g_clear_object (&updated);

  /* Nothing Toggl keeps changed: no request, the server's version back. */
  n = fake_toggl_get_n_requests (f->fake);
  g_clear_object (&before);
  before = stint_entry_copy (after);
  stint_entry_set_sync_state (after, STINT_SYNC_STATE_PENDING, NULL);
  updated = update_entry (f, after, before, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, n);
  g_assert_cmpstr (stint_entry_get_description (updated), ==, "Bernoulli numbers, note G");
  g_clear_object (&updated);

  /* Gone on the server. */
  stint_entry_set_server_id (after, 42);
  updated = update_entry (f, after, NULL, &error);
  assert_error (error, STINT_API_ERROR_NOT_FOUND, "Time entry not found");
}

/* --- stop ---------------------------------------------------------------- */

static void
test_stop_entry (Fixture       *f,
                 gconstpointer  data)
{
  gint64 id = start_on_server (f, "Running", T0 - HOUR);
  g_autoptr(StintEntry) entry = entry_on_server (id, T0 - HOUR, 0);
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v9/workspaces/5001/time_entries/%" G_GINT64_FORMAT "/stop", id);

  advance (f, 30);
  stopped = stop_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_server_id (stopped), ==, id);
  g_assert_false (stint_entry_is_running (stopped));
  g_assert_cmpint (stint_entry_get_stop (stopped), ==, T0 + 30);
  g_assert_cmpstr (last_request (f)->method, ==, "PATCH");
  g_assert_cmpstr (last_request (f)->path, ==, path);
  g_assert_null (last_request (f)->body);
  g_assert_cmpuint (f->responses->len, ==, 1);
  g_assert_cmpstr (last_response (f)->bucket, ==, "workspace");
  g_assert_null (fake_toggl_get_running (f->fake, ADA_ID));
}

/* Stopped while offline at 13:00, sent at 13:45: Toggl stops at its own now,
 * and the user's time is put back with a second request. */
static void
test_stop_entry_offline (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = start_on_server (f, "Running", T0 - HOUR);
  g_autoptr(StintEntry) entry = entry_on_server (id, T0 - HOUR, T0 - 5 * 60);
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;
  guint n = fake_toggl_get_n_requests (f->fake);
  JsonObject *stored;

  advance (f, 40 * 60);
  stopped = stop_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_stop (stopped), ==, T0 - 5 * 60);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, n + 2);
  g_assert_cmpstr (fake_toggl_get_request (f->fake, n)->method, ==, "PATCH");
  g_assert_cmpstr (last_request (f)->method, ==, "PUT");
  g_assert_cmpint (json_object_get_int_member (last_body (f), "duration"), ==, 55 * 60);
  stored = fake_toggl_get_entry (f->fake, id);
  g_assert_cmpint (json_object_get_int_member (stored, "duration"), ==, 55 * 60);
  g_assert_cmpuint (f->responses->len, ==, 2);
  g_clear_object (&stopped);

  /* A stop a few seconds off is clock skew, not worth a request. */
  id = start_on_server (f, "Again", T0);
  g_clear_object (&entry);
  entry = entry_on_server (id, T0, T0 + 40 * 60 - 20);
  n = fake_toggl_get_n_requests (f->fake);
  stopped = stop_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_stop (stopped), ==, T0 + 40 * 60);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, n + 1);
}

/* Stopped elsewhere first: Toggl answers 409; Stint adopts the server's stop. */
static void
test_stop_entry_conflict (Fixture       *f,
                          gconstpointer  data)
{
  gint64 id = start_on_server (f, "Running", T0 - HOUR);
  g_autoptr(StintEntry) entry = entry_on_server (id, T0 - HOUR, 0);
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *read_path = g_strdup_printf ("/api/v9/me/time_entries/%" G_GINT64_FORMAT, id);
  const Response *first;

  advance (f, 10 * 60);
  g_assert_nonnull (fake_toggl_stop_entry (f->fake, id));
  advance (f, 5 * 60);

  stopped = stop_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_false (stint_entry_is_running (stopped));
  g_assert_cmpint (stint_entry_get_stop (stopped), ==, T0 + 10 * 60);

  g_assert_cmpuint (fake_toggl_count_requests (f->fake, "PATCH", "*/stop"), ==, 1);
  g_assert_cmpstr (last_request (f)->method, ==, "GET");
  g_assert_cmpstr (last_request (f)->path, ==, read_path);

  /* Both replies counted, each in its bucket. */
  g_assert_cmpuint (f->responses->len, ==, 2);
  first = &g_array_index (f->responses, Response, 0);
  g_assert_cmpstr (first->bucket, ==, "workspace");
  g_assert_cmpuint (first->meta.status, ==, 409);
  g_assert_cmpstr (last_response (f)->bucket, ==, "user");
  g_assert_cmpuint (last_response (f)->meta.status, ==, 200);
  g_clear_object (&stopped);

  /* Deleted elsewhere: that is an error the user must hear of. */
  g_assert_true (fake_toggl_delete_entry (f->fake, id));
  stopped = stop_entry (f, entry, &error);
  assert_error (error, STINT_API_ERROR_NOT_FOUND, NULL);
}

/* --- delete, projects, tags ---------------------------------------------- */

static void
test_delete_entry (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (delete_entry (f, FIXTURE_ENTRY, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (last_request (f)->method, ==, "DELETE");
  g_assert_cmpstr (last_request (f)->path, ==, "/api/v9/workspaces/5001/time_entries/3000000001");
  g_assert_cmpuint (fake_toggl_count_entries (f->fake, ADA_ID, FALSE), ==, 0);
  g_assert_cmpstr (last_response (f)->bucket, ==, "workspace");

  /* Already gone (our earlier answer lost, or deleted elsewhere): done. */
  g_assert_true (delete_entry (f, FIXTURE_ENTRY, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last_response (f)->meta.status, ==, 404);

  /* Other refusals are errors. */
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .method = "DELETE", .path = "/api/v9/workspaces/*", .kind = FAKE_TOGGL_FAULT_STATUS, .status = 403,
    .content_type = "application/json", .body = "\"User does not have access to this resource.\"" });
  g_assert_false (delete_entry (f, FIXTURE_ENTRY, &error));
  assert_error (error, STINT_API_ERROR_FORBIDDEN, "User does not have access");
}

static void
test_create_project_and_tag (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(StintProject) project = NULL;
  g_autoptr(StintTag) tag = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;

  stint_backend_create_project_async (f->backend, ADA_WS, "Analytical engine", "#c9806b", NULL,
                                      store_result_cb, &result);
  project = stint_backend_create_project_finish (f->backend, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_project_get_server_id (project), >, 0);
  g_assert_cmpint (stint_project_get_workspace_id (project), ==, ADA_WS);
  g_assert_cmpstr (stint_project_get_name (project), ==, "Analytical engine");
  g_assert_cmpstr (stint_project_get_color (project), ==, "#c9806b");
  g_assert_true (stint_project_get_active (project));
  g_assert_cmpstr (last_request (f)->path, ==, "/api/v9/workspaces/5001/projects");
  body = last_body (f);
  g_assert_true (json_object_get_boolean_member (body, "active"));
  g_assert_cmpstr (last_response (f)->bucket, ==, "workspace");
  g_clear_object (&result);
  g_clear_object (&project);

  /* The same name again: the server's reason. */
  stint_backend_create_project_async (f->backend, ADA_WS, "Analytical engine", NULL, NULL,
                                      store_result_cb, &result);
  project = stint_backend_create_project_finish (f->backend, wait_for (&result), &error);
  assert_error (error, STINT_API_ERROR_INVALID, "Name has already been taken");
  g_clear_error (&error);
  g_clear_object (&result);

  stint_backend_create_tag_async (f->backend, ADA_WS, "engines", NULL, store_result_cb, &result);
  tag = stint_backend_create_tag_finish (f->backend, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_tag_get_server_id (tag), >, 0);
  g_assert_cmpint (stint_tag_get_workspace_id (tag), ==, ADA_WS);
  g_assert_cmpstr (stint_tag_get_name (tag), ==, "engines");
  g_assert_cmpstr (last_request (f)->path, ==, "/api/v9/workspaces/5001/tags");
  g_clear_object (&result);
  g_clear_object (&tag);

  /* A workspace the user lost access to. */
  stint_backend_create_tag_async (f->backend, 5002, "engines", NULL, store_result_cb, &result);
  tag = stint_backend_create_tag_finish (f->backend, wait_for (&result), &error);
  assert_error (error, STINT_API_ERROR_FORBIDDEN, "does not have access");
}

/* --- errors -------------------------------------------------------------- */

typedef enum {
  SETUP_BAD_TOKEN,
  SETUP_AUTH_401,
  SETUP_FAULT,
  SETUP_QUOTA_SPENT,
  SETUP_TIMEOUT,
} ErrorSetup;

/* Every error class, through the call a refresh makes. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  static const struct {
    const char         *name;
    ErrorSetup          setup;
    FakeTogglFaultKind  kind;
    guint               status;
    guint               retry_after;
    const char         *type;
    const char         *body;
    int                 code;
    const char         *sentence;
    guint               reply_status;
  } cases[] = {
    { "403 bad token", SETUP_BAD_TOKEN, 0, 0, 0, NULL, NULL, STINT_API_ERROR_FORBIDDEN,
      "Toggl refused: Incorrect username and/or password", 403 },
    { "401", SETUP_AUTH_401, 0, 0, 0, NULL, NULL, STINT_API_ERROR_AUTH,
      "Toggl did not accept the sign-in (“Incorrect username and/or password”). Sign in again.", 401 },
    { "410 gone", SETUP_FAULT, FAKE_TOGGL_FAULT_STATUS, 410, 0, "application/json", "\"Gone\"",
      STINT_API_ERROR_NOT_FOUND, "Toggl could not find it: Gone", 410 },
    { "402 quota", SETUP_QUOTA_SPENT, 0, 0, 0, NULL, NULL, STINT_API_ERROR_QUOTA,
      "Toggl’s hourly request limit is used up; Stint will sync again at 14:05.", 402 },
    { "402 plan", SETUP_FAULT, FAKE_TOGGL_FAULT_STATUS, 402, 0, "application/json",
      "\"Billable rates are available for Starter and higher plans\"", STINT_API_ERROR_PLAN,
      "Toggl refused: Billable rates are available for Starter and higher plans", 402 },
    { "429", SETUP_FAULT, FAKE_TOGGL_FAULT_RATE_LIMIT, 0, 7, NULL, NULL, STINT_API_ERROR_RATE_LIMITED,
      "Toggl asked Stint to slow down; it will try again in 7 seconds.", 429 },
    { "5xx", SETUP_FAULT, FAKE_TOGGL_FAULT_STATUS, 502, 0, "text/html", "<html><h1>Bad gateway</h1></html>",
      STINT_API_ERROR_SERVER, "Toggl is having trouble (error 502); Stint will try again later.", 502 },
    { "malformed", SETUP_FAULT, FAKE_TOGGL_FAULT_MALFORMED, 0, 0, NULL, NULL, STINT_API_ERROR_BAD_REPLY,
      "Toggl sent an answer Stint cannot read.", 200 },
    { "wrong shape", SETUP_FAULT, FAKE_TOGGL_FAULT_STATUS, 200, 0, "application/json", "[1, 2]",
      STINT_API_ERROR_BAD_REPLY, "Toggl sent data Stint cannot read.", 200 },
    { "closed", SETUP_FAULT, FAKE_TOGGL_FAULT_CLOSE_BEFORE, 0, 0, NULL, NULL, STINT_API_ERROR_NETWORK,
      "Stint cannot reach Toggl. Check the network connection.", 0 },
    { "timeout", SETUP_TIMEOUT, FAKE_TOGGL_FAULT_DELAY, 0, 0, NULL, NULL, STINT_API_ERROR_TIMEOUT,
      "Toggl did not answer in time; Stint will try again.", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StintEntry) current = NULL;
      g_autoptr(StintBackendChanges) changes = NULL;
      g_autoptr(GError) error = NULL;
      const Response *response;

      g_test_message ("case %s", cases[i].name);
      fake_toggl_clear_faults (f->fake);
      fake_toggl_set_user_quota (f->fake, 1000);
      stint_http_set_auth (f->http, STINT_HTTP_AUTH_TRACK_TOKEN, ADA_TOKEN);
      stint_http_set_timeout_ms (f->http, STINT_HTTP_DEFAULT_TIMEOUT_MS);
      fake_toggl_set_auth_failure_status (f->fake, 403);
      /* A fresh quota window each time, at 13:05 of another day. */
      stint_clock_set_usec (f->clock, (T0 + (i + 1) * DAY) * (gint64)G_USEC_PER_SEC);

      switch (cases[i].setup)
        {
        case SETUP_BAD_TOKEN:
          stint_http_set_auth (f->http, STINT_HTTP_AUTH_TRACK_TOKEN, "0123456789abcdef0123456789abcdef");
          break;
        case SETUP_AUTH_401:
          stint_http_set_auth (f->http, STINT_HTTP_AUTH_TRACK_TOKEN, "0123456789abcdef0123456789abcdef");
          fake_toggl_set_auth_failure_status (f->fake, 401);
          break;
        case SETUP_QUOTA_SPENT:
          /* One request an hour, spent at 13:05; asked again at 13:30. */
          fake_toggl_set_user_quota (f->fake, 1);
          g_assert_true (fetch_current (f, NULL, &current, NULL));
          advance (f, 25 * 60);
          break;
        case SETUP_TIMEOUT:
          stint_http_set_timeout_ms (f->http, 150);
          fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
            .path = "/api/v9/me/time_entries", .kind = FAKE_TOGGL_FAULT_DELAY, .delay_ms = 5000 });
          break;
        case SETUP_FAULT:
        default:
          /* Two drops: libsoup resends a GET once by itself when a reused
           * connection closes before the answer. */
          fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
            .path = "/api/v9/me/time_entries", .kind = cases[i].kind, .status = cases[i].status, .times = 2,
            .retry_after = cases[i].retry_after, .content_type = cases[i].type, .body = cases[i].body });
          break;
        }

      /* Malformed needs something to cut: a running entry. */
      if (cases[i].kind == FAKE_TOGGL_FAULT_MALFORMED && fake_toggl_get_running (f->fake, ADA_ID) == NULL)
        start_on_server (f, "Something to cut in half", T0);

      changes = fetch_changes (f, stint_clock_now (f->clock) - HOUR, &error);
      g_assert_null (changes);
      assert_error (error, cases[i].code, NULL);
      g_assert_cmpstr (error->message, ==, cases[i].sentence);

      /* The budget hears of failures too, with what headers there were. */
      response = last_response (f);
      g_assert_cmpstr (response->bucket, ==, "user");
      g_assert_cmpuint (response->meta.status, ==, cases[i].reply_status);
      if (cases[i].setup == SETUP_QUOTA_SPENT)
        {
          g_assert_cmpint (response->meta.quota_remaining, ==, 0);
          g_assert_cmpint (response->meta.quota_resets_in, ==, 35 * 60);
        }
      if (cases[i].kind == FAKE_TOGGL_FAULT_RATE_LIMIT)
        g_assert_cmpint (response->meta.retry_after, ==, 7);
    }
}

/* --- response ------------------------------------------------------------ */

static void
test_response_quota (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StintEntry) current = NULL;
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Counting", T0, 0);
  g_autoptr(GError) error = NULL;
  const Response *response;

  fake_toggl_set_user_quota (f->fake, 30);
  fake_toggl_set_workspace_quota (f->fake, 240);

  g_assert_true (fetch_current (f, NULL, &current, &error));
  advance (f, 60);
  g_assert_true (fetch_current (f, NULL, &current, &error));
  stint_entry_set_workspace_id (entry, ADA_WS);
  created = create_entry (f, entry, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (f->responses->len, ==, 3);
  response = &g_array_index (f->responses, Response, 1);
  g_assert_cmpstr (response->bucket, ==, "user");
  g_assert_cmpint (response->meta.quota_remaining, ==, 28);
  g_assert_cmpint (response->meta.quota_resets_in, ==, 3600 - 60);
  response = &g_array_index (f->responses, Response, 2);
  g_assert_cmpstr (response->bucket, ==, "workspace");
  g_assert_cmpint (response->meta.quota_remaining, ==, 239);
  g_assert_cmpint (response->meta.quota_resets_in, ==, 3600);
  g_assert_cmpint (response->meta.retry_after, ==, -1);
}

/* --- cancellation -------------------------------------------------------- */

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(StintEntry) current = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled before it starts. */
  g_cancellable_cancel (cancellable);
  g_assert_false (fetch_current (f, cancellable, &current, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->responses->len, ==, 0);
  g_clear_error (&error);
  g_clear_object (&cancellable);

  /* Cancelled while the server takes its time. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    cancellable = g_cancellable_new ();
    fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
      .path = "/api/v9/me/time_entries/current", .kind = FAKE_TOGGL_FAULT_DELAY, .delay_ms = 5000 });
    stint_backend_fetch_current_async (f->backend, cancellable, store_result_cb, &result);
    STINT_TEST_WAIT_FOR (fake_toggl_get_n_requests (f->fake) > 0);
    g_cancellable_cancel (cancellable);
    g_assert_false (stint_backend_fetch_current_finish (f->backend, wait_for (&result), &current, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (current);
    g_assert_cmpuint (f->responses->len, ==, 0);
    g_clear_error (&error);
    g_clear_object (&cancellable);
  }

  /* Cancelled between the two requests of a stop that met a 409, with the
   * caller's references already dropped: the callback still runs, once. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GObject) source = NULL;
    g_autoptr(StintEntry) stopped = NULL;
    gint64 id = start_on_server (f, "Stopped elsewhere", T0 - HOUR);
    g_autoptr(StintEntry) entry = entry_on_server (id, T0 - HOUR, 0);
    guint n = fake_toggl_get_n_requests (f->fake);

    g_assert_nonnull (fake_toggl_stop_entry (f->fake, id));
    /* The re-read is held by the server, so the cancel lands on it. */
    fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
      .method = "GET", .path = "/api/v9/me/time_entries/*", .kind = FAKE_TOGGL_FAULT_DELAY, .delay_ms = 5000 });
    cancellable = g_cancellable_new ();
    stint_backend_stop_entry_async (f->backend, entry, cancellable, store_result_cb, &result);
    g_clear_object (&f->backend);
    g_clear_object (&f->http);

    STINT_TEST_WAIT_FOR (fake_toggl_get_n_requests (f->fake) >= n + 2);
    g_assert_cmpstr (fake_toggl_get_request (f->fake, n)->method, ==, "PATCH");
    g_assert_cmpstr (last_request (f)->method, ==, "GET");
    g_assert_null (result);

    g_cancellable_cancel (cancellable);
    source = g_async_result_get_source_object (wait_for (&result));
    stopped = stint_backend_stop_entry_finish (STINT_BACKEND (source), result, &error);
    g_assert_null (stopped);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    /* The 409 was counted; the abandoned re-read was not reported. */
    g_assert_cmpuint (f->responses->len, ==, 1);
    g_assert_cmpuint (last_response (f)->meta.status, ==, 409);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/track-backend/fetch-account", test_fetch_account);
  ADD ("/stint/track-backend/fetch-account/ignores-entries", test_fetch_account_ignores_entries);
  ADD ("/stint/track-backend/fetch-changes/bootstrap", test_fetch_changes_bootstrap);
  ADD ("/stint/track-backend/fetch-changes/since", test_fetch_changes_since);
  ADD ("/stint/track-backend/fetch-changes/since-too-old", test_fetch_changes_since_too_old);
  ADD ("/stint/track-backend/fetch-current", test_fetch_current);
  ADD ("/stint/track-backend/create-entry", test_create_entry);
  ADD ("/stint/track-backend/update-entry", test_update_entry);
  ADD ("/stint/track-backend/stop-entry", test_stop_entry);
  ADD ("/stint/track-backend/stop-entry/offline", test_stop_entry_offline);
  ADD ("/stint/track-backend/stop-entry/conflict", test_stop_entry_conflict);
  ADD ("/stint/track-backend/delete-entry", test_delete_entry);
  ADD ("/stint/track-backend/create-project-and-tag", test_create_project_and_tag);
  ADD ("/stint/track-backend/errors", test_errors);
  ADD ("/stint/track-backend/response-quota", test_response_quota);
  ADD ("/stint/track-backend/cancel", test_cancel);
#undef ADD

  return g_test_run ();
}
