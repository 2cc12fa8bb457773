/* stint-entry-row.c: one finished entry in the window's list
 *
 * Shows what was done (description, project, tags; or that it was a
 * break), when and how long, and whether the server has it. A click or
 * Enter on the row opens the editor, and the play button continues it; a
 * change the server refused offers Retry and Discard. The row only says
 * what was asked for, through its signals: the window does it.
 *
 * Built in code rather than from a template, and with the parts most
 * entries do not need (tags, sync state, a refusal) made on first use: a
 * window shows dozens of these, and parsing a template per row was most of
 * what opening it cost. The buttons have no action names either: in GTK 3
 * every actionable widget registers with the window's action muxer, which
 * made adding and removing many rows quadratic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-entry-row.h"
#include "stint-project-dot.h"
#include "util/stint-duration.h"

struct _StintEntryRow
{
  GtkListBoxRow  parent_instance;

  StintEntry    *entry;
  StintTracker  *tracker;
  GTimeZone     *time_zone;
  gint64         day;
  gboolean       discarding;

  GtkBox        *lines;
  GtkLabel      *description_label;
  GtkBox        *meta_box;
  GtkBox        *status_box;
  GtkWidget     *project_dot;      /* these four are made on first use */
  GtkImage      *break_image;
  GtkLabel      *project_label;
  GtkLabel      *tags_label;
  GtkImage      *sync_image;
  GtkLabel      *duration_label;
  GtkLabel      *times_label;
  GtkWidget     *continue_button;

  GtkWidget     *refusal_box;      /* made when a change is refused */
  GtkLabel      *refusal_label;
  GtkWidget     *retry_button;
  GtkWidget     *discard_button;
};

enum {
  SIGNAL_CONTINUE,
  SIGNAL_RETRY,
  SIGNAL_DISCARD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StintEntryRow, stint_entry_row, GTK_TYPE_LIST_BOX_ROW)

static void
set_class (GtkWidget  *widget,
           const char *name,
           gboolean    on)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (on)
    gtk_style_context_add_class (context, name);
  else
    gtk_style_context_remove_class (context, name);
}

static GtkLabel *
new_label (gfloat      xalign,
           const char *style_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (style_class != NULL)
    set_class (label, style_class, TRUE);
  gtk_widget_show (label);

  return GTK_LABEL (label);
}

static void
on_continue_clicked (StintEntryRow *self)
{
  g_signal_emit (self, signals[SIGNAL_CONTINUE], 0);
}

static void
on_retry_clicked (StintEntryRow *self)
{
  g_signal_emit (self, signals[SIGNAL_RETRY], 0);
}

static void
on_discard_clicked (StintEntryRow *self)
{
  g_signal_emit (self, signals[SIGNAL_DISCARD], 0);
}

/* Local "09:05" in the window's time zone, read once per window rather
 * than once per time shown. */
static char *
format_time (StintEntryRow *self,
             gint64         unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->time_zone);

  return g_date_time_format (local, "%H:%M");
}

static gint64
day_of (StintEntryRow *self,
        gint64         unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->time_zone);
  g_autoptr(GDateTime) midnight = NULL;
  int y, m, d;

  g_date_time_get_ymd (local, &y, &m, &d);
  midnight = g_date_time_new (self->time_zone, y, m, d, 0, 0, 0);

  return g_date_time_to_unix (midnight);
}

/* ------------------------------------------------------------ the parts */

static void
show_project (StintEntryRow   *self,
              StintProject    *project,
              gboolean         is_break,
              GString         *accessible)
{
  if (is_break)
    {
      if (self->break_image == NULL)
        {
          self->break_image = GTK_IMAGE (gtk_image_new_from_icon_name ("media-playback-pause-symbolic",
                                                                       GTK_ICON_SIZE_MENU));
          set_class (GTK_WIDGET (self->break_image), "dim-label", TRUE);
          gtk_box_pack_start (self->meta_box, GTK_WIDGET (self->break_image), FALSE, FALSE, 0);
          gtk_box_reorder_child (self->meta_box, GTK_WIDGET (self->break_image), 0);
        }
      gtk_widget_show (GTK_WIDGET (self->break_image));
      /* Translators: shown on a Toggl Focus break in place of a project;
       * breaks are not counted in the day's total */
      gtk_label_set_text (self->project_label, C_("entry", "Break"));
      /* Translators: read after a break's description by screen readers */
      g_string_append_printf (accessible, ", %s", C_("accessible", "break"));
    }
  else if (self->break_image != NULL)
    gtk_widget_hide (GTK_WIDGET (self->break_image));

  if (project != NULL && !is_break)
    {
      if (self->project_dot == NULL)
        {
          self->project_dot = stint_project_dot_new ();
          gtk_box_pack_start (self->meta_box, self->project_dot, FALSE, FALSE, 0);
          gtk_box_reorder_child (self->meta_box, self->project_dot, 0);
        }
      stint_project_dot_set_color (STINT_PROJECT_DOT (self->project_dot),
                                   stint_project_get_color (project));
      gtk_label_set_text (self->project_label, stint_project_get_name (project));
      g_string_append_printf (accessible, ", %s", stint_project_get_name (project));
    }
  if (self->project_dot != NULL)
    gtk_widget_set_visible (self->project_dot, project != NULL && !is_break);
  gtk_widget_set_visible (GTK_WIDGET (self->project_label), project != NULL || is_break);
}

