/* stint-budget-saved.c: the budget kept across restarts
 *
 * Toggl counts the requests of this hour whether or not Stint restarted in
 * between, so the budget is saved as GVariant text and loaded in the next
 * run; a text that cannot be read is ignored rather than trusted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-budget"

#include "config.h"

#include "stint-budget-private.h"

/* The saved state's GVariant types, built from their parts so that saving
 * and loading cannot disagree: a request is its time and whether it was
 * background; a bucket its limit, its requests and the server's word
 * (whether, the requests left as saved, when said, when its window resets);
 * the state paused-until and the buckets by name. */
#define REQUEST_TYPE "(xb)"
#define BUCKET_TYPE  "(ua" REQUEST_TYPE "bxxx)"
#define BUCKETS_TYPE "a{s" BUCKET_TYPE "}"
#define SAVED_TYPE   "(x" BUCKETS_TYPE ")"

/**
 * stint_budget_save:
 *
 * Returns: (transfer full): the budget as text, for stint_budget_load() in
 *   a later run: a restart must not forget the requests of this hour
 */
char *
stint_budget_save (StintBudget *self)
{
  GVariantBuilder buckets;
  GHashTableIter iter;
  const char *name;
  StintBudgetBucket *bucket;
  gint64 now;

  g_return_val_if_fail (STINT_IS_BUDGET (self), NULL);

  now = stint_clock_now (self->clock);
  g_variant_builder_init (&buckets, G_VARIANT_TYPE (BUCKETS_TYPE));
  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, (gpointer *)&name, (gpointer *)&bucket))
    {
      GVariantBuilder requests;
      gboolean valid = stint_budget_bucket_server_valid (bucket, now);

      stint_budget_bucket_prune (bucket, now);
      g_variant_builder_init (&requests, G_VARIANT_TYPE ("a" REQUEST_TYPE));
      for (guint i = 0; i < bucket->requests->len; i++)
        {
          StintBudgetRequest *request =
            &g_array_index (bucket->requests, StintBudgetRequest, i);

          g_variant_builder_add (&requests, REQUEST_TYPE, request->at, request->background);
        }

      g_variant_builder_add (&buckets, "{s" BUCKET_TYPE "}", name, bucket->limit, &requests,
                             bucket->has_server,
                             valid ? (gint64)stint_budget_bucket_left (bucket, now) : (gint64)0,
                             bucket->server_at, bucket->server_resets_at);
    }

  return g_variant_print (g_variant_new (SAVED_TYPE, stint_budget_get_paused_until (self), &buckets),
                          FALSE);
}

/* Takes back what stint_budget_save() wrote; FALSE (and no change) for text
 * it cannot read. */
gboolean
stint_budget_load (StintBudget *self,
                   const char  *saved)
{
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GVariantIter) buckets = NULL;
  g_autoptr(GError) error = NULL;
  GVariantIter *requests;
  const char *name;
  gboolean has_server;
  gint64 paused_until, left, server_at, resets_at;
  guint limit;

  g_return_val_if_fail (STINT_IS_BUDGET (self), FALSE);
  g_return_val_if_fail (saved != NULL, FALSE);

  state = g_variant_parse (G_VARIANT_TYPE (SAVED_TYPE), saved, NULL, NULL, &error);
  if (state == NULL)
    {
      g_debug ("Ignoring a saved budget: %s", error->message);
      return FALSE;
    }

  g_variant_get (state, SAVED_TYPE, &paused_until, &buckets);
  while (g_variant_iter_next (buckets, "{&s" BUCKET_TYPE "}", &name, &limit, &requests, &has_server,
                              &left, &server_at, &resets_at))
    {
      StintBudgetBucket *bucket = stint_budget_get_bucket (self, name);
      StintBudgetRequest request;

      bucket->limit = limit;
      g_array_set_size (bucket->requests, 0);
      while (g_variant_iter_next (requests, REQUEST_TYPE, &request.at, &request.background))
        g_array_append_val (bucket->requests, request);
      g_variant_iter_free (requests);

      bucket->serial = bucket->requests->len;
      bucket->has_server = has_server;
      bucket->server_left = left;
      bucket->server_serial = bucket->serial;
      bucket->server_at = server_at;
      bucket->server_resets_at = resets_at;
    }

  if (paused_until > 0)
    stint_budget_pause (self, paused_until);
  stint_budget_update_left (self);

  return TRUE;
}
