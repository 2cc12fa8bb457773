/* stint-track-backend.c: StintBackend for Toggl Track (API v9)
 *
 * Each operation is one request through StintHttp (two only where Toggl
 * leaves no choice, see stop), its body built and its reply read by the
 * Track codecs. The caller sets the base URL and the credential on the
 * StintHttp; this object never sees the token. This file has the object, the
 * request plumbing, the account, projects, tags and customers; the time
 * entries are in stint-track-backend-entries.c.
 *
 * Every reply, good or bad, is announced with `response` and the quota
 * bucket Toggl counts it in: "user" for /me…, "workspace" for requests aimed
 * at a workspace (shared/api/README.md 2.2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-track-backend"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-backend-private.h"
#include "stint-track-backend-private.h"
#include "stint-track-codec.h"

enum {
  PROP_0,
  PROP_HTTP,
  N_PROPS
};

static void stint_track_backend_iface_init (StintBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StintTrackBackend, stint_track_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STINT_TYPE_BACKEND, stint_track_backend_iface_init))

static GParamSpec *properties[N_PROPS];

static void
op_free (StintTrackOp *op)
{
  g_clear_object (&op->entry);
  g_free (op);
}

GTask *
stint_track_op_new (StintTrackBackend   *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data,
                    gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_new0 (StintTrackOp, 1), (GDestroyNotify)op_free);
  return task;
}

/* Toggl counts every /me… request in the user's bucket (30 an hour on every
 * plan) and the rest in the bucket of the workspace's organization. */
static const char *
bucket_for_path (const char *path)
{
  if (g_str_has_prefix (path, "/me") &&
      (path[3] == '\0' || path[3] == '/' || path[3] == '?'))
    return "user";
  return "workspace";
}

/* Sends one request for @task (transfer full), which @callback gets back. */
void
stint_track_op_send (GTask               *task,
                     const char          *method,
                     const char          *path,
                     JsonNode            *body,
                     GAsyncReadyCallback  callback)
{
  StintTrackBackend *self = g_task_get_source_object (task);
  StintTrackOp *op = g_task_get_task_data (task);

  op->bucket = bucket_for_path (path);
  stint_http_request_async (self->http, method, path, body, g_task_get_cancellable (task),
                            callback, task);
}

/* Reads the reply to stint_track_op_send(), announcing it with `response`.
 *
 * Returns: (transfer full) (nullable): the JSON, %NULL for an empty body or
 *   `null` (then @error is unset) or for an error. */
JsonNode *
stint_track_op_finish (GTask         *task,
                       GAsyncResult  *result,
                       GError       **error)
{
  StintTrackBackend *self = g_task_get_source_object (task);
  StintTrackOp *op = g_task_get_task_data (task);

  return stint_backend_finish_reply (STINT_BACKEND (self), self->http, result, op->bucket, NULL,
                                     error);
}

/* --- fetch_account ------------------------------------------------------- */

static StintBackendAccount *
account_from_track (StintTrackAccount *me)
{
  StintBackendAccount *account = g_new0 (StintBackendAccount, 1);

  account->user_id = me->user_id;
  account->email = g_steal_pointer (&me->email);
  account->name = g_steal_pointer (&me->fullname);
  account->default_workspace_id = me->default_workspace_id;
  account->workspaces = g_ptr_array_new_full (me->workspaces->len,
                                              (GDestroyNotify)stint_backend_workspace_free);
  for (guint i = 0; i < me->workspaces->len; i++)
    {
      StintTrackWorkspace *from = g_ptr_array_index (me->workspaces, i);
      StintBackendWorkspace *workspace = g_new0 (StintBackendWorkspace, 1);

      workspace->id = from->id;
      workspace->organization_id = from->organization_id;
      workspace->name = g_steal_pointer (&from->name);
      workspace->no_billable = !from->billable;
      g_ptr_array_add (account->workspaces, workspace);
    }
  account->projects = g_steal_pointer (&me->projects);
  account->tags = g_steal_pointer (&me->tags);
  account->customers = g_steal_pointer (&me->clients);
  account->tasks = g_steal_pointer (&me->tasks);

  return account;
}

/* `/me?with_related_data=true` also lists recent time entries; entries come
 * from fetch_changes, so they are dropped unread here: one unreadable entry
 * must not make the whole account unreadable. */
static JsonNode *
without_entries (JsonNode *node)
{
  JsonObject *copy;
  JsonNode *result;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return node != NULL ? json_node_ref (node) : NULL;

  copy = json_object_new ();
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_str_equal (name, "time_entries"))
      json_object_set_member (copy, name, json_node_copy (member));

  result = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (result, copy);
  return result;
}

static void
fetch_account_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(StintTrackAccount) me = NULL;

  node = stint_track_op_finish (task, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The api_token in the reply (after an email + password sign-in) is
   * dropped with StintTrackAccount: fetching it is the sign-in's business. */
  user = without_entries (node);
  me = stint_track_codec_parse_me (user, &error);
  if (me == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, account_from_track (me), (GDestroyNotify)stint_backend_account_free);
}

/* One request for the whole account: `/me?with_related_data=true` carries
 * the workspaces, projects, tags, clients and tasks of every workspace the
 * user is in (related.UserWithRelated), so a sign-in costs one request of the
 * user's 30 an hour. Tasks are a paid feature: where the plan has none the
 * list is null, read as "no tasks", and the task endpoints (which would
 * answer 402) are never asked. */
static void
stint_track_backend_fetch_account_async (StintBackend        *backend,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (backend);
  g_autoptr(GTask) task = NULL;

  task = stint_track_op_new (self, cancellable, callback, user_data, stint_track_backend_fetch_account_async);
  stint_track_op_send (g_steal_pointer (&task), "GET", "/me?with_related_data=true", NULL, fetch_account_cb);
}

