/* stint-shortcuts-portal.c: global shortcuts through the desktop portal
 *
 * org.freedesktop.portal.GlobalShortcuts, version 1: CreateSession, then
 * BindShortcuts with a description and a preferred trigger for each; the
 * desktop may show the user a dialog, and answers with the Response signal
 * of a request object. Then Activated arrives for each press. Used only
 * when the portal is already on the bus and has the interface, which on
 * Debian 12 means KDE; elsewhere Preferences shows the command to bind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-shortcuts"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "stint-shortcuts-private.h"

#define PORTAL_NAME  "org.freedesktop.portal.Desktop"
#define PORTAL_PATH  "/org/freedesktop/portal/desktop"
#define PORTAL_IFACE "org.freedesktop.portal.GlobalShortcuts"

typedef void (*ResponseFunc) (StintShortcuts *self,
                              GVariant       *results);

/* "<Super><Alt>t" in the XDG shortcuts notation: "ALT+LOGO+t". */
static char *
preferred_trigger (const char *accel)
{
  g_autoptr(GString) trigger = g_string_new (NULL);
  GdkModifierType mods = 0;
  guint key = 0;

  if (accel == NULL || *accel == '\0')
    return NULL;
  gtk_accelerator_parse (accel, &key, &mods);
  if (key == 0)
    return NULL;

  if (mods & GDK_CONTROL_MASK)
    g_string_append (trigger, "CTRL+");
  if (mods & GDK_MOD1_MASK)
    g_string_append (trigger, "ALT+");
  if (mods & GDK_SHIFT_MASK)
    g_string_append (trigger, "SHIFT+");
  if (mods & GDK_SUPER_MASK)
    g_string_append (trigger, "LOGO+");
  g_string_append (trigger, gdk_keyval_name (key));

  return g_string_free (g_steal_pointer (&trigger), FALSE);
}

/* ------------------------------------------------------------ requests */

typedef struct
{
  StintShortcuts *self;   /* weak: the subscription goes in dispose */
  ResponseFunc    func;
} Pending;

static void
on_response (GDBusConnection *connection,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  Pending *pending = user_data;
  StintShortcuts *self = pending->self;
  ResponseFunc func = pending->func;
  g_autoptr(GVariant) results = NULL;
  guint32 response;

  g_dbus_connection_signal_unsubscribe (connection, self->response_id);   /* frees pending */
  self->response_id = 0;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  if (response != 0)
    {
      /* 1: the user said no; 2: the desktop gave up. Either way, no keys. */
      g_debug ("The shortcuts portal answered %u", response);
      return;
    }
  func (self, results);
}

static void
call_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StintShortcuts) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("The shortcuts portal refused: %s", error->message);
  if (self->response_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->response_id);
  self->response_id = 0;
}

/* Listens for the Response of the request that a call with the returned
 * handle_token will create. Its path is known in advance, so we listen
 * before asking and cannot miss the answer. */
static char *
expect_response (StintShortcuts *self,
                 ResponseFunc    func)
{
  char *token = g_strdup_printf ("stint%u", ++self->request_count);
  g_autofree char *sender = g_strdup (g_dbus_connection_get_unique_name (self->bus) + 1);
  g_autofree char *path = NULL;
  Pending *pending = g_new0 (Pending, 1);

  g_strdelimit (sender, ".", '_');
  path = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
  pending->self = self;
  pending->func = func;
  self->response_id =
    g_dbus_connection_signal_subscribe (self->bus, PORTAL_NAME, "org.freedesktop.portal.Request",
                                        "Response", path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_response, pending, g_free);
  return token;
}

static void
portal_call (StintShortcuts *self,
             const char     *method,
             GVariant       *args)
{
  g_dbus_connection_call (self->bus, PORTAL_NAME, PORTAL_PATH, PORTAL_IFACE, method, args,
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          call_done, g_object_ref (self));
}

/* ------------------------------------------------------------ the steps */

static void
on_activated (GDBusConnection *connection,
              const char      *sender,
              const char      *path,
              const char      *interface,
              const char      *signal,
              GVariant        *parameters,
              gpointer         user_data)
{
  StintShortcuts *self = user_data;
  const char *session, *id;
  guint64 timestamp;

  g_variant_get (parameters, "(&o&st@a{sv})", &session, &id, &timestamp, NULL);
  if (g_strcmp0 (session, self->portal_session) != 0)
    return;
  if (g_str_equal (signal, "Deactivated"))
    stint_shortcuts_release (self);
  else if (g_str_equal (id, STINT_SHORTCUT_TOGGLE) || g_str_equal (id, STINT_SHORTCUT_SHOW))
    stint_shortcuts_activate (self, id, timestamp);
}

