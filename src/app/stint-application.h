/* stint-application.h: the single instance that wires Stint together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STINT_TYPE_APPLICATION (stint_application_get_type ())
G_DECLARE_FINAL_TYPE (StintApplication, stint_application, STINT, APPLICATION, GtkApplication)

StintApplication *stint_application_new (void);

G_END_DECLS
