/* stint-entry.c: one time entry
 *
 * Times are Unix seconds, the resolution Toggl keeps. A running entry has
 * stop == 0; its duration grows with the clock the caller passes in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-entry"

#include "config.h"

#include "stint-entry.h"
#include "util/stint-compat.h"

struct _StintEntry
{
  GObject         parent_instance;

  gint64          id;
  gint64          server_id;
  gint64          workspace_id;
  gint64          project_id;
  gint64          task_id;
  char           *description;
  char          **tags;
  gboolean        billable;
  gboolean        is_break;
  gint64          start;
  gint64          stop;
  gint64          at;
  StintSyncState  sync_state;
  char           *sync_error;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_SERVER_ID,
  PROP_PROJECT_ID,
  PROP_DESCRIPTION,
  PROP_TAGS,
  PROP_BILLABLE,
  PROP_BREAK,
  PROP_START,
  PROP_STOP,
  PROP_RUNNING,
  PROP_SYNC_STATE,
  PROP_SYNC_ERROR,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (StintEntry, stint_entry, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char * const empty_tags[] = { NULL };

static void
stint_entry_finalize (GObject *object)
{
  StintEntry *self = (StintEntry *)object;

  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->sync_error, g_free);

  G_OBJECT_CLASS (stint_entry_parent_class)->finalize (object);
}

static void
stint_entry_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StintEntry *self = STINT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SERVER_ID:
      g_value_set_int64 (value, self->server_id);
      break;
    case PROP_PROJECT_ID:
      g_value_set_int64 (value, self->project_id);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, stint_entry_get_description (self));
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, stint_entry_get_tags (self));
      break;
    case PROP_BILLABLE:
      g_value_set_boolean (value, self->billable);
      break;
    case PROP_BREAK:
      g_value_set_boolean (value, self->is_break);
      break;
    case PROP_START:
      g_value_set_int64 (value, self->start);
      break;
    case PROP_STOP:
      g_value_set_int64 (value, self->stop);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, stint_entry_is_running (self));
      break;
    case PROP_SYNC_STATE:
      g_value_set_int (value, self->sync_state);
      break;
    case PROP_SYNC_ERROR:
      g_value_set_string (value, self->sync_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_entry_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  StintEntry *self = STINT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      stint_entry_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_SERVER_ID:
      stint_entry_set_server_id (self, g_value_get_int64 (value));
      break;
    case PROP_PROJECT_ID:
      stint_entry_set_project_id (self, g_value_get_int64 (value));
      break;
    case PROP_DESCRIPTION:
      stint_entry_set_description (self, g_value_get_string (value));
      break;
    case PROP_TAGS:
      stint_entry_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_BILLABLE:
      stint_entry_set_billable (self, g_value_get_boolean (value));
      break;
    case PROP_BREAK:
      stint_entry_set_break (self, g_value_get_boolean (value));
      break;
    case PROP_START:
      stint_entry_set_start (self, g_value_get_int64 (value));
      break;
    case PROP_STOP:
      stint_entry_set_stop (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_entry_class_init (StintEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = stint_entry_finalize;
  object_class->get_property = stint_entry_get_property;
  object_class->set_property = stint_entry_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_SERVER_ID] =
    g_param_spec_int64 ("server-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_PROJECT_ID] =
    g_param_spec_int64 ("project-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "", rw);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_BILLABLE] =
    g_param_spec_boolean ("billable", NULL, NULL, FALSE, rw);
  /* Toggl Focus tells rest ("break") from work ("activity"); Track has only work. */
  properties[PROP_BREAK] =
    g_param_spec_boolean ("break", NULL, NULL, FALSE, rw);
  properties[PROP_START] =
    g_param_spec_int64 ("start", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_STOP] =
    g_param_spec_int64 ("stop", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, TRUE, ro);
  properties[PROP_SYNC_STATE] =
    g_param_spec_int ("sync-state", NULL, NULL,
                      STINT_SYNC_STATE_SYNCED, STINT_SYNC_STATE_FAILED,
                      STINT_SYNC_STATE_SYNCED, ro);
  properties[PROP_SYNC_ERROR] =
    g_param_spec_string ("sync-error", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_entry_init (StintEntry *self)
{
}

StintEntry *
stint_entry_new (void)
{
  return g_object_new (STINT_TYPE_ENTRY, NULL);
}

StintEntry *
stint_entry_copy (StintEntry *self)
{
  StintEntry *copy;

  g_return_val_if_fail (STINT_IS_ENTRY (self), NULL);

  copy = stint_entry_new ();
  stint_entry_assign (copy, self);

  return copy;
}

/* Makes @self equal to @from, notifying only what changed, so rows bound to
 * @self redraw just the fields an edit touched. */
void
stint_entry_assign (StintEntry *self,
                    StintEntry *from)
{
  g_return_if_fail (STINT_IS_ENTRY (self));
  g_return_if_fail (STINT_IS_ENTRY (from));

  if (self == from)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  stint_entry_set_id (self, from->id);
  stint_entry_set_server_id (self, from->server_id);
  stint_entry_set_workspace_id (self, from->workspace_id);
  stint_entry_set_project_id (self, from->project_id);
  stint_entry_set_task_id (self, from->task_id);
  stint_entry_set_description (self, from->description);
  stint_entry_set_tags (self, (const char * const *)from->tags);
  stint_entry_set_billable (self, from->billable);
  stint_entry_set_break (self, from->is_break);
  stint_entry_set_start (self, from->start);
  stint_entry_set_stop (self, from->stop);
  stint_entry_set_at (self, from->at);
  stint_entry_set_sync_state (self, from->sync_state, from->sync_error);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
tags_equal (const char * const *a,
            const char * const *b)
{
  return g_strv_equal (a != NULL ? a : empty_tags, b != NULL ? b : empty_tags);
}

/* Same user-visible content; ids and sync bookkeeping aside. */
gboolean
stint_entry_equal_content (StintEntry *a,
                           StintEntry *b)
{
  g_return_val_if_fail (STINT_IS_ENTRY (a), FALSE);
  g_return_val_if_fail (STINT_IS_ENTRY (b), FALSE);

  return stint_entry_same_activity (a, b) &&
         a->start == b->start &&
         a->stop == b->stop &&
         a->workspace_id == b->workspace_id &&
         a->task_id == b->task_id;
}

/* The "distinct recent entries" rule for Continue: the same description,
 * project, tags, billable flag and kind (work or break) are one activity,
 * whatever the times. */
gboolean
stint_entry_same_activity (StintEntry *a,
                           StintEntry *b)
{
  g_return_val_if_fail (STINT_IS_ENTRY (a), FALSE);
  g_return_val_if_fail (STINT_IS_ENTRY (b), FALSE);

  return g_strcmp0 (stint_entry_get_description (a), stint_entry_get_description (b)) == 0 &&
         a->project_id == b->project_id &&
         a->billable == b->billable &&
         a->is_break == b->is_break &&
         tags_equal ((const char * const *)a->tags, (const char * const *)b->tags);
}

gint64
stint_entry_get_id (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), 0);
  return self->id;
}

