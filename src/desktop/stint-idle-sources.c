/* stint-idle-sources.c: asking the desktop how long the user has been idle
 *
 * The cascade of StintIdleMonitor: one D-Bus call at a time, to the source
 * in use, or while probing to each in turn until one answers. Two sources
 * need a first question before the real one: logind the path of our
 * session, and the screen saver whose units it counts in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-idle-monitor"

#include "config.h"

#include "stint-idle-monitor-private.h"

/* KDE's screen saver service also owns this name. */
#define KDE_SCREENSAVER "org.kde.screensaver"

/* For logs and the "source" property; the user reads
 * stint_idle_monitor_describe() instead. */
const char *
stint_idle_source_name (StintIdleSource source)
{
  switch (source)
    {
    case SOURCE_MUTTER: return "GNOME Shell";
    case SOURCE_SCREENSAVER: return "the screen saver service";
    case SOURCE_LOGIND: return "systemd-logind";
    default: return NULL;
    }
}

static void
read_logind (StintIdleMonitor *self,
             GVariant         *reply,
             gint64           *idle,
             gint64           *back)
{
  g_autoptr(GVariant) props = g_variant_get_child_value (reply, 0);
  gboolean hint = FALSE;
  guint64 since_usec = 0;
  gint64 since;

  g_variant_lookup (props, "IdleHint", "b", &hint);
  g_variant_lookup (props, "IdleSinceHint", "t", &since_usec);
  since = (gint64)(since_usec / G_USEC_PER_SEC);

  /* IdleSinceHint is the last change of IdleHint: when idleness began, or
   * when it ended. */
  if (hint && since > 0)
    *idle = MAX (stint_clock_now (self->clock) - since, 0);
  else if (!hint && since > 0)
    *back = since;
}

/* Asks the first source after @after that might answer, or settles on none. */
void
stint_idle_monitor_probe (StintIdleMonitor *self,
                          StintIdleSource   after)
{
  for (StintIdleSource s = after + 1; s < N_SOURCES; s++)
    if ((s == SOURCE_LOGIND ? self->system_bus : self->session_bus) != NULL)
      {
        stint_idle_monitor_ask (self, s);
        return;
      }

  stint_idle_monitor_set_source (self, SOURCE_NONE);
}

/* The answer to a first question: TRUE if the real one follows. */
static gboolean
answer_first_question (StintIdleMonitor *self,
                       StintIdleSource   source,
                       GVariant         *reply)
{
  if (source == SOURCE_LOGIND && self->logind_session == NULL)
    {
      g_variant_get (reply, "(o)", &self->logind_session);
      return TRUE;
    }

  if (source == SOURCE_SCREENSAVER && self->screensaver_unit == 0)
    {
      gboolean kde = FALSE;

      /* GetSessionIdleTime counts milliseconds in KDE and seconds in the
       * gnome-screensaver family (MATE, xfce4-screensaver). */
      g_variant_get (reply, "(b)", &kde);
      self->screensaver_unit = kde ? 1 : 1000;
      return TRUE;
    }

  return FALSE;
}

static void
ask_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(StintIdleMonitor) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  StintIdleSource source = self->asking;
  gint64 idle = 0, back = -1;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->asking = SOURCE_NONE;

  if (reply == NULL)
    {
      g_debug ("%s does not answer: %s", stint_idle_source_name (source), error->message);
      g_clear_pointer (&self->logind_session, g_free);
      /* A source that stopped answering means asking all of them again. */
      if (self->source >= 0)
        {
          stint_idle_monitor_set_source (self, SOURCE_UNKNOWN);
          stint_idle_monitor_probe (self, -1);
        }
      else
        stint_idle_monitor_probe (self, source);
      return;
    }

  if (answer_first_question (self, source, reply))
    {
      stint_idle_monitor_ask (self, source);
      return;
    }

  stint_idle_monitor_set_source (self, source);
  if (source == SOURCE_MUTTER)
    {
      guint64 ms;

      g_variant_get (reply, "(t)", &ms);
      idle = (gint64)(ms / 1000);
    }
  else if (source == SOURCE_SCREENSAVER)
    {
      guint32 raw;

      g_variant_get (reply, "(u)", &raw);
      idle = (gint64)raw * self->screensaver_unit / 1000;
    }
  else
    read_logind (self, reply, &idle, &back);

  stint_idle_monitor_sample (self, idle, back);
}

void
stint_idle_monitor_ask (StintIdleMonitor *self,
                        StintIdleSource   source)
{
  GDBusConnection *bus = source == SOURCE_LOGIND ? self->system_bus : self->session_bus;
  const char *name, *path, *iface, *method;
  const GVariantType *type;
  GVariant *args = NULL;

  if (self->asking != SOURCE_NONE)
    return;

  switch (source)
    {
    case SOURCE_MUTTER:
      name = "org.gnome.Mutter.IdleMonitor";
      path = "/org/gnome/Mutter/IdleMonitor/Core";
      iface = "org.gnome.Mutter.IdleMonitor";
      method = "GetIdletime";
      type = G_VARIANT_TYPE ("(t)");
      break;
    case SOURCE_SCREENSAVER:
      if (self->screensaver_unit == 0)
        {
          name = "org.freedesktop.DBus";
          path = "/org/freedesktop/DBus";
          iface = "org.freedesktop.DBus";
          method = "NameHasOwner";
          args = g_variant_new ("(s)", KDE_SCREENSAVER);
          type = G_VARIANT_TYPE ("(b)");
          break;
        }
      name = "org.freedesktop.ScreenSaver";
      path = "/org/freedesktop/ScreenSaver";
      iface = "org.freedesktop.ScreenSaver";
      method = "GetSessionIdleTime";
      type = G_VARIANT_TYPE ("(u)");
      break;
    case SOURCE_LOGIND:
      name = "org.freedesktop.login1";
      if (self->logind_session == NULL)
        {
          path = "/org/freedesktop/login1";
          iface = "org.freedesktop.login1.Manager";
          method = "GetSession";
          args = g_variant_new ("(s)", "auto");
          type = G_VARIANT_TYPE ("(o)");
          break;
        }
      path = self->logind_session;
      iface = "org.freedesktop.DBus.Properties";
      method = "GetAll";
      args = g_variant_new ("(s)", "org.freedesktop.login1.Session");
      type = G_VARIANT_TYPE ("(a{sv})");
      break;
    default:
      g_assert_not_reached ();
    }

  self->asking = source;
  /* NO_AUTO_START: an idle source that is not running is not one to start. */
  g_dbus_connection_call (bus, name, path, iface, method, args, type,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, self->cancellable,
                          ask_done, g_object_ref (self));
}
