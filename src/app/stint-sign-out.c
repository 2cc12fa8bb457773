/* stint-sign-out.c: leaving an account: its token, its cache, and what has
 * not reached Toggl yet
 *
 * Signing out forgets the token (keyring and memory), goes back to local
 * mode, and removes the account's copy of Toggl's data from the database:
 * the next sign-in fetches it again. Changes the user made that Toggl has
 * not seen yet are theirs, not a cache: by default they stay, with the
 * entries and projects they refer to, and go out when the same account
 * signs in again; only an explicit choice discards them. Entries tracked
 * on this computer (local mode) are never touched.
 *
 * Both Preferences and `stint --sign-out` go through here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sign-out"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-sign-out.h"
#include "stint-sign-in.h"
#include "core/stint-status.h"
#include "desktop/stint-secret.h"

typedef struct
{
  GSettings            *settings;
  StintStore           *store;
  char                 *account;
  StintSignOutUnsynced  unsynced;
  guint                 n_unsynced;
} SignOut;

static void
sign_out_free (SignOut *sign_out)
{
  g_clear_object (&sign_out->settings);
  g_clear_object (&sign_out->store);
  g_free (sign_out->account);
  g_free (sign_out);
}

/* Runs @func with @store scoped to @account, and puts the scope back: the
 * running Stint may already show local mode again. */
typedef gboolean (*ScopedFunc) (StintStore *store, gpointer data, GError **error);

static gboolean
with_account (StintStore  *store,
              const char  *account,
              ScopedFunc   func,
              gpointer     data,
              GError     **error)
{
  g_autofree char *current = g_strdup (stint_store_get_account (store));
  g_autoptr(GError) restore_error = NULL;
  gboolean switched = g_strcmp0 (current, account) != 0;
  gboolean ok;

  if (switched && !stint_store_set_account (store, account, error))
    return FALSE;

  ok = func (store, data, error);

  if (switched && !stint_store_set_account (store, current, &restore_error))
    {
      if (ok)
        g_propagate_error (error, g_steal_pointer (&restore_error));
      return FALSE;
    }

  return ok;
}

/* The entries with a change in the outbox, a parked (refused) one included. */
static GHashTable *
load_unsynced_ids (StintStore  *store,
                   GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) ops = stint_store_load_outbox (store, error);

  if (ops == NULL)
    return NULL;

  for (guint i = 0; i < ops->len; i++)
    {
      StintOutboxOp *op = g_ptr_array_index (ops, i);

      g_hash_table_add (ids, g_memdup2 (&op->entry_id, sizeof op->entry_id));
    }

  return g_steal_pointer (&ids);
}

static gboolean
count_scoped (StintStore  *store,
              gpointer     data,
              GError     **error)
{
  g_autoptr(GHashTable) ids = load_unsynced_ids (store, error);

  if (ids == NULL)
    return FALSE;

  *(guint *)data = g_hash_table_size (ids);
  return TRUE;
}

static gboolean
keep_unsynced_scoped (StintStore  *store,
                      gpointer     data,
                      GError     **error)
{
  /* What the running Stint said about syncing, and where the last pull
   * stopped: with the cache gone, the next sign-in must fetch everything. */
  static const char * const stale_meta[] = {
    "since", STINT_STATUS_META_PROBLEM, STINT_STATUS_META_SYNC,
  };
  const char *account = data;
  g_autoptr(GHashTable) unsynced = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint n_removed = 0;

  if (!stint_store_begin (store, error))
    return FALSE;

  unsynced = load_unsynced_ids (store, error);
  entries = unsynced != NULL ? stint_store_load_entries (store, G_MININT64, G_MAXINT64, 0, error)
                             : NULL;
  if (entries == NULL)
    goto failed;

  for (guint i = 0; i < entries->len; i++)
    {
      StintEntry *entry = g_ptr_array_index (entries, i);
      gint64 id = stint_entry_get_id (entry);

      if (g_hash_table_contains (unsynced, &id))
        continue;
      if (!stint_store_delete_entry (store, entry, STINT_OUTBOX_NONE, error))
        goto failed;
      n_removed++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (stale_meta); i++)
    {
      g_autofree char *key = stint_store_account_meta_key (account, stale_meta[i]);

      if (!stint_store_set_meta (store, key, NULL, error))
        goto failed;
    }

  if (!stint_store_commit (store, error))
    goto failed;

  /* Projects and tags stay: the kept changes refer to them, and the next
   * sign-in's pull brings them up to date. */
  g_debug ("Removed %u cached entries of %s, kept %u with changes to send",
           n_removed, account, g_hash_table_size (unsynced));
  return TRUE;

failed:
  stint_store_rollback (store);
  return FALSE;
}

/**
 * stint_sign_out_account_name:
 *
 * Returns: (transfer full) (nullable): the store's name for the account the
 *   settings name ("track:<user id>", "focus:<organization>:<workspace>"),
 *   or %NULL in local mode or when the settings name no account
 */
char *
stint_sign_out_account_name (GSettings *settings)
{
  g_autofree char *account = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  account = stint_sign_in_settings_account (settings);
  if (account == NULL || g_str_equal (account, STINT_STORE_LOCAL_ACCOUNT))
    return NULL;

  return g_steal_pointer (&account);
}

/**
 * stint_sign_out_count_unsynced:
 * @account: an account, not "local"
 *
 * Returns: how many entries of @account have changes Toggl has not seen
 *   (0 also when they cannot be counted)
 */
