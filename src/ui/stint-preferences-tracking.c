/* stint-preferences-tracking.c: the Tracking page of Preferences
 *
 * The default project, long timers, time away, reminders, pomodoro, sleep
 * and shutdown: every control is bound to its GSettings key, and the
 * running Stint follows the keys. The keys count seconds and minutes after
 * midnight; the page shows minutes and clock times, which is how people
 * think of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-preferences-tracking"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "stint-preferences-tracking.h"
#include "stint-project-picker.h"
#include "util/stint-parse.h"

#define N_DAYS 7

struct _StintPreferencesTracking
{
  GtkBox            parent_instance;

  GSettings        *settings;
  StintIdleMonitor *idle_monitor;
  StintTracker     *tracker;         /* the projects to choose the default from */

  GtkWidget        *default_project_box;
  GtkWidget        *default_project_picker;
  GtkWidget        *no_project_label;
  GtkWidget        *long_timer_switch;
  GtkWidget        *long_timer_threshold_spin;
  GtkWidget        *long_timer_repeat_spin;
  GtkWidget        *idle_switch;
  GtkWidget        *idle_threshold_spin;
  GtkLabel         *idle_source_label;
  GtkWidget        *reminder_switch;
  GtkWidget        *reminder_days_box;
  GtkWidget        *reminder_start_spin;
  GtkWidget        *reminder_end_spin;
  GtkWidget        *reminder_interval_spin;
  GtkWidget        *pomodoro_switch;
  GtkWidget        *pomodoro_work_spin;
  GtkWidget        *pomodoro_break_spin;
  GtkWidget        *stop_on_sleep_check;
  GtkWidget        *stop_on_shutdown_check;
  GtkWidget        *day_buttons[N_DAYS];
};

G_DEFINE_FINAL_TYPE (StintPreferencesTracking, stint_preferences_tracking, GTK_TYPE_BOX)

/* ------------------------------------------------------------ mappings */

static gboolean
seconds_to_minutes (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 60.0);
  return TRUE;
}

static GVariant *
minutes_to_seconds (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32)lround (g_value_get_double (value)) * 60);
}

static gboolean
uint_to_double (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
double_to_uint (const GValue       *value,
                const GVariantType *expected_type,
                gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32)lround (g_value_get_double (value)));
}

/* One bit of reminder-days for each day's toggle. */
typedef struct
{
  GSettings *settings;   /* unowned: the binding holds it */
  guint      bit;
} DayBinding;

static gboolean
day_get (GValue   *value,
         GVariant *variant,
         gpointer  user_data)
{
  DayBinding *day = user_data;

  g_value_set_boolean (value, (g_variant_get_uint32 (variant) & day->bit) != 0);
  return TRUE;
}

static GVariant *
day_set (const GValue       *value,
         const GVariantType *expected_type,
         gpointer            user_data)
{
  DayBinding *day = user_data;
  guint days = g_settings_get_uint (day->settings, "reminder-days");

  if (g_value_get_boolean (value))
    days |= day->bit;
  else
    days &= ~day->bit;
  return g_variant_new_uint32 (days);
}

/* ------------------------------------------------------------ clock times */

/* Minutes after midnight shown as "09:00"; the end of the day is "24:00". */
static gboolean
on_time_output (GtkSpinButton *spin,
                gpointer       user_data)
{
  int minutes = (int)lround (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));
  g_autofree char *text = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);

  if (g_strcmp0 (text, gtk_entry_get_text (GTK_ENTRY (spin))) != 0)
    gtk_entry_set_text (GTK_ENTRY (spin), text);
  return TRUE;
}

/* Whatever the entry editor takes as a time of day: "9", "9:30", "930",
 * "5pm", "24:00". */
static int
on_time_input (GtkSpinButton *spin,
               double        *new_value,
               gpointer       user_data)
{
  g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 1, 15, 0, 0, 0);
  gint64 when = 0;

  if (!stint_parse_time (gtk_entry_get_text (GTK_ENTRY (spin)), day, day, &when, NULL))
    return GTK_INPUT_ERROR;

  when -= g_date_time_to_unix (day);
  if (when < 0 || when > 24 * 3600)
    return GTK_INPUT_ERROR;
  *new_value = (double)(when / 60);
  return TRUE;
}

