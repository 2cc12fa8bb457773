/* stint-nudges-schedule.c: when each nudge is due, the one timeout that
 * waits for the earliest, and the signals that say so
 *
 * Whatever changes what can be due (the running entry, a setting, idle or
 * sleep, a snooze) calls stint_nudges_update(), which works out every due
 * time afresh from the wall clock and moves the single timeout; nothing
 * counts down between calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-nudges"

#include "config.h"

#include "stint-nudges-private.h"

/* A system-clock timeout may wake a hair before the second it waits for,
 * because it counts in monotonic time; treat that as on time. */
#define DUE_SLACK 1

enum {
  LONG_TIMER,
  WITHDRAW_LONG_TIMER,
  REMINDER,
  WITHDRAW_REMINDER,
  POMODORO_END,
  BREAK_END,
  WITHDRAW_POMODORO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ what is due */

/* The running entry passes the threshold, then each repeat after it:
 * nudges fall on whole multiples of the elapsed time ("3 hours"), also when
 * the entry arrived from the server long past its threshold. */
static gint64
long_timer_due (StintNudges *self)
{
  gint64 first, k;

  if (!self->long_timer_enabled || self->watched == NULL || self->asleep)
    return -1;

  first = stint_entry_get_start (self->watched) + self->long_timer_threshold;
  if (self->long_timer_last == 0 || self->long_timer_last < first)
    return first;
  if (self->long_timer_repeat == 0)
    return -1;

  k = (self->long_timer_last - first) / self->long_timer_repeat + 1;
  return first + k * self->long_timer_repeat;
}

static gboolean
is_due (gint64 due,
        gint64 t)
{
  return due >= 0 && due <= t;
}

/* ------------------------------------------------------------ firing */

void
stint_nudges_withdraw_long_timer (StintNudges *self)
{
  gboolean shown = self->long_timer_last != 0;

  self->long_timer_last = 0;
  if (shown)
    g_signal_emit (self, signals[WITHDRAW_LONG_TIMER], 0);
}

void
stint_nudges_withdraw_reminder (StintNudges *self)
{
  if (!self->reminder_shown)
    return;
  self->reminder_shown = FALSE;
  g_signal_emit (self, signals[WITHDRAW_REMINDER], 0);
}

void
stint_nudges_withdraw_pomodoro (StintNudges *self)
{
  if (!self->pomodoro_shown)
    return;
  self->pomodoro_shown = FALSE;
  g_signal_emit (self, signals[WITHDRAW_POMODORO], 0);
}

static gboolean
on_timeout (gpointer data)
{
  StintNudges *self = data;
  gint64 t = stint_clock_now (self->clock);
  g_autoptr(GObject) guard = g_object_ref (G_OBJECT (self));

  self->timeout_id = 0;
  if (self->timeout_due > t && self->timeout_due - t <= DUE_SLACK)
    t = self->timeout_due;
  self->timeout_due = 0;

  /* Each check reads the state afresh: a handler of the previous signal may
   * have stopped the entry or snoozed. */
  if (is_due (long_timer_due (self), t))
    {
      g_autoptr(StintEntry) entry = g_object_ref (self->watched);

      self->long_timer_last = t;
      g_signal_emit (self, signals[LONG_TIMER], 0, entry, t - stint_entry_get_start (entry));
    }

  if (is_due (stint_nudges_work_due (self), t))
    {
      g_autoptr(StintEntry) entry = g_object_ref (self->watched);

      self->work_from = 0;
      self->pomodoro_shown = TRUE;
      g_signal_emit (self, signals[POMODORO_END], 0, entry);
    }

  if (is_due (stint_nudges_break_due (self), t))
    {
      stint_nudges_set_break_until (self, 0);
      self->quiet_since = t;
      self->pomodoro_shown = TRUE;
      g_signal_emit (self, signals[BREAK_END], 0);
    }

  if (is_due (stint_nudges_reminder_due (self), t))
    {
      self->quiet_since = t;
      self->reminder_shown = TRUE;
      g_signal_emit (self, signals[REMINDER], 0);
    }

  stint_nudges_update (self);

  return G_SOURCE_REMOVE;
}

static void
consider (gint64 *earliest,
          gint64  due)
{
  if (due >= 0 && (*earliest < 0 || due < *earliest))
    *earliest = due;
}

/* Sets the one timeout for the earliest thing due, or none. */
void
stint_nudges_update (StintNudges *self)
{
  gint64 due = -1;
  gint64 pomodoro = MAX (stint_nudges_work_due (self), stint_nudges_break_due (self));

  consider (&due, long_timer_due (self));
  consider (&due, stint_nudges_reminder_due (self));
  consider (&due, stint_nudges_work_due (self));
  consider (&due, stint_nudges_break_due (self));

  stint_nudges_set_pomodoro_due (self, MAX (pomodoro, 0));

  if (self->timeout_id != 0 && self->timeout_due == due)
    return;

  if (self->timeout_id != 0)
    stint_clock_source_remove (self->clock, self->timeout_id);
  self->timeout_id = 0;
  self->timeout_due = 0;

  if (due < 0)
    return;

  self->timeout_due = due;
  self->timeout_id = stint_clock_timeout_add (self->clock,
                                              due * G_USEC_PER_SEC - stint_clock_now_usec (self->clock),
                                              on_timeout, self, NULL);
}

void
stint_nudges_schedule_class_init (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);

  /**
   * StintNudges::long-timer:
   * @entry: the running entry
   * @elapsed: how long it has run, in seconds
   *
   * The running entry passed the threshold, or another repeat after it.
   * Each emission replaces the previous one.
   */
  signals[LONG_TIMER] =
    g_signal_new ("long-timer", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, STINT_TYPE_ENTRY, G_TYPE_INT64);
  /* The entry nudged about stopped, changed or got shorter. */
  signals[WITHDRAW_LONG_TIMER] =
    g_signal_new ("withdraw-long-timer", type, G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Nothing has run for an interval inside working hours. */
  signals[REMINDER] =
    g_signal_new ("reminder", type, G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Something started: the reminder is moot. */
  signals[WITHDRAW_REMINDER] =
    g_signal_new ("withdraw-reminder", type, G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A work period of the running @entry is over. */
  signals[POMODORO_END] =
    g_signal_new ("pomodoro-end", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, STINT_TYPE_ENTRY);
  /* The break taken with stint_nudges_pomodoro_take_break() is over. */
  signals[BREAK_END] =
    g_signal_new ("break-end", type, G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The pomodoro or break notification is moot. */
  signals[WITHDRAW_POMODORO] =
    g_signal_new ("withdraw-pomodoro", type, G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}
