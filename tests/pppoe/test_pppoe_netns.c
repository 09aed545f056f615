/* PPPoE end to end (issue 10): rasmand's PPPoE port in its own network
 * namespace, ras-pppoe-server in another, a veth pair between them. Dial,
 * addresses, MTU, ping, hang-up with PADT both ways; no offer (815 in
 * bounded time); no interface (814); two concentrators (picked by
 * AC-Name from the entry's PppoeAcName=); PADS error tags; a PADT from the
 * concentrator mid-session; TCP bytes intact both ways through the tun's
 * offloads; a silent one ended by LCP echo; RFC 4638's
 * 1500-byte MRU on baby-jumbo links; offers addressed to another host or
 * to a VLAN with no interface here not taken; a kernel VLAN interface as
 * the device (where the kernel has 802.1Q); 32 sessions at once; who may dial an
 * interface through the system
 * rasmand. rasmand's allocations and descriptors are back to base after
 * each. With argv[3] "soak": 1,000 dial/hang-up cycles. Root only.
 * argv[1]: rasmand, argv[2]: ras-pppoe-server. */
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "openras.h"
#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "ipc/ipc_proto.h"
#include "lib/dial_resolve.h"
#include "lib/pbk_entry.h"
#include "lib/pbk_store.h"
#include "lib/rasman_client.h"
#include "port/pppoe_codec.h"
#include "port/pppoe_sock.h"
#include "clock.h"
#include "rss.h"
#include "tcp_bulk.h"

#define CLIENT_IF "pc0"
#define AC_IF     "ps0"
#define AC_IP     0x0a430001u        /* the server's defaults */
#define CLIENT_IP 0x0a43000au
#define USER_ID   64123

static struct rmf rmf;
static struct ipc_debug base;
static const char *server_exe;
static char ns[64];                   /* the concentrators' namespace */
static char if_list[64];              /* RAS_PPPOE_INTERFACES */
static bool link_up;

struct server {
    pid_t pid;
    char out[256];
};

/* The servers, in static slots so that cleanup() stops what a test left
 * running even when it failed half-way (a REQUIRE leaves the case early). */
#define MAX_SERVERS 4
static struct server servers[MAX_SERVERS];

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
sh(const char *fmt, ...)
{
    char cmd[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The veth pair, once: pc0 in rasmand's namespace, ps0 in ours. */
static void
ensure_link(void)
{
    if (link_up)
        return;
    sh("ip netns del %s >/dev/null 2>&1", ns);
    REQUIRE_EQ(sh("ip netns add %s", ns), 0);
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "ip link add " CLIENT_IF " type veth peer name " AC_IF
             " && ip link set " AC_IF " netns %s && ip link set " CLIENT_IF " up", ns);
    REQUIRE_EQ(rmf_netns_run(&rmf, cmd), 0);
    REQUIRE_EQ(sh("ip -n %s link set " AC_IF " up && ip -n %s link set lo up", ns, ns), 0);
    for (int i = 0; i < 100; i++) {
        if (sh("ip -n %s link show " AC_IF " | grep -q LOWER_UP", ns) == 0)
            break;
        rmf_sleep_ms(20);
    }
    link_up = true;
}

static bool
server_said(const struct server *s, const char *what)
{
    char line[256];
    bool found = false;
    FILE *f = fopen(s->out, "re");
    while (f && !found && fgets(line, sizeof(line), f))
        found = strstr(line, what) != NULL;
    if (f)
        fclose(f);
    return found;
}

static bool
wait_said(const struct server *s, const char *what, int ms)
{
    for (int i = 0; i < ms / 10; i++) {
        if (server_said(s, what))
            return true;
        rmf_sleep_ms(10);
    }
    return server_said(s, what);
}

/* ras-pppoe-server in the concentrators' namespace with extra options
 * (NULL-terminated); its output goes to a file of the test's. */
static struct server *
server_start(const char *name, const char *const *extra)
{
    struct server *s = NULL;
    for (int i = 0; i < MAX_SERVERS && !s; i++)
        if (servers[i].pid <= 0)
            s = &servers[i];
    REQUIRE(s != NULL);
    const char *argv[24] = { "ip", "netns", "exec", ns, server_exe, "-i", AC_IF, "-a", name };
    size_t n = 9;
    for (size_t i = 0; extra && extra[i] && n < 23; i++)
        argv[n++] = extra[i];
    argv[n] = NULL;
    snprintf(s->out, sizeof(s->out), "%s/%s.out", th_tmpdir(), name);
    s->pid = fork();
    if (s->pid == 0) {
        if (!freopen(s->out, "w", stdout) || !freopen(s->out, "a", stderr))
            _exit(126);
        execvp("ip", (char *const *)argv);
        _exit(127);
    }
    REQUIRE(s->pid > 0);
    REQUIRE(wait_said(s, "ready on", 3000));
    return s;
}

static void
server_stop(struct server *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        waitpid(s->pid, NULL, 0);
        s->pid = 0;
    }
}

