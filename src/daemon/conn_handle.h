/* Making and checking rasmand's connection handles (layout: ipc.h). A
 * handle names one slot of the connection table and one generation of that
 * slot; a keyed check field makes a made-up value fail. */
#ifndef RAS_DAEMON_CONN_HANDLE_H
#define RAS_DAEMON_CONN_HANDLE_H

#include <stdint.h>

#include "daemon/conn.h"

/* A new key and a random generation for every slot: handles of an earlier
 * rasmand are stale in this one. conn_table_init calls it. */
void conn_handle_seed(struct conn_table *t);
/* The next handle of slot index: its generation advances (never to 0). */
uint64_t conn_handle_next(struct conn_table *t, uint32_t index);
/* The slot a handle names if it is well formed, its check field right and
 * its generation the slot's current one; else NULL. The slot may be empty. */
struct conn_slot *conn_handle_slot(struct conn_table *t, uint64_t handle);

#endif
