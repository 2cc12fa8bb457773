/* stint-store-entries.c: time entries
 *
 * A change the server must hear about is written together with its outbox
 * operation (stint-store-outbox.c) in one transaction, so after a crash either
 * both are on disk or neither is: nothing the user did is lost, nothing is
 * sent twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "stint-store-private.h"

/* Reading an older file read-only (`stint --status` beside an older Stint)
 * must not name the columns it lacks: the sync ones arrived in schema 2,
 * is_break in schema 4. */
#define ENTRY_COLUMNS \
  "id, server_id, workspace_id, project_id, task_id, description, tags, billable, start, stop, at"
#define ENTRY_SYNC_COLUMNS     ", sync_state, sync_error"
#define ENTRY_SYNC_COLUMNS_V1  ", 0, NULL"
#define ENTRY_BREAK_COLUMN     ", is_break "
#define ENTRY_BREAK_COLUMN_V3  ", 0 "

static char *
tags_to_json (const char * const *tags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* Anything but an array of strings reads as no tags rather than failing the
 * whole load: the entry itself is still worth showing. */
static char **
tags_from_json (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (json != NULL)
    root = json_from_string (json, &error);

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
    }
  else
    g_debug ("Tags column is not a JSON array: %s",
             error != NULL ? error->message : "other type");

  return g_strv_builder_end (builder);
}

/* A SELECT of entries; @rest is the FROM clause on, scoped with {account}. */
sqlite3_stmt *
stint_store_prepare_entry_select (StintStore  *self,
                                  const char  *rest,
                                  GError     **error)
{
  g_autofree char *sql = NULL;

  sql = g_strconcat ("SELECT " ENTRY_COLUMNS,
                     self->schema_version >= 2 ? ENTRY_SYNC_COLUMNS : ENTRY_SYNC_COLUMNS_V1,
                     self->schema_version >= STINT_STORE_CLIENTS_SCHEMA
                     ? ENTRY_BREAK_COLUMN : ENTRY_BREAK_COLUMN_V3,
                     rest, NULL);

  return stint_store_prepare_scoped (self, sql, error);
}

StintEntry *
stint_store_entry_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(StintEntry) entry = stint_entry_new ();
  g_auto(GStrv) tags = NULL;
  int sync_state;

  stint_entry_set_id (entry, sqlite3_column_int64 (stmt, 0));
  stint_entry_set_server_id (entry, sqlite3_column_int64 (stmt, 1));
  stint_entry_set_workspace_id (entry, sqlite3_column_int64 (stmt, 2));
  stint_entry_set_project_id (entry, sqlite3_column_int64 (stmt, 3));
  stint_entry_set_task_id (entry, sqlite3_column_int64 (stmt, 4));
  stint_entry_set_description (entry, (const char *)sqlite3_column_text (stmt, 5));
  tags = tags_from_json ((const char *)sqlite3_column_text (stmt, 6));
  stint_entry_set_tags (entry, (const char * const *)tags);
  stint_entry_set_billable (entry, sqlite3_column_int (stmt, 7) != 0);
  stint_entry_set_start (entry, sqlite3_column_int64 (stmt, 8));
  stint_entry_set_stop (entry, sqlite3_column_int64 (stmt, 9));   /* NULL reads as 0: running */
  stint_entry_set_at (entry, sqlite3_column_int64 (stmt, 10));

  sync_state = sqlite3_column_int (stmt, 11);
  if (sync_state < STINT_SYNC_STATE_SYNCED || sync_state > STINT_SYNC_STATE_FAILED)
    sync_state = STINT_SYNC_STATE_PENDING;
  stint_entry_set_sync_state (entry, sync_state, (const char *)sqlite3_column_text (stmt, 12));
  stint_entry_set_break (entry, sqlite3_column_int (stmt, 13) != 0);

  return g_steal_pointer (&entry);
}

/* Writes every column of @entry into @account: a new row when @insert (with
 * @entry's id, or a fresh one when that is 0), else over the row with
 * @entry's id. Sets @id to the row's id. */
