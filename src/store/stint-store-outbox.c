/* stint-store-outbox.c: the operations waiting for the server
 *
 * Rows are kept in the order the user made the changes (the id); sync reads
 * them, coalesces, sends, and removes each once the server has it. What the
 * sync layer records about an attempt is in stint-store-sync.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-store-private.h"

/* Columns of schema 3 that a read-only look at an older file reads as their
 * defaults. */
#define OUTBOX_COLUMNS "id, entry_id, server_id, kind, created_at, attempts, last_error"
#define OUTBOX_V3_COLUMNS ", workspace_id, is_stop, next_attempt_at, failed"
#define OUTBOX_V3_COLUMNS_V2 ", 0, 0, 0, 0"

gboolean
stint_store_delete_outbox_op (StintStore  *self,
                              gint64       op_id,
                              GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  stmt = stint_store_prepare_scoped (self, "DELETE FROM outbox WHERE id = ?1 AND {account}", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, op_id);
  if (!stint_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                           _("That change is no longer waiting to be sent."));
      return FALSE;
    }

  return TRUE;
}

void
stint_outbox_op_free (StintOutboxOp *op)
{
  if (op == NULL)
    return;

  g_free (op->last_error);
  g_free (op);
}

/* Queues an operation on @entry (row @entry_id) for the server of @account;
 * the caller holds the transaction that also writes the entry. The commit
 * emits StintStore::outbox-changed. */
gboolean
stint_store_write_outbox_op (StintStore       *self,
                             const char       *account,
                             gint64            entry_id,
                             StintEntry       *entry,
                             StintOutboxKind   kind,
                             gboolean          is_stop,
                             GError          **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  g_assert (kind != STINT_OUTBOX_NONE);
  g_assert (self->depth > 0);

  stmt = stint_store_prepare (self,
                              "INSERT INTO outbox (entry_id, server_id, kind, created_at,"
                              " workspace_id, is_stop, account)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, " STINT_STORE_ACCOUNT_PARAM ")",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  stint_store_bind_id (stmt, 2, stint_entry_get_server_id (entry));
  sqlite3_bind_int (stmt, 3, kind);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 5, stint_entry_get_workspace_id (entry));
  sqlite3_bind_int (stmt, 6, is_stop ? 1 : 0);
  stint_store_bind_account (stmt, account);

  if (!stint_store_step_done (self, stmt, error))
    return FALSE;

  self->outbox_added = TRUE;

  return TRUE;
}

/**
 * stint_store_load_outbox:
 *
 * Returns: (transfer container) (element-type StintOutboxOp): every queued
 *   operation, oldest first, or %NULL on error
 */
GPtrArray *
stint_store_load_outbox (StintStore  *self,
                         GError     **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify)stint_outbox_op_free);
  g_auto(StintStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->schema_version < 2)
    return g_steal_pointer (&ops);

  stmt = stint_store_prepare_scoped (self,
                                     self->schema_version >= 3
                                     ? "SELECT " OUTBOX_COLUMNS OUTBOX_V3_COLUMNS
                                       " FROM outbox WHERE {account} ORDER BY id"
                                     : "SELECT " OUTBOX_COLUMNS OUTBOX_V3_COLUMNS_V2
                                       " FROM outbox ORDER BY id",
                                     error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StintOutboxOp *op = g_new0 (StintOutboxOp, 1);

      op->id = sqlite3_column_int64 (stmt, 0);
      op->entry_id = sqlite3_column_int64 (stmt, 1);
      op->server_id = sqlite3_column_int64 (stmt, 2);
      op->kind = sqlite3_column_int (stmt, 3);
      op->created_at = sqlite3_column_int64 (stmt, 4);
      op->attempts = (guint)MAX (sqlite3_column_int (stmt, 5), 0);
      op->last_error = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
      op->workspace_id = sqlite3_column_int64 (stmt, 7);
      op->is_stop = sqlite3_column_int (stmt, 8) != 0;
      op->next_attempt_at = sqlite3_column_int64 (stmt, 9);
      op->failed = sqlite3_column_int (stmt, 10) != 0;
      g_ptr_array_add (ops, op);
    }

  if (rc != SQLITE_DONE)
    {
      stint_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ops);
}

/* 0 also when the count cannot be read; the next write will report why. */
guint
stint_store_count_outbox (StintStore *self)
{
  g_auto(StintStoreStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (STINT_IS_STORE (self), 0);

  if (self->schema_version < 2)
    return 0;

  stmt = stint_store_prepare_scoped (self, "SELECT count(*) FROM outbox WHERE {account}", &error);
  if (stmt == NULL)
    {
      g_debug ("Counting the outbox: %s", error->message);
      return 0;
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_debug ("Counting the outbox: %s", sqlite3_errstr (rc));
      return 0;
    }

  return (guint)sqlite3_column_int64 (stmt, 0);
}

/**
 * stint_store_remove_outbox_op:
 * @error: STINT_STORE_ERROR_NOT_FOUND when @op_id is not queued
 *
 * Sync calls this once the server has the change, in the same transaction
 * as the update that records the server's answer.
 */
gboolean
stint_store_remove_outbox_op (StintStore  *self,
                              gint64       op_id,
                              GError     **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stint_store_begin (self, error))
    return FALSE;

  if (!stint_store_delete_outbox_op (self, op_id, error) ||
      !stint_store_commit (self, error))
    {
      stint_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}
