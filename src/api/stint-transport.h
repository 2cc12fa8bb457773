/* stint-transport.h: how StintHttp reaches libsoup, which is loaded only
 * when Stint first talks to a server
 *
 * libsoup and what it pulls in (Kerberos, libpsl, libidn2, nghttp2) take
 * some milliseconds to load and map, and most starts never send a request:
 * the tray comes up in local mode, or before the account is set up. So the
 * HTTP session lives in a module, stint-soup, opened on the first request.
 * The module sees nothing of Stint: it gets a method, a URI, header pairs
 * and a body, and gives back the status, the headers and the body. It never
 * follows a redirect, and sends the body again when libsoup resends a
 * request by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Raised when the table below changes, so that an old module is refused. */
#define STINT_TRANSPORT_ABI_VERSION 1

/* The one symbol the module exports: returns its StintTransportFuncs. */
#define STINT_TRANSPORT_MODULE_SYMBOL "stint_transport_module_get_funcs"

typedef struct _StintTransport StintTransport;

/**
 * StintTransportFuncs:
 * @new: a session sending @user_agent
 * @free: ends the session; requests in flight finish as cancelled
 * @set_timeout: the socket timeout, in seconds
 * @send_async: sends @method to @uri with @headers (name, value, …, %NULL)
 *   and @body (nullable) of @content_type. A URI libsoup refuses fails with
 *   %G_IO_ERROR_INVALID_ARGUMENT.
 * @send_finish: the body (empty, never %NULL, when none came), the status
 *   and the response headers, keyed by lower-case name
 * @parse_http_date: an HTTP-date (`Retry-After`), or %NULL
 */
typedef struct
{
  guint            abi_version;     /* first, as in every module's table */

  StintTransport *(*new)             (const char          *user_agent);
  void            (*free)            (StintTransport      *transport);
  void            (*set_timeout)     (StintTransport      *transport,
                                      guint                seconds);
  void            (*send_async)      (StintTransport      *transport,
                                      const char          *method,
                                      const char          *uri,
                                      const char * const  *headers,
                                      GBytes              *body,
                                      const char          *content_type,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  GBytes         *(*send_finish)     (StintTransport      *transport,
                                      GAsyncResult        *result,
                                      guint               *status,
                                      GHashTable         **headers,
                                      GError             **error);
  GDateTime      *(*parse_http_date) (const char          *text);
} StintTransportFuncs;

const StintTransportFuncs *stint_transport_load (GError **error);

G_END_DECLS
