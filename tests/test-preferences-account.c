/* test-preferences-account.c: the Account page, signing out, and tokens kept
 * without a keyring
 *
 * Runs inside build-aux/desktop-session --no-keyring: a display and a session
 * bus, but no Secret Service, which is the case the page must handle in
 * place. Toggl is the in-process fake on loopback; time is a manual clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "app/stint-sign-in.h"
#include "app/stint-sign-out.h"
#include "desktop/stint-secret.h"
#include "fake-toggl/fake-toggl-focus.h"
#include "stint-fake-backend.h"
#include "stint-test-fake.h"
#include "ui/stint-preferences-account-private.h"

/* 2026-11-23 09:00:30 UTC */
#define T0     ((gint64)1795424430)
#define MINUTE 60
#define ACCOUNT "track:1001"
#define ADA_TOKEN "3f2a9c4e8b7d6a5f1e0c9b8a7d6e5f4a"

typedef struct
{
  char        *dir;
  StintStore  *store;
  StintClock  *clock;
  GSettings   *settings;
  GtkWidget   *window;
  StintPreferencesAccount *page;
  StintSignIn *sign_in;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  static const char * const keys[] = {
    "account-kind", "track-base-url", "track-user-id", "track-workspace-id",
    "focus-base-url", "focus-organization-id", "focus-workspace-id",
  };
  g_autofree char *path = NULL;

  f->dir = stint_test_make_tmpdir ();
  path = g_build_filename (f->dir, "stint.db", NULL);
  f->store = stint_test_open_store (path);
  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);

  /* One memory backend for the whole process: start each test afresh. */
  f->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (f->settings, keys[i]);
  stint_secret_set_session_only (FALSE);
}

/* The page in a window on screen, as Preferences shows it. */
static void
show_page (Fixture *f)
{
  f->sign_in = stint_sign_in_new (f->settings, f->store, f->clock);
  f->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  f->page = g_object_new (STINT_TYPE_PREFERENCES_ACCOUNT, NULL);
  gtk_container_add (GTK_CONTAINER (f->window), GTK_WIDGET (f->page));
  stint_preferences_account_bind (f->page, f->settings, f->sign_in);
  stint_preferences_account_set_store (f->page, f->store);
  stint_preferences_account_set_clock (f->page, f->clock);
  gtk_widget_show (f->window);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_pointer (&f->window, gtk_widget_destroy);
  g_clear_object (&f->sign_in);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  stint_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gboolean
kind_is (Fixture    *f,
         const char *kind)
{
  g_autofree char *value = g_settings_get_string (f->settings, "account-kind");

  return g_str_equal (value, kind);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gint64
insert (StintStore      *store,
        const char      *description,
        gint64           start,
        StintOutboxKind  kind)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new (description, start, start + 1800);
  g_autoptr(GError) error = NULL;

  if (kind == STINT_OUTBOX_NONE)
    stint_entry_set_sync_state (entry, STINT_SYNC_STATE_SYNCED, NULL);
  g_assert_true (stint_store_insert_entry (store, entry, kind, &error));
  g_assert_no_error (error);

  return stint_entry_get_id (entry);
}

static void
set_meta (StintStore *store,
          const char *name,
          const char *value)
{
  g_autofree char *key = stint_store_account_meta_key (ACCOUNT, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_store_set_meta (store, key, value, &error));
  g_assert_no_error (error);
}

static char *
get_meta (StintStore *store,
          const char *name)
{
  g_autofree char *key = stint_store_account_meta_key (ACCOUNT, name);

  return stint_store_get_meta (store, key);
}

/* A Track account with two entries Toggl has and one it has not seen yet,
 * beside one entry tracked on this computer; the store shows the account,
 * as the running Stint leaves it. */
static void
fill_store (Fixture *f)
{
  insert (f->store, "Local work", T0 - 10 * 3600, STINT_OUTBOX_NONE);
  stint_test_set_account (f->store, ACCOUNT);
  insert (f->store, "Synced one", T0 - 8 * 3600, STINT_OUTBOX_NONE);
  insert (f->store, "Synced two", T0 - 6 * 3600, STINT_OUTBOX_NONE);
  insert (f->store, "Not sent yet", T0 - 4 * 3600, STINT_OUTBOX_CREATE);
  set_meta (f->store, "since", "1795400000");
  set_meta (f->store, "budget", "kept");
}

static void
sign_in_settings (Fixture *f)
{
  g_settings_set_int64 (f->settings, "track-user-id", 1001);
  g_settings_set_string (f->settings, "account-kind", "track");
}

/* Signing out */

static void
test_sign_out_keep (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  g_autofree char *budget = NULL;

  fill_store (f);
  stint_test_set_account (f->store, STINT_STORE_LOCAL_ACCOUNT);

  /* Counted from local mode, which the store stays in. */
  g_assert_cmpuint (stint_sign_out_count_unsynced (f->store, ACCOUNT), ==, 1);
  g_assert_cmpstr (stint_store_get_account (f->store), ==, STINT_STORE_LOCAL_ACCOUNT);

  g_assert_true (stint_sign_out_purge (f->store, ACCOUNT, STINT_SIGN_OUT_KEEP_UNSYNCED, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stint_store_get_account (f->store), ==, STINT_STORE_LOCAL_ACCOUNT);

  /* The cache is gone, the change that waits is not, nor local mode's. */
  g_assert_cmpuint (stint_store_count_account_entries (f->store, ACCOUNT), ==, 1);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, STINT_STORE_LOCAL_ACCOUNT), ==, 1);
  g_assert_cmpuint (stint_sign_out_count_unsynced (f->store, ACCOUNT), ==, 1);
  /* The next sign-in pulls everything again; the hour's quota stays known. */
  since = get_meta (f->store, "since");
  budget = get_meta (f->store, "budget");
  g_assert_null (since);
  g_assert_cmpstr (budget, ==, "kept");

  stint_test_set_account (f->store, ACCOUNT);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 1);
}

