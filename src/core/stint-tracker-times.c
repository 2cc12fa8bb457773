/* stint-tracker-times.c: starting and stopping (now, or at another time),
 * older days, and the week
 *
 * "I forgot to start" and "I forgot to stop" are the commonest corrections
 * in time tracking. The rules, each refused with a sentence:
 *  - nothing starts or stops in the future (beyond a minute of clock skew);
 *  - a start earlier than the running entry's start would make that entry
 *    end before it began, so it is refused;
 *  - a start before the last finished entry ended would count the same
 *    minutes twice; it is refused (STINT_TRACKER_ERROR_OVERLAP) unless the
 *    caller passes STINT_START_ALLOW_OVERLAP, which the window does once the
 *    user confirms that this is what they meant;
 *  - a stop before the running entry's start is refused;
 *  - no entry may grow beyond STINT_DURATION_MAX_SECONDS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-tracker"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "stint-tracker-private.h"
#include "util/stint-duration.h"

/**
 * stint_tracker_get_default_project:
 *
 * The project an entry started without one gets: the default project
 * (stint_tracker_set_default_project_id()) while it exists and takes new
 * entries. An archived project is left out, as the project picker leaves it
 * out. Follow #StintTracker:default-project-id and the projects'
 * #GListModel::items-changed to show it.
 *
 * Returns: (transfer none) (nullable): that project, or %NULL for none
 */
StintProject *
stint_tracker_get_default_project (StintTracker *self)
{
  StintProject *project;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);

  project = stint_tracker_lookup_project (self, self->default_project_id);
  if (project == NULL || !stint_project_get_active (project))
    return NULL;

  return project;
}

/* As stint_tracker_get_default_project(), as an id; 0 for none. */
gint64
stint_tracker_default_project (StintTracker *self)
{
  StintProject *project = stint_tracker_get_default_project (self);

  return project != NULL ? stint_project_get_id (project) : 0;
}

/**
 * stint_tracker_start:
 * @project_id: the project, or 0 for the default project (see
 *   stint_tracker_set_default_project_id()), if any
 *
 * Starts a new entry now, stopping the running one at the same second.
 *
 * Returns: (transfer full): the running entry, or %NULL with @error set
 */
StintEntry *
stint_tracker_start (StintTracker        *self,
                     const char          *description,
                     gint64               project_id,
                     const char * const  *tags,
                     gboolean             billable,
                     GError             **error)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);

  if (project_id == 0)
    project_id = stint_tracker_default_project (self);

  /* Now cannot overlap anything that is possible to save. */
  return stint_tracker_start_at (self, description, project_id, tags, billable,
                                 stint_clock_now (self->clock), STINT_START_ALLOW_OVERLAP, error);
}

/* Starts a new entry doing what @entry_id did: without a project if it had
 * none, as that is what it did (so not through the default project). */
StintEntry *
stint_tracker_continue (StintTracker  *self,
                        gint64         entry_id,
                        GError       **error)
{
  g_autoptr(StintEntry) model = NULL;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);

  model = stint_tracker_find_entry (self, entry_id, error);
  if (model == NULL)
    return NULL;

  return stint_tracker_start_at (self,
                                 stint_entry_get_description (model),
                                 stint_entry_get_project_id (model),
                                 stint_entry_get_tags (model),
                                 stint_entry_get_billable (model),
                                 stint_clock_now (self->clock), STINT_START_ALLOW_OVERLAP,
                                 error);
}

/**
 * stint_tracker_stop:
 *
 * Returns: (transfer full): the entry just stopped, or %NULL with @error set
 */
StintEntry *
stint_tracker_stop (StintTracker  *self,
                    GError       **error)
{
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(StintEntry) entry = NULL;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);

  if (self->running == NULL)
    {
      g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_NOT_RUNNING,
                           _("Nothing is being tracked."));
      return NULL;
    }

  if (!stint_tracker_store_stop_running (self, stint_clock_now (self->clock), &stopped, error))
    return NULL;

  entry = g_object_ref (self->running);
  stint_tracker_show_stopped (self, stopped);

  return g_steal_pointer (&entry);
}

