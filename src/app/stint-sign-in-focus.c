/* stint-sign-in-focus.c: checking a Toggl Focus API key
 *
 * Focus lists no organizations or workspaces to an API key
 * (shared/api/README.md §3.4), so the person names the organization, which
 * is in the address of the Focus web app, and the workspace too, or Stint
 * takes the one their Focus settings call current (`GET /users/me/settings`).
 * Then one cheap request inside both, `GET …/tracking/current`, says whether
 * the key is good there: 401 for a key that is wrong or has expired, 403 or
 * 404 for an organization or workspace the key may not use.
 *
 * What a Focus check knows afterwards is that one workspace, without a
 * name (none of these answers carries one), and no user id: the store keeps
 * the account's data under its organization and workspace instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sign-in-focus"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-sign-in-private.h"
#include "api/stint-focus-backend.h"
#include "api/stint-focus-codec.h"

/* Says what a refusal means at sign-in, where the person can still fix it;
 * other errors (no network, a server failing) say enough already. */
static void
return_refusal (GTask   *task,
                GError  *error)
{
  StintSignInCheck *check = g_task_get_task_data (task);

  if (g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_AUTH))
    {
      g_debug ("Focus refused the key: %s", error->message);
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_AUTH, "%s",
                               _("This API key is not valid or has expired — create a new one in "
                                 "Toggl Focus and sign in with it."));
      g_error_free (error);
      return;
    }

  if (g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_FORBIDDEN) ||
      g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND))
    {
      g_autofree char *workspace = g_strdup_printf ("%" G_GINT64_FORMAT, check->workspace_id);
      g_autofree char *organization = g_strdup_printf ("%" G_GINT64_FORMAT, check->organization_id);

      g_debug ("Focus refused the organization or workspace: %s", error->message);
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_FORBIDDEN,
                               /* Translators: the first %s is a Toggl Focus workspace id,
                                * the second an organization id, as in the address
                                * …/organizations/178452/workspaces/600100/… */
                               _("This API key may not use workspace %s of organization %s in "
                                 "Toggl Focus. Check both numbers in the address of the Focus web "
                                 "app: they follow “/workspaces/” and “/organizations/”."),
                               workspace, organization);
      g_error_free (error);
      return;
    }

  g_task_return_error (task, error);
}

static void
current_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) current = NULL;
  g_autoptr(StintBackendAccount) account = NULL;
  StintSignInCheck *check = g_task_get_task_data (task);

  stint_backend_fetch_current_finish (STINT_BACKEND (object), result, &current, &error);

  /* A cancelled check must not replace the last good one. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (error != NULL)
    {
      return_refusal (task, g_steal_pointer (&error));
      return;
    }

  account = stint_backend_account_new ();
  stint_backend_account_add_workspace (account, check->workspace_id, check->organization_id);

  g_debug ("Checked the API key in organization %" G_GINT64_FORMAT ", workspace %" G_GINT64_FORMAT,
           check->organization_id, check->workspace_id);

  _stint_sign_in_return_account (task, g_steal_pointer (&account));
}

/* The one request that says whether the key may track in the workspace. */
static void
probe (GTask *task)
{
  StintSignInCheck *check = g_task_get_task_data (task);
  g_autofree char *organization = g_strdup_printf ("%" G_GINT64_FORMAT, check->organization_id);

  check->backend = STINT_BACKEND (stint_focus_backend_new (check->http, organization,
                                                           check->workspace_id));
  stint_backend_fetch_current_async (check->backend, g_task_get_cancellable (task), current_cb,
                                     task);
}

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  StintSignInCheck *check = g_task_get_task_data (task);
  StintFocusSettings settings = { 0, };

  node = stint_http_request_finish (STINT_HTTP (object), result, NULL, &error);
  if (error == NULL)
    stint_focus_codec_parse_settings (node, &settings, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (error != NULL)
    {
      return_refusal (task, g_steal_pointer (&error));
      return;
    }

  if (settings.current_workspace_id <= 0)
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_INVALID, "%s",
                               _("Toggl Focus did not say which workspace is yours; give its id "
                                 "(the number after “/workspaces/” in the address of the Focus "
                                 "web app)."));
      return;
    }

  check->workspace_id = settings.current_workspace_id;
  probe (g_steal_pointer (&task));
}

/* With the key on the check: finds the workspace if none was named, then
 * probes. Takes @task. */
