/* test-budget.c: StintBudget, Toggl's hourly quota counted on our side
 *
 * Every case runs on a manual clock: an hour passes in a call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sync/stint-budget.h"
#include "stint-test-utils.h"

/* 2024-03-01 09:00 UTC */
#define T0 G_GINT64_CONSTANT (1709283600)
#define MINUTE 60
#define HOUR 3600

#define USER STINT_BUDGET_BUCKET_USER
#define WORKSPACE STINT_BUDGET_BUCKET_WORKSPACE

typedef struct
{
  StintClock  *clock;
  StintBudget *budget;
  guint        n_left_notified;
} Fixture;

static void
left_notified_cb (StintBudget *budget,
                  GParamSpec  *pspec,
                  Fixture     *f)
{
  f->n_left_notified++;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  f->budget = stint_budget_new (f->clock);
  g_signal_connect (f->budget, "notify::requests-left", G_CALLBACK (left_notified_cb), f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->budget);
  g_clear_object (&f->clock);
}

static gint64
now (Fixture *f)
{
  return stint_clock_now (f->clock);
}

static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
}

/* @n requests to @bucket, one a minute, without quota headers. */
static void
spend (Fixture             *f,
       const char          *bucket,
       guint                n,
       StintBudgetPriority  priority)
{
  StintApiMeta meta = STINT_API_META_INIT;

  meta.status = 200;
  for (guint i = 0; i < n; i++)
    {
      stint_budget_record (f->budget, bucket, &meta, priority);
      advance (f, MINUTE);
    }
}

static void
test_sliding_hour (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpint (stint_budget_get_left (f->budget, USER), ==, 30);
  g_assert_cmpint (stint_budget_get_requests_left (f->budget), ==, 30);

  spend (f, USER, 5, STINT_BUDGET_USER);   /* at T0 … T0+4min */
  g_assert_cmpint (stint_budget_get_left (f->budget, USER), ==, 25);
  g_assert_cmpuint (stint_budget_count_hour (f->budget, USER, FALSE), ==, 5);
  g_assert_cmpint (stint_budget_get_requests_left (f->budget), ==, 25);
  g_assert_cmpuint (f->n_left_notified, ==, 5);

  /* Buckets are counted apart. */
  g_assert_cmpint (stint_budget_get_left (f->budget, WORKSPACE), ==, 30);

  /* A request stops counting an hour after it was made, one at a time. */
  stint_clock_set_usec (f->clock, (T0 + HOUR - 1) * G_USEC_PER_SEC);
  g_assert_cmpint (stint_budget_get_left (f->budget, USER), ==, 25);
  advance (f, 1);
  g_assert_cmpint (stint_budget_get_left (f->budget, USER), ==, 26);
  advance (f, 4 * MINUTE);
  g_assert_cmpint (stint_budget_get_left (f->budget, USER), ==, 30);

  /* A paid plan's limit, when someone knows it. */
  stint_budget_set_limit (f->budget, WORKSPACE, 240);
  g_assert_cmpuint (stint_budget_get_limit (f->budget, WORKSPACE), ==, 240);
  g_assert_cmpint (stint_budget_get_left (f->budget, WORKSPACE), ==, 240);
}

static void
test_server_believed (Fixture       *f,
                      gconstpointer  data)
{
  StintApiMeta meta = STINT_API_META_INIT;

  /* The user's other tools spent most of the hour: the headers say so. */
  meta.status = 200;
  meta.quota_remaining = 4;
  meta.quota_resets_in = 20 * MINUTE;
  stint_budget_record (f->budget, USER, &meta, STINT_BUDGET_USER);
  g_assert_cmpint (stint_budget_get_left (f->budget, USER), ==, 4);

  /* Replies without headers count down from there. */
  spend (f, USER, 3, STINT_BUDGET_USER);
  g_assert_cmpint (stint_budget_get_left (f->budget, USER), ==, 1);

  /* More than our own limit when the plan allows it. */
  meta.quota_remaining = 200;
  stint_budget_record (f->budget, USER, &meta, STINT_BUDGET_USER);
  g_assert_cmpint (stint_budget_get_left (f->budget, USER), ==, 200);

  /* At the reset the server named, its word expires: what counts is what
   * we sent since. */
  advance (f, 20 * MINUTE);
  g_assert_cmpint (stint_budget_get_left (f->budget, USER), ==, 30);
  spend (f, USER, 2, STINT_BUDGET_USER);
  g_assert_cmpint (stint_budget_get_left (f->budget, USER), ==, 28);
}

