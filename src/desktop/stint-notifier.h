/* stint-notifier.h: nudges as desktop notifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "core/stint-nudges.h"
#include "model/stint-entry.h"

G_BEGIN_DECLS

/* The notification ids: one per kind, so a new one replaces the last. */
#define STINT_NOTIFICATION_LONG_TIMER "long-timer"
#define STINT_NOTIFICATION_REMINDER   "reminder"
#define STINT_NOTIFICATION_IDLE       "idle"
#define STINT_NOTIFICATION_POMODORO   "pomodoro"

/* What the reminder's Snooze button asks for (app.snooze-reminder). */
#define STINT_NOTIFIER_SNOOZE_SECONDS 3600

#define STINT_TYPE_NOTIFIER (stint_notifier_get_type ())
G_DECLARE_FINAL_TYPE (StintNotifier, stint_notifier, STINT, NOTIFIER, GObject)

StintNotifier *stint_notifier_new                 (GApplication  *application);
void           stint_notifier_follow_nudges       (StintNotifier *self,
                                                   StintNudges   *nudges);
gboolean       stint_notifier_get_actions_supported (StintNotifier *self);

void           stint_notifier_show_long_timer     (StintNotifier *self,
                                                   StintEntry    *entry,
                                                   gint64         elapsed);
void           stint_notifier_show_reminder       (StintNotifier *self);
void           stint_notifier_show_idle_return    (StintNotifier *self,
                                                   StintEntry    *entry,
                                                   gint64         since,
                                                   gint64         until);
void           stint_notifier_show_pomodoro_end   (StintNotifier *self,
                                                   StintEntry    *entry,
                                                   gint64         worked);
void           stint_notifier_show_break_end      (StintNotifier *self);
void           stint_notifier_withdraw            (StintNotifier *self,
                                                   const char    *id);

char          *stint_notifier_format_span         (gint64         seconds);

G_END_DECLS
