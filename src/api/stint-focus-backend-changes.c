/* stint-focus-backend-changes.c: what runs and what changed on Toggl Focus
 *
 * Focus has no change feed: no `since`, no list of deletions (README §4).
 * A refresh is one `time-entries/stream` request over a window of days by
 * start time, the recent days Stint's window shows, and a reconciliation:
 *
 * - every tracked entry of the window comes back as changed (the sync layer
 *   keeps the user's pending changes over them);
 * - an entry that carries `deleted_at` is reported deleted;
 * - an entry this backend saw in the window before (in an earlier refresh,
 *   or made, changed or read through it) that is now missing from it, is
 *   reported deleted. It was deleted, or moved out of the window: either way
 *   it left what Stint shows. Only ids whose start lay inside the window are
 *   judged, never the running entry (the stream may leave it out), and never
 *   one learned after the request left (it may be newer than the answer).
 *
 * What this backend saw lives in memory: after a restart, an entry deleted
 * while Stint was not running is only noticed once the backend has seen it
 * in a window and then misses it. (Reporting the window itself would let the
 * sync layer judge against the store; the interface has no room for it.)
 *
 * A server without /stream (404, 405, 501, or an answer that is not a JSON
 * array) is read through the paged list instead, 100 a page, from then on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-focus-backend-changes"

#include "config.h"

#include "stint-focus-backend-private.h"
#include "stint-json.h"

#define DAY (24 * 3600)
/* The days the window shows by default (the `recent-days` setting), and
 * one more for time zones east of UTC. */
#define WINDOW_DAYS 15
/* Focus rejects larger pages (README §3.7). */
#define PER_PAGE 100
/* 5000 entries in two weeks is not a person's tracking; stop there. */
#define MAX_LIST_PAGES 50

void
stint_focus_remember (StintFocusBackend *self,
                      StintEntry        *entry)
{
  gint64 id = stint_entry_get_server_id (entry);
  StintFocusKnown *known;

  if (id <= 0)
    return;

  known = g_new (StintFocusKnown, 1);
  known->start = stint_entry_get_start (entry);
  known->task_id = stint_entry_get_task_id (entry);
  known->generation = ++self->generation;
  g_hash_table_replace (self->known, g_memdup2 (&id, sizeof id), known);
}

void
stint_focus_forget (StintFocusBackend *self,
                    gint64             server_id)
{
  g_hash_table_remove (self->known, &server_id);
  if (self->current_id == server_id)
    self->current_id = 0;
}

/* The task of an entry seen, 0 when none or not seen. */
gint64
stint_focus_known_task (StintFocusBackend *self,
                        gint64             server_id)
{
  StintFocusKnown *known = g_hash_table_lookup (self->known, &server_id);

  return known != NULL ? known->task_id : 0;
}

/* --- fetch_current ------------------------------------------------------- */

static void
fetch_current_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StintEntry) current = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL && node != NULL)
    current = stint_focus_parse_entry (self, node, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* 204 when idle. A 404 is not taken for idle, although one client does:
   * it is also how a wrong organization or workspace answers, which the
   * sign-in must hear. */
  if (current != NULL && !stint_entry_is_running (current))
    {
      g_debug ("The current entry %" G_GINT64_FORMAT " has a duration; nothing runs",
               stint_entry_get_server_id (current));
      g_clear_object (&current);
    }

  self->current_id = current != NULL ? stint_entry_get_server_id (current) : 0;
  stint_focus_return_entry (task, g_steal_pointer (&current), node);
}

static void
stint_focus_backend_fetch_current_async (StintBackend        *backend,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_fetch_current_async);
  if (!stint_focus_check_workspace (task))
    return;

  path = stint_focus_path (self, "/tracking/current");
  stint_focus_op_send (g_steal_pointer (&task), "GET", path, NULL, fetch_current_cb);
}

static gboolean
stint_focus_backend_fetch_current_finish (StintBackend  *backend,
                                          GAsyncResult  *result,
                                          StintEntry   **current,
                                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  StintEntry *entry;

  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == stint_focus_backend_fetch_current_async,
                        FALSE);

  entry = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *current = entry;
  return TRUE;
}

/* --- fetch_changes ------------------------------------------------------- */

/* Answers the window read; @complete says whether every page of it came,
 * without which nothing missing may be called deleted. */
static void
reconcile (GTask    *task,
           gboolean  complete)
{
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  g_autoptr(StintBackendChanges) changes = g_new0 (StintBackendChanges, 1);
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n_missing = 0;

  changes->entries = g_steal_pointer (&op->window->entries);
  changes->deleted_ids = g_steal_pointer (&op->window->deleted_ids);
  changes->server_time = MAX (stint_clock_now (self->clock), 1);

  for (guint i = 0; i < changes->entries->len; i++)
    {
      StintEntry *entry = g_ptr_array_index (changes->entries, i);

      stint_entry_set_workspace_id (entry, self->workspace_id);
      g_hash_table_add (present, g_memdup2 (&(gint64) { stint_entry_get_server_id (entry) }, sizeof (gint64)));
    }
  for (guint i = 0; i < changes->deleted_ids->len; i++)
    stint_focus_forget (self, g_array_index (changes->deleted_ids, gint64, i));

  g_hash_table_iter_init (&iter, self->known);
  while (complete && g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *)key;
      StintFocusKnown *known = value;

      if (known->generation > op->generation || known->start < op->from || known->start >= op->to ||
          id == self->current_id || g_hash_table_contains (present, &id))
        continue;

      g_array_append_val (changes->deleted_ids, id);
      g_hash_table_iter_remove (&iter);
      n_missing++;
    }

  for (guint i = 0; i < changes->entries->len; i++)
    stint_focus_remember (self, g_ptr_array_index (changes->entries, i));

  g_debug ("%u entries in the window, %u deleted (%u no longer in it)%s",
           changes->entries->len, changes->deleted_ids->len, n_missing,
           complete ? "" : "; the window was cut short, so none judged missing");
  g_task_return_pointer (task, g_steal_pointer (&changes), (GDestroyNotify)stint_backend_changes_free);
}

