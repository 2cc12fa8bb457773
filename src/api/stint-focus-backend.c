/* stint-focus-backend.c: StintBackend for Toggl Focus
 *
 * Toggl Focus (https://focus.toggl.com/api) keeps everything under
 * /organizations/{org}/workspaces/{ws}/, except the user's settings and the
 * workspace's tags and clients. No endpoint lists organizations, so the
 * caller names one (the user reads it from the Focus web app's address); the
 * workspace may be left 0 for fetch_account to take the settings'
 * `current_workspace_id`. The caller sets the base URL and the API key
 * (Bearer) on the StintHttp; this object never sees the key.
 *
 * This file has the object and the request plumbing every operation uses.
 * The account, projects, tags and the tag names entries need (Focus speaks
 * of tags by id, Stint by name) are in stint-focus-backend-account.c;
 * creating entries in stint-focus-backend-create.c; updating, stopping and
 * deleting them in stint-focus-backend-entries.c; reading what runs and what
 * changed in stint-focus-backend-changes.c.
 *
 * Every reply, good or bad, is announced with `response` in the bucket
 * "organization": Focus meters requests per user per organization
 * (shared/api/README.md §3.2). Where `/users/me/settings` and the
 * workspace's tags count is not documented; counting them there too can
 * only make the budget careful, never late.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-focus-backend"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-backend-private.h"
#include "stint-focus-backend-private.h"

#define BUCKET "organization"

enum {
  PROP_0,
  PROP_HTTP,
  PROP_ORGANIZATION_ID,
  PROP_WORKSPACE_ID,
  N_PROPS
};

static void stint_focus_backend_iface_init (StintBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StintFocusBackend, stint_focus_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STINT_TYPE_BACKEND, stint_focus_backend_iface_init))

static GParamSpec *properties[N_PROPS];

static void
op_free (StintFocusOp *op)
{
  g_clear_object (&op->entry);
  g_clear_object (&op->before);
  g_clear_object (&op->result);
  g_clear_pointer (&op->node, json_node_unref);
  g_clear_pointer (&op->tag_ids, g_array_unref);
  g_clear_pointer (&op->names, g_ptr_array_unref);
  g_clear_pointer (&op->account, stint_backend_account_free);
  g_clear_pointer (&op->window, stint_focus_entries_free);
  g_free (op);
}

GTask *
stint_focus_op_new (StintFocusBackend   *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data,
                    gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_new0 (StintFocusOp, 1), (GDestroyNotify)op_free);
  return task;
}

/* A path below the workspace: `/organizations/{org}/workspaces/{ws}` + @format. */
char *
stint_focus_path (StintFocusBackend *self,
                  const char        *format,
                  ...)
{
  g_autofree char *suffix = NULL;
  va_list args;

  va_start (args, format);
  suffix = g_strdup_vprintf (format, args);
  va_end (args);

  return g_strdup_printf ("/organizations/%s/workspaces/%" G_GINT64_FORMAT "%s",
                          self->organization_id, self->workspace_id, suffix);
}

/* Sends one request for @task (transfer full), which @callback gets back. */
void
stint_focus_op_send (GTask               *task,
                     const char          *method,
                     const char          *path,
                     JsonNode            *body,
                     GAsyncReadyCallback  callback)
{
  StintFocusBackend *self = g_task_get_source_object (task);

  stint_http_request_async (self->http, method, path, body, g_task_get_cancellable (task),
                            callback, task);
}

/* Reads the reply to stint_focus_op_send(), announcing it with `response`;
 * the op's status says what it was (204: no body).
 *
 * Returns: (transfer full) (nullable): the JSON, %NULL for an empty body
 *   (then @error is unset) or for an error. */
JsonNode *
stint_focus_op_finish (GTask         *task,
                       GAsyncResult  *result,
                       GError       **error)
{
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  StintApiMeta meta = STINT_API_META_INIT;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = stint_backend_finish_reply (STINT_BACKEND (self), self->http, result, BUCKET, &meta,
                                     &local_error);
  op->status = meta.status;

  /* Focus keys expire on a date the user chose when making them (README
   * §3.1): the general "sign in again" would send them looking for a
   * password that is not the problem. */
  if (g_error_matches (local_error, STINT_API_ERROR, STINT_API_ERROR_AUTH))
    {
      g_clear_error (&local_error);
      g_set_error_literal (&local_error, STINT_API_ERROR, STINT_API_ERROR_AUTH,
                           _("Toggl Focus did not accept the API key; it may have expired or been "
                             "replaced by a newer one. Create a new key in Toggl Focus and sign in "
                             "again with it."));
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&node);
}

/* Once, when fetch_account learns the workspace the settings name. */
void
stint_focus_set_workspace (StintFocusBackend *self,
                           gint64             workspace_id)
{
  if (self->workspace_id == workspace_id)
    return;

  self->workspace_id = workspace_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE_ID]);
}

/* FALSE, with the error returned on @task, while no workspace is known. */
gboolean
stint_focus_check_workspace (GTask *task)
{
  StintFocusBackend *self = g_task_get_source_object (task);

  if (self->workspace_id > 0)
    return TRUE;

  g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_INVALID, "%s",
                           _("Stint does not know which Toggl Focus workspace to use yet."));
  return FALSE;
}

/* Every entry of this backend is in its workspace, whether or not the reply
 * said so. */
