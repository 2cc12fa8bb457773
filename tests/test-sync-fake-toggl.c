/* test-sync-fake-toggl.c: StintSync over HTTP, against the fake Toggl
 *
 * The whole chain as the app runs it: tracker → store → StintSync →
 * StintTrackBackend → StintHttp → loopback → the fake Toggl server in this
 * process, with each of its faults: the connection dropped before the
 * change is committed and after, 5xx, 429 with Retry-After, 402 when the
 * hour's quota is spent, an answer that never comes in time, and an answer
 * cut in the middle. Time is a manual clock shared by both sides; only the
 * timeout waits on the real clock (a 60 ms deadline).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "api/stint-track-backend.h"
#include "core/stint-tracker.h"
#include "store/stint-store.h"
#include "sync/stint-sync.h"
#include "stint-fake-backend.h"
#include "stint-test-fake.h"

#define ADA_TOKEN "3f2a9c4e8b7d6a5f1e0c9b8a7d6e5f4a"
#define ADA_ID 1001
#define ADA_WS 5001
#define ACCOUNT "track:1001"
#define CREATE_PATH "/api/v9/workspaces/5001/time_entries"
#define ENTRY_PATH "/api/v9/workspaces/5001/time_entries/*"
/* 2025-03-03T13:05:00Z, after the fixture's entry */
#define T0 G_GINT64_CONSTANT (1741007100)
#define MINUTE 60
#define HOUR 3600

typedef struct
{
  char             *tmpdir;
  StintClock       *clock;
  FakeToggl        *fake;
  StintHttp        *http;
  StintBackend     *backend;
  StintStore       *store;
  StintFakeNetwork *network;
  StintTracker     *tracker;
  StintSync        *sync;
} Fixture;

static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
  stint_test_settle_sync (f->sync);
}

/* To the next attempt the sync scheduled, which must exist. */
static void
advance_to_retry (Fixture *f)
{
  gint64 due = stint_sync_get_next_attempt_at (f->sync);

  g_assert_cmpint (due, >, 0);
  advance (f, due - stint_clock_now (f->clock));
}

static void
entries_changed_cb (StintSync    *sync,
                    const gint64 *ids,
                    guint         n_ids,
                    Fixture      *f)
{
  stint_tracker_reload_entries (f->tracker, ids, n_ids);
}

static void
make_sync (Fixture *f)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;

  f->tracker = stint_tracker_new (f->store, f->clock, 7, &error);
  g_assert_no_error (error);
  stint_tracker_set_sync_enabled (f->tracker, TRUE);

  f->sync = stint_sync_new (f->store, f->backend, f->clock, ADA_WS);
  stint_sync_set_network_monitor (f->sync, G_NETWORK_MONITOR (f->network));
  stint_sync_set_system_bus (f->sync, NULL);
  stint_sync_set_rand (f->sync, rand);
  g_signal_connect (f->sync, "entries-changed", G_CALLBACK (entries_changed_cb), f);
}

static void
drop_sync (Fixture *f)
{
  if (f->sync != NULL)
    stint_sync_stop (f->sync);
  stint_test_settle_sync (f->sync);
  g_clear_object (&f->sync);
  g_clear_object (&f->tracker);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->tmpdir = stint_test_make_tmpdir ();
  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);

  f->fake = stint_test_fake_toggl_new (f->clock, "fake-toggl-accounts.json");
  f->http = stint_test_fake_track_http (f->fake, f->clock, ADA_TOKEN);
  f->backend = STINT_BACKEND (stint_track_backend_new (f->http));

  path = g_build_filename (f->tmpdir, "stint.db", NULL);
  f->store = stint_test_open_store (path);
  stint_test_set_account (f->store, ACCOUNT);
  f->network = stint_fake_network_new (TRUE);

  make_sync (f);
  stint_sync_start (f->sync);
  stint_test_settle_sync (f->sync);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
  fake_toggl_clear_log (f->fake);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  drop_sync (f);
  g_clear_object (&f->store);
  g_clear_object (&f->network);
  g_clear_object (&f->backend);
  g_clear_object (&f->http);
  g_clear_object (&f->fake);
  stint_test_settle_sync (f->sync);
  g_clear_object (&f->clock);
  stint_test_rm_rf (f->tmpdir);
  g_free (f->tmpdir);
}

