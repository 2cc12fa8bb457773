/* stint-preferences-window.c: where entries go, and the account
 *
 * Pages in a sidebar: Account here; Tracking, Shortcuts and Startup in
 * their own files (stint-preferences-*.c), bound to GSettings.
 *
 * Account: on this computer only, or Toggl Track. The
 * window never talks to Toggl or the keyring itself; StintSignIn checks the
 * credentials and commits them, and the running Stint follows the settings
 * that leaves behind. What the page shows follows those settings too, so a
 * `stint --sign-in` in a terminal shows up here at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "stint-preferences-window.h"
#include "stint-preferences-shortcuts.h"
#include "stint-preferences-startup.h"
#include "stint-preferences-tracking.h"
#include "api/stint-http.h"

struct _StintPreferencesWindow
{
  GtkWindow       parent_instance;

  GSettings      *settings;
  StintSignIn    *sign_in;
  GCancellable   *cancellable;      /* the check, commit or sign-out under way */
  GCancellable   *stored_cancellable; /* reading who the stored token belongs to */
  gboolean        stored_checked;
  char           *problem;          /* the running Stint's word on the account */
  gboolean        filling;          /* the workspace list is being refilled */

  GtkToggleButton *local_radio;
  GtkToggleButton *track_radio;
  GtkStack       *mode_stack;
  GtkWidget      *leave_box;
  GtkStack       *track_stack;
  GtkLabel       *signed_in_label;
  GtkWidget      *workspace_label;
  GtkComboBoxText *workspace_combo;
  GtkLabel       *problem_label;
  GtkToggleButton *token_radio;
  GtkWidget      *password_radio;
  GtkStack       *method_stack;
  GtkEntry       *token_entry;
  GtkEntry       *email_entry;
  GtkEntry       *password_entry;
  GtkExpander    *advanced_expander;
  GtkEntry       *base_url_entry;
  GtkLabel       *base_url_error;
  GtkSpinner     *spinner;
  GtkWidget      *cancel_button;
  GtkWidget      *sign_in_button;
  GtkWidget      *sign_out_button;
  GtkWidget      *leave_button;
  GtkLabel       *error_label;
  StintPreferencesTracking  *tracking_page;
  StintPreferencesShortcuts *shortcuts_page;
  StintPreferencesStartup   *startup_page;
};

G_DEFINE_FINAL_TYPE (StintPreferencesWindow, stint_preferences_window, GTK_TYPE_WINDOW)

static gboolean
is_track (StintPreferencesWindow *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "account-kind");

  return g_str_equal (kind, "track");
}

static void
show_error (StintPreferencesWindow *self,
            const char             *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
is_busy (StintPreferencesWindow *self)
{
  return self->cancellable != NULL;
}

/* Whether the sign-in form holds something worth sending. */
static gboolean
form_ready (StintPreferencesWindow *self)
{
  const char *base_url = gtk_entry_get_text (self->base_url_entry);

  if (!stint_http_check_base_url (base_url, NULL))
    return FALSE;

  if (gtk_toggle_button_get_active (self->token_radio))
    return gtk_entry_get_text_length (self->token_entry) > 0;

  return gtk_entry_get_text_length (self->email_entry) > 0 &&
         gtk_entry_get_text_length (self->password_entry) > 0;
}

static void
set_busy (StintPreferencesWindow *self,
          gboolean                busy)
{
  if (busy)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      gtk_spinner_start (self->spinner);
      show_error (self, NULL);
    }
  else
    {
      g_clear_object (&self->cancellable);
      gtk_spinner_stop (self->spinner);
    }

  gtk_widget_set_visible (self->cancel_button, busy);
  gtk_widget_set_sensitive (self->sign_in_button, !busy && form_ready (self));
  gtk_widget_set_sensitive (self->sign_out_button, !busy);
  gtk_widget_set_sensitive (self->leave_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->local_radio), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->track_radio), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->base_url_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_radio), !busy);
  gtk_widget_set_sensitive (self->password_radio, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->workspace_combo), !busy);
}

/* Fills the workspace list from the last successful check, when it was for
 * the account the settings name; otherwise there is nothing to offer
 * without asking Toggl again, and the row stays hidden. */
