/* stint-tracker.c: the one domain service the UI talks to
 *
 * Every user action lands in the store (with its outbox operation, when an
 * account is connected) in one transaction before anything on screen
 * changes; if the write fails, nothing changes and the caller gets a
 * sentence to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-tracker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-tracker-private.h"
#include "util/stint-duration.h"

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_SYNC_ENABLED,
  PROP_DEFAULT_PROJECT_ID,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (StintTracker, stint_tracker, G_TYPE_OBJECT)
G_DEFINE_QUARK (stint-tracker-error-quark, stint_tracker_error)

static GParamSpec *properties[N_PROPS];

StintOutboxKind
stint_tracker_outbox_kind (StintTracker    *self,
                           StintOutboxKind  kind)
{
  return self->sync_enabled ? kind : STINT_OUTBOX_NONE;
}

void
stint_tracker_set_running (StintTracker *self,
                           StintEntry   *entry)
{
  if (g_set_object (&self->running, entry))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
stint_tracker_check_description (const char  *description,
                                 GError     **error)
{
  if (description != NULL && g_utf8_strlen (description, -1) > STINT_DESCRIPTION_MAX_CHARS)
    {
      g_set_error (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                   _("The description is too long: at most %d characters fit."),
                   STINT_DESCRIPTION_MAX_CHARS);
      return FALSE;
    }

  return TRUE;
}

StintEntry *
stint_tracker_find_entry (StintTracker  *self,
                          gint64         entry_id,
                          GError       **error)
{
  StintEntry *entry;

  if (self->running != NULL && stint_entry_get_id (self->running) == entry_id)
    return g_object_ref (self->running);

  entry = stint_entry_list_find (self->recent, entry_id, NULL);
  if (entry != NULL)
    return g_object_ref (entry);

  entry = stint_store_load_entry (self->store, entry_id, NULL);
  if (entry == NULL)
    g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_NOT_FOUND,
                         _("That entry no longer exists."));
  return entry;
}

/* Stops the running entry in the store, inside the caller's transaction;
 * the caller updates the screen once everything is committed. */
gboolean
stint_tracker_store_stop_running (StintTracker  *self,
                                  gint64         stop,
                                  StintEntry   **stopped,
                                  GError       **error)
{
  g_autoptr(StintEntry) copy = stint_entry_copy (self->running);

  stint_entry_set_stop (copy, MAX (stop, stint_entry_get_start (copy)));
  if (!stint_store_update_entry (self->store, copy, stint_tracker_outbox_kind (self, STINT_OUTBOX_UPDATE), error))
    return FALSE;

  *stopped = g_steal_pointer (&copy);
  return TRUE;
}

void
stint_tracker_show_stopped (StintTracker *self,
                            StintEntry   *stopped)
{
  g_autoptr(StintEntry) entry = g_object_ref (self->running);

  stint_entry_assign (entry, stopped);
  stint_tracker_set_running (self, NULL);
  stint_entry_list_insert (self->recent, entry);
}

/* Local midnight @days calendar days before the day holding @unix_seconds;
 * counted on the calendar, since days around a DST change are not 24 hours. */
gint64
stint_tracker_days_before (gint64 unix_seconds,
                           int    days)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) shifted = NULL;
  int y, m, d;

  g_date_time_get_ymd (local, &y, &m, &d);
  midnight = g_date_time_new (g_date_time_get_timezone (local), y, m, d, 0, 0, 0);
  shifted = g_date_time_add_days (midnight, -days);

  return stint_local_day_start (g_date_time_to_unix (shifted));
}

/* The oldest day the recent list must hold: the recent days and the whole
 * week (for its total); never later than what was already loaded. */
void
stint_tracker_compute_loaded_from (StintTracker *self)
{
  gint64 from = stint_tracker_days_before (stint_clock_now (self->clock),
                                           (int)self->recent_days - 1);

  from = MIN (from, stint_tracker_get_week_start (self));
  if (self->loaded_from == 0 || from < self->loaded_from)
    self->loaded_from = from;
}

static void
stint_tracker_dispose (GObject *object)
{
  StintTracker *self = (StintTracker *)object;

  g_clear_object (&self->running);
  g_clear_object (&self->recent);
  g_clear_object (&self->projects);
  g_clear_object (&self->tags);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (stint_tracker_parent_class)->dispose (object);
}

