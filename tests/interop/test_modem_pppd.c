/* End to end with every real part: an entry in a phonebook, RasDialA, a
 * private rasmand, the serial modem port speaking AT to ras-modem-sim on a
 * pty, the simulator bridging the call to the peer VM's serial line, and
 * real pppd (demanding CHAP) on the far end. Then IP through the tun
 * interface rasmand made: pings to pppd's address, counted on both sides.
 * argv: rasmand, ras-modem-sim. */
#include <fcntl.h>
#include <limits.h>
#include <termios.h>
#include <sys/stat.h>
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
#include "lib/pbk_store.h"
#include "lib/rasman_client.h"
#include "peer.h"
#include "sim.h"

static struct rmf rmf;
static struct peer peer;

/* A modem entry on the simulator's pty, with the VM's credentials saved. */
static void
make_entry(const struct sim *s)
{
    REQUIRE(sim_entry(s, th_pbk(), "Real ISP", "client", "secret"));
    /* the line speed lives beside the entry, as Windows keeps it: edit the
     * file by hand as a user would, and RasDial must honour it */
    char cmd[800];
    snprintf(cmd, sizeof(cmd), "sed -i 's/^ConnectBPS=115200/ConnectBPS=57600/' '%s'", th_pbk());
    REQUIRE(system(cmd) == 0);
}

static bool
line_speed_is(const struct sim *s, speed_t want)
{
    struct termios t;
    int fd = open(s->link, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = tcgetattr(fd, &t) == 0 && cfgetospeed(&t) == want;
    close(fd);
    return ok;
}

static bool
ping_peer(const char *ifname, int count)
{
    char cmd[200];
    snprintf(cmd, sizeof(cmd), "nsenter -t %d -n ping -q -c %d -i 0.3 -W 3 -I %s 10.0.0.1 "
             ">/dev/null 2>&1", (int)rmf.pid, count, ifname);
    return system(cmd) == 0;
}

static void
t_modem_to_pppd(void)
{
    char bridge[700];
    struct ipc_debug base;
    if (!peer_boot(&peer, "chap", NULL, NULL)) {
        th_fail(__FILE__, __LINE__, "peer VM did not start");
        peer_stop(&peer);
        return;
    }
    snprintf(bridge, sizeof(bridge), "--bridge=unix:%s", peer.sock);
    const char *const args[] = { bridge, NULL };
    struct sim s;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, rmf.sim_exe, args));
    make_entry(&s);

    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    BOOL has_pw = FALSE;
    snprintf(p.szEntryName, sizeof(p.szEntryName), "Real ISP");
    REQUIRE_EQ(RasGetEntryDialParamsA(th_pbk(), &p, &has_pw), 0);
    CHECK(has_pw);
    HRASCONN h = NULL;
    DWORD rc = RasDialA(NULL, th_pbk(), &p, 0, NULL, &h);
    memset(&p, 0, sizeof(p));
    /* without root there is no tun: PPP completes, then the dial fails in
     * Projected (716) with the projection still readable */
    const DWORD want = geteuid() == 0 ? 0 : ERROR_IP_CONFIGURATION;
    CHECK_EQ(rc, want);
    if (rc != want)
        peer_log_dump(&peer, 40);
    RASPPPIPA ip = { .dwSize = sizeof(ip) };
    DWORD cb = sizeof(ip);
    if (rc == want && RasGetProjectionInfoA(h, RASP_PppIp, &ip, &cb) == 0) {
        CHECK_STR(ip.szIpAddress, "10.0.0.2");
        CHECK_STR(ip.szServerIpAddress, "10.0.0.1");
    } else {
        CHECK(!"IP projection");
    }
    OPENRAS_LINKINFO li = { .dwSize = sizeof(li) };
    if (rc == want && OpenRasGetLinkInfo(h, &li) == 0)
        CHECK_STR(li.szDnsPrimary, "10.0.0.1");
    CHECK(line_speed_is(&s, B57600));
    CHECK(peer_log_wait(&peer, "sent [CHAP Success", 1, 10000));
    CHECK(peer_log_wait(&peer, "remote IP address 10.0.0.2", 1, 10000));
    if (rc == 0 && geteuid() == 0 && li.szInterface[0]) {
        RAS_STATS a = { .dwSize = sizeof(a) }, b = { .dwSize = sizeof(b) };
        RasGetConnectionStatistics(h, &a);
        bool ok = ping_peer(li.szInterface, 3);
        RasGetConnectionStatistics(h, &b);
        CHECK(ok);
        /* three echo requests out and three replies in, 84 bytes of IP
         * each, as frames on the line */
        printf("# ping through %s: %u bytes sent, %u received on the line\n", li.szInterface,
               b.dwBytesXmited - a.dwBytesXmited, b.dwBytesRcved - a.dwBytesRcved);
        CHECK(b.dwFramesXmited - a.dwFramesXmited >= 3);
        CHECK(b.dwFramesRcved - a.dwFramesRcved >= 3);
        CHECK(b.dwBytesXmited - a.dwBytesXmited >= 3 * 84);
        CHECK(b.dwBytesRcved - a.dwBytesRcved >= 3 * 84);
    } else if (geteuid() != 0) {
        printf("# not root: no tun interface, the dial failed with 716\n");
    }
    if (h) {
        CHECK_EQ(RasHangUpA(h), 0);
        CHECK(rmf_wait_gone(h, 10000));
    }
    CHECK(peer_log_wait(&peer, "LCP terminated by peer", 1, 10000));
    CHECK(rmf_settled(&base, 5000));
    sim_stop(&s);
    peer_stop(&peer);
}

int
main(int argc, char **argv)
{
    static const struct rmf_case cases[] = {
        RMF_CASE(t_modem_to_pppd), { NULL, NULL },
    };
    int rc;
    if (!peer_ready(&rc))
        return rc;
    return rmf_main(&rmf, argc, argv, true, rmf_cleanup, cases);
}
