/* stint-application-cli.c: `stint --sign-in`, `stint --sign-out`, and
 * what `stint --start` tells its user
 *
 * For people who set up their desktop with scripts. Signing in and out run
 * in the calling process, not in the running Stint: they write the keyring
 * and GSettings, which the running Stint follows. The Toggl Track token or
 * Toggl Focus API key is read from standard input, never from the command
 * line, where other users could read it in the process list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-application-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "stint-application-private.h"
#include "stint-sign-out.h"
#include "api/stint-focus-backend.h"
#include "api/stint-http.h"
#include "util/stint-parse.h"

/* A Track token is 32 hex digits, a Focus key `toggl_sk_` and 32 more;
 * leave room for other servers' formats. */
#define TOKEN_MAX_BYTES 1024

/* The keyring may wait for someone to unlock it, or for a prompt nobody
 * sees; a script must not hang on it forever. Long enough to type a
 * password into the unlock prompt. */
#define KEYRING_DEADLINE_SECONDS 120

static const char * const sign_in_only[] = {
  "base-url", "workspace", "upload-local", "organization"
};
static const char * const other_verbs[] = {
  "toggle", "start", "stop", "show", "quit", "status", "json", "version", G_OPTION_REMAINING
};

gboolean
stint_application_wants_account_command (GVariantDict *options)
{
  return g_variant_dict_contains (options, "sign-in") ||
         g_variant_dict_contains (options, "sign-out") ||
         g_variant_dict_contains (options, "base-url") ||
         g_variant_dict_contains (options, "workspace") ||
         g_variant_dict_contains (options, "upload-local") ||
         g_variant_dict_contains (options, "organization");
}

/* Reads one line from standard input, byte by byte so that no stdio buffer
 * keeps a copy. On a terminal it asks on stderr and does not echo. */
static char *
read_token (gboolean   focus,
            GError   **error)
{
  struct termios saved;
  gboolean quiet = FALSE;
  char buffer[TOKEN_MAX_BYTES];
  gsize len = 0;
  char *token;

  if (isatty (STDIN_FILENO))
    {
      struct termios silent;

      g_printerr ("%s", focus ? _("Toggl Focus API key: ") : _("Toggl Track API token: "));
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          silent = saved;
          silent.c_lflag &= ~(tcflag_t)ECHO;
          quiet = tcsetattr (STDIN_FILENO, TCSAFLUSH, &silent) == 0;
        }
    }

  while (len < sizeof buffer - 1)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n')
        break;
      buffer[len++] = c;
    }
  buffer[len] = '\0';

  if (quiet)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  token = g_strdup (g_strstrip (buffer));
  explicit_bzero (buffer, sizeof buffer);

  if (token[0] == '\0' && focus)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("No API key came on standard input. Pipe it in, for example from "
                           "your password manager; you create one in Toggl Focus."));
  else if (token[0] == '\0')
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("No API token came on standard input. Pipe it in, for example "
                           "from your password manager; you find it in Toggl Track → Profile "
                           "settings → API Token."));
  if (token[0] == '\0')
    {
      g_free (token);
      return NULL;
    }

  return token;
}

