/* stint-sign-in.c: connecting Stint to a Toggl account
 *
 * A sign-in has two steps, so that a person can choose between them: check
 * the credentials (for Toggl Track one `GET /me`, which also lists the
 * workspaces, in stint-sign-in-track.c; for Toggl Focus one cheap request
 * in the organization and workspace named, in stint-sign-in-focus.c), then
 * commit. Committing keeps the token in the keyring, optionally queues the
 * entries tracked on this computer for upload, and writes the account's
 * identity to GSettings, `account-kind` last: the running Stint follows
 * that key, so when it changes everything it needs is already in place.
 * Both `stint --sign-in` and the Preferences window go through here;
 * leaving an account is stint-sign-out.c's.
 *
 * The token stays in this object's memory (wiped when replaced or freed)
 * and in StintHttp's; it is never put in a property, a log or an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sign-in"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "stint-sign-in-private.h"
#include "api/stint-track-backend.h"
#include "desktop/stint-secret.h"

enum {
  COMMITTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (StintSignIn, stint_sign_in, G_TYPE_OBJECT)

static guint signals[N_SIGNALS];

static void
wipe (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static void
check_free (StintSignInCheck *check)
{
  g_clear_object (&check->backend);
  g_clear_object (&check->http);
  g_clear_pointer (&check->token, wipe);
  g_free (check);
}

/* The store keeps each account's data apart under these names. */
char *
stint_sign_in_account_name (gint64 user_id)
{
  return g_strdup_printf ("track:%" G_GINT64_FORMAT, user_id);
}

/* Focus tells no user id to an API key: the organization and workspace
 * name the data instead. */
