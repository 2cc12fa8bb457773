/* stint-shortcuts.c: global shortcuts to toggle tracking and open the window
 *
 * On X11 Stint grabs the keys itself with keybinder. Elsewhere (Wayland)
 * an application cannot, so it asks the GlobalShortcuts portal where the
 * desktop offers one (KDE Plasma 6, GNOME 48 and later); the desktop then
 * owns the keys and lets the user change them. Failing both, Preferences
 * shows the command to bind in the desktop's own keyboard settings:
 * `stint --toggle` forwards to the running instance.
 *
 * Holding a shortcut down repeats it, and a repeat must not toggle again.
 * A press counts only if the key was let go since the last one (X11's key
 * release, the portal's Deactivated), or if no press came for longer than
 * any key repeat waits; timestamps are the events' own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-shortcuts"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <gdk/gdkx.h>
#include <keybinder.h>

#include "stint-shortcuts-private.h"
#include "util/stint-compat.h"

/* Longer than any key repeat waits before repeating (Xorg: 660 ms). */
#define REPEAT_GAP_MS 1000

G_DEFINE_FINAL_TYPE (StintShortcuts, stint_shortcuts, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
stint_shortcuts_set_backend (StintShortcuts *self,
                             const char     *backend)
{
  if (g_strcmp0 (self->backend, backend) == 0)
    return;
  g_debug ("Global shortcuts: %s", backend);
  self->backend = backend;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}

/* A shortcut key was let go: the next press is a new one. */
void
stint_shortcuts_release (StintShortcuts *self)
{
  self->released = TRUE;
}

/* @time: the event's time in milliseconds, or 0 if unknown */
void
stint_shortcuts_activate (StintShortcuts *self,
                          const char     *name,
                          guint64         time)
{
  guint i = g_str_equal (name, STINT_SHORTCUT_TOGGLE) ? 0 : 1;
  guint64 last = self->last_press[i];
  gboolean repeat;

  if (time == 0)
    time = (guint64)(g_get_monotonic_time () / 1000);
  repeat = !self->released && last != 0 && time >= last && time - last < REPEAT_GAP_MS;
  self->last_press[i] = time;
  self->released = FALSE;
  if (repeat)
    {
      g_debug ("Shortcut %s repeated; ignored", name);
      return;
    }

  g_debug ("Shortcut %s", name);
  g_signal_emit (self, signals[ACTIVATED], 0, name);
}

/* ------------------------------------------------------------ X11 */

static void
on_x11_toggle (const char *keystring,
               void       *data)
{
  stint_shortcuts_activate (data, STINT_SHORTCUT_TOGGLE, keybinder_get_current_event_time ());
}

static void
on_x11_show (const char *keystring,
             void       *data)
{
  stint_shortcuts_activate (data, STINT_SHORTCUT_SHOW, keybinder_get_current_event_time ());
}

static void
x11_unbind (StintShortcuts *self)
{
  if (self->bound[0] != NULL)
    keybinder_unbind (self->bound[0], on_x11_toggle);
  if (self->bound[1] != NULL)
    keybinder_unbind (self->bound[1], on_x11_show);
  g_clear_pointer (&self->bound[0], g_free);
  g_clear_pointer (&self->bound[1], g_free);
}

/* Grabs the keys again after a change; a key another program holds is
 * noted, so Preferences can say so. */
static void
x11_bind (StintShortcuts *self)
{
  const char *accels[2] = { self->toggle_accel, self->show_accel };
  KeybinderHandler handlers[2] = { on_x11_toggle, on_x11_show };
  g_autofree char *taken = NULL;

  x11_unbind (self);
  for (guint i = 0; i < 2; i++)
    {
      if (accels[i] == NULL || *accels[i] == '\0')
        continue;
      if (keybinder_bind (accels[i], handlers[i], self))
        self->bound[i] = g_strdup (accels[i]);
      else if (taken == NULL)
        taken = g_strdup (accels[i]);
    }

  if (stint_set_str (&self->taken, taken))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/* keybinder reports presses only. A grabbed key's release comes to the
 * grabbing client too; GDK turns on XKB's detectable auto-repeat, so a held
 * key sends no releases between its repeats. */
static GdkFilterReturn
x11_filter (GdkXEvent *xevent,
            GdkEvent  *event,
            gpointer   data)
{
  if (((XEvent *)xevent)->type == KeyRelease)
    stint_shortcuts_release (data);
  return GDK_FILTER_CONTINUE;
}

static gboolean
x11_available (void)
{
  static gboolean initialized;

  if (!keybinder_supported ())
    return FALSE;
  if (!initialized)
    {
      keybinder_init ();
      initialized = TRUE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ GObject */

static void
stint_shortcuts_constructed (GObject *object)
{
  StintShortcuts *self = (StintShortcuts *)object;

  G_OBJECT_CLASS (stint_shortcuts_parent_class)->constructed (object);

  if (self->allow_x11 && x11_available ())
    {
      stint_shortcuts_set_backend (self, "x11");
      gdk_window_add_filter (gdk_get_default_root_window (), x11_filter, self);
      x11_bind (self);
      return;
    }

  /* "none" until the portal, if any, has bound the shortcuts. */
  stint_shortcuts_set_backend (self, "none");
  stint_shortcuts_portal_start (self);
}

static void
stint_shortcuts_dispose (GObject *object)
{
  StintShortcuts *self = (StintShortcuts *)object;

  g_cancellable_cancel (self->cancellable);
  if (g_strcmp0 (self->backend, "x11") == 0)
    gdk_window_remove_filter (gdk_get_default_root_window (), x11_filter, self);
  x11_unbind (self);
  stint_shortcuts_portal_stop (self);

  G_OBJECT_CLASS (stint_shortcuts_parent_class)->dispose (object);
}

static void
stint_shortcuts_finalize (GObject *object)
{
  StintShortcuts *self = (StintShortcuts *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->bus);
  g_free (self->toggle_accel);
  g_free (self->show_accel);
  g_free (self->taken);

  G_OBJECT_CLASS (stint_shortcuts_parent_class)->finalize (object);
}

static void
stint_shortcuts_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StintShortcuts *self = STINT_SHORTCUTS (object);

  switch (prop_id)
    {
    case PROP_TOGGLE_ACCEL:
      g_value_set_string (value, self->toggle_accel);
      break;
    case PROP_SHOW_ACCEL:
      g_value_set_string (value, self->show_accel);
      break;
    case PROP_BACKEND:
      g_value_set_string (value, self->backend);
      break;
    case PROP_DESCRIPTION:
      g_value_take_string (value, stint_shortcuts_describe (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_accel (StintShortcuts *self,
           char          **field,
           const char     *accel,
           GParamSpec     *pspec)
{
  if (!stint_set_str (field, accel))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  /* The portal's keys belong to the desktop, which lets the user change
   * them there; only X11 grabs follow the setting. */
  if (g_strcmp0 (self->backend, "x11") == 0)
    x11_bind (self);
}

static void
stint_shortcuts_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StintShortcuts *self = STINT_SHORTCUTS (object);

  switch (prop_id)
    {
    case PROP_TOGGLE_ACCEL:
      set_accel (self, &self->toggle_accel, g_value_get_string (value), pspec);
      break;
    case PROP_SHOW_ACCEL:
      set_accel (self, &self->show_accel, g_value_get_string (value), pspec);
      break;
    case PROP_ALLOW_X11:
      self->allow_x11 = g_value_get_boolean (value);
      break;
    case PROP_SESSION_BUS:
      self->bus = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_shortcuts_class_init (StintShortcutsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stint_shortcuts_constructed;
  object_class->dispose = stint_shortcuts_dispose;
  object_class->finalize = stint_shortcuts_finalize;
  object_class->get_property = stint_shortcuts_get_property;
  object_class->set_property = stint_shortcuts_set_property;

  /* GTK accelerators; "" for none. */
  properties[PROP_TOGGLE_ACCEL] =
    g_param_spec_string ("toggle-accel", NULL, NULL, STINT_SHORTCUT_TOGGLE_DEFAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ACCEL] =
    g_param_spec_string ("show-accel", NULL, NULL, STINT_SHORTCUT_SHOW_DEFAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  /* "x11", "portal" or "none": which path the shortcuts take. */
  properties[PROP_BACKEND] =
    g_param_spec_string ("backend", NULL, NULL, "none",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A sentence for Preferences about that path. */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* FALSE to skip X11 grabs (for tests of the portal path on X11). */
  properties[PROP_ALLOW_X11] =
    g_param_spec_boolean ("allow-x11", NULL, NULL, TRUE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL: the session bus, found asynchronously. */
  properties[PROP_SESSION_BUS] =
    g_param_spec_object ("session-bus", NULL, NULL, G_TYPE_DBUS_CONNECTION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StintShortcuts::activated:
   * @name: STINT_SHORTCUT_TOGGLE or STINT_SHORTCUT_SHOW, also the name of
   *   the application action to activate
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
stint_shortcuts_init (StintShortcuts *self)
{
  self->cancellable = g_cancellable_new ();
  self->allow_x11 = TRUE;
  self->backend = "none";
}

/* ------------------------------------------------------------ public API */

StintShortcuts *
stint_shortcuts_new (void)
{
  return g_object_new (STINT_TYPE_SHORTCUTS, NULL);
}

const char *
stint_shortcuts_get_backend (StintShortcuts *self)
{
  g_return_val_if_fail (STINT_IS_SHORTCUTS (self), NULL);

  return self->backend;
}

/* The command that does what shortcut @name does, for the desktop's own
 * keyboard settings: "stint --toggle", or its Flatpak form. */
char *
stint_shortcuts_get_command (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return g_strdup_printf ("flatpak run %s --%s", APP_ID, name);
  return g_strdup_printf ("stint --%s", name);
}

static char *
accel_label (const char *accel)
{
  guint key = 0;
  GdkModifierType mods = 0;

  gtk_accelerator_parse (accel, &key, &mods);
  return key != 0 ? gtk_accelerator_get_label (key, mods) : g_strdup (accel);
}

/* A sentence for Preferences: which path the shortcuts take, and what to
 * do when none does. */
char *
stint_shortcuts_describe (StintShortcuts *self)
{
  g_autofree char *toggle = NULL;
  g_autofree char *show = NULL;

  g_return_val_if_fail (STINT_IS_SHORTCUTS (self), NULL);

  if (g_str_equal (self->backend, "x11") && self->taken != NULL)
    {
      g_autofree char *label = accel_label (self->taken);

      /* Translators: a shortcut like "Super+Alt+T" */
      return g_strdup_printf (_("Another program already uses %s. Choose a different shortcut."),
                              label);
    }
  if (g_str_equal (self->backend, "x11"))
    return g_strdup (_("Stint listens for these shortcuts in every window of this X11 session."));
  if (g_str_equal (self->backend, "portal"))
    return g_strdup (_("The desktop handles these shortcuts; change them in its keyboard "
                       "settings."));

  toggle = stint_shortcuts_get_command (STINT_SHORTCUT_TOGGLE);
  show = stint_shortcuts_get_command (STINT_SHORTCUT_SHOW);
  /* Translators: two commands, like "stint --toggle" and "stint --show" */
  return g_strdup_printf (_("This desktop does not let applications set global shortcuts. "
                            "In its keyboard settings, bind a shortcut to the command “%s”, "
                            "and another to “%s” to open the window."), toggle, show);
}
