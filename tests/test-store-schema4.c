/* test-store-schema4.c: what schema 4 brought to the store: breaks that
 * survive a restart, clients, what each workspace allows, and the migration
 * to it from the first schema and the last
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "store/stint-store.h"
#include "stint-test-utils.h"

/* 2024-03-01 09:00 UTC */
#define T0 G_GINT64_CONSTANT (1709283600)
#define HOUR 3600

#define TRACK "track:1001"

typedef StintTestStore Fixture;

static GPtrArray *
load_projects (StintStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *projects;

  projects = stint_store_load_projects (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (projects);

  return projects;
}

static GPtrArray *
load_customers (StintStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *customers;

  customers = stint_store_load_customers (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customers);

  return customers;
}

static StintCustomer *
server_customer (gint64      server_id,
                 const char *name)
{
  StintCustomer *customer = stint_customer_new (0, name);

  stint_customer_set_server_id (customer, server_id);
  stint_customer_set_workspace_id (customer, 5001);
  return customer;
}

static void
replace_customers (StintStore *store,
                   GPtrArray  *customers)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_store_replace_customers (store, customers, &error));
  g_assert_no_error (error);
}

static void
apply_project (StintStore   *store,
               gint64        server_id,
               const char   *name,
               gint64        customer_server_id)
{
  g_autoptr(StintProject) project = stint_project_new (0, name, "#e66100");
  g_autoptr(GError) error = NULL;

  stint_project_set_server_id (project, server_id);
  stint_project_set_workspace_id (project, 5001);
  stint_project_set_customer_id (project, customer_server_id);
  g_assert_true (stint_store_apply_pulled_project (store, project, &error));
  g_assert_no_error (error);
}

/* Breaks */

