/* stint-sign-in-track.c: checking Toggl Track credentials
 *
 * One `GET /me` says whose token it is and lists the workspaces. With an
 * email and password, one more `GET /me` first trades them for the API
 * token, which is all Stint keeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sign-in-track"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "stint-sign-in-private.h"
#include "api/stint-track-codec.h"

static void
fetch_account_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StintBackendAccount) account = NULL;

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

  _stint_sign_in_return_account (task, g_steal_pointer (&account));
}

/* With the token on the check: asks Toggl whose it is. Takes @task. */
static void
fetch_account (GTask *task)
{
  StintSignInCheck *check = g_task_get_task_data (task);

  stint_http_set_auth (check->http, STINT_HTTP_AUTH_TRACK_TOKEN, check->token);
  stint_backend_fetch_account_async (check->backend, g_task_get_cancellable (task),
                                     fetch_account_cb, task);
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
  StintSignInCheck *check;

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

  check = _stint_sign_in_begin_check (self, task, STINT_SIGN_IN_KIND_TRACK, base_url,
                                      fetch_account);
  if (check == NULL)
    return;

  check->token = g_strdup (token);
  fetch_account (g_steal_pointer (&task));
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
  StintSignInCheck *check = g_task_get_task_data (task);

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
  fetch_account (g_steal_pointer (&task));
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
  StintSignInCheck *check;

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

  check = _stint_sign_in_begin_check (self, task, STINT_SIGN_IN_KIND_TRACK, base_url,
                                      fetch_account);
  if (check == NULL)
    return;

  stint_http_set_password_auth (check->http, email, password);
  stint_http_request_async (check->http, "GET", "/me", NULL, cancellable, fetch_token_cb,
                            g_steal_pointer (&task));
}

/* stint_sign_in_check_stored_async() for Track; takes @task. */
void
_stint_sign_in_check_stored_track (StintSignIn *self,
                                   GTask       *task_in,
                                   const char  *base_url)
{
  g_autoptr(GTask) task = task_in;

  if (_stint_sign_in_begin_check (self, task, STINT_SIGN_IN_KIND_TRACK, base_url,
                                  fetch_account) != NULL)
    _stint_sign_in_lookup_stored (g_steal_pointer (&task));
}
