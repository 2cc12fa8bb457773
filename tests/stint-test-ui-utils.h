/* stint-test-ui-utils.h: helpers shared by the tests of real widgets, which
 * run inside build-aux/desktop-session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "app/stint-application.h"
#include "stint-test-utils.h"

G_BEGIN_DECLS

void              stint_test_init_gtk        (int          *argc,
                                              char       ***argv);
StintApplication *stint_test_application_new (GSettings    *settings);

GtkWidget        *stint_test_find_widget     (GtkWidget    *root,
                                              GType         type,
                                              const char   *name);
GtkWidget        *stint_test_named           (GtkWidget    *root,
                                              GType         type,
                                              const char   *name);
void              stint_test_click           (GtkWidget    *root,
                                              const char   *name);

G_END_DECLS
