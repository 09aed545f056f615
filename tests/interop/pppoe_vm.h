/* pppoe_vm.h: the PPPoE peer VM (tests/interop/pppoe-vm: Debian's kernel,
 * pppd, rp-pppoe's pppoe-server, an e1000 NIC on a tap) as the PPPoE
 * interop tests drive it: build once, boot one per configuration inside a
 * network namespace, talk to its control port, read its log, stop it. */
#ifndef RAS_TESTS_INTEROP_PPPOE_VM_H
#define RAS_TESTS_INTEROP_PPPOE_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct pvm {
    char ns_prefix[128];    /* "nsenter -t PID -n" or "ip netns exec NS" */
    char rundir[96];
    char log[160];          /* syslog of pppd/pppoe-server + PEER-* markers */
    char ctl[108];          /* unix socket: the VM's control port (sun_path) */
    pid_t qemu;
    long mark;              /* pvm_log_* look only after this offset */
    int ready_ms;
};

/* For main(): root, qemu and the VM image (build.sh, which installs what
 * is missing). false with the TAP line said and *rc set when the tests
 * cannot run: 0 for a skip (qemu or the VM's parts unavailable, with the
 * reason), 1 when the build broke. */
bool pvm_ready(int *rc);
/* Boots the VM with a tap named tap in the namespace ns_prefix enters:
 * role "ac" (pppoe-server + pppd demanding auth) or "client" (pppd's
 * PPPoE client, on the "dial" command). false (and why, as TAP comments)
 * if it did not come up. */
bool pvm_boot(struct pvm *v, const char *ns_prefix, const char *tap, const char *role,
              const char *auth);
/* Kills qemu, deletes the tap, removes the run directory; a no-op on a VM
 * that is not running. */
void pvm_stop(struct pvm *v);
/* Sends one control command (see init) and keeps the control socket open
 * until the log shows until (when not NULL) or timeout_ms passes: qemu
 * drops what the guest has not read when the host side closes. true if
 * until appeared. */
bool pvm_cmd(struct pvm *v, const char *cmd, const char *until, unsigned timeout_ms);
/* The log after the mark holds s at least n times within timeout_ms. */
bool pvm_log_wait(const struct pvm *v, const char *s, int n, unsigned timeout_ms);
int pvm_log_count(const struct pvm *v, const char *s);
/* The log after the mark holds a before b (both present). */
bool pvm_log_order(const struct pvm *v, const char *a, const char *b);
void pvm_log_mark(struct pvm *v);
/* The log's tail as TAP comments, for a failing case. */
void pvm_log_dump(const struct pvm *v, size_t max_lines);
/* For a signal handler: SIGKILL the VM, even one still booting, and
 * remove its run directory (async-signal-safe; the tap goes with the
 * namespace). */
void pvm_kill(const struct pvm *v);
/* For a signal handler: rm -rf an absolute path, in a child. */
void pvm_rm_rf(const char *dir);

#endif
