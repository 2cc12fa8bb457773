/* stint-budget.c: Toggl's hourly request quota, counted on our side
 *
 * Toggl allows so many requests per hour in each bucket (shared/api
 * README 2.2) and answers 402 for the rest of the hour once they are spent,
 * which also breaks the user's other Toggl tools. The budget counts every
 * request that got a reply (or may have reached the server) in a sliding
 * hour on the injected clock, per bucket. A sliding hour counts at least as
 * many requests as Toggl's window, which opens with the first request and
 * resets an hour later, so the count errs on the safe side.
 *
 * When a reply carries X-Toggl-Quota-Remaining, the server's figure is
 * believed over our count (it knows the plan, and the user's other tools)
 * until the window it names resets. A 402 pauses everything until then.
 *
 * Requests have a priority. User actions may spend the whole quota;
 * background refreshes yield first: they stop while a reserve (a third of
 * the limit) is all that is left, and never take more than a few requests
 * an hour in all.
 *
 * What a restart must not forget is saved and loaded in
 * stint-budget-saved.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-budget"

#include "config.h"

#include "stint-budget-private.h"

#define HOUR 3600
/* Background refreshes per sliding hour, over all buckets. */
#define DEFAULT_BACKGROUND_CAP 6
enum {
  PROP_0,
  PROP_REQUESTS_LEFT,
  PROP_PAUSED_UNTIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StintBudget, stint_budget, G_TYPE_OBJECT)

static void
bucket_free (StintBudgetBucket *bucket)
{
  g_array_unref (bucket->requests);
  g_free (bucket);
}

StintBudgetBucket *
stint_budget_get_bucket (StintBudget *self,
                         const char  *name)
{
  StintBudgetBucket *bucket = g_hash_table_lookup (self->buckets, name);

  if (bucket == NULL)
    {
      bucket = g_new0 (StintBudgetBucket, 1);
      bucket->limit = STINT_BUDGET_DEFAULT_LIMIT;
      bucket->requests = g_array_new (FALSE, FALSE, sizeof (StintBudgetRequest));
      g_hash_table_insert (self->buckets, g_strdup (name), bucket);
    }

  return bucket;
}

void
stint_budget_bucket_prune (StintBudgetBucket *bucket,
                           gint64             now)
{
  guint n = 0;

  while (n < bucket->requests->len &&
         g_array_index (bucket->requests, StintBudgetRequest, n).at <= now - HOUR)
    n++;
  if (n > 0)
    g_array_remove_range (bucket->requests, 0, n);
}

/* Whether the server's word still holds: until the reset it named, or for
 * an hour when it named none. */
gboolean
stint_budget_bucket_server_valid (StintBudgetBucket *bucket,
                                  gint64             now)
{
  if (!bucket->has_server)
    return FALSE;
  if (bucket->server_resets_at > 0)
    return now < bucket->server_resets_at;
  return now < bucket->server_at + HOUR;
}

/* The requests that count now, oldest first: those of the last hour, and
 * not those before a reset the server announced. Returns the index of the
 * first. */
static guint
first_counted (StintBudgetBucket *bucket,
               gint64             now)
{
  gint64 reset = bucket->has_server ? bucket->server_resets_at : 0;
  guint i = 0;

  stint_budget_bucket_prune (bucket, now);
  if (reset > 0 && reset <= now)
    while (i < bucket->requests->len &&
           g_array_index (bucket->requests, StintBudgetRequest, i).at < reset)
      i++;

  return i;
}

int
stint_budget_bucket_left (StintBudgetBucket *bucket,
                          gint64             now)
{
  guint first;

  if (stint_budget_bucket_server_valid (bucket, now))
    return (int)(bucket->server_left - (gint64)(bucket->serial - bucket->server_serial));

  first = first_counted (bucket, now);  /* prunes: before reading the length */
  return (int)bucket->limit - (int)(bucket->requests->len - first);
}

/* Background refreshes stop while this much is left, for the user's own
 * changes. */
static int
reserve (StintBudgetBucket *bucket)
{
  return (int)MAX (bucket->limit / 3, 2);
}

static guint
count_background (StintBudget *self,
                  gint64       now)
{
  GHashTableIter iter;
  StintBudgetBucket *bucket;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&bucket))
    {
      stint_budget_bucket_prune (bucket, now);
      for (guint i = 0; i < bucket->requests->len; i++)
        n += g_array_index (bucket->requests, StintBudgetRequest, i).background;
    }

  return n;
}

/* When the oldest background request of the hour stops counting. */
static gint64
oldest_background_expiry (StintBudget *self)
{
  GHashTableIter iter;
  StintBudgetBucket *bucket;
  gint64 oldest = G_MAXINT64;

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&bucket))
    for (guint i = 0; i < bucket->requests->len; i++)
      if (g_array_index (bucket->requests, StintBudgetRequest, i).background)
        {
          oldest = MIN (oldest, g_array_index (bucket->requests, StintBudgetRequest, i).at);
          break;
        }

  return oldest == G_MAXINT64 ? 0 : oldest + HOUR;
}