static void
stint_tracker_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StintTracker *self = STINT_TRACKER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_object (value, self->running);
      break;
    case PROP_SYNC_ENABLED:
      g_value_set_boolean (value, self->sync_enabled);
      break;
    case PROP_DEFAULT_PROJECT_ID:
      g_value_set_int64 (value, self->default_project_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_tracker_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StintTracker *self = STINT_TRACKER (object);

  switch (prop_id)
    {
    case PROP_SYNC_ENABLED:
      stint_tracker_set_sync_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_DEFAULT_PROJECT_ID:
      stint_tracker_set_default_project_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_tracker_class_init (StintTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stint_tracker_dispose;
  object_class->get_property = stint_tracker_get_property;
  object_class->set_property = stint_tracker_set_property;

  properties[PROP_RUNNING] =
    g_param_spec_object ("running", NULL, NULL, STINT_TYPE_ENTRY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_ENABLED] =
    g_param_spec_boolean ("sync-enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The "default-project-id" setting, which the application binds here:
   * the core reads no settings itself. */
  properties[PROP_DEFAULT_PROJECT_ID] =
    g_param_spec_int64 ("default-project-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_tracker_init (StintTracker *self)
{
  self->recent = stint_entry_list_new ();
  self->projects = g_list_store_new (STINT_TYPE_PROJECT);
  self->tags = g_list_store_new (STINT_TYPE_TAG);
  self->first_weekday = stint_tracker_locale_first_weekday ();
}

/* Reads what the screen shows from the store: the running entry, the recent
 * days and the projects. */
static gboolean
load_all (StintTracker  *self,
          GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) finished = g_ptr_array_new ();
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(GError) local_error = NULL;

  running = stint_store_load_running (self->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The store may hold other entries now (an account connected): look for
   * older ones again when asked. */
  self->all_loaded = FALSE;
  stint_tracker_compute_loaded_from (self);
  entries = stint_store_load_entries (self->store, self->loaded_from, G_MAXINT64, 0, error);
  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    if (!stint_entry_is_running (g_ptr_array_index (entries, i)))
      g_ptr_array_add (finished, g_ptr_array_index (entries, i));

  projects = stint_store_load_projects (self->store, error);
  if (projects == NULL || !stint_tracker_load_tags (self, error))
    return FALSE;

  g_list_store_splice (self->projects, 0, g_list_model_get_n_items (G_LIST_MODEL (self->projects)),
                       projects->pdata, projects->len);
  stint_entry_list_replace_all (self->recent, finished);
  stint_tracker_set_running (self, running);

  return TRUE;
}

/**
 * stint_tracker_new:
 * @recent_days: how many days, today included, the recent list holds
 *
 * Loads the running entry, the recent entries and the projects from @store.
 */
StintTracker *
stint_tracker_new (StintStore  *store,
                   StintClock  *clock,
                   guint        recent_days,
                   GError     **error)
{
  g_autoptr(StintTracker) self = NULL;

  g_return_val_if_fail (STINT_IS_STORE (store), NULL);
  g_return_val_if_fail (STINT_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (recent_days > 0, NULL);

  self = g_object_new (STINT_TYPE_TRACKER, NULL);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  self->recent_days = recent_days;

  if (!load_all (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * stint_tracker_reload:
 *
 * Reads everything again, after the store changed under the tracker (an
 * account was connected or signed out).
 */
gboolean
stint_tracker_reload (StintTracker  *self,
                      GError       **error)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), FALSE);

  return load_all (self, error);
}

/**
 * stint_tracker_reload_entries:
 * @ids: local ids of entries the sync layer changed or removed in the store
 *
 * Brings the running entry and the recent list in line with the store for
 * those entries: new server ids and sync states, edits and deletions pulled
 * from the server.
 */
void
stint_tracker_reload_entries (StintTracker *self,
                              const gint64 *ids,
                              guint         n_ids)
{
  g_return_if_fail (STINT_IS_TRACKER (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(StintEntry) stored = stint_store_load_entry (self->store, ids[i], NULL);
      StintEntry *shown = NULL;
      gboolean was_running = FALSE;

      if (self->running != NULL && stint_entry_get_id (self->running) == ids[i])
        {
          shown = self->running;
          was_running = TRUE;
        }
      else
        shown = stint_entry_list_find (self->recent, ids[i], NULL);

      if (stored == NULL)
        {
          if (was_running)
            stint_tracker_set_running (self, NULL);
          else if (shown != NULL)
            stint_entry_list_remove (self->recent, shown);
          continue;
        }

      if (stint_entry_is_running (stored))
        {
          if (was_running)
            stint_entry_assign (shown, stored);
          else
            {
              if (shown != NULL)
                stint_entry_list_remove (self->recent, shown);
              stint_tracker_set_running (self, stored);
            }
          continue;
        }

      if (was_running)
        stint_tracker_show_stopped (self, stored);
      else if (shown != NULL)
        {
          stint_entry_assign (shown, stored);
          stint_entry_list_resort (self->recent, shown);
        }
      else if (stint_entry_get_start (stored) >= self->loaded_from)
        stint_entry_list_insert (self->recent, stored);
    }
}

StintClock *
stint_tracker_get_clock (StintTracker *self)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);
  return self->clock;
}

StintStore *
stint_tracker_get_store (StintTracker *self)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);
  return self->store;
}

gboolean
stint_tracker_get_sync_enabled (StintTracker *self)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), FALSE);
  return self->sync_enabled;
}

/* With sync enabled every change also queues an outbox operation; in local
 * mode (no account) the store is the whole truth and queues nothing. */
void
stint_tracker_set_sync_enabled (StintTracker *self,
                                gboolean      sync_enabled)
{
  g_return_if_fail (STINT_IS_TRACKER (self));

  sync_enabled = !!sync_enabled;
  if (self->sync_enabled != sync_enabled)
    {
      self->sync_enabled = sync_enabled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENABLED]);
    }
}

gint64
stint_tracker_get_default_project_id (StintTracker *self)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), 0);
  return self->default_project_id;
}

/* Kept even while no such project is known (the projects may not have
 * arrived yet); until one is, stint_tracker_default_project() ignores it.
 * The setting is anyone's to edit: what is no project id means none. */
void
stint_tracker_set_default_project_id (StintTracker *self,
                                      gint64        project_id)
{
  g_return_if_fail (STINT_IS_TRACKER (self));

  project_id = MAX (project_id, 0);
  if (self->default_project_id != project_id)
    {
      self->default_project_id = project_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_PROJECT_ID]);
    }
}

/* The running entry, or NULL. */
StintEntry *
stint_tracker_get_running (StintTracker *self)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);
  return self->running;
}

/* Finished entries of the recent days, newest first. */
GListModel *
stint_tracker_get_recent (StintTracker *self)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);
  return G_LIST_MODEL (self->recent);
}

GListModel *
stint_tracker_get_projects (StintTracker *self)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);
  return G_LIST_MODEL (self->projects);
}
