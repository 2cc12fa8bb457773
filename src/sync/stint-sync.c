/* stint-sync.c: sends the outbox to the service and brings its changes home
 *
 * A first, simple engine. It pulls once when started (stint-sync-pull.c), then
 * drains the outbox one request at a time, in the order the user acted
 * (stint-sync-push.c). The state the UI sees and what a failure means are in
 * stint-sync-state.c. This file holds the object, its lifecycle, and what
 * wakes it: the store queuing a change, the retry timer, the network coming
 * back. Nothing ticks while nothing is pending or scheduled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sync"

#include "config.h"

#include "stint-sync-private.h"

enum {
  SIGNAL_ENTRIES_CHANGED,
  SIGNAL_PROJECTS_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (StintSync, stint_sync, G_TYPE_OBJECT)

GParamSpec *stint_sync_properties[STINT_SYNC_N_PROPS];
static guint signals[N_SIGNALS];

/* Without a monitor (tests that do not care), the network is always there. */
gboolean
stint_sync_network_available (StintSync *self)
{
  return self->monitor == NULL || g_network_monitor_get_network_available (self->monitor);
}

void
stint_sync_cancel_retry (StintSync *self)
{
  if (self->retry_id != 0)
    stint_clock_source_remove (self->clock, self->retry_id);
  self->retry_id = 0;
}

static gboolean
retry_cb (gpointer user_data)
{
  StintSync *self = user_data;

  self->retry_id = 0;
  g_debug ("Trying again");
  stint_sync_resume (self);

  return G_SOURCE_REMOVE;
}

/* One timer at most: the next attempt after a failure. */
void
stint_sync_schedule_retry (StintSync *self,
                           gint64     delay_seconds)
{
  stint_sync_cancel_retry (self);
  self->retry_id = stint_clock_timeout_add (self->clock, MAX (delay_seconds, 1) * G_USEC_PER_SEC,
                                            retry_cb, self, NULL);
}

static gboolean
push_idle_cb (gpointer user_data)
{
  StintSync *self = user_data;

  self->push_idle_id = 0;
  stint_sync_resume (self);

  return G_SOURCE_REMOVE;
}

/* Not in the handler itself: the store emits right after a commit, while the
 * tracker may still be updating the screen for the same change. */
static void
queue_push (StintSync *self)
{
  if (self->push_idle_id == 0)
    self->push_idle_id = g_idle_add (push_idle_cb, self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    StintSync       *self)
{
  if (!self->started)
    return;

  g_debug ("Network %s", available ? "available" : "gone");

  if (available)
    {
      /* Back online: what waited for the network goes now, without the
       * backoff it built up while offline. A wait the server asked for
       * (quota, trouble on its side) still runs its course. */
      if (self->retry_id != 0 && self->wait_reason == STINT_SYNC_FAILURE_OFFLINE)
        {
          stint_sync_cancel_retry (self);
          self->failures = 0;
          stint_sync_set_problem (self, NULL);
        }
      if (self->retry_id == 0)
        stint_sync_resume (self);
    }

  stint_sync_settle_status (self);
}

static void
response_cb (StintBackend       *backend,
             const char         *bucket,
             const StintApiMeta *meta,
             StintSync          *self)
{
  if (meta != NULL)
    self->last_meta = *meta;
}

static void
stint_sync_dispose (GObject *object)
{
  StintSync *self = (StintSync *)object;

  g_cancellable_cancel (self->cancellable);
  stint_sync_cancel_retry (self);
  g_clear_handle_id (&self->push_idle_id, g_source_remove);

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->backend);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (stint_sync_parent_class)->dispose (object);
}

static void
stint_sync_finalize (GObject *object)
{
  StintSync *self = (StintSync *)object;

  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->failed_message, g_free);

  G_OBJECT_CLASS (stint_sync_parent_class)->finalize (object);
}

