/* bench-probe-tray.c: StatusNotifier items, their dbusmenu, and the label timing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-bench-probe"

#include <stdlib.h>

#include "bench-probe.h"

#define CALL_TIMEOUT_MS 5000

void
probe_item_clear (ProbeItem *item)
{
  g_clear_pointer (&item->bus_name, g_free);
  g_clear_pointer (&item->path, g_free);
  g_clear_pointer (&item->menu_path, g_free);
}

GDBusConnection *
probe_bus (void)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);

  if (bus == NULL)
    probe_die ("no session bus: %s", error->message);

  return bus;
}

GPid
probe_bus_name_pid (GDBusConnection *bus,
                    const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  guint32 pid = 0;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(u)", &pid);

  return (GPid)pid;
}

static GVariant *
get_all_item_properties (GDBusConnection *bus,
                         const char      *name,
                         const char      *path)
{
  g_autoptr(GVariant) reply = NULL;
  GVariant *props = NULL;

  reply = g_dbus_connection_call_sync (bus, name, path, "org.freedesktop.DBus.Properties", "GetAll",
                                       g_variant_new ("(s)", "org.kde.StatusNotifierItem"),
                                       G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE,
                                       CALL_TIMEOUT_MS, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(@a{sv})", &props);

  return props;
}

/* The registered item whose Id property is @id. */
gboolean
probe_find_item (GDBusConnection  *bus,
                 const char       *id,
                 ProbeItem        *item,
                 GError          **error)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) services = NULL;
  GVariantIter iter;
  const char *service;

  reply = g_dbus_connection_call_sync (bus, "org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher",
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", "org.kde.StatusNotifierWatcher",
                                                      "RegisteredStatusNotifierItems"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE,
                                       CALL_TIMEOUT_MS, NULL, error);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(v)", &services);

  g_variant_iter_init (&iter, services);
  while (g_variant_iter_next (&iter, "&s", &service))
    {
      const char *slash = strchr (service, '/');
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GVariant) props = NULL;
      const char *item_id = NULL;
      const char *menu_path = NULL;

      if (slash == service)
        continue;
      name = slash != NULL ? g_strndup (service, slash - service) : g_strdup (service);
      path = g_strdup (slash != NULL ? slash : "/StatusNotifierItem");

      props = get_all_item_properties (bus, name, path);
      if (props == NULL ||
          !g_variant_lookup (props, "Id", "&s", &item_id) ||
          !g_str_equal (item_id, id) ||
          !g_variant_lookup (props, "Menu", "&o", &menu_path))
        continue;

      item->bus_name = g_steal_pointer (&name);
      item->path = g_steal_pointer (&path);
      item->menu_path = g_strdup (menu_path);
      item->pid = probe_bus_name_pid (bus, item->bus_name);
      return TRUE;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no StatusNotifier item with Id %s", id);
  return FALSE;
}

/* "_Open Stint" as the user reads it: mnemonic underscores dropped, "__" kept as "_". */
static char *
plain_label (const char *label)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        g_string_append_c (plain, *p++);
      else if (*p != '_')
        g_string_append_c (plain, *p);
    }

  return g_string_free (plain, FALSE);
}

static gint32
find_in_layout (GVariant   *node,
                const char *label)
{
  g_autoptr(GVariant) props = NULL;
  g_autoptr(GVariant) children = NULL;
  const char *text = NULL;
  gint32 id;
  GVariantIter iter;
  GVariant *child;

  g_variant_get (node, "(i@a{sv}@av)", &id, &props, &children);
  if (g_variant_lookup (props, "label", "&s", &text))
    {
      g_autofree char *plain = plain_label (text);

      if (g_str_equal (plain, label))
        return id;
    }

  g_variant_iter_init (&iter, children);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) boxed = child;
      g_autoptr(GVariant) inner = g_variant_get_variant (boxed);
      gint32 found = find_in_layout (inner, label);

      if (found >= 0)
        return found;
    }

  return -1;
}

/* The dbusmenu id of the entry labelled @label, or -1. */
gint32
probe_find_menu_item (GDBusConnection *bus,
                      ProbeItem       *item,
                      const char      *label)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) root = NULL;
  guint32 revision;

  g_dbus_connection_call_sync (bus, item->bus_name, item->menu_path, "com.canonical.dbusmenu",
                               "AboutToShow", g_variant_new ("(i)", 0), NULL,
                               G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS, NULL, NULL);
  reply = g_dbus_connection_call_sync (bus, item->bus_name, item->menu_path,
                                       "com.canonical.dbusmenu", "GetLayout",
                                       g_variant_new ("(iias)", 0, -1, NULL),
                                       G_VARIANT_TYPE ("(u(ia{sv}av))"), G_DBUS_CALL_FLAGS_NONE,
                                       CALL_TIMEOUT_MS, NULL, NULL);
  if (reply == NULL)
    return -1;
  g_variant_get (reply, "(u@(ia{sv}av))", &revision, &root);

  return find_in_layout (root, label);
}

