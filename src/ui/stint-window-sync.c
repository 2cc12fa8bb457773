/* stint-window-sync.c: Retry and Discard on an entry the server refused
 *
 * A row whose change Toggl refused shows the server's sentence with Retry
 * and Discard (stint-entry-row.c); the window takes them to the account's
 * StintSync, which the application hands over as StintWindow:sync (NULL in
 * local mode and while signed out). Retry sends the change again as the
 * entry is now. Discard loses the user's change, so it asks first, saying
 * what goes: an entry Toggl never received is deleted from this computer;
 * any other gives up the changes Toggl has not taken and shows the entry
 * as Toggl has it, once Stint has read it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-window"

#include "config.h"

#include <glib/gi18n.h>

#include "stint-window-private.h"

enum {
  PROP_0,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (StintWindow *self,
            const char  *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_show (self->error_bar);
}

/* Without an account nothing can reach Toggl: say what to do instead. */
static gboolean
check_connected (StintWindow *self)
{
  if (self->sync != NULL)
    return TRUE;

  show_error (self, _("Stint is not connected to Toggl. Sign in again in Preferences, then try "
                      "once more."));
  return FALSE;
}

/* The row showing entry @id, if it is among those made. */
static StintEntryRow *
find_row (StintWindow *self,
          gint64       id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->recent_list, i)) != NULL; i++)
    if (stint_entry_get_id (stint_entry_row_get_entry (STINT_ENTRY_ROW (row))) == id)
      return STINT_ENTRY_ROW (row);

  return NULL;
}

void
stint_window_retry_row (StintWindow   *self,
                        StintEntryRow *row)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STINT_IS_WINDOW (self));
  g_return_if_fail (STINT_IS_ENTRY_ROW (row));

  if (!check_connected (self))
    return;

  /* The button goes with the refusal: keep the keyboard on the row. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  if (!stint_sync_retry_failed (self->sync, stint_entry_get_id (stint_entry_row_get_entry (row)),
                                &error))
    show_error (self, error->message);
}

static void
on_discard_response (GtkDialog   *dialog,
                     int          response,
                     StintWindow *self)
{
  gint64 *stored = g_object_get_data (G_OBJECT (dialog), "entry-id");
  gint64 id = stored != NULL ? *stored : 0;
  g_autoptr(GError) error = NULL;
  StintEntryRow *row;

  gtk_widget_destroy (GTK_WIDGET (dialog));

  if (response != GTK_RESPONSE_ACCEPT || id == 0 || !check_connected (self))
    return;

  if (!stint_sync_discard_failed (self->sync, id, &error))
    {
      show_error (self, error->message);
      return;
    }

  /* An entry Toggl never had is gone already; any other waits for Toggl's
   * version, and its row says so. */
  row = find_row (self, id);
  if (row != NULL)
    {
      stint_entry_row_set_discarding (row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

void
stint_window_discard_row (StintWindow   *self,
                          StintEntryRow *row)
{
  StintEntry *entry;
  const char *description;
  gboolean on_server;
  g_autofree char *question = NULL;
  const char *details;
  gint64 *id;
  GtkWidget *dialog;
  GtkWidget *discard;

  g_return_if_fail (STINT_IS_WINDOW (self));
  g_return_if_fail (STINT_IS_ENTRY_ROW (row));

  if (!check_connected (self))
    return;

  entry = stint_entry_row_get_entry (row);
  description = stint_entry_get_description (entry);
  on_server = stint_entry_get_server_id (entry) != 0;

  if (on_server && *description != '\0')
    /* Translators: asked before discarding a change Toggl refused */
    question = g_strdup_printf (_("Discard your changes to “%s”?"), description);
  else if (on_server)
    question = g_strdup (_("Discard your changes to this entry?"));
  else if (*description != '\0')
    /* Translators: asked before discarding an entry Toggl refused to create */
    question = g_strdup_printf (_("Discard “%s”?"), description);
  else
    question = g_strdup (_("Discard this entry?"));

  if (on_server)
    details = _("The changes Toggl has not taken are lost, and the entry shows as it is on Toggl. "
                "If Toggl no longer has it, it is removed from this computer too.");
  else
    details = _("Toggl never received this entry, so discarding it deletes it from this "
                "computer. It cannot be brought back.");

  if (self->discard_dialog != NULL)
    gtk_widget_destroy (self->discard_dialog);

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE, "%s", question);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", details);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), GTK_RESPONSE_ACCEPT,
                          NULL);
  discard = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_style_context_add_class (gtk_widget_get_style_context (discard), "destructive-action");
  /* Enter on a dialog that loses work must not be what loses it. */
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);

  id = g_new (gint64, 1);
  *id = stint_entry_get_id (entry);
  g_object_set_data_full (G_OBJECT (dialog), "entry-id", id, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);

  self->discard_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->discard_dialog);
  gtk_widget_show (dialog);
}

/**
 * stint_window_set_sync:
 * @sync: (nullable): the account's sync, or %NULL without one
 *
 * What Retry and Discard on a refused entry talk to.
 */
void
stint_window_set_sync (StintWindow *self,
                       StintSync   *sync)
{
  g_return_if_fail (STINT_IS_WINDOW (self));
  g_return_if_fail (sync == NULL || STINT_IS_SYNC (sync));

  if (g_set_object (&self->sync, sync))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

StintSync *
stint_window_get_sync (StintWindow *self)
{
  g_return_val_if_fail (STINT_IS_WINDOW (self), NULL);
  return self->sync;
}

void
stint_window_sync_dispose (StintWindow *self)
{
  if (self->discard_dialog != NULL)
    gtk_widget_destroy (self->discard_dialog);
  g_clear_object (&self->sync);
}

static void
stint_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StintWindow *self = STINT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stint_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StintWindow *self = STINT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      stint_window_set_sync (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The window's properties, all of them about the account's sync. */
void
stint_window_sync_class_init (GObjectClass *object_class)
{
  object_class->get_property = stint_window_get_property;
  object_class->set_property = stint_window_set_property;

  /**
   * StintWindow:sync:
   *
   * The account's StintSync, or %NULL in local mode and while signed out;
   * the application binds its own StintApplication:sync here.
   */
  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, STINT_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}
