/* stint-preferences-shortcuts.c: the Shortcuts page of Preferences
 *
 * Says which path the global shortcuts take (StintShortcuts): on X11 the
 * two keys are edited here; with the portal the desktop owns them; and
 * where neither works, the page shows the commands to bind in the
 * desktop's own keyboard settings, each with a Copy button.
 *
 * A key is recorded by clicking its button and pressing the keys. The
 * keyboard is grabbed meanwhile, so pressing the current shortcut reaches
 * this page instead of toggling tracking through the global grab.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-preferences-shortcuts"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-preferences-shortcuts.h"

struct _StintPreferencesShortcuts
{
  GtkBox          parent_instance;

  GSettings      *settings;
  StintShortcuts *shortcuts;
  GtkWidget      *capturing;    /* the key button waiting for keys, or NULL */
  GdkSeat        *grab_seat;

  GtkLabel       *description_label;
  GtkWidget      *keys_grid;
  GtkWidget      *toggle_button;
  GtkWidget      *show_button;
  GtkWidget      *reset_button;
  GtkWidget      *commands_grid;
  GtkLabel       *toggle_command_label;
  GtkLabel       *show_command_label;
  GtkWidget      *toggle_copy_button;
  GtkWidget      *show_copy_button;
};

G_DEFINE_FINAL_TYPE (StintPreferencesShortcuts, stint_preferences_shortcuts, GTK_TYPE_BOX)

static const char *
key_of (StintPreferencesShortcuts *self,
        GtkWidget                 *button)
{
  g_assert (button == self->toggle_button || button == self->show_button);

  return button == self->toggle_button ? "shortcut-toggle" : "shortcut-show";
}

static void
update_key_button (StintPreferencesShortcuts *self,
                   GtkWidget                 *button)
{
  g_autofree char *accel = NULL;
  g_autofree char *text = NULL;
  guint key = 0;
  GdkModifierType mods = 0;

  if (button == self->capturing)
    {
      gtk_button_set_label (GTK_BUTTON (button), _("Press a shortcut…"));
      return;
    }

  if (self->settings != NULL)
    accel = g_settings_get_string (self->settings, key_of (self, button));
  if (accel != NULL)
    gtk_accelerator_parse (accel, &key, &mods);
  text = key != 0 ? gtk_accelerator_get_label (key, mods) : g_strdup (_("Off"));
  gtk_button_set_label (GTK_BUTTON (button), text);
  atk_object_set_description (gtk_widget_get_accessible (button), text);
}

static void
update_keys (StintPreferencesShortcuts *self)
{
  update_key_button (self, self->toggle_button);
  update_key_button (self, self->show_button);
}

/* Which controls the path in use calls for. */
static void
update_path (StintPreferencesShortcuts *self)
{
  const char *backend = self->shortcuts != NULL ? stint_shortcuts_get_backend (self->shortcuts) : "none";
  gboolean none = g_str_equal (backend, "none");
  gboolean x11 = g_str_equal (backend, "x11");
  g_autofree char *description = NULL;

  if (self->shortcuts != NULL)
    description = stint_shortcuts_describe (self->shortcuts);
  gtk_label_set_text (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL);

  gtk_widget_set_visible (self->keys_grid, !none);
  /* With the portal the desktop owns the keys: it shows and changes them. */
  gtk_widget_set_sensitive (self->keys_grid, x11);
  gtk_widget_set_visible (self->commands_grid, none);
}

/* ------------------------------------------------------------ recording */

static void
stop_capture (StintPreferencesShortcuts *self)
{
  GtkWidget *button = self->capturing;

  if (button == NULL)
    return;
  self->capturing = NULL;
  if (self->grab_seat != NULL)
    gdk_seat_ungrab (self->grab_seat);
  g_clear_object (&self->grab_seat);
  update_key_button (self, button);
}

static void
on_key_clicked (StintPreferencesShortcuts *self,
                GtkWidget                 *button)
{
  GdkWindow *window = gtk_widget_get_window (gtk_widget_get_toplevel (button));
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (button));

  if (self->capturing == button || self->settings == NULL)
    return;
  stop_capture (self);

  self->capturing = button;
  gtk_widget_grab_focus (button);
  if (window != NULL &&
      gdk_seat_grab (seat, window, GDK_SEAT_CAPABILITY_KEYBOARD, FALSE,
                     NULL, NULL, NULL, NULL) == GDK_GRAB_SUCCESS)
    self->grab_seat = g_object_ref (seat);
  update_key_button (self, button);
}

static gboolean
is_function_key (guint keyval)
{
  return keyval >= GDK_KEY_F1 && keyval <= GDK_KEY_F35;
}

