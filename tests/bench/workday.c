/* workday.c: the requests of a simulated work day, against the fake Toggl
 *
 *   build/tests/bench/stint-bench-workday [--verbose]
 *
 * Eight hours in virtual time, through the whole chain the app runs
 * (tracker → store → StintSync → StintTrackBackend → HTTP → the fake Toggl
 * in this process, with Toggl's quota buckets): fifteen entries started and
 * stopped, five edits of earlier entries, the window opened thirty times
 * (stint_sync_refresh_if_stale with five minutes, as the app does), and the
 * network gone twice for ten minutes, with work done meanwhile. The slow
 * refresh runs as it would. The account was signed in to the evening
 * before: the first sync (three requests) is not part of the day.
 *
 * It prints requests per user action, background requests per hour, the
 * most requests in any sliding hour in each quota bucket, and the 402s,
 * beside issue 5's targets. A benchmark is read, not passed: it exits 0
 * whatever the figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "api/stint-track-backend.h"
#include "core/stint-tracker.h"
#include "store/stint-store.h"
#include "sync/stint-sync.h"
#include "fake-toggl.h"
#include "stint-fake-backend.h"
#include "stint-test-utils.h"

#define ADA_TOKEN "3f2a9c4e8b7d6a5f1e0c9b8a7d6e5f4a"
#define MINUTE 60
#define HOUR 3600
/* Monday 2025-03-03, 09:00 UTC */
#define DAY_START G_GINT64_CONSTANT (1740992400)
#define DAY_LENGTH (8 * HOUR)
/* What the app passes when the window opens. */
#define WINDOW_MAX_AGE (5 * MINUTE)

static const char fixture_json[] =
  "{\"users\": [{\"id\": 1001, \"email\": \"ada@example.com\", \"fullname\": \"Ada\","
  " \"api_token\": \"" ADA_TOKEN "\", \"default_workspace_id\": 5001, \"workspaces\": [5001]}],"
  " \"workspaces\": [{\"id\": 5001, \"organization_id\": 9001, \"name\": \"Ada's\"}],"
  " \"projects\": [{\"id\": 7001, \"workspace_id\": 5001, \"name\": \"Engine\", \"active\": true}],"
  " \"tags\": [], \"time_entries\": []}";

typedef struct
{
  gint64  at;
  char   *bucket;
  guint   status;
} Reply;

typedef enum {
  EVENT_START,
  EVENT_STOP,
  EVENT_EDIT,
  EVENT_WINDOW,
  EVENT_NETWORK_DOWN,
  EVENT_NETWORK_UP,
} EventKind;

typedef struct
{
  gint64    at;        /* seconds after DAY_START */
  EventKind kind;
} Event;

typedef struct
{
  StintClock       *clock;
  FakeToggl        *fake;
  StintBackend     *backend;
  StintStore       *store;
  StintTracker     *tracker;
  StintSync        *sync;
  StintFakeNetwork *network;
  GArray           *replies;
  GArray           *entry_ids;
  guint             n_actions;
} Day;

static void
reply_clear (Reply *reply)
{
  g_free (reply->bucket);
}

static void
response_cb (StintBackend       *backend,
             const char         *bucket,
             const StintApiMeta *meta,
             Day                *day)
{
  Reply reply = { stint_clock_now (day->clock), g_strdup (bucket), meta != NULL ? meta->status : 0 };

  g_array_append_val (day->replies, reply);
}

static void
entries_changed_cb (StintSync    *sync,
                    const gint64 *ids,
                    guint         n_ids,
                    Day          *day)
{
  stint_tracker_reload_entries (day->tracker, ids, n_ids);
}

static void
settle (Day *day)
{
  while (g_main_context_pending (NULL) ||
         stint_sync_get_status (day->sync) == STINT_SYNC_STATUS_SYNCING)
    g_main_context_iteration (NULL, TRUE);
}

static void
run_to (Day    *day,
        gint64  offset)
{
  gint64 target = DAY_START + offset;

  /* A minute at a time, as the tray's clock would see it. */
  while (stint_clock_now (day->clock) < target)
    {
      gint64 step = MIN (MINUTE, target - stint_clock_now (day->clock));

      stint_clock_advance (day->clock, step * G_USEC_PER_SEC);
      settle (day);
    }
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *ea = a, *eb = b;

  return ea->at < eb->at ? -1 : ea->at > eb->at;
}

/* The day's plan: an entry every 32 minutes, 25 long; an edit every 90
 * minutes; the window every 16; the network gone at 11:00 and 15:00. */
