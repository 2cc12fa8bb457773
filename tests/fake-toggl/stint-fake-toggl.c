/* stint-fake-toggl.c: the fake Toggl server as a program, to point a real
 * Stint at by hand or from end-to-end tests
 *
 *   stint-fake-toggl --port 8080 --fixture tests/data/fake-toggl-accounts.json
 *
 * It prints the Track base URL on the first line of standard output, then
 * serves until interrupted. It only ever listens on 127.0.0.1.
 *
 * Admin API. Beside the Track API (under /api/v9), the same port answers a
 * small JSON API under /__admin/ so a shell test can play "another Toggl
 * client" and see what Stint sent. It answers loopback peers only; its
 * requests are not logged, not counted against any quota, and never meet a
 * fault. Bodies and answers are JSON; errors are a JSON string.
 *
 *   GET    /__admin/entries            every entry of every user, deleted ones
 *                                      included (with "server_deleted_at")
 *   POST   /__admin/entries            put an entry on the server for the user
 *                                      whose token is given as Stint gives it:
 *                                        curl -u "$TOKEN:api_token" \
 *                                             -d '{"description":"Call"}' …
 *                                      Body: a partial Toggl time entry
 *                                      (description, workspace_id, project_id,
 *                                      tags, billable, start, stop, duration;
 *                                      also id, at, server_deleted_at). Without
 *                                      stop and duration it is running, from
 *                                      now unless "start" says otherwise, and
 *                                      the entry that ran is stopped. Answers
 *                                      the stored entry.
 *   GET    /__admin/entries/ID         one entry
 *   POST   /__admin/entries/ID/stop    stop a running entry now (409 if not running)
 *   DELETE /__admin/entries/ID         delete it as the web app would
 *   GET    /__admin/requests           the request log: method, path, query,
 *                                      body, bucket, user_agent, status,
 *                                      applied (never an Authorization header)
 *   DELETE /__admin/requests           empty the log
 *   POST   /__admin/faults             queue a fault: {"path": GLOB, "kind":
 *                                      "status"|"delay"|"close-before"|
 *                                      "close-after"|"malformed"|"rate-limit",
 *                                      "method", "times", "status", "delay_ms",
 *                                      "retry_after", "body", "content_type"}
 *                                      (see FakeTogglFault in fake-toggl.h)
 *   DELETE /__admin/faults             drop all queued faults
 *   POST   /__admin/settings           any of: idle_current_status (200 null,
 *                                      204 or 404 when nothing runs),
 *                                      user_quota, workspace_quota,
 *                                      burst_per_second, burst_retry_after,
 *                                      auth_failure_status
 *
 * Toggl Focus answers beside Track under /focus/api (the printed URL with
 * /api/v9 replaced), from the fixture's "focus" member; its admin API is
 * under /__admin/focus/ (see fake-toggl-focus-admin.c).
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
  fake_toggl_set_admin_enabled (fake, TRUE);

  track_url = fake_toggl_dup_track_url (fake);
  g_print ("%s\n", track_url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);

  return 0;
}
