/* test-focus-backend-create.c: StintFocusBackend against the fake, the
 * creates
 *
 * A running entry through tracking/start (and the PATCH for what it cannot
 * carry), the 422 when something runs already (our own lost start adopted,
 * one started elsewhere settled as Toggl settles two starts), a finished
 * entry with a tag made on the way, and 201/204 task-scoped. The fixture is
 * in focus-backend-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "focus-backend-fixture.h"

/* --- create -------------------------------------------------------------- */

static void
test_create_running (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const tags[] = { "review", NULL };
  g_autoptr(StintEntry) entry = new_entry ("Writing the manual", T0, 0);
  g_autoptr(StintEntry) plain = new_entry ("Plain", T0 + 60, 0);
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(GError) error = NULL;
  const char *members[] = { "start", "type", "description", "project_id", NULL };
  JsonObject *body;
  JsonObject *on_server;
  guint n;

  /* Tags and billable are not in tracking/start: a PATCH follows, then the
   * entry is read back (the tags were not known yet: read first). */
  stint_entry_set_project_id (entry, PROJECT);
  stint_entry_set_tags (entry, tags);
  stint_entry_set_billable (entry, TRUE);
  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_true (stint_entry_is_running (created));
  g_assert_cmpint (stint_entry_get_start (created), ==, T0);
  g_assert_true (stint_entry_get_billable (created));
  g_assert_true (g_strv_equal (stint_entry_get_tags (created), tags));

  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 4);
  assert_request (fake_toggl_get_request (f->fake, 0), "POST", SCOPE "/tracking/start", 200);
  body = request_body (fake_toggl_get_request (f->fake, 0));
  g_assert_cmpuint (json_object_get_size (body), ==, g_strv_length ((char **)members));
  for (guint i = 0; members[i] != NULL; i++)
    g_assert_true (json_object_has_member (body, members[i]));
  assert_request (fake_toggl_get_request (f->fake, 1), "GET", "/focus/api/workspaces/600100/tags", 200);
  assert_request (fake_toggl_get_request (f->fake, 2), "PATCH",
                  entry_path (stint_entry_get_server_id (created)),
                  204);
  assert_request (last_request (f), "GET",
                  entry_path (stint_entry_get_server_id (created)),
                  200);

  on_server = fake_toggl_focus_get_running (f->fake, GRACE);
  g_assert_nonnull (on_server);
  g_assert_cmpint (server_int (on_server, "id"), ==, stint_entry_get_server_id (created));
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (on_server, "tag_ids"), 0), ==, 620001);
  g_assert_true (json_object_get_boolean_member (on_server, "billable"));
  g_assert_cmpint (server_int (on_server, "duration"), ==, -1);

  /* Nothing extra to say: one request. */
  g_assert_nonnull (fake_toggl_focus_stop_elsewhere (f->fake, GRACE));
  n = fake_toggl_get_n_requests (f->fake);
  g_clear_object (&created);
  created = create_entry (f, plain, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, n + 1);
  assert_all_buckets_organization (f);
}

/* 422: something runs already. Our own start whose answer was lost is
 * taken as the started entry; one started elsewhere is settled as Toggl
 * settles two starts, the later runs, and what the user typed stays. */
static void
test_create_running_adopts (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(StintEntry) entry = new_entry ("Mine", T0, 0);
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *ours;
  guint n;

  /* Our start went through; its answer did not. */
  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  ours = fake_toggl_focus_get_running (f->fake, GRACE);
  g_assert_cmpint (server_int (ours, "id"), ==, stint_entry_get_server_id (created));
  g_clear_object (&created);
  fake_toggl_clear_log (f->fake);
  n = fake_toggl_focus_count_entries (f->fake, GRACE, TRUE);

  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_server_id (created), ==, server_int (ours, "id"));
  g_assert_cmpstr (stint_entry_get_description (created), ==, "Mine");
  g_assert_true (stint_entry_is_running (created));
  g_assert_cmpuint (fake_toggl_focus_count_entries (f->fake, GRACE, TRUE), ==, n);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 2);
  assert_request (request_from_end (f, 1), "POST", SCOPE "/tracking/start", 422);
  assert_request (last_request (f), "GET", SCOPE "/tracking/current", 200);

  /* Stopped between the 422 and the read: the start is tried once more. */
  g_clear_object (&created);
  fake_toggl_clear_log (f->fake);
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .method = "POST", .path = SCOPE "/tracking/start", .kind = FAKE_TOGGL_FAULT_STATUS, .status = 422,
    .content_type = "application/json",
    .body = "{\"error\":\"already_tracking\",\"error_description\":\"Cannot track multiple time entries at the same time\"}" });
  g_assert_nonnull (fake_toggl_focus_stop_elsewhere (f->fake, GRACE));
  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (created), ==, "Mine");
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 3);
  assert_request (fake_toggl_get_request (f->fake, 1), "GET", SCOPE "/tracking/current", 204);
  assert_request (last_request (f), "POST", SCOPE "/tracking/start", 200);
}

