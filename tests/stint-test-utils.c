/* stint-test-utils.c: helpers shared by the GTest programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-test"

#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "stint-test-utils.h"

/**
 * stint_test_init:
 *
 * g_test_init() with the XDG folders and HOME moved to a temporary place, and
 * the environment a test needs when it is run by hand rather than by meson:
 * nothing reaches the user's dconf, data or proxy settings.
 */
void
stint_test_init (int    *argc,
                 char ***argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("GIO_USE_VFS", "local", TRUE);
#ifdef STINT_TEST_SRCDIR
  /* Run by hand rather than by `meson test`: still find tests/data. */
  g_setenv ("G_TEST_SRCDIR", STINT_TEST_SRCDIR, FALSE);
#endif

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

/**
 * stint_test_make_tmpdir:
 *
 * Returns: (transfer full): a new, empty folder under g_get_tmp_dir(); remove
 *   it with stint_test_rm_rf()
 */
char *
stint_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;

  dir = g_dir_make_tmp ("stint-test-XXXXXX", &error);
  g_assert_no_error (error);

  return dir;
}

static void
rm_rf (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* A test may have taken its own permissions away. */
      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }

      if (g_rmdir (path) != 0)
        g_test_message ("Could not remove %s: %s", path, g_strerror (errno));
    }
  else if (g_unlink (path) != 0)
    {
      g_test_message ("Could not remove %s: %s", path, g_strerror (errno));
    }
}

/**
 * stint_test_rm_rf:
 * @path: (nullable): a folder made by stint_test_make_tmpdir(), or a path in one
 *
 * Removes @path and everything below it, without following symbolic links.
 * Refuses anything outside the temporary folder.
 */
void
stint_test_rm_rf (const char *path)
{
  g_autofree char *prefix = NULL;

  if (path == NULL)
    return;

  prefix = g_build_filename (g_get_tmp_dir (), "stint-test-", NULL);
  g_assert_true (g_str_has_prefix (path, prefix));
  g_assert_null (strstr (path, "/../"));

  rm_rf (path);
}

/**
 * stint_test_file_checksum:
 *
 * Returns: (transfer full) (nullable): the SHA-256 of the file's bytes, or
 *   %NULL when it cannot be read
 */
char *
stint_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/**
 * stint_test_entry_new:
 * @description: (nullable): the description
 * @start: Unix seconds
 * @stop: Unix seconds, or 0 for a running entry
 *
 * Returns: (transfer full): a new entry, not stored
 */
StintEntry *
stint_test_entry_new (const char *description,
                      gint64      start,
                      gint64      stop)
{
  StintEntry *entry = stint_entry_new ();

  stint_entry_set_description (entry, description);
  stint_entry_set_start (entry, start);
  stint_entry_set_stop (entry, stop);

  return entry;
}

/* The project named @name in @projects, which must hold one. */
StintProject *
stint_test_find_project (GPtrArray  *projects,
                         const char *name)
{
  for (guint i = 0; i < projects->len; i++)
    if (g_str_equal (stint_project_get_name (projects->pdata[i]), name))
      return projects->pdata[i];

  g_error ("No project named “%s”", name);
}

/**
 * stint_test_http_new:
 * @base_url: a loopback server's API, such as the fake Toggl's
 *
 * Returns: (transfer full): a session on @base_url, which it must accept,
 *   sending @secret as @auth says
 */
StintHttp *
stint_test_http_new (StintClock    *clock,
                     const char    *base_url,
                     StintHttpAuth  auth,
                     const char    *secret)
{
  g_autoptr(GError) error = NULL;
  StintHttp *http = stint_http_new (clock);

  g_assert_true (stint_http_set_base_url (http, base_url, &error));
  g_assert_no_error (error);
  stint_http_set_auth (http, auth, secret);

  return http;
}

/* ------------------------------------------------------------ waiting */

/**
 * stint_test_flush:
 *
 * Runs what the default main context has ready, without waiting for more.
 */
void
stint_test_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The guard of STINT_TEST_WAIT_FOR() and stint_test_settle_sync(). */
gboolean
stint_test_waited_too_long (gpointer what)
{
  g_error ("Waited 10 s for %s", (const char *)what);
  return G_SOURCE_REMOVE;
}

