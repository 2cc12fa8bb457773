/* stint-preferences-account-sign-in.c: the sign-in form of the Account page
 *
 * What the form holds is checked as it is typed. Signing in: check the
 * credentials, ask before uploading what was tracked on this
 * computer, then commit. Without a keyring the commit fails in a way the
 * page answers in place: it offers to keep the token in memory until Stint
 * quits, and commits again when the user agrees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-preferences-account"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "stint-preferences-account-private.h"
#include "api/stint-http.h"
#include "desktop/stint-secret.h"

/* The Focus workspace field: empty for the user's current one. */
gboolean
stint_preferences_account_parse_focus_workspace (StintPreferencesAccount *self,
                                                 gint64                  *workspace_id)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_entry_get_text (self->focus_workspace_entry)));
  guint64 id = 0;

  if (text[0] != '\0' && !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    return FALSE;

  *workspace_id = (gint64)id;
  return TRUE;
}

/* Whether the sign-in form holds something worth sending. */
gboolean
stint_preferences_account_form_ready (StintPreferencesAccount *self)
{
  gint64 workspace_id;

  if (!stint_http_check_base_url (gtk_entry_get_text (self->base_url_entry), NULL))
    return FALSE;

  switch (stint_preferences_account_get_chosen (self))
    {
    case STINT_ACCOUNT_TRACK:
      if (gtk_toggle_button_get_active (self->token_radio))
        return gtk_entry_get_text_length (self->token_entry) > 0;
      return gtk_entry_get_text_length (self->email_entry) > 0 &&
             gtk_entry_get_text_length (self->password_entry) > 0;
    case STINT_ACCOUNT_FOCUS:
      return gtk_entry_get_text_length (self->api_key_entry) > 0 &&
             gtk_entry_get_text_length (self->organization_entry) > 0 &&
             stint_preferences_account_parse_focus_workspace (self, &workspace_id);
    case STINT_ACCOUNT_LOCAL:
    default:
      return FALSE;
    }
}

void
stint_preferences_account_update_sign_in (StintPreferencesAccount *self)
{
  gtk_widget_set_sensitive (self->sign_in_button, !stint_preferences_account_is_busy (self) && stint_preferences_account_form_ready (self));
}

void
stint_preferences_account_method_toggled (StintPreferencesAccount *self)
{
  gboolean token = gtk_toggle_button_get_active (self->token_radio);

  gtk_stack_set_visible_child_name (self->method_stack, token ? "token" : "password");
  stint_preferences_account_update_sign_in (self);
}

void
stint_preferences_account_input_changed (StintPreferencesAccount *self)
{
  gint64 workspace_id;

  if (stint_preferences_account_parse_focus_workspace (self, &workspace_id))
    stint_preferences_account_show_label (self->form_error, NULL);
  else
    stint_preferences_account_show_label (self->form_error, _("A workspace id is a number; leave it empty for your current "
                                    "workspace."));

  stint_preferences_account_update_sign_in (self);
}

/* The server address is checked as it is typed: no request is needed to
 * know that plain http:// to another computer is refused. */
void
stint_preferences_account_base_url_changed (StintPreferencesAccount *self)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = stint_http_check_base_url (gtk_entry_get_text (self->base_url_entry), &error);

  stint_preferences_account_show_label (self->base_url_error, valid ? NULL : error->message);
  if (!valid)
    gtk_expander_set_expanded (self->advanced_expander, TRUE);

  stint_preferences_account_update_sign_in (self);
  stint_preferences_account_update_proxy (self);
}