guint
stint_sign_out_count_unsynced (StintStore *store,
                               const char *account)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_return_val_if_fail (STINT_IS_STORE (store), 0);
  g_return_val_if_fail (account != NULL, 0);

  if (!with_account (store, account, count_scoped, &n, &error))
    g_debug ("Counting the changes of %s: %s", account, error->message);

  return n;
}

/**
 * stint_sign_out_purge:
 * @account: the account signed out of, not "local"
 *
 * Removes @account's cached data from the database: everything with
 * %STINT_SIGN_OUT_DISCARD_UNSYNCED; with %STINT_SIGN_OUT_KEEP_UNSYNCED the
 * entries with changes Toggl has not seen stay, with their outbox and the
 * projects and tags, for the next sign-in to the same account.
 */
gboolean
stint_sign_out_purge (StintStore            *store,
                      const char            *account,
                      StintSignOutUnsynced   unsynced,
                      GError               **error)
{
  gboolean current;

  g_return_val_if_fail (STINT_IS_STORE (store), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);
  g_return_val_if_fail (!g_str_equal (account, STINT_STORE_LOCAL_ACCOUNT), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Forgetting an account scopes the store back to local mode when it was
   * the current one: what the running Stint does next anyway, and what
   * `stint --status` then reads. */
  if (unsynced == STINT_SIGN_OUT_DISCARD_UNSYNCED)
    return stint_store_forget_account (store, account, error);

  current = g_strcmp0 (stint_store_get_account (store), account) == 0;
  if (!with_account (store, account, keep_unsynced_scoped, (gpointer)account, error))
    return FALSE;

  return !current || stint_store_set_account (store, STINT_STORE_LOCAL_ACCOUNT, error);
}

static gboolean
purge_cb (gpointer user_data)
{
  GTask *task = user_data;
  SignOut *sign_out = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Signed out already: the purge finishes even if cancelled now. */
  if (!stint_sign_out_purge (sign_out->store, sign_out->account, sign_out->unsynced, &error))
    {
      g_message ("Signed out, but the cache of %s stays: %s", sign_out->account, error->message);
      g_task_return_new_error (task, error->domain, error->code,
                               _("Signed out, but Stint could not remove the account’s entries "
                                 "from its database: %s"), error->message);
      return G_SOURCE_REMOVE;
    }

  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static void
token_cleared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SignOut *sign_out = g_task_get_task_data (task);

  /* With no keyring at all there is no token to forget: still sign out.
   * Any other failure leaves the token behind, so say so and stay. */
  if (!stint_secret_clear_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Signed out from here on, whatever happens to the caller's cancellable. */
  g_task_set_check_cancellable (task, FALSE);
  g_settings_set_string (sign_out->settings, "account-kind", "local");

  if (sign_out->store == NULL || sign_out->account == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* After the running Stint (in this process, when Preferences signs out)
   * has let go of the account: it follows the setting from an idle of
   * default priority, and a sync it stops must not answer into rows that
   * are gone. */
  g_idle_add_full (G_PRIORITY_LOW, purge_cb, g_object_ref (task), g_object_unref);
}

/**
 * stint_sign_out_account_async:
 * @store: (nullable): the database, to clear the account's cache from;
 *   %NULL leaves it as it is
 * @unsynced: what becomes of changes Toggl has not seen yet
 *
 * Signs out of the account the settings name: forgets its token (for every
 * server), goes back to local mode, then clears the account's cache
 * (stint_sign_out_purge()).
 */
void
stint_sign_out_account_async (GSettings            *settings,
                              StintStore           *store,
                              StintSignOutUnsynced  unsynced,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *kind = NULL;
  SignOut *sign_out;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (store == NULL || STINT_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_sign_out_account_async);

  sign_out = g_new0 (SignOut, 1);
  sign_out->settings = g_object_ref (settings);
  sign_out->store = store != NULL ? g_object_ref (store) : NULL;
  sign_out->unsynced = unsynced;
  /* Named before the settings change: afterwards they say "local". */
  sign_out->account = stint_sign_out_account_name (settings);
  if (store != NULL && sign_out->account != NULL)
    sign_out->n_unsynced = stint_sign_out_count_unsynced (store, sign_out->account);
  g_task_set_task_data (task, sign_out, (GDestroyNotify)sign_out_free);

  kind = g_settings_get_string (settings, "account-kind");
  if (g_str_equal (kind, STINT_SECRET_KIND_FOCUS))
    stint_secret_clear_async (STINT_SECRET_KIND_FOCUS, NULL, cancellable, token_cleared_cb,
                              g_steal_pointer (&task));
  else if (g_str_equal (kind, STINT_SECRET_KIND_TRACK))
    stint_secret_clear_async (STINT_SECRET_KIND_TRACK, NULL, cancellable, token_cleared_cb,
                              g_steal_pointer (&task));
  else
    g_task_return_boolean (task, TRUE);  /* local mode: nothing to leave */
}

/**
 * stint_sign_out_account_finish:
 * @n_kept: (out) (optional): how many entries with changes Toggl has not
 *   seen stay for the next sign-in (0 when they were discarded)
 */
gboolean
stint_sign_out_account_finish (GAsyncResult  *result,
                               guint         *n_kept,
                               GError       **error)
{
  SignOut *sign_out;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  sign_out = g_task_get_task_data (G_TASK (result));
  if (n_kept != NULL)
    *n_kept = sign_out->unsynced == STINT_SIGN_OUT_KEEP_UNSYNCED ? sign_out->n_unsynced : 0;

  return g_task_propagate_boolean (G_TASK (result), error);
}
