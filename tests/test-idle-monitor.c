/* test-idle-monitor.c: idle sources, the cascade, and sleep, against fake
 * desktop services on the test's private session bus
 *
 * Runs inside build-aux/desktop-session. tests/stint-fake-desktop.py plays
 * GNOME Shell's idle monitor, a screen saver or logind; the test sets the
 * idle time it reports and moves a virtual clock, so "away for 20 minutes"
 * takes no time at all. The session bus stands in for the system bus too,
 * so the machine's own logind is never asked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "desktop/stint-idle-monitor.h"
#include "desktop/stint-sleep-monitor.h"
#include "stint-test-utils.h"

#define T0 ((gint64)1795424400)   /* 2026-11-23 09:00 UTC */
#define MINUTE 60

#define FAKE_NAME  "io.github.stintapp.Stint.FakeDesktop"
#define FAKE_PATH  "/io/github/stintapp/Stint/FakeDesktop"
#define FAKE_IFACE "io.github.stintapp.Stint.FakeDesktop"

typedef struct
{
  GDBusConnection   *bus;
  GSubprocess       *fake;
  StintClock        *clock;
  StintSleepMonitor *sleep;
  StintIdleMonitor  *idle;

  guint              started;
  gint64             since;
  guint              ended;
  gint64             ended_since;
  gint64             ended_until;
  guint              sleeping;
  gboolean           inhibiting_while_sleeping;
  guint              woke;
} Fixture;

/* ------------------------------------------------------------ helpers */

static void
iterate (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (5000);
}

static void
spin_until (gboolean (*done) (Fixture *f),
            Fixture  *f)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (f) && g_get_monotonic_time () < end)
    iterate ();
  g_assert_true (done (f));
}

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

static gboolean fake_up (Fixture *f) { return name_owned (f->bus, FAKE_NAME); }
static gboolean fake_gone (Fixture *f) { return !name_owned (f->bus, FAKE_NAME); }

static GVariant *
fake_call (Fixture    *f,
           const char *method,
           GVariant   *args)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (f->bus, FAKE_NAME, FAKE_PATH, FAKE_IFACE, method,
                                                 args, NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                                                 &error);

  g_assert_no_error (error);
  return reply;
}

static void
fake_set_idle (Fixture *f,
               gint64   seconds)
{
  g_autoptr(GVariant) reply = fake_call (f, "SetIdletime", g_variant_new ("(t)", (guint64)seconds * 1000));
}

static gboolean
fake_inhibitor_held (Fixture *f)
{
  g_autoptr(GVariant) reply = fake_call (f, "InhibitorHeld", NULL);
  gboolean held;

  g_variant_get (reply, "(b)", &held);
  return held;
}

static gboolean
poll_scheduled (Fixture *f)
{
  return stint_clock_get_pending (f->clock, NULL) == 1;
}

static gint64
next_poll (Fixture *f)
{
  gint64 due = 0;

  g_assert_cmpuint (stint_clock_get_pending (f->clock, &due), ==, 1);
  return due / G_USEC_PER_SEC;
}

/* The source reports @idle seconds at the next poll, which must fall at
 * @at; returns after the answer is in and the poll after it is set. */
static void
poll_at (Fixture *f,
         gint64   at,
         gint64   idle)
{
  g_assert_cmpint (next_poll (f), ==, at);
  fake_set_idle (f, idle);
  stint_clock_set_usec (f->clock, at * G_USEC_PER_SEC);
  spin_until (poll_scheduled, f);
}

static gboolean
source_known (Fixture *f)
{
  g_autofree char *description = stint_idle_monitor_describe (f->idle);

  return !g_str_has_prefix (description, "Looking");
}

/* ------------------------------------------------------------ fixture */

static void
on_idle_started (Fixture *f,
                 gint64   since)
{
  f->started++;
  f->since = since;
}

static void
on_idle_ended (Fixture *f,
               gint64   since,
               gint64   until)
{
  f->ended++;
  f->ended_since = since;
  f->ended_until = until;
}

