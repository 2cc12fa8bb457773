/* stint-backend.h: what Stint asks of a Toggl service, whichever it is
 *
 * Backends speak in the server's ids: an entry's server-id, workspace-id and
 * project-id are the service's. Mapping them to the store's local ids is the
 * sync layer's job; backends never see the store or GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "model/stint-customer.h"
#include "model/stint-entry.h"
#include "model/stint-project.h"
#include "model/stint-tag.h"
#include "model/stint-task.h"
#include "stint-api-error.h"

G_BEGIN_DECLS

/* @no_billable: the plan has no billable time (Toggl Track's free plan);
 * %FALSE, as zeroed, where the service does not say. */
typedef struct
{
  gint64    id;
  gint64    organization_id;
  char     *name;
  gboolean  no_billable;
} StintBackendWorkspace;

/**
 * StintBackendAccount:
 *
 * Who is signed in and what they can track into. Arrays hold
 * StintBackendWorkspace, StintProject, StintTag, StintCustomer and StintTask
 * (server ids; a project's customer-id and a task's project-id are server
 * ids too); they are empty, never %NULL. @tasks is empty as well where the
 * plan has no tasks (a paid Toggl feature): that is not an error.
 */
typedef struct
{
  gint64     user_id;
  char      *email;
  char      *name;
  gint64     default_workspace_id;
  GPtrArray *workspaces;
  GPtrArray *projects;
  GPtrArray *tags;
  GPtrArray *customers;
  GPtrArray *tasks;
} StintBackendAccount;

/**
 * StintBackendChanges:
 *
 * What changed on the server since a point in time: @entries (StintEntry,
 * server ids) were created or updated, @deleted_ids (gint64 server ids)
 * were deleted. @server_time is the moment to ask "since" next time.
 */
typedef struct
{
  GPtrArray *entries;
  GArray    *deleted_ids;
  gint64     server_time;
} StintBackendChanges;

void stint_backend_workspace_free (StintBackendWorkspace *workspace);
StintBackendAccount   *stint_backend_account_new           (void);
StintBackendWorkspace *stint_backend_account_add_workspace (StintBackendAccount *account,
                                                            gint64               id,
                                                            gint64               organization_id);
void stint_backend_account_free   (StintBackendAccount   *account);
void stint_backend_changes_free   (StintBackendChanges   *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintBackendWorkspace, stint_backend_workspace_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintBackendAccount, stint_backend_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintBackendChanges, stint_backend_changes_free)

#define STINT_TYPE_BACKEND (stint_backend_get_type ())
G_DECLARE_INTERFACE (StintBackend, stint_backend, STINT, BACKEND, GObject)

/**
 * StintBackend::response:
 * @bucket: the quota bucket the request counted against ("user",
 *   "workspace", "organization")
 * @meta: (type StintApiMeta): status and quota headers of the reply
 *
 * Emitted for every reply, success or not, so the request budget can count
 * requests and believe the server's quota headers. A request that got no
 * reply (network, timeout) is reported too, with status 0, since the server
 * may still have counted it; a cancelled one is not.
 */
struct _StintBackendInterface
{
  GTypeInterface parent_iface;

  void                 (*fetch_account_async)  (StintBackend         *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  StintBackendAccount *(*fetch_account_finish) (StintBackend         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  void                 (*fetch_changes_async)  (StintBackend         *self,
                                                gint64                since,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  StintBackendChanges *(*fetch_changes_finish) (StintBackend         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  void                 (*fetch_current_async)  (StintBackend         *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  gboolean             (*fetch_current_finish) (StintBackend         *self,
                                                GAsyncResult         *result,
                                                StintEntry          **current,
                                                GError              **error);
  void                 (*create_entry_async)   (StintBackend         *self,
                                                StintEntry           *entry,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  StintEntry          *(*create_entry_finish)  (StintBackend         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  void                 (*update_entry_async)   (StintBackend         *self,
                                                StintEntry           *entry,
                                                StintEntry           *before,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  StintEntry          *(*update_entry_finish)  (StintBackend         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  void                 (*stop_entry_async)     (StintBackend         *self,
                                                StintEntry           *entry,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  StintEntry          *(*stop_entry_finish)    (StintBackend         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  void                 (*delete_entry_async)   (StintBackend         *self,
                                                gint64                workspace_id,
                                                gint64                server_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  gboolean             (*delete_entry_finish)  (StintBackend         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  void                 (*create_project_async) (StintBackend         *self,
                                                gint64                workspace_id,
                                                const char           *name,
                                                const char           *color,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  StintProject        *(*create_project_finish) (StintBackend        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
  void                 (*create_tag_async)     (StintBackend         *self,
                                                gint64                workspace_id,
                                                const char           *name,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  StintTag            *(*create_tag_finish)    (StintBackend         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  /* Optional: without it, the call fails with G_IO_ERROR_NOT_SUPPORTED. */
  void                 (*create_customer_async) (StintBackend        *self,
                                                 gint64               workspace_id,
                                                 const char          *name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
  StintCustomer       *(*create_customer_finish) (StintBackend       *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);
  void                 (*fetch_entry_async)    (StintBackend         *self,
                                                gint64                server_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  StintEntry          *(*fetch_entry_finish)   (StintBackend         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
};

/* Every call has the same shape as its vfunc: */
void                 stint_backend_fetch_account_async   (StintBackend         *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
StintBackendAccount *stint_backend_fetch_account_finish  (StintBackend         *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 stint_backend_fetch_changes_async   (StintBackend         *self,
                                                          gint64                since,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
StintBackendChanges *stint_backend_fetch_changes_finish  (StintBackend         *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 stint_backend_fetch_current_async   (StintBackend         *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             stint_backend_fetch_current_finish  (StintBackend         *self,
                                                          GAsyncResult         *result,
                                                          StintEntry          **current,
                                                          GError              **error);
void                 stint_backend_create_entry_async    (StintBackend         *self,
                                                          StintEntry           *entry,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
StintEntry          *stint_backend_create_entry_finish   (StintBackend         *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 stint_backend_update_entry_async    (StintBackend         *self,
                                                          StintEntry           *entry,
                                                          StintEntry           *before,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
StintEntry          *stint_backend_update_entry_finish   (StintBackend         *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 stint_backend_stop_entry_async      (StintBackend         *self,
                                                          StintEntry           *entry,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
StintEntry          *stint_backend_stop_entry_finish     (StintBackend         *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 stint_backend_delete_entry_async    (StintBackend         *self,
                                                          gint64                workspace_id,
                                                          gint64                server_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             stint_backend_delete_entry_finish   (StintBackend         *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 stint_backend_create_project_async  (StintBackend         *self,
                                                          gint64                workspace_id,
                                                          const char           *name,
                                                          const char           *color,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
StintProject        *stint_backend_create_project_finish (StintBackend         *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 stint_backend_create_tag_async      (StintBackend         *self,
                                                          gint64                workspace_id,
                                                          const char           *name,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
StintTag            *stint_backend_create_tag_finish     (StintBackend         *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 stint_backend_fetch_entry_async     (StintBackend         *self,
                                                          gint64                server_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
StintEntry          *stint_backend_fetch_entry_finish    (StintBackend         *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 stint_backend_create_customer_async (StintBackend         *self,
                                                          gint64                workspace_id,
                                                          const char           *name,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
StintCustomer       *stint_backend_create_customer_finish (StintBackend        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
