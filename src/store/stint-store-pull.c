/* stint-store-pull.c: the server's own changes, applied to the cache
 *
 * Pulled entries, deletions, projects and tags land here. The rule of the
 * house: a change the user made that still waits in the outbox wins over
 * anything pulled, so a pulled row never overwrites or deletes an entry
 * with a pending operation; after that, the newer `at` wins. The answers
 * to what was sent follow other rules and are in stint-store-sync.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include "stint-store-private.h"

/* The local row for a server id, and whether it has an operation waiting. */
static gboolean
find_by_server_id (StintStore  *self,
                   gint64       server_id,
                   gint64      *id,
                   gboolean    *pending,
                   GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;
  int rc;

  stmt = stint_store_prepare_scoped (self,
                                     "SELECT id, EXISTS (SELECT 1 FROM outbox"
                                     "  WHERE outbox.entry_id = entries.id)"
                                     " FROM entries WHERE server_id = ?1 AND {account}",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, server_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *pending = sqlite3_column_int (stmt, 1) != 0;
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      *id = 0;
      *pending = FALSE;
      return TRUE;
    }

  stint_store_set_error (self, rc, error);
  return FALSE;
}

/* The local id of the project the server knows as @server_id; 0 if none. */
gint64
stint_store_project_local_id (StintStore *self,
                              gint64      server_id)
{
  g_return_val_if_fail (STINT_IS_STORE (self), 0);

  if (server_id == 0)
    return 0;

  return stint_store_query_id (self, "SELECT id FROM projects WHERE server_id = ?1 AND {account}",
                               server_id);
}

static gboolean
write_pulled_entry (StintStore  *self,
                    StintEntry  *pulled,
                    gint64      *local_id,
                    GError     **error)
{
  g_autoptr(StintEntry) copy = stint_entry_copy (pulled);
  g_autoptr(StintEntry) stored = NULL;
  gboolean pending = FALSE;
  gint64 project_id;
  gint64 id = 0;

  *local_id = 0;

  if (!find_by_server_id (self, stint_entry_get_server_id (pulled), &id, &pending, error))
    return FALSE;

  /* Deleted here, the delete not yet on the server: the row is gone, its
   * operation is not, and it wins as any pending change does. */
  if (id == 0)
    pending = stint_store_query_id (self,
                                    "SELECT EXISTS (SELECT 1 FROM outbox"
                                    " WHERE server_id = ?1 AND {account})",
                                    stint_entry_get_server_id (pulled)) != 0;

  if (pending)
    {
      g_debug ("Pulled entry %" G_GINT64_FORMAT " waits behind a local change",
               stint_entry_get_server_id (pulled));
      return TRUE;
    }

  stint_entry_set_id (copy, id);
  project_id = stint_store_project_local_id (self, stint_entry_get_project_id (pulled));
  stint_entry_set_project_id (copy, project_id);
  stint_entry_set_sync_state (copy, STINT_SYNC_STATE_SYNCED, NULL);

  if (id != 0)
    stored = stint_store_load_entry (self, id, NULL);

  /* Older than what the server last told us (a reply to our own change
   * came after the state this pull read): the newer `at` wins. */
  if (stored != NULL && stint_entry_get_at (copy) > 0 &&
      stint_entry_get_at (stored) > stint_entry_get_at (copy))
    {
      g_debug ("Pulled entry %" G_GINT64_FORMAT " is older than the stored one",
               stint_entry_get_server_id (pulled));
      return TRUE;
    }

  if (stored != NULL &&
      stint_entry_equal_content (stored, copy) &&
      stint_entry_get_at (stored) == stint_entry_get_at (copy) &&
      stint_entry_get_sync_state (stored) == STINT_SYNC_STATE_SYNCED)
    return TRUE;

  if (!stint_store_write_entry (self, self->account, copy, STINT_SYNC_STATE_SYNCED, NULL,
                                id == 0, &id, error))
    return FALSE;

  *local_id = id;

  return TRUE;
}

/**
 * stint_store_apply_pulled_entry:
 * @pulled: an entry as the server has it: its server-id and project-id are
 *   the server's
 * @local_id: (out): the row written, or 0 when nothing changed: the same as
 *   stored, or a local change waits for the server and wins
 * @error: STINT_STORE_ERROR_CONSTRAINT when it runs while another entry of
 *   the account runs, …
 *
 * Inserts or updates the entry with @pulled's server id, unless an operation
 * for it is pending. An unknown project reads as none.
 */
