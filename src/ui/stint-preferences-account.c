/* stint-preferences-account.c: the Account page of Preferences
 *
 * On this computer only, Toggl Track or Toggl Focus. The page never talks
 * to Toggl or the keyring itself: StintSignIn checks the credentials and
 * commits them, and the running Stint follows the settings that leaves
 * behind. What the page shows follows those settings too, so a
 * `stint --sign-in` in a terminal shows up here at once. Signing in is in
 * stint-preferences-account-sign-in.c, signing out in
 * stint-preferences-account-sign-out.c, the proxy line in
 * stint-preferences-account-proxy.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-preferences-account"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-preferences-account-private.h"
#include "desktop/stint-secret.h"

G_DEFINE_FINAL_TYPE (StintPreferencesAccount, stint_preferences_account, GTK_TYPE_BOX)

static const char * const kind_names[] = { "local", "track", "focus" };
static const char * const base_url_keys[] = { NULL, "track-base-url", "focus-base-url" };

static StintAccountKind
kind_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      return (StintAccountKind)i;

  return STINT_ACCOUNT_LOCAL;
}

/* What the settings say: where entries go now. */
StintAccountKind
stint_preferences_account_get_kind (StintPreferencesAccount *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "account-kind");

  return kind_from_name (kind);
}

/* What the radio buttons say: which form or explanation is in view. */
StintAccountKind
stint_preferences_account_get_chosen (StintPreferencesAccount *self)
{
  if (gtk_toggle_button_get_active (self->focus_radio))
    return STINT_ACCOUNT_FOCUS;
  if (gtk_toggle_button_get_active (self->track_radio))
    return STINT_ACCOUNT_TRACK;
  return STINT_ACCOUNT_LOCAL;
}

const char *
stint_preferences_account_kind_name (StintAccountKind kind)
{
  return kind_names[kind];
}

const char *
stint_preferences_account_service_name (StintAccountKind kind)
{
  return kind == STINT_ACCOUNT_FOCUS ? _("Toggl Focus") : _("Toggl Track");
}

static void
set_accessible_name (GtkWidget  *widget,
                     const char *name)
{
  atk_object_set_name (gtk_widget_get_accessible (widget), name);
}

void
stint_preferences_account_show_label (GtkLabel   *label,
                                      const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

void
stint_preferences_account_show_error (StintPreferencesAccount *self,
                                      const char              *message)
{
  stint_preferences_account_show_label (self->error_label, message);
}

void
stint_preferences_account_show_notice (StintPreferencesAccount *self,
                                       const char              *message)
{
  stint_preferences_account_show_label (self->notice_label, message);
}

gboolean
stint_preferences_account_is_busy (StintPreferencesAccount *self)
{
  return self->cancellable != NULL;
}

void
stint_preferences_account_set_busy (StintPreferencesAccount *self,
                                    gboolean                 busy)
{
  GtkWidget *inputs[] = {
    self->leave_button, self->sign_out_button, GTK_WIDGET (self->local_radio),
    GTK_WIDGET (self->track_radio), GTK_WIDGET (self->focus_radio), GTK_WIDGET (self->token_entry),
    GTK_WIDGET (self->email_entry), GTK_WIDGET (self->password_entry),
    GTK_WIDGET (self->api_key_entry), GTK_WIDGET (self->organization_entry),
    GTK_WIDGET (self->focus_workspace_entry), GTK_WIDGET (self->base_url_entry),
    GTK_WIDGET (self->token_radio), self->password_radio, GTK_WIDGET (self->workspace_combo),
  };

  if (busy)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      gtk_spinner_start (self->spinner);
      stint_preferences_account_show_error (self, NULL);
      stint_preferences_account_show_notice (self, NULL);
      gtk_widget_set_visible (self->keyring_box, FALSE);
    }
  else
    {
      g_clear_object (&self->cancellable);
      gtk_spinner_stop (self->spinner);
    }

  gtk_widget_set_visible (self->cancel_button, busy);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    gtk_widget_set_sensitive (inputs[i], !busy);
  stint_preferences_account_update_sign_in (self);
}

/* Fills the workspace list from the last successful check, when it was for
 * the Track account the settings name; otherwise there is nothing to offer
 * without asking Toggl again, and the row stays hidden. */
