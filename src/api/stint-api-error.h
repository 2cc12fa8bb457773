/* stint-api-error.h: what went wrong talking to Toggl, as a sentence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STINT_API_ERROR (stint_api_error_quark ())

/**
 * StintApiError:
 * @STINT_API_ERROR_AUTH: the credentials were refused (401)
 * @STINT_API_ERROR_FORBIDDEN: not allowed (403; Track also uses it for a bad token)
 * @STINT_API_ERROR_NOT_FOUND: the thing is gone (404, 410)
 * @STINT_API_ERROR_CONFLICT: the entry was already stopped (409)
 * @STINT_API_ERROR_QUOTA: the hourly request quota is spent (402 with quota headers)
 * @STINT_API_ERROR_PLAN: a paid-plan feature (402 without quota headers)
 * @STINT_API_ERROR_RATE_LIMITED: too many requests at once (429)
 * @STINT_API_ERROR_INVALID: the server refused the request as invalid (400, 422, other 4xx)
 * @STINT_API_ERROR_SERVER: the server failed (5xx)
 * @STINT_API_ERROR_NETWORK: no connection, DNS, TLS, or the connection broke
 * @STINT_API_ERROR_TIMEOUT: no answer in time
 * @STINT_API_ERROR_BAD_REPLY: an answer Stint cannot read (not JSON, wrong shape, redirect)
 * @STINT_API_ERROR_BAD_URL: the base URL is refused (not https off loopback)
 *
 * Cancellation is not in this domain: it stays %G_IO_ERROR_CANCELLED.
 */
typedef enum {
  STINT_API_ERROR_AUTH,
  STINT_API_ERROR_FORBIDDEN,
  STINT_API_ERROR_NOT_FOUND,
  STINT_API_ERROR_CONFLICT,
  STINT_API_ERROR_QUOTA,
  STINT_API_ERROR_PLAN,
  STINT_API_ERROR_RATE_LIMITED,
  STINT_API_ERROR_INVALID,
  STINT_API_ERROR_SERVER,
  STINT_API_ERROR_NETWORK,
  STINT_API_ERROR_TIMEOUT,
  STINT_API_ERROR_BAD_REPLY,
  STINT_API_ERROR_BAD_URL,
} StintApiError;

GQuark    stint_api_error_quark (void);

/**
 * StintApiMeta:
 * @status: the HTTP status, 0 when no response arrived
 * @quota_remaining: `X-Toggl-Quota-Remaining`, -1 when not sent (may be negative otherwise)
 * @quota_resets_in: `X-Toggl-Quota-Resets-In` in seconds, -1 when not sent
 * @retry_after: `Retry-After` in seconds, -1 when not sent
 *
 * What a response says besides its body: what the sync layer needs to pace itself.
 */
typedef struct
{
  guint  status;
  gint64 quota_remaining;
  gint64 quota_resets_in;
  gint64 retry_after;
} StintApiMeta;

#define STINT_API_META_INIT { 0, -1, -1, -1 }

#define STINT_TYPE_API_META (stint_api_meta_get_type ())

GType         stint_api_meta_get_type      (void) G_GNUC_CONST;
void          stint_api_meta_init          (StintApiMeta             *meta);
StintApiMeta *stint_api_meta_copy          (const StintApiMeta       *meta);
void          stint_api_meta_free          (StintApiMeta             *meta);
void          stint_api_meta_parse_headers (StintApiMeta             *meta,
                                            GHashTable               *headers,
                                            GDateTime              *(*parse_http_date) (const char *text),
                                            gint64                    now);
gboolean      stint_api_meta_is_quota      (const StintApiMeta       *meta);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintApiMeta, stint_api_meta_free)

char     *stint_api_error_server_text    (GBytes                   *body,
                                          const char               *content_type);
GError   *stint_api_error_new_for_status (const StintApiMeta       *meta,
                                          GBytes                   *body,
                                          const char               *content_type,
                                          const char               *redact,
                                          gint64                    now);
GError   *stint_api_error_new_for_transport (const GError          *error);
gboolean  stint_api_error_is_transient   (const GError             *error);

G_END_DECLS
