/* test-http-faults.c: StintHttp against the fake Toggl when the connection
 * fails
 *
 * An answer cut off or a connection dropped (and what the server did all
 * the same), libsoup's own resend that must carry the whole body, a
 * timeout, a cancel, a refused connection, and the HTTP module missing from
 * the installation. Only the timeout test waits on the real clock (for a
 * 150 ms deadline). The fixture is in http-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "http-fixture.h"

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

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  g_test_add_func ("/stint/http/connection-refused", test_connection_refused);
  g_test_add_func ("/stint/http/module-missing", test_module_missing);
  ADD ("/stint/http/broken-replies", test_broken_replies);
  ADD ("/stint/http/resend-keeps-body", test_resend_keeps_body);
  ADD ("/stint/http/timeout", test_timeout);
  ADD ("/stint/http/cancel", test_cancel);
#undef ADD

  return g_test_run ();
}
