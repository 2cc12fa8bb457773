/* stint-store-open.c: opening the database file
 *
 * Opening is careful about what it touches. An existing file is first looked
 * at through a read-only connection, so a file from a newer Stint, or a
 * damaged one, leaves stint_store_open() exactly as it came in, and the app
 * can move it aside intact. The folder and the file are private to the user.
 *
 * Opening is also cheap: it reads the header, the schema and meta, which
 * is where a file that is not a database, or a truncated one, shows, but
 * not every page. A full check (PRAGMA quick_check reads the whole file,
 * most of the start-up time on a large history) runs only when there is
 * reason to expect damage: when the last session did not end cleanly
 * (stint-store-session.c). Damage anywhere else is met by the query that
 * reads it, which fails with STINT_STORE_ERROR_CORRUPT and has the next
 * start check the whole file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "stint-store-private.h"

#define BUSY_TIMEOUT_MSEC 2000

static const char * const companion_suffixes[] = { "-wal", "-shm" };

static StintStoreError
code_for_errno (int saved_errno)
{
  return saved_errno == ENOENT ? STINT_STORE_ERROR_NOT_FOUND : STINT_STORE_ERROR_IO;
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
      stint_store_set_sqlite_error (db, path, rc, error);
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
      stint_store_set_sqlite_error (db, path, rc, error);
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
      stint_store_set_sqlite_error (db, path, rc, error);
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

/* Parsing the schema reads the pages of sqlite_schema: a damaged one fails
 * here, before any statement of ours would. */
static gboolean
read_schema (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      stint_store_set_sqlite_error (db, path, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Looks at an existing file without changing a byte of it; reads all of it
 * only after a session that did not end cleanly. */
static gboolean
probe_existing (const char  *path,
                gboolean    *unclean,
                GError     **error)
{
  sqlite3 *db;
  int version = 0;
  gboolean marked = FALSE;
  gboolean ok;

  db = open_connection (path, SQLITE_OPEN_READONLY, error);
  if (db == NULL)
    return FALSE;

  ok = read_user_version (db, path, &version, error) &&
       check_not_newer (path, version, error) &&
       read_schema (db, path, error) &&
       stint_store_session_left_unclean (db, path, version, &marked, error);
  if (ok && marked)
    {
      g_debug ("The last session on %s did not end cleanly: checking all of it", path);
      ok = quick_check (db, path, error);
    }
  sqlite3_close (db);
  *unclean = marked;

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
      int saved_errno = errno;

      g_set_error (error, STINT_STORE_ERROR, code_for_errno (saved_errno),
                   _("Stint could not create the folder %s: %s."), dir, g_strerror (saved_errno));
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
      int saved_errno = errno;

      g_set_error (error, STINT_STORE_ERROR, code_for_errno (saved_errno),
                   _("Stint could not create its database %s: %s."), path, g_strerror (saved_errno));
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
  gboolean unclean = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (!ensure_private_dir (dir, error))
    return NULL;

  if (exists (path) && !probe_existing (path, &unclean, error))
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

  /* The session's mark waits for the first change (stint-store-session.c):
   * a start that only reads, such as the tray's, writes nothing. After an
   * unclean end it is written now, taking the old marks away: the file has
   * just been checked, and the next start need not check it again. */
  self->session_pending = TRUE;
  if (unclean && !stint_store_begin_session (self, error))
    return NULL;

  stint_store_read_account (self);

  g_debug ("Opened %s (schema %d, account %s)", path, self->schema_version, self->account);

  return g_steal_pointer (&self);
}

/**
 * stint_store_open_readonly:
 * @path: an existing database file
 * @error: STINT_STORE_ERROR_NOT_FOUND when there is no file, or as stint_store_open()
 *
 * Opens the database for reading only, without creating or migrating it, for
 * `stint --status` while the app may be running. Reads are scoped to the
 * account the app last set (stint_store_set_account()). Any write fails with
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
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND,
                     _("There is no Stint database at %s."), path);
      else
        g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO,
                     _("Stint could not open its database %s: %s."), path, g_strerror (saved_errno));
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

  /* `stint --status` shows the account the app last used. */
  stint_store_read_account (self);

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
      int saved_errno = errno;

      g_set_error (error, STINT_STORE_ERROR, code_for_errno (saved_errno),
                   _("Stint could not move its damaged database %s aside: %s."),
                   path, g_strerror (saved_errno));
      return NULL;
    }

  /* A -wal left behind would be replayed into the fresh database. */
  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, companion_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, companion_suffixes[i], NULL);

      if (exists (from) && g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO,
                       _("Stint could not move %s aside: %s."), from, g_strerror (saved_errno));
          return NULL;
        }
    }

  g_debug ("Moved %s aside to %s", path, target);

  return g_steal_pointer (&target);
}