char *
stint_sign_in_focus_account_name (gint64 organization_id,
                                  gint64 workspace_id)
{
  return g_strdup_printf ("focus:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                          organization_id, workspace_id);
}

/**
 * stint_sign_in_settings_account:
 *
 * Returns: (nullable): the store account the settings name:
 *   %STINT_STORE_LOCAL_ACCOUNT in local mode, or %NULL when they name a
 *   Toggl account without its ids (settings edited by hand)
 */
char *
stint_sign_in_settings_account (GSettings *settings)
{
  g_autofree char *kind = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  kind = g_settings_get_string (settings, "account-kind");
  if (g_str_equal (kind, STINT_SIGN_IN_KIND_TRACK))
    {
      gint64 user_id = g_settings_get_int64 (settings, "track-user-id");

      return user_id > 0 ? stint_sign_in_account_name (user_id) : NULL;
    }
  if (g_str_equal (kind, STINT_SIGN_IN_KIND_FOCUS))
    {
      gint64 organization_id = g_settings_get_int64 (settings, "focus-organization-id");
      gint64 workspace_id = g_settings_get_int64 (settings, "focus-workspace-id");

      if (organization_id <= 0 || workspace_id <= 0)
        return NULL;
      return stint_sign_in_focus_account_name (organization_id, workspace_id);
    }

  return g_strdup (STINT_STORE_LOCAL_ACCOUNT);
}

static void
forget_check (StintSignIn *self)
{
  self->kind = NULL;
  self->organization_id = 0;
  g_clear_pointer (&self->account, stint_backend_account_free);
  g_clear_object (&self->backend);
  g_clear_object (&self->http);
  g_clear_pointer (&self->token, wipe);
}

static void
stint_sign_in_dispose (GObject *object)
{
  StintSignIn *self = (StintSignIn *)object;

  forget_check (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (stint_sign_in_parent_class)->dispose (object);
}

static void
stint_sign_in_class_init (StintSignInClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = stint_sign_in_dispose;

  /**
   * StintSignIn::committed:
   *
   * A sign-in was committed: the keyring holds the token and the settings
   * name the account, even if they named the same one before (a new token
   * for the same account changes no setting).
   */
  signals[COMMITTED] =
    g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
stint_sign_in_init (StintSignIn *self)
{
}

/**
 * stint_sign_in_new:
 * @settings: where the account's identity is written
 * @store: (nullable): the database, to count and upload the entries tracked
 *   on this computer; without it nothing is uploaded
 */
StintSignIn *
stint_sign_in_new (GSettings  *settings,
                   StintStore *store,
                   StintClock *clock)
{
  StintSignIn *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store == NULL || STINT_IS_STORE (store), NULL);
  g_return_val_if_fail (STINT_IS_CLOCK (clock), NULL);

  self = g_object_new (STINT_TYPE_SIGN_IN, NULL);
  self->settings = g_object_ref (settings);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->clock = g_object_ref (clock);

  return self;
}

/* The kinds of account are the keyring's kinds of secret. */
static const char *
secret_kind (const char *kind)
{
  return g_str_equal (kind, STINT_SIGN_IN_KIND_FOCUS) ? STINT_SECRET_KIND_FOCUS
                                                      : STINT_SECRET_KIND_TRACK;
}

/* Starts a check: a fresh session for @base_url, or an error on the task.
 * A Track check gets its backend here; a Focus one once it knows the
 * workspace. */
StintSignInCheck *
_stint_sign_in_begin_check (StintSignIn     *self,
                            GTask           *task,
                            const char      *kind,
                            const char      *base_url,
                            StintSignInStep  with_token)
{
  g_autoptr(GError) error = NULL;
  StintSignInCheck *check;

  check = g_new0 (StintSignInCheck, 1);
  check->kind = kind;
  check->with_token = with_token;
  g_task_set_task_data (task, check, (GDestroyNotify)check_free);

  check->http = stint_http_new (self->clock);
  if (!stint_http_set_base_url (check->http, base_url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }
  stint_http_set_timeout_ms (check->http, STINT_SIGN_IN_TIMEOUT_MS);
  if (g_str_equal (kind, STINT_SIGN_IN_KIND_TRACK))
    check->backend = STINT_BACKEND (stint_track_backend_new (check->http));

  return check;
}

/* The check on @task succeeded with @account (taken): what it found
 * replaces what the last one did, and the task returns. */
void
_stint_sign_in_return_account (GTask               *task,
                               StintBackendAccount *account)
{
  StintSignIn *self = g_task_get_source_object (task);
  StintSignInCheck *check = g_task_get_task_data (task);

  forget_check (self);
  self->kind = check->kind;
  self->organization_id = check->organization_id;
  self->account = account;
  self->http = g_steal_pointer (&check->http);
  self->backend = g_steal_pointer (&check->backend);
  self->token = g_steal_pointer (&check->token);

  g_task_return_boolean (task, TRUE);
}

static void
stored_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  StintSignInCheck *check = g_task_get_task_data (task);

  check->token = stint_secret_lookup_finish (result, &error);
  if (check->token != NULL)
    {
      check->with_token (g_steal_pointer (&task));
      return;
    }

  if (error == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         g_str_equal (check->kind, STINT_SIGN_IN_KIND_FOCUS)
                         ? _("The keyring holds no Toggl Focus API key for Stint; sign in again.")
                         : _("The keyring holds no Toggl Track token for Stint; sign in again."));
  g_task_return_error (task, g_steal_pointer (&error));
}

/* Goes on with the token the keyring keeps for the check's kind of account
 * and server; takes @task. */
void
_stint_sign_in_lookup_stored (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  StintSignInCheck *check = g_task_get_task_data (task);
  /* Read before the task moves: arguments are evaluated in any order. */
  GCancellable *cancellable = g_task_get_cancellable (task);

  stint_secret_lookup_async (secret_kind (check->kind), stint_http_get_base_url (check->http),
                             cancellable, stored_token_cb, g_steal_pointer (&task));
}

/**
 * stint_sign_in_check_stored_async:
 * @base_url: (nullable): the server, or %NULL for the one the settings name
 *
 * Like stint_sign_in_check_token_async() or
 * stint_sign_in_check_focus_async(), for the account `account-kind` names,
 * with the token the keyring keeps for it: what an account that is already
 * signed in can show (whose it is, its workspaces). A Focus account is
 * checked in the organization and workspace its settings name.
 */
void
stint_sign_in_check_stored_async (StintSignIn         *self,
                                  const char          *base_url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *setting = NULL;
  gboolean focus;

  g_return_if_fail (STINT_IS_SIGN_IN (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_sign_in_check_stored_async);

  kind = g_settings_get_string (self->settings, "account-kind");
  focus = g_str_equal (kind, STINT_SIGN_IN_KIND_FOCUS);
  if (base_url == NULL)
    base_url = setting = g_settings_get_string (self->settings,
                                                focus ? "focus-base-url" : "track-base-url");

  if (focus)
    _stint_sign_in_check_stored_focus (self, g_steal_pointer (&task), base_url);
  else
    _stint_sign_in_check_stored_track (self, g_steal_pointer (&task), base_url);
}

gboolean
stint_sign_in_check_finish (StintSignIn   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (STINT_IS_SIGN_IN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The kind of account the last successful check was for
 * (STINT_SIGN_IN_KIND_TRACK or _FOCUS), or NULL before one. */
const char *
stint_sign_in_get_kind (StintSignIn *self)
{
  g_return_val_if_fail (STINT_IS_SIGN_IN (self), NULL);

  return self->kind;
}

/* The Toggl Focus organization the last check was for; 0 for Track. */
gint64
stint_sign_in_get_organization_id (StintSignIn *self)
{
  g_return_val_if_fail (STINT_IS_SIGN_IN (self), 0);

  return self->organization_id;
}

/* The email of the checked account, or NULL before a check succeeded (and
 * for Focus, which does not tell it to an API key). */
const char *
stint_sign_in_get_email (StintSignIn *self)
{
  g_return_val_if_fail (STINT_IS_SIGN_IN (self), NULL);

  return self->account != NULL ? self->account->email : NULL;
}

/* Track's user id; 0 for Focus, which has none for an API key. */
gint64
stint_sign_in_get_user_id (StintSignIn *self)
{
  g_return_val_if_fail (STINT_IS_SIGN_IN (self), 0);

  return self->account != NULL ? self->account->user_id : 0;
}

gint64
stint_sign_in_get_default_workspace (StintSignIn *self)
{
  g_return_val_if_fail (STINT_IS_SIGN_IN (self), 0);

  return self->account != NULL ? self->account->default_workspace_id : 0;
}

guint
stint_sign_in_get_n_workspaces (StintSignIn *self)
{
  g_return_val_if_fail (STINT_IS_SIGN_IN (self), 0);

  return self->account != NULL ? self->account->workspaces->len : 0;
}

/**
 * stint_sign_in_get_workspace:
 * @name: (out) (optional): the workspace's name; %NULL for a Focus workspace,
 *   whose name the API does not give
 *
 * Returns: the id of the @index-th workspace of the checked account
 */
gint64
stint_sign_in_get_workspace (StintSignIn  *self,
                             guint         index,
                             const char  **name)
{
  StintBackendWorkspace *workspace;

  g_return_val_if_fail (STINT_IS_SIGN_IN (self), 0);
  g_return_val_if_fail (index < stint_sign_in_get_n_workspaces (self), 0);

  workspace = g_ptr_array_index (self->account->workspaces, index);
  if (name != NULL)
    *name = workspace->name;

  return workspace->id;
}

/* The name of a workspace of the checked account, or NULL if it has none by
 * that id: the user has no access to it. */
const char *
stint_sign_in_lookup_workspace (StintSignIn *self,
                                gint64       workspace_id)
{
  g_return_val_if_fail (STINT_IS_SIGN_IN (self), NULL);

  for (guint i = 0; i < stint_sign_in_get_n_workspaces (self); i++)
    {
      const char *name;

      if (stint_sign_in_get_workspace (self, i, &name) == workspace_id)
        return name != NULL ? name : "";
    }

  return NULL;
}

/* Entries tracked on this computer without an account, which signing in
 * could upload. */
guint
stint_sign_in_count_local_entries (StintSignIn *self)
{
  g_return_val_if_fail (STINT_IS_SIGN_IN (self), 0);

  if (self->store == NULL)
    return 0;

  return stint_store_count_account_entries (self->store, STINT_STORE_LOCAL_ACCOUNT);
}

typedef struct
{
  gint64    workspace_id;
  gboolean  upload_local;
} Commit;

/* The store account a commit of the checked account writes to. */
static char *
committed_account_name (StintSignIn *self,
                        gint64       workspace_id)
{
  if (g_str_equal (self->kind, STINT_SIGN_IN_KIND_FOCUS))
    return stint_sign_in_focus_account_name (self->organization_id, workspace_id);
  return stint_sign_in_account_name (self->account->user_id);
}

static void
commit_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *account_name = NULL;
  StintSignIn *self = g_task_get_source_object (task);
  Commit *commit = g_task_get_task_data (task);

  if (!stint_secret_store_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  account_name = committed_account_name (self, commit->workspace_id);

  /* Queued in the account's outbox before the running Stint switches to
   * the account, so its first sync sends them. */
  if (commit->upload_local && self->store != NULL &&
      !stint_store_copy_local_to_account (self->store, account_name, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_str_equal (self->kind, STINT_SIGN_IN_KIND_FOCUS))
    _stint_sign_in_write_focus (self, commit->workspace_id);
  else
    {
      g_settings_set_string (self->settings, "track-base-url",
                             stint_http_get_base_url (self->http));
      g_settings_set_int64 (self->settings, "track-user-id", self->account->user_id);
      g_settings_set_int64 (self->settings, "track-workspace-id", commit->workspace_id);
      g_settings_set_string (self->settings, "account-kind", STINT_SIGN_IN_KIND_TRACK);
    }

  g_debug ("Signed in as %s, workspace %" G_GINT64_FORMAT, account_name, commit->workspace_id);

  g_signal_emit (self, signals[COMMITTED], 0);
  g_task_return_boolean (task, TRUE);
}

/**
 * stint_sign_in_commit_async:
 * @workspace_id: where new entries go; 0 for the account's default workspace
 *   (for Focus, the one the check was for, the only one it may be)
 * @upload_local: also send the entries tracked on this computer (queued in
 *   the outbox, so they go once and survive a restart)
 *
 * Finishes a sign-in whose check succeeded, for the kind of account it
 * checked: the token goes to the keyring, then the identity to GSettings,
 * `account-kind` last.
 */
void
stint_sign_in_commit_async (StintSignIn         *self,
                            gint64               workspace_id,
                            gboolean             upload_local,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gboolean focus;
  Commit *commit;

  g_return_if_fail (STINT_IS_SIGN_IN (self));
  g_return_if_fail (self->account != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_sign_in_commit_async);
  focus = g_str_equal (self->kind, STINT_SIGN_IN_KIND_FOCUS);

  if (workspace_id == 0)
    workspace_id = self->account->default_workspace_id;

  if (focus && !_stint_sign_in_check_focus_commit (self, workspace_id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (workspace_id == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("This Toggl Track account has no workspace to track time in."));
      return;
    }

  if (stint_sign_in_lookup_workspace (self, workspace_id) == NULL)
    {
      /* Not G_GINT64_FORMAT: gettext cannot see through it. */
      g_autofree char *workspace = g_strdup_printf ("%" G_GINT64_FORMAT, workspace_id);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               /* Translators: %s is a workspace id, a number */
                               _("You have no access to workspace %s in Toggl Track; choose one "
                                 "of your workspaces."), workspace);
      return;
    }

  commit = g_new0 (Commit, 1);
  commit->workspace_id = workspace_id;
  commit->upload_local = upload_local;
  g_task_set_task_data (task, commit, g_free);

  stint_secret_store_async (secret_kind (self->kind), stint_http_get_base_url (self->http),
                            self->token, cancellable, commit_stored_cb, g_steal_pointer (&task));
}

gboolean
stint_sign_in_commit_finish (StintSignIn   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (STINT_IS_SIGN_IN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
