/* stint-window-private.h: shared between the window's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-window.h"
#include "stint-entry-row.h"
#include "stint-timer-bar.h"
#include "stint-window-slice.h"

G_BEGIN_DECLS

struct _StintWindow
{
  GtkApplicationWindow  parent_instance;

  StintTracker         *tracker;
  GSettings            *settings;
  guint                 tick_id;
  guint                 totals_idle_id;
  gboolean              older_failed;
  StintEntry           *deleted;
  guint                 undo_id;
  GtkWidget            *editor;   /* a row's editor, while open */

  /* The list (stint-window-list.c): rows for the first entries only, more
   * as the user scrolls; times in the zone read when the window opened. */
  StintWindowSlice     *slice;
  GTimeZone            *time_zone;
  guint                 more_idle_id;
  gboolean              more_at_end;

  /* Refused changes (stint-window-sync.c); NULL without an account. */
  StintSync            *sync;
  GtkWidget            *discard_dialog;

  GtkWidget            *account_bar;
  GtkLabel             *account_label;
  GtkWidget            *error_bar;
  GtkLabel             *error_label;
  GtkWidget            *idle_slot;
  GtkWidget            *welcome_slot;
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

void stint_window_retry_row         (StintWindow   *self,
                                     StintEntryRow *row);
void stint_window_discard_row       (StintWindow   *self,
                                     StintEntryRow *row);
void stint_window_sync_class_init   (GObjectClass  *object_class);
void stint_window_sync_dispose      (StintWindow   *self);

G_END_DECLS
