/* bench-probe-window.c: from a tray click to the window's first frame
 *
 * Watched from outside, as the X server sees it: the probe listens for new
 * top-level windows on the root window, attaches an XDamage object to each
 * as it is created, and takes the first damage to a mapped one as the first
 * frame. GTK 3 gives its toplevels no background, so the server paints
 * nothing on map and the first damage is GTK's own drawing; to be sure, a
 * damaged area of a single colour is not counted as a frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-bench-probe"

#include <stdlib.h>
#include <sys/wait.h>

#include <glib-unix.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>

#include "bench-probe.h"

typedef struct
{
  Display  *display;
  Window    root;
  int       damage_event;
  gint64    clicked_at;
  GPid      pid;             /* the program that opens the window */
  double    cpu_at_click;    /* its CPU and run-queue time then, ms */
  double    wait_at_click;
  double    cpu_ms;          /* what it used from the click to the frame */
  double    wait_ms;

  Window    window;          /* the new toplevel, once created */
  Damage    damage;
  double    mapped_ms;
  double    frame_ms;
  gboolean  mapped;
  gboolean  framed;
  gboolean  gone;
  gboolean  destroyed;
  guint     blank_damages;   /* damage that painted one colour only */
} WindowRun;

/* The window may vanish under any request; nothing here is worth dying for. */
static int
ignore_x_error (Display     *display,
                XErrorEvent *event)
{
  return 0;
}

/* TRUE if the area holds more than one colour: drawn content, not a fill. */
static gboolean
area_has_content (WindowRun        *run,
                  const XRectangle *area)
{
  XImage *image;
  gboolean content = FALSE;
  unsigned long first;

  if (area->width == 0 || area->height == 0)
    return FALSE;

  image = XGetImage (run->display, run->window, area->x, area->y, area->width, area->height,
                     AllPlanes, ZPixmap);
  if (image == NULL)
    return TRUE;  /* unreadable (gone, or off screen): do not block on it */

  first = XGetPixel (image, 0, 0);
  for (int y = 0; y < area->height && !content; y++)
    for (int x = 0; x < area->width && !content; x++)
      content = XGetPixel (image, x, y) != first;
  XDestroyImage (image);

  return content;
}

static void
handle_event (WindowRun *run,
              XEvent    *event)
{
  double ms = probe_ms_since (run->clicked_at);

  if (g_getenv ("STINT_BENCH_DEBUG") != NULL)
    g_printerr ("%8.2f ms: X event %d on 0x%lx\n", ms, event->type, event->xany.window);

  if (event->type == CreateNotify)
    {
      XCreateWindowEvent *create = &event->xcreatewindow;

      if (run->window != None || create->parent != run->root || create->override_redirect)
        return;
      run->window = create->window;
      run->damage = XDamageCreate (run->display, run->window, XDamageReportNonEmpty);
      XFlush (run->display);
    }
  else if (event->type == MapNotify)
    {
      if (event->xmap.window == run->window && !run->mapped)
        {
          run->mapped = TRUE;
          run->mapped_ms = ms;
        }
    }
  else if (event->type == DestroyNotify || event->type == UnmapNotify)
    {
      Window gone = event->type == DestroyNotify ? event->xdestroywindow.window : event->xunmap.window;

      if (gone == run->window && run->framed)
        run->gone = TRUE;
      /* A window that is only hidden comes back on the next open. */
      if (gone == run->window && event->type == DestroyNotify)
        run->destroyed = TRUE;
    }
  else if (event->type == run->damage_event + XDamageNotify)
    {
      XDamageNotifyEvent *damage = (XDamageNotifyEvent *)event;

      if (damage->drawable != run->window)
        return;
      /* Report the next damage too: NonEmpty fires once until subtracted. */
      XDamageSubtract (run->display, run->damage, None, None);

      if (!run->mapped || run->framed)
        return;
      if (!area_has_content (run, &damage->area))
        {
          run->blank_damages++;
          return;
        }
      run->framed = TRUE;
      run->frame_ms = ms;
      probe_read_schedstat (run->pid, &run->cpu_ms, &run->wait_ms);
      run->cpu_ms -= run->cpu_at_click;
      run->wait_ms -= run->wait_at_click;
    }
}

static gboolean
on_x_events (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  WindowRun *run = user_data;

  while (XPending (run->display) > 0)
    {
      XEvent event;

      XNextEvent (run->display, &event);
      handle_event (run, &event);
    }

  return G_SOURCE_CONTINUE;
}

/* Closes the window the way a window manager's close button would. */
static void
request_close (WindowRun *run)
{
  XEvent event = { 0 };

  event.xclient.type = ClientMessage;
  event.xclient.window = run->window;
  event.xclient.message_type = XInternAtom (run->display, "WM_PROTOCOLS", False);
  event.xclient.format = 32;
  event.xclient.data.l[0] = XInternAtom (run->display, "WM_DELETE_WINDOW", False);
  event.xclient.data.l[1] = CurrentTime;
  XSendEvent (run->display, run->window, False, NoEventMask, &event);
  XFlush (run->display);
}