static StintBackendAccount *
stint_track_backend_fetch_account_finish (StintBackend  *backend,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_track_backend_fetch_account_async, error);
}

/* --- create_project, create_tag, create_customer ------------------------- */

static GObject *
parse_project (StintBackend  *backend,
               JsonNode      *node,
               GError       **error)
{
  return (GObject *)stint_track_codec_parse_project (node, NULL, error);
}

static void
stint_track_backend_create_project_async (StintBackend        *backend,
                                          gint64               workspace_id,
                                          const char          *name,
                                          const char          *color,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  task = stint_track_op_new (self, cancellable, callback, user_data, stint_track_backend_create_project_async);
  body = stint_track_codec_build_project (name, color);
  path = g_strdup_printf ("/workspaces/%" G_GINT64_FORMAT "/projects", workspace_id);
  stint_track_op_send_parsed (g_steal_pointer (&task), "POST", path, body, parse_project);
}

static StintProject *
stint_track_backend_create_project_finish (StintBackend  *backend,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_track_backend_create_project_async, error);
}

/* The spec's answer is an array of the one new tag. */
static GObject *
parse_tag (StintBackend  *backend,
           JsonNode      *node,
           GError       **error)
{
  g_autoptr(GPtrArray) tags = stint_track_codec_parse_tags (node, error);

  if (tags == NULL)
    return NULL;
  if (tags->len == 0)
    {
      g_set_error_literal (error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY,
                           _("Toggl sent data Stint cannot read."));
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (tags, 0));
}

static void
stint_track_backend_create_tag_async (StintBackend        *backend,
                                      gint64               workspace_id,
                                      const char          *name,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  task = stint_track_op_new (self, cancellable, callback, user_data, stint_track_backend_create_tag_async);
  body = stint_track_codec_build_tag (name);
  path = g_strdup_printf ("/workspaces/%" G_GINT64_FORMAT "/tags", workspace_id);
  stint_track_op_send_parsed (g_steal_pointer (&task), "POST", path, body, parse_tag);
}

static StintTag *
stint_track_backend_create_tag_finish (StintBackend  *backend,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_track_backend_create_tag_async, error);
}

static GObject *
parse_customer (StintBackend  *backend,
                JsonNode      *node,
                GError       **error)
{
  return (GObject *)stint_track_codec_parse_client (node, NULL, error);
}

static void
stint_track_backend_create_customer_async (StintBackend        *backend,
                                           gint64               workspace_id,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  task = stint_track_op_new (self, cancellable, callback, user_data, stint_track_backend_create_customer_async);
  body = stint_track_codec_build_client (name);
  path = g_strdup_printf ("/workspaces/%" G_GINT64_FORMAT "/clients", workspace_id);
  stint_track_op_send_parsed (g_steal_pointer (&task), "POST", path, body, parse_customer);
}

static StintCustomer *
stint_track_backend_create_customer_finish (StintBackend  *backend,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_track_backend_create_customer_async, error);
}

/* --- GObject ------------------------------------------------------------- */

static void
stint_track_backend_constructed (GObject *object)
{
  StintTrackBackend *self = (StintTrackBackend *)object;

  G_OBJECT_CLASS (stint_track_backend_parent_class)->constructed (object);

  g_assert (STINT_IS_HTTP (self->http));
  g_object_get (self->http, "clock", &self->clock, NULL);
}

static void
stint_track_backend_dispose (GObject *object)
{
  StintTrackBackend *self = (StintTrackBackend *)object;

  g_clear_object (&self->http);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (stint_track_backend_parent_class)->dispose (object);
}

static void
stint_track_backend_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (object);

  switch (prop_id)
    {
    case PROP_HTTP:
      g_value_set_object (value, self->http);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_track_backend_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (object);

  switch (prop_id)
    {
    case PROP_HTTP:
      self->http = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_track_backend_class_init (StintTrackBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stint_track_backend_constructed;
  object_class->dispose = stint_track_backend_dispose;
  object_class->get_property = stint_track_backend_get_property;
  object_class->set_property = stint_track_backend_set_property;

  properties[PROP_HTTP] =
    g_param_spec_object ("http", NULL, NULL, STINT_TYPE_HTTP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_track_backend_iface_init (StintBackendInterface *iface)
{
  iface->fetch_account_async = stint_track_backend_fetch_account_async;
  iface->fetch_account_finish = stint_track_backend_fetch_account_finish;
  iface->create_project_async = stint_track_backend_create_project_async;
  iface->create_project_finish = stint_track_backend_create_project_finish;
  iface->create_tag_async = stint_track_backend_create_tag_async;
  iface->create_tag_finish = stint_track_backend_create_tag_finish;
  iface->create_customer_async = stint_track_backend_create_customer_async;
  iface->create_customer_finish = stint_track_backend_create_customer_finish;
  stint_track_backend_entries_iface_init (iface);
}

static void
stint_track_backend_init (StintTrackBackend *self)
{
}

/**
 * stint_track_backend_new:
 * @http: the session to send through; its base URL and credential are the
 *   caller's to set (and change) at any time
 */
StintTrackBackend *
stint_track_backend_new (StintHttp *http)
{
  g_return_val_if_fail (STINT_IS_HTTP (http), NULL);

  return g_object_new (STINT_TYPE_TRACK_BACKEND, "http", http, NULL);
}

StintHttp *
stint_track_backend_get_http (StintTrackBackend *self)
{
  g_return_val_if_fail (STINT_IS_TRACK_BACKEND (self), NULL);

  return self->http;
}
