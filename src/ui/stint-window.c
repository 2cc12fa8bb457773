/* stint-window.c: the timer bar and the recent entries
 *
 * The window is built when opened and destroyed when closed. While it is
 * shown the elapsed time ticks every second; closed, nothing ticks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-window"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-window.h"
#include "stint-entry-row.h"
#include "util/stint-duration.h"

struct _StintWindow
{
  GtkApplicationWindow  parent_instance;

  StintTracker         *tracker;
  GSettings            *settings;
  StintEntry           *watched;
  guint                 tick_id;

  GtkWidget            *account_bar;
  GtkLabel             *account_label;
  GtkWidget            *error_bar;
  GtkLabel             *error_label;
  GtkEntry             *description_entry;
  GtkLabel             *elapsed_label;
  GtkWidget            *toggle_button;
  GtkImage             *toggle_image;
  GtkListBox           *recent_list;
  GtkWidget            *placeholder;
};

G_DEFINE_FINAL_TYPE (StintWindow, stint_window, GTK_TYPE_APPLICATION_WINDOW)

static void
show_error (StintWindow  *self,
            const GError *error)
{
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_show (self->error_bar);
}

static void
on_error_bar_response (GtkInfoBar  *bar,
                       int          response,
                       StintWindow *self)
{
  gtk_widget_hide (GTK_WIDGET (bar));
}

static void
update_elapsed (StintWindow *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  StintClock *clock = stint_tracker_get_clock (self->tracker);
  g_autofree char *text = NULL;

  text = stint_format_hmmss (running != NULL
                             ? stint_entry_get_duration (running, stint_clock_now (clock))
                             : 0);
  gtk_label_set_text (self->elapsed_label, text);
}

static gboolean
on_tick (gpointer user_data)
{
  update_elapsed (user_data);
  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (StintWindow *self)
{
  if (self->tick_id != 0)
    stint_clock_source_remove (stint_tracker_get_clock (self->tracker), self->tick_id);
  self->tick_id = 0;
}

/* Seconds show only while the window is mapped and something runs. */
static void
update_ticking (StintWindow *self)
{
  StintClock *clock = stint_tracker_get_clock (self->tracker);
  gboolean want = gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                  stint_tracker_get_running (self->tracker) != NULL;

  update_elapsed (self);

  if (want == (self->tick_id != 0))
    return;

  if (want)
    self->tick_id = stint_clock_timeout_add (clock, G_USEC_PER_SEC, on_tick, self, NULL);
  else
    stop_ticking (self);
}

static void
update_running (StintWindow *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  AtkObject *accessible = gtk_widget_get_accessible (self->toggle_button);

  if (running != NULL)
    {
      gtk_entry_set_text (self->description_entry, stint_entry_get_description (running));
      gtk_image_set_from_icon_name (self->toggle_image, "media-playback-stop-symbolic",
                                    GTK_ICON_SIZE_BUTTON);
      gtk_widget_set_tooltip_text (self->toggle_button, _("Stop"));
      atk_object_set_name (accessible, _("Stop"));
      gtk_style_context_remove_class (gtk_widget_get_style_context (self->toggle_button),
                                      "suggested-action");
      gtk_style_context_add_class (gtk_widget_get_style_context (self->toggle_button),
                                   "destructive-action");
    }
  else
    {
      gtk_entry_set_text (self->description_entry, "");
      gtk_image_set_from_icon_name (self->toggle_image, "media-playback-start-symbolic",
                                    GTK_ICON_SIZE_BUTTON);
      gtk_widget_set_tooltip_text (self->toggle_button, _("Start"));
      atk_object_set_name (accessible, _("Start"));
      gtk_style_context_remove_class (gtk_widget_get_style_context (self->toggle_button),
                                      "destructive-action");
      gtk_style_context_add_class (gtk_widget_get_style_context (self->toggle_button),
                                   "suggested-action");
    }

  update_ticking (self);
}

