/* stint-api-error.c: what went wrong talking to Toggl, as a sentence
 *
 * Every failure of a request becomes one StintApiError code the sync layer acts
 * on, and one sentence the user reads. The sentence quotes the server when the
 * server said something readable (a JSON string literal as Track sends, plain
 * text as older handlers send, or Focus's {error, error_description}), and
 * never quotes HTML pages, binary garbage, or anything containing the secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-api-error"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "stint-api-error.h"

/* Longer server texts are cut: a sentence in a tray tooltip, not a report. */
#define MAX_SERVER_TEXT_CHARS 200
/* A plain-text body longer than this is a page, not a message. */
#define MAX_PLAIN_BODY_BYTES 1024

G_DEFINE_QUARK (stint-api-error-quark, stint_api_error)

G_DEFINE_BOXED_TYPE (StintApiMeta, stint_api_meta, stint_api_meta_copy, stint_api_meta_free)

void
stint_api_meta_init (StintApiMeta *meta)
{
  g_return_if_fail (meta != NULL);

  *meta = (StintApiMeta) STINT_API_META_INIT;
}

StintApiMeta *
stint_api_meta_copy (const StintApiMeta *meta)
{
  g_return_val_if_fail (meta != NULL, NULL);

  return g_memdup2 (meta, sizeof *meta);
}

void
stint_api_meta_free (StintApiMeta *meta)
{
  g_free (meta);
}

static gboolean
parse_header_int (GHashTable *headers,
                  const char *name,
                  gint64      min,
                  gint64     *out)
{
  const char *value = g_hash_table_lookup (headers, name);
  g_autofree char *stripped = NULL;
  gint64 n;

  if (value == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (value));
  if (!g_ascii_string_to_signed (stripped, 10, min, G_MAXINT32, &n, NULL))
    {
      g_debug ("Ignoring unreadable %s header", name);
      return FALSE;
    }

  *out = n;
  return TRUE;
}

/**
 * stint_api_meta_parse_headers:
 * @meta: where to write what the headers say; fields not sent stay as they are
 * @headers: (element-type utf8 utf8): the response headers, by lower-case name
 * @parse_http_date: (nullable): what turns an HTTP-date `Retry-After` into a
 *   time (the HTTP session's); without it such a header is ignored
 * @now: Unix seconds, to turn that time into seconds from now
 */
void
stint_api_meta_parse_headers (StintApiMeta  *meta,
                              GHashTable    *headers,
                              GDateTime   *(*parse_http_date) (const char *text),
                              gint64         now)
{
  const char *retry_after;
  gint64 n;

  g_return_if_fail (meta != NULL);
  g_return_if_fail (headers != NULL);

  /* Remaining may go negative while Toggl does not enforce the quota. */
  if (parse_header_int (headers, "x-toggl-quota-remaining", G_MININT32, &n))
    meta->quota_remaining = n;
  if (parse_header_int (headers, "x-toggl-quota-resets-in", 0, &n))
    meta->quota_resets_in = n;

  retry_after = g_hash_table_lookup (headers, "retry-after");
  if (retry_after != NULL)
    {
      if (parse_header_int (headers, "retry-after", 0, &n))
        meta->retry_after = n;
      else if (parse_http_date != NULL)
        {
          g_autoptr(GDateTime) when = parse_http_date (retry_after);

          if (when != NULL)
            meta->retry_after = MAX (g_date_time_to_unix (when) - now, 0);
        }
    }
}

/* A 402 is also how Track refuses plan features; only the quota headers tell
 * the spent quota apart (README 2.2). */
gboolean
stint_api_meta_is_quota (const StintApiMeta *meta)
{
  g_return_val_if_fail (meta != NULL, FALSE);

  return meta->quota_resets_in >= 0 || (meta->quota_remaining != -1 && meta->quota_remaining <= 0);
}

/* Collapse runs of whitespace, refuse control characters and markup, cut to a
 * sentence's length. Returns NULL when the text is not fit to show. */
