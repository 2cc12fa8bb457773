/* test-sync-plan.c: coalescing the outbox, and the rules of conflicts
 *
 * First the plan itself, from outboxes written by hand; then the same rules
 * end to end, the user acting offline and the server seeing what arrives;
 * then what a pull may overwrite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sync/stint-sync-plan.h"
#include "test-sync-fixture.h"

/* --- the plan, from outboxes written by hand ----------------------------- */

typedef struct
{
  gint64          entry_id;
  StintOutboxKind kind;
  gboolean        is_stop;
  gint64          server_id;
  gboolean        failed;
} Op;

static GPtrArray *
outbox (const Op *ops,
        guint     n)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify)stint_outbox_op_free);

  for (guint i = 0; i < n; i++)
    {
      StintOutboxOp *op = g_new0 (StintOutboxOp, 1);

      op->id = 100 + i;
      op->entry_id = ops[i].entry_id;
      op->kind = ops[i].kind;
      op->is_stop = ops[i].is_stop;
      op->server_id = ops[i].server_id;
      op->failed = ops[i].failed;
      op->workspace_id = 777;
      if (ops[i].failed)
        op->last_error = g_strdup ("Refused.");
      g_ptr_array_add (array, op);
    }

  return array;
}

#define CREATE(e)       { e, STINT_OUTBOX_CREATE, FALSE, 0, FALSE }
#define EDIT(e, s)      { e, STINT_OUTBOX_UPDATE, FALSE, s, FALSE }
#define STOP(e, s)      { e, STINT_OUTBOX_UPDATE, TRUE, s, FALSE }
#define DELETE(e, s)    { e, STINT_OUTBOX_DELETE, FALSE, s, FALSE }
#define REFUSED(e, k, s) { e, k, FALSE, s, TRUE }

static void
assert_step (GArray            *steps,
             guint              index,
             gint64             entry_id,
             StintSyncStepKind  kind,
             guint              n_ops,
             gint64             last_op_id)
{
  StintSyncStep *step;

  g_assert_cmpuint (index, <, steps->len);
  step = &g_array_index (steps, StintSyncStep, index);
  g_assert_cmpint (step->entry_id, ==, entry_id);
  g_assert_cmpint (step->kind, ==, kind);
  g_assert_cmpuint (step->n_ops, ==, n_ops);
  g_assert_cmpint (step->last_op_id, ==, last_op_id);
}

static void
test_plan_rules (void)
{
  static const struct
  {
    const char        *what;
    Op                 ops[4];
    guint              n;
    StintSyncStepKind  kind;
  } cases[] = {
    { "create, edits, stop → one create", { CREATE (1), EDIT (1, 0), EDIT (1, 0), STOP (1, 0) }, 4, STINT_SYNC_STEP_CREATE },
    { "create, delete → nothing", { CREATE (1), EDIT (1, 0), DELETE (1, 0) }, 3, STINT_SYNC_STEP_NOTHING },
    { "edit, edit → one update", { EDIT (1, 9), EDIT (1, 9) }, 2, STINT_SYNC_STEP_UPDATE },
    { "a stop alone → a stop", { STOP (1, 9) }, 1, STINT_SYNC_STEP_STOP },
    { "edit, stop → an update", { EDIT (1, 9), STOP (1, 9) }, 2, STINT_SYNC_STEP_UPDATE },
    { "stop, edit → an update", { STOP (1, 9), EDIT (1, 9) }, 2, STINT_SYNC_STEP_UPDATE },
    { "edits, delete → the delete", { EDIT (1, 9), STOP (1, 9), DELETE (1, 9) }, 3, STINT_SYNC_STEP_DELETE },
    { "a delete the server never had → nothing", { DELETE (1, 0) }, 1, STINT_SYNC_STEP_NOTHING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) ops = outbox (cases[i].ops, cases[i].n);
      g_autoptr(GArray) steps = stint_sync_plan (ops);

      g_test_message ("%s", cases[i].what);
      g_assert_cmpuint (steps->len, ==, 1);
      assert_step (steps, 0, 1, cases[i].kind, cases[i].n, 100 + cases[i].n - 1);
      g_assert_false (g_array_index (steps, StintSyncStep, 0).parked);
    }
}

