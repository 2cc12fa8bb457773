/* stint-entry-row.c: one finished entry in the window's list
 *
 * Shows what was done (description, project, tags), when and how long, and
 * whether the server has it. A click or Enter on the row opens the editor
 * (the window listens); the play button continues it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-entry-row.h"
#include "stint-project-dot.h"
#include "util/stint-duration.h"

struct _StintEntryRow
{
  GtkListBoxRow  parent_instance;

  StintEntry    *entry;
  StintTracker  *tracker;

  GtkLabel      *description_label;
  GtkWidget     *meta_box;
  GtkWidget     *project_dot;
  GtkLabel      *project_label;
  GtkLabel      *tags_label;
  GtkImage      *sync_image;
  GtkLabel      *duration_label;
  GtkLabel      *times_label;
  GtkWidget     *continue_button;
};

G_DEFINE_FINAL_TYPE (StintEntryRow, stint_entry_row, GTK_TYPE_LIST_BOX_ROW)

/* Pending: a quiet icon; failed: a warning that says what the server said.
 * Returns the words a screen reader adds to the row, or NULL. */
static const char *
show_sync_state (StintEntryRow *self)
{
  GtkWidget *image = GTK_WIDGET (self->sync_image);
  const char *problem = stint_entry_get_sync_error (self->entry);

  switch (stint_entry_get_sync_state (self->entry))
    {
    case STINT_SYNC_STATE_PENDING:
      gtk_image_set_from_icon_name (self->sync_image, "emblem-synchronizing-symbolic",
                                    GTK_ICON_SIZE_MENU);
      gtk_style_context_remove_class (gtk_widget_get_style_context (image), "warning");
      gtk_style_context_add_class (gtk_widget_get_style_context (image), "dim-label");
      gtk_widget_set_tooltip_text (image, _("Waiting to sync"));
      atk_object_set_name (gtk_widget_get_accessible (image), _("Waiting to sync"));
      gtk_widget_show (image);
      return _("waiting to sync");

    case STINT_SYNC_STATE_FAILED:
      if (problem == NULL || *problem == '\0')
        problem = _("The server refused this entry.");
      gtk_image_set_from_icon_name (self->sync_image, "dialog-warning-symbolic",
                                    GTK_ICON_SIZE_MENU);
      gtk_style_context_remove_class (gtk_widget_get_style_context (image), "dim-label");
      gtk_style_context_add_class (gtk_widget_get_style_context (image), "warning");
      gtk_widget_set_tooltip_text (image, problem);
      atk_object_set_name (gtk_widget_get_accessible (image), problem);
      gtk_widget_show (image);
      return problem;

    case STINT_SYNC_STATE_SYNCED:
    default:
      gtk_widget_hide (image);
      return NULL;
    }
}

static void
refresh (StintEntryRow *self)
{
  StintProject *project;
  const char *description = stint_entry_get_description (self->entry);
  const char * const *tags = stint_entry_get_tags (self->entry);
  const char *sync;
  g_autoptr(GString) accessible = g_string_new (NULL);
  g_autoptr(GString) tag_text = g_string_new (NULL);
  g_autofree char *duration = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *times = NULL;
  g_autofree char *span = NULL;
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
  g_string_append (accessible, description);

  project = stint_tracker_lookup_project (self->tracker, stint_entry_get_project_id (self->entry));
  gtk_widget_set_visible (self->project_dot, project != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->project_label), project != NULL);
  if (project != NULL)
    {
      gtk_label_set_text (self->project_label, stint_project_get_name (project));
      stint_project_dot_set_color (STINT_PROJECT_DOT (self->project_dot),
                                   stint_project_get_color (project));
      g_string_append_printf (accessible, ", %s", stint_project_get_name (project));
    }

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_string_append_printf (tag_text, "%s#%s", i > 0 ? " " : "", tags[i]);
  gtk_label_set_text (self->tags_label, tag_text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_label), tag_text->len > 0);
  if (tag_text->len > 0)
    g_string_append_printf (accessible, ", %s", tag_text->str);
  gtk_widget_set_visible (self->meta_box, project != NULL || tag_text->len > 0);

  duration = stint_format_hmm (stint_entry_get_duration (self->entry, 0));
  from = stint_format_time_of_day (stint_entry_get_start (self->entry));
  to = stint_format_time_of_day (stint_entry_get_stop (self->entry));
  /* Translators: an entry's start and end times, e.g. "09:00 – 10:30" */
  times = g_strdup_printf (_("%s – %s"), from, to);
  gtk_label_set_text (self->duration_label, duration);
  gtk_label_set_text (self->times_label, times);

  /* Screen readers get the row in one sentence rather than six labels. */
  /* Translators: an entry's start, end and duration, read after its
   * description, project and tags: "09:00 to 10:30, 1:30" */
  span = g_strdup_printf (_("%s to %s, %s"), from, to, duration);
  g_string_append_printf (accessible, ", %s", span);
  sync = show_sync_state (self);
  if (sync != NULL)
    g_string_append_printf (accessible, ", %s", sync);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)), accessible->str);

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

  g_type_ensure (STINT_TYPE_PROJECT_DOT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, meta_box);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, project_dot);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, project_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, tags_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, sync_image);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, duration_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, times_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryRow, continue_button);
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
