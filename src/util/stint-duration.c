/* stint-duration.c: how durations and times read on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-duration"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-duration.h"

/* "1:05" for an hour and five minutes. Hours are not wrapped at 24: a timer
 * forgotten over the weekend must read 62:10, not 14:10. Negative durations
 * (a clock set back) read as zero. */
char *
stint_format_hmm (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d",
                          seconds / 3600, (int)((seconds / 60) % 60));
}

char *
stint_format_hmmss (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d",
                          seconds / 3600, (int)((seconds / 60) % 60), (int)(seconds % 60));
}

/* Local wall-clock time, 24-hour "09:05". */
char *
stint_format_time_of_day (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%H:%M");
}

/* "Today", "Yesterday", a weekday within the last week, else a date. */
char *
stint_format_day (GDateTime *day,
                  GDateTime *now)
{
  int y1, m1, d1, y2, m2, d2;
  g_autoptr(GDateTime) day_midnight = NULL;
  g_autoptr(GDateTime) now_midnight = NULL;
  GTimeSpan diff;

  g_return_val_if_fail (day != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  g_date_time_get_ymd (day, &y1, &m1, &d1);
  g_date_time_get_ymd (now, &y2, &m2, &d2);
  day_midnight = g_date_time_new (g_date_time_get_timezone (day), y1, m1, d1, 0, 0, 0);
  now_midnight = g_date_time_new (g_date_time_get_timezone (now), y2, m2, d2, 0, 0, 0);

  /* Round: a DST change makes a day 23 or 25 hours long. */
  diff = g_date_time_difference (now_midnight, day_midnight);
  switch ((diff + G_TIME_SPAN_HOUR * 12) / G_TIME_SPAN_DAY)
    {
    case 0:
      return g_strdup (_("Today"));
    case 1:
      return g_strdup (_("Yesterday"));
    case 2: case 3: case 4: case 5: case 6:
      /* Translators: a weekday name, e.g. "Monday" */
      return g_date_time_format (day, _("%A"));
    default:
      if (y1 == y2)
        /* Translators: a date in this year, e.g. "Monday, 2 November" */
        return g_date_time_format (day, _("%A, %-d %B"));
      /* Translators: a date in another year, e.g. "2 November 2025" */
      return g_date_time_format (day, _("%-d %B %Y"));
    }
}

/* How long until a timer that began at @start shows its next minute; the
 * tray label only changes then, so that is when to wake. */
gint64
stint_usec_until_next_minute (gint64 start,
                              gint64 now_usec)
{
  gint64 start_usec = start * G_USEC_PER_SEC;
  gint64 elapsed = now_usec - start_usec;
  gint64 minute = 60 * G_USEC_PER_SEC;

  if (elapsed < 0)
    return start_usec - now_usec;

  return minute - (elapsed % minute);
}

/* The Unix time of local midnight starting the day that holds @unix_seconds. */
gint64
stint_local_day_start (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) midnight = NULL;
  int y, m, d;

  g_date_time_get_ymd (local, &y, &m, &d);
  midnight = g_date_time_new (g_date_time_get_timezone (local), y, m, d, 0, 0, 0);

  return g_date_time_to_unix (midnight);
}
