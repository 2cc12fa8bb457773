/* stint-indicator-ticks.c: what in the tray changes with time alone
 *
 * The label, the pomodoro's time left and today's total against the daily
 * goal share one StintClock timeout, set for the next moment one of them
 * changes:
 *  - while an entry runs, its next minute (H:MM, the goal, the pomodoro),
 *    or its next second when the user asked for H:MM:SS; with no label, no
 *    goal and no pomodoro, nothing at all;
 *  - during a pomodoro break, with nothing running, the break's minutes;
 *  - idle with a goal and time tracked today, midnight, when today's total
 *    starts over: one wake-up a day, so the menu never shows yesterday.
 * Otherwise the goal changes only when entries do.
 *
 * The minute ticks fall on the running entry's minutes, not the wall
 * clock's, so the label never lags; the goal and the pomodoro ride on them
 * and may lag by under a minute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-indicator-private.h"
#include "util/stint-duration.h"

#define MINUTE_USEC (60 * G_USEC_PER_SEC)

static void schedule_tick (StintIndicator *self);

static gint64
pomodoro_due (StintIndicator *self)
{
  return self->nudges != NULL ? stint_nudges_get_pomodoro_due (self->nudges) : 0;
}

static void
update_label (StintIndicator *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  StintClock *clock = stint_tracker_get_clock (self->tracker);
  g_autofree char *label = NULL;
  gint64 elapsed;

  if (self->label_mode == STINT_PANEL_LABEL_NONE)
    {
      app_indicator_set_label (self->indicator, "", "");
      return;
    }

  /* The guide reserves the width of a long day, so the panel does not
   * shift each time the hours gain a digit. */
  if (self->label_mode == STINT_PANEL_LABEL_SECONDS)
    {
      if (running != NULL)
        {
          elapsed = stint_entry_get_duration (running, stint_clock_now (clock));
          label = stint_format_hmmss (elapsed);
        }
      app_indicator_set_label (self->indicator, label != NULL ? label : "", "00:00:00");
      return;
    }

  if (running != NULL)
    label = stint_format_hmm (stint_entry_get_duration (running, stint_clock_now (clock)));
  app_indicator_set_label (self->indicator, label != NULL ? label : "", "00:00");
}

static void
update_pomodoro (StintIndicator *self)
{
  StintClock *clock = stint_tracker_get_clock (self->tracker);
  gint64 due = pomodoro_due (self);
  g_autofree char *text = NULL;
  int minutes;

  gtk_widget_set_visible (self->pomodoro_item, due != 0);
  if (due == 0)
    return;

  /* Rounded up, so the last minute reads "1 min", never "0 min". */
  minutes = (int)MAX ((due - stint_clock_now (clock) + 59) / 60, 1);
  if (stint_nudges_get_on_break (self->nudges))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Break: %d min left",
                                         "Break: %d min left", minutes), minutes);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pomodoro: %d min left",
                                         "Pomodoro: %d min left", minutes), minutes);
  stint_indicator_set_item_label (self->pomodoro_item, text);
}

static void
update_goal (StintIndicator *self)
{
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;
  gint64 total_minutes, goal_minutes;

  gtk_widget_set_visible (self->goal_item, self->daily_goal > 0);
  if (self->daily_goal == 0)
    {
      self->today_total = 0;
      return;
    }

  self->today_total = stint_tracker_get_today_total (self->tracker);
  total = stint_format_hmm (self->today_total);

  /* In the whole minutes shown, so that the two always add up to the goal. */
  total_minutes = self->today_total / 60;
  goal_minutes = (self->daily_goal + 59) / 60;

  if (total_minutes >= goal_minutes)
    /* Translators: the daily goal is met; %s is the time tracked today, as H:MM */
    text = g_strdup_printf (_("Goal reached — %s today"), total);
  else
    {
      g_autofree char *left = stint_format_hmm ((goal_minutes - total_minutes) * 60);

      /* Translators: the time tracked today, then the time still missing to
       * the daily goal, both as H:MM */
      text = g_strdup_printf (_("Today %s — %s left to goal"), total, left);
    }
  stint_indicator_set_item_label (self->goal_item, text);
}

/* The running entry's whole minutes, or -1 when nothing runs. */
static gint64
running_minute (StintIndicator *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  StintClock *clock = stint_tracker_get_clock (self->tracker);

  if (running == NULL)
    return -1;

  return stint_entry_get_duration (running, stint_clock_now (clock)) / 60;
}

