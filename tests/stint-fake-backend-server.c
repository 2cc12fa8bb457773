/* stint-fake-backend-server.c: the fake backend's own entries, projects and tags
 *
 * What the server stores, as requests and other devices change it: a new
 * entry gets a server id (and stops the running one), a deletion is kept
 * for the next fetch of changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-fake-backend"

#include "config.h"

#include "stint-fake-backend-private.h"

/* Stores @entry under a new server id, as the server would take it. */
StintEntry *
fake_backend_insert_entry (StintFakeBackend *self,
                           StintEntry       *entry)
{
  StintEntry *stored = stint_entry_copy (entry);
  GHashTableIter iter;
  StintEntry *other;

  /* Toggl stops the running entry when another starts. */
  if (stint_entry_is_running (stored))
    {
      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&other))
        if (stint_entry_is_running (other))
          {
            stint_entry_set_stop (other, MAX (fake_backend_now (self),
                                              stint_entry_get_start (other)));
            stint_entry_set_at (other, fake_backend_now (self));
          }
    }

  stint_entry_set_id (stored, 0);
  stint_entry_set_server_id (stored, ++self->last_id);
  stint_entry_set_at (stored, fake_backend_now (self));
  stint_entry_set_sync_state (stored, STINT_SYNC_STATE_SYNCED, NULL);
  if (stint_entry_get_workspace_id (stored) == 0)
    stint_entry_set_workspace_id (stored, STINT_FAKE_WORKSPACE_ID);

  g_hash_table_insert (self->entries, g_memdup2 (&self->last_id, sizeof self->last_id), stored);

  return stored;
}

void
fake_backend_record_deletion (StintFakeBackend *self,
                              gint64            server_id)
{
  Deletion deletion = { server_id, fake_backend_now (self) };

  g_array_append_val (self->deletions, deletion);
}

/* An entry made on another device (server ids); returns its server id. */
gint64
stint_fake_backend_add_entry (StintFakeBackend *self,
                              StintEntry       *entry)
{
  return stint_entry_get_server_id (fake_backend_insert_entry (self, entry));
}

/* An edit made on another device. */
gboolean
stint_fake_backend_edit_entry (StintFakeBackend *self,
                               gint64            server_id,
                               const char       *description)
{
  StintEntry *stored = g_hash_table_lookup (self->entries, &server_id);

  if (stored == NULL)
    return FALSE;

  stint_entry_set_description (stored, description);
  stint_entry_set_at (stored, fake_backend_now (self));

  return TRUE;
}

/* A deletion made on another device. */
gboolean
stint_fake_backend_remove_entry (StintFakeBackend *self,
                                 gint64            server_id)
{
  if (!g_hash_table_remove (self->entries, &server_id))
    return FALSE;

  fake_backend_record_deletion (self, server_id);

  return TRUE;
}

/* Returns: (transfer none) (nullable): the server's entry */
StintEntry *
stint_fake_backend_lookup (StintFakeBackend *self,
                           gint64            server_id)
{
  return g_hash_table_lookup (self->entries, &server_id);
}

static int
compare_server_id (gconstpointer a,
                   gconstpointer b)
{
  gint64 ia = stint_entry_get_server_id (*(StintEntry * const *)a);
  gint64 ib = stint_entry_get_server_id (*(StintEntry * const *)b);

  return ia < ib ? -1 : ia > ib;
}

/* Returns: (transfer container): the server's entries, oldest id first */
GPtrArray *
stint_fake_backend_get_entries (StintFakeBackend *self)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  StintEntry *entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    g_ptr_array_add (entries, g_object_ref (entry));
  g_ptr_array_sort (entries, compare_server_id);

  return entries;
}

/* Returns: the new project's server id */
gint64
stint_fake_backend_add_project (StintFakeBackend *self,
                                const char       *name)
{
  StintProject *project = stint_project_new (0, name, "#3584e4");

  stint_project_set_server_id (project, ++self->last_id);
  stint_project_set_workspace_id (project, STINT_FAKE_WORKSPACE_ID);
  g_ptr_array_add (self->projects, project);

  return self->last_id;
}

/* Returns: the new tag's server id */
gint64
stint_fake_backend_add_tag (StintFakeBackend *self,
                            const char       *name)
{
  StintTag *tag = stint_tag_new (0, name);

  stint_tag_set_server_id (tag, ++self->last_id);
  stint_tag_set_workspace_id (tag, STINT_FAKE_WORKSPACE_ID);
  g_ptr_array_add (self->tags, tag);

  return self->last_id;
}
