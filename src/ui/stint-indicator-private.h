/* stint-indicator-private.h: shared by the indicator's files, and for tests
 * that read what the panel is told
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libayatana-appindicator/app-indicator.h>

#include "stint-indicator.h"

G_BEGIN_DECLS

#define STINT_INDICATOR_ICON_TRACKING         APP_ID "-tracking-symbolic"
#define STINT_INDICATOR_ICON_IDLE             APP_ID "-idle-symbolic"
#define STINT_INDICATOR_ICON_TRACKING_OFFLINE APP_ID "-tracking-offline-symbolic"
#define STINT_INDICATOR_ICON_OFFLINE          APP_ID "-offline-symbolic"

/* The "panel-label" setting. */
typedef enum {
  STINT_PANEL_LABEL_MINUTES,
  STINT_PANEL_LABEL_SECONDS,
  STINT_PANEL_LABEL_NONE,
} StintPanelLabel;

struct _StintIndicator
{
  GObject          parent_instance;

  StintTracker    *tracker;
  GActionGroup    *actions;
  StintNudges     *nudges;         /* for the pomodoro's time left; may be NULL */
  StintSync       *sync;           /* the account's; NULL in local mode */
  StintEntry      *watched;        /* the running entry whose fields we show */
  AppIndicator    *indicator;

  GtkWidget       *menu;
  GtkWidget       *problem_item;
  GtkWidget       *running_item;
  GtkWidget       *pomodoro_item;
  GtkWidget       *goal_item;
  GtkWidget       *toggle_item;
  GtkWidget       *continue_item;
  GtkWidget       *continue_items[STINT_INDICATOR_CONTINUE_ITEMS];

  StintPanelLabel  label_mode;
  guint            daily_goal;     /* seconds; 0 = none */
  gint64           today_total;    /* as the goal item last said */
  gint64           shown_minute;   /* the running entry's minute the menu shows; -1 = none */
  guint            tick_id;        /* StintClock timeout: the next change made by time alone */
  guint            refresh_idle_id; /* the Continue submenu and the goal, coalesced */
  char            *problem;        /* an account problem the user must act on */
};

/* stint-indicator.c */
void          stint_indicator_set_item_label    (GtkWidget      *item,
                                                 const char     *text);
void          stint_indicator_schedule_refresh  (StintIndicator *self);
char         *stint_indicator_describe_entry    (StintIndicator *self,
                                                 StintEntry     *entry);

/* stint-indicator-ticks.c: the label, the pomodoro and the goal */
void          stint_indicator_update_ticking    (StintIndicator *self);
void          stint_indicator_stop_ticking      (StintIndicator *self);
void          stint_indicator_watch_entries     (StintIndicator *self,
                                                 guint           position,
                                                 guint           n_items);

/* stint-indicator-status.c: the icon and the title */
void          stint_indicator_update_status     (StintIndicator *self);

/* For tests */
AppIndicator *stint_indicator_get_app_indicator (StintIndicator *self);
GtkMenu      *stint_indicator_get_menu          (StintIndicator *self);

G_END_DECLS