static GArray *
plan_day (void)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (Event));

  for (guint i = 0; i < 15; i++)
    {
      Event start = { 2 * MINUTE + i * 32 * MINUTE, EVENT_START };
      Event stop = { start.at + 25 * MINUTE, EVENT_STOP };

      g_array_append_val (events, start);
      g_array_append_val (events, stop);
    }
  for (guint i = 0; i < 5; i++)
    {
      Event edit = { 70 * MINUTE + i * 90 * MINUTE, EVENT_EDIT };

      g_array_append_val (events, edit);
    }
  for (guint i = 0; i < 30; i++)
    {
      Event window = { 5 * MINUTE + i * 16 * MINUTE, EVENT_WINDOW };

      g_array_append_val (events, window);
    }
  for (guint i = 0; i < 2; i++)
    {
      Event down = { (2 + 4 * i) * HOUR + 3 * MINUTE, EVENT_NETWORK_DOWN };
      Event up = { down.at + 10 * MINUTE, EVENT_NETWORK_UP };

      g_array_append_val (events, down);
      g_array_append_val (events, up);
    }

  g_array_sort (events, compare_events);
  return events;
}

static void
happen (Day         *day,
        const Event *event)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  switch (event->kind)
    {
    case EVENT_START:
      {
        g_autofree char *name = g_strdup_printf ("Work item %u", day->entry_ids->len + 1);
        gint64 id;

        entry = stint_tracker_start (day->tracker, name, 0, NULL, FALSE, &error);
        g_assert_no_error (error);
        id = stint_entry_get_id (entry);
        g_array_append_val (day->entry_ids, id);
        day->n_actions++;
      }
      break;
    case EVENT_STOP:
      entry = stint_tracker_stop (day->tracker, &error);
      g_assert_no_error (error);
      day->n_actions++;
      break;
    case EVENT_EDIT:
      entry = stint_store_load_entry (day->store, g_array_index (day->entry_ids, gint64, 0), &error);
      g_assert_no_error (error);
      {
        g_autofree char *name = g_strdup_printf ("%s (reviewed)", stint_entry_get_description (entry));

        stint_entry_set_description (entry, name);
      }
      g_assert_true (stint_tracker_update (day->tracker, entry, &error));
      g_array_remove_index (day->entry_ids, 0);
      day->n_actions++;
      break;
    case EVENT_WINDOW:
      stint_sync_refresh_if_stale (day->sync, WINDOW_MAX_AGE);
      break;
    case EVENT_NETWORK_DOWN:
      stint_fake_network_set_available (day->network, FALSE);
      break;
    case EVENT_NETWORK_UP:
    default:
      stint_fake_network_set_available (day->network, TRUE);
      break;
    }
  settle (day);
}

/* The most replies in any hour-long window, of @bucket (all when NULL),
 * background reads only when @reads_only. */
static guint
busiest_hour (Day        *day,
              const char *bucket,
              gboolean    reads_only)
{
  guint most = 0;

  for (guint i = 0; i < day->replies->len; i++)
    {
      Reply *first = &g_array_index (day->replies, Reply, i);
      guint n = 0;

      for (guint j = i; j < day->replies->len; j++)
        {
          Reply *reply = &g_array_index (day->replies, Reply, j);
          const FakeTogglRequest *request = fake_toggl_get_request (day->fake, j);

          if (reply->at >= first->at + HOUR)
            break;
          if ((bucket == NULL || g_str_equal (reply->bucket, bucket)) &&
              (!reads_only || g_str_equal (request->method, "GET")))
            n++;
        }
      most = MAX (most, n);
    }

  return most;
}

