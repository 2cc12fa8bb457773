/* stint-tag.c: a tag entries can carry
 *
 * Entries refer to tags by name, as Toggl Track's API does; the tag objects
 * list what can be picked and carry the server's ids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stint-tag"

#include "config.h"

#include "stint-tag.h"

struct _StintTag
{
  GObject  parent_instance;

  gint64   id;
  gint64   server_id;
  gint64   workspace_id;
  char    *name;
};

G_DEFINE_FINAL_TYPE (StintTag, stint_tag, G_TYPE_OBJECT)

static void
stint_tag_finalize (GObject *object)
{
  StintTag *self = (StintTag *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (stint_tag_parent_class)->finalize (object);
}

static void
stint_tag_class_init (StintTagClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stint_tag_finalize;
}

static void
stint_tag_init (StintTag *self)
{
}

StintTag *
stint_tag_new (gint64      id,
               const char *name)
{
  StintTag *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (STINT_TYPE_TAG, NULL);
  self->id = id;
  self->name = g_strdup (name);

  return self;
}

gint64
stint_tag_get_id (StintTag *self)
{
  g_return_val_if_fail (STINT_IS_TAG (self), 0);
  return self->id;
}

void
stint_tag_set_id (StintTag *self,
                  gint64    id)
{
  g_return_if_fail (STINT_IS_TAG (self));
  self->id = id;
}

gint64
stint_tag_get_server_id (StintTag *self)
{
  g_return_val_if_fail (STINT_IS_TAG (self), 0);
  return self->server_id;
}

void
stint_tag_set_server_id (StintTag *self,
                         gint64    server_id)
{
  g_return_if_fail (STINT_IS_TAG (self));
  self->server_id = server_id;
}

gint64
stint_tag_get_workspace_id (StintTag *self)
{
  g_return_val_if_fail (STINT_IS_TAG (self), 0);
  return self->workspace_id;
}

void
stint_tag_set_workspace_id (StintTag *self,
                            gint64    workspace_id)
{
  g_return_if_fail (STINT_IS_TAG (self));
  self->workspace_id = workspace_id;
}

const char *
stint_tag_get_name (StintTag *self)
{
  g_return_val_if_fail (STINT_IS_TAG (self), NULL);
  return self->name;
}
