/* stint-nudges.c: decides when Stint should speak up
 *
 * Follows the tracker's running entry and the configured working hours, and
 * emits a signal at the moment a long-timer notification, a reminder to
 * track or a pomodoro break is due. It shows nothing itself (StintNotifier
 * does) and it never polls: one clock timeout waits for the earliest thing
 * that can happen, and none waits while nothing can
 * (stint-nudges-schedule.c).
 *
 * All times are Unix seconds, as entries keep them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-nudges"

#include "config.h"

#include "stint-nudges-private.h"

enum {
  PROP_0,
  PROP_TRACKER,
  PROP_LONG_TIMER_ENABLED,
  PROP_LONG_TIMER_THRESHOLD,
  PROP_LONG_TIMER_REPEAT,
  PROP_REMINDER_ENABLED,
  PROP_REMINDER_DAYS,
  PROP_REMINDER_START,
  PROP_REMINDER_END,
  PROP_REMINDER_INTERVAL,
  PROP_POMODORO_ENABLED,
  PROP_POMODORO_WORK,
  PROP_POMODORO_BREAK,
  PROP_POMODORO_DUE,
  PROP_ON_BREAK,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (StintNudges, stint_nudges, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static gint64
now (StintNudges *self)
{
  return stint_clock_now (self->clock);
}

/* ------------------------------------------------------------ state */

void
stint_nudges_set_break_until (StintNudges *self,
                              gint64       until)
{
  gboolean was_on_break = self->break_until != 0;

  self->break_until = until;
  if (was_on_break != (until != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ON_BREAK]);
}

void
stint_nudges_set_pomodoro_due (StintNudges *self,
                               gint64       due)
{
  if (self->pomodoro_due == due)
    return;
  self->pomodoro_due = due;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POMODORO_DUE]);
}

/* ------------------------------------------------------------ the tracker */

static void
on_start_changed (StintNudges *self)
{
  /* A start moved later can make "running for 2 hours" untrue. */
  if (self->long_timer_last != 0 &&
      now (self) < stint_entry_get_start (self->watched) + self->long_timer_threshold)
    stint_nudges_withdraw_long_timer (self);
  stint_nudges_update (self);
}

static void
on_running_changed (StintNudges *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);

  if (running == self->watched)
    return;

  if (self->watched != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->watched, self);
      stint_nudges_withdraw_long_timer (self);
      stint_nudges_withdraw_pomodoro (self);
      self->work_from = 0;
      if (running == NULL)
        self->quiet_since = now (self);
    }
  g_set_object (&self->watched, running);

  if (running != NULL)
    {
      g_signal_connect_object (running, "notify::start",
                               G_CALLBACK (on_start_changed), self, G_CONNECT_SWAPPED);
      stint_nudges_withdraw_reminder (self);
      /* Counted from now, not from the entry's start: an entry that arrives
       * from the server an hour old should not end a pomodoro at once. */
      self->work_from = now (self);
      stint_nudges_set_break_until (self, 0);
    }

  stint_nudges_update (self);
}

/* ------------------------------------------------------------ GObject */

static guint *
uint_field (StintNudges *self,
            guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_LONG_TIMER_THRESHOLD: return &self->long_timer_threshold;
    case PROP_LONG_TIMER_REPEAT: return &self->long_timer_repeat;
    case PROP_REMINDER_DAYS: return &self->reminder_days;
    case PROP_REMINDER_START: return &self->reminder_start;
    case PROP_REMINDER_END: return &self->reminder_end;
    case PROP_REMINDER_INTERVAL: return &self->reminder_interval;
    case PROP_POMODORO_WORK: return &self->pomodoro_work;
    case PROP_POMODORO_BREAK: return &self->pomodoro_break;
    default: return NULL;
    }
}

static gboolean *
bool_field (StintNudges *self,
            guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_LONG_TIMER_ENABLED: return &self->long_timer_enabled;
    case PROP_REMINDER_ENABLED: return &self->reminder_enabled;
    case PROP_POMODORO_ENABLED: return &self->pomodoro_enabled;
    default: return NULL;
    }
}

