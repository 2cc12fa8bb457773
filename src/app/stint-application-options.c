/* stint-application-options.c: the command line, and what a launch does
 * with it before anything starts
 *
 * Every launch reads its options here, in its own process. `--version` and
 * `--status` answer and exit without starting or waking the app (`--status`
 * reads the database directly), `--sign-in` and `--sign-out` run here too
 * (stint-application-cli.c), and the verbs (`--toggle`, `--start`…) become
 * actions activated on the one running instance, which this launch becomes
 * when there is none yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-application"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-application-private.h"
#include "core/stint-status.h"

static const GOptionEntry option_entries[] = {
  { "toggle", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Stop the running entry, or continue the last one"), NULL },
  { "start", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start tracking; the words that follow are the description"), NULL },
  { "stop", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Stop tracking"), NULL },
  { "show", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the Stint window"), NULL },
  { "quit", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Quit the running Stint"), NULL },
  { "status", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print what is being tracked, without starting Stint"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --status: print JSON for status bars such as waybar"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version"), NULL },
  { "sign-in", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Sign in to an account (“track” or “focus”) with the API token or key read from "
       "standard input"),
    N_("SERVICE") },
  { "organization", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --sign-in=focus: the organization, the number after /organizations/ in the "
       "address of the Focus web app"), N_("ID") },
  { "base-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --sign-in: the server’s API address, for Toggl-compatible servers"), N_("URL") },
  { "workspace", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("With --sign-in: the workspace new entries go to (default: the account’s, or for "
       "Toggl Focus the one open last in the web app)"), N_("ID") },
  { "upload-local", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --sign-in: also upload the entries tracked on this computer"), NULL },
  { "sign-out", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Forget the account’s token and keep entries on this computer"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, N_("[DESCRIPTION…]") },
  { NULL }
};

static char *
read_account_meta (StintStore *store,
                   const char *name)
{
  g_autofree char *key = stint_store_account_meta_key (stint_store_get_account (store), name);

  return stint_store_get_meta (store, key);
}

static int
print_status (gboolean json)
{
  g_autofree char *path = stint_store_default_path ();
  g_autoptr(StintStore) store = NULL;
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(StintProject) project = NULL;
  g_autoptr(StintClock) clock = stint_clock_new_system ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *sync = NULL;

  store = stint_store_open_readonly (path, &error);
  if (store == NULL && !g_error_matches (error, STINT_STORE_ERROR, STINT_STORE_ERROR_NOT_FOUND))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (store != NULL)
    {
      running = stint_store_load_running (store, &error);
      if (error != NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      if (running != NULL && stint_entry_get_project_id (running) != 0)
        project = stint_store_load_project (store, stint_entry_get_project_id (running), NULL);

      /* What the running Stint last said about syncing this account. */
      problem = read_account_meta (store, STINT_STATUS_META_PROBLEM);
      sync = read_account_meta (store, STINT_STATUS_META_SYNC);
    }

  if (json)
    line = stint_status_format_json (running, project, problem, sync, stint_clock_now (clock));
  else
    line = stint_status_format_text (running, project, problem, stint_clock_now (clock));
  g_print ("%s\n", line);

  return EXIT_SUCCESS;
}

/* Which verb the command line asked for, as an action with its parameter. */
static const char *
requested_action (GVariantDict  *options,
                  GVariant     **parameter)
{
  g_autofree const char **words = NULL;

  *parameter = NULL;

  if (g_variant_dict_contains (options, "toggle"))
    return "toggle";
  if (g_variant_dict_contains (options, "stop"))
    return "stop";
  if (g_variant_dict_contains (options, "show"))
    return "show";
  if (g_variant_dict_contains (options, "quit"))
    return "quit";
  if (g_variant_dict_contains (options, "start"))
    {
      g_autofree char *text = NULL;

      if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &words))
        text = g_strjoinv (" ", (char **)words);
      *parameter = g_variant_new_string (text != NULL ? g_strstrip (text) : "");
      /* The running Stint cannot write to this terminal: say here what
       * the quick syntax named that Stint does not know. */
      stint_application_explain_start (g_variant_get_string (*parameter, NULL));
      return "start";
    }

  return NULL;
}

int
stint_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  StintApplication *self = STINT_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GVariant *parameter = NULL;
  const char *action;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* Signing in and out happen here, in the calling process: the running
   * instance follows the settings they write. */
  if (stint_application_wants_account_command (options))
    return stint_application_run_account_command (self, options);

  if (g_variant_dict_contains (options, "json") && !g_variant_dict_contains (options, "status"))
    {
      g_printerr ("%s\n", _("--json goes with --status."));
      return EXIT_FAILURE;
    }

  if (g_variant_dict_contains (options, "status"))
    return print_status (g_variant_dict_contains (options, "json"));

  if (g_variant_dict_contains (options, G_OPTION_REMAINING) &&
      !g_variant_dict_contains (options, "start"))
    {
      g_printerr ("%s\n", _("Words after the options make a description, which only --start takes."));
      return EXIT_FAILURE;
    }

  action = requested_action (options, &parameter);
  if (action == NULL)
    return -1;

  /* --quit must not start an instance only to stop it. */
  if (g_str_equal (action, "quit"))
    {
      g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
      g_autoptr(GVariant) reply = NULL;
      gboolean owned = FALSE;

      if (bus != NULL)
        reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "NameHasOwner",
                                             g_variant_new ("(s)", g_application_get_application_id (app)),
                                             G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                             -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (!owned)
        return EXIT_SUCCESS;
    }

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      g_clear_pointer (&parameter, g_variant_unref);
      return EXIT_FAILURE;
    }

  g_action_group_activate_action (G_ACTION_GROUP (app), action, parameter);

  if (g_application_get_is_remote (app))
    {
      GDBusConnection *bus = g_application_get_dbus_connection (app);

      /* The call goes out asynchronously; make sure it left before exiting. */
      if (bus != NULL)
        g_dbus_connection_flush_sync (bus, NULL, NULL);
      return EXIT_SUCCESS;
    }

  if (g_str_equal (action, "quit"))
    return EXIT_SUCCESS;

  /* This launch became the instance: keep running, in the tray. */
  self->quiet_activate = !g_str_equal (action, "show");
  return -1;
}

/* From init: GApplication reads the options before startup, in every
 * launch, the ones that only pass a verb along included. */
void
stint_application_add_options (StintApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Toggl time tracking in the system tray."));
}