static void
on_sleeping (Fixture *f,
             gint64   since)
{
  f->sleeping++;
  /* This is where the app stops the entry: sleep must still wait for it. */
  f->inhibiting_while_sleeping = stint_sleep_monitor_get_inhibiting (f->sleep) && fake_inhibitor_held (f);
}

static void
on_woke (Fixture *f)
{
  f->woke++;
}

/* data: the fake's options, space-separated ("" = no services at all) */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) options = g_strsplit (data, " ", -1);

  f->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  spin_until (fake_gone, f);

  g_strv_builder_add (argv, "/usr/bin/python3");
  g_strv_builder_add (argv, g_test_get_filename (G_TEST_DIST, "stint-fake-desktop.py", NULL));
  for (guint i = 0; options[i] != NULL; i++)
    if (*options[i] != '\0')
      g_strv_builder_add (argv, options[i]);
  args = g_strv_builder_end (argv);
  f->fake = g_subprocess_newv ((const char * const *)args, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  spin_until (fake_up, f);

  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  f->sleep = stint_sleep_monitor_new (f->clock, f->bus);
  f->idle = g_object_new (STINT_TYPE_IDLE_MONITOR, "clock", f->clock, "sleep-monitor", f->sleep,
                          "session-bus", f->bus, "system-bus", f->bus, NULL);
  g_signal_connect_swapped (f->idle, "idle-started", G_CALLBACK (on_idle_started), f);
  g_signal_connect_swapped (f->idle, "idle-ended", G_CALLBACK (on_idle_ended), f);
  g_signal_connect_swapped (f->sleep, "sleeping", G_CALLBACK (on_sleeping), f);
  g_signal_connect_swapped (f->sleep, "woke", G_CALLBACK (on_woke), f);
  spin_until (source_known, f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->idle);
  g_clear_object (&f->sleep);
  /* Nothing either monitor scheduled outlives it. */
  g_assert_cmpuint (stint_clock_get_pending (f->clock, NULL), ==, 0);
  g_clear_object (&f->clock);
  g_subprocess_force_exit (f->fake);
  g_subprocess_wait (f->fake, NULL, NULL);
  g_clear_object (&f->fake);
  g_clear_object (&f->bus);
}

/* ------------------------------------------------------------ tests */

/* GNOME's idle monitor answers first. A simulated user leaves at 9:10 and
 * comes back at 9:30: idle-ended says exactly that, though the polls fall
 * on other minutes. */
static void
test_mutter_away_20_minutes (Fixture       *f,
                             gconstpointer  data)
{
  g_assert_cmpstr (stint_idle_monitor_get_source (f->idle), ==, "GNOME Shell");
  /* Knowing the source is one call; nothing polls while not tracking. */
  g_assert_cmpuint (stint_clock_get_pending (f->clock, NULL), ==, 0);

  stint_idle_monitor_set_active (f->idle, TRUE);
  /* Whoever just started a timer is here: the first poll waits a threshold. */
  poll_at (f, T0 + 5 * MINUTE, 30);
  /* 30 s idle: nobody can reach 5 min before 4.5 min from now, and polls
   * are a minute apart at least. */
  poll_at (f, T0 + 9 * MINUTE + 30, 4 * MINUTE);
  g_assert_cmpuint (f->started, ==, 0);
  /* 4 min: 1 min to go, and polls are a minute apart at least. */
  poll_at (f, T0 + 10 * MINUTE + 30, 30);
  poll_at (f, T0 + 15 * MINUTE, 5 * MINUTE);          /* left at 9:10 */
  g_assert_cmpuint (f->started, ==, 1);
  g_assert_cmpint (f->since, ==, T0 + 10 * MINUTE);
  g_assert_true (stint_idle_monitor_get_idle (f->idle));

  /* While away, a poll a minute. */
  for (gint64 t = T0 + 16 * MINUTE; t <= T0 + 30 * MINUTE; t += MINUTE)
    poll_at (f, t, t - (T0 + 10 * MINUTE));
  g_assert_cmpuint (f->ended, ==, 0);

  poll_at (f, T0 + 31 * MINUTE, 60);                  /* back at 9:30 */
  g_assert_cmpuint (f->ended, ==, 1);
  g_assert_cmpint (f->ended_since, ==, T0 + 10 * MINUTE);
  g_assert_cmpint (f->ended_until, ==, T0 + 30 * MINUTE);
  g_assert_cmpint (f->ended_until - f->ended_since, ==, 20 * MINUTE);
  g_assert_false (stint_idle_monitor_get_idle (f->idle));

  /* Tracking stops: polling stops. */
  stint_idle_monitor_set_active (f->idle, FALSE);
  g_assert_cmpuint (stint_clock_get_pending (f->clock, NULL), ==, 0);
}

