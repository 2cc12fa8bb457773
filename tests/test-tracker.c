/* test-tracker.c: start, stop, continue, update, delete and their rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core/stint-tracker.h"
#include "model/stint-entry-list.h"
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

static void
on_running_notify (Fixture *f)
{
  f->running_notifies++;
}

static void
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

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = stint_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "stint.db", NULL);
  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  reopen (f);
}

static void
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

static void
advance (Fixture *f,
         gint64   seconds)
{
  stint_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
}

static StintEntry *
start (Fixture    *f,
       const char *description)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry = stint_tracker_start (f->tracker, description, 0, NULL, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entry);
  return entry;
}

static void
stop (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = stint_tracker_stop (f->tracker, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entry);
}

static guint
n_recent (Fixture *f)
{
  return g_list_model_get_n_items (stint_tracker_get_recent (f->tracker));
}

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

static StintEntry *
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

static void
test_quick_start (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) again = NULL;
  g_autoptr(StintEntry) defaults = stint_entry_new ();
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(StintUnknownNames) unknown = NULL;
  g_autoptr(StintProject) other = NULL;
  g_autoptr(GError) error = NULL;
  StintProject *project;
  const char *default_tags[] = { "meeting", NULL };

  /* Nothing is known yet: the entry starts without the names, which come
   * back to be offered; nothing was created on the side. */
  entry = stint_tracker_start_quick (f->tracker, "Review PR #42 @Stint #code $", NULL, 0,
                                     STINT_START_DEFAULT, &unknown, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (entry), ==, "Review PR #42");
  g_assert_cmpint (stint_entry_get_project_id (entry), ==, 0);
  g_assert_null (stint_entry_get_tags (entry)[0]);
  g_assert_true (stint_entry_get_billable (entry));
  g_assert_cmpint (stint_entry_get_start (entry), ==, T0);
  g_assert_nonnull (unknown);
  g_assert_cmpstr (unknown->project, ==, "Stint");
  g_assert_cmpstr (unknown->tags[0], ==, "code");
  g_assert_null (unknown->tags[1]);
  g_assert_cmpuint (g_list_model_get_n_items (stint_tracker_get_projects (f->tracker)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (stint_tracker_get_tags (f->tracker)), ==, 0);

  /* The user chose Create: the names exist and the entry has them. */
  g_assert_true (stint_tracker_adopt_names (f->tracker, stint_entry_get_id (entry), unknown, &error));
  g_assert_no_error (error);
  project = stint_tracker_find_project (f->tracker, "Stint");
  g_assert_nonnull (project);
  g_assert_cmpint (stint_entry_get_project_id (entry), ==, stint_project_get_id (project));
  g_assert_cmpstr (stint_entry_get_tags (entry)[0], ==, "code");
  g_assert_true (stint_tracker_knows_tag (f->tracker, "code"));
  stored = stint_store_load_entry (f->store, stint_entry_get_id (entry), &error);
  g_assert_cmpint (stint_entry_get_project_id (stored), ==, stint_project_get_id (project));
  g_assert_cmpstr (stint_entry_get_tags (stored)[0], ==, "code");
  g_clear_pointer (&unknown, stint_unknown_names_free);

  /* Known names match whatever the case, in the spelling Stint has. */
  advance (f, 60);
  again = stint_tracker_start_quick (f->tracker, "More @stint #CODE", NULL, 0,
                                     STINT_START_DEFAULT, &unknown, &error);
  g_assert_no_error (error);
  g_assert_null (unknown);
  g_assert_cmpint (stint_entry_get_project_id (again), ==, stint_project_get_id (project));
  g_assert_cmpstr (stint_entry_get_tags (again)[0], ==, "code");
  g_assert_false (stint_entry_get_billable (again));

  /* What the window chose (picker, autocompletion) fills the gaps. */
  other = stint_tracker_create_project (f->tracker, "Other", "#3584e4", &error);
  g_assert_no_error (error);
  stint_entry_set_project_id (defaults, stint_project_get_id (other));
  stint_entry_set_tags (defaults, default_tags);
  stint_entry_set_billable (defaults, TRUE);
  advance (f, 60);
  g_clear_object (&again);
  again = stint_tracker_start_quick (f->tracker, "Planning #code", defaults, 0,
                                     STINT_START_DEFAULT, &unknown, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_project_id (again), ==, stint_project_get_id (other));
  g_assert_cmpstr (stint_entry_get_tags (again)[0], ==, "meeting");
  g_assert_cmpstr (stint_entry_get_tags (again)[1], ==, "code");
  g_assert_true (stint_entry_get_billable (again));

  /* The text's own @project wins over the picker's. */
  advance (f, 60);
  g_clear_object (&again);
  again = stint_tracker_start_quick (f->tracker, "Planning @Stint", defaults, 0,
                                     STINT_START_DEFAULT, &unknown, &error);
  g_assert_cmpint (stint_entry_get_project_id (again), ==, stint_project_get_id (project));

  /* What the command line asks before starting. */
  unknown = stint_tracker_find_unknown (f->tracker, "x @Nope #new #Code");
  g_assert_cmpstr (unknown->project, ==, "Nope");
  g_assert_cmpstr (unknown->tags[0], ==, "new");
  g_assert_null (unknown->tags[1]);
  g_clear_pointer (&unknown, stint_unknown_names_free);
  g_assert_null (stint_tracker_find_unknown (f->tracker, "Known @Other #code $"));
}

