/* test-window-slice.c: the first rows of a list, as the window binds them
 *
 * StintWindowSlice passes a list's changes on as changes to its first
 * `limit` items; replaying what it announces onto a plain list must give
 * what it holds, item for item, after any change and any limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "ui/stint-window-slice.h"

/* Replays what the slice announces onto a plain list, which must then
 * hold what the slice holds, item for item. */
static void
mirror_items_changed (GListModel *slice,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GListStore *mirror)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* Between announcements the slice must already read as it says. */
  g_assert_cmpuint (position + added, <=, g_list_model_get_n_items (slice));
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, g_list_model_get_item (slice, position + i));
  g_list_store_splice (mirror, position, removed, items->pdata, added);
}

static void
assert_same (GListModel *a,
             GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(GObject) x = g_list_model_get_item (a, i);
      g_autoptr(GObject) y = g_list_model_get_item (b, i);

      g_assert_true (x == y);
    }
}

static void
test_slice (void)
{
  g_autoptr(GListStore) base = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GListStore) mirror = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(StintWindowSlice) slice = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);

  for (int i = 0; i < 30; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (base, item);
    }
  slice = stint_window_slice_new (G_LIST_MODEL (base), 10);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (base), i);

      g_list_store_append (mirror, item);
    }
  g_signal_connect (slice, "items-changed", G_CALLBACK (mirror_items_changed), mirror);
  assert_same (G_LIST_MODEL (slice), G_LIST_MODEL (mirror));
  g_assert_false (stint_window_slice_is_complete (slice));

  /* Random splices anywhere in the base, and a limit that moves. */
  for (int step = 0; step < 2000; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (base));
      guint position = g_rand_int_range (rand, 0, n + 1);
      guint removed = g_rand_int_range (rand, 0, MIN (n - position, 12) + 1);
      guint added = g_rand_int_range (rand, 0, 12);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      if (n > 60)
        added = 0;
      for (guint i = 0; i < added; i++)
        g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));
      g_list_store_splice (base, position, removed, items->pdata, added);
      if (step % 7 == 0)
        stint_window_slice_set_limit (slice, g_rand_int_range (rand, 0, 50));

      assert_same (G_LIST_MODEL (slice), G_LIST_MODEL (mirror));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slice)), ==,
                        MIN (g_list_model_get_n_items (G_LIST_MODEL (base)),
                             stint_window_slice_get_limit (slice)));
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (slice)); i++)
        {
          g_autoptr(GObject) x = g_list_model_get_item (G_LIST_MODEL (slice), i);
          g_autoptr(GObject) y = g_list_model_get_item (G_LIST_MODEL (base), i);

          g_assert_true (x == y);
        }
      g_assert_true (stint_window_slice_is_complete (slice) ==
                     (g_list_model_get_n_items (G_LIST_MODEL (base)) <= stint_window_slice_get_limit (slice)));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stint/window-slice/random-splices", test_slice);

  return g_test_run ();
}
