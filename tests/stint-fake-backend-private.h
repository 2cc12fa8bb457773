/* stint-fake-backend-private.h: what the files of the fake backend share
 *
 * stint-fake-backend.c holds the object and the replies (faults, offline,
 * held), stint-fake-backend-requests.c the StintBackend calls,
 * stint-fake-backend-server.c the server's entries, projects and tags.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-fake-backend.h"

G_BEGIN_DECLS

/* One reply, sent at once or held. */
typedef struct
{
  GTask          *task;
  const char     *bucket;
  StintApiMeta    meta;
  GError         *error;
  gboolean        reached;      /* no response signal for a request that never arrived */
  GError         *lost;         /* applied, but this is all the client hears */
  gboolean        is_boolean;
  gpointer        result;
  GDestroyNotify  result_free;
} Reply;

typedef struct
{
  gint64 server_id;
  gint64 at;
} Deletion;

struct _StintFakeBackend
{
  GObject     parent_instance;

  StintClock *clock;
  GHashTable *entries;    /* server id → StintEntry */
  GArray     *deletions;  /* Deletion */
  GPtrArray  *projects;   /* StintProject */
  GPtrArray  *tags;       /* StintTag */
  gint64      last_id;
  GQueue      faults;     /* Fault */
  GQueue      held;       /* Reply */
  GPtrArray  *log;        /* what each request was: "create", "update", … */
  gboolean    offline;
  gboolean    hold;
};

/* stint-fake-backend.c */
gint64      fake_backend_now             (StintFakeBackend     *self);
Reply      *fake_backend_reply_new       (StintFakeBackend     *self,
                                          gpointer              source_tag,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data,
                                          const char           *what,
                                          const char           *bucket);
void        fake_backend_reply_finish    (StintFakeBackend     *self,
                                          Reply                *reply);
void        fake_backend_reply_fail      (Reply                *reply,
                                          guint                 status,
                                          StintApiError         code,
                                          const char           *message);
void        fake_backend_reply_entry     (Reply                *reply,
                                          StintEntry           *entry);

/* stint-fake-backend-requests.c */
void        stint_fake_backend_iface_init (StintBackendInterface *iface);

/* stint-fake-backend-server.c */
StintEntry *fake_backend_insert_entry    (StintFakeBackend     *self,
                                          StintEntry           *entry);
void        fake_backend_record_deletion (StintFakeBackend     *self,
                                          gint64                server_id);

G_END_DECLS
