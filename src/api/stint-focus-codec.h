/* stint-focus-codec.h: Toggl Focus JSON to and from Stint's models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "model/stint-customer.h"
#include "model/stint-entry.h"
#include "model/stint-project.h"
#include "model/stint-tag.h"

G_BEGIN_DECLS

/* Focus's `type` of a time entry: work, or a break. */
#define STINT_FOCUS_TYPE_ACTIVITY "activity"
#define STINT_FOCUS_TYPE_BREAK    "break"

/**
 * StintFocusEntryKind:
 * @STINT_FOCUS_ENTRY_TRACKED: time that was (or is being) tracked
 * @STINT_FOCUS_ENTRY_PLANNED: a calendar plan with no `start`: not tracked time
 * @STINT_FOCUS_ENTRY_DELETED: carries `deleted_at`: gone, only its id counts
 */
typedef enum {
  STINT_FOCUS_ENTRY_TRACKED,
  STINT_FOCUS_ENTRY_PLANNED,
  STINT_FOCUS_ENTRY_DELETED,
} StintFocusEntryKind;

/**
 * StintFocusEntries:
 * @entries: (element-type StintEntry): tracked entries
 * @deleted_ids: (element-type gint64): ids of entries that came with `deleted_at`
 * @n_items: every element the reply held, planned and deleted ones included:
 *   what paging compares with `per_page`
 * @n_planned: calendar plans left out
 * @page: the page number the reply says, 0 when it is not a page
 * @per_page: its page size, 0 when not said
 * @total: the total it says, -1 when it does not (Focus often does not)
 */
typedef struct
{
  GPtrArray *entries;
  GArray    *deleted_ids;
  guint      n_items;
  guint      n_planned;
  gint64     page;
  gint64     per_page;
  gint64     total;
} StintFocusEntries;

/**
 * StintFocusSettings:
 * @user_id: the user's id when the settings carry one, else 0 (not documented)
 * @current_workspace_id: the workspace the Focus web app last had open, 0 if none
 */
typedef struct
{
  gint64  user_id;
  gint64  current_workspace_id;
} StintFocusSettings;

void stint_focus_entries_free (StintFocusEntries *entries);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StintFocusEntries, stint_focus_entries_free)

StintEntry         *stint_focus_codec_parse_entry    (JsonNode            *node,
                                                      GHashTable          *tag_names,
                                                      StintFocusEntryKind *kind,
                                                      gint64              *id,
                                                      GError             **error);
gboolean            stint_focus_codec_names_tags     (JsonNode            *node,
                                                      GHashTable          *tag_names);
StintFocusEntries  *stint_focus_codec_parse_entries  (JsonNode            *node,
                                                      GHashTable          *tag_names,
                                                      GError             **error);
JsonNode           *stint_focus_codec_build_start    (StintEntry          *entry);
JsonNode           *stint_focus_codec_build_create   (StintEntry          *entry,
                                                      GArray              *tag_ids,
                                                      gboolean             task_scoped);
JsonNode           *stint_focus_codec_build_update   (StintEntry          *entry,
                                                      StintEntry          *before,
                                                      GArray              *tag_ids);
JsonNode           *stint_focus_codec_build_stop     (gint64               end);

gboolean            stint_focus_codec_parse_settings (JsonNode            *node,
                                                      StintFocusSettings  *settings,
                                                      GError             **error);
StintProject       *stint_focus_codec_parse_project  (JsonNode            *node,
                                                      GError             **error);
GPtrArray          *stint_focus_codec_parse_projects (JsonNode            *node,
                                                      gint64              *total,
                                                      guint               *n_items,
                                                      GError             **error);
JsonNode           *stint_focus_codec_build_project  (const char          *name,
                                                      const char          *color);
StintTag           *stint_focus_codec_parse_tag      (JsonNode            *node,
                                                      GError             **error);
GPtrArray          *stint_focus_codec_parse_tags     (JsonNode            *node,
                                                      GError             **error);
JsonNode           *stint_focus_codec_build_tag      (const char          *name);
StintCustomer      *stint_focus_codec_parse_client   (JsonNode            *node,
                                                      GError             **error);
GPtrArray          *stint_focus_codec_parse_clients  (JsonNode            *node,
                                                      GError             **error);
JsonNode           *stint_focus_codec_build_client   (const char          *name);

G_END_DECLS
