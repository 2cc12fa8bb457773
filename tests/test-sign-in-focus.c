/* test-sign-in-focus.c: StintSignIn checking Toggl Focus API keys against
 * the in-process fake
 *
 * The check is what a person meets first: a wrong organization, a wrong or
 * expired key, a workspace the key may not use must each come back as a
 * sentence, before anything is written; a good key costs one request (two
 * when Stint must ask which workspace is current). Committing needs the
 * keyring and is covered end to end (tests/e2e/test-focus.sh); here only
 * what a commit refuses before it reaches the keyring. Settings are the
 * memory backend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "api/stint-api-error.h"
#include "app/stint-sign-in.h"
#include "fake-toggl-focus.h"
#include "stint-test-utils.h"

#define GRACE_KEY "toggl_sk_9f8e7d6c5b4a39281706f5e4d3c2b1a0"
#define ALAN_KEY "toggl_sk_00112233445566778899aabbccddeeff"
#define GRACE 2001
#define SCOPE "/focus/api/organizations/178452/workspaces/600100"
/* 2025-03-03T13:05:00Z */
#define T0 G_GINT64_CONSTANT (1741007100)

typedef struct
{
  StintClock   *clock;
  FakeToggl    *fake;
  GSettings    *settings;
  StintSignIn  *sign_in;
  char         *url;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "fake-focus-accounts.json", NULL);

  f->clock = stint_clock_new_manual (T0 * (gint64)G_USEC_PER_SEC);
  f->fake = fake_toggl_new (f->clock, 0, &error);
  g_assert_no_error (error);
  fake_toggl_load_fixture (f->fake, fixture, &error);
  g_assert_no_error (error);
  f->url = fake_toggl_dup_focus_url (f->fake);

  f->settings = g_settings_new ("io.github.stintapp.Stint");
  g_settings_reset (f->settings, "account-kind");
  f->sign_in = stint_sign_in_new (f->settings, NULL, f->clock);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->sign_in);
  g_clear_object (&f->settings);
  g_clear_object (&f->fake);
  g_clear_object (&f->clock);
  g_free (f->url);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
on_stuck (gpointer user_data)
{
  g_error ("The operation did not finish within 10 s");
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  guint watchdog = g_timeout_add_seconds (10, on_stuck, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  return *slot;
}

static gboolean
check_focus (Fixture      *f,
             const char   *base_url,
             const char   *key,
             const char   *organization,
             gint64        workspace_id,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_sign_in_check_focus_async (f->sign_in, base_url, key, organization, workspace_id,
                                   cancellable, store_result_cb, &result);
  return stint_sign_in_check_finish (f->sign_in, wait_for (&result), error);
}

static const FakeTogglRequest *
request (Fixture *f,
         guint    index)
{
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), >, index);
  return fake_toggl_get_request (f->fake, index);
}

/* --- a good key ------------------------------------------------------------ */

static void
test_current_workspace (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  const char *name = "unset";

  g_assert_true (check_focus (f, f->url, GRACE_KEY, "178452", 0, NULL, &error));
  g_assert_no_error (error);

  /* The settings name the workspace; one cheap request inside it. */
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 2);
  g_assert_cmpstr (request (f, 0)->path, ==, "/focus/api/users/me/settings");
  g_assert_cmpstr (request (f, 1)->path, ==, SCOPE "/tracking/current");
  g_assert_cmpuint (request (f, 1)->status, ==, 204);

  g_assert_cmpstr (stint_sign_in_get_kind (f->sign_in), ==, STINT_SIGN_IN_KIND_FOCUS);
  g_assert_cmpint (stint_sign_in_get_organization_id (f->sign_in), ==, 178452);
  g_assert_cmpint (stint_sign_in_get_user_id (f->sign_in), ==, 0);
  g_assert_null (stint_sign_in_get_email (f->sign_in));
  g_assert_cmpint (stint_sign_in_get_default_workspace (f->sign_in), ==, 600100);
  g_assert_cmpuint (stint_sign_in_get_n_workspaces (f->sign_in), ==, 1);
  g_assert_cmpint (stint_sign_in_get_workspace (f->sign_in, 0, &name), ==, 600100);
  g_assert_null (name);
  g_assert_cmpstr (stint_sign_in_lookup_workspace (f->sign_in, 600100), ==, "");
  g_assert_null (stint_sign_in_lookup_workspace (f->sign_in, 600200));

  /* A check writes nothing. */
  kind = g_settings_get_string (f->settings, "account-kind");
  g_assert_cmpstr (kind, ==, "local");
}

static void
test_named_workspace (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Spaces around a pasted number do not matter; something running is
   * no obstacle. */
  fake_toggl_focus_start_elsewhere (f->fake, GRACE, "Debugging");
  g_assert_true (check_focus (f, f->url, GRACE_KEY, " 178452 ", 600100, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 1);
  g_assert_cmpstr (request (f, 0)->path, ==, SCOPE "/tracking/current");
  g_assert_cmpuint (request (f, 0)->status, ==, 200);
  g_assert_cmpint (stint_sign_in_get_default_workspace (f->sign_in), ==, 600100);
}

/* --- what a check refuses ------------------------------------------------ */

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (check_focus (f, f->url, "toggl_sk_ffffffffffffffffffffffffffffffff", "178452",
                               600100, NULL, &error));
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==,
                   "This API key is not valid or has expired — create a new one in Toggl Focus "
                   "and sign in with it.");
  g_assert_null (strstr (error->message, "ffffffff"));
  g_assert_null (stint_sign_in_get_kind (f->sign_in));
}

