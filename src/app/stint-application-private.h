/* stint-application-private.h: shared between the application's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-application.h"
#include "stint-autostart.h"
#include "stint-sign-in.h"
#include "api/stint-backend.h"
#include "api/stint-http.h"
#include "core/stint-nudges.h"
#include "core/stint-tracker.h"
#include "desktop/stint-idle-monitor.h"
#include "desktop/stint-notifier.h"
#include "desktop/stint-shortcuts.h"
#include "desktop/stint-sleep-monitor.h"
#include "sync/stint-sync.h"
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
  GtkWindow       *preferences;

  /* The connected account (stint-application-account.c): all NULL in local
   * mode and while the token is being looked up. */
  StintHttp       *http;
  StintBackend    *backend;
  StintSync       *sync;
  StintSignIn     *sign_in;             /* kept while Preferences may use it */
  GCancellable    *account_cancellable;
  guint            follow_idle_id;
  char            *account_problem;     /* a sentence for tray and window, or NULL */

  /* Nudges and the desktop (stint-application-nudges.c): all NULL when
   * the database is unusable. */
  StintNudges       *nudges;
  StintNotifier     *notifier;
  StintSleepMonitor *sleep_monitor;
  StintIdleMonitor  *idle_monitor;
  StintShortcuts    *shortcuts;
  StintAutostart    *autostart;

  /* The default activation of a launch that only ran a command line verb
   * (--toggle, --start…) must not open the window. */
  gboolean         quiet_activate;

  /* Account and nudges are set up once the tray is up (startup_rest_id),
   * or sooner when something needs them (stint_application_finish_startup). */
  guint            startup_rest_id;
  gboolean         started;
};

void stint_application_init_actions  (StintApplication *self);
void stint_application_update_actions (StintApplication *self);
void stint_application_show_window   (StintApplication *self);
void stint_application_finish_startup (StintApplication *self);
void stint_application_report_error  (StintApplication *self,
                                      const char       *summary,
                                      const GError     *error);

void stint_application_init_account     (StintApplication *self);
void stint_application_shutdown_account (StintApplication *self);
void stint_application_refresh          (StintApplication *self);
void stint_application_follow_account   (StintApplication *self);
void stint_application_show_preferences (StintApplication *self);
const char *stint_application_get_account_problem (StintApplication *self);

gboolean stint_application_wants_welcome            (StintApplication *self);
void     stint_application_show_preferences_account (StintApplication *self,
                                                     const char       *kind);

void stint_application_add_nudges_actions (StintApplication *self);
void stint_application_init_nudges     (StintApplication *self);
void stint_application_shutdown_nudges (StintApplication *self);

/* stint-application-options.c: the options every launch reads, and the
 * GApplication::handle-local-options of the class */
void stint_application_add_options          (StintApplication *self);
int  stint_application_handle_local_options (GApplication     *app,
                                             GVariantDict     *options);

void     stint_application_explain_start         (const char       *text);
gboolean stint_application_wants_account_command (GVariantDict     *options);
int      stint_application_run_account_command   (StintApplication *self,
                                                  GVariantDict     *options);

G_END_DECLS
