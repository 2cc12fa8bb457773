/* test-focus-backend.c: StintFocusBackend against the in-process fake Focus
 *
 * Every operation goes through the StintBackend interface, async, to the
 * fake on loopback; the test iterates the main context until the callback
 * has stored its result. Time comes from a manual clock shared by the fake
 * and the client. This file has the account and the entries but their
 * creation: 200/204 current, one entry read, its update, 404 on stop (read
 * back), the delete; test-focus-backend-create.c has the creates and
 * test-focus-backend-changes.c the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "focus-backend-fixture.h"

/* --- fetch_account ------------------------------------------------------- */

static void
test_fetch_account (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StintBackendAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  StintBackendWorkspace *workspace;

  account = fetch_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->default_workspace_id, ==, WS);
  g_assert_cmpuint (account->workspaces->len, ==, 1);
  workspace = g_ptr_array_index (account->workspaces, 0);
  g_assert_cmpint (workspace->id, ==, WS);
  g_assert_cmpint (workspace->organization_id, ==, 178452);

  g_assert_cmpuint (account->projects->len, ==, 2);
  g_assert_cmpint (stint_project_get_server_id (g_ptr_array_index (account->projects, 0)), ==, PROJECT);
  g_assert_cmpint (stint_project_get_workspace_id (g_ptr_array_index (account->projects, 0)), ==, WS);
  g_assert_true (stint_project_get_active (g_ptr_array_index (account->projects, 0)));
  g_assert_false (stint_project_get_active (g_ptr_array_index (account->projects, 1)));
  g_assert_cmpint (stint_project_get_customer_id (g_ptr_array_index (account->projects, 0)), ==, 630001);
  g_assert_cmpuint (account->tags->len, ==, 2);
  g_assert_cmpstr (stint_tag_get_name (g_ptr_array_index (account->tags, 1)), ==, "deep work");
  g_assert_cmpuint (account->customers->len, ==, 1);
  g_assert_cmpstr (stint_customer_get_name (g_ptr_array_index (account->customers, 0)), ==, "Navy");
  g_assert_cmpint (stint_customer_get_server_id (g_ptr_array_index (account->customers, 0)), ==, 630001);
  g_assert_cmpint (stint_customer_get_workspace_id (g_ptr_array_index (account->customers, 0)), ==, WS);
  /* Focus documents no task list: none, and no request for them. */
  g_assert_cmpuint (account->tasks->len, ==, 0);

  /* The workspace is known: no settings request. Tags and clients are not
   * organization-scoped. */
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 3);
  assert_request (request_from_end (f, 2), "GET", SCOPE "/projects", 200);
  g_assert_cmpstr (request_from_end (f, 2)->query, ==, "page=1&per_page=100");
  assert_request (request_from_end (f, 1), "GET", "/focus/api/workspaces/600100/tags", 200);
  assert_request (last_request (f), "GET", "/focus/api/workspaces/600100/clients", 200);
  g_assert_cmpuint (f->responses->len, ==, 3);
  assert_all_buckets_organization (f);
  g_assert_cmpint (last_response (f)->meta.quota_remaining, ==, 997);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* Without a workspace the settings name it; many projects come in pages. */
