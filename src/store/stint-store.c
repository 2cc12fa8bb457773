/* stint-store.c: opening the SQLite cache, transactions, meta
 *
 * One connection per process, used from the main thread. Opening is careful
 * about what it touches: an existing file is first looked at through a
 * read-only connection, so a file from a newer Stint, or a damaged one, leaves
 * open() exactly as it came in, and the caller can move it aside intact.
 *
 * Entries and the outbox are in stint-store-entries.c, projects and tags in
 * stint-store-projects.c, the schema in stint-store-migrations.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "stint-store-private.h"

#define BUSY_TIMEOUT_MSEC 2000

G_DEFINE_FINAL_TYPE (StintStore, stint_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (stint-store-error-quark, stint_store_error)

static const char * const companion_suffixes[] = { "-wal", "-shm" };

static void
set_sqlite_error (sqlite3     *db,
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
set_errno_error (int          saved_errno,
                 const char  *format,
                 const char  *path,
                 GError     **error)
{
  StintStoreError code = saved_errno == ENOENT ? STINT_STORE_ERROR_NOT_FOUND : STINT_STORE_ERROR_IO;

  g_set_error (error, STINT_STORE_ERROR, code, format, path, g_strerror (saved_errno));
}

static sqlite3 *
open_connection (const char  *path,
                 int          flags,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (db, path, rc, error);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MSEC);

  return db;
}

/* The first read of the file: this is where "not a database" shows. */
static gboolean
read_user_version (sqlite3     *db,
                   const char  *path,
                   int         *version,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (db, path, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return TRUE;
}

static gboolean
check_not_newer (const char  *path,
                 int          version,
                 GError     **error)
{
  if (version <= STINT_STORE_SCHEMA_VERSION)
    return TRUE;

  g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NEWER_SCHEMA,
               _("The Stint database %s was written by a newer version of Stint "
                 "(schema %d; this version knows %d). Stint will not change it."),
               path, version, STINT_STORE_SCHEMA_VERSION);
  return FALSE;
}

static gboolean
quick_check (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *result = NULL;
  int rc;

  /* quick_check(1): the first problem is enough to say it is damaged. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (db, path, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT,
                   _("The Stint database %s is damaged (%s)."), path, result);
      return FALSE;
    }

  return TRUE;
}

/* Looks at an existing file without changing a byte of it. */
static gboolean
probe_existing (const char  *path,
                GError     **error)
{
  sqlite3 *db;
  int version = 0;
  gboolean ok;

  db = open_connection (path, SQLITE_OPEN_READONLY, error);
  if (db == NULL)
    return FALSE;

  ok = read_user_version (db, path, &version, error) &&
       check_not_newer (path, version, error) &&
       quick_check (db, path, error);
  sqlite3_close (db);

  return ok;
}

/* Stint's data folder holds only its database, so it may be made private.
 * A folder we do not own, a sticky one such as /tmp, or the home folder
 * itself is left alone. */
static gboolean
ensure_private_dir (const char  *dir,
                    GError     **error)
{
  GStatBuf st;

  if (g_mkdir_with_parents (dir, 0700) != 0 || g_stat (dir, &st) != 0)
    {
      set_errno_error (errno, _("Stint could not create the folder %s: %s."), dir, error);
      return FALSE;
    }

  if ((st.st_mode & 077) != 0 &&
      st.st_uid == geteuid () &&
      (st.st_mode & S_ISVTX) == 0 &&
      g_strcmp0 (dir, g_get_home_dir ()) != 0 &&
      g_chmod (dir, 0700) != 0)
    g_debug ("Could not make %s private: %s", dir, g_strerror (errno));

  return TRUE;
}

static void
tighten_file (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0 && g_chmod (path, 0600) != 0)
    g_debug ("Could not make %s private: %s", path, g_strerror (errno));
}

/* Creating the file ourselves is the only way to be sure it never exists with
 * the umask's looser mode, even for a moment. SQLite gives -wal and -shm the
 * mode of the main file. */
static gboolean
ensure_private_file (const char  *path,
                     GError     **error)
{
  int fd;

  fd = g_open (path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0)
    {
      set_errno_error (errno, _("Stint could not create its database %s: %s."), path, error);
      return FALSE;
    }
  close (fd);

  tighten_file (path);
  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, companion_suffixes[i], NULL);
      tighten_file (companion);
    }

  return TRUE;
}

static gboolean
exists (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0;
}

static void
stint_store_finalize (GObject *object)
{
  StintStore *self = (StintStore *)object;

  if (self->depth > 0)
    g_warning ("StintStore finalized inside a transaction; it is rolled back");

  /* Statements first: a connection with live statements does not close. */
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK)
    g_debug ("Closing %s: %s", self->path, sqlite3_errmsg (self->db));
  self->db = NULL;
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (stint_store_parent_class)->finalize (object);
}

static void
stint_store_class_init (StintStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stint_store_finalize;
}

