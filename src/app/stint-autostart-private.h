/* stint-autostart-private.h: what the files of StintAutostart share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stint-autostart.h"

G_BEGIN_DECLS

struct _StintAutostart
{
  GObject          parent_instance;

  GSettings       *settings;
  char            *path;
  GCancellable    *cancellable;
  gboolean         ready;          /* the file has been read once (the bus found) */
  gboolean         busy;           /* a write, removal or request is under way */
  gboolean         file_enabled;   /* what the file says, as far as we know */
  char            *problem;

  /* The Background portal (Flatpak). */
  gboolean         use_portal;
  GDBusConnection *bus;
  guint            response_id;    /* the subscription to our request's Response */
  char            *request_path;   /* whose Response it is */
  gboolean         requested;      /* what the request under way asked for */
};

void stint_autostart_set_problem        (StintAutostart  *self,
                                         const char      *problem);
void stint_autostart_follow_file        (StintAutostart  *self,
                                         gboolean         enabled);
void stint_autostart_sync               (StintAutostart  *self);

/* stint-autostart-portal.c */
void stint_autostart_portal_start       (StintAutostart  *self,
                                         GDBusConnection *bus);
void stint_autostart_request_background (StintAutostart  *self,
                                         gboolean         enable);
void stint_autostart_unsubscribe        (StintAutostart  *self);

G_END_DECLS
