/* stint-preferences-account-private.h: what the Account page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-preferences-account.h"
#include "stint-preferences-account-status.h"

G_BEGIN_DECLS

/* Where entries go: the values of the "account-kind" key. */
typedef enum {
  STINT_ACCOUNT_LOCAL,
  STINT_ACCOUNT_TRACK,
  STINT_ACCOUNT_FOCUS,
} StintAccountKind;

struct _StintPreferencesAccount
{
  GtkBox           parent_instance;

  GSettings       *settings;
  StintSignIn     *sign_in;
  StintStore      *store;
  StintSync       *sync;
  GProxyResolver  *proxy_resolver;     /* NULL: the desktop's */
  GCancellable    *cancellable;        /* the check, commit or sign-out under way */
  GCancellable    *stored_cancellable; /* reading who the stored token belongs to */
  GCancellable    *proxy_cancellable;
  gboolean         stored_checked;
  char            *problem;            /* the running Stint's word on the account */
  gboolean         filling;            /* the workspace list is being refilled */
  gboolean         upload_local;       /* the answer the commit under way was given */
  StintAccountKind url_kind;           /* whose server the Advanced entry shows */
  char            *typed_url[3];       /* per kind: what was typed there meanwhile */

  GtkToggleButton *local_radio;
  GtkToggleButton *track_radio;
  GtkToggleButton *focus_radio;
  GtkStack        *mode_stack;
  GtkWidget       *leave_box;
  GtkLabel        *leave_label;
  GtkWidget       *leave_button;
  GtkStack        *account_stack;
  GtkLabel        *signed_in_label;
  GtkWidget       *workspace_label;
  GtkComboBoxText *workspace_combo;
  StintPreferencesAccountStatus *status;
  GtkWidget       *session_label;
  GtkWidget       *sign_out_button;
  GtkLabel        *problem_label;
  GtkStack        *form_stack;
  GtkToggleButton *token_radio;
  GtkWidget       *password_radio;
  GtkStack        *method_stack;
  GtkEntry        *token_entry;
  GtkEntry        *email_entry;
  GtkEntry        *password_entry;
  GtkEntry        *api_key_entry;
  GtkEntry        *organization_entry;
  GtkEntry        *focus_workspace_entry;
  GtkLabel        *form_error;
  GtkExpander     *advanced_expander;
  GtkEntry        *base_url_entry;
  GtkLabel        *base_url_error;
  GtkWidget       *keyring_box;
  GtkWidget       *session_button;
  GtkSpinner      *spinner;
  GtkWidget       *cancel_button;
  GtkWidget       *sign_in_button;
  GtkLabel        *notice_label;
  GtkLabel        *error_label;
  GtkLabel        *proxy_label;
};

StintAccountKind stint_preferences_account_get_kind    (StintPreferencesAccount *self);
StintAccountKind stint_preferences_account_get_chosen  (StintPreferencesAccount *self);
const char      *stint_preferences_account_kind_name   (StintAccountKind         kind);
const char      *stint_preferences_account_service_name (StintAccountKind        kind);
gboolean         stint_preferences_account_is_busy     (StintPreferencesAccount *self);
gboolean         stint_preferences_account_form_ready  (StintPreferencesAccount *self);
gboolean         stint_preferences_account_parse_focus_workspace
                                                       (StintPreferencesAccount *self,
                                                        gint64                  *workspace_id);
void             stint_preferences_account_update      (StintPreferencesAccount *self);
void             stint_preferences_account_set_busy    (StintPreferencesAccount *self,
                                                        gboolean                 busy);
void             stint_preferences_account_show_error  (StintPreferencesAccount *self,
                                                        const char              *message);
void             stint_preferences_account_show_notice (StintPreferencesAccount *self,
                                                        const char              *message);

void             stint_preferences_account_show_label  (GtkLabel                *label,
                                                        const char              *message);

/* stint-preferences-account-sign-in.c */
void             stint_preferences_account_update_sign_in (StintPreferencesAccount *self);
void             stint_preferences_account_method_toggled (StintPreferencesAccount *self);
void             stint_preferences_account_input_changed  (StintPreferencesAccount *self);
void             stint_preferences_account_base_url_changed (StintPreferencesAccount *self);
void             stint_preferences_account_sign_in     (StintPreferencesAccount *self);
void             stint_preferences_account_cancel      (StintPreferencesAccount *self);
void             stint_preferences_account_keep_for_session
                                                       (StintPreferencesAccount *self);

/* stint-preferences-account-sign-out.c */
void             stint_preferences_account_sign_out    (StintPreferencesAccount *self);

/* stint-preferences-account-proxy.c */
void             stint_preferences_account_update_proxy (StintPreferencesAccount *self);

G_END_DECLS
