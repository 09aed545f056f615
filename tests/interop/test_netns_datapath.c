/* IP across a whole call between two network namespaces, with no VM: our
 * client (phonebook entry, RasDialA, a private rasmand in its own netns, the
 * serial modem port, ras-modem-sim on a pty) dials our own PPP engine in the
 * server role, run by a peer process in a second netns behind a tun device
 * of its own. Pings go across, then a TCP bulk transfer whose bytes the
 * peer counts and checks; the line counters must account for all of it.
 * argv: rasmand, ras-modem-sim. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <linux/if_tun.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
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
#include "net/priv.h"
#include "ppp/ppp.h"
#include "sim.h"

#define ISP_IP      0x0a000001u   /* 10.0.0.1, the peer's end */
#define CLIENT_IP   0x0a000002u   /* 10.0.0.2, assigned to us */
#define SINK_PORT   5001
#define BULK        (4u << 20)
#define LINK_MTU    1500
/* The peer stops reading its tun while its engine holds this much, so
 * what it routes back waits in the kernel's queue, not dropped by us. */
#define PEER_BACKLOG 8192

static struct rmf rmf;
/* Everything one run holds, so cleanup() can release it after a REQUIRE
 * jumped out half way. */
static struct {
    pid_t peer, sender;
    int report;                   /* the peer's report pipe, read end */
    char line[256];               /* a partial report line */
    size_t line_len;
    struct sim sim;
    HRASCONN h;
} run = { .report = -1 };

/* The bulk stream's byte at offset k: a period prime to every buffer size,
 * so a lost, repeated or misplaced segment shows as a mismatch. */
static uint8_t
pattern(uint64_t k)
{
    return (uint8_t)(k % 251);
}

/* ---- the peer: its own netns, tun isp0, a PPP server, a TCP sink ------- */

struct peer {
    struct ppp *ppp;
    int line, tun, listener, conn, report;
    uint64_t got, bad;            /* this connection's bytes, mismatches */
    uint8_t out[16384];           /* line bytes taken from the engine */
    size_t out_len, out_off;
    bool up;
};

static void
peer_report(const struct peer *p, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > 0 && write(p->report, buf, (size_t)n) != n)
        _exit(3);
}

/* isp0, point to point 10.0.0.1 -> 10.0.0.2, up; its fd or -1. */
static int
peer_tun(void)
{
    struct ifreq ifr = { .ifr_flags = IFF_TUN | IFF_NO_PI };
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "isp0");
    unsigned idx;
    if (ioctl(fd, TUNSETIFF, &ifr) != 0 || (idx = if_nametoindex("isp0")) == 0 ||
        priv_link_config(idx, ISP_IP, CLIENT_IP, LINK_MTU) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int
peer_sink(void)
{
    int one = 1;
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(SINK_PORT),
                              .sin_addr.s_addr = htonl(ISP_IP) };
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 4) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Engine -> line without ever blocking: the simulator writes to us with
 * blocking writes, so we must keep reading whatever we cannot send. */
static void
peer_flush(struct peer *p)
{
    for (;;) {
        if (p->out_off == p->out_len) {
            p->out_len = ppp_output(p->ppp, p->out, sizeof(p->out));
            p->out_off = 0;
            if (p->out_len == 0)
                return;
        }
        ssize_t w = write(p->line, p->out + p->out_off, p->out_len - p->out_off);
        if (w < 0 && errno == EAGAIN)
            return;
        if (w <= 0)
            _exit(4);
        p->out_off += (size_t)w;
    }
}

/* Engine -> tun, and the engine's events. */
static void
peer_deliver(struct peer *p)
{
    uint8_t pkt[2048];
    size_t n;
    struct ppp_event ev;
    while ((n = ppp_recv_ip(p->ppp, pkt, sizeof(pkt))) > 0)
        (void)!write(p->tun, pkt, n);   /* a full tun queue drops, as a router would */
    while (ppp_poll_event(p->ppp, &ev)) {
        if (ev.type == PPP_EV_NETWORK_UP && !p->up) {
            p->up = true;
            peer_report(p, "up\n");
        }
    }
}

