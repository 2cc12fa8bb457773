/* stint-sign-out.h: leaving an account: its token, its cache, and what has
 * not reached Toggl yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/stint-store.h"

G_BEGIN_DECLS

/**
 * StintSignOutUnsynced:
 * @STINT_SIGN_OUT_KEEP_UNSYNCED: changes that have not reached Toggl stay in
 *   the database and are sent when the same account signs in again
 * @STINT_SIGN_OUT_DISCARD_UNSYNCED: they are deleted with the rest of the
 *   account's data
 */
typedef enum {
  STINT_SIGN_OUT_KEEP_UNSYNCED,
  STINT_SIGN_OUT_DISCARD_UNSYNCED,
} StintSignOutUnsynced;

char     *stint_sign_out_account_name    (GSettings            *settings);
guint     stint_sign_out_count_unsynced  (StintStore           *store,
                                          const char           *account);
gboolean  stint_sign_out_purge           (StintStore           *store,
                                          const char           *account,
                                          StintSignOutUnsynced  unsynced,
                                          GError              **error);

void      stint_sign_out_account_async   (GSettings            *settings,
                                          StintStore           *store,
                                          StintSignOutUnsynced  unsynced,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  stint_sign_out_account_finish  (GAsyncResult         *result,
                                          guint                *n_kept,
                                          GError              **error);

G_END_DECLS