static char *
tidy_text (const char *text,
           gssize      len)
{
  g_autoptr(GString) out = NULL;
  const char *end;
  const char *p;
  gboolean space = FALSE;
  gboolean letter = FALSE;
  glong n_chars = 0;

  if (len < 0)
    len = strlen (text);

  if (!g_utf8_validate (text, len, &end) || end != text + len)
    return NULL;

  out = g_string_sized_new (len);
  for (p = text; p < text + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (g_unichar_iscntrl (c) || c == '<')
        return NULL;

      if (n_chars == MAX_SERVER_TEXT_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
      letter |= g_unichar_isalpha (c);
      n_chars++;
    }

  if (!letter)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
text_from_json (JsonNode *root)
{
  if (JSON_NODE_HOLDS_VALUE (root) && json_node_get_value_type (root) == G_TYPE_STRING)
    return tidy_text (json_node_get_string (root), -1);

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      /* Focus: `error` is a code such as "invalid_session"; the readable
       * part is `error_description`. Others use `message`. */
      static const char * const keys[] = { "error_description", "message", "error" };
      JsonNode *trace = json_object_get_member (object, "trace_id");

      /* Focus support asks for the trace id; the user needs no hex on screen. */
      if (trace != NULL && JSON_NODE_HOLDS_VALUE (trace) &&
          json_node_get_value_type (trace) == G_TYPE_STRING)
        g_debug ("The server's trace id for this error: %s", json_node_get_string (trace));

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          JsonNode *member = json_object_get_member (object, keys[i]);
          const char *s;

          if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
              json_node_get_value_type (member) != G_TYPE_STRING)
            continue;

          s = json_node_get_string (member);
          /* A bare code is not a sentence. */
          if (g_str_equal (keys[i], "error") && strchr (s, ' ') == NULL)
            continue;

          return tidy_text (s, -1);
        }
    }

  return NULL;
}

/**
 * stint_api_error_server_text:
 * @body: (nullable): the response body
 * @content_type: (nullable): its Content-Type
 *
 * Returns: (transfer full) (nullable): what the server said, fit to show a
 *   user, or %NULL when it said nothing readable.
 */
char *
stint_api_error_server_text (GBytes     *body,
                             const char *content_type)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *data;
  gsize size;
  gsize i;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &size);
  if (data == NULL || size == 0)
    return NULL;

  if (content_type != NULL && g_strrstr (content_type, "html") != NULL)
    return NULL;

  for (i = 0; i < size && g_ascii_isspace (data[i]); i++)
    ;
  if (i == size || data[i] == '<')
    return NULL;

  parser = json_parser_new_immutable ();
  if (json_parser_load_from_data (parser, data, size, NULL))
    {
      JsonNode *root = json_parser_get_root (parser);

      return root != NULL ? text_from_json (root) : NULL;
    }

  /* Not JSON. Short plain text is a message ("Invalid start date"); broken
   * JSON or a long blob is garbage. */
  if (data[i] == '{' || data[i] == '[' || data[i] == '"' || size > MAX_PLAIN_BODY_BYTES)
    return NULL;

  return tidy_text (data, size);
}

static char *
quota_sentence (const StintApiMeta *meta,
                gint64              now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *hhmm = NULL;
  gint64 when;

  if (meta->quota_resets_in < 0)
    return g_strdup (_("Toggl’s hourly request limit is used up; Stint will sync again within the hour."));

  /* Round up to the minute: better to promise 14:05 and be early than late. */
  when = now + meta->quota_resets_in;
  when = (when + 59) / 60 * 60;
  utc = g_date_time_new_from_unix_utc (when);
  local = g_date_time_to_local (utc);
  hhmm = g_date_time_format (local, "%H:%M");

  return g_strdup_printf (_("Toggl’s hourly request limit is used up; Stint will sync again at %s."), hhmm);
}

/* A macro, not a function, so the compiler checks @with against its argument. */
#define make_error(code, text, with, without) \
  ((text) != NULL ? g_error_new (STINT_API_ERROR, (code), (with), (text)) \
                  : g_error_new_literal (STINT_API_ERROR, (code), (without)))

/**
 * stint_api_error_new_for_status:
 * @meta: the response's status and headers
 * @body: (nullable): the response body
 * @content_type: (nullable): its Content-Type
 * @redact: (nullable): a secret that must never be quoted (the token)
 * @now: Unix seconds, for "sync again at …"
 *
 * Returns: (transfer full): the error for a response that is not a success.
 */
