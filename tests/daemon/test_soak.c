/* 1,000 dial/hang-up cycles on the loopback port with rasmand running:
 * rasmand's live allocations and descriptors back where they started, and
 * neither rasmand's nor this client's RSS grown by 64 KiB or more (after a
 * warm-up, so first-touch pages are not counted). argv[1]: rasmand. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "lib/rasman_client.h"

#ifndef CYCLES
#define CYCLES 1000
#endif
#define WARMUP 50
#define MAX_GROWTH_KIB 64

static struct rmf rmf;

static long
self_rss_kib(void)
{
    unsigned long size = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "re");
    if (!f)
        return -1;
    if (fscanf(f, "%lu %lu", &size, &rss) != 2)
        rss = 0;
    fclose(f);
    return (long)(rss * (unsigned long)sysconf(_SC_PAGESIZE) / 1024);
}

static bool
sanitized(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#endif
#endif
    const char *preload = getenv("LD_PRELOAD");
    return preload && strstr(preload, "valgrind");
}

static bool
cycle(void)
{
    HRASCONN h = NULL;
    DWORD rc = rmf_dial("Soak", "555/dial=0", 0, NULL, &h);
    if (rc != 0 || !h)
        return false;
    return RasHangUpA(h) == 0 && rmf_wait_gone(h, 3000);
}

static void
t_dial_hangup_cycles(void)
{
    struct ipc_debug base, warm, end;
    REQUIRE(rmf_base(&base));
    for (int i = 0; i < WARMUP; i++)
        REQUIRE(cycle());
    REQUIRE(rmf_settled(&base, 3000));
    REQUIRE(rmf_debug(&warm));
    /* both client figures are taken right after a cycle, in the same
     * state of malloc's arena */
    long client_warm = self_rss_kib(), client_end = 0;
    for (int i = 0; i < CYCLES; i++) {
        REQUIRE(cycle());
        if (i == 0)
            client_warm = self_rss_kib();
        client_end = self_rss_kib();
    }
    CHECK(rmf_settled(&base, 3000));
    REQUIRE(rmf_debug(&end));
    printf("# %d cycles: rasmand RSS %u -> %u KiB, client RSS %ld -> %ld KiB, "
           "rasmand allocs %llu fds %u\n", CYCLES, warm.rss_kib, end.rss_kib, client_warm,
           client_end, (unsigned long long)end.allocs, end.fds);
    /* no tun interface is left behind in rasmand's namespace */
    if (geteuid() == 0) {
        char cmd[160];
        snprintf(cmd, sizeof(cmd), "nsenter -t %d -n ip -o link show | grep -q ' ras[0-9]'",
                 (int)rmf.pid);
        CHECK(system(cmd) != 0);
    }
    /* ASan's quarantine and valgrind keep freed memory resident on
     * purpose: RSS means something only in a plain build */
    if (sanitized()) {
        printf("# RSS limits not checked under a sanitizer or valgrind\n");
        return;
    }
    CHECK((long)end.rss_kib - (long)warm.rss_kib < MAX_GROWTH_KIB);
    CHECK(client_end - client_warm < MAX_GROWTH_KIB);
}

int
main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    signal(SIGPIPE, SIG_IGN);
    if (!rmf_start(&rmf, argv[1])) {
        rmf_stop(&rmf);
        return 1;
    }
    th_set_cleanup(ras_client_shutdown);
    TH_RUN(t_dial_hangup_cycles);
    bool clean = rmf_stop(&rmf);
    int rc = th_done();
    return clean ? rc : 1;
}