static void
set_bool (StintNudges *self,
          guint        prop_id,
          gboolean     value)
{
  gboolean *field = bool_field (self, prop_id);

  g_assert (field != NULL);
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  /* Construct-time defaults: nothing to follow yet. */
  if (self->clock == NULL)
    return;

  switch (prop_id)
    {
    case PROP_LONG_TIMER_ENABLED:
      if (!value)
        stint_nudges_withdraw_long_timer (self);
      break;
    case PROP_REMINDER_ENABLED:
      /* Switching reminders on is not a reason to remind at once. */
      self->quiet_since = now (self);
      if (!value)
        stint_nudges_withdraw_reminder (self);
      break;
    case PROP_POMODORO_ENABLED:
      self->work_from = value && self->watched != NULL ? now (self) : 0;
      if (!value)
        {
          stint_nudges_withdraw_pomodoro (self);
          stint_nudges_set_break_until (self, 0);
        }
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  stint_nudges_update (self);
}

static void
stint_nudges_dispose (GObject *object)
{
  StintNudges *self = (StintNudges *)object;

  if (self->timeout_id != 0)
    stint_clock_source_remove (self->clock, self->timeout_id);
  self->timeout_id = 0;
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_clear_object (&self->watched);
  stint_nudges_idle_dispose (self);
  g_clear_object (&self->tracker);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (stint_nudges_parent_class)->dispose (object);
}

static void
stint_nudges_constructed (GObject *object)
{
  StintNudges *self = (StintNudges *)object;

  G_OBJECT_CLASS (stint_nudges_parent_class)->constructed (object);

  g_assert (self->tracker != NULL);
  self->clock = g_object_ref (stint_tracker_get_clock (self->tracker));
  /* Stint just started: a reminder waits one interval first. */
  self->quiet_since = now (self);
  g_signal_connect_object (self->tracker, "notify::running",
                           G_CALLBACK (on_running_changed), self, G_CONNECT_SWAPPED);
  on_running_changed (self);
  stint_nudges_update (self);
}

static void
set_uint (StintNudges *self,
          guint        prop_id,
          guint        value)
{
  guint *field = uint_field (self, prop_id);

  g_assert (field != NULL);
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  if (self->clock != NULL)
    stint_nudges_update (self);
}

static void
stint_nudges_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StintNudges *self = STINT_NUDGES (object);

  switch (prop_id)
    {
    case PROP_TRACKER:
      g_value_set_object (value, self->tracker);
      break;
    case PROP_LONG_TIMER_ENABLED:
      g_value_set_boolean (value, self->long_timer_enabled);
      break;
    case PROP_REMINDER_ENABLED:
      g_value_set_boolean (value, self->reminder_enabled);
      break;
    case PROP_POMODORO_ENABLED:
      g_value_set_boolean (value, self->pomodoro_enabled);
      break;
    case PROP_POMODORO_DUE:
      g_value_set_int64 (value, self->pomodoro_due);
      break;
    case PROP_ON_BREAK:
      g_value_set_boolean (value, self->break_until != 0);
      break;
    default:
      if (uint_field (self, prop_id) == NULL)
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      else
        g_value_set_uint (value, *uint_field (self, prop_id));
    }
}

static void
stint_nudges_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StintNudges *self = STINT_NUDGES (object);

  switch (prop_id)
    {
    case PROP_TRACKER:
      self->tracker = g_value_dup_object (value);
      break;
    case PROP_LONG_TIMER_ENABLED:
    case PROP_REMINDER_ENABLED:
    case PROP_POMODORO_ENABLED:
      set_bool (self, prop_id, g_value_get_boolean (value));
      break;
    default:
      if (uint_field (self, prop_id) == NULL)
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      else
        set_uint (self, prop_id, g_value_get_uint (value));
    }
}