/* After every case: what a failed one left running, then the fixture's
 * own cleanup. */
static void
cleanup(void)
{
    for (int i = 0; i < MAX_SERVERS; i++)
        server_stop(&servers[i]);
    rmf_cleanup();
}

static void
pppoe_entry(RASENTRYA *e, const char *device)
{
    memset(e, 0, sizeof(*e));
    e->dwSize = sizeof(*e);
    e->dwType = RASET_Broadband;
    snprintf(e->szDeviceType, sizeof(e->szDeviceType), "%s", RASDT_PPPoE);
    snprintf(e->szDeviceName, sizeof(e->szDeviceName), "%s", device);
    e->dwfNetProtocols = RASNP_Ip;
    e->dwFramingProtocol = RASFP_Ppp;
}

/* A dial of a PPPoE entry on device, service in the number (as libras
 * makes the request from an entry). */
static DWORD
dial_entry(const char *entry, const char *device, const char *number, HRASCONN *h)
{
    RASENTRYA e;
    RASDIALPARAMSA p;
    struct ipc_dial_req d;
    pppoe_entry(&e, device);
    rmf_params(&p, entry, number);
    ras_dial_req_from_entry(&d, &e, "/tmp/openras-pppoe-test.pbk", entry, number);
    DWORD rc = ras_dial_request(&d, &p, 0, NULL, h);
    memset(&p, 0, sizeof(p));
    return rc;
}

static DWORD
dial(const char *device, const char *number, HRASCONN *h)
{
    return dial_entry("DSL", device, number, h);
}

static void
start_test(void)
{
    ensure_link();
    REQUIRE(rmf_base(&base));
}

static void
hang_up_and_settle(HRASCONN h)
{
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 5000));
    CHECK(rmf_settled(&base, 5000));
}

static bool
tun_exists(void)
{
    return rmf_netns_run(&rmf, "ip link show ras0") == 0;
}

/* Polls the connection until it reports an error (it dropped), or ms. */
static void
wait_dropped(HRASCONN h, RASCONNSTATUSA *st, int ms)
{
    for (int i = 0; i < ms / 10; i++) {
        REQUIRE_EQ(RasGetConnectStatusA(h, st), 0);
        if (st->dwError)
            return;
        rmf_sleep_ms(10);
    }
}

/* ---- tests ------------------------------------------------------------- */

static void
t_dial_ping_hangup(void)
{
    struct server *s;
    start_test();
    s = server_start("ac-main", NULL);
    HRASCONN h = NULL;
    REQUIRE_EQ(dial(CLIENT_IF, "", &h), 0);
    struct ipc_projection p;
    REQUIRE(rmf_projection(h, &p));
    CHECK_EQ(p.local_ip, CLIENT_IP);
    CHECK_EQ(p.peer_ip, AC_IP);
    CHECK_EQ(p.dns1, AC_IP);
    /* RFC 2516 7: 1492 on a 1500-byte Ethernet, and the tun follows LCP */
    CHECK_EQ(rmf_netns_run(&rmf, "ip link show ras0 | grep -q \"mtu 1492 \""), 0);
    CHECK(rmf_ping(&rmf, h, AC_IP, 3));
    CHECK(wait_said(s, "session 0x0001 up: client 10.67.0.10", 2000));
    hang_up_and_settle(h);
    /* our PADT reached the concentrator, and the tun is gone */
    CHECK(wait_said(s, "down: PADT received", 2000));
    CHECK(!tun_exists());
    server_stop(s);
}

/* TCP both ways through the tun's offloads (net/gso.c): the client's tun
 * hands over super-packets cut to the MTU, the concentrator joins what
 * arrives; every byte must come out as it went in. */
