/* floor.c: the cheapest tray app GTK 3 and Ayatana allow
 *
 * The benchmark's yardstick: an icon, a label and a three-item menu, with
 * nothing behind them. Whatever Stint costs beyond this program is Stint's
 * own. It shows Stint's idle icon (found the way Stint finds it, through
 * STINT_ICON_DIR when run from the build tree) and a static "0:00" label.
 * Its first item toggles the label between "0:00" and nothing, the way
 * Stint's Start and Stop do, so that the latency from a menu click to the
 * new label has a floor too. It never wakes up on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-bench-floor"

#include <gtk/gtk.h>
#include <libayatana-appindicator/app-indicator.h>

#define FLOOR_ID   "io.github.stintapp.StintBenchFloor"
#define FLOOR_ICON "io.github.stintapp.Stint-idle-symbolic"

typedef struct
{
  AppIndicator *indicator;
  gboolean      shown;
} Floor;

static void
on_toggle (GtkMenuItem *item,
           Floor       *floor)
{
  floor->shown = !floor->shown;
  app_indicator_set_label (floor->indicator, floor->shown ? "0:00" : "", "00:00");
  gtk_menu_item_set_label (item, floor->shown ? "_Stop" : "_Start");
}

static GtkWidget *
add_item (GtkWidget  *menu,
          const char *label)
{
  GtkWidget *item = gtk_menu_item_new_with_mnemonic (label);

  gtk_menu_shell_append (GTK_MENU_SHELL (menu), item);
  return item;
}

int
main (int   argc,
      char *argv[])
{
  Floor floor = { NULL, TRUE };
  const char *icon_dir = g_getenv ("STINT_ICON_DIR");
  GtkWidget *menu;
  GtkWidget *item;

  gtk_init (&argc, &argv);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  floor.indicator = app_indicator_new (FLOOR_ID, FLOOR_ICON,
                                       APP_INDICATOR_CATEGORY_APPLICATION_STATUS);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (icon_dir != NULL && *icon_dir != '\0')
    app_indicator_set_icon_theme_path (floor.indicator, icon_dir);

  menu = gtk_menu_new ();
  item = add_item (menu, "_Stop");
  g_signal_connect (item, "activate", G_CALLBACK (on_toggle), &floor);
  add_item (menu, "_Open");
  item = add_item (menu, "_Quit");
  g_signal_connect (item, "activate", G_CALLBACK (gtk_main_quit), NULL);
  gtk_widget_show_all (menu);

  app_indicator_set_menu (floor.indicator, GTK_MENU (menu));
  app_indicator_set_title (floor.indicator, "Stint floor");
  app_indicator_set_label (floor.indicator, "0:00", "00:00");
  app_indicator_set_status (floor.indicator, APP_INDICATOR_STATUS_ACTIVE);

  gtk_main ();

  g_object_unref (floor.indicator);

  return 0;
}
