/* stint-project-picker.h: the timer bar's project button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"

G_BEGIN_DECLS

#define STINT_TYPE_PROJECT_PICKER (stint_project_picker_get_type ())
G_DECLARE_FINAL_TYPE (StintProjectPicker, stint_project_picker, STINT, PROJECT_PICKER, GtkMenuButton)

void   stint_project_picker_set_tracker    (StintProjectPicker *self,
                                            StintTracker       *tracker);
gint64 stint_project_picker_get_project_id (StintProjectPicker *self);
void   stint_project_picker_set_project_id (StintProjectPicker *self,
                                            gint64              project_id);

G_END_DECLS
