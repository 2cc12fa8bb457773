/* stint-sync-lookup.c: never the same entry twice
 *
 * A create that left may be on the server although Stint never heard so:
 * the connection broke after the server took it, the answer came too late
 * or garbled, or Stint died while waiting. Each create is therefore noted in
 * the store before it leaves (with the start and description it carried),
 * and the note is dropped only once the outcome is sure: the answer was
 * recorded, or the request was refused before anything happened.
 *
 * While the note stands, the entry is looked for on the server before
 * anything else is sent for it: the changes since shortly before it left,
 * one request, searched for an entry with the same start and description
 * that no local entry claims. Found, it is adopted: the local entry takes
 * its server id, and the operations the create carried are settled. Not
 * found, the create goes again (with a new note). A pull adopts such
 * entries the same way when it meets them first (after a restart the pull
 * comes before the outbox).
 *
 * Toggl does not send `created_with` back, so it cannot take part in the
 * match; two entries with the same second of start and the same description
 * are, to the user, the same entry anyway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sync"

#include "config.h"

#include <string.h>

#include "stint-sync-private.h"


#define SENT_PREFIX "sent-create/"
#define SENT_TYPE   "(xxxxs)"

void
stint_sent_create_free (StintSentCreate *sent)
{
  if (sent == NULL)
    return;

  g_free (sent->description);
  g_free (sent);
}

static char *
sent_key (StintSync *self,
          gint64     entry_id)
{
  g_autofree char *name = g_strdup_printf (SENT_PREFIX "%" G_GINT64_FORMAT, entry_id);

  return stint_sync_meta_key (self, name);
}

static StintSentCreate *
sent_parse (gint64      entry_id,
            const char *text)
{
  g_autoptr(GVariant) value = NULL;
  StintSentCreate *sent;

  if (text == NULL ||
      (value = g_variant_parse (G_VARIANT_TYPE (SENT_TYPE), text, NULL, NULL, NULL)) == NULL)
    return NULL;

  sent = g_new0 (StintSentCreate, 1);
  sent->entry_id = entry_id;
  g_variant_get (value, SENT_TYPE, &sent->sent_at, &sent->covered, &sent->start,
                 &sent->workspace_id, &sent->description);

  return sent;
}

/**
 * stint_sync_save_sent_create:
 * @entry: the create as it leaves (its id is the local one)
 * @covered: the newest operation its state includes
 */
gboolean
stint_sync_save_sent_create (StintSync   *self,
                             StintEntry  *entry,
                             gint64       covered,
                             GError     **error)
{
  g_autofree char *key = sent_key (self, stint_entry_get_id (entry));
  g_autofree char *text = NULL;
  const char *description = stint_entry_get_description (entry);

  text = g_variant_print (g_variant_new (SENT_TYPE, stint_clock_now (self->clock), covered,
                                         stint_entry_get_start (entry),
                                         stint_entry_get_workspace_id (entry),
                                         description != NULL ? description : ""),
                          FALSE);

  return stint_store_set_meta (self->store, key, text, error);
}

/* Returns: (transfer full) (nullable): the note of entry @entry_id's create */
StintSentCreate *
stint_sync_load_sent_create (StintSync *self,
                             gint64     entry_id)
{
  g_autofree char *key = sent_key (self, entry_id);
  g_autofree char *text = stint_store_get_meta (self->store, key);

  return sent_parse (entry_id, text);
}

gboolean
stint_sync_forget_sent_create (StintSync  *self,
                               gint64      entry_id,
                               GError    **error)
{
  g_autofree char *key = sent_key (self, entry_id);

  return stint_store_set_meta (self->store, key, NULL, error);
}

/* Returns: (transfer container) (element-type StintSentCreate): every note */
GPtrArray *
stint_sync_load_sent_creates (StintSync *self)
{
  g_autofree char *prefix = stint_sync_meta_key (self, SENT_PREFIX);
  g_autoptr(GHashTable) found = stint_store_list_meta (self->store, prefix);
  GPtrArray *sent = g_ptr_array_new_with_free_func ((GDestroyNotify)stint_sent_create_free);
  GHashTableIter iter;
  const char *key, *value;

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, (gpointer *)&key, (gpointer *)&value))
    {
      gint64 entry_id = g_ascii_strtoll (key + strlen (prefix), NULL, 10);
      StintSentCreate *one = sent_parse (entry_id, value);

      if (one != NULL)
        g_ptr_array_add (sent, one);
    }

  return sent;
}

/**
 * stint_sync_find_sent:
 * @entries: (element-type StintEntry): entries as the server has them
 *
 * Returns: (transfer none) (nullable): the entry in @entries that @sent
 *   made: the same start and description, the same workspace, and not
 *   claimed by any local entry
 */
StintEntry *
stint_sync_find_sent (StintSync       *self,
                      StintSentCreate *sent,
                      GPtrArray       *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      StintEntry *entry = g_ptr_array_index (entries, i);
      const char *description = stint_entry_get_description (entry);
      g_autoptr(StintEntry) claimed = NULL;

      if (stint_entry_get_start (entry) != sent->start ||
          g_strcmp0 (description != NULL ? description : "", sent->description) != 0 ||
          stint_entry_get_server_id (entry) <= 0)
        continue;
      if (sent->workspace_id != 0 && stint_entry_get_workspace_id (entry) != 0 &&
          stint_entry_get_workspace_id (entry) != sent->workspace_id)
        continue;

      claimed = stint_store_load_entry_by_server_id (self->store, stint_entry_get_server_id (entry),
                                                     NULL);
      if (claimed == NULL)
        return entry;
    }

  return NULL;
}

