/* bench-probe.c: the benchmark's measuring tool, run inside the headless session
 *
 *   stint-bench-probe start [--log FILE] [--settle MS] -- COMMAND [ARGS…]
 *       Starts COMMAND and prints, on one line, the milliseconds from the
 *       exec to the StatusNotifierWatcher's StatusNotifierItemRegistered
 *       signal for it, the CPU time it used until then and the time it
 *       spent waiting for a CPU, then its memory once it has gone idle;
 *       stops it (SIGTERM) and returns once its bus connection is gone.
 *   stint-bench-probe label [--count N] ID…
 *       Clicks each item's Start/Stop menu entry over dbusmenu, in turn, and
 *       prints the milliseconds until its XAyatanaNewLabel signal.
 *   stint-bench-probe window [--count N] [--command CMD] [--keep-last] ID
 *       Clicks "Open Stint" (or runs CMD, such as "stint --show", for every
 *       other window) and prints the milliseconds until the new X window is
 *       mapped and until its first frame is drawn (XDamage), the memory with
 *       it open, and after closing it, how long the program stayed busy and
 *       the memory it kept.
 *   stint-bench-probe wakeups SECONDS PID…
 *       Voluntary and involuntary context switches of every thread of each
 *       process over SECONDS.
 *   stint-bench-probe idle [--settle MS] PID…
 *       Returns once each process has used no CPU for MS.
 *
 * Everything is timed with the monotonic clock, from inside one process that
 * is already subscribed to the signal it waits for: no polling stands between
 * the event and its timestamp.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-bench-probe"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-probe.h"

extern char **environ;

void
probe_die (const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  fprintf (stderr, "stint-bench-probe: ");
  vfprintf (stderr, format, args);
  fprintf (stderr, "\n");
  va_end (args);
  exit (EXIT_FAILURE);
}

double
probe_ms_since (gint64 start_usec)
{
  return (g_get_monotonic_time () - start_usec) / 1000.0;
}

static gboolean
on_iterate_timeout (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the default main context until *done, or for at most timeout_ms. */
gboolean
probe_iterate_until (const gboolean *done,
                     guint           timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, on_iterate_timeout, &expired);

  while (!*done && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);

  return *done;
}

/* User plus system time of all the process's threads, in clock ticks. */
static gint64
cpu_ticks (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;

  /* The command name may hold spaces and parentheses; fields resume after
   * the last ')'. utime and stime are fields 14 and 15, 12 and 13 here. */
  after_name = strrchr (text, ')');
  if (after_name == NULL)
    return -1;
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return -1;

  return g_ascii_strtoll (fields[11], NULL, 10) + g_ascii_strtoll (fields[12], NULL, 10);
}

/* Waits until the process has used no CPU for settle_ms (the clock ticks
 * every 10 ms, so "none" is under a tick). FALSE if it is gone or never
 * settles within timeout_ms. */
gboolean
probe_wait_idle (GPid  pid,
                 guint settle_ms,
                 guint timeout_ms)
{
  const guint step_ms = 20;
  gint64 start = g_get_monotonic_time ();
  gint64 quiet_since = start;
  gint64 last = cpu_ticks (pid);

  while (last >= 0)
    {
      gint64 now;
      gint64 ticks;

      g_usleep (step_ms * 1000);
      now = g_get_monotonic_time ();
      ticks = cpu_ticks (pid);
      if (ticks != last)
        quiet_since = now;
      last = ticks;

      if (now - quiet_since >= (gint64)settle_ms * 1000)
        return TRUE;
      if (now - start >= (gint64)timeout_ms * 1000)
        return FALSE;
    }

  return FALSE;
}

