/* stint-test-ui-utils.c: helpers shared by the tests of real widgets
 *
 * Widgets are found the way a screen reader and the e2e tests find them:
 * by their role (type) and accessible name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-test"

#include "config.h"

#include "stint-test-ui-utils.h"
#include "app/stint-application-private.h"

/**
 * stint_test_init_gtk:
 *
 * g_test_init() and gtk_init() for a test inside build-aux/desktop-session,
 * with the settings in memory. Not stint_test_init(): isolated XDG folders
 * would hide the MIME database GTK's image loaders need, and the session
 * gives this process private XDG folders already.
 */
void
stint_test_init_gtk (int    *argc,
                     char ***argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (argc, argv, NULL);
  gtk_init (argc, argv);
}

/**
 * stint_test_application_new:
 * @settings: the application's settings, in memory
 *
 * Returns: (transfer full): the real application, registered, with the
 *   nudges that would speak up meanwhile (reminders, long timers) off
 */
StintApplication *
stint_test_application_new (GSettings *settings)
{
  StintApplication *app;

  g_settings_set_boolean (settings, "reminder-enabled", FALSE);
  g_settings_set_boolean (settings, "long-timer-enabled", FALSE);

  app = stint_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_assert_nonnull (stint_application_get_tracker (app));
  /* What the first idle moment of the main loop would set up after the
   * tray: tests look at the account and the nudges straight away. */
  stint_application_finish_startup (app);

  return app;
}

/**
 * stint_test_find_widget:
 * @name: (nullable): the accessible name, or %NULL for any widget of @type
 *
 * Returns: (transfer none) (nullable): the first widget of @type under
 *   @root, @root included, named @name
 */
GtkWidget *
stint_test_find_widget (GtkWidget  *root,
                        GType       type,
                        const char *name)
{
  g_autoptr(GList) children = NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (atk_object_get_name (gtk_widget_get_accessible (root)), name) == 0))
    return root;
  if (!GTK_IS_CONTAINER (root))
    return NULL;

  children = gtk_container_get_children (GTK_CONTAINER (root));
  for (GList *l = children; l != NULL; l = l->next)
    {
      GtkWidget *found = stint_test_find_widget (l->data, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Like stint_test_find_widget(), for a widget that must be there. */
GtkWidget *
stint_test_named (GtkWidget  *root,
                  GType       type,
                  const char *name)
{
  GtkWidget *widget = stint_test_find_widget (root, type, name);

  if (widget == NULL)
    g_error ("No %s named “%s”", g_type_name (type), name);
  return widget;
}

/* Clicks the button named @name under @root, which must be there and
 * sensitive, and runs what the click set off. */
void
stint_test_click (GtkWidget  *root,
                  const char *name)
{
  GtkWidget *button = stint_test_named (root, GTK_TYPE_BUTTON, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_button_clicked (GTK_BUTTON (button));
  stint_test_flush ();
}
