/* stint-track-backend.h: StintBackend for Toggl Track (API v9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "api/stint-backend.h"
#include "api/stint-http.h"

G_BEGIN_DECLS

#define STINT_TYPE_TRACK_BACKEND (stint_track_backend_get_type ())
G_DECLARE_FINAL_TYPE (StintTrackBackend, stint_track_backend, STINT, TRACK_BACKEND, GObject)

StintTrackBackend *stint_track_backend_new      (StintHttp         *http);
StintHttp         *stint_track_backend_get_http (StintTrackBackend *self);

G_END_DECLS