gboolean
probe_read_memory (GPid         pid,
                   ProbeMemory *memory)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  memset (memory, 0, sizeof *memory);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;

  lines = g_strsplit (text, "\n", 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 kb;

      if (sscanf (lines[i], "Rss: %" G_GUINT64_FORMAT, &kb) == 1)
        memory->rss_kb = kb;
      else if (sscanf (lines[i], "Pss: %" G_GUINT64_FORMAT, &kb) == 1)
        memory->pss_kb = kb;
      else if (sscanf (lines[i], "Private_Clean: %" G_GUINT64_FORMAT, &kb) == 1 ||
               sscanf (lines[i], "Private_Dirty: %" G_GUINT64_FORMAT, &kb) == 1)
        memory->uss_kb += kb;
    }

  return memory->rss_kb > 0;
}

/* Time on a CPU and time waiting for one (runnable, not running), summed
 * over the process's threads, in ms: the first is what the program costs,
 * the second what a busy machine added to its wall-clock time. */
void
probe_read_schedstat (GPid    pid,
                      double *cpu_ms,
                      double *wait_ms)
{
  g_autofree char *task_dir = g_strdup_printf ("/proc/%d/task", pid);
  g_autoptr(GDir) dir = g_dir_open (task_dir, 0, NULL);
  const char *tid;
  guint64 cpu_ns = 0, wait_ns = 0;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (task_dir, tid, "schedstat", NULL);
      g_autofree char *text = NULL;
      guint64 on_cpu, waiting;

      if (g_file_get_contents (path, &text, NULL, NULL) &&
          sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &on_cpu, &waiting) == 2)
        {
          cpu_ns += on_cpu;
          wait_ns += waiting;
        }
    }

  *cpu_ms = cpu_ns / 1e6;
  *wait_ms = wait_ns / 1e6;
}

/* ------------------------------------------------------------------ start */

typedef struct
{
  GDBusConnection *bus;
  GPid             pid;
  gint64           spawned_at;
  double           registered_ms;
  double           cpu_ms;
  double           wait_ms;
  char            *bus_name;
  gboolean         registered;
} StartRun;