static void
test_fetch_account_discovers (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(StintBackendAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) fixture = g_string_new ("{\"focus\": {\"projects\": [");
  guint notified = 0;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (fixture, "%s{\"id\": %u, \"workspace_id\": %d, \"name\": \"P%u\", \"color\": \"#000000\"}",
                            i > 0 ? "," : "", 611000 + i, WS, i);
  g_string_append (fixture, "]}}");
  fake_toggl_load_fixture_data (f->fake, fixture->str, &error);
  g_assert_no_error (error);

  use_backend (f, ORG, 0);
  g_signal_connect (f->backend, "notify::workspace-id", G_CALLBACK (on_notify), &notified);
  account = fetch_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_focus_backend_get_workspace_id (STINT_FOCUS_BACKEND (f->backend)), ==, WS);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (account->default_workspace_id, ==, WS);
  /* No user id in the settings: Focus documents none. */
  g_assert_cmpint (account->user_id, ==, 0);
  g_assert_cmpuint (account->projects->len, ==, 152);

  assert_request (fake_toggl_get_request (f->fake, 0), "GET", "/focus/api/users/me/settings", 200);
  g_assert_cmpstr (fake_toggl_get_request (f->fake, 1)->query, ==, "page=1&per_page=100");
  g_assert_cmpstr (fake_toggl_get_request (f->fake, 2)->query, ==, "page=2&per_page=100");
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 5);
  g_assert_cmpuint (f->responses->len, ==, 5);
  assert_all_buckets_organization (f);
}

static void
test_create_project_tag_customer (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(StintProject) project = NULL;
  g_autoptr(StintTag) tag = NULL;
  g_autoptr(StintCustomer) customer = NULL;
  g_autoptr(StintProject) elsewhere = NULL;
  g_autoptr(GError) error = NULL;

  project = RUN (&error, stint_backend_create_project_async, stint_backend_create_project_finish, WS, "FLOW-MATIC",
                 "#ff0000");
  g_assert_no_error (error);
  g_assert_cmpstr (stint_project_get_name (project), ==, "FLOW-MATIC");
  g_assert_cmpint (stint_project_get_workspace_id (project), ==, WS);
  g_assert_true (stint_project_get_active (project));
  assert_request (last_request (f), "POST", SCOPE "/projects", 201);

  tag = RUN (&error, stint_backend_create_tag_async, stint_backend_create_tag_finish, WS, "urgent");
  g_assert_no_error (error);
  g_assert_cmpstr (stint_tag_get_name (tag), ==, "urgent");
  g_assert_cmpint (stint_tag_get_server_id (tag), >, 0);
  assert_request (last_request (f), "POST", "/focus/api/workspaces/600100/tags", 200);

  customer = RUN (&error, stint_backend_create_customer_async, stint_backend_create_customer_finish, WS, "Harvard");
  g_assert_no_error (error);
  g_assert_cmpstr (stint_customer_get_name (customer), ==, "Harvard");
  g_assert_cmpint (stint_customer_get_workspace_id (customer), ==, WS);
  assert_request (last_request (f), "POST", "/focus/api/workspaces/600100/clients", 200);

  /* Another workspace than the backend's: refused before any request. */
  elsewhere = RUN (&error, stint_backend_create_project_async, stint_backend_create_project_finish, WS + 1, "X", NULL);
  g_assert_null (elsewhere);
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_INVALID);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 3);
  assert_all_buckets_organization (f);
}

static void
test_fetch_entry (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintBackendChanges) changes = NULL;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) task_entry = NULL;
  g_autoptr(StintEntry) gone = NULL;
  g_autoptr(GError) error = NULL;

  entry = RUN (&error, stint_backend_fetch_entry_async, stint_backend_fetch_entry_finish, TAGGED);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (entry), ==, "Debugging the Mark II");
  assert_request (request_from_end (f, 1), "GET", SCOPE "/time-entries/6500000001", 200);

  /* Seen in a window with its task: read under the task. */
  changes = fetch_changes (f, &error);
  g_assert_no_error (error);
  task_entry = RUN (&error, stint_backend_fetch_entry_async, stint_backend_fetch_entry_finish, TASK_ENTRY);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_task_id (task_entry), ==, TASK);
  assert_request (last_request (f), "GET", SCOPE "/tasks/640001/time-entries/6500000002", 200);

  g_assert_true (fake_toggl_focus_delete_elsewhere (f->fake, TAGGED));
  gone = RUN (&error, stint_backend_fetch_entry_async, stint_backend_fetch_entry_finish, TAGGED);
  g_assert_null (gone);
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND);
}

/* --- fetch_current ------------------------------------------------------- */

