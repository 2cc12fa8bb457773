/* test-focus-backend-changes.c: StintFocusBackend against the fake, part two
 *
 * The refresh without a change feed (the stream's reconciliation, paging at
 * 100 without /stream), the Focus extras (archive, restore, bulk delete and
 * restore), the admin API end-to-end tests drive the fake with, every error
 * class (401 for an expired key, 402, 429, 400, 5xx) and cancellation. The
 * fixture is in focus-backend-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "focus-backend-fixture.h"

/* --- fetch_changes ------------------------------------------------------- */

static gboolean
changes_have (StintBackendChanges *changes,
              gint64               id)
{
  for (guint i = 0; i < changes->entries->len; i++)
    if (stint_entry_get_server_id (g_ptr_array_index (changes->entries, i)) == id)
      return TRUE;
  return FALSE;
}

static gboolean
deleted_have (StintBackendChanges *changes,
              gint64               id)
{
  for (guint i = 0; i < changes->deleted_ids->len; i++)
    if (g_array_index (changes->deleted_ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_changes_stream (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StintBackendChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) current = NULL;
  JsonObject *running;
  JsonObject *old;

  old = fake_toggl_focus_add_entry (f->fake, GRACE,
                                    "{\"description\":\"Last month\",\"start\":\"2025-02-01T09:00:00Z\",\"duration\":60}",
                                    &error);
  g_assert_no_error (error);

  changes = fetch_changes (f, &error);
  g_assert_no_error (error);
  /* The window's tracked entries; not the plan, not last month's. */
  g_assert_cmpuint (changes->entries->len, ==, 3);
  g_assert_true (changes_have (changes, TAGGED) && changes_have (changes, TASK_ENTRY) &&
                 changes_have (changes, BREAK_ENTRY));
  g_assert_false (changes_have (changes, server_int (old, "id")));
  g_assert_cmpuint (changes->deleted_ids->len, ==, 0);
  g_assert_cmpint (changes->server_time, ==, T0);
  assert_request (last_request (f), "GET", SCOPE "/time-entries/stream", 200);
  g_assert_cmpstr (last_request (f)->query, ==,
                   "date_from=2025-02-17T00:00:00Z&date_to=2025-03-04T13:05:00Z&include_taskless=true");
  g_assert_cmpstr (last_response (f)->bucket, ==, "organization");

  /* Deleted in the web app, and one started there: the deleted one is
   * missing from the window and reported; the running one stays, even
   * when the window leaves it out. */
  g_assert_true (fake_toggl_focus_delete_elsewhere (f->fake, TAGGED));
  running = fake_toggl_focus_start_elsewhere (f->fake, GRACE, "Running");
  g_assert_true (fetch_current (f, &current, &error));
  g_clear_pointer (&changes, stint_backend_changes_free);
  changes = fetch_changes (f, &error);
  g_assert_no_error (error);
  g_assert_true (deleted_have (changes, TAGGED));
  g_assert_cmpuint (changes->deleted_ids->len, ==, 1);
  g_assert_true (changes_have (changes, server_int (running, "id")));

  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = SCOPE "/time-entries/stream", .kind = FAKE_TOGGL_FAULT_STATUS, .status = 200,
    .content_type = "application/json", .body = "[]" });
  g_clear_pointer (&changes, stint_backend_changes_free);
  changes = fetch_changes (f, &error);
  g_assert_no_error (error);
  g_assert_false (deleted_have (changes, server_int (running, "id")));
  g_assert_true (deleted_have (changes, TASK_ENTRY) && deleted_have (changes, BREAK_ENTRY));

  /* Nothing is reported twice. */
  g_clear_pointer (&changes, stint_backend_changes_free);
  changes = fetch_changes (f, &error);
  g_assert_cmpuint (changes->deleted_ids->len, ==, 0);
}

