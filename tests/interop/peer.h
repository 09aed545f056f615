/* peer.h: the peer VM (real pppd on a real Linux kernel in qemu, from
 * ../shared/tools/peer-vm) as the interop tests drive it: boot one per
 * pppd configuration, reset pppd between cases, read its log, stop it. */
#ifndef RAS_TESTS_INTEROP_PEER_H
#define RAS_TESTS_INTEROP_PEER_H

#include <stdbool.h>
#include <stddef.h>

struct peer {
    char rundir[512];
    char sock[600];         /* unix stream socket: the VM's ttyS1 */
    char log[600];          /* pppd's debug log and the VM's markers */
};

/* Where peer-vm lives, or NULL (with why) when it is not on this machine. */
const char *peer_tool_dir(void);
/* Builds the VM image once per run (the build script is idempotent). */
bool peer_build(void);
/* peer_tool_dir and peer_build for a test's main(): false if the tests
 * cannot run, with the TAP line said and *rc the exit status (0 for a
 * skip: no peer-vm here; 1 if the build failed). */
bool peer_ready(int *rc);
/* Boots a VM. profile is a file in peer-vm/profiles (without .options) or
 * NULL when options_file is given; opts are extra pppd option lines, NULL
 * terminated. false if qemu could not start. */
bool peer_boot(struct peer *p, const char *profile, const char *options_file,
               const char *const *opts);
/* The same with run.sh's --start (silent, passive, active; NULL = its
 * default, silent): a pppd that is to be the client must not be silent. */
bool peer_boot_start(struct peer *p, const char *profile, const char *options_file,
                     const char *const *opts, const char *start);
/* SIGKILLs pppd in the VM and waits for a fresh one. */
bool peer_reset(struct peer *p);
void peer_stop(struct peer *p);
/* True if pppd's log contains s (read fresh each call). */
bool peer_log_has(const struct peer *p, const char *s);
/* Waits up to timeout_ms for the log to hold s at least n times: qemu
 * writes the log port asynchronously, and on a loaded machine it lags. */
bool peer_log_wait(const struct peer *p, const char *s, int n, unsigned timeout_ms);
/* Lines of the log that contain s, counted. */
int peer_log_count(const struct peer *p, const char *s);
/* Copies the log's tail to stdout as TAP comments, for a failing case. */
void peer_log_dump(const struct peer *p, size_t max_lines);
/* Marks the current end of the log: peer_log_* then look only after it. */
void peer_log_mark(struct peer *p);

#endif