static char *
window_query (StintFocusOp *op)
{
  g_autofree char *from = stint_json_format_time (op->from);
  g_autofree char *to = stint_json_format_time (op->to);

  /* Without include_taskless Focus leaves out entries with no task
   * (README §3.7): most of what Stint makes. */
  return g_strdup_printf ("date_from=%s&date_to=%s&include_taskless=true", from, to);
}

static void list_page (GTask *task);

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StintFocusEntries) page = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  guint n_read;

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL)
    page = stint_focus_codec_parse_entries (node, self->tag_names, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_extend_and_steal (op->window->entries, g_steal_pointer (&page->entries));
  g_array_append_vals (op->window->deleted_ids, page->deleted_ids->data, page->deleted_ids->len);
  op->window->n_items += page->n_items;
  n_read = op->window->n_items;

  /* A short page is the last, and so is reaching a total where one is sent. */
  if (page->n_items < PER_PAGE || (page->total >= 0 && n_read >= page->total))
    {
      reconcile (g_steal_pointer (&task), TRUE);
      return;
    }
  if (op->page >= MAX_LIST_PAGES)
    {
      reconcile (g_steal_pointer (&task), FALSE);
      return;
    }

  op->page++;
  list_page (g_steal_pointer (&task));
}

static void
list_page (GTask *task)
{
  StintFocusOp *op = g_task_get_task_data (task);
  g_autofree char *query = window_query (op);
  g_autofree char *path = NULL;

  path = stint_focus_path (g_task_get_source_object (task),
                           "/time-entries?%s&page=%" G_GINT64_FORMAT "&per_page=%d",
                           query, op->page, PER_PAGE);
  stint_focus_op_send (task, "GET", path, NULL, list_page_cb);
}

/* The answers that say the server has no /stream, as opposed to a refusal
 * of this request (auth, quota, a bad date) that the list would meet too. */
static gboolean
stream_missing (StintFocusOp *op,
                const GError *error)
{
  if (g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY))
    return op->status >= 200 && op->status <= 299;
  /* No such path, no such method on it, or not built on this server */
  return op->status == 404 || op->status == 405 || op->status == 501;
}

static void
stream_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  StintFocusBackend *self = g_task_get_source_object (task);
  StintFocusOp *op = g_task_get_task_data (task);
  StintFocusEntries *window = NULL;

  node = stint_focus_op_finish (task, result, &error);
  if (error == NULL)
    {
      /* `[]` may come as an empty body. */
      if (node == NULL)
        {
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_take_array (node, json_array_new ());
        }
      window = stint_focus_codec_parse_entries (node, self->tag_names, &error);
    }

  if (error != NULL && stream_missing (op, error))
    {
      g_debug ("No usable time-entries/stream (status %u); paging the list from now on", op->status);
      self->stream_unusable = TRUE;
      list_page (g_steal_pointer (&task));
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stint_focus_entries_free (op->window);
  op->window = window;
  reconcile (g_steal_pointer (&task), TRUE);
}

/* @since does not narrow the read: Focus cannot say what changed since a
 * time, only what a window of days holds. */
static void
stint_focus_backend_fetch_changes_async (StintBackend        *backend,
                                         gint64               since,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  StintFocusBackend *self = STINT_FOCUS_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autofree char *query = NULL;
  g_autofree char *path = NULL;
  gint64 now = stint_clock_now (self->clock);
  StintFocusOp *op;

  task = stint_focus_op_new (self, cancellable, callback, user_data, stint_focus_backend_fetch_changes_async);
  if (!stint_focus_check_workspace (task))
    return;

  op = g_task_get_task_data (task);
  /* Whole UTC days, so that one refresh and the next judge the same span;
   * a day ahead for entries a skewed clock put there. */
  op->from = now - now % DAY - (WINDOW_DAYS - 1) * DAY;
  op->to = now + DAY;
  op->generation = self->generation;
  op->page = 1;
  op->window = g_new0 (StintFocusEntries, 1);
  op->window->entries = g_ptr_array_new_with_free_func (g_object_unref);
  op->window->deleted_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->stream_unusable)
    {
      list_page (g_steal_pointer (&task));
      return;
    }

  query = window_query (op);
  path = stint_focus_path (self, "/time-entries/stream?%s", query);
  stint_focus_op_send (g_steal_pointer (&task), "GET", path, NULL, stream_cb);
}

static StintBackendChanges *
stint_focus_backend_fetch_changes_finish (StintBackend  *backend,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_focus_backend_fetch_changes_async, error);
}

void
stint_focus_backend_changes_iface_init (StintBackendInterface *iface)
{
  iface->fetch_current_async = stint_focus_backend_fetch_current_async;
  iface->fetch_current_finish = stint_focus_backend_fetch_current_finish;
  iface->fetch_changes_async = stint_focus_backend_fetch_changes_async;
  iface->fetch_changes_finish = stint_focus_backend_fetch_changes_finish;
}
