/* stint-indicator.c: the tray item and its menu
 *
 * The menu is built once; state changes relabel and show or hide its items
 * in place. What changes with time alone (the label, the pomodoro, the
 * daily goal) is in stint-indicator-ticks.c: by default the label changes
 * only on minute boundaries of the running entry, so with the window
 * closed Stint wakes once a minute while tracking and never while idle.
 * The icon and the title, which also say how syncing goes, are in
 * stint-indicator-status.c. All Ayatana-specific code stays in these files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-indicator"

#include "config.h"

#include <glib/gi18n.h>
#include <libayatana-appindicator/app-indicator.h>

#include "stint-indicator-private.h"

enum {
  PROP_0,
  PROP_PANEL_LABEL,
  PROP_DAILY_GOAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CONNECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of StintPanelLabel. */
static const char * const panel_labels[] = { "minutes", "seconds", "none" };

G_DEFINE_FINAL_TYPE (StintIndicator, stint_indicator, G_TYPE_OBJECT)

/* Menu labels are mnemonic text on the dbusmenu wire: an underscore in a
 * description must be doubled or the panel would swallow it. */
static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/* Unchanged text is not sent again: with H:MM:SS this runs every second. */
void
stint_indicator_set_item_label (GtkWidget  *item,
                                const char *text)
{
  g_autofree char *escaped = escape_mnemonic (text);

  if (g_strcmp0 (gtk_menu_item_get_label (GTK_MENU_ITEM (item)), escaped) != 0)
    gtk_menu_item_set_label (GTK_MENU_ITEM (item), escaped);
}

char *
stint_indicator_describe_entry (StintIndicator *self,
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
update_running (StintIndicator *self)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);

  if (running != NULL)
    {
      g_autofree char *what = stint_indicator_describe_entry (self, running);

      stint_indicator_set_item_label (self->running_item, what);
      gtk_widget_show (self->running_item);
      gtk_menu_item_set_label (GTK_MENU_ITEM (self->toggle_item), _("_Stop"));
    }
  else
    {
      gtk_widget_hide (self->running_item);
      gtk_menu_item_set_label (GTK_MENU_ITEM (self->toggle_item), _("_Start"));
    }

  stint_indicator_update_status (self);
  stint_indicator_update_ticking (self);
}

static void
update_continue (StintIndicator *self)
{
  g_autoptr(GPtrArray) recent = NULL;

  recent = stint_tracker_get_distinct_recent (self->tracker, STINT_INDICATOR_CONTINUE_ITEMS);

  for (guint i = 0; i < STINT_INDICATOR_CONTINUE_ITEMS; i++)
    {
      GtkWidget *item = self->continue_items[i];

      if (i < recent->len)
        {
          StintEntry *entry = g_ptr_array_index (recent, i);
          g_autofree char *what = stint_indicator_describe_entry (self, entry);

          stint_indicator_set_item_label (item, what);
          g_object_set_data_full (G_OBJECT (item), "entry-id",
                                  g_memdup2 (&(gint64){ stint_entry_get_id (entry) }, sizeof (gint64)),
                                  g_free);
          gtk_widget_show (item);
        }
      else
        gtk_widget_hide (item);
    }

  gtk_widget_set_visible (self->continue_item, recent->len > 0);
}

static gboolean
on_refresh_idle (gpointer user_data)
{
  StintIndicator *self = user_data;

  self->refresh_idle_id = 0;
  update_continue (self);
  if (self->daily_goal > 0)
    stint_indicator_update_ticking (self);

  return G_SOURCE_REMOVE;
}

/**
 * stint_indicator_schedule_refresh:
 *
 * The recent entries changed: the Continue submenu and today's total follow
 * in one idle pass, however many entries a start, a stop, a pull or older
 * days loaded by the window changed at once.
 */
void
stint_indicator_schedule_refresh (StintIndicator *self)
{
  if (self->refresh_idle_id == 0)
    self->refresh_idle_id = g_idle_add (on_refresh_idle, self);
}

static void
on_recent_changed (StintIndicator *self,
                   guint           position,
                   guint           removed,
                   guint           added)
{
  stint_indicator_watch_entries (self, position, added);
  stint_indicator_schedule_refresh (self);
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
  stint_indicator_schedule_refresh (self);
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
  self->goal_item = add_item (self, self->menu, "", NULL);
  gtk_widget_set_sensitive (self->goal_item, FALSE);
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
  gtk_widget_hide (self->goal_item);
}

