/* stint-track-backend-entries.c: StintTrackBackend's time entries
 *
 * Reading what changed and what runs, and creating, updating, stopping and
 * deleting entries, each over the request plumbing of stint-track-backend.c.
 * Where Toggl's answer to a repeated or late request is an error although
 * what the user wanted is true (409 on stop, 404 on delete), it is success.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-track-backend-entries"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-json.h"
#include "stint-track-backend-private.h"
#include "stint-track-codec.h"

/* A first sync only needs what the window shows (recent days), and Toggl
 * refuses `since` older than about three months, so it cannot ask for
 * "everything since 0": it reads the last two weeks by start date instead. */
#define BOOTSTRAP_DAYS 14
/* `since` further back than this is refused by Toggl (or about to be); such a
 * sync starts over like a first one. */
#define SINCE_LIMIT_DAYS 80

/* StintApiMeta does not carry the reply's Date header, and a server clock
 * read through it would still need a margin, so the next `since` is our
 * clock when the request left, minus a margin for clock skew and for changes
 * the server was committing at that moment. An entry changed inside the
 * margin comes twice, which is harmless; one changed before the server's
 * clock reached our `since` would be lost, which is not. */
#define SINCE_MARGIN_SECONDS (10 * 60)

/* Toggl stops an entry at its own "now". When Stint asked for a stop further
 * from that than this (the user stopped while offline), the stop time is set
 * right with a second request. Closer than this is clock skew. */
#define STOP_TOLERANCE_SECONDS 60

/* Returns the entry in @node on @task, or the codec's error. */
static void
return_entry (GTask    *task,
              JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry = stint_track_codec_parse_entry (node, NULL, &error);

  if (entry == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, entry, g_object_unref);
}

/* --- fetch_changes ------------------------------------------------------- */

static void
fetch_changes_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StintBackendChanges) changes = g_new0 (StintBackendChanges, 1);
  StintTrackOp *op = g_task_get_task_data (task);

  node = stint_track_op_finish (task, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (node == NULL)
    {
      /* `null` for "nothing": as good as []. */
      changes->entries = g_ptr_array_new_with_free_func (g_object_unref);
      changes->deleted_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  else if (!stint_track_codec_parse_entries (node, &changes->entries, &changes->deleted_ids, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  changes->server_time = op->server_time;
  g_debug ("%u changed and %u deleted entries", changes->entries->len, changes->deleted_ids->len);
  g_task_return_pointer (task, g_steal_pointer (&changes), (GDestroyNotify)stint_backend_changes_free);
}

static void
stint_track_backend_fetch_changes_async (StintBackend        *backend,
                                         gint64               since,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  gint64 now = stint_clock_now (self->clock);
  StintTrackOp *op;

  task = stint_track_op_new (self, cancellable, callback, user_data, stint_track_backend_fetch_changes_async);
  op = g_task_get_task_data (task);
  /* Never 0: that would mean "first sync" next time. */
  op->server_time = MAX (now - SINCE_MARGIN_SECONDS, 1);

  if (since > 0 && since >= now - SINCE_LIMIT_DAYS * 24 * 3600)
    path = g_strdup_printf ("/me/time_entries?since=%" G_GINT64_FORMAT, since);
  else
    {
      /* By start time; a day ahead for entries a skewed clock put there.
       * Deletions are not reported this way, nor needed on a first sync. */
      g_autofree char *start = stint_json_format_time (now - BOOTSTRAP_DAYS * 24 * 3600);
      g_autofree char *end = stint_json_format_time (now + 24 * 3600);

      if (since > 0)
        g_debug ("Last sync too long ago for `since`; reading the last %d days", BOOTSTRAP_DAYS);
      path = g_strdup_printf ("/me/time_entries?start_date=%s&end_date=%s", start, end);
    }

  stint_track_op_send (g_steal_pointer (&task), "GET", path, NULL, fetch_changes_cb);
}

static StintBackendChanges *
stint_track_backend_fetch_changes_finish (StintBackend  *backend,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_track_backend_fetch_changes_async, error);
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

  node = stint_track_op_finish (task, result, &error);

  /* Idle is `200 null` on the live API, 404 in the spec, 204 in Focus's
   * habits: all three mean nothing runs. */
  if (g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND) ||
      (error == NULL && node == NULL))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  return_entry (task, node);
}

static void
stint_track_backend_fetch_current_async (StintBackend        *backend,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (backend);
  g_autoptr(GTask) task = NULL;

  task = stint_track_op_new (self, cancellable, callback, user_data, stint_track_backend_fetch_current_async);
  stint_track_op_send (g_steal_pointer (&task), "GET", "/me/time_entries/current", NULL, fetch_current_cb);
}

static gboolean
stint_track_backend_fetch_current_finish (StintBackend  *backend,
                                          GAsyncResult  *result,
                                          StintEntry   **current,
                                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  StintEntry *entry;

  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == stint_track_backend_fetch_current_async,
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

static char *
entry_path (gint64      workspace_id,
            gint64      server_id,
            const char *suffix)
{
  return g_strdup_printf ("/workspaces/%" G_GINT64_FORMAT "/time_entries/%" G_GINT64_FORMAT "%s",
                          workspace_id, server_id, suffix);
}

/* The checks the interface cannot make with g_return_if_fail, because the
 * caller's callback must still run. */
static gboolean
check_on_server (GTask      *task,
                 StintEntry *entry,
                 gboolean    needs_server_id)
{
  if (stint_entry_get_workspace_id (entry) <= 0)
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_INVALID, "%s",
                               _("Stint does not know which Toggl workspace this entry belongs to."));
      return FALSE;
    }
  if (needs_server_id && stint_entry_get_server_id (entry) <= 0)
    {
      g_task_return_new_error (task, STINT_API_ERROR, STINT_API_ERROR_INVALID, "%s",
                               _("This time entry is not on Toggl yet."));
      return FALSE;
    }
  return TRUE;
}

