/* stint-backend-account.c: what a backend answers with besides entries: the
 * account (who is signed in, and their workspaces, projects, tags, customers
 * and tasks) and the changes since a sync
 *
 * Plain structures rather than objects: each is filled in once, handed
 * over, read and freed; nothing watches one change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-backend"

#include "config.h"

#include "stint-backend.h"

void
stint_backend_workspace_free (StintBackendWorkspace *workspace)
{
  if (workspace == NULL)
    return;
  g_free (workspace->name);
  g_free (workspace);
}

/**
 * stint_backend_account_new:
 *
 * Returns: (transfer full): an account with no user and every list empty,
 *   for a backend to fill
 */
StintBackendAccount *
stint_backend_account_new (void)
{
  StintBackendAccount *account = g_new0 (StintBackendAccount, 1);

  account->workspaces = g_ptr_array_new_with_free_func ((GDestroyNotify)stint_backend_workspace_free);
  account->projects = g_ptr_array_new_with_free_func (g_object_unref);
  account->tags = g_ptr_array_new_with_free_func (g_object_unref);
  account->customers = g_ptr_array_new_with_free_func (g_object_unref);
  account->tasks = g_ptr_array_new_with_free_func (g_object_unref);

  return account;
}

/**
 * stint_backend_account_add_workspace:
 *
 * Adds a workspace without a name (Focus gives none), which becomes the
 * default if @account has none yet.
 *
 * Returns: (transfer none): the workspace, owned by @account
 */
StintBackendWorkspace *
stint_backend_account_add_workspace (StintBackendAccount *account,
                                     gint64               id,
                                     gint64               organization_id)
{
  StintBackendWorkspace *workspace;

  g_return_val_if_fail (account != NULL, NULL);

  workspace = g_new0 (StintBackendWorkspace, 1);
  workspace->id = id;
  workspace->organization_id = organization_id;
  g_ptr_array_add (account->workspaces, workspace);
  if (account->default_workspace_id == 0)
    account->default_workspace_id = id;

  return workspace;
}

void
stint_backend_account_free (StintBackendAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->email);
  g_free (account->name);
  g_clear_pointer (&account->workspaces, g_ptr_array_unref);
  g_clear_pointer (&account->projects, g_ptr_array_unref);
  g_clear_pointer (&account->tags, g_ptr_array_unref);
  g_clear_pointer (&account->customers, g_ptr_array_unref);
  g_clear_pointer (&account->tasks, g_ptr_array_unref);
  g_free (account);
}

void
stint_backend_changes_free (StintBackendChanges *changes)
{
  if (changes == NULL)
    return;
  g_clear_pointer (&changes->entries, g_ptr_array_unref);
  g_clear_pointer (&changes->deleted_ids, g_array_unref);
  g_free (changes);
}