static void
stint_sync_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  StintSync *self = STINT_SYNC (object);

  switch (prop_id)
    {
    case STINT_SYNC_PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case STINT_SYNC_PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case STINT_SYNC_PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    case STINT_SYNC_PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_sync_class_init (StintSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stint_sync_dispose;
  object_class->finalize = stint_sync_finalize;
  object_class->get_property = stint_sync_get_property;

  stint_sync_properties[STINT_SYNC_PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, STINT_TYPE_SYNC_STATUS, STINT_SYNC_STATUS_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  stint_sync_properties[STINT_SYNC_PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  stint_sync_properties[STINT_SYNC_PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  stint_sync_properties[STINT_SYNC_PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, STINT_SYNC_N_PROPS, stint_sync_properties);

  signals[SIGNAL_ENTRIES_CHANGED] =
    g_signal_new ("entries-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);
  signals[SIGNAL_PROJECTS_CHANGED] =
    g_signal_new ("projects-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
stint_sync_init (StintSync *self)
{
  self->cancellable = g_cancellable_new ();
  stint_api_meta_init (&self->last_meta);
}

/* Shared with the other stint-sync*.c files */

/* Carries on with what is due: a pull first when one is wanted, then the
 * outbox. */
void
stint_sync_resume (StintSync *self)
{
  if (self->started && self->pull_wanted)
    stint_sync_pull (self);
  if (!self->pulling)
    stint_sync_drain (self);
}

void
stint_sync_emit_entries_changed (StintSync    *self,
                                 const gint64 *ids,
                                 guint         n_ids)
{
  if (n_ids > 0)
    g_signal_emit (self, signals[SIGNAL_ENTRIES_CHANGED], 0, ids, n_ids);
}

void
stint_sync_emit_projects_changed (StintSync *self)
{
  g_signal_emit (self, signals[SIGNAL_PROJECTS_CHANGED], 0);
}

/* Where the server time of the last pull is kept, per account. */
char *
stint_sync_since_key (StintSync *self)
{
  return stint_store_account_meta_key (stint_store_get_account (self->store), "since");
}

/* Public API */

/**
 * stint_sync_new:
 * @store: the store, on the account @backend signs in to
 * @workspace_id: where new entries go (the server's id)
 *
 * Returns: (transfer full): a sync that does nothing until started
 */
StintSync *
stint_sync_new (StintStore   *store,
                StintBackend *backend,
                StintClock   *clock,
                gint64        workspace_id)
{
  StintSync *self;
  g_autofree char *key = NULL;
  g_autofree char *since = NULL;

  g_return_val_if_fail (STINT_IS_STORE (store), NULL);
  g_return_val_if_fail (STINT_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (STINT_IS_CLOCK (clock), NULL);

  self = g_object_new (STINT_TYPE_SYNC, NULL);
  self->store = g_object_ref (store);
  self->backend = g_object_ref (backend);
  self->clock = g_object_ref (clock);
  self->workspace_id = workspace_id;

  key = stint_sync_since_key (self);
  since = stint_store_get_meta (store, key);
  if (since != NULL)
    self->last_sync = g_ascii_strtoll (since, NULL, 10);

  g_signal_connect_object (store, "outbox-changed", G_CALLBACK (queue_push), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (backend, "response", G_CALLBACK (response_cb), self, 0);

  /* The counts, before anything is sent. */
  stint_sync_drain (self);

  return self;
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
 * stint_sync_start:
 *
 * Pulls once (projects, tags, the running entry, changes since the last
 * pull), then sends what waits in the outbox, and goes on sending what the
 * user changes. Starting again after stint_sync_stop(), or after the
 * server refused the sign-in, starts over.
 */
void
stint_sync_start (StintSync *self)
{
  g_return_if_fail (STINT_IS_SYNC (self));

  if (self->monitor == NULL)
    stint_sync_set_network_monitor (self, g_network_monitor_get_default ());

  if (self->started && self->status != STINT_SYNC_STATUS_SIGNED_OUT)
    return;

  g_debug ("Starting on %s", stint_store_get_account (self->store));

  self->started = TRUE;
  self->pull_wanted = TRUE;
  self->account_fetched = FALSE;
  self->failures = 0;
  stint_sync_set_problem (self, NULL);
  stint_sync_set_status (self, STINT_SYNC_STATUS_IDLE);

  stint_sync_resume (self);
}

/**
 * stint_sync_stop:
 *
 * Cancels what is under way and every timer. The outbox stays, for the
 * next start.
 */
void
stint_sync_stop (StintSync *self)
{
  g_return_if_fail (STINT_IS_SYNC (self));

  g_debug ("Stopping");

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  stint_sync_cancel_retry (self);
  g_clear_handle_id (&self->push_idle_id, g_source_remove);

  self->started = FALSE;
  self->sending = FALSE;
  self->pulling = FALSE;

  stint_sync_settle_status (self);
}

/**
 * stint_sync_refresh:
 *
 * Asks the server what changed, as soon as requests may go out.
 */
void
stint_sync_refresh (StintSync *self)
{
  g_return_if_fail (STINT_IS_SYNC (self));

  self->pull_wanted = TRUE;
  if (self->started && !self->sending && !self->pulling)
    stint_sync_resume (self);
}

/**
 * stint_sync_push:
 *
 * Sends what waits in the outbox, as soon as requests may go out. The store's
 * StintStore::outbox-changed does this by itself.
 */
void
stint_sync_push (StintSync *self)
{
  g_return_if_fail (STINT_IS_SYNC (self));

  queue_push (self);
}

StintSyncStatus
stint_sync_get_status (StintSync *self)
{
  g_return_val_if_fail (STINT_IS_SYNC (self), STINT_SYNC_STATUS_IDLE);
  return self->status;
}

/* A sentence for the UI about the state of sync. */
const char *
stint_sync_get_message (StintSync *self)
{
  g_return_val_if_fail (STINT_IS_SYNC (self), NULL);
  return self->message;
}

/* Changes waiting to be sent; those the server refused are not counted. */
guint
stint_sync_get_pending (StintSync *self)
{
  g_return_val_if_fail (STINT_IS_SYNC (self), 0);
  return self->pending;
}

/* Unix seconds of the last request that went through (or of the last pull,
 * from an earlier run); 0 for never. */
gint64
stint_sync_get_last_sync (StintSync *self)
{
  g_return_val_if_fail (STINT_IS_SYNC (self), 0);
  return self->last_sync;
}
