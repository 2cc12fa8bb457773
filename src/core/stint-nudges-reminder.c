/* stint-nudges-reminder.c: when a reminder to track falls due
 *
 * Working hours are a window of local wall-clock time on chosen weekdays.
 * A reminder comes after an interval of quiet inside a window, counted
 * from the later of the last stop, the last reminder, the return from idle
 * or sleep, and the window's own start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-nudges"

#include "config.h"

#include "stint-nudges-private.h"

static gint64
local_minute (GDateTime *day,
              guint      minute)
{
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) at = NULL;

  /* Built from the wall-clock hour, not midnight plus minutes, so 9:00 stays
   * 9:00 on the days DST changes. */
  if (minute >= 24 * 60)
    {
      midnight = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                        g_date_time_get_day_of_month (day), 0, 0, 0);
      at = g_date_time_add_days (midnight, 1);
    }
  else
    at = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), minute / 60, minute % 60, 0);

  /* GLib moves a time in a DST gap; NULL would only mean a date out of range. */
  return at != NULL ? g_date_time_to_unix (at) : g_date_time_to_unix (day);
}

/* The first working window that has not ended at @t. */
static gboolean
find_window (StintNudges *self,
             gint64       t,
             gint64      *window_start,
             gint64      *window_end)
{
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (t);

  if (self->reminder_start >= self->reminder_end || (self->reminder_days & 0x7f) == 0)
    return FALSE;

  for (guint d = 0; d < STINT_NUDGES_SEARCH_DAYS; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (today, d);
      guint weekday = g_date_time_get_day_of_week (day) - 1;   /* Monday = 0 */
      gint64 end;

      if ((self->reminder_days & (1u << weekday)) == 0)
        continue;
      end = local_minute (day, self->reminder_end);
      if (end > t)
        {
          *window_start = local_minute (day, self->reminder_start);
          *window_end = end;
          return TRUE;
        }
    }

  return FALSE;
}

gint64
stint_nudges_reminder_due (StintNudges *self)
{
  gint64 base = self->quiet_since;

  if (!self->reminder_enabled || self->watched != NULL || self->idle || self->asleep ||
      self->break_until != 0 || self->reminder_interval == 0)
    return -1;

  /* An interval of quiet inside working hours, counted from the later of
   * the last stop, reminder, return and the window's start; a snooze only
   * moves it later. */
  for (guint i = 0; i < STINT_NUDGES_SEARCH_DAYS + 1; i++)
    {
      gint64 window_start, window_end, due;

      if (!find_window (self, base, &window_start, &window_end))
        return -1;
      base = MAX (base, window_start);
      due = MAX (base + self->reminder_interval, self->snooze_until);
      if (due < window_end)
        return due;
      base = window_end;
    }

  return -1;
}
