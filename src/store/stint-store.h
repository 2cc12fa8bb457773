/* stint-store.h: the SQLite cache of entries, projects and tags, and the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "stint-types.h"
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
#define STINT_STORE_SCHEMA_VERSION 2

typedef struct
{
  gint64           id;
  gint64           entry_id;    /* local id; the entry row may be gone (delete) */
  gint64           server_id;   /* 0 until the server knows the entry */
  StintOutboxKind  kind;
  gint64           created_at;  /* unix seconds */
  guint            attempts;
  char            *last_error;
} StintOutboxOp;

void           stint_outbox_op_free (StintOutboxOp *op);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintOutboxOp, stint_outbox_op_free)

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

G_END_DECLS
