/* test-sync-fixture.h: the fixture the StintSync tests share
 *
 * The real store and tracker make the changes, as the app would; the sync
 * sends them to a StintFakeBackend. Time is a manual StintClock, and every
 * test only iterates the main context until nothing is left to do: nothing
 * sleeps, and a timer that would wake the laptop shows in the clock.
 *
 * Included by each test-sync*.c program; every helper is static, and not
 * every program uses every one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#pragma GCC diagnostic ignored "-Wunused-function"

#include "config.h"

#include "core/stint-tracker.h"
#include "model/stint-entry-list.h"
#include "store/stint-store.h"
#include "sync/stint-sync.h"
#include "stint-fake-backend.h"
#include "stint-test-utils.h"

/* 2024-03-01 09:00 UTC */
#define T0 G_GINT64_CONSTANT (1709283600)
#define MINUTE 60
#define HOUR 3600
#define ACCOUNT "track:4242"

typedef struct
{
  char             *tmpdir;
  char             *path;
  StintClock       *clock;
  StintStore       *store;
  StintFakeBackend *server;
  StintFakeNetwork *network;
  StintTracker     *tracker;
  StintSync        *sync;
  GArray           *changed;     /* local ids from every entries-changed */
  guint             n_projects_changed;
} Fixture;

/* Not stint_test_settle_sync (f->sync): a test may hold the server's
 * replies back, and then the sync waits with nothing left to do here. */
static void
settle (Fixture *f)
{
  stint_test_settle_sync (NULL);
}

static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
  settle (f);
}

static void
entries_changed_cb (StintSync    *sync,
                    const gint64 *ids,
                    guint         n_ids,
                    Fixture      *f)
{
  g_assert_cmpuint (n_ids, >, 0);
  g_array_append_vals (f->changed, ids, n_ids);
  stint_tracker_reload_entries (f->tracker, ids, n_ids);
}

static void
projects_changed_cb (StintSync *sync,
                     Fixture   *f)
{
  g_autoptr(GError) error = NULL;

  f->n_projects_changed++;
  g_assert_true (stint_tracker_reload (f->tracker, &error));
  g_assert_no_error (error);
}

static void
make_sync (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->tracker = stint_tracker_new (f->store, f->clock, 7, &error);
  g_assert_no_error (error);
  stint_tracker_set_sync_enabled (f->tracker, TRUE);

  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  f->sync = stint_sync_new (f->store, STINT_BACKEND (f->server), f->clock, STINT_FAKE_WORKSPACE_ID);
  stint_sync_set_network_monitor (f->sync, G_NETWORK_MONITOR (f->network));
  stint_sync_set_system_bus (f->sync, NULL);
  stint_sync_set_rand (f->sync, rand);
  g_signal_connect (f->sync, "entries-changed", G_CALLBACK (entries_changed_cb), f);
  g_signal_connect (f->sync, "projects-changed", G_CALLBACK (projects_changed_cb), f);
}

static void
drop_sync (Fixture *f)
{
  if (f->sync != NULL)
    stint_sync_stop (f->sync);
  stint_fake_backend_release (f->server);
  settle (f);
  g_clear_object (&f->sync);
  g_clear_object (&f->tracker);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->tmpdir = stint_test_make_tmpdir ();
  f->path = g_build_filename (f->tmpdir, "stint.db", NULL);
  f->store = stint_test_open_store (f->path);
  stint_test_set_account (f->store, ACCOUNT);

  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  f->server = stint_fake_backend_new (f->clock);
  f->network = stint_fake_network_new (TRUE);
  f->changed = g_array_new (FALSE, FALSE, sizeof (gint64));

  make_sync (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  drop_sync (f);
  g_clear_object (&f->store);
  g_clear_object (&f->server);
  g_clear_object (&f->network);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->changed, g_array_unref);
  stint_test_rm_rf (f->tmpdir);
  g_free (f->path);
  g_free (f->tmpdir);
}

/* Starts the sync and lets the first pull finish; forgets its requests. */
static void
start (Fixture *f)
{
  stint_sync_start (f->sync);
  settle (f);
  g_assert_cmpint (stint_sync_get_status (f->sync), ==, STINT_SYNC_STATUS_IDLE);
  stint_fake_backend_clear_log (f->server);
  g_array_set_size (f->changed, 0);
}

static void
assert_log (Fixture    *f,
            const char *expected)
{
  g_autofree char *log = stint_fake_backend_dup_log (f->server);

  g_assert_cmpstr (log, ==, expected);
}

static gboolean
changed_has (Fixture *f,
             gint64   id)
{
  for (guint i = 0; i < f->changed->len; i++)
    if (g_array_index (f->changed, gint64, i) == id)
      return TRUE;

  return FALSE;
}

static guint
timers (Fixture *f,
        gint64  *due)
{
  gint64 due_usec = 0;
  guint n = stint_clock_get_pending (f->clock, &due_usec);

  if (due != NULL)
    *due = due_usec / G_USEC_PER_SEC;

  return n;
}

/* Nothing would wake the process but the slow refresh (ten minutes or more
 * away): no retry, no backoff. */
static void
assert_quiet (Fixture *f)
{
  gint64 due = 0;
  guint n = timers (f, &due);

  g_assert_cmpint (stint_sync_get_next_attempt_at (f->sync), ==, 0);
  g_assert_cmpuint (n, <=, 1);
  if (n == 1)
    g_assert_cmpint (due - stint_clock_now (f->clock), >=, 10 * MINUTE);
}

static guint
count (Fixture    *f,
       const char *what)
{
  return stint_fake_backend_count (f->server, what);
}

static gint64
server_entry (Fixture    *f,
              const char *description,
              gint64      start_time,
              gint64      stop_time)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new (description, start_time, stop_time);

  return stint_fake_backend_add_entry (f->server, entry);
}

static StintEntry *
local_by_server_id (Fixture *f,
                    gint64   server_id)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry;

  entry = stint_store_load_entry_by_server_id (f->store, server_id, &error);
  g_assert_no_error (error);

  return entry;
}

static StintEntry *
local (Fixture *f,
       gint64   id)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry;

  entry = stint_store_load_entry (f->store, id, &error);
  g_assert_no_error (error);

  return entry;
}

static StintEntry *
start_entry (Fixture    *f,
             const char *description)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry;

  entry = stint_tracker_start (f->tracker, description, 0, NULL, FALSE, &error);
  g_assert_no_error (error);

  return entry;
}

static void
stop_entry (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) stopped = NULL;

  stopped = stint_tracker_stop (f->tracker, &error);
  g_assert_no_error (error);
}

static void
edit_description (Fixture    *f,
                  gint64      id,
                  const char *description)
{
  g_autoptr(StintEntry) entry = local (f, id);
  g_autoptr(GError) error = NULL;

  stint_entry_set_description (entry, description);
  g_assert_true (stint_tracker_update (f->tracker, entry, &error));
  g_assert_no_error (error);
}

static void
delete_entry (Fixture *f,
              gint64   id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_tracker_delete (f->tracker, id, &error));
  g_assert_no_error (error);
}

static void
set_online (Fixture  *f,
            gboolean  online)
{
  stint_fake_backend_set_offline (f->server, !online);
  stint_fake_network_set_available (f->network, online);
  settle (f);
}

static StintEntry *
insert_finished (Fixture    *f,
                 const char *description,
                 gint64      start_time)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry = stint_test_entry_new (description, start_time, start_time + HOUR);

  g_assert_true (stint_store_insert_entry (f->store, entry, STINT_OUTBOX_CREATE, &error));
  g_assert_no_error (error);

  return entry;
}
