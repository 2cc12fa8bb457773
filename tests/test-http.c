/* test-http.c: StintHttp against the in-process fake Toggl server
 *
 * Server and client share the test's main context and both run async, so a
 * request is driven by iterating the context until its callback has run.
 * Time for quota windows comes from a manual clock; only the timeout test
 * waits on the real clock (for a 150 ms deadline).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "api/stint-http.h"
#include "api/stint-transport.h"
#include "stint-test-fake.h"

#define ADA_TOKEN "3f2a9c4e8b7d6a5f1e0c9b8a7d6e5f4a"
#define ADA_ID 1001
/* 2025-03-03T13:05:00Z */
#define T0 G_GINT64_CONSTANT (1741007100)

static GString *captured_log;

typedef struct
{
  StintClock *clock;
  FakeToggl  *fake;
  StintHttp  *http;
} Fixture;

typedef struct
{
  gboolean      done;
  JsonNode     *node;
  StintApiMeta  meta;
  GError       *error;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->node, json_node_unref);
  g_clear_error (&result->error);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  f->fake = stint_test_fake_toggl_new (f->clock, "fake-toggl-accounts.json");
  f->http = stint_test_fake_track_http (f->fake, f->clock, ADA_TOKEN);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->http);
  g_clear_object (&f->fake);
  g_clear_object (&f->clock);
}

static void
request_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  Result *result = user_data;

  result->node = stint_http_request_finish (STINT_HTTP (object), res, &result->meta, &result->error);
  result->done = TRUE;
}

static void
run (Fixture      *f,
     const char   *method,
     const char   *path,
     const char   *body,
     GCancellable *cancellable,
     Result       *result)
{
  g_autoptr(JsonNode) node = NULL;

  result_clear (result);
  result->done = FALSE;
  if (body != NULL)
    {
      g_autoptr(GError) error = NULL;

      node = json_from_string (body, &error);
      g_assert_no_error (error);
    }

  stint_http_request_async (f->http, method, path, node, cancellable, request_cb, result);
  STINT_TEST_WAIT_FOR (result->done);
}

static void
assert_api_error (Result     *result,
                  int         code,
                  const char *fragment)
{
  g_assert_error (result->error, STINT_API_ERROR, code);
  g_assert_null (result->node);
  if (fragment != NULL && strstr (result->error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", result->error->message, fragment);
  /* Sentences, not markup or dumps. */
  g_assert_null (strchr (result->error->message, '<'));
}

static const char *valid_create =
  "{\"created_with\":\"Stint\",\"workspace_id\":5001,\"start\":\"2025-03-03T12:00:00Z\",\"duration\":-1}";

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

static void
test_broken_replies (Fixture       *f,
                     gconstpointer  data)
{
  Result r = { 0 };

  /* Applied on the server, but the answer is cut off. */
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .method = "POST", .path = "/api/v9/workspaces/*/time_entries", .kind = FAKE_TOGGL_FAULT_MALFORMED });
  run (f, "POST", "/workspaces/5001/time_entries", valid_create, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_BAD_REPLY, "cannot read");
  g_assert_cmpuint (r.meta.status, ==, 200);
  g_assert_cmpuint (fake_toggl_count_entries (f->fake, ADA_ID, FALSE), ==, 2);

  /* Dropped before the change: nothing happened. */
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .method = "POST", .path = "/api/v9/workspaces/*/time_entries", .kind = FAKE_TOGGL_FAULT_CLOSE_BEFORE });
  run (f, "POST", "/workspaces/5001/time_entries", valid_create, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_NETWORK, NULL);
  g_assert_true (stint_api_error_is_transient (r.error));
  g_assert_cmpuint (r.meta.status, ==, 0);
  g_assert_cmpuint (fake_toggl_count_entries (f->fake, ADA_ID, FALSE), ==, 2);

  /* Dropped after the change: the entry exists though the client saw an error. */
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .method = "POST", .path = "/api/v9/workspaces/*/time_entries", .kind = FAKE_TOGGL_FAULT_CLOSE_AFTER });
  run (f, "POST", "/workspaces/5001/time_entries", valid_create, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_NETWORK, NULL);
  g_assert_cmpuint (fake_toggl_count_entries (f->fake, ADA_ID, FALSE), ==, 3);

  /* Requests after a dropped connection work again. */
  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_no_error (r.error);

  result_clear (&r);
}

