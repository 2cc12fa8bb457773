/* stint-autostart.h: starting Stint at login
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STINT_TYPE_AUTOSTART (stint_autostart_get_type ())
G_DECLARE_FINAL_TYPE (StintAutostart, stint_autostart, STINT, AUTOSTART, GObject)

StintAutostart *stint_autostart_new          (GSettings      *settings,
                                              const char     *config_dir);
StintAutostart *stint_autostart_new_for_portal (GSettings     *settings,
                                              GDBusConnection *bus);
gboolean        stint_autostart_get_busy     (StintAutostart *self);
char           *stint_autostart_get_path     (StintAutostart *self);
char           *stint_autostart_build_file   (void);

G_END_DECLS
