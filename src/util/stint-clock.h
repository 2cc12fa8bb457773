/* stint-clock.h: the one source of "now", replaceable in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STINT_TYPE_CLOCK (stint_clock_get_type ())
G_DECLARE_FINAL_TYPE (StintClock, stint_clock, STINT, CLOCK, GObject)

StintClock *stint_clock_new_system  (void);
StintClock *stint_clock_new_manual  (gint64        now_usec);
gboolean    stint_clock_is_manual   (StintClock   *self);
gint64      stint_clock_now_usec    (StintClock   *self);
gint64      stint_clock_now         (StintClock   *self);
GDateTime  *stint_clock_now_local   (StintClock   *self);
guint       stint_clock_timeout_add (StintClock   *self,
                                     gint64        delay_usec,
                                     GSourceFunc   func,
                                     gpointer      data,
                                     GDestroyNotify notify);
void        stint_clock_source_remove (StintClock *self,
                                       guint       id);
void        stint_clock_set_usec    (StintClock   *self,
                                     gint64        now_usec);
void        stint_clock_advance     (StintClock   *self,
                                     gint64        delta_usec);
guint       stint_clock_get_pending (StintClock   *self,
                                     gint64       *next_due_usec);

G_END_DECLS
