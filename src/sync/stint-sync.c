/* stint-sync.c: sends the outbox to the service and brings its changes home
 *
 * The engine pulls when started (stint-sync-pull.c), then drains the outbox
 * one request at a time, in the order the user acted, each entry's
 * operations coalesced into one request (stint-sync-plan.c,
 * stint-sync-push.c). A create that may have reached the server is looked up
 * before it is sent again (stint-sync-lookup.c); refused changes wait for
 * the user to retry or discard them (stint-sync-failed.c). The state the UI
 * sees and what a failure means are in stint-sync-state.c; what wakes the
 * engine besides the user (network, resume, the slow refresh) is in
 * stint-sync-triggers.c.
 *
 * This file holds the object, its lifecycle, and the one door every request
 * goes through: StintBudget is asked first, and counts the reply.
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
  delay_seconds = MAX (delay_seconds, 1);
  self->retry_at = stint_clock_now (self->clock) + delay_seconds;
  self->retry_id = stint_clock_timeout_add (self->clock, delay_seconds * G_USEC_PER_SEC,
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
void
stint_sync_queue_push (StintSync *self)
{
  if (self->push_idle_id == 0)
    self->push_idle_id = g_idle_add (push_idle_cb, self);
}

/* Where the budget is kept between runs: the quota outlives a restart. */
static void
save_budget (StintSync *self)
{
  g_autofree char *key = stint_sync_meta_key (self, "budget");
  g_autofree char *saved = stint_budget_save (self->budget);
  g_autoptr(GError) error = NULL;

  if (!stint_store_set_meta (self->store, key, saved, &error))
    g_debug ("Saving the request budget: %s", error->message);
}

static void
response_cb (StintBackend       *backend,
             const char         *bucket,
             const StintApiMeta *meta,
             StintSync          *self)
{
  if (meta != NULL)
    self->last_meta = *meta;

  /* The first reply of an operation tells its bucket (a stop that meets a
   * 409 reads the entry back elsewhere). */
  if (self->request_kind != NULL && !self->request_answered)
    g_hash_table_replace (self->buckets, (gpointer)self->request_kind,
                          (gpointer)g_intern_string (bucket));
  self->request_answered = TRUE;

  stint_budget_record (self->budget, bucket, meta, self->request_priority);
  save_budget (self);
}

static void
budget_left_cb (StintSync *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), stint_sync_properties[STINT_SYNC_PROP_REQUESTS_LEFT]);
}

/* The bucket a request of @kind counts in, as far as the replies told. */
const char *
stint_sync_bucket_for (StintSync  *self,
                       const char *kind)
{
  const char *bucket = g_hash_table_lookup (self->buckets, kind);

  if (bucket != NULL)
    return bucket;

  /* Until a reply says otherwise: Track reads what changed under /me… and
   * writes entries under /workspaces/…. */
  if (g_str_equal (kind, STINT_SYNC_REQUEST_CREATE) || g_str_equal (kind, STINT_SYNC_REQUEST_UPDATE) ||
      g_str_equal (kind, STINT_SYNC_REQUEST_STOP) || g_str_equal (kind, STINT_SYNC_REQUEST_DELETE))
    return STINT_BUDGET_BUCKET_WORKSPACE;
  return STINT_BUDGET_BUCKET_USER;
}

/**
 * stint_sync_may_request:
 *
 * Asks the budget whether a request of @kind may go now. A user's change
 * that may not waits for the budget (a timer, and the status says why); a
 * background refresh is simply not made.
 */
gboolean
stint_sync_may_request (StintSync           *self,
                        const char          *kind,
                        StintBudgetPriority  priority)
{
  gint64 until = stint_budget_check (self->budget, stint_sync_bucket_for (self, kind), priority);

  if (until == 0)
    return TRUE;

  g_debug ("The budget holds a %s request back until %" G_GINT64_FORMAT " (%s)",
           kind, until, priority == STINT_BUDGET_USER ? "user" : "background");

  if (priority == STINT_BUDGET_USER)
    stint_sync_wait_for_budget (self, until);

  return FALSE;
}