GError *
stint_api_error_new_for_status (const StintApiMeta *meta,
                                GBytes             *body,
                                const char         *content_type,
                                const char         *redact,
                                gint64              now)
{
  g_autofree char *text = NULL;
  guint status;

  g_return_val_if_fail (meta != NULL, NULL);

  status = meta->status;
  text = stint_api_error_server_text (body, content_type);

  /* A server echoing the credential back must not put it on screen. */
  if (text != NULL && redact != NULL && redact[0] != '\0' && strstr (text, redact) != NULL)
    g_clear_pointer (&text, g_free);

  switch (status)
    {
    case 401:
      return make_error (STINT_API_ERROR_AUTH, text,
                         _("Toggl did not accept the sign-in (“%s”). Sign in again."),
                         _("Toggl did not accept the sign-in. Sign in again."));

    case 403:
      return make_error (STINT_API_ERROR_FORBIDDEN, text,
                         _("Toggl refused: %s"),
                         _("Toggl refused access. The API token may be wrong, or your account "
                           "may not be allowed to do this in the workspace."));

    case 404:
    case 410:
      return make_error (STINT_API_ERROR_NOT_FOUND, text,
                         _("Toggl could not find it: %s"),
                         _("Toggl could not find it; it may have been deleted."));

    case 409:
      return g_error_new_literal (STINT_API_ERROR, STINT_API_ERROR_CONFLICT,
                                  _("The time entry was already stopped on Toggl."));

    case 402:
      if (stint_api_meta_is_quota (meta))
        {
          g_autofree char *sentence = quota_sentence (meta, now);

          return g_error_new_literal (STINT_API_ERROR, STINT_API_ERROR_QUOTA, sentence);
        }
      return make_error (STINT_API_ERROR_PLAN, text,
                         _("Toggl refused: %s"),
                         _("This needs a paid Toggl plan."));

    case 429:
      if (meta->retry_after >= 0)
        return g_error_new (STINT_API_ERROR, STINT_API_ERROR_RATE_LIMITED,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Toggl asked Stint to slow down; it will try again in %d second.",
                                         "Toggl asked Stint to slow down; it will try again in %d seconds.",
                                         (gulong)MIN (meta->retry_after, G_MAXINT)),
                            (int)MIN (meta->retry_after, G_MAXINT));
      return g_error_new_literal (STINT_API_ERROR, STINT_API_ERROR_RATE_LIMITED,
                                  _("Toggl asked Stint to slow down; it will try again shortly."));

    default:
      break;
    }

  if (status >= 500 && status <= 599)
    return g_error_new (STINT_API_ERROR, STINT_API_ERROR_SERVER,
                        _("Toggl is having trouble (error %u); Stint will try again later."),
                        status);

  if (status >= 400 && status <= 499)
    return make_error (STINT_API_ERROR_INVALID, text,
                       _("Toggl refused the change: %s"),
                       _("Toggl refused the change as invalid."));

  /* 1xx, 3xx (redirects are not followed: they could carry the token
   * elsewhere), or nonsense. */
  return g_error_new (STINT_API_ERROR, STINT_API_ERROR_BAD_REPLY,
                      _("Toggl sent an answer Stint cannot read (status %u)."), status);
}

/**
 * stint_api_error_new_for_transport:
 * @error: an error from the HTTP session (GIO, resolver, TLS, libsoup)
 *
 * Returns: (transfer full): %G_IO_ERROR_CANCELLED as it is; everything else as
 *   %STINT_API_ERROR_TIMEOUT or %STINT_API_ERROR_NETWORK with a sentence. The
 *   original message is only logged at debug level: it names hosts, not secrets.
 */
GError *
stint_api_error_new_for_transport (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  g_debug ("Transport error: %s (%s %d)", error->message,
           g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (STINT_API_ERROR, STINT_API_ERROR_TIMEOUT,
                                _("Toggl did not answer in time; Stint will try again."));

  if (error->domain == G_TLS_ERROR)
    return g_error_new_literal (STINT_API_ERROR, STINT_API_ERROR_NETWORK,
                                _("Stint could not make a secure connection to Toggl; "
                                  "the server’s certificate was not accepted."));

  return g_error_new_literal (STINT_API_ERROR, STINT_API_ERROR_NETWORK,
                              _("Stint cannot reach Toggl. Check the network connection."));
}

/**
 * stint_api_error_is_transient:
 *
 * Returns: whether trying the same request again later may succeed on its own.
 */
gboolean
stint_api_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != STINT_API_ERROR)
    return FALSE;

  switch ((StintApiError)error->code)
    {
    case STINT_API_ERROR_QUOTA:
    case STINT_API_ERROR_RATE_LIMITED:
    case STINT_API_ERROR_SERVER:
    case STINT_API_ERROR_NETWORK:
    case STINT_API_ERROR_TIMEOUT:
    case STINT_API_ERROR_BAD_REPLY:
      return TRUE;
    case STINT_API_ERROR_AUTH:
    case STINT_API_ERROR_FORBIDDEN:
    case STINT_API_ERROR_NOT_FOUND:
    case STINT_API_ERROR_CONFLICT:
    case STINT_API_ERROR_PLAN:
    case STINT_API_ERROR_INVALID:
    case STINT_API_ERROR_BAD_URL:
    default:
      return FALSE;
    }
}