static gboolean
show_tags (StintEntryRow *self,
           GString       *accessible)
{
  const char * const *tags = stint_entry_get_tags (self->entry);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_string_append_printf (text, "%s#%s", i > 0 ? " " : "", tags[i]);

  if (text->len == 0)
    {
      if (self->tags_label != NULL)
        gtk_widget_hide (GTK_WIDGET (self->tags_label));
      return FALSE;
    }

  if (self->tags_label == NULL)
    {
      self->tags_label = new_label (0, "dim-label");
      set_class (GTK_WIDGET (self->tags_label), "tags", TRUE);
      gtk_label_set_ellipsize (self->tags_label, PANGO_ELLIPSIZE_END);
      gtk_box_pack_start (self->meta_box, GTK_WIDGET (self->tags_label), FALSE, FALSE, 0);
    }
  gtk_label_set_text (self->tags_label, text->str);
  gtk_widget_show (GTK_WIDGET (self->tags_label));
  g_string_append_printf (accessible, ", %s", text->str);

  return TRUE;
}

static void
show_sync_icon (StintEntryRow *self,
                const char    *icon_name,
                const char    *style_class,
                const char    *text)
{
  GtkWidget *image;

  if (self->sync_image == NULL)
    {
      self->sync_image = GTK_IMAGE (gtk_image_new ());
      gtk_widget_set_name (GTK_WIDGET (self->sync_image), "sync-image");
      gtk_widget_set_valign (GTK_WIDGET (self->sync_image), GTK_ALIGN_CENTER);
      gtk_image_set_pixel_size (self->sync_image, 16);
      gtk_box_pack_start (self->status_box, GTK_WIDGET (self->sync_image), FALSE, FALSE, 0);
    }
  image = GTK_WIDGET (self->sync_image);

  if (icon_name == NULL)
    {
      gtk_widget_hide (image);
      return;
    }

  gtk_image_set_from_icon_name (self->sync_image, icon_name, GTK_ICON_SIZE_MENU);
  set_class (image, "dim-label", g_str_equal (style_class, "dim-label"));
  set_class (image, "warning", g_str_equal (style_class, "warning"));
  gtk_widget_set_tooltip_text (image, text);
  atk_object_set_name (gtk_widget_get_accessible (image), text);
  gtk_widget_show (image);
}

static void
build_refusal (StintEntryRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  set_class (box, "refusal", TRUE);
  self->refusal_label = new_label (0, NULL);
  gtk_label_set_line_wrap (self->refusal_label, TRUE);
  gtk_label_set_line_wrap_mode (self->refusal_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (GTK_WIDGET (self->refusal_label), TRUE);
  gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->refusal_label));

  self->retry_button = gtk_button_new_with_mnemonic (_("_Retry"));
  gtk_widget_set_name (self->retry_button, "retry-button");
  self->discard_button = gtk_button_new_with_mnemonic (_("_Discard…"));
  gtk_widget_set_name (self->discard_button, "discard-button");
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *button = i == 0 ? self->retry_button : self->discard_button;

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_show (button);
      gtk_container_add (GTK_CONTAINER (box), button);
    }
  g_signal_connect_object (self->retry_button, "clicked", G_CALLBACK (on_retry_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->discard_button, "clicked", G_CALLBACK (on_discard_clicked), self,
                           G_CONNECT_SWAPPED);

  self->refusal_box = box;
  gtk_container_add (GTK_CONTAINER (self->lines), box);
}

/* A refused change: the server's sentence in full under the row, and what
 * the user can do about it. */
