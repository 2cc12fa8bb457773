/* stint-timer-bar.c: the top of the window, where tracking starts
 *
 * Type, press Enter: the quick syntax ("Review PR @Stint #code $") is read
 * by stint_tracker_start_quick(), as on the command line. Autocompletion
 * offers what was done recently; picking one brings its project, tags and
 * billable flag along. Names Stint does not know do not stop the timer: it
 * starts without them at once (no time is lost), and a bar under the entry
 * offers to create them and add them to the entry (nothing typed is lost).
 * While tracking, Enter applies the text to the running entry instead.
 * Billable time ("$") is offered only where the workspace's plan has it; a
 * "$" typed anyway does not stop the timer either: the entry starts or stays
 * without it, and a sentence says why.
 * While idle, the project button shows the project the next entry gets: the
 * default project (Preferences → Tracking) until the user picks another, or
 * "No project", which then holds too.
 *
 * This file shows the running entry and what the next entry gets, and
 * follows the activity picked from autocompletion; starting, stopping and
 * Enter while tracking are in stint-timer-bar-start.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-timer-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "stint-timer-bar-private.h"
#include "stint-entry-editor.h"
#include "stint-history-completion.h"
#include "util/stint-duration.h"

enum {
  ERROR,
  ENTRY_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StintTimerBar, stint_timer_bar, GTK_TYPE_BOX)

void
stint_timer_bar_emit_error (StintTimerBar *self,
                            const char    *message)
{
  g_signal_emit (self, signals[ERROR], 0, message);
}

/* Without the completion attached, so that text Stint writes (the running
 * entry's description) pops up no suggestions. */
static void
set_description (StintTimerBar *self,
                 const char    *text)
{
  self->updating = TRUE;
  gtk_entry_set_completion (self->description_entry, NULL);
  gtk_entry_set_text (self->description_entry, text);
  gtk_entry_set_completion (self->description_entry, self->completion);
  self->updating = FALSE;
}

/* "#code #review · Billable": what the entry carries that the description
 * field does not show. */
static void
show_details (StintTimerBar *self,
              StintEntry    *entry)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *accessible = NULL;
  const char * const *tags = entry != NULL ? stint_entry_get_tags (entry) : NULL;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_string_append_printf (text, "%s#%s", text->len > 0 ? " " : "", tags[i]);
  if (entry != NULL && stint_entry_get_billable (entry))
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", _("Billable"));

  gtk_label_set_text (self->details_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), text->len > 0);

  if (tags != NULL && tags[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **)tags);

      /* Translators: the accessible name of the running entry's tags */
      accessible = g_strdup_printf (_("Tags: %s"), list);
    }
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->details_label)),
                       accessible != NULL ? accessible : text->str);
}

static void
forget_choice (StintTimerBar *self)
{
  g_clear_object (&self->chosen);
  if (stint_tracker_get_running (self->tracker) == NULL)
    show_details (self, NULL);
}

/* ---------------------------------------------------------- autocompletion */

/* Called from inside the completion's own key handling, which holds its
 * popup closed meanwhile: the completion must stay attached. */
static void
write_chosen (StintTimerBar *self,
              StintEntry    *entry)
{
  self->updating = TRUE;
  gtk_entry_set_text (self->description_entry, stint_entry_get_description (entry));
  gtk_editable_set_position (GTK_EDITABLE (self->description_entry), -1);
  self->updating = FALSE;
}

static void
choose_entry (StintTimerBar *self,
              StintEntry    *entry)
{
  write_chosen (self, entry);
  /* An activity done without a project is repeated without one, as
   * stint_tracker_continue() does. */
  stint_project_picker_set_project_id (self->project_picker, stint_entry_get_project_id (entry));
  self->project_chosen = TRUE;
  g_set_object (&self->chosen, entry);
  show_details (self, entry);
}

static void
on_activity_chosen (StintTimerBar *self,
                    StintEntry    *entry)
{
  /* While tracking, a pick renames the running entry, as typing does. */
  if (stint_tracker_get_running (self->tracker) != NULL)
    write_chosen (self, entry);
  else
    choose_entry (self, entry);
}

static void
on_description_changed (StintTimerBar *self)
{
  /* Typing something else than the activity picked drops its tags. */
  if (!self->updating && self->chosen != NULL &&
      g_strcmp0 (gtk_entry_get_text (self->description_entry),
                 stint_entry_get_description (self->chosen)) != 0)
    forget_choice (self);
}

/* ------------------------------------------------------------ running state */

/* What "not chosen" gives a new entry, shown while idle so that it is no
 * surprise; it changes under the window with Preferences or a sync. */
