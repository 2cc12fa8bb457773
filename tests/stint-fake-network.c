/* stint-fake-network.c: a GNetworkMonitor a test switches on and off
 *
 * Declared in stint-fake-backend.h, beside the service it goes with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-fake-network"

#include "config.h"

#include "stint-fake-backend.h"

/* StintFakeNetwork */

struct _StintFakeNetwork
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  NET_PROP_0,
  NET_PROP_NETWORK_AVAILABLE,
  NET_PROP_NETWORK_METERED,
  NET_PROP_CONNECTIVITY,
};

static void stint_fake_network_initable_iface_init (GInitableIface *iface);
static void stint_fake_network_monitor_iface_init (GNetworkMonitorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StintFakeNetwork, stint_fake_network, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      stint_fake_network_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      stint_fake_network_monitor_iface_init))

static gboolean
fake_network_init (GInitable     *initable,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return TRUE;
}

static void
stint_fake_network_initable_iface_init (GInitableIface *iface)
{
  iface->init = fake_network_init;
}

static gboolean
fake_network_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  if (STINT_FAKE_NETWORK (monitor)->available)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "Network unreachable");
  return FALSE;
}

static void
stint_fake_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = fake_network_can_reach;
}

static void
stint_fake_network_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StintFakeNetwork *self = STINT_FAKE_NETWORK (object);

  switch (prop_id)
    {
    case NET_PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case NET_PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case NET_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_fake_network_class_init (StintFakeNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = stint_fake_network_get_property;

  g_object_class_override_property (object_class, NET_PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, NET_PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, NET_PROP_CONNECTIVITY, "connectivity");
}

static void
stint_fake_network_init (StintFakeNetwork *self)
{
}

StintFakeNetwork *
stint_fake_network_new (gboolean available)
{
  StintFakeNetwork *self = g_object_new (STINT_TYPE_FAKE_NETWORK, NULL);

  self->available = available;

  return self;
}

/* Switches the network on or off, telling whoever listens. */
void
stint_fake_network_set_available (StintFakeNetwork *self,
                                  gboolean          available)
{
  if (self->available == available)
    return;

  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_object_notify (G_OBJECT (self), "connectivity");
  g_signal_emit_by_name (self, "network-changed", available);
}
