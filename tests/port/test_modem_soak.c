/* 1,000 calls over the simulated modem: a phonebook entry, RasDialA to
 * Connected through rasmand's serial modem port and ras-modem-sim bridged
 * to a PPP server child, then RasHangUpA. After a warm-up, rasmand's live
 * allocations and fds come back to base, neither rasmand's nor this
 * client's RSS grows by 64 KiB, and no UUCP lock file is left behind.
 * argv[1]: rasmand, argv[2]: the simulator. RAS_SOAK_CYCLES overrides the
 * count for quick runs. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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
#include "openras.h"

#include "clock.h"
#include "fixture.h"
#include "harness.h"
#include "isp.h"
#include "lib/pbk_store.h"
#include "lib/rasman_client.h"
#include "rss.h"
#include "sim.h"

#define CYCLES_DEFAULT 1000
#define CYCLES_MAX     100000
#define WARMUP         50
#define MAX_GROWTH_KIB 64
#define STEP_MS        5000       /* any one dial, hang-up or session end */

#define ISP_IP   0x0a4e0001u      /* 10.78.0.1 */
#define PEER_IP  0x0a4e0002u

/* One process serves the calls one after another; the concurrent test
 * wants a process per call. */
static const struct isp_config serial_isp = {
    .hostname = "modem-soak-isp", .local_ip = ISP_IP, .peer_ip = PEER_IP,
};
static const struct isp_config concurrent_isp = {
    .hostname = "modem-soak-isp", .local_ip = ISP_IP, .peer_ip = PEER_IP, .concurrent = true,
};

static struct rmf rmf;
/* per-cycle times; static so the pages are touched before measuring */
static uint32_t cycle_us[CYCLES_MAX];

static int
cycles_wanted(void)
{
    const char *s = getenv("RAS_SOAK_CYCLES");
    long n = s && *s ? strtol(s, NULL, 10) : CYCLES_DEFAULT;
    return n < 1 ? 1 : n > CYCLES_MAX ? CYCLES_MAX : (int)n;
}

/* ---- the calls --------------------------------------------------------- */

/* A modem entry on the simulator's pty with the demo credentials saved;
 * *p gets the dial parameters RasGetEntryDialParams gives for it. */
static bool
make_entry(const struct sim *s, const char *name, RASDIALPARAMSA *p)
{
    memset(p, 0, sizeof(*p));
    p->dwSize = sizeof(*p);
    snprintf(p->szEntryName, sizeof(p->szEntryName), "%s", name);
    BOOL has_pw = FALSE;
    return sim_entry(s, th_pbk(), name, "demo", "demo") &&
           RasGetEntryDialParamsA(th_pbk(), p, &has_pw) == 0 && has_pw;
}

/* One call up to Connected and down again, until the ISP has seen the
 * bridge close (so the simulator is on hook for the next). NULL, or the
 * step that failed, reported once. */
static const char *
cycle(const struct isp *isp, RASDIALPARAMSA *p)
{
    HRASCONN h = NULL;
    DWORD rc = RasDialA(NULL, th_pbk(), p, 0, NULL, &h);
    if (rc != 0 || !h) {
        fprintf(stderr, "# RasDialA: %u\n", rc);
        if (h)
            RasHangUpA(h);
        return "dial";
    }
    RASCONNSTATUSA st = { .dwSize = sizeof(st) };
    if (RasGetConnectStatusA(h, &st) != 0 || st.rasconnstate != RASCS_Connected) {
        RasHangUpA(h);
        return "not connected";
    }
    if (RasHangUpA(h) != 0)
        return "hang-up";
    if (!rmf_wait_gone(h, STEP_MS))
        return "handle still there";
    /* "gone" means the port and its lock are released (as Microsoft tells
     * callers to wait for): the lock file must be gone at once */
    if (!rmf_no_locks(&rmf))
        return "lock file left after the handle was gone";
    int seen = isp_next_report(isp, STEP_MS);
    if (seen != (ISP_SESSION_UP | ISP_SESSION_DOWN)) {
        fprintf(stderr, "# ISP session report %d\n", seen);
        return "ISP session";
    }
    return NULL;
}

