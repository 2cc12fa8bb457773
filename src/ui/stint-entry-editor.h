/* stint-entry-editor.h: the popover that fixes an entry in seconds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"

G_BEGIN_DECLS

#define STINT_TYPE_ENTRY_EDITOR (stint_entry_editor_get_type ())
G_DECLARE_FINAL_TYPE (StintEntryEditor, stint_entry_editor, STINT, ENTRY_EDITOR, GtkPopover)

GtkWidget *stint_entry_editor_new (StintTracker *tracker,
                                   StintEntry   *entry,
                                   GtkWidget    *relative_to);

G_END_DECLS
