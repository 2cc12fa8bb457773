/* test-clock.c: the manual clock fires timeouts as time passes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "util/stint-clock.h"

typedef struct
{
  StintClock *clock;
  GArray     *fired_at;   /* gint64 usec */
  gboolean    again;
} Recorder;

static gboolean
record (gpointer data)
{
  Recorder *r = data;
  gint64 now = stint_clock_now_usec (r->clock);

  g_array_append_val (r->fired_at, now);
  return r->again;
}

static void
test_manual_now (void)
{
  g_autoptr(StintClock) clock = stint_clock_new_manual ((gint64)1700000000 * G_USEC_PER_SEC + 5);

  g_assert_true (stint_clock_is_manual (clock));
  g_assert_cmpint (stint_clock_now (clock), ==, 1700000000);
  stint_clock_advance (clock, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (stint_clock_now (clock), ==, 1700000002);
}

static void
test_timeouts_fire_in_order (void)
{
  g_autoptr(StintClock) clock = stint_clock_new_manual (1000 * G_USEC_PER_SEC);
  Recorder r = { clock, g_array_new (FALSE, FALSE, sizeof (gint64)), FALSE };

  gint64 next_due = -1;

  g_assert_cmpuint (stint_clock_get_pending (clock, &next_due), ==, 0);
  g_assert_cmpint (next_due, ==, 0);
  stint_clock_timeout_add (clock, 30 * G_USEC_PER_SEC, record, &r, NULL);
  stint_clock_timeout_add (clock, 10 * G_USEC_PER_SEC, record, &r, NULL);
  g_assert_cmpuint (stint_clock_get_pending (clock, &next_due), ==, 2);
  g_assert_cmpint (next_due, ==, 1010 * G_USEC_PER_SEC);
  stint_clock_advance (clock, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (r.fired_at->len, ==, 0);

  stint_clock_advance (clock, 60 * G_USEC_PER_SEC);
  g_assert_cmpuint (r.fired_at->len, ==, 2);
  /* Each callback sees its own due time, not the end of the jump. */
  g_assert_cmpint (g_array_index (r.fired_at, gint64, 0), ==, 1010 * G_USEC_PER_SEC);
  g_assert_cmpint (g_array_index (r.fired_at, gint64, 1), ==, 1030 * G_USEC_PER_SEC);
  g_assert_cmpint (stint_clock_now (clock), ==, 1065);
  g_assert_cmpuint (stint_clock_get_pending (clock, NULL), ==, 0);

  g_array_unref (r.fired_at);
}

static void
test_repeating_and_remove (void)
{
  g_autoptr(StintClock) clock = stint_clock_new_manual (0);
  Recorder r = { clock, g_array_new (FALSE, FALSE, sizeof (gint64)), TRUE };
  guint id;

  id = stint_clock_timeout_add (clock, G_USEC_PER_SEC, record, &r, NULL);
  stint_clock_advance (clock, 3 * G_USEC_PER_SEC + 10);
  g_assert_cmpuint (r.fired_at->len, ==, 3);

  stint_clock_source_remove (clock, id);
  stint_clock_advance (clock, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (r.fired_at->len, ==, 3);

  g_array_unref (r.fired_at);
}

static void
test_system_clock (void)
{
  g_autoptr(StintClock) clock = stint_clock_new_system ();
  gint64 before = g_get_real_time ();
  gint64 now = stint_clock_now_usec (clock);

  g_assert_false (stint_clock_is_manual (clock));
  g_assert_cmpint (now, >=, before);
  g_assert_cmpint (now - before, <, 5 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stint/clock/manual-now", test_manual_now);
  g_test_add_func ("/stint/clock/timeouts-in-order", test_timeouts_fire_in_order);
  g_test_add_func ("/stint/clock/repeating-and-remove", test_repeating_and_remove);
  g_test_add_func ("/stint/clock/system", test_system_clock);

  return g_test_run ();
}
