/* test-chaos.c: random days under random faults; nothing lost, nothing doubled
 *
 * Each schedule is one seeded random run of the whole chain (tracker →
 * store → StintSync → StintTrackBackend → HTTP → the fake Toggl in this
 * process): a user starts, stops, continues, edits and deletes entries,
 * goes offline, restarts Stint (sometimes killing it with a request in
 * flight), while the server drops connections before and after committing,
 * fails with 5xx, throttles with 429, runs out of quota (402), answers too
 * late or with cut-off JSON, or refuses a change (which the user retries).
 * Afterwards, once the network is back and the faults are over:
 *
 *   - every action arrived: the local entries are what the actions made,
 *     and the server has exactly those (start, stop, description);
 *   - no entry exists twice on the server;
 *   - nothing waits in the outbox, nothing is parked, nothing ticks but
 *     the slow refresh.
 *
 * 200 schedules run in the normal suite. `--schedules N` or
 * STINT_CHAOS_SCHEDULES=N runs more; `--seed S` or STINT_CHAOS_SEED=S picks
 * the first seed (schedule i uses S + i). A failing schedule prints its seed
 * and the command that runs it alone; STINT_CHAOS_DEBUG=1 shows the debug
 * log of what it did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "api/stint-track-backend.h"
#include "api/stint-track-codec.h"
#include "core/stint-tracker.h"
#include "store/stint-store.h"
#include "sync/stint-sync.h"
#include "stint-fake-backend.h"
#include "stint-test-fake.h"

#define ADA_TOKEN "3f2a9c4e8b7d6a5f1e0c9b8a7d6e5f4a"
#define ADA_ID 1001
#define ADA_WS 5001
#define ACCOUNT "track:1001"
/* 2025-03-03T08:00:00Z */
#define T0 G_GINT64_CONSTANT (1740988800)
#define MINUTE 60
#define HOUR 3600

static const char fixture_json[] =
  "{\"users\": [{\"id\": 1001, \"email\": \"ada@example.com\", \"fullname\": \"Ada\","
  " \"api_token\": \"" ADA_TOKEN "\", \"default_workspace_id\": 5001, \"workspaces\": [5001]}],"
  " \"workspaces\": [{\"id\": 5001, \"organization_id\": 9001, \"name\": \"Ada's\"}],"
  " \"projects\": [], \"tags\": [], \"time_entries\": []}";

static guint n_schedules = 200;
static guint32 first_seed = 1;
static char failure_note[256];

/* What the user did, as the user sees it: local id → Expected. */
typedef struct
{
  char   *description;
  gint64  start;
  gint64  stop;
} Expected;

typedef struct
{
  GRand            *rand;
  char             *tmpdir;
  StintClock       *clock;
  FakeToggl        *fake;
  StintHttp        *http;
  StintBackend     *backend;
  StintStore       *store;
  StintFakeNetwork *network;
  StintTracker     *tracker;
  StintSync        *sync;
  GHashTable       *expected;    /* gint64* → Expected* */
  gint64            running_id;
  guint             next_name;
} Run;

static void
expected_free (Expected *expected)
{
  g_free (expected->description);
  g_free (expected);
}

/* Any abort (an assertion here or in the code under test) names the seed. */
static void
on_abort (int signum)
{
  ssize_t ignored = write (STDERR_FILENO, failure_note, strlen (failure_note));

  (void)ignored;
  signal (signum, SIG_DFL);
}

static void
advance (Run    *run,
         gint64  seconds)
{
  stint_clock_advance (run->clock, seconds * G_USEC_PER_SEC);
  stint_test_settle_sync (run->sync);
}

static void
entries_changed_cb (StintSync    *sync,
                    const gint64 *ids,
                    guint         n_ids,
                    Run          *run)
{
  stint_tracker_reload_entries (run->tracker, ids, n_ids);
}

static void
open_app (Run *run)
{
  g_autoptr(GRand) jitter = g_rand_new_with_seed (g_rand_int (run->rand));
  g_autoptr(GError) error = NULL;

  run->tracker = stint_tracker_new (run->store, run->clock, 7, &error);
  g_assert_no_error (error);
  stint_tracker_set_sync_enabled (run->tracker, TRUE);

  run->sync = stint_sync_new (run->store, run->backend, run->clock, ADA_WS);
  stint_sync_set_network_monitor (run->sync, G_NETWORK_MONITOR (run->network));
  stint_sync_set_system_bus (run->sync, NULL);
  stint_sync_set_rand (run->sync, jitter);
  g_signal_connect (run->sync, "entries-changed", G_CALLBACK (entries_changed_cb), run);
  stint_sync_start (run->sync);
}

