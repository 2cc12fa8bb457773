/* test-window.c: the window's list of recent entries
 *
 * Rows exist for what fills the window, not for every entry in its days;
 * breaks show as breaks and stay out of the totals; a change the server
 * refused offers Retry and Discard, wired to a real StintSync over the
 * in-memory fake service. Runs the real widgets on a display (inside
 * build-aux/desktop-session) with a manual clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-sync-fixture.h"

#include <gtk/gtk.h>

#include "ui/stint-entry-row.h"
#include "ui/stint-window.h"

#define DAY (24 * HOUR)

/* Windows need a registered application; one per process, and non-unique
 * keeps it off the bus. */
static GtkApplication *app;

/* --------------------------------------------------------------- helpers */

static void
flush_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_mapped (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
}

static gpointer
child_of (gpointer     widget,
          GType        type,
          const char  *name)
{
  gpointer child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* The rows are built in code: their parts are found by widget name. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  g_autoptr(GList) children = NULL;

  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  if (!GTK_IS_CONTAINER (widget))
    return NULL;

  children = gtk_container_get_children (GTK_CONTAINER (widget));
  for (GList *l = children; l != NULL; l = l->next)
    {
      GtkWidget *found = find_named (l->data, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_is_visible (widget);
}

static GtkListBox *
list_of (StintWindow *window)
{
  return child_of (window, STINT_TYPE_WINDOW, "recent_list");
}

static GtkListBoxRow *
row_at (StintWindow *window,
        int          index)
{
  return gtk_list_box_get_row_at_index (list_of (window), index);
}

static guint
n_rows (StintWindow *window)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (list_of (window)));

  return g_list_length (rows);
}

static const char *
name_of (gpointer widget)
{
  return atk_object_get_name (gtk_widget_get_accessible (GTK_WIDGET (widget)));
}

static StintWindow *
show_window (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  StintWindow *window = stint_window_new (app, f->tracker, settings);

  stint_window_set_sync (window, f->sync);
  gtk_widget_show (GTK_WIDGET (window));
  wait_mapped (GTK_WIDGET (window));
  flush_idle ();
  return window;
}

static void
close_window (StintWindow *window)
{
  gtk_widget_destroy (GTK_WIDGET (window));
  flush_idle ();
}

