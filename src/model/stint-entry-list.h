/* stint-entry-list.h: entries, newest first, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "stint-entry.h"

G_BEGIN_DECLS

#define STINT_TYPE_ENTRY_LIST (stint_entry_list_get_type ())
G_DECLARE_FINAL_TYPE (StintEntryList, stint_entry_list, STINT, ENTRY_LIST, GObject)

StintEntryList *stint_entry_list_new         (void);
void            stint_entry_list_replace_all (StintEntryList *self,
                                              GPtrArray      *entries);
guint           stint_entry_list_insert      (StintEntryList *self,
                                              StintEntry     *entry);
gboolean        stint_entry_list_remove      (StintEntryList *self,
                                              StintEntry     *entry);
void            stint_entry_list_resort      (StintEntryList *self,
                                              StintEntry     *entry);
StintEntry     *stint_entry_list_find        (StintEntryList *self,
                                              gint64          id,
                                              guint          *position);

G_END_DECLS
