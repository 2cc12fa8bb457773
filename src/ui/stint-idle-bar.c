/* stint-idle-bar.c: "You were away 20 minutes…" with the four answers
 *
 * The question after time away, asked in the window: where the
 * notification server shows no buttons this is the only place to answer
 * it, and where it does, an open window asks too. Either way the answer
 * goes to StintNudges, as the notification's buttons do, and StintNudges
 * withdraws the question from both places. The bar follows the question
 * for as long as it lives, so a window opened after the return still asks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-idle-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-idle-bar.h"
#include "desktop/stint-notifier.h"
#include "util/stint-duration.h"

struct _StintIdleBar
{
  GtkInfoBar   parent_instance;

  StintNudges *nudges;
  gint64       since;

  GtkLabel    *label;
};

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StintIdleBar, stint_idle_bar, GTK_TYPE_INFO_BAR)

static void
on_idle_return (StintIdleBar *self,
                StintEntry   *entry,
                gint64        since,
                gint64        until)
{
  const char *description = stint_entry_get_description (entry);
  g_autofree char *span = stint_notifier_format_span (until - since);
  g_autofree char *from = stint_format_time_of_day (since);
  g_autofree char *to = stint_format_time_of_day (until);
  g_autofree char *text = NULL;

  self->since = since;
  if (description != NULL && *description != '\0')
    /* Translators: a span like "20 minutes", two times of day, then an
     * entry's description */
    text = g_strdup_printf (_("You were away %s, from %s to %s, while “%s” was running."),
                            span, from, to, description);
  else
    /* Translators: a span like "20 minutes", then two times of day */
    text = g_strdup_printf (_("You were away %s, from %s to %s, while the timer was running."),
                            span, from, to);

  gtk_label_set_text (self->label, text);
  gtk_widget_show (GTK_WIDGET (self));
}

static void
on_withdraw_idle (StintIdleBar *self)
{
  gtk_widget_hide (GTK_WIDGET (self));
}

static void
answer (StintIdleBar    *self,
        StintIdleAnswer  answer)
{
  g_autoptr(GError) error = NULL;

  if (!stint_nudges_answer_idle (self->nudges, answer, self->since, &error))
    g_signal_emit (self, signals[ERROR], 0, error->message);
}

static void
on_keep_clicked (StintIdleBar *self)
{
  answer (self, STINT_IDLE_ANSWER_KEEP);
}

static void
on_discard_clicked (StintIdleBar *self)
{
  answer (self, STINT_IDLE_ANSWER_DISCARD);
}

static void
on_discard_continue_clicked (StintIdleBar *self)
{
  answer (self, STINT_IDLE_ANSWER_DISCARD_CONTINUE);
}

/* The same answer as Discard Idle Time: an entry is one stretch of time, so
 * taking the time away out of it and stopping it when the user left are one
 * change. Both are offered because users look for either word. */
static void
on_stop_clicked (StintIdleBar *self)
{
  answer (self, STINT_IDLE_ANSWER_DISCARD);
}

static void
stint_idle_bar_dispose (GObject *object)
{
  StintIdleBar *self = (StintIdleBar *)object;

  g_clear_object (&self->nudges);

  G_OBJECT_CLASS (stint_idle_bar_parent_class)->dispose (object);
}

static void
stint_idle_bar_class_init (StintIdleBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_idle_bar_dispose;

  /**
   * StintIdleBar::error:
   * @message: why the entry could not be changed, for the user
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-idle-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, StintIdleBar, label);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_continue_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
}

static void
stint_idle_bar_init (StintIdleBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * stint_idle_bar_new:
 * @nudges: whose idle question to ask
 *
 * Returns: (transfer floating): a bar, shown while @nudges has a question
 */
GtkWidget *
stint_idle_bar_new (StintNudges *nudges)
{
  StintIdleBar *self;
  StintEntry *entry;
  gint64 since, until;

  g_return_val_if_fail (STINT_IS_NUDGES (nudges), NULL);

  self = g_object_new (STINT_TYPE_IDLE_BAR, NULL);
  self->nudges = g_object_ref (nudges);
  g_signal_connect_object (nudges, "idle-return", G_CALLBACK (on_idle_return), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (nudges, "withdraw-idle", G_CALLBACK (on_withdraw_idle), self,
                           G_CONNECT_SWAPPED);

  if (stint_nudges_get_idle_question (nudges, &entry, &since, &until))
    on_idle_return (self, entry, since, until);

  return GTK_WIDGET (self);
}
