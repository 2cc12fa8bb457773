/* stint-nudges-idle.c: the question after time away, and its answers
 *
 * Back at the computer after a while away with a timer running, the user
 * is asked what that time was. The question is asked once and may be
 * answered from anywhere: a notification button, or the window's bar where
 * the notification server shows no buttons (or the window happens to be
 * open). Every answer comes here, and "withdraw-idle" then tells every
 * place that asked to stop asking.
 *
 * "Discard idle time" ends the entry when the user left; "Discard and
 * continue" then starts the same work again now. An answer carries the
 * moment the user left, so a late one (the entry stopped meanwhile, or
 * another one started) still cuts the entry that was running then, and
 * only that one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-nudges"

#include "config.h"

#include "stint-nudges-private.h"

enum {
  IDLE_RETURN,
  WITHDRAW_IDLE,
  N_IDLE_SIGNALS
};

static guint idle_signals[N_IDLE_SIGNALS];

/* The entry that was running at @since: the running one if it had started
 * by then, or else the latest entry that started by then and ended after.
 * "By then" includes the very second: an entry started after the user left
 * is asked about from its start. */
static StintEntry *
entry_running_at (StintNudges *self,
                  gint64       since)
{
  StintEntry *running = stint_tracker_get_running (self->tracker);
  GListModel *recent = stint_tracker_get_recent (self->tracker);
  guint n = g_list_model_get_n_items (recent);

  if (running != NULL && stint_entry_get_start (running) <= since)
    return g_object_ref (running);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StintEntry) entry = g_list_model_get_item (recent, i);

      if (stint_entry_get_start (entry) <= since)
        return stint_entry_get_stop (entry) > since ? g_steal_pointer (&entry) : NULL;
    }

  return NULL;
}

/* Ends @entry at @when, running or not (a late answer moves the stop of an
 * entry already stopped). */
static gboolean
stop_entry_at (StintNudges *self,
               StintEntry  *entry,
               gint64       when,
               GError     **error)
{
  g_autoptr(StintEntry) edited = stint_entry_copy (entry);

  stint_entry_set_stop (edited, MAX (when, stint_entry_get_start (entry)));
  return stint_tracker_update (self->tracker, edited, error);
}

static void
forget_question (StintNudges *self)
{
  g_clear_object (&self->idle_entry);
  self->idle_since = 0;
  self->idle_until = 0;
}

void
stint_nudges_idle_class_init (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);

  /**
   * StintNudges::idle-return:
   * @entry: the entry that ran while the user was away
   * @since: when the user left (or the entry started, if later)
   * @until: when the user came back
   *
   * Ask what the time away was. A new question replaces the last.
   */
  idle_signals[IDLE_RETURN] =
    g_signal_new ("idle-return", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, STINT_TYPE_ENTRY, G_TYPE_INT64, G_TYPE_INT64);
  /* The question was answered, wherever that was. */
  idle_signals[WITHDRAW_IDLE] =
    g_signal_new ("withdraw-idle", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
stint_nudges_idle_dispose (StintNudges *self)
{
  forget_question (self);
}

/**
 * stint_nudges_ask_idle:
 * @since: when the user left
 * @until: when the user came back
 * @min_seconds: the least time away worth a question (idle-threshold)
 *
 * The user is back: asks what the time away was, if the running entry ran
 * through at least @min_seconds of it (a short suspend is not worth it).
 *
 * Returns: whether the question was asked
 */
gboolean
stint_nudges_ask_idle (StintNudges *self,
                       gint64       since,
                       gint64       until,
                       guint        min_seconds)
{
  StintEntry *running;
  gint64 from;

  g_return_val_if_fail (STINT_IS_NUDGES (self), FALSE);
  g_return_val_if_fail (since <= until, FALSE);

  running = stint_tracker_get_running (self->tracker);
  if (running == NULL)
    return FALSE;

  from = MAX (since, stint_entry_get_start (running));
  if (until - from < (gint64)min_seconds)
    return FALSE;

  g_debug ("Asking about the time away from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
           from, until);
  g_set_object (&self->idle_entry, running);
  self->idle_since = from;
  self->idle_until = until;
  g_signal_emit (self, idle_signals[IDLE_RETURN], 0, running, from, until);

  return TRUE;
}

/**
 * stint_nudges_get_idle_question:
 * @entry: (out) (optional) (transfer none): the entry asked about
 * @since: (out) (optional): when the user left
 * @until: (out) (optional): when the user came back
 *
 * The question asked and not answered yet, for a window opened after it.
 *
 * Returns: whether there is one
 */
gboolean
stint_nudges_get_idle_question (StintNudges  *self,
                                StintEntry  **entry,
                                gint64       *since,
                                gint64       *until)
{
  g_return_val_if_fail (STINT_IS_NUDGES (self), FALSE);

  if (entry != NULL)
    *entry = self->idle_entry;
  if (since != NULL)
    *since = self->idle_since;
  if (until != NULL)
    *until = self->idle_until;

  return self->idle_entry != NULL;
}

/**
 * stint_nudges_answer_idle:
 * @answer: what the time away was
 * @since: when the user left, as the question said
 *
 * Applies the answer and withdraws the question everywhere. An answer that
 * finds nothing to cut (the entry was deleted meanwhile) does nothing.
 *
 * Returns: %FALSE with @error set if the entry could not be changed
 */
gboolean
stint_nudges_answer_idle (StintNudges     *self,
                          StintIdleAnswer  answer,
                          gint64           since,
                          GError         **error)
{
  g_autoptr(StintEntry) entry = NULL;
  g_autoptr(StintEntry) continued = NULL;
  gboolean was_running;

  g_return_val_if_fail (STINT_IS_NUDGES (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  forget_question (self);
  g_signal_emit (self, idle_signals[WITHDRAW_IDLE], 0);

  if (answer == STINT_IDLE_ANSWER_KEEP)
    return TRUE;

  entry = entry_running_at (self, since);
  if (entry == NULL)
    {
      g_debug ("No entry was running at %" G_GINT64_FORMAT "; nothing to discard", since);
      return TRUE;
    }

  was_running = entry == stint_tracker_get_running (self->tracker);
  if (!stop_entry_at (self, entry, since, error))
    return FALSE;

  /* Only the work that was interrupted continues; if something else runs
   * now, the user already moved on. */
  if (answer == STINT_IDLE_ANSWER_DISCARD_CONTINUE && was_running)
    {
      continued = stint_tracker_continue (self->tracker, stint_entry_get_id (entry), error);
      if (continued == NULL)
        return FALSE;
    }

  return TRUE;
}
