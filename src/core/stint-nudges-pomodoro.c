/* stint-nudges-pomodoro.c: work periods and breaks
 *
 * A work period starts when an entry starts running (or when Stint first
 * sees it run) and after each "Continue"; a break starts with "Take a
 * break". Nothing here stops or starts entries: the application does that
 * when the user picks an action.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-nudges"

#include "config.h"

#include "stint-nudges-private.h"

gint64
stint_nudges_work_due (StintNudges *self)
{
  if (!self->pomodoro_enabled || self->watched == NULL || self->work_from == 0 || self->asleep)
    return -1;
  return self->work_from + self->pomodoro_work;
}

gint64
stint_nudges_break_due (StintNudges *self)
{
  if (self->break_until == 0 || self->asleep)
    return -1;
  return self->break_until;
}

/* "Continue" on a pomodoro: another work period from now. */
void
stint_nudges_pomodoro_continue (StintNudges *self)
{
  g_return_if_fail (STINT_IS_NUDGES (self));

  stint_nudges_withdraw_pomodoro (self);
  if (self->pomodoro_enabled && self->watched != NULL)
    self->work_from = stint_clock_now (self->clock);
  stint_nudges_update (self);
}

/* "Take a break": break-end after the break length. Stopping the entry is
 * the caller's business; starting one ends the break early. */
void
stint_nudges_pomodoro_take_break (StintNudges *self)
{
  g_return_if_fail (STINT_IS_NUDGES (self));

  stint_nudges_withdraw_pomodoro (self);
  if (!self->pomodoro_enabled)
    return;
  self->work_from = 0;
  stint_nudges_set_break_until (self, stint_clock_now (self->clock) + self->pomodoro_break);
  stint_nudges_update (self);
}

gint64
stint_nudges_get_pomodoro_due (StintNudges *self)
{
  g_return_val_if_fail (STINT_IS_NUDGES (self), 0);

  return self->pomodoro_due;
}

gboolean
stint_nudges_get_on_break (StintNudges *self)
{
  g_return_val_if_fail (STINT_IS_NUDGES (self), FALSE);

  return self->break_until != 0;
}
