/* test-entry-list.c: the sorted entry model and its change signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "model/stint-entry-list.h"

typedef struct
{
  guint position, removed, added;
  guint count;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

static StintEntry *
make_entry (gint64 id,
            gint64 start)
{
  StintEntry *entry = stint_entry_new ();

  stint_entry_set_id (entry, id);
  stint_entry_set_start (entry, start);
  stint_entry_set_stop (entry, start + 60);
  return entry;
}

static gint64
id_at (GListModel *model,
       guint       i)
{
  g_autoptr(StintEntry) entry = g_list_model_get_item (model, i);

  return stint_entry_get_id (entry);
}

static void
test_insert_sorted (void)
{
  g_autoptr(StintEntryList) list = stint_entry_list_new ();
  g_autoptr(StintEntry) a = make_entry (1, 100);
  g_autoptr(StintEntry) b = make_entry (2, 300);
  g_autoptr(StintEntry) c = make_entry (3, 200);
  g_autoptr(StintEntry) d = make_entry (4, 200);
  Change change = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);

  g_assert_cmpuint (stint_entry_list_insert (list, a), ==, 0);
  g_assert_cmpuint (stint_entry_list_insert (list, b), ==, 0);
  g_assert_cmpuint (stint_entry_list_insert (list, c), ==, 1);
  /* Equal starts: the larger id counts as newer. */
  g_assert_cmpuint (stint_entry_list_insert (list, d), ==, 1);
  g_assert_cmpuint (change.count, ==, 4);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpuint (change.removed, ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpint (id_at (G_LIST_MODEL (list), 0), ==, 2);
  g_assert_cmpint (id_at (G_LIST_MODEL (list), 1), ==, 4);
  g_assert_cmpint (id_at (G_LIST_MODEL (list), 2), ==, 3);
  g_assert_cmpint (id_at (G_LIST_MODEL (list), 3), ==, 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 4));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == STINT_TYPE_ENTRY);
}

static void
test_remove_and_find (void)
{
  g_autoptr(StintEntryList) list = stint_entry_list_new ();
  g_autoptr(StintEntry) a = make_entry (1, 100);
  g_autoptr(StintEntry) b = make_entry (2, 300);
  g_autoptr(StintEntry) stranger = make_entry (9, 50);
  Change change = { 0 };
  guint position = 99;

  stint_entry_list_insert (list, a);
  stint_entry_list_insert (list, b);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);

  g_assert_true (stint_entry_list_find (list, 1, &position) == a);
  g_assert_cmpuint (position, ==, 1);
  g_assert_null (stint_entry_list_find (list, 7, NULL));

  g_assert_false (stint_entry_list_remove (list, stranger));
  g_assert_cmpuint (change.count, ==, 0);
  g_assert_true (stint_entry_list_remove (list, b));
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
}

static void
test_resort (void)
{
  g_autoptr(StintEntryList) list = stint_entry_list_new ();
  g_autoptr(StintEntry) a = make_entry (1, 100);
  g_autoptr(StintEntry) b = make_entry (2, 200);
  g_autoptr(StintEntry) c = make_entry (3, 300);
  Change change = { 0 };

  stint_entry_list_insert (list, a);
  stint_entry_list_insert (list, b);
  stint_entry_list_insert (list, c);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);

  /* Still in place: no signal, the row updates through notify. */
  stint_entry_set_start (b, 250);
  stint_entry_list_resort (list, b);
  g_assert_cmpuint (change.count, ==, 0);

  /* Moved before everything else. */
  stint_entry_set_start (a, 400);
  stint_entry_list_resort (list, a);
  g_assert_cmpint (id_at (G_LIST_MODEL (list), 0), ==, 1);
  g_assert_cmpint (id_at (G_LIST_MODEL (list), 1), ==, 3);
  g_assert_cmpint (id_at (G_LIST_MODEL (list), 2), ==, 2);
  g_assert_cmpuint (change.count, ==, 2);
}

static void
test_replace_all (void)
{
  g_autoptr(StintEntryList) list = stint_entry_list_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  Change change = { 0 };

  g_ptr_array_add (entries, make_entry (1, 100));
  g_ptr_array_add (entries, make_entry (2, 300));
  g_ptr_array_add (entries, make_entry (3, 200));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);

  stint_entry_list_replace_all (list, entries);
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.added, ==, 3);
  g_assert_cmpint (id_at (G_LIST_MODEL (list), 0), ==, 2);
  g_assert_cmpint (id_at (G_LIST_MODEL (list), 2), ==, 1);

  g_ptr_array_set_size (entries, 0);
  stint_entry_list_replace_all (list, entries);
  g_assert_cmpuint (change.count, ==, 2);
  g_assert_cmpuint (change.removed, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* Empty to empty says nothing. */
  stint_entry_list_replace_all (list, entries);
  g_assert_cmpuint (change.count, ==, 2);
}

static void
test_entry_rules (void)
{
  g_autoptr(StintEntry) a = make_entry (1, 100);
  g_autoptr(StintEntry) b = NULL;
  const char *tags[] = { "code", "review", NULL };
  const char *other_tags[] = { "code", NULL };

  stint_entry_set_description (a, "Review PR");
  stint_entry_set_tags (a, tags);
  stint_entry_set_project_id (a, 7);
  b = stint_entry_copy (a);
  g_assert_true (stint_entry_equal_content (a, b));

  stint_entry_set_start (b, 5000);
  stint_entry_set_stop (b, 6000);
  g_assert_false (stint_entry_equal_content (a, b));
  g_assert_true (stint_entry_same_activity (a, b));

  stint_entry_set_tags (b, other_tags);
  g_assert_false (stint_entry_same_activity (a, b));
  stint_entry_set_tags (b, tags);
  stint_entry_set_billable (b, TRUE);
  g_assert_false (stint_entry_same_activity (a, b));

  /* "" and NULL are the same empty description; no tags reads as empty. */
  stint_entry_set_description (b, "");
  g_assert_cmpstr (stint_entry_get_description (b), ==, "");
  stint_entry_set_tags (b, NULL);
  g_assert_nonnull (stint_entry_get_tags (b));
  g_assert_null (stint_entry_get_tags (b)[0]);

  /* Running until stopped; the duration follows the clock and never goes negative. */
  stint_entry_set_stop (b, 0);
  g_assert_true (stint_entry_is_running (b));
  g_assert_cmpint (stint_entry_get_duration (b, 5090), ==, 90);
  g_assert_cmpint (stint_entry_get_duration (b, 4000), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stint/entry-list/insert-sorted", test_insert_sorted);
  g_test_add_func ("/stint/entry-list/remove-and-find", test_remove_and_find);
  g_test_add_func ("/stint/entry-list/resort", test_resort);
  g_test_add_func ("/stint/entry-list/replace-all", test_replace_all);
  g_test_add_func ("/stint/entry/rules", test_entry_rules);

  return g_test_run ();
}
