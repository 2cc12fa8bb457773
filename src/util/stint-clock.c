/* stint-clock.c: the one source of "now", replaceable in tests
 *
 * A system clock reads the real time and schedules with the main loop. A manual
 * clock only moves when a test says so, and fires its timeouts as it passes
 * them, so timers and durations are tested without waiting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-clock"

#include "config.h"

#include "stint-clock.h"

typedef struct
{
  guint          id;
  gint64         due_usec;
  gint64         interval_usec;
  GSourceFunc    func;
  gpointer       data;
  GDestroyNotify notify;
} ManualTimeout;

struct _StintClock
{
  GObject  parent_instance;

  gboolean manual;
  gint64   now_usec;
  GList   *timeouts;   /* ManualTimeout, sorted by due time */
  guint    last_id;
};

G_DEFINE_FINAL_TYPE (StintClock, stint_clock, G_TYPE_OBJECT)

static void
manual_timeout_free (ManualTimeout *timeout)
{
  if (timeout->notify != NULL)
    timeout->notify (timeout->data);
  g_free (timeout);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const ManualTimeout *ta = a;
  const ManualTimeout *tb = b;

  if (ta->due_usec != tb->due_usec)
    return ta->due_usec < tb->due_usec ? -1 : 1;
  return ta->id < tb->id ? -1 : 1;
}

static void
stint_clock_finalize (GObject *object)
{
  StintClock *self = (StintClock *)object;

  g_list_free_full (g_steal_pointer (&self->timeouts), (GDestroyNotify)manual_timeout_free);

  G_OBJECT_CLASS (stint_clock_parent_class)->finalize (object);
}

static void
stint_clock_class_init (StintClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stint_clock_finalize;
}

static void
stint_clock_init (StintClock *self)
{
}

StintClock *
stint_clock_new_system (void)
{
  return g_object_new (STINT_TYPE_CLOCK, NULL);
}

StintClock *
stint_clock_new_manual (gint64 now_usec)
{
  StintClock *self = g_object_new (STINT_TYPE_CLOCK, NULL);

  self->manual = TRUE;
  self->now_usec = now_usec;

  return self;
}

gboolean
stint_clock_is_manual (StintClock *self)
{
  g_return_val_if_fail (STINT_IS_CLOCK (self), FALSE);

  return self->manual;
}

/* Microseconds since the Unix epoch. */
gint64
stint_clock_now_usec (StintClock *self)
{
  g_return_val_if_fail (STINT_IS_CLOCK (self), 0);

  return self->manual ? self->now_usec : g_get_real_time ();
}

/* Seconds since the Unix epoch: the resolution Toggl keeps. */
gint64
stint_clock_now (StintClock *self)
{
  return stint_clock_now_usec (self) / G_USEC_PER_SEC;
}

GDateTime *
stint_clock_now_local (StintClock *self)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (stint_clock_now (self));

  return g_date_time_to_local (utc);
}

guint
stint_clock_timeout_add (StintClock     *self,
                         gint64          delay_usec,
                         GSourceFunc     func,
                         gpointer        data,
                         GDestroyNotify  notify)
{
  ManualTimeout *timeout;

  g_return_val_if_fail (STINT_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  delay_usec = MAX (delay_usec, 0);

  if (!self->manual)
    {
      /* Round up: waking a millisecond early would show the old minute again. */
      guint ms = (guint)MIN ((delay_usec + 999) / 1000, (gint64)G_MAXUINT);

      return g_timeout_add_full (G_PRIORITY_DEFAULT, ms, func, data, notify);
    }

  timeout = g_new0 (ManualTimeout, 1);
  timeout->id = ++self->last_id;
  timeout->due_usec = self->now_usec + delay_usec;
  timeout->interval_usec = delay_usec;
  timeout->func = func;
  timeout->data = data;
  timeout->notify = notify;
  self->timeouts = g_list_insert_sorted (self->timeouts, timeout, compare_due);

  return timeout->id;
}

void
stint_clock_source_remove (StintClock *self,
                           guint       id)
{
  g_return_if_fail (STINT_IS_CLOCK (self));
  g_return_if_fail (id != 0);

  if (!self->manual)
    {
      g_source_remove (id);
      return;
    }

  for (GList *l = self->timeouts; l != NULL; l = l->next)
    {
      ManualTimeout *timeout = l->data;

      if (timeout->id == id)
        {
          self->timeouts = g_list_delete_link (self->timeouts, l);
          manual_timeout_free (timeout);
          return;
        }
    }
}

void
stint_clock_set_usec (StintClock *self,
                      gint64      now_usec)
{
  g_return_if_fail (STINT_IS_CLOCK (self));
  g_return_if_fail (self->manual);

  /* Fire what falls due on the way, in order, each seeing its own due time. */
  while (self->timeouts != NULL)
    {
      ManualTimeout *timeout = self->timeouts->data;
      gboolean again;

      if (timeout->due_usec > now_usec)
        break;

      self->timeouts = g_list_delete_link (self->timeouts, self->timeouts);
      self->now_usec = MAX (self->now_usec, timeout->due_usec);
      again = timeout->func (timeout->data);

      if (again && timeout->interval_usec > 0)
        {
          timeout->due_usec = self->now_usec + timeout->interval_usec;
          self->timeouts = g_list_insert_sorted (self->timeouts, timeout, compare_due);
        }
      else
        manual_timeout_free (timeout);
    }

  self->now_usec = now_usec;
}

void
stint_clock_advance (StintClock *self,
                     gint64      delta_usec)
{
  g_return_if_fail (STINT_IS_CLOCK (self));

  stint_clock_set_usec (self, self->now_usec + delta_usec);
}

/* For tests of a manual clock: how many timeouts wait, and when the first
 * falls due. This is how a test proves what would wake the process. */
guint
stint_clock_get_pending (StintClock *self,
                         gint64     *next_due_usec)
{
  g_return_val_if_fail (STINT_IS_CLOCK (self), 0);
  g_return_val_if_fail (self->manual, 0);

  if (next_due_usec != NULL)
    *next_due_usec = self->timeouts != NULL ? ((ManualTimeout *)self->timeouts->data)->due_usec : 0;

  return g_list_length (self->timeouts);
}
