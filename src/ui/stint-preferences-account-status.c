/* stint-preferences-account-status.c: requests left this hour, and the last sync
 *
 * Part of the Account page while signed in: how much of Toggl's hourly
 * quota is left in each bucket that requests were counted in, and when a
 * request last went through. Both follow StintSync's notifications; what
 * time alone changes (the sliding hour, "3 minutes ago") is read again at
 * most once a minute, and only while the page is on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-preferences-account-status"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-preferences-account-status.h"

#define MINUTE 60
#define HOUR   3600

struct _StintPreferencesAccountStatus
{
  GtkBox        parent_instance;

  StintSync    *sync;
  StintBudget  *budget;
  StintClock   *clock;
  guint         tick_id;        /* StintClock timeout: the next minute */

  GtkLabel     *requests_label;
  GtkLabel     *last_sync_label;
};

G_DEFINE_FINAL_TYPE (StintPreferencesAccountStatus, stint_preferences_account_status, GTK_TYPE_BOX)

/* The buckets as the user knows them, in the order shown. */
static const char * const known_buckets[] = {
  STINT_BUDGET_BUCKET_USER, STINT_BUDGET_BUCKET_WORKSPACE, STINT_BUDGET_BUCKET_ORGANIZATION, NULL,
};

static void
append_bucket (GString     *text,
               StintBudget *budget,
               const char  *bucket)
{
  int left = MAX (stint_budget_get_left (budget, bucket), 0);

  if (text->len > 0)
    /* Translators: separates the quota buckets in "Requests left this hour: …" */
    g_string_append (text, _(", "));

  if (g_str_equal (bucket, STINT_BUDGET_BUCKET_USER))
    /* Translators: requests left this hour for the account's own data (Toggl's /me requests) */
    g_string_append_printf (text, _("%d for your account"), left);
  else if (g_str_equal (bucket, STINT_BUDGET_BUCKET_WORKSPACE))
    /* Translators: requests left this hour for the workspace's time entries */
    g_string_append_printf (text, _("%d for the workspace"), left);
  else if (g_str_equal (bucket, STINT_BUDGET_BUCKET_ORGANIZATION))
    /* Translators: requests left this hour for the Toggl Focus organization */
    g_string_append_printf (text, _("%d for the organization"), left);
  else
    /* Translators: requests left this hour, then the name of a quota bucket */
    g_string_append_printf (text, _("%d (%s)"), left, bucket);
}

static char *
describe_requests (StintPreferencesAccountStatus *self)
{
  g_auto(GStrv) buckets = stint_budget_list_buckets (self->budget);
  g_autoptr(GString) parts = g_string_new (NULL);
  gint64 paused_until = stint_budget_get_paused_until (self->budget);
  int left;

  if (paused_until > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (paused_until);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *time = g_date_time_format (local, "%H:%M");

      /* Translators: %s is a time of day, e.g. 14:05 */
      return g_strdup_printf (_("Toggl’s hourly request limit is used up; Stint sends again at %s."),
                              time);
    }

  if (buckets[0] == NULL)
    {
      left = MAX (stint_budget_get_requests_left (self->budget), 0);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d request left this hour",
                                           "%d requests left this hour", left),
                              left);
    }

  for (guint i = 0; known_buckets[i] != NULL; i++)
    if (g_strv_contains ((const char * const *)buckets, known_buckets[i]))
      append_bucket (parts, self->budget, known_buckets[i]);

  for (guint i = 0; buckets[i] != NULL; i++)
    if (!g_strv_contains (known_buckets, buckets[i]))
      append_bucket (parts, self->budget, buckets[i]);

  /* Translators: %s lists the requests left per quota, e.g. "27 for your
   * account, 29 for the workspace" */
  return g_strdup_printf (_("Requests left this hour: %s"), parts->str);
}

/**
 * stint_preferences_account_status_describe_last_sync:
 * @last_sync: Unix seconds of the last request that went through; 0 for never
 * @now: Unix seconds
 *
 * Returns: (transfer full): "Last synced 3 minutes ago", "Not synced yet", …
 */
char *
stint_preferences_account_status_describe_last_sync (gint64 last_sync,
                                                     gint64 now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now_utc = NULL;
  g_autoptr(GDateTime) now_local = NULL;
  g_autofree char *when = NULL;
  gint64 age = now - last_sync;

  if (last_sync <= 0)
    return g_strdup (_("Not synced yet"));

  /* A clock set back since counts as now. */
  if (age < MINUTE)
    return g_strdup (_("Last synced just now"));

  if (age < HOUR)
    {
      int minutes = (int)(age / MINUTE);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Last synced %d minute ago",
                                           "Last synced %d minutes ago", minutes),
                              minutes);
    }

  utc = g_date_time_new_from_unix_utc (last_sync);
  local = g_date_time_to_local (utc);
  now_utc = g_date_time_new_from_unix_utc (now);
  now_local = g_date_time_to_local (now_utc);

  if (g_date_time_get_year (local) == g_date_time_get_year (now_local) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now_local))
    {
      when = g_date_time_format (local, "%H:%M");
      /* Translators: %s is a time of day today, e.g. 14:05 */
      return g_strdup_printf (_("Last synced at %s"), when);
    }

  /* Translators: a date and time in strftime format, as in "Last synced on 23 Nov 2026, 14:05" */
  when = g_date_time_format (local, _("%e %b %Y, %H:%M"));
  /* Translators: %s is a date and time */
  return g_strdup_printf (_("Last synced on %s"), g_strstrip (when));
}

