/* test-shortcuts.c: the global shortcuts, pressed for real
 *
 * Runs inside build-aux/desktop-session: xdotool presses keys on the Xvfb
 * display and keybinder's grab must catch them. The portal path talks to
 * tests/stint-fake-desktop.py on the private session bus.
 *
 * Run as "test-shortcuts --grab ACCEL" it only grabs ACCEL and waits: the
 * other program holding a key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <keybinder.h>

#include "desktop/stint-shortcuts-private.h"
#include "stint-test-utils.h"

#define FAKE_NAME  "io.github.stintapp.Stint.FakeDesktop"
#define FAKE_PATH  "/io/github/stintapp/Stint/FakeDesktop"
#define FAKE_IFACE "io.github.stintapp.Stint.FakeDesktop"

static GPtrArray *activated;
static const char *self_path;

static void
on_activated (StintShortcuts *shortcuts,
              const char     *name)
{
  g_ptr_array_add (activated, g_strdup (name));
}

static StintShortcuts *
shortcuts_new (const char *first_property,
               ...)
{
  StintShortcuts *shortcuts;
  va_list ap;

  va_start (ap, first_property);
  shortcuts = STINT_SHORTCUTS (g_object_new_valist (STINT_TYPE_SHORTCUTS, first_property, ap));
  va_end (ap);
  g_signal_connect (shortcuts, "activated", G_CALLBACK (on_activated), NULL);
  g_ptr_array_set_size (activated, 0);
  return shortcuts;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
}

static void
wait_activations (guint n)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (activated->len < n && g_get_monotonic_time () < end)
    spin (10);
  g_assert_cmpuint (activated->len, ==, n);
}

static void
xdotool (const char *what,
         const char *keys)
{
  const char *argv[] = { "xdotool", what, keys, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static const char *
last (void)
{
  g_assert_cmpuint (activated->len, >, 0);
  return g_ptr_array_index (activated, activated->len - 1);
}

/* ------------------------------------------------------------ X11 */

static void
test_x11_toggle_and_show (void)
{
  g_autoptr(StintShortcuts) shortcuts = shortcuts_new (NULL, NULL);
  g_autofree char *description = stint_shortcuts_describe (shortcuts);

  g_assert_cmpstr (stint_shortcuts_get_backend (shortcuts), ==, "x11");
  g_assert_cmpstr (description, ==, "Stint listens for these shortcuts in every window of this X11 session.");

  /* The default toggles, and pressed again at once toggles back. */
  xdotool ("key", "super+alt+t");
  wait_activations (1);
  g_assert_cmpstr (last (), ==, "toggle");
  xdotool ("key", "super+alt+t");
  wait_activations (2);
  g_assert_cmpstr (last (), ==, "toggle");

  xdotool ("key", "super+alt+w");
  wait_activations (3);
  g_assert_cmpstr (last (), ==, "show");

  /* Other modifiers are other keys. */
  xdotool ("key", "ctrl+alt+t");
  spin (300);
  g_assert_cmpuint (activated->len, ==, 3);
}

/* A new accelerator takes over at once; the old one is let go. */
static void
test_x11_rebind (void)
{
  g_autoptr(StintShortcuts) shortcuts = shortcuts_new (NULL, NULL);

  g_object_set (shortcuts, "toggle-accel", "<Super><Alt>y", "show-accel", "", NULL);
  xdotool ("key", "super+alt+t");
  xdotool ("key", "super+alt+w");
  spin (300);
  g_assert_cmpuint (activated->len, ==, 0);
  xdotool ("key", "super+alt+y");
  wait_activations (1);
  g_assert_cmpstr (last (), ==, "toggle");
}

/* Holding the keys down: one press, however long the key repeats. */
static void
test_x11_key_repeat (void)
{
  g_autoptr(StintShortcuts) shortcuts = shortcuts_new (NULL, NULL);

  xdotool ("keydown", "super+alt+t");
  spin (1500);
  xdotool ("keyup", "super+alt+t");
  wait_activations (1);
  spin (300);
  g_assert_cmpuint (activated->len, ==, 1);

  /* Event by event (milliseconds): a repeat has no release before it. */
  g_ptr_array_set_size (activated, 0);
  stint_shortcuts_activate (shortcuts, "show", 100000);
  stint_shortcuts_activate (shortcuts, "show", 100660);   /* first repeat */
  stint_shortcuts_activate (shortcuts, "show", 100700);
  stint_shortcuts_activate (shortcuts, "show", 100740);
  g_assert_cmpuint (activated->len, ==, 1);
  stint_shortcuts_release (shortcuts);
  stint_shortcuts_activate (shortcuts, "show", 100900);   /* let go, pressed again */
  g_assert_cmpuint (activated->len, ==, 2);
  /* A release missed (the portal may not say), but no key repeats that slowly. */
  stint_shortcuts_activate (shortcuts, "show", 102000);
  g_assert_cmpuint (activated->len, ==, 3);
}

