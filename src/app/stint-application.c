/* stint-application.c: the single instance that wires Stint together
 *
 * One process per session (GApplication uniqueness on D-Bus). Command-line
 * verbs become actions on that instance, so `stint --toggle` bound to any
 * desktop's shortcut does what the tray does. `--status` is the exception:
 * it reads the database directly and never starts or wakes the app
 * (stint-application-options.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-application"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-application-private.h"
#include "ui/stint-indicator.h"
#include "ui/stint-window.h"

/* How long the account and the nudges wait for the tray to register. */
#define STARTUP_REST_TIMEOUT_SECONDS 2

G_DEFINE_FINAL_TYPE (StintApplication, stint_application, GTK_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_fatal_response (GtkDialog *dialog,
                   int        response,
                   gpointer   user_data)
{
  GApplication *app = G_APPLICATION (user_data);

  gtk_widget_destroy (GTK_WIDGET (dialog));
  g_application_release (app);
  g_application_quit (app);
}

static void
show_message (StintApplication *self,
              GtkMessageType    type,
              const char       *summary,
              const char       *details,
              gboolean          fatal)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (self->window, GTK_DIALOG_DESTROY_WITH_PARENT,
                                   type, GTK_BUTTONS_CLOSE, "%s", summary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", details);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Stint"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));

  if (fatal)
    {
      g_application_hold (G_APPLICATION (self));
      g_signal_connect (dialog, "response", G_CALLBACK (on_fatal_response), self);
    }
  else
    g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);

  gtk_widget_show (dialog);
}

void
stint_application_report_error (StintApplication *self,
                                 const char       *summary,
                                 const GError     *error)
{
  g_return_if_fail (STINT_IS_APPLICATION (self));

  g_message ("%s: %s", summary, error->message);
  show_message (self, GTK_MESSAGE_ERROR, summary, error->message, FALSE);
}

/* A damaged or unreadable database is moved aside (never deleted) and Stint
 * starts on a fresh one; one from a newer Stint is left alone and Stint
 * stops, because writing to it could lose what that version keeps. */
static StintStore *
open_store (StintApplication *self)
{
  g_autofree char *path = stint_store_default_path ();
  g_autofree char *moved = NULL;
  g_autofree char *details = NULL;
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) move_error = NULL;

  store = stint_store_open (path, &error);
  if (store != NULL)
    return g_steal_pointer (&store);

  g_message ("%s", error->message);

  if (g_error_matches (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NEWER_SCHEMA))
    {
      show_message (self, GTK_MESSAGE_ERROR, _("Stint cannot use its database"),
                    error->message, TRUE);
      return NULL;
    }

  moved = stint_store_move_aside (path, &move_error);
  if (moved != NULL)
    {
      g_clear_error (&move_error);
      store = stint_store_open (path, &move_error);
    }

  if (store == NULL)
    {
      details = g_strdup_printf (_("%s\n\nStint could not start a new database either: %s"),
                                 error->message, move_error->message);
      g_message ("%s", move_error->message);
      show_message (self, GTK_MESSAGE_ERROR, _("Stint cannot use its database"), details, TRUE);
      return NULL;
    }

  details = g_strdup_printf (_("%s\n\nStint kept the old file as %s and started a new, empty "
                               "database. Nothing was deleted."),
                             error->message, moved);
  g_message ("Moved the unreadable database to %s", moved);
  show_message (self, GTK_MESSAGE_WARNING, _("Stint’s database could not be read"), details, FALSE);

  return g_steal_pointer (&store);
}

/* The tray says when changes wait or cannot reach the account. */
static void
indicator_follow_sync (StintApplication *self)
{
  if (self->indicator != NULL)
    stint_indicator_set_sync (self->indicator, self->sync);
}

/* Stint's CSS styles its windows only; the tray does without, so it is
 * read when the first window comes rather than on the way to the tray. */