static void
t_tcp_bulk_intact(void)
{
    struct server *s;
    start_test();
    s = server_start("ac-bulk", NULL);
    HRASCONN h = NULL;
    REQUIRE_EQ(dial(CLIENT_IF, "", &h), 0);
    char client_ns[64], ac_ns[128];
    snprintf(client_ns, sizeof(client_ns), "/proc/%d/ns/net", (int)rmf.pid);
    snprintf(ac_ns, sizeof(ac_ns), "/run/netns/%s", ns);
    /* under valgrind every byte is checksummed at a fiftieth of the speed */
    uint64_t bytes = rss_sanitized() ? 4u << 20 : 48u << 20;
    struct tcp_bulk up, down;
    CHECK(tcp_bulk_check(client_ns, ac_ns, AC_IP, 5301, bytes, 90, &up));
    CHECK_EQ(up.got, bytes);
    CHECK_EQ(up.first_bad, -1);
    CHECK(tcp_bulk_check(ac_ns, client_ns, CLIENT_IP, 5302, bytes, 90, &down));
    CHECK_EQ(down.got, bytes);
    CHECK_EQ(down.first_bad, -1);
    hang_up_and_settle(h);
    server_stop(s);
}

static void
t_no_offer_815(void)
{
    start_test();
    HRASCONN h = NULL;
    time_t t0 = time(NULL);
    CHECK_EQ(dial(CLIENT_IF, "", &h), ERROR_BROADBAND_TIMEOUT);
    /* 5 s of PADIs with backoff, then the error: bounded */
    CHECK(time(NULL) - t0 <= 8);
    if (h)
        hang_up_and_settle(h);
}

static void
t_no_interface_814(void)
{
    start_test();
    HRASCONN h = NULL;
    CHECK_EQ(dial("nosuch0", "", &h), ERROR_BROADBAND_NO_NIC);
    if (h)
        hang_up_and_settle(h);
    /* an interface that is down is no better */
    REQUIRE_EQ(rmf_netns_run(&rmf, "ip link set " CLIENT_IF " down"), 0);
    h = NULL;
    CHECK_EQ(dial(CLIENT_IF, "", &h), ERROR_BROADBAND_NO_NIC);
    if (h)
        hang_up_and_settle(h);
    REQUIRE_EQ(rmf_netns_run(&rmf, "ip link set " CLIENT_IF " up"), 0);
    for (int i = 0; i < 100 && sh("ip -n %s link show " AC_IF " | grep -q LOWER_UP", ns); i++)
        rmf_sleep_ms(20);
}

/* ISPs that want their PPPoE on a VLAN (tag 7, 35, ...): the entry names
 * the kernel's VLAN interface as its device, the concentrator listens on
 * the tagged interface only; untagged, the same dial finds nobody. Skipped
 * where the kernel has no 802.1Q (this project's CI machine). */
static void
t_vlan_interface(void)
{
    struct server *s;
    start_test();
    if (rmf_netns_run(&rmf, "ip link add link " CLIENT_IF " name " CLIENT_IF ".7 type vlan "
                      "id 7 2>/dev/null") != 0)
        th_skip("the kernel has no 802.1Q VLAN support");
    REQUIRE_EQ(rmf_netns_run(&rmf, "ip link set " CLIENT_IF ".7 up"), 0);
    REQUIRE_EQ(sh("ip -n %s link add link " AC_IF " name " AC_IF ".7 type vlan id 7 && "
                  "ip -n %s link set " AC_IF ".7 up", ns, ns), 0);
    static const char *const on_vlan[] = { "-i", AC_IF ".7", NULL };
    s = server_start("ac-vlan", on_vlan);
    HRASCONN h = NULL;
    CHECK_EQ(dial(CLIENT_IF ".7", "", &h), 0);
    CHECK_EQ(rmf_netns_run(&rmf, "ip link show ras0 | grep -q \"mtu 1492 \""), 0);
    CHECK(rmf_ping(&rmf, h, AC_IP, 3));
    CHECK(wait_said(s, "session 0x0001 up", 2000));
    if (h)
        hang_up_and_settle(h);
    CHECK(wait_said(s, "down: PADT received", 2000));
    h = NULL;
    CHECK_EQ(dial(CLIENT_IF, "", &h), ERROR_BROADBAND_TIMEOUT);
    if (h)
        hang_up_and_settle(h);
    server_stop(s);
    CHECK_EQ(rmf_netns_run(&rmf, "ip link del " CLIENT_IF ".7"), 0);
    CHECK_EQ(sh("ip -n %s link del " AC_IF ".7", ns), 0);
}

