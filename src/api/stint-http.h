/* stint-http.h: the one HTTP session Stint talks to Toggl through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "api/stint-api-error.h"
#include "util/stint-clock.h"

G_BEGIN_DECLS

/**
 * StintHttpAuth:
 * @STINT_HTTP_AUTH_NONE: no Authorization header
 * @STINT_HTTP_AUTH_TRACK_TOKEN: Track: Basic `TOKEN:api_token`
 * @STINT_HTTP_AUTH_BEARER: Focus: Bearer `toggl_sk_…`
 * @STINT_HTTP_AUTH_PASSWORD: Track: Basic `email:password`, only to fetch the
 *   API token once at sign-in; set with stint_http_set_password_auth()
 */
typedef enum {
  STINT_HTTP_AUTH_NONE,
  STINT_HTTP_AUTH_TRACK_TOKEN,
  STINT_HTTP_AUTH_BEARER,
  STINT_HTTP_AUTH_PASSWORD,
} StintHttpAuth;

/* Long enough for a slow mobile link, short enough that a tray click does not
 * hang for minutes. */
#define STINT_HTTP_DEFAULT_TIMEOUT_MS 30000

#define STINT_TYPE_HTTP (stint_http_get_type ())
G_DECLARE_FINAL_TYPE (StintHttp, stint_http, STINT, HTTP, GObject)

gboolean    stint_http_check_base_url  (const char           *url,
                                        GError              **error);

StintHttp  *stint_http_new             (StintClock           *clock);
const char *stint_http_get_base_url    (StintHttp            *self);
gboolean    stint_http_set_base_url    (StintHttp            *self,
                                        const char           *base_url,
                                        GError              **error);
void        stint_http_set_auth        (StintHttp            *self,
                                        StintHttpAuth         kind,
                                        const char           *secret);
void        stint_http_set_password_auth (StintHttp          *self,
                                        const char           *email,
                                        const char           *password);
gboolean    stint_http_has_auth        (StintHttp            *self);
guint       stint_http_get_timeout_ms  (StintHttp            *self);
void        stint_http_set_timeout_ms  (StintHttp            *self,
                                        guint                 timeout_ms);

void        stint_http_request_async   (StintHttp            *self,
                                        const char           *method,
                                        const char           *path,
                                        JsonNode             *body,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
JsonNode   *stint_http_request_finish  (StintHttp            *self,
                                        GAsyncResult         *result,
                                        StintApiMeta         *meta,
                                        GError              **error);

G_END_DECLS
