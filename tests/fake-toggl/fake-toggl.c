/* fake-toggl.c: a stateful fake Toggl server for tests, on loopback
 *
 * This file is the transport every service of the fake shares: it listens on
 * 127.0.0.1 only, logs each request (never its Authorization header), applies
 * scripted faults, authenticates, meters the per-hour quota per bucket and the
 * per-second burst limit with the injected clock, and hands the request to the
 * service that owns its path prefix (Track v9 at /api/v9). The faults are in
 * fake-toggl-faults.c, quota and bursts in fake-toggl-quota.c, the request
 * log in fake-toggl-log.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include "fake-toggl-private.h"
#include "fake-toggl-transport-private.h"
#include "fake-toggl-focus-private.h"

#define TRACK_PREFIX "/api/v9"

G_DEFINE_FINAL_TYPE (FakeToggl, fake_toggl, G_TYPE_OBJECT)

gint64
fake_toggl_now (FakeToggl *self)
{
  return stint_clock_now (self->clock);
}

/* The way Toggl renders times: UTC with a numeric offset. */
char *
fake_toggl_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S+00:00");
}

JsonObject *
fake_toggl_find (GPtrArray *objects,
                 gint64     id)
{
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (json_object_get_int_member_with_default (object, "id", 0) == id)
        return object;
    }
  return NULL;
}

void
fake_exchange_reply (FakeExchange *ex,
                     guint         status,
                     JsonNode     *reply)
{
  g_clear_pointer (&ex->reply, json_node_unref);
  ex->status = status;
  ex->reply = reply;
}

/* Toggl's error bodies are JSON string literals. */
void
fake_exchange_error (FakeExchange *ex,
                     guint         status,
                     const char   *message)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, message);
  fake_exchange_reply (ex, status, node);
}

void
fake_message_set_json (SoupServerMessage *msg,
                       guint              status,
                       JsonNode          *reply)
{
  soup_server_message_set_status (msg, status, NULL);
  if (reply != NULL)
    {
      char *json = json_to_string (reply, FALSE);

      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, strlen (json));
    }
}

void
fake_message_set_error (SoupServerMessage *msg,
                        guint              status,
                        const char        *message)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, message);
  fake_message_set_json (msg, status, node);
}

static JsonNode *
parse_body (SoupServerMessage *msg,
            gboolean          *invalid,
            char             **text)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = NULL;
  const char *data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  *invalid = FALSE;
  if (size == 0)
    return NULL;

  *text = g_strndup (data, size);
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, NULL))
    {
      *invalid = TRUE;
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  FakeToggl *self = user_data;
  FakeTogglRequest *record;
  g_autoptr(JsonNode) body = NULL;
  Fault *fault;
  FakeExchange ex = { 0 };
  const char *authorization;

  /* The test's own channel: not Toggl traffic, so not logged or faulted. */
  if (g_str_has_prefix (path, "/__admin/"))
    return fake_toggl_admin_handle (self, msg, path);

  record = g_new0 (FakeTogglRequest, 1);
  record->method = g_strdup (soup_server_message_get_method (msg));
  record->path = g_strdup (path);
  record->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  record->user_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                               "User-Agent"));
  g_ptr_array_add (self->log, record);

  body = parse_body (msg, &ex.body_invalid, &record->body);
  g_debug ("%s %s", record->method, path);

  fault = fake_toggl_take_fault (self, record->method, path);
  if (fault != NULL && (fault->kind == FAKE_TOGGL_FAULT_STATUS ||
                        fault->kind == FAKE_TOGGL_FAULT_RATE_LIMIT ||
                        fault->kind == FAKE_TOGGL_FAULT_CLOSE_BEFORE))
    {
      fake_toggl_apply_pre_fault (msg, fault);
      record->status = fault->kind == FAKE_TOGGL_FAULT_CLOSE_BEFORE ? 0 : soup_server_message_get_status (msg);
      fake_fault_free (fault);
      return;
    }

  ex.focus = g_str_has_prefix (path, FAKE_TOGGL_FOCUS_PREFIX "/");
  if (!ex.focus && !g_str_has_prefix (path, TRACK_PREFIX "/"))
    {
      fake_message_set_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      record->status = SOUP_STATUS_NOT_FOUND;
      g_clear_pointer (&fault, fake_fault_free);
      return;
    }

  ex.fake = self;
  ex.method = record->method;
  ex.path = path + strlen (ex.focus ? FAKE_TOGGL_FOCUS_PREFIX : TRACK_PREFIX);
  ex.query = query;
  ex.body = body;

  authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  ex.user = ex.focus ? fake_toggl_focus_auth (self, authorization) : fake_toggl_track_auth (self, authorization);
  if (ex.user == NULL)
    {
      /* Focus documents 401 (README 3.1). */
      fake_message_set_error (msg, ex.focus ? SOUP_STATUS_UNAUTHORIZED : self->auth_failure_status,
                              "Incorrect username and/or password");
    }
  else if (ex.user_id = json_object_get_int_member (ex.user, "id"),
           fake_toggl_check_burst (self, &ex, msg) &&
           fake_toggl_check_quota (self, &ex, msg, record))
    {
      (ex.focus ? fake_toggl_focus_handle : fake_toggl_track_handle) (self, &ex);
      /* A 402 from a service is a plan refusal: without quota headers, as a
       * client tells it from a spent quota (README 2.2). */
      if (ex.status == SOUP_STATUS_PAYMENT_REQUIRED)
        {
          soup_message_headers_remove (soup_server_message_get_response_headers (msg), "X-Toggl-Quota-Remaining");
          soup_message_headers_remove (soup_server_message_get_response_headers (msg), "X-Toggl-Quota-Resets-In");
        }
      fake_message_set_json (msg, ex.status, ex.reply);
      record->applied = ex.applied;
    }
  /* Focus errors are {error, error_description, trace_id}, quota and auth too. */
  if (ex.focus)
    fake_toggl_focus_shape_error (self, msg);
  record->status = soup_server_message_get_status (msg);
  g_clear_pointer (&ex.reply, json_node_unref);

  if (fault == NULL)
    return;

  switch (fault->kind)
    {
    case FAKE_TOGGL_FAULT_CLOSE_AFTER:
      fake_message_drop_connection (msg);
      record->status = 0;
      break;
    case FAKE_TOGGL_FAULT_MALFORMED:
      {
        SoupMessageBody *response = soup_server_message_get_response_body (msg);
        g_autoptr(GBytes) whole = soup_message_body_flatten (response);
        gsize half = g_bytes_get_size (whole) / 2;
        g_autofree char *cut = half > 1 ? g_strndup (g_bytes_get_data (whole, NULL), half)
                                        : g_strdup ("{\"id\": 1, \"descr");

        /* The real answer, cut in the middle. */
        soup_message_body_truncate (response);
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, cut, strlen (cut));
        record->status = SOUP_STATUS_OK;
      }
      break;
    case FAKE_TOGGL_FAULT_DELAY:
      fake_toggl_delay_answer (self, msg, fault->delay_ms);
      break;
    case FAKE_TOGGL_FAULT_STATUS:
    case FAKE_TOGGL_FAULT_RATE_LIMIT:
    case FAKE_TOGGL_FAULT_CLOSE_BEFORE:
    default:
      g_assert_not_reached ();
    }
  fake_fault_free (fault);
}

