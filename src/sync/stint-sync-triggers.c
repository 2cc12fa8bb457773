/* stint-sync-triggers.c: what wakes the sync besides the user's changes
 *
 * A refresh asked for (the window opening, when the cache is older than it
 * allows). The network coming back (GNetworkMonitor) sends what waited and
 * asks what changed; so does waking from suspend (logind's
 * PrepareForSleep(false) on the system bus; without a system bus there is
 * simply no such trigger).
 * Besides, a slow refresh runs while the sync is started and online: ten
 * minutes after the last pull, backing off to thirty while the pulls bring
 * nothing new. Each of these is a background refresh: the budget may say
 * no, and then it waits for the next occasion.
 *
 * The retry timer after failures is in stint-sync.c; besides it and the
 * slow refresh nothing ticks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sync"

#include "config.h"

#include "stint-sync-private.h"

#define LOGIND_NAME  "org.freedesktop.login1"
#define LOGIND_PATH  "/org/freedesktop/login1"
#define LOGIND_IFACE "org.freedesktop.login1.Manager"

/* Back from a lost network or from sleep: what waited for the network goes
 * now, without the backoff it built up meanwhile. A wait the server asked
 * for (quota, trouble on its side) still runs its course. */
static void
back_online (StintSync *self)
{
  if (self->retry_id != 0 && self->wait_reason == STINT_SYNC_FAILURE_OFFLINE)
    {
      stint_sync_cancel_retry (self);
      self->failures = 0;
      stint_sync_set_problem (self, NULL);
    }

  /* A network that flaps asks once. */
  if (self->last_pull == 0 ||
      stint_clock_now (self->clock) - self->last_pull >= STINT_SYNC_TRIGGER_MIN_AGE)
    {
      self->pull_wanted = TRUE;
      self->pull_priority = STINT_BUDGET_BACKGROUND;
    }
  stint_sync_schedule_poll (self);
  if (self->retry_id == 0)
    stint_sync_resume (self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    StintSync       *self)
{
  available = stint_sync_network_available (self);

  /* GNetworkMonitor repeats itself on any change of route. */
  if (!self->started || available == self->network_up)
    return;

  g_debug ("Network %s", available ? "available" : "gone");
  self->network_up = available;

  if (available)
    back_online (self);
  else
    stint_sync_schedule_poll (self);  /* that is: none while offline */

  stint_sync_settle_status (self);
}

/**
 * stint_sync_set_network_monitor:
 * @monitor: (nullable): what says whether the network is there; %NULL for
 *   "always" (tests). Without a call, start() uses the default monitor.
 */
void
stint_sync_set_network_monitor (StintSync       *self,
                                GNetworkMonitor *monitor)
{
  g_return_if_fail (STINT_IS_SYNC (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  if (monitor != NULL)
    g_signal_connect_object (monitor, "network-changed", G_CALLBACK (network_changed_cb), self, 0);
}

/**
 * stint_sync_notify_resumed:
 *
 * The computer woke from suspend: the network may be new, and the other
 * devices went on without us. What logind's PrepareForSleep(false) does
 * (stint_sync_set_system_bus()); callable by whoever else knows.
 */
void
stint_sync_notify_resumed (StintSync *self)
{
  g_return_if_fail (STINT_IS_SYNC (self));

  if (!self->started || self->status == STINT_SYNC_STATUS_SIGNED_OUT)
    return;

  g_debug ("Resumed from suspend");

  /* A backoff timer counted time asleep as time waited; start it over. */
  if (self->retry_id != 0 && self->wait_reason == STINT_SYNC_FAILURE_TRANSIENT)
    self->wait_reason = STINT_SYNC_FAILURE_OFFLINE;
  back_online (self);
}

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  StintSync *self = user_data;
  gboolean going_to_sleep = TRUE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (!going_to_sleep)
    stint_sync_notify_resumed (self);
}

static void
subscribe (StintSync *self)
{
  if (self->system_bus == NULL || self->sleep_subscription != 0)
    return;

  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (self->system_bus, LOGIND_NAME, LOGIND_IFACE,
                                        "PrepareForSleep", LOGIND_PATH, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, prepare_for_sleep_cb, self, NULL);
}

/**
 * stint_sync_set_system_bus:
 * @system_bus: (nullable): where logind announces sleep and resume; %NULL
 *   for no resume trigger. Without a call, start() looks the system bus up
 *   (and does without it when there is none).
 */
void
stint_sync_set_system_bus (StintSync       *self,
                           GDBusConnection *system_bus)
{
  g_return_if_fail (STINT_IS_SYNC (self));
  g_return_if_fail (system_bus == NULL || G_IS_DBUS_CONNECTION (system_bus));

  self->bus_chosen = TRUE;
  g_cancellable_cancel (self->bus_cancellable);
  g_clear_object (&self->bus_cancellable);

  if (self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_set_object (&self->system_bus, system_bus);

  if (self->started)
    subscribe (self);
}

static void
system_bus_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(StintSync) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);

  /* set_system_bus() or dispose came first. */
  if (self->bus_cancellable == NULL || g_cancellable_is_cancelled (self->bus_cancellable))
    return;

  g_clear_object (&self->bus_cancellable);
  if (bus == NULL)
    {
      /* A container or a session without logind: sync works all the same. */
      g_debug ("No system bus, so no resume trigger: %s", error->message);
      return;
    }

  g_set_object (&self->system_bus, bus);
  if (self->started)
    subscribe (self);
}

/**
 * stint_sync_refresh:
 *
 * Asks the server what changed, as soon as requests may go out and the
 * budget allows a refresh.
 */
void
stint_sync_refresh (StintSync *self)
{
  g_return_if_fail (STINT_IS_SYNC (self));

  if (!self->pull_wanted)
    self->pull_priority = STINT_BUDGET_BACKGROUND;
  self->pull_wanted = TRUE;
  if (self->started && !self->sending && !self->pulling)
    stint_sync_resume (self);
}

/**
 * stint_sync_refresh_if_stale:
 * @max_age_seconds: how old the last pull may be
 *
 * What opening the window calls: a refresh, unless the last one is younger
 * than @max_age_seconds.
 */
void
stint_sync_refresh_if_stale (StintSync *self,
                             guint      max_age_seconds)
{
  g_return_if_fail (STINT_IS_SYNC (self));

  if (self->last_pull != 0 &&
      stint_clock_now (self->clock) - self->last_pull < (gint64)max_age_seconds)
    return;

  stint_sync_refresh (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  StintSync *self = user_data;

  self->poll_id = 0;
  g_debug ("Time for the slow refresh");
  self->pull_wanted = TRUE;
  self->pull_priority = STINT_BUDGET_BACKGROUND;
  stint_sync_resume (self);

  /* Skipped by the budget: later. (Behind a request or a retry, the pull
   * stays wanted and comes after them.) */
  if (self->poll_id == 0 && !self->pulling && !self->pull_wanted)
    stint_sync_schedule_poll (self);

  return G_SOURCE_REMOVE;
}

/* The slow refresh, due @poll_interval after the last pull; none while
 * stopped, signed out or offline. */
void
stint_sync_schedule_poll (StintSync *self)
{
  gint64 now = stint_clock_now (self->clock);
  gint64 due;

  if (self->poll_id != 0)
    stint_clock_source_remove (self->clock, self->poll_id);
  self->poll_id = 0;

  /* A pending retry brings the refresh with it. */
  if (!self->started || self->status == STINT_SYNC_STATUS_SIGNED_OUT ||
      !stint_sync_network_available (self) || self->retry_id != 0)
    return;

  due = MAX ((self->last_pull != 0 ? self->last_pull : now) + self->poll_interval,
             MAX (self->poll_not_before, now + STINT_SYNC_POLL_MIN_SECONDS / 10));
  self->poll_id = stint_clock_timeout_add (self->clock, (due - now) * G_USEC_PER_SEC,
                                           poll_cb, self, NULL);
}

/* A pull went through: the next slow one comes sooner when this one
 * brought news, later when it did not. */
void
stint_sync_pulled (StintSync *self,
                   gboolean   changed)
{
  self->last_pull = stint_clock_now (self->clock);
  if (changed)
    self->poll_interval = STINT_SYNC_POLL_MIN_SECONDS;
  else
    self->poll_interval = MIN (self->poll_interval * 2, STINT_SYNC_POLL_MAX_SECONDS);

  stint_sync_schedule_poll (self);
}

void
stint_sync_triggers_start (StintSync *self)
{
  if (self->monitor == NULL)
    stint_sync_set_network_monitor (self, g_network_monitor_get_default ());
  self->network_up = stint_sync_network_available (self);

  if (!self->bus_chosen && self->system_bus == NULL && self->bus_cancellable == NULL)
    {
      self->bus_cancellable = g_cancellable_new ();
      g_bus_get (G_BUS_TYPE_SYSTEM, self->bus_cancellable, system_bus_cb, g_object_ref (self));
    }
  subscribe (self);
  stint_sync_schedule_poll (self);
}

void
stint_sync_triggers_stop (StintSync *self)
{
  if (self->poll_id != 0)
    stint_clock_source_remove (self->clock, self->poll_id);
  self->poll_id = 0;

  if (self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;

  g_cancellable_cancel (self->bus_cancellable);
  g_clear_object (&self->bus_cancellable);
}