static gboolean
on_tick (gpointer user_data)
{
  StintIndicator *self = user_data;
  gint64 minute = running_minute (self);

  self->tick_id = 0;
  update_label (self);

  /* Every tick but those of H:MM:SS falls on a new minute. */
  if (self->label_mode != STINT_PANEL_LABEL_SECONDS || minute != self->shown_minute)
    {
      self->shown_minute = minute;
      update_pomodoro (self);
      update_goal (self);
    }
  schedule_tick (self);

  return G_SOURCE_REMOVE;
}

static gint64
usec_until_midnight (StintClock *clock)
{
  g_autoptr(GDateTime) now = stint_clock_now_local (clock);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;
  int y, m, d;

  /* On the calendar: a day around a daylight-saving change is not 24 hours. */
  g_date_time_get_ymd (now, &y, &m, &d);
  midnight = g_date_time_new (g_date_time_get_timezone (now), y, m, d, 0, 0, 0);
  next = g_date_time_add_days (midnight, 1);

  return MAX (g_date_time_to_unix (next) * G_USEC_PER_SEC - stint_clock_now_usec (clock), 1);
}

/* How long until the tray must change by itself, or -1 for never. */
static gint64
next_tick (StintIndicator *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  StintClock *clock = stint_tracker_get_clock (self->tracker);
  gint64 now = stint_clock_now_usec (clock);
  gint64 delay = -1;
  gint64 left;

  if (running != NULL)
    {
      gint64 start = stint_entry_get_start (running);

      /* Entries start on whole seconds: the entry's seconds are the clock's. */
      if (self->label_mode == STINT_PANEL_LABEL_SECONDS)
        return start * G_USEC_PER_SEC > now ? start * G_USEC_PER_SEC - now
                                            : G_USEC_PER_SEC - now % G_USEC_PER_SEC;

      if (self->label_mode == STINT_PANEL_LABEL_MINUTES || self->daily_goal > 0 ||
          pomodoro_due (self) != 0)
        return stint_usec_until_next_minute (start, now);

      return -1;
    }

  /* A break: nothing runs, but its minutes count down. */
  left = pomodoro_due (self) * G_USEC_PER_SEC - now;
  if (left > 0)
    delay = left % MINUTE_USEC != 0 ? left % MINUTE_USEC : MINUTE_USEC;

  if (self->daily_goal > 0 && self->today_total > 0)
    {
      gint64 midnight = usec_until_midnight (clock);

      delay = delay < 0 ? midnight : MIN (delay, midnight);
    }

  return delay;
}

static void
schedule_tick (StintIndicator *self)
{
  StintClock *clock = stint_tracker_get_clock (self->tracker);
  gint64 delay;

  stint_indicator_stop_ticking (self);

  delay = next_tick (self);
  if (delay >= 0)
    self->tick_id = stint_clock_timeout_add (clock, delay, on_tick, self, NULL);
}

/**
 * stint_indicator_update_ticking:
 *
 * Shows the label, the pomodoro and the goal as they are now, and sets the
 * next tick: after the running entry, a setting or the entries changed.
 */
void
stint_indicator_update_ticking (StintIndicator *self)
{
  self->shown_minute = running_minute (self);
  update_label (self);
  update_pomodoro (self);
  update_goal (self);
  schedule_tick (self);
}

void
stint_indicator_stop_ticking (StintIndicator *self)
{
  if (self->tick_id != 0)
    stint_clock_source_remove (stint_tracker_get_clock (self->tracker), self->tick_id);
  self->tick_id = 0;
}

static void
on_entry_times_changed (StintIndicator *self)
{
  if (self->daily_goal > 0)
    stint_indicator_schedule_refresh (self);
}

/**
 * stint_indicator_watch_entries:
 * @position: where the entries to watch start in the recent list
 *
 * An entry edited in place (the window's editor, a pull) changes today's
 * total without changing the list; the goal follows its times. Only
 * watched while a goal is set: without one nothing here needs them.
 */
void
stint_indicator_watch_entries (StintIndicator *self,
                               guint           position,
                               guint           n_items)
{
  GListModel *recent = stint_tracker_get_recent (self->tracker);

  if (self->daily_goal == 0)
    return;

  for (guint i = position; i < position + n_items; i++)
    {
      g_autoptr(StintEntry) entry = g_list_model_get_item (recent, i);

      /* Sorting again moves an entry out of the list and back in. */
      if (entry == NULL ||
          g_signal_handler_find (entry, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                 on_entry_times_changed, self) != 0)
        continue;

      g_signal_connect_object (entry, "notify::start",
                               G_CALLBACK (on_entry_times_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (entry, "notify::stop",
                               G_CALLBACK (on_entry_times_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (entry, "notify::break",
                               G_CALLBACK (on_entry_times_changed), self, G_CONNECT_SWAPPED);
    }
}
