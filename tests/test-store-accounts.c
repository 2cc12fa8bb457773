/* test-store-accounts.c: rows belong to an account: each sees only its
 * own, the current one is remembered in the file (and written only when it
 * changes), local mode's entries can be copied into an account, and an
 * account can be forgotten
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-fixture.h"

static void
test_account_scoping (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StintEntry) mine = stint_test_entry_new ("Local work", T0, T0 + HOUR);
  g_autoptr(StintEntry) theirs = stint_test_entry_new ("Track work", T0 + 2 * HOUR, 0);
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(StintStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (stint_store_get_account (f->store), ==, "local");
  insert (f->store, mine, STINT_OUTBOX_NONE);

  stint_test_set_account (f->store, TRACK);
  insert (f->store, theirs, STINT_OUTBOX_CREATE);
  g_assert_cmpuint (count_entries (f->store), ==, 1);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 1);
  assert_not_stored (f->store, stint_entry_get_id (mine));

  /* Writes are scoped too. */
  stint_entry_set_description (mine, "Not from here");
  g_assert_false (stint_store_update_entry (f->store, mine, STINT_OUTBOX_UPDATE, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (stint_store_delete_entry (f->store, mine, STINT_OUTBOX_NONE, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 1);

  stint_test_set_account (f->store, "local");
  g_assert_cmpuint (count_entries (f->store), ==, 1);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  assert_not_stored (f->store, stint_entry_get_id (theirs));
  g_assert_cmpuint (stint_store_count_account_entries (f->store, TRACK), ==, 1);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, "local"), ==, 1);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, "track:1"), ==, 0);

  /* The account is remembered in the file, for the next start and for
   * `stint --status`. */
  stint_test_set_account (f->store, TRACK);
  stint_test_store_reopen (f);
  g_assert_cmpstr (stint_store_get_account (f->store), ==, TRACK);
  reader = stint_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_store_get_account (reader), ==, TRACK);
  running = stint_store_load_running (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Track work");
}

static void
count_cb (StintStore *store,
          guint      *count)
{
  (*count)++;
}

static void
test_account_copy_local (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StintProject) local_stint = stint_project_new (0, "Stint", NULL);
  g_autoptr(StintProject) garden = stint_project_new (0, "Garden", "#2ec27e");
  g_autoptr(StintProject) track_stint = stint_project_new (0, "Stint", "#3584e4");
  g_autoptr(StintEntry) with_project = stint_test_entry_new ("Write the store", T0, T0 + HOUR);
  g_autoptr(StintEntry) plain = stint_test_entry_new ("Email", T0 + HOUR, T0 + 2 * HOUR);
  g_autoptr(StintEntry) running = stint_test_entry_new ("Weed the beds", T0 + 3 * HOUR, 0);
  g_autoptr(StintEntry) elsewhere = stint_test_entry_new ("Elsewhere", T0 + 5 * HOUR, 0);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  guint signals = 0;
  guint n = 0;

  g_assert_true (stint_store_insert_project (f->store, local_stint, &error));
  g_assert_true (stint_store_insert_project (f->store, garden, &error));
  g_assert_no_error (error);
  stint_entry_set_project_id (with_project, stint_project_get_id (local_stint));
  stint_entry_set_project_id (running, stint_project_get_id (garden));
  insert (f->store, with_project, STINT_OUTBOX_NONE);
  insert (f->store, plain, STINT_OUTBOX_NONE);
  insert (f->store, running, STINT_OUTBOX_NONE);

  stint_test_set_account (f->store, TRACK);
  stint_project_set_server_id (track_stint, 9001);
  g_assert_true (stint_store_insert_project (f->store, track_stint, &error));
  g_assert_no_error (error);
  stint_test_set_account (f->store, "local");

  g_signal_connect (f->store, "outbox-changed", G_CALLBACK (count_cb), &signals);
  g_assert_true (stint_store_copy_local_to_account (f->store, TRACK, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (signals, ==, 1);

  /* Local mode keeps its own. */
  g_assert_cmpuint (count_entries (f->store), ==, 3);
  g_assert_cmpuint (count_projects (f->store), ==, 2);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);

  /* The account has copies, each with its create; projects mapped by name,
   * or copied without a server id. */
  stint_test_set_account (f->store, TRACK);
  entries = stint_store_load_entries (f->store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  for (guint i = 0; i < entries->len; i++)
    {
      StintEntry *copy = entries->pdata[i];

      g_assert_cmpint (stint_entry_get_sync_state (copy), ==, STINT_SYNC_STATE_PENDING);
      g_assert_cmpint (stint_entry_get_server_id (copy), ==, 0);
      g_assert_cmpint (stint_entry_get_id (copy), >, stint_entry_get_id (running));
    }
  /* Newest first: running, plain, with_project. */
  g_assert_true (stint_entry_is_running (entries->pdata[0]));
  g_assert_cmpstr (stint_entry_get_description (entries->pdata[2]), ==, "Write the store");
  g_assert_cmpint (stint_entry_get_project_id (entries->pdata[2]), ==, stint_project_get_id (track_stint));
  g_assert_cmpint (stint_entry_get_project_id (entries->pdata[1]), ==, 0);
  {
    g_autoptr(StintProject) copied = NULL;

    copied = stint_store_load_project (f->store, stint_entry_get_project_id (entries->pdata[0]), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (stint_project_get_name (copied), ==, "Garden");
    g_assert_cmpstr (stint_project_get_color (copied), ==, "#2ec27e");
    g_assert_cmpint (stint_project_get_server_id (copied), ==, 0);
  }
  g_assert_cmpuint (count_projects (f->store), ==, 2);
  ops = load_outbox (f->store);
  g_assert_cmpuint (ops->len, ==, 3);
  for (guint i = 0; i < ops->len; i++)
    g_assert_cmpint (outbox_op (ops, i)->kind, ==, STINT_OUTBOX_CREATE);

  /* Into an account with its own running entry: all or nothing. */
  stint_test_set_account (f->store, "track:2");
  insert (f->store, elsewhere, STINT_OUTBOX_NONE);
  g_assert_false (stint_store_copy_local_to_account (f->store, "track:2", &n, &error));
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "already has a running entry"));
  g_assert_cmpuint (count_entries (f->store), ==, 1);
  g_assert_cmpuint (count_projects (f->store), ==, 0);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_cmpuint (signals, ==, 1);
}