static void
load_style (GtkApplication *app,
            GtkWindow      *window)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  g_signal_handlers_disconnect_by_func (app, load_style, NULL);
  gtk_css_provider_load_from_resource (css, "/io/github/stintapp/Stint/ui/style.css");
  gtk_style_context_add_provider_for_screen (gtk_widget_get_screen (GTK_WIDGET (window)),
                                             GTK_STYLE_PROVIDER (css),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* What start-up left for later; runs once, from the idle callback or from
 * whatever needs the account or the nudges first. */
void
stint_application_finish_startup (StintApplication *self)
{
  g_return_if_fail (STINT_IS_APPLICATION (self));

  g_clear_handle_id (&self->startup_rest_id, g_source_remove);
  if (self->started || self->tracker == NULL)
    return;

  self->started = TRUE;
  stint_application_init_account (self);
  stint_application_init_nudges (self);
}

static gboolean
finish_startup_later (gpointer user_data)
{
  StintApplication *self = user_data;

  self->startup_rest_id = 0;
  stint_application_finish_startup (self);

  return G_SOURCE_REMOVE;
}

/* The tray item is registered (or the watcher refused it): what waited for
 * it goes next, once the main loop has answered the panel's first calls. */
static void
on_tray_connection_changed (StintApplication *self)
{
  if (self->started)
    return;

  g_clear_handle_id (&self->startup_rest_id, g_source_remove);
  self->startup_rest_id = g_idle_add_full (G_PRIORITY_LOW, finish_startup_later, self, NULL);
}

static void
stint_application_startup (GApplication *app)
{
  StintApplication *self = STINT_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  const char *icon_dir = g_getenv ("STINT_ICON_DIR");

  G_APPLICATION_CLASS (stint_application_parent_class)->startup (app);

  /* Running from the build tree: find our icons beside the sources. */
  if (icon_dir != NULL && *icon_dir != '\0')
    gtk_icon_theme_append_search_path (gtk_icon_theme_get_default (), icon_dir);
  gtk_window_set_default_icon_name (APP_ID);

  g_signal_connect (app, "window-added", G_CALLBACK (load_style), NULL);

  self->settings = g_settings_new (APP_ID);
  self->clock = stint_clock_new_system ();
  stint_application_init_actions (self);

  /* The tray is the application: it stays up with no window open. */
  g_application_hold (app);

  self->store = open_store (self);
  if (self->store == NULL)
    {
      stint_application_update_actions (self);
      return;
    }

  self->tracker = stint_tracker_new (self->store, self->clock,
                                     g_settings_get_int (self->settings, "recent-days"), &error);
  if (self->tracker == NULL)
    {
      show_message (self, GTK_MESSAGE_ERROR, _("Stint cannot read its database"),
                    error->message, TRUE);
      stint_application_update_actions (self);
      return;
    }

  /* The core reads no settings; the ones it needs are bound to it. */
  g_settings_bind (self->settings, "default-project-id", self->tracker, "default-project-id",
                   G_SETTINGS_BIND_GET);
  stint_application_update_actions (self);

  stint_application_add_nudges_actions (self);
  self->indicator = stint_indicator_new (self->tracker, G_ACTION_GROUP (self), icon_dir);
  g_settings_bind (self->settings, "panel-label", self->indicator, "panel-label",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "daily-goal", self->indicator, "daily-goal",
                   G_SETTINGS_BIND_GET);
  g_signal_connect (self, "notify::sync", G_CALLBACK (indicator_follow_sync), NULL);

  /* The account (HTTP session, keyring) and the nudges (idle and sleep
   * monitors, shortcut grabs, autostart) wait until the tray item is
   * registered. An idle would not do: the main loop is idle between the
   * replies that register the item, and any work done there delays it. A
   * session without a StatusNotifier watcher may never say, hence the
   * timeout. */
  g_signal_connect_object (self->indicator, "connection-changed",
                           G_CALLBACK (on_tray_connection_changed), self, G_CONNECT_SWAPPED);
  self->startup_rest_id = g_timeout_add_seconds (STARTUP_REST_TIMEOUT_SECONDS,
                                                 finish_startup_later, self);
}

static void
stint_application_activate (GApplication *app)
{
  StintApplication *self = STINT_APPLICATION (app);

  if (self->quiet_activate)
    {
      self->quiet_activate = FALSE;
      return;
    }

  stint_application_show_window (self);
}

static void
stint_application_shutdown (GApplication *app)
{
  StintApplication *self = STINT_APPLICATION (app);

  g_clear_handle_id (&self->startup_rest_id, g_source_remove);
  stint_application_shutdown_nudges (self);
  stint_application_shutdown_account (self);
  g_clear_object (&self->indicator);

  G_APPLICATION_CLASS (stint_application_parent_class)->shutdown (app);
}

static void
stint_application_dispose (GObject *object)
{
  StintApplication *self = (StintApplication *)object;

  g_clear_handle_id (&self->startup_rest_id, g_source_remove);
  stint_application_shutdown_nudges (self);
  stint_application_shutdown_account (self);
  g_clear_object (&self->indicator);
  g_clear_object (&self->tracker);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (stint_application_parent_class)->dispose (object);
}

static void
stint_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StintApplication *self = STINT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_application_class_init (StintApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = stint_application_dispose;
  object_class->get_property = stint_application_get_property;
  app_class->handle_local_options = stint_application_handle_local_options;
  app_class->startup = stint_application_startup;
  app_class->activate = stint_application_activate;
  app_class->shutdown = stint_application_shutdown;

  /**
   * StintApplication:sync:
   *
   * The connected account's sync, or %NULL (local mode, no token yet):
   * notifies whenever the account changes, for what Preferences and the
   * tray show about it (stint-application-account.c notifies).
   */
  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, STINT_TYPE_SYNC,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stint_application_init (StintApplication *self)
{
  stint_application_add_options (self);
}

StintApplication *
stint_application_new (void)
{
  return g_object_new (STINT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

void
stint_application_show_window (StintApplication *self)
{
  g_return_if_fail (STINT_IS_APPLICATION (self));

  if (self->tracker == NULL)
    return;

  /* The window shows the account and the nudges: set them up first. */
  stint_application_finish_startup (self);

  /* Built on the first open and kept when closed, so that later opens cost
   * only a frame; quitting destroys it. */
  if (self->window == NULL)
    {
      self->window = GTK_WINDOW (stint_window_new (self, self->tracker, self->settings));
      g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *)&self->window);
      stint_window_set_account_problem (STINT_WINDOW (self->window), self->account_problem);
      /* Retry and Discard on refused entries go to the account's sync. */
      g_object_bind_property (self, "sync", self->window, "sync", G_BINDING_SYNC_CREATE);
      if (self->nudges != NULL)
        stint_window_set_nudges (STINT_WINDOW (self->window), self->nudges);
    }
  /* Asked on every open: a kept window's first run may have come back
   * (welcome-shown reset) or been answered while it was hidden. */
  if (stint_application_wants_welcome (self))
    stint_window_show_welcome (STINT_WINDOW (self->window));

  gtk_window_present (self->window);

  /* Someone opening the window wants to see what is current. */
  stint_application_refresh (self);
}

/* Returns: (transfer none) (nullable): see StintApplication:sync */
StintSync *
stint_application_get_sync (StintApplication *self)
{
  g_return_val_if_fail (STINT_IS_APPLICATION (self), NULL);

  return self->sync;
}

/* Returns: (transfer none) (nullable): the database; %NULL when unusable */
StintStore *
stint_application_get_store (StintApplication *self)
{
  g_return_val_if_fail (STINT_IS_APPLICATION (self), NULL);

  return self->store;
}

/* Returns: (transfer none) (nullable): the clock; %NULL before startup */
StintClock *
stint_application_get_clock (StintApplication *self)
{
  g_return_val_if_fail (STINT_IS_APPLICATION (self), NULL);

  return self->clock;
}

/* Returns: (transfer none) (nullable): the tracker; %NULL when the database
 *   is unusable */
StintTracker *
stint_application_get_tracker (StintApplication *self)
{
  g_return_val_if_fail (STINT_IS_APPLICATION (self), NULL);

  return self->tracker;
}
