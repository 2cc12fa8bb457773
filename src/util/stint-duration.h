/* stint-duration.h: how durations and times read on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char   *stint_format_hmm                 (gint64     seconds);
char   *stint_format_hmmss               (gint64     seconds);
char   *stint_format_time_of_day         (gint64     unix_seconds);
char   *stint_format_day                 (GDateTime *day,
                                          GDateTime *now);
gint64  stint_usec_until_next_minute     (gint64     start,
                                          gint64     now_usec);
gint64  stint_local_day_start            (gint64     unix_seconds);

G_END_DECLS
