/* stint-window-slice.h: the first rows of the recent entries, as many as are shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STINT_TYPE_WINDOW_SLICE (stint_window_slice_get_type ())
G_DECLARE_FINAL_TYPE (StintWindowSlice, stint_window_slice, STINT, WINDOW_SLICE, GObject)

StintWindowSlice *stint_window_slice_new          (GListModel       *base,
                                                   guint             limit);
GListModel       *stint_window_slice_get_base     (StintWindowSlice *self);
guint             stint_window_slice_get_limit    (StintWindowSlice *self);
void              stint_window_slice_set_limit    (StintWindowSlice *self,
                                                   guint             limit);
gboolean          stint_window_slice_is_complete  (StintWindowSlice *self);

G_END_DECLS