static void
stint_store_init (StintStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal,
                                       g_free, (GDestroyNotify)sqlite3_finalize);
}

/* Shared with the other stint-store*.c files. */

void
stint_store_set_error (StintStore  *self,
                       int          rc,
                       GError     **error)
{
  set_sqlite_error (self->db, self->path, rc, error);
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

/**
 * stint_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/stint/stint.db`
 */
char *
stint_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "stint", "stint.db", NULL);
}

/**
 * stint_store_open:
 * @path: the database file; it and its folder are created (private) if missing
 * @error: STINT_STORE_ERROR_CORRUPT, _NEWER_SCHEMA or _IO, with a sentence
 *
 * Opens the database for reading and writing, migrating an older schema. A
 * damaged file or one from a newer Stint is left exactly as it was.
 *
 * Returns: (transfer full): the store, or %NULL
 */
StintStore *
stint_store_open (const char  *path,
                  GError     **error)
{
  g_autoptr(StintStore) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (!ensure_private_dir (dir, error))
    return NULL;

  if (exists (path) && !probe_existing (path, error))
    return NULL;

  if (!ensure_private_file (path, error))
    return NULL;

  self = g_object_new (STINT_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (self->db == NULL)
    return NULL;

  /* Once more on this connection, before the first write: another Stint may
   * have upgraded the file since the probe. */
  if (!read_user_version (self->db, path, &self->schema_version, error) ||
      !check_not_newer (path, self->schema_version, error))
    return NULL;

  /* WAL lets `stint --status` read while the app writes; NORMAL is durable
   * across a crash of Stint, and loses at most the last commits on power loss. */
  if (!stint_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !stint_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !stint_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (!stint_store_migrate (self, error))
    return NULL;

  g_debug ("Opened %s (schema %d)", path, self->schema_version);

  return g_steal_pointer (&self);
}

/**
 * stint_store_open_readonly:
 * @path: an existing database file
 * @error: STINT_STORE_ERROR_NOT_FOUND when there is no file, or as stint_store_open()
 *
 * Opens the database for reading only, without creating or migrating it, for
 * `stint --status` while the app may be running. Any write fails with
 * STINT_STORE_ERROR_IO.
 *
 * Returns: (transfer full): the store, or %NULL
 */
StintStore *
stint_store_open_readonly (const char  *path,
                           GError     **error)
{
  g_autoptr(StintStore) self = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                     _("There is no Stint database at %s."), path);
      else
        set_errno_error (errno, _("Stint could not open its database %s: %s."), path, error);
      return NULL;
    }

  self = g_object_new (STINT_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->readonly = TRUE;
  self->db = open_connection (path, SQLITE_OPEN_READONLY, error);
  if (self->db == NULL)
    return NULL;

  if (!read_user_version (self->db, path, &self->schema_version, error) ||
      !check_not_newer (path, self->schema_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * stint_store_move_aside:
 * @path: a database file that could not be used
 * @error: STINT_STORE_ERROR_NOT_FOUND or _IO
 *
 * Renames @path, and its -wal and -shm files if present, to
 * `@path.broken-YYYYMMDD-HHMMSS` (local time), so a fresh database can be
 * created in its place. Nothing is deleted or overwritten. Close every
 * store on @path first.
 *
 * Returns: (transfer full): the new path of the main file, or %NULL
 */
char *
stint_store_move_aside (const char  *path,
                        GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!exists (path))
    {
      g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                   _("There is no Stint database at %s."), path);
      return NULL;
    }

  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  /* Twice in one second: add a counter rather than overwrite. */
  for (guint n = 1; target == NULL; n++)
    {
      g_autofree char *candidate = NULL;
      gboolean taken;

      if (n == 1)
        candidate = g_strdup_printf ("%s.broken-%s", path, stamp);
      else
        candidate = g_strdup_printf ("%s.broken-%s-%u", path, stamp, n);

      taken = exists (candidate);
      for (guint i = 0; !taken && i < G_N_ELEMENTS (companion_suffixes); i++)
        {
          g_autofree char *companion = g_strconcat (candidate, companion_suffixes[i], NULL);
          taken = exists (companion);
        }

      if (!taken)
        target = g_steal_pointer (&candidate);
    }

  if (g_rename (path, target) != 0)
    {
      set_errno_error (errno, _("Stint could not move its damaged database %s aside: %s."),
                       path, error);
      return NULL;
    }

  /* A -wal left behind would be replayed into the fresh database. */
  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, companion_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, companion_suffixes[i], NULL);

      if (exists (from) && g_rename (from, to) != 0)
        {
          set_errno_error (errno, _("Stint could not move %s aside: %s."), from, error);
          return NULL;
        }
    }

  g_message ("Moved the unusable database %s to %s", path, target);

  return g_steal_pointer (&target);
}

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

  return TRUE;
}

void
stint_store_rollback (StintStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (STINT_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  self->depth--;

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
