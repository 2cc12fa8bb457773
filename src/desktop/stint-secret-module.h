/* stint-secret-module.h: how stint-secret.c reaches libsecret, which is
 * loaded only when Stint first needs a token
 *
 * libsecret brings libgcrypt and libgpg-error with it: milliseconds of
 * loading that a start in local mode never needs, nor one that reads the
 * token only after the tray is up. So the calls live in a module,
 * stint-secret, opened on the first store, lookup or removal (see
 * util/stint-module.c). The table starts with its ABI version, as every
 * module's does. It holds the schema ("kind" and "base-url" string
 * attributes) and nothing else of Stint's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Raised when the table below changes, so that an old module is refused. */
#define STINT_SECRET_MODULE_ABI_VERSION 1

/* The one symbol the module exports: returns its StintSecretModuleFuncs. */
#define STINT_SECRET_MODULE_SYMBOL "stint_secret_module_get_funcs"

/**
 * StintSecretModuleFuncs:
 * @store_async: keeps @secret under @attributes in the default collection
 * @lookup_finish: the secret (free with explicit_bzero() and g_free()), or
 *   %NULL without an error when none is kept
 * @clear_finish: %FALSE without an error when there was nothing to remove
 * @error_is_locked: whether @error says the keyring is locked
 *
 * The asynchronous calls are libsecret's secret_password_*v() on the
 * module's schema, with their GAsyncResult.
 */
typedef struct
{
  guint      abi_version;

  void     (*store_async)     (GHashTable          *attributes,
                               const char          *label,
                               const char          *secret,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
  gboolean (*store_finish)    (GAsyncResult        *result,
                               GError             **error);
  void     (*lookup_async)    (GHashTable          *attributes,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
  char    *(*lookup_finish)   (GAsyncResult        *result,
                               GError             **error);
  void     (*clear_async)     (GHashTable          *attributes,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
  gboolean (*clear_finish)    (GAsyncResult        *result,
                               GError             **error);
  gboolean (*error_is_locked) (const GError        *error);
} StintSecretModuleFuncs;

G_END_DECLS