static void schedule_tick (StintPreferencesAccountStatus *self);

static void
update (StintPreferencesAccountStatus *self)
{
  g_autofree char *requests = NULL;
  g_autofree char *last_sync = NULL;

  if (self->sync == NULL)
    {
      gtk_label_set_text (self->requests_label, "");
      gtk_label_set_text (self->last_sync_label, "");
      return;
    }

  requests = describe_requests (self);
  last_sync = stint_preferences_account_status_describe_last_sync (stint_sync_get_last_sync (self->sync),
                                                                   stint_clock_now (self->clock));
  gtk_label_set_text (self->requests_label, requests);
  gtk_label_set_text (self->last_sync_label, last_sync);

  schedule_tick (self);
}

static void
cancel_tick (StintPreferencesAccountStatus *self)
{
  if (self->tick_id != 0)
    stint_clock_source_remove (self->clock, self->tick_id);
  self->tick_id = 0;
}

static gboolean
tick_cb (gpointer user_data)
{
  StintPreferencesAccountStatus *self = user_data;

  self->tick_id = 0;
  update (self);

  return G_SOURCE_REMOVE;
}

/* One timeout, while on screen: when "N minutes ago" next changes, and
 * otherwise a minute on, for the requests the sliding hour lets go. */
static void
schedule_tick (StintPreferencesAccountStatus *self)
{
  gint64 last_sync;
  gint64 age;
  gint64 delay = MINUTE;

  cancel_tick (self);

  if (self->sync == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  last_sync = stint_sync_get_last_sync (self->sync);
  age = stint_clock_now (self->clock) - last_sync;
  if (last_sync > 0 && age >= 0 && age < HOUR)
    delay = MINUTE - age % MINUTE;

  self->tick_id = stint_clock_timeout_add (self->clock, delay * G_USEC_PER_SEC, tick_cb, self, NULL);
}

static void
stint_preferences_account_status_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (stint_preferences_account_status_parent_class)->map (widget);

  /* Time passed while hidden. */
  update (STINT_PREFERENCES_ACCOUNT_STATUS (widget));
}

static void
stint_preferences_account_status_unmap (GtkWidget *widget)
{
  cancel_tick (STINT_PREFERENCES_ACCOUNT_STATUS (widget));

  GTK_WIDGET_CLASS (stint_preferences_account_status_parent_class)->unmap (widget);
}

static void
disconnect_sync (StintPreferencesAccountStatus *self)
{
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  if (self->budget != NULL)
    g_signal_handlers_disconnect_by_data (self->budget, self);
  g_clear_object (&self->budget);
  g_clear_object (&self->sync);
}

static void
stint_preferences_account_status_dispose (GObject *object)
{
  StintPreferencesAccountStatus *self = (StintPreferencesAccountStatus *)object;

  if (self->clock != NULL)
    cancel_tick (self);
  disconnect_sync (self);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (stint_preferences_account_status_parent_class)->dispose (object);
}

static void
stint_preferences_account_status_class_init (StintPreferencesAccountStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stint_preferences_account_status_dispose;
  widget_class->map = stint_preferences_account_status_map;
  widget_class->unmap = stint_preferences_account_status_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stintapp/Stint/ui/stint-preferences-account-status.ui");
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesAccountStatus, requests_label);
  gtk_widget_class_bind_template_child (widget_class, StintPreferencesAccountStatus, last_sync_label);
}

static void
stint_preferences_account_status_init (StintPreferencesAccountStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->clock = stint_clock_new_system ();
}

/* @clock: where "now" comes from; a manual one in tests */
void
stint_preferences_account_status_set_clock (StintPreferencesAccountStatus *self,
                                            StintClock                    *clock)
{
  g_return_if_fail (STINT_IS_PREFERENCES_ACCOUNT_STATUS (self));
  g_return_if_fail (STINT_IS_CLOCK (clock));

  if (self->clock == clock)
    return;

  cancel_tick (self);
  g_set_object (&self->clock, clock);
  update (self);
}

/* @sync: (nullable): the connected account's sync, or %NULL when none runs */
void
stint_preferences_account_status_set_sync (StintPreferencesAccountStatus *self,
                                           StintSync                     *sync)
{
  g_return_if_fail (STINT_IS_PREFERENCES_ACCOUNT_STATUS (self));
  g_return_if_fail (sync == NULL || STINT_IS_SYNC (sync));

  if (self->sync == sync)
    return;

  disconnect_sync (self);
  if (sync != NULL)
    {
      self->sync = g_object_ref (sync);
      self->budget = g_object_ref (stint_sync_get_budget (sync));
      g_signal_connect_object (sync, "notify::requests-left", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "notify::last-sync", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->budget, "notify::paused-until", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
    }

  update (self);
}

/* What the page says about the quota, for tests. */
const char *
stint_preferences_account_status_get_requests_text (StintPreferencesAccountStatus *self)
{
  g_return_val_if_fail (STINT_IS_PREFERENCES_ACCOUNT_STATUS (self), NULL);

  return gtk_label_get_text (self->requests_label);
}

const char *
stint_preferences_account_status_get_last_sync_text (StintPreferencesAccountStatus *self)
{
  g_return_val_if_fail (STINT_IS_PREFERENCES_ACCOUNT_STATUS (self), NULL);

  return gtk_label_get_text (self->last_sync_label);
}
