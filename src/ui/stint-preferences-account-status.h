/* stint-preferences-account-status.h: requests left this hour, and the last sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sync/stint-sync.h"
#include "util/stint-clock.h"

G_BEGIN_DECLS

#define STINT_TYPE_PREFERENCES_ACCOUNT_STATUS (stint_preferences_account_status_get_type ())
G_DECLARE_FINAL_TYPE (StintPreferencesAccountStatus, stint_preferences_account_status,
                      STINT, PREFERENCES_ACCOUNT_STATUS, GtkBox)

void        stint_preferences_account_status_set_sync   (StintPreferencesAccountStatus *self,
                                                         StintSync                     *sync);
void        stint_preferences_account_status_set_clock  (StintPreferencesAccountStatus *self,
                                                         StintClock                    *clock);
const char *stint_preferences_account_status_get_requests_text
                                                        (StintPreferencesAccountStatus *self);
const char *stint_preferences_account_status_get_last_sync_text
                                                        (StintPreferencesAccountStatus *self);

char       *stint_preferences_account_status_describe_last_sync (gint64 last_sync,
                                                                 gint64 now);

G_END_DECLS
