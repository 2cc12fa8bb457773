/* stint-notifier.c: nudges as desktop notifications
 *
 * Every notification goes through GNotification, so the same code reaches
 * GNOME Shell (org.gtk.Notifications), the portal under Flatpak, and any
 * freedesktop notification server. Each kind has one id, so a new one
 * replaces the last instead of piling up.
 *
 * One quirk of GLib's freedesktop backend needs help: it forgets a
 * notification as soon as one of its actions is invoked, trusting the
 * server to close it as the specification says. dunst does not when the
 * action comes from its context menu, and the next notification of that
 * kind would then stack on top of the stale one (whose buttons GLib now
 * ignores). So when a server tells us that one of our notifications had an
 * action invoked, we close it ourselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-notifier.h"
#include "util/stint-duration.h"

#define FDO_NAME  "org.freedesktop.Notifications"
#define FDO_PATH  "/org/freedesktop/Notifications"
#define FDO_IFACE "org.freedesktop.Notifications"

struct _StintNotifier
{
  GObject          parent_instance;

  GApplication    *application;
  GDBusConnection *connection;     /* the application's; NULL when not registered */
  GCancellable    *cancellable;
  GMainContext    *context;
  guint            filter_id;
  gboolean         actions_supported;
  gboolean         body_markup;      /* the server reads markup in bodies */
};

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_ACTIONS_SUPPORTED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (StintNotifier, stint_notifier, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ wording */

/* "2 hours", "1 hour 5 minutes", "25 minutes": how people say a span. */
char *
stint_notifier_format_span (gint64 seconds)
{
  gint64 minutes = MAX (seconds, 0) / 60;
  int hours = (int)(minutes / 60);
  int rest = (int)(minutes % 60);
  g_autofree char *h = NULL;
  g_autofree char *m = NULL;

  if (minutes < 1)
    return g_strdup (_("less than a minute"));

  h = g_strdup_printf (ngettext ("%d hour", "%d hours", hours), hours);
  m = g_strdup_printf (ngettext ("%d minute", "%d minutes", rest), rest);
  if (hours == 0)
    return g_steal_pointer (&m);
  if (rest == 0)
    return g_steal_pointer (&h);
  /* Translators: hours and minutes of a span, as in "1 hour 5 minutes" */
  return g_strdup_printf (C_("span", "%s %s"), h, m);
}

static GNotification *
notification_new (const char *title,
                  const char *body)
{
  GNotification *notification = g_notification_new (title);
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);

  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action (notification, "app.show");

  return notification;
}

static void
send_notification (StintNotifier *self,
                   const char    *id,
                   GNotification *notification)
{
  g_debug ("Showing the %s notification", id);
  g_application_send_notification (self->application, id, notification);
}

/* ------------------------------------------------------------ closing after actions */

static void
close_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not close a notification: %s", error->message);
}

typedef struct
{
  GWeakRef notifier;
  guint32  notify_id;
} CloseRequest;

static void
close_request_free (CloseRequest *request)
{
  g_weak_ref_clear (&request->notifier);
  g_free (request);
}

static gboolean
close_in_main (gpointer data)
{
  CloseRequest *request = data;
  g_autoptr(StintNotifier) self = g_weak_ref_get (&request->notifier);

  if (self == NULL || self->connection == NULL)
    return G_SOURCE_REMOVE;

  g_debug ("Closing notification %u after its action", request->notify_id);
  g_dbus_connection_call (self->connection, FDO_NAME, FDO_PATH, FDO_IFACE, "CloseNotification",
                          g_variant_new ("(u)", request->notify_id), NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, close_done, NULL);

  return G_SOURCE_REMOVE;
}

/* Runs in GDBus's worker thread. An ActionInvoked sent to this connection
 * alone is about a notification this process sent: servers that unicast
 * it address whoever called Notify. A broadcast one may be anybody's, and
 * is left alone. */
static GDBusMessage *
filter_action_invoked (GDBusConnection *connection,
                       GDBusMessage    *message,
                       gboolean         incoming,
                       gpointer         user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(StintNotifier) self = NULL;
  GVariant *body;
  CloseRequest *request;

  if (!incoming ||
      g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_SIGNAL ||
      g_strcmp0 (g_dbus_message_get_interface (message), FDO_IFACE) != 0 ||
      g_strcmp0 (g_dbus_message_get_member (message), "ActionInvoked") != 0 ||
      g_strcmp0 (g_dbus_message_get_destination (message),
                 g_dbus_connection_get_unique_name (connection)) != 0)
    return message;

  body = g_dbus_message_get_body (message);
  if (body == NULL || !g_variant_is_of_type (body, G_VARIANT_TYPE ("(us)")))
    return message;

  self = g_weak_ref_get (weak);
  if (self == NULL)
    return message;

  request = g_new0 (CloseRequest, 1);
  g_weak_ref_init (&request->notifier, self);
  g_variant_get (body, "(u&s)", &request->notify_id, NULL);
  /* After GLib's own handler has run the action. */
  g_main_context_invoke_full (self->context, G_PRIORITY_LOW, close_in_main, request,
                              (GDestroyNotify)close_request_free);

  return message;
}

