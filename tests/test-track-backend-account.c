/* test-track-backend-account.c: the account's clients and tasks, against the
 * in-process fake Toggl
 *
 * A sign-in is one request: `/me?with_related_data=true` carries the clients
 * (Stint's customers) and tasks with the projects and tags. Tasks are a paid
 * feature; an account whose plan has none (Bob in the fixture, or anyone
 * after fake_toggl_set_tasks_plan()) signs in all the same, with no tasks,
 * while the task endpoints it never asks would answer 402 (checked here
 * through StintHttp, so the fake's switch is known to bite).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "api/stint-track-backend.h"
#include "api/stint-track-codec.h"
#include "stint-test-fake.h"

#define ADA_TOKEN "3f2a9c4e8b7d6a5f1e0c9b8a7d6e5f4a"
#define BOB_TOKEN "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"
#define ADA_ID 1001
#define ADA_WS 5001
#define BOB_WS 5002
/* 2025-03-03T13:05:00Z */
#define T0 G_GINT64_CONSTANT (1741007100)

typedef struct
{
  StintClock   *clock;
  FakeToggl    *fake;
  StintHttp    *http;
  StintBackend *backend;
  GPtrArray    *buckets;   /* of each `response`, in order */
} Fixture;

static void
on_response (StintBackend *backend,
             const char   *bucket,
             StintApiMeta *meta,
             Fixture      *f)
{
  g_ptr_array_add (f->buckets, g_strdup (bucket));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->clock = stint_clock_new_manual (T0 * (gint64)G_USEC_PER_SEC);
  f->fake = stint_test_fake_toggl_new (f->clock, "fake-toggl-accounts.json");
  f->http = stint_test_fake_track_http (f->fake, f->clock, ADA_TOKEN);

  f->backend = STINT_BACKEND (stint_track_backend_new (f->http));
  f->buckets = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->backend, "response", G_CALLBACK (on_response), f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->backend);
  g_clear_object (&f->http);
  g_clear_object (&f->fake);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->buckets, g_ptr_array_unref);
}

/* --- driving async calls ------------------------------------------------- */

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  STINT_TEST_WAIT_FOR (*slot != NULL);
  return *slot;
}

static StintBackendAccount *
fetch_account (Fixture  *f,
               GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_fetch_account_async (f->backend, NULL, store_result_cb, &result);
  return stint_backend_fetch_account_finish (f->backend, wait_for (&result), error);
}

static StintCustomer *
create_customer (StintBackend  *backend,
                 gint64         workspace_id,
                 const char    *name,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_backend_create_customer_async (backend, workspace_id, name, NULL, store_result_cb, &result);
  return stint_backend_create_customer_finish (backend, wait_for (&result), error);
}

/* A plain request through the session, for endpoints the backend never asks. */
static JsonNode *
request (Fixture       *f,
         const char    *method,
         const char    *path,
         StintApiMeta  *meta,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stint_http_request_async (f->http, method, path, NULL, NULL, store_result_cb, &result);
  return stint_http_request_finish (f->http, wait_for (&result), meta, error);
}

/* --- helpers ------------------------------------------------------------- */

static const FakeTogglRequest *
last_request (Fixture *f)
{
  guint n = fake_toggl_get_n_requests (f->fake);

  g_assert_cmpuint (n, >, 0);
  return fake_toggl_get_request (f->fake, n - 1);
}

static StintProject *
find_project (GPtrArray *projects,
              gint64     server_id)
{
  for (guint i = 0; i < projects->len; i++)
    if (stint_project_get_server_id (g_ptr_array_index (projects, i)) == server_id)
      return g_ptr_array_index (projects, i);
  return NULL;
}

