/* stint-parse.c: what people type for durations and entries
 *
 * Forgiving on input ("1h30", "90 min", "9", "9:30pm", "22:00-01:00"),
 * strict on meaning: a value that could mean two things is refused with a
 * sentence that shows how to write it. Words ("yesterday", "min") are read
 * in English and in the user's language (stint-parse-words.c), whatever
 * their case. Times and dates are read in stint-parse-times.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "stint-parse.h"
#include "stint-parse-private.h"

#define MAX_DURATION_SECONDS (999 * 3600)

G_DEFINE_QUARK (stint-parse-error-quark, stint_parse_error)

void
stint_quick_entry_free (StintQuickEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->description);
  g_free (entry->project);
  g_strfreev (entry->tags);
  g_free (entry);
}

gboolean
stint_parse_set_empty (GError **error)
{
  g_set_error_literal (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_EMPTY, _("Nothing was typed."));
  return FALSE;
}

const char *
stint_parse_skip_spaces (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

/* ------------------------------------------------------------- durations */

typedef enum { UNIT_NONE, UNIT_HOURS, UNIT_MINUTES, UNIT_SECONDS, UNIT_BAD } Unit;

/* The unit after a number in folded text. A unit runs to the next space or
 * digit ("1h30", "1 Std 30"), so "1h30" needs no space and a translated unit
 * may contain neither. */
static Unit
read_unit (const char **p)
{
  const char *start = *p;
  gsize len = 0;

  while (start[len] != '\0' && !g_ascii_isspace (start[len]) && !g_ascii_isdigit (start[len]))
    len++;
  if (len == 0)
    return UNIT_NONE;

  *p = start + len;
  switch (stint_parse_find_word (start, len, STINT_PARSE_WORD_UNITS))
    {
    case STINT_PARSE_WORD_HOURS:
      return UNIT_HOURS;
    case STINT_PARSE_WORD_MINUTES:
      return UNIT_MINUTES;
    case STINT_PARSE_WORD_SECONDS:
      return UNIT_SECONDS;
    default:
      return UNIT_BAD;
    }
}

/* Digits with an optional decimal point or comma; FALSE if none. */
static gboolean
read_number (const char **p,
             double      *value,
             gboolean    *fraction)
{
  const char *s = *p;
  double v = 0, scale = 0.1;

  if (!g_ascii_isdigit (*s))
    return FALSE;

  while (g_ascii_isdigit (*s))
    v = v * 10 + (*s++ - '0');

  *fraction = FALSE;
  if ((*s == '.' || *s == ',') && g_ascii_isdigit (s[1]))
    {
      *fraction = TRUE;
      for (s++; g_ascii_isdigit (*s); s++, scale /= 10)
        v += (*s - '0') * scale;
    }

  *value = v;
  *p = s;
  return TRUE;
}

static gboolean
invalid_duration (const char  *text,
                  GError     **error)
{
  g_set_error (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_INVALID,
               _("“%s” is not a duration Stint understands; try 1:30, 90m or 1h 30m."), text);
  return FALSE;
}

/* "H:MM" or "H:MM:SS" with two-digit minutes and seconds. */
static gboolean
parse_clock_duration (const char *s,
                      double     *seconds)
{
  guint64 h, m, sec = 0;
  char *end;

  if (!g_ascii_isdigit (*s))
    return FALSE;
  h = g_ascii_strtoull (s, &end, 10);
  if (*end != ':' || !g_ascii_isdigit (end[1]) || !g_ascii_isdigit (end[2]))
    return FALSE;
  m = (end[1] - '0') * 10 + (end[2] - '0');
  end += 3;
  if (*end == ':')
    {
      if (!g_ascii_isdigit (end[1]) || !g_ascii_isdigit (end[2]))
        return FALSE;
      sec = (end[1] - '0') * 10 + (end[2] - '0');
      end += 3;
    }
  if (*stint_parse_skip_spaces (end) != '\0' || m >= 60 || sec >= 60 || h > 100000)
    return FALSE;

  *seconds = (double)h * 3600 + m * 60 + sec;
  return TRUE;
}

/**
 * stint_parse_duration:
 *
 * Reads "1:30", "1:30:15", "90m", "90 min", "1h30", "1h 30m", "1.5h",
 * "1,5 h", "45s", or a bare whole number of minutes ("90").
 */
