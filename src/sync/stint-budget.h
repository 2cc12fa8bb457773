/* stint-budget.h: Toggl's hourly request quota, counted on our side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "api/stint-api-error.h"
#include "util/stint-clock.h"

G_BEGIN_DECLS

/* The quota buckets the backends name in StintBackend::response. */
#define STINT_BUDGET_BUCKET_USER         "user"          /* Track /me… */
#define STINT_BUDGET_BUCKET_WORKSPACE    "workspace"     /* Track /workspaces/… */
#define STINT_BUDGET_BUCKET_ORGANIZATION "organization"  /* Focus */

/* Toggl's Free plan, and every plan for /me…: requests per hour. */
#define STINT_BUDGET_DEFAULT_LIMIT 30

/**
 * StintBudgetPriority:
 * @STINT_BUDGET_USER: a change the user made, or what sending it needs
 * @STINT_BUDGET_BACKGROUND: a refresh nobody asked for just now: the first
 *   to yield, before the quota runs low
 */
typedef enum {
  STINT_BUDGET_USER,
  STINT_BUDGET_BACKGROUND,
} StintBudgetPriority;

#define STINT_TYPE_BUDGET (stint_budget_get_type ())
G_DECLARE_FINAL_TYPE (StintBudget, stint_budget, STINT, BUDGET, GObject)

StintBudget *stint_budget_new                (StintClock          *clock);

void         stint_budget_set_limit          (StintBudget         *self,
                                              const char          *bucket,
                                              guint                per_hour);
guint        stint_budget_get_limit          (StintBudget         *self,
                                              const char          *bucket);
void         stint_budget_set_background_cap (StintBudget         *self,
                                              guint                per_hour);

void         stint_budget_record             (StintBudget         *self,
                                              const char          *bucket,
                                              const StintApiMeta  *meta,
                                              StintBudgetPriority  priority);
gint64       stint_budget_check              (StintBudget         *self,
                                              const char          *bucket,
                                              StintBudgetPriority  priority);
void         stint_budget_pause              (StintBudget         *self,
                                              gint64               until);

int          stint_budget_get_left           (StintBudget         *self,
                                              const char          *bucket);
int          stint_budget_get_requests_left  (StintBudget         *self);
gint64       stint_budget_get_paused_until   (StintBudget         *self);
char       **stint_budget_list_buckets       (StintBudget         *self);
guint        stint_budget_count_hour         (StintBudget         *self,
                                              const char          *bucket,
                                              gboolean             background_only);

char        *stint_budget_save               (StintBudget         *self);
gboolean     stint_budget_load               (StintBudget         *self,
                                              const char          *saved);

/*
 * Properties (read-only, notify when a reply is counted or the quota
 * pauses; the sliding hour moving on does not tick them):
 *   "requests-left" (int): requests left this hour in the tightest bucket
 *   "paused-until" (gint64): Unix seconds until which nothing may be sent
 *     (the server answered 402), 0 when not paused
 */

G_END_DECLS