/* ------------------------------------------------------------ default project */

/* The picker shows a project's colour and name, and only an icon for none:
 * here, where that is a choice too, it says so in words. A project that no
 * longer exists counts as none, as it does when an entry starts. */
static void
update_default_project (StintPreferencesTracking *self)
{
  StintProjectPicker *picker = STINT_PROJECT_PICKER (self->default_project_picker);
  gint64 project_id = stint_project_picker_get_project_id (picker);

  gtk_widget_set_visible (self->no_project_label,
                          self->tracker == NULL ||
                          stint_tracker_lookup_project (self->tracker, project_id) == NULL);
}

/* ------------------------------------------------------------ idle source */

static void
update_idle_source (StintPreferencesTracking *self)
{
  g_autofree char *text = NULL;

  if (self->idle_monitor != NULL)
    text = stint_idle_monitor_describe (self->idle_monitor);
  gtk_label_set_text (self->idle_source_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->idle_source_label), text != NULL);
}

/* ------------------------------------------------------------ binding */

static void
bind_minutes (StintPreferencesTracking *self,
              const char               *key,
              GtkWidget                *spin,
              const char               *enabled_key)
{
  g_settings_bind_with_mapping (self->settings, key, spin, "value",
                                G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY,
                                seconds_to_minutes, minutes_to_seconds, NULL, NULL);
  g_settings_bind (self->settings, enabled_key, spin, "sensitive", G_SETTINGS_BIND_GET);
}

static void
bind_clock_time (StintPreferencesTracking *self,
                 const char               *key,
                 GtkWidget                *spin)
{
  g_settings_bind_with_mapping (self->settings, key, spin, "value",
                                G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY,
                                uint_to_double, double_to_uint, NULL, NULL);
  g_settings_bind (self->settings, "reminder-enabled", spin, "sensitive", G_SETTINGS_BIND_GET);
}

static void
build_days (StintPreferencesTracking *self)
{
  /* 15 January 2024 was a Monday, and reminder-days counts from Monday. */
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 15, 12, 0, 0);

  for (guint i = 0; i < N_DAYS; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, (int)i);
      g_autofree char *abbreviation = g_date_time_format (day, "%a");
      g_autofree char *name = g_date_time_format (day, "%A");
      GtkWidget *button = gtk_toggle_button_new_with_label (abbreviation);

      atk_object_set_name (gtk_widget_get_accessible (button), name);
      gtk_widget_set_tooltip_text (button, name);
      gtk_container_add (GTK_CONTAINER (self->reminder_days_box), button);
      gtk_widget_show (button);
      self->day_buttons[i] = button;
    }
}

/* ------------------------------------------------------------ GObject */

static void
stint_preferences_tracking_dispose (GObject *object)
{
  StintPreferencesTracking *self = (StintPreferencesTracking *)object;

  if (self->idle_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->idle_monitor, self);
  g_clear_object (&self->idle_monitor);
  g_clear_object (&self->tracker);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (stint_preferences_tracking_parent_class)->dispose (object);
}

static void
stint_preferences_tracking_class_init (StintPreferencesTrackingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_preferences_tracking_dispose;

  g_type_ensure (STINT_TYPE_PROJECT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-preferences-tracking.ui");
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, default_project_box);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, default_project_picker);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, no_project_label);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, long_timer_switch);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, long_timer_threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, long_timer_repeat_spin);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, idle_switch);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, idle_threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, idle_source_label);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, reminder_switch);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, reminder_days_box);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, reminder_start_spin);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, reminder_end_spin);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, reminder_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, pomodoro_switch);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, pomodoro_work_spin);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, pomodoro_break_spin);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, stop_on_sleep_check);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesTracking, stop_on_shutdown_check);
  gtk_widget_class_bind_template_callback (widget_class, update_default_project);
  gtk_widget_class_bind_template_callback (widget_class, on_time_output);
  gtk_widget_class_bind_template_callback (widget_class, on_time_input);
}

static void
stint_preferences_tracking_init (StintPreferencesTracking *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_days (self);
  update_idle_source (self);
}

