/* The PPPoE dial path inside rasmand with every allocation failing in
 * turn: conn_dial, the PPPoE port's open on the next pass, discovery
 * against ras-pppoe-server, PPP in packet framing and the tun once
 * Connected. Each run must fail with ERROR_NOT_ENOUGH_MEMORY (or succeed)
 * and leave no allocation and no descriptor behind. Runs in a network
 * namespace of its own with a veth pair in it; root only. argv[1]:
 * ras-pppoe-server. */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "common/loop.h"
#include "daemon/conn.h"
#include "fixture.h"
#include "harness.h"
#include "lib/dial_resolve.h"

struct run {
    struct loop *loop;
    struct conn_table tab;
    struct loop_timer guard;
    uint32_t error;               /* the first error the dial reported */
    bool connected;
};

static void
on_state(void *ctx, struct client *dialer, uint64_t handle, uint32_t state, uint32_t error)
{
    struct run *r = ctx;
    (void)dialer;
    (void)handle;
    if (error && !r->error)
        r->error = error;
    if (error || state == RASCS_Connected) {
        r->connected = !error;
        loop_stop(r->loop);
    }
}

static void
on_notify(void *ctx, uint64_t handle, uid_t owner, uint32_t what)
{
    (void)ctx;
    (void)handle;
    (void)owner;
    (void)what;
}

static void
guard_fired(void *ctx, uint64_t now)
{
    struct run *r = ctx;
    (void)now;
    loop_stop(r->loop);
}

static uint32_t
dial_once(void *ctx)
{
    struct run *r = ctx;
    struct ipc_dial_req req;
    struct conn *c = NULL;
    RASENTRYA e;
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    e.dwType = RASET_Broadband;
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", RASDT_PPPoE);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "fa");
    ras_dial_req_from_entry(&req, &e, "", "DSL", "");
    snprintf(req.user, sizeof(req.user), "demo");
    snprintf(req.password, sizeof(req.password), "demo");
    req.flags |= IPC_DIAL_NOTIFY;
    r->error = 0;
    r->connected = false;
    uint32_t rc = conn_dial(&r->tab, &req, 0, (struct client *)r, -1, &c);
    if (rc == 0) {
        loop_timer_set(r->loop, &r->guard, loop_now(r->loop) + 10000);
        loop_run(r->loop);
        loop_timer_cancel(r->loop, &r->guard);
        rc = r->connected ? 0 : r->error ? r->error : ERROR_REQUEST_TIMEOUT;
        conn_abort(c);
        conn_table_reap(&r->tab);
    }
    return rc;
}

static int
sh(const char *cmd)
{
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const char *server_exe;

static void
t_dial_path_fault_sweep(void)
{
    static const struct conn_sink sink = { .state = on_state, .notify = on_notify };
    struct conn_sink mine = sink;
    struct run r;
    memset(&r, 0, sizeof(r));
    REQUIRE_EQ(loop_new(&r.loop), 0);
    mine.ctx = &r;
    conn_table_init(&r.tab, r.loop, &mine);
    loop_timer_init(&r.guard, guard_fired, &r);
    pid_t srv = fork();
    if (srv == 0) {
        execl(server_exe, server_exe, "-i", "fb", "-q", "--auth", "chap", (char *)NULL);
        _exit(127);
    }
    REQUIRE(srv > 0);
    rmf_sleep_ms(200);
    CHECK_EQ(dial_once(&r), 0);
    CHECK(th_fault_sweep("PPPoE dial", dial_once, &r, ERROR_NOT_ENOUGH_MEMORY, NULL) >= 3);
    CHECK_EQ(dial_once(&r), 0);
    conn_table_abort(&r.tab);
    conn_table_reap(&r.tab);
    loop_free(r.loop);
    kill(srv, SIGTERM);
    waitpid(srv, NULL, 0);
}

int
main(int argc, char **argv)
{
    if (geteuid() != 0 || argc < 2 || unshare(CLONE_NEWNET) != 0) {
        printf("1..0 # SKIP needs root and ras-pppoe-server\n");
        return 0;
    }
    server_exe = argv[1];
    signal(SIGPIPE, SIG_IGN);
    if (sh("ip link set lo up && ip link add fa type veth peer name fb && "
           "ip link set fa up && ip link set fb up") != 0) {
        printf("1..0 # SKIP no veth\n");
        return 0;
    }
    for (int i = 0; i < 100 && sh("ip link show fb | grep -q LOWER_UP") != 0; i++)
        usleep(20000);
    TH_RUN(t_dial_path_fault_sweep);
    return th_done();
}
