/* stint-nudges-private.h: what the files of StintNudges share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-nudges.h"

G_BEGIN_DECLS

/* How far to look for the next working window: a week, plus a day for DST. */
#define STINT_NUDGES_SEARCH_DAYS 8

struct _StintNudges
{
  GObject       parent_instance;

  StintTracker *tracker;
  StintClock   *clock;
  StintEntry   *watched;          /* the running entry, whose start we follow */
  guint         timeout_id;
  gint64        timeout_due;

  gboolean      long_timer_enabled;
  guint         long_timer_threshold;
  guint         long_timer_repeat;
  gboolean      reminder_enabled;
  guint         reminder_days;
  guint         reminder_start;
  guint         reminder_end;
  guint         reminder_interval;
  gboolean      pomodoro_enabled;
  guint         pomodoro_work;
  guint         pomodoro_break;

  gboolean      idle;
  gboolean      asleep;

  gint64        long_timer_last;  /* when the running entry was last nudged; 0 = not yet */
  gint64        quiet_since;      /* reminders count their interval from here */
  gint64        snooze_until;
  gboolean      reminder_shown;
  gint64        work_from;        /* the pomodoro work period began; 0 = none counting */
  gboolean      pomodoro_shown;
  gint64        break_until;      /* 0 = not on a break */
  gint64        pomodoro_due;     /* as last notified */

  StintEntry   *idle_entry;       /* asked about after time away, not answered yet */
  gint64        idle_since;
  gint64        idle_until;
};

/* stint-nudges.c: the state that properties show, notified on change */
void   stint_nudges_set_break_until     (StintNudges  *self,
                                         gint64        until);
void   stint_nudges_set_pomodoro_due    (StintNudges  *self,
                                         gint64        due);

/* stint-nudges-schedule.c: the timeout, and the signals it and the
 * withdrawals emit */
void   stint_nudges_schedule_class_init (GObjectClass *object_class);
void   stint_nudges_update              (StintNudges  *self);
void   stint_nudges_withdraw_long_timer (StintNudges  *self);
void   stint_nudges_withdraw_reminder   (StintNudges  *self);
void   stint_nudges_withdraw_pomodoro   (StintNudges  *self);

/* stint-nudges-reminder.c */
gint64 stint_nudges_reminder_due     (StintNudges *self);

/* stint-nudges-idle.c */
void   stint_nudges_idle_class_init  (GObjectClass *object_class);
void   stint_nudges_idle_dispose     (StintNudges  *self);

/* stint-nudges-pomodoro.c */
gint64 stint_nudges_work_due         (StintNudges *self);
gint64 stint_nudges_break_due        (StintNudges *self);

G_END_DECLS
