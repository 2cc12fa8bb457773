/* stint-sign-in.h: connecting Stint to a Toggl Track or Toggl Focus account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/stint-store.h"
#include "util/stint-clock.h"

G_BEGIN_DECLS

/* The kinds of account, as the `account-kind` setting and the keyring name
 * them. */
#define STINT_SIGN_IN_KIND_TRACK "track"
#define STINT_SIGN_IN_KIND_FOCUS "focus"

/* How long a sign-in may wait for Toggl per request before it gives up. */
#define STINT_SIGN_IN_TIMEOUT_MS 20000

#define STINT_TYPE_SIGN_IN (stint_sign_in_get_type ())
G_DECLARE_FINAL_TYPE (StintSignIn, stint_sign_in, STINT, SIGN_IN, GObject)

StintSignIn *stint_sign_in_new                    (GSettings            *settings,
                                                   StintStore           *store,
                                                   StintClock           *clock);

void         stint_sign_in_check_token_async      (StintSignIn          *self,
                                                   const char           *base_url,
                                                   const char           *token,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void         stint_sign_in_check_password_async   (StintSignIn          *self,
                                                   const char           *base_url,
                                                   const char           *email,
                                                   const char           *password,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void         stint_sign_in_check_stored_async     (StintSignIn          *self,
                                                   const char           *base_url,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void         stint_sign_in_check_focus_async      (StintSignIn          *self,
                                                   const char           *base_url,
                                                   const char           *api_key,
                                                   const char           *organization_id,
                                                   gint64                workspace_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean     stint_sign_in_check_finish           (StintSignIn          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

const char  *stint_sign_in_get_kind               (StintSignIn          *self);
gint64       stint_sign_in_get_organization_id    (StintSignIn          *self);
const char  *stint_sign_in_get_email              (StintSignIn          *self);
gint64       stint_sign_in_get_user_id            (StintSignIn          *self);
gint64       stint_sign_in_get_default_workspace  (StintSignIn          *self);
guint        stint_sign_in_get_n_workspaces       (StintSignIn          *self);
gint64       stint_sign_in_get_workspace          (StintSignIn          *self,
                                                   guint                 index,
                                                   const char          **name);
const char  *stint_sign_in_lookup_workspace       (StintSignIn          *self,
                                                   gint64                workspace_id);
guint        stint_sign_in_count_local_entries    (StintSignIn          *self);

void         stint_sign_in_commit_async           (StintSignIn          *self,
                                                   gint64                workspace_id,
                                                   gboolean              upload_local,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean     stint_sign_in_commit_finish          (StintSignIn          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

char        *stint_sign_in_account_name           (gint64                user_id);
char        *stint_sign_in_focus_account_name     (gint64                organization_id,
                                                   gint64                workspace_id);
char        *stint_sign_in_settings_account       (GSettings            *settings);

G_END_DECLS
