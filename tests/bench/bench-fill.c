/* bench-fill.c: a Stint database with a heavy user's history, for the benchmark
 *
 *   stint-bench-fill [--entries N] [--per-day N] [--running] PATH
 *
 * Writes through StintStore, so the file has exactly the schema, indexes and
 * pragmas of the Stint that was built with it. Entries are finished ones,
 * PER_DAY a day going back from yesterday across a working day, spread over
 * a dozen projects with varied descriptions, some tagged and billable;
 * --running adds one entry started 17 minutes ago, so the tray label ticks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-bench-fill"

#include "config.h"

#include <stdlib.h>

#include "store/stint-store.h"

#define N_PROJECTS 12

/* The span of a working day entries are laid in: 08:00 to 20:00. */
#define DAY_FIRST_SECOND (8 * 3600)
#define DAY_SPAN_SECONDS (12 * 3600)

static const char *activities[] = {
  "Writing report", "Code review", "Standup", "Planning", "Email",
  "Customer call", "Bug triage", "Design review", "Refactoring the importer",
  "Release notes", "Interviews", "Reading", "Support tickets", "Benchmarks",
  "Documentation", "1:1", "Deploy", "Research", "Invoicing", "Pairing",
};

static const char *project_names[N_PROJECTS] = {
  "Stint", "Website", "Internal", "Acme Corp", "Globex", "Initech",
  "Umbrella", "Hooli", "Research", "Support", "Marketing", "Hiring",
};

static gboolean
add_projects (StintStore  *store,
              gint64      *ids,
              GError     **error)
{
  for (guint i = 0; i < N_PROJECTS; i++)
    {
      g_autoptr(StintProject) project = stint_project_new (0, project_names[i], "#3584e4");

      if (!stint_store_insert_project (store, project, error))
        return FALSE;
      ids[i] = stint_project_get_id (project);
    }

  return TRUE;
}

static StintEntry *
make_entry (guint         n,
            gint64        start,
            gint64        stop,
            const gint64 *project_ids)
{
  static const char *tags[] = { "focus", "meeting", NULL };
  StintEntry *entry = stint_entry_new ();
  g_autofree char *description = NULL;

  /* Twenty activities, each in a few numbered variants: enough distinct
   * ones for the tray's Continue list and the window's grouping to work. */
  description = g_strdup_printf ("%s %u", activities[n % G_N_ELEMENTS (activities)], n % 7);
  stint_entry_set_description (entry, description);
  if (n % 5 != 0)
    stint_entry_set_project_id (entry, project_ids[n % N_PROJECTS]);
  if (n % 4 == 0)
    stint_entry_set_tags (entry, tags);
  stint_entry_set_billable (entry, n % 3 == 0);
  stint_entry_set_start (entry, start);
  stint_entry_set_stop (entry, stop);
  stint_entry_set_at (entry, stop != 0 ? stop : start);

  return entry;
}

static gboolean
fill (StintStore  *store,
      guint        n_entries,
      guint        per_day,
      gboolean     running,
      GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now),
                                                      0, 0, 0);
  gint64 project_ids[N_PROJECTS];
  gint64 slot = DAY_SPAN_SECONDS / per_day;
  gint64 length = MAX (slot * 3 / 4, 1);

  if (!stint_store_begin (store, error))
    return FALSE;

  if (!add_projects (store, project_ids, error))
    goto fail;

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (today, -(int)(1 + i / per_day));
      gint64 start = g_date_time_to_unix (day) + DAY_FIRST_SECOND + (gint64)(i % per_day) * slot;
      g_autoptr(StintEntry) entry = make_entry (i, start, start + length, project_ids);

      if (!stint_store_insert_entry (store, entry, STINT_OUTBOX_NONE, error))
        goto fail;
    }

  if (running)
    {
      gint64 start = g_date_time_to_unix (now) - 17 * 60;
      g_autoptr(StintEntry) entry = make_entry (0, start, 0, project_ids);

      if (!stint_store_insert_entry (store, entry, STINT_OUTBOX_NONE, error))
        goto fail;
    }

  return stint_store_commit (store, error);

fail:
  stint_store_rollback (store);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  int n_entries = 10000;
  int per_day = 10;
  gboolean running = FALSE;
  const GOptionEntry options[] = {
    { "entries", 'n', 0, G_OPTION_ARG_INT, &n_entries, "Finished entries to write (10000)", "N" },
    { "per-day", 'd', 0, G_OPTION_ARG_INT, &per_day, "Entries a day, back from yesterday (10)", "N" },
    { "running", 'r', 0, G_OPTION_ARG_NONE, &running, "Add a running entry", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PATH");
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, options, NULL);
  g_option_context_set_summary (context, "Writes a Stint database for the benchmark.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc != 2 || n_entries < 0 || per_day < 1 || per_day > DAY_SPAN_SECONDS)
    {
      g_printerr ("usage: %s [--entries N] [--per-day N] [--running] PATH\n", g_get_prgname ());
      return 2;
    }

  store = stint_store_open (argv[1], &error);
  if (store == NULL || !fill (store, n_entries, per_day, running, &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
