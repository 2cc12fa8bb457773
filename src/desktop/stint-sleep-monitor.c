/* stint-sleep-monitor.c: when the computer sleeps, wakes and shuts down
 *
 * Listens to logind's PrepareForSleep and PrepareForShutdown on the system
 * bus. With the inhibit property set it holds a *delay* inhibitor, so that
 * the handlers of ::sleeping and ::shutting-down (which stop the running
 * entry at the moment sleep began, and write that to the store) run before
 * the machine goes down; the inhibitor is let go right after them, and
 * taken again on waking. Without a system bus or logind nothing is
 * emitted, and nothing breaks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sleep-monitor"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixfdlist.h>

#include "stint-sleep-monitor.h"

#define LOGIND_NAME  "org.freedesktop.login1"
#define LOGIND_PATH  "/org/freedesktop/login1"
#define LOGIND_IFACE "org.freedesktop.login1.Manager"

struct _StintSleepMonitor
{
  GObject          parent_instance;

  StintClock      *clock;
  GDBusConnection *bus;
  GCancellable    *cancellable;
  GCancellable    *inhibit_cancellable;   /* the Inhibit call in flight */
  guint            sleep_subscription;
  guint            shutdown_subscription;
  int              inhibitor_fd;
  gboolean         inhibit;
  gboolean         asleep;
  gboolean         shutting_down;
  gint64           asleep_since;
};

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_SYSTEM_BUS,
  PROP_ASLEEP,
  PROP_INHIBIT,
  PROP_INHIBITING,
  N_PROPS
};

enum {
  SLEEPING,
  WOKE,
  SHUTTING_DOWN,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (StintSleepMonitor, stint_sleep_monitor, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ the inhibitor */

static void
release_inhibitor (StintSleepMonitor *self)
{
  if (self->inhibit_cancellable != NULL)
    {
      g_cancellable_cancel (self->inhibit_cancellable);
      g_clear_object (&self->inhibit_cancellable);
    }
  if (self->inhibitor_fd < 0)
    return;

  g_debug ("Letting go of the sleep inhibitor");
  g_close (self->inhibitor_fd, NULL);
  self->inhibitor_fd = -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INHIBITING]);
}

static void
inhibit_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StintSleepMonitor) self = user_data;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint32 index;
  int fd;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source), &fds,
                                                           result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No sleep inhibitor: %s", error->message);
      return;
    }
  g_clear_object (&self->inhibit_cancellable);

  g_variant_get (reply, "(h)", &index);
  fd = fds != NULL ? g_unix_fd_list_get (fds, index, &error) : -1;
  if (fd < 0)
    {
      g_debug ("No sleep inhibitor: %s", error != NULL ? error->message : "no descriptor");
      return;
    }

  g_debug ("Holding a sleep inhibitor");
  self->inhibitor_fd = fd;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INHIBITING]);
}

static void
update_inhibitor (StintSleepMonitor *self)
{
  gboolean want = self->inhibit && self->bus != NULL && !self->asleep && !self->shutting_down;

  if (!want)
    {
      release_inhibitor (self);
      return;
    }
  if (self->inhibitor_fd >= 0 || self->inhibit_cancellable != NULL)
    return;

  self->inhibit_cancellable = g_cancellable_new ();
  g_dbus_connection_call_with_unix_fd_list (self->bus, LOGIND_NAME, LOGIND_PATH, LOGIND_IFACE,
                                            "Inhibit",
                                            g_variant_new ("(ssss)", "sleep:shutdown", PACKAGE_NAME,
                                                           _("Stopping the running timer"),
                                                           "delay"),
                                            G_VARIANT_TYPE ("(h)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                            NULL, self->inhibit_cancellable, inhibit_done,
                                            g_object_ref (self));
}

/* ------------------------------------------------------------ logind */

static void
on_prepare (GDBusConnection *connection,
            const char      *sender,
            const char      *path,
            const char      *interface,
            const char      *signal,
            GVariant        *parameters,
            gpointer         user_data)
{
  StintSleepMonitor *self = user_data;
  g_autoptr(GObject) guard = g_object_ref (G_OBJECT (self));
  gint64 now = stint_clock_now (self->clock);
  gboolean starting;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &starting);
  g_debug ("%s (%s)", signal, starting ? "true" : "false");

  if (g_str_equal (signal, "PrepareForShutdown"))
    {
      self->shutting_down = starting;
      if (starting)
        g_signal_emit (self, signals[SHUTTING_DOWN], 0, now);
    }
  else if (starting && !self->asleep)
    {
      self->asleep = TRUE;
      self->asleep_since = now;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASLEEP]);
      g_signal_emit (self, signals[SLEEPING], 0, now);
    }
  else if (!starting && self->asleep)
    {
      self->asleep = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASLEEP]);
      g_signal_emit (self, signals[WOKE], 0, self->asleep_since, now);
    }

  /* The handlers have run: let sleep or shutdown go on, or hold it again
   * after waking. */
  update_inhibitor (self);
}

static void
use_bus (StintSleepMonitor *self,
         GDBusConnection   *bus)
{
  self->bus = g_object_ref (bus);
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, LOGIND_NAME, LOGIND_IFACE, "PrepareForSleep",
                                        LOGIND_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_prepare, self, NULL);
  self->shutdown_subscription =
    g_dbus_connection_signal_subscribe (bus, LOGIND_NAME, LOGIND_IFACE, "PrepareForShutdown",
                                        LOGIND_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_prepare, self, NULL);
  update_inhibitor (self);
}