static const char *
verdict (gboolean met)
{
  return met ? "MET" : "MISSED";
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = stint_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "stint.db", NULL);
  g_autofree char *url = NULL;
  g_autoptr(StintHttp) http = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(GArray) events = plan_day ();
  g_autoptr(GError) error = NULL;
  guint n_writes = 0, n_reads = 0, n_402 = 0, n_requests;
  guint most_user, most_workspace, most_background;
  guint n_bootstrap = 0;
  double per_action, background_per_hour;
  Day day = { 0 };

  if (argc > 1 && g_str_equal (argv[1], "--verbose"))
    g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  day.clock = stint_clock_new_manual ((DAY_START - 14 * HOUR) * G_USEC_PER_SEC);
  day.replies = g_array_new (FALSE, TRUE, sizeof (Reply));
  g_array_set_clear_func (day.replies, (GDestroyNotify)reply_clear);
  day.entry_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  day.fake = fake_toggl_new (day.clock, 0, &error);
  g_assert_no_error (error);
  fake_toggl_load_fixture_data (day.fake, fixture_json, &error);
  g_assert_no_error (error);

  url = fake_toggl_dup_track_url (day.fake);
  http = stint_http_new (day.clock);
  stint_http_set_base_url (http, url, &error);
  g_assert_no_error (error);
  stint_http_set_auth (http, STINT_HTTP_AUTH_TRACK_TOKEN, ADA_TOKEN);
  day.backend = STINT_BACKEND (stint_track_backend_new (http));
  g_signal_connect (day.backend, "response", G_CALLBACK (response_cb), &day);

  day.store = stint_store_open (path, &error);
  g_assert_no_error (error);
  stint_store_set_account (day.store, "track:1001", &error);
  g_assert_no_error (error);
  day.tracker = stint_tracker_new (day.store, day.clock, 7, &error);
  g_assert_no_error (error);
  stint_tracker_set_sync_enabled (day.tracker, TRUE);
  day.network = stint_fake_network_new (TRUE);

  /* Signed in the evening before (the first sync is not the day's), then
   * started at login, a minute before the day. */
  for (guint run = 0; run < 2; run++)
    {
      if (day.sync != NULL)
        {
          stint_sync_stop (day.sync);
          g_clear_object (&day.sync);
          stint_clock_set_usec (day.clock, (DAY_START - MINUTE) * G_USEC_PER_SEC);
          n_bootstrap = day.replies->len;
          g_array_set_size (day.replies, 0);
          fake_toggl_clear_log (day.fake);
        }
      day.sync = stint_sync_new (day.store, day.backend, day.clock, 5001);
      stint_sync_set_network_monitor (day.sync, G_NETWORK_MONITOR (day.network));
      stint_sync_set_system_bus (day.sync, NULL);
      stint_sync_set_rand (day.sync, rand);
      g_signal_connect (day.sync, "entries-changed", G_CALLBACK (entries_changed_cb), &day);
      stint_sync_start (day.sync);
      settle (&day);
    }

  for (guint i = 0; i < events->len; i++)
    {
      Event *event = &g_array_index (events, Event, i);

      run_to (&day, event->at);
      happen (&day, event);
    }
  run_to (&day, DAY_LENGTH);

  n_requests = fake_toggl_get_n_requests (day.fake);
  g_assert_cmpuint (n_requests, ==, day.replies->len);
  for (guint i = 0; i < n_requests; i++)
    {
      const FakeTogglRequest *request = fake_toggl_get_request (day.fake, i);

      if (g_str_equal (request->method, "GET"))
        n_reads++;
      else
        n_writes++;
      if (request->status == 402)
        n_402++;
    }

  per_action = (double)n_writes / day.n_actions;
  background_per_hour = (double)n_reads / (DAY_LENGTH / HOUR);
  most_user = busiest_hour (&day, STINT_BUDGET_BUCKET_USER, FALSE);
  most_workspace = busiest_hour (&day, STINT_BUDGET_BUCKET_WORKSPACE, FALSE);
  most_background = busiest_hour (&day, NULL, TRUE);

  printf ("Stint, one simulated work day (8 h; 15 entries started and stopped, 5 edits,\n"
          "30 window opens, the network gone twice for 10 minutes; Stint started at\n"
          "login; the sign-in's first sync, the evening before, took %u requests)\n\n",
          n_bootstrap);
  printf ("  user actions                          %u\n", day.n_actions);
  printf ("  requests                              %u (%u writes, %u reads)\n", n_requests, n_writes, n_reads);
  printf ("  requests per user action              %.2f   target 1      %s\n", per_action,
          verdict (per_action <= 1.0));
  printf ("  background requests per hour          %.2f   target ≤ 6    %s\n", background_per_hour,
          verdict (background_per_hour <= 6.0));
  printf ("  background requests, busiest hour     %u      target ≤ 6    %s\n", most_background,
          verdict (most_background <= 6));
  printf ("  most requests in an hour, user        %u      target ≤ 15   %s\n", most_user,
          verdict (most_user <= 15));
  printf ("  most requests in an hour, workspace   %u      target ≤ 15   %s\n", most_workspace,
          verdict (most_workspace <= 15));
  printf ("  402 answers                           %u      target 0      %s\n", n_402,
          verdict (n_402 == 0));
  printf ("  left in the outbox at the end         %u\n", stint_store_count_outbox (day.store));

  stint_sync_stop (day.sync);
  settle (&day);
  g_clear_object (&day.sync);
  g_clear_object (&day.tracker);
  g_clear_object (&day.store);
  g_clear_object (&day.network);
  g_clear_object (&day.backend);
  g_clear_object (&http);
  g_clear_object (&day.fake);
  g_clear_object (&day.clock);
  g_array_unref (day.replies);
  g_array_unref (day.entry_ids);
  stint_test_rm_rf (tmpdir);

  return 0;
}
