/* A modem entry dialed through RasDial and a private rasmand, on
 * ras-modem-sim's pty: rasmand picks the modem port for a /dev/ device,
 * reports the modem's result as the RAS error, redials from the entry's
 * count, sees the carrier drop, and releases the port and its lock on
 * hang-up. Most calls have no ISP behind the simulator and go no further
 * than PPP's first packets; one bridges it to a PPP server in a child
 * process and runs the whole call. argv[1] is rasmand, argv[2] the
 * simulator. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"
#include "fixture.h"
#include "harness.h"
#include "lib/rasman_client.h"
#include "ppp/ppp.h"
#include "sim.h"

static struct rmf rmf;
static struct ipc_debug base;
static const char *sim_exe;
static char lock_dir[64];

static void WINAPI
notified(UINT msg, RASCONNSTATE st, DWORD err)
{
    (void)msg; (void)st; (void)err;
}

/* Dials the simulator's pty; *h gets the handle (to hang up) if any. */
static DWORD
dial(const struct sim *s, const char *phone, DWORD redials, bool async, HRASCONN *h)
{
    char real[PATH_MAX];
    RASENTRYA e;
    if (!realpath(s->link, real) || strlen(real) >= sizeof(e.szDeviceName))
        return ~0u;
    rmf_entry(&e);
    memcpy(e.szDeviceName, real, strlen(real) + 1);
    e.dwRedialCount = redials;
    RASDIALPARAMSA p;
    rmf_params(&p, "Modem", phone);
    *h = NULL;
    return ras_dial_entry(&e, "/tmp/openras-test.pbk", "Modem", phone, &p, NULL, 0,
                          async ? (void *)notified : NULL, h);
}

static RASCONNSTATE
state_of(HRASCONN h, DWORD *err)
{
    RASCONNSTATUSA st = { .dwSize = sizeof(st) };
    if (RasGetConnectStatusA(h, &st) != 0)
        return (RASCONNSTATE)-1;
    *err = st.dwError;
    return st.rasconnstate;
}

/* Waits until the device connected (true) or the dial failed. */
static bool
wait_device(HRASCONN h, DWORD *err)
{
    for (int i = 0; i < 5000; i++) {
        RASCONNSTATE st = state_of(h, err);
        if (*err || st == (RASCONNSTATE)-1)
            return false;
        if (st >= RASCS_DeviceConnected)
            return true;
        rmf_sleep_ms(2);
    }
    return false;
}

static bool
no_locks(void)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "ls %s | grep -q LCK", lock_dir);
    return system(cmd) != 0;
}

static void
hang_up(HRASCONN h)
{
    if (!h)
        return;
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 5000));
    CHECK(rmf_settled(&base, 5000));
    CHECK(no_locks());
}

static void
t_results(void)
{
    static const char *const args[] = {
        "--script=1=busy", "--script=2=noanswer", "--script=3=nocarrier",
        "--script=4=nodialtone", "--script=5=error", NULL,
    };
    static const struct { const char *phone; DWORD err; } c[] = {
        { "1", ERROR_LINE_BUSY }, { "2", ERROR_NO_ANSWER }, { "3", ERROR_NO_CARRIER },
        { "4", ERROR_NO_DIALTONE }, { "5", ERROR_FROM_DEVICE },
    };
    struct sim s;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, sim_exe, args));
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        HRASCONN h;
        CHECK_EQ(dial(&s, c[i].phone, 0, false, &h), c[i].err);
        DWORD err = 0;
        CHECK_EQ(state_of(h, &err), RASCS_ConnectDevice);
        CHECK_EQ(err, c[i].err);
        hang_up(h);
    }
    sim_stop(&s);
}

static void
t_redial_then_hang_up(void)
{
    static const char *const args[] = { "--script=42=busy,busy,connect", NULL };
    struct sim s;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, sim_exe, args));
    HRASCONN h;
    CHECK_EQ(dial(&s, "42", 2, true, &h), 0);
    DWORD err = 0;
    CHECK(wait_device(h, &err));
    CHECK_EQ(err, 0);
    CHECK(!no_locks());           /* the port is held while the call is up */
    hang_up(h);
    sim_stop(&s);
}

static void
t_carrier_drop(void)
{
    static const char *const args[] = { "--script=1=drop=1", NULL };
    struct sim s;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, sim_exe, args));
    HRASCONN h;
    CHECK_EQ(dial(&s, "1", 0, true, &h), 0);
    DWORD err = 0;
    CHECK(wait_device(h, &err));
    for (int i = 0; i < 2500 && !err; i++) {
        state_of(h, &err);
        rmf_sleep_ms(2);
    }
    CHECK_EQ(err, ERROR_PORT_DISCONNECTED);
    hang_up(h);
    sim_stop(&s);
}

/* ---- a whole call: an ISP behind the simulator ------------------------- */

#define ISP_IP   0x0a4d0001u      /* 10.77.0.1 */
#define PEER_IP  0x0a4d0002u