static void
test_fetch_current (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StintEntry) current = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *elsewhere;

  /* 204, empty: nothing runs. */
  g_assert_true (fetch_current (f, &current, &error));
  g_assert_no_error (error);
  g_assert_null (current);
  assert_request (last_request (f), "GET", SCOPE "/tracking/current", 204);
  g_assert_cmpuint (last_response (f)->meta.status, ==, 204);
  g_assert_cmpstr (last_response (f)->bucket, ==, "organization");

  /* 200: started in the web app 25 minutes ago. */
  advance (f, -25 * 60);
  elsewhere = fake_toggl_focus_start_elsewhere (f->fake, GRACE, "Started on the web");
  advance (f, 25 * 60);
  g_assert_true (fetch_current (f, &current, &error));
  g_assert_no_error (error);
  g_assert_nonnull (current);
  g_assert_cmpint (stint_entry_get_server_id (current), ==, server_int (elsewhere, "id"));
  g_assert_cmpint (stint_entry_get_workspace_id (current), ==, WS);
  g_assert_cmpstr (stint_entry_get_description (current), ==, "Started on the web");
  g_assert_cmpint (stint_entry_get_start (current), ==, T0 - 25 * 60);
  g_assert_true (stint_entry_is_running (current));
}

/* An organization the key may not use: the sign-in's one cheap check. */
static void
test_fetch_current_wrong_organization (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(StintEntry) current = NULL;
  g_autoptr(GError) error = NULL;

  use_backend (f, "178453", WS);
  g_assert_false (fetch_current (f, &current, &error));
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, "Toggl refused: insufficient permissions");
  g_assert_cmpuint (last_response (f)->meta.status, ==, 403);
}

/* --- update -------------------------------------------------------------- */

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StintEntry) before = new_entry ("Debugging the Mark II", T0 - 4 * HOUR - 5 * 60, T0 - 2 * HOUR - 35 * 60);
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) updated = NULL;
  g_autoptr(StintEntry) same = NULL;
  g_autoptr(StintEntry) task_before = NULL;
  g_autoptr(StintEntry) task_entry = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const review[] = { "review", NULL };
  JsonObject *on_server;

  stint_entry_set_server_id (before, TAGGED);
  stint_entry_set_project_id (before, PROJECT);
  stint_entry_set_tags (before, review);
  stint_entry_set_billable (before, TRUE);

  /* Nothing changed: no request. */
  same = update_entry (f, before, before, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 0);

  /* 204, then read back. */
  entry = stint_entry_copy (before);
  stint_entry_set_description (entry, "Found the moth");
  stint_entry_set_stop (entry, T0 - 2 * HOUR);
  updated = update_entry (f, entry, before, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (updated), ==, "Found the moth");
  g_assert_cmpint (stint_entry_get_stop (updated), ==, T0 - 2 * HOUR);
  g_assert_true (g_strv_equal (stint_entry_get_tags (updated), review));
  assert_request (request_from_end (f, 2), "PATCH", SCOPE "/time-entries/6500000001", 204);
  g_assert_cmpuint (json_object_get_size (request_body (request_from_end (f, 2))), ==, 2);
  assert_request (request_from_end (f, 1), "GET", SCOPE "/time-entries/6500000001", 200);
  /* The reply names tag 620001 only by id: its name is read once. */
  assert_request (last_request (f), "GET", "/focus/api/workspaces/600100/tags", 200);
  on_server = fake_toggl_focus_get_entry (f->fake, TAGGED);
  g_assert_cmpint (server_int (on_server, "duration"), ==, 2 * HOUR + 5 * 60);

  /* A task's entry: times under the task (documented), a description under
   * the workspace (the task-scoped PATCH has no description). */
  task_before = entry_on_server (TASK_ENTRY, T0 - 2 * HOUR - 5 * 60, T0 - HOUR - 5 * 60);
  stint_entry_set_task_id (task_before, TASK);
  stint_entry_set_description (task_before, "Write the compiler");
  task_entry = stint_entry_copy (task_before);
  stint_entry_set_stop (task_entry, T0 - HOUR);
  g_clear_object (&updated);
  updated = update_entry (f, task_entry, task_before, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_stop (updated), ==, T0 - HOUR);
  g_assert_cmpint (stint_entry_get_project_id (updated), ==, 0);
  assert_request (request_from_end (f, 1), "PATCH", SCOPE "/tasks/640001/time-entries/6500000002", 204);
  assert_request (last_request (f), "GET", SCOPE "/tasks/640001/time-entries/6500000002", 200);

  g_clear_object (&task_before);
  task_before = stint_entry_copy (task_entry);
  stint_entry_set_description (task_entry, "Wrote the compiler");
  g_clear_object (&updated);
  updated = update_entry (f, task_entry, task_before, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (updated), ==, "Wrote the compiler");
  assert_request (request_from_end (f, 1), "PATCH", SCOPE "/time-entries/6500000002", 204);

  /* Gone on the server: its 404 says so. */
  g_assert_true (fake_toggl_focus_delete_elsewhere (f->fake, TAGGED));
  g_clear_object (&updated);
  updated = update_entry (f, entry, NULL, &error);
  g_assert_null (updated);
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Toggl could not find it: Time entry does not exist");
}

