/* stint-fake-toggl.c: the fake Toggl server as a program, to point a real
 * Stint at by hand or from end-to-end tests
 *
 *   stint-fake-toggl --port 8080 --fixture tests/data/fake-toggl-accounts.json
 *
 * It prints the Track base URL on the first line of standard output, then
 * serves until interrupted. It only ever listens on 127.0.0.1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-fake-toggl"

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>

#include "fake-toggl.h"

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeToggl) fake = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *fixture = NULL;
  g_autofree char *track_url = NULL;
  int port = 0;
  int user_quota = 30;
  int workspace_quota = 30;
  int burst = 0;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free one)", "N" },
    { "fixture", 'f', 0, G_OPTION_ARG_FILENAME, &fixture, "Accounts, workspaces and entries to start with", "FILE" },
    { "user-quota", 0, 0, G_OPTION_ARG_INT, &user_quota, "Requests per hour to /me… (default 30)", "N" },
    { "workspace-quota", 0, 0, G_OPTION_ARG_INT, &workspace_quota, "Requests per hour per organization (default 30)", "N" },
    { "burst", 0, 0, G_OPTION_ARG_INT, &burst, "Requests per second before 429 (default: no limit)", "N" },
    { NULL }
  };

  context = g_option_context_new ("- a fake Toggl Track server for testing Stint");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || user_quota < 0 || workspace_quota < 0 || burst < 0)
    {
      g_printerr ("Numbers out of range\n");
      return 2;
    }

  fake = fake_toggl_new (NULL, (guint)port, &error);
  if (fake == NULL)
    {
      g_printerr ("Cannot listen: %s\n", error->message);
      return 1;
    }
  if (fixture != NULL && !fake_toggl_load_fixture (fake, fixture, &error))
    {
      g_printerr ("Cannot load %s: %s\n", fixture, error->message);
      return 1;
    }

  fake_toggl_set_user_quota (fake, (guint)user_quota);
  fake_toggl_set_workspace_quota (fake, (guint)workspace_quota);
  fake_toggl_set_burst_limit (fake, (guint)burst, 1);

  track_url = fake_toggl_dup_track_url (fake);
  g_print ("%s\n", track_url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);

  return 0;
}
