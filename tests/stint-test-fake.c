/* stint-test-fake.c: the fake Toggl, as the integration tests start it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-test"

#include "config.h"

#include "stint-test-fake.h"

/**
 * stint_test_fake_toggl_new:
 * @clock: the time both sides agree on
 * @fixture: (nullable): the accounts to serve, a file in tests/data such as
 *   `fake-toggl-accounts.json`
 *
 * Returns: (transfer full): the fake Toggl on a free loopback port, in this
 *   process
 */
FakeToggl *
stint_test_fake_toggl_new (StintClock *clock,
                           const char *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeToggl) fake = NULL;
  g_autofree char *path = NULL;

  fake = fake_toggl_new (clock, 0, &error);
  g_assert_no_error (error);
  if (fixture != NULL)
    {
      path = g_test_build_filename (G_TEST_DIST, "data", fixture, NULL);
      g_assert_true (fake_toggl_load_fixture (fake, path, &error));
      g_assert_no_error (error);
    }

  return g_steal_pointer (&fake);
}

/* A session on @fake's Track API, signed in with @token. */
StintHttp *
stint_test_fake_track_http (FakeToggl  *fake,
                            StintClock *clock,
                            const char *token)
{
  g_autofree char *url = fake_toggl_dup_track_url (fake);

  return stint_test_http_new (clock, url, STINT_HTTP_AUTH_TRACK_TOKEN, token);
}