static void
wipe_token (char *token)
{
  if (token != NULL)
    {
      explicit_bzero (token, strlen (token));
      g_free (token);
    }
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
on_keyring_deadline (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* The command line has no main loop of its own yet: spin the default
 * context until the operation answers. Requests to Toggl have StintHttp's
 * deadline; the keyring gets KEYRING_DEADLINE_SECONDS through @keyring. */
static GAsyncResult *
wait_for (GAsyncResult **slot,
          GCancellable  *keyring)
{
  guint deadline_id = 0;

  if (keyring != NULL)
    deadline_id = g_timeout_add_seconds (KEYRING_DEADLINE_SECONDS, on_keyring_deadline, keyring);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (deadline_id != 0 && !g_cancellable_is_cancelled (keyring))
    g_source_remove (deadline_id);

  return *slot;
}

static void
print_keyring_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_printerr ("%s\n", _("The keyring did not answer in time. Unlock it, or check that this "
                          "desktop has one, and try again."));
  else
    g_printerr ("%s\n", error->message);
}

/* Signing in again to the account the running Stint already follows (a
 * new token, entries to upload) changes no setting it watches: ask it to
 * look again. This never starts an instance. */
static void
tell_running_instance (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (bus == NULL)
    return;

  /* GApplication's object path: the id with dots as slashes. */
  path = g_strconcat ("/", APP_ID, NULL);
  g_strdelimit (path, ".", '/');

  reply = g_dbus_connection_call_sync (bus, APP_ID, path, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(s@av@a{sv})", "follow-account",
                                                      g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                                      g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                       NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, &error);
  if (reply == NULL)
    g_debug ("No running Stint to tell: %s", error->message);
}

static gboolean
check_options (GVariantDict  *options,
               gboolean       sign_in,
               GError       **error)
{
  if (g_variant_dict_contains (options, "sign-in") && g_variant_dict_contains (options, "sign-out"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("--sign-in and --sign-out cannot be used together."));
      return FALSE;
    }

  for (guint i = 0; !sign_in && i < G_N_ELEMENTS (sign_in_only); i++)
    if (g_variant_dict_contains (options, sign_in_only[i]))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("--base-url, --workspace, --organization and --upload-local go "
                               "with --sign-in."));
        return FALSE;
      }

  for (guint i = 0; i < G_N_ELEMENTS (other_verbs); i++)
    if (g_variant_dict_contains (options, other_verbs[i]))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("--sign-in and --sign-out cannot be combined with other commands."));
        return FALSE;
      }

  return TRUE;
}

/* What --sign-in asks for, checked before the token is read: a mistake in
 * the command line must not cost the user a paste. */
typedef struct
{
  gboolean  focus;
  char     *base_url;
  char     *organization;
  gint64    workspace_id;
} SignInArgs;

static void
sign_in_args_clear (SignInArgs *args)
{
  g_clear_pointer (&args->base_url, g_free);
  g_clear_pointer (&args->organization, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SignInArgs, sign_in_args_clear)

static gboolean
read_sign_in_args (GVariantDict  *options,
                   GSettings     *settings,
                   SignInArgs    *args,
                   GError       **error)
{
  g_autofree char *kind = NULL;

  g_variant_dict_lookup (options, "sign-in", "s", &kind);
  if (!g_str_equal (kind, STINT_SIGN_IN_KIND_TRACK) &&
      !g_str_equal (kind, STINT_SIGN_IN_KIND_FOCUS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Stint cannot sign in to “%s”; it knows Toggl Track and Toggl Focus: use "
                     "--sign-in=track or --sign-in=focus."), kind);
      return FALSE;
    }
  args->focus = g_str_equal (kind, STINT_SIGN_IN_KIND_FOCUS);

  if (!g_variant_dict_lookup (options, "base-url", "s", &args->base_url))
    args->base_url = g_settings_get_string (settings,
                                            args->focus ? "focus-base-url" : "track-base-url");
  g_variant_dict_lookup (options, "workspace", "x", &args->workspace_id);
  g_variant_dict_lookup (options, "organization", "s", &args->organization);

  if (!stint_http_check_base_url (args->base_url, error))
    return FALSE;
  if (args->workspace_id < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A workspace id is a positive number."));
      return FALSE;
    }

  if (!args->focus && args->organization != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("--organization goes with --sign-in=focus."));
      return FALSE;
    }
  if (args->focus && args->organization == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Signing in to Toggl Focus needs --organization=ID: the number after "
                             "/organizations/ in the address of the Focus web app."));
      return FALSE;
    }
  if (args->focus)
    {
      g_strstrip (args->organization);
      return stint_focus_backend_check_organization_id (args->organization, error);
    }

  return TRUE;
}

