/* stint-focus-backend-account.c: StintFocusBackend's account, projects and tags
 *
 * The account is the workspace's projects (paged, 100 a page), tags and
 * clients (Stint's customers), with the user's settings first while the
 * workspace is not known; no tasks (see account_clients_cb()). Tags are ids
 * on the wire and names in Stint: the names learned here (and from entries
 * that embed their tags) turn ids into names and back, and a name nobody
 * knows becomes a new tag of the workspace, as Track makes tags from names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-focus-backend-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-focus-backend-private.h"

/* Focus rejects larger pages (README §3.7). */
#define PER_PAGE 100
/* A workspace with more projects than this is not one a tray app can show. */
#define MAX_PROJECT_PAGES 20

/* --- tags: ids on the wire, names in Stint ------------------------------- */

static void
learn_tag (StintFocusBackend *self,
           StintTag          *tag)
{
  gint64 id = stint_tag_get_server_id (tag);

  stint_tag_set_workspace_id (tag, self->workspace_id);
  g_hash_table_replace (self->tag_names, g_memdup2 (&id, sizeof id), g_strdup (stint_tag_get_name (tag)));
}

/* The names of tags deleted since are kept: old entries may carry them. */
void
stint_focus_learn_tags (StintFocusBackend *self,
                        GPtrArray         *tags)
{
  for (guint i = 0; i < tags->len; i++)
    learn_tag (self, g_ptr_array_index (tags, i));
  self->tags_loaded = TRUE;
}

static gint64
tag_id_for (StintFocusBackend *self,
            const char        *name)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->tag_names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_equal (value, name))
      return *(gint64 *)key;
  return 0;
}

static void resolve_step (GTask *task);

static void
tags_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL)
    tags = stint_focus_codec_parse_tags (node, &error);
  if (tags == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stint_focus_learn_tags (self, tags);
  resolve_step (g_steal_pointer (&task));
}

/* A tag create answers the tag; Track's habit of an array of one is
 * accepted too. */
static StintTag *
parse_created_tag (JsonNode  *node,
                   GError   **error)
{
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 1)
    node = json_array_get_element (json_node_get_array (node), 0);
  return stint_focus_codec_parse_tag (node, error);
}

static void
tag_created_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StintTag) tag = NULL;
  StintFocusOp *op = g_task_get_task_data (task);

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL)
    tag = parse_created_tag (node, &error);
  if (tag == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Under the name the server gave it, should it differ (trimmed, say):
   * otherwise the name asked for would never resolve. */
  learn_tag (g_task_get_source_object (task), tag);
  g_free (g_ptr_array_index (op->names, op->tag_index));
  g_ptr_array_index (op->names, op->tag_index) = g_strdup (stint_tag_get_name (tag));
  resolve_step (g_steal_pointer (&task));
}

/* Names to ids: from what is known; else the workspace's tags, read once;
 * else the tag is made, as Track makes unknown tag names. */
static void
resolve_step (GTask *task)
{
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  const char *missing = NULL;

  g_array_set_size (op->tag_ids, 0);
  for (guint i = 0; i < op->names->len && missing == NULL; i++)
    {
      const char *name = g_ptr_array_index (op->names, i);
      gint64 id = tag_id_for (self, name);

      if (id > 0)
        g_array_append_val (op->tag_ids, id);
      else
        {
          missing = name;
          op->tag_index = i;
        }
    }

  if (missing == NULL)
    {
      op->next (task);
      return;
    }

  path = g_strdup_printf ("/workspaces/%" G_GINT64_FORMAT "/tags", self->workspace_id);
  if (!self->tags_loaded)
    {
      stint_focus_op_send (task, "GET", path, NULL, tags_loaded_cb);
      return;
    }

  g_debug ("Making the tag a time entry names");
  body = stint_focus_codec_build_tag (missing);
  stint_focus_op_send (task, "POST", path, body, tag_created_cb);
}