/* Writes entries straight to the store, in one transaction, as if synced. */
static void
insert_many (Fixture  *f,
             guint     n,
             gint64    first_start,
             gint64    step,
             gint64    length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_store_begin (f->store, &error));
  for (guint i = 0; i < n; i++)
    {
      gint64 start_time = first_start - (gint64)i * step;
      g_autoptr(StintEntry) entry = stint_test_entry_new ("Bulk", start_time, start_time + length);

      g_assert_true (stint_store_insert_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
    }
  g_assert_true (stint_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static StintEntry *
insert_one (Fixture    *f,
            const char *description,
            gint64      start_time,
            gint64      stop_time,
            gboolean    is_break)
{
  g_autoptr(GError) error = NULL;
  StintEntry *entry = stint_test_entry_new (description, start_time, stop_time);

  stint_entry_set_break (entry, is_break);
  g_assert_true (stint_store_insert_entry (f->store, entry, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);
  return entry;
}

static void
reload (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_tracker_reload (f->tracker, &error));
  g_assert_no_error (error);
}

static guint
n_recent (Fixture *f)
{
  return g_list_model_get_n_items (stint_tracker_get_recent (f->tracker));
}

/* The header of the day @row begins, as a screen reader hears it. */
static const char *
day_heading (GtkListBoxRow *row)
{
  GtkWidget *header = gtk_list_box_row_get_header (row);

  g_assert_nonnull (header);
  return name_of (header);
}

/* ------------------------------------------------------------ row count */

static void
test_rows_bounded (Fixture       *f,
                   gconstpointer  data)
{
  StintWindow *window;
  GtkAdjustment *adjustment;
  guint first, later;

  /* 2,000 one-minute entries back to back, the newest from 06:59 (T0 is
   * 09:00), so 420 of them today and the rest yesterday and before; and
   * a one-minute break at 07:00. */
  insert_many (f, 2000, T0 - 2 * HOUR - 60, 60, 60);
  g_autoptr(StintEntry) pause = insert_one (f, "Coffee", T0 - 2 * HOUR, T0 - 2 * HOUR + 60, TRUE);
  reload (f);
  g_assert_cmpuint (n_recent (f), ==, 2001);

  window = show_window (f);
  gtk_window_resize (GTK_WINDOW (window), 420, 560);
  flush_idle ();

  /* Rows for the first screen and some more, not 2,001. */
  first = n_rows (window);
  g_assert_cmpuint (first, >=, 10);
  g_assert_cmpuint (first, <=, 40);

  /* The day's total counts the entries below the last row too, and not
   * the break: seven hours of one-minute entries. */
  g_assert_cmpstr (day_heading (row_at (window, 0)), ==, "Today, total 7:00");

  /* Scrolling near the end makes more rows, a step at a time. */
  adjustment = gtk_scrolled_window_get_vadjustment (child_of (window, STINT_TYPE_WINDOW, "scrolled"));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  flush_idle ();
  later = n_rows (window);
  g_assert_cmpuint (later, >, first);
  g_assert_cmpuint (later, <=, first + 80);
  g_assert_cmpuint (n_recent (f), ==, 2001);

  /* Closing is as quick as opening: nothing waits on the 2,001 entries. */
  close_window (window);
}

/* A new entry above a full slice pushes the last row out; the rows left
 * keep their entries in order. */
static void
test_rows_follow_changes (Fixture       *f,
                          gconstpointer  data)
{
  StintWindow *window;
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  insert_many (f, 300, T0 - 2 * HOUR, 60, 30);
  reload (f);
  window = show_window (f);
  before = n_rows (window);
  g_assert_cmpuint (before, <, 300);

  entry = stint_tracker_start (f->tracker, "Newest", 0, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&entry);
  advance (f, 10 * MINUTE);
  entry = stint_tracker_stop (f->tracker, &error);
  g_assert_no_error (error);
  flush_idle ();

  g_assert_cmpuint (n_recent (f), ==, 301);
  g_assert_cmpuint (n_rows (window), ==, before);
  g_assert_cmpint (stint_entry_get_id (stint_entry_row_get_entry (STINT_ENTRY_ROW (row_at (window, 0)))),
                   ==, stint_entry_get_id (entry));
  for (guint i = 1; i < before; i++)
    {
      g_autoptr(StintEntry) item = g_list_model_get_item (stint_tracker_get_recent (f->tracker), i);

      g_assert_true (stint_entry_row_get_entry (STINT_ENTRY_ROW (row_at (window, i))) == item);
    }

  close_window (window);
}

/* ---------------------------------------------------------------- breaks */

static void
test_break_row (Fixture       *f,
                gconstpointer  data)
{
  StintWindow *window;
  GtkListBoxRow *row;
  g_autoptr(StintEntry) work = insert_one (f, "Write", T0 - 3 * HOUR, T0 - HOUR, FALSE);
  g_autoptr(StintEntry) pause = insert_one (f, "Lunch", T0 - HOUR, T0 - HOUR / 2, TRUE);

  reload (f);
  window = show_window (f);

  /* The break says so where a project would be, for eyes and ears. */
  row = row_at (window, 0);
  g_assert_true (stint_entry_row_get_entry (STINT_ENTRY_ROW (row)) != NULL);
  g_assert_true (stint_entry_get_break (stint_entry_row_get_entry (STINT_ENTRY_ROW (row))));
  g_assert_cmpstr (name_of (row), ==, "Lunch, break, 08:00 to 08:30, 0:30");
  g_assert_cmpstr (name_of (row_at (window, 1)), ==, "Write, 06:00 to 08:00, 2:00");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (row), "project-label"))),
                   ==, "Break");

  /* Time off is not time worked. */
  g_assert_cmpstr (day_heading (row), ==, "Today, total 2:00");

  /* Made work again, it counts. */
  stint_entry_set_break (pause, FALSE);
  g_assert_true (stint_tracker_update (f->tracker, pause, NULL));
  flush_idle ();
  /* (and waits to go to the server) */
  g_assert_true (g_str_has_prefix (name_of (row_at (window, 0)), "Lunch, 08:00 to 08:30, 0:30"));
  g_assert_cmpstr (day_heading (row_at (window, 0)), ==, "Today, total 2:30");

  close_window (window);
}

/* ------------------------------------------------------- sync state, refusals */

