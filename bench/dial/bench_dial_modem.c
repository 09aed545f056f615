/* bench-dial-modem: RasDial-to-Connected over rasmand's serial modem port,
 * against ras-modem-sim (a SIMULATED Hayes modem on a pty) bridged to a PPP
 * server in a child process, next to the baseline measured in the same run:
 * the same dial on the loopback port. The two kinds of dial take turns, so
 * a busy machine slows both alike. Every call is hung up and its handle gone
 * before the next starts.
 * Binaries: argv[1] rasmand and argv[2] ras-modem-sim, or $BENCH_RASMAND and
 * $BENCH_MODEM_SIM, or else the build tree this executable sits in (meson
 * passes no arguments to benches, nor does scripts/bench.sh). */
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
#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"
#include "ppp/ppp.h"
#include "sim.h"

#define RUNS     100
#define GONE_MS  5000
/* the addresses tests/port/test_modem_rasmand.c's ISP hands out */
#define ISP_IP   0x0a4d0001u      /* 10.77.0.1 */
#define PEER_IP  0x0a4d0002u

static double
now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static uint64_t
now_ms(void)
{
    return (uint64_t)(now_us() / 1e3);
}

static int
cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* sorts v: median in v[n / 2], p90 in v[n * 9 / 10] */
static void
sort(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), cmp);
}

/* ---- where the binaries are -------------------------------------------- */

/* This executable is BUILD/bench/dial/bench-dial-modem: BUILD is three
 * path components up. */
static bool
build_dir(char *out, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", out, cap - 1);
    if (n <= 0)
        return false;
    out[n] = '\0';
    for (int up = 0; up < 3; up++) {
        char *slash = strrchr(out, '/');
        if (!slash || slash == out)
            return false;
        *slash = '\0';
    }
    return true;
}

static bool
tool_path(int argc, char **argv, int i, const char *env, const char *rel, char *out,
          size_t cap)
{
    const char *given = argc > i ? argv[i] : getenv(env);
    char dir[PATH_MAX];
    if (given)
        return (size_t)snprintf(out, cap, "%s", given) < cap;
    return build_dir(dir, sizeof(dir)) &&
           (size_t)snprintf(out, cap, "%s/%s", dir, rel) < cap;
}

/* ---- the ISP behind the simulator (a child process) -------------------- */

static bool
isp_secret(void *ctx, const char *user, char *secret, size_t cap)
{
    (void)ctx;
    if (strcmp(user, "demo") != 0 || cap < 5)
        return false;
    memcpy(secret, "demo", 5);
    return true;
}

/* One call: a PPP server on cs until the simulator hangs up (EOF). */
static void
isp_session(int cs)
{
    struct ppp_config cfg = {
        .role = PPP_SERVER, .hostname = "bench-isp",
        .auth_methods = PPP_AUTH_MSCHAPV2 | PPP_AUTH_CHAP_MD5 | PPP_AUTH_PAP,
        .secret_fn = isp_secret, .local_ip = ISP_IP, .peer_ip = PEER_IP, .dns1 = ISP_IP,
    };
    struct ppp *isp = ppp_new(&cfg);
    if (!isp)
        return;
    ppp_start(isp, now_ms());
    uint8_t buf[4096];
    for (;;) {
        size_t n;
        struct ppp_event ev;
        while ((n = ppp_output(isp, buf, sizeof(buf))) > 0)
            if (write(cs, buf, n) != (ssize_t)n)
                goto out;
        while (ppp_recv_ip(isp, buf, sizeof(buf)) > 0)
            ;
        while (ppp_poll_event(isp, &ev))
            ;
        uint64_t now = now_ms(), next = ppp_next_deadline(isp);
        int to = next == 0 ? 1000 : next <= now ? 0 : (int)(next - now);
        struct pollfd pf = { .fd = cs, .events = POLLIN };
        int r = poll(&pf, 1, to > 1000 ? 1000 : to);
        now = now_ms();
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
out:
    ppp_free(isp);
}

/* Serves the calls one after another until killed. */
static void __attribute__((noreturn))
isp_serve(int ls)
{
    for (;;) {
        int cs = accept(ls, NULL, NULL);
        if (cs < 0 && errno == EINTR)
            continue;
        if (cs < 0)
            _exit(1);
        isp_session(cs);
        close(cs);
    }
}

static pid_t
isp_start(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(sa.sun_path))
        return -1;
    memcpy(sa.sun_path, path, strlen(path) + 1);
    int ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (ls < 0)
        return -1;
    if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(ls, 4) < 0) {
        close(ls);
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0)
        isp_serve(ls);
    close(ls);
    return pid;
}

static void
child_stop(pid_t pid)
{
    if (pid > 0) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
    }
}

/* ---- the dials --------------------------------------------------------- */

/* The simulator's pty as a modem entry, dialed with the demo credentials.
 * The link is resolved every time: a carrier drop moves the modem to a new
 * pty. */
static DWORD
modem_dial(const struct sim *s, HRASCONN *h)
{
    char real[PATH_MAX];
    RASENTRYA e;
    RASDIALPARAMSA p;
    rmf_entry(&e);
    if (!realpath(s->link, real) || strlen(real) >= sizeof(e.szDeviceName))
        return ~0u;
    memcpy(e.szDeviceName, real, strlen(real) + 1);
    rmf_params(&p, "Modem", "1");
    struct ipc_dial_req d;
    ras_dial_req_from_entry(&d, &e, "/tmp/openras-test.pbk", "Modem", "1");
    DWORD rc = ras_dial_request(&d, &p, 0, NULL, h);
    memset(&p, 0, sizeof(p));
    return rc;
}