static void
on_item_registered (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  StartRun *run = user_data;
  double ms = probe_ms_since (run->spawned_at);
  const char *service = NULL;
  g_autofree char *name = NULL;
  const char *slash;

  if (run->registered || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(s)")))
    return;

  /* The watcher names the item "BUS", "BUS/PATH" or "/PATH" (then the
   * caller's own bus name is meant, which only the watcher knows). */
  g_variant_get (parameters, "(&s)", &service);
  slash = strchr (service, '/');
  name = slash != NULL ? g_strndup (service, slash - service) : g_strdup (service);

  /* An item of some other program that happened to register now is not it. */
  if (*name != '\0' && probe_bus_name_pid (bus, name) != run->pid)
    return;

  run->registered_ms = ms;
  probe_read_schedstat (run->pid, &run->cpu_ms, &run->wait_ms);
  run->bus_name = g_steal_pointer (&name);
  run->registered = TRUE;
}

GPid
probe_spawn (char       **argv,
             const char  *log_path)
{
  posix_spawn_file_actions_t actions;
  pid_t pid;
  int rc;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO, log_path,
                                    O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2 (&actions, STDOUT_FILENO, STDERR_FILENO);
  rc = posix_spawnp (&pid, argv[0], &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy (&actions);
  if (rc != 0)
    probe_die ("cannot run %s: %s", argv[0], g_strerror (rc));

  return pid;
}

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

/* SIGTERM, reap, and wait until the bus has dropped the connection, so the
 * next instance of a single-instance app does not find the old one. */
static void
stop_child (StartRun *run)
{
  gint64 deadline;

  kill (run->pid, SIGTERM);
  while (waitpid (run->pid, NULL, 0) < 0 && errno == EINTR)
    ;

  if (run->bus_name == NULL || *run->bus_name == '\0')
    return;
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (name_has_owner (run->bus, run->bus_name) && g_get_monotonic_time () < deadline)
    g_usleep (2000);
}

static gboolean
child_exited (GPid pid)
{
  return waitpid (pid, NULL, WNOHANG) == pid;
}

static gboolean
on_check_child (gpointer user_data)
{
  StartRun *run = user_data;

  if (child_exited (run->pid))
    probe_die ("the program exited before its tray item registered");

  return G_SOURCE_CONTINUE;
}

static int
cmd_start (int    argc,
           char **argv)
{
  const char *log_path = "/dev/null";
  int settle_ms = 1000;
  int timeout_s = 20;
  const GOptionEntry options[] = {
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_path, "Append the program's output to FILE", "FILE" },
    { "settle", 0, 0, G_OPTION_ARG_INT, &settle_ms, "Idle time before reading memory (1000)", "MS" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s, "Give up after SECONDS (20)", "SECONDS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("-- COMMAND [ARGS…]");
  g_autoptr(GError) error = NULL;
  StartRun run = { NULL };
  ProbeMemory memory;
  guint subscription;
  guint check_id;
  gboolean settled;

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    probe_die ("%s", error->message);
  /* GOption leaves the "--" that ends the options in place. */
  if (argc > 1 && g_str_equal (argv[1], "--"))
    {
      argv++;
      argc--;
    }
  if (argc < 2)
    probe_die ("start: no command given");

  run.bus = probe_bus ();
  subscription = g_dbus_connection_signal_subscribe (run.bus, NULL, "org.kde.StatusNotifierWatcher",
                                                     "StatusNotifierItemRegistered",
                                                     "/StatusNotifierWatcher", NULL,
                                                     G_DBUS_SIGNAL_FLAGS_NONE,
                                                     on_item_registered, &run, NULL);
  /* A round trip after the AddMatch: the bus has it before the child runs. */
  probe_bus_name_pid (run.bus, "org.freedesktop.DBus");

  run.spawned_at = g_get_monotonic_time ();
  run.pid = probe_spawn (argv + 1, log_path);

  check_id = g_timeout_add (50, on_check_child, &run);
  if (!probe_iterate_until (&run.registered, timeout_s * 1000))
    {
      stop_child (&run);
      probe_die ("no tray item registered within %d s", timeout_s);
    }
  g_source_remove (check_id);
  g_dbus_connection_signal_unsubscribe (run.bus, subscription);

  settled = probe_wait_idle (run.pid, settle_ms, 15000);
  if (!probe_read_memory (run.pid, &memory))
    probe_die ("cannot read the memory of process %d", run.pid);

  g_print ("start_ms=%.1f cpu_ms=%.1f wait_ms=%.1f rss_kb=%" G_GUINT64_FORMAT
           " pss_kb=%" G_GUINT64_FORMAT " uss_kb=%" G_GUINT64_FORMAT " settled=%s\n",
           run.registered_ms, run.cpu_ms, run.wait_ms,
           memory.rss_kb, memory.pss_kb, memory.uss_kb, settled ? "yes" : "no");

  stop_child (&run);
  g_free (run.bus_name);
  g_object_unref (run.bus);

  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ wakeups */

typedef struct
{
  char   *comm;
  guint64 voluntary;     /* it slept: each one ends a wake-up */
  guint64 involuntary;   /* it was preempted: load on the machine */
} ThreadCount;

static void
thread_count_free (gpointer data)
{
  ThreadCount *count = data;

  g_free (count->comm);
  g_free (count);
}

/* Voluntary plus involuntary context switches of each thread, by TID. */
static GHashTable *
read_switches (GPid pid)
{
  g_autofree char *task_dir = g_strdup_printf ("/proc/%d/task", pid);
  g_autoptr(GDir) dir = g_dir_open (task_dir, 0, NULL);
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, thread_count_free);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *status_path = g_build_filename (task_dir, tid, "status", NULL);
      g_autofree char *comm_path = g_build_filename (task_dir, tid, "comm", NULL);
      g_autofree char *status = NULL;
      g_auto(GStrv) lines = NULL;
      ThreadCount *count;

      if (!g_file_get_contents (status_path, &status, NULL, NULL))
        continue;

      count = g_new0 (ThreadCount, 1);
      if (g_file_get_contents (comm_path, &count->comm, NULL, NULL))
        g_strstrip (count->comm);
      else
        count->comm = g_strdup ("?");

      lines = g_strsplit (status, "\n", 0);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          guint64 n;

          if (sscanf (lines[i], "voluntary_ctxt_switches: %" G_GUINT64_FORMAT, &n) == 1)
            count->voluntary = n;
          else if (sscanf (lines[i], "nonvoluntary_ctxt_switches: %" G_GUINT64_FORMAT, &n) == 1)
            count->involuntary = n;
        }
      g_hash_table_insert (counts, g_strdup (tid), count);
    }

  return counts;
}

/* Prints "PID total VOLUNTARY INVOLUNTARY", then the same with "PID TID NAME"
 * for each thread that switched at all. */
static void
print_switches (GPid        pid,
                GHashTable *before,
                GHashTable *after)
{
  GHashTableIter iter;
  gpointer key, value;
  guint64 voluntary = 0, involuntary = 0;
  g_autoptr(GString) threads = g_string_new (NULL);

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ThreadCount *now = value;
      ThreadCount *then = g_hash_table_lookup (before, key);
      guint64 v = now->voluntary - (then != NULL ? then->voluntary : 0);
      guint64 i = now->involuntary - (then != NULL ? then->involuntary : 0);

      voluntary += v;
      involuntary += i;
      if (v + i > 0)
        g_string_append_printf (threads, "%d %s %s %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n",
                                pid, (const char *)key, now->comm, v, i);
    }

  g_print ("%d total %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n%s",
           pid, voluntary, involuntary, threads->str);
}

