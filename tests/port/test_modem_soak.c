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

#include "fixture.h"
#include "harness.h"
#include "lib/pbk_store.h"
#include "lib/rasman_client.h"
#include "ppp/ppp.h"
#include "sim.h"

#define CYCLES_DEFAULT 1000
#define CYCLES_MAX     100000
#define WARMUP         50
#define MAX_GROWTH_KIB 64
#define STEP_MS        5000       /* any one dial, hang-up or session end */

#define ISP_IP   0x0a4e0001u      /* 10.78.0.1 */
#define PEER_IP  0x0a4e0002u

/* What the ISP tells the test after each session (one byte). */
#define SESSION_UP   1            /* the network came up */
#define SESSION_DOWN 2            /* the client closed it with LCP */

static struct rmf rmf;
static const char *sim_exe;
static char lock_dir[64];
/* per-cycle times; static so the pages are touched before measuring */
static uint32_t cycle_us[CYCLES_MAX];

static uint64_t
clock_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

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

/* ASan's quarantine and valgrind keep freed memory resident on purpose:
 * RSS means something only in a plain build. */
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

static int
cycles_wanted(void)
{
    const char *s = getenv("RAS_SOAK_CYCLES");
    long n = s && *s ? strtol(s, NULL, 10) : CYCLES_DEFAULT;
    return n < 1 ? 1 : n > CYCLES_MAX ? CYCLES_MAX : (int)n;
}

static bool
no_locks(void)
{
    DIR *d = opendir(lock_dir);
    if (!d)
        return false;
    bool none = true;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        none &= strncmp(de->d_name, "LCK", 3) != 0;
    closedir(d);
    return none;
}

/* ---- the ISP: a PPP server per connection, one after another ----------- */

static uint64_t
clock_ms(void)
{
    return clock_us() / 1000;
}

static bool
isp_secret(void *ctx, const char *user, char *secret, size_t cap)
{
    (void)ctx;
    if (strcmp(user, "demo") != 0 || cap < 5)
        return false;
    memcpy(secret, "demo", 5);
    return true;
}

static uint16_t
inet_sum(const uint8_t *p, size_t n)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < n; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (n & 1)
        sum += (uint32_t)(p[n - 1] << 8);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

/* Turns an IPv4 ICMP echo request into its reply in place: the ISP
 * answers pings, so the calls can carry traffic. */
static bool
icmp_echo_reply(uint8_t *pkt, size_t n)
{
    size_t hl = (size_t)(pkt[0] & 15) * 4;
    if (n < 28 || (pkt[0] >> 4) != 4 || hl < 20 || n < hl + 8 || pkt[9] != 1 || pkt[hl] != 8)
        return false;
    uint8_t a[4];
    memcpy(a, pkt + 12, 4);            /* swapping the addresses keeps the header sum */
    memcpy(pkt + 12, pkt + 16, 4);
    memcpy(pkt + 16, a, 4);
    pkt[hl] = 0;
    pkt[hl + 2] = pkt[hl + 3] = 0;
    uint16_t c = inet_sum(pkt + hl, n - hl);
    pkt[hl + 2] = (uint8_t)(c >> 8);
    pkt[hl + 3] = (uint8_t)c;
    return true;
}

/* One session until the simulator closes the bridge; returns SESSION_*
 * bits, or -1 if the engine could not be made or the socket failed. */
