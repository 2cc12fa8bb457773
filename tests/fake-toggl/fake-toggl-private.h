/* fake-toggl-private.h: what the service files of the fake share
 *
 * fake-toggl.c is the transport: routing by prefix and auth; quota buckets
 * and bursts (fake-toggl-quota.c), faults (fake-toggl-faults.c) and the
 * request log (fake-toggl-log.c) beside it. Each service (fake-toggl-track*.c,
 * fake-toggl-focus*.c) keeps its state here and provides three functions:
 * load its part of the fixture, name the quota bucket of a request, handle it.
 * fake-toggl-admin.c changes the state from outside, without requests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "fake-toggl.h"

G_BEGIN_DECLS

typedef struct _FakeFocus FakeFocus;

struct _FakeToggl
{
  GObject      parent_instance;

  SoupServer  *server;
  StintClock  *clock;
  char        *url;

  /* Track state: JsonObjects in Toggl's own shapes. */
  GPtrArray   *users;          /* with "api_token" and "password" */
  GPtrArray   *workspaces;     /* with "organization_id" */
  GPtrArray   *projects;
  GPtrArray   *tags;
  GPtrArray   *clients;        /* models.Client: the workspace is "wid" */
  GPtrArray   *tasks;
  GPtrArray   *entries;        /* deleted ones keep "server_deleted_at" */
  gint64       next_id;
  guint        idle_current_status;  /* 200 (null), 204 or 404 */

  /* Transport */
  GHashTable  *buckets;        /* key → Bucket */
  guint        user_quota;
  guint        workspace_quota;
  guint        burst_per_second;
  guint        burst_retry_after;
  GHashTable  *bursts;         /* user id string → Burst */
  guint        auth_failure_status;
  GQueue       faults;         /* Fault */
  GPtrArray   *log;            /* FakeTogglRequest */
  GList       *delayed;        /* Delayed */
  gboolean     admin_enabled;  /* answer /__admin/ */

  FakeFocus   *focus;          /* fake-toggl-focus*.c; NULL until used */
};

/* One request on its way through the fake. */
typedef struct
{
  FakeToggl  *fake;
  const char *method;
  const char *path;       /* below the service prefix, e.g. /me */
  GHashTable *query;      /* decoded, may be NULL */
  JsonNode   *body;       /* NULL when none was sent */
  gboolean    body_invalid;
  gboolean    focus;      /* below the Focus prefix (fake-toggl-focus*.c) */
  JsonObject *user;       /* who, after auth */
  gint64      user_id;

  guint       status;
  JsonNode   *reply;      /* owned; NULL = empty body */
  gboolean    applied;    /* the state changed */
} FakeExchange;

void        fake_exchange_reply        (FakeExchange *ex,
                                        guint         status,
                                        JsonNode     *reply);
void        fake_exchange_error        (FakeExchange *ex,
                                        guint         status,
                                        const char   *message);

char       *fake_toggl_format_time     (gint64        unix_seconds);
gint64      fake_toggl_now             (FakeToggl    *self);
JsonObject *fake_toggl_find            (GPtrArray    *objects,
                                        gint64        id);

gboolean    fake_toggl_track_load      (FakeToggl    *self,
                                        JsonObject   *fixture,
                                        GError      **error);
JsonObject *fake_toggl_track_auth      (FakeToggl    *self,
                                        const char   *authorization);
char       *fake_toggl_track_bucket    (FakeToggl    *self,
                                        FakeExchange *ex,
                                        guint        *limit);
void        fake_toggl_track_handle    (FakeToggl    *self,
                                        FakeExchange *ex);

void        fake_toggl_admin_handle    (FakeToggl         *self,
                                        SoupServerMessage *msg,
                                        const char        *path);

G_END_DECLS