static void
test_row_sync_state (Fixture       *f,
                     gconstpointer  data)
{
  StintWindow *window;
  GtkListBoxRow *row;
  GtkWidget *image;
  StintEntry *entry;
  g_autoptr(StintEntry) inserted = insert_one (f, "Shared", T0 - 2 * HOUR, T0 - HOUR, FALSE);

  reload (f);
  window = show_window (f);
  row = row_at (window, 0);
  entry = stint_entry_row_get_entry (STINT_ENTRY_ROW (row));
  g_assert_false (shown (find_named (GTK_WIDGET (row), "sync-image")));

  stint_entry_set_sync_state (entry, STINT_SYNC_STATE_PENDING, NULL);
  image = find_named (GTK_WIDGET (row), "sync-image");
  g_assert_true (shown (image));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (image), ==, "Waiting to sync");
  g_assert_true (g_str_has_suffix (name_of (row), ", waiting to sync"));
  g_assert_false (shown (find_named (GTK_WIDGET (row), "retry-button")));

  /* A refusal shows the server's own sentence, and what to do about it. */
  stint_entry_set_sync_state (entry, STINT_SYNC_STATE_FAILED, "The project was archived.");
  g_assert_true (shown (image));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (image), ==, "The project was archived.");
  g_assert_true (g_str_has_suffix (name_of (row), ", The project was archived."));
  g_assert_true (shown (find_named (GTK_WIDGET (row), "retry-button")));
  g_assert_cmpstr (name_of (find_named (GTK_WIDGET (row), "retry-button")), ==,
                   "Retry syncing “Shared”");
  g_assert_cmpstr (name_of (find_named (GTK_WIDGET (row), "discard-button")), ==,
                   "Discard the refused change to “Shared”");

  stint_entry_set_sync_state (entry, STINT_SYNC_STATE_SYNCED, NULL);
  g_assert_false (shown (image));
  g_assert_false (shown (find_named (GTK_WIDGET (row), "retry-button")));

  close_window (window);
}

static void
refuse_next (Fixture    *f,
             guint       status,
             const char *sentence)
{
  StintApiMeta meta = STINT_API_META_INIT;

  meta.status = status;
  stint_fake_backend_push_error (f->server, STINT_API_ERROR_INVALID, sentence, &meta);
}

/* An entry made here whose create the server refuses. */
static StintEntry *
refused_create (Fixture    *f,
                const char *description)
{
  g_autoptr(StintEntry) entry = NULL;

  start (f);
  refuse_next (f, 422, "Toggl refused the change: start is too far in the past.");
  entry = insert_finished (f, description, T0 - 3 * HOUR);
  stint_sync_push (f->sync);
  settle (f);
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 1);
  reload (f);
  g_assert_cmpuint (n_recent (f), ==, 1);

  return g_steal_pointer (&entry);
}

static GtkWidget *
refusal_button (StintWindow *window,
                const char  *name)
{
  GtkWidget *button = find_named (GTK_WIDGET (row_at (window, 0)), name);

  g_assert_true (shown (button));
  return button;
}

static GtkDialog *
open_dialog (StintWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return l->data;

  return NULL;
}

static char *
dialog_text (GtkDialog *dialog)
{
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;

  g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
  return g_strdup_printf ("%s %s", text, secondary);
}

static void
test_retry (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(StintEntry) entry = refused_create (f, "Too old");
  g_autoptr(StintEntry) stored = NULL;
  g_autoptr(GPtrArray) server = NULL;
  StintWindow *window = show_window (f);
  GtkLabel *error_label = child_of (window, STINT_TYPE_WINDOW, "error_label");

  /* Without an account, Retry says why nothing happens. */
  stint_window_set_sync (window, NULL);
  gtk_button_clicked (GTK_BUTTON (refusal_button (window, "retry-button")));
  g_assert_true (gtk_widget_get_visible (child_of (window, STINT_TYPE_WINDOW, "error_bar")));
  g_assert_true (strstr (gtk_label_get_text (error_label), "not connected to Toggl") != NULL);
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 1);

  /* With it, the change goes again, and this time the server takes it. */
  stint_window_set_sync (window, f->sync);
  stint_fake_backend_clear_log (f->server);
  gtk_button_clicked (GTK_BUTTON (refusal_button (window, "retry-button")));
  settle (f);
  assert_log (f, "create");
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 0);
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
  g_assert_false (shown (find_named (GTK_WIDGET (row_at (window, 0)), "retry-button")));
  g_assert_false (shown (find_named (GTK_WIDGET (row_at (window, 0)), "sync-image")));
  server = stint_fake_backend_get_entries (f->server);
  g_assert_cmpuint (server->len, ==, 1);

  close_window (window);
}