static void
test_apply_quick (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintEntry) entry = start (f, "Typo");
  g_autoptr(StintProject) project = NULL;
  g_autoptr(StintUnknownNames) unknown = NULL;
  g_autoptr(GError) error = NULL;

  project = stint_tracker_create_project (f->tracker, "Stint", NULL, &error);
  g_assert_no_error (error);

  g_assert_true (stint_tracker_apply_quick (f->tracker, stint_entry_get_id (entry),
                                            "Review PR #42 @Stint #review", &unknown, &error));
  g_assert_no_error (error);
  g_assert_true (stint_tracker_get_running (f->tracker) == entry);
  g_assert_cmpstr (stint_entry_get_description (entry), ==, "Review PR #42");
  g_assert_cmpint (stint_entry_get_project_id (entry), ==, stint_project_get_id (project));
  g_assert_null (stint_entry_get_tags (entry)[0]);
  g_assert_cmpstr (unknown->tags[0], ==, "review");

  /* A plain rename keeps project and tags. */
  g_assert_true (stint_tracker_adopt_names (f->tracker, stint_entry_get_id (entry), unknown, &error));
  g_assert_true (stint_tracker_apply_quick (f->tracker, stint_entry_get_id (entry), "Review PR",
                                            NULL, &error));
  g_assert_cmpstr (stint_entry_get_description (entry), ==, "Review PR");
  g_assert_cmpint (stint_entry_get_project_id (entry), ==, stint_project_get_id (project));
  g_assert_cmpstr (stint_entry_get_tags (entry)[0], ==, "review");
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
  ADD ("/stint/tracker/start-stop", test_start_stop);
  ADD ("/stint/tracker/start-while-running", test_start_while_running);
  ADD ("/stint/tracker/continue", test_continue_copies_activity);
  ADD ("/stint/tracker/toggle", test_toggle);
  ADD ("/stint/tracker/update-rules", test_update_rules);
  ADD ("/stint/tracker/delete", test_delete);
  ADD ("/stint/tracker/distinct-recent", test_distinct_recent);
  ADD ("/stint/tracker/outbox-follows-mode", test_outbox_follows_mode);
  ADD ("/stint/tracker/recent-window", test_recent_window);
  ADD ("/stint/tracker/reload-entries", test_reload_entries);
  ADD ("/stint/tracker/quick-start", test_quick_start);
  ADD ("/stint/tracker/apply-quick", test_apply_quick);
  ADD ("/stint/tracker/start-stop-at", test_start_stop_at);
  ADD ("/stint/tracker/load-older", test_load_older);
  ADD ("/stint/tracker/week-total", test_week_total);
#undef ADD

  return g_test_run ();
}
