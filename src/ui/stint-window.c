/* stint-window.c: the timer bar and the recent entries
 *
 * The window is built when first opened; closing hides it, so that opening
 * it again costs no more than a frame, and what was left open in it closes
 * with it. While it is shown the elapsed time ticks every second; hidden,
 * nothing ticks. The
 * recent entries (stint-window-list.c) open their editor on a click or
 * Enter; a deleted entry can be brought back from a bar at the bottom for a
 * few seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-window"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-window-private.h"
#include "stint-a11y.h"
#include "stint-entry-editor.h"
#include "stint-entry-row.h"
#include "stint-idle-bar.h"
#include "stint-welcome.h"

/* How long "Deleted “X”. Undo" stays: long enough to notice a slip, short
 * enough not to linger over the next thing. */
#define UNDO_SECONDS 8

G_DEFINE_FINAL_TYPE (StintWindow, stint_window, GTK_TYPE_APPLICATION_WINDOW)

static StintClock *
clock_of (StintWindow *self)
{
  return stint_tracker_get_clock (self->tracker);
}

static void
show_error (StintWindow *self,
            const char  *message)
{
  gtk_label_set_text (self->error_label, message);
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
on_timer_bar_error (StintWindow *self,
                    const char  *message)
{
  show_error (self, message);
}

/* ------------------------------------------------------------------ tick */

static gboolean
on_tick (gpointer user_data)
{
  StintWindow *self = user_data;

  stint_timer_bar_update_elapsed (self->timer_bar);
  stint_window_update_week_total (self);
  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (StintWindow *self)
{
  if (self->tick_id != 0)
    stint_clock_source_remove (clock_of (self), self->tick_id);
  self->tick_id = 0;
}

/* Seconds show only while the window is mapped and something runs. */
static void
update_ticking (StintWindow *self)
{
  gboolean want = gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                  stint_tracker_get_running (self->tracker) != NULL;

  on_tick (self);

  if (want == (self->tick_id != 0))
    return;

  if (want)
    self->tick_id = stint_clock_timeout_add (clock_of (self), G_USEC_PER_SEC, on_tick, self, NULL);
  else
    stop_ticking (self);
}

/* ------------------------------------------------------------ editor, undo */

static void
hide_undo (StintWindow *self)
{
  if (self->undo_id != 0)
    stint_clock_source_remove (clock_of (self), self->undo_id);
  self->undo_id = 0;
  g_clear_object (&self->deleted);
  gtk_widget_hide (self->undo_bar);
}

static gboolean
on_undo_expired (gpointer user_data)
{
  StintWindow *self = user_data;

  /* The source is going away on its own; forget it before hide_undo(). */
  self->undo_id = 0;
  hide_undo (self);
  return G_SOURCE_REMOVE;
}

static void
on_entry_deleted (StintWindow *self,
                  StintEntry  *entry)
{
  const char *description = stint_entry_get_description (entry);
  g_autofree char *text = NULL;

  hide_undo (self);
  self->deleted = g_object_ref (entry);

  if (*description != '\0')
    /* Translators: shown with an Undo button after deleting an entry */
    text = g_strdup_printf (_("Deleted “%s”."), description);
  else
    text = g_strdup (_("Deleted an entry without description."));
  gtk_label_set_text (self->undo_label, text);
  gtk_widget_show (self->undo_bar);

  self->undo_id = stint_clock_timeout_add (clock_of (self), UNDO_SECONDS * G_USEC_PER_SEC,
                                           on_undo_expired, self, NULL);
}

static void
on_undo_clicked (StintWindow *self)
{
  g_autoptr(StintEntry) restored = NULL;
  g_autoptr(GError) error = NULL;

  if (self->deleted == NULL)
    return;

  restored = stint_tracker_restore (self->tracker, self->deleted, &error);
  if (restored == NULL)
    show_error (self, error->message);
  hide_undo (self);
}

static void
on_undo_bar_response (StintWindow *self,
                      int          response)
{
  hide_undo (self);
}

/* The editor is taller than the space a small window has above or below a
 * row in its middle, and GTK 3 cuts a popover at the window's edge: bring
 * such a row up first, as far as the list scrolls. */
static void
make_room_below (StintWindow   *self,
                 GtkListBoxRow *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double page = gtk_adjustment_get_page_size (adjustment);
  double value = gtk_adjustment_get_value (adjustment);
  int y;

  if (!gtk_widget_translate_coordinates (GTK_WIDGET (row), GTK_WIDGET (self->recent_list),
                                         0, 0, NULL, &y))
    return;

  if (y - value > page / 3)
    gtk_adjustment_set_value (adjustment, y - gtk_widget_get_allocated_height (GTK_WIDGET (row)));
}

/* A click or Enter on a row opens its editor. */
static void
on_row_activated (StintWindow   *self,
                  GtkListBoxRow *row)
{
  GtkWidget *editor;

  make_room_below (self, row);

  editor = stint_entry_editor_new (self->tracker, stint_entry_row_get_entry (STINT_ENTRY_ROW (row)),
                                   GTK_WIDGET (row));
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_entry_deleted), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, editor);
  gtk_popover_popup (GTK_POPOVER (editor));
}

/* ------------------------------------------------------------------- type */

/* Escape first goes where the keyboard is (a popover closes, a completion
 * list folds); only if nobody wanted it does it close the window. */
