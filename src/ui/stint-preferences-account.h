/* stint-preferences-account.h: the Account page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "app/stint-sign-in.h"
#include "store/stint-store.h"
#include "sync/stint-sync.h"
#include "util/stint-clock.h"

G_BEGIN_DECLS

#define STINT_TYPE_PREFERENCES_ACCOUNT (stint_preferences_account_get_type ())
G_DECLARE_FINAL_TYPE (StintPreferencesAccount, stint_preferences_account,
                      STINT, PREFERENCES_ACCOUNT, GtkBox)

void stint_preferences_account_bind               (StintPreferencesAccount *self,
                                                   GSettings               *settings,
                                                   StintSignIn             *sign_in);
void stint_preferences_account_set_problem        (StintPreferencesAccount *self,
                                                   const char              *problem);
void stint_preferences_account_set_store          (StintPreferencesAccount *self,
                                                   StintStore              *store);
void stint_preferences_account_set_sync           (StintPreferencesAccount *self,
                                                   StintSync               *sync);
void stint_preferences_account_set_clock          (StintPreferencesAccount *self,
                                                   StintClock              *clock);
void stint_preferences_account_set_proxy_resolver (StintPreferencesAccount *self,
                                                   GProxyResolver          *resolver);
void stint_preferences_account_choose_kind        (StintPreferencesAccount *self,
                                                   const char              *kind);

G_END_DECLS