/* Sets the op's tag_ids to the ids of @names, then runs @next. */
void
stint_focus_resolve_tags (GTask              *task,
                          const char * const *names,
                          StintFocusStep      next)
{
  StintFocusOp *op = g_task_get_task_data (task);

  op->next = next;
  g_clear_pointer (&op->tag_ids, g_array_unref);
  op->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_clear_pointer (&op->names, g_ptr_array_unref);
  op->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_ptr_array_add (op->names, g_strdup (names[i]));

  resolve_step (task);
}

/* --- fetch_account ------------------------------------------------------- */

static void account_projects (GTask *task);

/* Tasks are left out: Focus documents no list of them, and entries name
 * their task's name and project themselves (embedded). */
static void
account_clients_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL)
    customers = stint_focus_codec_parse_clients (node, &error);
  if (customers == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < customers->len; i++)
    stint_customer_set_workspace_id (g_ptr_array_index (customers, i), self->workspace_id);
  g_ptr_array_extend_and_steal (op->account->customers, g_steal_pointer (&customers));
  g_task_return_pointer (task, g_steal_pointer (&op->account), (GDestroyNotify)stint_backend_account_free);
}

static void
account_tags_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *path = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL)
    tags = stint_focus_codec_parse_tags (node, &error);
  if (tags == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stint_focus_learn_tags (self, tags);
  g_ptr_array_extend_and_steal (op->account->tags, g_steal_pointer (&tags));

  path = g_strdup_printf ("/workspaces/%" G_GINT64_FORMAT "/clients", self->workspace_id);
  stint_focus_op_send (g_steal_pointer (&task), "GET", path, NULL, account_clients_cb);
}

static void
account_projects_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autofree char *path = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  gint64 total = -1;
  guint n_items = 0;

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL)
    projects = stint_focus_codec_parse_projects (node, &total, &n_items, &error);
  if (projects == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < projects->len; i++)
    stint_project_set_workspace_id (g_ptr_array_index (projects, i), self->workspace_id);
  g_ptr_array_extend_and_steal (op->account->projects, g_steal_pointer (&projects));

  /* A short page is the last; so is reaching the total, where it is sent. */
  if (n_items == PER_PAGE && (total < 0 || op->account->projects->len < total) &&
      op->page < MAX_PROJECT_PAGES)
    {
      op->page++;
      account_projects (g_steal_pointer (&task));
      return;
    }

  path = g_strdup_printf ("/workspaces/%" G_GINT64_FORMAT "/tags", self->workspace_id);
  stint_focus_op_send (g_steal_pointer (&task), "GET", path, NULL, account_tags_cb);
}

static void
account_projects (GTask *task)
{
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  /* The one workspace: Focus lists none (README §3.4). */
  if (op->account->workspaces->len == 0)
    stint_backend_account_add_workspace (op->account, self->workspace_id,
                                         g_ascii_strtoll (self->organization_id, NULL, 10));

  path = stint_focus_path (self, "/projects?page=%" G_GINT64_FORMAT "&per_page=%d", op->page, PER_PAGE);
  stint_focus_op_send (task, "GET", path, NULL, account_projects_cb);
}

static void
account_settings_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  StintFocusSettings settings;

  node = stint_focus_op_finish (task, result, &error);
  if (error != NULL || !stint_focus_codec_parse_settings (node, &settings, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (settings.current_workspace_id <= 0)
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_INVALID, "%s",
                               _("Toggl Focus did not say which workspace is yours; give its id "
                                 "(the number after “workspaces/” in the Focus web app’s address)."));
      return;
    }

  g_debug ("Using the workspace the Focus settings name");
  stint_focus_set_workspace (self, settings.current_workspace_id);
  op->account->user_id = settings.user_id;
  account_projects (g_steal_pointer (&task));
}

static void
stint_focus_backend_fetch_account_async (StintBackend        *backend,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  StintFocusOp *op;

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_fetch_account_async);
  op = g_task_get_task_data (task);
  op->page = 1;
  op->account = stint_backend_account_new ();

  /* The settings are only worth a request while the workspace is unknown:
   * they hold nothing else Stint uses. */
  if (self->workspace_id <= 0)
    stint_focus_op_send (g_steal_pointer (&task), "GET", "/users/me/settings", NULL, account_settings_cb);
  else
    account_projects (g_steal_pointer (&task));
}

