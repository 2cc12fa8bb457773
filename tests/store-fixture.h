/* store-fixture.h: what the StintStore tests share
 *
 * Included by test-store.c, test-store-outbox.c, test-store-files.c,
 * test-store-migrate.c, test-store-accounts.c and test-store-sync.c, which
 * are one suite split by topic: a store in a temporary folder (the
 * StintTestStore of stint-test-utils.h), the times and the account they
 * use, and the assertions and counts more than one of them needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "store/stint-store.h"
#include "stint-test-utils.h"

/* 2024-03-01 09:00 UTC */
#define T0 G_GINT64_CONSTANT (1709283600)
#define HOUR 3600

/* An account of Toggl Track, beside local mode's (schema 3). */
#define TRACK "track:4242"

/* The store lives in tmpdir/data/stint, which it makes itself. */
typedef StintTestStore Fixture;

G_GNUC_UNUSED static void
assert_not_stored (StintStore *store,
                   gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = NULL;

  entry = stint_store_load_entry (store, id, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND);
  g_assert_null (entry);
}

G_GNUC_UNUSED static void
insert (StintStore      *store,
        StintEntry      *entry,
        StintOutboxKind  kind)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_store_insert_entry (store, entry, kind, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_id (entry), >, 0);
}

G_GNUC_UNUSED static void
assert_entries_equal (StintEntry *a,
                      StintEntry *b)
{
  g_assert_cmpint (stint_entry_get_id (a), ==, stint_entry_get_id (b));
  g_assert_cmpint (stint_entry_get_server_id (a), ==, stint_entry_get_server_id (b));
  g_assert_cmpint (stint_entry_get_workspace_id (a), ==, stint_entry_get_workspace_id (b));
  g_assert_cmpint (stint_entry_get_project_id (a), ==, stint_entry_get_project_id (b));
  g_assert_cmpint (stint_entry_get_task_id (a), ==, stint_entry_get_task_id (b));
  g_assert_cmpstr (stint_entry_get_description (a), ==, stint_entry_get_description (b));
  g_assert_true (g_strv_equal (stint_entry_get_tags (a), stint_entry_get_tags (b)));
  g_assert_cmpint (stint_entry_get_billable (a), ==, stint_entry_get_billable (b));
  g_assert_cmpint (stint_entry_get_start (a), ==, stint_entry_get_start (b));
  g_assert_cmpint (stint_entry_get_stop (a), ==, stint_entry_get_stop (b));
  g_assert_cmpint (stint_entry_get_at (a), ==, stint_entry_get_at (b));
  g_assert_cmpint (stint_entry_get_sync_state (a), ==, stint_entry_get_sync_state (b));
  g_assert_cmpstr (stint_entry_get_sync_error (a), ==, stint_entry_get_sync_error (b));
}

G_GNUC_UNUSED static guint
count_entries (StintStore *store)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = stint_store_load_entries (store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);

  return entries->len;
}

G_GNUC_UNUSED static guint
count_projects (StintStore *store)
{
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;

  projects = stint_store_load_projects (store, &error);
  g_assert_no_error (error);

  return projects->len;
}

G_GNUC_UNUSED static guint
count_tags (StintStore *store)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  tags = stint_store_load_tags (store, &error);
  g_assert_no_error (error);

  return tags->len;
}

G_GNUC_UNUSED static StintOutboxOp *
outbox_op (GPtrArray *ops,
           guint      index)
{
  g_assert_cmpuint (index, <, ops->len);
  return ops->pdata[index];
}

G_GNUC_UNUSED static GPtrArray *
load_outbox (StintStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *ops;

  ops = stint_store_load_outbox (store, &error);
  g_assert_no_error (error);

  return ops;
}
