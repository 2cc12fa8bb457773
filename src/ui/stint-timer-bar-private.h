/* stint-timer-bar-private.h: shared between the timer bar's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-timer-bar.h"
#include "stint-forgot-popover.h"
#include "stint-name-offer.h"
#include "stint-project-picker.h"

G_BEGIN_DECLS

struct _StintTimerBar
{
  GtkBox              parent_instance;

  StintTracker       *tracker;
  StintEntry         *watched;    /* the running entry, followed for changes */
  StintEntry         *chosen;     /* the activity picked from autocompletion */
  /* The user picked the next entry's project (or an activity, with its
   * project): the picker no longer follows the default project. */
  gboolean            project_chosen;
  GtkEntryCompletion *completion;
  gboolean            updating;   /* we are writing the description ourselves */

  GtkEntry           *description_entry;
  StintProjectPicker *project_picker;
  GtkWidget          *elapsed_button;
  GtkLabel           *elapsed_label;
  GtkWidget          *toggle_button;
  GtkImage           *toggle_image;
  GtkWidget          *forgot_button;
  StintForgotPopover *forgot_popover;
  GtkLabel           *details_label;
  StintNameOffer     *name_offer;
  GtkWidget          *editor;     /* the running entry's editor, while open */
};

/* stint-timer-bar.c: the "error" signal, and the bar redrawn from the
 * running entry (after Enter rewrote the description) */
void stint_timer_bar_emit_error           (StintTimerBar  *self,
                                           const char     *message);
void stint_timer_bar_update_running       (StintTimerBar  *self);

/* stint-timer-bar-start.c: the description's hint, which follows the
 * workspace's plan, and the template callbacks that start and stop */
void stint_timer_bar_update_billable_hint (StintTimerBar  *self);
void stint_timer_bar_bind_start_callbacks (GtkWidgetClass *widget_class);

G_END_DECLS
