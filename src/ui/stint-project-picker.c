/* stint-project-picker.c: the timer bar's project button
 *
 * A menu button showing the chosen project (its colour and name). Its
 * popover lists the projects to search by typing: Enter takes the first
 * match, Down walks the list, Escape closes. A name that matches no project
 * can be created right there, so a user never leaves the keyboard or the
 * window to file time under something new. Once any project has a client,
 * the list is grouped under client headers (those without one first, under
 * "No client"), and typing a client's name finds all its projects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-project-picker"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "stint-project-picker.h"
#include "stint-project-dot.h"

struct _StintProjectPicker
{
  GtkMenuButton  parent_instance;

  StintTracker  *tracker;
  gint64         project_id;

  GtkWidget     *none_image;
  GtkWidget     *dot;
  GtkLabel      *name_label;
  GtkSearchEntry *search_entry;
  GtkListBox    *list;
  GtkButton     *create_button;
  GtkRevealer   *new_revealer;
  GtkEntry      *new_entry;
  GtkLabel      *error_label;
  gboolean       grouped;     /* the list has client headers */
};

enum {
  PROP_0,
  PROP_PROJECT_ID,
  N_PROPS
};

enum {
  CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StintProjectPicker, stint_project_picker, GTK_TYPE_MENU_BUTTON)

static const char *
search_text (StintProjectPicker *self)
{
  return gtk_entry_get_text (GTK_ENTRY (self->search_entry));
}

static void
show_error (StintProjectPicker *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_button (StintProjectPicker *self)
{
  StintProject *project = NULL;
  g_autofree char *accessible = NULL;

  if (self->tracker != NULL)
    project = stint_tracker_lookup_project (self->tracker, self->project_id);

  gtk_widget_set_visible (self->none_image, project == NULL);
  gtk_widget_set_visible (self->dot, project != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), project != NULL);

  if (project != NULL)
    {
      gtk_label_set_text (self->name_label, stint_project_get_name (project));
      stint_project_dot_set_color (STINT_PROJECT_DOT (self->dot), stint_project_get_color (project));
      /* Translators: the accessible name of the project button */
      accessible = g_strdup_printf (_("Project: %s"), stint_project_get_name (project));
    }
  else
    accessible = g_strdup (_("Project: none"));

  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)), accessible);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), accessible);
}

static gint64
row_project_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "project-id");

  return id != NULL ? *id : 0;
}

/* The client a row is grouped under: "" for none; NULL for "No project". */
static const char *
row_group (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "group");
}

static GtkWidget *
make_row (gint64      project_id,
          const char *name,
          const char *color,
          const char *customer,
          gboolean    dim)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dot = stint_project_dot_new ();
  GtkWidget *label = gtk_label_new (name);
  g_autofree char *accessible = NULL;
  gint64 *id = g_new (gint64, 1);

  *id = project_id;
  g_object_set_data_full (G_OBJECT (row), "project-id", id, g_free);
  g_object_set_data_full (G_OBJECT (row), "name", g_utf8_casefold (name, -1), g_free);
  if (project_id != 0)
    g_object_set_data_full (G_OBJECT (row), "group", g_strdup (customer != NULL ? customer : ""),
                            g_free);
  if (customer != NULL)
    g_object_set_data_full (G_OBJECT (row), "customer", g_utf8_casefold (customer, -1), g_free);

  stint_project_dot_set_color (STINT_PROJECT_DOT (dot), color);
  gtk_widget_set_opacity (dot, project_id == 0 ? 0 : 1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (dim)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");
  gtk_container_add (GTK_CONTAINER (box), dot);
  gtk_container_add (GTK_CONTAINER (box), label);
  gtk_style_context_add_class (gtk_widget_get_style_context (box), "picker-row");
  gtk_container_add (GTK_CONTAINER (row), box);

  /* A screen reader walks the rows, not the headers: the client goes into
   * the row's name. */
  if (customer != NULL)
    /* Translators: how a screen reader names a project of a client in the
     * project picker, e.g. “Website, client Acme” */
    accessible = g_strdup_printf (_("%s, client %s"), name, customer);
  atk_object_set_name (gtk_widget_get_accessible (row), accessible != NULL ? accessible : name);
  gtk_widget_show_all (row);

  return row;
}

static int
compare_names (StintProject *pa,
               StintProject *pb)
{
  return g_utf8_collate (stint_project_get_name (pa), stint_project_get_name (pb));
}

static int
compare_projects (gconstpointer a,
                  gconstpointer b)
{
  return compare_names (*(StintProject **)a, *(StintProject **)b);
}

