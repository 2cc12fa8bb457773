/* stint-store-session.c: the mark a writable store leaves while it has the
 * file open
 *
 * Opening reads only the header, the schema and meta (stint-store-open.c);
 * the whole file is checked only when the last session may have left it
 * damaged: when it did not end cleanly. Each writable store writes
 * "session/<pid>" into meta before its first change (or on opening after an
 * unclean end, clearing the old marks) and deletes it when it closes,
 * unless it met a damaged page meanwhile (stint_store_set_error()), which
 * leaves a mark even if it changed nothing. A store that only read leaves
 * no mark: it cannot have damaged the file, and the tray's start need not
 * wait for a commit. A mark whose process is gone, or is this one (a pid
 * comes back after a restart, always in a sandbox), therefore means a
 * crash, a kill, a power loss, or a damaged page; a mark of a live process
 * is another Stint using the file now (`stint --sign-in` beside the app),
 * not a reason to check.
 *
 * (A -wal file left behind would not do: `stint --status` leaves one after
 * any read, and SQLite removes it only when a writer closes.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "stint-store-private.h"

/* The marks, in key order: "session/" up to, not including, "session0". */
#define SELECT_MARKS "SELECT key FROM meta WHERE key > 'session/' AND key < 'session0'"

/* Whether the process that left @key is gone, or is this one. */
static gboolean
mark_is_stale (const char *key)
{
  gint64 pid = g_ascii_strtoll (key + strlen ("session/"), NULL, 10);

  if (pid <= 0 || pid > G_MAXINT || (pid_t)pid == getpid ())
    return TRUE;

  return kill ((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Whether @db, a file at schema @version, has a mark of a session that did
 * not end cleanly. Files older than schema 2 have no meta, and no marks. */
gboolean
stint_store_session_left_unclean (sqlite3     *db,
                                  const char  *path,
                                  int          version,
                                  gboolean    *unclean,
                                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *unclean = FALSE;
  if (version < 2)
    return TRUE;

  rc = sqlite3_prepare_v2 (db, SELECT_MARKS, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (mark_is_stale ((const char *)sqlite3_column_text (stmt, 0)))
        *unclean = TRUE;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      stint_store_set_sqlite_error (db, path, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_marks (StintStore  *self,
             GError     **error)
{
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  g_auto(StintStoreStmt) insert = NULL;

  {
    g_auto(StintStoreStmt) select = NULL;
    int rc;

    select = stint_store_prepare (self, SELECT_MARKS, error);
    if (select == NULL)
      return FALSE;

    while ((rc = sqlite3_step (select)) == SQLITE_ROW)
      if (mark_is_stale ((const char *)sqlite3_column_text (select, 0)))
        g_ptr_array_add (stale, g_strdup ((const char *)sqlite3_column_text (select, 0)));
    if (rc != SQLITE_DONE)
      {
        stint_store_set_error (self, rc, error);
        return FALSE;
      }
  }

  /* Their sessions are over, and the file was checked on opening. */
  for (guint i = 0; i < stale->len; i++)
    {
      g_auto(StintStoreStmt) delete = stint_store_prepare (self, "DELETE FROM meta WHERE key = ?1",
                                                           error);

      if (delete == NULL)
        return FALSE;
      stint_store_bind_text (delete, 1, g_ptr_array_index (stale, i));
      if (!stint_store_step_done (self, delete, error))
        return FALSE;
    }

  insert = stint_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, 'open')",
                                error);
  if (insert == NULL)
    return FALSE;
  stint_store_bind_text (insert, 1, self->session_key);

  return stint_store_step_done (self, insert, error);
}

/* Marks the file as in use by this store, clearing the marks of sessions
 * that are over; before the first change, or on opening after an unclean
 * end (the file was checked and migrated by then). */
gboolean
stint_store_begin_session (StintStore  *self,
                           GError     **error)
{
  g_assert (self->session_pending && self->session_key == NULL);

  /* The transaction below comes through stint_store_begin() too. */
  self->session_pending = FALSE;
  self->session_key = g_strdup_printf ("session/%d", (int)getpid ());

  if (!stint_store_begin (self, error))
    goto fail;
  if (!write_marks (self, error) || !stint_store_commit (self, error))
    {
      stint_store_rollback (self);
      goto fail;
    }

  return TRUE;

fail:
  g_clear_pointer (&self->session_key, g_free);
  self->session_pending = TRUE;
  return FALSE;
}

/* A clean end: the next start need not check the whole file. Inside a
 * transaction (a store dropped in the middle of one) the delete is rolled
 * back with it when the connection closes, and the mark stays. */
void
stint_store_end_session (StintStore *self)
{
  g_auto(StintStoreStmt) delete = NULL;
  g_autoptr(GError) error = NULL;

  /* Damage met by a store that changed nothing still needs its mark. */
  if (self->damaged && self->session_pending && !stint_store_begin_session (self, &error))
    g_debug ("Marking %s for a full check: %s", self->path, error->message);

  if (self->session_key == NULL || self->damaged)
    return;

  delete = stint_store_prepare (self, "DELETE FROM meta WHERE key = ?1", &error);
  if (delete != NULL)
    {
      stint_store_bind_text (delete, 1, self->session_key);
      stint_store_step_done (self, delete, &error);
    }
  if (error != NULL)
    g_debug ("Ending the session on %s: %s", self->path, error->message);
}