static void
check_key (GTask *task)
{
  StintSignInCheck *check = g_task_get_task_data (task);

  stint_http_set_auth (check->http, STINT_HTTP_AUTH_BEARER, check->token);
  if (check->workspace_id > 0)
    probe (task);
  else
    stint_http_request_async (check->http, "GET", "/users/me/settings", NULL,
                              g_task_get_cancellable (task), settings_cb, task);
}

/* Starts a Focus check on @task: the organization and the address are
 * checked first, without a request; NULL with the error on @task. */
static StintSignInCheck *
begin_focus_check (StintSignIn *self,
                   GTask       *task,
                   const char  *base_url,
                   const char  *organization_id,
                   gint64       workspace_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *organization = g_strdup (organization_id != NULL ? organization_id : "");
  StintSignInCheck *check;

  g_strstrip (organization);
  if (!stint_focus_backend_check_organization_id (organization, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }

  check = _stint_sign_in_begin_check (self, task, STINT_SIGN_IN_KIND_FOCUS, base_url, check_key);
  if (check == NULL)
    return NULL;

  check->organization_id = g_ascii_strtoll (organization, NULL, 10);
  check->workspace_id = workspace_id;
  return check;
}

/**
 * stint_sign_in_check_focus_async:
 * @base_url: the Focus API, e.g. `https://focus.toggl.com/api`
 * @api_key: the key made in Toggl Focus (`toggl_sk_…`)
 * @organization_id: the organization, as typed: the number after
 *   `/organizations/` in the address of the Focus web app
 * @workspace_id: the workspace, or 0 for the one the user's Focus settings
 *   call current
 *
 * Asks Toggl Focus whether @api_key may track in the workspace. On success
 * stint_sign_in_get_kind() is %STINT_SIGN_IN_KIND_FOCUS, the workspace is
 * the default and only one, and the sign-in can be committed.
 */
void
stint_sign_in_check_focus_async (StintSignIn         *self,
                                 const char          *base_url,
                                 const char          *api_key,
                                 const char          *organization_id,
                                 gint64               workspace_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StintSignInCheck *check;

  g_return_if_fail (STINT_IS_SIGN_IN (self));
  g_return_if_fail (api_key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_sign_in_check_focus_async);

  if (api_key[0] == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("Enter your Toggl Focus API key first."));
      return;
    }

  if (workspace_id < 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("A workspace id is a positive number."));
      return;
    }

  check = begin_focus_check (self, task, base_url, organization_id, workspace_id);
  if (check == NULL)
    return;

  check->token = g_strdup (api_key);
  check_key (g_steal_pointer (&task));
}

/* stint_sign_in_check_stored_async() for Focus, in the organization and
 * workspace the settings name; takes @task. */
void
_stint_sign_in_check_stored_focus (StintSignIn *self,
                                   GTask       *task_in,
                                   const char  *base_url)
{
  g_autoptr(GTask) task = task_in;
  g_autofree char *organization = NULL;
  gint64 organization_id = g_settings_get_int64 (self->settings, "focus-organization-id");
  gint64 workspace_id = g_settings_get_int64 (self->settings, "focus-workspace-id");

  if (organization_id > 0)
    organization = g_strdup_printf ("%" G_GINT64_FORMAT, organization_id);

  if (begin_focus_check (self, task, base_url, organization, MAX (workspace_id, 0)) != NULL)
    _stint_sign_in_lookup_stored (g_steal_pointer (&task));
}

/* A Focus check vouches for one workspace: the commit may use no other. */
gboolean
_stint_sign_in_check_focus_commit (StintSignIn  *self,
                                   gint64        workspace_id,
                                   GError      **error)
{
  g_autofree char *checked = NULL;
  g_autofree char *asked = NULL;

  if (workspace_id == self->account->default_workspace_id)
    return TRUE;

  checked = g_strdup_printf ("%" G_GINT64_FORMAT, self->account->default_workspace_id);
  asked = g_strdup_printf ("%" G_GINT64_FORMAT, workspace_id);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: both %s are Toggl Focus workspace ids */
               _("Stint checked the API key with Toggl Focus workspace %s only; check it with "
                 "workspace %s first."), checked, asked);
  return FALSE;
}

/* The settings of a committed Focus sign-in, `account-kind` last. */
void
_stint_sign_in_write_focus (StintSignIn *self,
                            gint64       workspace_id)
{
  g_settings_set_string (self->settings, "focus-base-url", stint_http_get_base_url (self->http));
  g_settings_set_int64 (self->settings, "focus-organization-id", self->organization_id);
  g_settings_set_int64 (self->settings, "focus-workspace-id", workspace_id);
  g_settings_set_string (self->settings, "account-kind", STINT_SIGN_IN_KIND_FOCUS);
}