static void
test_sign_out_discard (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fill_store (f);

  g_assert_true (stint_sign_out_purge (f->store, ACCOUNT, STINT_SIGN_OUT_DISCARD_UNSYNCED, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (stint_store_get_account (f->store), ==, STINT_STORE_LOCAL_ACCOUNT);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, ACCOUNT), ==, 0);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, STINT_STORE_LOCAL_ACCOUNT), ==, 1);
  g_assert_cmpuint (stint_sign_out_count_unsynced (f->store, ACCOUNT), ==, 0);
}

/* The whole sign-out, as `stint --sign-out` runs it, with a token kept in
 * memory because there is no keyring. */
static void
test_sign_out_async (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *base_url = g_settings_get_string (f->settings, "track-base-url");
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  guint n_kept = 0;

  fill_store (f);
  sign_in_settings (f);
  stint_secret_set_session_only (TRUE);
  stint_secret_store_async (STINT_SECRET_KIND_TRACK, base_url, ADA_TOKEN, NULL, store_result, &stored);
  STINT_TEST_WAIT_FOR (stored != NULL);
  g_assert_true (stint_secret_store_finish (stored, &error));
  g_assert_true (stint_secret_is_session_token (STINT_SECRET_KIND_TRACK, base_url));

  stint_sign_out_account_async (f->settings, f->store, STINT_SIGN_OUT_KEEP_UNSYNCED, NULL,
                                store_result, &done);
  STINT_TEST_WAIT_FOR (done != NULL);
  g_assert_true (stint_sign_out_account_finish (done, &n_kept, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_kept, ==, 1);
  g_assert_true (kind_is (f, "local"));
  g_assert_false (stint_secret_is_session_token (STINT_SECRET_KIND_TRACK, base_url));
  g_assert_cmpstr (stint_store_get_account (f->store), ==, STINT_STORE_LOCAL_ACCOUNT);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, ACCOUNT), ==, 1);
}

/* Tokens without a keyring */

