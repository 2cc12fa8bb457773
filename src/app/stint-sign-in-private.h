/* stint-sign-in-private.h: what the StintSignIn files share
 *
 * stint-sign-in.c holds the object, what a check found, the keyring
 * lookup both kinds of stored check start with, and the commit;
 * stint-sign-in-track.c the Toggl Track checks (token, password, stored
 * token); stint-sign-in-focus.c the Toggl Focus ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-sign-in.h"
#include "api/stint-backend.h"
#include "api/stint-http.h"

G_BEGIN_DECLS

struct _StintSignIn
{
  GObject               parent_instance;

  GSettings            *settings;
  StintStore           *store;
  StintClock           *clock;

  /* What the last successful check found; all NULL (or 0) before one. */
  const char           *kind;             /* STINT_SIGN_IN_KIND_* */
  StintHttp            *http;
  StintBackend         *backend;
  StintBackendAccount  *account;
  char                 *token;
  gint64                organization_id;  /* Focus only */
};

/* What a check does once its token is known (typed, traded for a
 * password, or read from the keyring): Track asks whose it is, Focus probes
 * the workspace. Takes the task. */
typedef void (*StintSignInStep) (GTask *task);

/* One check in flight. Its results move into the StintSignIn only when it
 * succeeds, so a check that was cancelled or failed leaves the last good
 * one in place. */
typedef struct
{
  const char      *kind;
  StintSignInStep  with_token;
  StintHttp       *http;
  StintBackend    *backend;
  char            *token;
  gint64           organization_id;   /* Focus: as asked */
  gint64           workspace_id;      /* Focus: as asked, 0 for the current one */
} StintSignInCheck;

StintSignInCheck *_stint_sign_in_begin_check   (StintSignIn       *self,
                                                GTask             *task,
                                                const char        *kind,
                                                const char        *base_url,
                                                StintSignInStep    with_token);
void              _stint_sign_in_lookup_stored (GTask             *task);
void              _stint_sign_in_return_account (GTask            *task,
                                                 StintBackendAccount *account);

void              _stint_sign_in_check_stored_track (StintSignIn  *self,
                                                     GTask        *task,
                                                     const char   *base_url);
void              _stint_sign_in_check_stored_focus (StintSignIn  *self,
                                                     GTask        *task,
                                                     const char   *base_url);
gboolean          _stint_sign_in_check_focus_commit (StintSignIn  *self,
                                                     gint64        workspace_id,
                                                     GError      **error);
void              _stint_sign_in_write_focus   (StintSignIn       *self,
                                                gint64             workspace_id);

G_END_DECLS