/**
 * stint_tracker_toggle:
 *
 * Stops the running entry, or else continues the most recent one (a fresh
 * entry when there is none): one key or click resumes the work just paused.
 *
 * Returns: (transfer full): the entry stopped or started
 */
StintEntry *
stint_tracker_toggle (StintTracker  *self,
                      GError       **error)
{
  g_autoptr(StintEntry) last = NULL;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);

  if (self->running != NULL)
    return stint_tracker_stop (self, error);

  last = g_list_model_get_item (G_LIST_MODEL (self->recent), 0);
  if (last != NULL)
    return stint_tracker_continue (self, stint_entry_get_id (last), error);

  return stint_tracker_start (self, NULL, 0, NULL, FALSE, error);
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_start (StintTracker     *self,
             gint64            start,
             StintStartFlags   flags,
             GError          **error)
{
  gint64 now = stint_clock_now (self->clock);
  gint64 last_stop;

  if (start > now + STINT_TRACKER_FUTURE_SLACK_SECONDS)
    return refuse (error, _("An entry cannot start in the future."));

  if (now - start > STINT_DURATION_MAX_SECONDS)
    {
      g_set_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                   _("An entry can be at most %d hours long."),
                   STINT_DURATION_MAX_SECONDS / 3600);
      return FALSE;
    }

  if (self->running != NULL)
    {
      /* The running entry stops where the new one starts. */
      if (start < stint_entry_get_start (self->running))
        {
          g_autofree char *when = stint_format_time_of_day (stint_entry_get_start (self->running));

          g_set_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                       _("The running entry started at %s; a new one cannot start before it."),
                       when);
          return FALSE;
        }
      return TRUE;
    }

  last_stop = stint_tracker_get_last_stop (self);
  if (!(flags & STINT_START_ALLOW_OVERLAP) && last_stop > start)
    {
      g_autofree char *when = stint_format_time_of_day (last_stop);

      g_set_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_OVERLAP,
                   _("That is before the last entry ended, at %s."), when);
      return FALSE;
    }

  return TRUE;
}

/**
 * stint_tracker_start_at:
 * @project_id: the project, or 0 for none (the default project is for
 *   stint_tracker_start() and stint_tracker_start_quick())
 * @start: when the new entry began (Unix seconds); the running entry, if
 *   any, stops at the same second
 *
 * Returns: (transfer full): the running entry, or %NULL with @error set
 *   (STINT_TRACKER_ERROR_OVERLAP when @start is before the last entry ended
 *   and @flags does not allow that)
 */
StintEntry *
stint_tracker_start_at (StintTracker        *self,
                        const char          *description,
                        gint64               project_id,
                        const char * const  *tags,
                        gboolean             billable,
                        gint64               start,
                        StintStartFlags      flags,
                        GError             **error)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stopped = NULL;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);

  if (!stint_tracker_check_description (description, error) ||
      !check_start (self, start, flags, error))
    return NULL;

  entry = stint_entry_new ();
  stint_entry_set_description (entry, description);
  stint_entry_set_project_id (entry, project_id);
  stint_entry_set_tags (entry, tags);
  stint_entry_set_billable (entry, billable);
  stint_entry_set_start (entry, start);

  if (!stint_store_begin (self->store, error))
    return NULL;

  if ((self->running != NULL &&
       !stint_tracker_store_stop_running (self, start, &stopped, error)) ||
      !stint_store_insert_entry (self->store, entry,
                                 stint_tracker_outbox_kind (self, STINT_OUTBOX_CREATE), error) ||
      !stint_store_commit (self->store, error))
    {
      stint_store_rollback (self->store);
      return NULL;
    }

  if (stopped != NULL)
    stint_tracker_show_stopped (self, stopped);
  stint_tracker_set_running (self, entry);

  return g_steal_pointer (&entry);
}

/**
 * stint_tracker_stop_at:
 * @stop: when the work really ended (Unix seconds)
 *
 * Returns: (transfer full): the entry just stopped, or %NULL with @error set
 */
