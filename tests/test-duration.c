/* test-duration.c: how durations and days read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "util/stint-duration.h"

static void
test_hmm (void)
{
  static const struct {
    gint64      seconds;
    const char *expected;
  } cases[] = {
    { 0, "0:00" },
    { 59, "0:00" },
    { 60, "0:01" },
    { 3599, "0:59" },
    { 3600, "1:00" },
    { 3600 + 23 * 60 + 45, "1:23" },
    { 24 * 3600, "24:00" },
    { 62 * 3600 + 10 * 60, "62:10" },
    { 999 * 3600 + 59 * 60 + 59, "999:59" },
    { -5, "0:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = stint_format_hmm (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_hmmss (void)
{
  static const struct {
    gint64      seconds;
    const char *expected;
  } cases[] = {
    { 0, "0:00:00" },
    { 59, "0:00:59" },
    { 3661, "1:01:01" },
    { 100 * 3600, "100:00:00" },
    { -1, "0:00:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = stint_format_hmmss (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_next_minute (void)
{
  gint64 start = 1700000000;
  gint64 s = G_USEC_PER_SEC;

  /* Exactly at start: the label turns to 0:01 a minute later. */
  g_assert_cmpint (stint_usec_until_next_minute (start, start * s), ==, 60 * s);
  g_assert_cmpint (stint_usec_until_next_minute (start, start * s + 1), ==, 60 * s - 1);
  g_assert_cmpint (stint_usec_until_next_minute (start, (start + 59) * s), ==, 1 * s);
  g_assert_cmpint (stint_usec_until_next_minute (start, (start + 60) * s), ==, 60 * s);
  g_assert_cmpint (stint_usec_until_next_minute (start, (start + 3601) * s + 500), ==, 59 * s - 500);
  /* A start ahead of the clock: wake when it arrives. */
  g_assert_cmpint (stint_usec_until_next_minute (start, (start - 10) * s), ==, 10 * s);
}

static void
test_time_of_day (void)
{
  g_autofree char *morning = stint_format_time_of_day (1700000000);  /* 22:13:20 UTC */
  g_autofree char *midnight = stint_format_time_of_day (1699920000);

  g_assert_cmpstr (morning, ==, "22:13");
  g_assert_cmpstr (midnight, ==, "00:00");
}

static void
test_day_names (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 11, 23, 10, 0, 0);  /* a Monday */
  static const struct {
    int         month, day, year;
    const char *expected;
  } cases[] = {
    { 11, 23, 2026, "Today" },
    { 11, 22, 2026, "Yesterday" },
    { 11, 20, 2026, "Friday" },
    { 11, 17, 2026, "Tuesday" },
    { 11, 16, 2026, "Monday, 16 November" },
    { 12, 31, 2025, "31 December 2025" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new (utc, cases[i].year, cases[i].month, cases[i].day,
                                                  23, 59, 0);
      g_autofree char *text = stint_format_day (day, now);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_day_start_dst (void)
{
  /* Europe/Berlin leaves summer time on 2026-10-25: that day is 25 hours. */
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) evening = NULL;
  g_autoptr(GDateTime) midnight = NULL;

  if (berlin == NULL)
    {
      g_test_skip ("no tz database");
      return;
    }

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  evening = g_date_time_new (berlin, 2026, 10, 25, 23, 30, 0);
  midnight = g_date_time_new (berlin, 2026, 10, 25, 0, 0, 0);
  g_assert_cmpint (stint_local_day_start (g_date_time_to_unix (evening)), ==,
                   g_date_time_to_unix (midnight));
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stint/duration/hmm", test_hmm);
  g_test_add_func ("/stint/duration/hmmss", test_hmmss);
  g_test_add_func ("/stint/duration/next-minute", test_next_minute);
  g_test_add_func ("/stint/duration/time-of-day", test_time_of_day);
  g_test_add_func ("/stint/duration/day-names", test_day_names);
  g_test_add_func ("/stint/duration/day-start-dst", test_day_start_dst);

  return g_test_run ();
}