static guint
requests (Fixture    *f,
          const char *method,
          const char *path)
{
  return fake_toggl_count_requests (f->fake, method, path);
}

static StintEntry *
start_entry (Fixture    *f,
             const char *description)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry = stint_tracker_start (f->tracker, description, 0, NULL, FALSE, &error);

  g_assert_no_error (error);
  return entry;
}

static void
stop_entry (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) stopped = stint_tracker_stop (f->tracker, &error);

  g_assert_no_error (error);
}

static StintEntry *
local (Fixture *f,
       gint64   id)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry = stint_store_load_entry (f->store, id, &error);

  g_assert_no_error (error);
  return entry;
}

/* Exactly one live entry on the server with @description, as Stint has it
 * (same server id, start and stop), and the outbox empty. */
static void
assert_once (Fixture    *f,
             StintEntry *mine,
             const char *description)
{
  g_autoptr(GPtrArray) found = fake_toggl_find_entries (f->fake, ADA_ID, description, FALSE);
  g_autoptr(StintEntry) stored = local (f, stint_entry_get_id (mine));
  JsonObject *remote;

  g_assert_cmpuint (found->len, ==, 1);
  remote = g_ptr_array_index (found, 0);
  g_assert_cmpint (json_object_get_int_member (remote, "id"), ==, stint_entry_get_server_id (stored));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
}

static void
add_fault (Fixture            *f,
           const char         *method,
           const char         *path,
           FakeTogglFaultKind  kind,
           guint               status)
{
  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .method = method, .path = path, .kind = kind, .status = status,
    .delay_ms = 300, .retry_after = 20,
  });
}

/* --- every fault --------------------------------------------------------- */

static void
test_drop_before_commit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;

  add_fault (f, "POST", CREATE_PATH, FAKE_TOGGL_FAULT_CLOSE_BEFORE, 0);
  entry = start_entry (f, "Dropped before");
  stint_test_settle_sync (f->sync);
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 1);
  g_assert_cmpuint (fake_toggl_count_entries (f->fake, ADA_ID, TRUE), ==, 1);  /* the fixture's */

  /* It may have arrived: looked for, not there, sent again. */
  advance_to_retry (f);
  g_assert_cmpuint (requests (f, "GET", "/api/v9/me/time_entries"), ==, 1);
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 2);
  assert_once (f, entry, "Dropped before");
}

static void
test_drop_after_commit (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;

  add_fault (f, "POST", CREATE_PATH, FAKE_TOGGL_FAULT_CLOSE_AFTER, 0);
  entry = start_entry (f, "Dropped after");
  stint_test_settle_sync (f->sync);
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 1);
  g_assert_cmpuint (fake_toggl_count_entries (f->fake, ADA_ID, TRUE), ==, 2);

  /* It arrived: found and adopted, never sent twice. */
  advance_to_retry (f);
  g_assert_cmpuint (requests (f, "GET", "/api/v9/me/time_entries"), ==, 1);
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 1);
  assert_once (f, entry, "Dropped after");

  /* And it is stopped as that entry. */
  advance (f, 10 * MINUTE);
  stop_entry (f);
  stint_test_settle_sync (f->sync);
  g_assert_cmpuint (requests (f, "PATCH", ENTRY_PATH "/stop"), ==, 1);
  g_assert_null (fake_toggl_get_running (f->fake, ADA_ID));
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  gint64 wait;

  add_fault (f, "POST", CREATE_PATH, FAKE_TOGGL_FAULT_STATUS, 503);
  entry = start_entry (f, "Server trouble");
  stint_test_settle_sync (f->sync);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_WAITING);
  wait = stint_sync_get_next_attempt_at (f->sync) - stint_clock_now (f->clock);
  g_assert_cmpint (wait, >=, 45);
  g_assert_cmpint (wait, <=, 75);

  advance_to_retry (f);
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 2);
  assert_once (f, entry, "Server trouble");
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;

  add_fault (f, "POST", CREATE_PATH, FAKE_TOGGL_FAULT_RATE_LIMIT, 0);
  entry = start_entry (f, "Too fast");
  stint_test_settle_sync (f->sync);

  /* Retry-After: 20, to the second; a 429 was not acted on: no lookup. */
  g_assert_cmpint (stint_sync_get_next_attempt_at (f->sync), ==, stint_clock_now (f->clock) + 20);
  advance (f, 19);
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 1);
  advance (f, 1);
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 2);
  g_assert_cmpuint (requests (f, "GET", "/api/v9/me/time_entries"), ==, 0);
  assert_once (f, entry, "Too fast");
}

