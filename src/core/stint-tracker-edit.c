/* stint-tracker-edit.c: changing, deleting and restoring entries
 *
 * What the entry editor and Undo ask for. An edit is checked against the
 * rules every entry keeps (a start, no end before it or in the future, a
 * length Toggl takes, no overlap with the running entry) before the store
 * sees it. A delete is undone by a restore that makes a new entry, so the
 * two never depend on each other's order on the server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-tracker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-tracker-private.h"
#include "util/stint-duration.h"

/* The rules an edited entry must keep, checked before the store sees it. */
static gboolean
validate_edit (StintTracker  *self,
               StintEntry    *current,
               StintEntry    *edited,
               GError       **error)
{
  gint64 now = stint_clock_now (self->clock);
  gint64 start = stint_entry_get_start (edited);
  gint64 stop = stint_entry_get_stop (edited);

  if (!stint_tracker_check_description (stint_entry_get_description (edited), error))
    return FALSE;

  if (start <= 0)
    {
      g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                           _("The entry needs a start time."));
      return FALSE;
    }

  if (stop == 0)
    {
      if (current != self->running)
        {
          g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                               _("A finished entry cannot run again; continue it instead."));
          return FALSE;
        }
      if (start > now + STINT_TRACKER_FUTURE_SLACK_SECONDS)
        {
          g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                               _("A running entry cannot start in the future."));
          return FALSE;
        }
      return TRUE;
    }

  if (stop < start)
    {
      g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                           _("The entry cannot end before it starts."));
      return FALSE;
    }

  if (stop > now + STINT_TRACKER_FUTURE_SLACK_SECONDS)
    {
      g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                           _("The entry cannot end in the future."));
      return FALSE;
    }

  if (stop - start > STINT_DURATION_MAX_SECONDS)
    {
      g_set_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                   _("An entry can be at most %d hours long."),
                   STINT_DURATION_MAX_SECONDS / 3600);
      return FALSE;
    }

  if (self->running != NULL && current != self->running &&
      stop > stint_entry_get_start (self->running))
    {
      g_autofree char *when = stint_format_time_of_day (stint_entry_get_start (self->running));

      g_set_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                   _("The entry would overlap the running one, which started at %s."), when);
      return FALSE;
    }

  return TRUE;
}

/**
 * stint_tracker_update:
 * @edited: a copy of an entry (stint_entry_copy()) with the user's changes
 *
 * Checks and saves the changes; the entry shown everywhere takes them on.
 * Stopping the running entry this way moves it to the recent list.
 */
gboolean
stint_tracker_update (StintTracker  *self,
                      StintEntry    *edited,
                      GError       **error)
{
  g_autoptr(StintEntry) current = NULL;
  gboolean was_running;

  g_return_val_if_fail (STINT_IS_TRACKER (self), FALSE);
  g_return_val_if_fail (STINT_IS_ENTRY (edited), FALSE);

  current = stint_tracker_find_entry (self, stint_entry_get_id (edited), error);
  if (current == NULL)
    return FALSE;

  if (stint_entry_equal_content (current, edited))
    return TRUE;

  if (!validate_edit (self, current, edited, error))
    return FALSE;

  if (!stint_store_update_entry (self->store, edited, stint_tracker_outbox_kind (self, STINT_OUTBOX_UPDATE), error))
    return FALSE;

  was_running = current == self->running;
  if (was_running && !stint_entry_is_running (edited))
    stint_tracker_show_stopped (self, edited);
  else
    {
      stint_entry_assign (current, edited);
      if (!was_running)
        stint_entry_list_resort (self->recent, current);
    }

  return TRUE;
}

gboolean
stint_tracker_delete (StintTracker  *self,
                      gint64         entry_id,
                      GError       **error)
{
  g_autoptr(StintEntry) entry = NULL;

  g_return_val_if_fail (STINT_IS_TRACKER (self), FALSE);

  entry = stint_tracker_find_entry (self, entry_id, error);
  if (entry == NULL)
    return FALSE;

  if (!stint_store_delete_entry (self->store, entry, stint_tracker_outbox_kind (self, STINT_OUTBOX_DELETE), error))
    return FALSE;

  if (entry == self->running)
    stint_tracker_set_running (self, NULL);
  else
    stint_entry_list_remove (self->recent, entry);

  return TRUE;
}

/**
 * stint_tracker_restore:
 * @deleted: the entry as it was before stint_tracker_delete()
 *
 * Undoes a delete. The entry comes back as a new one (a new local id, and a
 * create for the server), so a delete that already reached the server and a
 * restore never depend on each other's order.
 *
 * Returns: (transfer full): the restored entry
 */
StintEntry *
stint_tracker_restore (StintTracker  *self,
                       StintEntry    *deleted,
                       GError       **error)
{
  g_autoptr(StintEntry) entry = NULL;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);
  g_return_val_if_fail (STINT_IS_ENTRY (deleted), NULL);

  entry = stint_entry_copy (deleted);
  stint_entry_set_id (entry, 0);
  stint_entry_set_server_id (entry, 0);
  stint_entry_set_sync_state (entry, STINT_SYNC_STATE_SYNCED, NULL);

  if (stint_entry_is_running (entry) && self->running != NULL)
    {
      g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                           _("Another entry is running now; stop it to bring this one back."));
      return NULL;
    }

  if (!stint_store_insert_entry (self->store, entry, stint_tracker_outbox_kind (self, STINT_OUTBOX_CREATE), error))
    return NULL;

  if (stint_entry_is_running (entry))
    stint_tracker_set_running (self, entry);
  else if (stint_entry_get_start (entry) >= self->loaded_from)
    stint_entry_list_insert (self->recent, entry);

  return g_steal_pointer (&entry);
}