static void
on_running_changed (StintWindow *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);

  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_set_object (&self->watched, running);
  if (running != NULL)
    {
      g_signal_connect_object (running, "notify::description",
                               G_CALLBACK (update_running), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (running, "notify::start",
                               G_CALLBACK (update_elapsed), self, G_CONNECT_SWAPPED);
    }

  update_running (self);
}

/* Enter starts with what was typed; while tracking it renames the running
 * entry instead, which is what a user fixing a typo means. */
static void
on_description_activate (StintWindow *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  const char *text = gtk_entry_get_text (self->description_entry);
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (running != NULL)
    {
      g_autoptr(StintEntry) edited = stint_entry_copy (running);

      stint_entry_set_description (edited, trimmed);
      if (!stint_tracker_update (self->tracker, edited, &error))
        show_error (self, error);
    }
  else
    {
      g_autoptr(StintEntry) started = NULL;

      started = stint_tracker_start (self->tracker, trimmed, 0, NULL, FALSE, &error);
      if (started == NULL)
        show_error (self, error);
    }
}

static void
on_toggle_clicked (StintWindow *self)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  if (stint_tracker_get_running (self->tracker) != NULL)
    entry = stint_tracker_stop (self->tracker, &error);
  else
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (gtk_entry_get_text (self->description_entry)));

      entry = stint_tracker_start (self->tracker, trimmed, 0, NULL, FALSE, &error);
    }

  if (entry == NULL)
    show_error (self, error);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  StintWindow *self = user_data;

  return stint_entry_row_new (STINT_ENTRY (item), self->tracker);
}

static gint64
row_day (GtkListBoxRow *row)
{
  return stint_local_day_start (stint_entry_get_start (stint_entry_row_get_entry (STINT_ENTRY_ROW (row))));
}

static GtkWidget *
create_day_header (StintWindow *self,
                   gint64       day,
                   guint        first)
{
  GListModel *recent = stint_tracker_get_recent (self->tracker);
  StintClock *clock = stint_tracker_get_clock (self->tracker);
  guint n = g_list_model_get_n_items (recent);
  gint64 total = 0;
  g_autoptr(GDateTime) day_time = g_date_time_new_from_unix_local (day);
  g_autoptr(GDateTime) now = stint_clock_now_local (clock);
  g_autofree char *day_name = stint_format_day (day_time, now);
  g_autofree char *total_text = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *box;
  GtkWidget *name_label;
  GtkWidget *total_label;

  /* The list is newest first, so a day's entries follow its first row. */
  for (guint i = first; i < n; i++)
    {
      g_autoptr(StintEntry) entry = g_list_model_get_item (recent, i);

      if (stint_local_day_start (stint_entry_get_start (entry)) != day)
        break;
      total += stint_entry_get_duration (entry, 0);
    }

  total_text = stint_format_hmm (total);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_style_context_add_class (gtk_widget_get_style_context (box), "day-header");
  name_label = gtk_label_new (day_name);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_widget_set_hexpand (name_label, TRUE);
  total_label = gtk_label_new (total_text);
  gtk_style_context_add_class (gtk_widget_get_style_context (total_label), "duration");
  gtk_container_add (GTK_CONTAINER (box), name_label);
  gtk_container_add (GTK_CONTAINER (box), total_label);

  /* Translators: a day in the list and the time tracked on it */
  accessible = g_strdup_printf (_("%s, total %s"), day_name, total_text);
  atk_object_set_name (gtk_widget_get_accessible (box), accessible);
  gtk_widget_show_all (box);

  return box;
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  StintWindow *self = user_data;
  gint64 day = row_day (row);

  GtkWidget *header;

  if (before != NULL && row_day (before) == day)
    {
      gtk_list_box_row_set_header (row, NULL);
      atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (row)), "");
      return;
    }

  header = create_day_header (self, day, gtk_list_box_row_get_index (row));
  gtk_list_box_row_set_header (row, header);

  /* GtkListBox keeps headers out of the accessibility tree; the day's first
   * row carries the day and its total for screen readers instead. */
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (row)),
                              atk_object_get_name (gtk_widget_get_accessible (header)));
}