/* Projects without a client first, then by client, then by name. */
static int
compare_grouped (gconstpointer a,
                 gconstpointer b)
{
  StintProject *pa = *(StintProject **)a;
  StintProject *pb = *(StintProject **)b;
  const char *ca = stint_project_get_customer_name (pa);
  const char *cb = stint_project_get_customer_name (pb);
  int by_customer;

  if ((ca == NULL) != (cb == NULL))
    return ca == NULL ? -1 : 1;

  by_customer = ca != NULL ? g_utf8_collate (ca, cb) : 0;
  if (by_customer == 0 && ca != NULL)
    by_customer = strcmp (ca, cb);

  return by_customer != 0 ? by_customer : compare_names (pa, pb);
}

/* A header above the first row of each client's group, wherever the search
 * starts it. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  StintProjectPicker *self = user_data;
  const char *group = row_group (row);
  GtkWidget *header;

  if (!self->grouped || group == NULL ||
      (before != NULL && g_strcmp0 (row_group (before), group) == 0))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (*group != '\0' ? group : _("No client"));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
  gtk_style_context_add_class (gtk_widget_get_style_context (header), "picker-header");
  gtk_style_context_add_class (gtk_widget_get_style_context (header), "dim-label");
  gtk_widget_show (header);
  gtk_list_box_row_set_header (row, header);
}

/* Rebuilt on every opening: a few dozen rows, and the projects may have
 * changed since (a sync, another window). */
static void
fill_list (StintProjectPicker *self)
{
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (self->list));
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = stint_tracker_get_projects (self->tracker);
  guint n = g_list_model_get_n_items (model);

  for (GList *l = children; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);

  self->grouped = FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StintProject) project = g_list_model_get_item (model, i);

      if (stint_project_get_active (project) || stint_project_get_id (project) == self->project_id)
        {
          self->grouped |= stint_project_get_customer_name (project) != NULL;
          g_ptr_array_add (projects, g_steal_pointer (&project));
        }
    }
  g_ptr_array_sort (projects, self->grouped ? compare_grouped : compare_projects);

  gtk_container_add (GTK_CONTAINER (self->list), make_row (0, _("No project"), NULL, NULL, TRUE));
  for (guint i = 0; i < projects->len; i++)
    {
      StintProject *project = g_ptr_array_index (projects, i);

      gtk_container_add (GTK_CONTAINER (self->list),
                         make_row (stint_project_get_id (project), stint_project_get_name (project),
                                   stint_project_get_color (project),
                                   stint_project_get_customer_name (project), FALSE));
    }
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  StintProjectPicker *self = user_data;
  g_autofree char *needle = g_utf8_casefold (g_strstrip (g_strdup (search_text (self))), -1);
  const char *name = g_object_get_data (G_OBJECT (row), "name");
  const char *customer = g_object_get_data (G_OBJECT (row), "customer");

  if (*needle == '\0')
    return TRUE;

  /* "No project" is no match for a search; a client's name finds its
   * projects. */
  return row_project_id (row) != 0 &&
         ((name != NULL && strstr (name, needle) != NULL) ||
          (customer != NULL && strstr (customer, needle) != NULL));
}

static GtkListBoxRow *
first_visible_row (StintProjectPicker *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
      return row;

  return NULL;
}

static void
update_create_button (StintProjectPicker *self)
{
  g_autofree char *name = g_strstrip (g_strdup (search_text (self)));
  g_autofree char *label = NULL;

  if (*name == '\0')
    {
      gtk_button_set_label (self->create_button, _("New project…"));
      gtk_widget_show (GTK_WIDGET (self->create_button));
      return;
    }

  /* An exact (case-blind) match needs no creating. */
  if (stint_tracker_find_project (self->tracker, name) != NULL)
    {
      gtk_widget_hide (GTK_WIDGET (self->create_button));
      return;
    }

  /* Translators: a button in the project picker */
  label = g_strdup_printf (_("Create project “%s”"), name);
  gtk_button_set_label (self->create_button, label);
  gtk_widget_show (GTK_WIDGET (self->create_button));
}

static void
choose (StintProjectPicker *self,
        gint64              project_id)
{
  stint_project_picker_set_project_id (self, project_id);
  g_signal_emit (self, signals[CHOSEN], 0, project_id);
  gtk_popover_popdown (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self)));
}

