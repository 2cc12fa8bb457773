/* stint-store.h: the SQLite cache of entries, projects and tags, and the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "stint-types.h"
#include "model/stint-customer.h"
#include "model/stint-entry.h"
#include "model/stint-project.h"
#include "model/stint-tag.h"

G_BEGIN_DECLS

#define STINT_STORE_ERROR (stint_store_error_quark ())

typedef enum {
  STINT_STORE_ERROR_CORRUPT,       /* not a database, or a damaged one */
  STINT_STORE_ERROR_NEWER_SCHEMA,  /* written by a newer Stint: never downgraded */
  STINT_STORE_ERROR_IO,            /* cannot create, open, read or write the file */
  STINT_STORE_ERROR_NOT_FOUND,
  STINT_STORE_ERROR_CONSTRAINT,    /* e.g. a second running entry */
} StintStoreError;

/* The version this build writes; older files are migrated up on open. */
#define STINT_STORE_SCHEMA_VERSION 4

/* The account of local mode: rows made without any service. */
#define STINT_STORE_LOCAL_ACCOUNT "local"

typedef struct
{
  gint64           id;
  gint64           entry_id;        /* local id; the entry row may be gone (delete) */
  gint64           server_id;       /* 0 until the server knows the entry */
  gint64           workspace_id;    /* the entry's when queued; 0 = unknown */
  StintOutboxKind  kind;
  gboolean         is_stop;         /* an update that stopped the running entry */
  gint64           created_at;      /* unix seconds */
  guint            attempts;
  char            *last_error;
  gint64           next_attempt_at; /* unix seconds; 0 = at once */
  gboolean         failed;          /* refused by the server; last_error says why */
} StintOutboxOp;

void           stint_outbox_op_free (StintOutboxOp *op);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintOutboxOp, stint_outbox_op_free)

/* A workspace of the account, as stint_store_replace_workspaces() takes it. */
typedef struct
{
  gint64       id;          /* the server's */
  const char  *name;
  gboolean     billable;    /* the plan allows billable time */
} StintStoreWorkspace;

#define STINT_TYPE_STORE (stint_store_get_type ())
G_DECLARE_FINAL_TYPE (StintStore, stint_store, STINT, STORE, GObject)

GQuark         stint_store_error_quark         (void);

char          *stint_store_default_path        (void);
StintStore    *stint_store_open                (const char       *path,
                                                GError          **error);
StintStore    *stint_store_open_readonly       (const char       *path,
                                                GError          **error);
char          *stint_store_move_aside          (const char       *path,
                                                GError          **error);
const char    *stint_store_get_path            (StintStore       *self);
int            stint_store_get_schema_version  (StintStore       *self);

gboolean       stint_store_begin               (StintStore       *self,
                                                GError          **error);
gboolean       stint_store_commit              (StintStore       *self,
                                                GError          **error);
void           stint_store_rollback            (StintStore       *self);

gboolean       stint_store_insert_entry        (StintStore       *self,
                                                StintEntry       *entry,
                                                StintOutboxKind   kind,
                                                GError          **error);
gboolean       stint_store_update_entry        (StintStore       *self,
                                                StintEntry       *entry,
                                                StintOutboxKind   kind,
                                                GError          **error);
gboolean       stint_store_delete_entry        (StintStore       *self,
                                                StintEntry       *entry,
                                                StintOutboxKind   kind,
                                                GError          **error);
StintEntry    *stint_store_load_entry          (StintStore       *self,
                                                gint64            id,
                                                GError          **error);
StintEntry    *stint_store_load_running        (StintStore       *self,
                                                GError          **error);
GPtrArray     *stint_store_load_entries        (StintStore       *self,
                                                gint64            from,
                                                gint64            to,
                                                guint             limit,
                                                GError          **error);

GPtrArray     *stint_store_load_projects       (StintStore       *self,
                                                GError          **error);
StintProject  *stint_store_load_project        (StintStore       *self,
                                                gint64            id,
                                                GError          **error);
gboolean       stint_store_insert_project      (StintStore       *self,
                                                StintProject     *project,
                                                GError          **error);
gboolean       stint_store_update_project      (StintStore       *self,
                                                StintProject     *project,
                                                GError          **error);
GPtrArray     *stint_store_load_tags           (StintStore       *self,
                                                GError          **error);
