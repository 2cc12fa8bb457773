/* stint-entry-row.h: one finished entry in the window's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"

G_BEGIN_DECLS

#define STINT_TYPE_ENTRY_ROW (stint_entry_row_get_type ())
G_DECLARE_FINAL_TYPE (StintEntryRow, stint_entry_row, STINT, ENTRY_ROW, GtkListBoxRow)

GtkWidget  *stint_entry_row_new            (StintEntry    *entry,
                                            StintTracker  *tracker,
                                            GTimeZone     *time_zone);
StintEntry *stint_entry_row_get_entry      (StintEntryRow *self);
gint64      stint_entry_row_get_day        (StintEntryRow *self);
void        stint_entry_row_set_discarding (StintEntryRow *self,
                                            gboolean       discarding);

G_END_DECLS