void
stint_entry_set_id (StintEntry *self,
                    gint64      id)
{
  g_return_if_fail (STINT_IS_ENTRY (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

gint64
stint_entry_get_server_id (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), 0);
  return self->server_id;
}

void
stint_entry_set_server_id (StintEntry *self,
                           gint64      server_id)
{
  g_return_if_fail (STINT_IS_ENTRY (self));

  if (self->server_id != server_id)
    {
      self->server_id = server_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_ID]);
    }
}

gint64
stint_entry_get_workspace_id (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), 0);
  return self->workspace_id;
}

void
stint_entry_set_workspace_id (StintEntry *self,
                              gint64      workspace_id)
{
  g_return_if_fail (STINT_IS_ENTRY (self));
  self->workspace_id = workspace_id;
}

gint64
stint_entry_get_project_id (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), 0);
  return self->project_id;
}

void
stint_entry_set_project_id (StintEntry *self,
                            gint64      project_id)
{
  g_return_if_fail (STINT_IS_ENTRY (self));

  if (self->project_id != project_id)
    {
      self->project_id = project_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
    }
}

gint64
stint_entry_get_task_id (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), 0);
  return self->task_id;
}

void
stint_entry_set_task_id (StintEntry *self,
                         gint64      task_id)
{
  g_return_if_fail (STINT_IS_ENTRY (self));
  self->task_id = task_id;
}

