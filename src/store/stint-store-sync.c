/* stint-store-sync.c: what the sync layer records of what it sent
 *
 * The server's answers to the operations sent (server ids, sync states,
 * failures, attempts to try again later) land here, with the lookups the
 * sending needs. The server's own changes run the other way and follow
 * their own rule, so they are applied in stint-store-pull.c; the two small
 * query helpers at the top serve both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-store-private.h"

/* The enum values as SQL sees them in the rows. */
#define SQL_SYNCED  "0"
#define SQL_PENDING "1"
#define SQL_FAILED  "2"
#define SQL_UPDATE  "2"
G_STATIC_ASSERT (STINT_SYNC_STATE_SYNCED == 0);
G_STATIC_ASSERT (STINT_SYNC_STATE_PENDING == 1);
G_STATIC_ASSERT (STINT_SYNC_STATE_FAILED == 2);
G_STATIC_ASSERT (STINT_OUTBOX_UPDATE == 2);

/* Runs one write scoped to the account, with ?1 … ?3 bound to @a … @c
 * (0 binds NULL) and ?4 to @text; sets @changes to the rows it changed. */
gboolean
stint_store_run_write (StintStore  *self,
                       const char  *sql,
                       gint64       a,
                       gint64       b,
                       gint64       c,
                       const char  *text,
                       gint        *changes,
                       GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  stmt = stint_store_prepare_scoped (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  /* Every scoped statement has ?64, so ?2 … ?4 are valid indexes even where
   * the SQL does not use them; binding those is harmless. */
  stint_store_bind_id (stmt, 1, a);
  stint_store_bind_id (stmt, 2, b);
  stint_store_bind_id (stmt, 3, c);
  stint_store_bind_text (stmt, 4, text);

  if (!stint_store_step_done (self, stmt, error))
    return FALSE;

  if (changes != NULL)
    *changes = sqlite3_changes (self->db);

  return TRUE;
}

/* The integer the scoped @sql reads with ?1 bound to @id; 0 when it reads
 * no row, and on error (only logged): the callers take both as none. */
gint64
stint_store_query_id (StintStore  *self,
                      const char  *sql,
                      gint64       id)
{
  g_auto(StintStoreStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  stmt = stint_store_prepare_scoped (self, sql, &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      stint_store_step_int64 (self, stmt, &value, &error);
    }

  if (error != NULL)
    g_debug ("Looking up %" G_GINT64_FORMAT ": %s", id, error->message);

  return value;
}

/**
 * stint_store_load_entry_by_server_id:
 * @error: STINT_STORE_ERROR_NOT_FOUND when no entry has @server_id
 *
 * Returns: (transfer full): the entry, or %NULL
 */
StintEntry *
stint_store_load_entry_by_server_id (StintStore  *self,
                                     gint64       server_id,
                                     GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  g_return_val_if_fail (server_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = stint_store_prepare_entry_select (self, "FROM entries WHERE server_id = ?1 AND {account}",
                                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, server_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return stint_store_entry_from_row (stmt);
  if (rc != SQLITE_DONE)
    {
      stint_store_set_error (self, rc, error);
      return NULL;
    }

  g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                       _("That entry is no longer stored."));
  return NULL;
}

/* Whether an operation for entry @local_id waits in the outbox. */
gboolean
stint_store_entry_has_pending (StintStore *self,
                               gint64      local_id)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);

  return stint_store_query_id (self,
                               "SELECT EXISTS (SELECT 1 FROM outbox"
                               " WHERE entry_id = ?1 AND {account})",
                               local_id) != 0;
}

/**
 * stint_store_mark_synced:
 * @local_id: the entry the server confirmed; its row may be gone (deleted
 *   while the request was under way)
 * @server_id: its server id, or 0 to keep the one stored
 * @at: the server's time of the change, or 0
 *
 * Records the server's answer: the server id on the entry and on its
 * operations still queued without one (an update or delete made while the
 * create was under way), and the sync state: synced, or pending while other
 * operations for it wait. Call it after removing the operation, in the same
 * transaction.
 */
gboolean
stint_store_mark_synced (StintStore  *self,
                         gint64       local_id,
                         gint64       server_id,
                         gint64       at,
                         GError     **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  STINT_STORE_IN_TRANSACTION (self, error,
    stint_store_run_write (self,
                           "UPDATE entries SET server_id = coalesce (?2, server_id),"
                           " at = coalesce (?3, at),"
                           " sync_state = CASE WHEN EXISTS (SELECT 1 FROM outbox"
                           "   WHERE outbox.entry_id = entries.id)"
                           "   THEN " SQL_PENDING
                           "   ELSE " SQL_SYNCED " END,"
                           " sync_error = NULL"
                           " WHERE id = ?1 AND {account}",
                           local_id, server_id, at, NULL, NULL, error) &&
    (server_id == 0 || stint_store_run_write (self,
                                              "UPDATE outbox SET server_id = ?2"
                                              " WHERE entry_id = ?1 AND server_id IS NULL"
                                              " AND {account}",
                                              local_id, server_id, 0, NULL, NULL, error)));

  return TRUE;
}

/**
 * stint_store_mark_failed:
 * @message: the sentence why, as the server said it
 *
 * Parks operation @op_id as failed: it stays queued, not sent again until
 * the user changes the entry, retries or discards it; its entry shows the
 * sentence.
 */
gboolean
stint_store_mark_failed (StintStore  *self,
                         gint64       op_id,
                         const char  *message,
                         GError     **error)
{
  gint changes = 0;

  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stint_store_begin (self, error))
    return FALSE;

  if (!stint_store_run_write (self,
                              "UPDATE outbox SET failed = 1, attempts = attempts + 1,"
                              " last_error = ?4, next_attempt_at = 0 WHERE id = ?1 AND {account}",
                              op_id, 0, 0, message, &changes, error))
    goto fail;

  if (changes == 0)
    {
      g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                           _("That change is no longer waiting to be sent."));
      goto fail;
    }

  if (!stint_store_run_write (self,
                              "UPDATE entries SET sync_state = " SQL_FAILED ","
                              " sync_error = ?4"
                              " WHERE id = (SELECT entry_id FROM outbox WHERE id = ?1)"
                              " AND {account}",
                              op_id, 0, 0, message, NULL, error) ||
      !stint_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  stint_store_rollback (self);
  return FALSE;
}