static void
bound (StintShortcuts *self,
       GVariant       *results)
{
  stint_shortcuts_set_backend (self, "portal");
  g_object_notify (G_OBJECT (self), "description");
}

static GVariant *
shortcut (const char *id,
          const char *description,
          const char *accel)
{
  g_autofree char *trigger = preferred_trigger (accel);
  GVariantDict props;

  g_variant_dict_init (&props, NULL);
  g_variant_dict_insert (&props, "description", "s", description);
  if (trigger != NULL)
    g_variant_dict_insert (&props, "preferred_trigger", "s", trigger);
  return g_variant_new ("(s@a{sv})", id, g_variant_dict_end (&props));
}

static void
session_created (StintShortcuts *self,
                 GVariant       *results)
{
  g_autoptr(GVariant) handle = g_variant_lookup_value (results, "session_handle", NULL);
  g_autofree char *token = NULL;
  GVariantBuilder shortcuts;
  GVariantDict options;

  /* The specification says a string; some portals send an object path. */
  if (handle == NULL || !(g_variant_is_of_type (handle, G_VARIANT_TYPE_STRING) ||
                          g_variant_is_of_type (handle, G_VARIANT_TYPE_OBJECT_PATH)))
    return;
  self->portal_session = g_variant_dup_string (handle, NULL);

  /* No arg0 match: GLib 2.74 matches arg0 against strings only, and the
   * session is an object path; on_activated checks it instead. */
  self->activated_id =
    g_dbus_connection_signal_subscribe (self->bus, PORTAL_NAME, PORTAL_IFACE, NULL,
                                        PORTAL_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_activated, self, NULL);

  g_variant_builder_init (&shortcuts, G_VARIANT_TYPE ("a(sa{sv})"));
  g_variant_builder_add_value (&shortcuts, shortcut (STINT_SHORTCUT_TOGGLE,
                                                     _("Start or stop tracking time"),
                                                     self->toggle_accel));
  g_variant_builder_add_value (&shortcuts, shortcut (STINT_SHORTCUT_SHOW,
                                                     _("Open the Stint window"),
                                                     self->show_accel));
  token = expect_response (self, bound);
  g_variant_dict_init (&options, NULL);
  g_variant_dict_insert (&options, "handle_token", "s", token);
  portal_call (self, "BindShortcuts",
               g_variant_new ("(o@a(sa{sv})s@a{sv})", self->portal_session,
                              g_variant_builder_end (&shortcuts), "", g_variant_dict_end (&options)));
}

static void
create_session (StintShortcuts *self)
{
  g_autofree char *token = expect_response (self, session_created);
  GVariantDict options;

  g_variant_dict_init (&options, NULL);
  g_variant_dict_insert (&options, "handle_token", "s", token);
  g_variant_dict_insert (&options, "session_handle_token", "s", "stint");
  portal_call (self, "CreateSession", g_variant_new ("(@a{sv})", g_variant_dict_end (&options)));
}

static void
version_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StintShortcuts) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) version = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No GlobalShortcuts portal: %s", error->message);
      return;
    }

  g_variant_get (reply, "(v)", &version);
  if (g_variant_is_of_type (version, G_VARIANT_TYPE_UINT32) && g_variant_get_uint32 (version) >= 1)
    create_session (self);
}

/* Only a portal already on the bus: starting one for this is not worth
 * it, and it is not there on most X11 desktops. */
static void
ask_version (StintShortcuts *self)
{
  g_dbus_connection_call (self->bus, PORTAL_NAME, PORTAL_PATH, "org.freedesktop.DBus.Properties",
                          "Get", g_variant_new ("(ss)", PORTAL_IFACE, "version"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          self->cancellable, version_done, g_object_ref (self));
}

static void
got_bus (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(StintShortcuts) self = user_data;
  g_autoptr(GError) error = NULL;

  self->bus = g_bus_get_finish (result, &error);
  if (self->bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No session bus, so no portal: %s", error->message);
      return;
    }
  ask_version (self);
}

void
stint_shortcuts_portal_start (StintShortcuts *self)
{
  if (self->bus != NULL)
    ask_version (self);
  else
    g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, got_bus, g_object_ref (self));
}

void
stint_shortcuts_portal_stop (StintShortcuts *self)
{
  if (self->bus == NULL)
    return;
  if (self->response_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->response_id);
  if (self->activated_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->activated_id);
  self->response_id = self->activated_id = 0;

  /* Closing the session gives the keys back to the desktop now rather than
   * when Stint exits; nothing waits for the answer, so no cancellable. */
  if (self->portal_session != NULL)
    g_dbus_connection_call (self->bus, PORTAL_NAME, self->portal_session,
                            "org.freedesktop.portal.Session", "Close", NULL, NULL,
                            G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  g_clear_pointer (&self->portal_session, g_free);
}