static void
weak_ref_free (GWeakRef *weak)
{
  g_weak_ref_clear (weak);
  g_free (weak);
}

/* A server without actions (notify-osd, some minimal ones) shows buttons as
 * nothing at all: the application then offers the same choices in its
 * window. Only the freedesktop path can tell; the others have actions. */
static void
capabilities_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StintNotifier) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **capabilities = NULL;
  gboolean supported;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No notification server capabilities: %s", error->message);
      return;
    }

  g_variant_get (reply, "(^a&s)", &capabilities);
  self->body_markup = g_strv_contains (capabilities, "body-markup");
  supported = g_strv_contains (capabilities, "actions");
  if (supported != self->actions_supported)
    {
      self->actions_supported = supported;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIONS_SUPPORTED]);
    }
}

/* ------------------------------------------------------------ GObject */

static void
stint_notifier_constructed (GObject *object)
{
  StintNotifier *self = (StintNotifier *)object;
  GWeakRef *weak;

  G_OBJECT_CLASS (stint_notifier_parent_class)->constructed (object);

  self->connection = g_application_get_dbus_connection (self->application);
  if (self->connection == NULL)
    return;
  g_object_ref (self->connection);

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  self->filter_id = g_dbus_connection_add_filter (self->connection, filter_action_invoked,
                                                  weak, (GDestroyNotify)weak_ref_free);

  /* Flatpak apps talk to the portal, which has actions, and cannot see
   * this name anyway. */
  if (!g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    g_dbus_connection_call (self->connection, FDO_NAME, FDO_PATH, FDO_IFACE, "GetCapabilities",
                            NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                            self->cancellable, capabilities_done, g_object_ref (self));
}

static void
stint_notifier_dispose (GObject *object)
{
  StintNotifier *self = (StintNotifier *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->filter_id != 0)
    g_dbus_connection_remove_filter (self->connection, self->filter_id);
  self->filter_id = 0;
  g_clear_object (&self->connection);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (stint_notifier_parent_class)->dispose (object);
}

static void
stint_notifier_finalize (GObject *object)
{
  StintNotifier *self = (StintNotifier *)object;

  g_clear_object (&self->cancellable);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (stint_notifier_parent_class)->finalize (object);
}

static void
stint_notifier_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StintNotifier *self = STINT_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    case PROP_ACTIONS_SUPPORTED:
      g_value_set_boolean (value, self->actions_supported);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_notifier_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StintNotifier *self = STINT_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_notifier_class_init (StintNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stint_notifier_constructed;
  object_class->dispose = stint_notifier_dispose;
  object_class->finalize = stint_notifier_finalize;
  object_class->get_property = stint_notifier_get_property;
  object_class->set_property = stint_notifier_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, G_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* FALSE when the notification server shows no buttons: offer the idle
   * choice in the window instead. */
  properties[PROP_ACTIONS_SUPPORTED] =
    g_param_spec_boolean ("actions-supported", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_notifier_init (StintNotifier *self)
{
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
  self->actions_supported = TRUE;
}

/* ------------------------------------------------------------ public API */

/**
 * stint_notifier_new:
 * @application: a registered application with the actions the buttons
 *   name: app.show, app.stop, app.keep-tracking, app.snooze-reminder(x),
 *   app.idle-keep, app.idle-discard(x), app.idle-discard-continue(x),
 *   app.idle-stop(x), app.pomodoro-continue, app.pomodoro-break
 */
StintNotifier *
stint_notifier_new (GApplication *application)
{
  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  return g_object_new (STINT_TYPE_NOTIFIER, "application", application, NULL);
}

gboolean
stint_notifier_get_actions_supported (StintNotifier *self)
{
  g_return_val_if_fail (STINT_IS_NOTIFIER (self), TRUE);

  return self->actions_supported;
}

static const char *
description_of (StintEntry *entry)
{
  const char *description = stint_entry_get_description (entry);

  return description != NULL && *description != '\0' ? description : NULL;
}

/* A description for a body: servers that read markup there would choke on
 * "R&D <draft>". Titles are plain text everywhere. */
static char *
body_description (StintNotifier *self,
                  StintEntry    *entry)
{
  const char *description = description_of (entry);

  if (description == NULL)
    return NULL;
  return self->body_markup ? g_markup_escape_text (description, -1) : g_strdup (description);
}

void
stint_notifier_show_long_timer (StintNotifier *self,
                                StintEntry    *entry,
                                gint64         elapsed)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *span = NULL;
  g_autofree char *title = NULL;
  g_autofree char *since = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (STINT_IS_NOTIFIER (self));
  g_return_if_fail (STINT_IS_ENTRY (entry));

  span = stint_notifier_format_span (elapsed);
  if (description_of (entry) != NULL)
    /* Translators: an entry's description, then a span like "2 hours" */
    title = g_strdup_printf (_("%s has been running for %s"), description_of (entry), span);
  else
    /* Translators: a span like "2 hours" */
    title = g_strdup_printf (_("Your timer has been running for %s"), span);
  since = stint_format_time_of_day (stint_entry_get_start (entry));
  /* Translators: a time of day like "09:05" */
  body = g_strdup_printf (_("It started at %s. Stop it if you forgot it."), since);

  notification = notification_new (title, body);
  g_notification_add_button (notification, _("Stop"), "app.stop");
  g_notification_add_button (notification, _("Keep tracking"), "app.keep-tracking");
  send_notification (self, STINT_NOTIFICATION_LONG_TIMER, notification);
}

void
stint_notifier_show_reminder (StintNotifier *self)
{
  g_autoptr(GNotification) notification = NULL;

  g_return_if_fail (STINT_IS_NOTIFIER (self));

  notification = notification_new (_("You are not tracking time"),
                                   _("Start a timer for what you are working on, or snooze "
                                     "reminders for an hour."));
  g_notification_add_button_with_target (notification, _("Snooze"), "app.snooze-reminder",
                                         "x", (gint64)STINT_NOTIFIER_SNOOZE_SECONDS);
  send_notification (self, STINT_NOTIFICATION_REMINDER, notification);
}

/* The buttons carry the idle start, so a late click still means the time
 * the user left, whatever happened since. */
void
stint_notifier_show_idle_return (StintNotifier *self,
                                 StintEntry    *entry,
                                 gint64         since,
                                 gint64         until)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *span = NULL;
  g_autofree char *title = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *description = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (STINT_IS_NOTIFIER (self));
  g_return_if_fail (STINT_IS_ENTRY (entry));
  g_return_if_fail (since <= until);

  span = stint_notifier_format_span (until - since);
  /* Translators: a span like "25 minutes" */
  title = g_strdup_printf (_("You were away for %s"), span);
  from = stint_format_time_of_day (since);
  to = stint_format_time_of_day (until);
  description = body_description (self, entry);
  if (description != NULL)
    /* Translators: an entry's description, then two times of day */
    body = g_strdup_printf (_("%s kept running while you were away, from %s to %s."),
                            description, from, to);
  else
    /* Translators: two times of day */
    body = g_strdup_printf (_("Your timer kept running while you were away, from %s to %s."),
                            from, to);

  /* Without buttons the window asks (the application brings it up), and
   * a click on the notification opens it too. */
  if (!self->actions_supported)
    {
      g_autofree char *sentence = g_steal_pointer (&body);

      body = g_strconcat (sentence, " ", _("Choose in the Stint window what to do with that time."),
                          NULL);
      notification = notification_new (title, body);
      send_notification (self, STINT_NOTIFICATION_IDLE, notification);
      return;
    }

  notification = notification_new (title, body);
  g_notification_add_button (notification, _("Keep"), "app.idle-keep");
  g_notification_add_button_with_target (notification, _("Discard idle time"),
                                         "app.idle-discard", "x", since);
  g_notification_add_button_with_target (notification, _("Discard and continue"),
                                         "app.idle-discard-continue", "x", since);
  g_notification_add_button_with_target (notification, _("Stop at idle start"),
                                         "app.idle-stop", "x", since);
  send_notification (self, STINT_NOTIFICATION_IDLE, notification);
}

void
stint_notifier_show_pomodoro_end (StintNotifier *self,
                                  StintEntry    *entry,
                                  gint64         worked)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *span = NULL;
  g_autofree char *description = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (STINT_IS_NOTIFIER (self));
  g_return_if_fail (STINT_IS_ENTRY (entry));

  span = stint_notifier_format_span (worked);
  description = body_description (self, entry);
  if (description != NULL)
    /* Translators: a span like "25 minutes", then an entry's description */
    body = g_strdup_printf (_("You have worked for %s on %s."), span, description);
  else
    /* Translators: a span like "25 minutes" */
    body = g_strdup_printf (_("You have worked for %s."), span);

  notification = notification_new (_("Time for a break"), body);
  g_notification_add_button (notification, _("Continue"), "app.pomodoro-continue");
  g_notification_add_button (notification, _("Take a break"), "app.pomodoro-break");
  g_notification_add_button (notification, _("Stop"), "app.stop");
  send_notification (self, STINT_NOTIFICATION_POMODORO, notification);
}

void
stint_notifier_show_break_end (StintNotifier *self)
{
  g_autoptr(GNotification) notification = NULL;

  g_return_if_fail (STINT_IS_NOTIFIER (self));

  notification = notification_new (_("Your break is over"),
                                   _("Start a timer when you are back at work."));
  send_notification (self, STINT_NOTIFICATION_POMODORO, notification);
}

/* @id: one of the STINT_NOTIFICATION_* ids */
void
stint_notifier_withdraw (StintNotifier *self,
                         const char    *id)
{
  g_return_if_fail (STINT_IS_NOTIFIER (self));
  g_return_if_fail (id != NULL);

  g_application_withdraw_notification (self->application, id);
}