StintEntry *
stint_tracker_stop_at (StintTracker  *self,
                       gint64         stop,
                       GError       **error)
{
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(StintEntry) entry = NULL;
  gint64 start;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);

  if (self->running == NULL)
    {
      g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_NOT_RUNNING,
                           _("Nothing is being tracked."));
      return NULL;
    }

  start = stint_entry_get_start (self->running);
  if (stop > stint_clock_now (self->clock) + STINT_TRACKER_FUTURE_SLACK_SECONDS)
    {
      refuse (error, _("The entry cannot end in the future."));
      return NULL;
    }

  if (stop < start)
    {
      g_autofree char *when = stint_format_time_of_day (start);

      g_set_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                   _("The entry started at %s; it cannot stop before that."), when);
      return NULL;
    }

  if (stop - start > STINT_DURATION_MAX_SECONDS)
    {
      g_set_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                   _("An entry can be at most %d hours long."),
                   STINT_DURATION_MAX_SECONDS / 3600);
      return NULL;
    }

  if (!stint_tracker_store_stop_running (self, stop, &stopped, error))
    return NULL;

  entry = g_object_ref (self->running);
  stint_tracker_show_stopped (self, stopped);

  return g_steal_pointer (&entry);
}

/**
 * stint_tracker_get_last_stop:
 *
 * Returns: when the latest finished entry of the recent list ended, or 0
 */
gint64
stint_tracker_get_last_stop (StintTracker *self)
{
  GListModel *recent;
  guint n;
  gint64 last = 0;

  g_return_val_if_fail (STINT_IS_TRACKER (self), 0);

  /* Newest start first, but a long entry may end after a later short one. */
  recent = G_LIST_MODEL (self->recent);
  n = g_list_model_get_n_items (recent);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StintEntry) entry = g_list_model_get_item (recent, i);

      last = MAX (last, stint_entry_get_stop (entry));
    }

  return last;
}

/**
 * stint_tracker_load_older:
 * @days: how many days with entries to add at most
 *
 * Extends the recent list further back: to the newest day before what it
 * holds that has entries (skipping empty weeks at once), and @days - 1
 * calendar days before that. One call is one bounded read, so a caller
 * scrolling back through years of entries runs it once per idle turn and
 * never freezes the screen.
 *
 * Returns: how many entries were added; 0 when the store has nothing older
 *   (stint_tracker_get_all_loaded() is then %TRUE); -1 with @error set
 */
gint
stint_tracker_load_older (StintTracker  *self,
                          guint          days,
                          GError       **error)
{
  g_autoptr(GPtrArray) newest = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 from;
  gint added = 0;

  g_return_val_if_fail (STINT_IS_TRACKER (self), -1);
  g_return_val_if_fail (days > 0, -1);

  if (self->all_loaded)
    return 0;

  newest = stint_store_load_entries (self->store, 0, self->loaded_from, 1, error);
  if (newest == NULL)
    return -1;
  if (newest->len == 0)
    {
      self->all_loaded = TRUE;
      return 0;
    }

  from = stint_tracker_days_before (stint_entry_get_start (g_ptr_array_index (newest, 0)),
                                    (int)days - 1);
  entries = stint_store_load_entries (self->store, from, self->loaded_from, 0, error);
  if (entries == NULL)
    return -1;

  self->loaded_from = from;
  for (guint i = 0; i < entries->len; i++)
    {
      StintEntry *entry = g_ptr_array_index (entries, i);

      if (stint_entry_is_running (entry) ||
          stint_entry_list_find (self->recent, stint_entry_get_id (entry), NULL) != NULL)
        continue;
      stint_entry_list_insert (self->recent, entry);
      added++;
    }

  return added;
}

gboolean
stint_tracker_get_all_loaded (StintTracker *self)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), FALSE);
  return self->all_loaded;
}

/**
 * stint_tracker_locale_first_weekday:
 *
 * The first day of the week in the user's LC_TIME locale; Monday (ISO 8601)
 * where the locale does not say, and in the C locale, which only carries
 * the US default by accident.
 */
