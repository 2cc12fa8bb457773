/* stint-shortcuts-private.h: what the files of StintShortcuts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-shortcuts.h"

G_BEGIN_DECLS

enum {
  PROP_0,
  PROP_TOGGLE_ACCEL,
  PROP_SHOW_ACCEL,
  PROP_BACKEND,
  PROP_DESCRIPTION,
  PROP_ALLOW_X11,
  PROP_SESSION_BUS,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

struct _StintShortcuts
{
  GObject          parent_instance;

  char            *toggle_accel;
  char            *show_accel;
  const char      *backend;          /* "x11", "portal" or "none" */
  gboolean         allow_x11;
  GCancellable    *cancellable;
  guint64          last_press[2];    /* toggle, show: ms, to tell repeats */
  gboolean         released;         /* a shortcut key went up since the last press */

  /* X11 */
  char            *bound[2];         /* the accelerators grabbed */
  char            *taken;            /* one another program holds */

  /* portal */
  GDBusConnection *bus;
  char            *portal_session;
  guint            response_id;
  guint            activated_id;
  guint            request_count;
};

void stint_shortcuts_set_backend  (StintShortcuts *self,
                                   const char     *backend);
void stint_shortcuts_activate     (StintShortcuts *self,
                                   const char     *name,
                                   guint64         time);
void stint_shortcuts_release      (StintShortcuts *self);

/* stint-shortcuts-portal.c */
void stint_shortcuts_portal_start (StintShortcuts *self);
void stint_shortcuts_portal_stop  (StintShortcuts *self);

G_END_DECLS
