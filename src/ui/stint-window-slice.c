/* stint-window-slice.c: the first rows of the recent entries, as many as are shown
 *
 * A GtkListBox bound to a model builds a row for every item at once; with
 * thousands of entries in the window's days that took seconds to open and
 * minutes to close. The list is bound to this slice instead: the first
 * `limit` items of the recent entries, raised as the user scrolls down.
 * Changes to the entries pass through as changes to the rows they touch,
 * plus, when the slice is full, the rows that enter or leave at its end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-window"

#include "config.h"

#include "stint-window-slice.h"

struct _StintWindowSlice
{
  GObject     parent_instance;

  GListModel *base;
  guint       base_n;    /* the base's length as of its last items-changed */
  guint       n_items;   /* as announced to our own listeners */
  guint       limit;
};

enum {
  PROP_0,
  PROP_BASE,
  PROP_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StintWindowSlice, stint_window_slice, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
stint_window_slice_get_item_type (GListModel *model)
{
  StintWindowSlice *self = STINT_WINDOW_SLICE (model);

  return g_list_model_get_item_type (self->base);
}

static guint
stint_window_slice_get_n_items (GListModel *model)
{
  return STINT_WINDOW_SLICE (model)->n_items;
}

static gpointer
stint_window_slice_get_item (GListModel *model,
                             guint       position)
{
  StintWindowSlice *self = STINT_WINDOW_SLICE (model);

  if (position >= self->n_items)
    return NULL;
  return g_list_model_get_item (self->base, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stint_window_slice_get_item_type;
  iface->get_n_items = stint_window_slice_get_n_items;
  iface->get_item = stint_window_slice_get_item;
}

/* Brings the slice's end to MIN (base, limit), announcing the rows that
 * enter or leave there. */
static void
settle_end (StintWindowSlice *self)
{
  guint want = MIN (self->base_n, self->limit);
  guint had = self->n_items;

  if (want == had)
    return;

  self->n_items = want;
  if (want > had)
    g_list_model_items_changed (G_LIST_MODEL (self), had, 0, want - had);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), want, had - want, 0);
}

/* The rows at the change are replaced in place; everything after them in
 * the slice is the same items, moved. Between the two announcements the
 * slice reads as base[0, n_items), which is what it then holds. */
static void
on_base_items_changed (StintWindowSlice *self,
                       guint             position,
                       guint             removed,
                       guint             added)
{
  guint old_n = self->n_items;
  guint gone, came;

  self->base_n = g_list_model_get_n_items (self->base);

  if (position >= old_n)
    {
      /* Below the slice; it only matters to a slice not yet full. */
      settle_end (self);
      return;
    }

  gone = MIN (removed, old_n - position);
  came = MIN (added, self->limit - position);
  self->n_items = old_n - gone + came;
  if (gone > 0 || came > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, gone, came);
  settle_end (self);
}

static void
stint_window_slice_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StintWindowSlice *self = STINT_WINDOW_SLICE (object);

  switch (prop_id)
    {
    case PROP_BASE:
      self->base = g_value_dup_object (value);
      break;

    case PROP_LIMIT:
      stint_window_slice_set_limit (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_window_slice_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StintWindowSlice *self = STINT_WINDOW_SLICE (object);

  switch (prop_id)
    {
    case PROP_BASE:
      g_value_set_object (value, self->base);
      break;

    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_window_slice_constructed (GObject *object)
{
  StintWindowSlice *self = STINT_WINDOW_SLICE (object);

  G_OBJECT_CLASS (stint_window_slice_parent_class)->constructed (object);

  g_return_if_fail (G_IS_LIST_MODEL (self->base));

  /* The limit, not a construct property, is set after this. */
  self->base_n = g_list_model_get_n_items (self->base);
  g_signal_connect_object (self->base, "items-changed", G_CALLBACK (on_base_items_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
stint_window_slice_dispose (GObject *object)
{
  StintWindowSlice *self = STINT_WINDOW_SLICE (object);

  g_clear_object (&self->base);

  G_OBJECT_CLASS (stint_window_slice_parent_class)->dispose (object);
}

static void
stint_window_slice_class_init (StintWindowSliceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = stint_window_slice_set_property;
  object_class->get_property = stint_window_slice_get_property;
  object_class->constructed = stint_window_slice_constructed;
  object_class->dispose = stint_window_slice_dispose;

  properties[PROP_BASE] =
    g_param_spec_object ("base", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIMIT] =
    g_param_spec_uint ("limit", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_window_slice_init (StintWindowSlice *self)
{
}

/**
 * stint_window_slice_new:
 * @base: the list to show the start of
 * @limit: how many of its items to show at most
 */
StintWindowSlice *
stint_window_slice_new (GListModel *base,
                        guint       limit)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (base), NULL);

  return g_object_new (STINT_TYPE_WINDOW_SLICE, "base", base, "limit", limit, NULL);
}

GListModel *
stint_window_slice_get_base (StintWindowSlice *self)
{
  g_return_val_if_fail (STINT_IS_WINDOW_SLICE (self), NULL);
  return self->base;
}

guint
stint_window_slice_get_limit (StintWindowSlice *self)
{
  g_return_val_if_fail (STINT_IS_WINDOW_SLICE (self), 0);
  return self->limit;
}

void
stint_window_slice_set_limit (StintWindowSlice *self,
                              guint             limit)
{
  g_return_if_fail (STINT_IS_WINDOW_SLICE (self));

  if (self->limit == limit)
    return;

  self->limit = limit;
  settle_end (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
}

/**
 * stint_window_slice_is_complete:
 *
 * Returns: %TRUE when every item of the base is in the slice
 */
gboolean
stint_window_slice_is_complete (StintWindowSlice *self)
{
  g_return_val_if_fail (STINT_IS_WINDOW_SLICE (self), TRUE);
  return self->n_items >= self->base_n;
}
