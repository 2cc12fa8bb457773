/* test-parse.c: durations, times, ranges and the quick syntax as typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "util/stint-parse.h"

typedef struct
{
  const char *text;
  gint64      seconds;   /* -1: refused */
} DurationCase;

typedef struct
{
  const char *text;
  const char *expected;  /* "YYYY-MM-DD HH:MM", or "E<code>" when refused */
} TimeCase;

typedef struct
{
  const char *text;
  const char *expected;  /* "YYYY-MM-DD", or NULL when refused */
} DateCase;

static void
check_durations (const DurationCase *cases,
                 guint               n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      /* The TAP log must stay UTF-8, whatever a case types. */
      g_autofree char *shown = g_utf8_make_valid (cases[i].text, -1);
      gint64 seconds = -42;
      gboolean ok = stint_parse_duration (cases[i].text, &seconds, &error);

      g_test_message ("duration “%s”", shown);
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
test_durations (void)
{
  static const DurationCase cases[] = {
    { "1:30", 5400 }, { "0:05", 300 }, { "1:30:15", 5415 }, { "12:00", 43200 },
    { "90m", 5400 }, { "90 min", 5400 }, { "90 minutes", 5400 }, { "90", 5400 },
    { "1h30", 5400 }, { "1h30m", 5400 }, { "1h 30m", 5400 }, { "1 hour 30 minutes", 5400 },
    { "1.5h", 5400 }, { "1,5 h", 5400 }, { "2h", 7200 }, { "45s", 45 }, { "1m 30s", 90 },
    { " 2H ", 7200 }, { "0", 0 }, { "999h", 999 * 3600 },
    /* A no-break space, and full-width digits from an East Asian input method */
    { "1\u00a0h", 3600 }, { "\uff11\uff48 \uff13\uff10\uff4d", 5400 },
    { "1:5", -1 }, { "1:60", -1 }, { "1:30:60", -1 }, { "1.5", -1 }, { "h", -1 },
    { "30m 1h", -1 }, { "1h 2h", -1 }, { "abc", -1 }, { "1x", -1 }, { "-5m", -1 },
    { "1000h", -1 }, { "999:01", -1 }, { "1h \xff", -1 },
    /* German words come from a German catalogue only (test_german) */
    { "1 Std 30 Min", -1 },
  };

  check_durations (cases, G_N_ELEMENTS (cases));
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

/* On Friday 2026-11-20 at 14:05 in Berlin, typed on Monday at 10:42. */
static void
check_times (const TimeCase *cases,
             guint           n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *got = parse_time_at ("Europe/Berlin", "2026-11-20T14:05:00",
                                            "2026-11-23T10:42:00", cases[i].text);

      if (g_strcmp0 (got, cases[i].expected) != 0)
        g_error ("“%s”: expected %s, got %s", cases[i].text, cases[i].expected, got);
    }
}

static void
test_times (void)
{
  static const TimeCase cases[] = {
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
    { "tomorrow 9", "E1" }, { "\u00a0", "E0" }, { "gestern 17:00", "E1" }, { "jetzt", "E1" },
  };

  check_times (cases, G_N_ELEMENTS (cases));
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
    { "9 TO 17", 900, 1700, 0 }, { "9  to  17:30", 900, 1730, 0 },
    { "9:00", -1, 0, 0 }, { "9-x", -1, 0, 0 }, { "-10", -1, 0, 0 },
    /* "to" only as a word between the two times */
    { "9 tomorrow 17", -1, 0, 0 }, { "to 17", -1, 0, 0 }, { "9 to", -1, 0, 0 },
    { "9 bis 17", -1, 0, 0 },
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

/* Typed on Monday 2026-11-23 at 00:30 in Berlin. */
static void
check_dates (const DateCase *cases,
             guint           n_cases)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 11, 23, 0, 30, 0);

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GDateTime) day = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok = stint_parse_date (cases[i].text, now, &day, &error);

      g_test_message ("date “%s”", cases[i].text);
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

static void
test_dates (void)
{
  static const DateCase cases[] = {
    { "today", "2026-11-23" }, { "Yesterday", "2026-11-22" }, { "2026-11-20", "2026-11-20" },
    { "2025-02-28", "2025-02-28" }, { "11/20/2026", "2026-11-20" },
    { "2026-02-30", NULL }, { "someday", NULL }, { "", NULL }, { "heute", NULL },
  };

  check_dates (cases, G_N_ELEMENTS (cases));
}