static void
test_plan_order (void)
{
  /* Started A, then (offline) stopped A, started B, edited C, deleted D. */
  static const Op ops[] = {
    CREATE (1), STOP (1, 0), CREATE (2), EDIT (3, 33), DELETE (4, 44), EDIT (2, 0),
  };
  g_autoptr(GPtrArray) outbox_ops = outbox (ops, G_N_ELEMENTS (ops));
  g_autoptr(GArray) steps = stint_sync_plan (outbox_ops);

  /* One step per entry, in the order of each entry's first change: A is
   * stopped on the server before B starts. */
  g_assert_cmpuint (steps->len, ==, 4);
  assert_step (steps, 0, 1, STINT_SYNC_STEP_CREATE, 2, 101);
  assert_step (steps, 1, 2, STINT_SYNC_STEP_CREATE, 2, 105);
  assert_step (steps, 2, 3, STINT_SYNC_STEP_UPDATE, 1, 103);
  assert_step (steps, 3, 4, STINT_SYNC_STEP_DELETE, 1, 104);
  g_assert_cmpint (g_array_index (steps, StintSyncStep, 2).server_id, ==, 33);
  g_assert_cmpint (g_array_index (steps, StintSyncStep, 3).server_id, ==, 44);
  g_assert_cmpint (g_array_index (steps, StintSyncStep, 3).workspace_id, ==, 777);
}

static void
test_plan_parked (void)
{
  static const Op parked[] = { EDIT (1, 9), REFUSED (1, STINT_OUTBOX_UPDATE, 9), EDIT (2, 8) };
  static const Op retried[] = { REFUSED (1, STINT_OUTBOX_CREATE, 0), EDIT (1, 0) };
  g_autoptr(GPtrArray) ops = outbox (parked, G_N_ELEMENTS (parked));
  g_autoptr(GArray) steps = stint_sync_plan (ops);

  /* A refused change holds back its own entry only, and says why. */
  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_true (g_array_index (steps, StintSyncStep, 0).parked);
  g_assert_cmpstr (g_array_index (steps, StintSyncStep, 0).error, ==, "Refused.");
  g_assert_false (g_array_index (steps, StintSyncStep, 1).parked);

  /* A change made after the refusal is the user's retry. */
  g_clear_pointer (&steps, g_array_unref);
  g_clear_pointer (&ops, g_ptr_array_unref);
  ops = outbox (retried, G_N_ELEMENTS (retried));
  steps = stint_sync_plan (ops);
  g_assert_cmpuint (steps->len, ==, 1);
  g_assert_false (g_array_index (steps, StintSyncStep, 0).parked);
  assert_step (steps, 0, 1, STINT_SYNC_STEP_CREATE, 2, 101);
}

/* --- the same, end to end ------------------------------------------------ */

