/* stint-status.h: the running entry as a line of text or JSON for status bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "model/stint-entry.h"
#include "model/stint-project.h"

G_BEGIN_DECLS

/* Store meta keys (per account) where the running Stint leaves what
 * `stint --status` reports about syncing. */
#define STINT_STATUS_META_PROBLEM "status-problem"
#define STINT_STATUS_META_SYNC    "status-sync"

char *stint_status_format_text (StintEntry   *running,
                                StintProject *project,
                                const char   *problem,
                                gint64        now);
char *stint_status_format_json (StintEntry   *running,
                                StintProject *project,
                                const char   *problem,
                                const char   *sync,
                                gint64        now);

G_END_DECLS