static void
test_secret_session_only (Fixture       *f,
                          gconstpointer  data)
{
  const char *base_url = "https://api.track.toggl.com/api/v9/";
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GAsyncResult) found_again = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  /* This session has no Secret Service: a sentence that says where to go. */
  stint_secret_store_async (STINT_SECRET_KIND_TRACK, base_url, ADA_TOKEN, NULL, store_result, &stored);
  STINT_TEST_WAIT_FOR (stored != NULL);
  g_assert_false (stint_secret_store_finish (stored, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_assert_null (strstr (error->message, ADA_TOKEN));
  g_clear_error (&error);
  g_clear_object (&stored);

  stint_secret_set_session_only (TRUE);
  stint_secret_store_async (STINT_SECRET_KIND_TRACK, base_url, ADA_TOKEN, NULL, store_result, &stored);
  STINT_TEST_WAIT_FOR (stored != NULL);
  g_assert_true (stint_secret_store_finish (stored, &error));
  g_assert_no_error (error);

  /* Found again by the same server however it is spelt, and only for it. */
  g_assert_true (stint_secret_is_session_token (STINT_SECRET_KIND_TRACK,
                                                "https://api.track.toggl.com/api/v9"));
  g_assert_false (stint_secret_is_session_token (STINT_SECRET_KIND_FOCUS, base_url));
  stint_secret_lookup_async (STINT_SECRET_KIND_TRACK, "https://api.track.toggl.com/api/v9", NULL,
                             store_result, &found);
  STINT_TEST_WAIT_FOR (found != NULL);
  token = stint_secret_lookup_finish (found, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, ADA_TOKEN);
  stint_secret_free (token);

  /* Forgetting it needs no keyring either. */
  stint_secret_clear_async (STINT_SECRET_KIND_TRACK, NULL, NULL, store_result, &cleared);
  STINT_TEST_WAIT_FOR (cleared != NULL);
  g_assert_true (stint_secret_clear_finish (cleared, &error));
  g_assert_no_error (error);
  g_assert_false (stint_secret_is_session_token (STINT_SECRET_KIND_TRACK, base_url));

  stint_secret_lookup_async (STINT_SECRET_KIND_TRACK, base_url, NULL, store_result, &found_again);
  STINT_TEST_WAIT_FOR (found_again != NULL);
  token = stint_secret_lookup_finish (found_again, &error);
  g_assert_null (token);
  g_clear_error (&error);
}

/* Requests left and the last sync */

static void
test_last_sync_sentences (void)
{
  static const struct {
    gint64      last_sync;
    const char *expected;
  } cases[] = {
    { 0, "Not synced yet" },
    { T0, "Last synced just now" },
    { T0 - 59, "Last synced just now" },
    { T0 + 30, "Last synced just now" },  /* a clock set back since */
    { T0 - 60, "Last synced 1 minute ago" },
    { T0 - 3 * MINUTE - 20, "Last synced 3 minutes ago" },
    { T0 - 3599, "Last synced 59 minutes ago" },
    { T0 - 2 * 3600, "Last synced at 07:00" },
    { T0 - 24 * 3600, "Last synced on 22 Nov 2026, 09:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = stint_preferences_account_status_describe_last_sync (cases[i].last_sync, T0);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StintFakeBackend) backend = stint_fake_backend_new (f->clock);
  g_autoptr(StintSync) sync = NULL;
  g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT, T0 - 3 * MINUTE - 20);
  StintPreferencesAccountStatus *status;
  StintBudget *budget;
  guint n_pending;

  stint_test_set_account (f->store, ACCOUNT);
  set_meta (f->store, "since", since);
  sync = stint_sync_new (f->store, STINT_BACKEND (backend), f->clock, 5001);
  budget = stint_sync_get_budget (sync);
  n_pending = stint_clock_get_pending (f->clock, NULL);

  sign_in_settings (f);
  show_page (f);
  stint_preferences_account_set_sync (f->page, sync);
  status = f->page->status;
  stint_test_flush ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->account_stack), ==, "signed-in");
  g_assert_cmpstr (stint_preferences_account_status_get_last_sync_text (status), ==,
                   "Last synced 3 minutes ago");
  g_assert_cmpstr (stint_preferences_account_status_get_requests_text (status), ==,
                   "30 requests left this hour");

  /* Replies counted: each bucket that took requests, at once. */
  stint_budget_record (budget, STINT_BUDGET_BUCKET_WORKSPACE, NULL, STINT_BUDGET_USER);
  stint_budget_record (budget, STINT_BUDGET_BUCKET_USER, NULL, STINT_BUDGET_USER);
  stint_budget_record (budget, STINT_BUDGET_BUCKET_USER, NULL, STINT_BUDGET_BACKGROUND);
  g_assert_cmpstr (stint_preferences_account_status_get_requests_text (status), ==,
                   "Requests left this hour: 28 for your account, 29 for the workspace");

  /* One timeout while on screen, due when "3 minutes" turns into 4. */
  g_assert_cmpuint (stint_clock_get_pending (f->clock, NULL), ==, n_pending + 1);
  stint_clock_advance (f->clock, 39 * G_USEC_PER_SEC);
  g_assert_cmpstr (stint_preferences_account_status_get_last_sync_text (status), ==,
                   "Last synced 3 minutes ago");
  stint_clock_advance (f->clock, 1 * G_USEC_PER_SEC);
  g_assert_cmpstr (stint_preferences_account_status_get_last_sync_text (status), ==,
                   "Last synced 4 minutes ago");
  g_assert_cmpuint (stint_clock_get_pending (f->clock, NULL), ==, n_pending + 1);

  /* The hour slides on: the requests it lets go come back. */
  stint_clock_advance (f->clock, (gint64)3600 * G_USEC_PER_SEC);
  g_assert_cmpstr (stint_preferences_account_status_get_requests_text (status), ==,
                   "Requests left this hour: 30 for your account, 30 for the workspace");
  g_assert_cmpstr (stint_preferences_account_status_get_last_sync_text (status), ==,
                   "Last synced at 08:57");

  /* Hidden, nothing wakes it. */
  gtk_widget_hide (f->window);
  g_assert_cmpuint (stint_clock_get_pending (f->clock, NULL), ==, n_pending);

  /* Signed out meanwhile: nothing to say about a sync that is gone. */
  stint_preferences_account_set_sync (f->page, NULL);
  g_assert_cmpstr (stint_preferences_account_status_get_requests_text (status), ==, "");
}

