/* stint-secret.c: the API tokens in the Secret Service
 *
 * One item per account kind and server, found by the attributes "kind"
 * ("track", "focus") and "base-url". The token passes through here on its
 * way to or from the keyring and is kept nowhere else: no log line, no
 * error message, no file. Everything is asynchronous, because the Secret
 * Service may have to show an unlock prompt and the main loop must keep
 * running meanwhile.
 *
 * A desktop without a keyring leaves no safe place on disk. When the user
 * agrees, tokens are then kept in this process's memory only
 * (stint_secret_set_session_only()): lookups find them until Stint quits,
 * and signing in again is the price of keeping them off the disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-secret"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "stint-secret.h"
#include "stint-secret-module.h"
#include "util/stint-module.h"

/* "kind\nbase-url" → token, for tokens kept until Stint quits; NULL until
 * the first. */
static GHashTable *session_tokens;
static gboolean session_only;

/* libsecret's calls, from the stint-secret module (stint-secret-module.h),
 * opened on first use; %NULL with a sentence when it cannot be. */
static const StintSecretModuleFuncs *
load_module (GError **error)
{
  return stint_module_get_funcs ("stint-secret", STINT_SECRET_MODULE_SYMBOL,
                                 STINT_SECRET_MODULE_ABI_VERSION, error);
}

/* The module for @task's call, or %NULL with @task answered: Stint is not
 * completely installed. */
static const StintSecretModuleFuncs *
module_for (GTask *task)
{
  GError *error = NULL;
  const StintSecretModuleFuncs *funcs = load_module (&error);

  if (funcs == NULL)
    g_task_return_error (task, error);

  return funcs;
}

/* The item is found again only by an identical base URL, so spell it the
 * way StintHttp uses it: without trailing slashes. */
static char *
normalize_base_url (const char *base_url)
{
  char *copy = g_strdup (base_url);
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  return copy;
}

static void
wipe (gpointer token)
{
  stint_secret_free (token);
}

static char *
session_key (const char *kind,
             const char *base_url)
{
  g_autofree char *normalized = normalize_base_url (base_url);

  return g_strconcat (kind, "\n", normalized, NULL);
}

static const char *
session_lookup (const char *kind,
                const char *base_url)
{
  g_autofree char *key = NULL;

  if (session_tokens == NULL)
    return NULL;

  key = session_key (kind, base_url);
  return g_hash_table_lookup (session_tokens, key);
}

/* Forgets the session tokens of @kind for @base_url, or for every server. */
static gboolean
session_clear (const char *kind,
               const char *base_url)
{
  g_autofree char *prefix = g_strconcat (kind, "\n", NULL);
  g_autofree char *key = NULL;
  GHashTableIter iter;
  gpointer stored_key;
  guint removed = 0;

  if (session_tokens == NULL)
    return FALSE;

  if (base_url != NULL)
    {
      key = session_key (kind, base_url);
      return g_hash_table_remove (session_tokens, key);
    }

  g_hash_table_iter_init (&iter, session_tokens);
  while (g_hash_table_iter_next (&iter, &stored_key, NULL))
    if (g_str_has_prefix (stored_key, prefix))
      {
        g_hash_table_iter_remove (&iter);
        removed++;
      }

  return removed > 0;
}

static GHashTable *
build_attributes (const char *kind,
                  const char *base_url)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer)"kind", g_strdup (kind));
  if (base_url != NULL)
    g_hash_table_insert (attributes, (gpointer)"base-url", normalize_base_url (base_url));

  return attributes;
}

/* libsecret's messages are about D-Bus; say what it means for the user. The
 * token never reaches an error, so passing libsecret's text on is safe. */
static GError *
keyring_error (const GError *error)
{
  /* Nothing answers, or what should answer cannot be started. */
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                _("No keyring (Secret Service) is running on this desktop, so "
                                  "Stint cannot save your token. Sign in from Stint’s "
                                  "Preferences instead: it can keep the token until Stint "
                                  "quits."));

  if (load_module (NULL)->error_is_locked (error))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                _("The keyring is locked; unlock it and try again."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                      _("The keyring did not answer as expected: %s"), error->message);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!load_module (NULL)->store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * stint_secret_store_async:
 * @kind: %STINT_SECRET_KIND_TRACK or %STINT_SECRET_KIND_FOCUS
 * @base_url: the server the token is for
 * @token: the token; libsecret copies it
 *
 * Keeps @token in the default collection (the login keyring), replacing the
 * token kept for the same kind and server; in this process's memory instead
 * after stint_secret_set_session_only().
 */
