/* stint-welcome.h: the first-run welcome: what Stint is, and where entries go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"

G_BEGIN_DECLS

#define STINT_TYPE_WELCOME (stint_welcome_get_type ())
G_DECLARE_FINAL_TYPE (StintWelcome, stint_welcome, STINT, WELCOME, GtkBox)

GtkWidget *stint_welcome_new (GSettings    *settings,
                              StintTracker *tracker);

G_END_DECLS
