/* stint-tracker-quick.c: the quick syntax, and the names it brings that
 * Stint does not know yet
 *
 * "Review PR @Stint #code $" reads the same in the window, in
 * `stint --start` and in the app.start action: all of them call
 * stint_tracker_start_quick(). Names match without regard to case, so
 * "@stint" finds "Stint". A name Stint does not know is never created on
 * the side: the entry starts without it and the caller gets the unknown
 * names back, to offer their creation (stint_tracker_adopt_names()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-tracker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "stint-tracker-private.h"
#include "util/stint-parse.h"

void
stint_unknown_names_free (StintUnknownNames *names)
{
  if (names == NULL)
    return;

  g_free (names->project);
  g_strfreev (names->tags);
  g_free (names);
}

/**
 * stint_unknown_names_describe:
 *
 * The names in a sentence: "“Acme” is not a project yet. “x” is not a tag
 * yet.", as the window's offer and the command line say it.
 *
 * Returns: (transfer full): the sentence
 */
char *
stint_unknown_names_describe (const StintUnknownNames *names)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_tags = names->tags != NULL ? g_strv_length (names->tags) : 0;

  if (names->project != NULL)
    /* Translators: %s is a project name the user typed after @ */
    g_string_append_printf (text, _("“%s” is not a project yet."), names->project);

  if (n_tags > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < n_tags; i++)
        {
          if (i > 0)
            g_string_append (list, ", ");
          /* Translators: a tag's name in quotes, in a list of new tags */
          g_string_append_printf (list, _("“%s”"), names->tags[i]);
        }
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: %s is one quoted tag name, or several separated by commas */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s is not a tag yet.",
                                                 "%s are not tags yet.", n_tags), list->str);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What @quick means here: the known project and tags (in the spelling Stint
 * uses), with @defaults filling in what the text leaves out, and the names
 * nobody knows. */
typedef struct
{
  gint64     project_id;
  GPtrArray *tags;        /* char *, NULL-terminated once resolved */
  gboolean   billable;
} Resolved;

/* Appends a copy of @name unless @tags has it in any case. */
static void
add_tag (GPtrArray  *tags,
         const char *name)
{
  for (guint i = 0; i < tags->len; i++)
    if (stint_tracker_same_name (g_ptr_array_index (tags, i), name))
      return;
  g_ptr_array_add (tags, g_strdup (name));
}

static void
resolve (StintTracker        *self,
         StintQuickEntry     *quick,
         gint64               default_project_id,
         const char * const  *default_tags,
         gboolean             default_billable,
         Resolved            *resolved,
         StintUnknownNames  **unknown)
{
  g_autoptr(GPtrArray) unknown_tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *unknown_project = NULL;

  resolved->project_id = default_project_id;
  resolved->billable = quick->billable || default_billable;
  resolved->tags = g_ptr_array_new_with_free_func (g_free);

  if (quick->project != NULL)
    {
      StintProject *project = stint_tracker_find_project (self, quick->project);

      if (project != NULL)
        resolved->project_id = stint_project_get_id (project);
      else
        unknown_project = g_strdup (quick->project);
    }

  for (guint i = 0; default_tags != NULL && default_tags[i] != NULL; i++)
    add_tag (resolved->tags, default_tags[i]);

  for (guint i = 0; quick->tags[i] != NULL; i++)
    {
      const char *known = stint_tracker_known_tag (self, quick->tags[i]);

      if (known != NULL)
        add_tag (resolved->tags, known);
      else
        g_ptr_array_add (unknown_tags, g_strdup (quick->tags[i]));
    }
  g_ptr_array_add (resolved->tags, NULL);

  if (unknown_project == NULL && unknown_tags->len == 0)
    {
      *unknown = NULL;
      return;
    }

  g_ptr_array_add (unknown_tags, NULL);
  *unknown = g_new0 (StintUnknownNames, 1);
  (*unknown)->project = g_steal_pointer (&unknown_project);
  (*unknown)->tags = (char **)g_ptr_array_free (g_steal_pointer (&unknown_tags), FALSE);
}

