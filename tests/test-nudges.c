/* test-nudges.c: long timers, reminders and pomodoros fall due at the
 * right moment, on a virtual clock, and nothing waits while nothing can
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core/stint-nudges.h"
#include "core/stint-tracker.h"
#include "stint-test-utils.h"

/* Monday 2025-11-24 00:00 UTC; the tests run with TZ=UTC. */
#define MONDAY ((gint64)1763942400)
#define HOUR 3600
#define MINUTE 60
#define AT(day, h, m) (MONDAY + (day) * 24 * HOUR + (h) * HOUR + (m) * MINUTE)

typedef struct
{
  char         *dir;
  StintStore   *store;
  StintClock   *clock;
  StintTracker *tracker;
  StintNudges  *nudges;

  guint         long_timers;
  gint64        last_elapsed;
  gint64        last_long_timer_at;
  guint         withdrawn_long_timers;
  guint         reminders;
  gint64        last_reminder_at;
  guint         withdrawn_reminders;
  guint         pomodoro_ends;
  guint         break_ends;
  guint         withdrawn_pomodoros;
} Fixture;

static gint64
now (Fixture *f)
{
  return stint_clock_now (f->clock);
}

static void
on_long_timer (StintNudges *nudges,
               StintEntry  *entry,
               gint64       elapsed,
               Fixture     *f)
{
  g_assert_true (entry == stint_tracker_get_running (f->tracker));
  f->long_timers++;
  f->last_elapsed = elapsed;
  f->last_long_timer_at = now (f);
}

static void
on_reminder (Fixture *f)
{
  g_assert_null (stint_tracker_get_running (f->tracker));
  f->reminders++;
  f->last_reminder_at = now (f);
}

static void on_withdraw_long_timer (Fixture *f) { f->withdrawn_long_timers++; }
static void on_withdraw_reminder (Fixture *f) { f->withdrawn_reminders++; }
static void on_pomodoro_end (Fixture *f) { f->pomodoro_ends++; }
static void on_break_end (Fixture *f) { f->break_ends++; }
static void on_withdraw_pomodoro (Fixture *f) { f->withdrawn_pomodoros++; }

/* data: the time to start at, as a pointer-sized integer; reminders off
 * unless the test turns them on. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = stint_test_make_tmpdir ();
  path = g_build_filename (f->dir, "stint.db", NULL);
  f->store = stint_store_open (path, &error);
  g_assert_no_error (error);
  f->clock = stint_clock_new_manual ((data != NULL ? GPOINTER_TO_SIZE (data) : AT (0, 8, 0)) * G_USEC_PER_SEC);
  f->tracker = stint_tracker_new (f->store, f->clock, 14, &error);
  g_assert_no_error (error);
  f->nudges = stint_nudges_new (f->tracker);
  g_object_set (f->nudges, "reminder-enabled", FALSE, NULL);

  g_signal_connect (f->nudges, "long-timer", G_CALLBACK (on_long_timer), f);
  g_signal_connect_swapped (f->nudges, "withdraw-long-timer", G_CALLBACK (on_withdraw_long_timer), f);
  g_signal_connect_swapped (f->nudges, "reminder", G_CALLBACK (on_reminder), f);
  g_signal_connect_swapped (f->nudges, "withdraw-reminder", G_CALLBACK (on_withdraw_reminder), f);
  g_signal_connect_swapped (f->nudges, "pomodoro-end", G_CALLBACK (on_pomodoro_end), f);
  g_signal_connect_swapped (f->nudges, "break-end", G_CALLBACK (on_break_end), f);
  g_signal_connect_swapped (f->nudges, "withdraw-pomodoro", G_CALLBACK (on_withdraw_pomodoro), f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->nudges);
  g_clear_object (&f->tracker);
  g_clear_object (&f->store);
  /* Nothing the nudges scheduled outlives them. */
  g_assert_cmpuint (stint_clock_get_pending (f->clock, NULL), ==, 0);
  g_clear_object (&f->clock);
  stint_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
