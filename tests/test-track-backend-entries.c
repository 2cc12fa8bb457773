/* test-track-backend-entries.c: StintTrackBackend against the fake Toggl:
 * what it writes
 *
 * Time entries created, updated (only what changed when the old version is
 * known, and no request when nothing did), stopped (late, with the user's
 * time put back; after a stop elsewhere, adopting the server's) and deleted
 * (a 404 is done), and projects and tags created. The fixture is in
 * track-backend-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "track-backend-fixture.h"

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

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/track-backend/create-entry", test_create_entry);
  ADD ("/stint/track-backend/update-entry", test_update_entry);
  ADD ("/stint/track-backend/stop-entry", test_stop_entry);
  ADD ("/stint/track-backend/stop-entry/offline", test_stop_entry_offline);
  ADD ("/stint/track-backend/stop-entry/conflict", test_stop_entry_conflict);
  ADD ("/stint/track-backend/delete-entry", test_delete_entry);
  ADD ("/stint/track-backend/create-project-and-tag", test_create_project_and_tag);
#undef ADD

  return g_test_run ();
}
