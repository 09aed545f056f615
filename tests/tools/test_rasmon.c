/* rasmon as a user and a script see it: its --json during a transfer on
 * the loopback ISP against RasGetConnectionStatistics read around it, the
 * lights, rasmand's figures and who may read them, usage errors, no
 * rasmand; and in-process, many refreshes with allocations and
 * descriptors flat, and (the fault group) every allocation of a sample
 * failed in turn. argv: RASMAND RASMON integration|fault. */
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
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
#include "render.h"
#include "sample.h"

#define OTHER_UID 64125           /* no user has it */

static struct rmf rmf;
static const char *rasmon;

struct run {
    int status;
    char out[65536];
    char err[8192];
};
static struct run R;

static void
slurp(const char *path, char *buf, size_t n)
{
    buf[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    size_t len = 0;
    for (ssize_t r; len + 1 < n && (r = read(fd, buf + len, n - 1 - len)) > 0;)
        len += (size_t)r;
    buf[len] = '\0';
    close(fd);
}

/* Runs rasmon with the NULL-terminated arguments, output to files in the
 * test's directory; socket (NULL: the fixture's rasmand) is the rasmand
 * it is pointed at. */
static void
run_at(struct run *r, const char *socket, ...)
{
    const char *argv[16];
    int argc = 0;
    va_list ap;
    argv[argc++] = rasmon;
    va_start(ap, socket);
    for (const char *a; (a = va_arg(ap, const char *)) != NULL && argc < 15;)
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;
    char out[512], err[512];
    snprintf(out, sizeof(out), "%s/stdout", th_tmpdir());
    snprintf(err, sizeof(err), "%s/stderr", th_tmpdir());
    fflush(stdout);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600),
            e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600), i = open("/dev/null", O_RDONLY);
        if (o < 0 || e < 0 || i < 0)
            _exit(126);
        dup2(i, 0);
        dup2(o, 1);
        dup2(e, 2);
        setenv("RASMAND_SOCKET", socket ? socket : rmf.sock, 1);
        setenv("RASMAND_PATH", "/nonexistent/rasmand", 1);
        setenv("LC_ALL", "C", 1);
        execv(rasmon, (char *const *)argv);
        _exit(127);
    }
    int st;
    REQUIRE(waitpid(pid, &st, 0) == pid);
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    slurp(out, r->out, sizeof(r->out));
    slurp(err, r->err, sizeof(r->err));
}

#define run(r, ...) run_at((r), NULL, __VA_ARGS__)

#define CHECK_HAS(hay, needle) do { if (!strstr((hay), (needle))) \
    th_fail(__FILE__, __LINE__, "%s lacks \"%s\"; it is:\n%s", #hay, (needle), (hay)); } while (0)

/* The first number after "key": in json (-1 for null or no such key). The
 * samples here hold one connection, so every key is unambiguous; the
 * leading quote keeps "tx" from matching "bytes_tx". */
static long long
json_num(const char *json, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof(pat), "\"%s\":", key);
    const char *p = strstr(json, pat);
    if (!p || !strncmp(p + strlen(pat), "null", 4))
        return -1;
    return strtoll(p + strlen(pat), NULL, 10);
}

/* true/false after "key": (-1 for neither). */
static int
json_bool(const char *json, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof(pat), "\"%s\":", key);
    const char *p = strstr(json, pat);
    if (!p)
        return -1;
    p += strlen(pat);
    return !strncmp(p, "true", 4) ? 1 : !strncmp(p, "false", 5) ? 0 : -1;
}

static void
hang_up(HRASCONN h)
{
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 10000));
}

static RAS_STATS
stats_of(HRASCONN h)
{
    RAS_STATS st;
    memset(&st, 0, sizeof(st));
    st.dwSize = sizeof(st);
    CHECK_EQ(RasGetConnectionStatistics(h, &st), 0);
    return st;
}

/* ---- usage and no rasmand --------------------------------------------- */

