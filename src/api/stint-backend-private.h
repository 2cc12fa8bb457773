/* stint-backend-private.h: what the StintBackend implementations share
 *
 * All of it is in stint-backend-reply.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-backend.h"
#include "stint-http.h"

G_BEGIN_DECLS

JsonNode *stint_backend_finish_reply (StintBackend   *self,
                                      StintHttp      *http,
                                      GAsyncResult   *result,
                                      const char     *bucket,
                                      StintApiMeta   *meta,
                                      GError        **error);

gpointer  stint_backend_propagate_pointer (StintBackend  *self,
                                           GAsyncResult  *result,
                                           gpointer       source_tag,
                                           GError       **error);

/* Reads a reply into the object an operation returns (a project, a tag, a
 * client); %NULL with @error set when the reply says something else. */
typedef GObject *(*StintBackendParse) (StintBackend  *self,
                                       JsonNode      *node,
                                       GError       **error);

/* An implementation's own send and finish of one request of @task. */
typedef void      (*StintBackendOpSend)   (GTask               *task,
                                           const char          *method,
                                           const char          *path,
                                           JsonNode            *body,
                                           GAsyncReadyCallback  callback);
typedef JsonNode *(*StintBackendOpFinish) (GTask               *task,
                                           GAsyncResult        *result,
                                           GError             **error);

void      stint_backend_send_parsed (GTask                *task,
                                     StintBackendOpSend    send,
                                     StintBackendOpFinish  finish,
                                     const char           *method,
                                     const char           *path,
                                     JsonNode             *body,
                                     StintBackendParse     parse);

G_END_DECLS