/* The form */

static void
test_proxy_line (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GProxyResolver) proxy = NULL;
  g_autoptr(GProxyResolver) direct = NULL;

  show_page (f);

  proxy = g_simple_proxy_resolver_new ("http://ada:secret@proxy.example.com:3128", NULL);
  stint_preferences_account_set_proxy_resolver (f->page, proxy);
  STINT_TEST_WAIT_FOR (strstr (gtk_label_get_text (f->page->proxy_label), "through") != NULL);
  g_assert_cmpstr (gtk_label_get_text (f->page->proxy_label), ==,
                   "Stint uses the desktop’s proxy settings: it connects to api.track.toggl.com "
                   "through http://proxy.example.com:3128.");

  direct = g_simple_proxy_resolver_new (NULL, NULL);
  stint_preferences_account_set_proxy_resolver (f->page, direct);
  STINT_TEST_WAIT_FOR (strstr (gtk_label_get_text (f->page->proxy_label), "directly") != NULL);
  g_assert_cmpstr (gtk_label_get_text (f->page->proxy_label), ==,
                   "Stint uses the desktop’s proxy settings: it connects to api.track.toggl.com "
                   "directly.");

  /* The server in view is the one asked about. */
  stint_preferences_account_choose_kind (f->page, "focus");
  STINT_TEST_WAIT_FOR (strstr (gtk_label_get_text (f->page->proxy_label), "focus.toggl.com") != NULL);
}