GDateWeekday
stint_tracker_locale_first_weekday (void)
{
#ifdef __GLIBC__
  const char *name = setlocale (LC_TIME, NULL);
  union { unsigned int word; char *string; } origin;
  int first, weekday;

  if (name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
      g_str_has_prefix (name, "C."))
    return G_DATE_MONDAY;

  /* glibc: the week's origin is a date (a Sunday or a Monday in 1997), and
   * the first weekday counts from it, 1 being the origin itself. */
  origin.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  first = nl_langinfo (_NL_TIME_FIRST_WEEKDAY)[0];
  if (first < 1 || first > 7)
    return G_DATE_MONDAY;

  if (origin.word == 19971130)        /* a Sunday */
    weekday = (first + 5) % 7 + 1;    /* 1 → Sunday (7), 2 → Monday (1) */
  else if (origin.word == 19971201)   /* a Monday */
    weekday = first;
  else
    return G_DATE_MONDAY;

  return (GDateWeekday)weekday;
#else
  return G_DATE_MONDAY;
#endif
}

GDateWeekday
stint_tracker_get_first_weekday (StintTracker *self)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), G_DATE_MONDAY);
  return self->first_weekday;
}

/* For tests, and for a preference should users want one. */
void
stint_tracker_set_first_weekday (StintTracker *self,
                                 GDateWeekday  weekday)
{
  g_return_if_fail (STINT_IS_TRACKER (self));
  g_return_if_fail (g_date_valid_weekday (weekday));

  self->first_weekday = weekday;
}

/* Local midnight starting the current week. */
gint64
stint_tracker_get_week_start (StintTracker *self)
{
  g_autoptr(GDateTime) now = NULL;
  int back;

  g_return_val_if_fail (STINT_IS_TRACKER (self), 0);

  now = stint_clock_now_local (self->clock);
  back = (g_date_time_get_day_of_week (now) - (int)self->first_weekday + 7) % 7;

  return stint_tracker_days_before (g_date_time_to_unix (now), back);
}

/**
 * stint_tracker_get_week_total:
 *
 * Seconds worked in entries that started this week, the running one up to
 * now; entries count on the day they started, as the day totals do, and
 * breaks (Toggl Focus) are not work.
 */
gint64
stint_tracker_get_week_total (StintTracker *self)
{
  GListModel *recent;
  gint64 week_start, now, total = 0;
  guint n;

  g_return_val_if_fail (STINT_IS_TRACKER (self), 0);

  week_start = stint_tracker_get_week_start (self);
  now = stint_clock_now (self->clock);

  /* The list reaches back to the start of the week it was loaded in, and a
   * later week starts later still: it holds the whole week. */
  recent = G_LIST_MODEL (self->recent);
  n = g_list_model_get_n_items (recent);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StintEntry) entry = g_list_model_get_item (recent, i);

      if (stint_entry_get_start (entry) < week_start)
        break;   /* newest first: the rest is older */
      if (!stint_entry_get_break (entry))
        total += stint_entry_get_duration (entry, now);
    }

  if (self->running != NULL && stint_entry_get_start (self->running) >= week_start &&
      !stint_entry_get_break (self->running))
    total += stint_entry_get_duration (self->running, now);

  return total;
}

/**
 * stint_tracker_get_today_total:
 *
 * Seconds tracked today: the parts of entries (the running one up to now)
 * after local midnight. Unlike the day totals of the window, which file an
 * entry under the day it started, an entry across midnight counts on each
 * day for the time worked in it, so a goal for today starts from nothing at
 * midnight. Breaks are not work and do not count.
 */
gint64
stint_tracker_get_today_total (StintTracker *self)
{
  GListModel *recent;
  gint64 now, day_start, total = 0;
  guint n;

  g_return_val_if_fail (STINT_IS_TRACKER (self), 0);

  now = stint_clock_now (self->clock);
  day_start = stint_local_day_start (now);

  /* Newest start first; an entry that started before yesterday may still
   * reach into today, but none longer than an entry can be. */
  recent = G_LIST_MODEL (self->recent);
  n = g_list_model_get_n_items (recent);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StintEntry) entry = g_list_model_get_item (recent, i);
      gint64 start = stint_entry_get_start (entry);

      if (start < day_start - STINT_DURATION_MAX_SECONDS)
        break;
      if (!stint_entry_get_break (entry))
        total += MAX (MIN (stint_entry_get_stop (entry), now) - MAX (start, day_start), 0);
    }

  if (self->running != NULL && !stint_entry_get_break (self->running))
    total += MAX (now - MAX (stint_entry_get_start (self->running), day_start), 0);

  return total;
}
