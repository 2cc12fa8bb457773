/* stint-secret-module.c: the stint-secret module, libsecret's calls
 *
 * See stint-secret-module.h for why this is a module; what the tokens are
 * and how errors read is stint-secret.c's. It links nothing of Stint's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-secret"

#include "config.h"

#include <gmodule.h>
#include <libsecret/secret.h>

#include "desktop/stint-secret-module.h"

static const SecretSchema token_schema = {
  "io.github.stintapp.Stint.Token", SECRET_SCHEMA_NONE,
  {
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static void
store_async (GHashTable          *attributes,
             const char          *label,
             const char          *secret,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  secret_password_storev (&token_schema, attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                          cancellable, callback, user_data);
}

static void
lookup_async (GHashTable          *attributes,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  secret_password_lookupv (&token_schema, attributes, cancellable, callback, user_data);
}

/* libsecret hands the password over in its own secure memory; the caller
 * gets ordinary memory it wipes and frees itself. */
static char *
lookup_finish (GAsyncResult  *result,
               GError       **error)
{
  char *password = secret_password_lookup_finish (result, error);
  char *copy;

  if (password == NULL)
    return NULL;

  copy = g_strdup (password);
  secret_password_free (password);

  return copy;
}

static void
clear_async (GHashTable          *attributes,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  secret_password_clearv (&token_schema, attributes, cancellable, callback, user_data);
}

static gboolean
error_is_locked (const GError *error)
{
  return g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED);
}

static const StintSecretModuleFuncs funcs = {
  .abi_version = STINT_SECRET_MODULE_ABI_VERSION,
  .store_async = store_async,
  .store_finish = secret_password_store_finish,
  .lookup_async = lookup_async,
  .lookup_finish = lookup_finish,
  .clear_async = clear_async,
  .clear_finish = secret_password_clear_finish,
  .error_is_locked = error_is_locked,
};

G_MODULE_EXPORT const StintSecretModuleFuncs *stint_secret_module_get_funcs (void);

const StintSecretModuleFuncs *
stint_secret_module_get_funcs (void)
{
  return &funcs;
}