/* ------------------------------------------------- in the user's language */

/* Runs the current test again in a child process, in @language, with the
 * catalogue @mo_name that meson built beside this test from
 * tests/data/parse-locale/. A child, because the parser reads its words from
 * gettext once per process. */
static void
run_in_language (const char *language,
                 const char *mo_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *built = g_test_build_filename (G_TEST_BUILT, mo_name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *language_dir = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *mo = NULL;
  gsize len;

  if (!g_file_get_contents (built, &contents, &len, &error))
    g_error ("The test catalogue %s is missing; meson compile builds it: %s",
             mo_name, error->message);

  /* gettext reads DIR/LANGUAGE/LC_MESSAGES/DOMAIN.mo, and meson builds only
   * into the test's own folder, so the catalogue is copied into that shape. */
  dir = g_dir_make_tmp ("stint-test-parse-XXXXXX", &error);
  g_assert_no_error (error);
  language_dir = g_build_filename (dir, language, NULL);
  messages = g_build_filename (language_dir, "LC_MESSAGES", NULL);
  mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  g_file_set_contents (mo, contents, len, &error);
  g_assert_no_error (error);

  g_setenv ("STINT_TEST_LOCALEDIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("STINT_TEST_LOCALEDIR");

  g_unlink (mo);
  g_rmdir (messages);
  g_rmdir (language_dir);
  g_rmdir (dir);
  g_test_trap_assert_passed ();
}

/* In the child: gettext answers from the catalogue the parent laid out, in
 * @language. Checked through one of the parser's own messages, so a case
 * cannot pass in English by accident, nor fail because the catalogue was not
 * found or no longer matches the source. */
static void
speak (const char *language,
       const char *context,
       const char *msgid,
       const char *expected)
{
  const char *dir = g_getenv ("STINT_TEST_LOCALEDIR");
  const char *got;

  g_assert_nonnull (dir);
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", language, TRUE);
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  got = g_dpgettext2 (GETTEXT_PACKAGE, context, msgid);
  if (g_strcmp0 (got, expected) != 0)
    g_error ("gettext gave “%s” for “%s”, not “%s”: the test catalogue in %s was not "
             "read, or its message context no longer matches stint-parse-words.c",
             got, msgid, expected, dir);
}

static void
test_german (void)
{
  static const TimeCase times[] = {
    { "gestern 17:00", "2026-11-22 17:00" }, { "Gestern 5pm", "2026-11-22 17:00" },
    { "gestern", "2026-11-22 14:05" }, { "Jetzt", "2026-11-23 10:42" },
    { "JETZT", "2026-11-23 10:42" }, { "HEUTE", "2026-11-23 14:05" },
    { "heute 8", "2026-11-23 08:00" }, { "5 nachm.", "2026-11-20 17:00" },
    { "9 Vormittags", "2026-11-20 09:00" }, { "12 vorm.", "2026-11-20 00:00" },
    /* English keeps working */
    { "yesterday 17:00", "2026-11-22 17:00" }, { "now", "2026-11-23 10:42" },
    { "today 8", "2026-11-23 08:00" }, { "9:30pm", "2026-11-20 21:30" },
    { "morgen 9", "E1" }, { "13 nachm.", "E1" }, { "heute gestern", "E1" },
  };
  static const DurationCase durations[] = {
    { "1 Std 30 Min", 5400 }, { "90 minuten", 5400 }, { "1 Stunde 30 Minuten", 5400 },
    { "2 STUNDEN", 7200 }, { "1,5 std", 5400 }, { "1std30", 5400 }, { "45 Sek", 45 },
    { "1 min 30 sekunden", 90 }, { "1 Std 30m", 5400 },
    /* English keeps working */
    { "1h 30m", 5400 }, { "90 minutes", 5400 }, { "1 hour 30 minutes", 5400 }, { "90", 5400 },
    { "30 min 1 std", -1 }, { "1 tag", -1 },
  };
  static const DateCase dates[] = {
    { "HEUTE", "2026-11-23" }, { "Gestern", "2026-11-22" }, { "yesterday", "2026-11-22" },
    { "morgen", NULL },
  };

  if (!g_test_subprocess ())
    {
      run_in_language ("de", "parse-de.mo");
      return;
    }

  speak ("de", "typed time or date: words for yesterday, separated by |", "yesterday", "gestern");
  check_times (times, G_N_ELEMENTS (times));
  check_durations (durations, G_N_ELEMENTS (durations));
  check_dates (dates, G_N_ELEMENTS (dates));

  /* A range with the German word, or the English one */
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
    g_autoptr(GDateTime) day = g_date_time_new (tz, 2026, 11, 20, 12, 0, 0);
    g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 11, 23, 9, 0, 0);
    static const char * const good[] = { "9 bis 17", "9 BIS 17:00", "9 to 17", "9:00-17:00" };
    gint64 start, stop;

    for (guint i = 0; i < G_N_ELEMENTS (good); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_true (stint_parse_time_range (good[i], day, now, &start, &stop, &error));
        g_assert_no_error (error);
        g_assert_cmpint (stop - start, ==, 8 * 3600);
      }
    g_assert_false (stint_parse_time_range ("bis 17", day, now, &start, &stop, NULL));
  }
}

