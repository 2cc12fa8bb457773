/* stint-parse-times.c: what people type for times, time ranges and dates
 *
 * A bare time falls on the day the caller passes; "today", "yesterday" and
 * "now" (also in the user's language) are relative to the caller's now, so
 * nothing here reads the wall clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "stint-parse.h"
#include "stint-parse-private.h"

static gboolean
invalid_time (const char  *text,
              GError     **error)
{
  g_set_error (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_INVALID,
               _("“%s” is not a time Stint understands; try 9:30, 930 or 9:30pm."), text);
  return FALSE;
}

/* A clock time in folded text: "9", "09", "9:30", "9.30", "930", "0930",
 * "9am", "9:30 pm", "21:00", "24:00". Sets hour 0–24 (24 only as 24:00) and
 * minute. */
static gboolean
parse_clock_time (const char *s,
                  int        *hour,
                  int        *minute)
{
  const char *p = s;
  int value = 0, n = 0, h, m = 0;

  while (g_ascii_isdigit (*p))
    {
      if (++n > 4)
        return FALSE;
      value = value * 10 + (*p++ - '0');
    }
  if (n == 0)
    return FALSE;

  if (*p == ':' || *p == '.')
    {
      /* "9:30": one or two digits of hours, exactly two of minutes */
      if (n > 2 || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || g_ascii_isdigit (p[3]))
        return FALSE;
      h = value;
      m = (p[1] - '0') * 10 + (p[2] - '0');
      p += 3;
    }
  else if (n <= 2)
    h = value;            /* "9", "21" */
  else
    {
      h = value / 100;    /* "930", "2130" */
      m = value % 100;
    }

  p = stint_parse_skip_spaces (p);
  if (*p != '\0')
    {
      /* Whatever follows the digits can only be "am" or "pm" (or their
       * translations), so the rest of the text is the word. */
      StintParseWord half = stint_parse_find_word (p, strlen (p), STINT_PARSE_WORD_HALF);

      if (half == STINT_PARSE_WORD_NONE || h < 1 || h > 12)
        return FALSE;
      h = (h % 12) + (half == STINT_PARSE_WORD_PM ? 12 : 0);
      p += strlen (p);
    }

  if (*p != '\0' || m > 59 || h > 24 || (h == 24 && m != 0))
    return FALSE;

  *hour = h;
  *minute = m;
  return TRUE;
}

/* Local time @hour:@minute on the date of @day, refusing a time the clocks
 * skipped. 24:00 is midnight at the end of the day. */
static GDateTime *
time_on_day (GDateTime   *day,
             int          hour,
             int          minute,
             const char  *text,
             GError     **error)
{
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) result = NULL;
  int y, mo, d;

  g_date_time_get_ymd (day, &y, &mo, &d);
  midnight = g_date_time_new (g_date_time_get_timezone (day), y, mo, d, 0, 0, 0);
  if (hour == 24)
    return g_date_time_add_days (midnight, 1);

  result = g_date_time_new (g_date_time_get_timezone (day), y, mo, d, hour, minute, 0);
  if (result == NULL ||
      g_date_time_get_hour (result) != hour || g_date_time_get_minute (result) != minute)
    {
      g_set_error (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_NO_SUCH_TIME,
                   _("%s does not exist on that day: the clocks went forward."), text);
      return NULL;
    }

  return g_steal_pointer (&result);
}

/* Strips a leading "today" or "yesterday" from folded text and says which
 * day it named. */
static GDateTime *
read_day_word (const char **p,
               GDateTime   *day,
               GDateTime   *now,
               gboolean    *named)
{
  const char *end = *p;
  StintParseWord word;

  while (*end != '\0' && !g_ascii_isspace (*end))
    end++;

  word = stint_parse_find_word (*p, end - *p, STINT_PARSE_WORD_DAYS);
  *named = word != STINT_PARSE_WORD_NONE;
  if (!*named)
    return g_date_time_ref (day);

  *p = stint_parse_skip_spaces (end);
  return g_date_time_add_days (now, word == STINT_PARSE_WORD_YESTERDAY ? -1 : 0);
}

/**
 * stint_parse_time:
 * @day: the date a bare time falls on (and, for "yesterday" alone, whose
 *   clock time is kept)
 * @now: what "now", "today" and "yesterday" are relative to
 *
 * Reads "now", "9", "9:30", "930", "9:30pm", "24:00", "yesterday 17:00",
 * or "yesterday" alone (the same clock time as @day, a day before @now);
 * the words also in the user's language ("gestern 17:00").
 */