/* libsoup sends a PUT or DELETE again by itself when a reused keep-alive
 * connection turns out closed; the second send must carry the same body. */
static void
test_resend_keeps_body (Fixture       *f,
                        gconstpointer  data)
{
  Result r = { 0 };
  g_autofree char *path = NULL;
  gint64 id;
  guint n_puts;
  const FakeTogglRequest *last;

  run (f, "POST", "/workspaces/5001/time_entries", valid_create, NULL, &r);
  g_assert_no_error (r.error);
  id = json_object_get_int_member (json_node_get_object (r.node), "id");
  path = g_strdup_printf ("/workspaces/5001/time_entries/%" G_GINT64_FORMAT, id);

  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .method = "PUT", .path = "/api/v9/workspaces/*/time_entries/*", .kind = FAKE_TOGGL_FAULT_CLOSE_BEFORE });
  fake_toggl_clear_log (f->fake);
  run (f, "PUT", path, "{\"description\":\"Resent whole\"}", NULL, &r);

  n_puts = fake_toggl_count_requests (f->fake, "PUT", "/api/v9/workspaces/*/time_entries/*");
  last = fake_toggl_get_request (f->fake, fake_toggl_get_n_requests (f->fake) - 1);
  if (n_puts > 1)
    {
      /* libsoup resent it: the resend must be whole and succeed. */
      g_assert_cmpstr (last->body, ==, "{\"description\":\"Resent whole\"}");
      g_assert_no_error (r.error);
      g_assert_cmpstr (json_object_get_string_member (fake_toggl_get_entry (f->fake, id), "description"),
                       ==, "Resent whole");
    }
  else
    {
      /* Not resent: the caller sees a network error and retries later. */
      assert_api_error (&r, STINT_API_ERROR_NETWORK, NULL);
    }

  result_clear (&r);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  Result r = { 0 };

  stint_http_set_timeout_ms (f->http, 150);
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/me", .kind = FAKE_TOGGL_FAULT_DELAY, .delay_ms = 5000 });
  run (f, "GET", "/me", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_TIMEOUT, "did not answer in time");

  /* A delay shorter than the deadline is just slow. */
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/me", .kind = FAKE_TOGGL_FAULT_DELAY, .delay_ms = 20 });
  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_no_error (r.error);

  result_clear (&r);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  g_cancellable_cancel (cancellable);
  run (f, "GET", "/me", NULL, cancellable, &r);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  result_clear (&r);
}

static void
test_connection_refused (void)
{
  g_autoptr(StintHttp) http = NULL;
  g_autofree char *url = NULL;
  Result r = { 0 };
  Fixture f = { 0 };

  /* A port that was free a moment ago. */
  {
    g_autoptr(FakeToggl) gone = stint_test_fake_toggl_new (NULL, NULL);

    url = fake_toggl_dup_track_url (gone);
  }
  http = stint_test_http_new (NULL, url, STINT_HTTP_AUTH_NONE, NULL);
  f.http = http;

  run (&f, "GET", "/me", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_NETWORK, "Check the network connection");

  result_clear (&r);
}

/* The HTTP session is a module (stint-transport.h); an installation that
 * lacks it says so on the first request, and nothing crashes. The module is
 * opened once per process, hence the subprocess. */
static void
test_module_missing (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FakeToggl) fake = stint_test_fake_toggl_new (NULL, NULL);
      g_autofree char *url = fake_toggl_dup_track_url (fake);
      g_autoptr(StintHttp) http = NULL;
      Result r = { 0 };
      Fixture f = { 0 };

      g_setenv ("STINT_MODULE_DIR", "/nonexistent", TRUE);
      http = stint_test_http_new (NULL, url, STINT_HTTP_AUTH_NONE, NULL);
      f.http = http;

      run (&f, "GET", "/me", NULL, NULL, &r);
      assert_api_error (&r, STINT_API_ERROR_NETWORK, "Stint is not completely installed");
      g_assert_nonnull (strstr (r.error->message, "/nonexistent/stint-soup.so"));
      g_assert_cmpuint (r.meta.status, ==, 0);
      result_clear (&r);

      /* The same answer again, without trying to open it again. */
      run (&f, "GET", "/me", NULL, NULL, &r);
      assert_api_error (&r, STINT_API_ERROR_NETWORK, "Reinstalling Stint should fix this");
      result_clear (&r);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
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

