/* stint-idle-monitor.c: whether the user is away from the computer
 *
 * Asks the first idle source that answers, in this order:
 *   1. org.gnome.Mutter.IdleMonitor.GetIdletime (GNOME, X11 and Wayland)
 *   2. org.freedesktop.ScreenSaver.GetSessionIdleTime (KDE on X11, some
 *      lockers of Xfce and MATE)
 *   3. logind's IdleHint/IdleSinceHint of this session (desktops that keep
 *      it up to date)
 * XScreenSaver is not asked: it would mean libXss, a dependency Stint does
 * not otherwise have, and it only works on X11, where one of the above
 * usually answers anyway.
 *
 * Polling is cheap and rare: only while tracking (set_active), never more
 * often than once a minute, and not before the idle threshold could have
 * been reached. The moment the user left is read back from the idle time
 * itself, so a late poll still gets it right. Suspend counts as idle
 * (StintSleepMonitor).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-idle-monitor"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-idle-monitor-private.h"

/* The shortest time between two polls, in seconds. */
#define POLL_INTERVAL 60
/* Idle counters and our clock tick apart by this much (seconds). */
#define SLACK 5

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_SLEEP_MONITOR,
  PROP_SESSION_BUS,
  PROP_SYSTEM_BUS,
  PROP_SOURCE,
  PROP_THRESHOLD,
  PROP_ACTIVE,
  PROP_IDLE,
  N_PROPS
};

enum {
  IDLE_STARTED,
  IDLE_ENDED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (StintIdleMonitor, stint_idle_monitor, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
stint_idle_monitor_set_source (StintIdleMonitor *self,
                               StintIdleSource   source)
{
  if (self->source == source)
    return;
  g_debug ("Idle source: %s", source >= 0 ? stint_idle_source_name (source) : "none");
  self->source = source;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

static void
set_idle (StintIdleMonitor *self,
          gboolean          idle,
          gint64            since,
          gint64            until)
{
  self->idle = idle;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE]);
  if (idle)
    {
      self->idle_since = since;
      g_debug ("Idle since %" G_GINT64_FORMAT, since);
      g_signal_emit (self, signals[IDLE_STARTED], 0, since);
    }
  else
    {
      g_debug ("Back at %" G_GINT64_FORMAT " from idle since %" G_GINT64_FORMAT, until, since);
      g_signal_emit (self, signals[IDLE_ENDED], 0, since, until);
    }
}

static gboolean
is_asleep (StintIdleMonitor *self)
{
  return self->sleep_monitor != NULL && stint_sleep_monitor_get_asleep (self->sleep_monitor);
}

/* ------------------------------------------------------------ polling */

static gboolean
on_poll (gpointer data)
{
  StintIdleMonitor *self = data;

  self->timeout_id = 0;
  if (self->source >= 0)
    stint_idle_monitor_ask (self, self->source);
  return G_SOURCE_REMOVE;
}

static void
stop_polling (StintIdleMonitor *self)
{
  if (self->timeout_id != 0)
    stint_clock_source_remove (self->clock, self->timeout_id);
  self->timeout_id = 0;
}

static void
schedule_poll (StintIdleMonitor *self,
               gint64            seconds)
{
  stop_polling (self);
  self->timeout_id = stint_clock_timeout_add (self->clock,
                                              MAX (seconds, POLL_INTERVAL) * G_USEC_PER_SEC,
                                              on_poll, self, NULL);
}

/* The source says the user has been idle for @idle seconds; @back is when
 * they returned, where the source knows better than "now - idle". */
void
stint_idle_monitor_sample (StintIdleMonitor *self,
                           gint64            idle,
                           gint64            back)
{
  gint64 now = stint_clock_now (self->clock);

  if (!self->active || is_asleep (self))
    return;

  if (!self->idle)
    {
      if (idle >= self->threshold)
        {
          set_idle (self, TRUE, now - idle, 0);
          schedule_poll (self, POLL_INTERVAL);
        }
      else
        /* Nobody can reach the threshold sooner than this. */
        schedule_poll (self, self->threshold - idle);
      return;
    }

  if (idle < now - self->idle_since - SLACK)
    {
      set_idle (self, FALSE, self->idle_since, MAX (back >= 0 ? back : now - idle, self->idle_since));
      schedule_poll (self, self->threshold - idle);
    }
  else
    schedule_poll (self, POLL_INTERVAL);
}

/* ------------------------------------------------------------ sleep */

static void
on_sleeping (StintIdleMonitor *self,
             gint64            since)
{
  stop_polling (self);
  if (self->active && !self->idle)
    set_idle (self, TRUE, since, 0);
}

static void
on_woke (StintIdleMonitor *self,
         gint64            since,
         gint64            until)
{
  if (!self->active)
    return;
  if (self->idle)
    set_idle (self, FALSE, self->idle_since, until);
  if (self->source >= 0)
    schedule_poll (self, self->threshold);
}

/* ------------------------------------------------------------ buses */

static void
got_bus (StintIdleMonitor  *self,
         GAsyncResult      *result,
         GDBusConnection  **where)
{
  g_autoptr(GError) error = NULL;

  *where = g_bus_get_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* No system bus in a container, say: its sources are simply skipped. */
  if (*where == NULL)
    g_debug ("A bus is missing, and so are its idle sources: %s", error->message);

  if (--self->buses_pending == 0)
    stint_idle_monitor_probe (self, -1);
}

static void
got_session_bus (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StintIdleMonitor) self = user_data;

