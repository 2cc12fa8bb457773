/* stint-name-offer.c: "“Acme” is not a project yet. [Create]"
 *
 * Quick syntax may name a project or tags Stint does not know: a typo must
 * not create a project behind the user's back, and a new one must not cost
 * the time already running. So the entry starts without them, and this bar
 * offers to create them and add them to that entry; dismissed, the entry
 * simply stays as it started.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-name-offer"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-name-offer.h"
#include "stint-a11y.h"

struct _StintNameOffer
{
  GtkInfoBar          parent_instance;

  StintTracker       *tracker;
  StintUnknownNames  *names;
  gint64              entry_id;

  GtkLabel           *label;
  GtkWidget          *create_button;
};

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StintNameOffer, stint_name_offer, GTK_TYPE_INFO_BAR)

static void
on_response (StintNameOffer *self,
             int             response)
{
  stint_name_offer_dismiss (self);
}

static void
on_create_clicked (StintNameOffer *self)
{
  g_autoptr(GError) error = NULL;

  if (self->names == NULL)
    return;

  if (!stint_tracker_adopt_names (self->tracker, self->entry_id, self->names, &error))
    {
      g_signal_emit (self, signals[ERROR], 0, error->message);
      return;
    }

  stint_name_offer_dismiss (self);
}

static void
stint_name_offer_dispose (GObject *object)
{
  StintNameOffer *self = (StintNameOffer *)object;

  g_clear_pointer (&self->names, stint_unknown_names_free);
  g_clear_object (&self->tracker);

  G_OBJECT_CLASS (stint_name_offer_parent_class)->dispose (object);
}

static void
stint_name_offer_class_init (StintNameOfferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_name_offer_dispose;

  /**
   * StintNameOffer::error:
   * @message: why the names could not be created, for the user
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-name-offer.ui");
  gtk_widget_class_bind_template_child (widget_class, StintNameOffer, label);
  gtk_widget_class_bind_template_child (widget_class, StintNameOffer, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
}

static void
stint_name_offer_init (StintNameOffer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  stint_a11y_name_close_button (GTK_INFO_BAR (self), _("Dismiss"));
}

void
stint_name_offer_set_tracker (StintNameOffer *self,
                              StintTracker   *tracker)
{
  g_return_if_fail (STINT_IS_NAME_OFFER (self));
  g_return_if_fail (STINT_IS_TRACKER (tracker));

  g_set_object (&self->tracker, tracker);
}

/**
 * stint_name_offer_show:
 * @entry_id: the entry that started without @names
 * @names: the names typed that Stint does not know
 *
 * A newer offer replaces an older one.
 */
void
stint_name_offer_show (StintNameOffer          *self,
                       gint64                   entry_id,
                       const StintUnknownNames *names)
{
  g_autofree char *text = NULL;

  g_return_if_fail (STINT_IS_NAME_OFFER (self));
  g_return_if_fail (names != NULL);

  g_clear_pointer (&self->names, stint_unknown_names_free);
  self->names = g_new0 (StintUnknownNames, 1);
  self->names->project = g_strdup (names->project);
  self->names->tags = g_strdupv (names->tags);
  self->entry_id = entry_id;

  text = stint_unknown_names_describe (names);
  gtk_label_set_text (self->label, text);
  gtk_widget_show (GTK_WIDGET (self));
}

void
stint_name_offer_dismiss (StintNameOffer *self)
{
  g_return_if_fail (STINT_IS_NAME_OFFER (self));

  g_clear_pointer (&self->names, stint_unknown_names_free);
  self->entry_id = 0;
  gtk_widget_hide (GTK_WIDGET (self));
}
