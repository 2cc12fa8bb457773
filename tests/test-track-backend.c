/* test-track-backend.c: StintTrackBackend against the in-process fake Toggl:
 * what it reads
 *
 * The account with its related data, the changes since the last sync (a
 * first sync's window of two weeks, `since`, and a `since` too old for
 * Toggl) and the running entry, in each of the ways Toggl says nothing
 * runs. Every operation goes through the StintBackend interface, async, to
 * the fake on loopback; the test iterates the main context until the
 * operation's callback has stored its result. Time comes from a manual
 * clock shared by the fake and the client. test-track-backend-entries.c
 * has the writes, test-track-backend-errors.c the errors, the quota and
 * cancellation; the fixture is in track-backend-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "track-backend-fixture.h"

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
#undef ADD

  return g_test_run ();
}