static void
test_focus_form (Fixture       *f,
                 gconstpointer  data)
{
  AtkObject *sign_in = NULL;

  show_page (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->mode_stack), ==, "local");

  stint_preferences_account_choose_kind (f->page, "focus");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->mode_stack), ==, "account");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->account_stack), ==, "form");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->form_stack), ==, "focus");
  g_assert_cmpstr (gtk_entry_get_text (f->page->base_url_entry), ==, "https://focus.toggl.com/api");
  sign_in = gtk_widget_get_accessible (f->page->sign_in_button);
  g_assert_cmpstr (atk_object_get_name (sign_in), ==, "Sign in to Toggl Focus");
  g_assert_false (gtk_widget_get_sensitive (f->page->sign_in_button));

  gtk_entry_set_text (f->page->api_key_entry, "toggl_sk_9f8e7d6c5b4a39281706f5e4d3c2b1a0");
  gtk_entry_set_text (f->page->organization_entry, "178452");
  g_assert_true (gtk_widget_get_sensitive (f->page->sign_in_button));

  /* A workspace that is not a number is refused in place, and clears. */
  gtk_entry_set_text (f->page->focus_workspace_entry, "my workspace");
  g_assert_false (gtk_widget_get_sensitive (f->page->sign_in_button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->page->form_error)));
  gtk_entry_set_text (f->page->focus_workspace_entry, "600100");
  g_assert_true (gtk_widget_get_sensitive (f->page->sign_in_button));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->page->form_error)));

  /* Plain http:// to another computer: a sentence, and no sign-in. */
  gtk_entry_set_text (f->page->base_url_entry, "http://focus.example.com/api");
  g_assert_false (gtk_widget_get_sensitive (f->page->sign_in_button));
  g_assert_cmpstr (gtk_label_get_text (f->page->base_url_error), ==,
                   "Stint only sends your token over https://; “focus.example.com” is plain "
                   "http:// to another computer.");

  /* Each service keeps its own server address while the other is in view. */
  stint_preferences_account_choose_kind (f->page, "track");
  g_assert_cmpstr (gtk_entry_get_text (f->page->base_url_entry), ==,
                   "https://api.track.toggl.com/api/v9");
  g_assert_cmpstr (atk_object_get_name (sign_in), ==, "Sign in to Toggl Track");
  stint_preferences_account_choose_kind (f->page, "focus");
  g_assert_cmpstr (gtk_entry_get_text (f->page->base_url_entry), ==, "http://focus.example.com/api");
}

/* Signs in with the form as filled in. There is no keyring: nothing is
 * signed in until the user takes the page's offer to keep the secret for
 * this session only, which this takes. */
static void
sign_in_for_session (Fixture    *f,
                     const char *kind)
{
  gtk_button_clicked (GTK_BUTTON (f->page->sign_in_button));
  STINT_TEST_WAIT_FOR (gtk_widget_get_visible (f->page->keyring_box));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->page->error_label)));
  g_assert_true (kind_is (f, "local"));

  gtk_button_clicked (GTK_BUTTON (f->page->session_button));
  STINT_TEST_WAIT_FOR (kind_is (f, kind));
}

/* No keyring: the page says so and keeps the token in memory when asked. */
static void
test_sign_in_session_only (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StintClock) server_clock = stint_clock_new_system ();
  g_autoptr(FakeToggl) fake = stint_test_fake_toggl_new (server_clock, "fake-toggl-accounts.json");
  g_autofree char *url = fake_toggl_dup_track_url (fake);

  show_page (f);
  stint_preferences_account_choose_kind (f->page, "track");
  gtk_entry_set_text (f->page->base_url_entry, url);
  gtk_entry_set_text (f->page->token_entry, ADA_TOKEN);
  sign_in_for_session (f, "track");

  g_assert_true (stint_secret_is_session_token (STINT_SECRET_KIND_TRACK, url));
  g_assert_cmpint (g_settings_get_int64 (f->settings, "track-user-id"), ==, 1001);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->account_stack), ==, "signed-in");
  g_assert_cmpstr (gtk_label_get_text (f->page->signed_in_label), ==,
                   "Signed in to Toggl Track as ada@example.com.");
  g_assert_true (gtk_widget_get_visible (f->page->session_label));
  g_assert_false (gtk_widget_get_visible (f->page->keyring_box));
  /* The form forgets what was typed. */
  g_assert_cmpstr (gtk_entry_get_text (f->page->token_entry), ==, "");
}

/* The same for Toggl Focus: API key, organization, the current workspace. */
static void
test_focus_sign_in_session_only (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(StintClock) server_clock = stint_clock_new_system ();
  g_autoptr(FakeToggl) fake = stint_test_fake_toggl_new (server_clock, "fake-focus-accounts.json");
  g_autofree char *url = fake_toggl_dup_focus_url (fake);

  show_page (f);
  stint_preferences_account_choose_kind (f->page, "focus");
  gtk_entry_set_text (f->page->base_url_entry, url);
  gtk_entry_set_text (f->page->api_key_entry, "toggl_sk_9f8e7d6c5b4a39281706f5e4d3c2b1a0");
  gtk_entry_set_text (f->page->organization_entry, "178452");
  sign_in_for_session (f, "focus");

  g_assert_true (stint_secret_is_session_token (STINT_SECRET_KIND_FOCUS, url));
  g_assert_cmpint (g_settings_get_int64 (f->settings, "focus-organization-id"), ==, 178452);
  g_assert_cmpint (g_settings_get_int64 (f->settings, "focus-workspace-id"), ==, 600100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->account_stack), ==, "signed-in");
  g_assert_cmpstr (gtk_label_get_text (f->page->signed_in_label), ==,
                   "Signed in to Toggl Focus: workspace 600100 of organization 178452.");
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (f->page->sign_out_button)), ==,
                   "Sign out of Toggl Focus");
  g_assert_cmpstr (gtk_entry_get_text (f->page->api_key_entry), ==, "");
}

static GtkDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static char *
dialog_text (GtkDialog *dialog)
{
  g_autofree char *text = NULL;

  g_object_get (dialog, "text", &text, NULL);
  return g_steal_pointer (&text);
}

/* Sign Out with a change Toggl has not seen: a question first. */
static void
test_sign_out_asks (Fixture       *f,
                    gconstpointer  data)
{
  GtkDialog *dialog;
  g_autofree char *text = NULL;

  fill_store (f);
  sign_in_settings (f);
  show_page (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->account_stack), ==, "signed-in");

  /* Cancel changes nothing. */
  gtk_button_clicked (GTK_BUTTON (f->page->sign_out_button));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  text = dialog_text (dialog);
  g_assert_cmpstr (text, ==, "1 change has not reached Toggl yet");
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
  stint_test_flush ();
  g_assert_null (find_dialog ());
  g_assert_true (kind_is (f, "track"));
  g_assert_cmpuint (stint_store_count_account_entries (f->store, ACCOUNT), ==, 3);

  /* Keep: signed out, the cache gone, the change waiting for the next sign-in. */
  gtk_button_clicked (GTK_BUTTON (f->page->sign_out_button));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (dialog, 1 /* keep */);
  STINT_TEST_WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (f->page->notice_label)));

  g_assert_true (kind_is (f, "local"));
  g_assert_cmpuint (stint_store_count_account_entries (f->store, ACCOUNT), ==, 1);
  g_assert_cmpuint (stint_store_count_account_entries (f->store, STINT_STORE_LOCAL_ACCOUNT), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (f->page->notice_label), ==,
                   "Signed out. 1 change waits in Stint’s database and goes to Toggl when you "
                   "sign in to the same account again.");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->mode_stack), ==, "local");
  g_assert_false (gtk_widget_get_visible (f->page->leave_box));
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

  /* A session bus of its own with no Secret Service to activate: the
   * desktop's may start gnome-keyring, which would wait for a prompt. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* GTestDBus hides the display from D-Bus autolaunch; GTK needs it. */
  g_setenv ("DISPLAY", display, TRUE);
  gtk_init (&argc, &argv);

  g_test_add ("/stint/sign-out/keep", Fixture, NULL, setup, test_sign_out_keep, teardown);
  g_test_add ("/stint/sign-out/discard", Fixture, NULL, setup, test_sign_out_discard, teardown);
  g_test_add ("/stint/sign-out/async", Fixture, NULL, setup, test_sign_out_async, teardown);
  g_test_add ("/stint/secret/session-only", Fixture, NULL, setup, test_secret_session_only, teardown);
  g_test_add_func ("/stint/preferences-account/last-sync-sentences", test_last_sync_sentences);
  g_test_add ("/stint/preferences-account/status", Fixture, NULL, setup, test_status, teardown);
  g_test_add ("/stint/preferences-account/proxy", Fixture, NULL, setup, test_proxy_line, teardown);
  g_test_add ("/stint/preferences-account/focus-form", Fixture, NULL, setup, test_focus_form, teardown);
  g_test_add ("/stint/preferences-account/session-only", Fixture, NULL, setup,
              test_sign_in_session_only, teardown);
  g_test_add ("/stint/preferences-account/focus-session-only", Fixture, NULL, setup,
              test_focus_sign_in_session_only, teardown);
  g_test_add ("/stint/preferences-account/sign-out-asks", Fixture, NULL, setup,
              test_sign_out_asks, teardown);

  status = g_test_run ();
  /* Only the daemon: g_test_dbus_down() would wait for the last reference
   * to the session bus connection, which libsecret and GIO keep cached
   * until exit. */
  g_test_dbus_stop (bus);

  return status;
}
