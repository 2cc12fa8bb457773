/* stint-focus-backend.h: StintBackend for Toggl Focus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "api/stint-backend.h"
#include "api/stint-http.h"

G_BEGIN_DECLS

/* Where Toggl Focus answers; the caller sets it (or a test server's) on the
 * StintHttp, with the API key as STINT_HTTP_AUTH_BEARER. */
#define STINT_FOCUS_DEFAULT_BASE_URL "https://focus.toggl.com/api"

#define STINT_TYPE_FOCUS_BACKEND (stint_focus_backend_get_type ())
G_DECLARE_FINAL_TYPE (StintFocusBackend, stint_focus_backend, STINT, FOCUS_BACKEND, GObject)

gboolean           stint_focus_backend_check_organization_id (const char        *organization_id,
                                                              GError           **error);

StintFocusBackend *stint_focus_backend_new                   (StintHttp         *http,
                                                              const char        *organization_id,
                                                              gint64             workspace_id);
StintHttp         *stint_focus_backend_get_http              (StintFocusBackend *self);
const char        *stint_focus_backend_get_organization_id   (StintFocusBackend *self);
gint64             stint_focus_backend_get_workspace_id      (StintFocusBackend *self);

/* Beyond StintBackend (stint-focus-backend-extra.c): */
void               stint_focus_backend_set_archived_async    (StintFocusBackend   *self,
                                                              gint64               task_id,
                                                              gint64               server_id,
                                                              gboolean             archived,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean           stint_focus_backend_set_archived_finish   (StintFocusBackend   *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
void               stint_focus_backend_restore_entry_async   (StintFocusBackend   *self,
                                                              gint64               server_id,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean           stint_focus_backend_restore_entry_finish  (StintFocusBackend   *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
void               stint_focus_backend_delete_entries_async  (StintFocusBackend   *self,
                                                              const gint64        *ids,
                                                              guint                n_ids,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean           stint_focus_backend_delete_entries_finish (StintFocusBackend   *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
void               stint_focus_backend_restore_entries_async (StintFocusBackend   *self,
                                                              const gint64        *ids,
                                                              guint                n_ids,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean           stint_focus_backend_restore_entries_finish (StintFocusBackend  *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

G_END_DECLS
