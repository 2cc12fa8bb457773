/* stint-sync-pull.c: bringing the server's changes home
 *
 * A pull is one request, the entries changed since the last pull, except
 * the first of a run, which also reads the account (workspaces, clients,
 * projects and tags) and, on the very first sync, the running entry (the
 * backend decides how far back a first sync looks). Each request asks the
 * budget first: a background refresh yields when the quota runs low. What
 * comes back lands in the store in one transaction, with the server time to
 * ask "since" next time: never over a change of the user's that still waits
 * to be sent, and never over a newer version (`at`) than it brings. An entry
 * a create of ours made, though its answer was lost, is adopted by the local
 * entry (stint-sync-lookup.c) instead of coming in twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-sync"

#include "config.h"

#include "stint-sync-private.h"

/* A pull under way. A weak reference, as for a send: a sync dropped
 * meanwhile is disposed, not kept alive. */
typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;   /* the run it belongs to */
  StintEntry   *current;       /* the running entry, as the server said */
  gint64        since;         /* what the changes were asked since */
} Pull;

static void
pull_free (Pull *pull)
{
  g_weak_ref_clear (&pull->self);
  g_clear_object (&pull->cancellable);
  g_clear_object (&pull->current);
  g_free (pull);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pull, pull_free)

/* The sync, unless it was disposed or stop() moved on: then the answer
 * belongs to a run that is over. */
static StintSync *
pull_get_sync (Pull *pull)
{
  StintSync *self = g_weak_ref_get (&pull->self);

  if (self != NULL && pull->cancellable != self->cancellable)
    g_clear_object (&self);

  return self;
}

static void
pull_failed (StintSync    *self,
             const GError *error)
{
  StintSyncFailure failure = stint_sync_classify (error);

  self->pulling = FALSE;
  stint_sync_schedule_poll (self);

  switch (failure)
    {
    case STINT_SYNC_FAILURE_SIGNED_OUT:
      stint_sync_signed_out (self, error);
      return;

    case STINT_SYNC_FAILURE_REFUSED:
      /* Asking again will not help; the outbox still may. */
      g_debug ("Pull refused: %s", error->message);
      self->pull_wanted = FALSE;
      stint_sync_resume (self);
      return;

    case STINT_SYNC_FAILURE_CANCELLED:
    case STINT_SYNC_FAILURE_OFFLINE:
    case STINT_SYNC_FAILURE_TRANSIENT:
    case STINT_SYNC_FAILURE_QUOTA:
    default:
      stint_sync_wait (self, failure, error);
      return;
    }
}

/* What the workspaces allow, and the clients: before the projects, which
 * name their client by its local id. */
static void
apply_workspaces_and_customers (StintSync           *self,
                                StintBackendAccount *account)
{
  g_autoptr(GArray) workspaces = g_array_new (FALSE, FALSE, sizeof (StintStoreWorkspace));
  g_autoptr(GError) error = NULL;
  gint64 current = self->workspace_id != 0 ? self->workspace_id : account->default_workspace_id;

  /* No list at all (a backend that does not read them) is not an empty
   * one: what is stored stays. */
  for (guint i = 0; account->workspaces != NULL && i < account->workspaces->len; i++)
    {
      StintBackendWorkspace *from = g_ptr_array_index (account->workspaces, i);
      StintStoreWorkspace workspace = { from->id, from->name, !from->no_billable };

      g_array_append_val (workspaces, workspace);
    }

  if (account->workspaces != NULL &&
      !stint_store_replace_workspaces (self->store,
                                       (StintStoreWorkspace *)(gpointer)workspaces->data,
                                       workspaces->len, MAX (current, 0), &error))
    g_debug ("Storing workspaces: %s", error->message);
  g_clear_error (&error);

  if (account->customers != NULL &&
      !stint_store_replace_customers (self->store, account->customers, &error))
    g_debug ("Storing clients: %s", error->message);
}

static void
apply_account (StintSync           *self,
               StintBackendAccount *account)
{
  g_autoptr(GError) error = NULL;

  if (!stint_store_begin (self->store, &error))
    {
      g_debug ("Storing projects: %s", error->message);
      return;
    }

  apply_workspaces_and_customers (self, account);

  /* One project or tag the store cannot take (a name clash) does not keep
   * the others out. */
  for (guint i = 0; i < account->projects->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!stint_store_apply_pulled_project (self->store, g_ptr_array_index (account->projects, i),
                                             &local_error))
        g_debug ("Skipping a pulled project: %s", local_error->message);
    }

  for (guint i = 0; i < account->tags->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!stint_store_apply_pulled_tag (self->store, g_ptr_array_index (account->tags, i),
                                         &local_error))
        g_debug ("Skipping a pulled tag: %s", local_error->message);
    }

  if (!stint_store_commit (self->store, &error))
    {
      g_debug ("Storing projects: %s", error->message);
      stint_store_rollback (self->store);
      return;
    }

  stint_sync_emit_projects_changed (self);
}