void
stint_budget_update_left (StintBudget *self)
{
  int left = stint_budget_get_requests_left (self);

  if (left != self->requests_left)
    {
      self->requests_left = left;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUESTS_LEFT]);
    }
}

static void
stint_budget_finalize (GObject *object)
{
  StintBudget *self = (StintBudget *)object;

  g_clear_pointer (&self->buckets, g_hash_table_unref);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (stint_budget_parent_class)->finalize (object);
}

static void
stint_budget_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StintBudget *self = STINT_BUDGET (object);

  switch (prop_id)
    {
    case PROP_REQUESTS_LEFT:
      g_value_set_int (value, stint_budget_get_requests_left (self));
      break;
    case PROP_PAUSED_UNTIL:
      g_value_set_int64 (value, stint_budget_get_paused_until (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_budget_class_init (StintBudgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stint_budget_finalize;
  object_class->get_property = stint_budget_get_property;

  properties[PROP_REQUESTS_LEFT] =
    g_param_spec_int ("requests-left", NULL, NULL, G_MININT, G_MAXINT, STINT_BUDGET_DEFAULT_LIMIT,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED_UNTIL] =
    g_param_spec_int64 ("paused-until", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_budget_init (StintBudget *self)
{
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)bucket_free);
  self->background_cap = DEFAULT_BACKGROUND_CAP;
  self->requests_left = STINT_BUDGET_DEFAULT_LIMIT;
}

StintBudget *
stint_budget_new (StintClock *clock)
{
  StintBudget *self;

  g_return_val_if_fail (STINT_IS_CLOCK (clock), NULL);

  self = g_object_new (STINT_TYPE_BUDGET, NULL);
  self->clock = g_object_ref (clock);

  return self;
}

/* The plan's limit, when known; the server's headers take over anyway. */
void
stint_budget_set_limit (StintBudget *self,
                        const char  *bucket,
                        guint        per_hour)
{
  g_return_if_fail (STINT_IS_BUDGET (self));
  g_return_if_fail (bucket != NULL);

  stint_budget_get_bucket (self, bucket)->limit = per_hour;
  stint_budget_update_left (self);
}

guint
stint_budget_get_limit (StintBudget *self,
                        const char  *bucket)
{
  g_return_val_if_fail (STINT_IS_BUDGET (self), 0);
  g_return_val_if_fail (bucket != NULL, 0);

  return stint_budget_get_bucket (self, bucket)->limit;
}

/* The most background refreshes in any hour, all buckets together. */
void
stint_budget_set_background_cap (StintBudget *self,
                                 guint        per_hour)
{
  g_return_if_fail (STINT_IS_BUDGET (self));

  self->background_cap = per_hour;
}

/**
 * stint_budget_record:
 * @meta: (nullable): the reply's status and headers; status 0 for a request
 *   that got no reply (the server may have counted it all the same)
 *
 * Counts one request in @bucket, now, and believes the quota headers of its
 * reply. A 402 with quota headers pauses everything until the reset.
 */
void
stint_budget_record (StintBudget         *self,
                     const char          *bucket_name,
                     const StintApiMeta  *meta,
                     StintBudgetPriority  priority)
{
  gint64 now;
  StintBudgetBucket *bucket;
  StintBudgetRequest request;

  g_return_if_fail (STINT_IS_BUDGET (self));
  g_return_if_fail (bucket_name != NULL);

  now = stint_clock_now (self->clock);
  bucket = stint_budget_get_bucket (self, bucket_name);
  stint_budget_bucket_prune (bucket, now);

  request.at = now;
  request.background = priority == STINT_BUDGET_BACKGROUND;
  g_array_append_val (bucket->requests, request);
  bucket->serial++;

  if (meta != NULL && meta->quota_remaining >= 0)
    {
      bucket->has_server = TRUE;
      bucket->server_left = meta->quota_remaining;
      bucket->server_serial = bucket->serial;
      bucket->server_at = now;
      bucket->server_resets_at = meta->quota_resets_in >= 0 ? now + meta->quota_resets_in : 0;
    }

  if (meta != NULL && meta->status == 402 && stint_api_meta_is_quota (meta))
    stint_budget_pause (self, now + (meta->quota_resets_in >= 0 ? meta->quota_resets_in : HOUR));

  g_debug ("%s: %d left (%s request)", bucket_name, stint_budget_bucket_left (bucket, now),
           request.background ? "background" : "user");

  stint_budget_update_left (self);
}

/**
 * stint_budget_check:
 *
 * Whether a request of @priority may go to @bucket now.
 *
 * Returns: 0 when it may; otherwise the Unix second from which it may (as
 *   far as the budget can tell now)
 */
gint64
stint_budget_check (StintBudget         *self,
                    const char          *bucket_name,
                    StintBudgetPriority  priority)
{
  gint64 now;
  StintBudgetBucket *bucket;
  int keep, left;
  guint first;

  g_return_val_if_fail (STINT_IS_BUDGET (self), 0);
  g_return_val_if_fail (bucket_name != NULL, 0);

  now = stint_clock_now (self->clock);
  if (self->paused_until > now)
    return self->paused_until;

  bucket = stint_budget_get_bucket (self, bucket_name);
  keep = priority == STINT_BUDGET_USER ? 0 : reserve (bucket);
  left = stint_budget_bucket_left (bucket, now);

  if (left > keep)
    {
      if (priority == STINT_BUDGET_BACKGROUND && count_background (self, now) >= self->background_cap)
        return MAX (oldest_background_expiry (self), now + 1);
      return 0;
    }

  /* Spent down to what must be kept: wait for the server's reset, or for
   * enough of our own requests to leave the sliding hour. */
  if (stint_budget_bucket_server_valid (bucket, now))
    return bucket->server_resets_at > 0 ? bucket->server_resets_at : bucket->server_at + HOUR;

  first = first_counted (bucket, now) + (guint)(keep - left);
  if (first >= bucket->requests->len)
    return now + 1;
  return MAX (g_array_index (bucket->requests, StintBudgetRequest, first).at + HOUR, now + 1);
}

/* Nothing may be sent before @until (Unix seconds): a 402. */
void
stint_budget_pause (StintBudget *self,
                    gint64       until)
{
  g_return_if_fail (STINT_IS_BUDGET (self));

  if (until <= self->paused_until)
    return;

  g_debug ("Paused for %" G_GINT64_FORMAT " s", until - stint_clock_now (self->clock));
  self->paused_until = until;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED_UNTIL]);
}

/* Requests left this hour in @bucket, as far as we know; 0 or less when
 * spent. */
int
stint_budget_get_left (StintBudget *self,
                       const char  *bucket)
{
  g_return_val_if_fail (STINT_IS_BUDGET (self), 0);
  g_return_val_if_fail (bucket != NULL, 0);

  return stint_budget_bucket_left (stint_budget_get_bucket (self, bucket),
                                   stint_clock_now (self->clock));
}

/* The tightest bucket's requests left: what Preferences shows. */
int
stint_budget_get_requests_left (StintBudget *self)
{
  GHashTableIter iter;
  StintBudgetBucket *bucket;
  gint64 now;
  int left = STINT_BUDGET_DEFAULT_LIMIT;
  gboolean any = FALSE;

  g_return_val_if_fail (STINT_IS_BUDGET (self), 0);

  now = stint_clock_now (self->clock);
  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&bucket))
    {
      int bucket_left_now = stint_budget_bucket_left (bucket, now);

      left = any ? MIN (left, bucket_left_now) : bucket_left_now;
      any = TRUE;
    }

  if (self->paused_until > now)
    left = MIN (left, 0);

  return left;
}

