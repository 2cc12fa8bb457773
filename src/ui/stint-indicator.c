/* stint-indicator.c: the tray item and its menu
 *
 * The menu is built once; state changes relabel and show or hide its items
 * in place. The label changes only on minute boundaries of the running
 * entry, so with the window closed Stint wakes once a minute while
 * tracking and never while idle. All Ayatana-specific code stays here.
 *
 * A pomodoro's time left rides on the same tick: while tracking the work
 * period began with the entry (or with a Continue, then the count may lag
 * by under a minute); during a break, with nothing running, the tick falls
 * on whole minutes before the break's end instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-indicator"

#include "config.h"

#include <glib/gi18n.h>
#include <libayatana-appindicator/app-indicator.h>

#include "stint-indicator-private.h"
#include "util/stint-duration.h"

#define ICON_TRACKING APP_ID "-tracking-symbolic"
#define ICON_IDLE     APP_ID "-idle-symbolic"

struct _StintIndicator
{
  GObject        parent_instance;

  StintTracker  *tracker;
  GActionGroup  *actions;
  StintNudges   *nudges;         /* for the pomodoro's time left; may be NULL */
  StintEntry    *watched;        /* the running entry whose fields we show */
  AppIndicator  *indicator;

  GtkWidget     *menu;
  GtkWidget     *problem_item;
  GtkWidget     *running_item;
  GtkWidget     *pomodoro_item;
  GtkWidget     *toggle_item;
  GtkWidget     *continue_item;
  GtkWidget     *continue_items[STINT_INDICATOR_CONTINUE_ITEMS];

  guint          minute_id;
  guint          continue_idle_id;
  char          *problem;        /* an account problem the user must act on */
};

G_DEFINE_FINAL_TYPE (StintIndicator, stint_indicator, G_TYPE_OBJECT)

static void schedule_minute (StintIndicator *self);

/* Menu labels are mnemonic text on the dbusmenu wire: an underscore in a
 * description must be doubled or the panel would swallow it. */
static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
set_item_label (GtkWidget  *item,
                const char *text)
{
  g_autofree char *escaped = escape_mnemonic (text);

  gtk_menu_item_set_label (GTK_MENU_ITEM (item), escaped);
}

static char *
describe_entry (StintIndicator *self,
                StintEntry     *entry)
{
  StintProject *project = stint_tracker_lookup_project (self->tracker,
                                                        stint_entry_get_project_id (entry));
  const char *description = stint_entry_get_description (entry);

  if (*description == '\0')
    description = _("No description");

  if (project != NULL)
    /* Translators: an entry's description and its project */
    return g_strdup_printf (_("%s — %s"), description, stint_project_get_name (project));

  return g_strdup (description);
}

static void
update_label (StintIndicator *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  StintClock *clock = stint_tracker_get_clock (self->tracker);
  g_autofree char *label = NULL;

  if (running != NULL)
    label = stint_format_hmm (stint_entry_get_duration (running, stint_clock_now (clock)));

  /* The guide reserves the width of a long day, so the panel does not
   * shift each time the hours gain a digit. */
  app_indicator_set_label (self->indicator, label != NULL ? label : "", "00:00");
}

static gint64
pomodoro_due (StintIndicator *self)
{
  return self->nudges != NULL ? stint_nudges_get_pomodoro_due (self->nudges) : 0;
}

static void
update_pomodoro (StintIndicator *self)
{
  StintClock *clock = stint_tracker_get_clock (self->tracker);
  gint64 due = pomodoro_due (self);
  g_autofree char *text = NULL;
  int minutes;

  gtk_widget_set_visible (self->pomodoro_item, due != 0);
  if (due == 0)
    return;

  /* Rounded up, so the last minute reads "1 min", never "0 min". */
  minutes = (int)MAX ((due - stint_clock_now (clock) + 59) / 60, 1);
  if (stint_nudges_get_on_break (self->nudges))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Break: %d min left",
                                         "Break: %d min left", minutes), minutes);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pomodoro: %d min left",
                                         "Pomodoro: %d min left", minutes), minutes);
  set_item_label (self->pomodoro_item, text);
}

