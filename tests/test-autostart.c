/* test-autostart.c: the "autostart" key and the autostart entry on disk,
 * or under Flatpak the Background portal
 *
 * The portal is tests/stint-fake-desktop.py --background on a private bus
 * (GTestDBus).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "app/stint-autostart.h"
#include "stint-test-utils.h"

typedef struct
{
  char      *dir;
  char      *path;
  GSettings *settings;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = stint_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "autostart", APP_ID ".desktop", NULL);
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "autostart");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->settings);
  stint_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Until the file has been read, and until each write is done. */
static void
wait_idle (StintAutostart *autostart)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  do
    g_main_context_iteration (NULL, FALSE);
  while (stint_autostart_get_busy (autostart) && g_get_monotonic_time () < end);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (stint_autostart_get_busy (autostart));
}

static void
write_file (Fixture    *f,
            const char *contents)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (f->path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_on_and_off (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StintAutostart) autostart = stint_autostart_new (f->settings, f->dir);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *start_group = NULL;
  g_autofree char *path = stint_autostart_get_path (autostart);

  g_assert_cmpstr (path, ==, f->path);
  wait_idle (autostart);
  g_assert_false (g_settings_get_boolean (f->settings, "autostart"));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  g_settings_set_boolean (f->settings, "autostart", TRUE);
  wait_idle (autostart);
  g_assert_true (g_key_file_load_from_file (key_file, f->path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, NULL);
  g_assert_cmpstr (exec, ==, "stint --gapplication-service");
  g_assert_true (g_key_file_get_boolean (key_file, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", NULL));
  start_group = g_key_file_get_start_group (key_file);
  g_assert_cmpstr (start_group, ==, G_KEY_FILE_DESKTOP_GROUP);

  g_settings_set_boolean (f->settings, "autostart", FALSE);
  wait_idle (autostart);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* Switched on and off again while the first write is under way: the file
 * ends as the key says. */
static void
test_follows_last_change (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StintAutostart) autostart = stint_autostart_new (f->settings, f->dir);

  wait_idle (autostart);
  g_settings_set_boolean (f->settings, "autostart", TRUE);
  g_assert_true (stint_autostart_get_busy (autostart));
  g_settings_set_boolean (f->settings, "autostart", FALSE);
  wait_idle (autostart);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  g_settings_set_boolean (f->settings, "autostart", TRUE);
  g_settings_set_boolean (f->settings, "autostart", FALSE);
  g_settings_set_boolean (f->settings, "autostart", TRUE);
  wait_idle (autostart);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* The file is the truth at start: a desktop's own tool may have added,
 * removed or disabled the entry meanwhile. */
static void
test_reads_the_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *contents = stint_autostart_build_file ();

  write_file (f, contents);
  {
    g_autoptr(StintAutostart) autostart = stint_autostart_new (f->settings, f->dir);

    wait_idle (autostart);
    g_assert_true (g_settings_get_boolean (f->settings, "autostart"));
  }

  /* Xfce's session settings switch an entry off with Hidden=true. */
  write_file (f, "[Desktop Entry]\nType=Application\nName=Stint\nExec=stint\nHidden=true\n");
  {
    g_autoptr(StintAutostart) autostart = stint_autostart_new (f->settings, f->dir);

    wait_idle (autostart);
    g_assert_false (g_settings_get_boolean (f->settings, "autostart"));

    /* Switching it on again replaces the disabled entry with Stint's own. */
    g_settings_set_boolean (f->settings, "autostart", TRUE);
    wait_idle (autostart);
    g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
  }

  write_file (f, "[Desktop Entry]\nType=Application\nName=Stint\nExec=stint\nX-GNOME-Autostart-enabled=false\n");
  {
    g_autoptr(StintAutostart) autostart = stint_autostart_new (f->settings, f->dir);

    wait_idle (autostart);
    g_assert_false (g_settings_get_boolean (f->settings, "autostart"));
  }
}

/* A write that fails says why, and the key goes back to what is true. */
static void
test_problem (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->dir, "autostart", NULL);
  g_autoptr(StintAutostart) autostart = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  /* A file where the folder should be. */
  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);

  autostart = stint_autostart_new (f->settings, f->dir);
  wait_idle (autostart);
  g_settings_set_boolean (f->settings, "autostart", TRUE);
  wait_idle (autostart);

  g_object_get (autostart, "problem", &problem, NULL);
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, "Stint could not set itself to start at login: "));
  g_assert_false (g_settings_get_boolean (f->settings, "autostart"));

  /* Once it works, the sentence goes. */
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  g_settings_set_boolean (f->settings, "autostart", TRUE);
  wait_idle (autostart);
  g_clear_pointer (&problem, g_free);
  g_object_get (autostart, "problem", &problem, NULL);
  g_assert_null (problem);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------ the portal */

#define FAKE_NAME  "io.github.stintapp.Stint.FakeDesktop"
#define FAKE_PATH  "/io/github/stintapp/Stint/FakeDesktop"
#define FAKE_IFACE "io.github.stintapp.Stint.FakeDesktop"

typedef struct
{
  GTestDBus       *dbus;
  GSubprocess     *fake;
  GDBusConnection *bus;
  GSettings       *settings;
} PortalFixture;

