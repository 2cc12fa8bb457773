/* stint-application-nudges.c: notifications, idle, sleep and global
 * shortcuts, wired to the tracker
 *
 * StintNudges decides when to speak up, StintNotifier says it, and the
 * idle and sleep monitors and the global shortcuts report what the desktop
 * saw. This file only connects them, follows the settings with
 * g_settings_bind, and holds the actions the notification buttons name.
 *
 * The idle answers (stint-nudges-idle.c says what each does): "Discard
 * idle time" and "Stop at idle start" are one action under two names,
 * because the buttons read differently to different people. The window's
 * idle bar gives the same answers to StintNudges directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-application-nudges"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-application-private.h"

/* Keys that are properties of StintNudges under the same names. */
static const char * const nudges_keys[] = {
  "long-timer-enabled", "long-timer-threshold", "long-timer-repeat",
  "reminder-enabled", "reminder-days", "reminder-start", "reminder-end", "reminder-interval",
  "pomodoro-enabled", "pomodoro-work", "pomodoro-break",
};

static void
stop_running_at (StintApplication *self,
                 gint64            when)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;

  if (running == NULL)
    return;

  g_debug ("Stopping the running entry at %" G_GINT64_FORMAT, when);
  stopped = stint_tracker_stop_at (self->tracker, MAX (when, stint_entry_get_start (running)), &error);
  if (stopped == NULL)
    stint_application_report_error (self, _("Could not stop tracking"), error);
}

/* The actions exist from start-up on, as D-Bus activation for a clicked
 * notification delivers the action before the deferred set-up has run;
 * each one finishes that set-up first. */
static gboolean
nudges_ready (StintApplication *self)
{
  stint_application_finish_startup (self);

  return self->nudges != NULL;
}

static void
answer_idle (StintApplication *self,
             StintIdleAnswer   answer,
             gint64            since)
{
  g_autoptr(GError) error = NULL;

  if (!nudges_ready (self))
    return;
  if (!stint_nudges_answer_idle (self->nudges, answer, since, &error))
    stint_application_report_error (self, _("Could not discard the time away"), error);
}

/* ------------------------------------------------------------ actions */

static void
keep_tracking_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  StintApplication *self = user_data;

  if (!nudges_ready (self))
    return;
  stint_notifier_withdraw (self->notifier, STINT_NOTIFICATION_LONG_TIMER);
}

static void
snooze_reminder_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  StintApplication *self = user_data;

  if (!nudges_ready (self))
    return;
  stint_nudges_snooze (self->nudges, MAX (g_variant_get_int64 (parameter), 0));
}

static void
idle_keep_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  answer_idle (user_data, STINT_IDLE_ANSWER_KEEP, 0);
}

static void
idle_discard_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  answer_idle (user_data, STINT_IDLE_ANSWER_DISCARD, g_variant_get_int64 (parameter));
}

static void
idle_discard_continue_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  answer_idle (user_data, STINT_IDLE_ANSWER_DISCARD_CONTINUE, g_variant_get_int64 (parameter));
}

static void
pomodoro_continue_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  StintApplication *self = user_data;

  if (!nudges_ready (self))
    return;
  stint_nudges_pomodoro_continue (self->nudges);
}

static void
pomodoro_break_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  StintApplication *self = user_data;
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;

  if (!nudges_ready (self))
    return;
  stopped = stint_tracker_stop (self->tracker, &error);
  if (stopped == NULL && !g_error_matches (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_NOT_RUNNING))
    {
      stint_application_report_error (self, _("Could not stop tracking"), error);
      return;
    }
  stint_nudges_pomodoro_take_break (self->nudges);
}

static const GActionEntry nudges_actions[] = {
  { "keep-tracking", keep_tracking_action },
  { "snooze-reminder", snooze_reminder_action, "x" },
  { "idle-keep", idle_keep_action },
  { "idle-discard", idle_discard_action, "x" },
  { "idle-discard-continue", idle_discard_continue_action, "x" },
  { "idle-stop", idle_discard_action, "x" },
  { "pomodoro-continue", pomodoro_continue_action },
  { "pomodoro-break", pomodoro_break_action },
};

/* ------------------------------------------------------------ the desktop */

/* Idle is only worth asking about, and sleep only worth delaying, while
 * time is being recorded. */
static void
update_watching (StintApplication *self)
{
  gboolean tracking = stint_tracker_get_running (self->tracker) != NULL;
  gboolean stop_on_sleep = g_settings_get_boolean (self->settings, "stop-on-sleep");
  gboolean stop_on_shutdown = g_settings_get_boolean (self->settings, "stop-on-shutdown");

  stint_idle_monitor_set_active (self->idle_monitor,
                                 tracking && g_settings_get_boolean (self->settings, "idle-enabled"));
  stint_sleep_monitor_set_inhibit (self->sleep_monitor,
                                   tracking && (stop_on_sleep || stop_on_shutdown));
}

