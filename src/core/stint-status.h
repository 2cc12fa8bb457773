/* stint-status.h: the running entry as a line of text or JSON for status bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "model/stint-entry.h"
#include "model/stint-project.h"

G_BEGIN_DECLS

char *stint_status_format_text (StintEntry   *running,
                                StintProject *project,
                                gint64        now);
char *stint_status_format_json (StintEntry   *running,
                                StintProject *project,
                                gint64        now);

G_END_DECLS
