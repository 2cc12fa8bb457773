/* test-today-total.c: the time tracked today, which the tray's daily goal
 * counts, across local midnight
 *
 * Runs in Berlin time, an hour from UTC, so local midnight and UTC midnight
 * differ and mixing them up fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core/stint-tracker.h"
#include "stint-test-utils.h"

#define MINUTE 60
#define HOUR   3600

typedef struct
{
  char         *dir;
  StintStore   *store;
  StintClock   *clock;
  StintTracker *tracker;
} Fixture;

/* Local (Berlin) wall-clock time in November 2025. */
static gint64
at (int day,
    int hour,
    int minute)
{
  g_autoptr(GDateTime) local = g_date_time_new_local (2025, 11, day, hour, minute, 0);

  return g_date_time_to_unix (local);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = stint_test_make_tmpdir ();
  path = g_build_filename (f->dir, "stint.db", NULL);
  f->store = stint_store_open (path, &error);
  g_assert_no_error (error);
  f->clock = stint_clock_new_manual (at (22, 21, 0) * G_USEC_PER_SEC);
  f->tracker = stint_tracker_new (f->store, f->clock, 14, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->tracker);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  stint_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
set_now (Fixture *f,
         gint64   unix_seconds)
{
  stint_clock_set_usec (f->clock, unix_seconds * G_USEC_PER_SEC);
}

static void
start_at (Fixture    *f,
          const char *description,
          gint64      start)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = stint_tracker_start_at (f->tracker, description, 0, NULL, FALSE, start,
                                  STINT_START_DEFAULT, &error);
  g_assert_no_error (error);
}

/* Returns: (transfer full): the finished entry, as the recent list holds it */
static StintEntry *
track (Fixture    *f,
       const char *description,
       gint64      start,
       gint64      stop)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  set_now (f, stop);
  start_at (f, description, start);
  entry = stint_tracker_stop_at (f->tracker, stop, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&entry);
}

static void
test_across_midnight (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StintEntry) yesterday = NULL;
  g_autoptr(StintEntry) morning = NULL;
  g_autoptr(StintEntry) lunch = NULL;
  g_autoptr(StintEntry) late = NULL;
  g_autoptr(GError) error = NULL;

  yesterday = track (f, "Yesterday", at (22, 21, 0), at (22, 22, 0));
  morning = track (f, "Morning", at (23, 9, 0), at (23, 10, 30));
  lunch = track (f, "Lunch", at (23, 12, 0), at (23, 12, 30));
  /* A break is not work: a goal is about work. */
  stint_entry_set_break (lunch, TRUE);

  set_now (f, at (23, 23, 0));
  g_assert_cmpint (stint_tracker_get_today_total (f->tracker), ==, 90 * MINUTE);

  /* The running entry counts up to now. */
  set_now (f, at (23, 23, 30));
  start_at (f, "Late", at (23, 23, 30));
  set_now (f, at (23, 23, 50));
  g_assert_cmpint (stint_tracker_get_today_total (f->tracker), ==, 110 * MINUTE);

  /* After local midnight only what was worked since counts, though the
   * entry started yesterday. */
  set_now (f, at (24, 0, 10));
  g_assert_cmpint (stint_tracker_get_today_total (f->tracker), ==, 10 * MINUTE);

  /* Stopped, its part after midnight stays today's. */
  late = stint_tracker_stop (f->tracker, &error);
  g_assert_no_error (error);
  set_now (f, at (24, 0, 40));
  g_assert_cmpint (stint_tracker_get_today_total (f->tracker), ==, 10 * MINUTE);

  start_at (f, "Night", at (24, 0, 40));
  set_now (f, at (24, 1, 0));
  g_assert_cmpint (stint_tracker_get_today_total (f->tracker), ==, 30 * MINUTE);
}

/* Nothing today, with plenty yesterday and a long entry that ended before
 * midnight. */
static void
test_nothing_today (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StintEntry) long_one = NULL;

  long_one = track (f, "Long", at (20, 8, 0), at (22, 23, 59));
  set_now (f, at (23, 8, 0));
  g_assert_cmpint (stint_tracker_get_today_total (f->tracker), ==, 0);

  /* The same entry edited to end after midnight counts that part. */
  {
    g_autoptr(StintEntry) edited = stint_entry_copy (long_one);
    g_autoptr(GError) error = NULL;

    stint_entry_set_stop (edited, at (23, 1, 15));
    g_assert_true (stint_tracker_update (f->tracker, edited, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (stint_tracker_get_today_total (f->tracker), ==, 75 * MINUTE);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  stint_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/today-total/across-midnight", test_across_midnight);
  ADD ("/stint/today-total/nothing-today", test_nothing_today);
#undef ADD

  return g_test_run ();
}