static void
test_reserve_for_the_user (Fixture       *f,
                           gconstpointer  data)
{
  gint64 first = now (f);

  /* Twenty of thirty spent: a third is kept for the user's changes. */
  spend (f, USER, 20, STINT_BUDGET_USER);
  g_assert_cmpint (stint_budget_check (f->budget, USER, STINT_BUDGET_USER), ==, 0);
  g_assert_cmpint (stint_budget_check (f->budget, USER, STINT_BUDGET_BACKGROUND), ==, first + HOUR);

  /* The user's changes may spend it all, then wait for the oldest request
   * to leave the hour. */
  spend (f, USER, 10, STINT_BUDGET_USER);
  g_assert_cmpint (stint_budget_get_left (f->budget, USER), ==, 0);
  g_assert_cmpint (stint_budget_check (f->budget, USER, STINT_BUDGET_USER), ==, first + HOUR);
  g_assert_cmpint (stint_budget_check (f->budget, USER, STINT_BUDGET_BACKGROUND), ==,
                   first + 10 * MINUTE + HOUR);

  /* Another bucket is untouched. */
  g_assert_cmpint (stint_budget_check (f->budget, WORKSPACE, STINT_BUDGET_BACKGROUND), ==, 0);

  stint_clock_set_usec (f->clock, (first + HOUR) * G_USEC_PER_SEC);
  g_assert_cmpint (stint_budget_check (f->budget, USER, STINT_BUDGET_USER), ==, 0);
}

static void
test_background_cap (Fixture       *f,
                     gconstpointer  data)
{
  gint64 first = now (f);

  /* Six background refreshes an hour, over every bucket. */
  spend (f, USER, 4, STINT_BUDGET_BACKGROUND);
  spend (f, WORKSPACE, 2, STINT_BUDGET_BACKGROUND);
  g_assert_cmpuint (stint_budget_count_hour (f->budget, USER, TRUE), ==, 4);
  g_assert_cmpint (stint_budget_check (f->budget, USER, STINT_BUDGET_BACKGROUND), ==, first + HOUR);
  g_assert_cmpint (stint_budget_check (f->budget, WORKSPACE, STINT_BUDGET_BACKGROUND), ==,
                   first + HOUR);

  /* The user is not held back by it. */
  g_assert_cmpint (stint_budget_check (f->budget, USER, STINT_BUDGET_USER), ==, 0);

  stint_clock_set_usec (f->clock, (first + HOUR) * G_USEC_PER_SEC);
  g_assert_cmpint (stint_budget_check (f->budget, USER, STINT_BUDGET_BACKGROUND), ==, 0);

  stint_budget_set_background_cap (f->budget, 100);
  spend (f, USER, 5, STINT_BUDGET_BACKGROUND);
  g_assert_cmpint (stint_budget_check (f->budget, USER, STINT_BUDGET_BACKGROUND), ==, 0);
}