static void
fake_toggl_dispose (GObject *object)
{
  FakeToggl *self = (FakeToggl *)object;

  g_list_free_full (g_steal_pointer (&self->delayed), (GDestroyNotify)fake_delayed_free);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (fake_toggl_parent_class)->dispose (object);
}

static void
fake_toggl_finalize (GObject *object)
{
  FakeToggl *self = (FakeToggl *)object;

  g_free (self->url);
  g_ptr_array_unref (self->users);
  g_ptr_array_unref (self->workspaces);
  g_ptr_array_unref (self->projects);
  g_ptr_array_unref (self->tags);
  g_ptr_array_unref (self->clients);
  g_ptr_array_unref (self->tasks);
  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->buckets);
  g_hash_table_unref (self->bursts);
  g_queue_clear_full (&self->faults, (GDestroyNotify)fake_fault_free);
  g_ptr_array_unref (self->log);
  g_clear_pointer (&self->focus, fake_toggl_focus_free);

  G_OBJECT_CLASS (fake_toggl_parent_class)->finalize (object);
}

static void
fake_toggl_class_init (FakeTogglClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fake_toggl_dispose;
  object_class->finalize = fake_toggl_finalize;
}

static void
fake_toggl_init (FakeToggl *self)
{
  self->users = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  self->workspaces = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  self->projects = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  self->tags = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  self->clients = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  self->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  /* Above 2^32: ids must survive as 64-bit all the way. */
  self->next_id = G_GINT64_CONSTANT (5000000000);
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->bursts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->user_quota = 30;
  self->workspace_quota = 30;
  self->auth_failure_status = SOUP_STATUS_FORBIDDEN;
  self->idle_current_status = SOUP_STATUS_OK;
  g_queue_init (&self->faults);
  self->log = g_ptr_array_new_with_free_func ((GDestroyNotify)fake_request_free);
}

/**
 * fake_toggl_new:
 * @clock: (nullable): the clock quota windows and entry times follow; %NULL
 *   for the system clock
 * @port: the port on 127.0.0.1, or 0 for any free one
 *
 * Listens at once, on the thread-default main context.
 */
FakeToggl *
fake_toggl_new (StintClock  *clock,
                guint        port,
                GError     **error)
{
  g_autoptr(FakeToggl) self = g_object_new (FAKE_TYPE_TOGGL, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSList *uris;

  self->clock = clock != NULL ? g_object_ref (clock) : stint_clock_new_system ();
  self->server = soup_server_new ("server-header", "fake-toggl ", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);

  if (!soup_server_listen (self->server, address, 0, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  /* No trailing slash: callers append paths. */
  if (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';

  return g_steal_pointer (&self);
}

gboolean
fake_toggl_load_fixture_data (FakeToggl   *self,
                              const char  *json,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "fixture is not a JSON object");
      return FALSE;
    }

  return fake_toggl_track_load (self, json_node_get_object (root), error) &&
         fake_toggl_focus_load (self, json_node_get_object (root), error);
}

gboolean
fake_toggl_load_fixture (FakeToggl   *self,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), FALSE);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;

  return fake_toggl_load_fixture_data (self, contents, error);
}

const char *
fake_toggl_get_url (FakeToggl *self)
{
  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);
  return self->url;
}

char *
fake_toggl_dup_track_url (FakeToggl *self)
{
  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);
  return g_strconcat (self->url, TRACK_PREFIX, NULL);
}

StintClock *
fake_toggl_get_clock (FakeToggl *self)
{
  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);
  return self->clock;
}

/* Track documents 403 for bad credentials; 401 is possible too. */
void
fake_toggl_set_auth_failure_status (FakeToggl *self,
                                    guint      status)
{
  g_return_if_fail (FAKE_IS_TOGGL (self));
  self->auth_failure_status = status;
}
