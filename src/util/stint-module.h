/* stint-module.h: Stint's own modules, opened when first needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gpointer stint_module_lookup (const char  *name,
                              const char  *symbol,
                              GError     **error);

G_END_DECLS
