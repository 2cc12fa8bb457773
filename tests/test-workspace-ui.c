/* test-workspace-ui.c: what a workspace's data changes in the window: the
 * project picker grouped by client, and billable offered only where the
 * workspace's plan has it
 *
 * Runs the real widgets on a display (inside build-aux/desktop-session),
 * on a store filled as a pull from Toggl Track would fill it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "core/stint-tracker.h"
#include "ui/stint-entry-editor.h"
#include "ui/stint-project-dot.h"
#include "ui/stint-project-picker.h"
#include "ui/stint-timer-bar.h"
#include "stint-test-ui-utils.h"

/* 2026-11-23 09:00:30 UTC */
#define T0 ((gint64)1795424430)
#define TRACK "track:1001"
#define PAID_WS 5001
#define FREE_WS 5002

typedef struct
{
  char         *dir;
  StintStore   *store;
  StintClock   *clock;
  StintTracker *tracker;
  GtkWidget    *window;
  GtkWidget    *bar;
  char         *error;     /* the timer bar's last sentence */
} Fixture;

static void
add_customer (GPtrArray  *customers,
              gint64      server_id,
              const char *name)
{
  StintCustomer *customer = stint_customer_new (0, name);

  stint_customer_set_server_id (customer, server_id);
  stint_customer_set_workspace_id (customer, PAID_WS);
  g_ptr_array_add (customers, customer);
}

static void
pull_project (Fixture    *f,
              gint64      server_id,
              const char *name,
              const char *color,
              gint64      customer_server_id,
              gboolean    active)
{
  g_autoptr(StintProject) project = stint_project_new (0, name, color);
  g_autoptr(GError) error = NULL;

  stint_project_set_server_id (project, server_id);
  stint_project_set_workspace_id (project, PAID_WS);
  stint_project_set_customer_id (project, customer_server_id);
  stint_project_set_active (project, active);
  g_assert_true (stint_store_apply_pulled_project (f->store, project, &error));
  g_assert_no_error (error);
}

/* The account's workspaces; @current is where new entries go. */
static void
set_workspaces (Fixture *f,
                gint64   current)
{
  static const StintStoreWorkspace workspaces[] = {
    { PAID_WS, "Starter", TRUE },
    { FREE_WS, "Free", FALSE },
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_store_replace_workspaces (f->store, workspaces, G_N_ELEMENTS (workspaces),
                                                 current, &error));
  g_assert_no_error (error);
}

static void
on_bar_error (StintTimerBar *bar,
              const char    *message,
              Fixture       *f)
{
  g_free (f->error);
  f->error = g_strdup (message);
}

/* A Toggl Track account, as its first pull leaves it: two clients, projects
 * with and without one, new entries going to the free workspace. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  f->dir = stint_test_make_tmpdir ();
  f->tracker = stint_test_tracker_new (f->dir, T0, &f->store, &f->clock);

  if (data == NULL)
    {
      stint_test_set_account (f->store, TRACK);
      add_customer (customers, 301, "Globex");
      add_customer (customers, 302, "Acme");
      g_assert_true (stint_store_replace_customers (f->store, customers, &error));
      g_assert_no_error (error);
      pull_project (f, 201, "Website", "#3584e4", 302, TRUE);
      pull_project (f, 202, "Reports", "#e66100", 301, TRUE);
      pull_project (f, 203, "Internal", "#2ec27e", 0, TRUE);
      pull_project (f, 204, "Zeta", "#c061cb", 302, TRUE);
      pull_project (f, 205, "Retired", "#77767b", 302, FALSE);
      set_workspaces (f, FREE_WS);
      /* What the sync has the tracker do after a pull. */
      g_assert_true (stint_tracker_reload (f->tracker, &error));
      g_assert_no_error (error);
    }

  f->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  f->bar = g_object_new (STINT_TYPE_TIMER_BAR, NULL);
  stint_timer_bar_set_tracker (STINT_TIMER_BAR (f->bar), f->tracker);
  g_signal_connect (f->bar, "error", G_CALLBACK (on_bar_error), f);
  gtk_container_add (GTK_CONTAINER (f->window), f->bar);
  gtk_widget_show_all (f->window);
  STINT_TEST_WAIT_FOR (gtk_widget_get_mapped (f->window));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  gtk_widget_destroy (f->window);
  stint_test_flush ();
  g_clear_object (&f->tracker);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->error, g_free);
  stint_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gpointer
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  gpointer child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* ----------------------------------------------------------- the picker */

