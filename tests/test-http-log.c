/* test-http-log.c: what is written down about StintHttp's requests
 *
 * Every message of the process, debug ones too, is captured: neither it
 * nor an error shown to the user ever holds the token, in any form. The
 * fake's admin API, as end-to-end tests use it, keeps a log of what Stint
 * sent, without the token. The fixture is in http-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "http-fixture.h"

static GString *captured_log;

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
  ADD ("/stint/http/token-never-logged", test_token_never_logged);
  ADD ("/stint/http/fake-admin", test_fake_admin);
#undef ADD

  return g_test_run ();
}
