/* stint-parse-words.c: the words people type in times and durations
 *
 * The English words are always understood. The user's language adds its own
 * from the translation catalogue: one message per group, its alternatives
 * separated by "|". Words are compared folded (case, Unicode form and the
 * kind of apostrophe), so "HEUTE", "Heute" and "heute" are one word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-parse-words"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "stint-parse-private.h"

typedef struct
{
  char           *word;   /* folded */
  gsize           len;
  StintParseWord  kind;
} Word;

/* The msgid of each message is its English list. NC_() only marks it for
 * xgettext, so the context is kept beside it for g_dpgettext2(). */
static const struct
{
  const char     *english;
  const char     *context;
  StintParseWord  kind;
} lists[] = {
  /* Translators: what people may type in a time field for the current
     moment. Write the words of your language in lower case, separated by |
     with no spaces around it; a word must not contain spaces or digits.
     The English words are understood anyway, so they need not be repeated. */
  { NC_("typed time: words for the current moment, separated by |", "now"),
    "typed time: words for the current moment, separated by |", STINT_PARSE_WORD_NOW },
  /* Translators: what people may type for today, alone or before a time
     ("today 9:30"). Write the words of your language in lower case,
     separated by | with no spaces around it; a word must not contain spaces
     or digits. The English words are understood anyway. */
  { NC_("typed time or date: words for today, separated by |", "today"),
    "typed time or date: words for today, separated by |", STINT_PARSE_WORD_TODAY },
  /* Translators: what people may type for yesterday, alone or before a time
     ("yesterday 17:00"). Write the words of your language in lower case,
     separated by | with no spaces around it; a word must not contain spaces
     or digits. The English words are understood anyway. */
  { NC_("typed time or date: words for yesterday, separated by |", "yesterday"),
    "typed time or date: words for yesterday, separated by |", STINT_PARSE_WORD_YESTERDAY },
  /* Translators: what people may type after an hour before noon ("9am",
     "9 am"). Write the words of your language in lower case, separated by |
     with no spaces around it; a word must not contain spaces or digits. The
     English words are understood anyway; if your language has no such word,
     keep "am". */
  { NC_("typed time: words after an hour before noon, separated by |", "am"),
    "typed time: words after an hour before noon, separated by |", STINT_PARSE_WORD_AM },
  /* Translators: what people may type after an hour after noon ("5pm",
     "5 pm"). Write the words of your language in lower case, separated by |
     with no spaces around it; a word must not contain spaces or digits. The
     English words are understood anyway; if your language has no such word,
     keep "pm". */
  { NC_("typed time: words after an hour after noon, separated by |", "pm"),
    "typed time: words after an hour after noon, separated by |", STINT_PARSE_WORD_PM },
  /* Translators: what people may type after a number of hours in a
     duration ("2 hours", "1h 30m"), long and short forms. Write the words of
     your language in lower case, separated by | with no spaces around it; a
     word must not contain spaces or digits. The English words are understood
     anyway. */
  { NC_("typed duration: words for hours, separated by |", "hours|hour|hrs|hr|h"),
    "typed duration: words for hours, separated by |", STINT_PARSE_WORD_HOURS },
  /* Translators: what people may type after a number of minutes in a
     duration ("90 minutes", "1h 30m"), long and short forms. Write the words
     of your language in lower case, separated by | with no spaces around it;
     a word must not contain spaces or digits. The English words are
     understood anyway. */
  { NC_("typed duration: words for minutes, separated by |", "minutes|minute|mins|min|m"),
    "typed duration: words for minutes, separated by |", STINT_PARSE_WORD_MINUTES },
  /* Translators: what people may type after a number of seconds in a
     duration ("45 seconds", "1m 30s"), long and short forms. Write the words
     of your language in lower case, separated by | with no spaces around it;
     a word must not contain spaces or digits. The English words are
     understood anyway. */
  { NC_("typed duration: words for seconds, separated by |", "seconds|second|secs|sec|s"),
    "typed duration: words for seconds, separated by |", STINT_PARSE_WORD_SECONDS },
  /* Translators: what people may type between the two times of a range
     ("9:00 to 10:30"). Write the words of your language in lower case,
     separated by | with no spaces around it; a word must not contain spaces
     or digits. The English word is understood anyway. */
  { NC_("typed time range: words between the start and the end, separated by |", "to"),
    "typed time range: words between the start and the end, separated by |", STINT_PARSE_WORD_TO },
};

/**
 * stint_parse_fold:
 *
 * Returns @text in the form words are compared in: case folded, in NFKC and
 * with ’ ‘ ʼ as '. NFKC also turns full-width digits and colons and no-break
 * spaces into the ASCII the parsers read.
 */