struct ac_edit {
    const char *ac;
};

static uint32_t
set_ac(struct ini_doc *doc, void *ctx)
{
    const struct ac_edit *e = ctx;
    return pbk_entry_set_device_key(doc, "DSL", PBK_KEY_PPPOE_AC, e->ac);
}

/* Two concentrators answer; the entry's PppoeAcName= picks the second,
 * through the phonebook as RasDial reads it. */
static void
t_two_concentrators(void)
{
    struct server *one, *two;
    start_test();
    one = server_start("ac-one", NULL);
    two = server_start("ac-two", NULL);
    RASENTRYA e;
    pppoe_entry(&e, CLIENT_IF);
    REQUIRE_EQ(RasSetEntryPropertiesA(th_pbk(), "DSL", &e, sizeof(e), NULL, 0), 0);
    struct ac_edit ed = { "ac-two" };
    REQUIRE_EQ(pbk_edit(th_pbk(), false, 0644, set_ac, &ed), 0);
    RASDIALPARAMSA p;
    rmf_params(&p, "DSL", "");
    HRASCONN h = NULL;
    REQUIRE_EQ(RasDialA(NULL, th_pbk(), &p, 0, NULL, &h), 0);
    CHECK(wait_said(two, "up: client", 2000));
    CHECK(!server_said(one, "up: client"));
    CHECK(rmf_ping(&rmf, h, AC_IP, 3));
    /* the status shows the service (the entry's number), not the AC */
    RASCONNSTATUSA st = { .dwSize = sizeof(st) };
    CHECK_EQ(RasGetConnectStatusA(h, &st), 0);
    CHECK_STR(st.szPhoneNumber, "");
    CHECK_STR(st.szDeviceType, RASDT_PPPoE);
    CHECK_STR(st.szDeviceName, CLIENT_IF);
    hang_up_and_settle(h);
    server_stop(one);
    server_stop(two);
}

static void
t_pads_error_tags(void)
{
    static const struct { const char *opt; DWORD err; } cases[] = {
        { "--pads-error=service", ERROR_SERVER_POLICY },
        { "--pads-error=system", ERROR_SERVER_OUT_OF_RESOURCES },
        { "--pads-error=generic", ERROR_FROM_DEVICE },
    };
    start_test();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct server *s;
        const char *extra[] = { cases[i].opt, NULL };
        s = server_start("ac-refuses", extra);
        HRASCONN h = NULL;
        CHECK_EQ(dial(CLIENT_IF, "", &h), cases[i].err);
        if (h)
            hang_up_and_settle(h);
        server_stop(s);
    }
}

/* The concentrator ends the session: Disconnected with 629, tun gone. */
static void
t_padt_from_ac(void)
{
    struct server *s;
    const char *extra[] = { "--padt-after", "300", NULL };
    start_test();
    s = server_start("ac-padt", extra);
    HRASCONN h = NULL;
    REQUIRE_EQ(dial(CLIENT_IF, "", &h), 0);
    RASCONNSTATUSA st = { .dwSize = sizeof(st) };
    wait_dropped(h, &st, 3000);
    CHECK_EQ(st.dwError, ERROR_REMOTE_DISCONNECTION);
    CHECK_EQ(st.rasconnstate, RASCS_Disconnected);
    rmf_sleep_ms(100);
    CHECK(!tun_exists());
    hang_up_and_settle(h);
    server_stop(s);
}

/* The concentrator goes silent: LCP echo (every 200 ms here, 3 misses)
 * ends the link, and the connection is Disconnected with an error. */
static void
t_silent_ac_ended_by_echo(void)
{
    struct server *s;
    const char *extra[] = { "--silent-after", "100", NULL };
    start_test();
    s = server_start("ac-silent", extra);
    HRASCONN h = NULL;
    REQUIRE_EQ(dial(CLIENT_IF, "", &h), 0);
    RASCONNSTATUSA st = { .dwSize = sizeof(st) };
    wait_dropped(h, &st, 5000);
    CHECK(st.dwError != 0);
    CHECK_EQ(st.rasconnstate, RASCS_Disconnected);
    hang_up_and_settle(h);
    server_stop(s);
}

