/* stint-window-private.h: shared between the window's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-window.h"
#include "stint-timer-bar.h"

G_BEGIN_DECLS

struct _StintWindow
{
  GtkApplicationWindow  parent_instance;

  StintTracker         *tracker;
  GSettings            *settings;
  guint                 tick_id;
  guint                 totals_idle_id;
  guint                 older_idle_id;
  gboolean              older_failed;
  StintEntry           *deleted;
  guint                 undo_id;

  GtkWidget            *account_bar;
  GtkLabel             *account_label;
  GtkWidget            *error_bar;
  GtkLabel             *error_label;
  StintTimerBar        *timer_bar;
  GtkLabel             *week_label;
  GtkScrolledWindow    *scrolled;
  GtkListBox           *recent_list;
  GtkWidget            *placeholder;
  GtkWidget            *undo_bar;
  GtkLabel             *undo_label;
  GtkWidget            *undo_button;
};


void stint_window_list_init         (StintWindow *self);
void stint_window_list_dispose      (StintWindow *self);
void stint_window_update_week_total (StintWindow *self);

G_END_DECLS
