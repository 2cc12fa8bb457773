/* bench-probe.h: what the benchmark's measuring tool shares between its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 rss_kb;
  guint64 pss_kb;
  guint64 uss_kb;   /* private clean + private dirty: what only this process holds */
} ProbeMemory;

/* bench-probe.c */
double           probe_ms_since          (gint64            start_usec);
GPid             probe_spawn             (char            **argv,
                                          const char       *log_path);
gboolean         probe_read_memory       (GPid              pid,
                                          ProbeMemory      *memory);
void             probe_read_schedstat    (GPid              pid,
                                          double           *cpu_ms,
                                          double           *wait_ms);
gboolean         probe_wait_idle         (GPid              pid,
                                          guint             settle_ms,
                                          guint             timeout_ms);
gboolean         probe_iterate_until     (const gboolean   *done,
                                          guint             timeout_ms);
void             probe_die               (const char       *format,
                                          ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;

/* bench-probe-tray.c: the StatusNotifier item and its dbusmenu */
typedef struct
{
  char *bus_name;
  char *path;
  char *menu_path;
  GPid  pid;
} ProbeItem;

void             probe_item_clear        (ProbeItem        *item);
GDBusConnection *probe_bus               (void);
GPid             probe_bus_name_pid      (GDBusConnection  *bus,
                                          const char       *name);
gboolean         probe_find_item         (GDBusConnection  *bus,
                                          const char       *id,
                                          ProbeItem        *item,
                                          GError          **error);
gint32           probe_find_menu_item    (GDBusConnection  *bus,
                                          ProbeItem        *item,
                                          const char       *label);
void             probe_click             (GDBusConnection  *bus,
                                          ProbeItem        *item,
                                          gint32            menu_id);

int              probe_cmd_label         (int               argc,
                                          char            **argv);

/* bench-probe-window.c */
int              probe_cmd_window        (int               argc,
                                          char            **argv);

G_END_DECLS
