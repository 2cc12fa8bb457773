/* test-http.c: StintHttp against the in-process fake Toggl server: what
 * the answers mean
 *
 * The base URLs allowed, success, the server's validation, each class of
 * status and the server's own words as a sentence, the hourly quota, the
 * burst limit, and the headers that report them. Server and client share
 * the test's main context and both run async, so a request is driven by
 * iterating the context until its callback has run. Time for quota windows
 * comes from a manual clock. test-http-faults.c has the failed
 * connections, test-http-log.c what is logged; the fixture is in
 * http-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "http-fixture.h"

#include "api/stint-transport.h"

static void
test_base_url (void)
{
  static const struct { const char *url; gboolean ok; } cases[] = {
    { "https://api.track.toggl.com/api/v9", TRUE },
    { "HTTPS://api.track.toggl.com/api/v9/", TRUE },
    { "http://127.0.0.1:8080/api/v9", TRUE },
    { "http://127.9.9.9/api/v9", TRUE },
    { "http://localhost:8080/api/v9", TRUE },
    { "http://[::1]:8080/api/v9", TRUE },
    { "http://api.track.toggl.com/api/v9", FALSE },
    { "http://192.168.1.2/api/v9", FALSE },
    { "http://127.0.0.1.example.com/api/v9", FALSE },
    { "ftp://api.track.toggl.com/", FALSE },
    { "https://user:secret@api.track.toggl.com/", FALSE },
    { "api.track.toggl.com", FALSE },
    { "", FALSE },
    { "https://", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = stint_http_check_base_url (cases[i].url, &error);

      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        {
          g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_BAD_URL);
          g_assert_cmpstr (error->message, !=, "");
        }
    }

  {
    g_autoptr(StintHttp) http = stint_http_new (NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (stint_http_set_base_url (http, "http://toggl.example.com/api/v9", &error));
    g_assert_nonnull (strstr (error->message, "https://"));
    g_assert_nonnull (strstr (error->message, "toggl.example.com"));
    g_assert_null (stint_http_get_base_url (http));
  }
}

static void
test_success (Fixture       *f,
              gconstpointer  data)
{
  Result r = { 0 };
  const FakeTogglRequest *request;

  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r.node));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (r.node), "id"), ==, ADA_ID);
  g_assert_cmpuint (r.meta.status, ==, 200);
  g_assert_cmpint (r.meta.quota_remaining, ==, 29);
  g_assert_cmpint (r.meta.quota_resets_in, ==, 3600);
  g_assert_cmpint (r.meta.retry_after, ==, -1);

  request = fake_toggl_get_request (f->fake, 0);
  g_assert_cmpstr (request->user_agent, ==, "Stint/" PACKAGE_VERSION " (+https://github.com/stintapp/stint)");

  /* Idle: `200 null` is no entry, not an error. */
  run (f, "GET", "/me/time_entries/current", NULL, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_null (r.node);
  g_assert_cmpint (r.meta.quota_remaining, ==, 28);

  /* The workspace bucket is separate from the user bucket. */
  run (f, "POST", "/workspaces/5001/time_entries", valid_create, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (r.node), "id"), >, G_MAXUINT32);
  g_assert_cmpint (r.meta.quota_remaining, ==, 29);

  /* An empty body is NULL too. */
  {
    g_autofree char *path = g_strdup_printf ("/workspaces/5001/time_entries/%" G_GINT64_FORMAT,
                                             json_object_get_int_member (json_node_get_object (r.node), "id"));

    run (f, "DELETE", path, NULL, NULL, &r);
    g_assert_no_error (r.error);
    g_assert_null (r.node);
    g_assert_cmpuint (r.meta.status, ==, 200);
  }

  result_clear (&r);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  Result r = { 0 };

  run (f, "POST", "/workspaces/5001/time_entries",
       "{\"workspace_id\":5001,\"start\":\"2025-03-03T12:00:00Z\",\"duration\":-1}", NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_INVALID,
                    "Toggl refused the change: created_with needs to be provided an a valid string");
  g_assert_cmpuint (r.meta.status, ==, 400);

  run (f, "POST", "/workspaces/5001/time_entries",
       "{\"created_with\":\"Stint\",\"workspace_id\":\"5001\",\"start\":\"2025-03-03T12:00:00Z\",\"duration\":-1}",
       NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_INVALID, "Unexpected \"workspace_id\" type string");

  run (f, "POST", "/workspaces/5001/time_entries",
       "{\"created_with\":\"Stint\",\"workspace_id\":5002,\"start\":\"2025-03-03T12:00:00Z\",\"duration\":-1}",
       NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_INVALID, "workspace_id does not match");

  run (f, "POST", "/workspaces/5001/time_entries",
       "{\"created_with\":\"Stint\",\"workspace_id\":5001,\"start\":\"3 March\",\"duration\":-1}", NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_INVALID, "RFC3339");

  run (f, "POST", "/workspaces/5001/time_entries",
       "{\"created_with\":\"Stint\",\"workspace_id\":5001,\"start\":\"2025-03-03T12:00:00Z\","
       "\"stop\":\"2025-03-03T13:00:00Z\",\"duration\":60}", NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_INVALID, "Duration and stop time do not match");

  g_assert_cmpuint (fake_toggl_count_entries (f->fake, ADA_ID, TRUE), ==, 1);
  result_clear (&r);
}