/* One blocking dial, then hang-up and wait for the handle to go. Writes the
 * dial and hang-up times; false (and why on stderr) if anything failed. */
static bool
timed_call(const struct sim *modem, double *dial_us, double *hang_us)
{
    HRASCONN h = NULL;
    double t0 = now_us();
    DWORD rc = modem ? modem_dial(modem, &h) : rmf_dial("Bench", "555/dial=0", 0, NULL, &h);
    double t1 = now_us();
    if (rc != 0) {
        fprintf(stderr, "bench-dial-modem: %s dial failed: %lu\n", modem ? "modem" : "loopback",
                (unsigned long)rc);
        if (h) {
            RasHangUpA(h);
            rmf_wait_gone(h, GONE_MS);
        }
        return false;
    }
    if (RasHangUpA(h) != 0 || !rmf_wait_gone(h, GONE_MS)) {
        fprintf(stderr, "bench-dial-modem: hang-up did not finish\n");
        return false;
    }
    *dial_us = t1 - t0;
    *hang_us = now_us() - t1;
    return true;
}

static double dial_lo[RUNS], hang_lo[RUNS], dial_mo[RUNS], hang_mo[RUNS];

static bool
measure(const struct sim *modem)
{
    /* one of each first, unmeasured: rasmand's first modem port open
     * and the ISP's first accept are not what the figures are about */
    double x, y;
    if (!timed_call(NULL, &x, &y) || !timed_call(modem, &x, &y))
        return false;
    for (int i = 0; i < RUNS; i++)
        if (!timed_call(NULL, &dial_lo[i], &hang_lo[i]) ||
            !timed_call(modem, &dial_mo[i], &hang_mo[i]))
            return false;
    return true;
}

static void
report(void)
{
    sort(dial_lo, RUNS);
    sort(hang_lo, RUNS);
    sort(dial_mo, RUNS);
    sort(hang_mo, RUNS);
    int m = RUNS / 2, p = RUNS * 9 / 10;
    printf("bench-dial-modem: %d dials each, modem and loopback taking turns; "
           "the modem is SIMULATED (ras-modem-sim on a pty)\n", RUNS);
    printf("baseline  loopback RasDial to Connected    median %8.1f us  p90 %8.1f us\n",
           dial_lo[m], dial_lo[p]);
    printf("modem     sim + PPP server, to Connected   median %8.1f us  p90 %8.1f us  "
           "ratio %5.1fx / %5.1fx\n", dial_mo[m], dial_mo[p], dial_mo[m] / dial_lo[m],
           dial_mo[p] / dial_lo[p]);
    printf("baseline  loopback RasHangUp to gone       median %8.1f us  p90 %8.1f us\n",
           hang_lo[m], hang_lo[p]);
    printf("modem     RasHangUp to gone                median %8.1f us  p90 %8.1f us  "
           "ratio %5.1fx / %5.1fx\n", hang_mo[m], hang_mo[p], hang_mo[m] / hang_lo[m],
           hang_mo[p] / hang_lo[p]);
}

int
main(int argc, char **argv)
{
    char rasmand[PATH_MAX], sim_exe[PATH_MAX], isp_path[200], opt[220], lock_dir[64];
    struct rmf rmf = { 0 };
    struct sim s = { 0 };
    pid_t isp = -1;
    int rc = 1;
    if (!tool_path(argc, argv, 1, "BENCH_RASMAND", "rasmand", rasmand, sizeof(rasmand)) ||
        !tool_path(argc, argv, 2, "BENCH_MODEM_SIM", "tools/ras-modem-sim/ras-modem-sim",
                   sim_exe, sizeof(sim_exe))) {
        fprintf(stderr, "usage: %s [RASMAND RAS-MODEM-SIM]\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    /* rasmand takes its serial lock directory from the environment it
     * starts in: a private one, so no real /var/lock is touched */
    snprintf(lock_dir, sizeof(lock_dir), "/tmp/openras-locks-XXXXXX");
    if (!mkdtemp(lock_dir))
        return 1;
    setenv("RAS_LOCK_DIR", lock_dir, 1);
    snprintf(isp_path, sizeof(isp_path), "%s/isp", th_tmpdir());
    snprintf(opt, sizeof(opt), "--bridge=unix:%s", isp_path);
    const char *const sim_args[] = { opt, NULL };

    /* the ISP first, so it inherits nothing of rasmand or libras */
    isp = isp_start(isp_path);
    if (isp < 0) {
        fprintf(stderr, "bench-dial-modem: no ISP on %s\n", isp_path);
        goto out;
    }
    if (!sim_start(&s, sim_exe, sim_args)) {
        fprintf(stderr, "bench-dial-modem: %s did not start\n", sim_exe);
        goto out;
    }
    if (!rmf_start(&rmf, rasmand)) {
        fprintf(stderr, "bench-dial-modem: %s did not start\n", rasmand);
        goto out;
    }
    if (measure(&s)) {
        report();
        rc = 0;
    }
out:
    ras_client_shutdown();
    if (rmf.pid > 0 && !rmf_stop(&rmf))
        rc = 1;
    sim_stop(&s);
    child_stop(isp);
    unlink(isp_path);
    unlink(s.link);
    rmdir(th_tmpdir());
    if (rmdir(lock_dir) != 0) {
        fprintf(stderr, "bench-dial-modem: %s not empty: a serial lock left behind\n", lock_dir);
        rc = 1;
    }
    return rc;
}
