/* stint-store-accounts.c: whose rows the store shows, uploading, forgetting
 *
 * One file holds local mode and any connected accounts side by side: every
 * entry, project, tag and outbox row carries its account, and the store reads
 * and writes only the current one. Local mode's rows are never moved or
 * deleted by an account: signing in copies them (when the user asks), signing
 * out deletes only that account's rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-store-private.h"

/* The meta key that names the current account, for `stint --status`. */
#define ACCOUNT_KEY "account"

/* Sets the current account from the file, as the app last left it. */
void
stint_store_read_account (StintStore *self)
{
  g_autofree char *account = NULL;

  if (self->schema_version < STINT_STORE_ACCOUNT_SCHEMA)
    return;

  account = stint_store_get_meta (self, ACCOUNT_KEY);
  if (account != NULL && account[0] != '\0')
    {
      g_free (self->account);
      self->account = g_steal_pointer (&account);
      self->account_stored = TRUE;
    }
}

static gboolean
delete_account_rows (StintStore  *self,
                     const char  *sql,
                     const char  *account,
                     GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  stmt = stint_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  stint_store_bind_account (stmt, account);

  return stint_store_step_done (self, stmt, error);
}

/* The id of @account's project standing for the local project @local_id:
 * one of the same name (preferring one the server knows), else a copy made
 * now, which the sync layer leaves out of requests until it has a server id. */
static gboolean
map_project (StintStore  *self,
             const char  *account,
             gint64       local_id,
             GHashTable  *mapped,
             gint64      *id,
             GError     **error)
{
  g_autoptr(StintProject) project = NULL;
  gint64 *known;

  known = g_hash_table_lookup (mapped, &local_id);
  if (known != NULL)
    {
      *id = *known;
      return TRUE;
    }

  {
    g_auto(StintStoreStmt) stmt = NULL;

    stmt = stint_store_prepare (self,
                                "SELECT name, color, active FROM projects"
                                " WHERE id = ?1 AND account = " STINT_STORE_ACCOUNT_PARAM,
                                error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, local_id);
    stint_store_bind_account (stmt, STINT_STORE_LOCAL_ACCOUNT);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      {
        /* A project id without its row: the entry is copied without it. */
        *id = 0;
        return TRUE;
      }

    project = stint_project_new (0, (const char *)sqlite3_column_text (stmt, 0),
                                 (const char *)sqlite3_column_text (stmt, 1));
    stint_project_set_active (project, sqlite3_column_int (stmt, 2) != 0);
  }

  {
    g_auto(StintStoreStmt) stmt = NULL;

    stmt = stint_store_prepare (self,
                                "SELECT id FROM projects"
                                " WHERE name = ?1 AND account = " STINT_STORE_ACCOUNT_PARAM
                                " ORDER BY server_id IS NULL, id LIMIT 1",
                                error);
    if (stmt == NULL)
      return FALSE;

    stint_store_bind_text (stmt, 1, stint_project_get_name (project));
    stint_store_bind_account (stmt, account);
    if (!stint_store_step_int64 (self, stmt, id, error))
      return FALSE;
  }

  if (*id == 0 && !stint_store_write_project (self, account, project, TRUE, id, error))
    return FALSE;

  g_hash_table_insert (mapped, g_memdup2 (&local_id, sizeof local_id), g_memdup2 (id, sizeof *id));

  return TRUE;
}

static GPtrArray *
load_local_entries (StintStore  *self,
                    GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(StintStoreStmt) stmt = NULL;
  int rc;

  stmt = stint_store_prepare_entry_select (self, "FROM entries WHERE {account} ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  stint_store_bind_account (stmt, STINT_STORE_LOCAL_ACCOUNT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, stint_store_entry_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      stint_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

static gboolean
copy_entries (StintStore  *self,
              const char  *account,
              guint       *n_copied,
              GError     **error)
{
  g_autoptr(GHashTable) mapped = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        g_free, g_free);
  g_autoptr(GPtrArray) entries = NULL;

  entries = load_local_entries (self, error);
  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(StintEntry) copy = stint_entry_copy (g_ptr_array_index (entries, i));
      g_autoptr(GError) local_error = NULL;
      gint64 project_id = 0;
      gint64 id = 0;

      if (stint_entry_get_project_id (copy) != 0 &&
          !map_project (self, account, stint_entry_get_project_id (copy), mapped,
                        &project_id, error))
        return FALSE;

      stint_entry_set_id (copy, 0);
      stint_entry_set_server_id (copy, 0);
      stint_entry_set_project_id (copy, project_id);
      stint_entry_set_at (copy, 0);

      if (!stint_store_write_entry (self, account, copy, STINT_SYNC_STATE_PENDING, NULL, TRUE,
                                    &id, &local_error))
        {
          if (g_error_matches (local_error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT) &&
              stint_entry_is_running (copy))
            g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT,
                                 _("The account already has a running entry. Stop it, or the "
                                   "local one, before uploading."));
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!stint_store_write_outbox_op (self, account, id, copy, STINT_OUTBOX_CREATE, FALSE, error))
        return FALSE;
    }

  *n_copied = entries->len;

  return TRUE;
}

/* Public API */

/**
 * stint_store_account_meta_key:
 * @account: an account, as stint_store_set_account() takes it
 * @name: what the value is, e.g. "since"
 *
 * Meta keys made this way belong to @account and are removed with its rows
 * by stint_store_forget_account().
 *
 * Returns: (transfer full): "@account/@name"
 */
char *
stint_store_account_meta_key (const char *account,
                              const char *name)
{
  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_strconcat (account, "/", name, NULL);
}