  got_bus (self, result, &self->session_bus);
}

static void
got_system_bus (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StintIdleMonitor) self = user_data;

  got_bus (self, result, &self->system_bus);
}

/* ------------------------------------------------------------ GObject */

static void
stint_idle_monitor_constructed (GObject *object)
{
  StintIdleMonitor *self = (StintIdleMonitor *)object;

  G_OBJECT_CLASS (stint_idle_monitor_parent_class)->constructed (object);

  g_assert (self->clock != NULL);
  if (self->sleep_monitor != NULL)
    {
      g_signal_connect_object (self->sleep_monitor, "sleeping",
                               G_CALLBACK (on_sleeping), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sleep_monitor, "woke",
                               G_CALLBACK (on_woke), self, G_CONNECT_SWAPPED);
    }

  /* Asking once now, not polling, so Preferences can name the source. */
  self->buses_pending = 1;
  if (self->session_bus == NULL)
    {
      self->buses_pending++;
      g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, got_session_bus, g_object_ref (self));
    }
  if (self->system_bus == NULL)
    {
      self->buses_pending++;
      g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, got_system_bus, g_object_ref (self));
    }
  if (--self->buses_pending == 0)
    stint_idle_monitor_probe (self, -1);
}

static void
stint_idle_monitor_dispose (GObject *object)
{
  StintIdleMonitor *self = (StintIdleMonitor *)object;

  g_cancellable_cancel (self->cancellable);
  stop_polling (self);
  g_clear_object (&self->sleep_monitor);
  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);

  G_OBJECT_CLASS (stint_idle_monitor_parent_class)->dispose (object);
}

static void
stint_idle_monitor_finalize (GObject *object)
{
  StintIdleMonitor *self = (StintIdleMonitor *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->clock);
  g_free (self->logind_session);

  G_OBJECT_CLASS (stint_idle_monitor_parent_class)->finalize (object);
}