static void
create (StintProjectPicker *self,
        const char         *name)
{
  g_autoptr(StintProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = stint_tracker_create_project (self->tracker, name, NULL, &error);
  if (project == NULL)
    {
      show_error (self, error->message);
      return;
    }

  choose (self, stint_project_get_id (project));
}

static void
on_popover_show (StintProjectPicker *self)
{
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  gtk_entry_set_text (self->new_entry, "");
  gtk_revealer_set_reveal_child (self->new_revealer, FALSE);
  show_error (self, NULL);
  fill_list (self);
  update_create_button (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_search_changed (StintProjectPicker *self)
{
  gtk_list_box_invalidate_filter (self->list);
  update_create_button (self);
  show_error (self, NULL);
}

/* Enter takes the first match, or creates the project typed. */
static void
on_search_activate (StintProjectPicker *self)
{
  g_autofree char *name = g_strstrip (g_strdup (search_text (self)));
  StintProject *exact = *name != '\0' ? stint_tracker_find_project (self->tracker, name) : NULL;
  GtkListBoxRow *row;

  /* Enter may come before the search entry's delayed search-changed. */
  gtk_list_box_invalidate_filter (self->list);

  if (exact != NULL)
    choose (self, stint_project_get_id (exact));
  else if ((row = first_visible_row (self)) != NULL && *name != '\0')
    choose (self, row_project_id (row));
  else if (*name != '\0')
    create (self, name);
}

static void
on_stop_search (StintProjectPicker *self)
{
  gtk_popover_popdown (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self)));
}

static gboolean
on_search_key_press (StintProjectPicker *self,
                     GdkEventKey        *event)
{
  GtkListBoxRow *row;

  if (event->keyval != GDK_KEY_Down && event->keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  row = first_visible_row (self);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  return GDK_EVENT_STOP;
}

static void
on_row_activated (StintProjectPicker *self,
                  GtkListBoxRow      *row)
{
  choose (self, row_project_id (row));
}

static void
on_create_clicked (StintProjectPicker *self)
{
  g_autofree char *name = g_strstrip (g_strdup (search_text (self)));

  if (*name != '\0')
    {
      create (self, name);
      return;
    }

  gtk_revealer_set_reveal_child (self->new_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->new_entry));
}

static void
on_new_activate (StintProjectPicker *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (self->new_entry)));
  StintProject *existing = stint_tracker_find_project (self->tracker, name);

  if (existing != NULL)
    choose (self, stint_project_get_id (existing));
  else
    create (self, name);
}

static void
stint_project_picker_dispose (GObject *object)
{
  StintProjectPicker *self = (StintProjectPicker *)object;

  g_clear_object (&self->tracker);

  G_OBJECT_CLASS (stint_project_picker_parent_class)->dispose (object);
}

static void
stint_project_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StintProjectPicker *self = STINT_PROJECT_PICKER (object);

  switch (prop_id)
    {
    case PROP_PROJECT_ID:
      g_value_set_int64 (value, self->project_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_project_picker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StintProjectPicker *self = STINT_PROJECT_PICKER (object);

  switch (prop_id)
    {
    case PROP_PROJECT_ID:
      stint_project_picker_set_project_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_project_picker_class_init (StintProjectPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_project_picker_dispose;
  object_class->get_property = stint_project_picker_get_property;
  object_class->set_property = stint_project_picker_set_property;

  properties[PROP_PROJECT_ID] =
    g_param_spec_int64 ("project-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StintProjectPicker::chosen:
   * @project_id: what the user picked (0: no project)
   *
   * Only the user's choice, not stint_project_picker_set_project_id().
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (STINT_TYPE_PROJECT_DOT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-project-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, StintProjectPicker, none_image);
  gtk_widget_class_bind_template_child (widget_class, StintProjectPicker, dot);
  gtk_widget_class_bind_template_child (widget_class, StintProjectPicker, name_label);
  gtk_widget_class_bind_template_child (widget_class, StintProjectPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StintProjectPicker, list);
  gtk_widget_class_bind_template_child (widget_class, StintProjectPicker, create_button);
  gtk_widget_class_bind_template_child (widget_class, StintProjectPicker, new_revealer);
  gtk_widget_class_bind_template_child (widget_class, StintProjectPicker, new_entry);
  gtk_widget_class_bind_template_child (widget_class, StintProjectPicker, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_press);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_new_activate);
}

static void
stint_project_picker_init (StintProjectPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  gtk_list_box_set_header_func (self->list, update_header, self, NULL);
  update_button (self);
}

/* The projects come from @tracker; set once, before the picker is used. */
void
stint_project_picker_set_tracker (StintProjectPicker *self,
                                  StintTracker       *tracker)
{
  g_return_if_fail (STINT_IS_PROJECT_PICKER (self));
  g_return_if_fail (STINT_IS_TRACKER (tracker));

  g_set_object (&self->tracker, tracker);
  /* A project renamed or recoloured by a sync shows at once. */
  g_signal_connect_object (stint_tracker_get_projects (tracker), "items-changed",
                           G_CALLBACK (update_button), self, G_CONNECT_SWAPPED);
  update_button (self);
}

gint64
stint_project_picker_get_project_id (StintProjectPicker *self)
{
  g_return_val_if_fail (STINT_IS_PROJECT_PICKER (self), 0);
  return self->project_id;
}

void
stint_project_picker_set_project_id (StintProjectPicker *self,
                                     gint64              project_id)
{
  g_return_if_fail (STINT_IS_PROJECT_PICKER (self));

  if (self->project_id == project_id)
    return;

  self->project_id = project_id;
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}
