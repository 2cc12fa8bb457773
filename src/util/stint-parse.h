/* stint-parse.h: what people type for durations, times and entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define STINT_PARSE_ERROR (stint_parse_error_quark ())

typedef enum {
  STINT_PARSE_ERROR_EMPTY,
  STINT_PARSE_ERROR_INVALID,
  STINT_PARSE_ERROR_RANGE,
  STINT_PARSE_ERROR_NO_SUCH_TIME,   /* skipped by a daylight-saving change */
} StintParseError;

/**
 * StintQuickEntry:
 * @description: the words that are not markup, trimmed ("" when none)
 * @project: the @project name, or %NULL
 * @tags: the #tags, in order, without duplicates (never %NULL)
 * @billable: a lone `$` was given
 */
typedef struct
{
  char      *description;
  char      *project;
  char     **tags;
  gboolean   billable;
} StintQuickEntry;

void             stint_quick_entry_free  (StintQuickEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintQuickEntry, stint_quick_entry_free)

GQuark           stint_parse_error_quark (void);

gboolean         stint_parse_duration    (const char  *text,
                                          gint64      *seconds,
                                          GError     **error);
gboolean         stint_parse_time        (const char  *text,
                                          GDateTime   *day,
                                          GDateTime   *now,
                                          gint64      *unix_seconds,
                                          GError     **error);
gboolean         stint_parse_time_range  (const char  *text,
                                          GDateTime   *day,
                                          GDateTime   *now,
                                          gint64      *start,
                                          gint64      *stop,
                                          GError     **error);
gboolean         stint_parse_date        (const char  *text,
                                          GDateTime   *now,
                                          GDateTime  **day,
                                          GError     **error);
StintQuickEntry *stint_parse_quick_entry (const char  *text);

G_END_DECLS
