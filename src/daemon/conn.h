/* A RAS connection inside rasmand: one allocation holding the port, the
 * PPP engine handle, the dial settings and the state machine whose states
 * are the RASCS_* values Windows reports. Connections belong to rasmand,
 * not to the client that dialled: they outlive it. */
#ifndef RAS_DAEMON_CONN_H
#define RAS_DAEMON_CONN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "ras.h"

#include "common/loop.h"
#include "daemon/conn_hint.h"
#include "daemon/policy.h"
#include "ipc/ipc_proto.h"
#include "ppp/ppp.h"

struct client;                    /* the socket side's; conn only hands it back */
struct conn;
struct port;
struct port_ops;
struct net_link;

/* Deadlines of the non-final states, ms (a backstop behind the port's and
 * the engine's own timers). */
#define CONN_DEADLINE_PORT_MS    120000   /* OpenPort .. ConnectDevice */
#define CONN_DEADLINE_PPP_MS      60000   /* Authenticate .. Authenticated */
#define CONN_DEADLINE_NET_MS      10000   /* Projected: data path set-up */
#define CONN_DEADLINE_HANGUP_MS    5000   /* LCP Terminate exchange */
/* A failed or dropped connection keeps its state and dwError for
 * RasGetConnectStatus until RasHangUp, or this long. */
#define CONN_LINGER_MS           120000

/* LCP echo interval for every dial, 0 = the engine's default (30 s);
 * rasmand --test takes it from $RAS_TEST_ECHO_MS so a test can see a
 * silent peer ended in seconds. */
extern uint32_t conn_echo_interval_ms;

#define CONN_MAX 256              /* connections; the handle's index is 8 bits */
/* The system rasmand's shares (policy.h): a uid other than root holds at
 * most CONN_PER_UID connections, failed ones lingering for RasHangUp
 * included, and the last CONN_ROOT_RESERVE slots are root's. */
#define CONN_PER_UID 16
#define CONN_ROOT_RESERVE 16

/* Where a connection's news goes. conn.c never calls the socket side by
 * name: rasmand hands the table a sink, the way a port takes port_cb. */
struct conn_sink {
    void *ctx;
    /* IPC_EV_STATE (state, error) for the client that dialed. */
    void (*state)(void *ctx, struct client *dialer, uint64_t handle, uint32_t state,
                  uint32_t error);
    /* RASCN_Connection / RASCN_Disconnection for RasConnectionNotification
     * subscribers entitled to see owner's connections. */
    void (*notify)(void *ctx, uint64_t handle, uid_t owner, uint32_t what);
};

struct conn_slot {
    struct conn *conn;
    uint32_t gen;                 /* of its last handle (conn_handle.c) */
};

/* Every connection of one rasmand, by handle index. Embedded in its owner
 * (struct rasmand); conn.c fills and empties the slots. */
struct conn_table {
    struct loop *loop;
    struct conn_sink sink;
    struct conn_slot slots[CONN_MAX];
    unsigned nconns;
    bool shared;                  /* many uids (the system rasmand): per-uid
                                   * shares apply (conn_table_set_shared) */
    struct policy_log_limit refusals;
    uint64_t handle_key;          /* this rasmand's handle check key */
    struct conn_hints hints;      /* each entry's last addresses, per uid */
};

/* Where a connection is in its life, apart from its RASCS_* state. */
enum conn_phase {
    CONN_LIVE,                    /* dialing, or Connected */
    CONN_HANGING_UP,              /* RasHangUp ran: PPP's Terminate exchange */
    CONN_FAILED,                  /* failed or dropped: the line is gone, the
                                   * record waits for RasHangUp or its linger */
    CONN_CLOSED,                  /* over: freed at the end of the pass */
};