static int
cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Measures rasmand and this client across the cycles after the warm-up.
 * Failures are recorded, never longjmp'd past: the caller stops the
 * simulator and the ISP whatever happens here. */
static void
run_cycles(const struct isp *isp, RASDIALPARAMSA *p, int cycles)
{
    struct ipc_debug base, warm, end;
    const char *failed = NULL;
    if (!rmf_base(&base)) {
        CHECK(!"rasmand quiet at the start");
        return;
    }
    for (int i = 0; i < WARMUP && !failed; i++)
        failed = cycle(isp, p);
    if (failed) {
        th_fail(__FILE__, __LINE__, "warm-up: %s", failed);
        return;
    }
    if (!rmf_settled(&base, 3000) || !rmf_debug(&warm)) {
        CHECK(!"rasmand settled after the warm-up");
        return;
    }
    memset(cycle_us, 0, sizeof(cycle_us));
    /* both client figures are taken right after a cycle, in the same
     * state of malloc's arena (as test_soak.c does) */
    long client_warm = rss_bytes() / 1024, client_end = 0;
    uint64_t t0 = clock_now_us();
    int done = 0;
    for (; done < cycles; done++) {
        uint64_t c0 = clock_now_us();
        if ((failed = cycle(isp, p)) != NULL) {
            th_fail(__FILE__, __LINE__, "cycle %d: %s", done, failed);
            break;
        }
        cycle_us[done] = (uint32_t)(clock_now_us() - c0);
        if (done == 0)
            client_warm = rss_bytes() / 1024;
        client_end = rss_bytes() / 1024;
    }
    uint64_t elapsed = clock_now_us() - t0;
    CHECK(rmf_settled(&base, 3000));
    if (!rmf_debug(&end) || done == 0) {
        CHECK(!"figures at the end");
        return;
    }
    qsort(cycle_us, (size_t)done, sizeof(cycle_us[0]), cmp_u32);
    printf("# %d modem calls in %.1f s: %.1f cycles/s, per cycle median %.2f ms, "
           "max %.2f ms\n", done, (double)elapsed / 1e6, done * 1e6 / (double)elapsed,
           cycle_us[done / 2] / 1000.0, cycle_us[done - 1] / 1000.0);
    printf("# rasmand RSS %u -> %u KiB, client RSS %ld -> %ld KiB, rasmand allocs %llu "
           "(base %llu) fds %u (base %u)\n", warm.rss_kib, end.rss_kib, client_warm,
           client_end, (unsigned long long)end.allocs, (unsigned long long)base.allocs,
           end.fds, base.fds);
    CHECK(rss_growth_ok(warm.rss_kib, end.rss_kib, client_warm, client_end, MAX_GROWTH_KIB));
}

static void
t_modem_dial_hangup_cycles(void)
{
    struct isp isp;
    struct sim s;
    REQUIRE(isp_start(&isp, &serial_isp));
    const char *const args[] = { isp.bridge, NULL };
    if (!sim_start(&s, rmf.sim_exe, args)) {
        isp_stop(&isp);
        REQUIRE(!"simulator");
    }
    RASDIALPARAMSA p;
    if (make_entry(&s, "Soak ISP", &p))
        run_cycles(&isp, &p, cycles_wanted());
    else
        CHECK(!"phonebook entry");
    memset(&p, 0, sizeof(p));
    sim_stop(&s);
    CHECK(isp_stop(&isp));
    CHECK(rmf_no_locks(&rmf));
}

/* ---- many calls at once ------------------------------------------------ */

#define N_LINES 32

/* 32 simulated modems, each bridged to its own ISP session, dialed at
 * once through one rasmand; each call carries a ping on its own
 * interface; all hung up, and rasmand back where it began. */