static void
test_break_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(StintEntry) rest = stint_test_entry_new ("Coffee", T0, 0);
  g_autoptr(StintEntry) work = stint_test_entry_new ("Write", T0 - HOUR, T0);
  g_autoptr(StintEntry) loaded = NULL;
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(GError) error = NULL;

  stint_entry_set_break (rest, TRUE);
  g_assert_true (stint_store_insert_entry (f->store, rest, STINT_OUTBOX_NONE, &error));
  g_assert_true (stint_store_insert_entry (f->store, work, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);

  /* A Focus break still is one after a restart, and work still is work. */
  stint_test_store_reopen (f);
  running = stint_store_load_running (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (stint_entry_get_break (running));
  loaded = stint_test_load_entry (f->store, stint_entry_get_id (work));
  g_assert_false (stint_entry_get_break (loaded));

  /* Stopped, and changed back to work: both kept. */
  stint_entry_set_stop (running, T0 + 600);
  g_assert_true (stint_store_update_entry (f->store, running, STINT_OUTBOX_UPDATE, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = stint_test_load_entry (f->store, stint_entry_get_id (rest));
  g_assert_true (stint_entry_get_break (loaded));
  g_assert_cmpint (stint_entry_get_stop (loaded), ==, T0 + 600);

  stint_entry_set_break (loaded, FALSE);
  g_assert_true (stint_store_update_entry (f->store, loaded, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = stint_test_load_entry (f->store, stint_entry_get_id (rest));
  g_assert_false (stint_entry_get_break (loaded));
}

/* A pulled break stored once is the same as the next pull's copy of it:
 * nothing to write again. */
static void
test_break_pulled_unchanged (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(StintEntry) pulled = stint_test_entry_new ("Walk", T0, T0 + 900);
  g_autoptr(GError) error = NULL;
  gint64 local_id = 0;

  stint_test_set_account (f->store, TRACK);
  stint_entry_set_server_id (pulled, 77);
  stint_entry_set_at (pulled, T0 + 901);
  stint_entry_set_break (pulled, TRUE);

  g_assert_true (stint_store_apply_pulled_entry (f->store, pulled, &local_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (local_id, >, 0);

  stint_test_store_reopen (f);
  g_assert_true (stint_store_apply_pulled_entry (f->store, pulled, &local_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (local_id, ==, 0);
}

/* Clients */

static void
test_clients_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  StintCustomer *acme;
  StintProject *site;
  gint64 acme_id;

  stint_test_set_account (f->store, TRACK);

  g_ptr_array_add (customers, server_customer (301, "Acme"));
  g_ptr_array_add (customers, server_customer (302, "Globex"));
  stint_customer_set_archived (customers->pdata[1], TRUE);
  g_ptr_array_add (customers, server_customer (303, "binary café ☕"));
  replace_customers (f->store, customers);
  acme_id = stint_customer_get_id (customers->pdata[0]);
  g_assert_cmpint (acme_id, >, 0);

  /* Projects name their client by the server's id; the store keeps the
   * local one and knows its name. */
  apply_project (f->store, 201, "Website", 301);
  apply_project (f->store, 202, "Internal", 0);
  apply_project (f->store, 203, "Unknown client", 999);

  stint_test_store_reopen (f);
  loaded = load_customers (f->store);
  g_assert_cmpuint (loaded->len, ==, 3);
  acme = loaded->pdata[0];
  g_assert_cmpstr (stint_customer_get_name (acme), ==, "Acme");
  g_assert_cmpint (stint_customer_get_id (acme), ==, acme_id);
  g_assert_cmpint (stint_customer_get_server_id (acme), ==, 301);
  g_assert_cmpint (stint_customer_get_workspace_id (acme), ==, 5001);
  g_assert_false (stint_customer_get_archived (acme));
  g_assert_cmpstr (stint_customer_get_name (loaded->pdata[1]), ==, "binary café ☕");
  g_assert_true (stint_customer_get_archived (loaded->pdata[2]));

  projects = load_projects (f->store);
  site = stint_test_find_project (projects, "Website");
  g_assert_cmpint (stint_project_get_customer_id (site), ==, acme_id);
  g_assert_cmpstr (stint_project_get_customer_name (site), ==, "Acme");
  g_assert_cmpint (stint_project_get_customer_id (stint_test_find_project (projects, "Internal")),
                   ==, 0);
  g_assert_null (stint_project_get_customer_name (stint_test_find_project (projects, "Internal")));
  g_assert_cmpint (stint_project_get_customer_id (stint_test_find_project (projects,
                                                                           "Unknown client")),
                   ==, 0);

  /* One project, loaded alone, has its client too. */
  {
    g_autoptr(StintProject) one = NULL;
    g_autoptr(GError) error = NULL;

    one = stint_store_load_project (f->store, stint_project_get_id (site), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (stint_project_get_customer_name (one), ==, "Acme");
  }

  /* Local mode sees none of the account's clients. */
  stint_test_set_account (f->store, "local");
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = load_customers (f->store);
  g_assert_cmpuint (loaded->len, ==, 0);
}

static void
test_clients_replace (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  gint64 globex_id;

  stint_test_set_account (f->store, TRACK);
  g_ptr_array_add (first, server_customer (301, "Acme"));
  g_ptr_array_add (first, server_customer (302, "Globex"));
  replace_customers (f->store, first);
  globex_id = stint_customer_get_id (first->pdata[1]);
  apply_project (f->store, 201, "Website", 301);
  apply_project (f->store, 202, "Reports", 302);

  /* The server renamed Globex and deleted Acme, and has a new client. */
  g_ptr_array_add (second, server_customer (302, "Globex Corporation"));
  g_ptr_array_add (second, server_customer (304, "Initech"));
  replace_customers (f->store, second);
  g_assert_cmpint (stint_customer_get_id (second->pdata[0]), ==, globex_id);

  loaded = load_customers (f->store);
  g_assert_cmpuint (loaded->len, ==, 2);
  g_assert_cmpstr (stint_customer_get_name (loaded->pdata[0]), ==, "Globex Corporation");
  g_assert_cmpstr (stint_customer_get_name (loaded->pdata[1]), ==, "Initech");

  /* A project keeps a client that stays (renamed), and loses one that went. */
  projects = load_projects (f->store);
  g_assert_cmpstr (stint_project_get_customer_name (stint_test_find_project (projects, "Reports")),
                   ==, "Globex Corporation");
  g_assert_cmpint (stint_project_get_customer_id (stint_test_find_project (projects, "Website")),
                   ==, 0);
  g_assert_null (stint_project_get_customer_name (stint_test_find_project (projects, "Website")));

  /* Signing out forgets the clients with the rest. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (stint_store_forget_account (f->store, TRACK, &error));
    g_assert_no_error (error);
    g_assert_cmpint (stint_test_int_on_file (f->path, "SELECT count(*) FROM clients"), ==, 0);
  }
}

/* Workspaces */

static void
replace_workspaces (StintStore                *store,
                    const StintStoreWorkspace *workspaces,
                    guint                      n,
                    gint64                     current)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (stint_store_replace_workspaces (store, workspaces, n, current, &error));
  g_assert_no_error (error);
}

static void
test_workspace_billable (Fixture       *f,
                         gconstpointer  data)
{
  static const StintStoreWorkspace free_and_paid[] = {
    { 5001, "Ada's workspace", TRUE },
    { 5002, "Bob's workspace", FALSE },
  };
  static const StintStoreWorkspace upgraded[] = {
    { 5002, "Bob's workspace", TRUE },
  };
  g_autoptr(GError) error = NULL;

  /* Local mode has no plan: billable is always there. */
  g_assert_true (stint_store_get_billable_allowed (f->store, 0));
  g_assert_true (stint_store_get_billable_allowed (f->store, 5002));

  /* An account before its first pull: nothing known, nothing hidden. */
  stint_test_set_account (f->store, TRACK);
  g_assert_true (stint_store_get_billable_allowed (f->store, 0));

  replace_workspaces (f->store, free_and_paid, G_N_ELEMENTS (free_and_paid), 5002);
  g_assert_true (stint_store_get_billable_allowed (f->store, 5001));
  g_assert_false (stint_store_get_billable_allowed (f->store, 5002));
  g_assert_true (stint_store_get_billable_allowed (f->store, 7777));
  /* Entries without a workspace yet go to the current one. */
  g_assert_false (stint_store_get_billable_allowed (f->store, 0));

  stint_test_store_reopen (f);
  g_assert_false (stint_store_get_billable_allowed (f->store, 0));

  /* Another account, or local mode, are not affected. */
  stint_test_set_account (f->store, "track:2002");
  g_assert_true (stint_store_get_billable_allowed (f->store, 5002));
  stint_test_set_account (f->store, "local");
  g_assert_true (stint_store_get_billable_allowed (f->store, 0));

  /* The plan changed, and the other workspace is gone. */
  stint_test_set_account (f->store, TRACK);
  replace_workspaces (f->store, upgraded, G_N_ELEMENTS (upgraded), 5002);
  g_assert_true (stint_store_get_billable_allowed (f->store, 0));
  g_assert_cmpint (stint_test_int_on_file (f->path, "SELECT count(*) FROM workspaces"), ==, 1);

  /* With no current workspace, an entry without one is not held back. */
  replace_workspaces (f->store, free_and_paid, G_N_ELEMENTS (free_and_paid), 0);
  g_assert_true (stint_store_get_billable_allowed (f->store, 0));
  g_assert_false (stint_store_get_billable_allowed (f->store, 5002));

  g_assert_true (stint_store_forget_account (f->store, TRACK, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stint_test_int_on_file (f->path, "SELECT count(*) FROM workspaces"), ==, 0);
  g_assert_cmpint (stint_test_int_on_file (f->path,
                                           "SELECT count(*) FROM meta WHERE key LIKE 'track:1001/%'"),
                   ==, 0);
}

/* Migrations */

static void
check_v4_works (Fixture *f)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StintEntry) rest = stint_test_entry_new ("Stretch", T0 + 30 * HOUR,
                                                     T0 + 30 * HOUR + 300);
  g_autoptr(StintEntry) loaded = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;

  stint_entry_set_break (rest, TRUE);
  g_assert_true (stint_store_insert_entry (f->store, rest, STINT_OUTBOX_NONE, &error));
  g_assert_no_error (error);
  loaded = stint_test_load_entry (f->store, stint_entry_get_id (rest));
  g_assert_true (stint_entry_get_break (loaded));

  g_ptr_array_add (customers, server_customer (301, "Acme"));
  replace_customers (f->store, customers);
  apply_project (f->store, 9001, "Stint", 301);
  projects = load_projects (f->store);
  g_assert_cmpstr (stint_project_get_customer_name (stint_test_find_project (projects, "Stint")),
                   ==, "Acme");
}

static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;

  stint_test_store_load_sql (f, "schema-v1.sql");
  f->store = stint_test_open_store (f->path);
  g_assert_cmpint (stint_store_get_schema_version (f->store), ==, STINT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (STINT_STORE_SCHEMA_VERSION, ==, 4);
  g_assert_cmpint (stint_test_int_on_file (f->path, "PRAGMA user_version"), ==, 4);

  /* Every old entry is work, every old project has no client. */
  entries = stint_store_load_entries (f->store, 0, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  for (guint i = 0; i < entries->len; i++)
    g_assert_false (stint_entry_get_break (entries->pdata[i]));
  projects = load_projects (f->store);
  g_assert_cmpuint (projects->len, ==, 2);
  for (guint i = 0; i < projects->len; i++)
    {
      g_assert_cmpint (stint_project_get_customer_id (projects->pdata[i]), ==, 0);
      g_assert_null (stint_project_get_customer_name (projects->pdata[i]));
    }

  check_v4_works (f);
}

static void
test_migrate_v3 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StintStore) reader = NULL;
  g_autoptr(StintEntry) running = NULL;
  g_autoptr(StintEntry) done = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;

  stint_test_store_load_sql (f, "schema-v3.sql");

  /* Read-only beside an older Stint (`stint --status`): no is_break, no
   * clients in the file yet, and nothing asks for them. */
  reader = stint_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_store_get_schema_version (reader), ==, 3);
  g_assert_cmpstr (stint_store_get_account (reader), ==, TRACK);
  running = stint_store_load_running (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stint_entry_get_description (running), ==, "Tracked offline");
  g_assert_false (stint_entry_get_break (running));
  projects = load_projects (reader);
  g_assert_cmpuint (projects->len, ==, 2);
  g_assert_null (stint_project_get_customer_name (projects->pdata[0]));
  g_assert_true (stint_store_get_billable_allowed (reader, 0));
  g_clear_pointer (&projects, g_ptr_array_unref);
  g_clear_object (&running);
  g_clear_object (&reader);
  {
    g_autoptr(StintStore) again = stint_store_open_readonly (f->path, &error);
    g_autoptr(GPtrArray) none = NULL;

    g_assert_no_error (error);
    none = stint_store_load_customers (again, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* Upgraded: the account, its rows and its outbox are as they were. */
  f->store = stint_test_open_store (f->path);
  g_assert_cmpint (stint_store_get_schema_version (f->store), ==, 4);
  g_assert_cmpstr (stint_store_get_account (f->store), ==, TRACK);
  running = stint_store_load_running (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_id (running), ==, 5);
  g_assert_cmpint (stint_entry_get_sync_state (running), ==, STINT_SYNC_STATE_PENDING);
  done = stint_test_load_entry (f->store, 4);
  g_assert_cmpint (stint_entry_get_server_id (done), ==, G_GINT64_CONSTANT (4000000001));
  g_assert_cmpint (stint_entry_get_project_id (done), ==, 3);
  g_assert_true (stint_entry_get_billable (done));
  g_assert_cmpstr (stint_entry_get_tags (done)[0], ==, "deep work");
  g_assert_false (stint_entry_get_break (done));

  projects = load_projects (f->store);
  g_assert_cmpuint (projects->len, ==, 2);
  g_assert_cmpstr (stint_project_get_name (projects->pdata[1]), ==, "Website");
  g_assert_cmpint (stint_project_get_server_id (projects->pdata[1]), ==, 202);

  ops = stint_store_load_outbox (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpstr (((StintOutboxOp *)ops->pdata[0])->last_error, ==, "The network is down.");
  g_assert_cmpint (((StintOutboxOp *)ops->pdata[0])->workspace_id, ==, 5001);
  since = stint_store_get_meta (f->store, "track:1001/since");
  g_assert_cmpstr (since, ==, "1709300000");

  /* Local mode's rows, its running entry among them, stayed its own. */
  stint_test_set_account (f->store, "local");
  g_clear_object (&running);
  running = stint_store_load_running (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_entry_get_id (running), ==, 3);
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 1);

  check_v4_works (f);

  /* Opening again does not migrate again. */
  stint_test_store_reopen (f);
  g_assert_cmpint (stint_store_get_schema_version (f->store), ==, 4);
}

/* A step that fails leaves the file at schema 3, every row intact. */
static void
test_migrate_v3_failed_step (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(StintStore) store = NULL;
  g_autoptr(GError) error = NULL;

  stint_test_store_load_sql (f, "schema-v3.sql");
  stint_test_sql_on_file (f->path, "CREATE TABLE workspaces (x)");

  store = stint_store_open (f->path, &error);
  g_assert_error (error, STINT_STORE_ERROR, STINT_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  g_assert_cmpint (stint_test_int_on_file (f->path, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (stint_test_int_on_file (f->path,
                                "SELECT count(*) FROM pragma_table_info ('entries')"
                                " WHERE name = 'is_break'"), ==, 0);
  g_assert_cmpint (stint_test_int_on_file (f->path,
                                "SELECT count(*) FROM sqlite_schema WHERE name = 'clients'"), ==, 0);
  g_assert_cmpint (stint_test_int_on_file (f->path, "SELECT count(*) FROM entries"), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, setup, func) \
  g_test_add ("/stint/store-schema4/" path, Fixture, NULL, setup, func, stint_test_store_teardown)

  ADD ("break/round-trip", stint_test_store_setup_open, test_break_round_trip);
  ADD ("break/pulled-unchanged", stint_test_store_setup_open, test_break_pulled_unchanged);
  ADD ("clients/round-trip", stint_test_store_setup_open, test_clients_round_trip);
  ADD ("clients/replace", stint_test_store_setup_open, test_clients_replace);
  ADD ("workspaces/billable", stint_test_store_setup_open, test_workspace_billable);
  ADD ("migrate/v1", stint_test_store_setup, test_migrate_v1);
  ADD ("migrate/v3", stint_test_store_setup, test_migrate_v3);
  ADD ("migrate/v3-failed-step", stint_test_store_setup, test_migrate_v3_failed_step);

#undef ADD

  return g_test_run ();
}