static void
test_quota_spent (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintEntry) first = NULL;
  g_autoptr(StintEntry) second = NULL;
  g_autoptr(StintEntry) third = NULL;
  StintBudget *budget = stint_sync_get_budget (f->sync);
  gint64 paused_until;
  guint n;

  /* The user's other tools left two requests this hour. */
  fake_toggl_set_workspace_quota (f->fake, 2);
  first = start_entry (f, "One");
  stint_test_settle_sync (f->sync);
  advance (f, MINUTE);
  second = start_entry (f, "Two");   /* stops One, starts Two: the second request spent */
  stint_test_settle_sync (f->sync);
  advance (f, MINUTE);
  third = start_entry (f, "Three");
  stint_test_settle_sync (f->sync);

  /* The server said so in its headers: the budget knew before a 402. */
  g_assert_cmpint (stint_budget_get_left (budget, STINT_BUDGET_BUCKET_WORKSPACE), <=, 0);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_WAITING);
  n = fake_toggl_get_n_requests (f->fake);

  /* Nothing at all goes until the reset, not even a refresh. */
  stint_sync_refresh (f->sync);
  advance (f, 20 * MINUTE);
  paused_until = stint_sync_get_next_attempt_at (f->sync);
  g_assert_cmpint (paused_until, ==, T0 + HOUR);
  advance (f, paused_until - stint_clock_now (f->clock) - 1);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, n);

  advance (f, 1);
  g_assert_cmpuint (fake_toggl_count_entries (f->fake, ADA_ID, FALSE), ==, 4);
  assert_once (f, third, "Three");
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 3);
}

static void
other_tool_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(StintEntry) created = NULL;
  guint *done = user_data;

  created = stint_backend_create_entry_finish (STINT_BACKEND (object), result, NULL);
  g_assert_nonnull (created);
  (*done)++;
}

