/* Real pppd as the PPPoE client against our concentrator (issue 10's
 * interop, the other way round): ras-pppoe-server (our PPP engine in the
 * server role behind its own tun) on a tap in a private network
 * namespace, and on the far side of the tap the peer VM
 * (tests/interop/pppoe-vm) running Debian's pppd with its rp-pppoe.so
 * plugin, user client, secret secret. Session up, the address we assign,
 * pings both ways, and our PADT ending pppd's session; then pppd hanging
 * up by itself, which our concentrator must notice and clean up.
 * argv[1]: ras-pppoe-server. Root only; skipped when qemu or the VM's
 * parts are unavailable. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "pppoe_vm.h"

#define TAP       "vmtap0"
#define AC_NAME   "openras-ac"
#define CLIENT_IP "10.67.0.10"        /* the server's defaults */
#define AC_IP     "10.67.0.1"

static const char *server_exe;
static char ns[64];
static bool ns_made;
static struct pvm vm;
static bool vm_up;                    /* one VM for every case */
static bool dialed;                   /* a pppd may still run in the VM */
static pid_t server;
static char server_out[160];
static char case_dir[128];            /* th_tmpdir(), for on_signal */

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
sh(const char *fmt, ...)
{
    char cmd[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
sleep_ms(int ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
}

static bool
server_said(const char *what)
{
    char line[256];
    bool found = false;
    FILE *f = fopen(server_out, "re");
    while (f && !found && fgets(line, sizeof(line), f))
        found = strstr(line, what) != NULL;
    if (f)
        fclose(f);
    return found;
}

static bool
wait_said(const char *what, int ms)
{
    for (int waited = 0; waited < ms; waited += 50) {
        if (server_said(what))
            return true;
        sleep_ms(50);
    }
    return server_said(what);
}

static void
server_dump(void)
{
    char line[256];
    FILE *f = fopen(server_out, "re");
    while (f && fgets(line, sizeof(line), f))
        printf("#   ac| %s", line);
    if (f)
        fclose(f);
}

/* ras-pppoe-server in the namespace, demanding auth of client/secret. */
static void
server_start(const char *auth)
{
    char auth_opt[64];
    snprintf(auth_opt, sizeof(auth_opt), "--auth=%s", auth);
    snprintf(case_dir, sizeof(case_dir), "%s", th_tmpdir());
    snprintf(server_out, sizeof(server_out), "%s/ac.out", case_dir);
    const char *argv[] = { "ip", "netns", "exec", ns, server_exe, "-i", TAP, "-a", AC_NAME,
                           "-u", "client", "-p", "secret", auth_opt, NULL };
    fflush(stdout);
    server = fork();
    if (server == 0) {
        if (!freopen(server_out, "w", stdout) || !freopen(server_out, "a", stderr))
            _exit(126);
        execvp("ip", (char *const *)argv);
        _exit(127);
    }
    REQUIRE(server > 0);
    REQUIRE(wait_said("ready on " TAP, 10000));
}

/* SIGTERM: the server ends each live session with a PADT, then exits. */
static int
server_stop(void)
{
    int st = -1;
    if (server > 0) {
        kill(server, SIGTERM);
        waitpid(server, &st, 0);
        server = 0;
    }
    return st;
}

/* After every case: a pppd a failed case left running would answer the
 * next case's offers, so hang it up. */
static void
cleanup(void)
{
    server_stop();
    if (vm_up && dialed) {
        pvm_log_mark(&vm);
        if (!pvm_cmd(&vm, "hangup", "PEER-EXIT", 15000))
            printf("# pppd in the VM did not exit\n");
    }
    dialed = false;
}

static void
on_signal(int sig)
{
    pvm_kill(&vm);
    if (server > 0)
        kill(server, SIGKILL);
    pvm_rm_rf(case_dir);
    if (ns_made && fork() == 0) {
        execlp("ip", "ip", "netns", "del", ns, (char *)NULL);
        _exit(127);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void
ensure_vm(void)
{
    if (vm_up)
        return;
    char prefix[96];
    snprintf(prefix, sizeof(prefix), "ip netns exec %s", ns);
    REQUIRE(pvm_boot(&vm, prefix, TAP, "client", NULL));
    vm_up = true;
    printf("# VM (pppd, rp-pppoe.so) ready in %d ms\n", vm.ready_ms);
}

/* pppd dials our concentrator demanding auth; checks everything up to
 * and including pings both ways. false if the session is not up. */
static bool
session_up(const char *auth, const char *pppd_auth)
{
    ensure_vm();
    server_start(auth);
    pvm_log_mark(&vm);
    CHECK(pvm_cmd(&vm, "dial", "PEER-DIAL", 10000));
    dialed = true;
    /* PADI retries are 5 s apart in pppd's plugin; the first may go out
     * before the e1000 link is up */
    bool up = pvm_log_wait(&vm, "remote IP address " AC_IP, 1, 60000);
    CHECK(up);
    CHECK(wait_said("session 0x0001 up: client " CLIENT_IP ", us " AC_IP ", MTU 1492", 10000));
    if (!up) {
        pvm_log_dump(&vm, 60);
        server_dump();
        return false;
    }
    /* pppd's view: our offer, our auth demand met, the address we gave */
    CHECK(pvm_log_count(&vm, "[AC-name " AC_NAME "]") >= 1);
    CHECK(pvm_log_count(&vm, "PPP session is 1") == 1);
    CHECK(pvm_log_count(&vm, pppd_auth) >= 1);
    CHECK(pvm_log_count(&vm, "rcvd [CHAP Success") == 1);
    CHECK(pvm_log_count(&vm, "local  IP address " CLIENT_IP) == 1);
    /* IP both ways: from our namespace through the server's tun to
     * pppd's ppp0, and from the VM to our end */
    CHECK_EQ(sh("ip netns exec %s ping -q -c 3 -i 0.3 -W 3 " CLIENT_IP " >/dev/null 2>&1", ns),
             0);
    CHECK(pvm_cmd(&vm, "ping " AC_IP, "PEER-PING " AC_IP " ", 30000));
    CHECK(pvm_log_count(&vm, "PEER-PING " AC_IP " ok") == 1);
    return true;
}

/* Our concentrator stops: a PADT, and nothing else, ends pppd's session
 * (the kernel's PPPoE socket drops the channel and pppd sees a hang-up;
 * no LCP Terminate-Request is sent first). */
static void
padt_from_us(void)
{
    pvm_log_mark(&vm);
    int st = server_stop();
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK(server_said("session 0x0001 down: concentrator stopped"));
    CHECK(pvm_log_wait(&vm, "Modem hangup", 1, 15000));
    bool exited = pvm_log_wait(&vm, "PEER-EXIT", 1, 15000);
    CHECK(exited);
    dialed = !exited;
    CHECK_EQ(pvm_log_count(&vm, "rcvd [LCP TermReq"), 0);
    CHECK(sh("ip -n %s link show ras0 >/dev/null 2>&1", ns) != 0);
}

static void
t_chap_ended_by_our_padt(void)
{
    if (session_up("chap", "<auth chap MD5>"))
        padt_from_us();
}

static void
t_mschapv2_ended_by_our_padt(void)
{
    if (session_up("mschapv2", "<auth chap MS-v2>"))
        padt_from_us();
}

/* pppd hangs up (Debian's pppd 2.4.9 sends LCP Terminate-Request and no
 * PADT): we acknowledge, and the session and its tun go within the
 * restart timer's 3 s (plus slack for a loaded machine). */
static void
t_pppd_hangs_up(void)
{
    if (!session_up("chap", "<auth chap MD5>"))
        return;
    pvm_log_mark(&vm);
    bool exited = pvm_cmd(&vm, "hangup", "PEER-EXIT", 15000);
    CHECK(exited);
    dialed = !exited;
    CHECK(pvm_log_count(&vm, "sent [LCP TermReq") == 1);
    CHECK(pvm_log_count(&vm, "rcvd [LCP TermAck") == 1);
    CHECK(wait_said("session 0x0001 down: ", 10000));
    bool gone = false;
    for (int i = 0; i < 100 && !gone; i++) {
        gone = sh("ip -n %s link show ras0 >/dev/null 2>&1", ns) != 0;
        if (!gone)
            sleep_ms(50);
    }
    CHECK(gone);
    int st = server_stop();
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int
main(int argc, char **argv)
{
    int rc;
    if (argc < 2) {
        fprintf(stderr, "usage: %s RAS-PPPOE-SERVER\n", argv[0]);
        return 2;
    }
    server_exe = argv[1];
    if (!pvm_ready(&rc))
        return rc;
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);
    snprintf(ns, sizeof(ns), "openras-pppoe-vm-%d", (int)getpid());
    sh("ip netns del %s >/dev/null 2>&1", ns);
    if (sh("ip netns add %s && ip -n %s link set lo up", ns, ns) != 0) {
        printf("Bail out! cannot make network namespace %s\n", ns);
        return 1;
    }
    ns_made = true;
    th_set_cleanup(cleanup);
    TH_RUN(t_chap_ended_by_our_padt);
    TH_RUN(t_mschapv2_ended_by_our_padt);
    TH_RUN(t_pppd_hangs_up);
    rc = th_done();
    server_stop();
    if (vm_up)
        pvm_stop(&vm);
    if (sh("ip netns del %s", ns) != 0)
        rc = 1;
    return rc;
}
