/* test-status.c: the line and the JSON status bars read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "core/stint-status.h"
#include "stint-test-utils.h"

#define NOW ((gint64)1795424430)   /* 2026-11-23 09:00:30 UTC */

static JsonObject *
parse (const char *json,
       JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_idle (void)
{
  g_autofree char *text = stint_status_format_text (NULL, NULL, NULL, NOW);
  g_autofree char *json = stint_status_format_json (NULL, NULL, NULL, NULL, NOW);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = parse (json, parser);

  g_assert_cmpstr (text, ==, "Not tracking");
  g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, "Not tracking");
  g_assert_cmpstr (json_object_get_string_member (o, "class"), ==, "idle");
  g_assert_false (json_object_get_boolean_member (o, "running"));
  g_assert_true (json_object_get_null_member (o, "description"));
  g_assert_true (json_object_get_null_member (o, "project"));
  g_assert_true (json_object_get_null_member (o, "start"));
  g_assert_cmpint (json_object_get_int_member (o, "elapsed_seconds"), ==, 0);
  g_assert_false (json_object_get_boolean_member (o, "alert"));
  g_assert_true (json_object_get_null_member (o, "problem"));
  g_assert_true (json_object_get_null_member (o, "sync"));
}

static void
test_running (void)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new ("Writing \"report\"", NOW - 4980, 0);
  g_autoptr(StintProject) project = stint_project_new (1, "Stint", "#3584e4");
  g_autofree char *text = stint_status_format_text (entry, project, NULL, NOW);
  g_autofree char *json = stint_status_format_json (entry, project, NULL, "2 changes waiting to sync", NOW);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = parse (json, parser);

  g_assert_cmpstr (text, ==, "Writing \"report\" — 1:23");
  g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, "Writing \"report\" — 1:23");
  g_assert_cmpstr (json_object_get_string_member (o, "tooltip"), ==, "Writing \"report\" (Stint), since 07:37");
  g_assert_cmpstr (json_object_get_string_member (o, "class"), ==, "tracking");
  g_assert_true (json_object_get_boolean_member (o, "running"));
  g_assert_cmpstr (json_object_get_string_member (o, "description"), ==, "Writing \"report\"");
  g_assert_cmpstr (json_object_get_string_member (o, "project"), ==, "Stint");
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2026-11-23T07:37:30Z");
  g_assert_cmpint (json_object_get_int_member (o, "elapsed_seconds"), ==, 4980);
  g_assert_cmpstr (json_object_get_string_member (o, "sync"), ==, "2 changes waiting to sync");
}

static void
test_untitled_and_problem (void)
{
  g_autoptr(StintEntry) entry = stint_test_entry_new (NULL, NOW - 59, 0);
  const char *problem = "Signed out of Toggl Track — sign in again in Preferences";
  g_autofree char *text = stint_status_format_text (entry, NULL, problem, NOW);
  g_autofree char *json = stint_status_format_json (entry, NULL, problem, NULL, NOW);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = parse (json, parser);

  /* One line for bars that read one; the problem on the next. */
  g_assert_cmpstr (text, ==, "No description — 0:00\nSigned out of Toggl Track — sign in again in Preferences");
  g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, "No description — 0:00");
  g_assert_true (json_object_get_boolean_member (o, "alert"));
  g_assert_cmpstr (json_object_get_string_member (o, "problem"), ==, problem);
  g_assert_nonnull (strstr (json_object_get_string_member (o, "tooltip"), problem));
  g_assert_cmpstr (json_object_get_string_member (o, "description"), ==, "");

  /* An empty note is no note. */
  {
    g_autofree char *plain = stint_status_format_text (entry, NULL, "", NOW);

    g_assert_cmpstr (plain, ==, "No description — 0:00");
  }
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

  g_test_add_func ("/stint/status/idle", test_idle);
  g_test_add_func ("/stint/status/running", test_running);
  g_test_add_func ("/stint/status/untitled-and-problem", test_untitled_and_problem);

  return g_test_run ();
}