/* --- create_entry -------------------------------------------------------- */

static void
entry_reply_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = stint_track_op_finish (task, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  return_entry (task, node);
}

static void
stint_track_backend_create_entry_async (StintBackend        *backend,
                                        StintEntry          *entry,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  task = stint_track_op_new (self, cancellable, callback, user_data, stint_track_backend_create_entry_async);
  if (!check_on_server (task, entry, FALSE))
    return;

  body = stint_track_codec_build_create (entry);
  path = g_strdup_printf ("/workspaces/%" G_GINT64_FORMAT "/time_entries",
                          stint_entry_get_workspace_id (entry));
  stint_track_op_send (g_steal_pointer (&task), "POST", path, body, entry_reply_cb);
}

static StintEntry *
stint_track_backend_create_entry_finish (StintBackend  *backend,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_track_backend_create_entry_async, error);
}

/* --- update_entry -------------------------------------------------------- */

static void
stint_track_backend_update_entry_async (StintBackend        *backend,
                                        StintEntry          *entry,
                                        StintEntry          *before,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  StintEntry *on_server = before != NULL ? before : entry;

  task = stint_track_op_new (self, cancellable, callback, user_data, stint_track_backend_update_entry_async);
  if (!check_on_server (task, entry, TRUE) || !check_on_server (task, on_server, FALSE))
    return;

  body = stint_track_codec_build_update (entry, before);

  /* Nothing Toggl stores changed: a request would spend quota to learn
   * nothing, and the server still has @before. */
  if (json_object_get_size (json_node_get_object (body)) == 0)
    {
      g_debug ("Update of entry %" G_GINT64_FORMAT " changes nothing on Toggl; not sent",
               stint_entry_get_server_id (entry));
      g_task_return_pointer (task, stint_entry_copy (before), g_object_unref);
      return;
    }

  /* The entry is still in its old workspace until this request moves it. */
  path = entry_path (stint_entry_get_workspace_id (on_server), stint_entry_get_server_id (entry), "");
  stint_track_op_send (g_steal_pointer (&task), "PUT", path, body, entry_reply_cb);
}

static StintEntry *
stint_track_backend_update_entry_finish (StintBackend  *backend,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_track_backend_update_entry_async, error);
}

/* --- stop_entry ---------------------------------------------------------- */

