/* stint-customer.c: who a project's work is for (Toggl calls it a client)
 *
 * "Client" already means the HTTP client in Stint, hence the other word
 * (the store's table keeps Toggl's: clients). Projects point at their
 * customer (customer-id) by the server's id in what a backend returns, by
 * the store's local id in what the store loads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-customer"

#include "config.h"

#include "stint-customer.h"
#include "util/stint-compat.h"

struct _StintCustomer
{
  GObject   parent_instance;

  gint64    id;
  gint64    server_id;
  gint64    workspace_id;
  char     *name;
  gboolean  archived;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_ARCHIVED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (StintCustomer, stint_customer, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
stint_customer_finalize (GObject *object)
{
  StintCustomer *self = (StintCustomer *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (stint_customer_parent_class)->finalize (object);
}

static void
stint_customer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StintCustomer *self = STINT_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_customer_class_init (StintCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stint_customer_finalize;
  object_class->get_property = stint_customer_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_customer_init (StintCustomer *self)
{
}

StintCustomer *
stint_customer_new (gint64      id,
                    const char *name)
{
  StintCustomer *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (STINT_TYPE_CUSTOMER, NULL);
  self->id = id;
  self->name = g_strdup (name);

  return self;
}

gint64
stint_customer_get_id (StintCustomer *self)
{
  g_return_val_if_fail (STINT_IS_CUSTOMER (self), 0);
  return self->id;
}

void
stint_customer_set_id (StintCustomer *self,
                       gint64         id)
{
  g_return_if_fail (STINT_IS_CUSTOMER (self));
  self->id = id;
}

gint64
stint_customer_get_server_id (StintCustomer *self)
{
  g_return_val_if_fail (STINT_IS_CUSTOMER (self), 0);
  return self->server_id;
}

void
stint_customer_set_server_id (StintCustomer *self,
                              gint64         server_id)
{
  g_return_if_fail (STINT_IS_CUSTOMER (self));
  self->server_id = server_id;
}

gint64
stint_customer_get_workspace_id (StintCustomer *self)
{
  g_return_val_if_fail (STINT_IS_CUSTOMER (self), 0);
  return self->workspace_id;
}

void
stint_customer_set_workspace_id (StintCustomer *self,
                                 gint64         workspace_id)
{
  g_return_if_fail (STINT_IS_CUSTOMER (self));
  self->workspace_id = workspace_id;
}

const char *
stint_customer_get_name (StintCustomer *self)
{
  g_return_val_if_fail (STINT_IS_CUSTOMER (self), NULL);
  return self->name;
}

void
stint_customer_set_name (StintCustomer *self,
                         const char    *name)
{
  g_return_if_fail (STINT_IS_CUSTOMER (self));
  g_return_if_fail (name != NULL);

  if (stint_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/* Archived customers stay readable (their projects may still be named in old
 * entries) but are not offered for new work. */
gboolean
stint_customer_get_archived (StintCustomer *self)
{
  g_return_val_if_fail (STINT_IS_CUSTOMER (self), FALSE);
  return self->archived;
}

void
stint_customer_set_archived (StintCustomer *self,
                             gboolean       archived)
{
  g_return_if_fail (STINT_IS_CUSTOMER (self));

  archived = !!archived;
  if (self->archived != archived)
    {
      self->archived = archived;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
    }
}
