/* stint-timer-bar-start.c: starting and stopping from the bar, and Enter
 * while tracking
 *
 * The description, the project picker and a chosen activity make a new
 * entry here (stint_tracker_start_quick()), now or at the time given in the
 * "forgot to start" popover; the toggle button and that popover stop it.
 * While tracking, Enter and the picker change the running entry instead.
 * Whatever fails comes back as the bar's "error" signal, or in the popover
 * when it asked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-timer-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-timer-bar-private.h"
#include "util/stint-parse.h"

static void
report (StintTimerBar *self,
        const GError  *error)
{
  stint_timer_bar_emit_error (self, error->message);
}

/* The hint names "$" only where it can be used. */
void
stint_timer_bar_update_billable_hint (StintTimerBar *self)
{
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->description_entry),
                               stint_tracker_get_billable_allowed (self->tracker, NULL)
                               ? _("Type a description; @project, #tag and $ (billable) work too")
                               : _("Type a description; @project and #tag work too"));
}

/* A "$" typed for an entry whose workspace has no billable time: the entry
 * goes on without it, and the user learns why rather than finding it
 * refused by the server later. */
static void
refuse_billable (StintTimerBar *self,
                 StintEntry    *entry,
                 const char    *text)
{
  g_autoptr(StintQuickEntry) quick = stint_parse_quick_entry (text);
  g_autoptr(StintEntry) edited = NULL;
  g_autoptr(GError) error = NULL;

  if (!quick->billable || !stint_entry_get_billable (entry) ||
      stint_tracker_get_billable_allowed (self->tracker, entry))
    return;

  edited = stint_entry_copy (entry);
  stint_entry_set_billable (edited, FALSE);
  if (!stint_tracker_update (self->tracker, edited, &error))
    {
      report (self, error);
      return;
    }

  stint_timer_bar_emit_error (self,
                              _("This workspace’s Toggl plan has no billable time (it takes "
                                "Starter or higher), so the entry is not billable."));
}

static StintEntry *
make_defaults (StintTimerBar *self)
{
  StintEntry *defaults = stint_entry_new ();

  stint_entry_set_project_id (defaults, stint_project_picker_get_project_id (self->project_picker));
  if (self->chosen != NULL)
    {
      stint_entry_set_tags (defaults, stint_entry_get_tags (self->chosen));
      /* An activity from a workspace that had billable time, or from before
       * a downgrade, brings it along only where it is still allowed. */
      stint_entry_set_billable (defaults, stint_entry_get_billable (self->chosen) &&
                                          stint_tracker_get_billable_allowed (self->tracker, NULL));
    }

  return defaults;
}

static gboolean
start (StintTimerBar    *self,
       gint64            at,
       StintStartFlags   flags,
       GError          **error)
{
  g_autoptr(StintEntry) defaults = make_defaults (self);
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintUnknownNames) unknown = NULL;
  g_autofree char *text = g_strdup (gtk_entry_get_text (self->description_entry));

  /* The picker shows the default project unless the user chose otherwise,
   * so what it shows is what the entry gets, "No project" included. */
  entry = stint_tracker_start_quick (self->tracker, text, defaults, at,
                                     flags | STINT_START_PROJECT_CHOSEN, &unknown, error);
  if (entry == NULL)
    return FALSE;

  refuse_billable (self, entry, text);
  if (unknown != NULL)
    stint_name_offer_show (self->name_offer, stint_entry_get_id (entry), unknown);
  return TRUE;
}

static void
on_description_activate (StintTimerBar *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  g_autoptr(StintUnknownNames) unknown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (running == NULL)
    {
      if (!start (self, 0, STINT_START_DEFAULT, &error))
        report (self, error);
      return;
    }

  /* Enter while tracking fixes the running entry: a typo, or an @project
   * or #tag added afterwards. */
  text = g_strdup (gtk_entry_get_text (self->description_entry));
  if (!stint_tracker_apply_quick (self->tracker, stint_entry_get_id (running), text, &unknown,
                                  &error))
    {
      report (self, error);
      return;
    }

  refuse_billable (self, running, text);

  /* The text now holds only the description again. */
  stint_timer_bar_update_running (self);
  if (unknown != NULL)
    stint_name_offer_show (self->name_offer, stint_entry_get_id (running), unknown);
}

static void
on_project_chosen (StintTimerBar *self,
                   gint64         project_id)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  g_autoptr(StintEntry) edited = NULL;
  g_autoptr(GError) error = NULL;

  if (running == NULL)
    {
      self->project_chosen = TRUE;
      gtk_widget_grab_focus (GTK_WIDGET (self->description_entry));
      return;
    }

  edited = stint_entry_copy (running);
  stint_entry_set_project_id (edited, project_id);
  if (!stint_tracker_update (self->tracker, edited, &error))
    report (self, error);
}

static void
on_toggle_clicked (StintTimerBar *self)
{
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;

  if (stint_tracker_get_running (self->tracker) == NULL)
    {
      if (!start (self, 0, STINT_START_DEFAULT, &error))
        report (self, error);
      return;
    }

  stopped = stint_tracker_stop (self->tracker, &error);
  if (stopped == NULL)
    report (self, error);
}

static void
on_forgot_start_at (StintTimerBar *self,
                    gint64         at,
                    gboolean       allow_overlap)
{
  g_autoptr(GError) error = NULL;

  if (!start (self, at, allow_overlap ? STINT_START_ALLOW_OVERLAP : STINT_START_DEFAULT, &error))
    {
      stint_forgot_popover_show_error (self->forgot_popover, error);
      return;
    }

  gtk_popover_popdown (GTK_POPOVER (self->forgot_popover));
}

static void
on_forgot_stop_at (StintTimerBar *self,
                   gint64         at)
{
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;

  stopped = stint_tracker_stop_at (self->tracker, at, &error);
  if (stopped == NULL)
    {
      stint_forgot_popover_show_error (self->forgot_popover, error);
      return;
    }

  gtk_popover_popdown (GTK_POPOVER (self->forgot_popover));
}

void
stint_timer_bar_bind_start_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_description_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_project_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_toggle_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_forgot_start_at);
  gtk_widget_class_bind_template_callback (widget_class, on_forgot_stop_at);
}
