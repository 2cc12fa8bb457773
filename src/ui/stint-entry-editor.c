/* stint-entry-editor.c: the popover that fixes an entry in seconds
 *
 * Each time field accepts what people type (see util/stint-parse-times.c)
 * and, as soon as it reads as a time, the other two follow: a new start
 * keeps the stop, a new stop or duration keeps the start. Nothing is saved
 * until Enter or Save; Escape throws the draft away. The tracker has the
 * last word on what is possible, and its sentence appears in place. The
 * billable switch shows only where the entry's workspace has billable
 * time; where it does not, the entry keeps the flag it has.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-entry-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "stint-entry-editor.h"
#include "util/stint-duration.h"
#include "util/stint-parse.h"

struct _StintEntryEditor
{
  GtkPopover     parent_instance;

  StintTracker  *tracker;
  StintEntry    *entry;
  gint64         start;
  gint64         stop;       /* 0 while running */
  gboolean       updating;   /* we are writing the fields ourselves */

  GtkEntry      *description_entry;
  GtkEntry      *project_entry;
  GtkEntry      *tags_entry;
  GtkEntry      *date_entry;
  GtkEntry      *start_entry;
  GtkEntry      *stop_entry;
  GtkEntry      *duration_entry;
  GtkWidget     *billable_label;
  GtkSwitch     *billable_switch;
  GtkLabel      *hint_label;
  GtkLabel      *error_label;
  GtkWidget     *delete_button;
};

enum {
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StintEntryEditor, stint_entry_editor, GTK_TYPE_POPOVER)

static GDateTime *
local_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_to_local (utc);
}

static gint64
now (StintEntryEditor *self)
{
  return stint_clock_now (stint_tracker_get_clock (self->tracker));
}

static void
set_text (StintEntryEditor *self,
          GtkEntry         *entry,
          const char       *text)
{
  self->updating = TRUE;
  gtk_entry_set_text (entry, text);
  self->updating = FALSE;
}

static gint64
duration (StintEntryEditor *self)
{
  return (self->stop != 0 ? self->stop : now (self)) - self->start;
}

/* Rewrites every time field except the one the user is typing in. */
static void
show_times (StintEntryEditor *self,
            GtkEntry         *typing)
{
  g_autoptr(GDateTime) start = local_time (self->start);
  g_autofree char *date = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *start_text = stint_format_time_of_day (self->start);
  g_autofree char *stop_text = self->stop != 0 ? stint_format_time_of_day (self->stop) : g_strdup ("");
  g_autofree char *duration_text = stint_format_hmm (duration (self));

  if (typing != self->date_entry)
    set_text (self, self->date_entry, date);
  if (typing != self->start_entry)
    set_text (self, self->start_entry, start_text);
  if (typing != self->stop_entry)
    set_text (self, self->stop_entry, stop_text);
  if (typing != self->duration_entry)
    set_text (self, self->duration_entry, duration_text);
}