static void
show_refusal (StintEntryRow *self,
              const char    *problem,
              const char    *description)
{
  g_autofree char *retry_name = NULL;
  g_autofree char *discard_name = NULL;

  if (problem == NULL)
    {
      if (self->refusal_box != NULL)
        gtk_widget_hide (self->refusal_box);
      return;
    }

  if (self->refusal_box == NULL)
    build_refusal (self);

  if (self->discarding)
    gtk_label_set_text (self->refusal_label,
                        _("Discarded: the entry will show as Toggl has it once Stint reaches Toggl."));
  else
    gtk_label_set_text (self->refusal_label, problem);
  gtk_widget_set_visible (self->retry_button, !self->discarding);
  gtk_widget_set_visible (self->discard_button, !self->discarding);

  /* Translators: the accessible name of a refused entry's Retry button */
  retry_name = g_strdup_printf (_("Retry syncing “%s”"), description);
  atk_object_set_name (gtk_widget_get_accessible (self->retry_button), retry_name);
  gtk_widget_set_tooltip_text (self->retry_button, _("Send this change to Toggl again"));
  /* Translators: the accessible name of a refused entry's Discard button */
  discard_name = g_strdup_printf (_("Discard the refused change to “%s”"), description);
  atk_object_set_name (gtk_widget_get_accessible (self->discard_button), discard_name);
  gtk_widget_set_tooltip_text (self->discard_button, _("Give up this change and keep Toggl’s version"));

  gtk_widget_show (self->refusal_box);
}

/* Pending: a quiet icon; failed: a warning with what the server said.
 * Returns the words a screen reader adds to the row, or NULL. */
static const char *
show_sync_state (StintEntryRow *self,
                 const char    *description)
{
  const char *problem = stint_entry_get_sync_error (self->entry);

  switch (stint_entry_get_sync_state (self->entry))
    {
    case STINT_SYNC_STATE_PENDING:
      show_sync_icon (self, "emblem-synchronizing-symbolic", "dim-label", _("Waiting to sync"));
      show_refusal (self, NULL, description);
      return _("waiting to sync");

    case STINT_SYNC_STATE_FAILED:
      if (problem == NULL || *problem == '\0')
        problem = _("The server refused this entry.");
      show_sync_icon (self, "dialog-warning-symbolic", "warning", problem);
      show_refusal (self, problem, description);
      return problem;

    case STINT_SYNC_STATE_SYNCED:
    default:
      if (self->sync_image != NULL)
        show_sync_icon (self, NULL, NULL, NULL);
      show_refusal (self, NULL, description);
      return NULL;
    }
}

static void
refresh (StintEntryRow *self)
{
  StintProject *project;
  const char *description = stint_entry_get_description (self->entry);
  gboolean is_break = stint_entry_get_break (self->entry);
  gboolean has_tags;
  const char *sync;
  g_autoptr(GString) accessible = g_string_new (NULL);
  g_autofree char *duration = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *times = NULL;
  g_autofree char *span = NULL;
  g_autofree char *continue_name = NULL;

  self->day = day_of (self, stint_entry_get_start (self->entry));
  /* Only a refusal is discarded; once the entry moved on, so has the row. */
  if (stint_entry_get_sync_state (self->entry) != STINT_SYNC_STATE_FAILED)
    self->discarding = FALSE;

  set_class (GTK_WIDGET (self->description_label), "dim-label", *description == '\0');
  if (*description == '\0')
    description = _("No description");
  gtk_label_set_text (self->description_label, description);
  g_string_append (accessible, description);

  project = stint_tracker_lookup_project (self->tracker, stint_entry_get_project_id (self->entry));
  show_project (self, project, is_break, accessible);
  has_tags = show_tags (self, accessible);
  gtk_widget_set_visible (GTK_WIDGET (self->meta_box), project != NULL || is_break || has_tags);

  duration = stint_format_hmm (stint_entry_get_duration (self->entry, 0));
  from = format_time (self, stint_entry_get_start (self->entry));
  to = format_time (self, stint_entry_get_stop (self->entry));
  /* Translators: an entry's start and end times, e.g. "09:00 – 10:30" */
  times = g_strdup_printf (_("%s – %s"), from, to);
  gtk_label_set_text (self->duration_label, duration);
  gtk_label_set_text (self->times_label, times);
  /* A break's time is not work: it stays out of the day's total. */
  set_class (GTK_WIDGET (self->duration_label), "dim-label", is_break);

  /* Screen readers get the row in one sentence rather than six labels. */
  /* Translators: an entry's start, end and duration, read after its
   * description, project and tags: "09:00 to 10:30, 1:30" */
  span = g_strdup_printf (_("%s to %s, %s"), from, to, duration);
  g_string_append_printf (accessible, ", %s", span);
  sync = show_sync_state (self, description);
  if (sync != NULL)
    g_string_append_printf (accessible, ", %s", sync);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)), accessible->str);

  /* Translators: the accessible name of a row's continue button */
  continue_name = g_strdup_printf (_("Continue “%s”"), description);
  atk_object_set_name (gtk_widget_get_accessible (self->continue_button), continue_name);
  gtk_widget_set_tooltip_text (self->continue_button, continue_name);
}

/* ------------------------------------------------------------------ type */

static void
stint_entry_row_dispose (GObject *object)
{
  StintEntryRow *self = (StintEntryRow *)object;

  g_clear_object (&self->entry);
  g_clear_object (&self->tracker);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);

  G_OBJECT_CLASS (stint_entry_row_parent_class)->dispose (object);
}