static void
peer_tun_readable(struct peer *p)
{
    uint8_t pkt[2048];
    for (int i = 0; i < 32 && ppp_output_pending(p->ppp) < PEER_BACKLOG; i++) {
        ssize_t n = read(p->tun, pkt, sizeof(pkt));
        if (n <= 0)
            return;
        (void)ppp_send_ip(p->ppp, pkt, (size_t)n);
    }
}

static void
peer_conn_readable(struct peer *p)
{
    static uint8_t buf[65536];
    for (;;) {
        ssize_t n = read(p->conn, buf, sizeof(buf));
        if (n < 0 && errno == EAGAIN)
            return;
        if (n <= 0) {
            peer_report(p, "tcp %llu %llu\n", (unsigned long long)p->got,
                        (unsigned long long)p->bad);
            close(p->conn);
            p->conn = -1;
            return;
        }
        for (ssize_t i = 0; i < n; i++)
            p->bad += buf[i] != pattern(p->got + (uint64_t)i);
        p->got += (uint64_t)n;
    }
}

static void
peer_accept(struct peer *p)
{
    int c = accept4(p->listener, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (c < 0)
        return;
    p->conn = c;
    p->got = p->bad = 0;
}

/* One pass of the loop; false when the line closed. */
static bool
peer_step(struct peer *p)
{
    uint8_t buf[16384];
    struct pollfd pf[4] = {
        { .fd = p->line, .events = POLLIN | (p->out_off < p->out_len ? POLLOUT : 0) },
        { .fd = ppp_output_pending(p->ppp) < PEER_BACKLOG ? p->tun : -1, .events = POLLIN },
        { .fd = p->conn < 0 ? p->listener : -1, .events = POLLIN },
        { .fd = p->conn, .events = POLLIN },
    };
    uint64_t now = clock_now_ms(), next = ppp_next_deadline(p->ppp);
    int to = next == 0 ? 1000 : next <= now ? 0 : (int)(next - now);
    if (poll(pf, 4, to > 1000 ? 1000 : to) < 0 && errno != EINTR)
        _exit(5);
    now = clock_now_ms();
    if (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) {
        ssize_t got = read(p->line, buf, sizeof(buf));
        if (got <= 0 && !(got < 0 && errno == EAGAIN))
            return false;
        if (got > 0)
            ppp_input(p->ppp, buf, (size_t)got, now);
    }
    if (pf[1].revents & POLLIN)
        peer_tun_readable(p);
    if (pf[2].revents & POLLIN)
        peer_accept(p);
    if (pf[3].revents & (POLLIN | POLLHUP | POLLERR))
        peer_conn_readable(p);
    next = ppp_next_deadline(p->ppp);
    if (next && next <= now)
        ppp_timer(p->ppp, now);
    return true;
}

/* The child. ls: the listening unix socket the simulator bridges to;
 * report: where it says "ready", "up" and "tcp BYTES MISMATCHES". Runs
 * until the simulator closes the line (it hangs up). */
static void __attribute__((noreturn))
peer_main(int ls, int report)
{
    struct peer p = { .line = -1, .conn = -1, .report = report };
    if (unshare(CLONE_NEWNET) != 0)
        _exit(10);
    if ((p.tun = peer_tun()) < 0)
        _exit(11);
    if ((p.listener = peer_sink()) < 0)
        _exit(12);
    peer_report(&p, "ready\n");
    struct pollfd pf = { .fd = ls, .events = POLLIN };
    if (poll(&pf, 1, 60000) != 1 || (p.line = accept4(ls, NULL, NULL, SOCK_CLOEXEC)) < 0)
        _exit(13);
    close(ls);
    fcntl(p.line, F_SETFL, fcntl(p.line, F_GETFL) | O_NONBLOCK);
    struct ppp_config cfg = {
        .role = PPP_SERVER, .hostname = "netns-isp",
        .auth_methods = PPP_AUTH_CHAP_MD5 | PPP_AUTH_PAP, .secret_fn = isp_demo_secret,
        .local_ip = ISP_IP, .peer_ip = CLIENT_IP, .dns1 = ISP_IP,
    };
    if (!(p.ppp = ppp_new(&cfg)))
        _exit(14);
    ppp_start(p.ppp, clock_now_ms());
    do {
        peer_flush(&p);
        peer_deliver(&p);
    } while (peer_step(&p));
    ppp_free(p.ppp);
    _exit(p.up ? 0 : 15);
}

/* ---- the parent's side ------------------------------------------------- */

/* The next line the peer reported (without its newline), or NULL after
 * timeout_ms or when the peer has gone. */
static const char *
peer_line(int timeout_ms)
{
    uint64_t end = clock_now_ms() + (uint64_t)timeout_ms;
    static char line[sizeof(run.line)];
    for (;;) {
        char *nl = memchr(run.line, '\n', run.line_len);
        if (nl) {
            size_t n = (size_t)(nl - run.line);
            memcpy(line, run.line, n);
            line[n] = '\0';
            run.line_len -= n + 1;
            memmove(run.line, nl + 1, run.line_len);
            return line;
        }
        uint64_t now = clock_now_ms();
        struct pollfd pf = { .fd = run.report, .events = POLLIN };
        if (now >= end || run.line_len == sizeof(run.line) ||
            poll(&pf, 1, (int)(end - now)) <= 0)
            return NULL;
        ssize_t got = read(run.report, run.line + run.line_len,
                           sizeof(run.line) - run.line_len);
        if (got <= 0)
            return NULL;
        run.line_len += (size_t)got;
    }
}

/* Waits for a report starting with word; its text, or NULL. */
static const char *
peer_wait(const char *word, int timeout_ms)
{
    uint64_t end = clock_now_ms() + (uint64_t)timeout_ms;
    const char *l;
    while ((l = peer_line((int)(end > clock_now_ms() ? end - clock_now_ms() : 0))) != NULL)
        if (strncmp(l, word, strlen(word)) == 0)
            return l;
    return NULL;
}

static bool
peer_start(const char *sock)
{
    int fds[2];
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sock);
    int ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (ls < 0)
        return false;
    if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(ls, 1) < 0 ||
        pipe2(fds, O_CLOEXEC) != 0) {
        close(ls);
        return false;
    }
    fflush(stdout);
    run.peer = fork();
    if (run.peer == 0) {
        close(fds[0]);
        peer_main(ls, fds[1]);
    }
    close(ls);
    close(fds[1]);
    run.report = fds[0];
    run.line_len = 0;
    return run.peer > 0;
}

