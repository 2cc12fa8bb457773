/* stint-project-dot.c: the small disc in a project's colour
 *
 * The one place Stint draws a colour of its own: the project's, as Toggl
 * shows it everywhere, so people recognise their projects at a glance.
 * Everything else takes its colours from the theme.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-project-dot"

#include "config.h"

#include "stint-project-dot.h"

/* Projects without a colour of their own (made offline, or an old API). */
#define FALLBACK_COLOR "#9a9996"

struct _StintProjectDot
{
  GtkDrawingArea  parent_instance;

  GdkRGBA         color;
};

G_DEFINE_FINAL_TYPE (StintProjectDot, stint_project_dot, GTK_TYPE_DRAWING_AREA)

static gboolean
stint_project_dot_draw (GtkWidget *widget,
                        cairo_t   *cr)
{
  StintProjectDot *self = STINT_PROJECT_DOT (widget);
  double w = gtk_widget_get_allocated_width (widget);
  double h = gtk_widget_get_allocated_height (widget);

  /* Cairo draws in device pixels scaled by GTK, so the disc stays round
   * and sharp at any scale factor. */
  gdk_cairo_set_source_rgba (cr, &self->color);
  cairo_arc (cr, w / 2, h / 2, MIN (w, h) / 2, 0, 2 * G_PI);
  cairo_fill (cr);

  return GDK_EVENT_STOP;
}

static void
stint_project_dot_class_init (StintProjectDotClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->draw = stint_project_dot_draw;
}

static void
stint_project_dot_init (StintProjectDot *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), 8, 8);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gdk_rgba_parse (&self->color, FALLBACK_COLOR);
}

GtkWidget *
stint_project_dot_new (void)
{
  return g_object_new (STINT_TYPE_PROJECT_DOT, NULL);
}

/* @color: "#rrggbb", or %NULL for the neutral grey */
void
stint_project_dot_set_color (StintProjectDot *self,
                             const char      *color)
{
  g_return_if_fail (STINT_IS_PROJECT_DOT (self));

  if (color == NULL || !gdk_rgba_parse (&self->color, color))
    gdk_rgba_parse (&self->color, FALLBACK_COLOR);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