/* ------------------------------------------------------------ public API */

void
stint_preferences_tracking_bind (StintPreferencesTracking *self,
                                 GSettings                *settings)
{
  g_return_if_fail (STINT_IS_PREFERENCES_TRACKING (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "default-project-id", self->default_project_picker, "project-id",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "long-timer-enabled", self->long_timer_switch, "active", G_SETTINGS_BIND_DEFAULT);
  bind_minutes (self, "long-timer-threshold", self->long_timer_threshold_spin, "long-timer-enabled");
  bind_minutes (self, "long-timer-repeat", self->long_timer_repeat_spin, "long-timer-enabled");

  g_settings_bind (settings, "idle-enabled", self->idle_switch, "active", G_SETTINGS_BIND_DEFAULT);
  bind_minutes (self, "idle-threshold", self->idle_threshold_spin, "idle-enabled");

  g_settings_bind (settings, "reminder-enabled", self->reminder_switch, "active", G_SETTINGS_BIND_DEFAULT);
  for (guint i = 0; i < N_DAYS; i++)
    {
      DayBinding *day = g_new0 (DayBinding, 1);

      day->settings = settings;
      day->bit = 1u << i;
      g_settings_bind_with_mapping (settings, "reminder-days", self->day_buttons[i], "active",
                                    G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY,
                                    day_get, day_set, day, g_free);
      g_settings_bind (settings, "reminder-enabled", self->day_buttons[i], "sensitive", G_SETTINGS_BIND_GET);
    }
  bind_clock_time (self, "reminder-start", self->reminder_start_spin);
  bind_clock_time (self, "reminder-end", self->reminder_end_spin);
  bind_minutes (self, "reminder-interval", self->reminder_interval_spin, "reminder-enabled");

  g_settings_bind (settings, "pomodoro-enabled", self->pomodoro_switch, "active", G_SETTINGS_BIND_DEFAULT);
  bind_minutes (self, "pomodoro-work", self->pomodoro_work_spin, "pomodoro-enabled");
  bind_minutes (self, "pomodoro-break", self->pomodoro_break_spin, "pomodoro-enabled");

  g_settings_bind (settings, "stop-on-sleep", self->stop_on_sleep_check, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "stop-on-shutdown", self->stop_on_shutdown_check, "active", G_SETTINGS_BIND_DEFAULT);
}

/* @monitor: (nullable): the running Stint's, to say where idle time comes
 *   from; %NULL hides the sentence */
void
stint_preferences_tracking_set_idle_monitor (StintPreferencesTracking *self,
                                             StintIdleMonitor         *monitor)
{
  g_return_if_fail (STINT_IS_PREFERENCES_TRACKING (self));
  g_return_if_fail (monitor == NULL || STINT_IS_IDLE_MONITOR (monitor));

  if (self->idle_monitor == monitor)
    return;
  if (self->idle_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->idle_monitor, self);
  g_set_object (&self->idle_monitor, monitor);
  if (monitor != NULL)
    g_signal_connect_object (monitor, "notify::source", G_CALLBACK (update_idle_source), self,
                             G_CONNECT_SWAPPED);
  update_idle_source (self);
}

/**
 * stint_preferences_tracking_set_tracker:
 * @tracker: the running Stint's, whose projects the default project is
 *   chosen from
 *
 * Without it (the database is unusable) the page offers no default project.
 */
void
stint_preferences_tracking_set_tracker (StintPreferencesTracking *self,
                                        StintTracker             *tracker)
{
  g_return_if_fail (STINT_IS_PREFERENCES_TRACKING (self));
  g_return_if_fail (STINT_IS_TRACKER (tracker));
  g_return_if_fail (self->tracker == NULL);

  self->tracker = g_object_ref (tracker);
  stint_project_picker_set_tracker (STINT_PROJECT_PICKER (self->default_project_picker), tracker);
  /* The projects arrive from a sync later than the setting. */
  g_signal_connect_object (stint_tracker_get_projects (tracker), "items-changed",
                           G_CALLBACK (update_default_project), self, G_CONNECT_SWAPPED);
  update_default_project (self);
  gtk_widget_show (self->default_project_box);
}