/* Quit (stop, then go), or die (go, whatever is in flight). */
static void
close_app (Run      *run,
           gboolean  kill)
{
  if (!kill)
    stint_sync_stop (run->sync);
  g_clear_object (&run->sync);
  g_clear_object (&run->tracker);
  stint_test_settle_sync (run->sync);
}

static void
run_begin (Run     *run,
           guint32  seed)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  run->rand = g_rand_new_with_seed (seed);
  run->tmpdir = stint_test_make_tmpdir ();
  run->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  run->expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify)expected_free);

  run->fake = stint_test_fake_toggl_new (run->clock, NULL);
  fake_toggl_load_fixture_data (run->fake, fixture_json, &error);
  g_assert_no_error (error);
  /* A third of the days, the user's other tools leave little quota. */
  if (g_rand_int_range (run->rand, 0, 3) == 0)
    fake_toggl_set_workspace_quota (run->fake, g_rand_int_range (run->rand, 6, 16));

  run->http = stint_test_fake_track_http (run->fake, run->clock, ADA_TOKEN);
  stint_http_set_timeout_ms (run->http, 40);
  run->backend = STINT_BACKEND (stint_track_backend_new (run->http));

  path = g_build_filename (run->tmpdir, "stint.db", NULL);
  run->store = stint_test_open_store (path);
  stint_test_set_account (run->store, ACCOUNT);
  run->network = stint_fake_network_new (TRUE);

  open_app (run);
  stint_test_settle_sync (run->sync);
}

static void
run_end (Run *run)
{
  close_app (run, FALSE);
  g_clear_object (&run->store);
  g_clear_object (&run->network);
  g_clear_object (&run->backend);
  g_clear_object (&run->http);
  g_clear_object (&run->fake);
  stint_test_settle_sync (run->sync);
  g_clear_object (&run->clock);
  g_clear_pointer (&run->expected, g_hash_table_unref);
  g_clear_pointer (&run->rand, g_rand_free);
  stint_test_rm_rf (run->tmpdir);
  g_clear_pointer (&run->tmpdir, g_free);
}

/* --- faults -------------------------------------------------------------- */

static const struct
{
  const char *method;
  const char *path;
} targets[] = {
  { "POST", "/api/v9/workspaces/5001/time_entries" },
  { "PUT", "/api/v9/workspaces/5001/time_entries/*" },
  { "PATCH", "/api/v9/workspaces/5001/time_entries/*/stop" },
  { "DELETE", "/api/v9/workspaces/5001/time_entries/*" },
  { "GET", "/api/v9/me*" },
  { NULL, "/api/v9/*" },
};

static void
add_random_fault (Run *run)
{
  FakeTogglFault fault = { 0 };
  guint target = g_rand_int_range (run->rand, 0, G_N_ELEMENTS (targets));

  fault.method = targets[target].method;
  fault.path = targets[target].path;
  fault.times = g_rand_int_range (run->rand, 1, 3);

  switch (g_rand_int_range (run->rand, 0, 16))
    {
    case 0: case 1: case 2:
      fault.kind = FAKE_TOGGL_FAULT_CLOSE_BEFORE;
      break;
    case 3: case 4: case 5:
      fault.kind = FAKE_TOGGL_FAULT_CLOSE_AFTER;
      break;
    case 6: case 7:
      fault.kind = FAKE_TOGGL_FAULT_STATUS;
      fault.status = 500 + g_rand_int_range (run->rand, 0, 4);
      break;
    case 8: case 9:
      fault.kind = FAKE_TOGGL_FAULT_RATE_LIMIT;
      fault.retry_after = g_rand_int_range (run->rand, 0, 90);
      break;
    case 10: case 11:
      fault.kind = FAKE_TOGGL_FAULT_MALFORMED;
      break;
    case 12:
      /* Past the 40 ms deadline: the change is made, the answer is late. */
      fault.kind = FAKE_TOGGL_FAULT_DELAY;
      fault.delay_ms = 70;
      fault.times = 1;
      break;
    case 13:
      /* A refusal the user will retry. */
      fault.kind = FAKE_TOGGL_FAULT_STATUS;
      fault.status = 422;
      fault.body = "\"Refused for a while\"";
      fault.content_type = "application/json";
      fault.times = 1;
      break;
    default:
      /* Unreachable behind a captive portal for a while. */
      fault.kind = FAKE_TOGGL_FAULT_CLOSE_BEFORE;
      fault.method = NULL;
      fault.path = "/api/v9/*";
      fault.times = g_rand_int_range (run->rand, 2, 8);
      break;
    }

  fake_toggl_add_fault (run->fake, &fault);
}