advance_to (Fixture *f,
            gint64   t)
{
  g_assert_cmpint (t, >=, now (f));
  stint_clock_set_usec (f->clock, t * G_USEC_PER_SEC);
}

/* How many timeouts wait, and when the first is due (seconds, 0 = none). */
static guint
pending (Fixture *f,
         gint64  *due)
{
  gint64 due_usec = 0;
  guint n = stint_clock_get_pending (f->clock, &due_usec);

  if (due != NULL)
    *due = due_usec / G_USEC_PER_SEC;
  return n;
}

static void
assert_next (Fixture *f,
             gint64   expected)
{
  gint64 due;

  g_assert_cmpuint (pending (f, &due), ==, 1);
  g_assert_cmpint (due, ==, expected);
}

static void
start (Fixture    *f,
       const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = stint_tracker_start (f->tracker, description, 0, NULL, FALSE, &error);

  g_assert_no_error (error);
}

static void
stop (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StintEntry) entry = stint_tracker_stop (f->tracker, &error);

  g_assert_no_error (error);
}

static void
test_quiet_when_nothing_can_happen (Fixture       *f,
                                    gconstpointer  data)
{
  /* Reminders off, nothing running: no timeout at all. */
  g_assert_cmpuint (pending (f, NULL), ==, 0);

  /* Reminders on but no working day chosen, or an empty window. */
  g_object_set (f->nudges, "reminder-enabled", TRUE, "reminder-days", 0, NULL);
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  g_object_set (f->nudges, "reminder-days", STINT_WEEKDAYS_WORK,
                "reminder-start", 17 * 60, "reminder-end", 9 * 60, NULL);
  g_assert_cmpuint (pending (f, NULL), ==, 0);

  /* Long timers off: a running entry wakes nothing either. */
  g_object_set (f->nudges, "reminder-enabled", FALSE, "long-timer-enabled", FALSE, NULL);
  start (f, "Quiet");
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  advance_to (f, AT (1, 8, 0));
  g_assert_cmpuint (f->long_timers, ==, 0);
}

static void
test_long_timer_threshold_and_repeat (Fixture       *f,
                                      gconstpointer  data)
{
  advance_to (f, AT (0, 10, 0));
  start (f, "Writing report");
  /* One timeout, at the threshold. */
  assert_next (f, AT (0, 12, 0));

  advance_to (f, AT (0, 12, 0) - 1);
  g_assert_cmpuint (f->long_timers, ==, 0);
  advance_to (f, AT (0, 12, 0));
  g_assert_cmpuint (f->long_timers, ==, 1);
  g_assert_cmpint (f->last_elapsed, ==, 2 * HOUR);
  assert_next (f, AT (0, 13, 0));

  /* Again every repeat, each one a replacement: nothing withdrawn between. */
  advance_to (f, AT (0, 15, 30));
  g_assert_cmpuint (f->long_timers, ==, 4);
  g_assert_cmpint (f->last_elapsed, ==, 5 * HOUR);
  g_assert_cmpint (f->last_long_timer_at, ==, AT (0, 15, 0));
  g_assert_cmpuint (f->withdrawn_long_timers, ==, 0);
  assert_next (f, AT (0, 16, 0));

  /* A new repeat reschedules on its own grid (2, 4, 6 hours in), and
   * nothing fires twice for what was already said. */
  g_object_set (f->nudges, "long-timer-repeat", 2 * HOUR, NULL);
  assert_next (f, AT (0, 16, 0));
  g_assert_cmpuint (f->long_timers, ==, 4);

  /* Stopping withdraws the one notification and leaves nothing waiting. */
  stop (f);
  g_assert_cmpuint (f->withdrawn_long_timers, ==, 1);
  g_assert_cmpuint (pending (f, NULL), ==, 0);

  /* An entry stopped before its threshold was never nudged: nothing to withdraw. */
  start (f, "Short");
  advance_to (f, now (f) + HOUR);
  stop (f);
  g_assert_cmpuint (f->withdrawn_long_timers, ==, 1);
  g_assert_cmpuint (f->long_timers, ==, 4);
}

