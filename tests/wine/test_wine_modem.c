/* End to end from a Windows program: a .exe built with MinGW, under Wine,
 * dials an entry on the serial modem port through the bridge, rasmand and
 * ras-modem-sim (on a pty, bridged to the peer VM's serial line) to real
 * pppd demanding CHAP; while the link is up this pings pppd through the
 * tun interface rasmand made, counted in the link's statistics; then the
 * program hangs up and rasmand must be back where it began.
 * argv: rasmand ras-modem-sim LAUNCHER CACHE_DIR DLL_DIR PROG.exe */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "openras.h"
#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "peer.h"
#include "sim.h"
#include "wine_prefix.h"
#include "wine_run.h"

#define ENTRY "Real ISP"

struct ctx {
    const struct rmf *f;
};

/* The link the program dialled, as any process of the same user sees it. */
static bool
find_link(HRASCONN *h, char *ifname, size_t cap)
{
    RASCONNA conns[4];
    DWORD cb = sizeof(conns), n = 0;
    memset(conns, 0, sizeof(conns));
    conns[0].dwSize = sizeof(conns[0]);
    if (RasEnumConnectionsA(conns, &cb, &n) != 0 || n != 1)
        return false;
    OPENRAS_LINKINFO li = { .dwSize = sizeof(li) };
    if (OpenRasGetLinkInfo(conns[0].hrasconn, &li) != 0 || !li.szInterface[0])
        return false;
    *h = conns[0].hrasconn;
    snprintf(ifname, cap, "%s", li.szInterface);
    return true;
}

static void
on_connected(const char *tag, void *arg)
{
    const struct ctx *c = arg;
    HRASCONN h;
    char ifname[64], cmd[256];
    if (strcmp(tag, "connected") != 0)
        return;
    if (!find_link(&h, ifname, sizeof(ifname))) {
        wr_tap(false, "the Windows program's link is listed, with its interface");
        return;
    }
    RAS_STATS a = { .dwSize = sizeof(a) }, b = { .dwSize = sizeof(b) };
    RasGetConnectionStatistics(h, &a);
    snprintf(cmd, sizeof(cmd), "nsenter -t %d -n ping -q -c 3 -i 0.3 -W 3 -I %s 10.0.0.1 "
             ">/dev/null 2>&1", (int)c->f->pid, ifname);
    wr_tap(system(cmd) == 0, "pings to pppd through %s, the Windows program's link", ifname);
    RasGetConnectionStatistics(h, &b);
    wr_tap(b.dwFramesXmited - a.dwFramesXmited >= 3 && b.dwFramesRcved - a.dwFramesRcved >= 3,
           "the echoes are counted on the line (%u frames out, %u in)",
           b.dwFramesXmited - a.dwFramesXmited, b.dwFramesRcved - a.dwFramesRcved);
}

static void
run_windows_side(const struct rmf *f, char **argv, const char *scratch)
{
    char prefix[128], log[128], want[16];
    snprintf(prefix, sizeof(prefix), "%s/prefix", scratch);
    snprintf(log, sizeof(log), "%s/wine.log", scratch);
    /* without root there is no tun: PPP completes, then the dial fails in
     * Projected (716), as the Linux end-to-end test expects too */
    snprintf(want, sizeof(want), "%u", geteuid() == 0 ? 0u : (unsigned)ERROR_IP_CONFIGURATION);
    char why[400];
    const char *dlls[] = { argv[5] };
    if (!wp_make(argv[4], prefix, why, sizeof(why))) {
        wr_tap(false, "a private Wine prefix: %s", why);
        return;
    }
    wr_tap(wr_setup(argv[3], prefix, dlls, 1, log), "ras-wine setup prepares the prefix");
    struct ctx c = { .f = f };
    struct wr_run r = { .on_probe = on_connected, .ctx = &c };
    r.exe_base = strrchr(argv[6], '/') ? strrchr(argv[6], '/') + 1 : argv[6];
    char *prog[] = { argv[6], ENTRY, want };
    int status = wr_program(&r, wr_command(argv[3], prefix, dlls, 1, prog, 3, scratch), log);
    wr_tap(r.done_seen && r.prog_failed == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "%s ran to its end under Wine with no failure", r.exe_base);
    if (!r.done_seen || r.prog_failed)
        wr_print_log(log);
    wp_kill(prefix);
}

int
main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: %s RASMAND RAS-MODEM-SIM LAUNCHER CACHE_DIR DLL_DIR PROG.exe\n",
                argv[0]);
        return 99;
    }
    int rc;
    if (!peer_ready(&rc))
        return rc;
    char scratch[64], config[128], bridge[700];
    snprintf(scratch, sizeof(scratch), "/tmp/openras-wine-modem-XXXXXX");
    if (!mkdtemp(scratch))
        return 99;
    snprintf(config, sizeof(config), "%s/config", scratch);
    wr_environment(config);

    struct rmf f;
    struct peer peer;
    struct sim s;
    struct ipc_debug base;
    memset(&peer, 0, sizeof(peer));
    if (!rmf_start_modem(&f, argv[1])) {
        wr_tap(false, "rasmand starts");
        goto out;
    }
    setenv("RASMAND_SOCKET", f.sock, 1);
    setenv("RASMAND_PATH", "/nonexistent/rasmand", 1);
    if (!rmf_base(&base) || !peer_boot(&peer, "chap", NULL, NULL)) {
        wr_tap(false, "rasmand answers and the peer VM boots");
        goto stop;
    }
    snprintf(bridge, sizeof(bridge), "--bridge=unix:%s", peer.sock);
    const char *const sim_args[] = { bridge, NULL };
    if (!sim_start(&s, argv[2], sim_args)) {
        wr_tap(false, "ras-modem-sim starts");
        goto stop;
    }
    wr_tap(sim_entry(&s, NULL, ENTRY, "client", "secret"),
           "the Linux side writes the modem entry and its credentials");
    run_windows_side(&f, argv, scratch);
    wr_tap(peer_log_wait(&peer, "sent [CHAP Success", 1, 10000), "pppd accepted our CHAP");
    wr_tap(peer_log_wait(&peer, "remote IP address 10.0.0.2", 1, 10000),
           "pppd saw IPCP through");
    if (geteuid() == 0)
        wr_tap(peer_log_wait(&peer, "LCP terminated by peer", 1, 10000),
               "the hang-up reached pppd");
    wr_tap(rmf_settled(&base, 10000), "rasmand is back to no connection, its allocations and fds");
    if (wr_fails)
        peer_log_dump(&peer, 40);
    sim_stop(&s);
stop:
    peer_stop(&peer);
    wr_tap(rmf_stop(&f), "rasmand stops cleanly, no serial lock left");
out:
    return wr_finish(scratch);
}
