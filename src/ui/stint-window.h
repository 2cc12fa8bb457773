/* stint-window.h: the timer bar and the recent entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"

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

G_END_DECLS