static int
isp_session(int cs)
{
    struct ppp_config cfg = {
        .role = PPP_SERVER, .hostname = "modem-soak-isp",
        .auth_methods = PPP_AUTH_MSCHAPV2 | PPP_AUTH_CHAP_MD5 | PPP_AUTH_PAP,
        .secret_fn = isp_secret, .local_ip = ISP_IP, .peer_ip = PEER_IP, .dns1 = ISP_IP,
    };
    struct ppp *isp = ppp_new(&cfg);
    if (!isp)
        return -1;
    int seen = 0;
    uint8_t buf[4096];
    ppp_start(isp, clock_ms());
    for (;;) {
        size_t n;
        struct ppp_event ev;
        size_t ip_len;
        while ((ip_len = ppp_recv_ip(isp, buf, sizeof(buf))) > 0)
            if (icmp_echo_reply(buf, ip_len))
                (void)ppp_send_ip(isp, buf, ip_len);
        /* after the replies, so they leave now, not after the next poll */
        while ((n = ppp_output(isp, buf, sizeof(buf))) > 0)
            if (write(cs, buf, n) != (ssize_t)n)
                seen = -1;
        while (ppp_poll_event(isp, &ev)) {
            if (ev.type == PPP_EV_NETWORK_UP && seen >= 0)
                seen |= SESSION_UP;
            /* the client's Terminate-Request; the engine's own DOWN
             * comes after the restart timer, later than the bridge closes */
            if (ev.type == PPP_EV_PHASE && ev.phase == PPP_PHASE_TERMINATE && seen >= 0)
                seen |= SESSION_DOWN;
        }
        if (seen < 0)
            break;
        uint64_t now = clock_ms(), next = ppp_next_deadline(isp);
        int to = next == 0 ? 1000 : next <= now ? 0 : (int)(next - now);
        struct pollfd pf = { .fd = cs, .events = POLLIN };
        int r = poll(&pf, 1, to > 1000 ? 1000 : to);
        now = clock_ms();
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
    ppp_free(isp);
    return seen;
}

/* The child: serves connections on ls until ctl (the test's end of a
 * pipe) closes, reporting each session on report. Exits 0 if every
 * session could be served. */
static int
isp_report(int report, int cs)
{
    int seen = isp_session(cs);
    close(cs);
    uint8_t b = seen < 0 ? 0 : (uint8_t)seen;
    return write(report, &b, 1) == 1 && seen >= 0 ? 0 : 1;
}

/* Reaps the session processes of a concurrent ISP; nonzero if one failed. */
static int
isp_reap(bool wait_all)
{
    int st, failed = 0;
    pid_t pid;
    while ((pid = waitpid(-1, &st, wait_all ? 0 : WNOHANG)) > 0)
        failed |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
    return failed;
}

static void __attribute__((noreturn))
isp_serve(int ls, int ctl, int report, bool concurrent)
{
    int failed = 0;
    for (;;) {
        struct pollfd pf[2] = { { .fd = ls, .events = POLLIN }, { .fd = ctl, .events = POLLIN } };
        if (poll(pf, 2, 200) < 0) {
            if (errno == EINTR)
                continue;
            _exit(1);
        }
        if (concurrent)
            failed |= isp_reap(false);
        if (pf[1].revents)
            _exit(failed | (concurrent ? isp_reap(true) : 0));
        if (!(pf[0].revents & POLLIN))
            continue;
        int cs = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
        if (cs < 0)
            continue;
        if (!concurrent) {
            failed |= isp_report(report, cs);
            continue;
        }
        /* one process per call, so that many calls run at once */
        pid_t pid = fork();
        if (pid == 0)
            _exit(isp_report(report, cs));
        close(cs);
        failed |= pid < 0;
    }
}

struct isp {
    pid_t pid;
    int ctl;                      /* closing it ends the child */
    int report;                   /* one byte per session served */
    char path[100];
};

static bool
isp_start(struct isp *isp, bool concurrent)
{
    int ctl[2] = { -1, -1 }, rep[2] = { -1, -1 };
    snprintf(isp->path, sizeof(isp->path), "%s/isp", th_tmpdir());
    isp->pid = -1;
    isp->ctl = isp->report = -1;
    int ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", isp->path);
    if (ls < 0 || bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(ls, 64) < 0 ||
        pipe2(ctl, O_CLOEXEC) < 0 || pipe2(rep, O_CLOEXEC) < 0)
        goto fail;
    isp->pid = fork();
    if (isp->pid == 0) {
        close(ctl[1]);
        close(rep[0]);
        isp_serve(ls, ctl[0], rep[1], concurrent);
    }
    if (isp->pid < 0)
        goto fail;
    close(ls);
    close(ctl[0]);
    close(rep[1]);
    isp->ctl = ctl[1];
    isp->report = rep[0];
    return true;
fail:
    for (int i = 0; i < 2; i++) {
        if (ctl[i] >= 0)
            close(ctl[i]);
        if (rep[i] >= 0)
            close(rep[i]);
    }
    if (ls >= 0)
        close(ls);
    return false;
}

/* The next session's report (SESSION_* bits), -1 if none came in time. */
static int
isp_next_report(const struct isp *isp, int timeout_ms)
{
    struct pollfd pf = { .fd = isp->report, .events = POLLIN };
    uint8_t b;
    if (poll(&pf, 1, timeout_ms) != 1 || read(isp->report, &b, 1) != 1)
        return -1;
    return b;
}

/* true if the child exited 0. */
static bool
isp_stop(struct isp *isp)
{
    int st = -1;
    if (isp->ctl >= 0)
        close(isp->ctl);
    if (isp->pid > 0) {
        for (int i = 0; i < 300 && waitpid(isp->pid, &st, WNOHANG) == 0; i++)
            rmf_sleep_ms(10);
        if (st == -1) {
            kill(isp->pid, SIGKILL);
            waitpid(isp->pid, &st, 0);
        }
    }
    if (isp->report >= 0)
        close(isp->report);
    unlink(isp->path);
    isp->pid = -1;
    isp->ctl = isp->report = -1;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* ---- the calls --------------------------------------------------------- */

static char pbk_file[600];

/* A modem entry on the simulator's pty with the demo credentials saved;
 * *p gets the dial parameters RasGetEntryDialParams gives for it. */
static bool
make_entry(const struct sim *s, const char *name, RASDIALPARAMSA *p)
{
    char real[PATH_MAX];
    RASENTRYA e = { .dwSize = sizeof(e) };
    DWORD cb = sizeof(e);
    snprintf(pbk_file, sizeof(pbk_file), "%s/rasphone.pbk", th_tmpdir());
    if (!realpath(s->link, real) || strlen(real) >= sizeof(e.szDeviceName) ||
        RasGetEntryPropertiesA(pbk_file, "", &e, &cb, NULL, NULL) != 0)
        return false;
    memcpy(e.szDeviceName, real, strlen(real) + 1);
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", RASDT_Modem);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "5550100");
    e.dwfOptions &= ~RASEO_RemoteDefaultGateway;   /* leave rasmand's routes alone */
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_UserName | RASCM_Password };
    snprintf(c.szUserName, sizeof(c.szUserName), "demo");
    snprintf(c.szPassword, sizeof(c.szPassword), "demo");
    memset(p, 0, sizeof(*p));
    p->dwSize = sizeof(*p);
    snprintf(p->szEntryName, sizeof(p->szEntryName), "%s", name);
    BOOL has_pw = FALSE;
    return RasSetEntryPropertiesA(pbk_file, name, &e, sizeof(e), NULL, 0) == 0 &&
           RasSetCredentialsA(pbk_file, name, &c, FALSE) == 0 &&
           RasGetEntryDialParamsA(pbk_file, p, &has_pw) == 0 && has_pw;
}

/* One call up to Connected and down again, until the ISP has seen the
 * bridge close (so the simulator is on hook for the next). NULL, or the
 * step that failed, reported once. */
static const char *
cycle(const struct isp *isp, RASDIALPARAMSA *p)
{
    HRASCONN h = NULL;
    DWORD rc = RasDialA(NULL, pbk_file, p, 0, NULL, &h);
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
    if (!no_locks())
        return "lock file left after the handle was gone";
    int seen = isp_next_report(isp, STEP_MS);
    if (seen != (SESSION_UP | SESSION_DOWN)) {
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
    long client_warm = self_rss_kib(), client_end = 0;
    uint64_t t0 = clock_us();
    int done = 0;
    for (; done < cycles; done++) {
        uint64_t c0 = clock_us();
        if ((failed = cycle(isp, p)) != NULL) {
            th_fail(__FILE__, __LINE__, "cycle %d: %s", done, failed);
            break;
        }
        cycle_us[done] = (uint32_t)(clock_us() - c0);
        if (done == 0)
            client_warm = self_rss_kib();
        client_end = self_rss_kib();
    }
    uint64_t elapsed = clock_us() - t0;
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
    if (sanitized()) {
        printf("# RSS limits not checked under a sanitizer or valgrind\n");
        return;
    }
    CHECK((long)end.rss_kib - (long)warm.rss_kib < MAX_GROWTH_KIB);
    CHECK(client_end - client_warm < MAX_GROWTH_KIB);
}

static void
t_modem_dial_hangup_cycles(void)
{
    struct isp isp;
    struct sim s;
    REQUIRE(isp_start(&isp, false));
    char opt[140];
    snprintf(opt, sizeof(opt), "--bridge=unix:%s", isp.path);
    const char *const args[] = { opt, NULL };
    if (!sim_start(&s, sim_exe, args)) {
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
    CHECK(no_locks());
}

/* ---- many calls at once ------------------------------------------------ */

#define N_LINES 32

static VOID WINAPI
ignore_state(HRASCONN h, UINT msg, RASCONNSTATE state, DWORD err, DWORD ext)
{
    (void)h; (void)msg; (void)state; (void)err; (void)ext;
}

/* A ping through the call's own interface, in rasmand's namespace. */
static bool
ping_through(HRASCONN h)
{
    OPENRAS_LINKINFO li = { .dwSize = sizeof(li) };
    char cmd[200];
    struct in_addr isp = { .s_addr = htonl(ISP_IP) };
    if (OpenRasGetLinkInfo(h, &li) != 0 || !li.szInterface[0])
        return false;
    snprintf(cmd, sizeof(cmd), "nsenter -t %d -n ping -q -c 1 -W 5 -I %s %s >/dev/null 2>&1",
             (int)rmf.pid, li.szInterface, inet_ntoa(isp));
    return system(cmd) == 0;
}

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
    char opt[140], name[32];
    int lines = 0;
    uint64_t t0 = clock_us();
    REQUIRE(rmf_base(&base));
    REQUIRE(isp_start(&isp, true));
    snprintf(opt, sizeof(opt), "--bridge=unix:%s", isp.path);
    const char *const args[] = { opt, NULL };
    for (; lines < N_LINES; lines++) {
        snprintf(name, sizeof(name), "Line %02d", lines);
        if (!sim_start(&s[lines], sim_exe, args))
            break;
        if (!make_entry(&s[lines], name, &p[lines])) {
            lines++;
            CHECK(!"phonebook entry");
            break;
        }
    }
    CHECK_EQ(lines, N_LINES);
    printf("# %d simulators and entries ready (%.1f s)\n", lines, (double)(clock_us() - t0) / 1e6);
    for (int i = 0; i < lines; i++)
        CHECK_EQ(RasDialA(NULL, pbk_file, &p[i], 1, (void *)ignore_state, &h[i]), 0);
    int up = 0, pinged = 0;
    for (int i = 0; i < lines; i++) {
        bool ok = h[i] && rmf_wait_state(h[i], RASCS_Connected, 30000);
        up += ok;
        RASCONNSTATUSA st = { .dwSize = sizeof(st) };
        if (!ok && h[i] && RasGetConnectStatusA(h[i], &st) == 0) {
            char real[PATH_MAX], cmd[700];
            printf("# line %d: state %d, error %u, device %s\n", i, (int)st.rasconnstate,
                   st.dwError, realpath(s[i].link, real) ? real : "?");
            snprintf(cmd, sizeof(cmd), "ls -la %s | sed 's/^/# /'", lock_dir);
            (void)!system(cmd);
        }
    }
    CHECK_EQ(up, N_LINES);
    printf("# %d connected (%.1f s)\n", up, (double)(clock_us() - t0) / 1e6);
    RASCONNA conns[N_LINES + 1];
    DWORD cb = sizeof(conns), n = 0;
    conns[0].dwSize = sizeof(conns[0]);
    CHECK_EQ(RasEnumConnectionsA(conns, &cb, &n), 0);
    CHECK_EQ(n, N_LINES);
    if (geteuid() == 0) {
        for (int i = 0; i < lines; i++) {
            RAS_STATS a = { .dwSize = sizeof(a) }, b = { .dwSize = sizeof(b) };
            RasGetConnectionStatistics(h[i], &a);
            bool ok = h[i] && ping_through(h[i]);
            RasGetConnectionStatistics(h[i], &b);
            pinged += ok && b.dwFramesRcved > a.dwFramesRcved && b.dwFramesXmited > a.dwFramesXmited;
        }
        CHECK_EQ(pinged, N_LINES);
    }
    printf("# %d modem calls at once: %d connected, %d passed a ping (%.1f s so far)\n", lines, up,
           pinged, (double)(clock_us() - t0) / 1e6);
    for (int i = 0; i < lines; i++)
        if (h[i])
            CHECK_EQ(RasHangUpA(h[i]), 0);
    for (int i = 0; i < lines; i++)
        if (h[i])
            CHECK(rmf_wait_gone(h[i], 10000));
    int reports = 0;
    for (int i = 0; i < lines; i++)
        reports += isp_next_report(&isp, 10000) == (SESSION_UP | SESSION_DOWN);
    CHECK_EQ(reports, N_LINES);
    printf("# all hung up (%.1f s)\n", (double)(clock_us() - t0) / 1e6);
    CHECK(rmf_settled(&base, 5000));
    for (int i = 0; i < lines; i++)
        sim_stop(&s[i]);
    memset(p, 0, sizeof(p));
    CHECK(isp_stop(&isp));
    CHECK(no_locks());
}

static void
cleanup(void)
{
    pbk_cache_flush();
    ras_client_shutdown();
}

int
main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s RASMAND RAS-MODEM-SIM\n", argv[0]);
        return 2;
    }
    sim_exe = argv[2];
    signal(SIGPIPE, SIG_IGN);
    /* rasmand takes its lock directory from the environment it starts in */
    snprintf(lock_dir, sizeof(lock_dir), "/tmp/openras-locks-XXXXXX");
    if (!mkdtemp(lock_dir))
        return 1;
    setenv("RAS_LOCK_DIR", lock_dir, 1);
    if (!rmf_start(&rmf, argv[1])) {
        fprintf(stderr, "rasmand did not start\n");
        rmf_stop(&rmf);
        rmdir(lock_dir);
        return 1;
    }
    th_set_cleanup(cleanup);
    TH_RUN(t_modem_dial_hangup_cycles);
    TH_RUN(t_concurrent_modem_calls);
    int rc = th_done();
    if (!rmf_stop(&rmf))
        rc = 1;
    rmdir(lock_dir);
    return rc;
}