gboolean
stint_store_write_entry (StintStore       *self,
                         const char       *account,
                         StintEntry       *entry,
                         StintSyncState    sync_state,
                         const char       *sync_error,
                         gboolean          insert,
                         gint64           *id,
                         GError          **error)
{
  g_auto(StintStoreStmt) stmt = NULL;
  g_autofree char *tags = NULL;
  const char *description;

  if (insert)
    stmt = stint_store_prepare_scoped (self,
                                       "INSERT INTO entries (id, server_id, workspace_id,"
                                       " project_id, task_id, description, tags, billable, start,"
                                       " stop, at, sync_state, sync_error, is_break, account)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                                       " ?13, ?14, " STINT_STORE_ACCOUNT_PARAM ")",
                                       error);
  else
    stmt = stint_store_prepare_scoped (self,
                                       "UPDATE entries SET server_id = ?2, workspace_id = ?3,"
                                       " project_id = ?4, task_id = ?5, description = ?6,"
                                       " tags = ?7, billable = ?8, start = ?9, stop = ?10,"
                                       " at = ?11, sync_state = ?12, sync_error = ?13,"
                                       " is_break = ?14"
                                       " WHERE id = ?1 AND {account}",
                                       error);
  if (stmt == NULL)
    return FALSE;

  stint_store_bind_account (stmt, account);

  description = stint_entry_get_description (entry);
  tags = tags_to_json (stint_entry_get_tags (entry));

  stint_store_bind_id (stmt, 1, stint_entry_get_id (entry));
  stint_store_bind_id (stmt, 2, stint_entry_get_server_id (entry));
  sqlite3_bind_int64 (stmt, 3, stint_entry_get_workspace_id (entry));
  sqlite3_bind_int64 (stmt, 4, stint_entry_get_project_id (entry));
  sqlite3_bind_int64 (stmt, 5, stint_entry_get_task_id (entry));
  stint_store_bind_text (stmt, 6, description != NULL ? description : "");
  stint_store_bind_text (stmt, 7, tags);
  sqlite3_bind_int (stmt, 8, stint_entry_get_billable (entry) ? 1 : 0);
  sqlite3_bind_int64 (stmt, 9, stint_entry_get_start (entry));
  stint_store_bind_id (stmt, 10, stint_entry_get_stop (entry));
  sqlite3_bind_int64 (stmt, 11, stint_entry_get_at (entry));
  sqlite3_bind_int (stmt, 12, sync_state);
  stint_store_bind_text (stmt, 13, sync_error);
  sqlite3_bind_int (stmt, 14, stint_entry_get_break (entry) ? 1 : 0);

  if (!stint_store_step_done (self, stmt, error))
    return FALSE;

  if (insert)
    {
      *id = sqlite3_last_insert_rowid (self->db);
    }
  else if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                           _("That entry is no longer stored."));
      return FALSE;
    }
  else
    {
      *id = stint_entry_get_id (entry);
    }

  return TRUE;
}

/* Whether the row @id is running: an update that ends it is a stop. */
static gboolean
row_is_running (StintStore  *self,
                gint64       id,
                gboolean    *running,
                GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;
  gint64 value = 0;

  stmt = stint_store_prepare_scoped (self,
                                     "SELECT stop IS NULL FROM entries WHERE id = ?1 AND {account}",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!stint_store_step_int64 (self, stmt, &value, error))
    return FALSE;

  *running = value != 0;
  return TRUE;
}

static gboolean
remove_entry_row (StintStore  *self,
                  gint64       id,
                  GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  stmt = stint_store_prepare_scoped (self, "DELETE FROM entries WHERE id = ?1 AND {account}",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!stint_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                           _("That entry is no longer stored."));
      return FALSE;
    }

  return TRUE;
}

typedef enum {
  CHANGE_INSERT,
  CHANGE_UPDATE,
  CHANGE_DELETE,
} Change;

/* The three writes share one shape: a transaction around the row and, when
 * the server is to hear of it, the outbox operation. @entry changes only
 * after the commit. */
static gboolean
change_entry (StintStore       *self,
              StintEntry       *entry,
              Change            change,
              StintOutboxKind   kind,
              GError          **error)
{
  gint64 id = stint_entry_get_id (entry);
  gboolean was_running = FALSE;
  gboolean ok;

  if (!stint_store_begin (self, error))
    return FALSE;

  /* A change queued for the server is pending until the server confirms;
   * otherwise (local mode, or sync recording the server's answer) the
   * entry's own state is stored. */
  if (change == CHANGE_DELETE)
    ok = remove_entry_row (self, id, error);
  else if (kind != STINT_OUTBOX_NONE)
    ok = (change == CHANGE_INSERT || row_is_running (self, id, &was_running, error)) &&
         stint_store_write_entry (self, self->account, entry, STINT_SYNC_STATE_PENDING, NULL,
                                  change == CHANGE_INSERT, &id, error);
  else
    ok = stint_store_write_entry (self, self->account, entry,
                                  stint_entry_get_sync_state (entry),
                                  stint_entry_get_sync_error (entry),
                                  change == CHANGE_INSERT, &id, error);

  if (!ok ||
      (kind != STINT_OUTBOX_NONE &&
       !stint_store_write_outbox_op (self, self->account, id, entry, kind,
                                     was_running && !stint_entry_is_running (entry), error)) ||
      !stint_store_commit (self, error))
    {
      stint_store_rollback (self);
      return FALSE;
    }

  stint_entry_set_id (entry, id);
  if (kind != STINT_OUTBOX_NONE)
    stint_entry_set_sync_state (entry, STINT_SYNC_STATE_PENDING, NULL);

  g_debug ("Entry %" G_GINT64_FORMAT ": change %d, outbox kind %d", id, change, kind);

  return TRUE;
}

