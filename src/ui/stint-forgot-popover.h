/* stint-forgot-popover.h: "forgot to start" and "forgot to stop"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"

G_BEGIN_DECLS

#define STINT_TYPE_FORGOT_POPOVER (stint_forgot_popover_get_type ())
G_DECLARE_FINAL_TYPE (StintForgotPopover, stint_forgot_popover, STINT, FORGOT_POPOVER, GtkPopover)

void stint_forgot_popover_set_tracker (StintForgotPopover *self,
                                       StintTracker       *tracker);
void stint_forgot_popover_show_error  (StintForgotPopover *self,
                                       const GError       *error);

G_END_DECLS