static void
stint_entry_row_class_init (StintEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stint_entry_row_dispose;

  /**
   * StintEntryRow::continue:
   *
   * The play button was pressed: start the same work again.
   */
  signals[SIGNAL_CONTINUE] =
    g_signal_new ("continue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * StintEntryRow::retry:
   *
   * Send the change the server refused again.
   */
  signals[SIGNAL_RETRY] =
    g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * StintEntryRow::discard:
   *
   * The user wants to give up the refused change (not yet confirmed).
   */
  signals[SIGNAL_DISCARD] =
    g_signal_new ("discard", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/*  description            [sync] 1:30   (>)
 *  • project  #tags              09:00 – 10:30
 *  the server's refusal            [Retry] [Discard…]
 */
static void
stint_entry_row_init (StintEntryRow *self)
{
  GtkWidget *row = GTK_WIDGET (self);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *times = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);

  self->lines = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  set_class (GTK_WIDGET (self->lines), "entry-row", TRUE);

  self->description_label = new_label (0, NULL);
  gtk_label_set_ellipsize (self->description_label, PANGO_ELLIPSIZE_END);
  self->meta_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  self->project_label = new_label (0, "dim-label");
  gtk_widget_set_name (GTK_WIDGET (self->project_label), "project-label");
  gtk_label_set_ellipsize (self->project_label, PANGO_ELLIPSIZE_END);
  gtk_box_pack_start (self->meta_box, GTK_WIDGET (self->project_label), FALSE, FALSE, 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_container_add (GTK_CONTAINER (text), GTK_WIDGET (self->description_label));
  gtk_container_add (GTK_CONTAINER (text), GTK_WIDGET (self->meta_box));

  self->duration_label = new_label (1, "duration");
  self->times_label = new_label (1, "dim-label");
  gtk_widget_set_valign (times, GTK_ALIGN_CENTER);
  gtk_container_add (GTK_CONTAINER (times), GTK_WIDGET (self->duration_label));
  gtk_container_add (GTK_CONTAINER (times), GTK_WIDGET (self->times_label));
  self->status_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12));
  gtk_box_pack_end (self->status_box, times, FALSE, FALSE, 0);

  self->continue_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic",
                                                         GTK_ICON_SIZE_BUTTON);
  gtk_widget_set_valign (self->continue_button, GTK_ALIGN_CENTER);
  set_class (self->continue_button, "flat", TRUE);
  set_class (self->continue_button, "circular", TRUE);
  g_signal_connect_object (self->continue_button, "clicked", G_CALLBACK (on_continue_clicked),
                           self, G_CONNECT_SWAPPED);

  gtk_container_add (GTK_CONTAINER (line), text);
  gtk_container_add (GTK_CONTAINER (line), GTK_WIDGET (self->status_box));
  gtk_container_add (GTK_CONTAINER (line), self->continue_button);
  gtk_container_add (GTK_CONTAINER (self->lines), line);
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->lines));
  gtk_widget_show_all (row);
}

/**
 * stint_entry_row_new:
 * @time_zone: the zone times show in, shared by the window's rows
 */
GtkWidget *
stint_entry_row_new (StintEntry   *entry,
                     StintTracker *tracker,
                     GTimeZone    *time_zone)
{
  StintEntryRow *self;

  g_return_val_if_fail (STINT_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (STINT_IS_TRACKER (tracker), NULL);
  g_return_val_if_fail (time_zone != NULL, NULL);

  self = g_object_new (STINT_TYPE_ENTRY_ROW, NULL);
  self->entry = g_object_ref (entry);
  self->tracker = g_object_ref (tracker);
  self->time_zone = g_time_zone_ref (time_zone);

  g_signal_connect_object (entry, "notify", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);

  return GTK_WIDGET (self);
}

StintEntry *
stint_entry_row_get_entry (StintEntryRow *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY_ROW (self), NULL);
  return self->entry;
}

/**
 * stint_entry_row_get_day:
 *
 * Returns: the Unix time of the local midnight that began the entry's day
 */
gint64
stint_entry_row_get_day (StintEntryRow *self)
{
  g_return_val_if_fail (STINT_IS_ENTRY_ROW (self), 0);
  return self->day;
}

/**
 * stint_entry_row_set_discarding:
 *
 * The user discarded the refused change and the server's version is being
 * read back: the row says so instead of offering Retry and Discard again.
 */
void
stint_entry_row_set_discarding (StintEntryRow *self,
                                gboolean       discarding)
{
  g_return_if_fail (STINT_IS_ENTRY_ROW (self));

  discarding = !!discarding;
  if (self->discarding == discarding)
    return;

  self->discarding = discarding;
  refresh (self);
}
