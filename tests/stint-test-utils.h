/* stint-test-utils.h: helpers shared by the GTest programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "model/stint-entry.h"

G_BEGIN_DECLS

void        stint_test_init          (int          *argc,
                                      char       ***argv);
char       *stint_test_make_tmpdir   (void);
void        stint_test_rm_rf         (const char   *path);
char       *stint_test_file_checksum (const char   *path);
StintEntry *stint_test_entry_new     (const char   *description,
                                      gint64        start,
                                      gint64        stop);

G_END_DECLS
