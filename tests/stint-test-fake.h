/* stint-test-fake.h: the fake Toggl, as the integration tests start it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fake-toggl.h"
#include "stint-test-utils.h"

G_BEGIN_DECLS

FakeToggl *stint_test_fake_toggl_new  (StintClock  *clock,
                                       const char  *fixture);
StintHttp *stint_test_fake_track_http (FakeToggl   *fake,
                                       StintClock  *clock,
                                       const char  *token);

G_END_DECLS
