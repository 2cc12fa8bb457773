/* test-tracker.c: start, stop, continue, update, delete and their rules
 *
 * Also the toggle, a start or stop at a time the user gives, and the
 * outbox following the sync mode. test-tracker-quick.c has the quick
 * syntax, test-tracker-recent.c the recent list and the week's total; the
 * fixture is in tracker-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tracker-fixture.h"

static void
test_start_stop (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(StintEntry) first = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (stint_tracker_get_running (f->tracker));
  entry = start (f, "Writing report");
  g_assert_true (stint_tracker_get_running (f->tracker) == entry);
  g_assert_cmpuint (f->running_notifies, ==, 1);
  g_assert_cmpint (stint_entry_get_start (entry), ==, T0);
  g_assert_true (stint_entry_is_running (entry));
  g_assert_cmpint (stint_entry_get_id (entry), >, 0);
  g_assert_cmpuint (n_recent (f), ==, 0);

  /* On disk before anyone sees it. */
  stored = stint_store_load_running (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (stored), ==, "Writing report");

  advance (f, 5400);
  stop (f);
  g_assert_null (stint_tracker_get_running (f->tracker));
  g_assert_cmpuint (f->running_notifies, ==, 2);
  g_assert_cmpint (stint_entry_get_stop (entry), ==, T0 + 5400);
  g_assert_cmpuint (n_recent (f), ==, 1);
  first = g_list_model_get_item (stint_tracker_get_recent (f->tracker), 0);
  g_assert_true (first == entry);

  g_clear_object (&stored);
  stored = stint_store_load_running (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (stored);

  /* Nothing runs: stop says so, and changes nothing. */
  g_assert_null (stint_tracker_stop (f->tracker, &error));
  g_assert_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_NOT_RUNNING);
  g_assert_cmpuint (n_recent (f), ==, 1);
}

static void
test_start_while_running (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StintEntry) a = start (f, "A");
  g_autoptr(StintEntry) b = NULL;

  advance (f, 600);
  b = start (f, "B");
  g_assert_false (stint_entry_is_running (a));
  g_assert_cmpint (stint_entry_get_stop (a), ==, stint_entry_get_start (b));
  g_assert_true (stint_tracker_get_running (f->tracker) == b);
  g_assert_cmpuint (n_recent (f), ==, 1);

  /* And so it stays after a restart. */
  reopen (f);
  g_assert_cmpstr (stint_entry_get_description (stint_tracker_get_running (f->tracker)), ==, "B");
  g_assert_cmpuint (n_recent (f), ==, 1);
}

static void
test_continue_copies_activity (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintProject) project = stint_tracker_create_project (f->tracker, " Stint ", "#3584e4", &error);
  const char *tags[] = { "code", "review", NULL };
  g_autoptr(StintEntry) a = NULL;
  g_autoptr(StintEntry) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (stint_project_get_name (project), ==, "Stint");
  a = stint_tracker_start (f->tracker, "Review PR", stint_project_get_id (project), tags, TRUE, &error);
  g_assert_no_error (error);
  advance (f, 60);
  stop (f);
  advance (f, 60);

  b = stint_tracker_continue (f->tracker, stint_entry_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_true (b != a);
  g_assert_cmpint (stint_entry_get_start (b), ==, T0 + 120);
  g_assert_true (stint_entry_same_activity (a, b));
  g_assert_true (stint_tracker_lookup_project (f->tracker, stint_entry_get_project_id (b)) == project);

  g_assert_null (stint_tracker_continue (f->tracker, 424242, &error));
  g_assert_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_NOT_FOUND);
}

static void
test_toggle (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) first = NULL;
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(StintEntry) resumed = NULL;

  /* Nothing before: a fresh, empty entry. */
  first = stint_tracker_toggle (f->tracker, &error);
  g_assert_no_error (error);
  g_assert_true (stint_entry_is_running (first));
  g_assert_cmpstr (stint_entry_get_description (first), ==, "");

  stint_entry_set_description (first, NULL);
  advance (f, 60);
  stopped = stint_tracker_toggle (f->tracker, &error);
  g_assert_true (stopped == first);
  g_assert_null (stint_tracker_get_running (f->tracker));

  {
    g_autoptr(StintEntry) named = start (f, "Email");
    advance (f, 60);
    stop (f);
  }

  /* Toggle resumes the most recent activity. */
  resumed = stint_tracker_toggle (f->tracker, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (resumed), ==, "Email");
}

