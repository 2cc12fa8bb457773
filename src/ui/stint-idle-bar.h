/* stint-idle-bar.h: "You were away 20 minutes…" with the four answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-nudges.h"

G_BEGIN_DECLS

#define STINT_TYPE_IDLE_BAR (stint_idle_bar_get_type ())
G_DECLARE_FINAL_TYPE (StintIdleBar, stint_idle_bar, STINT, IDLE_BAR, GtkInfoBar)

GtkWidget *stint_idle_bar_new (StintNudges *nudges);

G_END_DECLS
