/* test-store-pull.c: what the first pull from Toggl Track leaves in the
 * store beside projects and tags: each workspace's plan (billable time or
 * not) and the clients, with every project under its own
 *
 * The whole chain, as the app runs it: StintSync → StintTrackBackend →
 * loopback → the fake Toggl in this process, with the fixture's two users,
 * Ada on a Starter workspace and Bob on a free one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "api/stint-track-backend.h"
#include "store/stint-store.h"
#include "sync/stint-sync.h"
#include "stint-fake-backend.h"
#include "stint-test-fake.h"

/* 2025-03-03T13:05:00Z, after the fixture's entry */
#define T0 G_GINT64_CONSTANT (1741007100)

typedef struct
{
  const char *token;
  const char *account;
  gint64      workspace_id;
} User;

static const User ada = { "3f2a9c4e8b7d6a5f1e0c9b8a7d6e5f4a", "track:1001", 5001 };
static const User bob = { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "track:1002", 5002 };

typedef struct
{
  char             *tmpdir;
  StintClock       *clock;
  FakeToggl        *fake;
  StintHttp        *http;
  StintBackend     *backend;
  StintStore       *store;
  StintFakeNetwork *network;
  StintSync        *sync;
} Fixture;

/* Signs @user in on a fresh store and lets the first pull finish. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  const User *user = data;
  g_autofree char *path = NULL;

  f->tmpdir = stint_test_make_tmpdir ();
  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);

  f->fake = stint_test_fake_toggl_new (f->clock, "fake-toggl-accounts.json");
  f->http = stint_test_fake_track_http (f->fake, f->clock, user->token);
  f->backend = STINT_BACKEND (stint_track_backend_new (f->http));

  path = g_build_filename (f->tmpdir, "stint.db", NULL);
  f->store = stint_test_open_store (path);
  stint_test_set_account (f->store, user->account);
  f->network = stint_fake_network_new (TRUE);

  f->sync = stint_sync_new (f->store, f->backend, f->clock, user->workspace_id);
  stint_sync_set_network_monitor (f->sync, G_NETWORK_MONITOR (f->network));
  stint_sync_set_system_bus (f->sync, NULL);
  stint_sync_start (f->sync);
  stint_test_settle_sync (f->sync);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  stint_sync_stop (f->sync);
  stint_test_settle_sync (f->sync);
  g_clear_object (&f->sync);
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

static void
test_starter_workspace (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;
  StintProject *loom;

  g_assert_true (stint_store_get_billable_allowed (f->store, 0));
  g_assert_true (stint_store_get_billable_allowed (f->store, 5001));

  customers = stint_store_load_customers (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 2);
  g_assert_cmpstr (stint_customer_get_name (customers->pdata[0]), ==, "Charles Babbage");
  g_assert_cmpint (stint_customer_get_server_id (customers->pdata[0]), ==, 6001);
  g_assert_false (stint_customer_get_archived (customers->pdata[0]));
  g_assert_cmpstr (stint_customer_get_name (customers->pdata[1]), ==,
                   "Taylor's Scientific Memoirs");
  g_assert_true (stint_customer_get_archived (customers->pdata[1]));

  projects = stint_store_load_projects (f->store, &error);
  g_assert_no_error (error);
  loom = stint_test_find_project (projects, "Jacquard loom");
  g_assert_cmpint (stint_project_get_customer_id (loom), ==,
                   stint_customer_get_id (customers->pdata[0]));
  g_assert_cmpstr (stint_project_get_customer_name (loom), ==, "Charles Babbage");
  g_assert_null (stint_project_get_customer_name (stint_test_find_project (projects,
                                                                          "Difference engine")));
}

static void
test_free_workspace (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;

  /* Bob's plan has no billable time: not for new entries (no workspace
   * yet), not for his workspace's. */
  g_assert_false (stint_store_get_billable_allowed (f->store, 0));
  g_assert_false (stint_store_get_billable_allowed (f->store, 5002));

  customers = stint_store_load_customers (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

  g_test_add ("/stint/store-pull/starter-workspace", Fixture, &ada, setup,
              test_starter_workspace, teardown);
  g_test_add ("/stint/store-pull/free-workspace", Fixture, &bob, setup,
              test_free_workspace, teardown);

  return g_test_run ();
}
