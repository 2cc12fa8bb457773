/* test-track-backend-errors.c: StintTrackBackend against the fake Toggl:
 * when it fails, what it counts, how it stops
 *
 * Every error class as the sentence the user sees (a refused token, 401,
 * 410, 402 for the quota and for the plan, 429, 5xx, a malformed or
 * misshapen answer, a dropped connection, a timeout), the quota each reply
 * reports for its bucket, and cancellation before, during and between
 * requests. Only the timeout case waits on the real clock (a 150 ms
 * deadline). The fixture is in track-backend-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "track-backend-fixture.h"

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
  ADD ("/stint/track-backend/errors", test_errors);
  ADD ("/stint/track-backend/response-quota", test_response_quota);
  ADD ("/stint/track-backend/cancel", test_cancel);
#undef ADD

  return g_test_run ();
}