/**
 * stint_budget_list_buckets:
 *
 * Returns: (transfer full): the buckets requests were counted in, here or
 *   in the saved budget: those worth showing, in no particular order
 */
char **
stint_budget_list_buckets (StintBudget *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  GHashTableIter iter;
  const char *name;
  StintBudgetBucket *bucket;

  g_return_val_if_fail (STINT_IS_BUDGET (self), NULL);

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, (gpointer *)&name, (gpointer *)&bucket))
    if (bucket->serial > 0 || bucket->has_server)
      g_strv_builder_add (names, name);

  return g_strv_builder_end (names);
}

gint64
stint_budget_get_paused_until (StintBudget *self)
{
  g_return_val_if_fail (STINT_IS_BUDGET (self), 0);

  return self->paused_until > stint_clock_now (self->clock) ? self->paused_until : 0;
}

/* Requests sent to @bucket in the last hour (only the background ones when
 * @background_only): what the benchmark and the tests read. */
guint
stint_budget_count_hour (StintBudget *self,
                         const char  *bucket_name,
                         gboolean     background_only)
{
  StintBudgetBucket *bucket;
  guint n = 0;

  g_return_val_if_fail (STINT_IS_BUDGET (self), 0);

  bucket = stint_budget_get_bucket (self, bucket_name);
  stint_budget_bucket_prune (bucket, stint_clock_now (self->clock));
  for (guint i = 0; i < bucket->requests->len; i++)
    if (!background_only || g_array_index (bucket->requests, StintBudgetRequest, i).background)
      n++;

  return n;
}