int
probe_cmd_window (int    argc,
                  char **argv)
{
  int count = 5;
  int settle_ms = 500;
  int timeout_s = 60;
  gboolean keep_last = FALSE;
  const char *command = NULL;
  g_auto(GStrv) command_argv = NULL;
  const char *label = "Open Stint";
  const GOptionEntry options[] = {
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Windows to open, one after the other (5)", "N" },
    { "settle", 0, 0, G_OPTION_ARG_INT, &settle_ms, "Idle time between them (500)", "MS" },
    { "item", 0, 0, G_OPTION_ARG_STRING, &label, "The menu entry that opens it (Open Stint)", "LABEL" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s, "Give up on a window after SECONDS (60)", "SECONDS" },
    { "keep-last", 0, 0, G_OPTION_ARG_NONE, &keep_last, "Leave the last window open", NULL },
    { "command", 0, 0, G_OPTION_ARG_STRING, &command,
      "Open it with COMMAND (e.g. \"stint --show\") first, then in turns with the menu", "COMMAND" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("ID");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  ProbeItem item = { NULL };
  WindowRun run = { NULL };
  ProbeMemory memory;
  gint64 closing_at;
  gboolean via_command = FALSE;
  GPid launcher = 0;
  int damage_error;
  gint32 open_id;
  guint source;

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    probe_die ("%s", error->message);
  if (argc != 2)
    probe_die ("window: give one item Id");

  if (command != NULL && !g_shell_parse_argv (command, NULL, &command_argv, &error))
    probe_die ("--command: %s", error->message);

  bus = probe_bus ();
  if (!probe_find_item (bus, argv[1], &item, &error))
    probe_die ("%s", error->message);
  open_id = probe_find_menu_item (bus, &item, label);
  if (open_id < 0)
    probe_die ("%s has no %s in its menu", argv[1], label);

  run.pid = item.pid;
  run.display = XOpenDisplay (NULL);
  if (run.display == NULL)
    probe_die ("cannot open the X display");
  if (!XDamageQueryExtension (run.display, &run.damage_event, &damage_error))
    probe_die ("the X server has no DAMAGE extension");
  XSetErrorHandler (ignore_x_error);
  run.root = DefaultRootWindow (run.display);
  XSelectInput (run.display, run.root, SubstructureNotifyMask);
  XSync (run.display, False);
  source = g_unix_fd_add (ConnectionNumber (run.display), G_IO_IN, on_x_events, &run);

  for (int i = 0; i < count; i++)
    {
      probe_wait_idle (item.pid, settle_ms, timeout_s * 1000);
      if (run.destroyed)
        run.window = None;
      run.mapped = run.framed = run.gone = run.destroyed = FALSE;
      run.blank_damages = 0;

      /* The command opens the first (cold) window, then every other one. */
      via_command = command_argv != NULL && i % 2 == 0;
      probe_read_schedstat (run.pid, &run.cpu_at_click, &run.wait_at_click);
      run.clicked_at = g_get_monotonic_time ();
      if (via_command)
        launcher = probe_spawn (command_argv, "/dev/null");
      else
        probe_click (bus, &item, open_id);
      if (!probe_iterate_until (&run.framed, timeout_s * 1000))
        probe_die ("no window %s within %d s of clicking %s",
                   run.window == None ? "appeared" : run.mapped ? "was drawn" : "was mapped",
                   timeout_s, label);
      if (via_command)
        waitpid (launcher, NULL, 0);

      /* Let it settle as a user would see it before closing it again. */
      probe_wait_idle (item.pid, settle_ms, timeout_s * 1000);
      probe_read_memory (item.pid, &memory);
      g_print ("via=%s mapped_ms=%.1f frame_ms=%.1f cpu_ms=%.1f wait_ms=%.1f blank_damages=%u"
               " open_rss_kb=%" G_GUINT64_FORMAT,
               via_command ? "command" : "menu", run.mapped_ms, run.frame_ms,
               run.cpu_ms, run.wait_ms, run.blank_damages, memory.rss_kb);
      if (keep_last && i == count - 1)
        {
          g_print ("\n");
          break;
        }

      closing_at = g_get_monotonic_time ();
      request_close (&run);
      if (!probe_iterate_until (&run.gone, timeout_s * 1000))
        probe_die ("the window did not close");

      /* How long closing kept the program busy, and what it left behind. */
      if (!probe_wait_idle (item.pid, settle_ms, timeout_s * 1000))
        probe_die ("still busy %d s after the window closed", timeout_s);
      probe_read_memory (item.pid, &memory);
      g_print (" close_busy_ms=%.0f closed_rss_kb=%" G_GUINT64_FORMAT "\n",
               probe_ms_since (closing_at) - settle_ms, memory.rss_kb);
    }

  g_source_remove (source);
  XCloseDisplay (run.display);
  probe_item_clear (&item);

  return EXIT_SUCCESS;
}