static void
print_signed_in (StintSignIn *sign_in,
                 GSettings   *settings,
                 gboolean     focus)
{
  if (focus)
    {
      gint64 workspace_id = g_settings_get_int64 (settings, "focus-workspace-id");
      g_autofree char *workspace = g_strdup_printf ("%" G_GINT64_FORMAT, workspace_id);
      g_autofree char *organization = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                       stint_sign_in_get_organization_id (sign_in));

      /* Translators: the first %s is a workspace id, the second an
       * organization id, both numbers */
      g_print (_("Signed in to Toggl Focus; new entries go to workspace %s of organization %s.\n"),
               workspace, organization);
      return;
    }

  g_print (_("Signed in to Toggl Track as %s; new entries go to the workspace “%s”.\n"),
           stint_sign_in_get_email (sign_in) != NULL ? stint_sign_in_get_email (sign_in) : "",
           stint_sign_in_lookup_workspace (sign_in,
                                           g_settings_get_int64 (settings, "track-workspace-id")));
}

static void
print_local_entries (guint    n_local,
                     gboolean upload_local,
                     gboolean focus)
{
  if (n_local > 0 && upload_local)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Stint will upload the %u entry tracked on this computer.\n",
                          "Stint will upload the %u entries tracked on this computer.\n", n_local),
             n_local);
  else if (n_local > 0 && focus)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u entry tracked on this computer stays there; to send it to Toggl "
                          "Focus once, sign in again with --upload-local.\n",
                          "%u entries tracked on this computer stay there; to send them to "
                          "Toggl Focus once, sign in again with --upload-local.\n", n_local),
             n_local);
  else if (n_local > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u entry tracked on this computer stays there; to send it to Toggl "
                          "Track once, sign in again with --upload-local.\n",
                          "%u entries tracked on this computer stay there; to send them to "
                          "Toggl Track once, sign in again with --upload-local.\n", n_local),
             n_local);
}

