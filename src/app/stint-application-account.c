/* stint-application-account.c: the running Stint follows the account settings
 *
 * GSettings says where entries go (`account-kind` and the track-* or
 * focus-* keys); `stint --sign-in` in another process and the Preferences
 * window in this one only write them. Whenever they change, and at startup,
 * the running Stint drops its backend and sync, points the store at the
 * account's data, and for Toggl Track or Toggl Focus looks the token up in
 * the keyring and starts a new sync. Without a token, or with one the server
 * refuses, it keeps working: changes wait in the account's outbox and the
 * tray and window say how to sign in again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-application-account"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-application-private.h"
#include "core/stint-status.h"
#include "api/stint-focus-backend.h"
#include "api/stint-track-backend.h"
#include "desktop/stint-secret.h"
#include "ui/stint-preferences-window.h"
#include "ui/stint-window.h"

/* Leaves a note for `stint --status`, which reads the store, not us. */
static void
write_status_meta (StintApplication *self,
                   const char       *name,
                   const char       *value)
{
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  key = stint_store_account_meta_key (stint_store_get_account (self->store), name);
  if (!stint_store_set_meta (self->store, key, value != NULL ? value : "", &error))
    g_message ("Could not note the sync state for stint --status: %s", error->message);
}

static void
set_problem (StintApplication *self,
             const char       *problem)
{
  if (g_strcmp0 (self->account_problem, problem) == 0)
    return;

  g_free (self->account_problem);
  self->account_problem = g_strdup (problem);
  write_status_meta (self, STINT_STATUS_META_PROBLEM, problem);

  if (self->indicator != NULL)
    stint_indicator_set_problem (self->indicator, problem);
  if (self->window != NULL)
    stint_window_set_account_problem (STINT_WINDOW (self->window), problem);
  if (self->preferences != NULL)
    stint_preferences_window_set_account_problem (STINT_PREFERENCES_WINDOW (self->preferences),
                                                  problem);
}

static gboolean
is_focus (StintApplication *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "account-kind");

  return g_str_equal (kind, STINT_SIGN_IN_KIND_FOCUS);
}

static void
set_signed_out (StintApplication *self)
{
  if (is_focus (self))
    set_problem (self, _("Signed out of Toggl Focus — sign in again in Preferences"));
  else
    set_problem (self, _("Signed out of Toggl Track — sign in again in Preferences"));
}

/* The server refused the token. A Focus key expires on a date chosen when
 * it was made: the way out is a new key, not a password. */
static void
set_refused (StintApplication *self)
{
  if (is_focus (self))
    set_problem (self, _("Toggl Focus no longer accepts the API key — it may have expired; create "
                         "a new one and sign in again in Preferences"));
  else
    set_signed_out (self);
}

static void
disconnect_account (StintApplication *self)
{
  g_cancellable_cancel (self->account_cancellable);
  g_clear_object (&self->account_cancellable);

  if (self->sync != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync, self);
      stint_sync_stop (self->sync);
      g_clear_object (&self->sync);
      g_object_notify (G_OBJECT (self), "sync");
    }
  g_clear_object (&self->backend);
  g_clear_object (&self->http);
}

/* Shows @account's data and queues changes for it (or not, in local mode). */
static void
use_account (StintApplication *self,
             const char       *account,
             gboolean          queue_changes)
{
  g_autoptr(GError) error = NULL;
  /* At start-up, the tracker was loaded with this account's data. */
  gboolean same = g_strcmp0 (stint_store_get_account (self->store), account) == 0;

  g_debug ("Showing the data of %s", account);

  if (!stint_store_set_account (self->store, account, &error))
    {
      stint_application_report_error (self, _("Stint could not switch accounts"), error);
      return;
    }

  stint_tracker_set_sync_enabled (self->tracker, queue_changes);
  if (!same && !stint_tracker_reload (self->tracker, &error))
    stint_application_report_error (self, _("Stint could not switch accounts"), error);
}

