/* tracker-fixture.h: what the StintTracker tests share
 *
 * Included by test-tracker.c, test-tracker-quick.c and
 * test-tracker-recent.c, which are one suite split by topic: a store in a
 * temporary folder, a manual clock and a tracker over them that a test can
 * reopen as after a restart, counting the changes of its running entry;
 * and the shortcuts to start, stop and insert finished entries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "core/stint-tracker.h"
#include "stint-test-utils.h"

#define T0 ((gint64)1763900000)   /* 2025-11-23 12:13:20 UTC */

typedef struct
{
  char         *dir;
  char         *path;
  StintStore   *store;
  StintClock   *clock;
  StintTracker *tracker;
  guint         running_notifies;
} Fixture;

G_GNUC_UNUSED static void
on_running_notify (Fixture *f)
{
  f->running_notifies++;
}

G_GNUC_UNUSED static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->tracker);
  g_clear_object (&f->store);
  f->store = stint_store_open (f->path, &error);
  g_assert_no_error (error);
  f->tracker = stint_tracker_new (f->store, f->clock, 14, &error);
  g_assert_no_error (error);
  g_signal_connect_swapped (f->tracker, "notify::running", G_CALLBACK (on_running_notify), f);
}

G_GNUC_UNUSED static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = stint_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "stint.db", NULL);
  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  reopen (f);
}

G_GNUC_UNUSED static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->tracker);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  stint_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

G_GNUC_UNUSED static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
}

G_GNUC_UNUSED static StintEntry *
start (Fixture    *f,
       const char *description)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry = stint_tracker_start (f->tracker, description, 0, NULL, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entry);
  return entry;
}

G_GNUC_UNUSED static void
stop (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = stint_tracker_stop (f->tracker, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entry);
}

G_GNUC_UNUSED static guint
n_recent (Fixture *f)
{
  return g_list_model_get_n_items (stint_tracker_get_recent (f->tracker));
}

G_GNUC_UNUSED static StintEntry *
insert_finished (Fixture    *f,
                 const char *description,
                 gint64      start,
                 gint64      stop)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new (description, start, stop);
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_store_insert_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&entry);
}