static void
t_usage_errors(void)
{
    static const char *const bad[][3] = {
        { "--bogus", NULL, NULL }, { "--interval=abc", NULL, NULL },
        { "--interval=0.05", NULL, NULL }, { "--interval=99999999", NULL, NULL },
        { "--count=0", NULL, NULL }, { "--count=-3", NULL, NULL },
        { "--once", "--count=2", NULL }, { "extra", NULL, NULL }, { "--interval", NULL, NULL },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        run(&R, bad[i][0], bad[i][1], NULL);
        CHECK_EQ(R.status, 252);
        CHECK_HAS(R.err, "Try 'rasmon --help'.\n");
        CHECK_EQ(R.out[0], '\0');
    }
    run(&R, "--help", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "Usage: rasmon");
    CHECK_HAS(R.out, "--json");
    run(&R, "--version", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "OpenRAS");
}

/* No rasmand: --once says so plainly and exits with 711's status, and
 * nothing was started for the asking; a script's --json sample says it in
 * rasmand_error. */
static void
t_no_rasmand(void)
{
    char nowhere[512];
    snprintf(nowhere, sizeof(nowhere), "%s/no-rasmand.sock", th_tmpdir());
    run_at(&R, nowhere, "--once", "--interval=0.1", NULL);
    CHECK_EQ(R.status, ERROR_RASMAN_CANNOT_INITIALIZE - 600);
    CHECK_HAS(R.err, "rasmon: no rasmand is running");
    CHECK_EQ(R.out[0], '\0');
    CHECK(access(nowhere, F_OK) != 0);
    run_at(&R, nowhere, "--json", "--count=1", "--interval=0.1", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "\"rasmand_error\":711,\"rasmand\":null,\"connections\":[]}\n");
    run_at(&R, nowhere, "--count=1", "--interval=0.1", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "rasmand  not running");
    CHECK_HAS(R.out, "No connections\n");
}

/* ---- rasmand's figures ------------------------------------------------- */

/* OpenRasGetDaemonInfo's answer to a child that became uid (root only),
 * carried in its exit status: 0 for 5, 1 for anything else. */
static bool
info_refused_to(uid_t uid)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        OPENRAS_DAEMONINFO d = { .dwSize = sizeof(d) };
        _exit(setgid(uid) == 0 && setuid(uid) == 0 &&
              OpenRasGetDaemonInfo(&d) == ERROR_ACCESS_DENIED ? 0 : 1);
    }
    int st = -1;
    return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* The figures are rasmand's own (its pid, its descriptors), count the
 * connections, and are refused to a user who is neither root nor
 * rasmand's: that user may not learn what others hold. */