/**
 * stint_store_record_attempt:
 * @message: (nullable): why the attempt did not go through
 * @next_attempt_at: when to try again (Unix seconds), 0 for at once
 *
 * Counts an attempt at operation @op_id that may succeed later (network,
 * server trouble, quota), so the retry schedule survives a restart.
 */
gboolean
stint_store_record_attempt (StintStore  *self,
                            gint64       op_id,
                            const char  *message,
                            gint64       next_attempt_at,
                            GError     **error)
{
  gint changes = 0;

  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  STINT_STORE_IN_TRANSACTION (self, error,
    stint_store_run_write (self,
                           "UPDATE outbox SET attempts = attempts + 1, last_error = ?4,"
                           " next_attempt_at = coalesce (?2, 0) WHERE id = ?1 AND {account}",
                           op_id, next_attempt_at, 0, message, &changes, error));

  if (changes == 0)
    {
      g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                           _("That change is no longer waiting to be sent."));
      return FALSE;
    }

  return TRUE;
}

/**
 * stint_store_remove_covered_updates:
 * @up_to_op_id: the newest operation the sent state included
 *
 * Removes the update operations of entry @entry_id up to @up_to_op_id: the
 * server got the entry's whole state as it was after them.
 */
gboolean
stint_store_remove_covered_updates (StintStore  *self,
                                    gint64       entry_id,
                                    gint64       up_to_op_id,
                                    GError     **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  STINT_STORE_IN_TRANSACTION (self, error,
    stint_store_run_write (self,
                           "DELETE FROM outbox WHERE entry_id = ?1 AND id <= ?2"
                           " AND kind = " SQL_UPDATE " AND {account}",
                           entry_id, up_to_op_id, 0, NULL, NULL, error));

  return TRUE;
}

/* Removes every operation of entry @entry_id: a create the server never saw
 * followed by the delete has nothing left to say. */
gboolean
stint_store_remove_entry_ops (StintStore  *self,
                              gint64       entry_id,
                              GError     **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  STINT_STORE_IN_TRANSACTION (self, error,
    stint_store_run_write (self, "DELETE FROM outbox WHERE entry_id = ?1 AND {account}",
                           entry_id, 0, 0, NULL, NULL, error));

  return TRUE;
}

/* The server id of project @local_id; 0 when it has none (yet). */
gint64
stint_store_project_server_id (StintStore *self,
                               gint64      local_id)
{
  g_return_val_if_fail (STINT_IS_STORE (self), 0);

  if (local_id == 0)
    return 0;

  return stint_store_query_id (self, "SELECT server_id FROM projects WHERE id = ?1 AND {account}",
                               local_id);
}