/**
 * stint_test_settle_sync:
 * @sync: (nullable): the sync whose requests to wait for
 *
 * Iterates the main context until nothing is left to do: no event ready and
 * no request of @sync under way.
 */
void
stint_test_settle_sync (StintSync *sync)
{
  guint guard = g_timeout_add_seconds (10, stint_test_waited_too_long, (gpointer)"the sync to settle");

  while (g_main_context_pending (NULL) ||
         (sync != NULL && stint_sync_get_status (sync) == STINT_SYNC_STATUS_SYNCING))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard);
}

/* ------------------------------------------------------------ the store */

/**
 * stint_test_open_store:
 *
 * Returns: (transfer full): the store on @path, which must open
 */
StintStore *
stint_test_open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  StintStore *store;

  store = stint_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (STINT_IS_STORE (store));

  return store;
}

void
stint_test_store_setup (StintTestStore *f,
                        gconstpointer   data)
{
  f->tmpdir = stint_test_make_tmpdir ();
  f->dir = g_build_filename (f->tmpdir, "data", "stint", NULL);
  f->path = g_build_filename (f->dir, "stint.db", NULL);
}

void
stint_test_store_setup_open (StintTestStore *f,
                             gconstpointer   data)
{
  stint_test_store_setup (f, data);
  f->store = stint_test_open_store (f->path);
}

void
stint_test_store_teardown (StintTestStore *f,
                           gconstpointer   data)
{
  g_clear_object (&f->store);
  stint_test_rm_rf (f->tmpdir);
  g_free (f->path);
  g_free (f->dir);
  g_free (f->tmpdir);
}

/* Closes the store, if open, and opens the file again: a restart. */
void
stint_test_store_reopen (StintTestStore *f)
{
  g_clear_object (&f->store);
  f->store = stint_test_open_store (f->path);
}

/* Runs SQL on @path through a separate connection, as another program would. */
void
stint_test_sql_on_file (const char *path,
                        const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The one integer @sql selects from @path, read through a separate
 * connection. */
gint64
stint_test_int_on_file (const char *path,
                        const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return value;
}

/**
 * stint_test_store_load_sql:
 * @name: a file in tests/data, such as `schema-v1.sql`
 *
 * Makes the file at @f's path from SQL, as an older Stint left it; the
 * store must not be open.
 */
void
stint_test_store_load_sql (StintTestStore *f,
                           const char     *name)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (f->store);
  g_file_get_contents (fixture, &sql, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  stint_test_sql_on_file (f->path, sql);
}

/* A store that has changed something, and so left its session's mark;
 * %NULL when it could not (for a child process to report). */
StintStore *
stint_test_open_and_change (const char *path)
{
  StintStore *store = stint_store_open (path, NULL);

  if (store != NULL && !stint_store_set_meta (store, "test/changed", "yes", NULL))
    g_clear_object (&store);

  return store;
}

/* What a session that never ended leaves: a Stint that opened the file,
 * changed something and was killed before it closed it. */
void
stint_test_open_and_crash (const char *path)
{
  int status = 0;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      StintStore *store = stint_test_open_and_change (path);

      _exit (store != NULL ? 0 : 1);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

void
stint_test_set_account (StintStore *store,
                        const char *account)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_store_set_account (store, account, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stint_store_get_account (store), ==, account);
}

/* The stored entry @id, which must be there. */
StintEntry *
stint_test_load_entry (StintStore *store,
                       gint64      id)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry;

  entry = stint_store_load_entry (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);

  return entry;
}

/**
 * stint_test_tracker_new:
 * @dir: a folder of the test's own, for the store file
 * @now: where the manual clock starts, Unix seconds
 * @store: (out): a new store, `dir/stint.db`
 * @clock: (out): the manual clock
 *
 * Returns: (transfer full): a tracker on them that lists the last 14 days,
 *   the `recent-days` default
 */
StintTracker *
stint_test_tracker_new (const char  *dir,
                        gint64       now,
                        StintStore **store,
                        StintClock **clock)
{
  g_autofree char *path = g_build_filename (dir, "stint.db", NULL);
  g_autoptr(GError) error = NULL;
  StintTracker *tracker;

  *store = stint_test_open_store (path);
  *clock = stint_clock_new_manual (now * G_USEC_PER_SEC);
  tracker = stint_tracker_new (*store, *clock, 14, &error);
  g_assert_no_error (error);

  return tracker;
}
