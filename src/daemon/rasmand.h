/* rasmand's shared state: the loop, the listening socket, the clients and
 * the connection table. One instance per process (single-threaded). */
#ifndef RAS_DAEMON_RASMAND_H
#define RAS_DAEMON_RASMAND_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "common/loop.h"
#include "daemon/conn.h"
#include "daemon/policy.h"

/* Ceilings (STYLE.md: every queue has one); connections: CONN_MAX. */
#define RASMAND_MAX_CLIENTS   256
/* The system rasmand's shares of them (policy.h): a uid other than root
 * holds at most this many sockets, and the last ones are root's. */
#define RASMAND_CLIENTS_PER_UID    32
#define RASMAND_CLIENTS_ROOT_RESERVE 16
#define CLIENT_OUT_MAX        (256 * 1024) /* queued replies/events per client */
#define CLIENT_MSGS_PER_PASS  16           /* requests read per client per pass */
#define CLIENT_MAX_SUBS       16           /* RasConnectionNotification entries */

struct client;

struct rasmand_opts {
    const char *socket_path;      /* NULL = the default for the mode */
    bool system;                  /* /run/ras/rasmand.sock */
    bool test;                    /* answer IPC_REQ_DEBUG */
    /* The administrator's phonebook, whose entries any user may dial
     * (dial_access.h); NULL = DIAL_SYSTEM_PHONEBOOK. */
    const char *system_phonebook;
    int verbose;
    uint32_t idle_exit_s;         /* 0 = never; exit when idle this long */
    const char *net_group;        /* NULL = POLICY_NET_GROUP (--test may change it) */
};

struct rasmand {
    struct rasmand_opts opts;
    struct loop *loop;
    char sock_path[108];
    char lock_path[128];
    int listen_fd, lock_fd;
    struct loop_io listen_io;
    struct client *clients;       /* doubly linked */
    unsigned nclients;
    struct conn_table conns;
    struct loop_timer idle_timer;
    struct net_policy policy;     /* who may set routes and DNS */
    struct policy_log_limit refusals;  /* refused sockets, logged per uid */
};

/* Sets up the socket (taking the lock next to it) and the loop. 0, or a
 * RAS error; ERROR_ALREADY_EXISTS (183) when another rasmand holds the
 * lock. On failure everything acquired is released. */
uint32_t rasmand_init(struct rasmand *rm, const struct rasmand_opts *opts);
uint32_t rasmand_run(struct rasmand *rm);
/* Hangs up every connection, drops every client, removes the socket. */
void rasmand_fini(struct rasmand *rm);
/* Takes fd, a connected client socket of cred's peer, as a new client
 * (as if accepted). false: over its share or out of memory; fd stays the
 * caller's to close. accept_ready's path, and a fuzz target's way in. */
struct ucred;
bool server_adopt_client(struct rasmand *rm, int fd, const struct ucred *cred);

#endif
