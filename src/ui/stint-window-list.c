/* stint-window-list.c: the window's recent entries
 *
 * Grouped by day, each day with its total, and this week's total above.
 * Totals are recomputed in one pass after a burst of changes. Older days
 * come from the store when the list is scrolled to its bottom (or cannot be
 * scrolled yet, being shorter than the window), one bounded chunk per
 * low-priority idle, so a big store never freezes the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-window"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-window-private.h"
#include "stint-entry-row.h"
#include "util/stint-duration.h"

/* Days read from the store per step when scrolling back. */
#define OLDER_DAYS 7

static StintClock *
clock_of (StintWindow *self)
{
  return stint_tracker_get_clock (self->tracker);
}

/* --------------------------------------------------------------- the week */

void
stint_window_update_week_total (StintWindow *self)
{
  g_autofree char *total = stint_format_hmm (stint_tracker_get_week_total (self->tracker));
  g_autofree char *accessible = NULL;

  if (g_strcmp0 (gtk_label_get_text (self->week_label), total) == 0)
    return;

  gtk_label_set_text (self->week_label, total);
  /* Translators: the time tracked this week, e.g. "This week, total 12:30" */
  accessible = g_strdup_printf (_("This week, total %s"), total);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->week_label)), accessible);
}

/* --------------------------------------------------------------- the list */

static void queue_refresh_totals (StintWindow *self);

/* An edit may change a duration without moving its row. */
static void
on_entry_times_changed (GtkWidget *row)
{
  GtkWidget *window = gtk_widget_get_toplevel (row);

  if (STINT_IS_WINDOW (window))
    queue_refresh_totals (STINT_WINDOW (window));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  StintWindow *self = user_data;
  GtkWidget *row = stint_entry_row_new (STINT_ENTRY (item), self->tracker);

  /* Tied to the row, which goes when the entry leaves the list. */
  g_signal_connect_object (item, "notify::start", G_CALLBACK (on_entry_times_changed), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::stop", G_CALLBACK (on_entry_times_changed), row,
                           G_CONNECT_SWAPPED);

  return row;
}

static gint64
row_day (GtkListBoxRow *row)
{
  return stint_local_day_start (stint_entry_get_start (stint_entry_row_get_entry (STINT_ENTRY_ROW (row))));
}

/* Writes a day's total into its header, and onto the day's first row for
 * screen readers: GtkListBox keeps headers out of the accessibility tree. */
static void
set_day_total (StintWindow   *self,
               GtkListBoxRow *first,
               gint64         total)
{
  GtkWidget *header = gtk_list_box_row_get_header (first);
  GtkLabel *total_label;
  g_autofree char *total_text = stint_format_hmm (total);
  g_autofree char *accessible = NULL;

  if (header == NULL)
    return;

  total_label = g_object_get_data (G_OBJECT (header), "total-label");
  gtk_label_set_text (total_label, total_text);

  /* Translators: a day in the list and the time tracked on it */
  accessible = g_strdup_printf (_("%s, total %s"),
                                (const char *)g_object_get_data (G_OBJECT (header), "day-name"),
                                total_text);
  atk_object_set_name (gtk_widget_get_accessible (header), accessible);
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (first)), accessible);
}

/* One pass over the rows: every day's total and the week's. Coalesced, so
 * a burst of changes (a reload, a chunk of older days) costs one pass. */
static gboolean
refresh_totals (gpointer user_data)
{
  StintWindow *self = user_data;
  GtkListBoxRow *row;
  GtkListBoxRow *first = NULL;
  gint64 day = 0, total = 0;

  self->totals_idle_id = 0;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->recent_list, i)) != NULL; i++)
    {
      gint64 row_start_day = row_day (row);

      if (first == NULL || row_start_day != day)
        {
          if (first != NULL)
            set_day_total (self, first, total);
          first = row;
          day = row_start_day;
          total = 0;
        }
      total += stint_entry_get_duration (stint_entry_row_get_entry (STINT_ENTRY_ROW (row)), 0);
    }
  if (first != NULL)
    set_day_total (self, first, total);

  stint_window_update_week_total (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh_totals (StintWindow *self)
{
  if (self->totals_idle_id == 0)
    self->totals_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_totals, self, NULL);
}