/* Finished entries before running ones: the server stopped the old one when
 * the new one started, and the store holds one running entry at a time. */
static int
compare_running_last (gconstpointer a,
                      gconstpointer b)
{
  StintEntry *ea = *(StintEntry * const *)a;
  StintEntry *eb = *(StintEntry * const *)b;

  return (int)stint_entry_is_running (ea) - (int)stint_entry_is_running (eb);
}

static GPtrArray *
entries_to_apply (StintBackendChanges *changes,
                  StintEntry          *current)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean current_listed = FALSE;

  for (guint i = 0; i < changes->entries->len; i++)
    {
      StintEntry *entry = g_ptr_array_index (changes->entries, i);

      if (stint_entry_get_server_id (entry) <= 0)
        continue;

      /* The running entry as its own request said, if newer. */
      if (current != NULL &&
          stint_entry_get_server_id (entry) == stint_entry_get_server_id (current))
        {
          current_listed = TRUE;
          if (stint_entry_get_at (current) > stint_entry_get_at (entry))
            entry = current;
        }

      g_ptr_array_add (entries, g_object_ref (entry));
    }

  if (current != NULL && !current_listed && stint_entry_get_server_id (current) > 0)
    g_ptr_array_add (entries, g_object_ref (current));

  g_ptr_array_sort (entries, compare_running_last);

  return entries;
}

static gboolean
apply_changes (StintSync            *self,
               gint64                since,
               StintBackendChanges  *changes,
               StintEntry           *current,
               GArray               *touched,
               GError              **error)
{
  g_autoptr(GPtrArray) entries = entries_to_apply (changes, current);
  g_autoptr(GPtrArray) sent = stint_sync_load_sent_creates (self);
  g_autofree char *key = stint_sync_meta_key (self, "since");
  g_autofree char *next_since = g_strdup_printf ("%" G_GINT64_FORMAT, changes->server_time);

  /* Creates of ours whose answer was lost: the entry is ours, not new. Not
   * among changes that reach back far enough, it never arrived, and the
   * outbox need not look for it again. */
  for (guint i = 0; i < sent->len; i++)
    {
      StintSentCreate *one = g_ptr_array_index (sent, i);
      StintEntry *found = stint_sync_find_sent (self, one, entries);

      if (found == NULL)
        {
          if (since > 0 && since <= one->sent_at - STINT_SYNC_LOOKUP_MARGIN &&
              !stint_sync_forget_sent_create (self, one->entry_id, error))
            return FALSE;
          continue;
        }
      if (!stint_sync_adopt (self, one, found, error))
        return FALSE;
      g_array_append_val (touched, one->entry_id);
    }

  for (guint i = 0; i < changes->deleted_ids->len; i++)
    {
      gint64 server_id = g_array_index (changes->deleted_ids, gint64, i);
      gint64 local_id = 0;

      if (server_id <= 0)
        continue;
      if (!stint_store_apply_pulled_deletion (self->store, server_id, &local_id, error))
        return FALSE;
      if (local_id != 0)
        g_array_append_val (touched, local_id);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 local_id = 0;

      if (!stint_store_apply_pulled_entry (self->store, g_ptr_array_index (entries, i), &local_id,
                                           &local_error))
        {
          /* A running entry while the user's own running one waits to be
           * sent: the user's wins, the next pull tells again. */
          if (!g_error_matches (local_error, STINT_STORE_ERROR, STINT_STORE_ERROR_CONSTRAINT))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_debug ("Skipping a pulled entry: %s", local_error->message);
          continue;
        }
      if (local_id != 0)
        g_array_append_val (touched, local_id);
    }

  return changes->server_time <= 0 ||
         stint_store_set_meta (self->store, key, next_since, error);
}

static void
changes_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Pull) pull = user_data;
  g_autoptr(StintSync) self = NULL;
  g_autoptr(StintBackendChanges) changes = NULL;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  changes = stint_backend_fetch_changes_finish (STINT_BACKEND (object), result, &error);
  self = pull_get_sync (pull);
  if (self == NULL)
    return;
  if (changes == NULL)
    {
      pull_failed (self, error);
      return;
    }

  self->pulling = FALSE;
  self->pull_wanted = FALSE;
  self->pull_priority = STINT_BUDGET_BACKGROUND;
  stint_sync_succeeded (self);
  stint_sync_pulled (self, FALSE);

  /* On failure the store stays as it was, and the next pull asks for the
   * same changes again. */
  if (!stint_store_begin (self->store, &error))
    {
      g_debug ("Storing pulled changes: %s", error->message);
    }
  else if (!apply_changes (self, pull->since, changes, pull->current, touched, &error) ||
           !stint_store_commit (self->store, &error))
    {
      g_debug ("Storing pulled changes: %s", error->message);
      stint_store_rollback (self->store);
      g_array_set_size (touched, 0);
    }
  else
    {
      g_debug ("Pulled %u entries, %u deletions; %u rows changed",
               changes->entries->len, changes->deleted_ids->len, touched->len);
      if (touched->len > 0)
        stint_sync_pulled (self, TRUE);
    }

  stint_sync_emit_entries_changed (self, (const gint64 *)(gpointer)touched->data, touched->len);
  stint_sync_resume (self);
}

