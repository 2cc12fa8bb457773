/* stint-store-projects.c: projects and tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-store-private.h"

#define PROJECT_COLUMNS "id, server_id, workspace_id, name, color, active"

/* What is read, with the client's id and name; files older than schema 4
 * (read-only) have no clients. Client ids are unique across accounts, so
 * the name needs no scoping of its own. */
#define PROJECT_SELECT \
  "SELECT " PROJECT_COLUMNS ", client_id," \
  " (SELECT name FROM clients WHERE clients.id = projects.client_id) FROM projects"
#define PROJECT_SELECT_V3 "SELECT " PROJECT_COLUMNS ", 0, NULL FROM projects"

static StintProject *
project_from_row (sqlite3_stmt *stmt)
{
  StintProject *project;

  project = stint_project_new (sqlite3_column_int64 (stmt, 0),
                               (const char *)sqlite3_column_text (stmt, 3),
                               (const char *)sqlite3_column_text (stmt, 4));
  stint_project_set_server_id (project, sqlite3_column_int64 (stmt, 1));
  stint_project_set_workspace_id (project, sqlite3_column_int64 (stmt, 2));
  stint_project_set_active (project, sqlite3_column_int (stmt, 5) != 0);
  stint_project_set_customer_id (project, sqlite3_column_int64 (stmt, 6));
  stint_project_set_customer_name (project, (const char *)sqlite3_column_text (stmt, 7));

  return project;
}

static sqlite3_stmt *
prepare_project_select (StintStore  *self,
                        const char  *rest,
                        GError     **error)
{
  g_autofree char *sql = NULL;

  sql = g_strconcat (self->schema_version >= STINT_STORE_CLIENTS_SCHEMA
                     ? PROJECT_SELECT : PROJECT_SELECT_V3,
                     rest, NULL);

  return stint_store_prepare_scoped (self, sql, error);
}

/* Writes @project into @account: a new row when @insert, else over the row
 * with its id. Sets @id to the row's id. */
gboolean
stint_store_write_project (StintStore    *self,
                           const char    *account,
                           StintProject  *project,
                           gboolean       insert,
                           gint64        *id,
                           GError       **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  if (insert)
    stmt = stint_store_prepare (self,
                                "INSERT INTO projects (" PROJECT_COLUMNS ", client_id, account)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                                " " STINT_STORE_ACCOUNT_PARAM ")",
                                error);
  else
    stmt = stint_store_prepare_scoped (self,
                                       "UPDATE projects SET server_id = ?2, workspace_id = ?3,"
                                       " name = ?4, color = ?5, active = ?6, client_id = ?7"
                                       " WHERE id = ?1 AND {account}",
                                       error);
  if (stmt == NULL)
    return FALSE;

  stint_store_bind_account (stmt, account);

  stint_store_bind_id (stmt, 1, stint_project_get_id (project));
  stint_store_bind_id (stmt, 2, stint_project_get_server_id (project));
  sqlite3_bind_int64 (stmt, 3, stint_project_get_workspace_id (project));
  stint_store_bind_text (stmt, 4, stint_project_get_name (project));
  stint_store_bind_text (stmt, 5, stint_project_get_color (project));
  sqlite3_bind_int (stmt, 6, stint_project_get_active (project) ? 1 : 0);
  sqlite3_bind_int64 (stmt, 7, stint_project_get_customer_id (project));

  if (!stint_store_step_done (self, stmt, error))
    return FALSE;

  if (!insert && sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                           _("That project is no longer stored."));
      return FALSE;
    }

  *id = insert ? sqlite3_last_insert_rowid (self->db) : stint_project_get_id (project);

  return TRUE;
}

static gboolean
change_project (StintStore    *self,
                StintProject  *project,
                gboolean       insert,
                GError       **error)
{
  gint64 id = 0;

  if (!stint_store_begin (self, error))
    return FALSE;

  if (!stint_store_write_project (self, self->account, project, insert, &id, error) ||
      !stint_store_commit (self, error))
    {
      stint_store_rollback (self);
      return FALSE;
    }

  stint_project_set_id (project, id);

  return TRUE;
}

