/* stint-window-list.c: the window's recent entries
 *
 * Grouped by day, each day with its total, and this week's total above.
 * Totals are recomputed in one pass after a burst of changes. Rows exist
 * only for the first entries (StintWindowSlice): enough to fill the window
 * and some, more as the list is scrolled near its end, so the cost of
 * opening and closing the window does not grow with the entries in its
 * days. Older days come from the store when the list is scrolled to its
 * bottom (or cannot be scrolled yet, being shorter than the window), one
 * bounded chunk per low-priority idle, so a big store never freezes the
 * window.
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

/* The lowest a row gets (a day header is lower, but comes with one): how
 * many rows fill the window is reckoned with it. */
#define MIN_ROW_HEIGHT 40
/* Rows made beyond those that fill the window when it opens, so that
 * scrolling has somewhere to go before more are made. */
#define SPARE_ROWS 10
/* Rows made each time the list nears its end. */
#define ROWS_PER_STEP 40

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

/* An edit may change a duration, or make a break of it, without moving
 * its row. */
static void
on_entry_times_changed (GtkWidget *row)
{
  GtkWidget *window = gtk_widget_get_toplevel (row);

  if (STINT_IS_WINDOW (window))
    queue_refresh_totals (STINT_WINDOW (window));
}

static void
on_row_continue (StintWindow   *self,
                 StintEntryRow *row)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = stint_tracker_continue (self->tracker, stint_entry_get_id (stint_entry_row_get_entry (row)),
                                  &error);
  if (entry == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_show (self->error_bar);
    }
}

/* One row per entry in the slice; what its buttons ask for comes here, so
 * no row carries an action of its own. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  StintWindow *self = user_data;
  GtkWidget *row = stint_entry_row_new (STINT_ENTRY (item), self->tracker, self->time_zone);

  /* Tied to the row, which goes when the entry leaves the list. */
  g_signal_connect_object (item, "notify::start", G_CALLBACK (on_entry_times_changed), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::stop", G_CALLBACK (on_entry_times_changed), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::break", G_CALLBACK (on_entry_times_changed), row,
                           G_CONNECT_SWAPPED);

  /* The rows live inside the window: plain connections will do, and cost
   * the window no weak reference per row. */
  g_signal_connect_swapped (row, "continue", G_CALLBACK (on_row_continue), self);
  g_signal_connect_swapped (row, "retry", G_CALLBACK (stint_window_retry_row), self);
  g_signal_connect_swapped (row, "discard", G_CALLBACK (stint_window_discard_row), self);

  return row;
}

static gint64
row_day (GtkListBoxRow *row)
{
  return stint_entry_row_get_day (STINT_ENTRY_ROW (row));
}

