/* test-store-files.c: the store's file: where it lives, files that cannot
 * be used (newer, corrupt, unreadable) left as they are and the damaged
 * ones moved aside, its permissions, and read-only opens beside the app
 * (`stint --status`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "store-fixture.h"

static int
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static gboolean
file_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static char *
companion (const char *path,
           const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static void
test_default_path (void)
{
  g_autofree char *path = stint_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "stint", "stint.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

/* Files that cannot be used */

static void
test_open_newer_schema (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  stint_test_sql_on_file (f->path, "CREATE TABLE future (x); INSERT INTO future VALUES (1);"
                        "PRAGMA user_version = 99;");
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  before = stint_test_file_checksum (f->path);

  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NEWER_SCHEMA);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer version of Stint (schema 99; this version knows 4)"));
  g_clear_error (&error);

  store = stint_store_open_readonly (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NEWER_SCHEMA);
  g_assert_null (store);

  /* Not a byte, not a mode bit, no journal or WAL beside it. */
  after = stint_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (file_mode (f->path), ==, 0644);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *other = companion (f->path, suffixes[i]);
      g_assert_false (file_exists (other));
    }
}

static void
check_move_aside (Fixture    *f,
                  const char *checksum)
{
  g_autofree char *moved = NULL;
  g_autofree char *moved_checksum = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GError) error = NULL;

  moved = stint_store_move_aside (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  g_assert_false (file_exists (f->path));

  basename = g_path_get_basename (moved);
  g_assert_true (g_regex_match_simple ("^stint\\.db\\.broken-[0-9]{8}-[0-9]{6}(-[0-9]+)?$",
                                       basename, 0, 0));
  moved_checksum = stint_test_file_checksum (moved);
  g_assert_cmpstr (moved_checksum, ==, checksum);

  /* A fresh start in its place. */
  f->store = stint_test_open_store (f->path);
  g_assert_cmpint (stint_store_get_schema_version (f->store), ==, STINT_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
}

static void
test_open_corrupt_garbage (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *garbage = NULL;
  g_autofree char *checksum = NULL;
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;

  garbage = g_strnfill (8192, 'x');
  memcpy (garbage, "Not a database at all. ", 23);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  g_file_set_contents (f->path, garbage, 8192, &error);
  g_assert_no_error (error);
  checksum = stint_test_file_checksum (f->path);

  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  store = stint_store_open_readonly (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  check_move_aside (f, checksum);
}

static void
test_open_corrupt_page (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *checksum = NULL;
  g_autoptr(StintStore) store = NULL;
  g_autofree char *unchanged = NULL;
  g_autoptr(GError) error = NULL;
  FILE *file;

  /* Enough rows for several pages, then damage one in the middle: the
   * header still reads fine, only the check notices. It runs after a
   * session that did not end cleanly (test-store-open.c has the rest of
   * that story: damage met by a query). */
  f->store = stint_test_open_store (f->path);
  g_assert_true (stint_store_begin (f->store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(StintEntry) entry = stint_test_entry_new ("An entry with some words in it",
                                                          T0 + i * HOUR, T0 + i * HOUR + 60);
      insert (f->store, entry, STINT_OUTBOX_CREATE);
    }
  g_assert_true (stint_store_commit (f->store, &error));
  g_clear_object (&f->store);
  stint_test_open_and_crash (f->path);

  file = g_fopen (f->path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, 4 * 4096 + 8, SEEK_SET), ==, 0);
  for (guint i = 0; i < 1000; i++)
    fputc (0xff, file);
  g_assert_cmpint (fclose (file), ==, 0);
  checksum = stint_test_file_checksum (f->path);

  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  g_clear_error (&error);

  unchanged = stint_test_file_checksum (f->path);
  g_assert_cmpstr (unchanged, ==, checksum);
  check_move_aside (f, checksum);
}

static void
test_move_aside_companions (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = companion (f->path, suffixes[i]);
      g_file_set_contents (name, suffixes[i], -1, &error);
      g_assert_no_error (error);
    }

  first = stint_store_move_aside (f->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *old_name = companion (f->path, suffixes[i]);
      g_autofree char *new_name = companion (first, suffixes[i]);
      g_autofree char *contents = NULL;

      g_assert_false (file_exists (old_name));
      g_file_get_contents (new_name, &contents, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (contents, ==, suffixes[i]);
    }

  /* Again within the same second: a new name, nothing overwritten. */
  g_file_set_contents (f->path, "again", -1, &error);
  g_assert_no_error (error);
  second = stint_store_move_aside (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);
  g_assert_true (file_exists (first));
  g_assert_true (file_exists (second));

  g_assert_null (stint_store_move_aside (f->path, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
}

static void
test_open_permissions (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *wal = companion (f->path, "-wal");
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Private", T0, 0);
  g_autoptr(StintEntry) running = NULL;

  /* New: made private. */
  f->store = stint_test_open_store (f->path);
  insert (f->store, entry, STINT_OUTBOX_NONE);
  g_assert_cmpint (file_mode (f->dir), ==, 0700);
  g_assert_cmpint (file_mode (f->path), ==, 0600);
  g_assert_true (file_exists (wal));
  g_assert_cmpint (file_mode (wal), ==, 0600);
  g_clear_object (&f->store);

  /* Loosened by someone: tightened again, contents kept. */
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  f->store = stint_test_open_store (f->path);
  g_assert_cmpint (file_mode (f->dir), ==, 0700);
  g_assert_cmpint (file_mode (f->path), ==, 0600);
  running = stint_store_load_running (f->store, NULL);
  g_assert_nonnull (running);
}

static void
test_open_unreadable (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("Permissions do not stop root");
      return;
    }

  f->store = stint_test_open_store (f->path);
  g_clear_object (&f->store);
  g_assert_cmpint (g_chmod (f->path, 0000), ==, 0);

  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO);
  g_assert_null (store);
  g_assert_cmpint (file_mode (f->path), ==, 0000);
}

/* Read-only */

static void
test_readonly_while_writing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Seen by --status", T0, 0);
  g_autoptr(StintEntry) other = stint_test_entry_new ("Not yet", T0 + HOUR, T0 + 2 * HOUR);
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(StintStore) reader = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  insert (f->store, entry, STINT_OUTBOX_CREATE);

  reader = stint_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_store_get_schema_version (reader), ==, STINT_STORE_SCHEMA_VERSION);
  running = stint_store_load_running (reader, &error);
  g_assert_no_error (error);
  assert_entries_equal (running, entry);
  g_assert_cmpuint (stint_store_count_outbox (reader), ==, 1);

  /* The writer's open transaction is invisible, and does not block. */
  g_assert_true (stint_store_begin (f->store, &error));
  insert (f->store, other, STINT_OUTBOX_NONE);
  all = stint_store_load_entries (reader, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_true (stint_store_commit (f->store, &error));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = stint_store_load_entries (reader, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);

  /* And it cannot write. */
  g_assert_false (stint_store_update_entry (reader, entry, STINT_OUTBOX_NONE, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (stint_store_set_meta (reader, "k", "v", &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_IO);
}

static void
test_readonly_missing (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = stint_store_open_readonly (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_assert_null (store);

  /* Nothing created on the way. */
  g_assert_false (file_exists (f->path));
  g_assert_false (file_exists (f->dir));
}

static void
test_readonly_v1 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintStore) reader = NULL;
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  stint_test_store_load_sql (f, "schema-v1.sql");
  before = stint_test_file_checksum (f->path);

  reader = stint_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_store_get_schema_version (reader), ==, 1);

  running = stint_store_load_running (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Read about SQLite");
  g_assert_cmpint (stint_entry_get_sync_state (running), ==, STINT_SYNC_STATE_SYNCED);

  /* No outbox or meta in schema 1: empty, not an error. */
  ops = stint_store_load_outbox (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 0);
  g_assert_null (stint_store_get_meta (reader, "since"));

  g_clear_object (&reader);
  after = stint_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, setup, func) \
  g_test_add ("/stint/store/" path, Fixture, NULL, setup, func, stint_test_store_teardown)

  ADD ("open/newer-schema", stint_test_store_setup, test_open_newer_schema);
  ADD ("open/corrupt-garbage", stint_test_store_setup, test_open_corrupt_garbage);
  ADD ("open/corrupt-page", stint_test_store_setup, test_open_corrupt_page);
  ADD ("open/move-aside-companions", stint_test_store_setup, test_move_aside_companions);
  ADD ("open/permissions", stint_test_store_setup, test_open_permissions);
  ADD ("open/unreadable", stint_test_store_setup, test_open_unreadable);
  ADD ("readonly/while-writing", stint_test_store_setup_open, test_readonly_while_writing);
  ADD ("readonly/missing", stint_test_store_setup, test_readonly_missing);
  ADD ("readonly/v1", stint_test_store_setup, test_readonly_v1);
  g_test_add_func ("/stint/store/default-path", test_default_path);

#undef ADD

  return g_test_run ();
}
