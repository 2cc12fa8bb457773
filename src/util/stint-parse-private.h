/* stint-parse-private.h: what the parsers in stint-parse*.c share, and the
 * words they read, in English and in the user's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Flags, so a parser can ask only for the words that make sense where it
 * is reading ("m" after a number is a unit, never a time of day). */
typedef enum
{
  STINT_PARSE_WORD_NONE      = 0,
  STINT_PARSE_WORD_NOW       = 1 << 0,
  STINT_PARSE_WORD_TODAY     = 1 << 1,
  STINT_PARSE_WORD_YESTERDAY = 1 << 2,
  STINT_PARSE_WORD_AM        = 1 << 3,
  STINT_PARSE_WORD_PM        = 1 << 4,
  STINT_PARSE_WORD_HOURS     = 1 << 5,
  STINT_PARSE_WORD_MINUTES   = 1 << 6,
  STINT_PARSE_WORD_SECONDS   = 1 << 7,
  STINT_PARSE_WORD_TO        = 1 << 8,
} StintParseWord;

#define STINT_PARSE_WORD_DAYS  (STINT_PARSE_WORD_TODAY | STINT_PARSE_WORD_YESTERDAY)
#define STINT_PARSE_WORD_HALF  (STINT_PARSE_WORD_AM | STINT_PARSE_WORD_PM)
#define STINT_PARSE_WORD_UNITS (STINT_PARSE_WORD_HOURS | STINT_PARSE_WORD_MINUTES | \
                                STINT_PARSE_WORD_SECONDS)

char           *stint_parse_fold      (const char     *text);
StintParseWord  stint_parse_find_word (const char     *folded,
                                       gsize           len,
                                       StintParseWord  kinds);
void            stint_parse_split_at_word (const char  *text,
                                           char       **first,
                                           char       **second);

/* stint-parse.c: every parser refuses empty text with the same sentence, and
 * skips the same (ASCII) spaces. */
gboolean        stint_parse_set_empty   (GError        **error);
const char     *stint_parse_skip_spaces (const char     *p);

G_END_DECLS
