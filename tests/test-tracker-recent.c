/* test-tracker-recent.c: the tracker's recent entries and the week's total
 *
 * The distinct activities offered again, the days read at start, entries
 * the sync changed in the store behind the tracker's back, older days read
 * on request, and the week's total from the first day of the user's week.
 * The fixture is in tracker-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tracker-fixture.h"

#include "model/stint-entry-list.h"

static void
test_distinct_recent (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) distinct = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "C", "A", "B", "A", "C", "D" };   /* oldest first */

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(StintEntry) entry = start (f, names[i]);
      advance (f, 60);
      stop (f);
      advance (f, 60);
    }

  /* Same description but billable is another activity. */
  {
    g_autoptr(StintEntry) billable = stint_tracker_start (f->tracker, "A", 0, NULL, TRUE, &error);
    g_assert_no_error (error);
    advance (f, 60);
    stop (f);
  }

  distinct = stint_tracker_get_distinct_recent (f->tracker, 10);
  g_assert_cmpuint (distinct->len, ==, 5);
  g_assert_cmpstr (stint_entry_get_description (g_ptr_array_index (distinct, 0)), ==, "A");
  g_assert_true (stint_entry_get_billable (g_ptr_array_index (distinct, 0)));
  g_assert_cmpstr (stint_entry_get_description (g_ptr_array_index (distinct, 1)), ==, "D");
  g_assert_cmpstr (stint_entry_get_description (g_ptr_array_index (distinct, 2)), ==, "C");
  g_assert_cmpstr (stint_entry_get_description (g_ptr_array_index (distinct, 3)), ==, "A");
  g_assert_false (stint_entry_get_billable (g_ptr_array_index (distinct, 3)));
  g_assert_cmpstr (stint_entry_get_description (g_ptr_array_index (distinct, 4)), ==, "B");
  g_clear_pointer (&distinct, g_ptr_array_unref);

  distinct = stint_tracker_get_distinct_recent (f->tracker, 2);
  g_assert_cmpuint (distinct->len, ==, 2);
  g_clear_pointer (&distinct, g_ptr_array_unref);

  /* What runs now is not offered again. */
  {
    g_autoptr(StintEntry) d = start (f, "D");
  }
  distinct = stint_tracker_get_distinct_recent (f->tracker, 10);
  g_assert_cmpuint (distinct->len, ==, 4);
  for (guint i = 0; i < distinct->len; i++)
    g_assert_cmpstr (stint_entry_get_description (g_ptr_array_index (distinct, i)), !=, "D");
}

static void
test_recent_window (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) old = stint_test_entry_new ("Long ago", T0 - 40 * 86400, T0 - 40 * 86400 + 60);
  g_autoptr(StintEntry) recent = stint_test_entry_new ("Last week", T0 - 6 * 86400, T0 - 6 * 86400 + 60);

  g_assert_true (stint_store_insert_entry (f->store, old, STINT_OUTBOX_NONE, &error));
  g_assert_true (stint_store_insert_entry (f->store, recent, STINT_OUTBOX_NONE, &error));
  reopen (f);
  g_assert_cmpuint (n_recent (f), ==, 1);

  /* Older entries still continue, straight from the store. */
  {
    g_autoptr(StintEntry) again = stint_tracker_continue (f->tracker, stint_entry_get_id (old), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (stint_entry_get_description (again), ==, "Long ago");
  }
}

/* What the sync layer does to the store behind the tracker's back, and how
 * the tracker follows when told which entries changed. */
