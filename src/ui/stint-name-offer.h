/* stint-name-offer.h: "“Acme” is not a project yet. [Create]"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/stint-tracker.h"

G_BEGIN_DECLS

#define STINT_TYPE_NAME_OFFER (stint_name_offer_get_type ())
G_DECLARE_FINAL_TYPE (StintNameOffer, stint_name_offer, STINT, NAME_OFFER, GtkInfoBar)

void  stint_name_offer_set_tracker (StintNameOffer          *self,
                                    StintTracker            *tracker);
void  stint_name_offer_show        (StintNameOffer          *self,
                                    gint64                   entry_id,
                                    const StintUnknownNames *names);
void  stint_name_offer_dismiss     (StintNameOffer          *self);

G_END_DECLS
