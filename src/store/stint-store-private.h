/* stint-store-private.h: what the stint-store*.c files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "stint-store.h"

G_BEGIN_DECLS

struct _StintStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *stmts;           /* SQL text → sqlite3_stmt, prepared once */
  int         schema_version;
  guint       depth;           /* nesting of stint_store_begin() */
  gboolean    readonly;
  char       *account;         /* the scope of every entry, project, tag, op */
  gboolean    account_stored;  /* the file names it too */
  gboolean    outbox_added;    /* the open transaction queued operations */
  char       *session_key;     /* its mark in meta, from the first write on */
  gboolean    session_pending; /* writable, the mark not written yet */
  gboolean    damaged;         /* a query met a damaged page */
};

/* Rows of schema 3 belong to an account; older files (read-only) have none. */
#define STINT_STORE_ACCOUNT_SCHEMA 3

/* Schema 4 brought breaks, clients and what a workspace allows. */
#define STINT_STORE_CLIENTS_SCHEMA 4

/* The account's parameter in SQL. Numbered far above any other, because a
 * named one takes the number after those seen before it in the text and
 * would alias a later ?1. */
#define STINT_STORE_ACCOUNT_PARAM "?64"

/* A cached statement borrowed for one use: g_auto() resets it and clears its
 * bindings on scope exit, so no read transaction stays open behind it. */
typedef sqlite3_stmt *StintStoreStmt;

static inline void
stint_store_stmt_release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (StintStoreStmt, stint_store_stmt_release, NULL)

sqlite3_stmt *stint_store_prepare          (StintStore       *self,
                                            const char       *sql,
                                            GError          **error);
sqlite3_stmt *stint_store_prepare_scoped   (StintStore       *self,
                                            const char       *sql,
                                            GError          **error);
void          stint_store_bind_account     (sqlite3_stmt     *stmt,
                                            const char       *account);
gboolean      stint_store_exec             (StintStore       *self,
                                            const char       *sql,
                                            GError          **error);
gboolean      stint_store_step_done        (StintStore       *self,
                                            sqlite3_stmt     *stmt,
                                            GError          **error);
void          stint_store_set_error        (StintStore       *self,
                                            int               rc,
                                            GError          **error);
void          stint_store_set_sqlite_error (sqlite3          *db,
                                            const char       *path,
                                            int               rc,
                                            GError          **error);
gboolean      stint_store_check_writable   (StintStore       *self,
                                            GError          **error);
void          stint_store_bind_id          (sqlite3_stmt     *stmt,
                                            int               index,
                                            gint64            id);
void          stint_store_bind_text        (sqlite3_stmt     *stmt,
                                            int               index,
                                            const char       *text);

gboolean      stint_store_migrate          (StintStore       *self,
                                            GError          **error);
void          stint_store_read_account     (StintStore       *self);
gboolean      stint_store_write_outbox_op  (StintStore       *self,
                                            const char       *account,
                                            gint64            entry_id,
                                            StintEntry       *entry,
                                            StintOutboxKind   kind,
                                            gboolean          is_stop,
                                            GError          **error);
gboolean      stint_store_delete_outbox_op (StintStore       *self,
                                            gint64            op_id,
                                            GError          **error);

sqlite3_stmt *stint_store_prepare_entry_select (StintStore   *self,
                                                const char   *rest,
                                                GError      **error);
StintEntry   *stint_store_entry_from_row   (sqlite3_stmt     *stmt);
gboolean      stint_store_write_entry      (StintStore       *self,
                                            const char       *account,
                                            StintEntry       *entry,
                                            StintSyncState    sync_state,
                                            const char       *sync_error,
                                            gboolean          insert,
                                            gint64           *id,
                                            GError          **error);
gboolean      stint_store_write_project    (StintStore       *self,
                                            const char       *account,
                                            StintProject     *project,
                                            gboolean          insert,
                                            gint64           *id,
                                            GError          **error);
gint64        stint_store_customer_local_id (StintStore      *self,
                                             gint64           server_id);
gboolean      stint_store_session_left_unclean (sqlite3      *db,
                                                const char   *path,
                                                int           version,
                                                gboolean     *unclean,
                                                GError      **error);
gboolean      stint_store_begin_session    (StintStore       *self,
                                            GError          **error);
void          stint_store_end_session      (StintStore       *self);
gboolean      stint_store_step_int64       (StintStore       *self,
                                            sqlite3_stmt     *stmt,
                                            gint64           *value,
                                            GError          **error);

/* What stint-store-sync.c and stint-store-pull.c share. */
gboolean      stint_store_run_write        (StintStore       *self,
                                            const char       *sql,
                                            gint64            a,
                                            gint64            b,
                                            gint64            c,
                                            const char       *text,
                                            gint             *changes,
                                            GError          **error);
gint64        stint_store_query_id         (StintStore       *self,
                                            const char       *sql,
                                            gint64            id);

/* Runs the expression @step in a transaction of its own (a savepoint inside
 * the caller's), rolled back when it fails. It returns FALSE from the
 * function using it on failure, and falls through on success. */
#define STINT_STORE_IN_TRANSACTION(self, error, step)      \
  G_STMT_START {                                           \
    if (!stint_store_begin ((self), (error)))              \
      return FALSE;                                        \
    if (!(step) || !stint_store_commit ((self), (error)))  \
      {                                                    \
        stint_store_rollback (self);                       \
        return FALSE;                                      \
      }                                                    \
  } G_STMT_END

G_END_DECLS