static gboolean
on_key_press (GtkWidget   *widget,
              GdkEventKey *event)
{
  StintWindow *self = STINT_WINDOW (widget);

  if (GTK_WIDGET_CLASS (stint_window_parent_class)->key_press_event (widget, event))
    return GDK_EVENT_STOP;

  if (event->keyval == GDK_KEY_Escape)
    {
      gtk_window_close (GTK_WINDOW (widget));
      return GDK_EVENT_STOP;
    }

  if ((event->keyval == GDK_KEY_z || event->keyval == GDK_KEY_Z) &&
      (event->state & gtk_accelerator_get_default_mod_mask ()) == GDK_CONTROL_MASK &&
      self->deleted != NULL)
    {
      on_undo_clicked (self);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
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

/* Closing keeps the window for the next open; the application destroys it
 * when it quits. */
static gboolean
stint_window_delete_event (GtkWidget   *widget,
                           GdkEventAny *event)
{
  gtk_widget_hide (widget);

  return GDK_EVENT_STOP;
}

/* The next open starts afresh, as a new window would: nothing left open,
 * no old error, the latest entries in view. What was typed on the timer
 * bar stays, selected, so that typing replaces it. */
static void
put_away (StintWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

  if (self->editor != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->editor));
  stint_timer_bar_put_away (self->timer_bar);
  gtk_widget_hide (self->error_bar);
  /* An undo offer is for a slip just noticed, not for the next visit. */
  hide_undo (self);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  stint_timer_bar_focus (self->timer_bar);
}

static void
stint_window_hide (GtkWidget *widget)
{
  StintWindow *self = STINT_WINDOW (widget);

  /* Destruction hides the window after dispose let go of the tracker. */
  if (self->tracker != NULL && gtk_widget_get_visible (widget))
    {
      save_size (self);
      put_away (self);
    }

  GTK_WIDGET_CLASS (stint_window_parent_class)->hide (widget);
}

static void
stint_window_dispose (GObject *object)
{
  StintWindow *self = (StintWindow *)object;

  if (self->tracker != NULL)
    {
      /* Quitting destroys a shown window without hiding it first. */
      if (gtk_widget_get_visible (GTK_WIDGET (self)))
        save_size (self);
      stop_ticking (self);
      hide_undo (self);
    }
  g_clear_weak_pointer (&self->editor);
  stint_window_list_dispose (self);
  stint_window_sync_dispose (self);
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
  stint_window_sync_class_init (object_class);
  widget_class->key_press_event = on_key_press;
  widget_class->delete_event = stint_window_delete_event;
  widget_class->hide = stint_window_hide;

  g_type_ensure (STINT_TYPE_TIMER_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StintWindow, account_bar);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, error_bar);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, idle_slot);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, welcome_slot);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, timer_bar);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, week_label);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, scrolled);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, undo_bar);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, undo_label);
  gtk_widget_class_bind_template_child (widget_class, StintWindow, undo_button);
  gtk_widget_class_bind_template_callback (widget_class, on_error_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_timer_bar_error);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_deleted);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_clicked);
}

static void
stint_window_init (StintWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  stint_a11y_name_close_button (GTK_INFO_BAR (self->error_bar), _("Close"));
  stint_a11y_name_close_button (GTK_INFO_BAR (self->undo_bar), _("Close"));
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

  stint_timer_bar_set_tracker (self->timer_bar, tracker);

  stint_window_list_init (self);
  g_signal_connect_object (tracker, "notify::running",
                           G_CALLBACK (update_ticking), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_changed), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_map_changed), NULL);

  update_ticking (self);
  stint_timer_bar_focus (self->timer_bar);

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

/**
 * stint_window_offer_names:
 *
 * Offers to create the names an entry started without (app.start, from a
 * shortcut or the command line, while the window is open).
 */
void
stint_window_offer_names (StintWindow             *self,
                          gint64                   entry_id,
                          const StintUnknownNames *names)
{
  g_return_if_fail (STINT_IS_WINDOW (self));
  g_return_if_fail (names != NULL);

  stint_timer_bar_offer (self->timer_bar, entry_id, names);
}

/**
 * stint_window_set_nudges:
 * @nudges: whose question after time away the window asks too
 *
 * Call once. The bar shows a question already asked at once.
 */
void
stint_window_set_nudges (StintWindow *self,
                         StintNudges *nudges)
{
  GtkWidget *bar;

  g_return_if_fail (STINT_IS_WINDOW (self));
  g_return_if_fail (STINT_IS_NUDGES (nudges));

  bar = stint_idle_bar_new (nudges);
  g_signal_connect_object (bar, "error", G_CALLBACK (on_timer_bar_error), self, G_CONNECT_SWAPPED);
  gtk_container_add (GTK_CONTAINER (self->idle_slot), bar);
}

/**
 * stint_window_show_welcome:
 *
 * Shows the first-run welcome above the list, until the user chooses.
 */
void
stint_window_show_welcome (StintWindow *self)
{
  g_autoptr(GList) children = NULL;

  g_return_if_fail (STINT_IS_WINDOW (self));

  /* A kept window may still hold the welcome, or one the user answered. */
  children = gtk_container_get_children (GTK_CONTAINER (self->welcome_slot));
  for (GList *l = children; l != NULL; l = l->next)
    {
      if (gtk_widget_get_visible (l->data))
        return;
      gtk_widget_destroy (l->data);
    }

  gtk_container_add (GTK_CONTAINER (self->welcome_slot),
                     stint_welcome_new (self->settings, self->tracker));
}