static void
forget_credentials (StintPreferencesAccount *self)
{
  gtk_entry_set_text (self->token_entry, "");
  gtk_entry_set_text (self->password_entry, "");
  gtk_entry_set_text (self->api_key_entry, "");
}

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StintPreferencesAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!stint_sign_in_commit_finish (STINT_SIGN_IN (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      stint_preferences_account_set_busy (self, FALSE);
      /* No keyring: offer to keep the token in memory instead. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        gtk_widget_set_visible (self->keyring_box, TRUE);
      else
        stint_preferences_account_show_error (self, error->message);
      return;
    }

  stint_preferences_account_set_busy (self, FALSE);
  forget_credentials (self);

  /* Until the running Stint has the token, trust the sign-in that just
   * succeeded over an older "signed out". */
  g_clear_pointer (&self->problem, g_free);
  stint_preferences_account_choose_kind (self, stint_preferences_account_kind_name (stint_preferences_account_get_kind (self)));
  stint_preferences_account_update (self);
}

static void
commit (StintPreferencesAccount *self,
        gboolean                 upload_local)
{
  self->upload_local = upload_local;
  stint_sign_in_commit_async (self->sign_in, 0, upload_local, self->cancellable,
                              commit_cb, g_object_ref (self));
}

void
stint_preferences_account_keep_for_session (StintPreferencesAccount *self)
{
  if (stint_preferences_account_is_busy (self))
    return;

  /* The check that succeeded is still in StintSignIn: commit it again,
   * into memory this time. */
  stint_secret_set_session_only (TRUE);
  stint_preferences_account_set_busy (self, TRUE);
  commit (self, self->upload_local);
}

static void
on_upload_response (GtkDialog *dialog,
                    int        response,
                    gpointer   user_data)
{
  StintPreferencesAccount *self = user_data;

  gtk_widget_destroy (GTK_WIDGET (dialog));

  /* The window may have closed meanwhile, cancelling the sign-in. */
  if (!stint_preferences_account_is_busy (self))
    return;

  if (response == GTK_RESPONSE_YES || response == GTK_RESPONSE_NO)
    commit (self, response == GTK_RESPONSE_YES);
  else
    stint_preferences_account_set_busy (self, FALSE);
}

/* Uploading is never a surprise: with entries tracked on this computer,
 * ask first. */
static void
ask_about_local_entries (StintPreferencesAccount *self,
                         guint                    n_local)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkWidget *dialog;
  g_autofree char *question = NULL;

  if (stint_preferences_account_get_chosen (self) == STINT_ACCOUNT_FOCUS)
    question = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Upload %u entry tracked on this computer to Toggl Focus?",
                                             "Upload %u entries tracked on this computer to Toggl Focus?",
                                             n_local),
                                n_local);
  else
    question = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Upload %u entry tracked on this computer to Toggl Track?",
                                             "Upload %u entries tracked on this computer to Toggl Track?",
                                             n_local),
                                n_local);

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", question);
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
  g_autoptr(StintPreferencesAccount) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_local;

  if (!stint_sign_in_check_finish (STINT_SIGN_IN (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      stint_preferences_account_set_busy (self, FALSE);
      stint_preferences_account_show_error (self, error->message);
      return;
    }

  n_local = stint_sign_in_count_local_entries (self->sign_in);
  if (n_local > 0)
    ask_about_local_entries (self, n_local);
  else
    commit (self, FALSE);
}

void
stint_preferences_account_sign_in (StintPreferencesAccount *self)
{
  g_autofree char *base_url = g_strstrip (g_strdup (gtk_entry_get_text (self->base_url_entry)));

  if (stint_preferences_account_is_busy (self) || !stint_preferences_account_form_ready (self))
    return;

  stint_preferences_account_set_busy (self, TRUE);

  if (stint_preferences_account_get_chosen (self) == STINT_ACCOUNT_FOCUS)
    {
      g_autofree char *api_key = g_strstrip (g_strdup (gtk_entry_get_text (self->api_key_entry)));
      g_autofree char *organization = g_strstrip (g_strdup (gtk_entry_get_text (self->organization_entry)));
      gint64 workspace_id = 0;

      stint_preferences_account_parse_focus_workspace (self, &workspace_id);
      stint_sign_in_check_focus_async (self->sign_in, base_url, api_key, organization, workspace_id,
                                       self->cancellable, check_cb, g_object_ref (self));
      explicit_bzero (api_key, strlen (api_key));
    }
  else if (gtk_toggle_button_get_active (self->token_radio))
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

void
stint_preferences_account_cancel (StintPreferencesAccount *self)
{
  g_cancellable_cancel (self->cancellable);
  stint_preferences_account_set_busy (self, FALSE);
}
