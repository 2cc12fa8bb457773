/* stint-sync-failed.c: the user's say over changes the server refused
 *
 * A refused change is never dropped behind the user's back: the entry shows
 * the server's sentence until the user retries it (it goes again as it is
 * now), changes the entry (the same), or discards it. Discarding gives the
 * entry back as the server has it: a create the server never took simply
 * goes away; anything else is read back from the server first, and only
 * then does the local change give way, in one transaction. That read is a
 * user's request and may wait (network, quota): the wish to discard is kept
 * in the store meanwhile, so it survives a restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-sync-private.h"

#define DISCARD_PREFIX "discard/"
#define DISCARD_TYPE   "(xxx)"   /* entry id, server id, the newest operation discarded */

/* The parked step of entry @local_id, copied into @step; FALSE with an
 * error when it has none. */
static gboolean
find_parked (StintSync      *self,
             gint64          local_id,
             StintSyncStep  *step,
             GError        **error)
{
  g_autoptr(GPtrArray) ops = stint_store_load_outbox (self->store, error);
  g_autoptr(GArray) steps = NULL;

  if (ops == NULL)
    return FALSE;

  steps = stint_sync_plan (ops);
  for (guint i = 0; i < steps->len; i++)
    {
      StintSyncStep *one = &g_array_index (steps, StintSyncStep, i);

      if (one->entry_id == local_id && one->parked)
        {
          *step = *one;
          step->error = NULL;  /* borrowed from @ops */
          return TRUE;
        }
    }

  g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                       _("No refused change of this entry waits."));
  return FALSE;
}

/**
 * stint_sync_retry_failed:
 * @local_id: the entry whose refused change should go again
 *
 * Returns: %FALSE with @error when no refused change of the entry waits
 */
gboolean
stint_sync_retry_failed (StintSync  *self,
                         gint64      local_id,
                         GError    **error)
{
  g_return_val_if_fail (STINT_IS_SYNC (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stint_store_retry_failed (self->store, local_id, error))
    return FALSE;

  g_debug ("Entry %" G_GINT64_FORMAT ": the user retries", local_id);
  stint_sync_emit_entries_changed (self, &local_id, 1);

  return TRUE;
}

/**
 * stint_sync_retry_all_failed:
 *
 * Every refused change goes again: what a "Retry" beside the sync's
 * message does, and the only way to retry a refused delete (its entry is no
 * longer on the screen).
 *
 * Returns: how many entries' changes go again
 */
guint
stint_sync_retry_all_failed (StintSync *self)
{
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_return_val_if_fail (STINT_IS_SYNC (self), 0);

  ops = stint_store_load_outbox (self->store, &error);
  if (ops == NULL)
    {
      g_debug ("Reading the outbox: %s", error->message);
      return 0;
    }

  steps = stint_sync_plan (ops);
  for (guint i = 0; i < steps->len; i++)
    {
      StintSyncStep *step = &g_array_index (steps, StintSyncStep, i);

      if (step->parked && stint_sync_retry_failed (self, step->entry_id, NULL))
        n++;
    }

  return n;
}

/* The entry never reached the server: it goes, with its operations. */
static gboolean
discard_local (StintSync            *self,
               const StintSyncStep  *step,
               GError              **error)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!stint_store_begin (self->store, error))
    return FALSE;

  entry = stint_store_load_entry (self->store, step->entry_id, &local_error);
  if ((entry == NULL && !g_error_matches (local_error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND)) ||
      (entry != NULL && !stint_store_delete_entry (self->store, entry, STINT_OUTBOX_NONE, error)) ||
      !stint_store_remove_entry_ops_through (self->store, step->entry_id, step->last_op_id, error) ||
      !stint_sync_forget_sent_create (self, step->entry_id, error) ||
      !stint_store_commit (self->store, error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      stint_store_rollback (self->store);
      return FALSE;
    }

  return TRUE;
}

/**
 * stint_sync_discard_failed:
 * @local_id: the entry whose refused change the user gives up
 *
 * Gives the entry back as the server has it: at once for an entry the
 * server never had (it goes away), otherwise once the server's version has
 * been read (StintSync::entries-changed tells).
 *
 * Returns: %FALSE with @error when no refused change of the entry waits
 */
gboolean
stint_sync_discard_failed (StintSync  *self,
                           gint64      local_id,
                           GError    **error)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  StintSyncStep step;

  g_return_val_if_fail (STINT_IS_SYNC (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_parked (self, local_id, &step, error))
    return FALSE;

  if (step.server_id == 0)
    {
      g_debug ("Entry %" G_GINT64_FORMAT ": discarding a create the server never took", local_id);
      if (!discard_local (self, &step, error))
        return FALSE;
      stint_sync_emit_entries_changed (self, &local_id, 1);
      stint_sync_drain (self);  /* the counts */
      return TRUE;
    }

  g_debug ("Entry %" G_GINT64_FORMAT ": discarding; reading back %" G_GINT64_FORMAT,
           local_id, step.server_id);
  name = g_strdup_printf (DISCARD_PREFIX "%" G_GINT64_FORMAT, local_id);
  key = stint_sync_meta_key (self, name);
  text = g_variant_print (g_variant_new (DISCARD_TYPE, local_id, step.server_id, step.last_op_id),
                          FALSE);
  if (!stint_store_set_meta (self->store, key, text, error))
    return FALSE;

  stint_sync_queue_push (self);
  return TRUE;
}

