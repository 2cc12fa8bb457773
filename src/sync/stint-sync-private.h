/* stint-sync-private.h: what stint-sync*.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-sync.h"

G_BEGIN_DECLS

enum {
  STINT_SYNC_PROP_0,
  STINT_SYNC_PROP_STATUS,
  STINT_SYNC_PROP_MESSAGE,
  STINT_SYNC_PROP_PENDING,
  STINT_SYNC_PROP_LAST_SYNC,
  STINT_SYNC_N_PROPS
};

extern GParamSpec *stint_sync_properties[STINT_SYNC_N_PROPS];

struct _StintSync
{
  GObject          parent_instance;

  StintStore      *store;
  StintBackend    *backend;
  StintClock      *clock;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;     /* this run's; stop() cancels and swaps it */
  gint64           workspace_id;

  StintSyncStatus  status;
  char            *message;
  char            *problem;         /* the sentence of the last failure that stopped traffic */
  guint            pending;         /* operations waiting, parked ones excluded */
  guint            failed;          /* operations parked as failed */
  char            *failed_message;  /* the newest parked operation's sentence */
  gint64           last_sync;

  gboolean         started;
  gboolean         pulling;         /* a pull is under way */
  gboolean         sending;         /* an operation is under way: one at a time */
  gboolean         pull_wanted;     /* pull before sending, when next allowed */
  gboolean         account_fetched; /* projects and tags came in this run */
  guint            failures;        /* transient failures in a row */
  guint            retry_id;        /* StintClock timeout: the next attempt */
  int              wait_reason;     /* the StintSyncFailure that set retry_id */
  guint            push_idle_id;
  StintApiMeta     last_meta;       /* of the last reply, for quota and Retry-After */
};

/* What a failed request means for the sync. */
typedef enum {
  STINT_SYNC_FAILURE_CANCELLED,   /* stop() or dispose: nothing to do */
  STINT_SYNC_FAILURE_OFFLINE,     /* no network: wait for it (or the backoff) */
  STINT_SYNC_FAILURE_TRANSIENT,   /* timeout, 5xx, 429, unreadable: back off */
  STINT_SYNC_FAILURE_QUOTA,       /* 402 with quota headers: wait for the reset */
  STINT_SYNC_FAILURE_SIGNED_OUT,  /* 401/403: stop until the user signs in again */
  STINT_SYNC_FAILURE_REFUSED,     /* 400/404/422…: this request will never succeed */
} StintSyncFailure;

/* stint-sync.c */
gboolean         stint_sync_network_available    (StintSync        *self);
void             stint_sync_schedule_retry       (StintSync        *self,
                                                  gint64            delay_seconds);
void             stint_sync_cancel_retry         (StintSync        *self);
void             stint_sync_resume               (StintSync        *self);
void             stint_sync_emit_entries_changed (StintSync        *self,
                                                  const gint64     *ids,
                                                  guint             n_ids);
void             stint_sync_emit_projects_changed (StintSync       *self);
char            *stint_sync_since_key            (StintSync        *self);

/* stint-sync-state.c */
void             stint_sync_set_status           (StintSync        *self,
                                                  StintSyncStatus   status);
void             stint_sync_set_problem          (StintSync        *self,
                                                  const char       *problem);
StintSyncFailure stint_sync_classify             (const GError     *error);
gboolean         stint_sync_can_talk             (StintSync        *self);
void             stint_sync_begin_request        (StintSync        *self);
void             stint_sync_settle_status        (StintSync        *self);
void             stint_sync_set_counts           (StintSync        *self,
                                                  guint             pending,
                                                  guint             failed,
                                                  const char       *failed_message);
gint64           stint_sync_wait                 (StintSync        *self,
                                                  StintSyncFailure  failure,
                                                  const GError     *error);
void             stint_sync_signed_out           (StintSync        *self,
                                                  const GError     *error);
void             stint_sync_succeeded            (StintSync        *self);
void             stint_sync_store_failed         (StintSync        *self,
                                                  const GError     *error);

/* stint-sync-pull.c */
void             stint_sync_pull                 (StintSync        *self);

/* stint-sync-push.c */
void             stint_sync_drain                (StintSync        *self);

G_END_DECLS