static gboolean
on_minute (gpointer user_data)
{
  StintIndicator *self = user_data;

  self->minute_id = 0;
  update_label (self);
  update_pomodoro (self);
  schedule_minute (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_minute (StintIndicator *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  StintClock *clock = stint_tracker_get_clock (self->tracker);

  if (self->minute_id != 0)
    {
      stint_clock_source_remove (clock, self->minute_id);
      self->minute_id = 0;
    }

  if (running == NULL)
    {
      gint64 left = pomodoro_due (self) * G_USEC_PER_SEC - stint_clock_now_usec (clock);
      gint64 minute = 60 * G_USEC_PER_SEC;

      /* A break: nothing runs, but its minutes count down. */
      if (left > 0)
        self->minute_id = stint_clock_timeout_add (clock, left % minute != 0 ? left % minute : minute,
                                                   on_minute, self, NULL);
      return;
    }

  self->minute_id =
    stint_clock_timeout_add (clock,
                             stint_usec_until_next_minute (stint_entry_get_start (running),
                                                           stint_clock_now_usec (clock)),
                             on_minute, self, NULL);
}

static void
update_running (StintIndicator *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);

  if (running != NULL)
    {
      g_autofree char *what = describe_entry (self, running);

      set_item_label (self->running_item, what);
      gtk_widget_show (self->running_item);
      gtk_menu_item_set_label (GTK_MENU_ITEM (self->toggle_item), _("_Stop"));
      app_indicator_set_icon_full (self->indicator, ICON_TRACKING, _("Tracking"));
      app_indicator_set_title (self->indicator, self->problem != NULL ? self->problem : what);
    }
  else
    {
      gtk_widget_hide (self->running_item);
      gtk_menu_item_set_label (GTK_MENU_ITEM (self->toggle_item), _("_Start"));
      app_indicator_set_icon_full (self->indicator, ICON_IDLE, _("Not tracking"));
      app_indicator_set_title (self->indicator, self->problem != NULL
                                                ? self->problem : _("Stint — not tracking"));
    }

  update_label (self);
  update_pomodoro (self);
  schedule_minute (self);
}

static void
on_pomodoro_changed (StintIndicator *self)
{
  update_pomodoro (self);
  schedule_minute (self);
}

static gboolean
update_continue (gpointer user_data)
{
  StintIndicator *self = user_data;
  g_autoptr(GPtrArray) recent = NULL;

  self->continue_idle_id = 0;
  recent = stint_tracker_get_distinct_recent (self->tracker, STINT_INDICATOR_CONTINUE_ITEMS);

  for (guint i = 0; i < STINT_INDICATOR_CONTINUE_ITEMS; i++)
    {
      GtkWidget *item = self->continue_items[i];

      if (i < recent->len)
        {
          StintEntry *entry = g_ptr_array_index (recent, i);
          g_autofree char *what = describe_entry (self, entry);

          set_item_label (item, what);
          g_object_set_data_full (G_OBJECT (item), "entry-id",
                                  g_memdup2 (&(gint64){ stint_entry_get_id (entry) }, sizeof (gint64)),
                                  g_free);
          gtk_widget_show (item);
        }
      else
        gtk_widget_hide (item);
    }

  gtk_widget_set_visible (self->continue_item, recent->len > 0);

  return G_SOURCE_REMOVE;
}

/* Stopping or starting changes the running entry and the recent list in one
 * go; one idle pass relabels the submenu once. */
static void
schedule_continue (StintIndicator *self)
{
  if (self->continue_idle_id == 0)
    self->continue_idle_id = g_idle_add (update_continue, self);
}

static void
on_recent_changed (StintIndicator *self)
{
  schedule_continue (self);
}

static void
on_watched_changed (StintIndicator *self)
{
  update_running (self);
}

static void
on_running_changed (StintIndicator *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);

  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_set_object (&self->watched, running);
  if (running != NULL)
    {
      g_signal_connect_object (running, "notify::description",
                               G_CALLBACK (on_watched_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (running, "notify::project-id",
                               G_CALLBACK (on_watched_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (running, "notify::start",
                               G_CALLBACK (on_watched_changed), self, G_CONNECT_SWAPPED);
    }

  update_running (self);
  schedule_continue (self);
}

static void
on_item_activate (GtkMenuItem    *item,
                  StintIndicator *self)
{
  const char *action = g_object_get_data (G_OBJECT (item), "action");
  gint64 *entry_id = g_object_get_data (G_OBJECT (item), "entry-id");

  if (entry_id != NULL)
    g_action_group_activate_action (self->actions, action, g_variant_new_int64 (*entry_id));
  else
    g_action_group_activate_action (self->actions, action, NULL);
}

static GtkWidget *
add_item (StintIndicator *self,
          GtkWidget      *menu,
          const char     *label,
          const char     *action)
{
  GtkWidget *item = gtk_menu_item_new_with_mnemonic (label);

  if (action != NULL)
    {
      g_object_set_data (G_OBJECT (item), "action", (gpointer)action);
      g_signal_connect (item, "activate", G_CALLBACK (on_item_activate), self);
    }
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), item);
  gtk_widget_show (item);

  return item;
}

static void
build_menu (StintIndicator *self)
{
  GtkWidget *submenu;

  self->menu = g_object_ref_sink (gtk_menu_new ());

  self->problem_item = add_item (self, self->menu, "", "preferences");
  self->running_item = add_item (self, self->menu, "", NULL);
  gtk_widget_set_sensitive (self->running_item, FALSE);
  self->pomodoro_item = add_item (self, self->menu, "", NULL);
  gtk_widget_set_sensitive (self->pomodoro_item, FALSE);
  self->toggle_item = add_item (self, self->menu, _("_Start"), "toggle");

  self->continue_item = add_item (self, self->menu, _("_Continue"), NULL);
  submenu = gtk_menu_new ();
  gtk_menu_item_set_submenu (GTK_MENU_ITEM (self->continue_item), submenu);
  for (guint i = 0; i < STINT_INDICATOR_CONTINUE_ITEMS; i++)
    self->continue_items[i] = add_item (self, submenu, "", "continue");

  gtk_menu_shell_append (GTK_MENU_SHELL (self->menu), gtk_separator_menu_item_new ());
  add_item (self, self->menu, _("_Open Stint"), "show");
  add_item (self, self->menu, _("_Preferences"), "preferences");
  add_item (self, self->menu, _("_Quit"), "quit");
  gtk_widget_show_all (self->menu);
  gtk_widget_hide (self->problem_item);
  gtk_widget_hide (self->pomodoro_item);
}

static void
stint_indicator_dispose (GObject *object)
{
  StintIndicator *self = (StintIndicator *)object;

  if (self->minute_id != 0)
    stint_clock_source_remove (stint_tracker_get_clock (self->tracker), self->minute_id);
  self->minute_id = 0;
  g_clear_handle_id (&self->continue_idle_id, g_source_remove);

  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_clear_object (&self->watched);
  g_clear_object (&self->indicator);
  if (self->menu != NULL)
    gtk_widget_destroy (self->menu);
  g_clear_object (&self->menu);
  g_clear_object (&self->nudges);
  g_clear_object (&self->tracker);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (stint_indicator_parent_class)->dispose (object);
}

static void
stint_indicator_class_init (StintIndicatorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = stint_indicator_dispose;
}

static void
stint_indicator_init (StintIndicator *self)
{
}

/**
 * stint_indicator_new:
 * @icon_theme_path: (nullable): where to find our icons when they are not
 *   installed in the icon theme (running from the build tree)
 */
StintIndicator *
stint_indicator_new (StintTracker *tracker,
                     GActionGroup *actions,
                     const char   *icon_theme_path)
{
  StintIndicator *self;

  g_return_val_if_fail (STINT_IS_TRACKER (tracker), NULL);
  g_return_val_if_fail (G_IS_ACTION_GROUP (actions), NULL);

  self = g_object_new (STINT_TYPE_INDICATOR, NULL);
  self->tracker = g_object_ref (tracker);
  self->actions = g_object_ref (actions);

  /* Deprecated in Ayatana 0.5.94 for a GLib-only successor that Debian 12
   * does not ship; fenced here, the one place it is called. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  self->indicator = app_indicator_new (APP_ID, ICON_IDLE, APP_INDICATOR_CATEGORY_APPLICATION_STATUS);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (icon_theme_path != NULL && *icon_theme_path != '\0')
    app_indicator_set_icon_theme_path (self->indicator, icon_theme_path);

  build_menu (self);
  app_indicator_set_menu (self->indicator, GTK_MENU (self->menu));
  app_indicator_set_secondary_activate_target (self->indicator, self->toggle_item);

  g_signal_connect_object (tracker, "notify::running",
                           G_CALLBACK (on_running_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (stint_tracker_get_recent (tracker), "items-changed",
                           G_CALLBACK (on_recent_changed), self, G_CONNECT_SWAPPED);

  on_running_changed (self);
  update_continue (self);
  app_indicator_set_status (self->indicator, APP_INDICATOR_STATUS_ACTIVE);

  return self;
}

AppIndicator *
stint_indicator_get_app_indicator (StintIndicator *self)
{
  g_return_val_if_fail (STINT_IS_INDICATOR (self), NULL);
  return self->indicator;
}

GtkMenu *
stint_indicator_get_menu (StintIndicator *self)
{
  g_return_val_if_fail (STINT_IS_INDICATOR (self), NULL);
  return GTK_MENU (self->menu);
}

/**
 * stint_indicator_set_problem:
 * @problem: (nullable): a sentence about the account that needs the user
 *   (signed out), or %NULL when all is well
 *
 * The title says it instead of the running entry, because changes are not
 * reaching the account; the first menu item says it too and opens
 * Preferences.
 */
void
stint_indicator_set_problem (StintIndicator *self,
                             const char     *problem)
{
  g_return_if_fail (STINT_IS_INDICATOR (self));

  if (g_strcmp0 (self->problem, problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);

  if (problem != NULL)
    set_item_label (self->problem_item, problem);
  gtk_widget_set_visible (self->problem_item, problem != NULL);
  update_running (self);
}

/**
 * stint_indicator_set_nudges:
 * @nudges: the pomodoro to show the time left of
 *
 * A menu item says how long the work period or break has left, while one
 * counts.
 */
void
stint_indicator_set_nudges (StintIndicator *self,
                            StintNudges    *nudges)
{
  g_return_if_fail (STINT_IS_INDICATOR (self));
  g_return_if_fail (STINT_IS_NUDGES (nudges));
  g_return_if_fail (self->nudges == NULL);

  self->nudges = g_object_ref (nudges);
  g_signal_connect_object (nudges, "notify::pomodoro-due",
                           G_CALLBACK (on_pomodoro_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nudges, "notify::on-break",
                           G_CALLBACK (on_pomodoro_changed), self, G_CONNECT_SWAPPED);
  on_pomodoro_changed (self);
}