static void
test_expired_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Refused at the settings request already, the same way. */
  fake_toggl_focus_set_key_expiry (f->fake, GRACE, T0);
  g_assert_false (check_focus (f, f->url, GRACE_KEY, "178452", 0, NULL, &error));
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_AUTH);
  g_assert_true (g_str_has_prefix (error->message, "This API key is not valid or has expired"));
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 1);
}

static void
test_wrong_organization (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Alan's organization, Grace's key. */
  g_assert_false (check_focus (f, f->url, GRACE_KEY, "178453", 0, NULL, &error));
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==,
                   "This API key may not use workspace 600100 of organization 178453 in Toggl "
                   "Focus. Check both numbers in the address of the Focus web app: they follow "
                   "“/workspaces/” and “/organizations/”.");
  g_clear_error (&error);

  /* Her organization, Alan's workspace. */
  g_assert_false (check_focus (f, f->url, GRACE_KEY, "178452", 600200, NULL, &error));
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "workspace 600200 of organization 178452"));
  g_assert_null (stint_sign_in_get_kind (f->sign_in));
}

static void
test_refused_without_request (Fixture       *f,
                              gconstpointer  data)
{
  static const struct {
    const char *base_url;
    const char *key;
    const char *organization;
    gint64      workspace_id;
    const char *message_start;
  } cases[] = {
    { NULL, GRACE_KEY, "", 0, "A Toggl Focus organization id is a number: the one after “/organizations/”" },
    { NULL, GRACE_KEY, NULL, 0, "A Toggl Focus organization id is a number" },
    { NULL, GRACE_KEY, "hopper", 0, "A Toggl Focus organization id is a number" },
    { NULL, GRACE_KEY, "-5", 0, "A Toggl Focus organization id is a number" },
    { NULL, GRACE_KEY, "178452", -1, "A workspace id is a positive number." },
    { NULL, "", "178452", 0, "Enter your Toggl Focus API key first." },
    { "http://example.com/api", GRACE_KEY, "178452", 0, "Stint only sends your token over https://" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_false (check_focus (f, cases[i].base_url != NULL ? cases[i].base_url : f->url,
                                   cases[i].key, cases[i].organization, cases[i].workspace_id,
                                   NULL, &error));
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message_start));
    }

  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 0);
}

/* A failed or cancelled check leaves the last good one in place. */
static void
test_keeps_last_good (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_true (check_focus (f, f->url, GRACE_KEY, "178452", 0, NULL, &error));

  g_assert_false (check_focus (f, f->url, ALAN_KEY, "178452", 600100, NULL, &error));
  g_assert_error (error, STINT_API_ERROR, STINT_API_ERROR_FORBIDDEN);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (check_focus (f, f->url, ALAN_KEY, "178453", 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpstr (stint_sign_in_get_kind (f->sign_in), ==, STINT_SIGN_IN_KIND_FOCUS);
  g_assert_cmpint (stint_sign_in_get_organization_id (f->sign_in), ==, 178452);
  g_assert_cmpint (stint_sign_in_get_default_workspace (f->sign_in), ==, 600100);
}

/* The check vouches for one workspace; a commit to another is refused
 * before the keyring is asked anything. */
static void
test_commit_other_workspace (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;

  g_assert_true (check_focus (f, f->url, GRACE_KEY, "178452", 600100, NULL, &error));
  stint_sign_in_commit_async (f->sign_in, 600200, FALSE, NULL, store_result_cb, &result);
  g_assert_false (stint_sign_in_commit_finish (f->sign_in, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==,
                   "Stint checked the API key with Toggl Focus workspace 600100 only; check it "
                   "with workspace 600200 first.");
  kind = g_settings_get_string (f->settings, "account-kind");
  g_assert_cmpstr (kind, ==, "local");
}

/* --- the store's name for the account the settings name ------------------ */

static void
test_settings_account (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.stintapp.Stint");
  static const struct {
    const char *kind;
    gint64      track_user;
    gint64      organization;
    gint64      workspace;
    const char *account;
  } cases[] = {
    { "local", 1001, 178452, 600100, "local" },
    { "track", 1001, 0, 0, "track:1001" },
    { "track", 0, 178452, 600100, NULL },
    { "focus", 1001, 178452, 600100, "focus:178452:600100" },
    { "focus", 0, 178452, 0, NULL },
    { "focus", 0, 0, 600100, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *account = NULL;

      g_settings_set_int64 (settings, "track-user-id", cases[i].track_user);
      g_settings_set_int64 (settings, "focus-organization-id", cases[i].organization);
      g_settings_set_int64 (settings, "focus-workspace-id", cases[i].workspace);
      g_settings_set_string (settings, "account-kind", cases[i].kind);
      account = stint_sign_in_settings_account (settings);
      g_assert_cmpstr (account, ==, cases[i].account);
    }
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

  g_test_add ("/sign-in-focus/current-workspace", Fixture, NULL, setup, test_current_workspace, teardown);
  g_test_add ("/sign-in-focus/named-workspace", Fixture, NULL, setup, test_named_workspace, teardown);
  g_test_add ("/sign-in-focus/wrong-key", Fixture, NULL, setup, test_wrong_key, teardown);
  g_test_add ("/sign-in-focus/expired-key", Fixture, NULL, setup, test_expired_key, teardown);
  g_test_add ("/sign-in-focus/wrong-organization", Fixture, NULL, setup, test_wrong_organization, teardown);
  g_test_add ("/sign-in-focus/refused-without-request", Fixture, NULL, setup,
              test_refused_without_request, teardown);
  g_test_add ("/sign-in-focus/keeps-last-good", Fixture, NULL, setup, test_keeps_last_good, teardown);
  g_test_add ("/sign-in-focus/commit-other-workspace", Fixture, NULL, setup,
              test_commit_other_workspace, teardown);
  g_test_add_func ("/sign-in-focus/settings-account", test_settings_account);

  return g_test_run ();
}
