/* stint-secret.h: the API tokens in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The kinds of account a token belongs to: the "kind" attribute. */
#define STINT_SECRET_KIND_TRACK "track"
#define STINT_SECRET_KIND_FOCUS "focus"

void      stint_secret_store_async   (const char           *kind,
                                      const char           *base_url,
                                      const char           *token,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  stint_secret_store_finish  (GAsyncResult         *result,
                                      GError              **error);
void      stint_secret_lookup_async  (const char           *kind,
                                      const char           *base_url,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
char     *stint_secret_lookup_finish (GAsyncResult         *result,
                                      GError              **error);
void      stint_secret_clear_async   (const char           *kind,
                                      const char           *base_url,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  stint_secret_clear_finish  (GAsyncResult         *result,
                                      GError              **error);
void      stint_secret_free          (char                 *token);

void      stint_secret_set_session_only (gboolean           only);
gboolean  stint_secret_get_session_only (void);
gboolean  stint_secret_is_session_token (const char        *kind,
                                         const char        *base_url);

G_END_DECLS
