/* stint-sign-in.c: connecting Stint to a Toggl Track account, and leaving it
 *
 * A sign-in has two steps, so that a person can choose between them: check
 * the credentials (one `GET /me`, which also lists the workspaces), then
 * commit. Committing keeps the token in the keyring, optionally queues the
 * entries tracked on this computer for upload, and writes the account's
 * identity to GSettings, `account-kind` last: the running Stint follows
 * that key, so when it changes everything it needs is already in place.
 * Both `stint --sign-in` and the Preferences window go through here.
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

#include "stint-sign-in.h"
#include "api/stint-backend.h"
#include "api/stint-http.h"
#include "api/stint-track-backend.h"
#include "api/stint-track-codec.h"
#include "desktop/stint-secret.h"

struct _StintSignIn
{
  GObject               parent_instance;

  GSettings            *settings;
  StintStore           *store;
  StintClock           *clock;

  /* What the last successful check found; all NULL before one. */
  StintHttp            *http;
  StintBackend         *backend;
  StintBackendAccount  *account;
  char                 *token;
};

enum {
  COMMITTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (StintSignIn, stint_sign_in, G_TYPE_OBJECT)

static guint signals[N_SIGNALS];

/* One check in flight. Its results move into the StintSignIn only when it
 * succeeds, so a check that was cancelled or failed leaves the last good
 * one in place. */
typedef struct
{
  StintHttp     *http;
  StintBackend  *backend;
  char          *token;
} Check;

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
check_free (Check *check)
{
  g_clear_object (&check->backend);
  g_clear_object (&check->http);
  g_clear_pointer (&check->token, wipe);
  g_free (check);
}

char *
stint_sign_in_account_name (gint64 user_id)
{
  return g_strdup_printf ("track:%" G_GINT64_FORMAT, user_id);
}

static void
forget_check (StintSignIn *self)
{
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

/* Starts a check: a fresh session for @base_url, or an error on the task. */
static Check *
begin_check (StintSignIn  *self,
             GTask        *task,
             const char   *base_url)
{
  g_autoptr(GError) error = NULL;
  Check *check;

  check = g_new0 (Check, 1);
  g_task_set_task_data (task, check, (GDestroyNotify)check_free);

  check->http = stint_http_new (self->clock);
  if (!stint_http_set_base_url (check->http, base_url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }
  stint_http_set_timeout_ms (check->http, STINT_SIGN_IN_TIMEOUT_MS);
  check->backend = STINT_BACKEND (stint_track_backend_new (check->http));

  return check;
}

static void
fetch_account_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StintBackendAccount) account = NULL;
  StintSignIn *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);

  account = stint_backend_fetch_account_finish (STINT_BACKEND (object), result, &error);

  /* A cancelled check must not replace the last good one. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (account->user_id <= 0)
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY, "%s",
                               _("Toggl Track did not say which account the token belongs to."));
      return;
    }

  g_debug ("Checked the credentials of user %" G_GINT64_FORMAT ", %u workspaces",
           account->user_id, account->workspaces->len);

  forget_check (self);
  self->account = g_steal_pointer (&account);
  self->http = g_steal_pointer (&check->http);
  self->backend = g_steal_pointer (&check->backend);
  self->token = g_steal_pointer (&check->token);

  g_task_return_boolean (task, TRUE);
}

/**
 * stint_sign_in_check_token_async:
 * @base_url: the Track API, e.g. `https://api.track.toggl.com/api/v9`
 * @token: the API token from the Toggl Track profile
 *
 * Asks Toggl who @token belongs to. On success the account's user, default
 * workspace and workspaces can be read, and the sign-in committed.
 */
void
stint_sign_in_check_token_async (StintSignIn         *self,
                                 const char          *base_url,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Check *check;

  g_return_if_fail (STINT_IS_SIGN_IN (self));
  g_return_if_fail (token != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_sign_in_check_token_async);

  if (token[0] == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("Enter your API token first."));
      return;
    }

  check = begin_check (self, task, base_url);
  if (check == NULL)
    return;

  check->token = g_strdup (token);
  stint_http_set_auth (check->http, STINT_HTTP_AUTH_TRACK_TOKEN, token);
  stint_backend_fetch_account_async (check->backend, cancellable, fetch_account_cb,
                                     g_steal_pointer (&task));
}

static void
fetch_token_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StintTrackAccount) me = NULL;
  Check *check = g_task_get_task_data (task);
  GCancellable *cancellable;

  node = stint_http_request_finish (STINT_HTTP (object), result, NULL, &error);
  if (node != NULL)
    me = stint_track_codec_parse_me (node, &error);
  else if (error == NULL)
    g_set_error_literal (&error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY,
                         _("Toggl Track sent an empty answer."));

  if (me == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (me->api_token == NULL || me->api_token[0] == '\0')
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY, "%s",
                               _("Toggl Track did not send this account’s API token; copy it from "
                                 "Toggl Track → Profile settings → API Token instead."));
      return;
    }

  /* From here on the token stands in for the password, which is forgotten. */
  check->token = g_steal_pointer (&me->api_token);
  stint_http_set_auth (check->http, STINT_HTTP_AUTH_TRACK_TOKEN, check->token);
  cancellable = g_task_get_cancellable (task);
  stint_backend_fetch_account_async (check->backend, cancellable, fetch_account_cb,
                                     g_steal_pointer (&task));
}

