/* stint-nudges.h: decides when Stint should speak up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "core/stint-tracker.h"

G_BEGIN_DECLS

/* Bits of the reminder-days property: Monday is bit 0, Sunday bit 6. */
typedef enum {
  STINT_WEEKDAY_MONDAY    = 1 << 0,
  STINT_WEEKDAY_TUESDAY   = 1 << 1,
  STINT_WEEKDAY_WEDNESDAY = 1 << 2,
  STINT_WEEKDAY_THURSDAY  = 1 << 3,
  STINT_WEEKDAY_FRIDAY    = 1 << 4,
  STINT_WEEKDAY_SATURDAY  = 1 << 5,
  STINT_WEEKDAY_SUNDAY    = 1 << 6,
} StintWeekdays;

#define STINT_WEEKDAYS_WORK (STINT_WEEKDAY_MONDAY | STINT_WEEKDAY_TUESDAY | STINT_WEEKDAY_WEDNESDAY | \
                             STINT_WEEKDAY_THURSDAY | STINT_WEEKDAY_FRIDAY)

/**
 * StintIdleAnswer:
 * @STINT_IDLE_ANSWER_KEEP: the time away was work; change nothing
 * @STINT_IDLE_ANSWER_DISCARD: end the entry when the user left ("Discard
 *   idle time", "Stop at idle start")
 * @STINT_IDLE_ANSWER_DISCARD_CONTINUE: end it then, and go on with the same
 *   work from now
 */
typedef enum {
  STINT_IDLE_ANSWER_KEEP,
  STINT_IDLE_ANSWER_DISCARD,
  STINT_IDLE_ANSWER_DISCARD_CONTINUE,
} StintIdleAnswer;

#define STINT_TYPE_NUDGES (stint_nudges_get_type ())
G_DECLARE_FINAL_TYPE (StintNudges, stint_nudges, STINT, NUDGES, GObject)

StintNudges *stint_nudges_new                (StintTracker *tracker);

void         stint_nudges_set_idle           (StintNudges  *self,
                                              gboolean      idle);
void         stint_nudges_set_asleep         (StintNudges  *self,
                                              gboolean      asleep);
void         stint_nudges_snooze             (StintNudges  *self,
                                              gint64        seconds);
void         stint_nudges_pomodoro_continue  (StintNudges  *self);
void         stint_nudges_pomodoro_take_break (StintNudges *self);
gint64       stint_nudges_get_pomodoro_due   (StintNudges  *self);
gboolean     stint_nudges_get_on_break       (StintNudges  *self);

gboolean     stint_nudges_ask_idle           (StintNudges  *self,
                                              gint64        since,
                                              gint64        until,
                                              guint         min_seconds);
gboolean     stint_nudges_get_idle_question  (StintNudges  *self,
                                              StintEntry  **entry,
                                              gint64       *since,
                                              gint64       *until);
gboolean     stint_nudges_answer_idle        (StintNudges     *self,
                                              StintIdleAnswer  answer,
                                              gint64           since,
                                              GError         **error);

G_END_DECLS