/* A change anywhere in a day changes its total, shown on the day's first row. */
static void
on_recent_changed (StintWindow *self)
{
  GListModel *recent = stint_tracker_get_recent (self->tracker);
  gboolean empty = g_list_model_get_n_items (recent) == 0;

  gtk_list_box_invalidate_headers (self->recent_list);

  /* The placeholder is not in the accessibility tree; the list says it. */
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (self->recent_list)),
                              empty ? gtk_label_get_text (GTK_LABEL (self->placeholder)) : "");
}

static gboolean
on_key_press (GtkWidget   *widget,
              GdkEventKey *event)
{
  if (event->keyval == GDK_KEY_Escape)
    {
      gtk_window_close (GTK_WINDOW (widget));
      return GDK_EVENT_STOP;
    }

  return GTK_WIDGET_CLASS (stint_window_parent_class)->key_press_event (widget, event);
}

static void
save_size (StintWindow *self)
{
  int width, height;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (maximized)
    return;

  gtk_window_get_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
}

static void
on_map_changed (StintWindow *self)
{
  /* Destruction unmaps the window after dispose let go of the tracker. */
  if (self->tracker != NULL)
    update_ticking (self);
}

static gboolean
stint_window_delete_event (GtkWidget   *widget,
                           GdkEventAny *event)
{
  save_size (STINT_WINDOW (widget));

  return GDK_EVENT_PROPAGATE;
}

static void
stint_window_dispose (GObject *object)
{
  StintWindow *self = (StintWindow *)object;

  if (self->tracker != NULL)
    stop_ticking (self);
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_clear_object (&self->watched);
  g_clear_object (&self->tracker);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (stint_window_parent_class)->dispose (object);
}

static void
stint_window_class_init (StintWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_window_dispose;
  widget_class->key_press_event = on_key_press;
  widget_class->delete_event = stint_window_delete_event;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StintWindow, account_bar);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, error_bar);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, description_entry);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, toggle_button);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, toggle_image);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, on_description_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_toggle_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_error_bar_response);
}

static void
stint_window_init (StintWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

StintWindow *
stint_window_new (gpointer      application,
                  StintTracker *tracker,
                  GSettings    *settings)
{
  StintWindow *self;
  GtkWidget *placeholder;
  g_autofree char *empty = NULL;
  int days;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (STINT_IS_TRACKER (tracker), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (STINT_TYPE_WINDOW, "application", application, NULL);
  self->tracker = g_object_ref (tracker);
  self->settings = g_object_ref (settings);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  days = g_settings_get_int (settings, "recent-days");
  empty = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Nothing tracked today.",
                                        "Nothing tracked in the last %d days.", days), days);
  placeholder = gtk_label_new (empty);
  gtk_style_context_add_class (gtk_widget_get_style_context (placeholder), "dim-label");
  gtk_widget_show (placeholder);
  gtk_list_box_set_placeholder (self->recent_list, placeholder);
  self->placeholder = placeholder;

  gtk_list_box_bind_model (self->recent_list, stint_tracker_get_recent (tracker),
                           create_row, self, NULL);
  gtk_list_box_set_header_func (self->recent_list, update_header, self, NULL);
  g_signal_connect_object (stint_tracker_get_recent (tracker), "items-changed",
                           G_CALLBACK (on_recent_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (tracker, "notify::running",
                           G_CALLBACK (on_running_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_changed), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_map_changed), NULL);

  on_running_changed (self);
  on_recent_changed (self);

  return self;
}

/**
 * stint_window_set_account_problem:
 * @problem: (nullable): a sentence about the account that needs the user
 *   (signed out), or %NULL to hide it
 */
void
stint_window_set_account_problem (StintWindow *self,
                                  const char  *problem)
{
  g_return_if_fail (STINT_IS_WINDOW (self));

  gtk_label_set_text (self->account_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (self->account_bar, problem != NULL);
}
