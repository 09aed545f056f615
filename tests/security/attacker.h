/* The security suite's fixture: a system-mode rasmand (--test, private
 * socket, its own network namespace, stderr in a log file: the
 * tests/daemon fixture) and a throwaway uid that attacks it from a forked
 * child. The uid has no passwd entry: nothing to create, nothing to delete
 * if the run dies. Every attacker test needs root (CI runs as root); the
 * suite skips as a whole when it is not. */
#ifndef RAS_TESTS_SECURITY_ATTACKER_H
#define RAS_TESTS_SECURITY_ATTACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

#include "ras.h"

#include "fixture.h"
#include "ipc/ipc_proto.h"

/* What one run shares: the daemon, the uids, and a page of memory the
 * attacker child can write results into (MAP_SHARED, before fork). */
struct atk {
    struct rmf rm;
    const char *bin;              /* the rasmand binary (argv[1]) */
    const char *rasdial;          /* the rasdial binary (argv[2]) */
    uid_t uid, uid2;              /* the attacker, and a second stranger */
    struct ipc_debug base;        /* rasmand quiet, before the test */
    volatile uint64_t *box;       /* ATK_BOX slots shared with the child */
};
#define ATK_BOX 512                /* the last slot is atk_as's */

extern struct atk atk;

/* In the child: report and end it. The parent's test then fails. */
#define ATK_REQUIRE(c) do { if (!(c)) { \
    fprintf(stderr, "# attacker %s:%d: failed: %s\n", __FILE__, __LINE__, #c); \
    fflush(stderr); _exit(1); } } while (0)
#define ATK_REQUIRE_EQ(a, b) do { long long _a = (long long)(a), _b = (long long)(b); \
    if (_a != _b) { fprintf(stderr, "# attacker %s:%d: %s == %lld, expected %lld\n", \
        __FILE__, __LINE__, #a, _a, _b); fflush(stderr); _exit(1); } } while (0)

/* A suite's main: argv is "RASMAND RASDIAL". Returns -1 to go on (rasmand
 * started, uids picked, the box mapped, no real phonebook or rasmand
 * reachable), else what main returns: 0 after the TAP skip plan when not
 * root, 1 or 2 when it could not start. */
int atk_setup(int argc, char **argv, const char *suite);
/* Stops rasmand (a failure if it did not exit cleanly: a leak under ASan);
 * what main returns. */
int atk_finish(void);
/* Per test: rasmand quiet; its counters become the base. */
void atk_begin(void);
/* Per test: rasmand's allocations and fds back at the base. */
bool atk_settled(void);

/* Runs fn in a child that has become uid (no groups, gid = uid); true if
 * it exited 0 within timeout_ms (else it is killed). */
bool atk_as(uid_t uid, int (*fn)(void *ctx), void *ctx, int timeout_ms);

/* The same child, not waited for: its pid (-1 if fork failed). */
pid_t atk_spawn_as(uid_t uid, int (*fn)(void *ctx), void *ctx);

/* A per-user rasmand (--test) run by the attacker uid with
 * XDG_RUNTIME_DIR=dir (an atk_user_dir), its stderr in dir/rasmand.log;
 * returns once it listens on dir/ras/rasmand.sock (or after 20 s).
 * The caller SIGTERMs and reaps it. */
pid_t atk_user_rasmand(const char *dir);

/* An entry of book dialing the loopback port at phone. */
void atk_set_entry(const char *book, const char *name, const char *phone);
/* rasdial a1 a2 a3 a4 (NULL-terminated) in its own session, pointed at the
 * suite's rasmand; stdin from in_fd (-1: /dev/null), stdout and stderr to
 * the file out. Not waited for. */
pid_t atk_spawn_rasdial(int in_fd, const char *out, const char *a1, const char *a2,
                        const char *a3, const char *a4);

/* A raw client of rasmand's socket (no libras), SOCK_CLOEXEC. -1 if the
 * connect fails. */
int atk_raw_connect(void);
/* One request, one reply of type want (or IPC_REP_ERROR): the reply's
 * whole message in rep
 * (what the ipc_dec_* functions take). false if rasmand dropped us or timed out. */
bool atk_raw_call(int fd, const struct ipc_msg *m, uint16_t *type, uint8_t *rep, size_t *n,
                  int timeout_ms);
/* rasmand closed this client: recv sees the end within timeout_ms. */
/* The error rasmand answers for request type on handle h (raw). */
uint32_t atk_raw_handle_error(int fd, uint16_t type, uint64_t h);

/* A loopback entry dial through libras (the caller's uid); options are
 * RASEO_* added to the entry's. */
DWORD atk_dial(const char *entry, const char *phone, const char *password, DWORD options,
               HRASCONN *h);

/* file (or /proc/PID/name) holds needle (binary-safe search). */
bool atk_file_has(const char *path, const void *needle, size_t n);
bool atk_proc_has(pid_t pid, const char *name, const char *needle);
/* A fresh directory in /tmp owned by uid, mode 0700; path into buf. */
bool atk_user_dir(uid_t uid, char *buf, size_t cap);
/* Removes a directory tree made by a test (best effort). */
void atk_rm_rf(const char *dir);
void atk_sleep_ms(int ms);

#endif