static void
update_workspaces (StintPreferencesAccount *self)
{
  gint64 user_id = g_settings_get_int64 (self->settings, "track-user-id");
  gint64 current = g_settings_get_int64 (self->settings, "track-workspace-id");
  guint n = stint_sign_in_get_n_workspaces (self->sign_in);
  gboolean known = stint_preferences_account_get_kind (self) == STINT_ACCOUNT_TRACK && n > 0 &&
                   stint_sign_in_get_user_id (self->sign_in) == user_id;
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

static char *
describe_signed_in (StintPreferencesAccount *self,
                    StintAccountKind         kind)
{
  if (kind == STINT_ACCOUNT_FOCUS)
    {
      gint64 organization_id = g_settings_get_int64 (self->settings, "focus-organization-id");
      gint64 workspace_id = g_settings_get_int64 (self->settings, "focus-workspace-id");
      g_autofree char *organization = g_strdup_printf ("%" G_GINT64_FORMAT, organization_id);
      g_autofree char *workspace = g_strdup_printf ("%" G_GINT64_FORMAT, workspace_id);

      /* Focus tells an API key no names, only the ids the user gave.
       * Translators: the %s are a Toggl Focus workspace's and organization's ids */
      return g_strdup_printf (_("Signed in to Toggl Focus: workspace %s of organization %s."),
                              workspace, organization);
    }

  if (stint_sign_in_get_user_id (self->sign_in) == g_settings_get_int64 (self->settings, "track-user-id") &&
      stint_sign_in_get_email (self->sign_in) != NULL)
    /* Translators: %s is an email address */
    return g_strdup_printf (_("Signed in to Toggl Track as %s."), stint_sign_in_get_email (self->sign_in));

  return g_strdup (_("Signed in to Toggl Track."));
}

static void check_stored (StintPreferencesAccount *self);

/* Shows what the settings and the running Stint say; the radio buttons
 * only choose which explanation or form is in view. */
void
stint_preferences_account_update (StintPreferencesAccount *self)
{
  StintAccountKind kind = stint_preferences_account_get_kind (self);
  StintAccountKind chosen = stint_preferences_account_get_chosen (self);
  gboolean signed_in = kind != STINT_ACCOUNT_LOCAL && chosen == kind && self->problem == NULL;
  const char *service = stint_preferences_account_service_name (kind);
  g_autofree char *signed_in_text = NULL;
  g_autofree char *leave_text = NULL;
  g_autofree char *sign_out_name = NULL;
  g_autofree char *sign_in_name = NULL;
  g_autofree char *base_url = NULL;

  gtk_stack_set_visible_child_name (self->mode_stack, chosen == STINT_ACCOUNT_LOCAL ? "local" : "account");
  gtk_stack_set_visible_child_name (self->account_stack, signed_in ? "signed-in" : "form");
  gtk_stack_set_visible_child_name (self->form_stack, chosen == STINT_ACCOUNT_FOCUS ? "focus" : "track");

  /* Translators: %s is Toggl Track or Toggl Focus */
  leave_text = g_strdup_printf (_("Stint is signed in to %s. Sign out to keep new entries on this "
                                  "computer only."), service);
  gtk_label_set_text (self->leave_label, leave_text);
  gtk_widget_set_visible (self->leave_box, kind != STINT_ACCOUNT_LOCAL);
  /* Translators: %s is Toggl Track or Toggl Focus; the name of the Sign Out button */
  sign_out_name = g_strdup_printf (_("Sign out of %s"), service);
  set_accessible_name (self->leave_button, sign_out_name);
  set_accessible_name (self->sign_out_button, sign_out_name);
  /* Translators: %s is Toggl Track or Toggl Focus; the name of the Sign In button */
  sign_in_name = g_strdup_printf (_("Sign in to %s"),
                                  stint_preferences_account_service_name (chosen));
  set_accessible_name (self->sign_in_button, sign_in_name);

  gtk_label_set_text (self->problem_label, self->problem != NULL ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label),
                          kind != STINT_ACCOUNT_LOCAL && chosen == kind && self->problem != NULL);

  signed_in_text = describe_signed_in (self, kind);
  gtk_label_set_text (self->signed_in_label, signed_in_text);
  update_workspaces (self);

  if (kind != STINT_ACCOUNT_LOCAL)
    base_url = g_settings_get_string (self->settings, base_url_keys[kind]);
  gtk_widget_set_visible (self->session_label,
                          signed_in && stint_secret_is_session_token (kind_names[kind], base_url));
  stint_preferences_account_status_set_sync (self->status, self->sync);

  stint_preferences_account_update_sign_in (self);

  if (signed_in && kind == STINT_ACCOUNT_TRACK && stint_sign_in_get_email (self->sign_in) == NULL &&
      !self->stored_checked)
    check_stored (self);
}

static void
stored_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StintPreferencesAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!stint_sign_in_check_finish (STINT_SIGN_IN (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->stored_cancellable);
  if (error != NULL)
    stint_preferences_account_show_error (self, error->message);
  stint_preferences_account_update (self);
}

/* Signed in by `stint --sign-in` or in an earlier run, the page knows only
 * the user id; one request says whose account it is and which workspaces
 * it offers, and whether Toggl still takes the token. */
