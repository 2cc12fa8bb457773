/* stint-sync-state.c: what the sync says, and what a failure means
 *
 * The status and the sentence the UI shows, the counts behind them, and the
 * policy after a failure: a transient one waits stint_sync_retry_delay()
 * (exponential, with jitter, up to a cap), a 429 waits what its Retry-After
 * says, a spent quota (402, or our own budget) pauses every request until
 * the reset, a lost network waits for GNetworkMonitor (or the backoff,
 * whichever comes first), refused credentials wait for the user, a refused
 * change is parked for the user with the server's sentence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-sync-private.h"

/* The retry schedule: about 1 minute, doubling, at most half an hour, each
 * delay drawn from ±25 % around its nominal value so that clients that
 * failed together do not come back together. */
#define RETRY_FIRST_SECONDS 60
#define RETRY_MAX_SECONDS   (30 * 60)
#define RETRY_JITTER        0.25

GType
stint_sync_status_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { STINT_SYNC_STATUS_IDLE, "STINT_SYNC_STATUS_IDLE", "idle" },
    { STINT_SYNC_STATUS_SYNCING, "STINT_SYNC_STATUS_SYNCING", "syncing" },
    { STINT_SYNC_STATUS_OFFLINE, "STINT_SYNC_STATUS_OFFLINE", "offline" },
    { STINT_SYNC_STATUS_WAITING, "STINT_SYNC_STATUS_WAITING", "waiting" },
    { STINT_SYNC_STATUS_SIGNED_OUT, "STINT_SYNC_STATUS_SIGNED_OUT", "signed-out" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static (g_intern_static_string ("StintSyncStatus"),
                                                         values));

  return type_id;
}

static char *
compose_message (StintSync *self)
{
  guint n = self->pending;

  switch (self->status)
    {
    case STINT_SYNC_STATUS_SIGNED_OUT:
      if (self->problem != NULL)
        return g_strdup (self->problem);
      return g_strdup (_("Toggl did not accept the sign-in. Sign in again."));

    case STINT_SYNC_STATUS_OFFLINE:
      if (n == 0)
        return g_strdup (_("Offline"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Offline — %u change will sync when the network returns",
                                           "Offline — %u changes will sync when the network returns",
                                           n),
                              n);

    case STINT_SYNC_STATUS_WAITING:
      if (n == 0)
        return g_strdup (self->problem != NULL ? self->problem : _("Waiting to sync"));
      if (self->problem == NULL)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u change waiting to sync",
                                             "%u changes waiting to sync", n),
                                n);
      /* Translators: the count of changes, then why they wait (a sentence) */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u change waiting to sync — %s",
                                           "%u changes waiting to sync — %s", n),
                              n, self->problem);

    case STINT_SYNC_STATUS_SYNCING:
      if (n == 0)
        return g_strdup (_("Syncing…"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Syncing %u change…", "Syncing %u changes…", n),
                              n);

    case STINT_SYNC_STATUS_IDLE:
    default:
      break;
    }

  if (self->failed == 1 && self->failed_message != NULL)
    return g_strdup (self->failed_message);
  if (self->failed > 0)
    /* Translators: the count of changes Toggl refused, then the last reason (a sentence) */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u change could not be synced — %s",
                                         "%u changes could not be synced — %s", self->failed),
                            self->failed,
                            self->failed_message != NULL ? self->failed_message : "");
  if (n > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u change waiting to sync",
                                         "%u changes waiting to sync", n),
                            n);

  return g_strdup (_("Everything is synced"));
}

static void
update_message (StintSync *self)
{
  g_autofree char *message = compose_message (self);

  if (g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), stint_sync_properties[STINT_SYNC_PROP_MESSAGE]);
    }
}

void
stint_sync_set_status (StintSync       *self,
                       StintSyncStatus  status)
{
  if (self->status != status)
    {
      g_debug ("Status %d → %d", self->status, status);
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), stint_sync_properties[STINT_SYNC_PROP_STATUS]);
    }

  update_message (self);
}

void
stint_sync_set_problem (StintSync  *self,
                        const char *problem)
{
  if (g_strcmp0 (self->problem, problem) != 0)
    {
      g_free (self->problem);
      self->problem = g_strdup (problem);
    }
}

