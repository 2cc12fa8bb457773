/* stint-sync-private.h: what stint-sync*.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-sync.h"
#include "stint-sync-plan.h"

G_BEGIN_DECLS

enum {
  STINT_SYNC_PROP_0,
  STINT_SYNC_PROP_STATUS,
  STINT_SYNC_PROP_MESSAGE,
  STINT_SYNC_PROP_PENDING,
  STINT_SYNC_PROP_FAILED,
  STINT_SYNC_PROP_LAST_SYNC,
  STINT_SYNC_PROP_REQUESTS_LEFT,
  STINT_SYNC_N_PROPS
};

extern GParamSpec *stint_sync_properties[STINT_SYNC_N_PROPS];

/* The slow refresh: never more often than this… */
#define STINT_SYNC_POLL_MIN_SECONDS (10 * 60)
/* …backing off to this while nothing changes. */
#define STINT_SYNC_POLL_MAX_SECONDS (30 * 60)
/* A create that may be on the server is looked for among the changes since
 * this long before it left: clock skew between us and the server, and time
 * the request spent on its way. */
#define STINT_SYNC_LOOKUP_MARGIN    (10 * 60)
/* The network coming back or a resume asks again only after this long. */
#define STINT_SYNC_TRIGGER_MIN_AGE  60

struct _StintSync
{
  GObject          parent_instance;

  StintStore      *store;
  StintBackend    *backend;
  StintClock      *clock;
  StintBudget     *budget;
  GRand           *rand;            /* the retry jitter */
  GNetworkMonitor *monitor;
  GDBusConnection *system_bus;      /* logind's PrepareForSleep, for resume */
  guint            sleep_subscription;
  gboolean         bus_chosen;      /* set_system_bus() was called, maybe with NULL */
  GCancellable    *bus_cancellable; /* looking the system bus up */
  GCancellable    *cancellable;     /* this run's; stop() cancels and swaps it */
  gint64           workspace_id;

  StintSyncStatus  status;
  char            *message;
  char            *problem;         /* the sentence of the last failure that stopped traffic */
  guint            pending;         /* requests waiting (coalesced), parked ones excluded */
  guint            failed;          /* entries whose change the server refused */
  char            *failed_message;  /* the newest refusal's sentence */
  gint64           last_sync;
  gint64           last_pull;       /* our clock; 0 = not in this run */

  gboolean         started;
  gboolean         pulling;         /* a pull is under way */
  gboolean         sending;         /* an operation is under way: one at a time */
  gboolean         pull_wanted;     /* pull before sending, when next allowed */
  StintBudgetPriority pull_priority;
  gboolean         account_fetched; /* projects and tags came in this run */
  guint            failures;        /* transient failures in a row */
  guint            retry_id;        /* StintClock timeout: the next attempt */
  gint64           retry_at;        /* when it is due, Unix seconds */
  int              wait_reason;     /* the StintSyncFailure that set retry_id */
  guint            push_idle_id;
  guint            poll_id;         /* StintClock timeout: the next slow refresh */
  gint64           poll_interval;
  gint64           poll_not_before; /* the budget refused a refresh until then */
  gboolean         network_up;      /* as last heard, to tell news from repeats */

  /* The request under way: its reply's headers are the ones to read, and
   * the budget counts it with its priority. */
  StintApiMeta     last_meta;
  StintBudgetPriority request_priority;
  const char      *request_kind;
  gboolean         request_answered;
  GHashTable      *buckets;         /* request kind → the bucket it was counted in */
};

/* What a failed request means for the sync. */
typedef enum {
  STINT_SYNC_FAILURE_CANCELLED,   /* stop() or dispose: nothing to do */
  STINT_SYNC_FAILURE_OFFLINE,     /* no network: wait for it (or the backoff) */
  STINT_SYNC_FAILURE_TRANSIENT,   /* timeout, 5xx, 429, unreadable: back off */
  STINT_SYNC_FAILURE_QUOTA,       /* 402 with quota headers, or our own budget: wait for the reset */
  STINT_SYNC_FAILURE_SIGNED_OUT,  /* 401/403: stop until the user signs in again */
  STINT_SYNC_FAILURE_REFUSED,     /* 400/404/422…: this request will never succeed */
} StintSyncFailure;