static void
assert_error (const GError *error,
              int           code,
              const char   *fragment)
{
  g_assert_error (error, STINT_API_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
  g_assert_null (strstr (error->message, ADA_TOKEN));
}

/* A backend that implements nothing optional. */
#define BARE_TYPE_BACKEND (bare_backend_get_type ())
G_DECLARE_FINAL_TYPE (BareBackend, bare_backend, BARE, BACKEND, GObject)

struct _BareBackend
{
  GObject parent_instance;
};

static void
bare_backend_iface_init (StintBackendInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (BareBackend, bare_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STINT_TYPE_BACKEND, bare_backend_iface_init))

static void
bare_backend_class_init (BareBackendClass *klass)
{
}

static void
bare_backend_init (BareBackend *self)
{
}

/* --- fetch_account ------------------------------------------------------- */

static void
test_fetch_account (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StintBackendAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  StintCustomer *customer;
  StintProject *project;
  StintTask *task;

  account = fetch_account (f, &error);
  g_assert_no_error (error);

  /* Both clients, the archived one marked. */
  g_assert_nonnull (account->customers);
  g_assert_cmpuint (account->customers->len, ==, 2);
  customer = g_ptr_array_index (account->customers, 0);
  g_assert_cmpint (stint_customer_get_id (customer), ==, 0);
  g_assert_cmpint (stint_customer_get_server_id (customer), ==, 6001);
  g_assert_cmpint (stint_customer_get_workspace_id (customer), ==, ADA_WS);
  g_assert_cmpstr (stint_customer_get_name (customer), ==, "Charles Babbage");
  g_assert_false (stint_customer_get_archived (customer));
  customer = g_ptr_array_index (account->customers, 1);
  g_assert_cmpint (stint_customer_get_server_id (customer), ==, 6002);
  g_assert_true (stint_customer_get_archived (customer));

  /* Projects name their customer by its server id. */
  g_assert_cmpuint (account->projects->len, ==, 3);
  project = find_project (account->projects, 7003);
  g_assert_nonnull (project);
  g_assert_cmpint (stint_project_get_customer_id (project), ==, 6001);
  g_assert_cmpint (stint_project_get_customer_id (find_project (account->projects, 7001)), ==, 0);

  g_assert_nonnull (account->tasks);
  g_assert_cmpuint (account->tasks->len, ==, 1);
  task = g_ptr_array_index (account->tasks, 0);
  g_assert_cmpint (stint_task_get_id (task), ==, 0);
  g_assert_cmpint (stint_task_get_server_id (task), ==, 7101);
  g_assert_cmpint (stint_task_get_workspace_id (task), ==, ADA_WS);
  g_assert_cmpint (stint_task_get_project_id (task), ==, 7003);
  g_assert_cmpstr (stint_task_get_name (task), ==, "Punched cards");
  g_assert_true (stint_task_get_active (task));
  g_assert_cmpint (stint_task_get_estimated_seconds (task), ==, 7200);

  /* All of it in one request of the user's bucket. */
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 1);
  g_assert_cmpstr (last_request (f)->path, ==, "/api/v9/me");
  g_assert_cmpstr (last_request (f)->query, ==, "with_related_data=true");
  g_assert_cmpuint (f->buckets->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->buckets, 0), ==, "user");
}

/* A plan without tasks: no tasks, no error, nothing more asked. */
static void
test_fetch_account_no_tasks_plan (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(StintBackendAccount) ada = NULL;
  g_autoptr(StintBackendAccount) bob = NULL;
  g_autoptr(GError) error = NULL;

  fake_toggl_set_tasks_plan (f->fake, ADA_ID, FALSE);
  ada = fetch_account (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ada->tasks);
  g_assert_cmpuint (ada->tasks->len, ==, 0);
  g_assert_cmpuint (ada->customers->len, ==, 2);
  g_assert_cmpuint (ada->projects->len, ==, 3);

  /* Bob's plan has none in the fixture, nor any clients. */
  stint_http_set_auth (f->http, STINT_HTTP_AUTH_TRACK_TOKEN, BOB_TOKEN);
  bob = fetch_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bob->default_workspace_id, ==, BOB_WS);
  g_assert_nonnull (bob->tasks);
  g_assert_cmpuint (bob->tasks->len, ==, 0);
  g_assert_nonnull (bob->customers);
  g_assert_cmpuint (bob->customers->len, ==, 0);

  g_assert_cmpuint (fake_toggl_count_requests (f->fake, NULL, "*/tasks*"), ==, 0);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 2);
}