static void
check_stored (StintPreferencesAccount *self)
{
  g_autofree char *base_url = g_settings_get_string (self->settings, "track-base-url");

  self->stored_checked = TRUE;
  g_cancellable_cancel (self->stored_cancellable);
  g_clear_object (&self->stored_cancellable);
  self->stored_cancellable = g_cancellable_new ();
  stint_sign_in_check_stored_async (self->sign_in, base_url, self->stored_cancellable,
                                    stored_checked_cb, g_object_ref (self));
}

/* Someone signed in to another account meanwhile: look it up again. */
static void
on_user_changed (StintPreferencesAccount *self)
{
  self->stored_checked = FALSE;
  stint_preferences_account_update (self);
}

/* The Advanced entry holds the server of the service in view; what was
 * typed for the other one waits for it. */
static void
show_base_url (StintPreferencesAccount *self,
               StintAccountKind         kind)
{
  g_autofree char *saved = NULL;

  if (kind == STINT_ACCOUNT_LOCAL || kind == self->url_kind)
    return;

  if (self->url_kind != STINT_ACCOUNT_LOCAL)
    {
      g_free (self->typed_url[self->url_kind]);
      self->typed_url[self->url_kind] = g_strdup (gtk_entry_get_text (self->base_url_entry));
    }

  self->url_kind = kind;
  if (self->typed_url[kind] == NULL)
    saved = g_settings_get_string (self->settings, base_url_keys[kind]);
  gtk_entry_set_text (self->base_url_entry, saved != NULL ? saved : self->typed_url[kind]);
}

static void
on_mode_toggled (StintPreferencesAccount *self)
{
  if (self->settings == NULL)
    return;

  stint_preferences_account_show_error (self, NULL);
  gtk_widget_set_visible (self->keyring_box, FALSE);
  show_base_url (self, stint_preferences_account_get_chosen (self));
  stint_preferences_account_update (self);
}

static void
on_sign_out_clicked (StintPreferencesAccount *self)
{
  stint_preferences_account_sign_out (self);
}

static void
on_workspace_changed (StintPreferencesAccount *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->workspace_combo));

  if (self->filling || id == NULL)
    return;

  /* The running Stint follows the key and syncs with the new workspace. */
  g_settings_set_int64 (self->settings, "track-workspace-id", g_ascii_strtoll (id, NULL, 10));
}

static void
stint_preferences_account_dispose (GObject *object)
{
  StintPreferencesAccount *self = (StintPreferencesAccount *)object;

  /* What is under way answers into a closed window: stop it. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->stored_cancellable);
  g_clear_object (&self->stored_cancellable);
  g_cancellable_cancel (self->proxy_cancellable);
  g_clear_object (&self->proxy_cancellable);
  g_clear_object (&self->proxy_resolver);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->sign_in);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (stint_preferences_account_parent_class)->dispose (object);
}

static void
stint_preferences_account_finalize (GObject *object)
{
  StintPreferencesAccount *self = (StintPreferencesAccount *)object;

  g_free (self->problem);
  for (guint i = 0; i < G_N_ELEMENTS (self->typed_url); i++)
    g_free (self->typed_url[i]);

  G_OBJECT_CLASS (stint_preferences_account_parent_class)->finalize (object);
}

static void
stint_preferences_account_class_init (StintPreferencesAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_preferences_account_dispose;
  object_class->finalize = stint_preferences_account_finalize;

  g_type_ensure (STINT_TYPE_PREFERENCES_ACCOUNT_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-preferences-account.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, StintPreferencesAccount, name)
  BIND (local_radio);
  BIND (track_radio);
  BIND (focus_radio);
  BIND (mode_stack);
  BIND (leave_box);
  BIND (leave_label);
  BIND (leave_button);
  BIND (account_stack);
  BIND (signed_in_label);
  BIND (workspace_label);
  BIND (workspace_combo);
  BIND (status);
  BIND (session_label);
  BIND (sign_out_button);
  BIND (problem_label);
  BIND (form_stack);
  BIND (token_radio);
  BIND (password_radio);
  BIND (method_stack);
  BIND (token_entry);
  BIND (email_entry);
  BIND (password_entry);
  BIND (api_key_entry);
  BIND (organization_entry);
  BIND (focus_workspace_entry);
  BIND (form_error);
  BIND (advanced_expander);
  BIND (base_url_entry);
  BIND (base_url_error);
  BIND (keyring_box);
  BIND (session_button);
  BIND (spinner);
  BIND (cancel_button);
  BIND (sign_in_button);
  BIND (notice_label);
  BIND (error_label);
  BIND (proxy_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_method_toggled",
                                                G_CALLBACK (stint_preferences_account_method_toggled));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_input_changed",
                                                G_CALLBACK (stint_preferences_account_input_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_base_url_changed",
                                                G_CALLBACK (stint_preferences_account_base_url_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_sign_in_clicked",
                                                G_CALLBACK (stint_preferences_account_sign_in));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_cancel_clicked",
                                                G_CALLBACK (stint_preferences_account_cancel));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_session_only_clicked",
                                                G_CALLBACK (stint_preferences_account_keep_for_session));
  gtk_widget_class_bind_template_callback (widget_class, on_sign_out_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_workspace_changed);
}

static void
stint_preferences_account_init (StintPreferencesAccount *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * stint_preferences_account_bind:
 * @settings: where the account is named; the page follows it
 * @sign_in: checks and commits what the form holds
 */
void
stint_preferences_account_bind (StintPreferencesAccount *self,
                                GSettings               *settings,
                                StintSignIn             *sign_in)
{
  static const char * const followed[] = {
    "changed::account-kind", "changed::track-workspace-id", "changed::focus-organization-id",
    "changed::focus-workspace-id",
  };
  StintAccountKind kind;

  g_return_if_fail (STINT_IS_PREFERENCES_ACCOUNT (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (STINT_IS_SIGN_IN (sign_in));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  self->sign_in = g_object_ref (sign_in);

  kind = stint_preferences_account_get_kind (self);
  show_base_url (self, kind == STINT_ACCOUNT_FOCUS ? STINT_ACCOUNT_FOCUS : STINT_ACCOUNT_TRACK);
  stint_preferences_account_choose_kind (self, kind_names[kind]);

  for (guint i = 0; i < G_N_ELEMENTS (followed); i++)
    g_signal_connect_object (settings, followed[i], G_CALLBACK (stint_preferences_account_update),
                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::track-user-id", G_CALLBACK (on_user_changed), self,
                           G_CONNECT_SWAPPED);

  /* Enter in any of the form's entries signs in. */
  if (GTK_IS_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))))
    gtk_widget_grab_default (self->sign_in_button);

  stint_preferences_account_update (self);
  stint_preferences_account_update_proxy (self);
}