StintSyncFailure
stint_sync_classify (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return STINT_SYNC_FAILURE_CANCELLED;

  /* Anything not from the api layer is the backend's own trouble: not the
   * request's fault, so worth another try later. */
  if (error->domain != STINT_API_ERROR)
    return STINT_SYNC_FAILURE_TRANSIENT;

  switch ((StintApiError)error->code)
    {
    case STINT_API_ERROR_NETWORK:
      return STINT_SYNC_FAILURE_OFFLINE;
    case STINT_API_ERROR_QUOTA:
      return STINT_SYNC_FAILURE_QUOTA;
    case STINT_API_ERROR_AUTH:
    case STINT_API_ERROR_FORBIDDEN:
      return STINT_SYNC_FAILURE_SIGNED_OUT;
    case STINT_API_ERROR_TIMEOUT:
    case STINT_API_ERROR_SERVER:
    case STINT_API_ERROR_RATE_LIMITED:
    case STINT_API_ERROR_BAD_REPLY:
      return STINT_SYNC_FAILURE_TRANSIENT;
    case STINT_API_ERROR_NOT_FOUND:
    case STINT_API_ERROR_CONFLICT:
    case STINT_API_ERROR_PLAN:
    case STINT_API_ERROR_INVALID:
    case STINT_API_ERROR_BAD_URL:
    default:
      return STINT_SYNC_FAILURE_REFUSED;
    }
}

/* Whether the request surely did not change anything on the server: it was
 * refused, or stopped before it was handled (quota, burst limit,
 * credentials). After anything else (a dropped connection, a timeout, an
 * unreadable answer, a 5xx from somewhere on the way) it may have. */
gboolean
stint_sync_never_arrived (const GError *error)
{
  if (error->domain != STINT_API_ERROR)
    return FALSE;

  switch ((StintApiError)error->code)
    {
    case STINT_API_ERROR_NETWORK:
    case STINT_API_ERROR_TIMEOUT:
    case STINT_API_ERROR_SERVER:
    case STINT_API_ERROR_BAD_REPLY:
      return FALSE;
    case STINT_API_ERROR_AUTH:
    case STINT_API_ERROR_FORBIDDEN:
    case STINT_API_ERROR_NOT_FOUND:
    case STINT_API_ERROR_CONFLICT:
    case STINT_API_ERROR_QUOTA:
    case STINT_API_ERROR_PLAN:
    case STINT_API_ERROR_RATE_LIMITED:
    case STINT_API_ERROR_INVALID:
    case STINT_API_ERROR_BAD_URL:
    default:
      return TRUE;
    }
}

/* Whether a request may go out now; says why not in the status. */
gboolean
stint_sync_can_talk (StintSync *self)
{
  if (!self->started || self->status == STINT_SYNC_STATUS_SIGNED_OUT || self->retry_id != 0)
    return FALSE;

  if (!stint_sync_network_available (self))
    {
      stint_sync_set_status (self, STINT_SYNC_STATUS_OFFLINE);
      return FALSE;
    }

  return TRUE;
}

/* The status once nothing is under way. */
void
stint_sync_settle_status (StintSync *self)
{
  if (self->status == STINT_SYNC_STATUS_SIGNED_OUT)
    update_message (self);
  else if (self->started && !stint_sync_network_available (self))
    stint_sync_set_status (self, STINT_SYNC_STATUS_OFFLINE);
  else if (self->retry_id != 0)
    stint_sync_set_status (self, self->wait_reason == STINT_SYNC_FAILURE_OFFLINE
                                 ? STINT_SYNC_STATUS_OFFLINE : STINT_SYNC_STATUS_WAITING);
  else if (self->sending || self->pulling)
    stint_sync_set_status (self, STINT_SYNC_STATUS_SYNCING);
  else
    {
      stint_sync_set_status (self, STINT_SYNC_STATUS_IDLE);
      /* Settled after a wait: the slow refresh takes over again. */
      if (self->started && self->poll_id == 0)
        stint_sync_schedule_poll (self);
    }
}

void
stint_sync_set_counts (StintSync  *self,
                       guint       pending,
                       guint       failed,
                       const char *failed_message)
{
  if (self->pending != pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), stint_sync_properties[STINT_SYNC_PROP_PENDING]);
    }

  if (self->failed != failed)
    {
      self->failed = failed;
      g_object_notify_by_pspec (G_OBJECT (self), stint_sync_properties[STINT_SYNC_PROP_FAILED]);
    }

  if (g_strcmp0 (self->failed_message, failed_message) != 0)
    {
      g_free (self->failed_message);
      self->failed_message = g_strdup (failed_message);
    }

  update_message (self);
}

/**
 * stint_sync_wait:
 *
 * After a failure that may go away on its own: waits (quota reset,
 * Retry-After, backoff), says why in the status, and schedules the next
 * attempt.
 *
 * Returns: when the next attempt is due, Unix seconds
 */