static void
test_offline_day (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StintEntry) first = NULL;
  g_autoptr(StintEntry) second = NULL;
  g_autoptr(StintEntry) oops = NULL;
  g_autoptr(StintEntry) kept = NULL;
  g_autoptr(GPtrArray) server = NULL;
  gint64 first_id, second_id;
  StintEntry *remote;

  start (f);
  set_online (f, FALSE);

  /* Started, renamed twice, stopped; another started and stopped; one
   * started by mistake and deleted. */
  first = start_entry (f, "Draft");
  first_id = stint_entry_get_id (first);
  edit_description (f, first_id, "Draft the plan");
  edit_description (f, first_id, "Draft the sync plan");
  advance (f, 20 * MINUTE);
  second = start_entry (f, "Review");
  second_id = stint_entry_get_id (second);
  advance (f, 10 * MINUTE);
  stop_entry (f);
  oops = start_entry (f, "Oops");
  delete_entry (f, stint_entry_get_id (oops));
  settle (f);

  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 8);
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 2);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==,
                   "Offline — 2 changes will sync when the network returns");

  /* Two requests: each entry created once with its final state. */
  set_online (f, TRUE);
  assert_log (f, "create create changes");
  g_assert_cmpuint (stint_store_count_outbox (f->store), ==, 0);
  g_assert_cmpstr (stint_sync_get_message (f->sync), ==, "Everything is synced");

  server = stint_fake_backend_get_entries (f->server);
  g_assert_cmpuint (server->len, ==, 2);
  kept = local (f, first_id);
  remote = stint_fake_backend_lookup (f->server, stint_entry_get_server_id (kept));
  g_assert_cmpstr (stint_entry_get_description (remote), ==, "Draft the sync plan");
  g_assert_cmpint (stint_entry_get_start (remote), ==, T0);
  g_assert_cmpint (stint_entry_get_stop (remote), ==, T0 + 20 * MINUTE);
  g_clear_object (&kept);
  kept = local (f, second_id);
  remote = stint_fake_backend_lookup (f->server, stint_entry_get_server_id (kept));
  g_assert_cmpstr (stint_entry_get_description (remote), ==, "Review");
  g_assert_cmpint (stint_entry_get_stop (remote), ==, T0 + 30 * MINUTE);
}

static void
test_edits_coalesce (Fixture       *f,
                     gconstpointer  data)
{
  gint64 sid = server_entry (f, "Plan", T0 - 2 * HOUR, T0 - HOUR);
  gint64 gone = server_entry (f, "Lunch", T0 - 4 * HOUR, T0 - 3 * HOUR);
  g_autoptr(StintEntry) plan = NULL;
  g_autoptr(StintEntry) lunch = NULL;

  start (f);
  plan = local_by_server_id (f, sid);
  lunch = local_by_server_id (f, gone);
  set_online (f, FALSE);

  edit_description (f, stint_entry_get_id (plan), "Plan A");
  edit_description (f, stint_entry_get_id (plan), "Plan B");
  edit_description (f, stint_entry_get_id (plan), "Plan C");
  edit_description (f, stint_entry_get_id (lunch), "Long lunch");
  delete_entry (f, stint_entry_get_id (lunch));
  settle (f);
  g_assert_cmpuint (stint_sync_get_pending (f->sync), ==, 2);

  set_online (f, TRUE);
  assert_log (f, "update delete");
  g_assert_cmpstr (stint_entry_get_description (stint_fake_backend_lookup (f->server, sid)), ==,
                   "Plan C");
  g_assert_null (stint_fake_backend_lookup (f->server, gone));
}

/* Edited while its update was under way: the edit goes after it, not lost
 * with the operations the update settled. */
static void
test_edit_during_send (Fixture       *f,
                       gconstpointer  data)
{
  gint64 sid = server_entry (f, "Plan", T0 - 2 * HOUR, T0 - HOUR);
  g_autoptr(StintEntry) plan = NULL;
  g_autoptr(StintEntry) stored = NULL;

  start (f);
  plan = local_by_server_id (f, sid);

  stint_fake_backend_set_hold (f->server, TRUE);
  edit_description (f, stint_entry_get_id (plan), "Plan A");
  settle (f);
  assert_log (f, "update");
  edit_description (f, stint_entry_get_id (plan), "Plan B");
  settle (f);

  stint_fake_backend_set_hold (f->server, FALSE);
  stint_fake_backend_release (f->server);
  settle (f);
  assert_log (f, "update update");
  g_assert_cmpstr (stint_entry_get_description (stint_fake_backend_lookup (f->server, sid)), ==,
                   "Plan B");
  stored = local (f, stint_entry_get_id (plan));
  g_assert_cmpstr (stint_entry_get_description (stored), ==, "Plan B");
  g_assert_cmpint (stint_entry_get_sync_state (stored), ==, STINT_SYNC_STATE_SYNCED);
}