/* Waits up to timeout_ms for pid to exit: its wait status, or -1 (then
 * it has been killed and reaped). */
static int
reap(pid_t *pid, int timeout_ms)
{
    int st = -1;
    if (*pid <= 0)
        return -1;
    for (int i = 0; i < timeout_ms / 10 && waitpid(*pid, &st, WNOHANG) == 0; i++)
        rmf_sleep_ms(10);
    if (st == -1 || waitpid(*pid, &st, WNOHANG) == 0) {
        kill(*pid, SIGKILL);
        waitpid(*pid, NULL, 0);
        st = -1;
    }
    *pid = 0;
    return st;
}

/* A modem entry on the simulator's pty with the demo credentials saved. */
static void
make_entry(const struct sim *s)
{
    REQUIRE(sim_entry(s, th_pbk(), "Netns ISP", "demo", "demo"));
}

static DWORD
dial(void)
{
    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    BOOL has_pw = FALSE;
    snprintf(p.szEntryName, sizeof(p.szEntryName), "Netns ISP");
    if (RasGetEntryDialParamsA(th_pbk(), &p, &has_pw) != 0 || !has_pw)
        return ~0u;
    DWORD rc = RasDialA(NULL, th_pbk(), &p, 0, NULL, &run.h);
    memset(&p, 0, sizeof(p));
    return rc;
}

/* Pings the peer from rasmand's netns; prints ping's summary lines. */
static bool
ping_peer(const char *ifname)
{
    char cmd[200], l[256];
    snprintf(cmd, sizeof(cmd), "nsenter -t %d -n ping -c 3 -i 0.3 -W 5 -I %s 10.0.0.1 2>&1",
             (int)rmf.pid, ifname);
    FILE *f = popen(cmd, "re");
    if (!f)
        return false;
    while (fgets(l, sizeof(l), f))
        if (strstr(l, "packets transmitted") || strstr(l, "rtt "))
            printf("# ping: %s", l);
    return pclose(f) == 0;
}