/* A request is about to go out: its reply's headers are the ones to read,
 * and the budget counts it with @priority. */
void
stint_sync_begin_request (StintSync           *self,
                          const char          *kind,
                          StintBudgetPriority  priority)
{
  stint_api_meta_init (&self->last_meta);
  self->request_kind = kind;
  self->request_priority = priority;
  self->request_answered = FALSE;
  stint_sync_set_status (self, STINT_SYNC_STATUS_SYNCING);
}

static void
stint_sync_dispose (GObject *object)
{
  StintSync *self = (StintSync *)object;

  g_cancellable_cancel (self->cancellable);
  stint_sync_cancel_retry (self);
  stint_sync_triggers_stop (self);
  g_clear_handle_id (&self->push_idle_id, g_source_remove);

  stint_sync_set_network_monitor (self, NULL);
  stint_sync_set_system_bus (self, NULL);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->backend);
  g_clear_object (&self->store);
  g_clear_object (&self->budget);
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
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->buckets, g_hash_table_unref);

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
    case STINT_SYNC_PROP_FAILED:
      g_value_set_uint (value, self->failed);
      break;
    case STINT_SYNC_PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;
    case STINT_SYNC_PROP_REQUESTS_LEFT:
      g_value_set_int (value, stint_sync_get_requests_left (self));
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
  stint_sync_properties[STINT_SYNC_PROP_FAILED] =
    g_param_spec_uint ("failed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  stint_sync_properties[STINT_SYNC_PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  stint_sync_properties[STINT_SYNC_PROP_REQUESTS_LEFT] =
    g_param_spec_int ("requests-left", NULL, NULL, G_MININT, G_MAXINT, STINT_BUDGET_DEFAULT_LIMIT,
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
  self->rand = g_rand_new ();
  self->buckets = g_hash_table_new (g_str_hash, g_str_equal);
  self->poll_interval = STINT_SYNC_POLL_MIN_SECONDS;
  stint_api_meta_init (&self->last_meta);
}

/* Shared with the other stint-sync*.c files */

/* Carries on with what is due: discarded changes to restore, the first
 * pull of a run (the projects the outbox refers to), the outbox, and then a
 * refresh when one is wanted: the user's changes go before the background. */
void
stint_sync_resume (StintSync *self)
{
  if (!self->started || self->sending || self->pulling)
    {
      stint_sync_drain (self);  /* the counts, at least */
      return;
    }

  if (stint_sync_restore_discarded (self))
    return;

  if (self->pull_wanted && !self->account_fetched)
    {
      stint_sync_pull (self);
      if (self->pulling)
        return;
    }

  stint_sync_drain (self);

  if (self->pull_wanted && !self->sending && !self->pulling)
    stint_sync_pull (self);
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

/* A meta key of the sync's account, e.g. "since". */
char *
stint_sync_meta_key (StintSync  *self,
                     const char *name)
{
  return stint_store_account_meta_key (stint_store_get_account (self->store), name);
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
  g_autofree char *saved = NULL;

  g_return_val_if_fail (STINT_IS_STORE (store), NULL);
  g_return_val_if_fail (STINT_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (STINT_IS_CLOCK (clock), NULL);

  self = g_object_new (STINT_TYPE_SYNC, NULL);
  self->store = g_object_ref (store);
  self->backend = g_object_ref (backend);
  self->clock = g_object_ref (clock);
  self->workspace_id = workspace_id;

  /* What this account spent this hour, and whether Toggl paused it, as an
   * earlier run left it. */
  self->budget = stint_budget_new (clock);
  key = stint_sync_meta_key (self, "budget");
  saved = stint_store_get_meta (store, key);
  if (saved != NULL)
    stint_budget_load (self->budget, saved);
  g_signal_connect_object (self->budget, "notify::requests-left", G_CALLBACK (budget_left_cb), self,
                           G_CONNECT_SWAPPED);

  g_clear_pointer (&key, g_free);
  g_clear_pointer (&saved, g_free);
  key = stint_sync_meta_key (self, "since");
  saved = stint_store_get_meta (store, key);
  if (saved != NULL)
    self->last_sync = g_ascii_strtoll (saved, NULL, 10);

  g_signal_connect_object (store, "outbox-changed", G_CALLBACK (stint_sync_queue_push), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (backend, "response", G_CALLBACK (response_cb), self, 0);

  /* The counts, before anything is sent. */
  stint_sync_drain (self);

  return self;
}

/**
 * stint_sync_set_rand:
 * @rand: where the retry jitter comes from; copied, so a test seeds it and
 *   gets the same schedule every run
 */
void
stint_sync_set_rand (StintSync *self,
                     GRand     *rand)
{
  g_return_if_fail (STINT_IS_SYNC (self));
  g_return_if_fail (rand != NULL);

  g_rand_free (self->rand);
  self->rand = g_rand_copy (rand);
}

/* No pull went through yet for this account: the first is what signing in
 * asked for, not a background refresh. */
static gboolean
first_sync (StintSync *self)
{
  g_autofree char *key = stint_sync_meta_key (self, "since");
  g_autofree char *since = stint_store_get_meta (self->store, key);

  return since == NULL;
}

/**
 * stint_sync_start:
 *
 * Pulls once (projects and tags, what changed since the last pull), then
 * sends what waits in the outbox, and goes on sending what the user
 * changes. Starting again after stint_sync_stop(), or after the server
 * refused the sign-in, starts over.
 */
void
stint_sync_start (StintSync *self)
{
  g_return_if_fail (STINT_IS_SYNC (self));

  if (self->started && self->status != STINT_SYNC_STATUS_SIGNED_OUT)
    return;

  g_debug ("Starting on %s", stint_store_get_account (self->store));

  self->started = TRUE;
  self->pull_wanted = TRUE;
  self->pull_priority = first_sync (self) ? STINT_BUDGET_USER : STINT_BUDGET_BACKGROUND;
  self->account_fetched = FALSE;
  self->failures = 0;
  stint_sync_set_problem (self, NULL);
  stint_sync_set_status (self, STINT_SYNC_STATUS_IDLE);
  stint_sync_triggers_start (self);

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
  stint_sync_triggers_stop (self);
  g_clear_handle_id (&self->push_idle_id, g_source_remove);

  self->started = FALSE;
  self->sending = FALSE;
  self->pulling = FALSE;

  stint_sync_settle_status (self);
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

  stint_sync_queue_push (self);
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

/* Requests waiting to be sent, each entry's changes counted once; those the
 * server refused are not counted. */
guint
stint_sync_get_pending (StintSync *self)
{
  g_return_val_if_fail (STINT_IS_SYNC (self), 0);
  return self->pending;
}

/* Entries whose change the server refused: they wait for the user. */
guint
stint_sync_get_failed (StintSync *self)
{
  g_return_val_if_fail (STINT_IS_SYNC (self), 0);
  return self->failed;
}

/* Unix seconds of the last request that went through (or of the last pull,
 * from an earlier run); 0 for never. */
gint64
stint_sync_get_last_sync (StintSync *self)
{
  g_return_val_if_fail (STINT_IS_SYNC (self), 0);
  return self->last_sync;
}

/* When the next attempt after a failure (or a wait for the quota) is due,
 * Unix seconds; 0 when none is scheduled. */
gint64
stint_sync_get_next_attempt_at (StintSync *self)
{
  g_return_val_if_fail (STINT_IS_SYNC (self), 0);
  return self->retry_id != 0 ? self->retry_at : 0;
}

/* Requests left this hour in the tightest quota bucket. */
int
stint_sync_get_requests_left (StintSync *self)
{
  g_return_val_if_fail (STINT_IS_SYNC (self), 0);
  return stint_budget_get_requests_left (self->budget);
}

/**
 * stint_sync_get_budget:
 *
 * Returns: (transfer none): the request budget, for each bucket's figures
 */
StintBudget *
stint_sync_get_budget (StintSync *self)
{
  g_return_val_if_fail (STINT_IS_SYNC (self), NULL);
  return self->budget;
}
