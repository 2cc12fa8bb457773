/* stint-preferences-account-sign-out.c: Sign Out on the Account page
 *
 * Changes that have not reached Toggl are the user's work: before signing
 * out, the page says how many there are and asks whether to keep them for
 * the next sign-in to the same account, or to discard them. Keeping is the
 * default answer. StintSignOut does the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-preferences-account"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-preferences-account-private.h"
#include "app/stint-sign-out.h"

enum {
  RESPONSE_KEEP = 1,
  RESPONSE_DISCARD,
};

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StintPreferencesAccount) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  guint n_kept = 0;

  if (!stint_sign_out_account_finish (result, &n_kept, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  stint_preferences_account_set_busy (self, FALSE);
  stint_preferences_account_choose_kind (self, "local");
  stint_preferences_account_update (self);

  if (error != NULL)
    {
      stint_preferences_account_show_error (self, error->message);
      return;
    }

  if (n_kept > 0)
    {
      notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Signed out. %u change waits in Stint’s database and "
                                             "goes to Toggl when you sign in to the same account "
                                             "again.",
                                             "Signed out. %u changes wait in Stint’s database and "
                                             "go to Toggl when you sign in to the same account "
                                             "again.", n_kept),
                                n_kept);
      stint_preferences_account_show_notice (self, notice);
    }
}

static void
sign_out (StintPreferencesAccount *self,
          StintSignOutUnsynced     unsynced)
{
  stint_preferences_account_set_busy (self, TRUE);
  stint_sign_out_account_async (self->settings, self->store, unsynced, self->cancellable,
                                sign_out_cb, g_object_ref (self));
}

static void
on_unsynced_response (GtkDialog *dialog,
                      int        response,
                      gpointer   user_data)
{
  StintPreferencesAccount *self = user_data;

  gtk_widget_destroy (GTK_WIDGET (dialog));

  if (self->settings == NULL || self->cancellable != NULL)
    return;

  if (response == RESPONSE_KEEP)
    sign_out (self, STINT_SIGN_OUT_KEEP_UNSYNCED);
  else if (response == RESPONSE_DISCARD)
    sign_out (self, STINT_SIGN_OUT_DISCARD_UNSYNCED);
}

static void
ask_about_unsynced (StintPreferencesAccount *self,
                    guint                    n_unsynced)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *discard;

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "%u change has not reached Toggl yet",
                                                "%u changes have not reached Toggl yet",
                                                n_unsynced),
                                   n_unsynced);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Kept, they stay in Stint’s database and are sent "
                                              "when you sign in to the same account again. "
                                              "Discarded, they are gone for good."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  discard = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Discard Them and Sign Out"),
                                   RESPONSE_DISCARD);
  gtk_style_context_add_class (gtk_widget_get_style_context (discard), "destructive-action");
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Keep Them for the Next Sign-In"), RESPONSE_KEEP);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), RESPONSE_KEEP);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_unsynced_response), g_object_ref (self),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  gtk_widget_show (dialog);
}

/* Sign Out, on either of the page's two buttons. */
void
stint_preferences_account_sign_out (StintPreferencesAccount *self)
{
  g_autofree char *account = NULL;
  guint n_unsynced = 0;

  if (self->cancellable != NULL)
    return;

  account = stint_sign_out_account_name (self->settings);
  if (self->store != NULL && account != NULL)
    n_unsynced = stint_sign_out_count_unsynced (self->store, account);

  if (n_unsynced > 0)
    ask_about_unsynced (self, n_unsynced);
  else
    sign_out (self, STINT_SIGN_OUT_KEEP_UNSYNCED);
}