static void
resolved_clear (Resolved *resolved)
{
  g_clear_pointer (&resolved->tags, g_ptr_array_unref);
}

/**
 * stint_tracker_find_unknown:
 * @text: quick syntax, as for stint_tracker_start_quick()
 *
 * Returns: (transfer full) (nullable): the names in @text Stint does not
 *   know, or %NULL when it knows them all
 */
StintUnknownNames *
stint_tracker_find_unknown (StintTracker *self,
                            const char   *text)
{
  g_autoptr(StintQuickEntry) quick = NULL;
  Resolved resolved = { 0 };
  StintUnknownNames *unknown = NULL;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);

  quick = stint_parse_quick_entry (text);
  resolve (self, quick, 0, NULL, FALSE, &resolved, &unknown);
  resolved_clear (&resolved);

  return unknown;
}

static gboolean
project_usable (StintTracker *self,
                gint64        project_id)
{
  StintProject *project = stint_tracker_lookup_project (self, project_id);

  return project != NULL && stint_project_get_active (project);
}

/**
 * stint_tracker_start_quick:
 * @text: "description @project #tag #another $" (see stint_parse_quick_entry())
 * @defaults: (nullable): the project used when @text names none, tags added
 *   to those of @text, billable when @text has no `$`: what the window's
 *   project picker and an autocompleted entry chose. With no project from
 *   either, the default project (stint_tracker_set_default_project_id()),
 *   unless @flags has %STINT_START_PROJECT_CHOSEN: then "no project" was
 *   the user's choice too. A picked project since deleted or archived counts
 *   as none picked.
 * @start: when the entry began, or 0 for now
 * @unknown: (out) (optional) (nullable): the names Stint does not know,
 *   which the entry started without; %NULL when there were none
 *
 * Returns: (transfer full): the running entry, or %NULL with @error set
 */
StintEntry *
stint_tracker_start_quick (StintTracker        *self,
                           const char          *text,
                           StintEntry          *defaults,
                           gint64               start,
                           StintStartFlags      flags,
                           StintUnknownNames  **unknown,
                           GError             **error)
{
  g_autoptr(StintQuickEntry) quick = NULL;
  g_autoptr(StintUnknownNames) missing = NULL;
  g_autoptr(StintEntry) entry = NULL;
  Resolved resolved = { 0 };
  gint64 picked;

  g_return_val_if_fail (STINT_IS_TRACKER (self), NULL);
  g_return_val_if_fail (defaults == NULL || STINT_IS_ENTRY (defaults), NULL);

  if (unknown != NULL)
    *unknown = NULL;

  /* A project picked before a sync deleted or archived it is no choice any
   * more: the entry would be filed under nothing Toggl knows. */
  picked = defaults != NULL ? stint_entry_get_project_id (defaults) : 0;
  if (picked != 0 && !project_usable (self, picked))
    {
      g_debug ("Project %" G_GINT64_FORMAT " is gone; starting as if none was picked", picked);
      picked = 0;
      flags &= ~STINT_START_PROJECT_CHOSEN;
    }

  quick = stint_parse_quick_entry (text);
  resolve (self, quick, picked,
           defaults != NULL ? stint_entry_get_tags (defaults) : NULL,
           defaults != NULL && stint_entry_get_billable (defaults),
           &resolved, &missing);

  /* Nothing names a project: the default one. An @name Stint does not
   * know yet is left for the user to create instead, and "No project"
   * picked on purpose is kept. */
  if (resolved.project_id == 0 && quick->project == NULL &&
      (flags & STINT_START_PROJECT_CHOSEN) == 0)
    resolved.project_id = stint_tracker_default_project (self);

  if (start == 0)
    {
      start = stint_clock_now (self->clock);
      flags |= STINT_START_ALLOW_OVERLAP;
    }

  entry = stint_tracker_start_at (self, quick->description, resolved.project_id,
                                  (const char * const *)resolved.tags->pdata,
                                  resolved.billable, start, flags, error);
  resolved_clear (&resolved);

  if (entry != NULL && unknown != NULL)
    *unknown = g_steal_pointer (&missing);

  return g_steal_pointer (&entry);
}