static void
show_error (StintEntryEditor *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static GDateTime *
now_local (StintEntryEditor *self)
{
  return local_time (now (self));
}

/* The stop as typed, on the start's day or, when that would be before the
 * start, the day after (an entry over midnight). Empty means still running. */
static gboolean
read_stop (StintEntryEditor  *self,
           gint64            *stop,
           GError           **error)
{
  g_autoptr(GDateTime) day = local_time (self->start);
  g_autoptr(GDateTime) current = now_local (self);
  const char *text = gtk_entry_get_text (self->stop_entry);
  const char *first = text;
  gint64 value;

  if (*text == '\0' && stint_entry_is_running (self->entry))
    {
      *stop = 0;
      return TRUE;
    }

  if (!stint_parse_time (text, day, current, &value, error))
    return FALSE;

  /* Only a bare clock time rolls over; "yesterday 9" means what it says. */
  while (g_ascii_isspace (*first))
    first++;
  if (value < self->start && g_ascii_isdigit (*first))
    {
      g_autoptr(GDateTime) next_day = g_date_time_add_days (day, 1);
      gint64 later;

      if (stint_parse_time (text, next_day, current, &later, NULL) && later >= self->start)
        value = later;
    }

  *stop = value;
  return TRUE;
}

/* The start as typed: a time, or a range that sets the stop too. */
static gboolean
read_start (StintEntryEditor  *self,
            gint64            *start,
            gint64            *stop,
            GError           **error)
{
  g_autoptr(GDateTime) day = local_time (self->start);
  g_autoptr(GDateTime) current = now_local (self);
  const char *text = gtk_entry_get_text (self->start_entry);

  *stop = self->stop;
  if (strchr (text, '-') != NULL || strstr (text, "–") != NULL || strstr (text, " to ") != NULL)
    return stint_parse_time_range (text, day, current, start, stop, error);

  return stint_parse_time (text, day, current, start, error);
}

static void
on_date_changed (StintEntryEditor *self)
{
  g_autoptr(GDateTime) current = now_local (self);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) moved = NULL;
  gint64 shift;

  if (self->updating ||
      !stint_parse_date (gtk_entry_get_text (self->date_entry), current, &day, NULL))
    return;

  /* A new date keeps the clock times (and so the duration). */
  start = local_time (self->start);
  moved = g_date_time_new (g_date_time_get_timezone (day),
                           g_date_time_get_year (day), g_date_time_get_month (day),
                           g_date_time_get_day_of_month (day),
                           g_date_time_get_hour (start), g_date_time_get_minute (start),
                           g_date_time_get_second (start));
  if (moved == NULL)
    return;

  shift = g_date_time_to_unix (moved) - self->start;
  self->start += shift;
  if (self->stop != 0)
    self->stop += shift;
  show_times (self, self->date_entry);
}

static void
on_start_changed (StintEntryEditor *self)
{
  gint64 start, stop;

  if (self->updating || !read_start (self, &start, &stop, NULL))
    return;

  self->start = start;
  self->stop = stop;
  show_times (self, self->start_entry);
}

static void
on_stop_changed (StintEntryEditor *self)
{
  gint64 stop;

  if (self->updating || !read_stop (self, &stop, NULL))
    return;

  self->stop = stop;
  show_times (self, self->stop_entry);
}

static void
on_duration_changed (StintEntryEditor *self)
{
  gint64 seconds;

  if (self->updating ||
      !stint_parse_duration (gtk_entry_get_text (self->duration_entry), &seconds, NULL))
    return;

  /* A running entry keeps running: its start moves back instead. */
  if (self->stop != 0)
    self->stop = self->start + seconds;
  else
    self->start = now (self) - seconds;
  show_times (self, self->duration_entry);
}

/* "code, review,code" → code, review */
static char **
read_tags (StintEntryEditor *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_entry_get_text (self->tags_entry), ",", -1);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (*tag != '\0' && !g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
        g_ptr_array_add (tags, g_strdup (tag));
    }
  g_ptr_array_add (tags, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&tags), FALSE);
}

/* Saving creates what the fields name that Stint does not know yet; the
 * hint says so before the user commits to it. */
static void
update_hint (StintEntryEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (self->project_entry)));
  g_auto(GStrv) tags = read_tags (self);
  g_autoptr(GString) hint = g_string_new (NULL);
  g_autoptr(GString) new_tags = g_string_new (NULL);
  guint n_new = 0;

  if (*name != '\0' && stint_tracker_find_project (self->tracker, name) == NULL)
    g_string_append_printf (hint, _("Saving creates the project “%s”."), name);

  for (guint i = 0; tags[i] != NULL; i++)
    if (!stint_tracker_knows_tag (self->tracker, tags[i]))
      {
        if (n_new++ > 0)
          g_string_append (new_tags, ", ");
        /* Translators: a tag's name in quotes, in a list of new tags */
        g_string_append_printf (new_tags, _("“%s”"), tags[i]);
      }
  if (n_new > 0)
    {
      if (hint->len > 0)
        g_string_append_c (hint, ' ');
      /* Translators: %s is one quoted tag name, or several separated by commas */
      g_string_append_printf (hint, g_dngettext (GETTEXT_PACKAGE, "Saving creates the tag %s.",
                                                 "Saving creates the tags %s.", n_new),
                              new_tags->str);
    }

  gtk_label_set_text (self->hint_label, hint->str);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint->len > 0);
}