static void
test_quota_pauses_everything (Fixture       *f,
                              gconstpointer  data)
{
  StintApiMeta meta = STINT_API_META_INIT;
  gint64 reset;

  g_assert_cmpint (stint_budget_get_paused_until (f->budget), ==, 0);

  meta.status = 402;
  meta.quota_remaining = 0;
  meta.quota_resets_in = 10 * MINUTE;
  stint_budget_record (f->budget, WORKSPACE, &meta, STINT_BUDGET_USER);
  reset = now (f) + 10 * MINUTE;

  /* Every bucket, every priority, until the reset. */
  g_assert_cmpint (stint_budget_get_paused_until (f->budget), ==, reset);
  g_assert_cmpint (stint_budget_check (f->budget, USER, STINT_BUDGET_USER), ==, reset);
  g_assert_cmpint (stint_budget_check (f->budget, WORKSPACE, STINT_BUDGET_USER), ==, reset);
  g_assert_cmpint (stint_budget_check (f->budget, USER, STINT_BUDGET_BACKGROUND), ==, reset);
  g_assert_cmpint (stint_budget_get_requests_left (f->budget), <=, 0);

  advance (f, 10 * MINUTE);
  g_assert_cmpint (stint_budget_get_paused_until (f->budget), ==, 0);
  g_assert_cmpint (stint_budget_check (f->budget, WORKSPACE, STINT_BUDGET_USER), ==, 0);
  /* A new window: the refused request was before it. */
  g_assert_cmpint (stint_budget_get_left (f->budget, WORKSPACE), ==, 30);

  /* A 402 for a paid feature (no quota headers) pauses nothing. */
  meta.quota_remaining = -1;
  meta.quota_resets_in = -1;
  stint_budget_record (f->budget, WORKSPACE, &meta, STINT_BUDGET_USER);
  g_assert_cmpint (stint_budget_get_paused_until (f->budget), ==, 0);
}

static void
test_no_reply_counts (Fixture       *f,
                      gconstpointer  data)
{
  StintApiMeta meta = STINT_API_META_INIT;

  /* A connection that broke may have been counted by Toggl all the same. */
  stint_budget_record (f->budget, WORKSPACE, &meta, STINT_BUDGET_USER);
  stint_budget_record (f->budget, WORKSPACE, NULL, STINT_BUDGET_USER);
  g_assert_cmpint (stint_budget_get_left (f->budget, WORKSPACE), ==, 28);
}

static void
test_saved (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(StintBudget) again = NULL;
  g_autofree char *saved = NULL;
  StintApiMeta meta = STINT_API_META_INIT;
  gint64 first = now (f);

  spend (f, USER, 3, STINT_BUDGET_BACKGROUND);
  meta.status = 200;
  meta.quota_remaining = 7;
  meta.quota_resets_in = 30 * MINUTE;
  stint_budget_record (f->budget, WORKSPACE, &meta, STINT_BUDGET_USER);
  spend (f, WORKSPACE, 1, STINT_BUDGET_USER);
  stint_budget_pause (f->budget, now (f) + 5 * MINUTE);

  /* A restart remembers this hour's requests, the server's word and the
   * pause. */
  saved = stint_budget_save (f->budget);
  again = stint_budget_new (f->clock);
  g_assert_true (stint_budget_load (again, saved));
  g_assert_cmpint (stint_budget_get_left (again, USER), ==, 27);
  g_assert_cmpuint (stint_budget_count_hour (again, USER, TRUE), ==, 3);
  g_assert_cmpint (stint_budget_get_left (again, WORKSPACE), ==, 6);
  g_assert_cmpint (stint_budget_get_paused_until (again), ==, now (f) + 5 * MINUTE);

  stint_clock_set_usec (f->clock, (first + HOUR) * G_USEC_PER_SEC);
  g_assert_cmpint (stint_budget_get_left (again, USER), ==, 28);

  /* Text it cannot read changes nothing. */
  g_assert_false (stint_budget_load (again, "not a budget"));
  g_assert_cmpint (stint_budget_get_left (again, USER), ==, 28);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/stint/budget/" path, Fixture, NULL, setup, func, teardown)

  ADD ("sliding-hour", test_sliding_hour);
  ADD ("server-believed", test_server_believed);
  ADD ("reserve-for-the-user", test_reserve_for_the_user);
  ADD ("background-cap", test_background_cap);
  ADD ("quota-pauses-everything", test_quota_pauses_everything);
  ADD ("no-reply-counts", test_no_reply_counts);
  ADD ("saved", test_saved);

#undef ADD

  return g_test_run ();
}