static void
test_discard_new (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintEntry) entry = refused_create (f, "Too old");
  g_autoptr(GPtrArray) server = NULL;
  g_autofree char *text = NULL;
  StintWindow *window = show_window (f);
  GtkDialog *dialog;

  /* Asked first, in words that say the entry goes for good. */
  gtk_button_clicked (GTK_BUTTON (refusal_button (window, "discard-button")));
  dialog = open_dialog (window);
  g_assert_nonnull (dialog);
  text = dialog_text (dialog);
  g_assert_cmpstr (text, ==, "Discard “Too old”? Toggl never received this entry, so discarding "
                             "it deletes it from this computer. It cannot be brought back.");

  /* Cancel keeps it, refused as it was. */
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
  flush_idle ();
  g_assert_null (open_dialog (window));
  g_assert_cmpuint (n_recent (f), ==, 1);
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 1);

  /* Confirmed, it goes from the list and the store, and never reaches Toggl. */
  gtk_button_clicked (GTK_BUTTON (refusal_button (window, "discard-button")));
  stint_fake_backend_clear_log (f->server);
  gtk_dialog_response (open_dialog (window), GTK_RESPONSE_ACCEPT);
  settle (f);
  g_assert_cmpuint (n_recent (f), ==, 0);
  g_assert_cmpuint (n_rows (window), ==, 0);
  g_assert_null (stint_store_load_entry (f->store, stint_entry_get_id (entry), NULL));
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 0);
  assert_log (f, "");
  server = stint_fake_backend_get_entries (f->server);
  g_assert_cmpuint (server->len, ==, 0);

  close_window (window);
}

static void
test_discard_edit (Fixture       *f,
                   gconstpointer  data)
{
  gint64 sid = server_entry (f, "As on Toggl", T0 - 3 * HOUR, T0 - 2 * HOUR);
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) stored = NULL;
  g_autofree char *text = NULL;
  StintWindow *window;
  GtkListBoxRow *row;

  start (f);
  entry = local_by_server_id (f, sid);
  refuse_next (f, 400, "Toggl refused the change: the description is too long.");
  edit_description (f, stint_entry_get_id (entry), "Far too long");
  settle (f);
  g_assert_cmpuint (stint_sync_get_failed (f->sync), ==, 1);
  window = show_window (f);
  row = row_at (window, 0);
  g_assert_true (g_str_has_prefix (name_of (row), "Far too long, "));

  /* The question says the local change goes and Toggl's version stays. */
  gtk_button_clicked (GTK_BUTTON (refusal_button (window, "discard-button")));
  text = dialog_text (open_dialog (window));
  g_assert_true (g_str_has_prefix (text, "Discard your changes to “Far too long”? "));
  g_assert_true (strstr (text, "shows as it is on Toggl") != NULL);

  /* Offline, the row says what it waits for instead of asking again. */
  set_online (f, FALSE);
  gtk_dialog_response (open_dialog (window), GTK_RESPONSE_ACCEPT);
  settle (f);
  g_assert_false (shown (find_named (GTK_WIDGET (row), "retry-button")));
  g_assert_false (shown (find_named (GTK_WIDGET (row), "discard-button")));

  /* Back online, Toggl's version is read back and shown. */
  set_online (f, TRUE);
  advance (f, MAX (stint_sync_get_next_attempt_at (f->sync) - stint_clock_now (f->clock), 0));
  settle (f);
  stored = local (f, stint_entry_get_id (entry));
  g_assert_cmpstr (stint_entry_get_description (stored), ==, "As on Toggl");
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
  row = row_at (window, 0);
  g_assert_true (g_str_has_prefix (name_of (row), "As on Toggl, "));
  g_assert_false (shown (find_named (GTK_WIDGET (row), "sync-image")));
  g_assert_false (shown (find_named (GTK_WIDGET (row), "retry-button")));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Not stint_test_init(): isolated XDG dirs would hide the MIME database
   * GTK's image loaders need. The desktop session already gives this
   * process private XDG folders. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init (&argc, &argv);
  app = gtk_application_new (APP_ID ".WindowTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

#define ADD(path, fn) g_test_add ("/stint/window/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("rows-bounded", test_rows_bounded);
  ADD ("rows-follow-changes", test_rows_follow_changes);
  ADD ("break-row", test_break_row);
  ADD ("row-sync-state", test_row_sync_state);
  ADD ("retry", test_retry);
  ADD ("discard-new", test_discard_new);
  ADD ("discard-edit", test_discard_edit);

  return g_test_run ();
}