/**
 * stint_sync_adopt:
 * @found: the entry on the server @sent made
 *
 * The local entry takes @found's server id (its operations still queued
 * too), and the operations the create carried are settled. Call it inside
 * the caller's transaction, or alone.
 */
gboolean
stint_sync_adopt (StintSync        *self,
                  StintSentCreate  *sent,
                  StintEntry       *found,
                  GError          **error)
{
  g_debug ("Entry %" G_GINT64_FORMAT " was on the server already, as %" G_GINT64_FORMAT,
           sent->entry_id, stint_entry_get_server_id (found));

  if (!stint_store_begin (self->store, error))
    return FALSE;

  if (!stint_store_remove_entry_ops_through (self->store, sent->entry_id, sent->covered, error) ||
      !stint_sync_forget_sent_create (self, sent->entry_id, error) ||
      !stint_store_mark_synced (self->store, sent->entry_id, stint_entry_get_server_id (found),
                                stint_entry_get_at (found), error) ||
      !stint_store_commit (self->store, error))
    {
      stint_store_rollback (self->store);
      return FALSE;
    }

  return TRUE;
}

/* One lookup under way. */
typedef struct
{
  GWeakRef         self;
  GCancellable    *cancellable;
  StintSentCreate *sent;
  gint64           op_id;     /* the step's oldest: attempts are counted on it */
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_weak_ref_clear (&lookup->self);
  g_clear_object (&lookup->cancellable);
  stint_sent_create_free (lookup->sent);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookup, lookup_free)

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Lookup) lookup = user_data;
  g_autoptr(StintSync) self = g_weak_ref_get (&lookup->self);
  g_autoptr(StintBackendChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  StintEntry *found;
  StintSyncFailure failure;

  changes = stint_backend_fetch_changes_finish (STINT_BACKEND (object), result, &error);
  if (self == NULL || lookup->cancellable != self->cancellable)
    return;

  self->sending = FALSE;

  if (changes == NULL)
    {
      gint64 next;

      failure = stint_sync_classify (error);
      if (failure == STINT_SYNC_FAILURE_SIGNED_OUT)
        stint_sync_signed_out (self, error);
      if (failure == STINT_SYNC_FAILURE_SIGNED_OUT || failure == STINT_SYNC_FAILURE_CANCELLED)
        return;

      /* Refused too: without an answer the create must not go again. */
      next = stint_sync_wait (self, failure == STINT_SYNC_FAILURE_REFUSED
                                    ? STINT_SYNC_FAILURE_TRANSIENT : failure, error);
      g_clear_error (&error);
      if (!stint_store_record_attempt (self->store, lookup->op_id, self->problem, next, &error))
        g_debug ("Recording an attempt: %s", error->message);
      return;
    }

  stint_sync_succeeded (self);

  found = stint_sync_find_sent (self, lookup->sent, changes->entries);
  if (found != NULL)
    {
      if (!stint_sync_adopt (self, lookup->sent, found, &error))
        {
          stint_sync_store_failed (self, error);
          return;
        }
    }
  else
    {
      /* Not there: the earlier attempts never arrived, and the next one is
       * noted afresh as it leaves. */
      g_debug ("Entry %" G_GINT64_FORMAT " is not on the server; sending it again",
               lookup->sent->entry_id);
      if (!stint_sync_forget_sent_create (self, lookup->sent->entry_id, &error))
        {
          stint_sync_store_failed (self, error);
          return;
        }
    }

  stint_sync_emit_entries_changed (self, &lookup->sent->entry_id, 1);
  stint_sync_resume (self);
}

/* Looks for what @sent made before sending anything more for its entry
 * (whose oldest operation is @op_id). */
void
stint_sync_look_up (StintSync       *self,
                    StintSentCreate *sent,
                    gint64           op_id)
{
  Lookup *lookup;

  if (!stint_sync_may_request (self, STINT_SYNC_REQUEST_CHANGES, STINT_BUDGET_USER))
    return;

  g_debug ("Entry %" G_GINT64_FORMAT " may be on the server already; looking",
           sent->entry_id);

  lookup = g_new0 (Lookup, 1);
  g_weak_ref_init (&lookup->self, self);
  lookup->cancellable = g_object_ref (self->cancellable);
  lookup->sent = g_memdup2 (sent, sizeof *sent);
  lookup->sent->description = g_strdup (sent->description);
  lookup->op_id = op_id;

  self->sending = TRUE;
  stint_sync_begin_request (self, STINT_SYNC_REQUEST_CHANGES, STINT_BUDGET_USER);
  stint_backend_fetch_changes_async (self->backend,
                                     MAX (sent->sent_at - STINT_SYNC_LOOKUP_MARGIN, 1),
                                     self->cancellable, lookup_cb, lookup);
}