static void
t_daemon_info(void)
{
    OPENRAS_DAEMONINFO d;
    memset(&d, 0, sizeof(d));
    CHECK_EQ(OpenRasGetDaemonInfo(NULL), ERROR_INVALID_PARAMETER);
    d.dwSize = sizeof(d) - 1;
    CHECK_EQ(OpenRasGetDaemonInfo(&d), ERROR_INVALID_SIZE);
    d.dwSize = sizeof(d);
    REQUIRE_EQ(OpenRasGetDaemonInfo(&d), 0);
    CHECK_EQ(d.dwPid, rmf.pid);
    CHECK_EQ(d.dwUid, 0);
    CHECK(d.dwDescriptors >= 1);
    CHECK(d.dwRssKib >= d.dwPrivateKib && d.dwPrivateKib > 0);
    CHECK_EQ(d.dwFlags, OPENRAS_DAEMON_SYSTEM | OPENRAS_DAEMON_TEST);
    CHECK_EQ(d.dwConnections, 0);
    CHECK(d.dwClients >= 1);
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Figures", "555", 0, NULL, &h), 0);
    REQUIRE_EQ(OpenRasGetDaemonInfo(&d), 0);
    CHECK_EQ(d.dwConnections, 1);
    if (geteuid() == 0)
        CHECK(info_refused_to(OTHER_UID));
    run(&R, "--json", "--once", "--interval=0.1", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_EQ(json_num(R.out, "pid"), rmf.pid);
    CHECK(json_num(R.out, "fds") >= 1);
    CHECK_EQ(json_num(R.out, "connections"), 1);
    CHECK_EQ(json_bool(R.out, "system"), 1);
    hang_up(h);
}

/* What a user the figures are refused to sees: the reason, and still
 * their connections. */
static void
t_daemon_refused_text(void)
{
    struct mon_sample s;
    memset(&s, 0, sizeof(s));
    s.daemon_rc = ERROR_ACCESS_DENIED;
    struct mon_render r = { .seq = 1, .interval_ms = 1000 };
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    REQUIRE(f);
    mon_render_text(f, &r, &s, NULL);
    mon_render_json(f, &r, &s);
    fclose(f);
    CHECK_HAS(buf, "rasmand  its figures are shown to root and to the user it runs as only\n");
    CHECK_HAS(buf, "No connections\n");
    CHECK_HAS(buf, "\"rasmand_error\":5,\"rasmand\":null,");
    free(buf);
}

/* ---- a transfer -------------------------------------------------------- */

/* Pings through h's interface from rasmand's namespace, 100 a second for
 * up to a minute (rasmon under valgrind starts slowly), in a child of its
 * own process group that stop_pings ends; returns once the counters
 * move. */
static pid_t
start_pings(HRASCONN h)
{
    RAS_STATS st0 = stats_of(h);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        _exit(rmf_netns_run(&rmf, "ping -q -c 6000 -i 0.01 -s 200 10.64.0.1") == 0 ? 0 : 1);
    }
    REQUIRE(pid > 0);
    setpgid(pid, pid);
    for (int i = 0; i < 1000 && stats_of(h).dwFramesXmited == st0.dwFramesXmited; i++)
        rmf_sleep_ms(10);
    return pid;
}

static void
stop_pings(pid_t pid)
{
    kill(-pid, SIGTERM);
    waitpid(pid, NULL, 0);
}

/* A counter rasmon printed lies between the test's reads before and
 * after it ran. */
#define CHECK_BETWEEN(json, key, lo, hi) do { long long _v = json_num((json), (key)); \
    if (_v < (long long)(lo) || _v > (long long)(hi)) th_fail(__FILE__, __LINE__, \
        "%s %lld not within %lld..%lld", (key), _v, (long long)(lo), (long long)(hi)); } while (0)

static bool
have_data_path(void)
{
    return geteuid() == 0 && access("/dev/net/tun", R_OK | W_OK) == 0;
}

/* The test: rasmon --json --once while bytes move, checked
 * against RasGetConnectionStatistics read just before and after; TX and
 * RX lit (they moved), ERR dark, CD lit; rates measured. Then the text
 * view of the same, plain (no escape sequence: stdout is a file). */
