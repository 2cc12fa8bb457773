/* stint-track-codec.h: Toggl Track v9 JSON to and from Stint's models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "model/stint-customer.h"
#include "model/stint-entry.h"
#include "model/stint-project.h"
#include "model/stint-tag.h"
#include "model/stint-task.h"

G_BEGIN_DECLS

/* What Stint writes into every entry it creates: Toggl shows it as the source. */
#define STINT_TRACK_CREATED_WITH "Stint"

/* @billable: the plan allows billable time (`premium`, i.e. Starter, or
 * `business_ws`, Premium); %TRUE when the reply says neither. */
typedef struct
{
  gint64    id;
  gint64    organization_id;
  char     *name;
  gboolean  billable;
} StintTrackWorkspace;

/**
 * StintTrackAccount:
 *
 * What `GET /me?with_related_data=true` says. @api_token is only set when the
 * server sent it (after an email + password sign-in); never log it.
 * The arrays hold StintTrackWorkspace, StintProject, StintTag, StintEntry,
 * StintCustomer (Toggl's clients) and StintTask; they are empty, not %NULL,
 * when the reply had none.
 */
typedef struct
{
  gint64     user_id;
  char      *email;
  char      *fullname;
  char      *timezone;
  char      *api_token;
  gint64     default_workspace_id;
  GPtrArray *workspaces;
  GPtrArray *projects;
  GPtrArray *tags;
  GPtrArray *entries;
  GPtrArray *clients;
  GPtrArray *tasks;
} StintTrackAccount;

void stint_track_workspace_free (StintTrackWorkspace *workspace);
void stint_track_account_free   (StintTrackAccount   *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintTrackWorkspace, stint_track_workspace_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintTrackAccount, stint_track_account_free)

StintEntry        *stint_track_codec_parse_entry      (JsonNode    *node,
                                                       gboolean    *deleted,
                                                       GError     **error);
gboolean           stint_track_codec_parse_entries    (JsonNode    *node,
                                                       GPtrArray  **entries,
                                                       GArray     **deleted_ids,
                                                       GError     **error);
JsonNode          *stint_track_codec_build_create     (StintEntry  *entry);
JsonNode          *stint_track_codec_build_update     (StintEntry  *entry,
                                                       StintEntry  *before);

StintProject      *stint_track_codec_parse_project    (JsonNode    *node,
                                                       gboolean    *deleted,
                                                       GError     **error);
GPtrArray         *stint_track_codec_parse_projects   (JsonNode    *node,
                                                       GError     **error);
JsonNode          *stint_track_codec_build_project    (const char  *name,
                                                       const char  *color);
StintTag          *stint_track_codec_parse_tag        (JsonNode    *node,
                                                       gboolean    *deleted,
                                                       GError     **error);
GPtrArray         *stint_track_codec_parse_tags       (JsonNode    *node,
                                                       GError     **error);
JsonNode          *stint_track_codec_build_tag        (const char  *name);
StintCustomer     *stint_track_codec_parse_client     (JsonNode    *node,
                                                       gboolean    *deleted,
                                                       GError     **error);
GPtrArray         *stint_track_codec_parse_clients    (JsonNode    *node,
                                                       GError     **error);
JsonNode          *stint_track_codec_build_client     (const char  *name);
StintTask         *stint_track_codec_parse_task       (JsonNode    *node,
                                                       gboolean    *deleted,
                                                       GError     **error);
GPtrArray         *stint_track_codec_parse_tasks      (JsonNode    *node,
                                                       GError     **error);
GPtrArray         *stint_track_codec_parse_workspaces (JsonNode    *node,
                                                       GError     **error);
StintTrackAccount *stint_track_codec_parse_me         (JsonNode    *node,
                                                       GError     **error);

G_END_DECLS