/* A click as a panel sends it. Asynchronous: the caller times what follows. */
void
probe_click (GDBusConnection *bus,
             ProbeItem       *item,
             gint32           menu_id)
{
  g_dbus_connection_call (bus, item->bus_name, item->menu_path, "com.canonical.dbusmenu", "Event",
                          g_variant_new ("(isvu)", menu_id, "clicked", g_variant_new_int32 (0),
                                         (guint32)(g_get_real_time () / G_USEC_PER_SEC)),
                          NULL, G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS, NULL, NULL, NULL);
}

/* ------------------------------------------------------------------ label */

typedef struct
{
  gint64    clicked_at;
  double    ms;
  char     *label;
  gboolean  done;
} LabelWait;

static void
on_new_label (GDBusConnection *bus,
              const char      *sender,
              const char      *path,
              const char      *interface,
              const char      *signal,
              GVariant        *parameters,
              gpointer         user_data)
{
  LabelWait *wait = user_data;

  if (wait->done || wait->clicked_at == 0)
    return;

  wait->ms = probe_ms_since (wait->clicked_at);
  g_variant_get (parameters, "(ss)", &wait->label, NULL);
  wait->done = TRUE;
}

int
probe_cmd_label (int    argc,
                 char **argv)
{
  int count = 10;
  int settle_ms = 300;
  const GOptionEntry options[] = {
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Clicks on each item (10)", "N" },
    { "settle", 0, 0, G_OPTION_ARG_INT, &settle_ms, "Idle time between clicks (300)", "MS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("ID…");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree ProbeItem *items = NULL;
  g_autofree gint32 *toggles = NULL;
  g_autofree LabelWait *waits = NULL;
  g_autofree guint *subscriptions = NULL;
  guint n;

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    probe_die ("%s", error->message);
  if (argc < 2)
    probe_die ("label: no item Id given");

  bus = probe_bus ();
  n = argc - 1;
  items = g_new0 (ProbeItem, n);
  toggles = g_new (gint32, n);
  waits = g_new0 (LabelWait, n);
  subscriptions = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    {
      if (!probe_find_item (bus, argv[i + 1], &items[i], &error))
        probe_die ("%s", error->message);

      /* The entry keeps its dbusmenu id while its label flips. */
      toggles[i] = probe_find_menu_item (bus, &items[i], "Start");
      if (toggles[i] < 0)
        toggles[i] = probe_find_menu_item (bus, &items[i], "Stop");
      if (toggles[i] < 0)
        probe_die ("%s has no Start or Stop in its menu", argv[i + 1]);

      subscriptions[i] = g_dbus_connection_signal_subscribe (bus, items[i].bus_name,
                                                             "org.kde.StatusNotifierItem",
                                                             "XAyatanaNewLabel", items[i].path,
                                                             NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                             on_new_label, &waits[i], NULL);
    }
  probe_bus_name_pid (bus, "org.freedesktop.DBus");

  /* Round-robin over the items, so noise on the machine hits each alike. */
  for (int round = 0; round < count; round++)
    for (guint i = 0; i < n; i++)
      {
        LabelWait *wait = &waits[i];

        probe_wait_idle (items[i].pid, settle_ms, 10000);
        g_clear_pointer (&wait->label, g_free);
        wait->done = FALSE;
        wait->clicked_at = g_get_monotonic_time ();
        probe_click (bus, &items[i], toggles[i]);
        if (!probe_iterate_until (&wait->done, 5000))
          probe_die ("%s: no new label within 5 s of a click", argv[i + 1]);

        g_print ("%s %s %.2f\n", argv[i + 1], *wait->label != '\0' ? "start" : "stop", wait->ms);
        wait->clicked_at = 0;
      }

  for (guint i = 0; i < n; i++)
    {
      g_dbus_connection_signal_unsubscribe (bus, subscriptions[i]);
      g_clear_pointer (&waits[i].label, g_free);
      probe_item_clear (&items[i]);
    }

  return EXIT_SUCCESS;
}