static void
t_json_during_transfer(void)
{
    if (!have_data_path()) {
        th_skip("needs root and /dev/net/tun for a data path");
        return;
    }
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Transfer", "555", 0, NULL, &h), 0);
    pid_t pings = start_pings(h);
    RAS_STATS before = stats_of(h);
    run(&R, "--json", "--once", "--interval=0.5", NULL);
    RAS_STATS after = stats_of(h);
    CHECK_EQ(R.status, 0);
    CHECK_BETWEEN(R.out, "bytes_tx", before.dwBytesXmited, after.dwBytesXmited);
    CHECK_BETWEEN(R.out, "bytes_rx", before.dwBytesRcved, after.dwBytesRcved);
    CHECK_BETWEEN(R.out, "frames_tx", before.dwFramesXmited, after.dwFramesXmited);
    CHECK_BETWEEN(R.out, "frames_rx", before.dwFramesRcved, after.dwFramesRcved);
    CHECK_BETWEEN(R.out, "duration_ms", before.dwConnectDuration, after.dwConnectDuration);
    CHECK_EQ(json_num(R.out, "bps"), after.dwBps);
    CHECK_EQ(json_num(R.out, "crc"), 0);
    CHECK_HAS(R.out, "\"entry\":\"Transfer\"");
    CHECK_HAS(R.out, "\"state\":\"RASCS_Connected\",\"state_code\":8192,\"error\":0,");
    CHECK_EQ(json_bool(R.out, "tx"), 1);
    CHECK_EQ(json_bool(R.out, "rx"), 1);
    CHECK_EQ(json_bool(R.out, "err"), 0);
    CHECK_EQ(json_bool(R.out, "cd"), 1);
    CHECK(json_num(R.out, "tx_bytes_per_s") > 0);
    CHECK(json_num(R.out, "rx_bytes_per_s") > 0);
    CHECK_EQ(json_num(R.out, "pid"), rmf.pid);
    CHECK(json_num(R.out, "fds") >= 1);
    CHECK_EQ(json_num(R.out, "sample"), 1);
    CHECK(strchr(R.out, '\n') == R.out + strlen(R.out) - 1);   /* one line */

    run(&R, "--once", "--interval=0.5", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "\nTransfer  RASCS_Connected\n");
    CHECK_HAS(R.out, "  Lights       TX:on RX:on ERR:off CD:on\n");
    CHECK_HAS(R.out, "  Compression  none\n");
    CHECK(!strchr(R.out, 0x1b));
    stop_pings(pings);

    /* idle: lights dark whenever nothing moved around rasmon's run */
    before = stats_of(h);
    run(&R, "--json", "--once", "--interval=0.2", NULL);
    after = stats_of(h);
    if (before.dwBytesXmited == after.dwBytesXmited && before.dwBytesRcved == after.dwBytesRcved) {
        CHECK_EQ(json_bool(R.out, "tx"), 0);
        CHECK_EQ(json_bool(R.out, "rx"), 0);
        CHECK_EQ(json_num(R.out, "tx_bytes_per_s"), 0);
    }
    CHECK_EQ(json_bool(R.out, "cd"), 1);
    hang_up(h);
}

/* Carrier lost (the simulator drops the line): the connection stays
 * listed, Disconnected with its error, and CD goes dark. */
static void
t_carrier_drop_darkens_cd(void)
{
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Flaky", "555/drop=200", 0, NULL, &h), 0);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    for (int i = 0; i < 500 && RasGetConnectStatusA(h, &s) == 0 &&
                    s.rasconnstate != RASCS_Disconnected; i++)
        rmf_sleep_ms(10);
    REQUIRE_EQ(s.rasconnstate, RASCS_Disconnected);
    run(&R, "--json", "--once", "--interval=0.1", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "\"state\":\"RASCS_Disconnected\"");
    CHECK_EQ(json_num(R.out, "error"), s.dwError);
    CHECK(s.dwError != 0);
    CHECK_EQ(json_bool(R.out, "cd"), 0);
    run(&R, "--once", "--interval=0.1", NULL);
    CHECK_HAS(R.out, "Flaky  RASCS_Disconnected (failed)\n");
    CHECK_HAS(R.out, " CD:off\n");
    hang_up(h);
}

/* On a terminal the lights are coloured; the rest is the same text. */
static void
t_tty_gets_colour(void)
{
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Colour", "555", 0, NULL, &h), 0);
    int master;
    fflush(stdout);
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        setenv("RASMAND_SOCKET", rmf.sock, 1);
        execl(rasmon, rasmon, "--once", "--interval=0.1", (char *)NULL);
        _exit(127);
    }
    fcntl(master, F_SETFD, FD_CLOEXEC);
    static char out[65536];
    size_t len = 0;
    for (;;) {
        struct pollfd pfd = { .fd = master, .events = POLLIN };
        if (poll(&pfd, 1, 30000) <= 0)
            break;
        ssize_t r = read(master, out + len, sizeof(out) - 1 - len);
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    out[len] = '\0';
    close(master);
    int st;
    REQUIRE(waitpid(pid, &st, 0) == pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK_HAS(out, "Colour  RASCS_Connected");
    CHECK_HAS(out, "\x1b[1;97;42m CD \x1b[0m");
    CHECK_HAS(out, "\x1b[2m ERR \x1b[0m");
    hang_up(h);
}

/* A name a script must still parse: quotes and a backslash are escaped
 * for JSON. */
static void
t_json_escapes_names(void)
{
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Say \"hi\" \\ ISP", "555", 0, NULL, &h), 0);
    run(&R, "--json", "--once", "--interval=0.1", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "\"entry\":\"Say \\\"hi\\\" \\\\ ISP\",");
    hang_up(h);
}

