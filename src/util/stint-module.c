/* stint-module.c: Stint's own modules, opened when first needed
 *
 * Some libraries cost start-up time that most starts do not need (see
 * api/stint-transport.h); Stint keeps the code that uses them in modules in
 * MODULEDIR, or in $STINT_MODULE_DIR when run from the build tree. A module
 * stays loaded once opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-module"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "stint-module.h"

/**
 * stint_module_lookup:
 * @name: the module's file name without its suffix, e.g. "stint-soup"
 * @symbol: the function to look up in it
 * @error: %G_IO_ERROR_NOT_FOUND with a sentence when the module is missing
 *   or broken (an incomplete installation)
 *
 * Returns: (nullable): the address of @symbol
 */
gpointer
stint_module_lookup (const char  *name,
                     const char  *symbol,
                     GError     **error)
{
  const char *dir = g_getenv ("STINT_MODULE_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GModule *module;
  gpointer address = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  if (dir == NULL || *dir == '\0')
    dir = MODULEDIR;
  file = g_strconcat (name, "." G_MODULE_SUFFIX, NULL);
  path = g_build_filename (dir, file, NULL);

  /* Local: the module's symbols are for us to look up, not for others. */
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_debug ("Opening %s: %s", path, g_module_error ());
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Stint is not completely installed: its part %s could not be loaded. "
                     "Reinstalling Stint should fix this."), path);
      return NULL;
    }

  if (!g_module_symbol (module, symbol, &address) || address == NULL)
    {
      g_debug ("%s has no %s: %s", path, symbol, g_module_error ());
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Stint is not completely installed: its part %s is from another "
                     "version. Reinstalling Stint should fix this."), path);
      g_module_close (module);
      return NULL;
    }

  g_module_make_resident (module);

  return address;
}