gboolean
stint_parse_duration (const char  *text,
                      gint64      *seconds,
                      GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  const char *p;
  double total = 0;
  Unit last = UNIT_NONE;
  guint parts = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (seconds != NULL, FALSE);

  /* Read folded; the sentences quote what was typed. */
  trimmed = g_strstrip (g_strdup (text));
  folded = g_strstrip (stint_parse_fold (text));
  if (*folded == '\0')
    return stint_parse_set_empty (error);

  if (strchr (folded, ':') != NULL)
    {
      if (!parse_clock_duration (folded, &total))
        return invalid_duration (trimmed, error);
    }
  else
    {
      for (p = folded; *(p = stint_parse_skip_spaces (p)) != '\0'; parts++)
        {
          double value;
          gboolean fraction;
          Unit unit;

          if (!read_number (&p, &value, &fraction))
            return invalid_duration (trimmed, error);
          p = stint_parse_skip_spaces (p);
          unit = read_unit (&p);

          /* "1h30": minutes go without saying after hours. */
          if (unit == UNIT_NONE && last == UNIT_HOURS)
            unit = UNIT_MINUTES;

          if (unit == UNIT_NONE && parts == 0 && *stint_parse_skip_spaces (p) == '\0')
            {
              if (fraction)
                {
                  g_set_error (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_INVALID,
                               _("Add a unit to “%s”: for example %sh or %sm."),
                               trimmed, trimmed, trimmed);
                  return FALSE;
                }
              unit = UNIT_MINUTES;
            }

          /* Units must shrink (h, then m, then s) and not repeat. */
          if (unit == UNIT_NONE || unit == UNIT_BAD || (last != UNIT_NONE && unit <= last))
            return invalid_duration (trimmed, error);

          total += value * (unit == UNIT_HOURS ? 3600 : unit == UNIT_MINUTES ? 60 : 1);
          last = unit;
        }
    }

  if (total > MAX_DURATION_SECONDS)
    {
      g_set_error (error, STINT_PARSE_ERROR, STINT_PARSE_ERROR_RANGE,
                   _("A duration can be at most %d hours."), MAX_DURATION_SECONDS / 3600);
      return FALSE;
    }

  *seconds = (gint64)llround (total);
  return TRUE;
}

/* ---------------------------------------------------------- quick syntax */

/* A word that is only digits after '#' ("PR #42") is text, not a tag. */
static gboolean
all_digits (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* The next token: a run of non-space characters, or after @ or # a quoted
 * name with spaces (@"Client work"). */
static char *
next_token (const char **p,
            gboolean    *quoted)
{
  const char *s = stint_parse_skip_spaces (*p);
  const char *end;

  *quoted = FALSE;
  if (*s == '\0')
    return NULL;

  if ((*s == '@' || *s == '#') && s[1] == '"' && (end = strchr (s + 2, '"')) != NULL)
    {
      *quoted = TRUE;
      *p = end + 1;
      return g_strdup_printf ("%c%.*s", *s, (int)(end - s - 2), s + 2);
    }

  for (end = s; *end != '\0' && !g_ascii_isspace (*end); end++)
    ;
  *p = end;
  return g_strndup (s, end - s);
}

/**
 * stint_parse_quick_entry:
 *
 * "Review PR #42 @Stint #code #review $" → description "Review PR #42",
 * project "Stint", tags code and review, billable. The first @project
 * counts; a later one stays in the text.
 */
StintQuickEntry *
stint_parse_quick_entry (const char *text)
{
  StintQuickEntry *entry = g_new0 (StintQuickEntry, 1);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  GString *description = g_string_new (NULL);
  const char *p = text != NULL ? text : "";
  char *token;
  gboolean quoted;

  while ((token = next_token (&p, &quoted)) != NULL)
    {
      g_autofree char *owned = token;
      const char *name = token + 1;

      if (g_str_equal (token, "$"))
        entry->billable = TRUE;
      else if (token[0] == '@' && *name != '\0' && entry->project == NULL)
        entry->project = g_strdup (name);
      else if (token[0] == '#' && *name != '\0' && (quoted || !all_digits (name)))
        {
          if (!g_ptr_array_find_with_equal_func (tags, name, g_str_equal, NULL))
            g_ptr_array_add (tags, g_strdup (name));
        }
      else
        {
          if (description->len > 0)
            g_string_append_c (description, ' ');
          if (quoted)
            g_string_append_printf (description, "%c\"%s\"", token[0], name);
          else
            g_string_append (description, token);
        }
    }

  g_ptr_array_add (tags, NULL);
  entry->description = g_string_free (description, FALSE);
  entry->tags = (char **)g_ptr_array_free (g_steal_pointer (&tags), FALSE);
  return entry;
}