static uint64_t
clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static bool
isp_secret(void *ctx, const char *user, char *secret, size_t cap)
{
    (void)ctx;
    if (strcmp(user, "demo") != 0 || cap < 5)
        return false;
    memcpy(secret, "demo", 5);
    return true;
}

/* The child: one PPP server on the first connection, until it closes. */
static void __attribute__((noreturn))
isp_serve(int ls)
{
    int cs = accept(ls, NULL, NULL);
    if (cs < 0)
        _exit(1);
    struct ppp_config cfg = {
        .role = PPP_SERVER, .hostname = "modem-test-isp",
        .auth_methods = PPP_AUTH_MSCHAPV2 | PPP_AUTH_CHAP_MD5 | PPP_AUTH_PAP,
        .secret_fn = isp_secret, .local_ip = ISP_IP, .peer_ip = PEER_IP, .dns1 = ISP_IP,
    };
    struct ppp *isp = ppp_new(&cfg);
    if (!isp)
        _exit(1);
    ppp_start(isp, clock_ms());
    uint8_t buf[4096];
    for (;;) {
        size_t n;
        struct ppp_event ev;
        while ((n = ppp_output(isp, buf, sizeof(buf))) > 0)
            if (write(cs, buf, n) != (ssize_t)n)
                _exit(1);
        while (ppp_recv_ip(isp, buf, sizeof(buf)) > 0)
            ;
        while (ppp_poll_event(isp, &ev))
            ;
        uint64_t now = clock_ms(), next = ppp_next_deadline(isp);
        int to = next == 0 ? 1000 : next <= now ? 0 : (int)(next - now);
        struct pollfd pf = { .fd = cs, .events = POLLIN };
        int r = poll(&pf, 1, to > 1000 ? 1000 : to);
        now = clock_ms();
        if (r > 0) {
            ssize_t got = read(cs, buf, sizeof(buf));
            if (got <= 0)
                break;
            ppp_input(isp, buf, (size_t)got, now);
        }
        next = ppp_next_deadline(isp);
        if (next && next <= now)
            ppp_timer(isp, now);
    }
    ppp_free(isp);
    _exit(0);
}

static void
t_whole_call(void)
{
    char path[100], opt[120];
    snprintf(path, sizeof(path), "%s/isp", th_tmpdir());
    snprintf(opt, sizeof(opt), "--bridge=unix:%s", path);
    int ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(ls >= 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(ls, 1) < 0) {
        close(ls);
        REQUIRE(!"listen");
    }
    pid_t isp = fork();
    if (isp == 0)
        isp_serve(ls);
    close(ls);
    REQUIRE(isp > 0);
    const char *const args[] = { opt, NULL };
    struct sim s;
    REQUIRE(rmf_base(&base));
    if (!sim_start(&s, sim_exe, args)) {
        kill(isp, SIGKILL);
        waitpid(isp, NULL, 0);
        REQUIRE(!"simulator");
    }
    HRASCONN h;
    uint64_t t0 = clock_ms();
    CHECK_EQ(dial(&s, "1", 0, false, &h), 0);
    printf("# RasDial over the simulated modem to Connected: %llu ms\n",
           (unsigned long long)(clock_ms() - t0));
    DWORD err = 0;
    CHECK_EQ(state_of(h, &err), RASCS_Connected);
    struct ipc_projection pr;
    if (h && rmf_projection(h, &pr)) {
        CHECK_EQ(pr.local_ip, PEER_IP);
        CHECK_EQ(pr.peer_ip, ISP_IP);
    } else {
        CHECK(!"projection");
    }
    CHECK(!no_locks());
    hang_up(h);
    sim_stop(&s);
    /* the simulator's hang-up closed the bridge: the ISP is done */
    int st = -1;
    for (int i = 0; i < 300 && waitpid(isp, &st, WNOHANG) == 0; i++)
        rmf_sleep_ms(10);
    if (st == -1) {
        kill(isp, SIGKILL);
        waitpid(isp, &st, 0);
    }
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void
cleanup(void)
{
    ras_client_shutdown();
}

int
main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s RASMAND RAS-MODEM-SIM\n", argv[0]);
        return 2;
    }
    sim_exe = argv[2];
    signal(SIGPIPE, SIG_IGN);
    /* rasmand takes its lock directory from the environment it starts in */
    snprintf(lock_dir, sizeof(lock_dir), "/tmp/openras-locks-XXXXXX");
    if (!mkdtemp(lock_dir))
        return 1;
    setenv("RAS_LOCK_DIR", lock_dir, 1);
    if (!rmf_start(&rmf, argv[1])) {
        fprintf(stderr, "rasmand did not start\n");
        rmf_stop(&rmf);
        rmdir(lock_dir);
        return 1;
    }
    th_set_cleanup(cleanup);
    TH_RUN(t_results);
    TH_RUN(t_redial_then_hang_up);
    TH_RUN(t_carrier_drop);
    TH_RUN(t_whole_call);
    int rc = th_done();
    if (!rmf_stop(&rmf))
        rc = 1;
    rmdir(lock_dir);
    return rc;
}
