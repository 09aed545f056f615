/* Dialing figures on the loopback port, with a private rasmand: median
 * RasDial-to-Connected (blocking) over 100 dials, median RasHangUp-to-gone,
 * and rasmand's memory per idle connection; the baseline, measured in the
 * same run, is the median round trip of one RasGetConnectStatus (one
 * request to rasmand). argv[1]: the rasmand binary (default: the one in
 * the build tree, for scripts/bench.sh). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "clock.h"
#include "fixture.h"
#include "lib/rasman_client.h"
#include "lib/rasman_paths.h"
#include "ppp/ppp.h"
#include "stats.h"

#define RUNS 100
#define IDLE_CONNS 32

static double
median(double *v, int n)
{
    stats_sort(v, (size_t)n);
    return v[n / 2];
}

static bool
dial_times(const char *phone, double *dial_us, double *hang_us)
{
    for (int i = 0; i < RUNS; i++) {
        HRASCONN h = NULL;
        double t0 = clock_now_s() * 1e6;
        if (rmf_dial("Bench", phone, 0, NULL, &h) != 0)
            return false;
        double t1 = clock_now_s() * 1e6;
        if (RasHangUpA(h) != 0 || !rmf_wait_gone(h, 3000))
            return false;
        dial_us[i] = t1 - t0;
        hang_us[i] = clock_now_s() * 1e6 - t1;
    }
    return true;
}

#define IDLE_WINDOW_MS 3000

static struct rmf rmf;

/* rasmand's CPU time in ms: schedstat counts nanoseconds on the CPU,
 * where stat's ticks (10 ms) are too coarse for an idle daemon. */
static double
rasmand_cpu_ms(void)
{
    char path[64];
    unsigned long long ns = 0;
    snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)rmf.pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return 0;
    if (fscanf(f, "%llu", &ns) != 1)
        ns = 0;
    fclose(f);
    return (double)ns / 1e6;
}

static double
cpu_ms_over(int window_ms)
{
    double t0 = rasmand_cpu_ms();
    rmf_sleep_ms(window_ms);
    return rasmand_cpu_ms() - t0;
}

int
main(int argc, char **argv)
{
    static double a[RUNS], b[RUNS];
    const char *bin = argc > 1 ? argv[1] : RASMAND_BUILD_PATH;
    signal(SIGPIPE, SIG_IGN);
    if (!rmf_start(&rmf, bin)) {
        rmf_stop(&rmf);
        return 1;
    }
    /* baseline: one request to rasmand */
    HRASCONN h = NULL;
    if (rmf_dial("Base", "555/dial=0", 0, NULL, &h) != 0)
        goto fail;
    for (int i = 0; i < RUNS; i++) {
        RASCONNSTATUSA s = { .dwSize = sizeof(s) };
        double t0 = clock_now_s() * 1e6;
        RasGetConnectStatusA(h, &s);
        a[i] = clock_now_s() * 1e6 - t0;
    }
    double rt = median(a, RUNS);
    RasHangUpA(h);
    rmf_wait_gone(h, 3000);
    printf("baseline  RasGetConnectStatus round trip      median %8.1f us\n", rt);

    if (!dial_times("555/dial=0", a, b))
        goto fail;
    double d0 = median(a, RUNS), h0 = median(b, RUNS);
    printf("loopback  RasDial to Connected, no dial delay median %8.1f us  (%.0fx baseline)\n",
           d0, d0 / rt);
    printf("loopback  RasHangUp to handle gone           median %8.1f us  (%.0fx baseline)\n",
           h0, h0 / rt);
    if (!dial_times("555", a, b))
        goto fail;
    double d5 = median(a, RUNS);
    printf("loopback  RasDial to Connected, 5 ms modem   median %8.1f us  (%.0fx baseline)\n",
           d5, d5 / rt);

    struct ipc_debug before, after;
    HRASCONN conns[IDLE_CONNS];
    if (!rmf_base(&before))
        goto fail;
    double idle_cpu = cpu_ms_over(IDLE_WINDOW_MS);
    for (int i = 0; i < IDLE_CONNS; i++) {
        char entry[32];
        conns[i] = NULL;
        snprintf(entry, sizeof(entry), "Idle %d", i);
        if (rmf_dial(entry, "555/dial=0", 0, NULL, &conns[i]) != 0)
            goto fail;
    }
    if (!rmf_debug(&after))
        goto fail;
    printf("rasmand   per idle connection: %.0f bytes allocated, %.1f KiB RSS, %.1f fds "
           "(%d connections)\n",
           (double)(after.alloc_bytes - before.alloc_bytes) / IDLE_CONNS,
           (double)((long)after.rss_kib - (long)before.rss_kib) / IDLE_CONNS,
           (double)((long)after.fds - (long)before.fds) / IDLE_CONNS, IDLE_CONNS);
    printf("          of which the PPP engine %zu bytes, twice on the loopback port (our end "
           "and the simulated ISP's)\n", ppp_link_size());
    /* CPU while idle: LCP echoes and timers only. The baseline is the same
     * rasmand with no connection, measured in this run before the dials. */
    double busy = cpu_ms_over(IDLE_WINDOW_MS);
    printf("rasmand   CPU with %d idle connections: %.3f ms per second (%.4f ms/s each); "
           "with none: %.3f ms per second\n", IDLE_CONNS, busy * 1000.0 / IDLE_WINDOW_MS,
           busy * 1000.0 / IDLE_WINDOW_MS / IDLE_CONNS, idle_cpu * 1000.0 / IDLE_WINDOW_MS);
    for (int i = 0; i < IDLE_CONNS; i++) {
        RasHangUpA(conns[i]);
        rmf_wait_gone(conns[i], 3000);
    }
    ras_client_shutdown();
    return rmf_stop(&rmf) ? 0 : 1;
fail:
    fprintf(stderr, "bench-dial: a dial failed\n");
    rmf_stop(&rmf);
    return 1;
}