/* A reply without the members at all (older servers, or null ones left
 * out) reads as none, without a second request. */
static void
test_fetch_account_without_related (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(StintBackendAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/me", .kind = FAKE_TOGGL_FAULT_STATUS, .status = 200,
    .content_type = "application/json",
    .body = "{\"id\":1001,\"email\":\"ada@example.com\",\"default_workspace_id\":5001,"
            "\"workspaces\":[{\"id\":5001,\"name\":\"W\"}],"
            "\"projects\":[{\"id\":7003,\"wid\":5001,\"cid\":6001,\"name\":\"Loom\"}]}" });

  account = fetch_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (account->customers->len, ==, 0);
  g_assert_cmpuint (account->tasks->len, ==, 0);
  g_assert_cmpint (stint_project_get_customer_id (g_ptr_array_index (account->projects, 0)), ==, 6001);
  g_assert_cmpuint (fake_toggl_get_n_requests (f->fake), ==, 1);
}

/* Related lists are read as strictly as projects: a client Stint cannot read
 * is a reply it cannot read. */
static void
test_fetch_account_unreadable_client (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(StintBackendAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  fake_toggl_add_fault (f->fake, &(FakeTogglFault) {
    .path = "/api/v9/me", .kind = FAKE_TOGGL_FAULT_STATUS, .status = 200,
    .content_type = "application/json",
    .body = "{\"id\":1001,\"default_workspace_id\":5001,\"clients\":[{\"id\":6001,\"wid\":5001}]}" });

  account = fetch_account (f, &error);
  g_assert_null (account);
  assert_error (error, STINT_API_ERROR_BAD_REPLY, NULL);
}

/* --- create_customer ----------------------------------------------------- */

static void
test_create_customer (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StintCustomer) customer = NULL;
  g_autoptr(StintCustomer) refused = NULL;
  g_autoptr(StintBackendAccount) account = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) bare = NULL;

  customer = create_customer (f->backend, ADA_WS, "Augusta's circle", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stint_customer_get_server_id (customer), >, 0);
  g_assert_cmpint (stint_customer_get_workspace_id (customer), ==, ADA_WS);
  g_assert_cmpstr (stint_customer_get_name (customer), ==, "Augusta's circle");
  g_assert_false (stint_customer_get_archived (customer));
  g_assert_cmpstr (last_request (f)->method, ==, "POST");
  g_assert_cmpstr (last_request (f)->path, ==, "/api/v9/workspaces/5001/clients");
  body = json_from_string (last_request (f)->body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (body)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "name"), ==, "Augusta's circle");
  g_assert_cmpstr (g_ptr_array_index (f->buckets, f->buckets->len - 1), ==, "workspace");

  /* The next sign-in sees it. */
  account = fetch_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (account->customers->len, ==, 3);

  /* The server's reason, as a sentence. */
  refused = create_customer (f->backend, ADA_WS, "   ", &error);
  g_assert_null (refused);
  assert_error (error, STINT_API_ERROR_INVALID, "Client name cannot be empty");
  g_clear_error (&error);

  refused = create_customer (f->backend, BOB_WS, "Elsewhere", &error);
  g_assert_null (refused);
  assert_error (error, STINT_API_ERROR_FORBIDDEN, "does not have access");
  g_clear_error (&error);

  /* A backend without customers says so instead of failing a check. */
  bare = g_object_new (BARE_TYPE_BACKEND, NULL);
  refused = create_customer (STINT_BACKEND (bare), ADA_WS, "Nobody", &error);
  g_assert_null (refused);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

/* --- the fake's clients and tasks ---------------------------------------- */

static GPtrArray *
get_clients (Fixture    *f,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = request (f, "GET", path, NULL, &error);
  GPtrArray *clients;

  g_assert_no_error (error);
  clients = stint_track_codec_parse_clients (node, &error);
  g_assert_no_error (error);
  return clients;
}

