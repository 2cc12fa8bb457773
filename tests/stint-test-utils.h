/* stint-test-utils.h: helpers shared by the GTest programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "api/stint-http.h"
#include "core/stint-tracker.h"
#include "model/stint-entry.h"
#include "model/stint-project.h"
#include "store/stint-store.h"
#include "sync/stint-sync.h"

G_BEGIN_DECLS

void        stint_test_init          (int          *argc,
                                      char       ***argv);
char       *stint_test_make_tmpdir   (void);
void        stint_test_rm_rf         (const char   *path);
char       *stint_test_file_checksum (const char   *path);
StintEntry *stint_test_entry_new     (const char   *description,
                                      gint64        start,
                                      gint64        stop);
StintProject *stint_test_find_project (GPtrArray   *projects,
                                       const char  *name);

StintHttp  *stint_test_http_new      (StintClock   *clock,
                                      const char   *base_url,
                                      StintHttpAuth auth,
                                      const char   *secret);

/* Waiting on the main context: bounds, not sleeps. */
void        stint_test_flush         (void);
gboolean    stint_test_waited_too_long (gpointer    what);
void        stint_test_settle_sync   (StintSync    *sync);

/**
 * STINT_TEST_WAIT_FOR:
 * @condition: an expression, evaluated after each main context iteration
 *
 * Iterates the main context until @condition holds, then runs what is
 * left ready. Replies from a bus or a server come when they come: after
 * 10 s the test fails, naming @condition.
 */
#define STINT_TEST_WAIT_FOR(condition)                                              \
  G_STMT_START {                                                                    \
    guint guard_ = g_timeout_add_seconds (10, stint_test_waited_too_long,           \
                                          (gpointer)#condition);                    \
    while (!(condition))                                                            \
      g_main_context_iteration (NULL, TRUE);                                        \
    g_source_remove (guard_);                                                       \
    stint_test_flush ();                                                            \
  } G_STMT_END

/**
 * StintTestStore:
 * @tmpdir: the test's own temporary folder
 * @dir: `tmpdir/data/stint`, where the store file goes; not there until the
 *   store makes it
 * @path: `dir/stint.db`
 * @store: (nullable): the store open on @path
 *
 * A store in a temporary folder, as a g_test_add() fixture: give it
 * stint_test_store_setup() (or _setup_open()) and stint_test_store_teardown().
 */
typedef struct
{
  char       *tmpdir;
  char       *dir;
  char       *path;
  StintStore *store;
} StintTestStore;

void        stint_test_store_setup      (StintTestStore *f,
                                         gconstpointer   data);
void        stint_test_store_setup_open (StintTestStore *f,
                                         gconstpointer   data);
void        stint_test_store_teardown   (StintTestStore *f,
                                         gconstpointer   data);
void        stint_test_store_reopen     (StintTestStore *f);
void        stint_test_store_load_sql   (StintTestStore *f,
                                         const char     *name);

StintStore *stint_test_open_store       (const char     *path);
StintStore *stint_test_open_and_change  (const char     *path);
void        stint_test_open_and_crash   (const char     *path);
void        stint_test_set_account      (StintStore     *store,
                                         const char     *account);
StintEntry *stint_test_load_entry       (StintStore     *store,
                                         gint64          id);
StintTracker *stint_test_tracker_new    (const char     *dir,
                                         gint64          now,
                                         StintStore    **store,
                                         StintClock    **clock);
void        stint_test_sql_on_file      (const char     *path,
                                         const char     *sql);
gint64      stint_test_int_on_file      (const char     *path,
                                         const char     *sql);

G_END_DECLS
