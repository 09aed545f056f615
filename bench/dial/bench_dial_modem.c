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

#include "clock.h"
#include "fixture.h"
#include "harness.h"
#include "isp.h"
#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"
#include "sim.h"
#include "stats.h"

#define RUNS     100
#define GONE_MS  5000
/* the addresses tests/port/test_modem_rasmand.c's ISP hands out */
#define ISP_IP   0x0a4d0001u      /* 10.77.0.1 */
#define PEER_IP  0x0a4d0002u

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

/* The ISP behind the simulator: it serves the calls one after another. */
static const struct isp_config isp_config = {
    .hostname = "bench-isp", .local_ip = ISP_IP, .peer_ip = PEER_IP,
};

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
    double t0 = clock_now_s() * 1e6;
    DWORD rc = modem ? modem_dial(modem, &h) : rmf_dial("Bench", "555/dial=0", 0, NULL, &h);
    double t1 = clock_now_s() * 1e6;
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
    *hang_us = clock_now_s() * 1e6 - t1;
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
    stats_sort(dial_lo, RUNS);
    stats_sort(hang_lo, RUNS);
    stats_sort(dial_mo, RUNS);
    stats_sort(hang_mo, RUNS);
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
    char rasmand[PATH_MAX], sim_exe[PATH_MAX];
    struct rmf rmf = { 0 };
    struct sim s = { 0 };
    struct isp isp = { .pid = -1, .ctl = -1, .report = -1 };
    int rc = 1;
    if (!tool_path(argc, argv, 1, "BENCH_RASMAND", "rasmand", rasmand, sizeof(rasmand)) ||
        !tool_path(argc, argv, 2, "BENCH_MODEM_SIM", "tools/ras-modem-sim/ras-modem-sim",
                   sim_exe, sizeof(sim_exe))) {
        fprintf(stderr, "usage: %s [RASMAND RAS-MODEM-SIM]\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);

    /* the ISP first, so it inherits nothing of rasmand or libras */
    if (!isp_start(&isp, &isp_config)) {
        fprintf(stderr, "bench-dial-modem: no ISP on %s\n", isp.path);
        goto out;
    }
    const char *const sim_args[] = { isp.bridge, NULL };
    if (!sim_start(&s, sim_exe, sim_args)) {
        fprintf(stderr, "bench-dial-modem: %s did not start\n", sim_exe);
        goto out;
    }
    /* a private serial lock directory: no real /var/lock is touched */
    if (!rmf_start_modem(&rmf, rasmand)) {
        fprintf(stderr, "bench-dial-modem: %s did not start\n", rasmand);
        goto out;
    }
    if (measure(&s)) {
        report();
        rc = 0;
    }
out:
    ras_client_shutdown();
    /* rasmand's exit status, and its lock directory empty: no serial lock
     * left behind */
    if ((rmf.pid > 0 || rmf.lock_dir[0]) && !rmf_stop(&rmf))
        rc = 1;
    sim_stop(&s);
    isp_stop(&isp);
    unlink(s.link);
    rmdir(th_tmpdir());
    return rc;
}