/* Without /stream the list is paged, 100 a page, from then on. */
static void
test_changes_paged (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StintBackendChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  const FakeTogglRequest *request;

  for (guint i = 0; i < 247; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"description\":\"E%u\",\"start\":\"2025-03-02T%02u:%02u:00Z\","
                                               "\"duration\":30}", i, i / 60, i % 60);

      fake_toggl_focus_add_entry (f->fake, GRACE, json, &error);
      g_assert_no_error (error);
    }
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = SCOPE "/time-entries/stream", .kind = FAKE_TOGGL_FAULT_STATUS, .status = 404,
    .content_type = "application/json",
    .body = "{\"error\":\"not_found\",\"error_description\":\"not found\",\"trace_id\":\"1\"}" });

  changes = fetch_changes (f, &error);
  g_assert_no_error (error);
  /* 247 + the fixture's 3; the plan left out. */
  g_assert_cmpuint (changes->entries->len, ==, 250);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 4);
  assert_request (fake_toggl_get_request (f->fake, 0), "GET", SCOPE "/time-entries/stream", 404);
  for (guint page = 1; page <= 3; page++)
    {
      g_autofree char *query = g_strdup_printf ("date_from=2025-02-17T00:00:00Z&date_to=2025-03-04T13:05:00Z"
                                                "&include_taskless=true&page=%u&per_page=100", page);

      request = fake_toggl_get_request (f->fake, page);
      assert_request (request, "GET", SCOPE "/time-entries", 200);
      g_assert_cmpstr (request->query, ==, query);
    }

  g_clear_pointer (&changes, stint_backend_changes_free);
  fake_toggl_clear_log (f->fake);
  changes = fetch_changes (f, &error);
  g_assert_no_error (error);
  assert_request (fake_toggl_get_request (f->fake, 0), "GET", SCOPE "/time-entries", 200);
}

/* --- extras -------------------------------------------------------------- */

static gboolean
run_extra (Fixture  *f,
           guint     which,
           gint64   *ids,
           guint     n_ids,
           GError  **error)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (f->backend);
  g_autoptr(GAsyncResult) result = NULL;

  switch (which)
    {
    case 0:
    case 1:
      stint_focus_backend_set_archived_async (self, TASK, ids[0], which == 0, NULL, store_result_cb, &result);
      return stint_focus_backend_set_archived_finish (self, wait_for (&result), error);
    case 2:
      stint_focus_backend_restore_entry_async (self, ids[0], NULL, store_result_cb, &result);
      return stint_focus_backend_restore_entry_finish (self, wait_for (&result), error);
    case 3:
      stint_focus_backend_delete_entries_async (self, ids, n_ids, NULL, store_result_cb, &result);
      return stint_focus_backend_delete_entries_finish (self, wait_for (&result), error);
    default:
      stint_focus_backend_restore_entries_async (self, ids, n_ids, NULL, store_result_cb, &result);
      return stint_focus_backend_restore_entries_finish (self, wait_for (&result), error);
    }
}

static void
test_extras (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 task_entry[] = { TASK_ENTRY };
  gint64 tagged[] = { TAGGED };
  gint64 both[] = { TAGGED, BREAK_ENTRY };

  g_assert_true (run_extra (f, 0, task_entry, 1, &error));
  assert_request (last_request (f), "POST", SCOPE "/tasks/640001/time-entries/6500000002/archive", 204);
  g_assert_true (json_object_get_member (fake_toggl_focus_get_entry (f->fake, TASK_ENTRY), "archived_at") != NULL);
  g_assert_true (run_extra (f, 1, task_entry, 1, &error));
  assert_request (last_request (f), "POST", SCOPE "/tasks/640001/time-entries/6500000002/unarchive", 204);

  /* Bulk delete; then one restored, taskless; then the rest in bulk. */
  g_assert_true (run_extra (f, 3, both, 2, &error));
  assert_request (last_request (f), "DELETE", SCOPE "/time-entries/bulk", 204);
  g_assert_cmpstr (last_request (f)->query, ==, "ids=6500000001,6500000003");
  g_assert_cmpuint (fake_toggl_focus_count_entries (f->fake, GRACE, FALSE), ==, 2);
  g_assert_true (run_extra (f, 3, both, 2, &error));
  assert_request (last_request (f), "DELETE", SCOPE "/time-entries/bulk", 404);

  g_assert_true (run_extra (f, 2, tagged, 1, &error));
  assert_request (last_request (f), "PATCH", SCOPE "/time-entries/6500000001/restore", 204);
  g_assert_true (run_extra (f, 4, both, 2, &error));
  assert_request (last_request (f), "PATCH", SCOPE "/time-entries/bulk/restore", 204);
  g_assert_cmpuint (fake_toggl_focus_count_entries (f->fake, GRACE, FALSE), ==, 4);

  /* A task's entry, once seen, is restored under its task. */
  {
    g_autoptr(StintBackendChanges) changes = fetch_changes (f, &error);

    g_assert_no_error (error);
    g_assert_true (fake_toggl_focus_delete_elsewhere (f->fake, TASK_ENTRY));
    g_assert_true (run_extra (f, 2, task_entry, 1, &error));
    assert_request (last_request (f), "PATCH", SCOPE "/tasks/640001/time-entries/6500000002/restore", 204);
  }

  /* Nothing to restore: 404, said. */
  g_assert_false (run_extra (f, 4, both, 2, &error));
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (run_extra (f, 2, tagged, 1, &error));
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND);
  assert_all_buckets_organization (f);
}

