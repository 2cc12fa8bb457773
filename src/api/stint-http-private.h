/* stint-http-private.h: what stint-http.c and stint-http-request.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-http.h"
#include "stint-transport.h"

G_BEGIN_DECLS

struct _StintHttp
{
  GObject                    parent_instance;

  const StintTransportFuncs *transport_funcs;
  StintTransport            *transport;   /* opened with the first request */
  StintClock                *clock;
  char                      *base_url;    /* no trailing slash */
  StintHttpAuth              auth_kind;
  char                      *secret;      /* wiped before it is freed */
  guint                      timeout_ms;
};

guint  stint_http_socket_timeout (StintHttp *self);
char  *stint_http_authorization  (StintHttp *self);

G_END_DECLS
