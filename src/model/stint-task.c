/* stint-task.c: a task within a project (a paid Toggl Track feature)
 *
 * Like entries, a task refers to its project by the project's server id;
 * inactive means done on Toggl.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-task"

#include "config.h"

#include "stint-task.h"
#include "util/stint-compat.h"

struct _StintTask
{
  GObject   parent_instance;

  gint64    id;
  gint64    server_id;
  gint64    workspace_id;
  gint64    project_id;
  char     *name;
  gboolean  active;
  gint64    estimated_seconds;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_ACTIVE,
  PROP_ESTIMATED_SECONDS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (StintTask, stint_task, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
stint_task_finalize (GObject *object)
{
  StintTask *self = (StintTask *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (stint_task_parent_class)->finalize (object);
}

static void
stint_task_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  StintTask *self = STINT_TASK (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_ESTIMATED_SECONDS:
      g_value_set_int64 (value, self->estimated_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_task_class_init (StintTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stint_task_finalize;
  object_class->get_property = stint_task_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ESTIMATED_SECONDS] =
    g_param_spec_int64 ("estimated-seconds", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_task_init (StintTask *self)
{
  self->active = TRUE;
}

StintTask *
stint_task_new (gint64      id,
                const char *name)
{
  StintTask *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (STINT_TYPE_TASK, NULL);
  self->id = id;
  self->name = g_strdup (name);

  return self;
}

gint64
stint_task_get_id (StintTask *self)
{
  g_return_val_if_fail (STINT_IS_TASK (self), 0);
  return self->id;
}

void
stint_task_set_id (StintTask *self,
                   gint64     id)
{
  g_return_if_fail (STINT_IS_TASK (self));
  self->id = id;
}

gint64
stint_task_get_server_id (StintTask *self)
{
  g_return_val_if_fail (STINT_IS_TASK (self), 0);
  return self->server_id;
}

void
stint_task_set_server_id (StintTask *self,
                          gint64     server_id)
{
  g_return_if_fail (STINT_IS_TASK (self));
  self->server_id = server_id;
}

gint64
stint_task_get_workspace_id (StintTask *self)
{
  g_return_val_if_fail (STINT_IS_TASK (self), 0);
  return self->workspace_id;
}

void
stint_task_set_workspace_id (StintTask *self,
                             gint64     workspace_id)
{
  g_return_if_fail (STINT_IS_TASK (self));
  self->workspace_id = workspace_id;
}

/* The server id of the project the task belongs to. */
gint64
stint_task_get_project_id (StintTask *self)
{
  g_return_val_if_fail (STINT_IS_TASK (self), 0);
  return self->project_id;
}

void
stint_task_set_project_id (StintTask *self,
                           gint64     project_id)
{
  g_return_if_fail (STINT_IS_TASK (self));
  self->project_id = project_id;
}

const char *
stint_task_get_name (StintTask *self)
{
  g_return_val_if_fail (STINT_IS_TASK (self), NULL);
  return self->name;
}

void
stint_task_set_name (StintTask  *self,
                     const char *name)
{
  g_return_if_fail (STINT_IS_TASK (self));
  g_return_if_fail (name != NULL);

  if (stint_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/* FALSE once the task is done. */
gboolean
stint_task_get_active (StintTask *self)
{
  g_return_val_if_fail (STINT_IS_TASK (self), FALSE);
  return self->active;
}

void
stint_task_set_active (StintTask *self,
                       gboolean   active)
{
  g_return_if_fail (STINT_IS_TASK (self));

  active = !!active;
  if (self->active != active)
    {
      self->active = active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
}

/* 0 when there is no estimate. */
gint64
stint_task_get_estimated_seconds (StintTask *self)
{
  g_return_val_if_fail (STINT_IS_TASK (self), 0);
  return self->estimated_seconds;
}

void
stint_task_set_estimated_seconds (StintTask *self,
                                  gint64     estimated_seconds)
{
  g_return_if_fail (STINT_IS_TASK (self));
  g_return_if_fail (estimated_seconds >= 0);

  if (self->estimated_seconds != estimated_seconds)
    {
      self->estimated_seconds = estimated_seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESTIMATED_SECONDS]);
    }
}