gint64
stint_sync_wait (StintSync        *self,
                 StintSyncFailure  failure,
                 const GError     *error)
{
  gint64 now = stint_clock_now (self->clock);
  gint64 delay;

  self->failures++;
  delay = stint_sync_retry_delay (self->failures, error, g_rand_double (self->rand));

  /* The server knows best when its limits lift. The budget heard the 402
   * and paused everything until then. */
  if (failure == STINT_SYNC_FAILURE_QUOTA)
    {
      gint64 until = stint_budget_get_paused_until (self->budget);

      if (until == 0 && self->last_meta.quota_resets_in >= 0)
        until = now + self->last_meta.quota_resets_in;
      if (until > now)
        {
          stint_budget_pause (self->budget, until);
          delay = until - now;
        }
    }
  else if (g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_RATE_LIMITED) &&
           self->last_meta.retry_after >= 0)
    delay = self->last_meta.retry_after;
  delay = MAX (delay, 1);

  g_debug ("Failure %u (%s): next attempt in %" G_GINT64_FORMAT " s",
           self->failures, error->message, delay);

  stint_sync_set_problem (self, error->message);
  stint_sync_schedule_retry (self, delay);
  self->wait_reason = failure;
  stint_sync_settle_status (self);

  return now + delay;
}

/* Our own budget holds a user's change back until @until: the same wait as
 * a 402, said before Toggl has to. */
void
stint_sync_wait_for_budget (StintSync *self,
                            gint64     until)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (until);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *problem = NULL;

  /* Translators: %s is a time of day, e.g. 14:05 */
  problem = g_strdup_printf (_("Toggl’s hourly request limit is used up; Stint will sync again at %s."),
                             time);

  stint_sync_set_problem (self, problem);
  stint_sync_schedule_retry (self, until - stint_clock_now (self->clock));
  self->wait_reason = STINT_SYNC_FAILURE_QUOTA;
  stint_sync_settle_status (self);
}

/* The server refused the credentials: nothing more until the user signs in
 * again (a new start). The outbox stays. */
void
stint_sync_signed_out (StintSync    *self,
                       const GError *error)
{
  g_debug ("Signed out: %s", error->message);

  stint_sync_cancel_retry (self);
  stint_sync_set_problem (self, error->message);
  stint_sync_set_status (self, STINT_SYNC_STATUS_SIGNED_OUT);
  stint_sync_schedule_poll (self);  /* that is: none until signed in again */
}

/* The store could not record what the server did. Sending more (or the same
 * again) could make duplicates on the server: this run sends nothing more,
 * and says why. The next start tries again. */
void
stint_sync_store_failed (StintSync    *self,
                         const GError *error)
{
  g_debug ("Stopping: %s", error->message);

  stint_sync_cancel_retry (self);
  self->started = FALSE;
  stint_sync_schedule_poll (self);  /* that is: none */
  self->wait_reason = STINT_SYNC_FAILURE_TRANSIENT;
  stint_sync_set_problem (self, error->message);
  stint_sync_set_status (self, STINT_SYNC_STATUS_WAITING);
}

/* A request went through: the backoff starts over. */
void
stint_sync_succeeded (StintSync *self)
{
  gint64 now = stint_clock_now (self->clock);

  self->failures = 0;
  stint_sync_set_problem (self, NULL);

  if (self->last_sync != now)
    {
      self->last_sync = now;
      g_object_notify_by_pspec (G_OBJECT (self), stint_sync_properties[STINT_SYNC_PROP_LAST_SYNC]);
    }
}

/**
 * stint_sync_retry_delay:
 * @attempts: failures in a row, counting this one (1 for the first)
 * @error: the failure (a transient one)
 * @jitter: a random draw in [0, 1): where the delay falls around its
 *   nominal value
 *
 * The backoff in one place: nominally 1 minute after the first failure,
 * doubling each time, at most 30 minutes; the delay itself is drawn from
 * [0.75, 1.25) of the nominal value and never exceeds the cap. A quota reset
 * and Retry-After override it where the server sends them.
 *
 * Returns: seconds to wait before the next attempt
 */
gint64
stint_sync_retry_delay (guint         attempts,
                        const GError *error,
                        double        jitter)
{
  gint64 nominal = RETRY_FIRST_SECONDS;
  double factor;

  for (guint i = 1; i < attempts && nominal < RETRY_MAX_SECONDS; i++)
    nominal *= 2;
  nominal = MIN (nominal, RETRY_MAX_SECONDS);

  factor = 1.0 - RETRY_JITTER + 2 * RETRY_JITTER * CLAMP (jitter, 0.0, 1.0);

  return MIN ((gint64)(nominal * factor), RETRY_MAX_SECONDS);
}