static void
stop_entry_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(StintEntry) wanted = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  StintTrackOp *op = g_task_get_task_data (task);
  gint64 asked;

  node = stint_track_op_finish (task, result, &error);

  /* Already stopped (on the web, another device, or by our own request whose
   * answer was lost): not a failure. What the server has is the truth. */
  if (g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_CONFLICT))
    {
      g_debug ("Entry %" G_GINT64_FORMAT " was already stopped; reading it back", op->server_id);
      path = g_strdup_printf ("/me/time_entries/%" G_GINT64_FORMAT, op->server_id);
      stint_track_op_send (g_steal_pointer (&task), "GET", path, NULL, entry_reply_cb);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stopped = stint_track_codec_parse_entry (node, NULL, &error);
  if (stopped == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  asked = stint_entry_get_stop (op->entry);
  if (asked == 0 || stint_entry_is_running (stopped) ||
      ABS (stint_entry_get_stop (stopped) - asked) <= STOP_TOLERANCE_SECONDS ||
      asked < stint_entry_get_start (stopped))
    {
      g_task_return_pointer (task, g_steal_pointer (&stopped), g_object_unref);
      return;
    }

  /* Stopped while offline: Toggl took its own "now"; put the user's back. */
  g_debug ("Entry %" G_GINT64_FORMAT " stopped %" G_GINT64_FORMAT " s away from the asked time; correcting",
           op->server_id, stint_entry_get_stop (stopped) - asked);
  wanted = stint_entry_copy (stopped);
  stint_entry_set_stop (wanted, asked);
  body = stint_track_codec_build_update (wanted, stopped);
  path = entry_path (stint_entry_get_workspace_id (stopped), op->server_id, "");
  stint_track_op_send (g_steal_pointer (&task), "PUT", path, body, entry_reply_cb);
}

static void
stint_track_backend_stop_entry_async (StintBackend        *backend,
                                      StintEntry          *entry,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  StintTrackOp *op;

  task = stint_track_op_new (self, cancellable, callback, user_data, stint_track_backend_stop_entry_async);
  if (!check_on_server (task, entry, TRUE))
    return;

  op = g_task_get_task_data (task);
  op->entry = stint_entry_copy (entry);
  op->server_id = stint_entry_get_server_id (entry);

  path = entry_path (stint_entry_get_workspace_id (entry), op->server_id, "/stop");
  stint_track_op_send (g_steal_pointer (&task), "PATCH", path, NULL, stop_entry_cb);
}

static StintEntry *
stint_track_backend_stop_entry_finish (StintBackend  *backend,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_track_backend_stop_entry_async, error);
}

/* --- delete_entry -------------------------------------------------------- */

static void
delete_entry_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = stint_track_op_finish (task, result, &error);

  /* Gone already (deleted elsewhere, or our earlier request's answer was
   * lost): what the user wanted is true. */
  if (g_error_matches (error, STINT_API_ERROR, STINT_API_ERROR_NOT_FOUND))
    g_clear_error (&error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
stint_track_backend_delete_entry_async (StintBackend        *backend,
                                        gint64               workspace_id,
                                        gint64               server_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  task = stint_track_op_new (self, cancellable, callback, user_data, stint_track_backend_delete_entry_async);
  path = entry_path (workspace_id, server_id, "");
  stint_track_op_send (g_steal_pointer (&task), "DELETE", path, NULL, delete_entry_cb);
}

static gboolean
stint_track_backend_delete_entry_finish (StintBackend  *backend,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == stint_track_backend_delete_entry_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- fetch_entry -------------------------------------------------------- */

static void
stint_track_backend_fetch_entry_async (StintBackend        *backend,
                                       gint64               server_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  StintTrackBackend *self = STINT_TRACK_BACKEND (backend);
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  /* Any of the user's entries, whatever its workspace; a deleted one is a
   * 404. */
  task = stint_track_op_new (self, cancellable, callback, user_data, stint_track_backend_fetch_entry_async);
  path = g_strdup_printf ("/me/time_entries/%" G_GINT64_FORMAT, server_id);
  stint_track_op_send (g_steal_pointer (&task), "GET", path, NULL, entry_reply_cb);
}

static StintEntry *
stint_track_backend_fetch_entry_finish (StintBackend  *backend,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return stint_backend_propagate_pointer (backend, result, stint_track_backend_fetch_entry_async, error);
}

void
stint_track_backend_entries_iface_init (StintBackendInterface *iface)
{
  iface->fetch_changes_async = stint_track_backend_fetch_changes_async;
  iface->fetch_changes_finish = stint_track_backend_fetch_changes_finish;
  iface->fetch_current_async = stint_track_backend_fetch_current_async;
  iface->fetch_current_finish = stint_track_backend_fetch_current_finish;
  iface->create_entry_async = stint_track_backend_create_entry_async;
  iface->create_entry_finish = stint_track_backend_create_entry_finish;
  iface->update_entry_async = stint_track_backend_update_entry_async;
  iface->update_entry_finish = stint_track_backend_update_entry_finish;
  iface->stop_entry_async = stint_track_backend_stop_entry_async;
  iface->stop_entry_finish = stint_track_backend_stop_entry_finish;
  iface->delete_entry_async = stint_track_backend_delete_entry_async;
  iface->delete_entry_finish = stint_track_backend_delete_entry_finish;
  iface->fetch_entry_async = stint_track_backend_fetch_entry_async;
  iface->fetch_entry_finish = stint_track_backend_fetch_entry_finish;
}