static void
on_project_changed (StintEntryEditor *self)
{
  update_hint (self);
}

static void
on_tags_changed (StintEntryEditor *self)
{
  update_hint (self);
}

/* Every time field once more, strictly: a value that does not read is
 * refused with its own sentence rather than silently ignored. */
static gboolean
check_fields (StintEntryEditor  *self,
              GError           **error)
{
  g_autoptr(GDateTime) current = now_local (self);
  g_autoptr(GDateTime) day = NULL;
  gint64 start, stop, seconds;

  if (!stint_parse_date (gtk_entry_get_text (self->date_entry), current, &day, error) ||
      !read_start (self, &start, &stop, error) ||
      !read_stop (self, &stop, error))
    return FALSE;

  if (*gtk_entry_get_text (self->duration_entry) != '\0' &&
      !stint_parse_duration (gtk_entry_get_text (self->duration_entry), &seconds, error))
    return FALSE;

  return TRUE;
}

/* Saving or deleting may take the row this popover points at out of the
 * window (a new start moves it to another day; a deleted entry has no row),
 * and with it the popover: hold on to ourselves until done. */
static void
on_save (StintEntryEditor *self)
{
  g_autoptr(GtkWidget) hold = g_object_ref (GTK_WIDGET (self));
  g_autoptr(StintEntry) edited = stint_entry_copy (self->entry);
  g_autoptr(GError) error = NULL;
  g_autofree char *project_name = g_strstrip (g_strdup (gtk_entry_get_text (self->project_entry)));
  g_autofree char *description = g_strstrip (g_strdup (gtk_entry_get_text (self->description_entry)));
  g_auto(GStrv) tags = read_tags (self);
  gint64 project_id = 0;

  if (!check_fields (self, &error))
    {
      show_error (self, error->message);
      return;
    }

  if (*project_name != '\0')
    {
      StintProject *project = stint_tracker_find_project (self->tracker, project_name);
      g_autoptr(StintProject) created = NULL;

      if (project == NULL)
        {
          created = stint_tracker_create_project (self->tracker, project_name, NULL, &error);
          if (created == NULL)
            {
              show_error (self, error->message);
              return;
            }
          project = created;
        }
      project_id = stint_project_get_id (project);
    }

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autoptr(StintTag) tag = NULL;

      if (stint_tracker_knows_tag (self->tracker, tags[i]))
        continue;
      tag = stint_tracker_create_tag (self->tracker, tags[i], &error);
      if (tag == NULL)
        {
          show_error (self, error->message);
          return;
        }
    }

  stint_entry_set_description (edited, description);
  stint_entry_set_project_id (edited, project_id);
  stint_entry_set_tags (edited, (const char * const *)tags);
  if (gtk_widget_get_visible (GTK_WIDGET (self->billable_switch)))
    stint_entry_set_billable (edited, gtk_switch_get_active (self->billable_switch));
  stint_entry_set_start (edited, self->start);
  stint_entry_set_stop (edited, self->stop);

  if (!stint_tracker_update (self->tracker, edited, &error))
    {
      show_error (self, error->message);
      return;
    }

  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_delete (StintEntryEditor *self)
{
  g_autoptr(GtkWidget) hold = g_object_ref (GTK_WIDGET (self));
  g_autoptr(StintEntry) deleted = stint_entry_copy (self->entry);
  g_autoptr(GError) error = NULL;

  if (!stint_tracker_delete (self->tracker, stint_entry_get_id (self->entry), &error))
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[DELETED], 0, deleted);
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
fill (StintEntryEditor *self)
{
  StintProject *project = stint_tracker_lookup_project (self->tracker,
                                                        stint_entry_get_project_id (self->entry));
  g_autofree char *tags = g_strjoinv (", ", (char **)stint_entry_get_tags (self->entry));
  g_autoptr(GtkListStore) names = gtk_list_store_new (1, G_TYPE_STRING);
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();
  GListModel *projects = stint_tracker_get_projects (self->tracker);
  gboolean billable_allowed;

  self->start = stint_entry_get_start (self->entry);
  self->stop = stint_entry_get_stop (self->entry);

  set_text (self, self->description_entry, stint_entry_get_description (self->entry));
  set_text (self, self->project_entry, project != NULL ? stint_project_get_name (project) : "");
  set_text (self, self->tags_entry, tags);
  gtk_switch_set_active (self->billable_switch, stint_entry_get_billable (self->entry));
  billable_allowed = stint_tracker_get_billable_allowed (self->tracker, self->entry);
  gtk_widget_set_visible (self->billable_label, billable_allowed);
  gtk_widget_set_visible (GTK_WIDGET (self->billable_switch), billable_allowed);
  show_times (self, NULL);

  /* Running: an empty stop keeps it running; typing a time stops it then. */
  gtk_entry_set_placeholder_text (self->stop_entry,
                                  stint_entry_is_running (self->entry) ? _("Still running") : NULL);

  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(StintProject) item = g_list_model_get_item (projects, i);

      gtk_list_store_insert_with_values (names, NULL, -1, 0, stint_project_get_name (item), -1);
    }
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (names));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_set_completion (self->project_entry, completion);

  show_error (self, NULL);
  update_hint (self);
}

