/* stint-application-private.h: shared between the application's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-application.h"
#include "core/stint-tracker.h"
#include "ui/stint-indicator.h"

G_BEGIN_DECLS

struct _StintApplication
{
  GtkApplication   parent_instance;

  GSettings       *settings;
  StintClock      *clock;
  StintStore      *store;
  StintTracker    *tracker;
  StintIndicator  *indicator;
  GtkWindow       *window;

  /* The default activation of a launch that only ran a command line verb
   * (--toggle, --start…) must not open the window. */
  gboolean         quiet_activate;
};

void stint_application_init_actions  (StintApplication *self);
void stint_application_update_actions (StintApplication *self);
void stint_application_show_window   (StintApplication *self);
void stint_application_report_error  (StintApplication *self,
                                      const char       *summary,
                                      const GError     *error);

G_END_DECLS