static GParamSpec *
uint_param (const char *name,
            guint       min,
            guint       max,
            guint       default_value)
{
  return g_param_spec_uint (name, NULL, NULL, min, max, default_value,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                            G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
bool_param (const char *name,
            gboolean    default_value)
{
  return g_param_spec_boolean (name, NULL, NULL, default_value,
                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
}

static void
stint_nudges_class_init (StintNudgesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stint_nudges_dispose;
  object_class->constructed = stint_nudges_constructed;
  object_class->get_property = stint_nudges_get_property;
  object_class->set_property = stint_nudges_set_property;

  properties[PROP_TRACKER] =
    g_param_spec_object ("tracker", NULL, NULL, STINT_TYPE_TRACKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Seconds, as the GSettings keys of the same names. */
  properties[PROP_LONG_TIMER_ENABLED] = bool_param ("long-timer-enabled", TRUE);
  properties[PROP_LONG_TIMER_THRESHOLD] = uint_param ("long-timer-threshold", 60, 24 * 3600, 2 * 3600);
  /* 0: nudge once per entry */
  properties[PROP_LONG_TIMER_REPEAT] = uint_param ("long-timer-repeat", 0, 24 * 3600, 3600);
  properties[PROP_REMINDER_ENABLED] = bool_param ("reminder-enabled", TRUE);
  properties[PROP_REMINDER_DAYS] = uint_param ("reminder-days", 0, 0x7f, STINT_WEEKDAYS_WORK);
  /* Minutes after local midnight; 1440 is the end of the day. */
  properties[PROP_REMINDER_START] = uint_param ("reminder-start", 0, 24 * 60, 9 * 60);
  properties[PROP_REMINDER_END] = uint_param ("reminder-end", 0, 24 * 60, 17 * 60);
  properties[PROP_REMINDER_INTERVAL] = uint_param ("reminder-interval", 60, 24 * 3600, 30 * 60);
  properties[PROP_POMODORO_ENABLED] = bool_param ("pomodoro-enabled", FALSE);
  properties[PROP_POMODORO_WORK] = uint_param ("pomodoro-work", 60, 4 * 3600, 25 * 60);
  properties[PROP_POMODORO_BREAK] = uint_param ("pomodoro-break", 60, 4 * 3600, 5 * 60);
  /* When the current work period or break ends, for the tray's "time
   * left"; 0 when no pomodoro counts. */
  properties[PROP_POMODORO_DUE] =
    g_param_spec_int64 ("pomodoro-due", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ON_BREAK] =
    g_param_spec_boolean ("on-break", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  stint_nudges_schedule_class_init (object_class);
  stint_nudges_idle_class_init (object_class);
}

static void
stint_nudges_init (StintNudges *self)
{
}

/* ------------------------------------------------------------ public API */

StintNudges *
stint_nudges_new (StintTracker *tracker)
{
  g_return_val_if_fail (STINT_IS_TRACKER (tracker), NULL);

  return g_object_new (STINT_TYPE_NUDGES, "tracker", tracker, NULL);
}

/* The user is away (StintIdleMonitor): no reminders. Coming back starts a
 * fresh interval of quiet rather than reminding at once. */
void
stint_nudges_set_idle (StintNudges *self,
                       gboolean     idle)
{
  g_return_if_fail (STINT_IS_NUDGES (self));

  idle = !!idle;
  if (self->idle == idle)
    return;
  self->idle = idle;
  if (!idle)
    self->quiet_since = MAX (self->quiet_since, now (self));
  stint_nudges_update (self);
}

/* The machine sleeps: nothing fires. On waking everything is recomputed
 * from the wall clock, which also corrects timeouts the suspended monotonic
 * clock has delayed. */
void
stint_nudges_set_asleep (StintNudges *self,
                         gboolean     asleep)
{
  g_return_if_fail (STINT_IS_NUDGES (self));

  asleep = !!asleep;
  if (self->asleep == asleep)
    return;
  self->asleep = asleep;
  if (!asleep)
    self->quiet_since = MAX (self->quiet_since, now (self));
  stint_nudges_update (self);
}

/* No reminder for @seconds from now. */
void
stint_nudges_snooze (StintNudges *self,
                     gint64       seconds)
{
  g_return_if_fail (STINT_IS_NUDGES (self));
  g_return_if_fail (seconds >= 0);

  self->snooze_until = now (self) + seconds;
  stint_nudges_withdraw_reminder (self);
  stint_nudges_update (self);
}
