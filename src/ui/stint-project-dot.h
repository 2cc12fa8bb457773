/* stint-project-dot.h: the small disc in a project's colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STINT_TYPE_PROJECT_DOT (stint_project_dot_get_type ())
G_DECLARE_FINAL_TYPE (StintProjectDot, stint_project_dot, STINT, PROJECT_DOT, GtkDrawingArea)

GtkWidget *stint_project_dot_new       (void);
void       stint_project_dot_set_color (StintProjectDot *self,
                                        const char      *color);

G_END_DECLS