static void
update_workspaces (StintPreferencesWindow *self)
{
  gint64 user_id = g_settings_get_int64 (self->settings, "track-user-id");
  gint64 current = g_settings_get_int64 (self->settings, "track-workspace-id");
  guint n = stint_sign_in_get_n_workspaces (self->sign_in);
  gboolean known = n > 0 && stint_sign_in_get_user_id (self->sign_in) == user_id;
  g_autofree char *active = NULL;

  gtk_widget_set_visible (self->workspace_label, known);
  gtk_widget_set_visible (GTK_WIDGET (self->workspace_combo), known);
  if (!known)
    return;

  if (current == 0)
    current = stint_sign_in_get_default_workspace (self->sign_in);
  active = g_strdup_printf ("%" G_GINT64_FORMAT, current);

  self->filling = TRUE;
  gtk_combo_box_text_remove_all (self->workspace_combo);
  for (guint i = 0; i < n; i++)
    {
      const char *name;
      gint64 id = stint_sign_in_get_workspace (self->sign_in, i, &name);
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      gtk_combo_box_text_append (self->workspace_combo, id_text, name);
    }
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->workspace_combo), active);
  self->filling = FALSE;
}

static void update_state (StintPreferencesWindow *self);

static void
stored_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StintPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!stint_sign_in_check_finish (STINT_SIGN_IN (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->stored_cancellable);
  if (error != NULL)
    show_error (self, error->message);
  update_state (self);
}

/* Signed in by `stint --sign-in` or in an earlier run, the page knows only
 * the user id; one request says whose account it is and which workspaces
 * it offers, and whether Toggl still takes the token. */
static void
check_stored (StintPreferencesWindow *self)
{
  g_autofree char *base_url = g_settings_get_string (self->settings, "track-base-url");

  self->stored_checked = TRUE;
  g_cancellable_cancel (self->stored_cancellable);
  g_clear_object (&self->stored_cancellable);
  self->stored_cancellable = g_cancellable_new ();
  stint_sign_in_check_stored_async (self->sign_in, base_url, self->stored_cancellable,
                                    stored_checked_cb, g_object_ref (self));
}

/* Shows what the settings and the running Stint say; the radio buttons
 * only choose which explanation or form is in view. */
static void
update_state (StintPreferencesWindow *self)
{
  gboolean track = is_track (self);
  gboolean signed_in = track && self->problem == NULL;
  gboolean local_chosen = gtk_toggle_button_get_active (self->local_radio);
  const char *email = NULL;

  gtk_stack_set_visible_child_name (self->mode_stack, local_chosen ? "local" : "track");
  gtk_widget_set_visible (self->leave_box, track);
  gtk_stack_set_visible_child_name (self->track_stack, signed_in ? "signed-in" : "form");

  gtk_label_set_text (self->problem_label, self->problem != NULL ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), track && self->problem != NULL);

  if (stint_sign_in_get_user_id (self->sign_in) == g_settings_get_int64 (self->settings,
                                                                         "track-user-id"))
    email = stint_sign_in_get_email (self->sign_in);

  if (email != NULL)
    {
      /* Translators: %s is an email address */
      g_autofree char *text = g_strdup_printf (_("Signed in to Toggl Track as %s."), email);

      gtk_label_set_text (self->signed_in_label, text);
    }
  else
    gtk_label_set_text (self->signed_in_label, _("Signed in to Toggl Track."));

  update_workspaces (self);
  gtk_widget_set_sensitive (self->sign_in_button, !is_busy (self) && form_ready (self));

  if (signed_in && email == NULL && !self->stored_checked)
    check_stored (self);
}

static void
on_settings_changed (StintPreferencesWindow *self)
{
  update_state (self);
}

/* Someone signed in to another account meanwhile: look it up again. */
static void
on_user_changed (StintPreferencesWindow *self)
{
  self->stored_checked = FALSE;
  update_state (self);
}

static void
on_mode_toggled (StintPreferencesWindow *self)
{
  show_error (self, NULL);
  update_state (self);
}

static void
on_method_toggled (StintPreferencesWindow *self)
{
  gboolean token = gtk_toggle_button_get_active (self->token_radio);

  gtk_stack_set_visible_child_name (self->method_stack, token ? "token" : "password");
  update_state (self);
}

/* The server address is checked as it is typed: no request is needed to
 * know that plain http:// to another computer is refused. */