static void
show_default_project (StintTimerBar *self)
{
  StintProject *project;
  gint64 picked = stint_project_picker_get_project_id (self->project_picker);

  if (stint_tracker_get_running (self->tracker) != NULL)
    return;

  /* A project picked and since deleted or archived by a sync is no longer
   * what the next entry gets. */
  if (self->project_chosen && picked != 0)
    {
      project = stint_tracker_lookup_project (self->tracker, picked);
      if (project == NULL || !stint_project_get_active (project))
        self->project_chosen = FALSE;
    }
  if (self->project_chosen)
    return;

  project = stint_tracker_get_default_project (self->tracker);
  stint_project_picker_set_project_id (self->project_picker,
                                       project != NULL ? stint_project_get_id (project) : 0);
}

void
stint_timer_bar_update_running (StintTimerBar *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  GtkStyleContext *toggle_style = gtk_widget_get_style_context (self->toggle_button);
  const char *toggle_name = running != NULL ? _("Stop") : _("Start");

  gtk_image_set_from_icon_name (self->toggle_image,
                                running != NULL ? "media-playback-stop-symbolic"
                                                : "media-playback-start-symbolic",
                                GTK_ICON_SIZE_BUTTON);
  gtk_widget_set_tooltip_text (self->toggle_button, toggle_name);
  atk_object_set_name (gtk_widget_get_accessible (self->toggle_button), toggle_name);
  gtk_style_context_remove_class (toggle_style, running != NULL ? "suggested-action"
                                                                : "destructive-action");
  gtk_style_context_add_class (toggle_style, running != NULL ? "destructive-action"
                                                             : "suggested-action");
  gtk_widget_set_sensitive (self->elapsed_button, running != NULL);

  if (running != NULL)
    {
      set_description (self, stint_entry_get_description (running));
      stint_project_picker_set_project_id (self->project_picker,
                                           stint_entry_get_project_id (running));
      g_clear_object (&self->chosen);
      show_details (self, running);
    }
  else
    {
      set_description (self, "");
      show_default_project (self);
      forget_choice (self);
    }

  stint_timer_bar_update_elapsed (self);
}

