/* stint-test-utils.c: helpers shared by the GTest programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-test"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

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
