/* fake-toggl-transport-private.h: what the transport files of the fake share
 *
 * fake-toggl.c takes each request through the steps below, which live in
 * fake-toggl-faults.c, fake-toggl-quota.c and fake-toggl-log.c, and answers
 * with the helpers it defines for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fake-toggl-private.h"

G_BEGIN_DECLS

typedef struct
{
  char               *method;
  char               *path;
  FakeTogglFaultKind  kind;
  guint               times;
  guint               status;
  guint               delay_ms;
  guint               retry_after;
  char               *body;
  char               *content_type;
} Fault;

typedef struct
{
  FakeToggl         *self;
  SoupServerMessage *msg;
  guint              source_id;
  gulong             finished_handler;
  gboolean           finished;
} Delayed;

/* fake-toggl.c */
void     fake_message_set_json        (SoupServerMessage *msg,
                                       guint              status,
                                       JsonNode          *reply);
void     fake_message_set_error       (SoupServerMessage *msg,
                                       guint              status,
                                       const char        *message);

/* fake-toggl-faults.c */
void     fake_fault_free              (Fault             *fault);
void     fake_delayed_free            (Delayed           *delayed);
void     fake_message_drop_connection (SoupServerMessage *msg);
Fault   *fake_toggl_take_fault        (FakeToggl         *self,
                                       const char        *method,
                                       const char        *path);
void     fake_toggl_delay_answer      (FakeToggl         *self,
                                       SoupServerMessage *msg,
                                       guint              delay_ms);
void     fake_toggl_apply_pre_fault   (SoupServerMessage *msg,
                                       Fault             *fault);

/* fake-toggl-quota.c */
gboolean fake_toggl_check_burst       (FakeToggl         *self,
                                       FakeExchange      *ex,
                                       SoupServerMessage *msg);
gboolean fake_toggl_check_quota       (FakeToggl         *self,
                                       FakeExchange      *ex,
                                       SoupServerMessage *msg,
                                       FakeTogglRequest  *record);

/* fake-toggl-log.c */
void     fake_request_free            (FakeTogglRequest  *request);

G_END_DECLS