/* Whether the pull may go on with a request of @kind; when the budget says
 * no to a background refresh, the pull ends here and the slow refresh
 * comes back when the budget allows. */
static gboolean
may_go_on (StintSync  *self,
           const char *kind)
{
  gint64 until;

  if (self->pull_priority == STINT_BUDGET_USER)
    {
      if (stint_sync_may_request (self, kind, STINT_BUDGET_USER))
        return TRUE;
      self->pulling = FALSE;
      return FALSE;
    }

  until = stint_budget_check (self->budget, stint_sync_bucket_for (self, kind), STINT_BUDGET_BACKGROUND);
  if (until == 0)
    return TRUE;

  g_debug ("The budget skips a background %s request", kind);
  self->pulling = FALSE;
  self->pull_wanted = FALSE;
  self->poll_not_before = until;
  stint_sync_schedule_poll (self);
  return FALSE;
}

static void
fetch_changes (StintSync *self,
               Pull      *pull)
{
  g_autofree char *key = stint_sync_meta_key (self, "since");
  g_autofree char *value = stint_store_get_meta (self->store, key);
  gint64 since = value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;

  if (!may_go_on (self, STINT_SYNC_REQUEST_CHANGES))
    {
      pull_free (pull);
      stint_sync_resume (self);
      return;
    }

  g_debug ("Fetching changes since %" G_GINT64_FORMAT "%s",
           since, since == 0 ? " (bootstrap)" : "");
  pull->since = MAX (since, 0);

  stint_sync_begin_request (self, STINT_SYNC_REQUEST_CHANGES, self->pull_priority);
  stint_backend_fetch_changes_async (self->backend, MAX (since, 0), self->cancellable,
                                     changes_cb, pull);
}

static void
current_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Pull) pull = user_data;
  g_autoptr(StintSync) self = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = stint_backend_fetch_current_finish (STINT_BACKEND (object), result, &pull->current, &error);
  self = pull_get_sync (pull);
  if (self == NULL)
    return;
  if (!ok)
    {
      pull_failed (self, error);
      return;
    }

  fetch_changes (self, g_steal_pointer (&pull));
}

/* What changed since tells of the running entry too, once there is a
 * "since": the running entry is read on its own only on a first sync. */
static void
fetch_current_or_changes (StintSync *self,
                          Pull      *pull)
{
  g_autofree char *key = stint_sync_meta_key (self, "since");
  g_autofree char *since = stint_store_get_meta (self->store, key);

  if (since != NULL)
    {
      fetch_changes (self, pull);
      return;
    }

  if (!may_go_on (self, STINT_SYNC_REQUEST_CURRENT))
    {
      pull_free (pull);
      stint_sync_resume (self);
      return;
    }

  stint_sync_begin_request (self, STINT_SYNC_REQUEST_CURRENT, self->pull_priority);
  stint_backend_fetch_current_async (self->backend, self->cancellable, current_cb, pull);
}

static void
account_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Pull) pull = user_data;
  g_autoptr(StintSync) self = NULL;
  g_autoptr(StintBackendAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = stint_backend_fetch_account_finish (STINT_BACKEND (object), result, &error);
  self = pull_get_sync (pull);
  if (self == NULL)
    return;
  if (account == NULL)
    {
      pull_failed (self, error);
      return;
    }

  stint_sync_succeeded (self);
  self->account_fetched = TRUE;
  apply_account (self, account);

  fetch_current_or_changes (self, g_steal_pointer (&pull));
}

/**
 * stint_sync_pull:
 *
 * Starts a pull, if requests may go out, nothing else is under way, and the
 * budget allows one of the pull's priority.
 */
void
stint_sync_pull (StintSync *self)
{
  Pull *pull;

  if (self->pulling || self->sending || !stint_sync_can_talk (self))
    return;

  self->pulling = TRUE;

  pull = g_new0 (Pull, 1);
  g_weak_ref_init (&pull->self, self);
  pull->cancellable = g_object_ref (self->cancellable);

  if (self->account_fetched)
    {
      fetch_current_or_changes (self, pull);
      return;
    }

  if (!may_go_on (self, STINT_SYNC_REQUEST_ACCOUNT))
    {
      pull_free (pull);
      return;
    }

  g_debug ("Fetching the account");
  stint_sync_begin_request (self, STINT_SYNC_REQUEST_ACCOUNT, self->pull_priority);
  stint_backend_fetch_account_async (self->backend, self->cancellable, account_cb, pull);
}