/**
 * stint_tracker_apply_quick:
 * @text: quick syntax for entry @entry_id: its description becomes the text's,
 *   a known @project replaces its project, known #tags join its tags, `$`
 *   makes it billable
 * @unknown: (out) (optional) (nullable): as for stint_tracker_start_quick()
 *
 * What Enter in the window does while tracking: the user fixes the running
 * entry's description, or adds a project or a tag to it, in the same words
 * that start one.
 */
gboolean
stint_tracker_apply_quick (StintTracker        *self,
                           gint64               entry_id,
                           const char          *text,
                           StintUnknownNames  **unknown,
                           GError             **error)
{
  g_autoptr(StintQuickEntry) quick = NULL;
  g_autoptr(StintUnknownNames) missing = NULL;
  g_autoptr(StintEntry) current = NULL;
  g_autoptr(StintEntry) edited = NULL;
  Resolved resolved = { 0 };
  gboolean ok;

  g_return_val_if_fail (STINT_IS_TRACKER (self), FALSE);

  if (unknown != NULL)
    *unknown = NULL;

  current = stint_tracker_find_entry (self, entry_id, error);
  if (current == NULL)
    return FALSE;

  quick = stint_parse_quick_entry (text);
  resolve (self, quick, stint_entry_get_project_id (current), stint_entry_get_tags (current),
           stint_entry_get_billable (current), &resolved, &missing);

  edited = stint_entry_copy (current);
  stint_entry_set_description (edited, quick->description);
  stint_entry_set_project_id (edited, resolved.project_id);
  stint_entry_set_tags (edited, (const char * const *)resolved.tags->pdata);
  stint_entry_set_billable (edited, resolved.billable);
  resolved_clear (&resolved);

  ok = stint_tracker_update (self, edited, error);
  if (ok && unknown != NULL)
    *unknown = g_steal_pointer (&missing);

  return ok;
}

/**
 * stint_tracker_adopt_names:
 * @entry_id: the entry that was started without @names, or 0
 * @names: names the user chose to create
 *
 * Creates the project and tags of @names and gives them to entry
 * @entry_id, which keeps everything else. An entry deleted in the meantime
 * is no error: the names are still created.
 */
gboolean
stint_tracker_adopt_names (StintTracker             *self,
                           gint64                    entry_id,
                           const StintUnknownNames  *names,
                           GError                  **error)
{
  g_autoptr(StintProject) project = NULL;
  g_autoptr(StintEntry) current = NULL;
  g_autoptr(StintEntry) edited = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all_tags = g_ptr_array_new_with_free_func (g_free);
  const char * const *had;

  g_return_val_if_fail (STINT_IS_TRACKER (self), FALSE);
  g_return_val_if_fail (names != NULL, FALSE);

  if (names->project != NULL)
    {
      project = stint_tracker_find_project (self, names->project);
      if (project != NULL)
        g_object_ref (project);
      else
        project = stint_tracker_create_project (self, names->project, NULL, error);
      if (project == NULL)
        return FALSE;
    }

  for (guint i = 0; names->tags != NULL && names->tags[i] != NULL; i++)
    {
      g_autoptr(StintTag) tag = stint_tracker_create_tag (self, names->tags[i], error);

      if (tag == NULL)
        return FALSE;
      g_ptr_array_add (tags, g_strdup (stint_tag_get_name (tag)));
    }

  if (entry_id == 0 || (current = stint_tracker_find_entry (self, entry_id, NULL)) == NULL)
    return TRUE;

  edited = stint_entry_copy (current);
  if (project != NULL)
    stint_entry_set_project_id (edited, stint_project_get_id (project));

  /* The entry's own tags first, in their order, then the new ones. */
  had = stint_entry_get_tags (current);
  for (guint i = 0; had != NULL && had[i] != NULL; i++)
    add_tag (all_tags, had[i]);
  for (guint i = 0; i < tags->len; i++)
    add_tag (all_tags, g_ptr_array_index (tags, i));
  g_ptr_array_add (all_tags, NULL);
  stint_entry_set_tags (edited, (const char * const *)all_tags->pdata);

  return stint_tracker_update (self, edited, error);
}