static void
test_status_classes (Fixture       *f,
                     gconstpointer  data)
{
  Result r = { 0 };

  /* Track's documented answer to a bad token is 403. */
  stint_http_set_auth (f->http, STINT_HTTP_AUTH_TRACK_TOKEN, "not-the-token");
  run (f, "GET", "/me", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_FORBIDDEN, "Incorrect username and/or password");

  fake_toggl_set_auth_failure_status (f->fake, 401);
  run (f, "GET", "/me", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_AUTH, "Sign in again");
  stint_http_set_auth (f->http, STINT_HTTP_AUTH_TRACK_TOKEN, ADA_TOKEN);

  /* Not a member of Bob's workspace. */
  run (f, "GET", "/workspaces/5002/projects", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_FORBIDDEN, "User does not have access to this resource.");

  run (f, "PUT", "/workspaces/5001/time_entries/42", "{\"description\":\"x\"}", NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_NOT_FOUND, "Time entry not found");

  run (f, "PATCH", "/workspaces/5001/time_entries/3000000001/stop", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_CONFLICT, "already stopped");
  g_assert_cmpuint (r.meta.status, ==, 409);

  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/me", .kind = FAKE_TOGGL_FAULT_STATUS, .status = 503,
    .content_type = "text/html", .body = "<html><body><h1>503 Service Unavailable</h1></body></html>" });
  run (f, "GET", "/me", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_SERVER, "error 503");
  g_assert_true (stint_api_error_is_transient (r.error));

  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/me", .kind = FAKE_TOGGL_FAULT_STATUS, .status = 402,
    .body = "\"Billable rates are available for Starter and higher plans\"",
    .content_type = "application/json" });
  run (f, "GET", "/me", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_PLAN, "Billable rates are available for Starter and higher plans");

  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/me", .kind = FAKE_TOGGL_FAULT_RATE_LIMIT, .retry_after = 7 });
  run (f, "GET", "/me", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_RATE_LIMITED, "7 seconds");
  g_assert_cmpint (r.meta.retry_after, ==, 7);

  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/me", .kind = FAKE_TOGGL_FAULT_RATE_LIMIT });
  run (f, "GET", "/me", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_RATE_LIMITED, "shortly");
  g_assert_cmpint (r.meta.retry_after, ==, -1);

  result_clear (&r);
}

/* What the server says, in the forms Toggl uses, and what it must never show. */
static void
test_server_text (Fixture       *f,
                  gconstpointer  data)
{
  static const struct {
    guint status; const char *type; const char *body; int code; const char *expect;
  } cases[] = {
    { 400, "text/plain", "Invalid start date", STINT_API_ERROR_INVALID,
      "Toggl refused the change: Invalid start date" },
    { 400, "application/json", "\"Invalid   project\\ncolor\"", STINT_API_ERROR_INVALID,
      "Toggl refused the change: Invalid project color" },
    { 401, "application/json",
      "{\"error\":\"invalid_session\",\"error_description\":\"the provided API key is invalid\",\"trace_id\":\"ab12\"}",
      STINT_API_ERROR_AUTH,
      "Toggl did not accept the sign-in (“the provided API key is invalid”). Sign in again." },
    { 422, "text/html", "<!DOCTYPE html><html><body>Oops</body></html>", STINT_API_ERROR_INVALID,
      "Toggl refused the change as invalid." },
    { 400, NULL, "  <html>", STINT_API_ERROR_INVALID, "Toggl refused the change as invalid." },
    { 400, "application/json", "{\"id\": 1, \"broken", STINT_API_ERROR_INVALID,
      "Toggl refused the change as invalid." },
    { 400, "application/octet-stream", "\x01\x02\xff\xfe", STINT_API_ERROR_INVALID,
      "Toggl refused the change as invalid." },
    { 404, "application/json", "{\"error\":\"not_found\"}", STINT_API_ERROR_NOT_FOUND,
      "Toggl could not find it; it may have been deleted." },
  };
  Result r = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
        .path = "/api/v9/me", .kind = FAKE_TOGGL_FAULT_STATUS, .status = cases[i].status,
        .content_type = cases[i].type, .body = cases[i].body });
      run (f, "GET", "/me", NULL, NULL, &r);
      g_test_message ("case %u: %s", i, r.error ? r.error->message : "no error");
      assert_api_error (&r, cases[i].code, NULL);
      g_assert_cmpstr (r.error->message, ==, cases[i].expect);
    }

  result_clear (&r);
}