/* Started in the web app before ours began: it stops where ours begins,
 * and ours runs, as typed. */
static void
test_create_running_stops_earlier (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(StintEntry) entry = new_entry ("Mine", T0 + 10 * 60, 0);
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *theirs = fake_toggl_focus_start_elsewhere (f->fake, GRACE, "Theirs");
  gint64 theirs_id = server_int (theirs, "id");

  advance (f, 15 * 60);
  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (created), ==, "Mine");
  g_assert_cmpint (stint_entry_get_start (created), ==, T0 + 10 * 60);
  g_assert_true (stint_entry_is_running (created));
  g_assert_cmpint (stint_entry_get_server_id (created), !=, theirs_id);
  g_assert_cmpint (server_int (fake_toggl_focus_get_running (f->fake, GRACE), "id"), ==,
                   stint_entry_get_server_id (created));

  /* Theirs ended where ours began, not when Stint got through. */
  theirs = fake_toggl_focus_get_entry (f->fake, theirs_id);
  g_assert_cmpint (server_int (theirs, "duration"), ==, 10 * 60);

  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 4);
  assert_request (fake_toggl_get_request (f->fake, 0), "POST", SCOPE "/tracking/start", 422);
  assert_request (fake_toggl_get_request (f->fake, 1), "GET", SCOPE "/tracking/current", 200);
  assert_request (fake_toggl_get_request (f->fake, 2), "POST", SCOPE "/tracking/stop", 200);
  assert_request (last_request (f), "POST", SCOPE "/tracking/start", 200);
}

/* Started in the web app after ours began (ours waited offline): it ended
 * ours, which is made as a finished entry up to there; theirs runs on. */
static void
test_create_running_ended_by_later (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(StintEntry) entry = new_entry ("Mine", T0 - 30 * 60, 0);
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *theirs = fake_toggl_focus_start_elsewhere (f->fake, GRACE, "Theirs");

  advance (f, 5 * 60);
  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (created), ==, "Mine");
  g_assert_false (stint_entry_is_running (created));
  g_assert_cmpint (stint_entry_get_start (created), ==, T0 - 30 * 60);
  g_assert_cmpint (stint_entry_get_stop (created), ==, T0);
  g_assert_cmpint (server_int (fake_toggl_focus_get_running (f->fake, GRACE), "id"), ==,
                   server_int (theirs, "id"));
  assert_request (last_request (f), "POST", SCOPE "/time-entries", 200);
}

/* Refused again after the settling: no loop, a sentence, and the entry is
 * tried again later. */
static void
test_create_running_keeps_meeting_others (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(StintEntry) entry = new_entry ("Mine", T0 + 3 * 60, 0);
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(GError) error = NULL;
  const char *busy = "{\"error\":\"already_tracking\",\"error_description\":\"Cannot track multiple time entries at the same time\"}";

  fake_toggl_focus_start_elsewhere (f->fake, GRACE, "Theirs");
  advance (f, 2 * 60);
  fake_toggl_focus_start_elsewhere (f->fake, GRACE, "Theirs again");
  advance (f, 2 * 60);
  /* Two 422s: after the stop, the second start meets one again. */
  for (guint i = 0; i < 2; i++)
    fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
      .method = "POST", .path = SCOPE "/tracking/start", .kind = FAKE_TOGGL_FAULT_STATUS,
      .status = 422, .content_type = "application/json", .body = busy });
  created = create_entry (f, entry, &error);
  g_assert_null (created);
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Stint will try again"));
  g_assert_true (stint_api_error_is_transient (error));

  /* start, current, stop "Theirs again", start, current: and no more. */
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 5);
  assert_request (fake_toggl_get_request (f->fake, 2), "POST", SCOPE "/tracking/stop", 200);
  g_assert_null (fake_toggl_focus_get_running (f->fake, GRACE));
}