static void
got_bus (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(StintSleepMonitor) self = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      /* A container or a minimal system: no sleep to follow. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus, so no sleep or shutdown events: %s", error->message);
      return;
    }
  use_bus (self, bus);
}

/* ------------------------------------------------------------ GObject */

static void
stint_sleep_monitor_constructed (GObject *object)
{
  StintSleepMonitor *self = (StintSleepMonitor *)object;
  g_autoptr(GDBusConnection) bus = g_steal_pointer (&self->bus);

  G_OBJECT_CLASS (stint_sleep_monitor_parent_class)->constructed (object);

  if (bus != NULL)
    use_bus (self, bus);
  else
    g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, got_bus, g_object_ref (self));
}

static void
stint_sleep_monitor_dispose (GObject *object)
{
  StintSleepMonitor *self = (StintSleepMonitor *)object;

  g_cancellable_cancel (self->cancellable);
  release_inhibitor (self);
  if (self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->sleep_subscription);
  if (self->shutdown_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->shutdown_subscription);
  self->sleep_subscription = self->shutdown_subscription = 0;
  g_clear_object (&self->bus);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (stint_sleep_monitor_parent_class)->dispose (object);
}

static void
stint_sleep_monitor_finalize (GObject *object)
{
  StintSleepMonitor *self = (StintSleepMonitor *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (stint_sleep_monitor_parent_class)->finalize (object);
}

static void
stint_sleep_monitor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StintSleepMonitor *self = STINT_SLEEP_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_SYSTEM_BUS:
      g_value_set_object (value, self->bus);
      break;
    case PROP_ASLEEP:
      g_value_set_boolean (value, self->asleep);
      break;
    case PROP_INHIBIT:
      g_value_set_boolean (value, self->inhibit);
      break;
    case PROP_INHIBITING:
      g_value_set_boolean (value, self->inhibitor_fd >= 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_sleep_monitor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StintSleepMonitor *self = STINT_SLEEP_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_SYSTEM_BUS:
      self->bus = g_value_dup_object (value);
      break;
    case PROP_INHIBIT:
      stint_sleep_monitor_set_inhibit (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_sleep_monitor_class_init (StintSleepMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stint_sleep_monitor_constructed;
  object_class->dispose = stint_sleep_monitor_dispose;
  object_class->finalize = stint_sleep_monitor_finalize;
  object_class->get_property = stint_sleep_monitor_get_property;
  object_class->set_property = stint_sleep_monitor_set_property;

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, STINT_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL: the system bus, found asynchronously. Tests pass a private bus. */
  properties[PROP_SYSTEM_BUS] =
    g_param_spec_object ("system-bus", NULL, NULL, G_TYPE_DBUS_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ASLEEP] =
    g_param_spec_boolean ("asleep", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Hold a delay inhibitor, for as long as something must happen before
   * sleep (bind to "stop on sleep" and tracking). */
  properties[PROP_INHIBIT] =
    g_param_spec_boolean ("inhibit", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether logind actually granted the inhibitor. */
  properties[PROP_INHIBITING] =
    g_param_spec_boolean ("inhibiting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The machine is about to sleep, since @since (Unix seconds). */
  signals[SLEEPING] =
    g_signal_new ("sleeping", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The machine slept from @since until @until. */
  signals[WOKE] =
    g_signal_new ("woke", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /* The machine is about to shut down, at @at. */
  signals[SHUTTING_DOWN] =
    g_signal_new ("shutting-down", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
stint_sleep_monitor_init (StintSleepMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->inhibitor_fd = -1;
}

/* ------------------------------------------------------------ public API */

/* @system_bus: (nullable): NULL for the system bus */
StintSleepMonitor *
stint_sleep_monitor_new (StintClock      *clock,
                         GDBusConnection *system_bus)
{
  g_return_val_if_fail (STINT_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (system_bus == NULL || G_IS_DBUS_CONNECTION (system_bus), NULL);

  return g_object_new (STINT_TYPE_SLEEP_MONITOR, "clock", clock, "system-bus", system_bus, NULL);
}

gboolean
stint_sleep_monitor_get_asleep (StintSleepMonitor *self)
{
  g_return_val_if_fail (STINT_IS_SLEEP_MONITOR (self), FALSE);

  return self->asleep;
}

gboolean
stint_sleep_monitor_get_inhibit (StintSleepMonitor *self)
{
  g_return_val_if_fail (STINT_IS_SLEEP_MONITOR (self), FALSE);

  return self->inhibit;
}

void
stint_sleep_monitor_set_inhibit (StintSleepMonitor *self,
                                 gboolean           inhibit)
{
  g_return_if_fail (STINT_IS_SLEEP_MONITOR (self));

  inhibit = !!inhibit;
  if (self->inhibit == inhibit)
    return;
  self->inhibit = inhibit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INHIBIT]);
  update_inhibitor (self);
}

gboolean
stint_sleep_monitor_get_inhibiting (StintSleepMonitor *self)
{
  g_return_val_if_fail (STINT_IS_SLEEP_MONITOR (self), FALSE);

  return self->inhibitor_fd >= 0;
}
