/* test-parse.c: durations, times, ranges and the quick syntax as typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "util/stint-parse.h"

static void
test_durations (void)
{
  static const struct {
    const char *text;
    gint64      seconds;   /* -1: refused */
  } cases[] = {
    { "1:30", 5400 }, { "0:05", 300 }, { "1:30:15", 5415 }, { "12:00", 43200 },
    { "90m", 5400 }, { "90 min", 5400 }, { "90 minutes", 5400 }, { "90", 5400 },
    { "1h30", 5400 }, { "1h30m", 5400 }, { "1h 30m", 5400 }, { "1 hour 30 minutes", 5400 },
    { "1.5h", 5400 }, { "1,5 h", 5400 }, { "2h", 7200 }, { "45s", 45 }, { "1m 30s", 90 },
    { " 2H ", 7200 }, { "0", 0 }, { "999h", 999 * 3600 },
    { "1:5", -1 }, { "1:60", -1 }, { "1:30:60", -1 }, { "1.5", -1 }, { "h", -1 },
    { "30m 1h", -1 }, { "1h 2h", -1 }, { "abc", -1 }, { "1x", -1 }, { "-5m", -1 },
    { "1000h", -1 }, { "999:01", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 seconds = -42;
      gboolean ok = stint_parse_duration (cases[i].text, &seconds, &error);

      if (cases[i].seconds >= 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (seconds, ==, cases[i].seconds);
        }
      else
        {
          g_assert_false (ok);
          g_assert_nonnull (error);
          g_assert_cmpint (seconds, ==, -42);
          /* A sentence, not a code. */
          g_assert_cmpuint (strlen (error->message), >, 10);
        }
    }
}

static void
test_duration_messages (void)
{
  g_autoptr(GError) error = NULL;
  gint64 seconds;

  g_assert_false (stint_parse_duration ("", &seconds, &error));
  g_assert_error (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (stint_parse_duration ("1.5", &seconds, &error));
  g_assert_error (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Add a unit to “1.5”: for example 1.5h or 1.5m.");
  g_clear_error (&error);

  g_assert_false (stint_parse_duration ("1000h", &seconds, &error));
  g_assert_error (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "A duration can be at most 999 hours.");
}

static GDateTime *
in_zone (gint64     unix_seconds,
         GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_to_timezone (utc, tz);
}

/* Parses @text for an entry on @day (local midnight + @day_hour) with the
 * clock at @now_iso; returns the local result as "YYYY-MM-DD HH:MM", or the
 * error code as "E<n>". */
static char *
parse_time_at (const char *tz_name,
               const char *day_iso,
               const char *now_iso,
               const char *text)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tz_name);
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (day_iso, tz);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (now_iso, tz);
  g_autoptr(GDateTime) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 unix_seconds;

  g_assert_nonnull (day);
  g_assert_nonnull (now);
  if (!stint_parse_time (text, day, now, &unix_seconds, &error))
    return g_strdup_printf ("E%d", error->code);

  result = in_zone (unix_seconds, tz);
  return g_date_time_format (result, "%Y-%m-%d %H:%M");
}

static void
test_times (void)
{
  static const struct {
    const char *text;
    const char *expected;
  } cases[] = {
    { "9", "2026-11-20 09:00" }, { "09", "2026-11-20 09:00" }, { "9:00", "2026-11-20 09:00" },
    { "9:15", "2026-11-20 09:15" }, { "09:15", "2026-11-20 09:15" }, { "9.15", "2026-11-20 09:15" },
    { "915", "2026-11-20 09:15" }, { "0915", "2026-11-20 09:15" }, { "2130", "2026-11-20 21:30" },
    { "21", "2026-11-20 21:00" }, { "0", "2026-11-20 00:00" }, { "0:00", "2026-11-20 00:00" },
    { "24:00", "2026-11-21 00:00" },
    { "9am", "2026-11-20 09:00" }, { "9 AM", "2026-11-20 09:00" }, { "9:30pm", "2026-11-20 21:30" },
    { "12am", "2026-11-20 00:00" }, { "12pm", "2026-11-20 12:00" }, { "12:15am", "2026-11-20 00:15" },
    { "now", "2026-11-23 10:42" },
    { "yesterday 17:00", "2026-11-22 17:00" }, { "Yesterday 5pm", "2026-11-22 17:00" },
    { "yesterday", "2026-11-22 14:05" }, { "today 8", "2026-11-23 08:00" },
    { "25", "E1" }, { "9:60", "E1" }, { "24:30", "E1" }, { "13pm", "E1" }, { "0am", "E1" },
    { "9:3", "E1" }, { "12345", "E1" }, { "nine", "E1" }, { "9:00x", "E1" }, { "", "E0" },
    { "tomorrow 9", "E1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = parse_time_at ("Europe/Berlin", "2026-11-20T14:05:00",
                                            "2026-11-23T10:42:00", cases[i].text);

      if (g_strcmp0 (got, cases[i].expected) != 0)
        g_error ("“%s”: expected %s, got %s", cases[i].text, cases[i].expected, got);
    }
}