static void
test_quota_402 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StintHttp) http = stint_http_new (f->clock);
  g_autoptr(StintBackend) other = NULL;
  g_autoptr(StintEntry) entry = NULL;
  g_autofree char *url = fake_toggl_dup_track_url (f->fake);
  StintBudget *budget = stint_sync_get_budget (f->sync);
  guint done = 0;
  gint64 reset;
  guint n;

  /* Another tool of the user's spends the hour's quota behind our back. */
  stint_http_set_base_url (http, url, NULL);
  stint_http_set_auth (http, STINT_HTTP_AUTH_TRACK_TOKEN, ADA_TOKEN);
  other = STINT_BACKEND (stint_track_backend_new (http));
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(StintEntry) spent = stint_test_entry_new ("Other tool", T0 - HOUR + i, T0 - HOUR + i + 1);

      stint_entry_set_workspace_id (spent, ADA_WS);
      stint_backend_create_entry_async (other, spent, NULL, other_tool_cb, &done);
      while (done <= i)
        g_main_context_iteration (NULL, TRUE);
    }
  reset = T0 + HOUR;

  /* Our change meets a 402: everything pauses until the window resets. */
  entry = start_entry (f, "Over the quota");
  stint_test_settle_sync (f->sync);
  g_assert_cmpint (stint_budget_get_paused_until (budget), ==, reset);
  g_assert_cmpint (stint_sync_get_next_attempt_at (f->sync), ==, reset);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_WAITING);
  n = fake_toggl_get_n_requests (f->fake);

  stint_sync_refresh (f->sync);
  advance (f, 30 * MINUTE);
  stop_entry (f);
  stint_test_settle_sync (f->sync);
  advance (f, reset - stint_clock_now (f->clock) - 1);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, n);

  /* At the reset: one create with the final state. */
  advance (f, 1);
  assert_once (f, entry, "Over the quota");
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 32);
  g_assert_null (fake_toggl_get_running (f->fake, ADA_ID));
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;

  /* The server takes the create, and answers after the deadline. */
  stint_http_set_timeout_ms (f->http, 60);
  add_fault (f, "POST", CREATE_PATH, FAKE_TOGGL_FAULT_DELAY, 0);
  entry = start_entry (f, "Slow answer");
  stint_test_settle_sync (f->sync);
  g_assert_cmpint (stint_sync_get_next_attempt_at (f->sync), >, 0);

  advance_to_retry (f);
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 1);
  assert_once (f, entry, "Slow answer");
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stored = NULL;

  /* Applied, answered with JSON cut in the middle: adopted. */
  add_fault (f, "POST", CREATE_PATH, FAKE_TOGGL_FAULT_MALFORMED, 0);
  entry = start_entry (f, "Garbled");
  stint_test_settle_sync (f->sync);
  advance_to_retry (f);
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 1);
  assert_once (f, entry, "Garbled");

  /* An update answered so is sent again: the same state twice is harmless. */
  add_fault (f, "PUT", ENTRY_PATH, FAKE_TOGGL_FAULT_MALFORMED, 0);
  stored = local (f, stint_entry_get_id (entry));
  stint_entry_set_description (stored, "Garbled, renamed");
  g_assert_true (stint_tracker_update (f->tracker, stored, NULL));
  stint_test_settle_sync (f->sync);
  advance_to_retry (f);
  g_assert_cmpuint (requests (f, "PUT", ENTRY_PATH), ==, 2);
  assert_once (f, entry, "Garbled, renamed");
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stored = NULL;

  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .method = "POST", .path = CREATE_PATH, .kind = FAKE_TOGGL_FAULT_STATUS, .status = 400,
    .body = "\"Project is archived\"", .content_type = "application/json",
  });
  entry = start_entry (f, "Refused");
  stint_test_settle_sync (f->sync);

  /* Parked with the server's sentence; tried again only when the user says. */
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_FAILED);
  g_assert_nonnull (strstr (stint_entry_get_sync_error (stored), "Project is archived"));
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 1);
  advance (f, HOUR);
  g_assert_cmpuint (requests (f, "POST", CREATE_PATH), ==, 1);

  g_assert_true (stint_sync_retry_failed (f->sync, stint_entry_get_id (entry), NULL));
  stint_test_settle_sync (f->sync);
  assert_once (f, entry, "Refused");
}

static void
test_signed_out (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;

  /* The token was revoked on the web. */
  stint_http_set_auth (f->http, STINT_HTTP_AUTH_TRACK_TOKEN, "0123456789abcdef0123456789abcdef");
  entry = start_entry (f, "Locked out");
  stint_test_settle_sync (f->sync);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_SIGNED_OUT);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 1);
  advance (f, HOUR);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 1);

  /* Signed in again: it goes, once. */
  stint_http_set_auth (f->http, STINT_HTTP_AUTH_TRACK_TOKEN, ADA_TOKEN);
  stint_sync_start (f->sync);
  stint_test_settle_sync (f->sync);
  assert_once (f, entry, "Locked out");
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/stint/sync-fake-toggl/" path, Fixture, NULL, setup, func, teardown)

  ADD ("drop-before-commit", test_drop_before_commit);
  ADD ("drop-after-commit", test_drop_after_commit);
  ADD ("server-error", test_server_error);
  ADD ("rate-limited", test_rate_limited);
  ADD ("quota-spent", test_quota_spent);
  ADD ("quota-402", test_quota_402);
  ADD ("timeout", test_timeout);
  ADD ("malformed", test_malformed);
  ADD ("refused", test_refused);
  ADD ("signed-out", test_signed_out);

#undef ADD

  return g_test_run ();
}
