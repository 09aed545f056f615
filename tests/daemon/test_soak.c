/* 1,000 dial/hang-up cycles on the loopback port with rasmand running:
 * rasmand's live allocations and descriptors back where they started, and
 * neither rasmand's nor this client's RSS grown by 64 KiB or more (after a
 * warm-up, so first-touch pages are not counted). Then 32 connections at
 * once in the one rasmand, each dialed asynchronously, each passing
 * traffic on its own interface, all hung up. argv[1]: rasmand. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"
#include "openras.h"

#include "fixture.h"
#include "harness.h"
#include "lib/rasman_client.h"
#include "rss.h"

#ifndef CYCLES
#define CYCLES 1000
#endif
#define WARMUP 50
#define MAX_GROWTH_KIB 64

static struct rmf rmf;

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
    long client_warm = rss_bytes() / 1024, client_end = 0;
    for (int i = 0; i < CYCLES; i++) {
        REQUIRE(cycle());
        if (i == 0)
            client_warm = rss_bytes() / 1024;
        client_end = rss_bytes() / 1024;
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
    CHECK(rss_growth_ok(warm.rss_kib, end.rss_kib, client_warm, client_end, MAX_GROWTH_KIB));
}

#define N_CONCURRENT 32

static void
t_concurrent_connections(void)
{
    struct ipc_debug base;
    HRASCONN h[N_CONCURRENT] = { 0 };
    char name[32];
    REQUIRE(rmf_base(&base));
    for (int i = 0; i < N_CONCURRENT; i++) {
        snprintf(name, sizeof(name), "Line %02d", i);
        CHECK_EQ(rmf_dial(name, "555/dial=20", 1, (void *)rmf_ignore_state, &h[i]), 0);
    }
    int up = 0;
    for (int i = 0; i < N_CONCURRENT; i++)
        up += h[i] && rmf_wait_state(h[i], RASCS_Connected, 10000);
    CHECK_EQ(up, N_CONCURRENT);
    RASCONNA conns[N_CONCURRENT + 1];
    DWORD cb = sizeof(conns), n = 0;
    conns[0].dwSize = sizeof(conns[0]);
    CHECK_EQ(RasEnumConnectionsA(conns, &cb, &n), 0);
    CHECK_EQ(n, N_CONCURRENT);
    /* distinct addresses, and traffic on every link */
    uint32_t seen[N_CONCURRENT];
    int distinct = 0, pinged = 0;
    for (int i = 0; i < N_CONCURRENT && h[i]; i++) {
        struct ipc_projection pr;
        if (!rmf_projection(h[i], &pr))
            continue;
        bool dup = false;
        for (int k = 0; k < distinct; k++)
            dup |= seen[k] == pr.local_ip;
        if (!dup)
            seen[distinct++] = pr.local_ip;
        if (geteuid() == 0) {
            RAS_STATS before = { .dwSize = sizeof(before) }, after = { .dwSize = sizeof(after) };
            RasGetConnectionStatistics(h[i], &before);
            bool ok = rmf_ping(&rmf, h[i], 0x0a400001u, 3);   /* the loopback ISP */
            RasGetConnectionStatistics(h[i], &after);
            pinged += ok && after.dwFramesRcved > before.dwFramesRcved;
        }
    }
    CHECK_EQ(distinct, N_CONCURRENT);
    if (geteuid() == 0)
        CHECK_EQ(pinged, N_CONCURRENT);
    else
        printf("# not root: no tun interfaces, traffic not checked\n");
    for (int i = 0; i < N_CONCURRENT; i++)
        if (h[i])
            CHECK_EQ(RasHangUpA(h[i]), 0);
    for (int i = 0; i < N_CONCURRENT; i++)
        if (h[i])
            CHECK(rmf_wait_gone(h[i], 5000));
    CHECK(rmf_settled(&base, 5000));
}

int
main(int argc, char **argv)
{
    static const struct rmf_case cases[] = {
        RMF_CASE(t_dial_hangup_cycles), RMF_CASE(t_concurrent_connections), { NULL, NULL },
    };
    return rmf_main(&rmf, argc, argv, false, ras_client_shutdown, cases);
}
