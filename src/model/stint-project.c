/* stint-project.c: a project entries can belong to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-project"

#include "config.h"

#include "stint-project.h"
#include "util/stint-compat.h"

struct _StintProject
{
  GObject   parent_instance;

  gint64    id;
  gint64    server_id;
  gint64    workspace_id;
  gint64    customer_id;
  char     *name;
  char     *color;
  char     *customer_name;
  gboolean  active;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  PROP_ACTIVE,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (StintProject, stint_project, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
stint_project_finalize (GObject *object)
{
  StintProject *self = (StintProject *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->customer_name, g_free);

  G_OBJECT_CLASS (stint_project_parent_class)->finalize (object);
}

static void
stint_project_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StintProject *self = STINT_PROJECT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_project_class_init (StintProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stint_project_finalize;
  object_class->get_property = stint_project_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_project_init (StintProject *self)
{
  self->active = TRUE;
}

StintProject *
stint_project_new (gint64      id,
                   const char *name,
                   const char *color)
{
  StintProject *self = g_object_new (STINT_TYPE_PROJECT, NULL);

  self->id = id;
  self->name = g_strdup (name != NULL ? name : "");
  self->color = g_strdup (color);

  return self;
}

gint64
stint_project_get_id (StintProject *self)
{
  g_return_val_if_fail (STINT_IS_PROJECT (self), 0);
  return self->id;
}

void
stint_project_set_id (StintProject *self,
                      gint64        id)
{
  g_return_if_fail (STINT_IS_PROJECT (self));
  self->id = id;
}

gint64
stint_project_get_server_id (StintProject *self)
{
  g_return_val_if_fail (STINT_IS_PROJECT (self), 0);
  return self->server_id;
}

void
stint_project_set_server_id (StintProject *self,
                             gint64        server_id)
{
  g_return_if_fail (STINT_IS_PROJECT (self));
  self->server_id = server_id;
}

gint64
stint_project_get_workspace_id (StintProject *self)
{
  g_return_val_if_fail (STINT_IS_PROJECT (self), 0);
  return self->workspace_id;
}

void
stint_project_set_workspace_id (StintProject *self,
                                gint64        workspace_id)
{
  g_return_if_fail (STINT_IS_PROJECT (self));
  self->workspace_id = workspace_id;
}

const char *
stint_project_get_name (StintProject *self)
{
  g_return_val_if_fail (STINT_IS_PROJECT (self), NULL);
  return self->name;
}

void
stint_project_set_name (StintProject *self,
                        const char   *name)
{
  g_return_if_fail (STINT_IS_PROJECT (self));
  g_return_if_fail (name != NULL);

  if (stint_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/* "#rrggbb", or NULL for the theme's neutral colour. */
const char *
stint_project_get_color (StintProject *self)
{
  g_return_val_if_fail (STINT_IS_PROJECT (self), NULL);
  return self->color;
}

void
stint_project_set_color (StintProject *self,
                         const char   *color)
{
  g_return_if_fail (STINT_IS_PROJECT (self));

  if (stint_set_str (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

gboolean
stint_project_get_active (StintProject *self)
{
  g_return_val_if_fail (STINT_IS_PROJECT (self), FALSE);
  return self->active;
}

void
stint_project_set_active (StintProject *self,
                          gboolean      active)
{
  g_return_if_fail (STINT_IS_PROJECT (self));

  active = !!active;
  if (self->active != active)
    {
      self->active = active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
}

/* The project's customer (Toggl's client_id), 0 for none: the server's id
 * in what a backend returns, the store's local id in what the store loads,
 * as for an entry's project-id. */
gint64
stint_project_get_customer_id (StintProject *self)
{
  g_return_val_if_fail (STINT_IS_PROJECT (self), 0);
  return self->customer_id;
}

void
stint_project_set_customer_id (StintProject *self,
                               gint64        customer_id)
{
  g_return_if_fail (STINT_IS_PROJECT (self));
  g_return_if_fail (customer_id >= 0);

  if (self->customer_id != customer_id)
    {
      self->customer_id = customer_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
    }
}

/* The name of the project's customer, as the store knows it when it loads
 * the project (NULL for none), so a list can group projects by customer
 * without looking each one up. */
const char *
stint_project_get_customer_name (StintProject *self)
{
  g_return_val_if_fail (STINT_IS_PROJECT (self), NULL);
  return self->customer_name;
}

void
stint_project_set_customer_name (StintProject *self,
                                 const char   *customer_name)
{
  g_return_if_fail (STINT_IS_PROJECT (self));

  if (stint_set_str (&self->customer_name, customer_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
}