static void
test_create_finished (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const tags[] = { "deep work", "brand new", NULL };
  g_autoptr(StintEntry) entry = new_entry ("Notes", T0 - 2 * HOUR, T0 - HOUR);
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;
  JsonObject *on_server;

  /* An unknown tag name becomes a tag, as Track makes them. */
  stint_entry_set_tags (entry, tags);
  stint_entry_set_break (entry, TRUE);
  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_false (stint_entry_is_running (created));
  g_assert_cmpint (stint_entry_get_stop (created), ==, T0 - HOUR);
  g_assert_true (stint_entry_get_break (created));

  assert_request (fake_toggl_get_request (f->fake, 0), "GET", "/focus/api/workspaces/600100/tags", 200);
  assert_request (fake_toggl_get_request (f->fake, 1), "POST", "/focus/api/workspaces/600100/tags", 200);
  assert_request (last_request (f), "POST", SCOPE "/time-entries", 200);
  body = request_body (last_request (f));
  g_assert_cmpstr (json_object_get_string_member (body, "type"), ==, "break");
  g_assert_cmpint (json_object_get_int_member (body, "duration"), ==, HOUR);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "tag_ids")), ==, 2);

  on_server = fake_toggl_focus_get_entry (f->fake, stint_entry_get_server_id (created));
  g_assert_cmpint (server_int (on_server, "duration"), ==, HOUR);
  g_assert_cmpstr (json_object_get_string_member (on_server, "type"), ==, "break");
}

/* Under a task: 201 with the entry, or a bare 201 and the entry found. */
static void
test_create_task_scoped (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StintEntry) entry = new_entry ("Compiling", T0 - 2 * HOUR, T0 - HOUR);
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(StintEntry) found = NULL;
  g_autoptr(GError) error = NULL;

  stint_entry_set_task_id (entry, TASK);
  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_task_id (created), ==, TASK);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 1);
  assert_request (last_request (f), "POST", SCOPE "/tasks/640001/time-entries", 201);
  g_assert_cmpuint (last_response (f)->meta.status, ==, 201);

  fake_toggl_focus_set_bare_task_creates (f->fake, TRUE);
  stint_entry_set_start (entry, T0 - 3 * HOUR);
  found = create_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_server_id (found), >, stint_entry_get_server_id (created));
  g_assert_cmpint (stint_entry_get_start (found), ==, T0 - 3 * HOUR);
  assert_request (request_from_end (f, 1), "POST", SCOPE "/tasks/640001/time-entries", 201);
  assert_request (last_request (f), "GET", SCOPE "/tasks/640001/time-entries", 200);
  g_assert_cmpstr (last_request (f)->query, ==, "page=1&per_page=100");

  /* The task-scoped list reads too, paged: through the task's entries the
   * fixture's task entry and the two made here. */
  g_assert_cmpuint (fake_toggl_focus_count_entries (f->fake, GRACE, FALSE), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  stint_test_init (&argc, &argv);
  g_log_set_writer_func (capture_log, NULL, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/focus-backend/create/running", test_create_running);
  ADD ("/stint/focus-backend/create/running-adopts", test_create_running_adopts);
  ADD ("/stint/focus-backend/create/running-stops-earlier", test_create_running_stops_earlier);
  ADD ("/stint/focus-backend/create/running-ended-by-later", test_create_running_ended_by_later);
  ADD ("/stint/focus-backend/create/running-keeps-meeting-others", test_create_running_keeps_meeting_others);
  ADD ("/stint/focus-backend/create/finished", test_create_finished);
  ADD ("/stint/focus-backend/create/task-scoped", test_create_task_scoped);
#undef ADD

  return g_test_run ();
}