gboolean
stint_store_apply_pulled_entry (StintStore  *self,
                                StintEntry  *pulled,
                                gint64      *local_id,
                                GError     **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (STINT_IS_ENTRY (pulled), FALSE);
  g_return_val_if_fail (stint_entry_get_server_id (pulled) > 0, FALSE);
  g_return_val_if_fail (local_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  STINT_STORE_IN_TRANSACTION (self, error, write_pulled_entry (self, pulled, local_id, error));

  return TRUE;
}

static gboolean
delete_pulled (StintStore  *self,
               gint64       server_id,
               gint64      *local_id,
               GError     **error)
{
  gboolean pending = FALSE;
  gint64 id = 0;

  *local_id = 0;

  if (!find_by_server_id (self, server_id, &id, &pending, error))
    return FALSE;

  if (id == 0 || pending)
    return TRUE;

  if (!stint_store_run_write (self, "DELETE FROM entries WHERE id = ?1 AND {account}",
                              id, 0, 0, NULL, NULL, error))
    return FALSE;

  *local_id = id;

  return TRUE;
}

/**
 * stint_store_apply_pulled_deletion:
 * @local_id: (out): the row deleted, or 0: none had @server_id, or a local
 *   change waits for the server and wins
 *
 * Deletes the entry the server deleted, unless an operation for it is
 * pending.
 */
gboolean
stint_store_apply_pulled_deletion (StintStore  *self,
                                   gint64       server_id,
                                   gint64      *local_id,
                                   GError     **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (server_id > 0, FALSE);
  g_return_val_if_fail (local_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  STINT_STORE_IN_TRANSACTION (self, error, delete_pulled (self, server_id, local_id, error));

  return TRUE;
}

static gboolean
write_pulled_project (StintStore    *self,
                      StintProject  *project,
                      GError       **error)
{
  g_auto(StintStoreStmt) stmt = NULL;
  gint64 id;

  id = stint_store_project_local_id (self, stint_project_get_server_id (project));

  /* A project made here before the server knew it (or copied from local
   * mode) becomes the server's project of the same name. */
  if (id == 0)
    {
      stmt = stint_store_prepare_scoped (self,
                                         "SELECT id FROM projects WHERE server_id IS NULL"
                                         " AND name = ?1 AND {account} ORDER BY id LIMIT 1",
                                         error);
      if (stmt == NULL)
        return FALSE;

      stint_store_bind_text (stmt, 1, stint_project_get_name (project));
      if (!stint_store_step_int64 (self, stmt, &id, error))
        return FALSE;
    }

  stint_project_set_id (project, id);
  stint_project_set_customer_id (project,
                                 stint_store_customer_local_id (self,
                                                                stint_project_get_customer_id (project)));

  if (!stint_store_write_project (self, self->account, project, id == 0, &id, error))
    return FALSE;

  stint_project_set_id (project, id);

  return TRUE;
}

/**
 * stint_store_apply_pulled_project:
 * @project: a project as the server has it (server-id set); its id and
 *   customer-id are set to the local rows'
 *
 * Inserts or updates the project with @project's server id. Its client is
 * looked up among those stint_store_replace_customers() stored, so that
 * comes first; an unknown one reads as none.
 */
gboolean
stint_store_apply_pulled_project (StintStore    *self,
                                  StintProject  *project,
                                  GError       **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (STINT_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (stint_project_get_server_id (project) > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  STINT_STORE_IN_TRANSACTION (self, error, write_pulled_project (self, project, error));

  return TRUE;
}

static gboolean
write_pulled_tag (StintStore  *self,
                  StintTag    *tag,
                  GError     **error)
{
  g_auto(StintStoreStmt) find = NULL;
  g_auto(StintStoreStmt) write = NULL;
  gint64 id = 0;

  /* By server id, else the tag of that name in the workspace (made here, or
   * one the server renamed away). */
  find = stint_store_prepare_scoped (self,
                                     "SELECT id FROM tags"
                                     " WHERE (server_id = ?1 OR (workspace_id = ?2 AND name = ?3))"
                                     " AND {account} ORDER BY server_id IS NOT ?1, id LIMIT 1",
                                     error);
  if (find == NULL)
    return FALSE;

  sqlite3_bind_int64 (find, 1, stint_tag_get_server_id (tag));
  sqlite3_bind_int64 (find, 2, stint_tag_get_workspace_id (tag));
  stint_store_bind_text (find, 3, stint_tag_get_name (tag));
  if (!stint_store_step_int64 (self, find, &id, error))
    return FALSE;

  if (id != 0)
    write = stint_store_prepare_scoped (self,
                                        "UPDATE tags SET server_id = ?2, workspace_id = ?3,"
                                        " name = ?4 WHERE id = ?1 AND {account}",
                                        error);
  else
    write = stint_store_prepare_scoped (self,
                                        "INSERT INTO tags (id, server_id, workspace_id, name,"
                                        " account)"
                                        " VALUES (?1, ?2, ?3, ?4, " STINT_STORE_ACCOUNT_PARAM ")",
                                        error);
  if (write == NULL)
    return FALSE;

  stint_store_bind_id (write, 1, id);
  sqlite3_bind_int64 (write, 2, stint_tag_get_server_id (tag));
  sqlite3_bind_int64 (write, 3, stint_tag_get_workspace_id (tag));
  stint_store_bind_text (write, 4, stint_tag_get_name (tag));
  if (!stint_store_step_done (self, write, error))
    return FALSE;

  stint_tag_set_id (tag, id != 0 ? id : sqlite3_last_insert_rowid (self->db));

  return TRUE;
}

/**
 * stint_store_apply_pulled_tag:
 * @tag: a tag as the server has it (server-id set); its id is set to the
 *   local row's
 *
 * Inserts or updates the tag with @tag's server id.
 */
gboolean
stint_store_apply_pulled_tag (StintStore  *self,
                              StintTag    *tag,
                              GError     **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (STINT_IS_TAG (tag), FALSE);
  g_return_val_if_fail (stint_tag_get_server_id (tag) > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  STINT_STORE_IN_TRANSACTION (self, error, write_pulled_tag (self, tag, error));

  return TRUE;
}