/* The child that sends the bulk stream from rasmand's netns, then waits
 * for the sink to close (it has counted everything by then). */
static void __attribute__((noreturn))
sender_main(void)
{
    static uint8_t buf[65536];
    char ns[64];
    snprintf(ns, sizeof(ns), "/proc/%d/ns/net", (int)rmf.pid);
    int nsfd = open(ns, O_RDONLY | O_CLOEXEC);
    if (nsfd < 0 || setns(nsfd, CLONE_NEWNET) != 0)
        _exit(20);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(SINK_PORT),
                              .sin_addr.s_addr = htonl(ISP_IP) };
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
        _exit(21);
    for (uint64_t off = 0; off < BULK;) {
        size_t n = BULK - off < sizeof(buf) ? (size_t)(BULK - off) : sizeof(buf);
        for (size_t i = 0; i < n; i++)
            buf[i] = pattern(off + i);
        ssize_t w = write(fd, buf, n);
        if (w <= 0)
            _exit(22);
        off += (uint64_t)w;
    }
    if (shutdown(fd, SHUT_WR) != 0)
        _exit(23);
    while (read(fd, buf, sizeof(buf)) > 0)
        ;
    _exit(0);
}

/* A counter of the Tcp: line of /proc/PID/net/snmp, which shows that
 * process's network namespace; -1 if absent. */