/* The kinds of request, as the budget learns their buckets. */
#define STINT_SYNC_REQUEST_ACCOUNT "account"
#define STINT_SYNC_REQUEST_CURRENT "current"
#define STINT_SYNC_REQUEST_CHANGES "changes"
#define STINT_SYNC_REQUEST_ENTRY   "entry"
#define STINT_SYNC_REQUEST_CREATE  "create"
#define STINT_SYNC_REQUEST_UPDATE  "update"
#define STINT_SYNC_REQUEST_STOP    "stop"
#define STINT_SYNC_REQUEST_DELETE  "delete"

/* A create that left and may have reached the server (stint-sync-lookup.c):
 * saved before it leaves, so a crash, a dropped connection or a timeout
 * make the next attempt look for it first. */
typedef struct
{
  gint64  entry_id;
  gint64  sent_at;       /* our clock, when it last left */
  gint64  covered;       /* the newest operation its state included */
  gint64  start;
  gint64  workspace_id;
  char   *description;
} StintSentCreate;

/* stint-sync.c */
gboolean         stint_sync_network_available    (StintSync        *self);
void             stint_sync_schedule_retry       (StintSync        *self,
                                                  gint64            delay_seconds);
void             stint_sync_cancel_retry         (StintSync        *self);
void             stint_sync_resume               (StintSync        *self);
void             stint_sync_queue_push           (StintSync        *self);
void             stint_sync_emit_entries_changed (StintSync        *self,
                                                  const gint64     *ids,
                                                  guint             n_ids);
void             stint_sync_emit_projects_changed (StintSync       *self);
char            *stint_sync_meta_key             (StintSync        *self,
                                                  const char       *name);
const char      *stint_sync_bucket_for           (StintSync        *self,
                                                  const char       *kind);
gboolean         stint_sync_may_request          (StintSync        *self,
                                                  const char       *kind,
                                                  StintBudgetPriority priority);
void             stint_sync_begin_request        (StintSync        *self,
                                                  const char       *kind,
                                                  StintBudgetPriority priority);

/* stint-sync-state.c */
void             stint_sync_set_status           (StintSync        *self,
                                                  StintSyncStatus   status);
void             stint_sync_set_problem          (StintSync        *self,
                                                  const char       *problem);
StintSyncFailure stint_sync_classify             (const GError     *error);
gboolean         stint_sync_never_arrived        (const GError     *error);
gboolean         stint_sync_can_talk             (StintSync        *self);
void             stint_sync_settle_status        (StintSync        *self);
void             stint_sync_set_counts           (StintSync        *self,
                                                  guint             pending,
                                                  guint             failed,
                                                  const char       *failed_message);
gint64           stint_sync_wait                 (StintSync        *self,
                                                  StintSyncFailure  failure,
                                                  const GError     *error);
void             stint_sync_wait_for_budget      (StintSync        *self,
                                                  gint64            until);
void             stint_sync_signed_out           (StintSync        *self,
                                                  const GError     *error);
void             stint_sync_succeeded            (StintSync        *self);
void             stint_sync_store_failed         (StintSync        *self,
                                                  const GError     *error);

/* stint-sync-triggers.c */
void             stint_sync_triggers_start       (StintSync        *self);
void             stint_sync_triggers_stop        (StintSync        *self);
void             stint_sync_schedule_poll        (StintSync        *self);
void             stint_sync_pulled               (StintSync        *self,
                                                  gboolean          changed);

/* stint-sync-pull.c */
void             stint_sync_pull                 (StintSync        *self);

/* stint-sync-push.c */
void             stint_sync_drain                (StintSync        *self);

/* stint-sync-lookup.c */
void             stint_sent_create_free          (StintSentCreate  *sent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintSentCreate, stint_sent_create_free)
gboolean         stint_sync_save_sent_create     (StintSync        *self,
                                                  StintEntry       *entry,
                                                  gint64            covered,
                                                  GError          **error);
StintSentCreate *stint_sync_load_sent_create     (StintSync        *self,
                                                  gint64            entry_id);
gboolean         stint_sync_forget_sent_create   (StintSync        *self,
                                                  gint64            entry_id,
                                                  GError          **error);
GPtrArray       *stint_sync_load_sent_creates    (StintSync        *self);
gboolean         stint_sync_adopt                (StintSync        *self,
                                                  StintSentCreate  *sent,
                                                  StintEntry       *found,
                                                  GError          **error);
StintEntry      *stint_sync_find_sent            (StintSync        *self,
                                                  StintSentCreate  *sent,
                                                  GPtrArray        *entries);
void             stint_sync_look_up              (StintSync        *self,
                                                  StintSentCreate  *sent,
                                                  gint64            op_id);

/* stint-sync-failed.c */
gboolean         stint_sync_restore_discarded    (StintSync        *self);

G_END_DECLS