static void
stint_idle_monitor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StintIdleMonitor *self = STINT_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_SLEEP_MONITOR:
      g_value_set_object (value, self->sleep_monitor);
      break;
    case PROP_SESSION_BUS:
      g_value_set_object (value, self->session_bus);
      break;
    case PROP_SYSTEM_BUS:
      g_value_set_object (value, self->system_bus);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, stint_idle_monitor_get_source (self));
      break;
    case PROP_THRESHOLD:
      g_value_set_uint (value, self->threshold);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_IDLE:
      g_value_set_boolean (value, self->idle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_idle_monitor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StintIdleMonitor *self = STINT_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_SLEEP_MONITOR:
      self->sleep_monitor = g_value_dup_object (value);
      break;
    case PROP_SESSION_BUS:
      self->session_bus = g_value_dup_object (value);
      break;
    case PROP_SYSTEM_BUS:
      self->system_bus = g_value_dup_object (value);
      break;
    case PROP_THRESHOLD:
      if (self->threshold != g_value_get_uint (value))
        {
          self->threshold = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ACTIVE:
      stint_idle_monitor_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_idle_monitor_class_init (StintIdleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stint_idle_monitor_constructed;
  object_class->dispose = stint_idle_monitor_dispose;
  object_class->finalize = stint_idle_monitor_finalize;
  object_class->get_property = stint_idle_monitor_get_property;
  object_class->set_property = stint_idle_monitor_set_property;

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, STINT_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Suspend counts as idle; NULL if sleep is not followed. */
  properties[PROP_SLEEP_MONITOR] =
    g_param_spec_object ("sleep-monitor", NULL, NULL, STINT_TYPE_SLEEP_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL: the usual buses, found asynchronously. Tests pass private ones. */
  properties[PROP_SESSION_BUS] =
    g_param_spec_object ("session-bus", NULL, NULL, G_TYPE_DBUS_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYSTEM_BUS] =
    g_param_spec_object ("system-bus", NULL, NULL, G_TYPE_DBUS_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The idle source in use, as a name for people; NULL while none answers. */
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Seconds without input that count as being away. */
  properties[PROP_THRESHOLD] =
    g_param_spec_uint ("threshold", NULL, NULL, 60, 24 * 3600, 5 * 60,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);
  /* Watch at all: bind to "tracking". */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDLE] =
    g_param_spec_boolean ("idle", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user has been away since @since (Unix seconds). */
  signals[IDLE_STARTED] =
    g_signal_new ("idle-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The user was away from @since until @until. */
  signals[IDLE_ENDED] =
    g_signal_new ("idle-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
}

static void
stint_idle_monitor_init (StintIdleMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->source = SOURCE_UNKNOWN;
  self->asking = SOURCE_NONE;
}

/* ------------------------------------------------------------ public API */

/* @sleep_monitor: (nullable): to count suspend as idle */
StintIdleMonitor *
stint_idle_monitor_new (StintClock        *clock,
                        StintSleepMonitor *sleep_monitor)
{
  g_return_val_if_fail (STINT_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (sleep_monitor == NULL || STINT_IS_SLEEP_MONITOR (sleep_monitor), NULL);

  return g_object_new (STINT_TYPE_IDLE_MONITOR, "clock", clock, "sleep-monitor", sleep_monitor, NULL);
}

const char *
stint_idle_monitor_get_source (StintIdleMonitor *self)
{
  g_return_val_if_fail (STINT_IS_IDLE_MONITOR (self), NULL);

  return stint_idle_source_name (self->source);
}

/* A sentence for Preferences about how idle time is found, or why not. */
char *
stint_idle_monitor_describe (StintIdleMonitor *self)
{
  g_return_val_if_fail (STINT_IS_IDLE_MONITOR (self), NULL);

  /* One whole sentence per source: a name dropped into a shared sentence
   * cannot take the article or case another language needs. */
  switch (self->source)
    {
    case SOURCE_MUTTER:
      return g_strdup (_("GNOME Shell tells Stint when you are away."));
    case SOURCE_SCREENSAVER:
      return g_strdup (_("The desktop’s screen saver tells Stint when you are away."));
    case SOURCE_LOGIND:
      return g_strdup (_("The system’s login manager, systemd-logind, tells Stint when you "
                         "are away."));
    case SOURCE_NONE:
      return g_strdup (_("This desktop does not tell Stint when you are away, so idle time "
                         "cannot be noticed."));
    case SOURCE_UNKNOWN:
    default:
      return g_strdup (_("Looking for a way to notice idle time…"));
    }
}

gboolean
stint_idle_monitor_get_active (StintIdleMonitor *self)
{
  g_return_val_if_fail (STINT_IS_IDLE_MONITOR (self), FALSE);

  return self->active;
}

/* Watches while @active (while tracking): idle is only worth asking about
 * when time is being recorded. */
void
stint_idle_monitor_set_active (StintIdleMonitor *self,
                               gboolean          active)
{
  g_return_if_fail (STINT_IS_IDLE_MONITOR (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);

  if (!active)
    {
      /* Nothing is being tracked, so there is nothing to ask about. */
      stop_polling (self);
      if (self->idle)
        {
          self->idle = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE]);
        }
      return;
    }

  if (self->source >= 0 && !is_asleep (self))
    /* Whoever just started tracking is here. */
    schedule_poll (self, self->threshold);
  else if (self->source == SOURCE_NONE && self->buses_pending == 0)
    /* Perhaps the desktop was not up yet when Stint started. */
    stint_idle_monitor_probe (self, -1);
}

gboolean
stint_idle_monitor_get_idle (StintIdleMonitor *self)
{
  g_return_val_if_fail (STINT_IS_IDLE_MONITOR (self), FALSE);

  return self->idle;
}