static gboolean
on_key_press (StintPreferencesShortcuts *self,
              GdkEventKey               *event,
              GtkWidget                 *button)
{
  GdkKeymap *keymap = gdk_keymap_get_for_display (gtk_widget_get_display (button));
  GdkModifierType mods = event->state;
  guint keyval = gdk_keyval_to_lower (event->keyval);
  g_autofree char *accel = NULL;

  if (self->capturing != button)
    return GDK_EVENT_PROPAGATE;
  if (event->is_modifier)
    return GDK_EVENT_STOP;

  /* X11 reports Super as Mod4; accelerators name it Super. */
  gdk_keymap_add_virtual_modifiers (keymap, &mods);
  mods &= gtk_accelerator_get_default_mod_mask ();

  if (mods == 0 && keyval == GDK_KEY_Escape)
    {
      stop_capture (self);
      return GDK_EVENT_STOP;
    }
  if (mods == 0 && keyval == GDK_KEY_BackSpace)
    {
      stop_capture (self);
      g_settings_set_string (self->settings, key_of (self, button), "");
      return GDK_EVENT_STOP;
    }

  /* A global shortcut without Ctrl, Alt or Super would take a key away
   * from every other program; wait for a real one. */
  if ((mods & (GDK_CONTROL_MASK | GDK_MOD1_MASK | GDK_SUPER_MASK)) == 0 && !is_function_key (keyval))
    return GDK_EVENT_STOP;
  if (!gtk_accelerator_valid (keyval, mods))
    return GDK_EVENT_STOP;

  accel = gtk_accelerator_name (keyval, mods);
  stop_capture (self);
  g_settings_set_string (self->settings, key_of (self, button), accel);

  return GDK_EVENT_STOP;
}

static gboolean
on_key_focus_out (StintPreferencesShortcuts *self,
                  GdkEvent                  *event,
                  GtkWidget                 *button)
{
  if (self->capturing == button)
    stop_capture (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_reset_clicked (StintPreferencesShortcuts *self)
{
  stop_capture (self);
  g_settings_reset (self->settings, "shortcut-toggle");
  g_settings_reset (self->settings, "shortcut-show");
}

static void
on_copy_clicked (StintPreferencesShortcuts *self,
                 GtkWidget                 *button)
{
  GtkLabel *label = button == self->toggle_copy_button ? self->toggle_command_label : self->show_command_label;
  GtkClipboard *clipboard = gtk_widget_get_clipboard (button, GDK_SELECTION_CLIPBOARD);

  gtk_clipboard_set_text (clipboard, gtk_label_get_text (label), -1);
}

/* ------------------------------------------------------------ GObject */

static void
stint_preferences_shortcuts_dispose (GObject *object)
{
  StintPreferencesShortcuts *self = (StintPreferencesShortcuts *)object;

  stop_capture (self);
  if (self->shortcuts != NULL)
    g_signal_handlers_disconnect_by_data (self->shortcuts, self);
  g_clear_object (&self->shortcuts);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (stint_preferences_shortcuts_parent_class)->dispose (object);
}

static void
stint_preferences_shortcuts_class_init (StintPreferencesShortcutsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_preferences_shortcuts_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-preferences-shortcuts.ui");
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesShortcuts, description_label);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesShortcuts, keys_grid);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesShortcuts, toggle_button);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesShortcuts, show_button);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesShortcuts, reset_button);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesShortcuts, commands_grid);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesShortcuts, toggle_command_label);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesShortcuts, show_command_label);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesShortcuts, toggle_copy_button);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesShortcuts, show_copy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_key_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_key_press);
  gtk_widget_class_bind_template_callback (widget_class, on_key_focus_out);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);
}

static void
stint_preferences_shortcuts_init (StintPreferencesShortcuts *self)
{
  g_autofree char *toggle = stint_shortcuts_get_command (STINT_SHORTCUT_TOGGLE);
  g_autofree char *show = stint_shortcuts_get_command (STINT_SHORTCUT_SHOW);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_text (self->toggle_command_label, toggle);
  gtk_label_set_text (self->show_command_label, show);
  update_keys (self);
  update_path (self);
}

/* ------------------------------------------------------------ public API */

void
stint_preferences_shortcuts_bind (StintPreferencesShortcuts *self,
                                  GSettings                 *settings)
{
  g_return_if_fail (STINT_IS_PREFERENCES_SHORTCUTS (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::shortcut-toggle", G_CALLBACK (update_keys), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::shortcut-show", G_CALLBACK (update_keys), self,
                           G_CONNECT_SWAPPED);
  update_keys (self);
}

/* @shortcuts: (nullable): the running Stint's, to say which path they
 *   take; %NULL shows the commands only */
void
stint_preferences_shortcuts_set_shortcuts (StintPreferencesShortcuts *self,
                                           StintShortcuts            *shortcuts)
{
  g_return_if_fail (STINT_IS_PREFERENCES_SHORTCUTS (self));
  g_return_if_fail (shortcuts == NULL || STINT_IS_SHORTCUTS (shortcuts));

  if (self->shortcuts == shortcuts)
    return;
  if (self->shortcuts != NULL)
    g_signal_handlers_disconnect_by_data (self->shortcuts, self);
  g_set_object (&self->shortcuts, shortcuts);
  if (shortcuts != NULL)
    {
      g_signal_connect_object (shortcuts, "notify::backend", G_CALLBACK (update_path), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (shortcuts, "notify::description", G_CALLBACK (update_path), self,
                               G_CONNECT_SWAPPED);
    }
  update_path (self);
}