/* --- the user ------------------------------------------------------------ */

static Expected *
expect (Run        *run,
        StintEntry *entry)
{
  Expected *expected = g_new0 (Expected, 1);

  expected->description = g_strdup (stint_entry_get_description (entry));
  expected->start = stint_entry_get_start (entry);
  expected->stop = stint_entry_get_stop (entry);
  g_hash_table_replace (run->expected, g_memdup2 (&(gint64){ stint_entry_get_id (entry) }, sizeof (gint64)),
                        expected);
  return expected;
}

/* A started entry stops the running one at its start. */
static void
started (Run        *run,
         StintEntry *entry)
{
  Expected *was = run->running_id != 0 ? g_hash_table_lookup (run->expected, &run->running_id) : NULL;

  if (was != NULL)
    was->stop = stint_entry_get_start (entry);
  expect (run, entry);
  run->running_id = stint_entry_get_id (entry);
}

/* A local id the user can see, or 0. */
static gint64
pick_entry (Run *run)
{
  g_autoptr(GList) keys = g_hash_table_get_keys (run->expected);
  guint n = g_list_length (keys);

  if (n == 0)
    return 0;
  return *(gint64 *)g_list_nth_data (keys, g_rand_int_range (run->rand, 0, n));
}

static void
act (Run *run)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  switch (g_rand_int_range (run->rand, 0, 10))
    {
    case 0: case 1: case 2:
      {
        g_autofree char *name = g_strdup_printf ("Task %u", ++run->next_name);

        entry = stint_tracker_start (run->tracker, name, 0, NULL, FALSE, &error);
        g_assert_no_error (error);
        started (run, entry);
      }
      break;

    case 3: case 4:
      if (run->running_id == 0)
        break;
      entry = stint_tracker_stop (run->tracker, &error);
      g_assert_no_error (error);
      ((Expected *)g_hash_table_lookup (run->expected, &run->running_id))->stop = stint_entry_get_stop (entry);
      run->running_id = 0;
      break;

    case 5:
      if ((id = pick_entry (run)) == 0)
        break;
      entry = stint_tracker_continue (run->tracker, id, &error);
      g_assert_no_error (error);
      started (run, entry);
      break;

    case 6: case 7:
      if ((id = pick_entry (run)) == 0)
        break;
      entry = stint_store_load_entry (run->store, id, &error);
      g_assert_no_error (error);
      {
        g_autofree char *name = g_strdup_printf ("%s, edited", stint_entry_get_description (entry));

        stint_entry_set_description (entry, name);
      }
      /* Sometimes the times too, as the editor allows. */
      if (!stint_entry_is_running (entry) && g_rand_boolean (run->rand))
        stint_entry_set_stop (entry, stint_entry_get_start (entry) + g_rand_int_range (run->rand, 1, 30));
      if (stint_tracker_update (run->tracker, entry, &error))
        expect (run, entry);
      break;

    case 8:
      if ((id = pick_entry (run)) == 0)
        break;
      g_assert_true (stint_tracker_delete (run->tracker, id, &error));
      g_assert_no_error (error);
      g_hash_table_remove (run->expected, &id);
      if (id == run->running_id)
        run->running_id = 0;
      break;

    default:
      /* The network goes for a while (the monitor notices). */
      stint_fake_network_set_available (run->network, FALSE);
      stint_test_settle_sync (run->sync);
      advance (run, g_rand_int_range (run->rand, 1, 40) * MINUTE);
      stint_fake_network_set_available (run->network, TRUE);
      break;
    }
}