static GPtrArray *
get_tasks (Fixture    *f,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = request (f, "GET", path, NULL, &error);
  GPtrArray *tasks;

  g_assert_no_error (error);
  tasks = stint_track_codec_parse_tasks (node, &error);
  g_assert_no_error (error);
  return tasks;
}

static void
test_fake_endpoints (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) active = get_clients (f, "/workspaces/5001/clients");
  g_autoptr(GPtrArray) both = get_clients (f, "/workspaces/5001/clients?status=both");
  g_autoptr(GPtrArray) archived = get_clients (f, "/workspaces/5001/clients?status=archived");
  g_autoptr(GPtrArray) named = get_clients (f, "/workspaces/5001/clients?status=both&name=BABBAGE");
  g_autoptr(GPtrArray) mine = get_clients (f, "/me/clients");
  g_autoptr(GPtrArray) page = get_tasks (f, "/workspaces/5001/tasks");
  g_autoptr(GPtrArray) of_project = get_tasks (f, "/workspaces/5001/projects/7003/tasks");
  g_autoptr(GPtrArray) of_other = get_tasks (f, "/workspaces/5001/projects/7001/tasks");
  g_autoptr(GPtrArray) my_tasks = get_tasks (f, "/me/tasks");
  g_autoptr(JsonNode) bad = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (active->len, ==, 1);
  g_assert_cmpuint (both->len, ==, 2);
  g_assert_cmpuint (archived->len, ==, 1);
  g_assert_true (stint_customer_get_archived (g_ptr_array_index (archived, 0)));
  g_assert_cmpuint (named->len, ==, 1);
  g_assert_cmpuint (mine->len, ==, 2);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpuint (of_project->len, ==, 1);
  g_assert_cmpuint (of_other->len, ==, 0);
  g_assert_cmpuint (my_tasks->len, ==, 1);

  bad = request (f, "GET", "/workspaces/5001/clients?status=gone", NULL, &error);
  g_assert_null (bad);
  assert_error (error, STINT_API_ERROR_INVALID, "Client status is invalid");
}

/* The switch behind "no tasks": every task endpoint answers 402 as a plan
 * refusal, which Stint must not take for a spent quota. */
static void
test_fake_tasks_plan (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const paths[] = {
    "/me/tasks",
    "/workspaces/5002/tasks",
  };

  stint_http_set_auth (f->http, STINT_HTTP_AUTH_TRACK_TOKEN, BOB_TOKEN);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      StintApiMeta meta = STINT_API_META_INIT;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", paths[i]);
      node = request (f, "GET", paths[i], &meta, &error);
      g_assert_null (node);
      assert_error (error, STINT_API_ERROR_PLAN, "Tasks are available");
      g_assert_cmpuint (meta.status, ==, 402);
      g_assert_false (stint_api_meta_is_quota (&meta));
    }

  /* Ada's project tasks, once her plan loses them. */
  {
    StintApiMeta meta = STINT_API_META_INIT;
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(GError) error = NULL;

    stint_http_set_auth (f->http, STINT_HTTP_AUTH_TRACK_TOKEN, ADA_TOKEN);
    fake_toggl_set_tasks_plan (f->fake, ADA_ID, FALSE);
    node = request (f, "GET", "/workspaces/5001/projects/7003/tasks", &meta, &error);
    assert_error (error, STINT_API_ERROR_PLAN, NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/stint/track-backend-account/fetch-account", test_fetch_account);
  ADD ("/stint/track-backend-account/fetch-account/no-tasks-plan", test_fetch_account_no_tasks_plan);
  ADD ("/stint/track-backend-account/fetch-account/without-related", test_fetch_account_without_related);
  ADD ("/stint/track-backend-account/fetch-account/unreadable-client", test_fetch_account_unreadable_client);
  ADD ("/stint/track-backend-account/create-customer", test_create_customer);
  ADD ("/stint/track-backend-account/fake/endpoints", test_fake_endpoints);
  ADD ("/stint/track-backend-account/fake/tasks-plan", test_fake_tasks_plan);
#undef ADD

  return g_test_run ();
}
