/* stint-autostart.c: starting Stint at login
 *
 * Follows the "autostart" key by writing or removing
 * $XDG_CONFIG_HOME/autostart/io.github.stintapp.Stint.desktop, which every
 * desktop that implements the XDG autostart specification reads at login.
 * The file (data/io.github.stintapp.Stint-autostart.desktop.in) runs
 * `stint --gapplication-service`: GApplication's service mode registers the
 * instance without activating it, so Stint comes up in the tray with no
 * window.
 *
 * The file is the truth: on start the key is set from it, so a desktop's
 * own "startup applications" tool that removed or disabled the entry
 * (Xfce writes Hidden=true) is not overruled.
 *
 * Under Flatpak that file would land inside the sandbox, where no session
 * reads it; there stint-autostart-portal.c asks the Background portal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-autostart"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "stint-autostart-private.h"

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (StintAutostart, stint_autostart, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

void
stint_autostart_set_problem (StintAutostart *self,
                             const char     *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/* Sets the key without taking it for a request to change the file. */
void
stint_autostart_follow_file (StintAutostart *self,
                             gboolean        enabled)
{
  self->file_enabled = enabled;
  if (g_settings_get_boolean (self->settings, "autostart") != enabled)
    g_settings_set_boolean (self->settings, "autostart", enabled);
}

/* ------------------------------------------------------------ the file */

