/* stint-notifier-nudges.c: what StintNudges decides, shown as notifications
 *
 * Each nudge has a signal to show it and one to take it back; an answer
 * given elsewhere (the window's idle bar, a tray item) withdraws the
 * notification that asked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-notifier"

#include "config.h"

#include "stint-notifier.h"

static void
on_long_timer (StintNotifier *self,
               StintEntry    *entry,
               gint64         elapsed)
{
  stint_notifier_show_long_timer (self, entry, elapsed);
}

static void
on_withdraw_long_timer (StintNotifier *self)
{
  stint_notifier_withdraw (self, STINT_NOTIFICATION_LONG_TIMER);
}

static void
on_withdraw_reminder (StintNotifier *self)
{
  stint_notifier_withdraw (self, STINT_NOTIFICATION_REMINDER);
}

static void
on_pomodoro_end (StintNotifier *self,
                 StintEntry    *entry,
                 StintNudges   *nudges)
{
  guint work = 0;

  g_object_get (nudges, "pomodoro-work", &work, NULL);
  stint_notifier_show_pomodoro_end (self, entry, work);
}

static void
on_withdraw_pomodoro (StintNotifier *self)
{
  stint_notifier_withdraw (self, STINT_NOTIFICATION_POMODORO);
}

static void
on_withdraw_idle (StintNotifier *self)
{
  stint_notifier_withdraw (self, STINT_NOTIFICATION_IDLE);
}

/* Shows what @nudges decide, for as long as both live. */
void
stint_notifier_follow_nudges (StintNotifier *self,
                              StintNudges   *nudges)
{
  g_return_if_fail (STINT_IS_NOTIFIER (self));
  g_return_if_fail (STINT_IS_NUDGES (nudges));

  g_signal_connect_object (nudges, "long-timer", G_CALLBACK (on_long_timer), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nudges, "withdraw-long-timer",
                           G_CALLBACK (on_withdraw_long_timer), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nudges, "reminder",
                           G_CALLBACK (stint_notifier_show_reminder), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nudges, "withdraw-reminder",
                           G_CALLBACK (on_withdraw_reminder), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nudges, "pomodoro-end", G_CALLBACK (on_pomodoro_end), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nudges, "break-end",
                           G_CALLBACK (stint_notifier_show_break_end), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nudges, "withdraw-pomodoro",
                           G_CALLBACK (on_withdraw_pomodoro), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nudges, "idle-return",
                           G_CALLBACK (stint_notifier_show_idle_return), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nudges, "withdraw-idle",
                           G_CALLBACK (on_withdraw_idle), self, G_CONNECT_SWAPPED);
}