static void
test_reload_entries (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) done = start (f, "Done");
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(StintEntry) row = NULL;
  g_autoptr(StintEntry) pulled = stint_test_entry_new ("From the web", T0 + 10, T0 + 20);
  gint64 ids[4];

  advance (f, 60);
  running = start (f, "Running");

  /* The server confirmed "Done" and renamed it; stopped "Running" elsewhere;
   * and an entry made in the browser arrived. */
  row = stint_store_load_entry (f->store, stint_entry_get_id (done), &error);
  g_assert_no_error (error);
  stint_entry_set_server_id (row, 4242);
  stint_entry_set_description (row, "Done (renamed on the web)");
  g_assert_true (stint_store_update_entry (f->store, row, STINT_OUTBOX_NONE, &error));
  g_clear_object (&row);
  row = stint_store_load_entry (f->store, stint_entry_get_id (running), &error);
  stint_entry_set_stop (row, T0 + 90);
  g_assert_true (stint_store_update_entry (f->store, row, STINT_OUTBOX_NONE, &error));
  g_assert_true (stint_store_insert_entry (f->store, pulled, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);

  ids[0] = stint_entry_get_id (done);
  ids[1] = stint_entry_get_id (running);
  ids[2] = stint_entry_get_id (pulled);
  stint_tracker_reload_entries (f->tracker, ids, 3);

  g_assert_cmpint (stint_entry_get_server_id (done), ==, 4242);
  g_assert_cmpstr (stint_entry_get_description (done), ==, "Done (renamed on the web)");
  g_assert_null (stint_tracker_get_running (f->tracker));
  g_assert_cmpint (stint_entry_get_stop (running), ==, T0 + 90);
  g_assert_cmpuint (n_recent (f), ==, 3);

  /* Deleted on the server. */
  g_assert_true (stint_store_delete_entry (f->store, done, STINT_OUTBOX_NONE, &error));
  ids[3] = stint_entry_get_id (done);
  stint_tracker_reload_entries (f->tracker, &ids[3], 1);
  g_assert_cmpuint (n_recent (f), ==, 2);
  g_assert_null (stint_entry_list_find (STINT_ENTRY_LIST (stint_tracker_get_recent (f->tracker)),
                                        stint_entry_get_id (done), NULL));

  /* Started on the server: it becomes the running entry here. */
  g_clear_object (&row);
  row = stint_test_entry_new ("Started on the phone", T0 + 100, 0);
  g_assert_true (stint_store_insert_entry (f->store, row, STINT_OUTBOX_NONE, &error));
  ids[0] = stint_entry_get_id (row);
  stint_tracker_reload_entries (f->tracker, ids, 1);
  g_assert_nonnull (stint_tracker_get_running (f->tracker));
  g_assert_cmpstr (stint_entry_get_description (stint_tracker_get_running (f->tracker)), ==,
                   "Started on the phone");

  /* A full reload agrees with the incremental one. */
  g_assert_true (stint_tracker_reload (f->tracker, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_recent (f), ==, 2);
  g_assert_cmpstr (stint_entry_get_description (stint_tracker_get_running (f->tracker)), ==,
                   "Started on the phone");
}

static void
test_load_older (Fixture       *f,
                 gconstpointer  data)
{
  const gint64 day = 24 * 3600;
  g_autoptr(StintEntry) a = insert_finished (f, "Three weeks ago", T0 - 20 * day, T0 - 20 * day + 600);
  g_autoptr(StintEntry) b = insert_finished (f, "Three weeks and a day", T0 - 21 * day, T0 - 21 * day + 600);
  g_autoptr(StintEntry) c = insert_finished (f, "Two months ago", T0 - 60 * day, T0 - 60 * day + 600);
  g_autoptr(StintEntry) d = insert_finished (f, "Today", T0 - 3600, T0 - 1800);
  g_autoptr(GError) error = NULL;

  reopen (f);
  g_assert_cmpuint (n_recent (f), ==, 1);
  g_assert_false (stint_tracker_get_all_loaded (f->tracker));

  /* The next days that have entries, however far back. */
  g_assert_cmpint (stint_tracker_load_older (f->tracker, 7, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (n_recent (f), ==, 3);
  g_assert_cmpint (stint_tracker_load_older (f->tracker, 7, &error), ==, 1);
  g_assert_cmpuint (n_recent (f), ==, 4);
  g_assert_cmpint (stint_tracker_load_older (f->tracker, 7, &error), ==, 0);
  g_assert_true (stint_tracker_get_all_loaded (f->tracker));

  /* A reload (an account connected, the server sent projects) keeps them. */
  g_assert_true (stint_tracker_reload (f->tracker, &error));
  g_assert_cmpuint (n_recent (f), ==, 4);
}

static void
test_week_total (Fixture       *f,
                 gconstpointer  data)
{
  /* T0 is Sunday 2025-11-23, 12:13:20 UTC (the tests run in UTC). */
  const gint64 monday = 1763337600;   /* 2025-11-17 00:00 UTC */
  const gint64 today = 1763856000;    /* 2025-11-23 00:00 UTC */
  g_autoptr(StintEntry) last_week = insert_finished (f, "Last week", monday - 7200, monday - 3600);
  g_autoptr(StintEntry) on_monday = insert_finished (f, "Monday", monday + 9 * 3600, monday + 10 * 3600);
  g_autoptr(StintEntry) this_morning = insert_finished (f, "This morning", today + 3600, today + 5400);
  g_autoptr(StintEntry) lunch = stint_test_entry_new ("Lunch", today + 5400, today + 7200);
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(GError) error = NULL;

  /* A Focus break is not work: the week total leaves it out, as the day
   * totals and today's total do. */
  stint_entry_set_break (lunch, TRUE);
  g_assert_true (stint_store_insert_entry (f->store, lunch, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);

  /* gtk_init() and main() set the user's locale; here it is C: Monday. */
  g_assert_cmpint (stint_tracker_locale_first_weekday (), ==, G_DATE_MONDAY);

  reopen (f);
  stint_tracker_set_first_weekday (f->tracker, G_DATE_MONDAY);
  g_assert_cmpint (stint_tracker_get_week_start (f->tracker), ==, monday);
  running = start (f, "Now");
  advance (f, 600);
  g_assert_cmpint (stint_tracker_get_week_total (f->tracker), ==, 3600 + 1800 + 600);

  /* Where weeks start on Sunday, this one began today. */
  stint_tracker_set_first_weekday (f->tracker, G_DATE_SUNDAY);
  g_assert_cmpint (stint_tracker_get_week_start (f->tracker), ==, today);
  g_assert_cmpint (stint_tracker_get_week_total (f->tracker), ==, 1800 + 600);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/tracker/distinct-recent", test_distinct_recent);
  ADD ("/stint/tracker/recent-window", test_recent_window);
  ADD ("/stint/tracker/reload-entries", test_reload_entries);
  ADD ("/stint/tracker/load-older", test_load_older);
  ADD ("/stint/tracker/week-total", test_week_total);
#undef ADD

  return g_test_run ();
}
