/* stint-a11y.c: accessible names GTK leaves out
 *
 * A screen reader (and a test) finds a control by its name; GTK 3 gives
 * some of its own internal buttons none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-a11y"

#include "config.h"

#include "stint-a11y.h"

static void
find_icon_button (GtkWidget *widget,
                  gpointer   user_data)
{
  GtkWidget **found = user_data;

  if (*found != NULL)
    return;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL)
    {
      *found = widget;
      return;
    }

  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), find_icon_button, user_data);
}

/**
 * stint_a11y_name_close_button:
 * @name: what the close button does here ("Dismiss", "Close")
 *
 * The close button GtkInfoBar adds for :show-close-button is an icon with
 * no accessible name. It is the only button without a label outside the
 * bar's content area.
 */
void
stint_a11y_name_close_button (GtkInfoBar *bar,
                              const char *name)
{
  GtkWidget *content = gtk_info_bar_get_content_area (bar);
  GtkWidget *found = NULL;
  g_autoptr(GList) children = NULL;

  g_return_if_fail (GTK_IS_INFO_BAR (bar));

  /* Look beside the content area, where our own buttons are, not in it. */
  children = gtk_container_get_children (GTK_CONTAINER (gtk_widget_get_parent (content)));
  for (GList *l = children; l != NULL && found == NULL; l = l->next)
    if (l->data != content)
      find_icon_button (l->data, &found);

  if (found != NULL)
    {
      atk_object_set_name (gtk_widget_get_accessible (found), name);
      gtk_widget_set_tooltip_text (found, name);
    }
}
