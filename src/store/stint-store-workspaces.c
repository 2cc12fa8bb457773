/* stint-store-workspaces.c: what each workspace of the account allows
 *
 * Today that is billable time: Toggl Track's free plan has none, and an
 * entry sent billable there is refused. The window hides what the workspace
 * cannot take rather than let the server say no later. Local mode has no
 * plan and allows everything; so does a workspace Stint has not heard of
 * (the server has the last word, and a refusal reaches the user anyway).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include "stint-store-private.h"

/* Under the account's meta: the workspace new entries go to, for entries
 * that do not have one yet. */
#define CURRENT_WORKSPACE_KEY "workspace"

static gboolean
write_workspace (StintStore                 *self,
                 const StintStoreWorkspace  *workspace,
                 GError                    **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  stmt = stint_store_prepare (self,
                              "INSERT INTO workspaces (account, id, name, billable)"
                              " VALUES (" STINT_STORE_ACCOUNT_PARAM ", ?1, ?2, ?3)"
                              " ON CONFLICT (account, id) DO UPDATE"
                              " SET name = excluded.name, billable = excluded.billable",
                              error);
  if (stmt == NULL)
    return FALSE;

  stint_store_bind_account (stmt, self->account);
  sqlite3_bind_int64 (stmt, 1, workspace->id);
  stint_store_bind_text (stmt, 2, workspace->name != NULL ? workspace->name : "");
  sqlite3_bind_int (stmt, 3, workspace->billable ? 1 : 0);

  return stint_store_step_done (self, stmt, error);
}

static gboolean
replace_workspaces (StintStore                 *self,
                    const StintStoreWorkspace  *workspaces,
                    guint                       n_workspaces,
                    gint64                      current_id,
                    GError                    **error)
{
  g_autofree char *key = stint_store_account_meta_key (self->account, CURRENT_WORKSPACE_KEY);
  g_autofree char *current = g_strdup_printf ("%" G_GINT64_FORMAT, current_id);

  {
    g_auto(StintStoreStmt) stmt = NULL;

    stmt = stint_store_prepare_scoped (self, "DELETE FROM workspaces WHERE {account}", error);
    if (stmt == NULL || !stint_store_step_done (self, stmt, error))
      return FALSE;
  }

  for (guint i = 0; i < n_workspaces; i++)
    if (!write_workspace (self, &workspaces[i], error))
      return FALSE;

  return stint_store_set_meta (self, key, current_id > 0 ? current : NULL, error);
}

/* Whether the account's workspace @workspace_id allows billable time; one
 * the store does not know (or cannot read) does. */
static gboolean
read_billable (StintStore *self,
               gint64      workspace_id)
{
  g_auto(StintStoreStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  stmt = stint_store_prepare_scoped (self,
                                     "SELECT billable FROM workspaces WHERE id = ?1 AND {account}",
                                     &error);
  if (stmt == NULL)
    {
      g_debug ("Reading workspace %" G_GINT64_FORMAT ": %s", workspace_id, error->message);
      return TRUE;
    }

  sqlite3_bind_int64 (stmt, 1, workspace_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0) != 0;
  if (rc != SQLITE_DONE)
    {
      stint_store_set_error (self, rc, &error);
      g_debug ("Reading workspace %" G_GINT64_FORMAT ": %s", workspace_id, error->message);
    }

  return TRUE;
}

/* Public API */

/**
 * stint_store_replace_workspaces:
 * @workspaces: (array length=n_workspaces): every workspace of the account
 * @current_id: the workspace new entries go to (the server's id), 0 if none
 *
 * Makes the account's workspaces exactly @workspaces, in one transaction,
 * and remembers which one entries without a workspace go to.
 */
gboolean
stint_store_replace_workspaces (StintStore                 *self,
                                const StintStoreWorkspace  *workspaces,
                                guint                       n_workspaces,
                                gint64                      current_id,
                                GError                    **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (workspaces != NULL || n_workspaces == 0, FALSE);
  g_return_val_if_fail (current_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stint_store_begin (self, error))
    return FALSE;

  if (!replace_workspaces (self, workspaces, n_workspaces, current_id, error) ||
      !stint_store_commit (self, error))
    {
      stint_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * stint_store_get_billable_allowed:
 * @workspace_id: an entry's workspace (the server's id), or 0 for the one
 *   new entries go to
 *
 * Returns: whether entries in @workspace_id may be billable: always in
 *   local mode and in a workspace the store has not heard of; otherwise as
 *   the last stint_store_replace_workspaces() said
 */
gboolean
stint_store_get_billable_allowed (StintStore *self,
                                  gint64      workspace_id)
{
  g_return_val_if_fail (STINT_IS_STORE (self), TRUE);

  if (self->schema_version < STINT_STORE_CLIENTS_SCHEMA ||
      g_strcmp0 (self->account, STINT_STORE_LOCAL_ACCOUNT) == 0)
    return TRUE;

  if (workspace_id == 0)
    {
      g_autofree char *key = stint_store_account_meta_key (self->account, CURRENT_WORKSPACE_KEY);
      g_autofree char *current = stint_store_get_meta (self, key);

      workspace_id = current != NULL ? g_ascii_strtoll (current, NULL, 10) : 0;
      if (workspace_id <= 0)
        return TRUE;
    }

  return read_billable (self, workspace_id);
}