static void
on_sleeping (StintApplication *self,
             gint64            since)
{
  stint_nudges_set_asleep (self->nudges, TRUE);
  if (g_settings_get_boolean (self->settings, "stop-on-sleep"))
    stop_running_at (self, since);
}

static void
on_woke (StintApplication *self)
{
  stint_nudges_set_asleep (self->nudges, FALSE);
}

static void
on_shutting_down (StintApplication *self,
                  gint64            since)
{
  if (g_settings_get_boolean (self->settings, "stop-on-shutdown"))
    stop_running_at (self, since);
}

static void
on_idle_started (StintApplication *self)
{
  stint_nudges_set_idle (self->nudges, TRUE);
}

static void
on_idle_ended (StintApplication *self,
               gint64            since,
               gint64            until)
{
  stint_nudges_set_idle (self->nudges, FALSE);
  stint_nudges_ask_idle (self->nudges, since, until,
                         g_settings_get_uint (self->settings, "idle-threshold"));
}

/* A notification server without buttons cannot take the answer: the
 * window asks instead, so it comes up (the notification says so too). */
static void
on_idle_return (StintApplication *self)
{
  if (!stint_notifier_get_actions_supported (self->notifier))
    stint_application_show_window (self);
}

static void
on_shortcut (StintApplication *self,
             const char       *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), name, NULL);
}

static StintShortcuts *
new_shortcuts (StintApplication *self)
{
  g_autofree char *toggle = g_settings_get_string (self->settings, "shortcut-toggle");
  g_autofree char *show = g_settings_get_string (self->settings, "shortcut-show");
  StintShortcuts *shortcuts;

  /* Built with the configured keys, so the defaults are never grabbed in
   * passing. */
  shortcuts = g_object_new (STINT_TYPE_SHORTCUTS, "toggle-accel", toggle, "show-accel", show, NULL);
  g_settings_bind (self->settings, "shortcut-toggle", shortcuts, "toggle-accel", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "shortcut-show", shortcuts, "show-accel", G_SETTINGS_BIND_GET);

  return shortcuts;
}

/* ------------------------------------------------------------ public */

/* Called from startup as soon as the tracker exists, before the rest of the
 * nudges are set up. */
void
stint_application_add_nudges_actions (StintApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), nudges_actions,
                                   G_N_ELEMENTS (nudges_actions), self);
}

/* Called from startup, once GTK is up and the tracker exists; with no
 * usable database there is nothing to nudge about and nothing is made. */
void
stint_application_init_nudges (StintApplication *self)
{
  g_return_if_fail (STINT_IS_APPLICATION (self));

  if (self->tracker == NULL)
    return;

  self->nudges = stint_nudges_new (self->tracker);
  for (guint i = 0; i < G_N_ELEMENTS (nudges_keys); i++)
    g_settings_bind (self->settings, nudges_keys[i], self->nudges, nudges_keys[i], G_SETTINGS_BIND_GET);

  self->notifier = stint_notifier_new (G_APPLICATION (self));
  stint_notifier_follow_nudges (self->notifier, self->nudges);

  self->sleep_monitor = stint_sleep_monitor_new (self->clock, NULL);
  g_signal_connect_object (self->sleep_monitor, "sleeping",
                           G_CALLBACK (on_sleeping), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sleep_monitor, "woke", G_CALLBACK (on_woke), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sleep_monitor, "shutting-down",
                           G_CALLBACK (on_shutting_down), self, G_CONNECT_SWAPPED);

  self->idle_monitor = stint_idle_monitor_new (self->clock, self->sleep_monitor);
  g_settings_bind (self->settings, "idle-threshold", self->idle_monitor, "threshold", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->idle_monitor, "idle-started",
                           G_CALLBACK (on_idle_started), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->idle_monitor, "idle-ended",
                           G_CALLBACK (on_idle_ended), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->nudges, "idle-return",
                           G_CALLBACK (on_idle_return), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->tracker, "notify::running",
                           G_CALLBACK (update_watching), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::idle-enabled",
                           G_CALLBACK (update_watching), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::stop-on-sleep",
                           G_CALLBACK (update_watching), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::stop-on-shutdown",
                           G_CALLBACK (update_watching), self, G_CONNECT_SWAPPED);
  update_watching (self);

  self->shortcuts = new_shortcuts (self);
  g_signal_connect_object (self->shortcuts, "activated", G_CALLBACK (on_shortcut), self, G_CONNECT_SWAPPED);

  self->autostart = stint_autostart_new (self->settings, NULL);

  if (self->indicator != NULL)
    stint_indicator_set_nudges (self->indicator, self->nudges);
}

void
stint_application_shutdown_nudges (StintApplication *self)
{
  g_return_if_fail (STINT_IS_APPLICATION (self));

  if (self->tracker != NULL)
    g_signal_handlers_disconnect_by_func (self->tracker, update_watching, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, update_watching, self);

  g_clear_object (&self->autostart);
  g_clear_object (&self->shortcuts);
  g_clear_object (&self->idle_monitor);
  g_clear_object (&self->sleep_monitor);
  g_clear_object (&self->notifier);
  g_clear_object (&self->nudges);
}