static void
on_running_changed (StintTimerBar *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);

  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_set_object (&self->watched, running);
  /* A start used the project picked; after a stop the next entry starts
   * from the default again, not from the last entry's project. */
  self->project_chosen = FALSE;
  if (running != NULL)
    {
      g_signal_connect_object (running, "notify::description",
                               G_CALLBACK (stint_timer_bar_update_running), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (running, "notify::project-id",
                               G_CALLBACK (stint_timer_bar_update_running), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (running, "notify::tags",
                               G_CALLBACK (stint_timer_bar_update_running), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (running, "notify::billable",
                               G_CALLBACK (stint_timer_bar_update_running), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (running, "notify::start",
                               G_CALLBACK (stint_timer_bar_update_elapsed), self, G_CONNECT_SWAPPED);
    }

  stint_timer_bar_update_running (self);
}

static void
on_editor_deleted (StintTimerBar *self,
                   StintEntry    *entry)
{
  g_signal_emit (self, signals[ENTRY_DELETED], 0, entry);
}

/* The running entry has no row: the elapsed time opens its editor (a start
 * moved back ten minutes, a project added). */
static void
on_elapsed_clicked (StintTimerBar *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  GtkWidget *editor;

  if (running == NULL)
    return;

  editor = stint_entry_editor_new (self->tracker, running, self->elapsed_button);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_editor_deleted), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, editor);
  gtk_popover_popup (GTK_POPOVER (editor));
}

static void
on_offer_error (StintTimerBar *self,
                const char    *message)
{
  g_signal_emit (self, signals[ERROR], 0, message);
}

/* ------------------------------------------------------------------ type */

static void
stint_timer_bar_dispose (GObject *object)
{
  StintTimerBar *self = (StintTimerBar *)object;

  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_clear_object (&self->watched);
  g_clear_object (&self->chosen);
  g_clear_object (&self->completion);
  g_clear_weak_pointer (&self->editor);
  g_clear_object (&self->tracker);

  G_OBJECT_CLASS (stint_timer_bar_parent_class)->dispose (object);
}

static void
stint_timer_bar_class_init (StintTimerBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_timer_bar_dispose;

  /**
   * StintTimerBar::error:
   * @message: a sentence for the user
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * StintTimerBar::entry-deleted:
   * @entry: the running entry as it was, deleted from its editor, for an undo
   */
  signals[ENTRY_DELETED] = g_signal_new ("entry-deleted", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, STINT_TYPE_ENTRY);

  g_type_ensure (STINT_TYPE_PROJECT_PICKER);
  g_type_ensure (STINT_TYPE_FORGOT_POPOVER);
  g_type_ensure (STINT_TYPE_NAME_OFFER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-timer-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, StintTimerBar, description_entry);
  gtk_widget_class_bind_template_child (widget_class, StintTimerBar, project_picker);
  gtk_widget_class_bind_template_child (widget_class, StintTimerBar, elapsed_button);
  gtk_widget_class_bind_template_child (widget_class, StintTimerBar, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, StintTimerBar, toggle_button);
  gtk_widget_class_bind_template_child (widget_class, StintTimerBar, toggle_image);
  gtk_widget_class_bind_template_child (widget_class, StintTimerBar, forgot_button);
  gtk_widget_class_bind_template_child (widget_class, StintTimerBar, forgot_popover);
  gtk_widget_class_bind_template_child (widget_class, StintTimerBar, details_label);
  gtk_widget_class_bind_template_child (widget_class, StintTimerBar, name_offer);
  gtk_widget_class_bind_template_callback (widget_class, on_description_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_elapsed_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_offer_error);
  stint_timer_bar_bind_start_callbacks (widget_class);
}

static void
stint_timer_bar_init (StintTimerBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * stint_timer_bar_offer:
 * @entry_id: the entry that started without @names
 * @names: the names typed that Stint does not know
 *
 * Offers, under the description, to create @names and add them to the
 * entry (for entries started elsewhere: app.start from a shortcut).
 */
void
stint_timer_bar_offer (StintTimerBar           *self,
                       gint64                   entry_id,
                       const StintUnknownNames *names)
{
  g_return_if_fail (STINT_IS_TIMER_BAR (self));
  g_return_if_fail (names != NULL);

  stint_name_offer_show (self->name_offer, entry_id, names);
}

/* Set once, right after the bar is built (it is part of the window's
 * template). */
void
stint_timer_bar_set_tracker (StintTimerBar *self,
                             StintTracker  *tracker)
{
  g_return_if_fail (STINT_IS_TIMER_BAR (self));
  g_return_if_fail (STINT_IS_TRACKER (tracker));
  g_return_if_fail (self->tracker == NULL);

  self->tracker = g_object_ref (tracker);
  stint_project_picker_set_tracker (self->project_picker, tracker);
  stint_forgot_popover_set_tracker (self->forgot_popover, tracker);
  stint_name_offer_set_tracker (self->name_offer, tracker);

  self->completion = stint_history_completion_new (tracker);
  g_signal_connect_object (self->completion, "activity-chosen",
                           G_CALLBACK (on_activity_chosen), self, G_CONNECT_SWAPPED);
  gtk_entry_set_completion (self->description_entry, self->completion);

  g_signal_connect_object (tracker, "notify::running",
                           G_CALLBACK (on_running_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tracker, "notify::default-project-id",
                           G_CALLBACK (show_default_project), self, G_CONNECT_SWAPPED);
  on_running_changed (self);

  /* A pull that learns the workspace's plan reloads the projects with it;
   * it may also bring the default project, or take it away. */
  g_signal_connect_object (stint_tracker_get_projects (tracker), "items-changed",
                           G_CALLBACK (stint_timer_bar_update_billable_hint), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (stint_tracker_get_projects (tracker), "items-changed",
                           G_CALLBACK (show_default_project), self, G_CONNECT_SWAPPED);
  stint_timer_bar_update_billable_hint (self);
}

/* The window calls this every second while it is shown and tracking. */
void
stint_timer_bar_update_elapsed (StintTimerBar *self)
{
  StintEntry *running;
  g_autofree char *text = NULL;

  g_return_if_fail (STINT_IS_TIMER_BAR (self));

  running = stint_tracker_get_running (self->tracker);
  text = stint_format_hmmss (running != NULL
                             ? stint_entry_get_duration (running,
                                                         stint_clock_now (stint_tracker_get_clock (self->tracker)))
                             : 0);
  gtk_label_set_text (self->elapsed_label, text);
}

void
stint_timer_bar_focus (StintTimerBar *self)
{
  g_return_if_fail (STINT_IS_TIMER_BAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->description_entry));
}

/**
 * stint_timer_bar_put_away:
 *
 * The window is closing: what was opened on the bar closes too, so that it
 * does not come back with the window. What the user typed stays.
 */
void
stint_timer_bar_put_away (StintTimerBar *self)
{
  g_return_if_fail (STINT_IS_TIMER_BAR (self));

  if (self->editor != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->editor));
  if (gtk_widget_get_visible (GTK_WIDGET (self->forgot_popover)))
    gtk_popover_popdown (GTK_POPOVER (self->forgot_popover));
  /* Detaching the completion folds its list of suggestions. */
  gtk_entry_set_completion (self->description_entry, NULL);
  gtk_entry_set_completion (self->description_entry, self->completion);
}