/* --- the admin API end-to-end tests use ---------------------------------- */

static JsonNode *
admin (Fixture    *f,
       StintHttp  *http,
       const char *method,
       const char *path,
       const char *json,
       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = json != NULL ? json_from_string (json, NULL) : NULL;

  stint_http_request_async (http, method, path, body, NULL, store_result_cb, &result);
  return stint_http_request_finish (http, wait_for (&result), NULL, error);
}

static void
test_admin (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(StintHttp) http = stint_http_new (f->clock);
  g_autofree char *url = g_strconcat (fake_toggl_get_url (f->fake), "/__admin/focus", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) started = NULL;
  g_autoptr(JsonNode) stopped = NULL;
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) nothing = NULL;
  gint64 id;

  fake_toggl_set_admin_enabled (f->fake, TRUE);
  stint_http_set_base_url (http, url, &error);
  g_assert_no_error (error);
  stint_http_set_auth (http, STINT_HTTP_AUTH_BEARER, GRACE_KEY);

  started = admin (f, http, "POST", "/start", "{\"description\": \"From the shell\"}", &error);
  g_assert_no_error (error);
  id = json_object_get_int_member (json_node_get_object (started), "id");
  g_assert_cmpint (server_int (fake_toggl_focus_get_running (f->fake, GRACE), "id"), ==, id);
  advance (f, 60);
  stopped = admin (f, http, "POST", "/stop", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (stopped), "duration"), ==, 60);
  nothing = admin (f, http, "POST", "/stop", NULL, &error);
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_CONFLICT);
  g_clear_error (&error);

  added = admin (f, http, "POST", "/entries",
                 "{\"description\": \"Planned\", \"planned_start\": \"2025-03-04T09:00:00Z\","
                 " \"planned_duration\": 600}", &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_null_member (json_node_get_object (added), "start"));
  g_clear_pointer (&nothing, json_node_unref);
  nothing = admin (f, http, "DELETE", "/entries/6500000001", NULL, &error);
  g_assert_no_error (error);
  all = admin (f, http, "GET", "/entries", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (all)), ==, 6);
  g_assert_cmpuint (fake_toggl_focus_count_entries (f->fake, GRACE, FALSE), ==, 5);

  /* Not Focus traffic: nothing logged, nothing counted. */
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 0);
}

/* --- errors -------------------------------------------------------------- */

typedef enum {
  SETUP_EXPIRED,
  SETUP_QUOTA_SPENT,
  SETUP_FAULT,
} ErrorSetup;

