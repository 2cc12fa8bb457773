/* stint-application-welcome.c: the first run, and connecting an account
 * from it
 *
 * A new user finds Stint tracking on this computer; the window's welcome
 * says so and offers to connect Toggl Track or Toggl Focus instead, which
 * opens Preferences on the Account page. The welcome is for a first run
 * only: signed in, or with entries already in the store, there is nothing
 * to welcome anyone to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-application-welcome"

#include "config.h"

#include "stint-application-private.h"
#include "ui/stint-preferences-window.h"

/**
 * stint_application_wants_welcome:
 *
 * Returns: whether a window opened now should show the first-run welcome
 */
gboolean
stint_application_wants_welcome (StintApplication *self)
{
  g_autofree char *kind = NULL;

  g_return_val_if_fail (STINT_IS_APPLICATION (self), FALSE);

  if (self->store == NULL || g_settings_get_boolean (self->settings, "welcome-shown"))
    return FALSE;

  kind = g_settings_get_string (self->settings, "account-kind");
  if (!g_str_equal (kind, "local"))
    return FALSE;

  /* Entries from before the welcome existed: the first run is long past.
   * Remember it, so later windows skip the count. */
  if (stint_store_count_account_entries (self->store, STINT_STORE_LOCAL_ACCOUNT) > 0)
    {
      g_settings_set_boolean (self->settings, "welcome-shown", TRUE);
      return FALSE;
    }

  return TRUE;
}

/**
 * stint_application_show_preferences_account:
 * @kind: the account to connect: "track" or "focus" (anything else shows
 *   what "On this computer only" means)
 *
 * Preferences, on the Account page, with the sign-in form of @kind in view;
 * nothing changes until the user signs in there.
 */
void
stint_application_show_preferences_account (StintApplication *self,
                                            const char       *kind)
{
  g_return_if_fail (STINT_IS_APPLICATION (self));
  g_return_if_fail (kind != NULL);

  g_debug ("Preferences, to connect %s", kind);
  stint_application_show_preferences (self);
  stint_preferences_window_show_account (STINT_PREFERENCES_WINDOW (self->preferences), kind);
}