/* The fake's own admin API, as end-to-end tests use it against the
 * standalone program: an entry started "on the web" is what Stint then sees,
 * and the request log shows what Stint sent, without the admin's requests. */
static void
test_fake_admin (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *admin_url = g_strconcat (fake_toggl_get_url (f->fake), "/__admin", NULL);
  g_autoptr(StintHttp) admin = stint_test_http_new (f->clock, admin_url, STINT_HTTP_AUTH_NONE, NULL);
  Fixture a = { .http = admin };
  Result r = { 0 };
  JsonArray *log;
  JsonObject *request;

  /* Off unless asked for: the in-process fake is changed directly. */
  run (&a, "GET", "/entries", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_NOT_FOUND, NULL);
  fake_toggl_set_admin_enabled (f->fake, TRUE);

  /* Whose entry: the token, given as Stint gives it. */
  run (&a, "POST", "/entries", "{\"description\":\"Call\"}", NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_AUTH, NULL);
  stint_http_set_auth (admin, STINT_HTTP_AUTH_TRACK_TOKEN, ADA_TOKEN);
  run (&a, "POST", "/entries", "{\"description\":\"Call\",\"start\":\"2025-03-03T13:00:00Z\"}", NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (r.node), "duration"), ==, -1);

  run (f, "GET", "/me/time_entries/current", NULL, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (r.node), "description"), ==, "Call");

  run (&a, "GET", "/requests", NULL, NULL, &r);
  g_assert_no_error (r.error);
  log = json_node_get_array (r.node);
  g_assert_cmpuint (json_array_get_length (log), ==, 1);
  request = json_array_get_object_element (log, 0);
  g_assert_cmpstr (json_object_get_string_member (request, "path"), ==, "/api/v9/me/time_entries/current");
  g_assert_cmpstr (json_object_get_string_member (request, "bucket"), ==, "user:1001");
  g_assert_cmpint (json_object_get_int_member (request, "status"), ==, 200);
  {
    g_autofree char *text = json_to_string (r.node, FALSE);

    g_assert_null (strstr (text, ADA_TOKEN));
  }

  /* Stopped and deleted "elsewhere". */
  run (&a, "GET", "/entries", NULL, NULL, &r);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (r.node)), ==, 2);
  {
    gint64 id = json_object_get_int_member (json_array_get_object_element (json_node_get_array (r.node), 1), "id");
    g_autofree char *stop = g_strdup_printf ("/entries/%" G_GINT64_FORMAT "/stop", id);
    g_autofree char *one = g_strdup_printf ("/entries/%" G_GINT64_FORMAT, id);

    run (&a, "POST", stop, NULL, NULL, &r);
    g_assert_no_error (r.error);
    run (&a, "POST", stop, NULL, NULL, &r);
    assert_api_error (&r, STINT_API_ERROR_CONFLICT, NULL);
    run (&a, "DELETE", one, NULL, NULL, &r);
    g_assert_no_error (r.error);
    g_assert_cmpuint (fake_toggl_count_entries (f->fake, ADA_ID, FALSE), ==, 1);
  }

  /* Faults and settings for a server that misbehaves on cue. */
  run (&a, "POST", "/faults", "{\"path\":\"/api/v9/me\",\"kind\":\"status\",\"status\":503}", NULL, &r);
  g_assert_no_error (r.error);
  run (&a, "POST", "/settings", "{\"idle_current_status\":204}", NULL, &r);
  g_assert_no_error (r.error);
  run (f, "GET", "/me", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_SERVER, NULL);
  run (f, "GET", "/me/time_entries/current", NULL, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.meta.status, ==, 204);

  run (&a, "POST", "/faults", "{\"path\":\"/api/v9/me\",\"kind\":\"sideways\"}", NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_INVALID, "known kind");

  result_clear (&r);
}

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (captured_log, fields[i].value);
      else
        g_string_append_len (captured_log, fields[i].value, fields[i].length);
      g_string_append_c (captured_log, '\n');
    }

  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* Every path that can log or build an error, with the token in play: the
 * token, its Basic form and the header name never show up. */