/* --- conflicts ----------------------------------------------------------- */

static void
test_conflict_rules (Fixture       *f,
                     gconstpointer  data)
{
  gint64 mine_sid = server_entry (f, "Mine", T0 - 3 * HOUR, T0 - 2 * HOUR);
  gint64 theirs_sid = server_entry (f, "Theirs", T0 - 2 * HOUR, T0 - HOUR);
  gint64 gone_sid = server_entry (f, "Gone", T0 - 5 * HOUR, T0 - 4 * HOUR);
  g_autoptr(StintEntry) mine = NULL;
  g_autoptr(StintEntry) theirs = NULL;
  g_autoptr(StintEntry) stale = NULL;
  g_autoptr(StintEntry) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 touched = -1;

  start (f);
  mine = local_by_server_id (f, mine_sid);
  theirs = local_by_server_id (f, theirs_sid);

  /* Both sides edit while Stint is closed; the server deletes one more. */
  stint_sync_stop (f->sync);
  edit_description (f, stint_entry_get_id (mine), "Mine, edited here");
  advance (f, MINUTE);
  g_assert_true (stint_fake_backend_edit_entry (f->server, mine_sid, "Mine, edited there"));
  g_assert_true (stint_fake_backend_edit_entry (f->server, theirs_sid, "Theirs, edited there"));
  g_assert_true (stint_fake_backend_remove_entry (f->server, gone_sid));

  stint_sync_start (f->sync);
  settle (f);

  /* The pending local change wins (and is sent); the rest is the server's. */
  g_clear_object (&mine);
  mine = local_by_server_id (f, mine_sid);
  g_assert_cmpstr (stint_entry_get_description (mine), ==, "Mine, edited here");
  g_assert_cmpstr (stint_entry_get_description (stint_fake_backend_lookup (f->server, mine_sid)), ==,
                   "Mine, edited here");
  g_clear_object (&theirs);
  theirs = local_by_server_id (f, theirs_sid);
  g_assert_cmpstr (stint_entry_get_description (theirs), ==, "Theirs, edited there");
  g_assert_null (stint_store_load_entry_by_server_id (f->store, gone_sid, NULL));

  /* Without a pending change, the newer `at` wins: an older version of the
   * server's (a pull that read before our answer came) changes nothing. */
  stale = stint_entry_copy (stint_fake_backend_lookup (f->server, theirs_sid));
  stint_entry_set_description (stale, "Theirs, long ago");
  stint_entry_set_at (stale, stint_entry_get_at (theirs) - 1);
  g_assert_true (stint_store_apply_pulled_entry (f->store, stale, &touched, &error));
  g_assert_no_error (error);
  g_assert_cmpint (touched, ==, 0);
  after = local_by_server_id (f, theirs_sid);
  g_assert_cmpstr (stint_entry_get_description (after), ==, "Theirs, edited there");

  stint_entry_set_at (stale, stint_entry_get_at (theirs) + 1);
  g_assert_true (stint_store_apply_pulled_entry (f->store, stale, &touched, &error));
  g_assert_cmpint (touched, ==, stint_entry_get_id (theirs));
}

int
main (int   argc,
      char *argv[])
{
  stint_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/stint/sync/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/stint/sync/plan/rules", test_plan_rules);
  g_test_add_func ("/stint/sync/plan/order", test_plan_order);
  g_test_add_func ("/stint/sync/plan/parked", test_plan_parked);
  ADD ("coalesce/offline-day", test_offline_day);
  ADD ("coalesce/edits", test_edits_coalesce);
  ADD ("coalesce/edit-during-send", test_edit_during_send);
  ADD ("conflict/rules", test_conflict_rules);

#undef ADD

  return g_test_run ();
}
