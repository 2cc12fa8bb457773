/* test-default-project.c: a new entry started without a project gets the
 * default one; nothing else does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core/stint-tracker.h"
#include "stint-test-utils.h"

#define T0 ((gint64)1763900000)   /* 2025-11-23 12:13:20 UTC */

typedef struct
{
  char         *dir;
  StintStore   *store;
  StintClock   *clock;
  StintTracker *tracker;
  gint64        stint_id;      /* the default project */
  gint64        other_id;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(StintProject) stint = NULL;
  g_autoptr(StintProject) other = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = stint_test_make_tmpdir ();
  path = g_build_filename (f->dir, "stint.db", NULL);
  f->store = stint_store_open (path, &error);
  g_assert_no_error (error);
  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  f->tracker = stint_tracker_new (f->store, f->clock, 14, &error);
  g_assert_no_error (error);

  stint = stint_tracker_create_project (f->tracker, "Stint", "#3584e4", &error);
  g_assert_no_error (error);
  other = stint_tracker_create_project (f->tracker, "Other", "#e01b24", &error);
  g_assert_no_error (error);
  f->stint_id = stint_project_get_id (stint);
  f->other_id = stint_project_get_id (other);

  /* As the application binds the "default-project-id" setting. */
  g_object_set (f->tracker, "default-project-id", f->stint_id, NULL);
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
}

static gint64
project_of (StintEntry *entry)
{
  g_assert_nonnull (entry);
  return stint_entry_get_project_id (entry);
}

static void
stop (Fixture *f)
{
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;

  stint_clock_advance (f->clock, 60 * G_USEC_PER_SEC);
  stopped = stint_tracker_stop (f->tracker, &error);
  g_assert_no_error (error);
}

/* Every way to start a new entry with no project: the tray's Start (a
 * toggle with nothing to continue), the timer bar and `stint --start`. */
static void
test_applied_on_start (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(StintEntry) toggled = NULL;
  g_autoptr(StintEntry) started = NULL;
  g_autoptr(StintEntry) quick = NULL;
  g_autoptr(StintEntry) named = NULL;
  g_autoptr(StintEntry) picked = NULL;
  g_autoptr(StintEntry) defaults = stint_entry_new ();
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(GError) error = NULL;

  toggled = stint_tracker_toggle (f->tracker, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (toggled), ==, f->stint_id);

  /* What was saved, not only what is shown. */
  stored = stint_store_load_running (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (stored), ==, f->stint_id);
  stop (f);

  started = stint_tracker_start (f->tracker, "Plain", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (started), ==, f->stint_id);
  stop (f);

  quick = stint_tracker_start_quick (f->tracker, "Review #code", NULL, 0, STINT_START_DEFAULT,
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (quick), ==, f->stint_id);
  stop (f);

  /* A project named or picked wins. */
  named = stint_tracker_start_quick (f->tracker, "Review @other", NULL, 0, STINT_START_DEFAULT,
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (named), ==, f->other_id);
  stop (f);

  stint_entry_set_project_id (defaults, f->other_id);
  picked = stint_tracker_start_quick (f->tracker, "Picked", defaults, 0, STINT_START_DEFAULT,
                                      NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (picked), ==, f->other_id);
}

/* Only a start with nothing said about the project: a name Stint does not
 * know is the user's to create, a continue repeats what was done, and a
 * restored entry is what it was. */
static void
test_not_applied (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintEntry) unknown_start = NULL;
  g_autoptr(StintUnknownNames) unknown = NULL;
  g_autoptr(StintEntry) bare = NULL;
  g_autoptr(StintEntry) continued = NULL;
  g_autoptr(StintEntry) toggled = NULL;
  g_autoptr(GError) error = NULL;

  unknown_start = stint_tracker_start_quick (f->tracker, "Call @Acme", NULL, 0,
                                             STINT_START_DEFAULT, &unknown, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (unknown_start), ==, 0);
  g_assert_nonnull (unknown);
  g_assert_cmpstr (unknown->project, ==, "Acme");
  stop (f);

  /* An entry that had no project, from before there was a default. */
  g_object_set (f->tracker, "default-project-id", (gint64)0, NULL);
  bare = stint_tracker_start (f->tracker, "No project", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (bare), ==, 0);
  stop (f);
  g_object_set (f->tracker, "default-project-id", f->stint_id, NULL);

  continued = stint_tracker_continue (f->tracker, stint_entry_get_id (bare), &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (continued), ==, 0);
  stop (f);

  /* The tray's Start continues the last entry when there is one. */
  toggled = stint_tracker_toggle (f->tracker, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (toggled), ==, "No project");
  g_assert_cmpint (project_of (toggled), ==, 0);
}

static StintEntry *
start_quick (Fixture         *f,
             const char      *text,
             gint64           picked,
             StintStartFlags  flags)
{
  g_autoptr(StintEntry) defaults = stint_entry_new ();
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  stint_entry_set_project_id (defaults, picked);
  entry = stint_tracker_start_quick (f->tracker, text, defaults, 0, flags, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&entry);
}

/* The window's picker says "No project" on purpose; the tray and
 * `stint --start` say nothing; an @project typed says more than both. */
