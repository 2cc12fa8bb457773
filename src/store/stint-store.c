/* stint-store.c: the store object, its statements, transactions, meta
 *
 * One connection per process, used from the main thread. Statements are
 * compiled once and kept. Opening the file (permissions, checks, moving a
 * broken one aside) is in stint-store-open.c, the schema in
 * stint-store-migrations.c, entries in stint-store-entries.c, the outbox in
 * stint-store-outbox.c, projects and tags in stint-store-projects.c, accounts
 * in stint-store-accounts.c, and what the sync layer records in
 * stint-store-sync.c and stint-store-recovery.c.
 *
 * Every entry, project, tag and outbox row belongs to an account ("local",
 * "track:<user id>", …), and every read and write is scoped to the store's
 * current account: SQL names the scope as {account}, which
 * stint_store_prepare_scoped() turns into a bound condition.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "stint-store-private.h"

enum {
  SIGNAL_OUTBOX_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StintStore, stint_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (stint-store-error-quark, stint_store_error)

/* Every SQLite failure becomes a sentence: the error domain of the store is
 * what the app shows. */
void
stint_store_set_sqlite_error (sqlite3     *db,
                              const char  *path,
                              int          rc,
                              GError     **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      /* Names of our own indexes: see stint-store-migrations.c. */
      if (strstr (detail, "entries_one_running") != NULL)
        g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT,
                             _("Another entry is already running. Stop it before starting a new one."));
      else if (strstr (detail, "tags.workspace_id, tags.name") != NULL)
        g_set_error_literal (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT,
                             _("A tag with that name already exists."));
      else
        g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT,
                     _("The change conflicts with what Stint has already stored (%s)."), detail);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT,
                   _("The Stint database %s is damaged or is not a database (%s)."), path, detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO,
                   _("The Stint database %s is busy: another program is using it."), path);
      break;

    case SQLITE_FULL:
      g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO,
                   _("The disk is full: Stint could not save to %s."), path);
      break;

    default:
      g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO,
                   _("Stint could not use its database %s: %s."), path, detail);
      break;
    }
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
stint_store_finalize (GObject *object)
{
  StintStore *self = (StintStore *)object;

  if (self->depth > 0)
    g_warning ("StintStore finalized inside a transaction; it is rolled back");

  stint_store_end_session (self);

  /* Statements first: a connection with live statements does not close. */
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK)
    g_debug ("Closing %s: %s", self->path, sqlite3_errmsg (self->db));
  self->db = NULL;
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->session_key, g_free);

  G_OBJECT_CLASS (stint_store_parent_class)->finalize (object);
}

static void
stint_store_class_init (StintStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stint_store_finalize;

  /**
   * StintStore::outbox-changed:
   *
   * Operations for the server were queued. Emitted after the commit that
   * wrote them, never inside a transaction, so a handler may use the store.
   */
  signals[SIGNAL_OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
stint_store_init (StintStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal,
                                       g_free, finalize_stmt);
  self->account = g_strdup (STINT_STORE_LOCAL_ACCOUNT);
}

/* Shared with the other stint-store*.c files. */

void
stint_store_set_error (StintStore  *self,
                       int          rc,
                       GError     **error)
{
  stint_store_set_sqlite_error (self->db, self->path, rc, error);

  /* A damaged page met in use: the session's mark stays when the store
   * closes, so the next start checks the whole file (stint-store-session.c)
   * and can set it aside before anything else reads it. */
  if (((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) && !self->damaged)
    {
      g_debug ("%s is damaged; the next start checks all of it", self->path);
      self->damaged = TRUE;
    }
}

/* A statement for @sql, compiled on first use and kept. The caller holds it
 * in a g_auto(StintStoreStmt), and must not run the same SQL again while
 * stepping through it. */
sqlite3_stmt *
stint_store_prepare (StintStore  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      stint_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);

  return stmt;
}

/* Binds the account parameter (STINT_STORE_ACCOUNT_PARAM) of @stmt, if it
 * has one. */
void
stint_store_bind_account (sqlite3_stmt *stmt,
                          const char   *account)
{
  if (sqlite3_bind_parameter_count (stmt) >= 64)
    sqlite3_bind_text (stmt, 64, account, -1, SQLITE_TRANSIENT);
}

/* As stint_store_prepare(), with every {account} in @sql standing for "the
 * row belongs to the current account", bound to it. Files older than
 * schema 3 (read-only) have no accounts: there it is always true. */
sqlite3_stmt *
stint_store_prepare_scoped (StintStore  *self,
                            const char  *sql,
                            GError     **error)
{
  g_autoptr(GString) scoped = g_string_new (sql);
  sqlite3_stmt *stmt;

  g_string_replace (scoped, "{account}",
                    self->schema_version >= STINT_STORE_ACCOUNT_SCHEMA
                    ? "account = " STINT_STORE_ACCOUNT_PARAM : "1",
                    0);

  stmt = stint_store_prepare (self, scoped->str, error);
  if (stmt != NULL)
    stint_store_bind_account (stmt, self->account);

  return stmt;
}

/* Steps a query of one integer: 0 when it has no row. */
gboolean
stint_store_step_int64 (StintStore    *self,
                        sqlite3_stmt  *stmt,
                        gint64        *value,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      *value = 0;
      return TRUE;
    }

  stint_store_set_error (self, rc, error);
  return FALSE;
}

