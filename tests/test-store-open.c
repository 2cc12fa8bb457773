/* test-store-open.c: opening reads only what it must
 *
 * A file closed cleanly is opened on its header, its schema and a row of
 * meta; damage elsewhere shows when a query meets it, and the next start
 * checks the whole file. So does a start after a session that never ended
 * (killed, crashed) after it changed something: there the check runs at
 * once. A session that only read leaves nothing behind. Either way a damaged
 * file is refused as it is, for the app to move aside.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "store/stint-store.h"
#include "stint-test-utils.h"

/* 2024-03-01 09:00 UTC */
#define T0 G_GINT64_CONSTANT (1709283600)
#define HOUR 3600

typedef StintTestStore Fixture;

/* Fills a file with enough entries for many pages, closed cleanly. */
static void
fill (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = stint_test_open_store (f->path);
  g_assert_true (stint_store_begin (f->store, &error));
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(StintEntry) entry = stint_test_entry_new ("An entry with some words in it",
                                                          T0 + i * HOUR, T0 + i * HOUR + 60);
      g_assert_true (stint_store_insert_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
    }
  g_assert_true (stint_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
}

/* Overwrites the page header of the entries table's root: the file header
 * and the schema still read fine, any query of entries does not. */
static void
damage_entries (Fixture *f)
{
  gint64 page_size = stint_test_int_on_file (f->path, "PRAGMA page_size");
  gint64 root = stint_test_int_on_file (f->path,
                                        "SELECT rootpage FROM sqlite_schema WHERE name = 'entries'");
  FILE *file;

  g_assert_cmpint (root, >, 1);
  file = g_fopen (f->path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (root - 1) * page_size, SEEK_SET), ==, 0);
  for (guint i = 0; i < 64; i++)
    fputc (0xff, file);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
test_open_clean_skips_check (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *checksum = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *moved_checksum = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;

  fill (f);
  damage_entries (f);

  /* Closed cleanly before: opening reads the header, the schema and meta
   * only, so damage elsewhere does not show yet... */
  f->store = stint_test_open_store (f->path);

  /* ...but the first query that meets it says so... */
  entries = stint_store_load_entries (f->store, 0, G_MAXINT64, 0, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_assert_null (entries);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* ...and the next start checks everything and refuses the file, leaving
   * it as it was for the app to move aside. */
  g_clear_object (&f->store);
  checksum = stint_test_file_checksum (f->path);
  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_null (store);
  g_clear_error (&error);
  unchanged = stint_test_file_checksum (f->path);
  g_assert_cmpstr (unchanged, ==, checksum);

  moved = stint_store_move_aside (f->path, &error);
  g_assert_no_error (error);
  moved_checksum = stint_test_file_checksum (moved);
  g_assert_cmpstr (moved_checksum, ==, checksum);
  f->store = stint_test_open_store (f->path);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
}

static void
test_open_unclean_checks (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  /* Killed, then damaged: the next open checks the whole file. */
  fill (f);
  stint_test_open_and_crash (f->path);
  damage_entries (f);
  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_null (store);
  g_clear_error (&error);

  /* Killed, sound: it opens after its check, and once closed cleanly the
   * next open checks nothing: damage there now shows only when read. */
  stint_test_rm_rf (f->dir);
  fill (f);
  stint_test_open_and_crash (f->path);
  f->store = stint_test_open_store (f->path);
  entries = stint_store_load_entries (f->store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 400);
  g_clear_object (&f->store);

  damage_entries (f);
  f->store = stint_test_open_store (f->path);
}

/* A start that only read (the tray's) writes no mark and commits nothing,
 * so a kill then is no reason for the next start to read the whole file. */
static void
test_open_reading_leaves_no_mark (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *checksum = NULL;
  g_autofree char *unchanged = NULL;
  int status = 0;
  pid_t pid;

  fill (f);
  checksum = stint_test_file_checksum (f->path);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      StintStore *store = stint_store_open (f->path, NULL);
      GPtrArray *entries = NULL;

      if (store != NULL)
        entries = stint_store_load_entries (store, 0, G_MAXINT64, 0, NULL);
      _exit (entries != NULL && entries->len == 400 ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  unchanged = stint_test_file_checksum (f->path);
  g_assert_cmpstr (unchanged, ==, checksum);
  g_assert_cmpint (stint_test_int_on_file (f->path, "SELECT count(*) FROM meta "
                                           "WHERE key LIKE 'session/%'"), ==, 0);

  /* Damage from elsewhere shows when a query meets it, as after a clean end. */
  damage_entries (f);
  f->store = stint_test_open_store (f->path);

  /* The first change writes the mark; a clean end takes it away. */
  g_assert_true (stint_store_set_meta (f->store, "test/changed", "yes", NULL));
  g_assert_cmpint (stint_test_int_on_file (f->path, "SELECT count(*) FROM meta "
                                           "WHERE key LIKE 'session/%'"), ==, 1);
  g_clear_object (&f->store);
  g_assert_cmpint (stint_test_int_on_file (f->path, "SELECT count(*) FROM meta "
                                           "WHERE key LIKE 'session/%'"), ==, 0);
}

/* Another Stint with the file open right now (`stint --sign-in` beside the
 * app) is no reason to check it; once that one is gone without closing, it
 * is. */
static void
test_open_beside_live_session (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int ready[2], done[2];
  int status = 0;
  char byte = 0;
  pid_t pid;

  fill (f);
  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (done), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      StintStore *other = stint_test_open_and_change (f->path);

      if (write (ready[1], "x", 1) != 1 || read (done[0], &byte, 1) != 1)
        _exit (2);
      _exit (other != NULL ? 0 : 1);
    }
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);

  damage_entries (f);
  f->store = stint_test_open_store (f->path);
  g_clear_object (&f->store);

  g_assert_cmpint (write (done[1], "x", 1), ==, 1);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      close (ready[i]);
      close (done[i]);
    }

  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_assert_null (store);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/stint/store-open/" path, Fixture, NULL, stint_test_store_setup, func, \
              stint_test_store_teardown)

  ADD ("clean-skips-check", test_open_clean_skips_check);
  ADD ("unclean-checks", test_open_unclean_checks);
  ADD ("reading-leaves-no-mark", test_open_reading_leaves_no_mark);
  ADD ("beside-live-session", test_open_beside_live_session);

#undef ADD

  return g_test_run ();
}