static int
cmd_wakeups (int    argc,
             char **argv)
{
  guint n;
  double seconds;
  g_autofree GPid *pids = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);
  g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);
  gint64 start;

  if (argc < 3)
    probe_die ("usage: wakeups SECONDS PID…");
  seconds = g_ascii_strtod (argv[1], NULL);
  if (seconds <= 0)
    probe_die ("wakeups: SECONDS must be positive");

  n = argc - 2;
  pids = g_new (GPid, n);
  for (guint i = 0; i < n; i++)
    pids[i] = atoi (argv[i + 2]);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (before, read_switches (pids[i]));
  g_usleep ((gulong)(seconds * G_USEC_PER_SEC));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (after, read_switches (pids[i]));

  g_print ("seconds %.3f\n", (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
  for (guint i = 0; i < n; i++)
    print_switches (pids[i], before->pdata[i], after->pdata[i]);

  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ idle */

static int
cmd_idle (int    argc,
          char **argv)
{
  int settle_ms = 1000;
  int timeout_s = 30;
  const GOptionEntry options[] = {
    { "settle", 0, 0, G_OPTION_ARG_INT, &settle_ms, "Quiet time that counts as idle (1000)", "MS" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s, "Give up after SECONDS (30)", "SECONDS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PID…");
  g_autoptr(GError) error = NULL;
  int rc = EXIT_SUCCESS;

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    probe_die ("%s", error->message);

  for (int i = 1; i < argc; i++)
    if (!probe_wait_idle (atoi (argv[i]), settle_ms, timeout_s * 1000))
      {
        g_printerr ("stint-bench-probe: process %s did not go idle\n", argv[i]);
        rc = EXIT_FAILURE;
      }

  return rc;
}

int
main (int   argc,
      char *argv[])
{
  const char *cmd = argc > 1 ? argv[1] : "";

  if (g_str_equal (cmd, "start"))
    return cmd_start (argc - 1, argv + 1);
  if (g_str_equal (cmd, "label"))
    return probe_cmd_label (argc - 1, argv + 1);
  if (g_str_equal (cmd, "window"))
    return probe_cmd_window (argc - 1, argv + 1);
  if (g_str_equal (cmd, "wakeups"))
    return cmd_wakeups (argc - 1, argv + 1);
  if (g_str_equal (cmd, "idle"))
    return cmd_idle (argc - 1, argv + 1);

  g_printerr ("usage: stint-bench-probe start|label|window|wakeups|idle …\n");
  return 2;
}