/* KDE's screen saver counts milliseconds, the gnome-screensaver family
 * seconds; the monitor tells them apart by KDE's other name. */
static void
test_screensaver (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpstr (stint_idle_monitor_get_source (f->idle), ==, "the screen saver service");
  stint_idle_monitor_set_active (f->idle, TRUE);

  /* The fake answers 300 000 or 300: five minutes either way. */
  poll_at (f, T0 + 5 * MINUTE, 5 * MINUTE);
  g_assert_cmpuint (f->started, ==, 1);
  g_assert_cmpint (f->since, ==, T0);
}

/* logind's hints: IdleSinceHint is when idleness began, and then when it
 * ended. */
static void
test_logind (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;

  g_assert_cmpstr (stint_idle_monitor_get_source (f->idle), ==, "systemd-logind");
  stint_idle_monitor_set_active (f->idle, TRUE);

  reply = fake_call (f, "SetIdleHint", g_variant_new ("(bt)", TRUE, (guint64)(T0 + MINUTE) * G_USEC_PER_SEC));
  g_assert_cmpint (next_poll (f), ==, T0 + 5 * MINUTE);
  stint_clock_set_usec (f->clock, (T0 + 5 * MINUTE) * G_USEC_PER_SEC);
  spin_until (poll_scheduled, f);
  g_assert_cmpuint (f->started, ==, 0);               /* 4 minutes only */
  g_assert_cmpint (next_poll (f), ==, T0 + 6 * MINUTE);
  stint_clock_set_usec (f->clock, (T0 + 6 * MINUTE) * G_USEC_PER_SEC);
  spin_until (poll_scheduled, f);
  g_assert_cmpuint (f->started, ==, 1);
  g_assert_cmpint (f->since, ==, T0 + MINUTE);

  g_clear_pointer (&reply, g_variant_unref);
  reply = fake_call (f, "SetIdleHint", g_variant_new ("(bt)", FALSE, (guint64)(T0 + 6 * MINUTE + 30) * G_USEC_PER_SEC));
  stint_clock_set_usec (f->clock, (T0 + 7 * MINUTE) * G_USEC_PER_SEC);
  spin_until (poll_scheduled, f);
  g_assert_cmpuint (f->ended, ==, 1);
  g_assert_cmpint (f->ended_since, ==, T0 + MINUTE);
  g_assert_cmpint (f->ended_until, ==, T0 + 6 * MINUTE + 30);
}

/* No source at all: said plainly, and no timer ever. */
static void
test_no_source (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *description = stint_idle_monitor_describe (f->idle);

  g_assert_null (stint_idle_monitor_get_source (f->idle));
  g_assert_cmpstr (description, ==,
                   "This desktop does not tell Stint when you are away, so idle time cannot be noticed.");
  stint_idle_monitor_set_active (f->idle, TRUE);
  spin_until (source_known, f);
  g_assert_null (stint_idle_monitor_get_source (f->idle));
  g_assert_cmpuint (stint_clock_get_pending (f->clock, NULL), ==, 0);
}