gboolean       stint_store_insert_tag          (StintStore       *self,
                                                StintTag         *tag,
                                                GError          **error);

GPtrArray     *stint_store_load_outbox         (StintStore       *self,
                                                GError          **error);
guint          stint_store_count_outbox        (StintStore       *self);
gboolean       stint_store_remove_outbox_op    (StintStore       *self,
                                                gint64            op_id,
                                                GError          **error);

char          *stint_store_get_meta            (StintStore       *self,
                                                const char       *key);
gboolean       stint_store_set_meta            (StintStore       *self,
                                                const char       *key,
                                                const char       *value,
                                                GError          **error);

/* Accounts (stint-store-accounts.c) */
const char    *stint_store_get_account         (StintStore       *self);
gboolean       stint_store_set_account         (StintStore       *self,
                                                const char       *account,
                                                GError          **error);
gboolean       stint_store_forget_account      (StintStore       *self,
                                                const char       *account,
                                                GError          **error);
guint          stint_store_count_account_entries (StintStore     *self,
                                                  const char     *account);
gboolean       stint_store_copy_local_to_account (StintStore     *self,
                                                  const char     *account,
                                                  guint          *n_copied,
                                                  GError        **error);
char          *stint_store_account_meta_key    (const char       *account,
                                                const char       *name);

/* What the sync layer records (stint-store-sync.c) and applies from the
 * server (stint-store-pull.c) */
StintEntry    *stint_store_load_entry_by_server_id (StintStore   *self,
                                                    gint64        server_id,
                                                    GError      **error);
gboolean       stint_store_entry_has_pending   (StintStore       *self,
                                                gint64            local_id);
gboolean       stint_store_mark_synced         (StintStore       *self,
                                                gint64            local_id,
                                                gint64            server_id,
                                                gint64            at,
                                                GError          **error);
gboolean       stint_store_mark_failed         (StintStore       *self,
                                                gint64            op_id,
                                                const char       *message,
                                                GError          **error);
gboolean       stint_store_record_attempt      (StintStore       *self,
                                                gint64            op_id,
                                                const char       *message,
                                                gint64            next_attempt_at,
                                                GError          **error);
gboolean       stint_store_remove_covered_updates (StintStore    *self,
                                                   gint64         entry_id,
                                                   gint64         up_to_op_id,
                                                   GError       **error);
gboolean       stint_store_remove_entry_ops    (StintStore       *self,
                                                gint64            entry_id,
                                                GError          **error);
gint64         stint_store_project_server_id   (StintStore       *self,
                                                gint64            local_id);
gint64         stint_store_project_local_id    (StintStore       *self,
                                                gint64            server_id);
gboolean       stint_store_apply_pulled_entry  (StintStore       *self,
                                                StintEntry       *pulled,
                                                gint64           *local_id,
                                                GError          **error);
gboolean       stint_store_apply_pulled_deletion (StintStore     *self,
                                                  gint64          server_id,
                                                  gint64         *local_id,
                                                  GError        **error);
gboolean       stint_store_apply_pulled_project (StintStore      *self,
                                                 StintProject    *project,
                                                 GError         **error);
gboolean       stint_store_apply_pulled_tag    (StintStore       *self,
                                                StintTag         *tag,
                                                GError          **error);

/* Clients and workspaces (stint-store-clients.c, stint-store-workspaces.c) */
GPtrArray     *stint_store_load_customers      (StintStore       *self,
                                                GError          **error);
gboolean       stint_store_replace_customers   (StintStore       *self,
                                                GPtrArray        *customers,
                                                GError          **error);
gboolean       stint_store_replace_workspaces  (StintStore       *self,
                                                const StintStoreWorkspace *workspaces,
                                                guint             n_workspaces,
                                                gint64            current_id,
                                                GError          **error);
gboolean       stint_store_get_billable_allowed (StintStore      *self,
                                                 gint64           workspace_id);

/* Recovering from failures (stint-store-recovery.c) */
gboolean       stint_store_remove_entry_ops_through (StintStore  *self,
                                                     gint64       entry_id,
                                                     gint64       up_to_op_id,
                                                     GError     **error);
gboolean       stint_store_retry_failed        (StintStore       *self,
                                                gint64            entry_id,
                                                GError          **error);
GHashTable    *stint_store_list_meta           (StintStore       *self,
                                                const char       *prefix);

G_END_DECLS
