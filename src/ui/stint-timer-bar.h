/* stint-timer-bar.h: the top of the window, where tracking starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"

G_BEGIN_DECLS

#define STINT_TYPE_TIMER_BAR (stint_timer_bar_get_type ())
G_DECLARE_FINAL_TYPE (StintTimerBar, stint_timer_bar, STINT, TIMER_BAR, GtkBox)

void stint_timer_bar_set_tracker     (StintTimerBar           *self,
                                      StintTracker            *tracker);
void stint_timer_bar_update_elapsed  (StintTimerBar           *self);
void stint_timer_bar_offer           (StintTimerBar           *self,
                                      gint64                   entry_id,
                                      const StintUnknownNames *names);
void stint_timer_bar_focus           (StintTimerBar           *self);
void stint_timer_bar_put_away        (StintTimerBar           *self);

G_END_DECLS