void
stint_secret_store_async (const char          *kind,
                          const char          *base_url,
                          const char          *token,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *label = NULL;
  const StintSecretModuleFuncs *secret;

  g_return_if_fail (kind != NULL);
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (token != NULL && token[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_secret_store_async);

  if (session_only)
    {
      if (session_tokens == NULL)
        session_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe);
      g_hash_table_replace (session_tokens, session_key (kind, base_url), g_strdup (token));
      g_debug ("Keeping the %s token in memory until Stint quits", kind);
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret = module_for (task);
  if (secret == NULL)
    return;

  attributes = build_attributes (kind, base_url);
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  /* The label is what the user sees in Passwords and Keys. */
  if (g_str_equal (kind, STINT_SECRET_KIND_FOCUS))
    /* Translators: %s is a server name, like focus.toggl.com */
    label = g_strdup_printf (_("Stint: Toggl Focus API key for %s"),
                             uri != NULL ? g_uri_get_host (uri) : base_url);
  else
    /* Translators: %s is a server name, like api.track.toggl.com */
    label = g_strdup_printf (_("Stint: Toggl Track API token for %s"),
                             uri != NULL ? g_uri_get_host (uri) : base_url);

  secret->store_async (attributes, label, token, cancellable, store_cb, g_steal_pointer (&task));
}

gboolean
stint_secret_store_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *token;

  token = load_module (NULL)->lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, token, (GDestroyNotify)stint_secret_free);
}

/**
 * stint_secret_lookup_async:
 *
 * Finds the token kept for @kind and @base_url: the one kept until Stint
 * quits, else the keyring's. The keyring may ask the user to unlock it
 * first.
 */
void
stint_secret_lookup_async (const char          *kind,
                           const char          *base_url,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  const StintSecretModuleFuncs *secret;
  const char *kept;

  g_return_if_fail (kind != NULL);
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_secret_lookup_async);

  kept = session_lookup (kind, base_url);
  if (kept != NULL)
    {
      g_task_return_pointer (task, g_strdup (kept), (GDestroyNotify)stint_secret_free);
      return;
    }

  secret = module_for (task);
  if (secret == NULL)
    return;

  attributes = build_attributes (kind, base_url);
  secret->lookup_async (attributes, cancellable, lookup_cb, g_steal_pointer (&task));
}

/**
 * stint_secret_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the token, to be freed with
 *   stint_secret_free(); %NULL without an error when none is kept
 */
char *
stint_secret_lookup_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean forgot_session_token = GPOINTER_TO_INT (g_task_get_task_data (task));

  /* FALSE without an error: there was nothing to forget, which is fine. So
   * is having no keyring, when the token lived in memory. */
  if (!load_module (NULL)->clear_finish (result, &error) && error != NULL)
    {
      g_autoptr(GError) reported = keyring_error (error);

      if (forgot_session_token && g_error_matches (reported, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&reported));
    }
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * stint_secret_clear_async:
 * @base_url: (nullable): the server; %NULL forgets the tokens of @kind for
 *   every server
 *
 * Removes the kept token, from memory and from the keyring. Finding none is
 * not an error.
 */
void
stint_secret_clear_async (const char          *kind,
                          const char          *base_url,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  const StintSecretModuleFuncs *secret;

  g_return_if_fail (kind != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, stint_secret_clear_async);
  g_task_set_task_data (task, GINT_TO_POINTER (session_clear (kind, base_url)), NULL);

  secret = module_for (task);
  if (secret == NULL)
    return;

  attributes = build_attributes (kind, base_url);
  secret->clear_async (attributes, cancellable, clear_cb, g_steal_pointer (&task));
}

gboolean
stint_secret_clear_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Wipes the token before freeing it, so it does not linger in freed memory. */
void
stint_secret_free (char *token)
{
  if (token != NULL)
    {
      explicit_bzero (token, strlen (token));
      g_free (token);
    }
}

/**
 * stint_secret_set_session_only:
 * @only: %TRUE to keep tokens stored from now on in this process's memory
 *   only, never on disk
 *
 * For a desktop without a keyring, when the user agreed: the running Stint
 * then finds the token until it quits.
 */
void
stint_secret_set_session_only (gboolean only)
{
  session_only = !!only;
}

gboolean
stint_secret_get_session_only (void)
{
  return session_only;
}

/* Whether the token for @kind and @base_url lives in memory, until Stint
 * quits, rather than in the keyring. */
gboolean
stint_secret_is_session_token (const char *kind,
                               const char *base_url)
{
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (base_url != NULL, FALSE);

  return session_lookup (kind, base_url) != NULL;
}