static GtkWidget *
create_day_header (StintWindow *self,
                   gint64       day)
{
  g_autoptr(GDateTime) day_time = g_date_time_new_from_unix_local (day);
  g_autoptr(GDateTime) now = stint_clock_now_local (clock_of (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name_label = gtk_label_new (NULL);
  GtkWidget *total_label = gtk_label_new (NULL);
  gint64 *day_copy = g_new (gint64, 1);

  *day_copy = day;
  g_object_set_data_full (G_OBJECT (box), "day", day_copy, g_free);
  g_object_set_data_full (G_OBJECT (box), "day-name", stint_format_day (day_time, now), g_free);
  g_object_set_data (G_OBJECT (box), "total-label", total_label);

  gtk_label_set_text (GTK_LABEL (name_label), g_object_get_data (G_OBJECT (box), "day-name"));
  gtk_style_context_add_class (gtk_widget_get_style_context (box), "day-header");
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_style_context_add_class (gtk_widget_get_style_context (total_label), "duration");
  gtk_container_add (GTK_CONTAINER (box), name_label);
  gtk_container_add (GTK_CONTAINER (box), total_label);
  gtk_widget_show_all (box);

  return box;
}

/* Called by the list for rows added or moved: gives each day's first row a
 * header (kept if it already has the right one); totals follow in an idle. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  StintWindow *self = user_data;
  gint64 day = row_day (row);
  GtkWidget *header;
  gint64 *header_day;

  if (before != NULL && row_day (before) == day)
    {
      gtk_list_box_row_set_header (row, NULL);
      atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (row)), "");
      return;
    }

  header = gtk_list_box_row_get_header (row);
  header_day = header != NULL ? g_object_get_data (G_OBJECT (header), "day") : NULL;
  if (header_day == NULL || *header_day != day)
    gtk_list_box_row_set_header (row, create_day_header (self, day));

  queue_refresh_totals (self);
}

static void
on_recent_changed (StintWindow *self)
{
  GListModel *recent = stint_tracker_get_recent (self->tracker);
  gboolean empty = g_list_model_get_n_items (recent) == 0;

  queue_refresh_totals (self);

  /* The placeholder is not in the accessibility tree; the list says it. */
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (self->recent_list)),
                              empty ? gtk_label_get_text (GTK_LABEL (self->placeholder)) : "");
}


/* ------------------------------------------------------------- older days */

static void queue_load_older (StintWindow *self);

static gboolean
load_older_idle (gpointer user_data)
{
  StintWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->older_idle_id = 0;

  if (stint_tracker_load_older (self->tracker, OLDER_DAYS, &error) < 0)
    {
      self->older_failed = TRUE;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_show (self->error_bar);
    }

  return G_SOURCE_REMOVE;
}

static void
queue_load_older (StintWindow *self)
{
  if (self->older_idle_id != 0 || self->older_failed ||
      stint_tracker_get_all_loaded (self->tracker))
    return;

  /* Low priority: drawing and input go first. */
  self->older_idle_id = g_idle_add_full (G_PRIORITY_LOW, load_older_idle, self, NULL);
}

static void
on_edge_reached (StintWindow     *self,
                 GtkPositionType  position)
{
  if (position == GTK_POS_BOTTOM)
    queue_load_older (self);
}

/* A list shorter than the window cannot be scrolled to its edge: keep
 * reading back until it fills the window or the store has no more. */
static void
on_scroll_size_changed (StintWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
    queue_load_older (self);
}

void
stint_window_list_init (StintWindow *self)
{
  GListModel *recent = stint_tracker_get_recent (self->tracker);

  gtk_list_box_bind_model (self->recent_list, recent, create_row, self, NULL);
  gtk_list_box_set_header_func (self->recent_list, update_header, self, NULL);
  g_signal_connect_object (recent, "items-changed", G_CALLBACK (on_recent_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->scrolled, "edge-reached", G_CALLBACK (on_edge_reached), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled), "changed",
                           G_CALLBACK (on_scroll_size_changed), self, G_CONNECT_SWAPPED);
  on_recent_changed (self);
}

void
stint_window_list_dispose (StintWindow *self)
{
  g_clear_handle_id (&self->totals_idle_id, g_source_remove);
  g_clear_handle_id (&self->older_idle_id, g_source_remove);
}