char *
stint_parse_fold (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *normal = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  /* Not UTF-8, so not from a text field; its ASCII can still be read. */
  if (!g_utf8_validate (text, -1, NULL))
    return g_ascii_strdown (text, -1);

  folded = g_utf8_casefold (text, -1);
  normal = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);
  out = g_string_sized_new (strlen (normal));

  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* "aujourd’hui": which apostrophe comes out depends on the keyboard
       * and on autocorrection, not on the person. */
      if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
        g_string_append_c (out, '\'');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

/* The parsers split what is typed at spaces and digits, so a word with
 * either could never be matched. */
static gboolean
is_typable (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_isdigit (c))
        return FALSE;
    }

  return TRUE;
}

/* Adds the words of @list to @words, or nothing when @list has no word or
 * one that is not typable: a bad translation loses its words, not the
 * English ones. Empty alternatives ("heute|") are skipped. */
static gboolean
add_list (GArray         *words,
          StintParseWord  kind,
          const char     *list)
{
  g_auto(GStrv) alternatives = NULL;
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);

  if (!g_utf8_validate (list, -1, NULL))
    return FALSE;

  alternatives = g_strsplit (list, "|", -1);
  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      g_autofree char *word = NULL;

      if (*alternatives[i] == '\0')
        continue;
      word = stint_parse_fold (alternatives[i]);
      if (!is_typable (word))
        return FALSE;
      g_ptr_array_add (folded, g_steal_pointer (&word));
    }

  if (folded->len == 0)
    return FALSE;

  for (guint i = 0; i < folded->len; i++)
    {
      Word w = { g_steal_pointer (&folded->pdata[i]), 0, kind };

      w.len = strlen (w.word);
      g_array_append_val (words, w);
    }

  return TRUE;
}

/* Read from gettext once: the parsers run on every keystroke, and the
 * language does not change while Stint runs. Kept for the whole process. */
static GArray *
get_words (void)
{
  static GArray *words = NULL;

  if (g_once_init_enter (&words))
    {
      GArray *loaded = g_array_new (FALSE, FALSE, sizeof (Word));

      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        add_list (loaded, lists[i].kind, lists[i].english);

      /* After every English word: a translation that gives an English word
       * to another group ("m" for hours) cannot change what it means. */
      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        {
          const char *translated = g_dpgettext2 (GETTEXT_PACKAGE, lists[i].context,
                                                 lists[i].english);

          if (g_strcmp0 (translated, lists[i].english) != 0 &&
              !add_list (loaded, lists[i].kind, translated))
            g_debug ("Ignoring the translation “%s” of “%s”: it has no word, or a word "
                     "with a space or a digit", translated, lists[i].english);
        }

      g_once_init_leave (&words, loaded);
    }

  return words;
}

/**
 * stint_parse_find_word:
 * @folded: the start of a word, already passed through stint_parse_fold()
 * @len: its length in bytes
 * @kinds: the groups the word may belong to
 *
 * Returns: the group of the English or translated word among @kinds, or
 *   %STINT_PARSE_WORD_NONE
 */
StintParseWord
stint_parse_find_word (const char     *folded,
                       gsize           len,
                       StintParseWord  kinds)
{
  GArray *words;

  g_return_val_if_fail (folded != NULL, STINT_PARSE_WORD_NONE);

  words = get_words ();
  for (guint i = 0; i < words->len; i++)
    {
      const Word *w = &g_array_index (words, Word, i);

      if ((w->kind & kinds) != 0 && w->len == len && memcmp (w->word, folded, len) == 0)
        return w->kind;
    }

  return STINT_PARSE_WORD_NONE;
}

/* Splits "9 to 10:30" at a word between spaces, neither first nor last,
 * that means "to" (in English or the user's language). The halves are
 * folded, which the time parser reads as well. Without such a word, @first
 * and @second are left as they were. */
void
stint_parse_split_at_word (const char  *text,
                           char       **first,
                           char       **second)
{
  g_autofree char *folded = stint_parse_fold (text);
  const char *p = folded;

  while (*p != '\0')
    {
      const char *word = p;

      while (*p != '\0' && *p != ' ')
        p++;
      if (word != folded && word[-1] == ' ' && *p == ' ' && p > word &&
          stint_parse_find_word (word, p - word, STINT_PARSE_WORD_TO) != STINT_PARSE_WORD_NONE)
        {
          *first = g_strndup (folded, word - folded);
          *second = g_strdup (p);
          return;
        }
      while (*p == ' ')
        p++;
    }
}
