/* stint-store-clients.c: clients, Stint's customers
 *
 * Clients come only from the server: a pull replaces the account's whole
 * list at once, keeping the local id of every client it still has, so the
 * projects that name a client (by local id, as entries name their project)
 * keep it. A client the server no longer lists is removed, and its projects
 * go back to having none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-store"

#include "config.h"

#include <json-glib/json-glib.h>

#include "stint-store-private.h"

/* The local id of the account's client the server knows as @server_id; 0
 * when there is none, or on error (which @error then says). */
static gboolean
find_customer (StintStore  *self,
               gint64       server_id,
               gint64      *id,
               GError     **error)
{
  g_auto(StintStoreStmt) stmt = NULL;

  stmt = stint_store_prepare_scoped (self,
                                     "SELECT id FROM clients WHERE server_id = ?1 AND {account}",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, server_id);

  return stint_store_step_int64 (self, stmt, id, error);
}

static gboolean
write_customer (StintStore     *self,
                StintCustomer  *customer,
                GError        **error)
{
  g_auto(StintStoreStmt) stmt = NULL;
  gint64 id = 0;

  if (!find_customer (self, stint_customer_get_server_id (customer), &id, error))
    return FALSE;

  if (id != 0)
    stmt = stint_store_prepare_scoped (self,
                                       "UPDATE clients SET server_id = ?2, workspace_id = ?3,"
                                       " name = ?4, archived = ?5 WHERE id = ?1 AND {account}",
                                       error);
  else
    stmt = stint_store_prepare_scoped (self,
                                       "INSERT INTO clients (id, server_id, workspace_id, name,"
                                       " archived, account) VALUES (?1, ?2, ?3, ?4, ?5,"
                                       " " STINT_STORE_ACCOUNT_PARAM ")",
                                       error);
  if (stmt == NULL)
    return FALSE;

  stint_store_bind_id (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, stint_customer_get_server_id (customer));
  sqlite3_bind_int64 (stmt, 3, stint_customer_get_workspace_id (customer));
  stint_store_bind_text (stmt, 4, stint_customer_get_name (customer));
  sqlite3_bind_int (stmt, 5, stint_customer_get_archived (customer) ? 1 : 0);
  if (!stint_store_step_done (self, stmt, error))
    return FALSE;

  stint_customer_set_id (customer, id != 0 ? id : sqlite3_last_insert_rowid (self->db));

  return TRUE;
}

/* Removes the account's clients whose local ids are not in @kept (a JSON
 * array, so one cached statement serves any number), and the link of the
 * account's projects to a client that is gone. */
static gboolean
remove_others (StintStore  *self,
               const char  *kept,
               GError     **error)
{
  {
    g_auto(StintStoreStmt) stmt = NULL;

    stmt = stint_store_prepare_scoped (self,
                                       "DELETE FROM clients WHERE {account}"
                                       " AND id NOT IN (SELECT value FROM json_each (?1))",
                                       error);
    if (stmt == NULL)
      return FALSE;

    stint_store_bind_text (stmt, 1, kept);
    if (!stint_store_step_done (self, stmt, error))
      return FALSE;
  }

  {
    g_auto(StintStoreStmt) stmt = NULL;

    stmt = stint_store_prepare_scoped (self,
                                       "UPDATE projects SET client_id = 0"
                                       " WHERE {account} AND client_id != 0"
                                       " AND client_id NOT IN (SELECT id FROM clients)",
                                       error);
    if (stmt == NULL)
      return FALSE;

    return stint_store_step_done (self, stmt, error);
  }
}

static gboolean
replace_customers (StintStore  *self,
                   GPtrArray   *customers,
                   GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *kept = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < customers->len; i++)
    {
      StintCustomer *customer = g_ptr_array_index (customers, i);

      if (!write_customer (self, customer, error))
        return FALSE;
      json_builder_add_int_value (builder, stint_customer_get_id (customer));
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  kept = json_to_string (root, FALSE);

  return remove_others (self, kept, error);
}

/* Shared with the other stint-store*.c files. */

/* The local id of the client the server knows as @server_id; 0 if none. */
gint64
stint_store_customer_local_id (StintStore *self,
                               gint64      server_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (server_id == 0 || self->schema_version < STINT_STORE_CLIENTS_SCHEMA)
    return 0;

  if (!find_customer (self, server_id, &id, &error))
    g_debug ("Looking up client %" G_GINT64_FORMAT ": %s", server_id, error->message);

  return id;
}

/* Public API */

/**
 * stint_store_load_customers:
 *
 * Returns: (transfer container) (element-type StintCustomer): the account's
 *   clients, archived ones too, by name; %NULL on error
 */
GPtrArray *
stint_store_load_customers (StintStore  *self,
                            GError     **error)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(StintStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STINT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->schema_version < STINT_STORE_CLIENTS_SCHEMA)
    return g_steal_pointer (&customers);

  stmt = stint_store_prepare_scoped (self,
                                     "SELECT id, server_id, workspace_id, name, archived"
                                     " FROM clients WHERE {account}"
                                     " ORDER BY name COLLATE NOCASE, id",
                                     error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StintCustomer *customer = stint_customer_new (sqlite3_column_int64 (stmt, 0),
                                                    (const char *)sqlite3_column_text (stmt, 3));

      stint_customer_set_server_id (customer, sqlite3_column_int64 (stmt, 1));
      stint_customer_set_workspace_id (customer, sqlite3_column_int64 (stmt, 2));
      stint_customer_set_archived (customer, sqlite3_column_int (stmt, 4) != 0);
      g_ptr_array_add (customers, customer);
    }

  if (rc != SQLITE_DONE)
    {
      stint_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&customers);
}

/**
 * stint_store_replace_customers:
 * @customers: (element-type StintCustomer): every client of the account as
 *   the server has them (server ids set); each one's id is set to its row's
 *
 * Makes the account's clients exactly @customers, in one transaction. A
 * client already stored keeps its local id; one no longer listed is
 * removed, and projects that named it have no client any more.
 */
gboolean
stint_store_replace_customers (StintStore  *self,
                               GPtrArray   *customers,
                               GError     **error)
{
  g_return_val_if_fail (STINT_IS_STORE (self), FALSE);
  g_return_val_if_fail (customers != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < customers->len; i++)
    g_return_val_if_fail (stint_customer_get_server_id (g_ptr_array_index (customers, i)) > 0,
                          FALSE);

  if (!stint_store_begin (self, error))
    return FALSE;

  if (!replace_customers (self, customers, error) || !stint_store_commit (self, error))
    {
      stint_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}