static void
test_french (void)
{
  static const TimeCase times[] = {
    /* The catalogue writes aujourd’hui with U+2019; people type any apostrophe. */
    { "aujourd'hui 9:00", "2026-11-23 09:00" }, { "Aujourd’hui 9", "2026-11-23 09:00" },
    { "AUJOURD\u02bcHUI", "2026-11-23 14:05" }, { "hier 17:00", "2026-11-22 17:00" },
    { "Maintenant", "2026-11-23 10:42" },
    /* È in capitals, and è typed as e + combining grave accent */
    { "5 APRÈS-MIDI", "2026-11-20 17:00" }, { "5 apre\u0300s-midi", "2026-11-20 17:00" },
    { "9 matin", "2026-11-20 09:00" }, { "8 soir", "2026-11-20 20:00" },
    { "yesterday 9am", "2026-11-22 09:00" }, { "demain 9", "E1" },
  };
  static const DurationCase durations[] = {
    { "2 heures 5 mn", 7500 }, { "1 h 30", 5400 }, { "90 secondes", 90 }, { "1h 30m", 5400 },
  };
  static const DateCase dates[] = {
    { "aujourd'hui", "2026-11-23" }, { "Hier", "2026-11-22" },
  };

  if (!g_test_subprocess ())
    {
      run_in_language ("fr", "parse-fr.mo");
      return;
    }

  speak ("fr", "typed time or date: words for today, separated by |", "today", "aujourd’hui");
  check_times (times, G_N_ELEMENTS (times));
  check_durations (durations, G_N_ELEMENTS (durations));
  check_dates (dates, G_N_ELEMENTS (dates));
}

/* A list with a space or a digit, or with no word, loses its own words and
 * nothing else. */
static void
test_broken_translation (void)
{
  static const TimeCase times[] = {
    { "now", "2026-11-23 10:42" }, { "gestern 17:00", "2026-11-22 17:00" },
    { "today 8", "2026-11-23 08:00" },
    /* "jetzt|gleich jetzt": the good word goes with the bad one */
    { "jetzt", "E1" }, { "gleich", "E1" },
  };
  static const DurationCase durations[] = {
    { "1h 30m", 5400 }, { "1 hour 30 minutes", 5400 }, { "1h", 3600 }, { "90", 5400 },
    { "2 sek", 2 }, { "1 h 2 sekunden", 3602 },
    { "1 st d", -1 }, { "1 st", -1 }, { "1 std", -1 },
  };

  if (!g_test_subprocess ())
    {
      run_in_language ("de", "parse-de-broken.mo");
      return;
    }

  speak ("de", "typed duration: words for hours, separated by |", "hours|hour|hrs|hr|h", "st d|1h");
  check_times (times, G_N_ELEMENTS (times));
  check_durations (durations, G_N_ELEMENTS (durations));
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
  g_test_add_func ("/stint/parse/german", test_german);
  g_test_add_func ("/stint/parse/french", test_french);
  g_test_add_func ("/stint/parse/broken-translation", test_broken_translation);

  return g_test_run ();
}