/* --- the checks ---------------------------------------------------------- */

/* What a failing schedule ends with, for whoever reads the log. */
static void
dump (Run       *run,
      GPtrArray *local,
      GPtrArray *remote)
{
  GHashTableIter iter;
  gpointer key, value;

  g_printerr ("expected:\n");
  g_hash_table_iter_init (&iter, run->expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_printerr ("  %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT "\n",
                *(gint64 *)key, ((Expected *)value)->description, ((Expected *)value)->start,
                ((Expected *)value)->stop);
  g_printerr ("local:\n");
  for (guint i = 0; i < local->len; i++)
    {
      StintEntry *e = g_ptr_array_index (local, i);

      g_printerr ("  %" G_GINT64_FORMAT " (server %" G_GINT64_FORMAT ", state %d) %s %"
                  G_GINT64_FORMAT "–%" G_GINT64_FORMAT "\n",
                  stint_entry_get_id (e), stint_entry_get_server_id (e), stint_entry_get_sync_state (e),
                  stint_entry_get_description (e), stint_entry_get_start (e), stint_entry_get_stop (e));
    }
  g_printerr ("server:\n");
  for (guint i = 0; i < remote->len; i++)
    {
      g_autofree char *json = json_to_string (json_node_init_object (json_node_alloc (),
                                                                     g_ptr_array_index (remote, i)),
                                              FALSE);

      g_printerr ("  %s\n", json);
    }
}

static void
check_outcome (Run     *run,
               guint32  seed)
{
  g_autoptr(GPtrArray) local = NULL;
  g_autoptr(GPtrArray) remote = fake_toggl_find_entries (run->fake, ADA_ID, NULL, FALSE);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  local = stint_store_load_entries (run->store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  if (local->len != g_hash_table_size (run->expected) || remote->len != local->len ||
      stint_store_count_outbox (run->store) != 0)
    dump (run, local, remote);

  /* Nothing waits, nothing is parked, nothing but the slow refresh ticks. */
  g_assert_cmpuint (stint_store_count_outbox (run->store), ==, 0);
  g_assert_cmpuint (stint_sync_get_failed (run->sync), ==, 0);
  g_assert_cmpint (stint_sync_get_next_attempt_at (run->sync), ==, 0);
  g_assert_cmpuint (stint_clock_get_pending (run->clock, NULL), <=, 1);

  /* Every action arrived locally, and on the server, once. */
  g_assert_cmpuint (local->len, ==, g_hash_table_size (run->expected));
  g_assert_cmpuint (remote->len, ==, local->len);

  for (guint i = 0; i < remote->len; i++)
    {
      JsonObject *object = g_ptr_array_index (remote, i);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
      g_autoptr(StintEntry) server = stint_track_codec_parse_entry (node, NULL, &error);
      g_autoptr(StintEntry) mine = NULL;
      g_autofree char *key = NULL;
      Expected *expected;

      g_assert_no_error (error);
      key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", stint_entry_get_start (server),
                             stint_entry_get_description (server));
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, g_steal_pointer (&key));

      mine = stint_store_load_entry_by_server_id (run->store, stint_entry_get_server_id (server), &error);
      g_assert_no_error (error);
      g_assert_cmpint (stint_entry_get_sync_state (mine), ==, STINT_SYNC_STATE_SYNCED);
      expected = g_hash_table_lookup (run->expected, &(gint64){ stint_entry_get_id (mine) });
      g_assert_nonnull (expected);

      if (g_strcmp0 (stint_entry_get_description (server), expected->description) != 0 ||
          g_strcmp0 (stint_entry_get_description (mine), expected->description) != 0 ||
          stint_entry_get_start (server) != expected->start ||
          stint_entry_get_start (mine) != expected->start ||
          stint_entry_get_stop (server) != expected->stop ||
          stint_entry_get_stop (mine) != expected->stop)
        dump (run, local, remote);
      g_assert_cmpstr (stint_entry_get_description (server), ==, expected->description);
      g_assert_cmpstr (stint_entry_get_description (mine), ==, expected->description);
      g_assert_cmpint (stint_entry_get_start (server), ==, expected->start);
      g_assert_cmpint (stint_entry_get_start (mine), ==, expected->start);
      g_assert_cmpint (stint_entry_get_stop (server), ==, expected->stop);
      g_assert_cmpint (stint_entry_get_stop (mine), ==, expected->stop);
    }
}