/* RFC 4638: on interfaces carrying 1508-byte frames, PPP-Max-Payload
 * gives a 1500-byte MRU and the tun a 1500-byte MTU. */
static void
t_max_payload_1500(void)
{
    struct server *s;
    const char *extra[] = { "--max-payload", NULL };
    start_test();
    REQUIRE_EQ(rmf_netns_run(&rmf, "ip link set " CLIENT_IF " mtu 1508"), 0);
    REQUIRE_EQ(sh("ip -n %s link set " AC_IF " mtu 1508", ns), 0);
    s = server_start("ac-jumbo", extra);
    HRASCONN h = NULL;
    CHECK_EQ(dial(CLIENT_IF, "", &h), 0);
    CHECK_EQ(rmf_netns_run(&rmf, "ip link show ras0 | grep -q \"mtu 1500 \""), 0);
    CHECK(wait_said(s, "MRU 1500", 2000));
    /* a full 1500-byte packet crosses whole (DF set: no fragmenting) */
    CHECK_EQ(rmf_netns_run(&rmf, "ping -c 1 -W 2 -M do -s 1472 10.67.0.1"), 0);
    if (h)
        hang_up_and_settle(h);
    server_stop(s);
    rmf_netns_run(&rmf, "ip link set " CLIENT_IF " mtu 1500");
    sh("ip -n %s link set " AC_IF " mtu 1500", ns);
}

/* For a scripted peer (a forked child): moves it into the concentrators'
 * namespace and opens a discovery socket on their end of the veth pair;
 * exits 100 when it cannot (never a count a peer reports). */
static int
raw_peer_socket(struct pppoe_if *ifc)
{
    char path[128];
    const char *why;
    int fd;
    snprintf(path, sizeof(path), "/run/netns/%s", ns);
    if (!rmf_enter_netns(path) || pppoe_if_lookup(AC_IF, ifc, &why) != 0 ||
        pppoe_sock_open(ifc->ifindex, PPPOE_ETH_DISCOVERY, &fd) != 0)
        _exit(100);
    return fd;
}

/* A scripted raw-socket peer in the concentrators' namespace floods the
 * link with broken discovery packets (every tag length of a PADO wrong in
 * turn, truncated headers, wrong versions, PADS and PADT for nobody)
 * while the client dials the real concentrator: each is counted and
 * ignored, the dial succeeds, nothing leaks. */
static void
flood(void)
{
    struct pppoe_if ifc;
    int fd = raw_peer_socket(&ifc);
    static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    uint8_t good[256];
    struct pppoe_builder b;
    pppoe_build_start(&b, good, sizeof(good), PPPOE_CODE_PADO, 0);
    pppoe_build_tag(&b, PPPOE_TAG_AC_NAME, "evil", 4);
    pppoe_build_tag(&b, PPPOE_TAG_SERVICE_NAME, "", 0);
    pppoe_build_tag(&b, PPPOE_TAG_HOST_UNIQ, "\1\2\3\4\5\6\7\10", 8);
    pppoe_build_tag(&b, PPPOE_TAG_AC_COOKIE, "c", 1);
    size_t n = pppoe_build_end(&b);
    double end = clock_now_s() + 1.5;
    for (unsigned k = 0; clock_now_s() < end; k++) {
        uint8_t pkt[256];
        memcpy(pkt, good, n);
        size_t len = n;
        switch (k % 6) {
        case 0: pkt[8] = (uint8_t)(k >> 3); pkt[9] = (uint8_t)k; break;   /* tag length */
        case 1: pkt[5] = (uint8_t)(n + k); break;                           /* LENGTH past end */
        case 2: len = k % PPPOE_HDR_LEN; break;                             /* truncated */
        case 3: pkt[0] = 0x22; break;                                       /* version */
        case 4: pkt[1] = PPPOE_CODE_PADS; pkt[3] = 1; break;                /* a PADS for nobody */
        case 5: pkt[1] = PPPOE_CODE_PADT; pkt[3] = 7; break;                /* a PADT for nobody */
        }
        pppoe_sock_send(fd, ifc.ifindex, PPPOE_ETH_DISCOVERY, bcast, pkt, len);
        if (k % 64 == 0)
            rmf_sleep_ms(1);
    }
    _exit(0);
}