static void
on_entries_changed (StintSync    *sync,
                    const gint64 *ids,
                    guint         n_ids,
                    gpointer      user_data)
{
  StintApplication *self = user_data;

  stint_tracker_reload_entries (self->tracker, ids, n_ids);
}

static void
on_projects_changed (StintApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (!stint_tracker_reload (self->tracker, &error))
    g_message ("Could not show the projects the server sent: %s", error->message);
}

static void
on_sync_message (StintApplication *self)
{
  write_status_meta (self, STINT_STATUS_META_SYNC, stint_sync_get_message (self->sync));
}

/* The server refusing the token leaves the user where having none does:
 * changes wait until they sign in again. */
static void
on_sync_status (StintApplication *self)
{
  if (stint_sync_get_status (self->sync) == STINT_SYNC_STATUS_SIGNED_OUT)
    set_refused (self);
  else
    set_problem (self, NULL);
}

static void
token_found_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StintApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  gboolean focus = is_focus (self);
  gint64 workspace_id;
  char *token;

  token = stint_secret_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (token == NULL)
    {
      if (error != NULL)
        g_message ("No %s token: %s", focus ? "Toggl Focus" : "Toggl Track", error->message);
      else
        g_message ("No %s token in the keyring", focus ? "Toggl Focus" : "Toggl Track");
      set_signed_out (self);
      return;
    }

  base_url = g_settings_get_string (self->settings, focus ? "focus-base-url" : "track-base-url");
  workspace_id = g_settings_get_int64 (self->settings,
                                       focus ? "focus-workspace-id" : "track-workspace-id");
  self->http = stint_http_new (self->clock);
  if (!stint_http_set_base_url (self->http, base_url, &error))
    {
      stint_secret_free (token);
      g_clear_object (&self->http);
      set_problem (self, error->message);
      return;
    }
  stint_http_set_auth (self->http, focus ? STINT_HTTP_AUTH_BEARER : STINT_HTTP_AUTH_TRACK_TOKEN,
                       token);
  stint_secret_free (token);

  if (focus)
    {
      gint64 organization_id = g_settings_get_int64 (self->settings, "focus-organization-id");
      g_autofree char *organization = g_strdup_printf ("%" G_GINT64_FORMAT, organization_id);

      /* follow_settings() saw both ids positive. */
      self->backend = STINT_BACKEND (stint_focus_backend_new (self->http, organization,
                                                              workspace_id));
    }
  else
    self->backend = STINT_BACKEND (stint_track_backend_new (self->http));
  self->sync = stint_sync_new (self->store, self->backend, self->clock, workspace_id);
  g_signal_connect_object (self->sync, "entries-changed",
                           G_CALLBACK (on_entries_changed), self, 0);
  g_signal_connect_object (self->sync, "projects-changed",
                           G_CALLBACK (on_projects_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::status",
                           G_CALLBACK (on_sync_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::message",
                           G_CALLBACK (on_sync_message), self, G_CONNECT_SWAPPED);
  on_sync_message (self);

  set_problem (self, NULL);
  g_debug ("Connected to %s", focus ? "Toggl Focus" : "Toggl Track");
  stint_sync_start (self->sync);
  g_object_notify (G_OBJECT (self), "sync");
}

static gboolean
follow_settings (gpointer user_data)
{
  StintApplication *self = user_data;
  g_autofree char *account = stint_sign_in_settings_account (self->settings);
  gboolean focus = is_focus (self);
  g_autofree char *base_url = g_settings_get_string (self->settings,
                                                     focus ? "focus-base-url" : "track-base-url");

  self->follow_idle_id = 0;
  disconnect_account (self);

  if (g_strcmp0 (account, STINT_STORE_LOCAL_ACCOUNT) == 0)
    {
      use_account (self, STINT_STORE_LOCAL_ACCOUNT, FALSE);
      set_problem (self, NULL);
      return G_SOURCE_REMOVE;
    }

  if (account == NULL)
    {
      /* Settings edited by hand: there is no account to show. */
      use_account (self, STINT_STORE_LOCAL_ACCOUNT, FALSE);
      set_signed_out (self);
      return G_SOURCE_REMOVE;
    }

  /* The account's data shows at once, and what the user does meanwhile
   * queues in its outbox; the sync starts when the keyring answers. */
  use_account (self, account, TRUE);

  self->account_cancellable = g_cancellable_new ();
  stint_secret_lookup_async (focus ? STINT_SECRET_KIND_FOCUS : STINT_SECRET_KIND_TRACK, base_url,
                             self->account_cancellable, token_found_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* One sign-in writes several keys; follow them all at once. */
static void
schedule_follow (StintApplication *self)
{
  if (self->follow_idle_id == 0)
    self->follow_idle_id = g_idle_add (follow_settings, self);
}

/**
 * stint_application_follow_account:
 *
 * Reads the account settings and the keyring again. A sign-in to the
 * account already named (a new token, entries to upload) changes no
 * setting, so whoever signed in says so.
 */
void
stint_application_follow_account (StintApplication *self)
{
  g_return_if_fail (STINT_IS_APPLICATION (self));

  if (self->tracker != NULL)
    schedule_follow (self);
}

void
stint_application_init_account (StintApplication *self)
{
  static const char * const keys[] = {
    "changed::account-kind",
    "changed::track-base-url",
    "changed::track-user-id",
    "changed::track-workspace-id",
    "changed::focus-base-url",
    "changed::focus-organization-id",
    "changed::focus-workspace-id",
  };

  g_return_if_fail (STINT_IS_APPLICATION (self));
  g_return_if_fail (self->tracker != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_signal_connect_object (self->settings, keys[i], G_CALLBACK (schedule_follow), self,
                             G_CONNECT_SWAPPED);

  /* At startup too, so the store shows the account the settings name. */
  follow_settings (self);
}

void
stint_application_shutdown_account (StintApplication *self)
{
  g_return_if_fail (STINT_IS_APPLICATION (self));

  g_clear_handle_id (&self->follow_idle_id, g_source_remove);
  disconnect_account (self);
  g_clear_object (&self->sign_in);
  g_clear_pointer (&self->account_problem, g_free);
}

/* The window opened: a good moment to look for changes made elsewhere
 * (StintSync decides whether the cache is old enough to ask). */
void
stint_application_refresh (StintApplication *self)
{
  g_return_if_fail (STINT_IS_APPLICATION (self));

  if (self->sync != NULL)
    stint_sync_refresh_if_stale (self->sync, 300);
}

void
stint_application_show_preferences (StintApplication *self)
{
  g_return_if_fail (STINT_IS_APPLICATION (self));

  /* Preferences show the account, shortcuts and autostart. */
  stint_application_finish_startup (self);

  if (self->preferences == NULL)
    {
      /* Kept across windows: what the last check found (the workspaces)
       * still helps when Preferences opens again. */
      if (self->sign_in == NULL)
        {
          self->sign_in = stint_sign_in_new (self->settings, self->store, self->clock);
          g_signal_connect_object (self->sign_in, "committed",
                                   G_CALLBACK (stint_application_follow_account), self,
                                   G_CONNECT_SWAPPED);
        }

      self->preferences = GTK_WINDOW (stint_preferences_window_new (GTK_APPLICATION (self),
                                                                    self->settings,
                                                                    self->sign_in));
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *)&self->preferences);
      stint_preferences_window_set_account_problem (STINT_PREFERENCES_WINDOW (self->preferences),
                                                    self->account_problem);
      stint_preferences_window_set_desktop (STINT_PREFERENCES_WINDOW (self->preferences),
                                            self->idle_monitor, self->shortcuts, self->autostart);
    }

  gtk_window_present (self->preferences);
}

/* For new windows: what they must say about the account. */
const char *
stint_application_get_account_problem (StintApplication *self)
{
  g_return_val_if_fail (STINT_IS_APPLICATION (self), NULL);

  return self->account_problem;
}