static void
test_quota (Fixture       *f,
            gconstpointer  data)
{
  Result r = { 0 };

  fake_toggl_set_user_quota (f->fake, 2);

  /* The window opens at 13:05:00 with the first request and closes at 14:05. */
  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_no_error (r.error);
  stint_clock_advance (f->clock, 25 * 60 * G_USEC_PER_SEC + 30 * G_USEC_PER_SEC);
  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpint (r.meta.quota_remaining, ==, 0);

  run (f, "GET", "/me/time_entries", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_QUOTA, NULL);
  g_assert_cmpstr (r.error->message, ==,
                   "Toggl’s hourly request limit is used up; Stint will sync again at 14:05.");
  g_assert_cmpuint (r.meta.status, ==, 402);
  g_assert_cmpint (r.meta.quota_remaining, ==, 0);
  g_assert_cmpint (r.meta.quota_resets_in, ==, 3600 - 25 * 60 - 30);

  /* Workspace requests use another bucket and still pass. */
  run (f, "GET", "/workspaces/5001/tags", NULL, NULL, &r);
  g_assert_no_error (r.error);

  /* The window ends: requests pass again. */
  stint_clock_advance (f->clock, 35 * 60 * G_USEC_PER_SEC);
  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpint (r.meta.quota_remaining, ==, 1);

  result_clear (&r);
}

static void
test_burst (Fixture       *f,
            gconstpointer  data)
{
  Result r = { 0 };

  fake_toggl_set_burst_limit (f->fake, 1, 2);
  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_no_error (r.error);
  run (f, "GET", "/me", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_RATE_LIMITED, "2 seconds");
  g_assert_cmpint (r.meta.retry_after, ==, 2);

  stint_clock_advance (f->clock, G_USEC_PER_SEC);
  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_no_error (r.error);

  result_clear (&r);
}

/* What the headers say, as the session hands them over (lower-case names). */
static void
test_parse_headers (void)
{
  g_autoptr(GError) error = NULL;
  const StintTransportFuncs *funcs = stint_transport_load (&error);
  g_autoptr(GHashTable) headers = g_hash_table_new (g_str_hash, g_str_equal);
  StintApiMeta meta = STINT_API_META_INIT;

  g_assert_no_error (error);
  g_assert_nonnull (funcs);

  g_hash_table_insert (headers, "x-toggl-quota-remaining", " -2 ");
  g_hash_table_insert (headers, "x-toggl-quota-resets-in", "1799");
  g_hash_table_insert (headers, "retry-after", "12");
  stint_api_meta_parse_headers (&meta, headers, funcs->parse_http_date, T0);
  g_assert_cmpint (meta.quota_remaining, ==, -2);
  g_assert_cmpint (meta.quota_resets_in, ==, 1799);
  g_assert_cmpint (meta.retry_after, ==, 12);

  /* An HTTP-date 90 s after T0 (2025-03-03T13:05:00Z); one in the past is 0. */
  stint_api_meta_init (&meta);
  g_hash_table_insert (headers, "retry-after", "Mon, 03 Mar 2025 13:06:30 GMT");
  stint_api_meta_parse_headers (&meta, headers, funcs->parse_http_date, T0);
  g_assert_cmpint (meta.retry_after, ==, 90);
  stint_api_meta_parse_headers (&meta, headers, funcs->parse_http_date, T0 + 3600);
  g_assert_cmpint (meta.retry_after, ==, 0);

  /* Unreadable values leave the fields as they were. */
  stint_api_meta_init (&meta);
  g_hash_table_insert (headers, "x-toggl-quota-remaining", "plenty");
  g_hash_table_insert (headers, "retry-after", "soon");
  stint_api_meta_parse_headers (&meta, headers, funcs->parse_http_date, T0);
  g_assert_cmpint (meta.quota_remaining, ==, -1);
  g_assert_cmpint (meta.retry_after, ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  g_test_add_func ("/stint/http/base-url", test_base_url);
  g_test_add_func ("/stint/http/parse-headers", test_parse_headers);
  ADD ("/stint/http/success", test_success);
  ADD ("/stint/http/validation", test_validation);
  ADD ("/stint/http/status-classes", test_status_classes);
  ADD ("/stint/http/server-text", test_server_text);
  ADD ("/stint/http/quota", test_quota);
  ADD ("/stint/http/burst", test_burst);
#undef ADD

  return g_test_run ();
}
