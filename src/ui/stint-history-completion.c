/* stint-history-completion.c: the description's suggestions from history
 *
 * The distinct activities done recently (description, project, tags,
 * billable), matched anywhere in the description or the project name:
 * "review" finds "Code review", "acme" everything filed under Acme. The
 * list follows the recent entries, rebuilt in one low-priority idle after
 * a burst of changes. Picking one emits ::activity-chosen with the entry, so
 * the timer bar can bring its project, tags and billable flag along.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-history-completion"

#include "config.h"

#include <string.h>

#include "stint-history-completion.h"

/* How many past activities are offered. */
#define HISTORY_MAX 50

/* Projects without a colour of their own, as StintProjectDot draws them. */
#define FALLBACK_COLOR "#9a9996"

enum {
  COL_DESCRIPTION,
  COL_MARKUP,
  COL_ENTRY,
  N_COLS
};

struct _StintHistoryCompletion
{
  GtkEntryCompletion  parent_instance;

  StintTracker       *tracker;
  GtkListStore       *store;
  guint               refresh_id;
};

enum {
  ACTIVITY_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StintHistoryCompletion, stint_history_completion, GTK_TYPE_ENTRY_COMPLETION)

static gboolean
refresh (gpointer user_data)
{
  StintHistoryCompletion *self = user_data;
  g_autoptr(GPtrArray) recent = stint_tracker_get_distinct_recent (self->tracker, HISTORY_MAX);

  self->refresh_id = 0;
  gtk_list_store_clear (self->store);

  for (guint i = 0; i < recent->len; i++)
    {
      StintEntry *entry = g_ptr_array_index (recent, i);
      StintProject *project = stint_tracker_lookup_project (self->tracker,
                                                            stint_entry_get_project_id (entry));
      const char *description = stint_entry_get_description (entry);
      g_autofree char *markup = NULL;

      if (*description == '\0')
        continue;

      /* The project's colour is the one colour Stint adds to the theme. */
      if (project != NULL)
        markup = g_markup_printf_escaped ("%s  <span foreground=\"%s\">●</span> %s", description,
                                          stint_project_get_color (project) != NULL
                                          ? stint_project_get_color (project) : FALLBACK_COLOR,
                                          stint_project_get_name (project));
      else
        markup = g_markup_escape_text (description, -1);

      gtk_list_store_insert_with_values (self->store, NULL, -1,
                                         COL_DESCRIPTION, description,
                                         COL_MARKUP, markup,
                                         COL_ENTRY, entry,
                                         -1);
    }

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (StintHistoryCompletion *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_LOW, refresh, self, NULL);
}

/* GTK hands over the typed text normalized and case-folded. */
static gboolean
match (GtkEntryCompletion *completion,
       const char         *key,
       GtkTreeIter        *iter,
       gpointer            user_data)
{
  StintHistoryCompletion *self = STINT_HISTORY_COMPLETION (completion);
  g_autofree char *description = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(StintEntry) entry = NULL;
  StintProject *project;

  gtk_tree_model_get (GTK_TREE_MODEL (self->store), iter,
                      COL_DESCRIPTION, &description, COL_ENTRY, &entry, -1);
  folded = g_utf8_casefold (description, -1);
  if (strstr (folded, key) != NULL)
    return TRUE;

  project = stint_tracker_lookup_project (self->tracker, stint_entry_get_project_id (entry));
  if (project != NULL)
    {
      g_autofree char *name = g_utf8_casefold (stint_project_get_name (project), -1);

      return strstr (name, key) != NULL;
    }

  return FALSE;
}

static gboolean
stint_history_completion_match_selected (GtkEntryCompletion *completion,
                                         GtkTreeModel       *model,
                                         GtkTreeIter        *iter)
{
  g_autoptr(StintEntry) entry = NULL;

  gtk_tree_model_get (model, iter, COL_ENTRY, &entry, -1);
  g_signal_emit (completion, signals[ACTIVITY_CHOSEN], 0, entry);

  /* The handler wrote the description; GTK must not overwrite it. */
  return GDK_EVENT_STOP;
}

static void
stint_history_completion_dispose (GObject *object)
{
  StintHistoryCompletion *self = (StintHistoryCompletion *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->tracker);

  G_OBJECT_CLASS (stint_history_completion_parent_class)->dispose (object);
}

static void
stint_history_completion_class_init (StintHistoryCompletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkEntryCompletionClass *completion_class = GTK_ENTRY_COMPLETION_CLASS (klass);

  object_class->dispose = stint_history_completion_dispose;
  completion_class->match_selected = stint_history_completion_match_selected;

  /**
   * StintHistoryCompletion::activity-chosen:
   * @entry: the past entry picked; its description, project, tags and
   *   billable flag are the activity
   */
  signals[ACTIVITY_CHOSEN] = g_signal_new ("activity-chosen", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, STINT_TYPE_ENTRY);
}

static void
stint_history_completion_init (StintHistoryCompletion *self)
{
}

GtkEntryCompletion *
stint_history_completion_new (StintTracker *tracker)
{
  StintHistoryCompletion *self;
  GtkCellRenderer *cell;

  g_return_val_if_fail (STINT_IS_TRACKER (tracker), NULL);

  self = g_object_new (STINT_TYPE_HISTORY_COMPLETION, NULL);
  self->tracker = g_object_ref (tracker);
  self->store = gtk_list_store_new (N_COLS, G_TYPE_STRING, G_TYPE_STRING, STINT_TYPE_ENTRY);

  gtk_entry_completion_set_model (GTK_ENTRY_COMPLETION (self), GTK_TREE_MODEL (self->store));
  gtk_entry_completion_set_match_func (GTK_ENTRY_COMPLETION (self), match, NULL, NULL);
  gtk_entry_completion_set_minimum_key_length (GTK_ENTRY_COMPLETION (self), 1);
  cell = gtk_cell_renderer_text_new ();
  g_object_set (cell, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
  gtk_cell_layout_pack_start (GTK_CELL_LAYOUT (self), cell, TRUE);
  gtk_cell_layout_add_attribute (GTK_CELL_LAYOUT (self), cell, "markup", COL_MARKUP);

  g_signal_connect_object (stint_tracker_get_recent (tracker), "items-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  refresh (self);

  return GTK_ENTRY_COMPLETION (self);
}
