/* stint-module.c: Stint's own modules, opened when first needed
 *
 * Some libraries cost start-up time that most starts do not need (see
 * api/stint-transport.h, desktop/stint-secret-module.h); Stint keeps the
 * code that uses them in modules in MODULEDIR, or in $STINT_MODULE_DIR when
 * run from the build tree. A module is opened once and stays; one that is
 * missing or from another version is an incomplete installation, and every
 * use says so in a sentence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-module"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "stint-module.h"

/* What became of opening a module: its table, or why there is none. */
typedef struct
{
  gconstpointer  funcs;
  char          *message;
} Loaded;

static Loaded *
load (const char *name,
      const char *symbol,
      guint       abi_version)
{
  const char *dir = g_getenv ("STINT_MODULE_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  Loaded *loaded = g_new0 (Loaded, 1);
  StintModuleGetFuncs get_funcs = NULL;
  GModule *module;

  if (dir == NULL || *dir == '\0')
    dir = MODULEDIR;
  file = g_strconcat (name, "." G_MODULE_SUFFIX, NULL);
  path = g_build_filename (dir, file, NULL);

  /* Local: the module's symbols are for us to look up, not for others. */
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_debug ("Opening %s: %s", path, g_module_error ());
      loaded->message = g_strdup_printf (_("Stint is not completely installed: its part %s could "
                                           "not be loaded. Reinstalling Stint should fix this."),
                                         path);
      return loaded;
    }

  if (g_module_symbol (module, symbol, (gpointer *)&get_funcs) && get_funcs != NULL)
    loaded->funcs = get_funcs ();

  if (loaded->funcs == NULL || *(const guint *)loaded->funcs != abi_version)
    {
      g_debug ("%s: no %s of version %u", path, symbol, abi_version);
      loaded->funcs = NULL;
      loaded->message = g_strdup_printf (_("Stint is not completely installed: its part %s is "
                                           "from another version. Reinstalling Stint should fix "
                                           "this."), path);
      g_module_close (module);
      return loaded;
    }

  g_module_make_resident (module);

  return loaded;
}

/**
 * stint_module_get_funcs:
 * @name: the module's file name without its suffix, e.g. "stint-soup"
 * @symbol: its exported StintModuleGetFuncs
 * @abi_version: the version of the table this build expects
 * @error: %G_IO_ERROR_NOT_FOUND with a sentence when the module is missing,
 *   broken or from another version; the same each time
 *
 * Opens the module on the first call, from any thread.
 *
 * Returns: (nullable): its table of functions
 */
gconstpointer
stint_module_get_funcs (const char  *name,
                        const char  *symbol,
                        guint        abi_version,
                        GError     **error)
{
  static GMutex lock;
  static GHashTable *modules;
  Loaded *loaded;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  g_mutex_lock (&lock);
  if (modules == NULL)
    modules = g_hash_table_new (g_str_hash, g_str_equal);
  loaded = g_hash_table_lookup (modules, name);
  if (loaded == NULL)
    {
      loaded = load (name, symbol, abi_version);
      g_hash_table_insert (modules, g_strdup (name), loaded);
    }
  g_mutex_unlock (&lock);

  if (loaded->funcs == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, loaded->message);

  return loaded->funcs;
}