StintEntry *
stint_focus_parse_entry (StintFocusBackend  *self,
                         JsonNode           *node,
                         GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  StintFocusEntryKind kind;
  StintEntry *entry;

  entry = stint_focus_codec_parse_entry (node, self->tag_names, &kind, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (entry == NULL)
    {
      /* A plan or a deleted entry where one tracked entry was expected. */
      g_debug ("Expected a tracked entry; got a %s one",
               kind == STINT_FOCUS_ENTRY_PLANNED ? "planned" : "deleted");
      g_set_error_literal (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND,
                           _("Toggl Focus has no tracked time entry there any more."));
      return NULL;
    }
  if (entry != NULL)
    stint_entry_set_workspace_id (entry, self->workspace_id);
  return entry;
}

/* --- GObject ------------------------------------------------------------- */

static void
stint_focus_backend_constructed (GObject *object)
{
  StintFocusBackend *self = (StintFocusBackend *)object;

  G_OBJECT_CLASS (stint_focus_backend_parent_class)->constructed (object);

  g_assert (STINT_IS_HTTP (self->http));
  g_object_get (self->http, "clock", &self->clock, NULL);
}

static void
stint_focus_backend_dispose (GObject *object)
{
  StintFocusBackend *self = (StintFocusBackend *)object;

  g_clear_object (&self->http);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (stint_focus_backend_parent_class)->dispose (object);
}

static void
stint_focus_backend_finalize (GObject *object)
{
  StintFocusBackend *self = (StintFocusBackend *)object;

  g_free (self->organization_id);
  g_hash_table_unref (self->tag_names);
  g_hash_table_unref (self->known);

  G_OBJECT_CLASS (stint_focus_backend_parent_class)->finalize (object);
}

static void
stint_focus_backend_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (object);

  switch (prop_id)
    {
    case PROP_HTTP:
      g_value_set_object (value, self->http);
      break;
    case PROP_ORGANIZATION_ID:
      g_value_set_string (value, self->organization_id);
      break;
    case PROP_WORKSPACE_ID:
      g_value_set_int64 (value, self->workspace_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_focus_backend_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (object);

  switch (prop_id)
    {
    case PROP_HTTP:
      self->http = g_value_dup_object (value);
      break;
    case PROP_ORGANIZATION_ID:
      self->organization_id = g_value_dup_string (value);
      break;
    case PROP_WORKSPACE_ID:
      self->workspace_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_focus_backend_class_init (StintFocusBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stint_focus_backend_constructed;
  object_class->dispose = stint_focus_backend_dispose;
  object_class->finalize = stint_focus_backend_finalize;
  object_class->get_property = stint_focus_backend_get_property;
  object_class->set_property = stint_focus_backend_set_property;

  properties[PROP_HTTP] =
    g_param_spec_object ("http", NULL, NULL, STINT_TYPE_HTTP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_string ("organization-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Changes once, when fetch_account finds the workspace the settings name. */
  properties[PROP_WORKSPACE_ID] =
    g_param_spec_int64 ("workspace-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_focus_backend_iface_init (StintBackendInterface *iface)
{
  stint_focus_backend_account_iface_init (iface);
  stint_focus_backend_create_iface_init (iface);
  stint_focus_backend_entries_iface_init (iface);
  stint_focus_backend_changes_iface_init (iface);
}

static void
stint_focus_backend_init (StintFocusBackend *self)
{
  self->tag_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/**
 * stint_focus_backend_check_organization_id:
 * @organization_id: what the user gave as the organization
 *
 * Focus organization ids are numbers: the one after `/organizations/` in
 * the Focus web app's address (`…/organizations/{organization}/workspaces/
 * {workspace}/…`; third parties also report it right after the host).
 * Whether the number is one the key may use, only the server says: see
 * stint_backend_fetch_current_async(), one cheap request.
 *
 * Returns: %TRUE if @organization_id has the form of one; otherwise
 *   %STINT_API_ERROR_INVALID with a sentence saying where to find it.
 */
gboolean
stint_focus_backend_check_organization_id (const char  *organization_id,
                                           GError     **error)
{
  guint64 id;

  if (organization_id != NULL &&
      g_ascii_string_to_unsigned (organization_id, 10, 1, G_MAXINT64, &id, NULL))
    return TRUE;

  g_set_error_literal (error, STINT_API_ERROR, STINT_API_ERROR_INVALID,
                       _("A Toggl Focus organization id is a number: the one after "
                         "“/organizations/” in the address of the Focus web app."));
  return FALSE;
}

/**
 * stint_focus_backend_new:
 * @http: the session to send through; its base URL and API key (Bearer) are
 *   the caller's to set (and change) at any time
 * @organization_id: the organization, checked with
 *   stint_focus_backend_check_organization_id()
 * @workspace_id: the workspace, or 0 to use the one the user's Focus
 *   settings name (then fetch_account must run first)
 */
StintFocusBackend *
stint_focus_backend_new (StintHttp  *http,
                         const char *organization_id,
                         gint64      workspace_id)
{
  g_return_val_if_fail (STINT_IS_HTTP (http), NULL);
  g_return_val_if_fail (stint_focus_backend_check_organization_id (organization_id, NULL), NULL);
  g_return_val_if_fail (workspace_id >= 0, NULL);

  return g_object_new (STINT_TYPE_FOCUS_BACKEND,
                       "http", http,
                       "organization-id", organization_id,
                       "workspace-id", workspace_id,
                       NULL);
}

StintHttp *
stint_focus_backend_get_http (StintFocusBackend *self)
{
  g_return_val_if_fail (STINT_IS_FOCUS_BACKEND (self), NULL);

  return self->http;
}

const char *
stint_focus_backend_get_organization_id (StintFocusBackend *self)
{
  g_return_val_if_fail (STINT_IS_FOCUS_BACKEND (self), NULL);

  return self->organization_id;
}

gint64
stint_focus_backend_get_workspace_id (StintFocusBackend *self)
{
  g_return_val_if_fail (STINT_IS_FOCUS_BACKEND (self), 0);

  return self->workspace_id;
}