static StintBackendAccount *
stint_focus_backend_fetch_account_finish (StintBackend  *backend,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_focus_backend_fetch_account_async, error);
}

/* --- create_project, create_tag, create_customer ------------------------- */

/* The interface names a workspace; this backend has one. */
static gboolean
check_same_workspace (GTask  *task,
                      gint64  workspace_id)
{
  StintFocusBackend *self = g_task_get_source_object (task);

  if (!stint_focus_check_workspace (task))
    return FALSE;
  if (workspace_id == self->workspace_id)
    return TRUE;

  g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_INVALID, "%s",
                           _("This belongs to another Toggl Focus workspace than the one Stint uses."));
  return FALSE;
}

static GObject *
parse_project (StintBackend  *backend,
               JsonNode      *node,
               GError       **error)
{
  StintProject *project = stint_focus_codec_parse_project (node, error);

  if (project != NULL)
    stint_project_set_workspace_id (project, STINT_FOCUS_BACKEND (backend)->workspace_id);
  return (GObject *)project;
}

static void
stint_focus_backend_create_project_async (StintBackend        *backend,
                                          gint64               workspace_id,
                                          const char          *name,
                                          const char          *color,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_create_project_async);
  if (!check_same_workspace (task, workspace_id))
    return;

  body = stint_focus_codec_build_project (name, color);
  path = stint_focus_path (self, "/projects");
  stint_focus_op_send_parsed (g_steal_pointer (&task), "POST", path, body, parse_project);
}

static StintProject *
stint_focus_backend_create_project_finish (StintBackend  *backend,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_focus_backend_create_project_async, error);
}

static GObject *
parse_tag (StintBackend  *backend,
           JsonNode      *node,
           GError       **error)
{
  StintTag *tag = parse_created_tag (node, error);

  if (tag != NULL)
    learn_tag (STINT_FOCUS_BACKEND (backend), tag);
  return (GObject *)tag;
}

static void
stint_focus_backend_create_tag_async (StintBackend        *backend,
                                      gint64               workspace_id,
                                      const char          *name,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_create_tag_async);
  if (!check_same_workspace (task, workspace_id))
    return;

  body = stint_focus_codec_build_tag (name);
  path = g_strdup_printf ("/workspaces/%" G_GINT64_FORMAT "/tags", self->workspace_id);
  stint_focus_op_send_parsed (g_steal_pointer (&task), "POST", path, body, parse_tag);
}

static StintTag *
stint_focus_backend_create_tag_finish (StintBackend  *backend,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_focus_backend_create_tag_async, error);
}

static GObject *
parse_customer (StintBackend  *backend,
                JsonNode      *node,
                GError       **error)
{
  StintCustomer *customer = stint_focus_codec_parse_client (node, error);

  if (customer != NULL)
    stint_customer_set_workspace_id (customer, STINT_FOCUS_BACKEND (backend)->workspace_id);
  return (GObject *)customer;
}

static void
stint_focus_backend_create_customer_async (StintBackend        *backend,
                                           gint64               workspace_id,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_create_customer_async);
  if (!check_same_workspace (task, workspace_id))
    return;

  body = stint_focus_codec_build_client (name);
  path = g_strdup_printf ("/workspaces/%" G_GINT64_FORMAT "/clients", self->workspace_id);
  stint_focus_op_send_parsed (g_steal_pointer (&task), "POST", path, body, parse_customer);
}

static StintCustomer *
stint_focus_backend_create_customer_finish (StintBackend  *backend,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_focus_backend_create_customer_async, error);
}

void
stint_focus_backend_account_iface_init (StintBackendInterface *iface)
{
  iface->fetch_account_async = stint_focus_backend_fetch_account_async;
  iface->fetch_account_finish = stint_focus_backend_fetch_account_finish;
  iface->create_project_async = stint_focus_backend_create_project_async;
  iface->create_project_finish = stint_focus_backend_create_project_finish;
  iface->create_tag_async = stint_focus_backend_create_tag_async;
  iface->create_tag_finish = stint_focus_backend_create_tag_finish;
  iface->create_customer_async = stint_focus_backend_create_customer_async;
  iface->create_customer_finish = stint_focus_backend_create_customer_finish;
}
