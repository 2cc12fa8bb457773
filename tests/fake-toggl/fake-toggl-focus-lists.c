/* fake-toggl-focus-lists.c: the fake's Toggl Focus lists and bulk changes
 *
 * `~/time-entries` (paged), `~/time-entries/stream` (one array) and
 * `~/tasks/{task}/time-entries` (paged), and the bulk delete and restore of
 * `~/time-entries/bulk`, with the entry helpers of
 * fake-toggl-focus-entries.c (see there for the rules the fake follows).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-toggl"

#include "config.h"

#include "api/stint-json.h"

#include "fake-toggl-focus-private.h"

static const char * const te_missing = "Time entry does not exist";

/* --- lists --------------------------------------------------------------- */

static int
by_start (gconstpointer a,
          gconstpointer b)
{
  JsonObject *ea = *(JsonObject **)a;
  JsonObject *eb = *(JsonObject **)b;
  gint64 sa = fake_focus_entry_start (ea), sb = fake_focus_entry_start (eb);
  gint64 ia = json_object_get_int_member (ea, "id"), ib = json_object_get_int_member (eb, "id");

  return sa != sb ? (sa < sb ? -1 : 1) : (ia < ib ? -1 : ia > ib ? 1 : 0);
}

/* The user's live entries of the workspace the query selects, rendered
 * (owned), by start; NULL after answering 400. @task_id > 0: that task's. */
static GPtrArray *
select_entries (FakeToggl    *self,
                FakeExchange *ex,
                gint64        workspace_id,
                gint64        task_id,
                gboolean      dated)
{
  GPtrArray *entries = fake_focus_get (self)->entries;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GPtrArray *rendered;
  const char *type = fake_focus_query (ex, "type");
  const char *archived = fake_focus_query (ex, "archived");
  gboolean taskless = g_strcmp0 (fake_focus_query (ex, "include_taskless"), "true") == 0 || task_id > 0;
  gint64 from = 0, to = 0;

  if (dated)
    {
      for (guint i = 0; i < 2; i++)
        {
          const char *name = i == 0 ? "date_from" : "date_to";
          const char *text = fake_focus_query (ex, name);
          g_autofree char *message = NULL;

          if (text != NULL && stint_json_parse_time (text, i == 0 ? &from : &to))
            continue;
          if (text == NULL)
            message = g_strdup_printf ("Key: '%s' Error:Field validation for '%s' failed on the 'required' tag",
                                       name, name);
          else
            message = g_strdup_printf ("parsing time \"%s\" as \"2006-01-02T15:04:05Z07:00\"", text);
          fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation", message);
          return NULL;
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (entries, i);
      gint64 start = fake_focus_entry_start (entry);

      if (json_object_get_int_member (entry, "toggl_user_id") != ex->user_id ||
          !fake_focus_in_workspace (entry, workspace_id) || !fake_focus_entry_live (entry) ||
          (dated && (start < from || start > to)) ||
          (task_id > 0 && json_object_get_int_member_with_default (entry, "task_id", 0) != task_id) ||
          (!taskless && !fake_focus_has_value (entry, "task_id")) ||
          (type != NULL && g_strcmp0 (json_object_get_string_member (entry, "type"), type) != 0) ||
          (archived != NULL && fake_focus_has_value (entry, "archived_at") != g_str_equal (archived, "true")))
        continue;
      g_ptr_array_add (found, entry);
    }

  g_ptr_array_sort (found, by_start);
  rendered = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (rendered, fake_focus_render (self, g_ptr_array_index (found, i), TRUE));
  return rendered;
}

void
fake_focus_list (FakeToggl    *self,
      FakeExchange *ex,
      gint64        workspace_id,
      gint64        task_id,
      gboolean      stream)
{
  g_autoptr(GPtrArray) found = select_entries (self, ex, workspace_id, task_id, task_id == 0);
  g_autoptr(JsonArray) array = NULL;
  JsonNode *page;

  if (found == NULL)
    return;
  if (!stream)
    {
      /* `total` is not reliably there (README §3.5): the fake never sends it. */
      if ((page = fake_focus_page (ex, found, FALSE)) != NULL)
        fake_exchange_reply (ex, SOUP_STATUS_OK, page);
      return;
    }

  array = json_array_new ();
  for (guint i = 0; i < found->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (found, i)));
  fake_exchange_reply (ex, SOUP_STATUS_OK, json_node_init_array (json_node_alloc (), array));
}

/* --- bulk ---------------------------------------------------------------- */

/* `ids=1,2,3` as clients send it live, or `ids[]=…` as documented (one
 * value, or comma-separated: the fake sees one value per name). */
static GArray *
query_ids (FakeExchange *ex)
{
  const char *text = fake_focus_query (ex, "ids") != NULL ? fake_focus_query (ex, "ids") : fake_focus_query (ex, "ids[]");
  g_auto(GStrv) parts = text != NULL ? g_strsplit (text, ",", -1) : NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      gint64 id;

      if (g_ascii_string_to_signed (parts[i], 10, 1, G_MAXINT64, &id, NULL))
        g_array_append_val (ids, id);
    }
  return ids;
}

/* DELETE ~/time-entries/bulk and PATCH ~/time-entries/bulk/restore: the ids
 * of the query; 404 when none of them is there to delete or restore. */
static void
bulk_delete (FakeToggl    *self,
             FakeExchange *ex,
             gint64        workspace_id,
             gboolean      restore)
{
  g_autoptr(GArray) ids = query_ids (ex);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  if (ids->len == 0)
    return fake_focus_error (ex, SOUP_STATUS_BAD_REQUEST, "validation",
                             "Key: 'IDs' Error:Field validation for 'IDs' failed on the 'required' tag");
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *entry = fake_toggl_find (fake_focus_get (self)->entries, g_array_index (ids, gint64, i));

      if (entry != NULL && json_object_get_int_member (entry, "toggl_user_id") == ex->user_id &&
          fake_focus_in_workspace (entry, workspace_id) && fake_focus_entry_live (entry) != restore)
        g_ptr_array_add (found, entry);
    }
  if (found->len == 0)
    return fake_focus_error (ex, SOUP_STATUS_NOT_FOUND, "not_found", te_missing);

  for (guint i = 0; i < found->len; i++)
    {
      fake_focus_set_time (g_ptr_array_index (found, i), "deleted_at", restore ? 0 : fake_toggl_now (self));
      fake_focus_touch (self, g_ptr_array_index (found, i));
    }
  ex->applied = TRUE;
  fake_exchange_reply (ex, SOUP_STATUS_NO_CONTENT, NULL);
}

void
fake_focus_bulk (FakeToggl    *self,
      FakeExchange *ex,
      gint64        workspace_id,
      gboolean      restore)
{
  const char *m = ex->method;

  /* Bulk create and patch answer no ids: Stint does not use them, and the
   * fake does not fake them. */
  if ((restore && g_str_equal (m, "PATCH")) || (!restore && g_str_equal (m, "DELETE")))
    return bulk_delete (self, ex, workspace_id, restore);
  fake_focus_error (ex, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed");
}