static long long
tcp_counter(pid_t pid, const char *name)
{
    char path[64], head[512], vals[512];
    long long v = -1;
    snprintf(path, sizeof(path), "/proc/%d/net/snmp", (int)pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return -1;
    while (fgets(head, sizeof(head), f)) {
        if (strncmp(head, "Tcp: ", 5) != 0 || !fgets(vals, sizeof(vals), f))
            continue;
        char *hs, *vs, *h = strtok_r(head, " \n", &hs), *x = strtok_r(vals, " \n", &vs);
        for (; h && x; h = strtok_r(NULL, " \n", &hs), x = strtok_r(NULL, " \n", &vs))
            if (strcmp(h, name) == 0)
                v = atoll(x);
        break;
    }
    fclose(f);
    return v;
}

/* 4 MiB over TCP; the peer's count, and our line counters, agree. */
static void
bulk(void)
{
    RAS_STATS a = { .dwSize = sizeof(a) }, b = { .dwSize = sizeof(b) };
    REQUIRE_EQ(RasGetConnectionStatistics(run.h, &a), 0);
    long long out0 = tcp_counter(rmf.pid, "OutSegs"), re0 = tcp_counter(rmf.pid, "RetransSegs");
    uint64_t t0 = clock_now_ms();
    fflush(stdout);
    run.sender = fork();
    if (run.sender == 0)
        sender_main();
    REQUIRE(run.sender > 0);
    const char *l = peer_wait("tcp ", 60000);
    uint64_t ms = clock_now_ms() - t0;
    unsigned long long got = 0, bad = ~0ull;
    CHECK(l && sscanf(l, "tcp %llu %llu", &got, &bad) == 2);
    int st = reap(&run.sender, 10000);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    REQUIRE_EQ(RasGetConnectionStatistics(run.h, &b), 0);
    CHECK_EQ(got, BULK);
    CHECK_EQ(bad, 0);
    uint32_t tx = b.dwBytesXmited - a.dwBytesXmited, rx = b.dwBytesRcved - a.dwBytesRcved;
    uint32_t ftx = b.dwFramesXmited - a.dwFramesXmited, frx = b.dwFramesRcved - a.dwFramesRcved;
    printf("# bulk: %u bytes in %llu ms, %.2f MB/s; line: %u bytes / %u frames out, "
           "%u bytes / %u frames in\n", BULK, (unsigned long long)ms,
           ms ? (double)BULK / 1e6 / ((double)ms / 1000.0) : 0.0, tx, ftx, rx, frx);
    /* rasmand drops what its engine's queue cannot take (src/net/net.c):
     * TCP sends that again, so the line carries more than the stream */
    printf("# TCP in rasmand's netns: %lld segments out, %lld of them retransmitted\n",
           tcp_counter(rmf.pid, "OutSegs") - out0, tcp_counter(rmf.pid, "RetransSegs") - re0);
    /* at most 1460 bytes of payload a segment on a 1500-byte link, each
     * behind 40 bytes of IP and TCP header; the ACKs come back */
    uint32_t segs = (BULK + 1459) / 1460;
    CHECK(ftx >= segs);
    CHECK(tx >= BULK + segs * 40u);
    CHECK(frx > 0);
}

static void
t_netns_datapath(void)
{
    char sock[100], bridge[120];
    struct ipc_debug base;
    uint64_t t0 = clock_now_ms();
    snprintf(sock, sizeof(sock), "%s/isp", th_tmpdir());
    snprintf(bridge, sizeof(bridge), "--bridge=unix:%s", sock);
    REQUIRE(peer_start(sock));
    REQUIRE(peer_wait("ready", 10000));
    const char *const args[] = { bridge, NULL };
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&run.sim, rmf.sim_exe, args));
    make_entry(&run.sim);

    uint64_t td = clock_now_ms();
    REQUIRE_EQ(dial(), 0);
    printf("# RasDialA to Connected: %llu ms\n", (unsigned long long)(clock_now_ms() - td));
    RASPPPIPA ip = { .dwSize = sizeof(ip) };
    DWORD cb = sizeof(ip);
    CHECK_EQ(RasGetProjectionInfoA(run.h, RASP_PppIp, &ip, &cb), 0);
    CHECK_STR(ip.szIpAddress, "10.0.0.2");
    CHECK_STR(ip.szServerIpAddress, "10.0.0.1");
    OPENRAS_LINKINFO li = { .dwSize = sizeof(li) };
    REQUIRE_EQ(OpenRasGetLinkInfo(run.h, &li), 0);
    CHECK_STR(li.szDnsPrimary, "10.0.0.1");
    CHECK_EQ(li.dwInterfaceError, 0);
    REQUIRE(li.szInterface[0] != '\0');
    CHECK(peer_wait("up", 10000) != NULL);

    RAS_STATS a = { .dwSize = sizeof(a) }, b = { .dwSize = sizeof(b) };
    REQUIRE_EQ(RasGetConnectionStatistics(run.h, &a), 0);
    CHECK(ping_peer(li.szInterface));
    REQUIRE_EQ(RasGetConnectionStatistics(run.h, &b), 0);
    /* three echo requests out, three replies in: 84 bytes of IP each */
    CHECK(b.dwFramesXmited - a.dwFramesXmited >= 3);
    CHECK(b.dwFramesRcved - a.dwFramesRcved >= 3);
    CHECK(b.dwBytesXmited - a.dwBytesXmited >= 3 * 84);
    CHECK(b.dwBytesRcved - a.dwBytesRcved >= 3 * 84);

    bulk();

    CHECK_EQ(RasHangUpA(run.h), 0);
    CHECK(rmf_wait_gone(run.h, 10000));
    run.h = NULL;
    CHECK(rmf_settled(&base, 10000));
    /* the simulator's hang-up closes the bridge: the peer is done */
    sim_stop(&run.sim);
    int st = reap(&run.peer, 10000);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    printf("# whole call: %llu ms\n", (unsigned long long)(clock_now_ms() - t0));
}

/* After every test, failed or not: nothing of the run survives it. */
static void
cleanup(void)
{
    if (run.h) {
        RasHangUpA(run.h);
        rmf_wait_gone(run.h, 10000);
        run.h = NULL;
    }
    reap(&run.sender, 0);
    sim_stop(&run.sim);
    reap(&run.peer, 2000);
    if (run.report >= 0)
        close(run.report);
    run.report = -1;
    rmf_cleanup();
}

int
main(int argc, char **argv)
{
    static const struct rmf_case cases[] = {
        RMF_CASE(t_netns_datapath), { NULL, NULL },
    };
    if (geteuid() != 0 || access("/dev/net/tun", R_OK | W_OK) != 0) {
        printf("1..0 # SKIP needs root and /dev/net/tun (two network namespaces)\n");
        return 0;
    }
    return rmf_main(&rmf, argc, argv, true, cleanup, cases);
}