/**
 * stint_store_insert_entry:
 * @entry: the new entry; its id is set from the new row (a non-zero id is
 *   kept, e.g. to restore a deleted entry)
 * @kind: %STINT_OUTBOX_CREATE to queue it for the server, or
 *   %STINT_OUTBOX_NONE (local mode, or an entry that came from the server)
 * @error: STINT_STORE_ERROR_CONSTRAINT when another entry is running, …
 *
 * With an outbox operation, the entry's sync state becomes pending, in the
 * row and on @entry.
 */
gboolean
stint_store_insert_entry (StintStore       *self,
                          StintEntry       *entry,
                          StintOutboxKind   kind,
                          GError          **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (STINT_IS_ENTRY (entry), FALSE);
  g_return_val_if_fail (kind != STINT_OUTBOX_DELETE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_entry (self, entry, CHANGE_INSERT, kind, error);
}

/**
 * stint_store_update_entry:
 * @entry: a stored entry with all its fields as they should be
 * @kind: %STINT_OUTBOX_UPDATE, %STINT_OUTBOX_CREATE (upload a local entry),
 *   or %STINT_OUTBOX_NONE, which stores @entry's own sync state and error
 * @error: STINT_STORE_ERROR_NOT_FOUND when the row is gone, …
 */
gboolean
stint_store_update_entry (StintStore       *self,
                          StintEntry       *entry,
                          StintOutboxKind   kind,
                          GError          **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (STINT_IS_ENTRY (entry), FALSE);
  g_return_val_if_fail (stint_entry_get_id (entry) > 0, FALSE);
  g_return_val_if_fail (kind != STINT_OUTBOX_DELETE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_entry (self, entry, CHANGE_UPDATE, kind, error);
}

/**
 * stint_store_delete_entry:
 * @entry: a stored entry; it keeps its id, so it can be inserted again (undo)
 * @kind: %STINT_OUTBOX_DELETE or %STINT_OUTBOX_NONE
 * @error: STINT_STORE_ERROR_NOT_FOUND when the row is gone, …
 */
gboolean
stint_store_delete_entry (StintStore       *self,
                          StintEntry       *entry,
                          StintOutboxKind   kind,
                          GError          **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (STINT_IS_ENTRY (entry), FALSE);
  g_return_val_if_fail (stint_entry_get_id (entry) > 0, FALSE);
  g_return_val_if_fail (kind == STINT_OUTBOX_NONE || kind == STINT_OUTBOX_DELETE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_entry (self, entry, CHANGE_DELETE, kind, error);
}

/**
 * stint_store_load_entry:
 * @error: STINT_STORE_ERROR_NOT_FOUND when there is no entry @id
 *
 * Returns: (transfer full): the entry, or %NULL
 */
StintEntry *
stint_store_load_entry (StintStore  *self,
                        gint64       id,
                        GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->schema_version >= 1)
    {
      stmt = stint_store_prepare_entry_select (self, "FROM entries WHERE id = ?1 AND {account}",
                                               error);
      if (stmt == NULL)
        return NULL;

      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        return stint_store_entry_from_row (stmt);
      if (rc != SQLITE_DONE)
        {
          stint_store_set_error (self, rc, error);
          return NULL;
        }
    }

  g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                       _("That entry is no longer stored."));
  return NULL;
}

/**
 * stint_store_load_running:
 *
 * Returns: (transfer full) (nullable): the running entry; %NULL without an
 *   error when none runs
 */
StintEntry *
stint_store_load_running (StintStore  *self,
                          GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->schema_version < 1)
    return NULL;

  stmt = stint_store_prepare_entry_select (self,
                                           "FROM entries WHERE stop IS NULL AND {account}"
                                           " ORDER BY start DESC LIMIT 1",
                                           error);
  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return stint_store_entry_from_row (stmt);
  if (rc != SQLITE_DONE)
    stint_store_set_error (self, rc, error);

  return NULL;
}

/**
 * stint_store_load_entries:
 * @from: earliest start, included (Unix seconds)
 * @to: latest start, excluded
 * @limit: the most entries to return; 0 for all
 *
 * Entries that started in [@from, @to), the running one included, newest
 * first.
 *
 * Returns: (transfer container) (element-type StintEntry): the entries, or
 *   %NULL on error
 */
GPtrArray *
stint_store_load_entries (StintStore  *self,
                          gint64       from,
                          gint64       to,
                          guint        limit,
                          GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(StintStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->schema_version < 1)
    return g_steal_pointer (&entries);

  stmt = stint_store_prepare_entry_select (self,
                                           "FROM entries WHERE start >= ?1 AND start < ?2"
                                           " AND {account}"
                                           " ORDER BY start DESC, id DESC LIMIT ?3",
                                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64)limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, stint_store_entry_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      stint_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
