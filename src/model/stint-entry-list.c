/* stint-entry-list.c: entries, newest first, as a GListModel
 *
 * Every change emits items-changed for exactly the positions it touched, so
 * a bound GtkListBox rebuilds one row, not the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-entry-list"

#include "config.h"

#include "stint-entry-list.h"

struct _StintEntryList
{
  GObject    parent_instance;

  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StintEntryList, stint_entry_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
stint_entry_list_get_item_type (GListModel *model)
{
  return STINT_TYPE_ENTRY;
}

static guint
stint_entry_list_get_n_items (GListModel *model)
{
  return STINT_ENTRY_LIST (model)->items->len;
}

static gpointer
stint_entry_list_get_item (GListModel *model,
                           guint       position)
{
  StintEntryList *self = STINT_ENTRY_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stint_entry_list_get_item_type;
  iface->get_n_items = stint_entry_list_get_n_items;
  iface->get_item = stint_entry_list_get_item;
}

/* Newest start first; among equal starts the newer (larger) id first, so
 * the order is total and stable across reloads. */
static int
compare_entries (StintEntry *a,
                 StintEntry *b)
{
  gint64 sa = stint_entry_get_start (a);
  gint64 sb = stint_entry_get_start (b);
  gint64 ia, ib;

  if (sa != sb)
    return sa > sb ? -1 : 1;

  ia = stint_entry_get_id (a);
  ib = stint_entry_get_id (b);
  if (ia != ib)
    return ia > ib ? -1 : 1;

  return 0;
}

static guint
find_insert_position (StintEntryList *self,
                      StintEntry     *entry)
{
  guint lo = 0;
  guint hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_entries (g_ptr_array_index (self->items, mid), entry) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static int
compare_entries_indirect (gconstpointer a,
                          gconstpointer b)
{
  return compare_entries (*(StintEntry **)a, *(StintEntry **)b);
}

static void
stint_entry_list_finalize (GObject *object)
{
  StintEntryList *self = (StintEntryList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (stint_entry_list_parent_class)->finalize (object);
}

static void
stint_entry_list_class_init (StintEntryListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stint_entry_list_finalize;
}

static void
stint_entry_list_init (StintEntryList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

StintEntryList *
stint_entry_list_new (void)
{
  return g_object_new (STINT_TYPE_ENTRY_LIST, NULL);
}

/* Takes references to the entries of @entries, which need not be sorted. */
void
stint_entry_list_replace_all (StintEntryList *self,
                              GPtrArray      *entries)
{
  guint removed;

  g_return_if_fail (STINT_IS_ENTRY_LIST (self));
  g_return_if_fail (entries != NULL);

  removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (entries, i)));
  g_ptr_array_sort (self->items, compare_entries_indirect);

  if (removed > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}

guint
stint_entry_list_insert (StintEntryList *self,
                         StintEntry     *entry)
{
  guint position;

  g_return_val_if_fail (STINT_IS_ENTRY_LIST (self), 0);
  g_return_val_if_fail (STINT_IS_ENTRY (entry), 0);

  position = find_insert_position (self, entry);
  g_ptr_array_insert (self->items, position, g_object_ref (entry));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);

  return position;
}

gboolean
stint_entry_list_remove (StintEntryList *self,
                         StintEntry     *entry)
{
  guint position;

  g_return_val_if_fail (STINT_IS_ENTRY_LIST (self), FALSE);
  g_return_val_if_fail (STINT_IS_ENTRY (entry), FALSE);

  if (!g_ptr_array_find (self->items, entry, &position))
    return FALSE;

  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);

  return TRUE;
}

/* Call after @entry's start changed: moves it if its place changed, and
 * otherwise says nothing (its own notify:: signals already did). */
void
stint_entry_list_resort (StintEntryList *self,
                         StintEntry     *entry)
{
  guint position;
  gboolean in_order;

  g_return_if_fail (STINT_IS_ENTRY_LIST (self));
  g_return_if_fail (STINT_IS_ENTRY (entry));

  if (!g_ptr_array_find (self->items, entry, &position))
    return;

  in_order = (position == 0 ||
              compare_entries (g_ptr_array_index (self->items, position - 1), entry) < 0) &&
             (position + 1 >= self->items->len ||
              compare_entries (entry, g_ptr_array_index (self->items, position + 1)) < 0);
  if (in_order)
    return;

  g_object_ref (entry);
  stint_entry_list_remove (self, entry);
  stint_entry_list_insert (self, entry);
  g_object_unref (entry);
}

StintEntry *
stint_entry_list_find (StintEntryList *self,
                       gint64          id,
                       guint          *position)
{
  g_return_val_if_fail (STINT_IS_ENTRY_LIST (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      StintEntry *entry = g_ptr_array_index (self->items, i);

      if (stint_entry_get_id (entry) == id)
        {
          if (position != NULL)
            *position = i;
          return entry;
        }
    }

  return NULL;
}