/* A scripted concentrator in the concentrators' namespace that answers
 * each PADI with two offers the client must not take: one sent to another
 * host's MAC (seen on a promiscuous interface), one to the client's MAC but
 * tagged for VLAN 7, which no interface here has (the kernel strips the tag
 * and marks both PACKET_OTHERHOST). Exits with the number of PADRs the
 * client sent it. */
static void
offers_for_others(void)
{
    struct pppoe_if ifc;
    int fd = raw_peer_socket(&ifc);
    static const uint8_t other[6] = { 0x02, 0, 0, 0, 0, 0x99 };
    int padr = 0;
    double end = clock_now_s() + 6;
    while (clock_now_s() < end) {
        uint8_t in[1500], src[6];
        struct pppoe_disc d;
        ssize_t r = pppoe_sock_recv(fd, in, sizeof(in), src);
        if (r <= 0 || pppoe_disc_parse(in, (size_t)r, &d) != PPPOE_OK) {
            rmf_sleep_ms(5);
            continue;
        }
        if (d.code == PPPOE_CODE_PADR)
            padr++;
        if (d.code != PPPOE_CODE_PADI)
            continue;
        uint8_t pkt[4 + 256];
        struct pppoe_builder b;
        pppoe_build_start(&b, pkt + 4, sizeof(pkt) - 4, PPPOE_CODE_PADO, 0);
        pppoe_build_tag(&b, PPPOE_TAG_AC_NAME, "not-yours", 9);
        pppoe_build_tag(&b, PPPOE_TAG_SERVICE_NAME, "", 0);
        pppoe_build_tag(&b, PPPOE_TAG_HOST_UNIQ, d.host_uniq.p, d.host_uniq.len);
        size_t n = pppoe_build_end(&b);
        pppoe_sock_send(fd, ifc.ifindex, PPPOE_ETH_DISCOVERY, other, pkt + 4, n);
        /* 802.1Q: the tag (VLAN 7), then the discovery EtherType */
        pkt[0] = 0;
        pkt[1] = 7;
        pkt[2] = PPPOE_ETH_DISCOVERY >> 8;
        pkt[3] = PPPOE_ETH_DISCOVERY & 0xff;
        pppoe_sock_send(fd, ifc.ifindex, 0x8100, src, pkt, n + 4);
    }
    _exit(padr);
}

/* Offers that reach the client's interface but are not addressed to it
 * are not taken: no PADR for them, 815 as if nobody answered. */
static void
t_offers_for_others_ignored(void)
{
    start_test();
    REQUIRE_EQ(rmf_netns_run(&rmf, "ip link set " CLIENT_IF " promisc on"), 0);
    pid_t peer = fork();
    if (peer == 0)
        offers_for_others();
    REQUIRE(peer > 0);
    rmf_sleep_ms(200);
    HRASCONN h = NULL;
    CHECK_EQ(dial(CLIENT_IF, "", &h), ERROR_BROADBAND_TIMEOUT);
    if (h)
        hang_up_and_settle(h);
    int st = 0;
    REQUIRE_EQ(waitpid(peer, &st, 0), peer);
    CHECK(WIFEXITED(st));
    CHECK_EQ(WEXITSTATUS(st), 0);     /* PADRs the client sent the peer */
    CHECK_EQ(rmf_netns_run(&rmf, "ip link set " CLIENT_IF " promisc off"), 0);
}