/**
 * stint_store_get_account:
 *
 * Returns: the account every read and write is scoped to: "local" (local
 *   mode), "track:<user id>", …
 */
const char *
stint_store_get_account (StintStore *self)
{
  g_return_val_if_fail (STINT_IS_STORE (self), NULL);

  return self->account;
}

/**
 * stint_store_set_account:
 * @account: "local", or the account signed in to, e.g. "track:<user id>"
 *
 * Scopes every later read and write of entries, projects, tags and the
 * outbox to @account, and remembers it in the file, where a read-only store
 * (`stint --status`) and the next start find it. Not inside a transaction.
 */
gboolean
stint_store_set_account (StintStore  *self,
                         const char  *account,
                         GError     **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL && account[0] != '\0', FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Every start names its account again; the file need not change. */
  if (self->account_stored && g_strcmp0 (self->account, account) == 0)
    return TRUE;

  if (!stint_store_set_meta (self, ACCOUNT_KEY, account, error))
    return FALSE;
  self->account_stored = TRUE;

  if (g_strcmp0 (self->account, account) != 0)
    {
      g_free (self->account);
      self->account = g_strdup (account);
      g_debug ("Account is now %s", account);
    }

  return TRUE;
}

/**
 * stint_store_forget_account:
 * @account: an account other than "local"
 *
 * Deletes every entry, project, tag, client, workspace, outbox operation
 * and account meta key (stint_store_account_meta_key()) of @account, in one
 * transaction: what signing out does. When @account is the current one, the
 * store goes back to local mode.
 */
gboolean
stint_store_forget_account (StintStore  *self,
                            const char  *account,
                            GError     **error)
{
  static const char * const deletes[] = {
    "DELETE FROM outbox WHERE account = " STINT_STORE_ACCOUNT_PARAM,
    "DELETE FROM entries WHERE account = " STINT_STORE_ACCOUNT_PARAM,
    "DELETE FROM projects WHERE account = " STINT_STORE_ACCOUNT_PARAM,
    "DELETE FROM tags WHERE account = " STINT_STORE_ACCOUNT_PARAM,
    "DELETE FROM clients WHERE account = " STINT_STORE_ACCOUNT_PARAM,
    "DELETE FROM workspaces WHERE account = " STINT_STORE_ACCOUNT_PARAM,
    "DELETE FROM meta WHERE substr (key, 1, length (" STINT_STORE_ACCOUNT_PARAM ") + 1) = "
    STINT_STORE_ACCOUNT_PARAM " || '/'",
  };
  gboolean current;

  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL && account[0] != '\0', FALSE);
  g_return_val_if_fail (g_strcmp0 (account, STINT_STORE_LOCAL_ACCOUNT) != 0, FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  current = g_strcmp0 (self->account, account) == 0;

  if (!stint_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    if (!delete_account_rows (self, deletes[i], account, error))
      {
        stint_store_rollback (self);
        return FALSE;
      }

  if ((current && !stint_store_set_meta (self, ACCOUNT_KEY, STINT_STORE_LOCAL_ACCOUNT, error)) ||
      !stint_store_commit (self, error))
    {
      stint_store_rollback (self);
      return FALSE;
    }

  if (current)
    {
      g_free (self->account);
      self->account = g_strdup (STINT_STORE_LOCAL_ACCOUNT);
    }

  g_debug ("Forgot account %s", account);

  return TRUE;
}

/**
 * stint_store_count_account_entries:
 *
 * Returns: how many entries @account has, whatever the current account is
 *   (0 also when they cannot be counted): e.g. whether there are local
 *   entries to offer for upload
 */
guint
stint_store_count_account_entries (StintStore *self,
                                   const char *account)
{
  g_auto(StintStoreStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count = 0;

  g_return_val_if_fail (STINT_IS_STORE (self), 0);
  g_return_val_if_fail (account != NULL, 0);

  if (self->schema_version < STINT_STORE_ACCOUNT_SCHEMA)
    return 0;

  stmt = stint_store_prepare (self,
                              "SELECT count(*) FROM entries"
                              " WHERE account = " STINT_STORE_ACCOUNT_PARAM,
                              &error);
  if (stmt != NULL)
    {
      stint_store_bind_account (stmt, account);
      stint_store_step_int64 (self, stmt, &count, &error);
    }
  if (error != NULL)
    g_debug ("Counting the entries of %s: %s", account, error->message);

  return (guint)count;
}

/**
 * stint_store_copy_local_to_account:
 * @account: the account to upload to, not "local"
 * @n_copied: (out) (optional): how many entries were copied
 * @error: STINT_STORE_ERROR_CONSTRAINT when both have a running entry, …
 *
 * "Upload my local entries": copies every local entry into @account as a new
 * row with a create operation, in one transaction. Local mode keeps its own
 * rows. A local entry's project becomes @account's project of the same name,
 * or a copy of it that the server does not know yet.
 */
gboolean
stint_store_copy_local_to_account (StintStore  *self,
                                   const char  *account,
                                   guint       *n_copied,
                                   GError     **error)
{
  guint n = 0;

  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL && account[0] != '\0', FALSE);
  g_return_val_if_fail (g_strcmp0 (account, STINT_STORE_LOCAL_ACCOUNT) != 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stint_store_begin (self, error))
    return FALSE;

  if (!copy_entries (self, account, &n, error) ||
      !stint_store_commit (self, error))
    {
      stint_store_rollback (self);
      return FALSE;
    }

  g_debug ("Copied %u local entries to %s", n, account);

  if (n_copied != NULL)
    *n_copied = n;

  return TRUE;
}
