/* stint-indicator-status.c: the tray icon and title
 *
 * The title (a tooltip on most panels) names the running entry, unless
 * something about the account matters more, in this order: a problem the
 * user must act on (signed out, changes Toggl refused), being offline
 * (StintSync's status, which follows GNetworkMonitor and its own failed
 * requests), changes held back (the server asked us to wait). Changes that
 * are on their way right now are no news: they are gone in a moment.
 *
 * The icon says tracking or not, as always; while changes cannot reach the
 * account (offline, or a problem) a crossed-out variant of each says so, so
 * a running timer stays visible even then, also with no label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-indicator-private.h"

/* The title, and whether changes are cut off from the account. */
static char *
compose_title (StintIndicator *self,
               const char     *what,
               gboolean       *cut_off)
{
  StintSyncStatus status = STINT_SYNC_STATUS_IDLE;
  guint pending = 0, failed = 0;

  *cut_off = TRUE;
  if (self->problem != NULL)
    return g_strdup (self->problem);

  if (self->sync != NULL)
    {
      status = stint_sync_get_status (self->sync);
      pending = stint_sync_get_pending (self->sync);
      failed = stint_sync_get_failed (self->sync);
    }

  if (status == STINT_SYNC_STATUS_SIGNED_OUT)
    return g_strdup (stint_sync_get_message (self->sync));

  if (failed > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u change could not be synced — open Stint to see why",
                                         "%u changes could not be synced — open Stint to see why",
                                         failed),
                            failed);

  if (status == STINT_SYNC_STATUS_OFFLINE)
    {
      if (pending > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Offline — %u change waiting to sync",
                                             "Offline — %u changes waiting to sync",
                                             pending),
                                pending);
      if (what != NULL)
        /* Translators: the running entry (description — project), while
         * there is no network */
        return g_strdup_printf (_("%s (offline)"), what);
      return g_strdup (_("Stint — offline"));
    }

  *cut_off = FALSE;
  if (status == STINT_SYNC_STATUS_WAITING && pending > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u change waiting to sync",
                                         "%u changes waiting to sync", pending),
                            pending);

  if (what != NULL)
    return g_strdup (what);

  return g_strdup (_("Stint — not tracking"));
}

void
stint_indicator_update_status (StintIndicator *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  g_autofree char *what = NULL;
  g_autofree char *title = NULL;
  gboolean cut_off;

  if (running != NULL)
    what = stint_indicator_describe_entry (self, running);
  title = compose_title (self, what, &cut_off);

  if (running != NULL && cut_off)
    app_indicator_set_icon_full (self->indicator, STINT_INDICATOR_ICON_TRACKING_OFFLINE,
                                 _("Tracking; changes are not syncing"));
  else if (running != NULL)
    app_indicator_set_icon_full (self->indicator, STINT_INDICATOR_ICON_TRACKING,
                                 C_("tray icon status", "Tracking"));
  else if (cut_off)
    app_indicator_set_icon_full (self->indicator, STINT_INDICATOR_ICON_OFFLINE,
                                 _("Not tracking; changes are not syncing"));
  else
    app_indicator_set_icon_full (self->indicator, STINT_INDICATOR_ICON_IDLE, _("Not tracking"));

  app_indicator_set_title (self->indicator, title);
}

/**
 * stint_indicator_set_sync:
 * @sync: (nullable): the account's sync, whose state the title and icon
 *   show; %NULL in local mode
 */
void
stint_indicator_set_sync (StintIndicator *self,
                          StintSync      *sync)
{
  g_return_if_fail (STINT_IS_INDICATOR (self));
  g_return_if_fail (sync == NULL || STINT_IS_SYNC (sync));

  if (self->sync == sync)
    return;

  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_set_object (&self->sync, sync);

  if (sync != NULL)
    {
      g_signal_connect_object (sync, "notify::status",
                               G_CALLBACK (stint_indicator_update_status), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "notify::pending",
                               G_CALLBACK (stint_indicator_update_status), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "notify::failed",
                               G_CALLBACK (stint_indicator_update_status), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "notify::message",
                               G_CALLBACK (stint_indicator_update_status), self, G_CONNECT_SWAPPED);
    }

  stint_indicator_update_status (self);
}