/* One read-back under way. */
typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;
  char         *key;
  gint64        entry_id;
  gint64        server_id;
  gint64        up_to;
} Restore;

static void
restore_free (Restore *restore)
{
  g_weak_ref_clear (&restore->self);
  g_clear_object (&restore->cancellable);
  g_free (restore->key);
  g_free (restore);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Restore, restore_free)

/* The server's version replaces the discarded change; a change the user
 * made since wins over it, as over any pull. */
static gboolean
apply_restore (StintSync  *self,
               Restore    *restore,
               StintEntry *version,
               gint64     *restored_id,
               GError    **error)
{
  gboolean ok;

  if (!stint_store_begin (self->store, error))
    return FALSE;

  ok = stint_store_remove_entry_ops_through (self->store, restore->entry_id, restore->up_to, error) &&
       stint_sync_forget_sent_create (self, restore->entry_id, error) &&
       stint_store_mark_synced (self->store, restore->entry_id, 0, 0, error);
  if (ok && version != NULL)
    ok = stint_store_apply_pulled_entry (self->store, version, restored_id, error);
  else if (ok)
    ok = stint_store_apply_pulled_deletion (self->store, restore->server_id, restored_id, error);

  if (!ok ||
      !stint_store_set_meta (self->store, restore->key, NULL, error) ||
      !stint_store_commit (self->store, error))
    {
      stint_store_rollback (self->store);
      return FALSE;
    }

  return TRUE;
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Restore) restore = user_data;
  g_autoptr(StintSync) self = g_weak_ref_get (&restore->self);
  g_autoptr(StintEntry) version = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[2] = { restore->entry_id, 0 };
  StintSyncFailure failure;

  version = stint_backend_fetch_entry_finish (STINT_BACKEND (object), result, &error);
  if (self == NULL || restore->cancellable != self->cancellable)
    return;

  self->sending = FALSE;

  if (version == NULL && !g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND))
    {
      failure = stint_sync_classify (error);
      if (failure == STINT_SYNC_FAILURE_SIGNED_OUT)
        stint_sync_signed_out (self, error);
      else if (failure == STINT_SYNC_FAILURE_REFUSED)
        {
          /* It cannot be read back: the change stays, refused, for the
           * user to decide again. */
          g_debug ("Reading back entry %" G_GINT64_FORMAT ": %s", restore->entry_id, error->message);
          stint_store_set_meta (self->store, restore->key, NULL, NULL);
          stint_sync_resume (self);
        }
      else if (failure != STINT_SYNC_FAILURE_CANCELLED)
        stint_sync_wait (self, failure, error);
      return;
    }

  stint_sync_succeeded (self);
  g_clear_error (&error);
  if (!apply_restore (self, restore, version, &ids[1], &error))
    {
      stint_sync_store_failed (self, error);
      return;
    }

  g_debug ("Entry %" G_GINT64_FORMAT ": restored as the server has it", restore->entry_id);
  stint_sync_emit_entries_changed (self, ids, ids[1] != 0 && ids[1] != ids[0] ? 2 : 1);
  stint_sync_resume (self);
}

/**
 * stint_sync_restore_discarded:
 *
 * Reads back an entry whose refused change the user discarded, if any.
 *
 * Returns: %TRUE when that took the turn (a request, or a wait for one)
 */
gboolean
stint_sync_restore_discarded (StintSync *self)
{
  g_autofree char *prefix = stint_sync_meta_key (self, DISCARD_PREFIX);
  g_autoptr(GHashTable) found = stint_store_list_meta (self->store, prefix);
  g_autoptr(GVariant) value = NULL;
  GHashTableIter iter;
  const char *key = NULL;
  const char *text = NULL;
  Restore *restore;

  g_hash_table_iter_init (&iter, found);
  if (!g_hash_table_iter_next (&iter, (gpointer *)&key, (gpointer *)&text))
    return FALSE;

  if (!stint_sync_can_talk (self))
    return FALSE;

  value = g_variant_parse (G_VARIANT_TYPE (DISCARD_TYPE), text, NULL, NULL, NULL);
  if (value == NULL)
    {
      stint_store_set_meta (self->store, key, NULL, NULL);
      return FALSE;
    }

  if (!stint_sync_may_request (self, STINT_SYNC_REQUEST_ENTRY, STINT_BUDGET_USER))
    return TRUE;

  restore = g_new0 (Restore, 1);
  g_weak_ref_init (&restore->self, self);
  restore->cancellable = g_object_ref (self->cancellable);
  restore->key = g_strdup (key);
  g_variant_get (value, DISCARD_TYPE, &restore->entry_id, &restore->server_id, &restore->up_to);

  self->sending = TRUE;
  stint_sync_begin_request (self, STINT_SYNC_REQUEST_ENTRY, STINT_BUDGET_USER);
  stint_backend_fetch_entry_async (self->backend, restore->server_id, self->cancellable,
                                   restore_cb, restore);

  return TRUE;
}
