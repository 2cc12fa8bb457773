/* stint-transport.c: opens the stint-soup module on the first request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "stint-transport.h"
#include "util/stint-module.h"

/**
 * stint_transport_load:
 * @error: %G_IO_ERROR_NOT_FOUND with a sentence when the module cannot be
 *   used (stint_module_get_funcs())
 *
 * Returns: (nullable): the module's functions
 */
const StintTransportFuncs *
stint_transport_load (GError **error)
{
  return stint_module_get_funcs ("stint-soup", STINT_TRANSPORT_MODULE_SYMBOL,
                                 STINT_TRANSPORT_ABI_VERSION, error);
}
