/* stint-track-backend-private.h: what the StintTrackBackend files share
 *
 * stint-track-backend.c holds the object, the request plumbing every
 * operation uses (below), the account, projects and tags;
 * stint-track-backend-entries.c holds the time entries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-backend-private.h"
#include "stint-track-backend.h"

G_BEGIN_DECLS

struct _StintTrackBackend
{
  GObject     parent_instance;

  StintHttp  *http;
  StintClock *clock;   /* the http's, so both agree on "now" */
};

/* The task data of every operation. */
typedef struct
{
  const char *bucket;       /* of the request in flight */
  StintEntry *entry;        /* stop: the entry as asked */
  gint64      server_id;    /* stop: to re-read after a 409 */
  gint64      server_time;  /* fetch_changes: the next `since` */
} StintTrackOp;

GTask    *stint_track_op_new          (StintTrackBackend     *self,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data,
                                       gpointer               source_tag);
void      stint_track_op_send         (GTask                 *task,
                                       const char            *method,
                                       const char            *path,
                                       JsonNode              *body,
                                       GAsyncReadyCallback    callback);
JsonNode *stint_track_op_finish       (GTask                 *task,
                                       GAsyncResult          *result,
                                       GError               **error);
/* A request whose reply is the one object the operation returns. */
static inline void
stint_track_op_send_parsed (GTask             *task,
                          const char        *method,
                          const char        *path,
                          JsonNode          *body,
                          StintBackendParse  parse)
{
  stint_backend_send_parsed (task, stint_track_op_send, stint_track_op_finish, method, path, body, parse);
}

void      stint_track_backend_entries_iface_init (StintBackendInterface *iface);

G_END_DECLS