static void
test_times_dst (void)
{
  g_autofree char *gap = NULL;
  g_autofree char *after_gap = NULL;
  g_autofree char *repeat = NULL;
  g_autofree char *fall_midnight = NULL;

  /* Berlin springs forward on 2026-03-29 at 02:00: 02:30 never happens. */
  gap = parse_time_at ("Europe/Berlin", "2026-03-29T12:00:00", "2026-03-30T12:00:00", "2:30");
  g_assert_cmpstr (gap, ==, "E3");
  after_gap = parse_time_at ("Europe/Berlin", "2026-03-29T12:00:00", "2026-03-30T12:00:00", "3:00");
  g_assert_cmpstr (after_gap, ==, "2026-03-29 03:00");
  /* ...and falls back on 2026-10-25: 02:30 happens twice; either is a real time. */
  repeat = parse_time_at ("Europe/Berlin", "2026-10-25T12:00:00", "2026-10-26T12:00:00", "2:30");
  g_assert_cmpstr (repeat, ==, "2026-10-25 02:30");
  fall_midnight = parse_time_at ("Europe/Berlin", "2026-10-25T12:00:00", "2026-10-26T12:00:00", "24:00");
  g_assert_cmpstr (fall_midnight, ==, "2026-10-26 00:00");
}

static void
test_ranges (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) day = g_date_time_new (tz, 2026, 11, 20, 12, 0, 0);
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 11, 23, 9, 0, 0);
  static const struct {
    const char *text;
    int         start_hm, stop_hm, stop_day_offset;   /* start_hm < 0: refused */
  } cases[] = {
    { "9:00-10:30", 900, 1030, 0 }, { "9-10:30", 900, 1030, 0 }, { "9 - 10:30", 900, 1030, 0 },
    { "9:00–10:30", 900, 1030, 0 }, { "9 to 17", 900, 1700, 0 }, { "9am-5pm", 900, 1700, 0 },
    { "22:00-01:00", 2200, 100, 1 }, { "23-24", 2300, 0, 1 }, { "10:30-10:30", 1030, 1030, 0 },
    { "9:00", -1, 0, 0 }, { "9-x", -1, 0, 0 }, { "-10", -1, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = 0, stop = 0;
      gboolean ok = stint_parse_time_range (cases[i].text, day, now, &start, &stop, &error);

      if (cases[i].start_hm < 0)
        {
          g_assert_false (ok);
          g_assert_nonnull (error);
          continue;
        }

      g_assert_no_error (error);
      {
        g_autoptr(GDateTime) s = in_zone (start, tz);
        g_autoptr(GDateTime) e = in_zone (stop, tz);

        g_assert_cmpint (g_date_time_get_hour (s) * 100 + g_date_time_get_minute (s), ==, cases[i].start_hm);
        g_assert_cmpint (g_date_time_get_day_of_month (s), ==, 20);
        g_assert_cmpint (g_date_time_get_hour (e) * 100 + g_date_time_get_minute (e), ==, cases[i].stop_hm);
        g_assert_cmpint (g_date_time_get_day_of_month (e), ==, 20 + cases[i].stop_day_offset);
        g_assert_cmpint (stop, >=, start);
      }
    }
}

static void
test_quick_syntax (void)
{
  static const struct {
    const char *text;
    const char *description;
    const char *project;
    const char *tags;      /* comma-separated */
    gboolean    billable;
  } cases[] = {
    { "Review PR @Stint #code", "Review PR", "Stint", "code", FALSE },
    { "description @project #tag #another $", "description", "project", "tag,another", TRUE },
    { "Review PR #42 @Stint", "Review PR #42", "Stint", "", FALSE },
    { "Call @\"Client work\" #\"follow up\" with Bob", "Call with Bob", "Client work", "follow up", FALSE },
    { "  lots   of   space  ", "lots of space", NULL, "", FALSE },
    { "mail bob@example.com about C#", "mail bob@example.com about C#", NULL, "", FALSE },
    { "#a #b #a", "", NULL, "a,b", FALSE },
    { "@first @second text", "@second text", "first", "", FALSE },
    { "pay $5 later", "pay $5 later", NULL, "", FALSE },
    { "@ # $", "@ #", NULL, "", TRUE },
    { "", "", NULL, "", FALSE },
    { "Überprüfung @Qualität #prüfen", "Überprüfung", "Qualität", "prüfen", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StintQuickEntry) entry = stint_parse_quick_entry (cases[i].text);
      g_autofree char *tags = g_strjoinv (",", entry->tags);

      g_assert_cmpstr (entry->description, ==, cases[i].description);
      g_assert_cmpstr (entry->project, ==, cases[i].project);
      g_assert_cmpstr (tags, ==, cases[i].tags);
      g_assert_cmpint (entry->billable, ==, cases[i].billable);
    }
}

static void
test_dates (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 11, 23, 0, 30, 0);
  static const struct {
    const char *text;
    const char *expected;   /* NULL: refused */
  } cases[] = {
    { "today", "2026-11-23" }, { "Yesterday", "2026-11-22" }, { "2026-11-20", "2026-11-20" },
    { "2025-02-28", "2025-02-28" }, { "11/20/2026", "2026-11-20" },
    { "2026-02-30", NULL }, { "someday", NULL }, { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) day = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok = stint_parse_date (cases[i].text, now, &day, &error);

      if (cases[i].expected == NULL)
        {
          g_assert_false (ok);
          g_assert_nonnull (error);
        }
      else
        {
          g_autofree char *got = NULL;

          g_assert_no_error (error);
          got = g_date_time_format (day, "%Y-%m-%d");
          g_assert_cmpstr (got, ==, cases[i].expected);
          g_assert_cmpint (g_date_time_get_hour (day), ==, 0);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stint/parse/durations", test_durations);
  g_test_add_func ("/stint/parse/duration-messages", test_duration_messages);
  g_test_add_func ("/stint/parse/times", test_times);
  g_test_add_func ("/stint/parse/times-dst", test_times_dst);
  g_test_add_func ("/stint/parse/ranges", test_ranges);
  g_test_add_func ("/stint/parse/quick-syntax", test_quick_syntax);
  g_test_add_func ("/stint/parse/dates", test_dates);

  return g_test_run ();
}
