/* stint-application.h: the single instance that wires Stint together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"
#include "store/stint-store.h"
#include "sync/stint-sync.h"
#include "util/stint-clock.h"

G_BEGIN_DECLS

#define STINT_TYPE_APPLICATION (stint_application_get_type ())
G_DECLARE_FINAL_TYPE (StintApplication, stint_application, STINT, APPLICATION, GtkApplication)

StintApplication *stint_application_new       (void);
StintSync        *stint_application_get_sync  (StintApplication *self);
StintStore       *stint_application_get_store (StintApplication *self);
StintClock       *stint_application_get_clock (StintApplication *self);
StintTracker     *stint_application_get_tracker (StintApplication *self);

G_END_DECLS