static int
run_sign_in (GVariantDict *options)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(StintClock) clock = stint_clock_new_system ();
  g_autoptr(StintStore) store = NULL;
  g_autoptr(StintSignIn) sign_in = NULL;
  g_autoptr(GAsyncResult) checked = NULL;
  g_autoptr(GAsyncResult) committed = NULL;
  g_autoptr(GCancellable) keyring = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_auto(SignInArgs) args = { 0, };
  g_autofree char *store_path = NULL;
  g_autofree char *token = NULL;
  gboolean upload_local = g_variant_dict_contains (options, "upload-local");
  guint n_local;

  if (!read_sign_in_args (options, settings, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  token = read_token (args.focus, &error);
  if (token == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  /* The database tells how many entries were tracked without an account.
   * Without one, signing in still works; only uploading needs it. */
  store_path = stint_store_default_path ();
  store = stint_store_open (store_path, &error);
  if (store == NULL)
    {
      if (upload_local)
        {
          g_printerr ("%s\n", error->message);
          g_clear_pointer (&token, wipe_token);
          return EXIT_FAILURE;
        }
      g_debug ("No database to upload from: %s", error->message);
      g_clear_error (&error);
    }

  sign_in = stint_sign_in_new (settings, store, clock);
  if (args.focus)
    stint_sign_in_check_focus_async (sign_in, args.base_url, token, args.organization,
                                     args.workspace_id, NULL, store_result, &checked);
  else
    stint_sign_in_check_token_async (sign_in, args.base_url, token, NULL, store_result, &checked);
  g_clear_pointer (&token, wipe_token);
  if (!stint_sign_in_check_finish (sign_in, wait_for (&checked, NULL), &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  n_local = stint_sign_in_count_local_entries (sign_in);
  stint_sign_in_commit_async (sign_in, args.workspace_id, upload_local, keyring, store_result,
                              &committed);
  if (!stint_sign_in_commit_finish (sign_in, wait_for (&committed, keyring), &error))
    {
      print_keyring_error (error);
      return EXIT_FAILURE;
    }

  /* The running Stint reads the settings from the backend's file or
   * database; make sure they left this process. */
  g_settings_sync ();
  tell_running_instance ();

  print_signed_in (sign_in, settings, args.focus);
  print_local_entries (n_local, upload_local, args.focus);

  return EXIT_SUCCESS;
}

static int
run_sign_out (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GCancellable) keyring = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = g_settings_get_string (settings, "account-kind");
  g_autofree char *store_path = stint_store_default_path ();
  guint n_kept = 0;

  /* The account's copy of Toggl's data goes with it; without a database
   * there is none to clear. */
  store = stint_store_open (store_path, &error);
  if (store == NULL)
    {
      g_debug ("No database to clear: %s", error->message);
      g_clear_error (&error);
    }

  /* A script cannot be asked: changes that have not reached Toggl stay,
   * for the next sign-in to the same account (Preferences can discard). */
  stint_sign_out_account_async (settings, store, STINT_SIGN_OUT_KEEP_UNSYNCED, keyring,
                                store_result, &done);
  if (!stint_sign_out_account_finish (wait_for (&done, keyring), &n_kept, &error))
    {
      print_keyring_error (error);
      return EXIT_FAILURE;
    }
  g_settings_sync ();

  if (g_str_equal (kind, STINT_SIGN_IN_KIND_FOCUS))
    g_print ("%s\n", _("Signed out of Toggl Focus: the API key is gone from the keyring, and "
                       "Stint keeps new entries on this computer."));
  else if (g_str_equal (kind, STINT_SIGN_IN_KIND_TRACK))
    g_print ("%s\n", _("Signed out of Toggl Track: the token is gone from the keyring, and Stint "
                       "keeps new entries on this computer."));
  else
    g_print ("%s\n", _("Stint is not signed in to any account; it keeps entries on this "
                       "computer."));

  if (n_kept > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u change had not reached Toggl yet: it stays in Stint’s database and "
                          "is sent when you sign in to the same account again.\n",
                          "%u changes had not reached Toggl yet: they stay in Stint’s database "
                          "and are sent when you sign in to the same account again.\n", n_kept),
             n_kept);
  return EXIT_SUCCESS;
}

/**
 * stint_application_explain_start:
 * @text: what follows `stint --start`, in the quick syntax
 *
 * Before the running Stint starts the entry, says on standard error which
 * @project or #tags of @text Stint does not know: the entry starts without
 * them, because a typo must not create a project behind the user's back.
 * Reads the database read-only, as `stint --status` does, so it works with
 * or without a running Stint and never wakes one.
 */
void
stint_application_explain_start (const char *text)
{
  g_autofree char *path = stint_store_default_path ();
  g_autoptr(StintStore) store = NULL;
  g_autoptr(StintClock) clock = NULL;
  g_autoptr(StintTracker) tracker = NULL;
  g_autoptr(StintUnknownNames) unknown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  g_return_if_fail (text != NULL);

  store = stint_store_open_readonly (path, &error);
  if (store == NULL && !g_error_matches (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND))
    {
      /* The running Stint will say what is wrong with its database. */
      g_debug ("Cannot check the names in “%s”: %s", text, error->message);
      return;
    }

  if (store != NULL)
    {
      clock = stint_clock_new_system ();
      /* One day is enough: known tags are those in the store's list and
       * those on the entries it loads, and a start only looks up names. */
      tracker = stint_tracker_new (store, clock, 1, &error);
      if (tracker == NULL)
        {
          g_debug ("Cannot check the names in “%s”: %s", text, error->message);
          return;
        }
      unknown = stint_tracker_find_unknown (tracker, text);
    }
  else
    {
      /* No database yet: Stint knows no names at all. */
      g_autoptr(StintQuickEntry) quick = stint_parse_quick_entry (text);

      if (quick->project != NULL || quick->tags[0] != NULL)
        {
          unknown = g_new0 (StintUnknownNames, 1);
          unknown->project = g_strdup (quick->project);
          unknown->tags = g_strdupv (quick->tags);
        }
    }

  if (unknown == NULL)
    return;

  sentence = stint_unknown_names_describe (unknown);
  g_printerr ("%s %s\n", sentence,
              _("The entry starts without them; to create them, type the same text in "
                "Stint’s window and choose Create."));
}

/* Runs --sign-in or --sign-out here and returns the exit status. */
int
stint_application_run_account_command (StintApplication *self,
                                       GVariantDict     *options)
{
  g_autoptr(GError) error = NULL;
  gboolean signing_in = g_variant_dict_contains (options, "sign-in");

  g_return_val_if_fail (STINT_IS_APPLICATION (self), EXIT_FAILURE);

  if (!check_options (options, signing_in, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  return signing_in ? run_sign_in (options) : run_sign_out ();
}
