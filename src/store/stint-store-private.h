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
};

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
gboolean      stint_store_write_outbox_op  (StintStore       *self,
                                            gint64            entry_id,
                                            gint64            server_id,
                                            StintOutboxKind   kind,
                                            GError          **error);

G_END_DECLS