static void
test_update_rules (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) done = start (f, "Done");
  g_autoptr(StintEntry) edited = NULL;
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(StintEntry) reloaded = NULL;
  g_autofree char *long_text = g_strnfill (STINT_DESCRIPTION_MAX_CHARS + 1, 'x');

  advance (f, 3600);
  stop (f);
  advance (f, 3600);
  running = start (f, "Running");

  /* A plain fix lands everywhere. */
  edited = stint_entry_copy (done);
  stint_entry_set_description (edited, "Done properly");
  stint_entry_set_start (edited, T0 - 1800);
  g_assert_true (stint_tracker_update (f->tracker, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (done), ==, "Done properly");
  reloaded = stint_store_load_entry (f->store, stint_entry_get_id (done), &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_start (reloaded), ==, T0 - 1800);

#define REFUSED(mutate, fragment) G_STMT_START {                                  \
    g_autoptr(StintEntry) bad = stint_entry_copy (done);                          \
    mutate;                                                                        \
    g_assert_false (stint_tracker_update (f->tracker, bad, &error));              \
    g_assert_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID);     \
    g_assert_nonnull (strstr (error->message, fragment));                        \
    g_clear_error (&error);                                                        \
  } G_STMT_END

  REFUSED (stint_entry_set_stop (bad, stint_entry_get_start (bad) - 1), "end before it starts");
  REFUSED (stint_entry_set_stop (bad, T0 + 99999), "future");
  REFUSED (stint_entry_set_stop (bad, T0 + 7200 + 60), "overlap");
  REFUSED (stint_entry_set_start (bad, stint_entry_get_stop (bad) - STINT_DURATION_MAX_SECONDS - 1), "999");
  REFUSED (stint_entry_set_description (bad, long_text), "too long");
  REFUSED (stint_entry_set_stop (bad, 0), "cannot run again");
#undef REFUSED

  /* Refusals changed nothing. */
  g_assert_cmpstr (stint_entry_get_description (done), ==, "Done properly");
  g_assert_cmpint (stint_entry_get_stop (done), ==, T0 + 3600);

  /* The running entry's start can move back, and stopping it by edit moves it to the list. */
  g_clear_object (&edited);
  edited = stint_entry_copy (running);
  stint_entry_set_start (edited, stint_entry_get_start (running) - 600);
  g_assert_true (stint_tracker_update (f->tracker, edited, &error));
  g_assert_cmpint (stint_entry_get_start (running), ==, T0 + 7200 - 600);
  stint_entry_set_stop (edited, T0 + 7200);
  g_assert_true (stint_tracker_update (f->tracker, edited, &error));
  g_assert_no_error (error);
  g_assert_null (stint_tracker_get_running (f->tracker));
  g_assert_cmpuint (n_recent (f), ==, 2);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) a = start (f, "A");
  g_autoptr(StintEntry) b = NULL;
  g_autoptr(StintEntry) gone = NULL;

  advance (f, 60);
  b = start (f, "B");
  g_assert_true (stint_tracker_delete (f->tracker, stint_entry_get_id (a), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_recent (f), ==, 0);
  gone = stint_store_load_entry (f->store, stint_entry_get_id (a), &error);
  g_assert_null (gone);
  g_clear_error (&error);

  g_assert_true (stint_tracker_delete (f->tracker, stint_entry_get_id (b), &error));
  g_assert_null (stint_tracker_get_running (f->tracker));

  reopen (f);
  g_assert_null (stint_tracker_get_running (f->tracker));
  g_assert_cmpuint (n_recent (f), ==, 0);

  /* Undo brings both back, the running one running again. */
  {
    g_autoptr(StintEntry) back_a = stint_tracker_restore (f->tracker, a, &error);
    g_autoptr(StintEntry) back_b = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (stint_entry_get_description (back_a), ==, "A");
    g_assert_cmpint (stint_entry_get_start (back_a), ==, stint_entry_get_start (a));
    g_assert_cmpuint (n_recent (f), ==, 1);
    back_b = stint_tracker_restore (f->tracker, b, &error);
    g_assert_no_error (error);
    g_assert_true (stint_tracker_get_running (f->tracker) == back_b);

    /* A second running entry cannot come back over it. */
    g_assert_null (stint_tracker_restore (f->tracker, b, &error));
    g_assert_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID);
  }
  reopen (f);
  g_assert_cmpuint (n_recent (f), ==, 1);
  g_assert_nonnull (stint_tracker_get_running (f->tracker));
}

