/* stint-indicator-private.h: for tests that read what the panel is told
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libayatana-appindicator/app-indicator.h>

#include "stint-indicator.h"

G_BEGIN_DECLS

AppIndicator *stint_indicator_get_app_indicator (StintIndicator *self);
GtkMenu      *stint_indicator_get_menu          (StintIndicator *self);

G_END_DECLS