static void
test_account_forget (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StintEntry) mine = stint_test_entry_new ("Local work", T0, T0 + HOUR);
  g_autoptr(StintEntry) theirs = stint_test_entry_new ("Track work", T0 + 2 * HOUR, 0);
  g_autoptr(StintEntry) other = stint_test_entry_new ("Other account", T0 + 3 * HOUR, 0);
  g_autoptr(StintProject) project = stint_project_new (0, "Stint", NULL);
  g_autoptr(StintTag) tag = stint_tag_new (0, "work");
  g_autoptr(StintStore) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since_key = stint_store_account_meta_key (TRACK, "since");
  g_autofree char *value = NULL;

  g_assert_cmpstr (since_key, ==, TRACK "/since");
  insert (f->store, mine, STINT_OUTBOX_NONE);
  g_assert_true (stint_store_set_meta (f->store, "since", "1", &error));

  stint_test_set_account (f->store, "track:1");
  insert (f->store, other, STINT_OUTBOX_CREATE);

  stint_test_set_account (f->store, TRACK);
  insert (f->store, theirs, STINT_OUTBOX_CREATE);
  g_assert_true (stint_store_insert_project (f->store, project, &error));
  g_assert_true (stint_store_insert_tag (f->store, tag, &error));
  g_assert_true (stint_store_set_meta (f->store, since_key, "2", &error));
  g_assert_no_error (error);

  g_assert_true (stint_store_forget_account (f->store, TRACK, &error));
  g_assert_no_error (error);

  /* Back in local mode, which kept everything. */
  g_assert_cmpstr (stint_store_get_account (f->store), ==, "local");
  g_assert_cmpuint (count_entries (f->store), ==, 1);
  value = stint_store_get_meta (f->store, "since");
  g_assert_cmpstr (value, ==, "1");
  g_clear_pointer (&value, g_free);
  reader = stint_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_store_get_account (reader), ==, "local");

  /* Nothing of the account is left. */
  g_assert_cmpuint (stint_store_count_account_entries (f->store, TRACK), ==, 0);
  g_assert_null (stint_store_get_meta (f->store, since_key));
  stint_test_set_account (f->store, TRACK);
  g_assert_cmpuint (count_entries (f->store), ==, 0);
  g_assert_cmpuint (count_projects (f->store), ==, 0);
  g_assert_cmpuint (count_tags (f->store), ==, 0);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);

  /* Another account is untouched; forgetting one not current keeps the
   * current one. */
  g_assert_cmpuint (stint_store_count_account_entries (f->store, "track:1"), ==, 1);
  g_assert_true (stint_store_forget_account (f->store, "track:1", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stint_store_get_account (f->store), ==, TRACK);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, "track:1"), ==, 0);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, "local"), ==, 1);
}

/* Every start names its account again: once the file holds it, that writes
 * nothing, so a start in local mode leaves no session mark and no commit. */
static void
test_account_named_again (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *checksum = NULL;
  g_autofree char *unchanged = NULL;

  stint_test_set_account (f->store, "local");
  stint_test_store_reopen (f);
  g_clear_object (&f->store);
  checksum = stint_test_file_checksum (f->path);

  f->store = stint_test_open_store (f->path);
  stint_test_set_account (f->store, "local");
  g_assert_cmpint (stint_test_int_on_file (f->path, "SELECT count(*) FROM meta "
                                           "WHERE key LIKE 'session/%'"), ==, 0);
  g_clear_object (&f->store);
  unchanged = stint_test_file_checksum (f->path);
  g_assert_cmpstr (unchanged, ==, checksum);

  /* Another account is a change, written as before. */
  f->store = stint_test_open_store (f->path);
  stint_test_set_account (f->store, TRACK);
  g_assert_cmpint (stint_test_int_on_file (f->path, "SELECT count(*) FROM meta "
                                           "WHERE key LIKE 'session/%'"), ==, 1);
  stint_test_store_reopen (f);
  g_assert_cmpstr (stint_store_get_account (f->store), ==, TRACK);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, setup, func) \
  g_test_add ("/stint/store/" path, Fixture, NULL, setup, func, stint_test_store_teardown)

  ADD ("account/scoping", stint_test_store_setup_open, test_account_scoping);
  ADD ("account/copy-local", stint_test_store_setup_open, test_account_copy_local);
  ADD ("account/forget", stint_test_store_setup_open, test_account_forget);
  ADD ("account/named-again", stint_test_store_setup_open, test_account_named_again);

#undef ADD

  return g_test_run ();
}
