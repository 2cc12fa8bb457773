/* stint-autostart-portal.c: starting at login under Flatpak
 *
 * Inside the sandbox an autostart file would reach no session, so Stint
 * asks the Background portal (RequestBackground with autostart and the
 * command line), which writes the entry on the host after asking the user
 * if the desktop wants to. The portal tells nothing about the current
 * state: here the key is the truth, and a refusal turns it back off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-autostart"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-autostart-private.h"

#define PORTAL_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define BACKGROUND_IFACE "org.freedesktop.portal.Background"
#define REQUEST_IFACE    "org.freedesktop.portal.Request"

void
stint_autostart_unsubscribe (StintAutostart *self)
{
  if (self->response_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->response_id);
  self->response_id = 0;
}

static void
request_finished (StintAutostart *self,
                  gboolean        answered,
                  gboolean        enabled,
                  const char     *problem)
{
  stint_autostart_unsubscribe (self);
  self->busy = FALSE;
  stint_autostart_set_problem (self, problem);

  if (answered && enabled == self->requested)
    {
      g_debug ("The portal turned autostart %s", enabled ? "on" : "off");
      self->file_enabled = enabled;
      /* The key may have changed again meanwhile. */
      stint_autostart_sync (self);
      return;
    }

  /* Refused or not answered: the switch goes back to what is true. */
  stint_autostart_follow_file (self, answered ? enabled : self->file_enabled);
}

static void
on_response (GDBusConnection *connection,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  g_autoptr(StintAutostart) self = g_weak_ref_get (user_data);
  g_autoptr(GVariant) results = NULL;
  gboolean autostart = FALSE;
  guint32 response;

  if (self == NULL || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "autostart", "b", &autostart);
  g_debug ("RequestBackground answered %u, autostart %s", response, autostart ? "on" : "off");

  if (response == 1)
    request_finished (self, FALSE, FALSE,
                      _("Start at login was not changed: the desktop’s question was dismissed."));
  else if (response != 0)
    request_finished (self, FALSE, FALSE, _("The desktop could not change Start at login."));
  else if (autostart != self->requested)
    request_finished (self, TRUE, autostart,
                      _("The desktop did not allow Stint to start at login. Its settings for apps "
                        "that run in the background can change that."));
  else
    request_finished (self, TRUE, autostart, NULL);
}

static void
weak_ref_free (GWeakRef *weak)
{
  g_weak_ref_clear (weak);
  g_free (weak);
}

/* A weak reference: a signal already queued may still arrive after the
 * subscription is gone. */
static void
subscribe (StintAutostart *self,
           const char     *request_path)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  stint_autostart_unsubscribe (self);
  g_free (self->request_path);
  self->request_path = g_strdup (request_path);
  g_weak_ref_init (weak, self);
  self->response_id =
    g_dbus_connection_signal_subscribe (self->bus, PORTAL_NAME, REQUEST_IFACE, "Response", request_path,
                                        NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_response, weak,
                                        (GDestroyNotify)weak_ref_free);
}

static void
request_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StintAutostart) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  const char *path;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not ask the Background portal: %s", error->message);
      /* Translators: %s is an error message */
      problem = g_strdup_printf (_("Stint could not ask the desktop to start it at login: %s"),
                                 error->message);
      request_finished (self, FALSE, FALSE, problem);
      return;
    }

  /* Portals older than the handle_token option pick their own path.
   * Resubscribing to the same one could drop a Response already queued. */
  g_variant_get (reply, "(&o)", &path);
  if (g_strcmp0 (path, self->request_path) != 0)
    subscribe (self, path);
}

void
stint_autostart_request_background (StintAutostart *self,
                                    gboolean        enable)
{
  static const char * const commandline[] = { "stint", "--gapplication-service", NULL };
  g_autofree char *token = g_strdup_printf ("stint%u", g_random_int ());
  g_autofree char *sender = g_strdup (g_dbus_connection_get_unique_name (self->bus) + 1);
  g_autofree char *path = NULL;
  GVariantBuilder options;

  self->busy = TRUE;
  self->requested = enable;

  /* The Response may come before the reply: listen where it will be sent. */
  g_strdelimit (sender, ".", '_');
  path = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
  subscribe (self, path);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Start Stint hidden in the tray when you log in")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enable));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (self->bus, PORTAL_NAME, PORTAL_PATH, BACKGROUND_IFACE, "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, request_done,
                          g_object_ref (self));
}

static void
use_bus (StintAutostart  *self,
         GDBusConnection *bus)
{
  self->bus = g_object_ref (bus);
  /* Nothing to read: assume the desktop did what was last asked. */
  self->file_enabled = g_settings_get_boolean (self->settings, "autostart");
  self->ready = TRUE;
}

static void
got_bus (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(StintAutostart) self = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("No session bus for the Background portal: %s", error->message);
      self->ready = TRUE;
      self->busy = TRUE;   /* for good: there is no one to ask */
      stint_autostart_set_problem (self, _("Stint cannot reach the desktop to change Start at login."));
      return;
    }
  use_bus (self, bus);
}

/* @bus: (nullable): the portal's bus; %NULL for the session bus */
void
stint_autostart_portal_start (StintAutostart  *self,
                              GDBusConnection *bus)
{
  if (bus != NULL)
    use_bus (self, bus);
  else
    g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, got_bus, g_object_ref (self));
}
