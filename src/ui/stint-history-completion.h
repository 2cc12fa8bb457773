/* stint-history-completion.h: the description's suggestions from history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"

G_BEGIN_DECLS

#define STINT_TYPE_HISTORY_COMPLETION (stint_history_completion_get_type ())
G_DECLARE_FINAL_TYPE (StintHistoryCompletion, stint_history_completion, STINT, HISTORY_COMPLETION,
                      GtkEntryCompletion)

GtkEntryCompletion *stint_history_completion_new (StintTracker *tracker);

G_END_DECLS
