/* stint-http.c: the one HTTP session Stint talks to Toggl through
 *
 * StintHttp sends JSON and reads JSON. It owns the HTTP session (libsoup's,
 * through the stint-soup module: stint-transport.h), the base URL and the
 * credential; stint-http-request.c sends each request. It knows nothing of
 * entries or endpoints; the backends build paths and bodies.
 *
 * The credential lives only in this object's memory: never in a property, a
 * log line or an error. Nothing here logs headers or bodies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stint-http-private.h"

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_BASE_URL,
  PROP_TIMEOUT_MS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (StintHttp, stint_http, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
wipe_secret (StintHttp *self)
{
  if (self->secret != NULL)
    {
      explicit_bzero (self->secret, strlen (self->secret));
      g_clear_pointer (&self->secret, g_free);
    }
}

/* The socket timeout is a backstop behind our own deadline. */
guint
stint_http_socket_timeout (StintHttp *self)
{
  return (self->timeout_ms + 999) / 1000 + 1;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * stint_http_check_base_url:
 * @url: a base URL such as `https://api.track.toggl.com/api/v9`
 *
 * A token sent over plain HTTP can be read on the way, so only https:// is
 * accepted, except to this computer (tests, a local proxy).
 *
 * Returns: %TRUE if Stint may send a token to @url; otherwise
 *   %STINT_API_ERROR_BAD_URL with a sentence.
 */
gboolean
stint_http_check_base_url (const char  *url,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (url == NULL || url[0] == '\0' ||
      (uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) == NULL ||
      (host = g_uri_get_host (uri)) == NULL || host[0] == '\0')
    {
      g_set_error (error, STINT_API_ERROR, STINT_API_ERROR_BAD_URL,
                   _("“%s” is not a server address Stint can use."), url ? url : "");
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);

  /* Credentials in the URL would end up in logs and settings. */
  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, STINT_API_ERROR, STINT_API_ERROR_BAD_URL,
                           _("The server address must not contain a user name, a query or a fragment."));
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (host_is_loopback (host))
        return TRUE;

      g_set_error (error, STINT_API_ERROR, STINT_API_ERROR_BAD_URL,
                   _("Stint only sends your token over https://; “%s” is plain http:// "
                     "to another computer."), host);
      return FALSE;
    }

  g_set_error (error, STINT_API_ERROR, STINT_API_ERROR_BAD_URL,
               _("“%s” is not a server address Stint can use; it must start with https://."), url);
  return FALSE;
}

static void
stint_http_dispose (GObject *object)
{
  StintHttp *self = (StintHttp *)object;

  if (self->transport != NULL)
    self->transport_funcs->free (self->transport);
  self->transport = NULL;
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (stint_http_parent_class)->dispose (object);
}

static void
stint_http_finalize (GObject *object)
{
  StintHttp *self = (StintHttp *)object;

  wipe_secret (self);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (stint_http_parent_class)->finalize (object);
}

