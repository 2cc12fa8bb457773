/* stint-customer.h: who a project's work is for (Toggl calls it a client)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STINT_TYPE_CUSTOMER (stint_customer_get_type ())
G_DECLARE_FINAL_TYPE (StintCustomer, stint_customer, STINT, CUSTOMER, GObject)

StintCustomer *stint_customer_new              (gint64         id,
                                                const char    *name);
gint64         stint_customer_get_id           (StintCustomer *self);
void           stint_customer_set_id           (StintCustomer *self,
                                                gint64         id);
gint64         stint_customer_get_server_id    (StintCustomer *self);
void           stint_customer_set_server_id    (StintCustomer *self,
                                                gint64         server_id);
gint64         stint_customer_get_workspace_id (StintCustomer *self);
void           stint_customer_set_workspace_id (StintCustomer *self,
                                                gint64         workspace_id);
const char    *stint_customer_get_name         (StintCustomer *self);
void           stint_customer_set_name         (StintCustomer *self,
                                                const char    *name);
gboolean       stint_customer_get_archived     (StintCustomer *self);
void           stint_customer_set_archived     (StintCustomer *self,
                                                gboolean       archived);

G_END_DECLS