struct conn {
    struct conn_table *tab;       /* the table holding it; not owned */
    uint64_t handle;
    uint32_t index;
    uid_t uid;
    RASCONNSTATE state;
    enum conn_phase phase;        /* outside conn.c: conn_phase() */
    uint32_t error;               /* why it failed (the first error recorded
                                   * wins); 0 unless it failed */
    unsigned refs;                /* one per RasDial of a connected entry */
    struct client *dialer;        /* gets IPC_EV_STATE; not owned */
    struct loop_timer deadline, ppp_timer, kick;
    struct ipc_dial_req req;      /* password wiped once PPP holds a copy */
    const struct port_ops *ops;
    struct port *port;
    bool line_held;               /* closed, and the port still hangs up: the
                                   * handle stays valid (state Disconnected)
                                   * until its released callback */
    int dev_fd;                   /* the dialer's device until the port opens */
    struct ppp *ppp;
    struct net_link *net;
    uint32_t net_error;           /* why the data path failed (the dial did) */
    bool net_rights;              /* the dialer may set routes and DNS (policy.h);
                                   * set by the socket side after conn_dial */
    bool system_entry;            /* an entry of the system phonebook: its
                                   * settings are the administrator's (policy.h);
                                   * set beside net_rights (dial_access.h) */
    uint32_t net_withheld;        /* IPC_NET_*_WITHHELD: not allowed */
    uint32_t bps;
    uint64_t connected_at;
    uint64_t idle_packets;        /* IP packets seen at the last idle check */
};

/* An empty table whose connections run in loop and report to sink. */
void conn_table_init(struct conn_table *t, struct loop *loop, const struct conn_sink *sink);
/* The table serves many uids (the system rasmand): per-uid shares and
 * root's reserve apply to dials. */
void conn_table_set_shared(struct conn_table *t, bool shared);
/* rasmand is stopping: every connection ends at once (conn_abort) and is
 * freed, and modem hang-ups still running are ended (the forced path). */
void conn_table_abort(struct conn_table *t);
/* Frees the connections that are over (end of pass only). */
void conn_table_reap(struct conn_table *t);

/* RasDial: validates the request (every string clean text, text.h: else
 * 123 for the entry name, 87 for the others), takes a slot, opens the
 * port and starts the state machine. 0 and *out, or a RAS error (nothing
 * left behind). A dial of an entry this uid already has Connected (names
 * compared as the phonebook compares them) adds a reference and returns
 * that connection; one still dialing gives 756; one that dropped does not
 * count: the dial starts a new connection. Other uids' connections never
 * match. dev_fd is the device the dialer opened (-1: none), owned by the
 * call from here on: closed on every path, at the latest once the port
 * has taken its copy. Past the uid's share, or into root's reserve:
 * ERROR_PORT_NOT_AVAILABLE (633), as when no port is free. */
uint32_t conn_dial(struct conn_table *t, struct ipc_dial_req *req, uid_t uid,
                   struct client *dialer, int dev_fd, struct conn **out);
/* Looks a handle up for uid (root sees all). NULL = stale, forged or not
 * this caller's: ERROR_INVALID_HANDLE. */
struct conn *conn_lookup(struct conn_table *t, uint64_t handle, uid_t uid);
/* The same, but a connection that has ended and not yet been freed (its
 * port and lock are released at the end of the pass) is found too: a
 * handle must not read as gone while its port is still held. */
struct conn *conn_lookup_any(struct conn_table *t, uint64_t handle, uid_t uid);
/* RasHangUp: drops a reference; the last one ends the connection (PPP
 * Terminate, then the port). Idempotent while the hang-up runs. */
void conn_hangup(struct conn *c);
/* rasmand is stopping: hang up at once, no Terminate exchange. */
void conn_abort(struct conn *c);
/* A client went away: forget it as the dialer of any connection. */
void conn_forget_client(struct conn_table *t, struct client *cl);
/* Frees a connection and its slot (end of pass only). Accepts NULL. */
void conn_free(struct conn *c);

enum conn_phase conn_phase(const struct conn *c);
/* RasEnumConnections lists it: dialing or Connected, or dropped after
 * Connected (RASCS_Disconnected with its error, until RasHangUp or the
 * linger ends). A dial that failed before Connected is not listed. */
bool conn_listed(const struct conn *c);

void conn_status(const struct conn *c, struct ipc_status *out);
void conn_info(const struct conn *c, struct ipc_conn_info *out);
void conn_projection(const struct conn *c, struct ipc_projection *out);
void conn_stats(const struct conn *c, struct ipc_stats *out);
void conn_clear_stats(struct conn *c);

#endif
