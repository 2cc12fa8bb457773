/* http-fixture.h: what the StintHttp tests share
 *
 * Included by test-http.c, test-http-faults.c and test-http-log.c, which
 * are one suite split by topic: the in-process fake Toggl and a client
 * signed in as Ada, on a manual clock; run (), which sends one request and
 * iterates the main context the server shares until the callback has run;
 * and the check that an error is a sentence of the expected class.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "api/stint-http.h"
#include "stint-test-fake.h"

#define ADA_TOKEN "3f2a9c4e8b7d6a5f1e0c9b8a7d6e5f4a"
#define ADA_ID 1001
/* 2025-03-03T13:05:00Z */
#define T0 G_GINT64_CONSTANT (1741007100)

typedef struct
{
  StintClock *clock;
  FakeToggl  *fake;
  StintHttp  *http;
} Fixture;

typedef struct
{
  gboolean      done;
  JsonNode     *node;
  StintApiMeta  meta;
  GError       *error;
} Result;

G_GNUC_UNUSED static void
result_clear (Result *result)
{
  g_clear_pointer (&result->node, json_node_unref);
  g_clear_error (&result->error);
}

G_GNUC_UNUSED static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->clock = stint_clock_new_manual (T0 * G_USEC_PER_SEC);
  f->fake = stint_test_fake_toggl_new (f->clock, "fake-toggl-accounts.json");
  f->http = stint_test_fake_track_http (f->fake, f->clock, ADA_TOKEN);
}

G_GNUC_UNUSED static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->http);
  g_clear_object (&f->fake);
  g_clear_object (&f->clock);
}

G_GNUC_UNUSED static void
request_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  Result *result = user_data;

  result->node = stint_http_request_finish (STINT_HTTP (object), res, &result->meta, &result->error);
  result->done = TRUE;
}

G_GNUC_UNUSED static void
run (Fixture      *f,
     const char   *method,
     const char   *path,
     const char   *body,
     GCancellable *cancellable,
     Result       *result)
{
  g_autoptr(JsonNode) node = NULL;

  result_clear (result);
  result->done = FALSE;
  if (body != NULL)
    {
      g_autoptr(GError) error = NULL;

      node = json_from_string (body, &error);
      g_assert_no_error (error);
    }

  stint_http_request_async (f->http, method, path, node, cancellable, request_cb, result);
  STINT_TEST_WAIT_FOR (result->done);
}

G_GNUC_UNUSED static void
assert_api_error (Result     *result,
                  int         code,
                  const char *fragment)
{
  g_assert_error (result->error, STINT_API_ERROR, code);
  g_assert_null (result->node);
  if (fragment != NULL && strstr (result->error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", result->error->message, fragment);
  /* Sentences, not markup or dumps. */
  g_assert_null (strchr (result->error->message, '<'));
}

G_GNUC_UNUSED static const char *valid_create =
  "{\"created_with\":\"Stint\",\"workspace_id\":5001,\"start\":\"2025-03-03T12:00:00Z\",\"duration\":-1}";
