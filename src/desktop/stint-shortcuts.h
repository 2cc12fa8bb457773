/* stint-shortcuts.h: global shortcuts to toggle tracking and open the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The shortcuts, as the names ::activated reports and the portal knows. */
#define STINT_SHORTCUT_TOGGLE "toggle"
#define STINT_SHORTCUT_SHOW   "show"

/* Defaults, as GTK accelerators. Super+Alt with a letter: GNOME (43),
 * Plasma (5.27) and Xfce (4.18) bind none of Super+Alt+T and Super+Alt+W
 * out of the box. Super+Alt+S would be GNOME's screen reader, Ctrl+Alt+T
 * the terminal almost everywhere, and Ctrl+Alt+F-keys switch consoles. */
#define STINT_SHORTCUT_TOGGLE_DEFAULT "<Super><Alt>t"
#define STINT_SHORTCUT_SHOW_DEFAULT   "<Super><Alt>w"

#define STINT_TYPE_SHORTCUTS (stint_shortcuts_get_type ())
G_DECLARE_FINAL_TYPE (StintShortcuts, stint_shortcuts, STINT, SHORTCUTS, GObject)

StintShortcuts *stint_shortcuts_new             (void);
const char     *stint_shortcuts_get_backend     (StintShortcuts *self);
char           *stint_shortcuts_describe        (StintShortcuts *self);
char           *stint_shortcuts_get_command     (const char     *name);

G_END_DECLS