static void
t_concurrent_modem_calls(void)
{
    static struct sim s[N_LINES];
    static RASDIALPARAMSA p[N_LINES];
    HRASCONN h[N_LINES] = { 0 };
    struct ipc_debug base;
    struct isp isp;
    char name[32];
    int lines = 0;
    uint64_t t0 = clock_now_us();
    REQUIRE(rmf_base(&base));
    REQUIRE(isp_start(&isp, &concurrent_isp));
    const char *const args[] = { isp.bridge, NULL };
    for (; lines < N_LINES; lines++) {
        snprintf(name, sizeof(name), "Line %02d", lines);
        if (!sim_start(&s[lines], rmf.sim_exe, args))
            break;
        if (!make_entry(&s[lines], name, &p[lines])) {
            lines++;
            CHECK(!"phonebook entry");
            break;
        }
    }
    CHECK_EQ(lines, N_LINES);
    printf("# %d simulators and entries ready (%.1f s)\n", lines,
           (double)(clock_now_us() - t0) / 1e6);
    for (int i = 0; i < lines; i++)
        CHECK_EQ(RasDialA(NULL, th_pbk(), &p[i], 1, (void *)rmf_ignore_state, &h[i]), 0);
    int up = 0, pinged = 0;
    for (int i = 0; i < lines; i++) {
        bool ok = h[i] && rmf_wait_state(h[i], RASCS_Connected, 30000);
        up += ok;
        RASCONNSTATUSA st = { .dwSize = sizeof(st) };
        if (!ok && h[i] && RasGetConnectStatusA(h[i], &st) == 0) {
            char real[PATH_MAX], cmd[700];
            printf("# line %d: state %d, error %u, device %s\n", i, (int)st.rasconnstate,
                   st.dwError, realpath(s[i].link, real) ? real : "?");
            snprintf(cmd, sizeof(cmd), "ls -la %s | sed 's/^/# /'", rmf.lock_dir);
            (void)!system(cmd);
        }
    }
    CHECK_EQ(up, N_LINES);
    printf("# %d connected (%.1f s)\n", up, (double)(clock_now_us() - t0) / 1e6);
    RASCONNA conns[N_LINES + 1];
    DWORD cb = sizeof(conns), n = 0;
    conns[0].dwSize = sizeof(conns[0]);
    CHECK_EQ(RasEnumConnectionsA(conns, &cb, &n), 0);
    CHECK_EQ(n, N_LINES);
    if (geteuid() == 0) {
        for (int i = 0; i < lines; i++) {
            RAS_STATS a = { .dwSize = sizeof(a) }, b = { .dwSize = sizeof(b) };
            RasGetConnectionStatistics(h[i], &a);
            bool ok = h[i] && rmf_ping(&rmf, h[i], ISP_IP, 5);
            RasGetConnectionStatistics(h[i], &b);
            pinged += ok && b.dwFramesRcved > a.dwFramesRcved &&
                      b.dwFramesXmited > a.dwFramesXmited;
        }
        CHECK_EQ(pinged, N_LINES);
    }
    printf("# %d modem calls at once: %d connected, %d passed a ping (%.1f s so far)\n", lines, up,
           pinged, (double)(clock_now_us() - t0) / 1e6);
    for (int i = 0; i < lines; i++)
        if (h[i])
            CHECK_EQ(RasHangUpA(h[i]), 0);
    for (int i = 0; i < lines; i++)
        if (h[i])
            CHECK(rmf_wait_gone(h[i], 10000));
    int reports = 0;
    for (int i = 0; i < lines; i++)
        reports += isp_next_report(&isp, 10000) == (ISP_SESSION_UP | ISP_SESSION_DOWN);
    CHECK_EQ(reports, N_LINES);
    printf("# all hung up (%.1f s)\n", (double)(clock_now_us() - t0) / 1e6);
    CHECK(rmf_settled(&base, 5000));
    for (int i = 0; i < lines; i++)
        sim_stop(&s[i]);
    memset(p, 0, sizeof(p));
    CHECK(isp_stop(&isp));
    CHECK(rmf_no_locks(&rmf));
}

int
main(int argc, char **argv)
{
    static const struct rmf_case cases[] = {
        RMF_CASE(t_modem_dial_hangup_cycles), RMF_CASE(t_concurrent_modem_calls), { NULL, NULL },
    };
    return rmf_main(&rmf, argc, argv, true, rmf_cleanup, cases);
}