/* ---- the lights and rates, from made-up counters ---------------------- */

static void
t_lights_and_rates(void)
{
    struct mon_conn prev, cur;
    memset(&prev, 0, sizeof(prev));
    prev.state = RASCS_Connected;
    prev.st.dwBytesXmited = 1000;
    prev.st.dwBytesRcved = 5000;
    prev.st.dwCrcErr = 2;
    cur = prev;
    /* nothing moved: dark but CD */
    mon_conn_compare(&cur, &prev, 1000);
    CHECK(!cur.lights.tx && !cur.lights.rx && !cur.lights.err && cur.lights.cd);
    CHECK(cur.rated);
    CHECK_EQ(cur.tx_rate, 0);
    /* 500 bytes out in 250 ms: 2000 B/s; in unchanged */
    cur.st.dwBytesXmited = 1500;
    mon_conn_compare(&cur, &prev, 250);
    CHECK(cur.lights.tx && !cur.lights.rx);
    CHECK_EQ(cur.tx_rate, 2000);
    CHECK_EQ(cur.rx_rate, 0);
    /* a frame in with no byte counted still lights RX */
    cur.st.dwFramesRcved = 1;
    mon_conn_compare(&cur, &prev, 250);
    CHECK(cur.lights.rx);
    /* every error counter lights ERR on its own */
    size_t errs[] = { offsetof(RAS_STATS, dwCrcErr), offsetof(RAS_STATS, dwTimeoutErr),
                      offsetof(RAS_STATS, dwAlignmentErr),
                      offsetof(RAS_STATS, dwHardwareOverrunErr),
                      offsetof(RAS_STATS, dwFramingErr), offsetof(RAS_STATS, dwBufferOverrunErr) };
    for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
        cur = prev;
        uint32_t v;
        memcpy(&v, (char *)&cur.st + errs[i], sizeof(v));
        v++;
        memcpy((char *)&cur.st + errs[i], &v, sizeof(v));
        mon_conn_compare(&cur, &prev, 1000);
        CHECK(cur.lights.err);
        CHECK(!cur.lights.tx && !cur.lights.rx);
    }
    /* counters cleared (RasClearConnectionStatistics): they count from 0 */
    cur = prev;
    cur.st.dwBytesXmited = 300;
    cur.st.dwCrcErr = 0;
    mon_conn_compare(&cur, &prev, 1000);
    CHECK(cur.lights.tx);
    CHECK_EQ(cur.tx_rate, 300);
    CHECK(!cur.lights.err);
    /* first seen: no rate, lights from zero; CD only when Connected */
    cur = prev;
    cur.state = RASCS_Authenticate;
    mon_conn_compare(&cur, NULL, 1000);
    CHECK(!cur.rated);
    CHECK(cur.lights.tx && cur.lights.rx && cur.lights.err && !cur.lights.cd);
    cur.state = RASCS_Disconnected;
    mon_conn_compare(&cur, &prev, 1000);
    CHECK(!cur.lights.cd);
}

/* ---- leak-free refreshes ----------------------------------------------- */

/* One refresh as rasmon does it: a sample, compared with the last one,
 * printed both ways. */
static DWORD
refresh(struct mon_sample **prev, struct mon_trend *t, FILE *sink, uint64_t seq)
{
    struct mon_sample *cur = NULL;
    DWORD rc = mon_sample_take(&cur);
    if (rc)
        return rc;
    mon_compare(cur, *prev);
    mon_trend_add(t, cur);
    struct mon_render r = { .seq = seq, .interval_ms = 1 };
    mon_render_text(sink, &r, cur, t);
    mon_render_json(sink, &r, cur);
    mon_sample_free(*prev);
    *prev = cur;
    return 0;
}