static void
stint_indicator_dispose (GObject *object)
{
  StintIndicator *self = (StintIndicator *)object;

  if (self->tracker != NULL)
    stint_indicator_stop_ticking (self);
  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);

  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_clear_object (&self->watched);
  g_clear_object (&self->indicator);
  if (self->menu != NULL)
    gtk_widget_destroy (self->menu);
  g_clear_object (&self->menu);
  g_clear_object (&self->nudges);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->tracker);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (stint_indicator_parent_class)->dispose (object);
}

static void
stint_indicator_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StintIndicator *self = STINT_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_PANEL_LABEL:
      g_value_set_string (value, panel_labels[self->label_mode]);
      break;
    case PROP_DAILY_GOAL:
      g_value_set_uint (value, self->daily_goal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_indicator_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StintIndicator *self = STINT_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_PANEL_LABEL:
      stint_indicator_set_panel_label (self, g_value_get_string (value));
      break;
    case PROP_DAILY_GOAL:
      stint_indicator_set_daily_goal (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_indicator_class_init (StintIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stint_indicator_dispose;
  object_class->get_property = stint_indicator_get_property;
  object_class->set_property = stint_indicator_set_property;

  properties[PROP_PANEL_LABEL] =
    g_param_spec_string ("panel-label", NULL, NULL, "minutes",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAILY_GOAL] =
    g_param_spec_uint ("daily-goal", NULL, NULL, 0, 24 * 3600, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StintIndicator::connection-changed:
   * @connected: whether a StatusNotifier watcher took the item
   *
   * The item was registered with the panel, or lost it (the panel
   * restarted): AppIndicator's signal of the same name, passed on.
   */
  signals[CONNECTION_CHANGED] =
    g_signal_new ("connection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
stint_indicator_init (StintIndicator *self)
{
  self->label_mode = STINT_PANEL_LABEL_MINUTES;
  self->shown_minute = -1;
}

static void
on_connection_changed (AppIndicator   *indicator,
                       gboolean        connected,
                       StintIndicator *self)
{
  g_signal_emit (self, signals[CONNECTION_CHANGED], 0, connected);
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
  self->indicator = app_indicator_new (APP_ID, STINT_INDICATOR_ICON_IDLE,
                                      APP_INDICATOR_CATEGORY_APPLICATION_STATUS);
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
  g_signal_connect_object (self->indicator, "connection-changed",
                           G_CALLBACK (on_connection_changed), self, 0);
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
    stint_indicator_set_item_label (self->problem_item, problem);
  gtk_widget_set_visible (self->problem_item, problem != NULL);
  stint_indicator_update_status (self);
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
                           G_CALLBACK (stint_indicator_update_ticking), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nudges, "notify::on-break",
                           G_CALLBACK (stint_indicator_update_ticking), self, G_CONNECT_SWAPPED);
  stint_indicator_update_ticking (self);
}

/**
 * stint_indicator_set_panel_label:
 * @panel_label: "minutes", "seconds" or "none" (see the "panel-label"
 *   setting); anything else reads as "minutes"
 */
void
stint_indicator_set_panel_label (StintIndicator *self,
                                 const char     *panel_label)
{
  StintPanelLabel mode = STINT_PANEL_LABEL_MINUTES;

  g_return_if_fail (STINT_IS_INDICATOR (self));

  for (guint i = 0; i < G_N_ELEMENTS (panel_labels); i++)
    if (g_strcmp0 (panel_label, panel_labels[i]) == 0)
      mode = (StintPanelLabel)i;

  if (self->label_mode == mode)
    return;

  self->label_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL_LABEL]);
  if (self->tracker != NULL)
    stint_indicator_update_ticking (self);
}

/**
 * stint_indicator_set_daily_goal:
 * @seconds: how long the user means to track a day; 0 for no goal
 */
void
stint_indicator_set_daily_goal (StintIndicator *self,
                                guint           seconds)
{
  GListModel *recent;

  g_return_if_fail (STINT_IS_INDICATOR (self));

  seconds = MIN (seconds, 24 * 3600);
  if (self->daily_goal == seconds)
    return;

  self->daily_goal = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAILY_GOAL]);
  if (self->tracker == NULL)
    return;

  recent = stint_tracker_get_recent (self->tracker);
  stint_indicator_watch_entries (self, 0, g_list_model_get_n_items (recent));
  stint_indicator_update_ticking (self);
}
