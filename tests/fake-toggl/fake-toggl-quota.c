/* fake-toggl-quota.c: the fake's per-hour quota and per-second bursts
 *
 * Quota follows Toggl's description: a window of one hour opens with the
 * first counted request of a bucket; when it is spent the answer is 402 with
 * X-Toggl-Quota-Remaining: 0 and X-Toggl-Quota-Resets-In.
 *
 * The bursts are a per-second limit per user, off unless a test sets it;
 * past it the answer is 429 with Retry-After.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include "fake-toggl-transport-private.h"
#include "fake-toggl-focus-private.h"

typedef struct
{
  gint64 window_start;
  guint  used;
} Bucket;

typedef struct
{
  gint64 second;
  guint  count;
} Burst;

gboolean
fake_toggl_check_burst (FakeToggl         *self,
                        FakeExchange      *ex,
                        SoupServerMessage *msg)
{
  g_autofree char *key = NULL;
  Burst *burst;
  gint64 now = fake_toggl_now (self);

  if (self->burst_per_second == 0)
    return TRUE;

  key = g_strdup_printf ("%" G_GINT64_FORMAT, ex->user_id);
  burst = g_hash_table_lookup (self->bursts, key);
  if (burst == NULL)
    {
      burst = g_new0 (Burst, 1);
      g_hash_table_insert (self->bursts, g_steal_pointer (&key), burst);
    }
  if (burst->second != now)
    {
      burst->second = now;
      burst->count = 0;
    }
  if (burst->count >= self->burst_per_second)
    {
      g_autofree char *retry = g_strdup_printf ("%u", self->burst_retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", retry);
      fake_message_set_error (msg, 429, "Too Many Requests");
      return FALSE;
    }
  burst->count++;
  return TRUE;
}

/* Counts the request in its bucket; FALSE (and a 402) when the bucket is spent. */
gboolean
fake_toggl_check_quota (FakeToggl         *self,
                        FakeExchange      *ex,
                        SoupServerMessage *msg,
                        FakeTogglRequest  *record)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *key = NULL;
  g_autofree char *remaining = NULL;
  g_autofree char *resets = NULL;
  gint64 now = fake_toggl_now (self);
  guint limit = 0;
  Bucket *bucket;
  gboolean ok;

  key = ex->focus ? fake_toggl_focus_bucket (self, ex, &limit) : fake_toggl_track_bucket (self, ex, &limit);
  if (key == NULL)
    return TRUE;

  record->bucket = g_strdup (key);
  bucket = g_hash_table_lookup (self->buckets, key);
  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      g_hash_table_insert (self->buckets, g_steal_pointer (&key), bucket);
    }

  if (bucket->used == 0 || now >= bucket->window_start + 3600)
    {
      bucket->window_start = now;
      bucket->used = 0;
    }

  ok = bucket->used < limit;
  if (ok)
    bucket->used++;

  remaining = g_strdup_printf ("%u", limit - bucket->used);
  resets = g_strdup_printf ("%" G_GINT64_FORMAT, bucket->window_start + 3600 - now);
  soup_message_headers_replace (headers, "X-Toggl-Quota-Remaining", remaining);
  soup_message_headers_replace (headers, "X-Toggl-Quota-Resets-In", resets);

  if (!ok)
    fake_message_set_error (msg, SOUP_STATUS_PAYMENT_REQUIRED,
                            "You have hit your hourly limit for API calls. "
                            "Please wait for the quota to reset.");
  return ok;
}

void
fake_toggl_set_user_quota (FakeToggl *self,
                           guint      per_hour)
{
  g_return_if_fail (FAKE_IS_TOGGL (self));
  self->user_quota = per_hour;
}

void
fake_toggl_set_workspace_quota (FakeToggl *self,
                                guint      per_hour)
{
  g_return_if_fail (FAKE_IS_TOGGL (self));
  self->workspace_quota = per_hour;
}

/* More than @per_second requests by one user within one clock second get 429
 * with `Retry-After: @retry_after`. 0 turns the limit off (the default). */
void
fake_toggl_set_burst_limit (FakeToggl *self,
                            guint      per_second,
                            guint      retry_after)
{
  g_return_if_fail (FAKE_IS_TOGGL (self));
  self->burst_per_second = per_second;
  self->burst_retry_after = retry_after;
}
