/* test-module.c: Stint's modules, opened on first use
 *
 * The HTTP session and the keyring live in modules (util/stint-module.c).
 * An installation missing one, or holding one of another version, says so
 * in a sentence each time it is used; nothing crashes, nothing is retried
 * behind the user's back. STINT_MODULE_DIR points at the build tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "api/stint-transport.h"
#include "desktop/stint-secret-module.h"
#include "util/stint-module.h"

static void
test_module_loads (void)
{
  g_autoptr(GError) error = NULL;
  const StintTransportFuncs *transport = stint_transport_load (&error);
  const StintSecretModuleFuncs *secret;

  g_assert_no_error (error);
  g_assert_nonnull (transport);
  g_assert_cmpuint (transport->abi_version, ==, STINT_TRANSPORT_ABI_VERSION);
  g_assert_nonnull (transport->send_async);
  /* Once opened, the same table. */
  g_assert_true (stint_transport_load (NULL) == transport);

  secret = stint_module_get_funcs ("stint-secret", STINT_SECRET_MODULE_SYMBOL,
                                   STINT_SECRET_MODULE_ABI_VERSION, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  g_assert_nonnull (secret->lookup_async);
}

static void
test_module_missing (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (stint_module_get_funcs ("stint-nothing", "stint_nothing_get_funcs", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Stint is not completely installed"));
  g_assert_nonnull (strstr (error->message, "stint-nothing.so could not be loaded"));
  g_clear_error (&error);

  /* Asked again: the same sentence. */
  g_assert_null (stint_module_get_funcs ("stint-nothing", "stint_nothing_get_funcs", 1, &error));
  g_assert_nonnull (strstr (error->message, "Reinstalling Stint should fix this"));
}

/* A module from another build: the symbol is missing, or its table is of
 * another version. Each is refused before any of its functions is called. */
static void
test_module_other_version (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (stint_module_get_funcs ("stint-soup", STINT_TRANSPORT_MODULE_SYMBOL,
                                             STINT_TRANSPORT_ABI_VERSION + 1, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "stint-soup.so is from another version"));
      g_clear_error (&error);

      g_assert_null (stint_module_get_funcs ("stint-secret", "stint_secret_get_everything",
                                             STINT_SECRET_MODULE_ABI_VERSION, &error));
      g_assert_nonnull (strstr (error->message, "stint-secret.so is from another version"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stint/module/loads", test_module_loads);
  g_test_add_func ("/stint/module/missing", test_module_missing);
  g_test_add_func ("/stint/module/other-version", test_module_other_version);

  return g_test_run ();
}