/* --- stop ---------------------------------------------------------------- */

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(StintEntry) entry = new_entry ("Counting", T0, 0);
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *on_server;

  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  advance (f, 25 * 60 + 7);

  stopped = stop_entry (f, created, &error);
  g_assert_no_error (error);
  g_assert_false (stint_entry_is_running (stopped));
  g_assert_cmpint (stint_entry_get_stop (stopped), ==, T0 + 25 * 60 + 7);
  assert_request (last_request (f), "POST", SCOPE "/tracking/stop", 200);
  g_assert_cmpstr (json_object_get_string_member (request_body (last_request (f)), "end"), ==,
                   "2025-03-03T13:30:07Z");

  /* The unit: what the server stored for 25 min 7 s is 1507, seconds. */
  on_server = fake_toggl_focus_get_entry (f->fake, stint_entry_get_server_id (created));
  g_assert_cmpint (server_int (on_server, "duration"), ==, 25 * 60 + 7);
  g_assert_null (fake_toggl_focus_get_running (f->fake, GRACE));
}

/* A server answering the stop in milliseconds is believed, and logged: the
 * check that tells the unit apart. */
static void
test_stop_unit_check (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StintEntry) entry = new_entry ("Counting", T0, 0);
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *body = NULL;

  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  advance (f, 60);
  body = g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT ", \"workspace_id\": 600100, \"type\": \"activity\","
                          " \"start\": \"2025-03-03T13:05:00Z\", \"duration\": 60000}",
                          stint_entry_get_server_id (created));
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = SCOPE "/tracking/stop", .kind = FAKE_TOGGL_FAULT_STATUS, .status = 200,
    .content_type = "application/json", .body = body });

  captured_log = log;
  stopped = stop_entry (f, created, &error);
  captured_log = NULL;
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_stop (stopped), ==, T0 + 60000);
  g_assert_nonnull (strstr (log->str, "stopped with 60000 s for 60 s asked: the duration unit may not be seconds"));
}

/* 404: nothing runs (stopped elsewhere). The entry is read back. */
static void
test_stop_not_running (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *elsewhere;
  g_autoptr(StintEntry) entry = NULL;

  elsewhere = fake_toggl_focus_start_elsewhere (f->fake, GRACE, "Short");
  entry = entry_on_server (server_int (elsewhere, "id"), T0, 0);
  advance (f, 5 * 60);
  fake_toggl_focus_stop_elsewhere (f->fake, GRACE);
  advance (f, 10);

  stopped = stop_entry (f, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_stop (stopped), ==, T0 + 5 * 60);
  assert_request (request_from_end (f, 1), "POST", SCOPE "/tracking/stop", 404);
  assert_request (last_request (f), "GET",
                  entry_path (server_int (elsewhere, "id")), 200);
  g_assert_cmpuint (g_array_index (f->responses, Response, 0).meta.status, ==, 404);
}