/* A connection up, and where refreshes print (the caller closes it). */
static FILE *
dial_with_sink(const char *entry, HRASCONN *h)
{
    REQUIRE_EQ(rmf_dial(entry, "555", 0, NULL, h), 0);
    FILE *sink = fopen("/dev/null", "we");
    REQUIRE(sink);
    return sink;
}

/* 300 refreshes with a connection up: this process's allocations and
 * descriptors, and rasmand's, the same after the last as after the
 * first. */
static void
t_refreshes_leak_nothing(void)
{
    HRASCONN h = NULL;
    FILE *sink = dial_with_sink("Soak", &h);
    struct mon_sample *prev = NULL;
    struct mon_trend t = { .have = false };
    REQUIRE_EQ(refresh(&prev, &t, sink, 1), 0);
    long allocs = ras_alloc_live();
    int fds = th_open_fds();
    struct ipc_debug d0, d1;
    REQUIRE(rmf_debug(&d0));
    for (uint64_t i = 2; i <= 300; i++)
        REQUIRE_EQ(refresh(&prev, &t, sink, i), 0);
    CHECK_EQ(ras_alloc_live(), allocs);
    CHECK_EQ(th_open_fds(), fds);
    REQUIRE(rmf_debug(&d1));
    CHECK_EQ(d1.allocs, d0.allocs);
    CHECK_EQ(d1.fds, d0.fds);
    CHECK_EQ(prev->count, 1);
    CHECK_EQ(t.low.fds, t.high.fds);
    mon_sample_free(prev);
    fclose(sink);
    hang_up(h);
}

/* ---- fault group ------------------------------------------------------- */

static uint32_t
sample_once(void *ctx)
{
    FILE *sink = ctx;
    struct mon_sample *prev = NULL;
    struct mon_trend t = { .have = false };
    DWORD rc = refresh(&prev, &t, sink, 1);
    mon_sample_free(prev);
    return rc;
}

/* Every allocation of a sample (rasmon's and libras's) failed in turn:
 * 8 each time and nothing left behind. */
static void
t_sample_fault_sweep(void)
{
    HRASCONN h = NULL;
    FILE *sink = dial_with_sink("Faults", &h);
    CHECK(th_fault_sweep("rasmon sample", sample_once, sink, ERROR_NOT_ENOUGH_MEMORY, NULL) >
          3);
    fclose(sink);
    hang_up(h);
}

/* rasmand's counters when the cases start, and back there at the end:
 * every connection the cases dialed is gone and it leaked nothing. */
static struct ipc_debug base;

static void
t_record_base(void)
{
    REQUIRE(rmf_base(&base));
}

static void
t_rasmand_settled(void)
{
    CHECK(rmf_settled(&base, 10000));
}

static const struct rmf_case integration_cases[] = {
    RMF_CASE(t_record_base),
    RMF_CASE(t_usage_errors),
    RMF_CASE(t_no_rasmand),
    RMF_CASE(t_daemon_info),
    RMF_CASE(t_daemon_refused_text),
    RMF_CASE(t_json_during_transfer),
    RMF_CASE(t_carrier_drop_darkens_cd),
    RMF_CASE(t_tty_gets_colour),
    RMF_CASE(t_json_escapes_names),
    RMF_CASE(t_lights_and_rates),
    RMF_CASE(t_refreshes_leak_nothing),
    RMF_CASE(t_rasmand_settled),
    { NULL, NULL },
};

static const struct rmf_case fault_cases[] = {
    RMF_CASE(t_record_base),
    RMF_CASE(t_sample_fault_sweep),
    RMF_CASE(t_rasmand_settled),
    { NULL, NULL },
};

int
main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[3], "integration") && strcmp(argv[3], "fault"))) {
        fprintf(stderr, "usage: %s RASMAND RASMON integration|fault\n", argv[0]);
        return 99;
    }
    rasmon = argv[2];
    return rmf_main(&rmf, argc, argv, false, rmf_cleanup,
                    strcmp(argv[3], "fault") ? integration_cases : fault_cases);
}