static void
on_input_changed (StintPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = stint_http_check_base_url (gtk_entry_get_text (self->base_url_entry), &error);

  gtk_label_set_text (self->base_url_error, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_error), !valid);
  if (!valid)
    gtk_expander_set_expanded (self->advanced_expander, TRUE);

  gtk_widget_set_sensitive (self->sign_in_button, !is_busy (self) && form_ready (self));
}

static void
forget_credentials (StintPreferencesWindow *self)
{
  gtk_entry_set_text (self->token_entry, "");
  gtk_entry_set_text (self->password_entry, "");
}

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StintPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!stint_sign_in_commit_finish (STINT_SIGN_IN (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }

  set_busy (self, FALSE);
  forget_credentials (self);

  /* Until the running Stint has the token, trust the sign-in that just
   * succeeded over an older "signed out". */
  g_clear_pointer (&self->problem, g_free);
  gtk_toggle_button_set_active (self->track_radio, TRUE);
  update_state (self);
}

static void
commit (StintPreferencesWindow *self,
        gboolean                upload_local)
{
  stint_sign_in_commit_async (self->sign_in, 0, upload_local, self->cancellable,
                              commit_cb, g_object_ref (self));
}

static void
on_upload_response (GtkDialog *dialog,
                    int        response,
                    gpointer   user_data)
{
  StintPreferencesWindow *self = user_data;

  gtk_widget_destroy (GTK_WIDGET (dialog));

  /* The window may have closed meanwhile, cancelling the sign-in. */
  if (!is_busy (self))
    return;

  if (response == GTK_RESPONSE_YES || response == GTK_RESPONSE_NO)
    commit (self, response == GTK_RESPONSE_YES);
  else
    set_busy (self, FALSE);
}

/* Uploading is never a surprise: with entries tracked on this computer,
 * ask first. */
static void
ask_about_local_entries (StintPreferencesWindow *self,
                         guint                   n_local)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "Upload %u entry tracked on this computer to Toggl Track?",
                                                "Upload %u entries tracked on this computer to Toggl Track?",
                                                n_local),
                                   n_local);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Stint sends them once, in the background. Kept on "
                                              "this computer, they stay in Stint’s database but do "
                                              "not show while you are signed in."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("_Keep on This Computer"), GTK_RESPONSE_NO,
                          _("_Upload"), GTK_RESPONSE_YES,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_YES);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_upload_response), g_object_ref (self),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  gtk_widget_show (dialog);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(StintPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_local;

  if (!stint_sign_in_check_finish (STINT_SIGN_IN (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }

  n_local = stint_sign_in_count_local_entries (self->sign_in);
  if (n_local > 0)
    ask_about_local_entries (self, n_local);
  else
    commit (self, FALSE);
}

static void
on_sign_in_clicked (StintPreferencesWindow *self)
{
  g_autofree char *base_url = g_strstrip (g_strdup (gtk_entry_get_text (self->base_url_entry)));

  if (is_busy (self) || !form_ready (self))
    return;

  set_busy (self, TRUE);

  if (gtk_toggle_button_get_active (self->token_radio))
    {
      g_autofree char *token = g_strstrip (g_strdup (gtk_entry_get_text (self->token_entry)));

      stint_sign_in_check_token_async (self->sign_in, base_url, token, self->cancellable,
                                       check_cb, g_object_ref (self));
      explicit_bzero (token, strlen (token));
    }
  else
    {
      g_autofree char *email = g_strstrip (g_strdup (gtk_entry_get_text (self->email_entry)));

      stint_sign_in_check_password_async (self->sign_in, base_url, email,
                                          gtk_entry_get_text (self->password_entry),
                                          self->cancellable, check_cb, g_object_ref (self));
    }
}

static void
on_cancel_clicked (StintPreferencesWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  set_busy (self, FALSE);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StintPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!stint_sign_out_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }

  set_busy (self, FALSE);
  gtk_toggle_button_set_active (self->local_radio, TRUE);
  update_state (self);
}

static void
on_sign_out_clicked (StintPreferencesWindow *self)
{
  if (is_busy (self))
    return;

  set_busy (self, TRUE);
  stint_sign_out_async (self->settings, self->cancellable, sign_out_cb, g_object_ref (self));
}

static void
on_workspace_changed (StintPreferencesWindow *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->workspace_combo));

  if (self->filling || id == NULL)
    return;

  /* The running Stint follows the key and syncs with the new workspace. */
  g_settings_set_int64 (self->settings, "track-workspace-id", g_ascii_strtoll (id, NULL, 10));
}

