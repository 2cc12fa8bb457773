/* stint-entry-row.c: one finished entry in the window's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-entry-row.h"
#include "util/stint-duration.h"

struct _StintEntryRow
{
  GtkListBoxRow  parent_instance;

  StintEntry    *entry;
  StintTracker  *tracker;
  GdkRGBA        project_color;

  GtkLabel      *description_label;
  GtkWidget     *project_box;
  GtkWidget     *project_dot;
  GtkLabel      *project_label;
  GtkLabel      *duration_label;
  GtkLabel      *times_label;
  GtkWidget     *continue_button;
};

G_DEFINE_FINAL_TYPE (StintEntryRow, stint_entry_row, GTK_TYPE_LIST_BOX_ROW)

static gboolean
on_project_dot_draw (GtkWidget     *widget,
                     cairo_t       *cr,
                     StintEntryRow *self)
{
  double w = gtk_widget_get_allocated_width (widget);
  double h = gtk_widget_get_allocated_height (widget);

  gdk_cairo_set_source_rgba (cr, &self->project_color);
  cairo_arc (cr, w / 2, h / 2, MIN (w, h) / 2, 0, 2 * G_PI);
  cairo_fill (cr);

  return TRUE;
}

static void
refresh (StintEntryRow *self)
{
  StintProject *project;
  const char *description = stint_entry_get_description (self->entry);
  g_autofree char *duration = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *times = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *continue_name = NULL;

  if (*description != '\0')
    {
      gtk_label_set_text (self->description_label, description);
      gtk_style_context_remove_class (gtk_widget_get_style_context (GTK_WIDGET (self->description_label)),
                                      "dim-label");
    }
  else
    {
      description = _("No description");
      gtk_label_set_text (self->description_label, description);
      gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->description_label)),
                                   "dim-label");
    }

  project = stint_tracker_lookup_project (self->tracker, stint_entry_get_project_id (self->entry));
  gtk_widget_set_visible (self->project_box, project != NULL);
  if (project != NULL)
    {
      gtk_label_set_text (self->project_label, stint_project_get_name (project));
      if (stint_project_get_color (project) == NULL ||
          !gdk_rgba_parse (&self->project_color, stint_project_get_color (project)))
        gdk_rgba_parse (&self->project_color, "#9a9996");
      gtk_widget_queue_draw (self->project_dot);
    }

  duration = stint_format_hmm (stint_entry_get_duration (self->entry, 0));
  from = stint_format_time_of_day (stint_entry_get_start (self->entry));
  to = stint_format_time_of_day (stint_entry_get_stop (self->entry));
  /* Translators: an entry's start and end times, e.g. "09:00 – 10:30" */
  times = g_strdup_printf (_("%s – %s"), from, to);
  gtk_label_set_text (self->duration_label, duration);
  gtk_label_set_text (self->times_label, times);

  /* Screen readers get the row in one sentence rather than five labels. */
  if (project != NULL)
    /* Translators: description, project, start, end, duration of an entry */
    accessible = g_strdup_printf (_("%s, %s, %s to %s, %s"), description,
                                  stint_project_get_name (project), from, to, duration);
  else
    /* Translators: description, start, end, duration of an entry */
    accessible = g_strdup_printf (_("%s, %s to %s, %s"), description, from, to, duration);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)), accessible);

  /* Translators: the accessible name of a row's continue button */
  continue_name = g_strdup_printf (_("Continue “%s”"), description);
  atk_object_set_name (gtk_widget_get_accessible (self->continue_button), continue_name);
  gtk_widget_set_tooltip_text (self->continue_button, continue_name);
}

static void
stint_entry_row_dispose (GObject *object)
{
  StintEntryRow *self = (StintEntryRow *)object;

  g_clear_object (&self->entry);
  g_clear_object (&self->tracker);

  G_OBJECT_CLASS (stint_entry_row_parent_class)->dispose (object);
}

static void
stint_entry_row_class_init (StintEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_entry_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, project_box);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, project_dot);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, project_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, duration_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, times_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_project_dot_draw);
}

static void
stint_entry_row_init (StintEntryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
stint_entry_row_new (StintEntry   *entry,
                     StintTracker *tracker)
{
  StintEntryRow *self;

  g_return_val_if_fail (STINT_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (STINT_IS_TRACKER (tracker), NULL);

  self = g_object_new (STINT_TYPE_ENTRY_ROW, NULL);
  self->entry = g_object_ref (entry);
  self->tracker = g_object_ref (tracker);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->continue_button), "x",
                                    stint_entry_get_id (entry));
  g_signal_connect_object (entry, "notify", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);

  return GTK_WIDGET (self);
}

StintEntry *
stint_entry_row_get_entry (StintEntryRow *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY_ROW (self), NULL);
  return self->entry;
}