/* Time worked: a break is time off, so it counts nowhere. */
static gint64
worked (StintEntry *entry)
{
  return stint_entry_get_break (entry) ? 0 : stint_entry_get_duration (entry, 0);
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
 * a burst of changes (a reload, a chunk of older days) costs one pass. The
 * last day shown may go on past the last row: its other entries count too,
 * read from the list itself. */
static gboolean
refresh_totals (gpointer user_data)
{
  StintWindow *self = user_data;
  GListModel *recent = stint_tracker_get_recent (self->tracker);
  GtkListBoxRow *row;
  GtkListBoxRow *first = NULL;
  gint64 day = 0, total = 0;
  guint i, n;

  self->totals_idle_id = 0;

  for (i = 0; (row = gtk_list_box_get_row_at_index (self->recent_list, i)) != NULL; i++)
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
      total += worked (stint_entry_row_get_entry (STINT_ENTRY_ROW (row)));
    }

  /* Newest first: what follows the rows and started on or after the last
   * row's day is of that day. */
  n = g_list_model_get_n_items (recent);
  for (; first != NULL && i < n; i++)
    {
      g_autoptr(StintEntry) entry = g_list_model_get_item (recent, i);

      if (stint_entry_get_start (entry) < day)
        break;
      total += worked (entry);
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
  g_autoptr(GDateTime) day_utc = g_date_time_new_from_unix_utc (day);
  g_autoptr(GDateTime) day_time = g_date_time_to_timezone (day_utc, self->time_zone);
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (stint_clock_now (clock_of (self)));
  g_autoptr(GDateTime) now = g_date_time_to_timezone (now_utc, self->time_zone);
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


/* ------------------------------------------------- more rows, older days */

/* More rows while the slice has entries left to show. At the list's end
 * (or with a list too short to scroll) also older days from the store,
 * which then come into view as they arrive. */
static gboolean
more_idle (gpointer user_data)
{
  StintWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  guint limit = stint_window_slice_get_limit (self->slice);
  guint n = g_list_model_get_n_items (stint_tracker_get_recent (self->tracker));
  gboolean at_end = self->more_at_end;

  self->more_idle_id = 0;
  self->more_at_end = FALSE;

  if (!stint_window_slice_is_complete (self->slice))
    {
      stint_window_slice_set_limit (self->slice, limit + ROWS_PER_STEP);
      limit += ROWS_PER_STEP;
      if (!stint_window_slice_is_complete (self->slice))
        return G_SOURCE_REMOVE;
    }

  if (!at_end || self->older_failed || stint_tracker_get_all_loaded (self->tracker))
    return G_SOURCE_REMOVE;

  stint_window_slice_set_limit (self->slice, MAX (limit, n + ROWS_PER_STEP));
  if (stint_tracker_load_older (self->tracker, OLDER_DAYS, &error) < 0)
    {
      self->older_failed = TRUE;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_show (self->error_bar);
    }

  return G_SOURCE_REMOVE;
}

/* @at_end: the list is scrolled to its end, or too short to scroll */
static void
queue_more (StintWindow *self,
            gboolean     at_end)
{
  if (self->slice == NULL)
    return;

  self->more_at_end |= at_end;
  if (self->more_idle_id != 0)
    return;
  if (stint_window_slice_is_complete (self->slice) &&
      (!at_end || self->older_failed || stint_tracker_get_all_loaded (self->tracker)))
    return;

  /* Low priority: drawing and input go first. */
  self->more_idle_id = g_idle_add_full (G_PRIORITY_LOW, more_idle, self, NULL);
}

static void
on_edge_reached (StintWindow     *self,
                 GtkPositionType  position)
{
  if (position == GTK_POS_BOTTOM)
    queue_more (self, TRUE);
}

/* Rows are made before the user reaches the end of those there are, so
 * scrolling does not stop at it; older days still wait for the end. */
static void
on_scrolled (StintWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (gtk_adjustment_get_value (adjustment) + 2 * page >= gtk_adjustment_get_upper (adjustment))
    queue_more (self, FALSE);
}

/* A list shorter than the window cannot be scrolled to its edge: keep
 * reading back until it fills the window or the store has no more. */
static void
on_scroll_size_changed (StintWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
    queue_more (self, TRUE);
}

/* Enough rows to fill the window as it opens, which is the size it had
 * last time, or the screen when it was maximised. */
static guint
rows_to_fill (StintWindow *self)
{
  int height = 0;

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    {
      GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
      GdkMonitor *monitor = gdk_display_get_primary_monitor (display);
      GdkRectangle area;

      if (monitor == NULL)
        monitor = gdk_display_get_monitor (display, 0);
      if (monitor != NULL)
        {
          gdk_monitor_get_workarea (monitor, &area);
          height = area.height;
        }
    }
  if (height <= 0)
    gtk_window_get_default_size (GTK_WINDOW (self), NULL, &height);

  return MAX (height, 0) / MIN_ROW_HEIGHT + SPARE_ROWS;
}

void
stint_window_list_init (StintWindow *self)
{
  GListModel *recent = stint_tracker_get_recent (self->tracker);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

  self->time_zone = g_time_zone_new_local ();
  self->slice = stint_window_slice_new (recent, rows_to_fill (self));

  gtk_list_box_set_header_func (self->recent_list, update_header, self, NULL);
  gtk_list_box_bind_model (self->recent_list, G_LIST_MODEL (self->slice), create_row, self, NULL);
  g_signal_connect_object (recent, "items-changed", G_CALLBACK (on_recent_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->scrolled, "edge-reached", G_CALLBACK (on_edge_reached), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_scroll_size_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_scrolled), self,
                           G_CONNECT_SWAPPED);
  on_recent_changed (self);

  /* The first frame shows the totals: drawing would come before an idle. */
  g_clear_handle_id (&self->totals_idle_id, g_source_remove);
  refresh_totals (self);
}

void
stint_window_list_dispose (StintWindow *self)
{
  g_clear_handle_id (&self->totals_idle_id, g_source_remove);
  g_clear_handle_id (&self->more_idle_id, g_source_remove);
  g_clear_object (&self->slice);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
}
