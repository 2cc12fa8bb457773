/* stint-module.h: Stint's own modules, opened when first needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a module's one exported function returns: a table of functions
 * whose first member is the guint ABI version it was built with. */
typedef gconstpointer (*StintModuleGetFuncs) (void);

gconstpointer stint_module_get_funcs (const char  *name,
                                      const char  *symbol,
                                      guint        abi_version,
                                      GError     **error);

G_END_DECLS
