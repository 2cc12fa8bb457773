/* stint-store-recovery.c: what the sync needs to recover from failures
 *
 * Settling several coalesced operations of an entry at once, handing a
 * refused change back to the sync when the user asks for a retry, and
 * listing the account's meta values under a prefix, where the sync keeps
 * what must survive a restart: which creates may have reached the server
 * (so that they are looked up before being sent again) and which failed
 * changes the user discarded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-store-private.h"

/* The enum value as SQL sees it in the rows. */
#define SQL_PENDING "1"
G_STATIC_ASSERT (STINT_SYNC_STATE_PENDING == 1);

/**
 * stint_store_remove_entry_ops_through:
 * @up_to_op_id: the newest operation to remove
 *
 * Removes every operation of entry @entry_id up to @up_to_op_id: one
 * request settled all of them (the coalesced state of the entry), or there
 * was nothing to send (a create never sent, then the delete).
 */
gboolean
stint_store_remove_entry_ops_through (StintStore  *self,
                                      gint64       entry_id,
                                      gint64       up_to_op_id,
                                      GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stint_store_begin (self, error))
    return FALSE;

  stmt = stint_store_prepare_scoped (self,
                                     "DELETE FROM outbox WHERE entry_id = ?1 AND id <= ?2"
                                     " AND {account}",
                                     error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int64 (stmt, 2, up_to_op_id);
  if (!stint_store_step_done (self, stmt, error) || !stint_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  stint_store_rollback (self);
  return FALSE;
}

static gboolean
run_entry_write (StintStore  *self,
                 const char  *sql,
                 gint64       entry_id,
                 gint        *changes,
                 GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  stmt = stint_store_prepare_scoped (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (!stint_store_step_done (self, stmt, error))
    return FALSE;

  if (changes != NULL)
    *changes = sqlite3_changes (self->db);

  return TRUE;
}

/**
 * stint_store_retry_failed:
 * @error: STINT_STORE_ERROR_NOT_FOUND when no refused operation of the
 *   entry waits
 *
 * The user asks for another try of the refused changes of entry
 * @entry_id: they wait to be sent again, and the entry is pending.
 */
gboolean
stint_store_retry_failed (StintStore  *self,
                          gint64       entry_id,
                          GError     **error)
{
  gint changes = 0;

  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stint_store_begin (self, error))
    return FALSE;

  if (!run_entry_write (self,
                        "UPDATE outbox SET failed = 0, next_attempt_at = 0"
                        " WHERE entry_id = ?1 AND failed AND {account}",
                        entry_id, &changes, error))
    goto fail;

  if (changes == 0)
    {
      g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                           _("That change is no longer waiting to be sent."));
      goto fail;
    }

  if (!run_entry_write (self,
                        "UPDATE entries SET sync_state = " SQL_PENDING ", sync_error = NULL"
                        " WHERE id = ?1 AND {account}",
                        entry_id, NULL, error))
    goto fail;

  /* The sync hears of it as of any queued change, once committed. */
  self->outbox_added = TRUE;
  if (!stint_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  stint_store_rollback (self);
  return FALSE;
}

/**
 * stint_store_list_meta:
 * @prefix: the start of the keys, e.g. stint_store_account_meta_key()'s
 *   result for "sent-create/"
 *
 * Returns: (transfer full) (element-type utf8 utf8): every key starting
 *   with @prefix, with its value; empty on error
 */
GHashTable *
stint_store_list_meta (StintStore *self,
                       const char *prefix)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(StintStoreStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  if (self->schema_version < 2)
    return g_steal_pointer (&found);

  /* substr rather than LIKE: keys may hold '%' or '_'. */
  stmt = stint_store_prepare (self,
                              "SELECT key, value FROM meta"
                              " WHERE substr (key, 1, length (?1)) = ?1",
                              &error);
  if (stmt == NULL)
    {
      g_debug ("Listing %s: %s", prefix, error->message);
      return g_steal_pointer (&found);
    }

  stint_store_bind_text (stmt, 1, prefix);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (found,
                         g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *)sqlite3_column_text (stmt, 1)));

  if (rc != SQLITE_DONE)
    g_debug ("Listing %s: %s", prefix, sqlite3_errstr (rc));

  return g_steal_pointer (&found);
}
