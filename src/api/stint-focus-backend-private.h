/* stint-focus-backend-private.h: what the StintFocusBackend files share
 *
 * stint-focus-backend.c holds the object and the request plumbing every
 * operation uses; -account.c the account, projects and tags (and the tag
 * names entries need); -create.c creates entries; -entries.c reads one back,
 * updates, stops and deletes them; -changes.c reads what runs and what
 * changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-backend-private.h"
#include "stint-focus-backend.h"
#include "stint-focus-codec.h"

G_BEGIN_DECLS

struct _StintFocusBackend
{
  GObject      parent_instance;

  StintHttp   *http;
  StintClock  *clock;            /* the http's, so both agree on "now" */
  char        *organization_id;
  gint64       workspace_id;     /* 0 until fetch_account reads the settings */

  /* Tags are ids on the wire and names in Stint. */
  GHashTable  *tag_names;        /* gint64 id → name */
  gboolean     tags_loaded;      /* the workspace's tags were read once */

  /* Focus has no change feed: what the last reads showed, to tell an entry
   * gone from a window (stint-focus-backend-changes.c). */
  GHashTable  *known;            /* gint64 server id → StintFocusKnown */
  guint64      generation;       /* bumped by every entry learned */
  gint64       current_id;       /* the running entry as last read, 0 if none */
  gboolean     stream_unusable;  /* the server has no /stream: page the list */
};

typedef struct
{
  gint64  start;
  gint64  task_id;
  guint64 generation;
} StintFocusKnown;

/* The next step of an operation; takes the task (transfer full). */
typedef void (*StintFocusStep) (GTask *task);

/* The task data of every operation; each uses the members it needs. */
typedef struct
{
  StintFocusStep     next;       /* after the tags are resolved */
  StintEntry        *entry;      /* as asked */
  StintEntry        *before;     /* update: as the server had it */
  StintEntry        *result;     /* an answer kept across a second request */
  JsonNode          *node;       /* the reply it was read from, if still needed */
  gboolean           tags_reread; /* the workspace's tags were read for this op */
  GArray            *tag_ids;    /* the entry's tags, resolved */
  GPtrArray         *names;      /* the entry's tag names */
  guint              tag_index;  /* the name a tag is being made for */
  gint64             server_id;
  gint64             task_id;
  gint64             end;        /* stop: the asked end */
  gboolean           retried;    /* start: a 422 was settled once already */
  gboolean           gone_is_done; /* a delete: 404 is success */
  guint              status;     /* of the last reply */

  /* fetch_account and fetch_changes */
  StintBackendAccount *account;
  StintFocusEntries  *window;    /* what the pages read so far hold */
  gint64             from;
  gint64             to;
  guint64            generation;
  gint64             page;
} StintFocusOp;

GTask    *stint_focus_op_new            (StintFocusBackend    *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data,
                                         gpointer              source_tag);
char     *stint_focus_path              (StintFocusBackend    *self,
                                         const char           *format,
                                         ...) G_GNUC_PRINTF (2, 3);
void      stint_focus_op_send           (GTask                *task,
                                         const char           *method,
                                         const char           *path,
                                         JsonNode             *body,
                                         GAsyncReadyCallback   callback);
JsonNode *stint_focus_op_finish         (GTask                *task,
                                         GAsyncResult         *result,
                                         GError              **error);
/* A request whose reply is the one object the operation returns. */
static inline void
stint_focus_op_send_parsed (GTask             *task,
                          const char        *method,
                          const char        *path,
                          JsonNode          *body,
                          StintBackendParse  parse)
{
  stint_backend_send_parsed (task, stint_focus_op_send, stint_focus_op_finish, method, path, body, parse);
}
void      stint_focus_set_workspace     (StintFocusBackend    *self,
                                         gint64                workspace_id);
gboolean  stint_focus_check_workspace   (GTask                *task);

StintEntry *stint_focus_parse_entry     (StintFocusBackend    *self,
                                         JsonNode             *node,
                                         GError              **error);
void      stint_focus_remember          (StintFocusBackend    *self,
                                         StintEntry           *entry);
void      stint_focus_forget            (StintFocusBackend    *self,
                                         gint64                server_id);
gint64    stint_focus_known_task        (StintFocusBackend    *self,
                                         gint64                server_id);

void      stint_focus_resolve_tags      (GTask                *task,
                                         const char * const   *names,
                                         StintFocusStep        next);

void      stint_focus_learn_tags        (StintFocusBackend    *self,
                                         GPtrArray            *tags);
void      stint_focus_return_entry      (GTask                *task,
                                         StintEntry           *entry,
                                         JsonNode             *node);
void      stint_focus_reread            (GTask                *task);
gboolean  stint_focus_check_entry       (GTask                *task,
                                         StintEntry           *entry,
                                         gboolean              needs_server_id);
gboolean  stint_focus_tags_differ       (StintEntry           *a,
                                         StintEntry           *b);
void      stint_focus_patched_cb        (GObject              *object,
                                         GAsyncResult         *result,
                                         gpointer              user_data);

void      stint_focus_backend_account_iface_init (StintBackendInterface *iface);
void      stint_focus_backend_create_iface_init  (StintBackendInterface *iface);
void      stint_focus_backend_entries_iface_init (StintBackendInterface *iface);
void      stint_focus_backend_changes_iface_init (StintBackendInterface *iface);

G_END_DECLS