static void
stint_http_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  StintHttp *self = STINT_HTTP (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TIMEOUT_MS:
      g_value_set_uint (value, self->timeout_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_http_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  StintHttp *self = STINT_HTTP (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_TIMEOUT_MS:
      stint_http_set_timeout_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_http_constructed (GObject *object)
{
  StintHttp *self = (StintHttp *)object;

  G_OBJECT_CLASS (stint_http_parent_class)->constructed (object);

  if (self->clock == NULL)
    self->clock = stint_clock_new_system ();
}

static void
stint_http_class_init (StintHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stint_http_constructed;
  object_class->dispose = stint_http_dispose;
  object_class->finalize = stint_http_finalize;
  object_class->get_property = stint_http_get_property;
  object_class->set_property = stint_http_set_property;

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, STINT_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT_MS] =
    g_param_spec_uint ("timeout-ms", NULL, NULL, 1, G_MAXUINT, STINT_HTTP_DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_http_init (StintHttp *self)
{
  self->timeout_ms = STINT_HTTP_DEFAULT_TIMEOUT_MS;
}

/**
 * stint_http_new:
 * @clock: (nullable): the clock quota reset times are computed from; %NULL
 *   for the system clock
 */
StintHttp *
stint_http_new (StintClock *clock)
{
  g_return_val_if_fail (clock == NULL || STINT_IS_CLOCK (clock), NULL);

  return g_object_new (STINT_TYPE_HTTP, "clock", clock, NULL);
}

const char *
stint_http_get_base_url (StintHttp *self)
{
  g_return_val_if_fail (STINT_IS_HTTP (self), NULL);

  return self->base_url;
}

gboolean
stint_http_set_base_url (StintHttp   *self,
                         const char  *base_url,
                         GError     **error)
{
  g_autofree char *trimmed = NULL;
  gsize len;

  g_return_val_if_fail (STINT_IS_HTTP (self), FALSE);

  if (!stint_http_check_base_url (base_url, error))
    return FALSE;

  trimmed = g_strdup (base_url);
  len = strlen (trimmed);
  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';

  if (g_strcmp0 (self->base_url, trimmed) != 0)
    {
      g_free (self->base_url);
      self->base_url = g_steal_pointer (&trimmed);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
    }

  return TRUE;
}

/**
 * stint_http_set_auth:
 * @kind: how to present @secret
 * @secret: (nullable): the API token or key; copied, kept in memory only
 *
 * Replaces the credential for all later requests; %NULL forgets it.
 */
void
stint_http_set_auth (StintHttp     *self,
                     StintHttpAuth  kind,
                     const char    *secret)
{
  g_return_if_fail (STINT_IS_HTTP (self));

  wipe_secret (self);

  if (secret == NULL || secret[0] == '\0' || kind == STINT_HTTP_AUTH_NONE)
    {
      self->auth_kind = STINT_HTTP_AUTH_NONE;
      return;
    }

  /* A password has its own setter: it needs the email beside it. */
  g_return_if_fail (kind != STINT_HTTP_AUTH_PASSWORD);

  self->auth_kind = kind;
  self->secret = g_strdup (secret);
}

/**
 * stint_http_set_password_auth:
 * @email: the Toggl account's email
 * @password: its password; copied, kept in memory only
 *
 * Track accepts the account's email and password in place of the API token.
 * Stint uses them once, to read the token from `GET /me`, and then sets the
 * token instead (stint_http_set_auth() wipes the password).
 */
void
stint_http_set_password_auth (StintHttp  *self,
                              const char *email,
                              const char *password)
{
  g_return_if_fail (STINT_IS_HTTP (self));
  g_return_if_fail (email != NULL && email[0] != '\0');
  g_return_if_fail (password != NULL);

  wipe_secret (self);

  /* RFC 7617: the user part of Basic credentials cannot hold a colon, so
   * one string carries both, as the header will. */
  self->auth_kind = STINT_HTTP_AUTH_PASSWORD;
  self->secret = g_strconcat (email, ":", password, NULL);
}

gboolean
stint_http_has_auth (StintHttp *self)
{
  g_return_val_if_fail (STINT_IS_HTTP (self), FALSE);

  return self->auth_kind != STINT_HTTP_AUTH_NONE;
}

guint
stint_http_get_timeout_ms (StintHttp *self)
{
  g_return_val_if_fail (STINT_IS_HTTP (self), 0);

  return self->timeout_ms;
}

void
stint_http_set_timeout_ms (StintHttp *self,
                           guint      timeout_ms)
{
  g_return_if_fail (STINT_IS_HTTP (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  if (self->transport != NULL)
    self->transport_funcs->set_timeout (self->transport, stint_http_socket_timeout (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT_MS]);
}

/* The Authorization header's value, for the caller to wipe; %NULL without
 * a credential. */
char *
stint_http_authorization (StintHttp *self)
{
  g_autofree char *plain = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *value = NULL;

  switch (self->auth_kind)
    {
    case STINT_HTTP_AUTH_TRACK_TOKEN:
      plain = g_strconcat (self->secret, ":api_token", NULL);
      encoded = g_base64_encode ((const guchar *)plain, strlen (plain));
      value = g_strconcat ("Basic ", encoded, NULL);
      break;
    case STINT_HTTP_AUTH_BEARER:
      value = g_strconcat ("Bearer ", self->secret, NULL);
      break;
    case STINT_HTTP_AUTH_PASSWORD:
      encoded = g_base64_encode ((const guchar *)self->secret, strlen (self->secret));
      value = g_strconcat ("Basic ", encoded, NULL);
      break;
    case STINT_HTTP_AUTH_NONE:
    default:
      return NULL;
    }

  /* These copies of the secret are freed next; wipe them first. */
  if (plain != NULL)
    explicit_bzero (plain, strlen (plain));
  if (encoded != NULL)
    explicit_bzero (encoded, strlen (encoded));

  return g_steal_pointer (&value);
}