gboolean
stint_parse_time (const char  *text,
                  GDateTime   *day,
                  GDateTime   *now,
                  gint64      *unix_seconds,
                  GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GDateTime) on_day = NULL;
  g_autoptr(GDateTime) result = NULL;
  const char *p;
  gboolean named;
  int hour, minute;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (day != NULL && now != NULL, FALSE);
  g_return_val_if_fail (unix_seconds != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  folded = g_strstrip (stint_parse_fold (text));
  if (*folded == '\0')
    return stint_parse_set_empty (error);

  if (stint_parse_find_word (folded, strlen (folded), STINT_PARSE_WORD_NOW) !=
      STINT_PARSE_WORD_NONE)
    {
      *unix_seconds = g_date_time_to_unix (now);
      return TRUE;
    }

  p = folded;
  on_day = read_day_word (&p, day, now, &named);

  if (*p == '\0' && named)
    {
      hour = g_date_time_get_hour (day);
      minute = g_date_time_get_minute (day);
    }
  else if (!parse_clock_time (p, &hour, &minute))
    return invalid_time (trimmed, error);

  result = time_on_day (on_day, hour, minute, trimmed, error);
  if (result == NULL)
    return FALSE;

  *unix_seconds = g_date_time_to_unix (result);
  return TRUE;
}

/**
 * stint_parse_time_range:
 *
 * Reads "9:00-10:30", "9–10:30", "9 to 10:30" (also with the word of the
 * user's language: "9 bis 10:30"). An end earlier than the start is on the
 * next day (a night shift: "22:00-01:00").
 */
gboolean
stint_parse_time_range (const char  *text,
                        GDateTime   *day,
                        GDateTime   *now,
                        gint64      *start,
                        gint64      *stop,
                        GError     **error)
{
  static const char * const separators[] = { "–", "—", "-" };
  g_autofree char *trimmed = NULL;
  g_autofree char *first = NULL;
  g_autofree char *after_word = NULL;
  const char *second = NULL;
  gint64 from, to;

  g_return_val_if_fail (text != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return stint_parse_set_empty (error);

  for (guint i = 0; i < G_N_ELEMENTS (separators) && second == NULL; i++)
    {
      const char *at = strstr (trimmed, separators[i]);

      if (at != NULL)
        {
          first = g_strndup (trimmed, at - trimmed);
          second = at + strlen (separators[i]);
        }
    }

  if (second == NULL)
    {
      stint_parse_split_at_word (trimmed, &first, &after_word);
      second = after_word;
    }

  if (second == NULL)
    {
      g_set_error (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_INVALID,
                   _("“%s” is not a time range; try 9:00-10:30."), trimmed);
      return FALSE;
    }

  if (!stint_parse_time (first, day, now, &from, error) ||
      !stint_parse_time (second, day, now, &to, error))
    return FALSE;

  if (to < from)
    {
      g_autoptr(GDateTime) next_day = g_date_time_add_days (day, 1);

      if (!stint_parse_time (second, next_day, now, &to, error))
        return FALSE;
    }

  *start = from;
  *stop = to;
  return TRUE;
}

/**
 * stint_parse_date:
 * @day: (out): local midnight of the day named
 *
 * Reads "today", "yesterday" (also in the user's language), an ISO date
 * ("2026-11-20") or a date in the user's locale as GDate understands it
 * ("20.11.2026", "11/20/2026", "20 Nov"); a date without a year is in the
 * year of @now.
 */
gboolean
stint_parse_date (const char  *text,
                  GDateTime   *now,
                  GDateTime  **day,
                  GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GDateTime) base = NULL;
  StintParseWord word;
  GDate date;
  int y, m, d;

  g_return_val_if_fail (text != NULL && now != NULL && day != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  folded = g_strstrip (stint_parse_fold (text));
  if (*folded == '\0')
    return stint_parse_set_empty (error);

  word = stint_parse_find_word (folded, strlen (folded), STINT_PARSE_WORD_DAYS);
  if (word != STINT_PARSE_WORD_NONE)
    {
      base = g_date_time_add_days (now, word == STINT_PARSE_WORD_YESTERDAY ? -1 : 0);
      g_date_time_get_ymd (base, &y, &m, &d);
    }
  else if (sscanf (trimmed, "%4d-%2d-%2d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    ;
  else
    {
      g_date_clear (&date, 1);
      g_date_set_parse (&date, trimmed);
      if (!g_date_valid (&date))
        {
          g_set_error (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_INVALID,
                       _("“%s” is not a date Stint understands; try yesterday or 2026-11-20."),
                       trimmed);
          return FALSE;
        }
      y = g_date_get_year (&date);
      m = g_date_get_month (&date);
      d = g_date_get_day (&date);
    }

  *day = g_date_time_new (g_date_time_get_timezone (now), y, m, d, 0, 0, 0);
  return *day != NULL;
}