static StintProjectPicker *
open_picker (Fixture *f)
{
  StintProjectPicker *picker = child_of (f->bar, STINT_TYPE_TIMER_BAR, "project_picker");

  gtk_popover_popup (gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker)));
  stint_test_flush ();
  return picker;
}

static void
search (StintProjectPicker *picker,
        const char         *text)
{
  GtkWidget *entry = child_of (picker, STINT_TYPE_PROJECT_PICKER, "search_entry");

  gtk_entry_set_text (GTK_ENTRY (entry), text);
  /* GtkSearchEntry waits before it says; say it now. */
  g_signal_emit_by_name (entry, "search-changed");
}

/* The list as the user sees it: each visible row as "Header / accessible
 * name", or just its accessible name when it has no header. */
static char *
describe_list (StintProjectPicker *picker)
{
  GtkListBox *list = child_of (picker, STINT_TYPE_PROJECT_PICKER, "list");
  g_autoptr(GString) text = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      GtkWidget *header = gtk_list_box_row_get_header (row);

      if (!gtk_widget_get_child_visible (GTK_WIDGET (row)))
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      if (header != NULL)
        g_string_append_printf (text, "%s / ", gtk_label_get_text (GTK_LABEL (header)));
      g_string_append (text, atk_object_get_name (gtk_widget_get_accessible (GTK_WIDGET (row))));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_picker_grouped (Fixture       *f,
                     gconstpointer  data)
{
  StintProjectPicker *picker = open_picker (f);
  GtkListBox *list = child_of (picker, STINT_TYPE_PROJECT_PICKER, "list");
  GtkWidget *search_entry = child_of (picker, STINT_TYPE_PROJECT_PICKER, "search_entry");
  GtkWidget *create = child_of (picker, STINT_TYPE_PROJECT_PICKER, "create_button");
  g_autofree char *all = describe_list (picker);
  g_autofree char *by_client = NULL;
  g_autofree char *by_project = NULL;
  StintProject *website;

  /* No project; then those without a client; then each client by name,
   * its projects by name, the archived one left out. */
  g_assert_cmpstr (all, ==,
                   "No project; "
                   "No client / Internal; "
                   "Acme / Website, client Acme; Zeta, client Acme; "
                   "Globex / Reports, client Globex");

  /* Every project keeps its colour dot; "No project" has none to show. */
  for (int i = 0; i < 5; i++)
    {
      GtkWidget *box = gtk_bin_get_child (GTK_BIN (gtk_list_box_get_row_at_index (list, i)));
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (box));

      g_assert_true (STINT_IS_PROJECT_DOT (children->data));
      g_assert_cmpfloat (gtk_widget_get_opacity (children->data), ==, i == 0 ? 0 : 1);
    }

  /* A client's name finds its projects, under its header. */
  search (picker, "acm");
  by_client = describe_list (picker);
  g_assert_cmpstr (by_client, ==, "Acme / Website, client Acme; Zeta, client Acme");

  /* A project's name too, with its header even as the first row shown. */
  search (picker, "PORT");
  by_project = describe_list (picker);
  g_assert_cmpstr (by_project, ==, "Globex / Reports, client Globex");

  /* Creating stays right there for a name nobody has. */
  search (picker, "Acme website");
  g_assert_true (gtk_widget_get_visible (create));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (create)), ==, "Create project “Acme website”");

  /* Enter on a client's name takes its first project. */
  search (picker, "acme");
  g_signal_emit_by_name (search_entry, "activate");
  website = stint_tracker_find_project (f->tracker, "Website");
  g_assert_cmpint (stint_project_picker_get_project_id (picker), ==,
                   stint_project_get_id (website));
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (GTK_WIDGET (picker))), ==,
                   "Project: Website");

  /* Opened again, the search starts over; "New project…" is still offered. */
  picker = open_picker (f);
  g_clear_pointer (&all, g_free);
  all = describe_list (picker);
  g_assert_true (g_str_has_prefix (all, "No project; No client / Internal; Acme / Website"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (create)), ==, "New project…");
}