static void
stint_entry_editor_dispose (GObject *object)
{
  StintEntryEditor *self = (StintEntryEditor *)object;

  g_clear_object (&self->entry);
  g_clear_object (&self->tracker);

  G_OBJECT_CLASS (stint_entry_editor_parent_class)->dispose (object);
}

static void
stint_entry_editor_class_init (StintEntryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_entry_editor_dispose;

  /**
   * StintEntryEditor::deleted:
   * @entry: the entry as it was, for an undo
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, STINT_TYPE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-entry-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, description_entry);
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, project_entry);
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, tags_entry);
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, start_entry);
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, stop_entry);
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, duration_entry);
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, billable_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, billable_switch);
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, hint_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, StintEntryEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save);
  gtk_widget_class_bind_template_callback (widget_class, on_delete);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_start_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_duration_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_project_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_changed);
}

static void
stint_entry_editor_init (StintEntryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->project_entry)), _("Project"));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->tags_entry)), _("Tags"));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->date_entry)), _("Date"));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->start_entry)), C_("time field", "Start"));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->stop_entry)), C_("time field", "Stop"));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->duration_entry)), _("Duration"));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->billable_switch)), _("Billable"));
}

static gboolean
destroy_idle (gpointer data)
{
  gtk_widget_destroy (data);
  return G_SOURCE_REMOVE;
}

/* "closed" comes from inside gtk_popover_popdown(), which still uses the
 * popover afterwards: destroy it once that is done. */
static void
on_closed (GtkPopover *popover)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_idle, g_object_ref (popover), g_object_unref);
}

/**
 * stint_entry_editor_new:
 * @relative_to: the row the popover points at
 *
 * The popover destroys itself when closed.
 */
GtkWidget *
stint_entry_editor_new (StintTracker *tracker,
                        StintEntry   *entry,
                        GtkWidget    *relative_to)
{
  StintEntryEditor *self;

  g_return_val_if_fail (STINT_IS_TRACKER (tracker), NULL);
  g_return_val_if_fail (STINT_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (relative_to), NULL);

  self = g_object_new (STINT_TYPE_ENTRY_EDITOR, "relative-to", relative_to, NULL);
  self->tracker = g_object_ref (tracker);
  self->entry = g_object_ref (entry);
  fill (self);

  g_signal_connect (self, "closed", G_CALLBACK (on_closed), NULL);

  return GTK_WIDGET (self);
}