/**
 * stint_preferences_account_set_problem:
 * @problem: (nullable): what the running Stint says is wrong with the
 *   account (signed out), or %NULL
 */
void
stint_preferences_account_set_problem (StintPreferencesAccount *self,
                                       const char              *problem)
{
  g_return_if_fail (STINT_IS_PREFERENCES_ACCOUNT (self));

  if (g_strcmp0 (self->problem, problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);
  if (self->settings != NULL)
    stint_preferences_account_update (self);
}

/* @store: (nullable): the database, to count and keep or discard the changes
 *   that have not reached Toggl when signing out */
void
stint_preferences_account_set_store (StintPreferencesAccount *self,
                                     StintStore              *store)
{
  g_return_if_fail (STINT_IS_PREFERENCES_ACCOUNT (self));
  g_return_if_fail (store == NULL || STINT_IS_STORE (store));

  g_set_object (&self->store, store);
}

/* @sync: (nullable): the connected account's, for the requests left and the
 *   last sync */
void
stint_preferences_account_set_sync (StintPreferencesAccount *self,
                                    StintSync               *sync)
{
  g_return_if_fail (STINT_IS_PREFERENCES_ACCOUNT (self));
  g_return_if_fail (sync == NULL || STINT_IS_SYNC (sync));

  if (g_set_object (&self->sync, sync))
    stint_preferences_account_status_set_sync (self->status, sync);
}

void
stint_preferences_account_set_clock (StintPreferencesAccount *self,
                                     StintClock              *clock)
{
  g_return_if_fail (STINT_IS_PREFERENCES_ACCOUNT (self));

  stint_preferences_account_status_set_clock (self->status, clock);
}

/* @resolver: (nullable): where the proxy line asks; %NULL for the desktop's */
void
stint_preferences_account_set_proxy_resolver (StintPreferencesAccount *self,
                                              GProxyResolver          *resolver)
{
  g_return_if_fail (STINT_IS_PREFERENCES_ACCOUNT (self));
  g_return_if_fail (resolver == NULL || G_IS_PROXY_RESOLVER (resolver));

  if (g_set_object (&self->proxy_resolver, resolver))
    stint_preferences_account_update_proxy (self);
}

/**
 * stint_preferences_account_choose_kind:
 * @kind: "local", "track" or "focus"
 *
 * Brings the explanation or the sign-in form of @kind into view, as its
 * radio button does; nothing changes until the user signs in or out.
 */
void
stint_preferences_account_choose_kind (StintPreferencesAccount *self,
                                       const char              *kind)
{
  GtkToggleButton *radios[] = { self->local_radio, self->track_radio, self->focus_radio };

  g_return_if_fail (STINT_IS_PREFERENCES_ACCOUNT (self));
  g_return_if_fail (kind != NULL);

  gtk_toggle_button_set_active (radios[kind_from_name (kind)], TRUE);
}
