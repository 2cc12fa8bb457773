/* stint-window.h: the timer bar and the recent entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-nudges.h"
#include "core/stint-tracker.h"
#include "sync/stint-sync.h"

G_BEGIN_DECLS

#define STINT_TYPE_WINDOW (stint_window_get_type ())
G_DECLARE_FINAL_TYPE (StintWindow, stint_window, STINT, WINDOW, GtkApplicationWindow)

StintWindow *stint_window_new (gpointer      application,
                               StintTracker *tracker,
                               GSettings    *settings);
void         stint_window_set_account_problem (StintWindow  *self,
                                               const char   *problem);
void         stint_window_offer_names         (StintWindow             *self,
                                               gint64                   entry_id,
                                               const StintUnknownNames *names);
void         stint_window_set_nudges          (StintWindow  *self,
                                               StintNudges  *nudges);
void         stint_window_show_welcome        (StintWindow  *self);
void         stint_window_set_sync            (StintWindow  *self,
                                               StintSync    *sync);
StintSync   *stint_window_get_sync            (StintWindow  *self);

G_END_DECLS