/* Every error class, through the call a refresh makes first. */
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
    const char         *body;
    int                 code;
    const char         *sentence;
  } cases[] = {
    { "401 expired key", SETUP_EXPIRED, 0, 0, 0, NULL, STINT_API_ERROR_AUTH,
      "Toggl Focus did not accept the API key; it may have expired or been replaced by a newer one. "
      "Create a new key in Toggl Focus and sign in again with it." },
    { "402 quota", SETUP_QUOTA_SPENT, 0, 0, 0, NULL, STINT_API_ERROR_QUOTA,
      "Toggl’s hourly request limit is used up; Stint will sync again at 14:05." },
    { "429", SETUP_FAULT, FAKE_TOGGL_FAULT_RATE_LIMIT, 0, 7, NULL, STINT_API_ERROR_RATE_LIMITED,
      "Toggl asked Stint to slow down; it will try again in 7 seconds." },
    { "500", SETUP_FAULT, FAKE_TOGGL_FAULT_STATUS, 500, 0,
      "{\"error\":\"internal\",\"error_description\":\"boom\",\"trace_id\":\"abc\"}", STINT_API_ERROR_SERVER,
      "Toggl is having trouble (error 500); Stint will try again later." },
    { "400", SETUP_FAULT, FAKE_TOGGL_FAULT_STATUS, 400, 0,
      "{\"error\":\"validation\",\"error_description\":\"parsing time \\\"2025-03-03\\\"\",\"trace_id\":\"0f\"}",
      STINT_API_ERROR_INVALID, "Toggl refused the change: parsing time \"2025-03-03\"" },
  };
  g_autoptr(GString) log = g_string_new (NULL);

  captured_log = log;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StintEntry) current = NULL;
      g_autoptr(GError) error = NULL;
      const Response *response;

      g_test_message ("case %s", cases[i].name);
      fake_toggl_clear_faults (f->fake);
      fake_toggl_focus_set_quota (f->fake, 1000);
      fake_toggl_focus_set_key_expiry (f->fake, GRACE, 0);
      stint_clock_set_usec (f->clock, (T0 + (i + 1) * DAY) * (gint64)G_USEC_PER_SEC);

      switch (cases[i].setup)
        {
        case SETUP_EXPIRED:
          fake_toggl_focus_set_key_expiry (f->fake, GRACE, T0 + DAY - 1);
          break;
        case SETUP_QUOTA_SPENT:
          fake_toggl_focus_set_quota (f->fake, 1);
          g_assert_true (fetch_current (f, &current, NULL));
          advance (f, 25 * 60);
          break;
        case SETUP_FAULT:
        default:
          fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
            .path = SCOPE "/tracking/current", .kind = cases[i].kind, .status = cases[i].status, .times = 2,
            .retry_after = cases[i].retry_after, .content_type = "application/json", .body = cases[i].body });
          break;
        }

      g_assert_false (fetch_current (f, &current, &error));
      g_assert_error (error, STINT_API_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].sentence);
      g_assert_null (strstr (error->message, GRACE_KEY));

      response = last_response (f);
      g_assert_cmpstr (response->bucket, ==, "organization");
      if (cases[i].setup == SETUP_QUOTA_SPENT)
        {
          g_assert_cmpuint (response->meta.status, ==, 402);
          g_assert_cmpint (response->meta.quota_remaining, ==, 0);
          g_assert_cmpint (response->meta.quota_resets_in, ==, 35 * 60);
        }
      if (cases[i].kind == FAKE_TOGGL_FAULT_RATE_LIMIT)
        g_assert_cmpint (response->meta.retry_after, ==, 7);
    }

  captured_log = NULL;
  /* The trace id is in the log for support; the key never is. */
  g_assert_nonnull (strstr (log->str, "trace id for this error: abc"));
  g_assert_null (strstr (log->str, GRACE_KEY));
}

/* --- cancellation -------------------------------------------------------- */

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(StintEntry) current = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  stint_backend_fetch_current_async (f->backend, cancellable, store_result_cb, &result);
  g_assert_false (stint_backend_fetch_current_finish (f->backend, wait_for (&result), &current, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->responses->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  stint_test_init (&argc, &argv);
  g_log_set_writer_func (capture_log, NULL, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/focus-backend/changes/stream", test_changes_stream);
  ADD ("/stint/focus-backend/changes/paged", test_changes_paged);
  ADD ("/stint/focus-backend/extras", test_extras);
  ADD ("/stint/focus-backend/admin", test_admin);
  ADD ("/stint/focus-backend/errors", test_errors);
  ADD ("/stint/focus-backend/cancel", test_cancel);
#undef ADD

  return g_test_run ();
}