static gboolean inhibiting (Fixture *f) { return stint_sleep_monitor_get_inhibiting (f->sleep); }
static gboolean not_inhibiting (Fixture *f) { return !stint_sleep_monitor_get_inhibiting (f->sleep); }
static gboolean has_slept (Fixture *f) { return f->sleeping > 0; }
static gboolean has_woken (Fixture *f) { return f->woke > 0; }

/* Suspend counts as idle, and a delay inhibitor holds sleep back until the
 * handlers of ::sleeping have run. */
static void
test_sleep (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;

  fake_set_idle (f, 0);
  stint_idle_monitor_set_active (f->idle, TRUE);
  stint_sleep_monitor_set_inhibit (f->sleep, TRUE);
  spin_until (inhibiting, f);
  g_assert_true (fake_inhibitor_held (f));

  stint_clock_set_usec (f->clock, (T0 + MINUTE) * G_USEC_PER_SEC);
  reply = fake_call (f, "PrepareForSleep", g_variant_new ("(b)", TRUE));
  spin_until (has_slept, f);
  g_assert_true (f->inhibiting_while_sleeping);
  g_assert_true (stint_sleep_monitor_get_asleep (f->sleep));
  g_assert_cmpuint (f->started, ==, 1);
  g_assert_cmpint (f->since, ==, T0 + MINUTE);
  /* Let go at once, so the machine can sleep; no polls while asleep. */
  g_assert_false (stint_sleep_monitor_get_inhibiting (f->sleep));
  g_assert_false (fake_inhibitor_held (f));
  g_assert_cmpuint (stint_clock_get_pending (f->clock, NULL), ==, 0);

  stint_clock_set_usec (f->clock, (T0 + 61 * MINUTE) * G_USEC_PER_SEC);
  g_clear_pointer (&reply, g_variant_unref);
  reply = fake_call (f, "PrepareForSleep", g_variant_new ("(b)", FALSE));
  spin_until (has_woken, f);
  g_assert_cmpuint (f->ended, ==, 1);
  g_assert_cmpint (f->ended_since, ==, T0 + MINUTE);
  g_assert_cmpint (f->ended_until, ==, T0 + 61 * MINUTE);
  /* Awake again: the inhibitor is back, polling resumes. */
  spin_until (inhibiting, f);
  g_assert_true (fake_inhibitor_held (f));
  g_assert_cmpint (next_poll (f), ==, T0 + 66 * MINUTE);

  stint_sleep_monitor_set_inhibit (f->sleep, FALSE);
  spin_until (not_inhibiting, f);
  g_assert_false (fake_inhibitor_held (f));
}

/* No system bus at all (a container): the sleep monitor stays quiet. */
static void
test_no_system_bus (void)
{
  g_autoptr(StintClock) clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  g_autoptr(StintSleepMonitor) sleep = NULL;
  gint64 end;

  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/stint-test", TRUE);
  sleep = stint_sleep_monitor_new (clock, NULL);
  stint_sleep_monitor_set_inhibit (sleep, TRUE);
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < end)
    iterate ();
  g_assert_false (stint_sleep_monitor_get_inhibiting (sleep));
  g_assert_false (stint_sleep_monitor_get_asleep (sleep));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stint/idle/no-system-bus", test_no_system_bus);
  if (g_getenv ("DESKTOP_SESSION_HELPER") == NULL)
    return g_test_run ();   /* the rest needs a private session bus */

#define ADD(path, options, func) g_test_add (path, Fixture, options, setup, func, teardown)
  ADD ("/stint/idle/mutter-away-20-minutes", "--mutter --screensaver --logind", test_mutter_away_20_minutes);
  ADD ("/stint/idle/screensaver-milliseconds", "--screensaver --logind", test_screensaver);
  ADD ("/stint/idle/screensaver-seconds", "--screensaver --seconds", test_screensaver);
  ADD ("/stint/idle/logind", "--logind", test_logind);
  ADD ("/stint/idle/no-source", "", test_no_source);
  ADD ("/stint/idle/sleep", "--mutter --logind", test_sleep);
#undef ADD

  return g_test_run ();
}
