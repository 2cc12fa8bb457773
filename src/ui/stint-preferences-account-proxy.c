/* stint-preferences-account-proxy.c: the Account page's line about the proxy
 *
 * Stint's HTTP session leaves libsoup on the default GProxyResolver, which
 * follows the desktop's proxy settings (GNOME's, or the environment's
 * http_proxy and friends). The page says so, and asks the same resolver
 * which proxy, if any, requests to the server in view go through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-preferences-account"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-preferences-account-private.h"
#include "api/stint-http.h"

/* A proxy as the user may see it: without a user name or password. */
static char *
describe_proxy (const char *proxy)
{
  g_autoptr(GUri) uri = g_uri_parse (proxy, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                            g_uri_get_port (uri));
  return g_strdup_printf ("%s://%s", g_uri_get_scheme (uri), g_uri_get_host (uri));
}

static void
show_proxy (StintPreferencesAccount  *self,
            const char               *host,
            char                    **proxies)
{
  g_autofree char *proxy = NULL;
  g_autofree char *text = NULL;

  if (host == NULL || proxies == NULL || proxies[0] == NULL)
    {
      gtk_label_set_text (self->proxy_label, _("Stint uses the desktop’s proxy settings."));
      return;
    }

  if (g_str_equal (proxies[0], "direct://"))
    /* Translators: %s is a server name, like api.track.toggl.com */
    text = g_strdup_printf (_("Stint uses the desktop’s proxy settings: it connects to %s "
                              "directly."), host);
  else if ((proxy = describe_proxy (proxies[0])) != NULL)
    /* Translators: the first %s is a server name, the second a proxy, like http://proxy.example.com:3128 */
    text = g_strdup_printf (_("Stint uses the desktop’s proxy settings: it connects to %s "
                              "through %s."), host, proxy);
  else
    text = g_strdup (_("Stint uses the desktop’s proxy settings."));

  gtk_label_set_text (self->proxy_label, text);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StintPreferencesAccount) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) proxies = NULL;
  g_autoptr(GUri) uri = NULL;

  proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    g_debug ("Looking up the proxy: %s", error->message);

  uri = g_uri_parse (gtk_entry_get_text (self->base_url_entry), G_URI_FLAGS_NONE, NULL);
  show_proxy (self, uri != NULL ? g_uri_get_host (uri) : NULL, proxies);
}

/* Asks again for the server the Advanced entry (or the account) names. */
void
stint_preferences_account_update_proxy (StintPreferencesAccount *self)
{
  GProxyResolver *resolver;
  const char *base_url;

  if (self->settings == NULL)
    return;

  g_cancellable_cancel (self->proxy_cancellable);
  g_clear_object (&self->proxy_cancellable);

  base_url = gtk_entry_get_text (self->base_url_entry);
  if (!stint_http_check_base_url (base_url, NULL))
    {
      show_proxy (self, NULL, NULL);
      return;
    }

  resolver = self->proxy_resolver != NULL ? self->proxy_resolver : g_proxy_resolver_get_default ();
  self->proxy_cancellable = g_cancellable_new ();
  g_proxy_resolver_lookup_async (resolver, base_url, self->proxy_cancellable, lookup_cb,
                                 g_object_ref (self));
}