static void
test_explicit_none (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StintEntry) none = NULL;
  g_autoptr(StintEntry) none_no_defaults = NULL;
  g_autoptr(StintEntry) not_chosen = NULL;
  g_autoptr(StintEntry) picked = NULL;
  g_autoptr(StintEntry) typed = NULL;
  g_autoptr(StintEntry) typed_unknown = NULL;
  g_autoptr(StintEntry) overlapping = NULL;
  g_autoptr(StintUnknownNames) unknown = NULL;
  g_autoptr(GError) error = NULL;

  none = start_quick (f, "Nothing to file", 0, STINT_START_PROJECT_CHOSEN);
  g_assert_cmpint (project_of (none), ==, 0);
  stop (f);

  none_no_defaults = stint_tracker_start_quick (f->tracker, "Nothing either", NULL, 0,
                                                STINT_START_PROJECT_CHOSEN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (none_no_defaults), ==, 0);
  stop (f);

  not_chosen = start_quick (f, "Not chosen", 0, STINT_START_DEFAULT);
  g_assert_cmpint (project_of (not_chosen), ==, f->stint_id);
  stop (f);

  picked = start_quick (f, "Picked", f->other_id, STINT_START_PROJECT_CHOSEN);
  g_assert_cmpint (project_of (picked), ==, f->other_id);
  stop (f);

  typed = start_quick (f, "Typed @Other", 0, STINT_START_PROJECT_CHOSEN);
  g_assert_cmpint (project_of (typed), ==, f->other_id);
  g_assert_cmpstr (stint_entry_get_description (typed), ==, "Typed");
  stop (f);

  /* An unknown name is offered for creation, whatever was picked. */
  typed_unknown = stint_tracker_start_quick (f->tracker, "Call @Acme", NULL, 0,
                                             STINT_START_PROJECT_CHOSEN, &unknown, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (typed_unknown), ==, 0);
  g_assert_nonnull (unknown);
  g_assert_cmpstr (unknown->project, ==, "Acme");
  stop (f);

  /* The flag says nothing about overlapping the last entry. */
  overlapping = stint_tracker_start_quick (f->tracker, "Earlier", NULL,
                                           T0 + 60, STINT_START_PROJECT_CHOSEN, NULL, &error);
  g_assert_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_OVERLAP);
  g_assert_null (overlapping);
}

/* A default project deleted on the server (or from another account) or
 * archived is ignored: the entry starts without one, and nothing fails. */
static void
test_gone_project_ignored (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StintEntry) missing = NULL;
  g_autoptr(StintEntry) archived = NULL;
  g_autoptr(StintEntry) back = NULL;
  g_autoptr(GError) error = NULL;
  StintProject *project;

  g_assert_true (stint_tracker_get_default_project (f->tracker) ==
                 stint_tracker_lookup_project (f->tracker, f->stint_id));

  stint_tracker_set_default_project_id (f->tracker, f->other_id + 1000);
  g_assert_cmpint (stint_tracker_get_default_project_id (f->tracker), ==, f->other_id + 1000);
  g_assert_null (stint_tracker_get_default_project (f->tracker));
  missing = stint_tracker_start (f->tracker, "Missing", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (missing), ==, 0);
  stop (f);

  stint_tracker_set_default_project_id (f->tracker, f->stint_id);
  project = stint_tracker_lookup_project (f->tracker, f->stint_id);
  stint_project_set_active (project, FALSE);
  g_assert_null (stint_tracker_get_default_project (f->tracker));
  archived = stint_tracker_start (f->tracker, "Archived", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (archived), ==, 0);
  stop (f);

  stint_project_set_active (project, TRUE);
  back = stint_tracker_start (f->tracker, "Back", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (project_of (back), ==, f->stint_id);
}

/* A project picked in the window, then deleted or archived by a sync
 * before Start: the entry does not go under it, but gets what "nothing
 * picked" gets. */
static void
test_picked_project_gone (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StintEntry) archived = NULL;
  g_autoptr(StintEntry) missing = NULL;
  StintProject *other = stint_tracker_lookup_project (f->tracker, f->other_id);

  stint_project_set_active (other, FALSE);
  archived = start_quick (f, "Archived", f->other_id, STINT_START_PROJECT_CHOSEN);
  g_assert_cmpint (project_of (archived), ==, f->stint_id);
  stop (f);
  stint_project_set_active (other, TRUE);

  missing = start_quick (f, "Missing", f->other_id + 1000, STINT_START_PROJECT_CHOSEN);
  g_assert_cmpint (project_of (missing), ==, f->stint_id);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_property (Fixture       *f,
               gconstpointer  data)
{
  guint notified = 0;
  gint64 value = 0;

  g_signal_connect (f->tracker, "notify::default-project-id", G_CALLBACK (on_notify), &notified);
  stint_tracker_set_default_project_id (f->tracker, f->other_id);
  stint_tracker_set_default_project_id (f->tracker, f->other_id);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (f->tracker, "default-project-id", &value, NULL);
  g_assert_cmpint (value, ==, f->other_id);

  /* A hand-edited setting that names no project means none. */
  g_object_set (f->tracker, "default-project-id", (gint64)-5, NULL);
  g_assert_cmpint (stint_tracker_get_default_project_id (f->tracker), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/default-project/applied-on-start", test_applied_on_start);
  ADD ("/stint/default-project/not-applied", test_not_applied);
  ADD ("/stint/default-project/explicit-none", test_explicit_none);
  ADD ("/stint/default-project/gone-project-ignored", test_gone_project_ignored);
  ADD ("/stint/default-project/picked-project-gone", test_picked_project_gone);
  ADD ("/stint/default-project/property", test_property);
#undef ADD

  return g_test_run ();
}