/* Local mode knows no clients: one plain list, as before, no headers. */
static void
test_picker_without_clients (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(StintProject) zoo = NULL;
  g_autoptr(StintProject) attic = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  StintProjectPicker *picker;

  zoo = stint_tracker_create_project (f->tracker, "Zoo", NULL, &error);
  attic = stint_tracker_create_project (f->tracker, "Attic", NULL, &error);
  g_assert_no_error (error);

  picker = open_picker (f);
  all = describe_list (picker);
  g_assert_cmpstr (all, ==, "No project; Attic; Zoo");
}

/* ------------------------------------------------------------- billable */

static GtkWidget *
open_editor (Fixture    *f,
             StintEntry *entry)
{
  GtkWidget *editor = stint_entry_editor_new (f->tracker, entry, f->bar);

  gtk_popover_popup (GTK_POPOVER (editor));
  stint_test_flush ();
  return editor;
}

static StintEntry *
stored_entry (Fixture *f,
              gint64   workspace_id,
              gboolean billable)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Call", T0 - 7200, T0 - 3600);
  g_autoptr(GError) error = NULL;

  stint_entry_set_workspace_id (entry, workspace_id);
  stint_entry_set_billable (entry, billable);
  GListModel *recent = stint_tracker_get_recent (f->tracker);

  g_assert_true (stint_store_insert_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  g_assert_true (stint_tracker_reload (f->tracker, &error));
  g_assert_no_error (error);

  /* The tracker's own object, as the window's rows hold it. */
  for (guint i = 0; i < g_list_model_get_n_items (recent); i++)
    {
      g_autoptr(StintEntry) item = g_list_model_get_item (recent, i);

      if (stint_entry_get_id (item) == stint_entry_get_id (entry))
        return g_steal_pointer (&item);
    }

  g_assert_not_reached ();
}

/* Enter in a field saves, as the user would. */
static void
save (GtkWidget *editor)
{
  g_signal_emit_by_name (child_of (editor, STINT_TYPE_ENTRY_EDITOR, "description_entry"),
                         "activate");
}

static void
test_billable_editor (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StintEntry) free_entry = stored_entry (f, FREE_WS, TRUE);
  g_autoptr(StintEntry) loaded = NULL;
  g_autoptr(StintEntry) paid = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;

  /* Billable from before the plan changed: hidden, and kept on save. */
  editor = open_editor (f, free_entry);
  g_assert_false (gtk_widget_get_visible (child_of (editor, STINT_TYPE_ENTRY_EDITOR,
                                                    "billable_switch")));
  g_assert_false (gtk_widget_get_visible (child_of (editor, STINT_TYPE_ENTRY_EDITOR,
                                                    "billable_label")));
  gtk_entry_set_text (child_of (editor, STINT_TYPE_ENTRY_EDITOR, "description_entry"), "Call back");
  save (editor);
  loaded = stint_store_load_entry (f->store, stint_entry_get_id (free_entry), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (loaded), ==, "Call back");
  g_assert_true (stint_entry_get_billable (loaded));

  /* The paid workspace's entries have the switch, and it works. */
  paid = stored_entry (f, PAID_WS, FALSE);
  editor = open_editor (f, paid);
  g_assert_true (gtk_widget_get_visible (child_of (editor, STINT_TYPE_ENTRY_EDITOR,
                                                   "billable_switch")));
  gtk_switch_set_active (child_of (editor, STINT_TYPE_ENTRY_EDITOR, "billable_switch"), TRUE);
  save (editor);
  g_clear_object (&loaded);
  loaded = stint_store_load_entry (f->store, stint_entry_get_id (paid), &error);
  g_assert_no_error (error);
  g_assert_true (stint_entry_get_billable (loaded));

  /* An entry not yet sent has the workspace new entries go to: free. */
  {
    g_autoptr(StintEntry) fresh = stored_entry (f, 0, FALSE);

    editor = open_editor (f, fresh);
    g_assert_false (gtk_widget_get_visible (child_of (editor, STINT_TYPE_ENTRY_EDITOR,
                                                      "billable_switch")));
    gtk_widget_destroy (editor);
  }
}

