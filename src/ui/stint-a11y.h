/* stint-a11y.h: accessible names GTK leaves out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void stint_a11y_name_close_button (GtkInfoBar *bar,
                                   const char *name);

G_END_DECLS
