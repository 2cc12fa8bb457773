/* test-tracker-quick.c: the quick syntax, as the tracker applies it
 *
 * A start from typed text ("Review PR #42 @Stint #code $"): names not known
 * yet come back to be offered and exist only once adopted, known ones match
 * whatever their case, and what the window chose fills the gaps; the same
 * text applied to the running entry. The fixture is in tracker-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tracker-fixture.h"

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

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/tracker/quick-start", test_quick_start);
  ADD ("/stint/tracker/apply-quick", test_apply_quick);
#undef ADD

  return g_test_run ();
}
