/* stint-transport.c: opens the stint-soup module on the first request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-transport.h"
#include "util/stint-module.h"

static const StintTransportFuncs *
load_funcs (char **message)
{
  g_autoptr(GError) error = NULL;
  StintTransportModuleGetFuncs get_funcs;
  const StintTransportFuncs *funcs;

  get_funcs = stint_module_lookup ("stint-soup", STINT_TRANSPORT_MODULE_SYMBOL, &error);
  if (get_funcs == NULL)
    {
      *message = g_strdup (error->message);
      return NULL;
    }

  funcs = get_funcs ();
  if (funcs == NULL || funcs->abi_version != STINT_TRANSPORT_ABI_VERSION)
    {
      *message = g_strdup_printf (_("Stint is not completely installed: its part %s is from "
                                    "another version. Reinstalling Stint should fix this."),
                                  "stint-soup");
      return NULL;
    }

  return funcs;
}

/**
 * stint_transport_load:
 * @error: %G_IO_ERROR_NOT_FOUND with a sentence when the module cannot be
 *   used; the same every time
 *
 * Opens the module once, from any thread.
 *
 * Returns: (nullable): its functions
 */
const StintTransportFuncs *
stint_transport_load (GError **error)
{
  static gsize done = 0;
  static const StintTransportFuncs *funcs;
  static char *message;

  if (g_once_init_enter (&done))
    {
      funcs = load_funcs (&message);
      g_once_init_leave (&done, 1);
    }

  if (funcs == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, message);

  return funcs;
}
