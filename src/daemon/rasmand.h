/* rasmand's shared state: the loop, the listening socket, the clients and
 * the connection table. One instance per process (single-threaded). */
#ifndef RAS_DAEMON_RASMAND_H
#define RAS_DAEMON_RASMAND_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "common/loop.h"

/* Ceilings (STYLE.md: every queue has one). */
#define RASMAND_MAX_CLIENTS   256
#define RASMAND_MAX_CONNS     256          /* handle index space is 16 bits */
#define CLIENT_OUT_MAX        (256 * 1024) /* queued replies/events per client */
#define CLIENT_MSGS_PER_PASS  16           /* requests read per client per pass */
#define CLIENT_MAX_SUBS       16           /* RasConnectionNotification entries */

struct client;
struct conn;

struct rasmand_opts {
    const char *socket_path;      /* NULL = the default for the mode */
    bool system;                  /* /run/ras/rasmand.sock */
    bool test;                    /* answer IPC_REQ_DEBUG */
    int verbose;
    uint32_t idle_exit_s;         /* 0 = never; exit when idle this long */
};

struct conn_slot {
    struct conn *conn;
    uint32_t gen;
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
    struct conn_slot slots[RASMAND_MAX_CONNS];
    unsigned nconns;
    uint32_t next_gen;
    struct loop_timer idle_timer;
};

/* Logging: stderr, one line, never secrets. level 0 error, 1 info, 2 debug. */
void rm_log(struct rasmand *rm, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets up the socket (taking the lock next to it) and the loop. 0, or a
 * RAS error; ERROR_ALREADY_EXISTS (183) when another rasmand holds the
 * lock. On failure everything acquired is released. */
uint32_t rasmand_init(struct rasmand *rm, const struct rasmand_opts *opts);
uint32_t rasmand_run(struct rasmand *rm);
/* Hangs up every connection, drops every client, removes the socket. */
void rasmand_fini(struct rasmand *rm);

/* server.c, for conn.c: deliver events to clients. */
void server_send_state(struct rasmand *rm, struct client *c, uint64_t handle,
                       uint32_t state, uint32_t error);
void server_conn_notify(struct rasmand *rm, uint64_t handle, uid_t owner, uint32_t what);
/* After a pass: frees closing clients and connections. */
void server_reap(struct rasmand *rm);

#endif
