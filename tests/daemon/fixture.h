/* Integration-test support: a private rasmand (--test, on a socket in a
 * scratch directory) that libras is pointed at, its live allocation and
 * descriptor counts, and the loopback entry the tests dial. */
#ifndef RAS_TESTS_DAEMON_FIXTURE_H
#define RAS_TESTS_DAEMON_FIXTURE_H

#include <stdbool.h>
#include <sys/types.h>

#include "ras.h"

#include "ipc/ipc_proto.h"

struct rmf {
    pid_t pid;
    char dir[64];
    char sock[100];
    char log[128];
};

/* Starts rasmand (the binary at bin) and points libras at it. argv[1] of
 * every daemon test is that path. false if it does not come up. */
bool rmf_start(struct rmf *f, const char *bin);
/* SIGTERM, wait, remove the scratch directory. false (and rasmand's log
 * on stderr) unless rasmand exited with status 0. */
bool rmf_stop(struct rmf *f);
/* A raw client socket connected to rasmand, or -1. */
int rmf_connect(const struct rmf *f);
/* Runs a shell command (output discarded) inside rasmand's network
 * namespace: its exit status, or -1. */
int rmf_netns_run(const struct rmf *f, const char *cmd);
/* rasmand's counters (allocations, fds, RSS, connections, clients). */
bool rmf_debug(struct ipc_debug *d);
/* rasmand's counters once it is quiet (no connection, no client but the
 * asking one): the base a test compares with at its end. */
bool rmf_base(struct ipc_debug *d);
/* Waits (up to timeout_ms) until rasmand has no connection and no client
 * but the asking one and its allocations and fds are back to base. */
bool rmf_settled(const struct ipc_debug *base, int timeout_ms);
/* IPC projection (DNS included, which no RAS struct carries). */
bool rmf_projection(HRASCONN h, struct ipc_projection *p);

/* The loopback entry: device "loopback", PPP over IP. */
void rmf_entry(RASENTRYA *e);
/* Dial parameters for entry "Loopback" with the demo credentials. */
void rmf_params(RASDIALPARAMSA *p, const char *entry, const char *phone);
/* Dials the loopback entry; phone carries simulator directives. */
DWORD rmf_dial(const char *entry, const char *phone, DWORD type, void *notifier,
               HRASCONN *h);
/* Polls RasGetConnectStatus until it answers ERROR_INVALID_HANDLE. */
bool rmf_wait_gone(HRASCONN h, int timeout_ms);
/* Polls until the connection reaches state (or fails: returns false). */
bool rmf_wait_state(HRASCONN h, RASCONNSTATE state, int timeout_ms);
void rmf_sleep_ms(int ms);

#endif