gboolean
stint_store_exec (StintStore  *self,
                  const char  *sql,
                  GError     **error)
{
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      stint_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
stint_store_step_done (StintStore    *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  stint_store_set_error (self, rc, error);
  return FALSE;
}

gboolean
stint_store_check_writable (StintStore  *self,
                            GError     **error)
{
  if (!self->readonly)
    return TRUE;

  g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO,
               _("The Stint database %s is open read-only."), self->path);
  return FALSE;
}

/* Local and server ids are 0 for "none"; the columns hold NULL. */
void
stint_store_bind_id (sqlite3_stmt *stmt,
                     int           index,
                     gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

void
stint_store_bind_text (sqlite3_stmt *stmt,
                       int           index,
                       const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static gboolean
write_meta (StintStore  *self,
            const char  *key,
            const char  *value,
            GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  if (value != NULL)
    stmt = stint_store_prepare (self,
                                "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                error);
  else
    stmt = stint_store_prepare (self, "DELETE FROM meta WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  stint_store_bind_text (stmt, 1, key);
  if (value != NULL)
    stint_store_bind_text (stmt, 2, value);

  return stint_store_step_done (self, stmt, error);
}

/* Public API */

const char *
stint_store_get_path (StintStore *self)
{
  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  return self->path;
}

int
stint_store_get_schema_version (StintStore *self)
{
  g_return_val_if_fail (STINT_IS_STORE (self), 0);
  return self->schema_version;
}

/**
 * stint_store_begin:
 *
 * Starts a transaction. Transactions nest: the outermost takes the write lock
 * (`BEGIN IMMEDIATE`), inner ones are savepoints, so an inner rollback undoes
 * only its own part. Every write function runs inside one of its own, so a
 * caller can wrap several writes (stop one entry, start another) in a single
 * commit. Each begin is matched by exactly one commit or rollback; after a
 * failed commit, call stint_store_rollback().
 */
gboolean
stint_store_begin (StintStore  *self,
                   GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);

  if (!stint_store_check_writable (self, error))
    return FALSE;

  if (self->depth == 0 && self->session_pending && !stint_store_begin_session (self, error))
    return FALSE;

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else if (sqlite3_get_autocommit (self->db))
    {
      /* SQLite rolled the outer transaction back after an error; a savepoint
       * now would silently start a new one outside the caller's. */
      g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO,
                   _("A change to the Stint database %s was interrupted and not saved."),
                   self->path);
      return FALSE;
    }
  else
    sql = g_strdup_printf ("SAVEPOINT stint_%u", self->depth);

  if (!stint_store_exec (self, sql, error))
    return FALSE;

  self->depth++;

  return TRUE;
}

gboolean
stint_store_commit (StintStore  *self,
                    GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE stint_%u", self->depth - 1);

  /* On failure the level stays open for the caller's rollback. */
  if (!stint_store_exec (self, sql, error))
    return FALSE;

  self->depth--;

  if (self->depth == 0 && self->outbox_added)
    {
      self->outbox_added = FALSE;
      g_signal_emit (self, signals[SIGNAL_OUTBOX_CHANGED], 0);
    }

  return TRUE;
}

void
stint_store_rollback (StintStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (STINT_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  self->depth--;
  /* Only the outermost rollback forgets queued operations: after an inner
   * one the outer levels may still commit theirs, and a signal too many is
   * harmless where one too few would leave them waiting. */
  if (self->depth == 0)
    self->outbox_added = FALSE;

  /* Nothing left to undo when SQLite already rolled back after an error. */
  if (sqlite3_get_autocommit (self->db))
    return;

  if (self->depth == 0)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO stint_%u; RELEASE stint_%u", self->depth, self->depth);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("Rollback in %s: %s", self->path, sqlite3_errmsg (self->db));
}

/**
 * stint_store_get_meta:
 *
 * Returns: (transfer full) (nullable): the value stored under @key
 */
char *
stint_store_get_meta (StintStore *self,
                      const char *key)
{
  g_auto(StintStoreStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->schema_version < 2)
    return NULL;

  stmt = stint_store_prepare (self, "SELECT value FROM meta WHERE key = ?1", &error);
  if (stmt == NULL)
    {
      g_debug ("Reading %s: %s", key, error->message);
      return NULL;
    }

  stint_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

/**
 * stint_store_set_meta:
 * @value: (nullable): the new value; %NULL removes @key
 */
gboolean
stint_store_set_meta (StintStore  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stint_store_begin (self, error))
    return FALSE;

  if (!write_meta (self, key, value, error) ||
      !stint_store_commit (self, error))
    {
      stint_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}
