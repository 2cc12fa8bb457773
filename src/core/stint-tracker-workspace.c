/* stint-tracker-workspace.c: what the workspace lets an entry carry
 *
 * Billable time is a paid feature of Toggl Track (Starter and up); an entry
 * sent billable to a free workspace is refused. The window asks here before
 * offering it, so the user never sets what the server will turn down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-tracker"

#include "config.h"

#include "stint-tracker-private.h"

/**
 * stint_tracker_get_billable_allowed:
 * @entry: (nullable): the entry to be edited; %NULL for a new one
 *
 * Returns: whether @entry (or a new entry) may be billable in its
 *   workspace: always in local mode and where the plan is unknown
 *   (stint_store_get_billable_allowed())
 */
gboolean
stint_tracker_get_billable_allowed (StintTracker *self,
                                    StintEntry   *entry)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), TRUE);
  g_return_val_if_fail (entry == NULL || STINT_IS_ENTRY (entry), TRUE);

  return stint_store_get_billable_allowed (self->store, entry != NULL
                                           ? stint_entry_get_workspace_id (entry) : 0);
}
