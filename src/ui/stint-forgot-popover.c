/* stint-forgot-popover.c: "forgot to start" and "forgot to stop"
 *
 * Beside the Start/Stop button. Idle, it starts the entry being typed at
 * the end of the last entry or some time ago; tracking, it stops the running
 * entry at the time typed. It only reads what the user typed: the timer bar
 * does the starting and stopping (it knows the description, project and
 * tags), and hands a refusal back to show here, in place. A start before the
 * last entry ended is refused once, with "Start Anyway" to confirm it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-forgot-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-forgot-popover.h"
#include "util/stint-duration.h"
#include "util/stint-parse.h"

struct _StintForgotPopover
{
  GtkPopover     parent_instance;

  StintTracker  *tracker;
  gint64         refused_start;   /* the start "Start Anyway" confirms */

  GtkStack      *stack;
  GtkWidget     *start_page;
  GtkWidget     *stop_page;
  GtkButton     *last_end_button;
  GtkEntry      *ago_entry;
  GtkEntry      *stop_entry;
  GtkLabel      *error_label;
  GtkWidget     *anyway_button;
};

enum {
  START_AT,
  STOP_AT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StintForgotPopover, stint_forgot_popover, GTK_TYPE_POPOVER)

static gint64
now (StintForgotPopover *self)
{
  return stint_clock_now (stint_tracker_get_clock (self->tracker));
}

static void
show_message (StintForgotPopover *self,
              const char         *message,
              gboolean            offer_anyway)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_widget_set_visible (self->anyway_button, offer_anyway);
}

static void
start_at (StintForgotPopover *self,
          gint64              start,
          gboolean            allow_overlap)
{
  self->refused_start = start;
  show_message (self, NULL, FALSE);
  g_signal_emit (self, signals[START_AT], 0, start, allow_overlap);
}

static void
on_show (StintForgotPopover *self)
{
  gboolean running = stint_tracker_get_running (self->tracker) != NULL;
  gint64 last_stop = stint_tracker_get_last_stop (self->tracker);
  g_autofree char *label = NULL;

  show_message (self, NULL, FALSE);
  gtk_entry_set_text (self->ago_entry, "");
  gtk_entry_set_text (self->stop_entry, "");
  gtk_stack_set_visible_child (self->stack, running ? self->stop_page : self->start_page);

  if (last_stop > 0 && last_stop <= now (self))
    {
      g_autofree char *when = stint_format_time_of_day (last_stop);

      /* Translators: a button; %s is when the last entry ended, e.g. "17:30" */
      label = g_strdup_printf (_("At the end of the last entry (%s)"), when);
    }
  else
    label = g_strdup (_("At the end of the last entry"));
  gtk_button_set_label (self->last_end_button, label);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->last_end_button)), label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->last_end_button),
                            last_stop > 0 && last_stop <= now (self));

  gtk_widget_grab_focus (running ? GTK_WIDGET (self->stop_entry) : GTK_WIDGET (self->ago_entry));
}

static void
on_changed (StintForgotPopover *self)
{
  show_message (self, NULL, FALSE);
}

static void
on_last_end_clicked (StintForgotPopover *self)
{
  start_at (self, stint_tracker_get_last_stop (self->tracker), FALSE);
}

static void
on_ago_activate (StintForgotPopover *self)
{
  g_autoptr(GError) error = NULL;
  gint64 seconds;

  if (!stint_parse_duration (gtk_entry_get_text (self->ago_entry), &seconds, &error))
    {
      show_message (self, error->message, FALSE);
      return;
    }

  start_at (self, now (self) - seconds, FALSE);
}

static void
on_anyway_clicked (StintForgotPopover *self)
{
  start_at (self, self->refused_start, TRUE);
}

/* The time typed, today; a bare clock time later than now meant yesterday
 * if the entry ran then (stopping just after midnight an entry forgotten the
 * evening before), and is otherwise refused as in the future. */
static void
on_stop_activate (StintForgotPopover *self)
{
  g_autoptr(GDateTime) current = stint_clock_now_local (stint_tracker_get_clock (self->tracker));
  g_autoptr(GError) error = NULL;
  const char *text = gtk_entry_get_text (self->stop_entry);
  const char *first = text;
  gint64 stop;

  if (!stint_parse_time (text, current, current, &stop, &error))
    {
      show_message (self, error->message, FALSE);
      return;
    }

  while (g_ascii_isspace (*first))
    first++;
  if (stop > now (self) && g_ascii_isdigit (*first))
    {
      g_autoptr(GDateTime) yesterday = g_date_time_add_days (current, -1);
      gint64 earlier;

      StintEntry *running = stint_tracker_get_running (self->tracker);

      if (stint_parse_time (text, yesterday, current, &earlier, NULL) && running != NULL &&
          earlier >= stint_entry_get_start (running))
        stop = earlier;
    }

  show_message (self, NULL, FALSE);
  g_signal_emit (self, signals[STOP_AT], 0, stop);
}

static void
stint_forgot_popover_dispose (GObject *object)
{
  StintForgotPopover *self = (StintForgotPopover *)object;

  g_clear_object (&self->tracker);

  G_OBJECT_CLASS (stint_forgot_popover_parent_class)->dispose (object);
}

static void
stint_forgot_popover_class_init (StintForgotPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_forgot_popover_dispose;

  /**
   * StintForgotPopover::start-at:
   * @start: when the user says the work began (Unix seconds)
   * @allow_overlap: the user confirmed a start before the last entry ended
   */
  signals[START_AT] = g_signal_new ("start-at", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE,
                                    2, G_TYPE_INT64, G_TYPE_BOOLEAN);
  /**
   * StintForgotPopover::stop-at:
   * @stop: when the user says the work ended (Unix seconds)
   */
  signals[STOP_AT] = g_signal_new ("stop-at", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-forgot-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, StintForgotPopover, stack);
  gtk_widget_class_bind_template_child (widget_class, StintForgotPopover, start_page);
  gtk_widget_class_bind_template_child (widget_class, StintForgotPopover, stop_page);
  gtk_widget_class_bind_template_child (widget_class, StintForgotPopover, last_end_button);
  gtk_widget_class_bind_template_child (widget_class, StintForgotPopover, ago_entry);
  gtk_widget_class_bind_template_child (widget_class, StintForgotPopover, stop_entry);
  gtk_widget_class_bind_template_child (widget_class, StintForgotPopover, error_label);
  gtk_widget_class_bind_template_child (widget_class, StintForgotPopover, anyway_button);
  gtk_widget_class_bind_template_callback (widget_class, on_show);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_last_end_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_ago_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_anyway_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_activate);
}

static void
stint_forgot_popover_init (StintForgotPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
stint_forgot_popover_set_tracker (StintForgotPopover *self,
                                  StintTracker       *tracker)
{
  g_return_if_fail (STINT_IS_FORGOT_POPOVER (self));
  g_return_if_fail (STINT_IS_TRACKER (tracker));

  g_set_object (&self->tracker, tracker);
}

/* The tracker refused the time: say why, and for an overlap offer to start
 * anyway. */
void
stint_forgot_popover_show_error (StintForgotPopover *self,
                                 const GError       *error)
{
  g_return_if_fail (STINT_IS_FORGOT_POPOVER (self));
  g_return_if_fail (error != NULL);

  show_message (self, error->message,
                g_error_matches (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_OVERLAP));
}