/* Another program holds the key: Preferences says so. */
static void
test_x11_taken (void)
{
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(StintShortcuts) shortcuts = NULL;
  g_autofree char *line = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             self_path, "--grab", "<Super><Alt>g", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "grabbed");

  /* keybinder's own complaint */
  g_test_expect_message (NULL, G_LOG_LEVEL_WARNING, "Binding '<Super><Alt>g' failed!");
  shortcuts = shortcuts_new ("toggle-accel", "<Super><Alt>g", NULL);
  g_test_assert_expected_messages ();
  description = stint_shortcuts_describe (shortcuts);
  g_assert_cmpstr (description, ==, "Another program already uses Alt+Super+G. Choose a different shortcut.");

  g_subprocess_force_exit (holder);
  g_subprocess_wait (holder, NULL, NULL);
}

/* ------------------------------------------------------------ no path */

static void
test_none_says_what_to_bind (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(StintShortcuts) shortcuts = NULL;
  g_autofree char *description = NULL;
  g_autofree char *command = stint_shortcuts_get_command ("toggle");

  g_assert_no_error (error);
  shortcuts = shortcuts_new ("allow-x11", FALSE, "session-bus", bus, NULL);
  spin (500);
  g_assert_cmpstr (stint_shortcuts_get_backend (shortcuts), ==, "none");
  g_assert_cmpstr (command, ==, "stint --toggle");
  description = stint_shortcuts_describe (shortcuts);
  g_assert_cmpstr (description, ==,
                   "This desktop does not let applications set global shortcuts. In its keyboard "
                   "settings, bind a shortcut to the command “stint --toggle”, and another to "
                   "“stint --show” to open the window.");
}

/* ------------------------------------------------------------ portal */

static gboolean
name_owned (GDBusConnection *bus,
            const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
test_portal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(StintShortcuts) shortcuts = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) bound = NULL;
  g_autoptr(GVariant) toggle = NULL;
  g_autoptr(GVariant) props = NULL;
  g_autofree char *description = NULL;
  const char *trigger = NULL, *text = NULL;
  gint64 end;

  g_assert_no_error (error);
  fake = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "/usr/bin/python3",
                           g_test_get_filename (G_TEST_DIST, "stint-fake-desktop.py", NULL),
                           "--portal", NULL);
  g_assert_no_error (error);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!name_owned (bus, FAKE_NAME) && g_get_monotonic_time () < end)
    spin (20);

  shortcuts = shortcuts_new ("allow-x11", FALSE, "session-bus", bus, NULL);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_strcmp0 (stint_shortcuts_get_backend (shortcuts), "portal") != 0 &&
         g_get_monotonic_time () < end)
    spin (10);
  g_assert_cmpstr (stint_shortcuts_get_backend (shortcuts), ==, "portal");
  description = stint_shortcuts_describe (shortcuts);
  g_assert_cmpstr (description, ==, "The desktop handles these shortcuts; change them in its keyboard settings.");

  /* Both asked for, with the defaults as the preferred triggers. */
  reply = g_dbus_connection_call_sync (bus, FAKE_NAME, FAKE_PATH, FAKE_IFACE, "BoundShortcuts", NULL,
                                       G_VARIANT_TYPE ("(a(sa{sv}))"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  bound = g_variant_get_child_value (reply, 0);
  g_assert_cmpuint (g_variant_n_children (bound), ==, 2);
  toggle = g_variant_get_child_value (bound, 0);
  props = g_variant_get_child_value (toggle, 1);
  g_assert_true (g_variant_lookup (props, "preferred_trigger", "&s", &trigger));
  g_assert_cmpstr (trigger, ==, "ALT+LOGO+t");
  g_assert_true (g_variant_lookup (props, "description", "&s", &text));
  g_assert_cmpstr (text, ==, "Start or stop tracking time");

  /* The desktop says the user pressed it. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (bus, FAKE_NAME, FAKE_PATH, FAKE_IFACE, "Activate",
                                       g_variant_new ("(s)", "toggle"), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  wait_activations (1);
  g_assert_cmpstr (last (), ==, "toggle");

  g_clear_object (&shortcuts);
  g_subprocess_force_exit (fake);
  g_subprocess_wait (fake, NULL, NULL);
}

/* ------------------------------------------------------------ main */

static void
on_grabbed (const char *keystring,
            void       *data)
{
}

static int
hold_grab (const char *accel)
{
  keybinder_init ();
  if (!keybinder_bind (accel, on_grabbed, NULL))
    return 1;
  gdk_display_sync (gdk_display_get_default ());
  g_print ("grabbed\n");
  gtk_main ();
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--grab"))
    {
      gtk_init (NULL, NULL);
      return hold_grab (argv[2]);
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  activated = g_ptr_array_new_with_free_func (g_free);

  if (g_getenv ("DESKTOP_SESSION_HELPER") == NULL || !gtk_init_check (&argc, &argv))
    return g_test_run ();   /* needs a display and a private session bus */

  g_test_add_func ("/stint/shortcuts/x11/toggle-and-show", test_x11_toggle_and_show);
  g_test_add_func ("/stint/shortcuts/x11/rebind", test_x11_rebind);
  g_test_add_func ("/stint/shortcuts/x11/key-repeat", test_x11_key_repeat);
  g_test_add_func ("/stint/shortcuts/x11/taken", test_x11_taken);
  g_test_add_func ("/stint/shortcuts/none", test_none_says_what_to_bind);
  g_test_add_func ("/stint/shortcuts/portal", test_portal);

  return g_test_run ();
}