/* Stopped while offline, half an hour ago: checked first, so that the stop
 * cannot end what was started elsewhere since. */
static void
test_stop_offline (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StintEntry) created = NULL;
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(StintEntry) later = NULL;
  g_autoptr(StintEntry) entry = new_entry ("Offline", T0, 0);
  g_autoptr(GError) error = NULL;
  JsonObject *other;

  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  stint_entry_set_stop (created, T0 + 20 * 60);
  advance (f, HOUR);

  stopped = stop_entry (f, created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_stop (stopped), ==, T0 + 20 * 60);
  assert_request (request_from_end (f, 1), "GET", SCOPE "/tracking/current", 200);
  assert_request (last_request (f), "POST", SCOPE "/tracking/stop", 200);

  /* Ours stopped on the web, and another started there since. */
  g_clear_object (&created);
  g_clear_object (&entry);
  entry = new_entry ("Offline again", T0 + HOUR, 0);
  created = create_entry (f, entry, &error);
  g_assert_no_error (error);
  advance (f, 10 * 60);
  other = fake_toggl_focus_start_elsewhere (f->fake, GRACE, "On the web");
  advance (f, HOUR);
  stint_entry_set_stop (created, T0 + HOUR + 30 * 60);
  later = stop_entry (f, created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_stop (later), ==, T0 + HOUR + 10 * 60);
  g_assert_cmpint (server_int (fake_toggl_focus_get_running (f->fake, GRACE), "id"), ==, server_int (other, "id"));
  assert_request (last_request (f), "GET",
                  entry_path (stint_entry_get_server_id (created)), 200);
}

/* --- delete -------------------------------------------------------------- */

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StintBackendChanges) changes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (delete_entry (f, TAGGED, &error));
  g_assert_no_error (error);
  assert_request (last_request (f), "DELETE", SCOPE "/time-entries/6500000001", 204);
  g_assert_true (json_object_get_member (fake_toggl_focus_get_entry (f->fake, TAGGED), "deleted_at") != NULL);

  /* Gone already: not an error. */
  g_assert_true (delete_entry (f, TAGGED, &error));
  g_assert_no_error (error);
  assert_request (last_request (f), "DELETE", SCOPE "/time-entries/6500000001", 404);

  /* A task's entry, once seen, is deleted under its task. */
  changes = fetch_changes (f, &error);
  g_assert_no_error (error);
  g_assert_true (delete_entry (f, TASK_ENTRY, &error));
  assert_request (last_request (f), "DELETE", SCOPE "/tasks/640001/time-entries/6500000002", 204);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  stint_test_init (&argc, &argv);
  g_log_set_writer_func (capture_log, NULL, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/focus-backend/fetch-account", test_fetch_account);
  ADD ("/stint/focus-backend/fetch-account/discovers-workspace", test_fetch_account_discovers);
  ADD ("/stint/focus-backend/create-project-tag-customer", test_create_project_tag_customer);
  ADD ("/stint/focus-backend/fetch-entry", test_fetch_entry);
  ADD ("/stint/focus-backend/fetch-current", test_fetch_current);
  ADD ("/stint/focus-backend/fetch-current/wrong-organization", test_fetch_current_wrong_organization);
  ADD ("/stint/focus-backend/update", test_update);
  ADD ("/stint/focus-backend/stop", test_stop);
  ADD ("/stint/focus-backend/stop/unit-check", test_stop_unit_check);
  ADD ("/stint/focus-backend/stop/not-running", test_stop_not_running);
  ADD ("/stint/focus-backend/stop/offline", test_stop_offline);
  ADD ("/stint/focus-backend/delete", test_delete);
#undef ADD

  return g_test_run ();
}
