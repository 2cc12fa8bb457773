/* fake-toggl-log.c: the requests that reached the fake
 *
 * fake-toggl.c records every Toggl request (method, path, query, body,
 * quota bucket, User-Agent and status; never the Authorization header),
 * with admin requests left out, so a test sees exactly what Stint sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include "fake-toggl-transport-private.h"

void
fake_request_free (FakeTogglRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->body);
  g_free (request->bucket);
  g_free (request->user_agent);
  g_free (request);
}

guint
fake_toggl_get_n_requests (FakeToggl *self)
{
  g_return_val_if_fail (FAKE_IS_TOGGL (self), 0);
  return self->log->len;
}

const FakeTogglRequest *
fake_toggl_get_request (FakeToggl *self,
                        guint      index)
{
  g_return_val_if_fail (FAKE_IS_TOGGL (self), NULL);
  g_return_val_if_fail (index < self->log->len, NULL);
  return g_ptr_array_index (self->log, index);
}

guint
fake_toggl_count_requests (FakeToggl  *self,
                           const char *method,
                           const char *path_glob)
{
  guint n = 0;

  g_return_val_if_fail (FAKE_IS_TOGGL (self), 0);

  for (guint i = 0; i < self->log->len; i++)
    {
      FakeTogglRequest *request = g_ptr_array_index (self->log, i);

      if ((method == NULL || g_ascii_strcasecmp (method, request->method) == 0) &&
          (path_glob == NULL || g_pattern_match_simple (path_glob, request->path)))
        n++;
    }
  return n;
}

void
fake_toggl_clear_log (FakeToggl *self)
{
  g_return_if_fail (FAKE_IS_TOGGL (self));
  g_ptr_array_set_size (self->log, 0);
}
