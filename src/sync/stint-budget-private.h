/* stint-budget-private.h: what stint-budget*.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-budget.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   at;
  gboolean background;
} StintBudgetRequest;

typedef struct
{
  guint    limit;
  GArray  *requests;          /* StintBudgetRequest, oldest first, the last hour only */
  guint64  serial;            /* requests ever recorded */

  /* The server's last word: @server_left requests were left just after
   * request number @server_serial. */
  gboolean has_server;
  gint64   server_left;
  guint64  server_serial;
  gint64   server_at;
  gint64   server_resets_at;  /* 0 when it did not say */
} StintBudgetBucket;

struct _StintBudget
{
  GObject     parent_instance;

  StintClock *clock;
  GHashTable *buckets;        /* name → StintBudgetBucket */
  guint       background_cap;
  gint64      paused_until;
  int         requests_left;  /* as last notified */
};

/* stint-budget.c: the accounting, which loading a saved budget fills in
 * and saving one reads. */
StintBudgetBucket *stint_budget_get_bucket          (StintBudget       *self,
                                                     const char        *name);
void               stint_budget_bucket_prune        (StintBudgetBucket *bucket,
                                                     gint64             now);
gboolean           stint_budget_bucket_server_valid (StintBudgetBucket *bucket,
                                                     gint64             now);
int                stint_budget_bucket_left         (StintBudgetBucket *bucket,
                                                     gint64             now);
void               stint_budget_update_left         (StintBudget       *self);

G_END_DECLS