static void
test_outbox_follows_mode (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StintEntry) local = start (f, "Local");

  advance (f, 60);
  stop (f);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_cmpint (stint_entry_get_sync_state (local), ==, STINT_SYNC_STATE_SYNCED);

  stint_tracker_set_sync_enabled (f->tracker, TRUE);
  {
    g_autoptr(StintEntry) synced = start (f, "Synced");

    g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 1);
    g_assert_cmpint (stint_entry_get_sync_state (synced), ==, STINT_SYNC_STATE_PENDING);
    advance (f, 60);
    stop (f);
    g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 2);
  }
}

static void
test_start_stop_at (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StintEntry) last = insert_finished (f, "Morning", T0 - 3600, T0 - 600);
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) next = NULL;
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_tracker_reload (f->tracker, &error));
  g_assert_cmpint (stint_tracker_get_last_stop (f->tracker), ==, T0 - 600);

  /* Not in the future; not over the last entry unless the user says so. */
  g_assert_null (stint_tracker_start_at (f->tracker, "Later", 0, NULL, FALSE, T0 + 3600,
                                         STINT_START_DEFAULT, &error));
  g_assert_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (stint_tracker_start_at (f->tracker, "Overlap", 0, NULL, FALSE, T0 - 1200,
                                         STINT_START_DEFAULT, &error));
  g_assert_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_OVERLAP);
  g_assert_nonnull (strstr (error->message, "before the last entry ended"));
  g_clear_error (&error);
  g_assert_null (stint_tracker_get_running (f->tracker));

  /* "At the end of the last entry". */
  entry = stint_tracker_start_at (f->tracker, "Forgot to start", 0, NULL, FALSE,
                                  stint_tracker_get_last_stop (f->tracker),
                                  STINT_START_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_start (entry), ==, T0 - 600);

  /* A later start while tracking stops the running entry then; an earlier
   * one than its start is refused. */
  g_assert_null (stint_tracker_start_at (f->tracker, "Before", 0, NULL, FALSE, T0 - 900,
                                         STINT_START_DEFAULT, &error));
  g_assert_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  next = stint_tracker_start_at (f->tracker, "Switched", 0, NULL, FALSE, T0 - 300,
                                 STINT_START_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_stop (entry), ==, T0 - 300);
  g_assert_true (stint_tracker_get_running (f->tracker) == next);

  /* Forgot to stop: not in the future, not before the start. */
  g_assert_null (stint_tracker_stop_at (f->tracker, T0 + 600, &error));
  g_assert_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (stint_tracker_stop_at (f->tracker, T0 - 400, &error));
  g_assert_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  stopped = stint_tracker_stop_at (f->tracker, T0 - 60, &error);
  g_assert_no_error (error);
  g_assert_true (stopped == next);
  g_assert_cmpint (stint_entry_get_stop (next), ==, T0 - 60);
  g_assert_null (stint_tracker_get_running (f->tracker));
  g_assert_cmpuint (n_recent (f), ==, 3);

  g_clear_object (&stopped);
  g_assert_null (stint_tracker_stop_at (f->tracker, T0, &error));
  g_assert_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_NOT_RUNNING);
  g_clear_error (&error);

  /* Confirmed by the user, an overlap is allowed. */
  g_clear_object (&entry);
  entry = stint_tracker_start_at (f->tracker, "Overlap", 0, NULL, FALSE, T0 - 1200,
                                  STINT_START_ALLOW_OVERLAP, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/tracker/start-stop", test_start_stop);
  ADD ("/stint/tracker/start-while-running", test_start_while_running);
  ADD ("/stint/tracker/continue", test_continue_copies_activity);
  ADD ("/stint/tracker/toggle", test_toggle);
  ADD ("/stint/tracker/update-rules", test_update_rules);
  ADD ("/stint/tracker/delete", test_delete);
  ADD ("/stint/tracker/outbox-follows-mode", test_outbox_follows_mode);
  ADD ("/stint/tracker/start-stop-at", test_start_stop_at);
#undef ADD

  return g_test_run ();
}