static gboolean
write_tag (StintStore  *self,
           StintTag    *tag,
           gint64      *id,
           GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  stmt = stint_store_prepare_scoped (self,
                                     "INSERT INTO tags (id, server_id, workspace_id, name, account)"
                                     " VALUES (?1, ?2, ?3, ?4, " STINT_STORE_ACCOUNT_PARAM ")",
                                     error);
  if (stmt == NULL)
    return FALSE;

  stint_store_bind_id (stmt, 1, stint_tag_get_id (tag));
  stint_store_bind_id (stmt, 2, stint_tag_get_server_id (tag));
  sqlite3_bind_int64 (stmt, 3, stint_tag_get_workspace_id (tag));
  stint_store_bind_text (stmt, 4, stint_tag_get_name (tag));

  if (!stint_store_step_done (self, stmt, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (self->db);

  return TRUE;
}

/**
 * stint_store_load_projects:
 *
 * Returns: (transfer container) (element-type StintProject): every project,
 *   by name, or %NULL on error
 */
GPtrArray *
stint_store_load_projects (StintStore  *self,
                           GError     **error)
{
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(StintStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->schema_version < 1)
    return g_steal_pointer (&projects);

  stmt = prepare_project_select (self, " WHERE {account} ORDER BY name COLLATE NOCASE, id",
                                 error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (projects, project_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      stint_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&projects);
}

/**
 * stint_store_load_project:
 * @error: STINT_STORE_ERROR_NOT_FOUND when there is no project @id
 *
 * Returns: (transfer full): the project, or %NULL
 */
StintProject *
stint_store_load_project (StintStore  *self,
                          gint64       id,
                          GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->schema_version >= 1)
    {
      stmt = prepare_project_select (self, " WHERE id = ?1 AND {account}", error);
      if (stmt == NULL)
        return NULL;

      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        return project_from_row (stmt);
      if (rc != SQLITE_DONE)
        {
          stint_store_set_error (self, rc, error);
          return NULL;
        }
    }

  g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                       _("That project is no longer stored."));
  return NULL;
}

/**
 * stint_store_insert_project:
 * @project: the new project; its id is set from the new row
 */
gboolean
stint_store_insert_project (StintStore    *self,
                            StintProject  *project,
                            GError       **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (STINT_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_project (self, project, TRUE, error);
}

gboolean
stint_store_update_project (StintStore    *self,
                            StintProject  *project,
                            GError       **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (STINT_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (stint_project_get_id (project) > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_project (self, project, FALSE, error);
}

/**
 * stint_store_load_tags:
 *
 * Returns: (transfer container) (element-type StintTag): every tag, by
 *   name, or %NULL on error
 */
GPtrArray *
stint_store_load_tags (StintStore  *self,
                       GError     **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(StintStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->schema_version < 1)
    return g_steal_pointer (&tags);

  stmt = stint_store_prepare_scoped (self,
                                     "SELECT id, server_id, workspace_id, name FROM tags"
                                     " WHERE {account} ORDER BY name COLLATE NOCASE, id",
                                     error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StintTag *tag = stint_tag_new (sqlite3_column_int64 (stmt, 0),
                                     (const char *)sqlite3_column_text (stmt, 3));

      stint_tag_set_server_id (tag, sqlite3_column_int64 (stmt, 1));
      stint_tag_set_workspace_id (tag, sqlite3_column_int64 (stmt, 2));
      g_ptr_array_add (tags, tag);
    }

  if (rc != SQLITE_DONE)
    {
      stint_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&tags);
}

/**
 * stint_store_insert_tag:
 * @tag: the new tag; its id is set from the new row
 * @error: STINT_STORE_ERROR_CONSTRAINT when the workspace has a tag of that
 *   name already
 */
gboolean
stint_store_insert_tag (StintStore  *self,
                        StintTag    *tag,
                        GError     **error)
{
  gint64 id = 0;

  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (STINT_IS_TAG (tag), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stint_store_begin (self, error))
    return FALSE;

  if (!write_tag (self, tag, &id, error) ||
      !stint_store_commit (self, error))
    {
      stint_store_rollback (self);
      return FALSE;
    }

  stint_tag_set_id (tag, id);

  return TRUE;
}