static gboolean
stint_preferences_window_key_press_event (GtkWidget   *widget,
                                          GdkEventKey *event)
{
  if (event->keyval == GDK_KEY_Escape)
    {
      gtk_window_close (GTK_WINDOW (widget));
      return GDK_EVENT_STOP;
    }

  return GTK_WIDGET_CLASS (stint_preferences_window_parent_class)->key_press_event (widget, event);
}

static void
stint_preferences_window_dispose (GObject *object)
{
  StintPreferencesWindow *self = (StintPreferencesWindow *)object;

  /* What is under way answers into a closed window: stop it. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->stored_cancellable);
  g_clear_object (&self->stored_cancellable);
  g_clear_object (&self->sign_in);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (stint_preferences_window_parent_class)->dispose (object);
}

static void
stint_preferences_window_class_init (StintPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_preferences_window_dispose;
  widget_class->key_press_event = stint_preferences_window_key_press_event;

  g_type_ensure (STINT_TYPE_PREFERENCES_TRACKING);
  g_type_ensure (STINT_TYPE_PREFERENCES_SHORTCUTS);
  g_type_ensure (STINT_TYPE_PREFERENCES_STARTUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, local_radio);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, track_radio);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, leave_box);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, track_stack);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, signed_in_label);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, workspace_label);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, workspace_combo);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, token_radio);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, password_radio);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, method_stack);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, token_entry);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, email_entry);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, password_entry);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, advanced_expander);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, base_url_entry);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, base_url_error);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, leave_button);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, tracking_page);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, shortcuts_page);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesWindow, startup_page);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_method_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_out_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_workspace_changed);
}

static void
stint_preferences_window_init (StintPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

StintPreferencesWindow *
stint_preferences_window_new (GtkApplication *application,
                              GSettings      *settings,
                              StintSignIn    *sign_in)
{
  StintPreferencesWindow *self;
  g_autofree char *base_url = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (STINT_IS_SIGN_IN (sign_in), NULL);

  self = g_object_new (STINT_TYPE_PREFERENCES_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (settings);
  self->sign_in = g_object_ref (sign_in);

  base_url = g_settings_get_string (settings, "track-base-url");
  gtk_entry_set_text (self->base_url_entry, base_url);
  gtk_toggle_button_set_active (is_track (self) ? self->track_radio : self->local_radio, TRUE);
  gtk_widget_grab_default (self->sign_in_button);

  g_signal_connect_object (settings, "changed::account-kind",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::track-user-id",
                           G_CALLBACK (on_user_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::track-workspace-id",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);

  stint_preferences_tracking_bind (self->tracking_page, settings);
  stint_preferences_shortcuts_bind (self->shortcuts_page, settings);
  stint_preferences_startup_bind (self->startup_page, settings);

  update_state (self);

  return self;
}

/**
 * stint_preferences_window_set_account_problem:
 * @problem: (nullable): what the running Stint says is wrong with the
 *   account (signed out), or %NULL
 */
void
stint_preferences_window_set_account_problem (StintPreferencesWindow *self,
                                              const char             *problem)
{
  g_return_if_fail (STINT_IS_PREFERENCES_WINDOW (self));

  if (g_strcmp0 (self->problem, problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);
  update_state (self);
}

/**
 * stint_preferences_window_set_desktop:
 * @idle_monitor: (nullable): where idle time comes from, for Tracking
 * @shortcuts: (nullable): which path global shortcuts take, for Shortcuts
 * @autostart: (nullable): what went wrong starting at login, for Startup
 *
 * The running Stint's desktop integration, for the pages to describe.
 */
void
stint_preferences_window_set_desktop (StintPreferencesWindow *self,
                                      StintIdleMonitor       *idle_monitor,
                                      StintShortcuts         *shortcuts,
                                      StintAutostart         *autostart)
{
  g_return_if_fail (STINT_IS_PREFERENCES_WINDOW (self));

  stint_preferences_tracking_set_idle_monitor (self->tracking_page, idle_monitor);
  stint_preferences_shortcuts_set_shortcuts (self->shortcuts_page, shortcuts);
  stint_preferences_startup_set_autostart (self->startup_page, autostart);
}