/**
 * stint_sign_in_check_password_async:
 *
 * Like stint_sign_in_check_token_async(), with the account's email and
 * password, used once to fetch the API token from `GET /me`. Only the token
 * is kept.
 */
void
stint_sign_in_check_password_async (StintSignIn         *self,
                                    const char          *base_url,
                                    const char          *email,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Check *check;

  g_return_if_fail (STINT_IS_SIGN_IN (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_sign_in_check_password_async);

  if (email[0] == '\0' || password[0] == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("Enter your email and password first."));
      return;
    }

  /* Basic credentials cannot carry a colon in the user part. */
  if (strchr (email, ':') != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("An email address cannot contain “:”."));
      return;
    }

  check = begin_check (self, task, base_url);
  if (check == NULL)
    return;

  stint_http_set_password_auth (check->http, email, password);
  stint_http_request_async (check->http, "GET", "/me", NULL, cancellable, fetch_token_cb,
                            g_steal_pointer (&task));
}

static void
stored_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Check *check = g_task_get_task_data (task);
  GCancellable *cancellable;

  check->token = stint_secret_lookup_finish (result, &error);
  if (check->token == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The keyring holds no Toggl Track token for Stint; sign in again."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stint_http_set_auth (check->http, STINT_HTTP_AUTH_TRACK_TOKEN, check->token);
  cancellable = g_task_get_cancellable (task);
  stint_backend_fetch_account_async (check->backend, cancellable, fetch_account_cb,
                                     g_steal_pointer (&task));
}

/**
 * stint_sign_in_check_stored_async:
 *
 * Like stint_sign_in_check_token_async(), with the token the keyring keeps
 * for @base_url: what an account that is already signed in can show
 * (whose it is, its workspaces).
 */
void
stint_sign_in_check_stored_async (StintSignIn         *self,
                                  const char          *base_url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Check *check;

  g_return_if_fail (STINT_IS_SIGN_IN (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_sign_in_check_stored_async);

  check = begin_check (self, task, base_url);
  if (check == NULL)
    return;

  stint_secret_lookup_async (STINT_SECRET_KIND_TRACK, stint_http_get_base_url (check->http),
                             cancellable, stored_token_cb, g_steal_pointer (&task));
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

/* The email of the checked account, or NULL before a check succeeded. */
const char *
stint_sign_in_get_email (StintSignIn *self)
{
  g_return_val_if_fail (STINT_IS_SIGN_IN (self), NULL);

  return self->account != NULL ? self->account->email : NULL;
}

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
 * @name: (out) (optional): the workspace's name
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

  account_name = stint_sign_in_account_name (self->account->user_id);

  /* Queued in the account's outbox before the running Stint switches to
   * the account, so its first sync sends them. */
  if (commit->upload_local && self->store != NULL &&
      !stint_store_copy_local_to_account (self->store, account_name, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_settings_set_string (self->settings, "track-base-url", stint_http_get_base_url (self->http));
  g_settings_set_int64 (self->settings, "track-user-id", self->account->user_id);
  g_settings_set_int64 (self->settings, "track-workspace-id", commit->workspace_id);
  g_settings_set_string (self->settings, "account-kind", "track");

  g_debug ("Signed in as user %" G_GINT64_FORMAT ", workspace %" G_GINT64_FORMAT,
           self->account->user_id, commit->workspace_id);

  g_signal_emit (self, signals[COMMITTED], 0);
  g_task_return_boolean (task, TRUE);
}

/**
 * stint_sign_in_commit_async:
 * @workspace_id: where new entries go; 0 for the account's default workspace
 * @upload_local: also send the entries tracked on this computer (queued in
 *   the outbox, so they go once and survive a restart)
 *
 * Finishes a sign-in whose check succeeded: the token goes to the keyring,
 * then the identity to GSettings, `account-kind` last.
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
  Commit *commit;

  g_return_if_fail (STINT_IS_SIGN_IN (self));
  g_return_if_fail (self->account != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_sign_in_commit_async);

  if (workspace_id == 0)
    workspace_id = self->account->default_workspace_id;

  if (workspace_id == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("This Toggl Track account has no workspace to track time in."));
      return;
    }

  if (stint_sign_in_lookup_workspace (self, workspace_id) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("You have no access to workspace %" G_GINT64_FORMAT " in Toggl "
                                 "Track; choose one of your workspaces."), workspace_id);
      return;
    }

  commit = g_new0 (Commit, 1);
  commit->workspace_id = workspace_id;
  commit->upload_local = upload_local;
  g_task_set_task_data (task, commit, g_free);

  stint_secret_store_async (STINT_SECRET_KIND_TRACK, stint_http_get_base_url (self->http),
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

static void
sign_out_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GSettings *settings = g_task_get_task_data (task);

  /* With no keyring at all there is no token to forget: still sign out.
   * Any other failure leaves the token behind, so say so and stay. */
  if (!stint_secret_clear_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_settings_set_string (settings, "account-kind", "local");
  g_task_return_boolean (task, TRUE);
}

/**
 * stint_sign_out_async:
 *
 * Forgets the Toggl Track token (for every server) and goes back to
 * tracking on this computer. The account's entries stay in the database.
 */
void
stint_sign_out_async (GSettings           *settings,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_sign_out_async);
  g_task_set_task_data (task, g_object_ref (settings), g_object_unref);

  stint_secret_clear_async (STINT_SECRET_KIND_TRACK, NULL, cancellable, sign_out_cleared_cb,
                            g_steal_pointer (&task));
}

gboolean
stint_sign_out_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
