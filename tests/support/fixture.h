/* Integration-test support: a private rasmand (--test, on a socket in a
 * scratch directory) that libras is pointed at, its live allocation and
 * descriptor counts, the loopback entry the tests dial, and the main()
 * every daemon and modem test shares. */
#ifndef RAS_TESTS_SUPPORT_FIXTURE_H
#define RAS_TESTS_SUPPORT_FIXTURE_H

#include <stdbool.h>
#include <sys/types.h>

#include "ras.h"

#include "ipc/ipc_proto.h"

struct rmf {
    pid_t pid;
    char dir[64];
    char sock[100];
    char log[128];
    char lock_dir[64];            /* rmf_start_modem's serial lock directory */
    const char *sim_exe;          /* rmf_main's argv[2] in a modem test */
};

/* Starts rasmand (the binary at bin) and points libras at it. argv[1] of
 * every daemon test is that path. false if it does not come up. */
bool rmf_start(struct rmf *f, const char *bin);
/* SIGTERM, wait, remove the scratch directory. false (and rasmand's log
 * on stderr) unless rasmand exited with status 0. */
bool rmf_stop(struct rmf *f);
/* rasmand closed a client's socket (recv sees the end) within timeout_ms. */
bool rmf_dropped(int fd, int timeout_ms);
/* A raw client socket connected to rasmand, or -1. */
int rmf_connect(const struct rmf *f);
/* Sends one message of n bytes with nfds (at most RMF_MAX_FDS) descriptors
 * beside it, as a hostile client may: true if it all went. */
#define RMF_MAX_FDS 16
bool rmf_send_fds(int s, const void *buf, size_t n, const int *fds, int nfds);
/* Runs a shell command (output discarded) inside rasmand's network
 * namespace: its exit status, or -1. */
int rmf_netns_run(const struct rmf *f, const char *cmd);
/* Moves the calling process (a forked child, as a rule) into the network
 * namespace at path (/run/netns/NAME, /proc/PID/ns/net). */
bool rmf_enter_netns(const char *path);
/* rmf_start with a serial lock directory of rasmand's own (RAS_LOCK_DIR,
 * read from the environment it starts in), so no real /var/lock is
 * touched: for tests that dial modem ports. rmf_stop removes it, and
 * fails if a lock was left in it. */
bool rmf_start_modem(struct rmf *f, const char *bin);
/* true if no UUCP lock file is in f's lock directory. */
bool rmf_no_locks(const struct rmf *f);

/* A test program's cases, for rmf_main: RMF_CASE(t_x), ..., { NULL, NULL }. */
struct rmf_case {
    const char *name;
    void (*fn)(void);
};
#define RMF_CASE(fn) { #fn, fn }
/* A daemon test's whole main(): argv[1] is rasmand; with modem, argv[2]
 * is ras-modem-sim (kept in f->sim_exe) and rasmand is started by
 * rmf_start_modem. SIGPIPE ignored; the cases run with cleanup (may be
 * NULL) after each, then rasmand is stopped. main()'s exit status: 1 if a
 * case failed or rasmand did not start or stop cleanly. */
int rmf_main(struct rmf *f, int argc, char **argv, bool modem, void (*cleanup)(void),
             const struct rmf_case *cases);
/* For th_set_cleanup (rmf_main's cleanup): drops the parsed-phonebook
 * cache and libras's client state, which are kept on purpose between
 * calls, so the audit after each test sees only real leaks. */
void rmf_cleanup(void);

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

/* One ping to ip (host order) through h's own interface, from rasmand's
 * network namespace (where its tun interfaces live), waiting up to
 * wait_s for the reply. */
bool rmf_ping(const struct rmf *f, HRASCONN h, uint32_t ip, int wait_s);

/* The loopback entry: device "loopback", PPP over IP. */
void rmf_entry(RASENTRYA *e);
/* Dial parameters for entry "Loopback" with the demo credentials. */
void rmf_params(RASDIALPARAMSA *p, const char *entry, const char *phone);
/* Dials the loopback entry; phone carries simulator directives. */
DWORD rmf_dial(const char *entry, const char *phone, DWORD type, void *notifier,
               HRASCONN *h);
/* A RasDialFunc1 that ignores every notification: for asynchronous dials
 * whose progress the test reads with RasGetConnectStatus. */
VOID WINAPI rmf_ignore_state(HRASCONN h, UINT msg, RASCONNSTATE state, DWORD err, DWORD ext);
/* A child that drops to uid (and gid) dials the loopback entry and exits;
 * the connection stays in rasmand, owned by uid. Its handle, or NULL. Root
 * only (the ownership tests). */
HRASCONN rmf_dial_as(uid_t uid, const char *entry, const char *phone);
/* A made-up HRASCONN with these fields (ipc.h's layout): how every test
 * forges a handle. */
HRASCONN rmf_forge(uint32_t index, uint32_t gen, uint32_t check);
/* Polls RasGetConnectStatus until it answers ERROR_INVALID_HANDLE. */
bool rmf_wait_gone(HRASCONN h, int timeout_ms);
/* Polls until the connection reaches state (or fails: returns false). */
bool rmf_wait_state(HRASCONN h, RASCONNSTATE state, int timeout_ms);
void rmf_sleep_ms(int ms);

#endif
