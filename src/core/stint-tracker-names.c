/* stint-tracker-names.c: the projects and tags Stint knows, found by id
 * or by name, new ones, and the recent activities Continue offers
 *
 * Names match without regard to case, so "@stint" finds "Stint" and "#Code"
 * is the tag "code" already in use; the quick syntax (stint-tracker-quick.c)
 * resolves what the user typed through here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-tracker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-tracker-private.h"

gboolean
stint_tracker_same_name (const char *a,
                         const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  return g_strcmp0 (fa, fb) == 0;
}

StintProject *
stint_tracker_lookup_project (StintTracker *self,
                              gint64        project_id)
{
  guint n;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);

  if (project_id == 0)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->projects));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StintProject) project = g_list_model_get_item (G_LIST_MODEL (self->projects), i);

      if (stint_project_get_id (project) == project_id)
        return project;
    }

  return NULL;
}

/**
 * stint_tracker_get_distinct_recent:
 *
 * The newest entries of the recent list that differ in activity (description,
 * project, tags, billable), leaving out what is running now: what Continue
 * offers.
 *
 * Returns: (transfer container): up to @max entries
 */
GPtrArray *
stint_tracker_get_distinct_recent (StintTracker *self,
                                   guint         max)
{
  GPtrArray *distinct;
  guint n;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);

  distinct = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->recent));

  for (guint i = 0; i < n && distinct->len < max; i++)
    {
      g_autoptr(StintEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->recent), i);
      gboolean seen = self->running != NULL && stint_entry_same_activity (entry, self->running);

      for (guint j = 0; !seen && j < distinct->len; j++)
        seen = stint_entry_same_activity (entry, g_ptr_array_index (distinct, j));

      if (!seen)
        g_ptr_array_add (distinct, g_steal_pointer (&entry));
    }

  return distinct;
}

/* New projects take the next of Toggl's own palette colours, so they look
 * the same in Stint and in Toggl's apps. */
static const char * const project_palette[] = {
  "#0b83d9", "#9e5bd9", "#d94182", "#e36a00", "#bf7000", "#2da608",
  "#06a893", "#c9806b", "#465bb3", "#990099", "#c7af14", "#566614",
  "#d92b2b", "#525266",
};

/**
 * stint_tracker_create_project:
 * @color: (nullable): "#rrggbb", or %NULL for the next colour of the palette
 *
 * Returns: (transfer full): the new project
 */
StintProject *
stint_tracker_create_project (StintTracker  *self,
                              const char    *name,
                              const char    *color,
                              GError       **error)
{
  g_autoptr(StintProject) project = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                           _("A project needs a name."));
      return NULL;
    }

  if (color == NULL)
    color = project_palette[g_list_model_get_n_items (G_LIST_MODEL (self->projects)) %
                            G_N_ELEMENTS (project_palette)];

  project = stint_project_new (0, trimmed, color);
  if (!stint_store_insert_project (self->store, project, error))
    return NULL;

  g_list_store_append (self->projects, project);

  return g_steal_pointer (&project);
}

gboolean
stint_tracker_load_tags (StintTracker  *self,
                         GError       **error)
{
  g_autoptr(GPtrArray) tags = stint_store_load_tags (self->store, error);

  if (tags == NULL)
    return FALSE;

  g_list_store_splice (self->tags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tags)),
                       tags->pdata, tags->len);
  return TRUE;
}

/* The workspace's tags (StintTag), as the store knows them. */
GListModel *
stint_tracker_get_tags (StintTracker *self)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);
  return G_LIST_MODEL (self->tags);
}

/**
 * stint_tracker_find_project:
 *
 * The project called @name: spelled exactly so, or else the same but for
 * case.
 *
 * Returns: (transfer none) (nullable): the project
 */
StintProject *
stint_tracker_find_project (StintTracker *self,
                            const char   *name)
{
  GListModel *projects;
  StintProject *found = NULL;
  guint n;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);

  if (name == NULL || *name == '\0')
    return NULL;

  projects = G_LIST_MODEL (self->projects);
  n = g_list_model_get_n_items (projects);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StintProject) project = g_list_model_get_item (projects, i);
      const char *candidate = stint_project_get_name (project);

      if (g_strcmp0 (candidate, name) == 0)
        return project;
      if (found == NULL && stint_tracker_same_name (candidate, name))
        found = project;
    }

  return found;
}

static const char *
tag_in (const char * const *tags,
        const char         *name)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (stint_tracker_same_name (tags[i], name))
      return tags[i];
  return NULL;
}

/* The spelling Stint already uses for tag @name, or NULL: the tags the
 * store lists, and those on the entries shown (a tag typed in the editor
 * or pulled with an entry counts as known). */
const char *
stint_tracker_known_tag (StintTracker *self,
                         const char   *name)
{
  GListModel *tags = G_LIST_MODEL (self->tags);
  GListModel *recent = G_LIST_MODEL (self->recent);
  guint n = g_list_model_get_n_items (tags);
  const char *found;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StintTag) tag = g_list_model_get_item (tags, i);

      if (stint_tracker_same_name (stint_tag_get_name (tag), name))
        return stint_tag_get_name (tag);
    }

  if (self->running != NULL &&
      (found = tag_in (stint_entry_get_tags (self->running), name)) != NULL)
    return found;

  n = g_list_model_get_n_items (recent);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StintEntry) entry = g_list_model_get_item (recent, i);

      if ((found = tag_in (stint_entry_get_tags (entry), name)) != NULL)
        return found;
    }

  return NULL;
}

gboolean
stint_tracker_knows_tag (StintTracker *self,
                         const char   *name)
{
  g_return_val_if_fail (STINT_IS_TRACKER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return stint_tracker_known_tag (self, name) != NULL;
}

/**
 * stint_tracker_create_tag:
 *
 * Adds tag @name to the workspace's tags; one that exists already (in any
 * case) is returned as it is.
 *
 * Returns: (transfer full): the tag
 */
StintTag *
stint_tracker_create_tag (StintTracker  *self,
                          const char    *name,
                          GError       **error)
{
  g_autoptr(StintTag) tag = NULL;
  g_autofree char *trimmed = NULL;
  GListModel *tags;
  guint n;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, STINT_TRACKER_ERROR, STINT_TRACKER_ERROR_INVALID,
                           _("A tag needs a name."));
      return NULL;
    }

  tags = G_LIST_MODEL (self->tags);
  n = g_list_model_get_n_items (tags);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StintTag) existing = g_list_model_get_item (tags, i);

      if (stint_tracker_same_name (stint_tag_get_name (existing), trimmed))
        return g_steal_pointer (&existing);
    }

  tag = stint_tag_new (0, trimmed);
  if (!stint_store_insert_tag (self->store, tag, error))
    return NULL;

  g_list_store_append (self->tags, tag);

  return g_steal_pointer (&tag);
}