/* Never NULL: an entry without a description has "". */
const char *
stint_entry_get_description (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), "");
  return self->description != NULL ? self->description : "";
}

void
stint_entry_set_description (StintEntry *self,
                             const char *description)
{
  g_return_if_fail (STINT_IS_ENTRY (self));

  if (description != NULL && *description == '\0')
    description = NULL;

  if (stint_set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/* Never NULL: an entry without tags has an empty vector. */
const char * const *
stint_entry_get_tags (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), empty_tags);
  return self->tags != NULL ? (const char * const *)self->tags : empty_tags;
}

void
stint_entry_set_tags (StintEntry         *self,
                      const char * const *tags)
{
  g_return_if_fail (STINT_IS_ENTRY (self));

  if (tags_equal ((const char * const *)self->tags, tags))
    return;

  g_clear_pointer (&self->tags, g_strfreev);
  if (tags != NULL && tags[0] != NULL)
    self->tags = g_strdupv ((char **)tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gboolean
stint_entry_get_billable (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), FALSE);
  return self->billable;
}

void
stint_entry_set_billable (StintEntry *self,
                          gboolean    billable)
{
  g_return_if_fail (STINT_IS_ENTRY (self));

  billable = !!billable;
  if (self->billable != billable)
    {
      self->billable = billable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILLABLE]);
    }
}

gboolean
stint_entry_get_break (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), FALSE);
  return self->is_break;
}

/* A break is time off work: the backends never send it as billable. */
void
stint_entry_set_break (StintEntry *self,
                       gboolean    is_break)
{
  g_return_if_fail (STINT_IS_ENTRY (self));

  is_break = !!is_break;
  if (self->is_break != is_break)
    {
      self->is_break = is_break;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BREAK]);
    }
}

gint64
stint_entry_get_start (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), 0);
  return self->start;
}

void
stint_entry_set_start (StintEntry *self,
                       gint64      start)
{
  g_return_if_fail (STINT_IS_ENTRY (self));

  if (self->start != start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }
}

gint64
stint_entry_get_stop (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), 0);
  return self->stop;
}

void
stint_entry_set_stop (StintEntry *self,
                      gint64      stop)
{
  gboolean was_running;

  g_return_if_fail (STINT_IS_ENTRY (self));

  if (self->stop == stop)
    return;

  was_running = stint_entry_is_running (self);
  self->stop = stop;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOP]);
  if (was_running != stint_entry_is_running (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
stint_entry_is_running (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), FALSE);
  return self->stop == 0;
}

/* Seconds; a running entry counts up to @now, and never below zero even
 * when the clock was set back. */
gint64
stint_entry_get_duration (StintEntry *self,
                          gint64      now)
{
  gint64 end;

  g_return_val_if_fail (STINT_IS_ENTRY (self), 0);

  end = stint_entry_is_running (self) ? now : self->stop;
  return MAX (end - self->start, 0);
}

gint64
stint_entry_get_at (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), 0);
  return self->at;
}

void
stint_entry_set_at (StintEntry *self,
                    gint64      at)
{
  g_return_if_fail (STINT_IS_ENTRY (self));
  self->at = at;
}

StintSyncState
stint_entry_get_sync_state (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), STINT_SYNC_STATE_SYNCED);
  return self->sync_state;
}

const char *
stint_entry_get_sync_error (StintEntry *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY (self), NULL);
  return self->sync_error;
}

void
stint_entry_set_sync_state (StintEntry     *self,
                            StintSyncState  state,
                            const char     *error)
{
  g_return_if_fail (STINT_IS_ENTRY (self));

  if (self->sync_state != state)
    {
      self->sync_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_STATE]);
    }
  if (stint_set_str (&self->sync_error, error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ERROR]);
}