static void
test_token_never_logged (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *basic = g_base64_encode ((const guchar *)ADA_TOKEN ":api_token",
                                            strlen (ADA_TOKEN ":api_token"));
  Result r = { 0 };
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  g_string_truncate (captured_log, 0);
  fake_toggl_set_user_quota (f->fake, 3);

  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_no_error (r.error);

  /* A server that echoes the token must not get it onto the screen. */
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/me", .kind = FAKE_TOGGL_FAULT_STATUS, .status = 400,
    .content_type = "text/plain", .body = "Bad token " ADA_TOKEN });
  run (f, "GET", "/me", NULL, NULL, &r);
  assert_api_error (&r, STINT_API_ERROR_INVALID, NULL);
  g_ptr_array_add (messages, g_strdup (r.error->message));

  run (f, "POST", "/workspaces/5001/time_entries", "{}", NULL, &r);
  g_assert_error (r.error, STINT_API_ERROR, STINT_API_ERROR_INVALID);
  g_ptr_array_add (messages, g_strdup (r.error->message));
  /* POST: libsoup silently resends an idempotent request when a reused
   * connection closes before any answer. */
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/workspaces/*", .kind = FAKE_TOGGL_FAULT_CLOSE_BEFORE });
  run (f, "POST", "/workspaces/5001/time_entries", valid_create, NULL, &r);
  g_assert_error (r.error, STINT_API_ERROR, STINT_API_ERROR_NETWORK);
  g_ptr_array_add (messages, g_strdup (r.error->message));
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/me*", .kind = FAKE_TOGGL_FAULT_MALFORMED });
  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_error (r.error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY);
  g_ptr_array_add (messages, g_strdup (r.error->message));
  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_no_error (r.error);
  run (f, "GET", "/me", NULL, NULL, &r);
  g_assert_error (r.error, STINT_API_ERROR, STINT_API_ERROR_QUOTA);
  g_ptr_array_add (messages, g_strdup (r.error->message));

  /* The flow was logged (so the check below looked at something)… */
  g_assert_nonnull (strstr (captured_log->str, "GET /me"));
  /* …and no secret was. */
  g_assert_null (strstr (captured_log->str, ADA_TOKEN));
  g_assert_null (strstr (captured_log->str, basic));
  {
    g_autofree char *lower = g_ascii_strdown (captured_log->str, -1);

    g_assert_null (strstr (lower, "authorization"));
  }
  for (guint i = 0; i < messages->len; i++)
    {
      g_assert_null (strstr (g_ptr_array_index (messages, i), ADA_TOKEN));
      g_assert_null (strstr (g_ptr_array_index (messages, i), basic));
    }

  g_ptr_array_unref (messages);
  result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  /* Debug messages are where a leak would hide: capture them all. */
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  g_test_add_func ("/stint/http/base-url", test_base_url);
  g_test_add_func ("/stint/http/connection-refused", test_connection_refused);
  g_test_add_func ("/stint/http/module-missing", test_module_missing);
  g_test_add_func ("/stint/http/parse-headers", test_parse_headers);
  ADD ("/stint/http/success", test_success);
  ADD ("/stint/http/validation", test_validation);
  ADD ("/stint/http/status-classes", test_status_classes);
  ADD ("/stint/http/server-text", test_server_text);
  ADD ("/stint/http/quota", test_quota);
  ADD ("/stint/http/burst", test_burst);
  ADD ("/stint/http/broken-replies", test_broken_replies);
  ADD ("/stint/http/resend-keeps-body", test_resend_keeps_body);
  ADD ("/stint/http/timeout", test_timeout);
  ADD ("/stint/http/cancel", test_cancel);
  ADD ("/stint/http/token-never-logged", test_token_never_logged);
  ADD ("/stint/http/fake-admin", test_fake_admin);
#undef ADD

  return g_test_run ();
}