static void
test_long_timer_no_repeat (Fixture       *f,
                           gconstpointer  data)
{
  g_object_set (f->nudges, "long-timer-threshold", 30 * MINUTE, "long-timer-repeat", 0, NULL);
  start (f, "Once");
  advance_to (f, now (f) + 10 * HOUR);
  g_assert_cmpuint (f->long_timers, ==, 1);
  g_assert_cmpint (f->last_elapsed, ==, 30 * MINUTE);
  g_assert_cmpuint (pending (f, NULL), ==, 0);
}

/* An entry started elsewhere arrives through a pull, already five hours
 * old: one nudge now, then on the hour of its elapsed time. */
static void
test_long_timer_from_server (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(StintEntry) pulled = stint_test_entry_new ("From the web", AT (0, 8, 0) - 5 * HOUR, 0);
  g_autoptr(StintEntry) edited = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (stint_store_insert_entry (f->store, pulled, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);
  id = stint_entry_get_id (pulled);
  stint_tracker_reload_entries (f->tracker, &id, 1);
  g_assert_nonnull (stint_tracker_get_running (f->tracker));

  /* Due at once, but fired from the timeout, not inside the reload. */
  g_assert_cmpuint (f->long_timers, ==, 0);
  assert_next (f, AT (0, 8, 0));
  advance_to (f, now (f));
  g_assert_cmpuint (f->long_timers, ==, 1);
  g_assert_cmpint (f->last_elapsed, ==, 5 * HOUR);
  assert_next (f, AT (0, 9, 0));

  /* The start moved to 7:00 on the server: not two hours any more, so the
   * notification goes, and the next one waits for 9:00. */
  edited = stint_entry_copy (stint_tracker_get_running (f->tracker));
  stint_entry_set_start (edited, AT (0, 7, 0));
  g_assert_true (stint_store_update_entry (f->store, edited, STINT_OUTBOX_NONE, &error));
  stint_tracker_reload_entries (f->tracker, &id, 1);
  g_assert_cmpuint (f->withdrawn_long_timers, ==, 1);
  assert_next (f, AT (0, 9, 0));
  advance_to (f, AT (0, 9, 0));
  g_assert_cmpuint (f->long_timers, ==, 2);
  g_assert_cmpint (f->last_elapsed, ==, 2 * HOUR);
}

static void
test_reminders_in_working_hours (Fixture       *f,
                                 gconstpointer  data)
{
  g_object_set (f->nudges, "reminder-enabled", TRUE, NULL);

  /* Monday 8:00: the first reminder comes an interval into the day. */
  assert_next (f, AT (0, 9, 30));
  advance_to (f, AT (0, 9, 30) - 1);
  g_assert_cmpuint (f->reminders, ==, 0);
  advance_to (f, AT (0, 9, 30));
  g_assert_cmpuint (f->reminders, ==, 1);
  assert_next (f, AT (0, 10, 0));

  /* Every half hour until the end of the day: 9:30 … 16:30. */
  advance_to (f, AT (0, 23, 0));
  g_assert_cmpuint (f->reminders, ==, 15);
  g_assert_cmpint (f->last_reminder_at, ==, AT (0, 16, 30));
  assert_next (f, AT (1, 9, 30));

  /* Friday evening: the next one is on Monday, none at the weekend. */
  advance_to (f, AT (4, 18, 0));
  g_assert_cmpuint (f->reminders, ==, 15 * 5);
  assert_next (f, AT (7, 9, 30));
  advance_to (f, AT (7, 9, 30));
  g_assert_cmpuint (f->reminders, ==, 15 * 5 + 1);

  /* Saturday only, 10:00 to 12:00, hourly. */
  g_object_set (f->nudges, "reminder-days", STINT_WEEKDAY_SATURDAY, "reminder-start", 10 * 60,
                "reminder-end", 12 * 60, "reminder-interval", HOUR, NULL);
  assert_next (f, AT (12, 11, 0));
}

/* Working hours are wall-clock hours: on the Sunday summer time ends in
 * Berlin, 9:30 is 8:30 UTC, not midnight plus 570 minutes (7:30 UTC). */
static void
test_reminder_wall_clock_on_dst_day (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  /* The fixture started the clock at 2025-10-26 05:00 UTC. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_object_set (f->nudges, "reminder-days", STINT_WEEKDAY_SUNDAY, "reminder-enabled", TRUE, NULL);
  assert_next (f, 1761467400);  /* 09:30 CET */

  g_setenv ("TZ", saved, TRUE);
}

static void
test_reminder_not_after_stop (Fixture       *f,
                              gconstpointer  data)
{
  g_object_set (f->nudges, "reminder-enabled", TRUE, NULL);
  advance_to (f, AT (0, 9, 30));
  g_assert_cmpuint (f->reminders, ==, 1);

  /* Starting withdraws the reminder; none while tracking. */
  advance_to (f, AT (0, 9, 40));
  start (f, "Mail");
  g_assert_cmpuint (f->withdrawn_reminders, ==, 1);
  assert_next (f, AT (0, 11, 40));   /* only the long timer waits */
  advance_to (f, AT (0, 11, 0));
  g_assert_cmpuint (f->reminders, ==, 1);

  /* Not within an interval after the stop. */
  stop (f);
  assert_next (f, AT (0, 11, 30));
  advance_to (f, AT (0, 11, 29));
  g_assert_cmpuint (f->reminders, ==, 1);
  advance_to (f, AT (0, 11, 30));
  g_assert_cmpuint (f->reminders, ==, 2);
}

static void
test_reminder_snooze (Fixture       *f,
                      gconstpointer  data)
{
  g_object_set (f->nudges, "reminder-enabled", TRUE, NULL);
  advance_to (f, AT (0, 9, 30));
  g_assert_cmpuint (f->reminders, ==, 1);

  stint_nudges_snooze (f->nudges, HOUR);
  g_assert_cmpuint (f->withdrawn_reminders, ==, 1);
  assert_next (f, AT (0, 10, 30));
  advance_to (f, AT (0, 10, 29));
  g_assert_cmpuint (f->reminders, ==, 1);
  advance_to (f, AT (0, 10, 30));
  g_assert_cmpuint (f->reminders, ==, 2);

  /* A snooze past the end of the day lands in the next working window. */
  advance_to (f, AT (0, 16, 0));
  stint_nudges_snooze (f->nudges, 20 * HOUR);   /* until Tuesday 12:00 */
  assert_next (f, AT (1, 12, 0));
}

static void
test_reminder_not_while_idle_or_asleep (Fixture       *f,
                                        gconstpointer  data)
{
  g_object_set (f->nudges, "reminder-enabled", TRUE, NULL);
  advance_to (f, AT (0, 9, 10));

  stint_nudges_set_idle (f->nudges, TRUE);
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  advance_to (f, AT (0, 12, 0));
  g_assert_cmpuint (f->reminders, ==, 0);
  /* Back: a fresh interval, not a reminder at once. */
  stint_nudges_set_idle (f->nudges, FALSE);
  assert_next (f, AT (0, 12, 30));

  stint_nudges_set_asleep (f->nudges, TRUE);
  g_assert_cmpuint (pending (f, NULL), ==, 0);
  advance_to (f, AT (0, 14, 0));
  stint_nudges_set_asleep (f->nudges, FALSE);
  assert_next (f, AT (0, 14, 30));
  advance_to (f, AT (0, 14, 30));
  g_assert_cmpuint (f->reminders, ==, 1);

  /* Idle while tracking changes nothing for the long timer. */
  start (f, "Away");
  stint_nudges_set_idle (f->nudges, TRUE);
  assert_next (f, AT (0, 16, 30));
}

/* Asleep, nothing fires; on waking what fell due in the night fires once. */
static void
test_long_timer_across_sleep (Fixture       *f,
                              gconstpointer  data)
{
  advance_to (f, AT (0, 10, 0));
  start (f, "Overnight");
  advance_to (f, AT (0, 11, 0));
  stint_nudges_set_asleep (f->nudges, TRUE);
  g_assert_cmpuint (pending (f, NULL), ==, 0);

  advance_to (f, AT (0, 13, 30));
  stint_nudges_set_asleep (f->nudges, FALSE);
  assert_next (f, AT (0, 13, 30));
  advance_to (f, now (f));
  g_assert_cmpuint (f->long_timers, ==, 1);
  g_assert_cmpint (f->last_elapsed, ==, 3 * HOUR + 30 * MINUTE);
  assert_next (f, AT (0, 14, 0));
}

static void
test_pomodoro (Fixture       *f,
               gconstpointer  data)
{
  gint64 due = 0;

  advance_to (f, AT (0, 10, 0));
  g_object_set (f->nudges, "pomodoro-enabled", TRUE, "reminder-enabled", TRUE, NULL);
  start (f, "Focus");
  g_object_get (f->nudges, "pomodoro-due", &due, NULL);
  g_assert_cmpint (due, ==, AT (0, 10, 25));
  assert_next (f, AT (0, 10, 25));

  advance_to (f, AT (0, 10, 25));
  g_assert_cmpuint (f->pomodoro_ends, ==, 1);
  g_assert_cmpint (stint_nudges_get_pomodoro_due (f->nudges), ==, 0);

  /* Continue: another work period from now. */
  advance_to (f, AT (0, 10, 27));
  stint_nudges_pomodoro_continue (f->nudges);
  g_assert_cmpuint (f->withdrawn_pomodoros, ==, 1);
  g_assert_cmpint (stint_nudges_get_pomodoro_due (f->nudges), ==, AT (0, 10, 52));
  advance_to (f, AT (0, 10, 52));
  g_assert_cmpuint (f->pomodoro_ends, ==, 2);

  /* Take a break: the entry stops, no reminder during the break, then the
   * break ends and reminders count from there. */
  stint_nudges_pomodoro_take_break (f->nudges);
  stop (f);
  g_assert_true (stint_nudges_get_on_break (f->nudges));
  g_assert_cmpint (stint_nudges_get_pomodoro_due (f->nudges), ==, AT (0, 10, 57));
  assert_next (f, AT (0, 10, 57));
  advance_to (f, AT (0, 10, 57));
  g_assert_cmpuint (f->break_ends, ==, 1);
  g_assert_false (stint_nudges_get_on_break (f->nudges));
  g_assert_cmpuint (f->reminders, ==, 0);
  assert_next (f, AT (0, 11, 27));

  /* Starting during a break ends it silently. */
  stint_nudges_pomodoro_take_break (f->nudges);
  start (f, "Back early");
  g_assert_false (stint_nudges_get_on_break (f->nudges));
  advance_to (f, AT (0, 11, 30));
  g_assert_cmpuint (f->break_ends, ==, 1);

  /* Switched off: nothing counts any more. */
  g_object_set (f->nudges, "pomodoro-enabled", FALSE, NULL);
  g_assert_cmpint (stint_nudges_get_pomodoro_due (f->nudges), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/nudges/quiet-when-nothing-can-happen", test_quiet_when_nothing_can_happen);
  ADD ("/stint/nudges/long-timer/threshold-and-repeat", test_long_timer_threshold_and_repeat);
  ADD ("/stint/nudges/long-timer/no-repeat", test_long_timer_no_repeat);
  ADD ("/stint/nudges/long-timer/from-server", test_long_timer_from_server);
  ADD ("/stint/nudges/long-timer/across-sleep", test_long_timer_across_sleep);
  ADD ("/stint/nudges/reminder/working-hours", test_reminders_in_working_hours);
  g_test_add ("/stint/nudges/reminder/wall-clock-on-dst-day", Fixture, GSIZE_TO_POINTER (1761454800),
              setup, test_reminder_wall_clock_on_dst_day, teardown);
  ADD ("/stint/nudges/reminder/not-after-stop", test_reminder_not_after_stop);
  ADD ("/stint/nudges/reminder/snooze", test_reminder_snooze);
  ADD ("/stint/nudges/reminder/not-while-idle-or-asleep", test_reminder_not_while_idle_or_asleep);
  ADD ("/stint/nudges/pomodoro", test_pomodoro);
#undef ADD

  return g_test_run ();
}