static GVariant *
fake_call (PortalFixture *f,
           const char    *method,
           GVariant      *args)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (f->bus, FAKE_NAME, FAKE_PATH, FAKE_IFACE, method, args,
                                                 NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

static gboolean
fake_up (PortalFixture *f)
{
  g_autoptr(GVariant) reply =
    g_dbus_connection_call_sync (f->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                 "org.freedesktop.DBus", "NameHasOwner", g_variant_new ("(s)", FAKE_NAME),
                                 G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
portal_setup (PortalFixture *f,
              gconstpointer  data)
{
  const char *argv[] = { "/usr/bin/python3", NULL, "--background", NULL };
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "stint-fake-desktop.py", NULL);
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  f->dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->dbus);
  f->bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->dbus),
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);

  argv[1] = script;
  f->fake = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  while (!fake_up (f) && g_get_monotonic_time () < end)
    g_usleep (20000);
  g_assert_true (fake_up (f));

  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "autostart");
}

static void
portal_teardown (PortalFixture *f,
                 gconstpointer  data)
{
  g_clear_object (&f->settings);
  g_subprocess_force_exit (f->fake);
  g_subprocess_wait (f->fake, NULL, NULL);
  g_clear_object (&f->fake);
  g_dbus_connection_close_sync (f->bus, NULL, NULL);
  g_clear_object (&f->bus);
  g_test_dbus_down (f->dbus);
  g_clear_object (&f->dbus);
}

/* The options of each RequestBackground the fake portal saw. */
static GVariant *
requests (PortalFixture *f)
{
  g_autoptr(GVariant) reply = fake_call (f, "BackgroundRequests", NULL);

  return g_variant_get_child_value (reply, 0);
}

static char *
problem_of (StintAutostart *autostart)
{
  char *problem = NULL;

  g_object_get (autostart, "problem", &problem, NULL);
  return problem;
}

static void
test_portal_granted (PortalFixture *f,
                     gconstpointer  data)
{
  g_autoptr(StintAutostart) autostart = stint_autostart_new_for_portal (f->settings, f->bus);
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) second = NULL;
  g_autofree const char **commandline = NULL;
  g_autofree char *problem = NULL;
  const char *reason = NULL;
  gboolean enable = FALSE;

  wait_idle (autostart);
  g_settings_set_boolean (f->settings, "autostart", TRUE);
  wait_idle (autostart);
  g_assert_true (g_settings_get_boolean (f->settings, "autostart"));
  problem = problem_of (autostart);
  g_assert_null (problem);

  g_settings_set_boolean (f->settings, "autostart", FALSE);
  wait_idle (autostart);
  g_assert_false (g_settings_get_boolean (f->settings, "autostart"));

  all = requests (f);
  g_assert_cmpuint (g_variant_n_children (all), ==, 2);
  first = g_variant_get_child_value (all, 0);
  g_assert_true (g_variant_lookup (first, "autostart", "b", &enable));
  g_assert_true (enable);
  g_assert_true (g_variant_lookup (first, "commandline", "^a&s", &commandline));
  g_assert_cmpuint (g_strv_length ((char **)commandline), ==, 2);
  g_assert_cmpstr (commandline[0], ==, "stint");
  g_assert_cmpstr (commandline[1], ==, "--gapplication-service");
  g_assert_true (g_variant_lookup (first, "reason", "&s", &reason));
  g_assert_cmpstr (reason, ==, "Start Stint hidden in the tray when you log in");
  second = g_variant_get_child_value (all, 1);
  g_assert_true (g_variant_lookup (second, "autostart", "b", &enable));
  g_assert_false (enable);
}

/* The user or the desktop says no: the switch goes back off, with why. */
static void
test_portal_refused (PortalFixture *f,
                     gconstpointer  data)
{
  g_autoptr(StintAutostart) autostart = stint_autostart_new_for_portal (f->settings, f->bus);
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *problem = NULL;

  reply = fake_call (f, "SetBackgroundAnswer", g_variant_new ("(ub)", 0, FALSE));
  wait_idle (autostart);
  g_settings_set_boolean (f->settings, "autostart", TRUE);
  wait_idle (autostart);
  g_assert_false (g_settings_get_boolean (f->settings, "autostart"));
  problem = problem_of (autostart);
  g_assert_cmpstr (problem, ==, "The desktop did not allow Stint to start at login. Its settings for "
                                "apps that run in the background can change that.");

  /* The question dismissed: nothing changed. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = fake_call (f, "SetBackgroundAnswer", g_variant_new ("(ub)", 1, TRUE));
  g_settings_set_boolean (f->settings, "autostart", TRUE);
  wait_idle (autostart);
  g_assert_false (g_settings_get_boolean (f->settings, "autostart"));
  g_clear_pointer (&problem, g_free);
  problem = problem_of (autostart);
  g_assert_cmpstr (problem, ==, "Start at login was not changed: the desktop’s question was dismissed.");
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/autostart/on-and-off", test_on_and_off);
  ADD ("/stint/autostart/follows-last-change", test_follows_last_change);
  ADD ("/stint/autostart/reads-the-file", test_reads_the_file);
  ADD ("/stint/autostart/problem", test_problem);
#undef ADD
  g_test_add ("/stint/autostart/portal/granted", PortalFixture, NULL,
              portal_setup, test_portal_granted, portal_teardown);
  g_test_add ("/stint/autostart/portal/refused", PortalFixture, NULL,
              portal_setup, test_portal_refused, portal_teardown);

  return g_test_run ();
}