/* Network back, faults over: time passes until everything went. */
static void
wind_down (Run *run)
{
  fake_toggl_clear_faults (run->fake);
  stint_fake_network_set_available (run->network, TRUE);
  stint_test_settle_sync (run->sync);

  for (guint i = 0; i < 100; i++)
    {
      gint64 due;

      /* The user retries what the server refused. */
      stint_sync_retry_all_failed (run->sync);
      stint_test_settle_sync (run->sync);

      if (stint_store_count_outbox (run->store) == 0 && stint_sync_get_next_attempt_at (run->sync) == 0)
        return;
      due = stint_sync_get_next_attempt_at (run->sync);
      advance (run, due > 0 ? due - stint_clock_now (run->clock) : MINUTE);
    }
}

static void
run_schedule (guint32 seed)
{
  Run run = { 0 };
  guint n_actions;

  g_snprintf (failure_note, sizeof failure_note,
              "\nchaos: schedule with seed %u failed; run it alone with: "
              "test-chaos --seed %u --schedules 1\n", seed, seed);

  run_begin (&run, seed);
  n_actions = g_rand_int_range (run.rand, 8, 24);

  for (guint i = 0; i < n_actions; i++)
    {
      if (g_rand_int_range (run.rand, 0, 3) == 0)
        add_random_fault (&run);

      act (&run);
      stint_test_settle_sync (run.sync);

      /* Sometimes Stint restarts; sometimes it is killed mid-request. */
      if (g_rand_int_range (run.rand, 0, 8) == 0)
        {
          close_app (&run, g_rand_boolean (run.rand));
          open_app (&run);
          stint_test_settle_sync (run.sync);
        }

      advance (&run, g_rand_int_range (run.rand, 1, 15 * MINUTE));
    }

  wind_down (&run);
  check_outcome (&run, seed);
  run_end (&run);
}

static void
test_chaos (void)
{
  g_autoptr(GTimer) timer = g_timer_new ();

  for (guint i = 0; i < n_schedules; i++)
    run_schedule (first_seed + i);

  g_test_message ("%u schedules (seeds %u to %u) in %.1f s", n_schedules, first_seed,
                  first_seed + n_schedules - 1, g_timer_elapsed (timer, NULL));
}

static GLogFunc test_log_handler;

/* GTest prints every debug message it sees; a schedule sends thousands. */
static void
quiet_log_handler (const char     *domain,
                   GLogLevelFlags  level,
                   const char     *message,
                   gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return;
  test_log_handler (domain, level, message, user_data);
}

/* Our own options go before GTest sees the command line. */
static void
parse_options (int    *argc,
               char ***argv)
{
  const char *env;
  int kept = 1;

  if ((env = g_getenv ("STINT_CHAOS_SCHEDULES")) != NULL)
    n_schedules = (guint)g_ascii_strtoull (env, NULL, 10);
  if ((env = g_getenv ("STINT_CHAOS_SEED")) != NULL)
    first_seed = (guint32)g_ascii_strtoull (env, NULL, 10);

  for (int i = 1; i < *argc; i++)
    {
      const char *arg = (*argv)[i];

      if (g_str_equal (arg, "--schedules") && i + 1 < *argc)
        n_schedules = (guint)g_ascii_strtoull ((*argv)[++i], NULL, 10);
      else if (g_str_equal (arg, "--seed") && i + 1 < *argc)
        first_seed = (guint32)g_ascii_strtoull ((*argv)[++i], NULL, 10);
      else
        (*argv)[kept++] = (*argv)[i];
    }
  (*argv)[kept] = NULL;
  *argc = kept;
}

int
main (int   argc,
      char *argv[])
{
  parse_options (&argc, &argv);
  stint_test_init (&argc, &argv);
  signal (SIGABRT, on_abort);

  /* Quiet unless asked: a schedule logs thousands of lines. */
  if (g_getenv ("STINT_CHAOS_DEBUG") == NULL)
    test_log_handler = g_log_set_default_handler (quiet_log_handler, NULL);

  g_test_add_func ("/stint/chaos/schedules", test_chaos);

  return g_test_run ();
}