/* Local mode has no plan to ask: the switch is always there. */
static void
test_billable_local (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StintEntry) entry = stored_entry (f, 0, FALSE);
  GtkWidget *editor = open_editor (f, entry);
  GtkEntry *description = child_of (f->bar, STINT_TYPE_TIMER_BAR, "description_entry");
  StintEntry *running;

  g_assert_true (gtk_widget_get_visible (child_of (editor, STINT_TYPE_ENTRY_EDITOR,
                                                   "billable_switch")));
  gtk_widget_destroy (editor);

  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (description)), "$"));
  gtk_entry_set_text (description, "Invoice work $");
  g_signal_emit_by_name (description, "activate");
  running = stint_tracker_get_running (f->tracker);
  g_assert_nonnull (running);
  g_assert_true (stint_entry_get_billable (running));
  g_assert_null (f->error);
}

static void
test_billable_quick (Fixture       *f,
                     gconstpointer  data)
{
  GtkEntry *description = child_of (f->bar, STINT_TYPE_TIMER_BAR, "description_entry");
  g_autofree char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (description));
  g_autoptr(StintEntry) stopped = NULL;
  g_autoptr(GError) error = NULL;
  StintEntry *running;

  /* The free workspace: the hint does not offer "$"... */
  g_assert_null (strstr (tooltip, "$"));

  /* ...and a "$" typed anyway does not hold the timer up: it runs, without
   * billable, and a sentence says why. */
  gtk_entry_set_text (description, "Client call $");
  g_signal_emit_by_name (description, "activate");
  running = stint_tracker_get_running (f->tracker);
  g_assert_nonnull (running);
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Client call");
  g_assert_false (stint_entry_get_billable (running));
  g_assert_nonnull (f->error);
  g_assert_nonnull (strstr (f->error, "no billable time"));
  g_clear_pointer (&f->error, g_free);

  /* The same while tracking: the running entry stays as it is. */
  gtk_entry_set_text (description, "Client call, part two $");
  g_signal_emit_by_name (description, "activate");
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Client call, part two");
  g_assert_false (stint_entry_get_billable (running));
  g_assert_nonnull (f->error);
  g_clear_pointer (&f->error, g_free);

  stopped = stint_tracker_stop (f->tracker, &error);
  g_assert_no_error (error);

  /* New entries going to the paid workspace (a pull said so): "$" is back
   * in the hint, and works. */
  set_workspaces (f, PAID_WS);
  g_assert_true (stint_tracker_reload (f->tracker, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tooltip, g_free);
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (description));
  g_assert_nonnull (strstr (tooltip, "$ (billable)"));
  gtk_entry_set_text (description, "Client call $");
  g_signal_emit_by_name (description, "activate");
  running = stint_tracker_get_running (f->tracker);
  g_assert_true (stint_entry_get_billable (running));
  g_assert_null (f->error);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init_gtk (&argc, &argv);

#define ADD(path, local, func) \
  g_test_add ("/stint/workspace-ui/" path, Fixture, local, setup, func, teardown)

  ADD ("picker-grouped", NULL, test_picker_grouped);
  ADD ("picker-without-clients", "local", test_picker_without_clients);
  ADD ("billable-editor", NULL, test_billable_editor);
  ADD ("billable-local", "local", test_billable_local);
  ADD ("billable-quick", NULL, test_billable_quick);

#undef ADD

  return g_test_run ();
}