/* An entry a desktop's tool switched off stays on disk, disabled. */
static gboolean
contents_enabled (const char *contents,
                  gsize       length)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  gboolean enabled;

  if (!g_key_file_load_from_data (key_file, contents, length, G_KEY_FILE_NONE, NULL))
    return FALSE;
  if (g_key_file_get_boolean (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_HIDDEN, NULL))
    return FALSE;
  enabled = g_key_file_get_boolean (key_file, G_KEY_FILE_DESKTOP_GROUP,
                                    "X-GNOME-Autostart-enabled", &error);
  return error != NULL || enabled;
}

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StintAutostart) self = user_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  gboolean enabled;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("Could not read %s: %s", self->path, error->message);
      enabled = FALSE;
    }
  else
    enabled = contents_enabled (contents, length);

  g_debug ("Autostart is %s", enabled ? "on" : "off");
  self->ready = TRUE;
  stint_autostart_follow_file (self, enabled);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  StintAutostart *self = source_object;
  gboolean enable = GPOINTER_TO_INT (task_data);
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autoptr(GError) error = NULL;

  if (enable)
    {
      g_autofree char *contents = stint_autostart_build_file ();

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                   "%s: %s", dir, g_strerror (saved_errno));
          return;
        }
      if (!g_file_set_contents_full (self->path, contents, -1,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (g_unlink (self->path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s: %s", self->path, g_strerror (saved_errno));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
write_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  StintAutostart *self = STINT_AUTOSTART (object);
  gboolean enable = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *problem = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not change autostart: %s", error->message);
      problem = enable
        /* Translators: %s is an error message */
        ? g_strdup_printf (_("Stint could not set itself to start at login: %s"), error->message)
        /* Translators: %s is an error message */
        : g_strdup_printf (_("Stint could not stop starting at login: %s"), error->message);
      stint_autostart_set_problem (self, problem);
      /* The switch goes back to what is true. */
      stint_autostart_follow_file (self, !enable);
      return;
    }

  g_debug ("Autostart turned %s", enable ? "on" : "off");
  stint_autostart_set_problem (self, NULL);
  self->file_enabled = enable;
  /* The key may have changed again meanwhile. */
  stint_autostart_sync (self);
}

/* ------------------------------------------------------------ either way */

void
stint_autostart_sync (StintAutostart *self)
{
  gboolean wanted = g_settings_get_boolean (self->settings, "autostart");
  g_autoptr(GTask) task = NULL;

  if (!self->ready || self->busy || wanted == self->file_enabled)
    return;

  if (self->use_portal)
    {
      stint_autostart_request_background (self, wanted);
      return;
    }

  self->busy = TRUE;
  task = g_task_new (self, self->cancellable, write_done, NULL);
  g_task_set_source_tag (task, stint_autostart_sync);
  g_task_set_task_data (task, GINT_TO_POINTER (wanted), NULL);
  g_task_run_in_thread (task, write_in_thread);
}

/* ------------------------------------------------------------ GObject */

static void
stint_autostart_dispose (GObject *object)
{
  StintAutostart *self = (StintAutostart *)object;

  g_cancellable_cancel (self->cancellable);
  stint_autostart_unsubscribe (self);
  g_clear_object (&self->bus);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (stint_autostart_parent_class)->dispose (object);
}

static void
stint_autostart_finalize (GObject *object)
{
  StintAutostart *self = (StintAutostart *)object;

  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->problem);
  g_free (self->request_path);

  G_OBJECT_CLASS (stint_autostart_parent_class)->finalize (object);
}

static void
stint_autostart_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StintAutostart *self = STINT_AUTOSTART (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_autostart_class_init (StintAutostartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stint_autostart_dispose;
  object_class->finalize = stint_autostart_finalize;
  object_class->get_property = stint_autostart_get_property;

  /* A sentence about the last change that failed, or NULL. */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_autostart_init (StintAutostart *self)
{
  self->cancellable = g_cancellable_new ();
}

/* ------------------------------------------------------------ public API */

static StintAutostart *
autostart_new (GSettings  *settings,
               const char *config_dir)
{
  StintAutostart *self = g_object_new (STINT_TYPE_AUTOSTART, NULL);

  self->settings = g_object_ref (settings);
  self->path = g_build_filename (config_dir != NULL ? config_dir : g_get_user_config_dir (),
                                 "autostart", APP_ID ".desktop", NULL);
  g_signal_connect_swapped (settings, "changed::autostart", G_CALLBACK (stint_autostart_sync), self);

  return self;
}

/**
 * stint_autostart_new:
 * @config_dir: (nullable): the configuration directory; %NULL for
 *   $XDG_CONFIG_HOME
 *
 * Follows @settings' "autostart" key with the autostart entry in
 * @config_dir, or under Flatpak through the Background portal.
 */
StintAutostart *
stint_autostart_new (GSettings  *settings,
                     const char *config_dir)
{
  StintAutostart *self;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return stint_autostart_new_for_portal (settings, NULL);

  self = autostart_new (settings, config_dir);
  file = g_file_new_for_path (self->path);
  g_file_load_contents_async (file, self->cancellable, read_done, g_object_ref (self));

  return self;
}

/**
 * stint_autostart_new_for_portal:
 * @bus: (nullable): where the portal is; %NULL for the session bus
 *
 * Follows the key through the Background portal, as under Flatpak.
 */
StintAutostart *
stint_autostart_new_for_portal (GSettings       *settings,
                                GDBusConnection *bus)
{
  StintAutostart *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (bus == NULL || G_IS_DBUS_CONNECTION (bus), NULL);

  self = autostart_new (settings, NULL);
  self->use_portal = TRUE;
  stint_autostart_portal_start (self, bus);

  return self;
}

/* Whether the file is being written or removed, or not read yet; or the
 * portal's answer is awaited. */
gboolean
stint_autostart_get_busy (StintAutostart *self)
{
  g_return_val_if_fail (STINT_IS_AUTOSTART (self), FALSE);

  return !self->ready || self->busy;
}

char *
stint_autostart_get_path (StintAutostart *self)
{
  g_return_val_if_fail (STINT_IS_AUTOSTART (self), NULL);

  return g_strdup (self->path);
}

/* The autostart entry: a desktop file of its own rather than a copy of the
 * installed one, whose D-Bus activation would open the window. It is
 * data/io.github.stintapp.Stint-autostart.desktop.in with its translations
 * merged, compiled in. */
char *
stint_autostart_build_file (void)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *contents;

  bytes = g_resources_lookup_data ("/io/github/stintapp/Stint/autostart/" APP_ID ".desktop",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (bytes != NULL);
  contents = g_bytes_get_data (bytes, &length);

  return g_strndup (contents, length);
}