static void
t_malformed_discovery_ignored(void)
{
    struct server *s;
    start_test();
    s = server_start("ac-amid-noise", NULL);
    pid_t noise = fork();
    if (noise == 0)
        flood();
    REQUIRE(noise > 0);
    rmf_sleep_ms(50);
    for (int i = 0; i < 5; i++) {
        HRASCONN h = NULL;
        CHECK_EQ(dial(CLIENT_IF, "", &h), 0);
        if (h)
            hang_up_and_settle(h);
    }
    int st = -1;
    waitpid(noise, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    /* the port counted what it refused (rasmand logs it at hang-up) */
    struct server log = { .pid = 0 };
    snprintf(log.out, sizeof(log.out), "%s", rmf.log);
    CHECK(server_said(&log, "malformed discovery packets refused"));
    CHECK(rmf_settled(&base, 5000));
    server_stop(s);
}

/* 32 sessions at once over one interface, each with its own tun and
 * address, each pinging the concentrator. */
#define N_SESSIONS 32

static void
t_32_sessions(void)
{
    struct server *s;
    HRASCONN h[N_SESSIONS] = { 0 };
    start_test();
    s = server_start("ac-many", NULL);
    for (int i = 0; i < N_SESSIONS; i++) {
        char name[16];
        snprintf(name, sizeof(name), "DSL%d", i);
        CHECK_EQ(dial_entry(name, CLIENT_IF, "", &h[i]), 0);
    }
    for (int i = 0; i < N_SESSIONS; i++) {
        struct ipc_projection p;
        if (!h[i] || !rmf_projection(h[i], &p))
            continue;
        CHECK_EQ(p.local_ip, CLIENT_IP + (uint32_t)i);
        CHECK(rmf_ping(&rmf, h[i], AC_IP, 3));
    }
    for (int i = 0; i < N_SESSIONS; i++)
        if (h[i]) {
            CHECK_EQ(RasHangUpA(h[i]), 0);
            CHECK(rmf_wait_gone(h[i], 5000));
        }
    CHECK(rmf_settled(&base, 5000));
    server_stop(s);
}

/* ---- who may dial an interface ------------------------------------------ */

/* The dial's answer in a child with USER_ID's uid, gid as given, no
 * supplementary groups; it hangs its connection up before it exits. */
static DWORD
dial_as(gid_t gid)
{
    int p[2];
    DWORD r = ~0u;
    REQUIRE(pipe2(p, O_CLOEXEC) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        DWORD v = ~0u - 1;
        HRASCONN h = NULL;
        if (setgroups(0, NULL) == 0 && setresgid(gid, gid, gid) == 0 &&
            setresuid(USER_ID, USER_ID, USER_ID) == 0) {
            v = dial(CLIENT_IF, "", &h);
            if (h) {
                RasHangUpA(h);
                rmf_wait_gone(h, 5000);
            }
        }
        (void)!write(p[1], &v, sizeof(v));
        _exit(0);
    }
    close(p[1]);
    if (pid > 0) {
        if (read(p[0], &r, sizeof(r)) != (ssize_t)sizeof(r))
            r = ~0u;
        waitpid(pid, NULL, 0);
    }
    close(p[0]);
    return r;
}

static void
write_if_list(const char *text)
{
    FILE *f = fopen(if_list, "we");
    REQUIRE(f != NULL);
    fputs(text, f);
    fclose(f);
}

/* SECURITY.md: raw frames on an interface are root's; a user dials one
 * through the system rasmand only when the administrator listed it and
 * the user may change the network (here: group nogroup stands for dip). */
static void
t_user_needs_listed_interface_and_rights(void)
{
    struct server *s;
    struct group *g = getgrnam("nogroup");
    if (!g)
        th_skip("no group nogroup");
    gid_t net_gid = g->gr_gid;
    start_test();
    s = server_start("ac-users", NULL);
    unlink(if_list);
    CHECK_EQ(dial_as(net_gid), ERROR_ACCESS_DENIED);          /* nothing listed */
    write_if_list("# PPPoE interfaces users may dial\nlo\n  " CLIENT_IF "  # the uplink\n");
    CHECK_EQ(dial_as(USER_ID), ERROR_ACCESS_DENIED);          /* listed, no rights */
    CHECK(!server_said(s, "up: client"));
    CHECK_EQ(dial_as(net_gid), 0);                            /* listed and rights */
    CHECK(wait_said(s, "up: client", 2000));
    write_if_list("eth9\n");
    CHECK_EQ(dial_as(net_gid), ERROR_ACCESS_DENIED);          /* another one listed */
    unlink(if_list);
    CHECK(rmf_settled(&base, 5000));
    server_stop(s);
}

/* Soak (argv[3] == "soak"): 1,000 dial/hang-up cycles after a warm-up;
 * rasmand's allocations and fds back to base, its RSS and ours flat, and
 * no session left at the concentrator (each cycle's PADT reached it). */
#define CYCLES 1000
#define WARMUP 50

static bool
cycle(void)
{
    HRASCONN h = NULL;
    DWORD rc = dial(CLIENT_IF, "", &h);
    bool ok = rc == 0 && h && RasHangUpA(h) == 0 && rmf_wait_gone(h, 5000);
    if (!ok && h) {
        RasHangUpA(h);
        rmf_wait_gone(h, 5000);
    }
    return ok;
}

static int
count_lines(const struct server *s, const char *what)
{
    char line[256];
    int n = 0;
    FILE *f = fopen(s->out, "re");
    while (f && fgets(line, sizeof(line), f))
        n += strstr(line, what) != NULL;
    if (f)
        fclose(f);
    return n;
}

static void
t_soak_1000_cycles(void)
{
    struct server *s;
    struct ipc_debug warm, end;
    start_test();
    s = server_start("ac-soak", NULL);
    for (int i = 0; i < WARMUP; i++)
        REQUIRE(cycle());
    REQUIRE(rmf_settled(&base, 5000));
    REQUIRE(rmf_debug(&warm));
    long client_warm = rss_bytes() / 1024, client_end = 0;
    for (int i = 0; i < CYCLES; i++) {
        REQUIRE(cycle());
        if (i == 0)
            client_warm = rss_bytes() / 1024;
        client_end = rss_bytes() / 1024;
    }
    CHECK(rmf_settled(&base, 5000));
    REQUIRE(rmf_debug(&end));
    printf("# %d PPPoE cycles: rasmand RSS %u -> %u KiB, client RSS %ld -> %ld KiB, "
           "allocs %llu fds %u\n", CYCLES, warm.rss_kib, end.rss_kib, client_warm, client_end,
           (unsigned long long)end.allocs, end.fds);
    CHECK(rss_growth_ok(warm.rss_kib, end.rss_kib, client_warm, client_end, 64));
    rmf_sleep_ms(200);
    /* every session the concentrator opened, it saw end */
    CHECK_EQ(count_lines(s, " up: client"), CYCLES + WARMUP);
    CHECK_EQ(count_lines(s, " down: "), CYCLES + WARMUP);
    CHECK(!tun_exists());
    server_stop(s);
}

static void
t_zz_teardown(void)
{
    if (link_up)
        CHECK_EQ(sh("ip netns del %s", ns), 0);
    link_up = false;
}

static const struct rmf_case cases[] = {
    RMF_CASE(t_dial_ping_hangup),
    RMF_CASE(t_tcp_bulk_intact),
    RMF_CASE(t_no_offer_815),
    RMF_CASE(t_no_interface_814),
    RMF_CASE(t_vlan_interface),
    RMF_CASE(t_two_concentrators),
    RMF_CASE(t_pads_error_tags),
    RMF_CASE(t_padt_from_ac),
    RMF_CASE(t_silent_ac_ended_by_echo),
    RMF_CASE(t_max_payload_1500),
    RMF_CASE(t_malformed_discovery_ignored),
    RMF_CASE(t_offers_for_others_ignored),
    RMF_CASE(t_32_sessions),
    RMF_CASE(t_user_needs_listed_interface_and_rights),
    RMF_CASE(t_zz_teardown),
    { NULL, NULL },
};

static const struct rmf_case soak_cases[] = {
    RMF_CASE(t_soak_1000_cycles),
    RMF_CASE(t_zz_teardown),
    { NULL, NULL },
};

int
main(int argc, char **argv)
{
    if (geteuid() != 0) {
        printf("1..0 # SKIP PPPoE needs root (veth, namespaces, AF_PACKET)\n");
        return 0;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: %s RASMAND RAS-PPPOE-SERVER\n", argv[0]);
        return 2;
    }
    server_exe = argv[2];
    snprintf(ns, sizeof(ns), "openras-ac-%d", (int)getpid());
    snprintf(if_list, sizeof(if_list), "/tmp/openras-pppoe-if-%d", (int)getpid());
    /* read by the rasmand rmf_main starts (--test) */
    setenv("RAS_PPPOE_INTERFACES", if_list, 1);
    setenv("RAS_NET_GROUP", "nogroup", 1);
    setenv("RAS_TEST_ECHO_MS", "200", 1);
    bool soak = argc > 3 && strcmp(argv[3], "soak") == 0;
    int rc = rmf_main(&rmf, argc, argv, false, cleanup, soak ? soak_cases : cases);
    unlink(if_list);
    if (link_up)
        sh("ip netns del %s >/dev/null 2>&1", ns);
    return rc;
}
