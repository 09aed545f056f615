/* Dialing through libras and rasmand on the loopback port: the blocking
 * RasDial and each notifier type, the exact RASCS_* sequence, projection,
 * statistics, hang-up from everywhere (another process, inside a notifier,
 * in every state), a dialing client killed, garbage and flooding clients,
 * forged handles, and rasmand back to its starting allocations and fds
 * after each test. argv[1]: the rasmand binary. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <poll.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "clock.h"
#include "fixture.h"
#include "harness.h"
#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"
#include "lib/structsize.h"

static struct rmf rmf;
static struct ipc_debug base;

static const RASCONNSTATE full_sequence[] = {
    RASCS_OpenPort, RASCS_PortOpened, RASCS_ConnectDevice, RASCS_DeviceConnected,
    RASCS_AllDevicesConnected, RASCS_Authenticate, RASCS_Authenticated, RASCS_Projected,
    RASCS_Connected,
};
#define NSEQ (sizeof(full_sequence) / sizeof(full_sequence[0]))

/* ---- what the notifiers saw -------------------------------------------- */

#define MAX_SEEN 64
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static struct {
    int n;
    RASCONNSTATE st[MAX_SEEN];
    DWORD err[MAX_SEEN];
    HRASCONN h[MAX_SEEN];
    UINT msg[MAX_SEEN];
    ULONG_PTR cbid;
    DWORD sub;
    pthread_t thread;
    int threads;                  /* distinct notifier threads seen */
    int hangup_at;                /* RasHangUp from inside at this state */
    DWORD hangup_rc;
    DWORD func2_ret;              /* what RasDialFunc2 returns */
} seen;

static void
seen_reset(void)
{
    pthread_mutex_lock(&mu);
    memset(&seen, 0, sizeof(seen));
    seen.hangup_at = -1;
    seen.func2_ret = 1;
    pthread_mutex_unlock(&mu);
}

static void
record(HRASCONN h, UINT msg, RASCONNSTATE st, DWORD err)
{
    pthread_mutex_lock(&mu);
    if (seen.n < MAX_SEEN) {
        if (seen.n == 0 || !pthread_equal(seen.thread, pthread_self()))
            seen.threads++;
        seen.thread = pthread_self();
        seen.st[seen.n] = st;
        seen.err[seen.n] = err;
        seen.h[seen.n] = h;
        seen.msg[seen.n] = msg;
        seen.n++;
    }
    bool hang = (int)st == seen.hangup_at && err == 0;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    if (hang) {
        DWORD rc = RasHangUpA(h);
        pthread_mutex_lock(&mu);
        seen.hangup_rc = rc;
        pthread_mutex_unlock(&mu);
    }
}

static VOID WINAPI
func0(UINT msg, RASCONNSTATE st, DWORD err)
{
    record(NULL, msg, st, err);
}

static VOID WINAPI
func1(HRASCONN h, UINT msg, RASCONNSTATE st, DWORD err, DWORD exterr)
{
    (void)exterr;
    record(h, msg, st, err);
}

static DWORD WINAPI
func2(ULONG_PTR cbid, DWORD sub, HRASCONN h, UINT msg, RASCONNSTATE st, DWORD err,
      DWORD exterr)
{
    (void)exterr;
    pthread_mutex_lock(&mu);
    seen.cbid = cbid;
    seen.sub = sub;
    DWORD ret = seen.func2_ret;
    pthread_mutex_unlock(&mu);
    record(h, msg, st, err);
    return ret;
}

/* Waits until the notifier reported Connected or an error (true), or
 * timeout_ms passed (false). */
static bool
wait_final(int timeout_ms)
{
    struct timespec until = clock_deadline_realtime(timeout_ms);
    pthread_mutex_lock(&mu);
    while (!(seen.n && (seen.err[seen.n - 1] || seen.st[seen.n - 1] == RASCS_Connected))) {
        if (pthread_cond_timedwait(&cv, &mu, &until) == ETIMEDOUT)
            break;
    }
    bool done = seen.n && (seen.err[seen.n - 1] || seen.st[seen.n - 1] == RASCS_Connected);
    pthread_mutex_unlock(&mu);
    return done;
}

static void
check_full_sequence(void)
{
    CHECK_EQ(seen.n, NSEQ);
    for (int i = 0; i < seen.n && i < (int)NSEQ; i++) {
        CHECK_EQ(seen.st[i], full_sequence[i]);
        CHECK_EQ(seen.err[i], 0);
        CHECK_EQ(seen.msg[i], WM_RASDIALEVENT);
    }
    CHECK_EQ(seen.threads, 1);
    CHECK(!pthread_equal(seen.thread, pthread_self()));
}

static void
hang_up_and_settle(HRASCONN h)
{
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 3000));
    CHECK_EQ(RasHangUpA(h), ERROR_INVALID_HANDLE);
    CHECK(rmf_settled(&base, 3000));
}

static void
start_test(void)
{
    seen_reset();
    REQUIRE(rmf_base(&base));
}

/* ---- tests ------------------------------------------------------------- */

static void
t_sync_dial_projection_stats(void)
{
    start_test();
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Loopback", "555-0100", 0, NULL, &h), 0);
    REQUIRE(h != NULL);

    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    REQUIRE_EQ(RasGetConnectStatusA(h, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Connected);
    CHECK_EQ(s.dwError, 0);
    CHECK_STR(s.szDeviceType, "modem");
    CHECK_STR(s.szDeviceName, "loopback");
    CHECK_STR(s.szPhoneNumber, "555-0100");

    RASPPPIPA ip = { .dwSize = sizeof(ip) };
    DWORD cb = sizeof(ip);
    REQUIRE_EQ(RasGetProjectionInfoA(h, RASP_PppIp, &ip, &cb), 0);
    CHECK_EQ(ip.dwError, 0);
    CHECK(strncmp(ip.szIpAddress, "10.64.0.", 8) == 0);
    int last = atoi(ip.szIpAddress + 8);
    CHECK(last >= 10 && last < 74);
    CHECK_STR(ip.szServerIpAddress, "10.64.0.1");

    struct ipc_projection p;
    REQUIRE(rmf_projection(h, &p));
    CHECK_EQ(p.dns1, 0x0a400001);
    CHECK_EQ(p.dns2, 0x0a400002);

    RASPPPLCPA lcp = { .dwSize = sizeof(lcp) };
    cb = sizeof(lcp);
    REQUIRE_EQ(RasGetProjectionInfoA(h, RASP_PppLcp, &lcp, &cb), 0);
    CHECK_EQ(lcp.dwError, 0);
    CHECK(lcp.dwAuthenticationProtocol == RASLCPAP_CHAP ||
          lcp.dwAuthenticationProtocol == RASLCPAP_PAP);
    RASPPPIPV6 v6 = { .dwSize = sizeof(v6) };
    cb = sizeof(v6);
    CHECK_EQ(RasGetProjectionInfoA(h, RASP_PppIpv6, &v6, &cb), ERROR_PROTOCOL_NOT_CONFIGURED);
    CHECK_EQ(RasGetProjectionInfoA(h, RASP_PppIpx, &v6, &cb), ERROR_PROTOCOL_NOT_CONFIGURED);
    /* sizing: too small names the size needed */
    cb = 10;
    CHECK_EQ(RasGetProjectionInfoA(h, RASP_PppIp, &ip, &cb), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(ip));
    ip.dwSize = 41;
    cb = sizeof(ip);
    CHECK_EQ(RasGetProjectionInfoA(h, RASP_PppIp, &ip, &cb), ERROR_INVALID_SIZE);

    /* Windows 7's one-record form agrees with the per-protocol one */
    RAS_PROJECTION_INFO ex;
    memset(&ex, 0, sizeof(ex));
    ex.version = RASAPIVERSION_CURRENT;
    cb = 8;
    CHECK_EQ(RasGetProjectionInfoEx(h, &ex, &cb), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(ex));
    CHECK_EQ(RasGetProjectionInfoEx(h, &ex, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetProjectionInfoEx((HRASCONN)(intptr_t)0x1234, &ex, &cb), ERROR_INVALID_HANDLE);
    REQUIRE_EQ(RasGetProjectionInfoEx(h, &ex, &cb), 0);
    CHECK_EQ(ex.type, PROJECTION_INFO_TYPE_PPP);
    CHECK_EQ(ex.ppp.dwIPv4NegotiationError, 0);
    CHECK_EQ(ntohl(ex.ppp.ipv4ServerAddress.s_addr), 0x0a400001);
    CHECK_EQ(ntohl(ex.ppp.ipv4Address.s_addr), p.local_ip);
    CHECK_EQ(ex.ppp.dwAuthenticationProtocol, lcp.dwAuthenticationProtocol);
    CHECK_EQ(ex.ppp.dwIPv6NegotiationError, ERROR_PROTOCOL_NOT_CONFIGURED);
    ex.version = RASAPIVERSION_500;
    CHECK_EQ(RasGetProjectionInfoEx(h, &ex, &cb), ERROR_INVALID_PARAMETER);

    RAS_STATS st = { .dwSize = sizeof(st) };
    REQUIRE_EQ(RasGetConnectionStatistics(h, &st), 0);
    CHECK(st.dwBytesXmited > 0);
    CHECK(st.dwBytesRcved > 0);
    CHECK(st.dwFramesXmited > 0);
    CHECK(st.dwFramesRcved > 0);
    CHECK_EQ(st.dwCrcErr, 0);
    CHECK_EQ(st.dwBps, 115200);
    rmf_sleep_ms(20);
    RAS_STATS st2 = { .dwSize = sizeof(st2) };
    REQUIRE_EQ(RasGetConnectionStatistics(h, &st2), 0);
    CHECK(st2.dwConnectDuration >= 20);
    REQUIRE_EQ(RasClearConnectionStatistics(h), 0);
    REQUIRE_EQ(RasGetConnectionStatistics(h, &st2), 0);
    CHECK_EQ(st2.dwBytesXmited, 0);
    CHECK_EQ(st2.dwFramesRcved, 0);
    st2.dwSize = 59;
    CHECK_EQ(RasGetConnectionStatistics(h, &st2), E_INVALIDARG);
    CHECK_EQ(RasGetConnectionStatistics(NULL, &st2), E_INVALIDARG);
    CHECK_EQ(RasClearConnectionStatistics(NULL), E_INVALIDARG);

    hang_up_and_settle(h);
    CHECK_EQ(RasGetConnectionStatistics(h, &st), ERROR_INVALID_HANDLE);
    cb = sizeof(ip);
    ip.dwSize = sizeof(ip);
    CHECK_EQ(RasGetProjectionInfoA(h, RASP_PppIp, &ip, &cb), ERROR_INVALID_HANDLE);
}

/* The data path: a tun interface with the negotiated addresses; a ping
 * from it reaches the simulated ISP and back, and the statistics count
 * it; the interface goes with the hang-up. Without root there is no
 * interface, and the dial fails in Projected saying so (716), rather than
 * report a connection with no network. */
static void
t_data_path(void)
{
    start_test();
    HRASCONN h = NULL;
    struct ipc_projection p;
    if (geteuid() != 0 || access("/dev/net/tun", R_OK | W_OK) != 0) {
        CHECK_EQ(rmf_dial("Data", "555", 0, NULL, &h), ERROR_IP_CONFIGURATION);
        REQUIRE(h);
        REQUIRE(rmf_projection(h, &p));
        CHECK(p.net_error != 0);
        CHECK_STR(p.ifname, "");
        hang_up_and_settle(h);
        return;
    }
    REQUIRE_EQ(rmf_dial("Data", "555", 0, NULL, &h), 0);
    REQUIRE(rmf_projection(h, &p));
    REQUIRE_EQ(p.net_error, 0);
    CHECK(strncmp(p.ifname, "ras", 3) == 0);
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "ip -4 addr show dev %s | grep -q \"inet 10.64.0.%u peer 10.64.0.1/32\"",
             p.ifname, p.local_ip & 255);
    CHECK_EQ(rmf_netns_run(&rmf, cmd), 0);
    RAS_STATS before = { .dwSize = sizeof(before) }, after = { .dwSize = sizeof(after) };
    REQUIRE_EQ(RasGetConnectionStatistics(h, &before), 0);
    CHECK_EQ(rmf_netns_run(&rmf, "ping -c 3 -i 0.2 -W 2 -s 100 10.64.0.1"), 0);
    REQUIRE_EQ(RasGetConnectionStatistics(h, &after), 0);
    /* three echo requests out, three replies in, 128-byte IP packets */
    CHECK(after.dwFramesXmited - before.dwFramesXmited >= 3);
    CHECK(after.dwFramesRcved - before.dwFramesRcved >= 3);
    CHECK(after.dwBytesXmited - before.dwBytesXmited >= 3 * 128);
    CHECK(after.dwBytesRcved - before.dwBytesRcved >= 3 * 128);
    hang_up_and_settle(h);
    snprintf(cmd, sizeof(cmd), "ip link show dev %s", p.ifname);
    CHECK(rmf_netns_run(&rmf, cmd) != 0);
}

static void
async_dial_sees_every_state(DWORD type, void *fn)
{
    start_test();
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Loopback", "555-0100", type, fn, &h), 0);
    REQUIRE(h != NULL);
    REQUIRE(wait_final(5000));
    check_full_sequence();
    if (type != 0)
        for (int i = 0; i < seen.n; i++)
            CHECK(seen.h[i] == h);
    if (type == 2) {
        CHECK_EQ(seen.cbid, 0x5eed);
        CHECK_EQ(seen.sub, 1);
    }
    hang_up_and_settle(h);
}

static void t_notifier_type0(void) { async_dial_sees_every_state(0, (void *)func0); }
static void t_notifier_type1(void) { async_dial_sees_every_state(1, (void *)func1); }
static void t_notifier_type2(void) { async_dial_sees_every_state(2, (void *)func2); }

/* RasDialFunc2 returning 0 stops the notifications, not the dial. */
static void
t_notifier2_returning_zero_stops(void)
{
    start_test();
    seen.func2_ret = 0;
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Loopback", "555-0100", 2, (void *)func2, &h), 0);
    REQUIRE(rmf_wait_state(h, RASCS_Connected, 5000));
    rmf_sleep_ms(20);
    pthread_mutex_lock(&mu);
    CHECK_EQ(seen.n, 1);
    CHECK_EQ(seen.st[0], RASCS_OpenPort);
    pthread_mutex_unlock(&mu);
    hang_up_and_settle(h);
}

/* The simulated modem's results: the error, the state the notifier saw it
 * in, and the handle that must still be hung up. */
static void
t_modem_results(void)
{
    static const struct { const char *phone; DWORD err; } cases[] = {
        { "555/busy", ERROR_LINE_BUSY }, { "555/noanswer", ERROR_NO_ANSWER },
        { "555/nocarrier", ERROR_NO_CARRIER }, { "555/nodialtone", ERROR_NO_DIALTONE },
        { "555/error", ERROR_FROM_DEVICE },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        start_test();
        HRASCONN h = NULL;
        CHECK_EQ(rmf_dial("Loopback", cases[i].phone, 0, NULL, &h), cases[i].err);
        REQUIRE(h != NULL);
        RASCONNSTATUSA s = { .dwSize = sizeof(s) };
        REQUIRE_EQ(RasGetConnectStatusA(h, &s), 0);
        CHECK_EQ(s.rasconnstate, RASCS_ConnectDevice);
        CHECK_EQ(s.dwError, cases[i].err);
        hang_up_and_settle(h);

        seen_reset();
        h = NULL;
        REQUIRE_EQ(rmf_dial("Loopback", cases[i].phone, 1, (void *)func1, &h), 0);
        REQUIRE(wait_final(5000));
        CHECK_EQ(seen.n, 4);
        CHECK_EQ(seen.st[2], RASCS_ConnectDevice);
        CHECK_EQ(seen.err[2], 0);
        CHECK_EQ(seen.st[3], RASCS_ConnectDevice);
        CHECK_EQ(seen.err[3], cases[i].err);
        hang_up_and_settle(h);
    }
}

static void
t_wrong_password(void)
{
    start_test();
    RASENTRYA e;
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    rmf_entry(&e);
    rmf_params(&p, "Loopback", "555");
    snprintf(p.szPassword, sizeof(p.szPassword), "wrong");
    struct ipc_dial_req d;
    ras_dial_req_from_entry(&d, &e, "", "Loopback", "555");
    CHECK_EQ(ras_dial_request(&d, &p, 0, NULL, &h), ERROR_AUTHENTICATION_FAILURE);
    REQUIRE(h != NULL);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    REQUIRE_EQ(RasGetConnectStatusA(h, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Authenticate);
    CHECK_EQ(s.dwError, ERROR_AUTHENTICATION_FAILURE);
    hang_up_and_settle(h);
}

/* RasHangUp from inside the notifier, on entering each state in turn:
 * nothing is reported after it, the connection goes, rasmand is clean.
 * The simulator's latency keeps each state long enough to be there. */
static void
t_hangup_in_every_state(void)
{
    for (size_t i = 0; i + 1 < NSEQ; i++) {
        start_test();
        seen.hangup_at = (int)full_sequence[i];
        HRASCONN h = NULL;
        REQUIRE_EQ(rmf_dial("Loopback", "555/dial=30/latency=10", 1, (void *)func1, &h), 0);
        REQUIRE(rmf_wait_gone(h, 5000));
        rmf_sleep_ms(30);
        pthread_mutex_lock(&mu);
        CHECK_EQ(seen.n, (int)i + 1);
        CHECK_EQ(seen.st[seen.n - 1], full_sequence[i]);
        CHECK_EQ(seen.hangup_rc, 0);
        pthread_mutex_unlock(&mu);
        CHECK_EQ(RasHangUpA(h), ERROR_INVALID_HANDLE);
        CHECK(rmf_settled(&base, 3000));
    }
}

/* A blocking RasDial returns when another thread hangs the dial up. */
struct hangup_arg {
    HRASCONN h;
};

static void *
hangup_when_dialing(void *arg)
{
    struct hangup_arg *a = arg;
    RASCONNA conns[4];
    DWORD cb, n;
    for (int tries = 0; tries < 500; tries++) {
        conns[0].dwSize = sizeof(conns[0]);
        cb = sizeof(conns);
        if (RasEnumConnectionsA(conns, &cb, &n) == 0 && n == 1) {
            a->h = conns[0].hrasconn;
            RasHangUpA(a->h);
            return NULL;
        }
        rmf_sleep_ms(2);
    }
    return NULL;
}

static void
t_hangup_during_sync_dial(void)
{
    start_test();
    struct hangup_arg a = { NULL };
    pthread_t t;
    REQUIRE(pthread_create(&t, NULL, hangup_when_dialing, &a) == 0);
    HRASCONN h = NULL;
    CHECK_EQ(rmf_dial("Loopback", "555/dial=300", 0, NULL, &h), ERROR_USER_DISCONNECTION);
    pthread_join(t, NULL);
    CHECK(h == a.h);
    CHECK(rmf_wait_gone(h, 3000));
    CHECK(rmf_settled(&base, 3000));
}

static void
t_hangup_from_another_process(void)
{
    start_test();
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Loopback", "555", 0, NULL, &h), 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0)
        _exit((int)RasHangUpA(h) == 0 ? 0 : 1);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(rmf_wait_gone(h, 3000));
    CHECK(rmf_settled(&base, 3000));
}

/* The process that dials dies mid-dial: the connection completes in
 * rasmand (it belongs to rasmand), is listed, and hangs up cleanly. */
static void
t_client_killed_while_dialing(void)
{
    start_test();
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        HRASCONN h = NULL;
        rmf_dial("Orphan", "555/dial=200", 0, NULL, &h);
        _exit(3);
    }
    /* kill it while rasmand is in ConnectDevice */
    RASCONNA conns[4];
    DWORD cb, n = 0;
    for (int i = 0; i < 200 && n == 0; i++) {
        conns[0].dwSize = sizeof(conns[0]);
        cb = sizeof(conns);
        REQUIRE_EQ(RasEnumConnectionsA(conns, &cb, &n), 0);
        if (!n)
            rmf_sleep_ms(2);
    }
    REQUIRE_EQ(n, 1);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    HRASCONN h = conns[0].hrasconn;
    CHECK_STR(conns[0].szEntryName, "Orphan");
    CHECK(rmf_wait_state(h, RASCS_Connected, 3000));
    hang_up_and_settle(h);
}

static void
t_garbage_and_flooding_clients(void)
{
    start_test();
    /* garbage: dropped */
    int g = rmf_connect(&rmf);
    REQUIRE(g >= 0);
    REQUIRE(send(g, "GET / HTTP/1.0\r\n\r\n", 18, MSG_NOSIGNAL) == 18);
    CHECK(rmf_dropped(g, 2000));
    close(g);
    /* a valid header with a lying length: dropped */
    g = rmf_connect(&rmf);
    REQUIRE(g >= 0);
    struct ipc_msg *m = malloc(sizeof(*m));
    REQUIRE(m);
    ipc_enc_handle(m, IPC_REQ_STATUS, 1, 1);
    m->buf[12] = 200;
    REQUIRE(send(g, m->buf, m->len, MSG_NOSIGNAL) == (ssize_t)m->len);
    CHECK(rmf_dropped(g, 2000));
    close(g);
    /* flooding: enumerations as fast as the socket takes them, never
     * reading the replies; rasmand drops it at its output ceiling while a
     * dial from another client goes through */
    int f = rmf_connect(&rmf);
    REQUIRE(f >= 0);
    ipc_enc_empty(m, IPC_REQ_ENUM, 2);
    HRASCONN h = NULL;
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        for (int i = 0; i < 200000; i++)
            if (send(f, m->buf, m->len, MSG_NOSIGNAL) < 0)
                break;
        _exit(0);
    }
    CHECK_EQ(rmf_dial("Loopback", "555", 0, NULL, &h), 0);
    waitpid(pid, NULL, 0);
    CHECK(rmf_dropped(f, 5000));
    close(f);
    free(m);
    hang_up_and_settle(h);
}

static void
t_forged_and_stale_handles(void)
{
    start_test();
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    RAS_STATS st = { .dwSize = sizeof(st) };
    CHECK_EQ(RasHangUpA(NULL), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasHangUpA((HRASCONN)(uintptr_t)0x1234), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasGetConnectStatusA((HRASCONN)(uintptr_t)0xdeadbeef, &s), ERROR_INVALID_HANDLE);
    /* a slot that exists, a generation and check field that never were */
    HRASCONN forged = rmf_forge(1, 0xffff, 0x7f);
    CHECK_EQ(RasHangUpA(forged), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasGetConnectStatusA(forged, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasGetConnectionStatistics(forged, &st), ERROR_INVALID_HANDLE);
    HRASCONN outside = (HRASCONN)(uintptr_t)(IPC_HANDLE_MAX + 1);
    CHECK_EQ(RasHangUpA(outside), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasGetConnectStatusA(NULL, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasGetConnectStatusA(forged, NULL), ERROR_INVALID_PARAMETER);
    s.dwSize = 100;
    CHECK_EQ(RasGetConnectStatusA(forged, &s), ERROR_INVALID_SIZE);

    /* before Projected there is no projection */
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Loopback", "555/dial=300", 1, (void *)func1, &h), 0);
    RASPPPIPA ip = { .dwSize = sizeof(ip) };
    DWORD cb = sizeof(ip);
    CHECK_EQ(RasGetProjectionInfoA(h, RASP_PppIp, &ip, &cb), ERROR_PROJECTION_NOT_COMPLETE);
    REQUIRE(wait_final(5000));
    /* a handle whose connection is gone is stale, even though its slot
     * is taken again by the next connection */
    hang_up_and_settle(h);
    seen_reset();
    HRASCONN h2 = NULL;
    REQUIRE_EQ(rmf_dial("Loopback", "555", 0, NULL, &h2), 0);
    CHECK(h2 != h);
    s.dwSize = sizeof(s);
    CHECK_EQ(RasGetConnectStatusA(h, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasHangUpA(h), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasGetConnectStatusA(h2, &s), 0);
    hang_up_and_settle(h2);
}

static void
t_enum_connections_and_sizing(void)
{
    start_test();
    HRASCONN a = NULL, b = NULL;
    REQUIRE_EQ(rmf_dial("First", "555", 0, NULL, &a), 0);
    REQUIRE_EQ(rmf_dial("Second", "556", 0, NULL, &b), 0);
    DWORD cb = 0, n = 0;
    CHECK_EQ(RasEnumConnectionsA(NULL, &cb, &n), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, 2 * sizeof(RASCONNA));
    CHECK_EQ(n, 2);
    RASCONNA c[2];
    c[0].dwSize = sizeof(c[0]);
    cb = sizeof(c[0]);
    CHECK_EQ(RasEnumConnectionsA(c, &cb, &n), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, 2 * sizeof(RASCONNA));
    cb = sizeof(c);
    REQUIRE_EQ(RasEnumConnectionsA(c, &cb, &n), 0);
    REQUIRE_EQ(n, 2);
    bool found_a = false, found_b = false;
    for (int i = 0; i < 2; i++) {
        CHECK_EQ(c[i].dwSize, sizeof(RASCONNA));
        CHECK_STR(c[i].szDeviceName, "loopback");
        CHECK_STR(c[i].szPhonebook, "/tmp/openras-test.pbk");
        CHECK(RASCF_IsOwner(c[i].dwFlags));
        if (c[i].hrasconn == a)
            found_a = strcmp(c[i].szEntryName, "First") == 0;
        if (c[i].hrasconn == b)
            found_b = strcmp(c[i].szEntryName, "Second") == 0;
    }
    CHECK(found_a && found_b);
    /* an NT4-sized caller gets NT4-sized records */
    DWORD v400 = ras_struct_size(RAS_ST_RASCONN, 0x400);
    REQUIRE(v400 > 0 && v400 < sizeof(RASCONNA));
    static unsigned char old[2 * sizeof(RASCONNA)];
    memset(old, 0xAA, sizeof(old));
    ((RASCONNA *)old)->dwSize = v400;
    cb = 2 * v400;
    REQUIRE_EQ(RasEnumConnectionsA((RASCONNA *)old, &cb, &n), 0);
    CHECK_EQ(cb, 2 * v400);
    DWORD second_size;
    memcpy(&second_size, old + v400, sizeof(second_size));
    CHECK_EQ(second_size, v400);
    CHECK_EQ(old[2 * v400], 0xAA);      /* nothing written past the records */
    c[0].dwSize = 13;
    cb = sizeof(c);
    CHECK_EQ(RasEnumConnectionsA(c, &cb, &n), ERROR_INVALID_SIZE);
    CHECK_EQ(RasEnumConnectionsA(c, NULL, &n), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasHangUpA(a), 0);
    CHECK(rmf_wait_gone(a, 3000));
    hang_up_and_settle(b);
    cb = 0;
    CHECK_EQ(RasEnumConnectionsA(NULL, &cb, &n), 0);
    CHECK_EQ(n, 0);
}

/* Windows: dialing a connected entry again adds a reference (one
 * RasHangUp per RasDial); dialing one still dialing is 756. */
static void
t_same_entry_twice(void)
{
    start_test();
    HRASCONN a = NULL, b = NULL, c = NULL;
    REQUIRE_EQ(rmf_dial("Twice", "555/dial=100", 1, (void *)func1, &a), 0);
    CHECK_EQ(rmf_dial("Twice", "555", 0, NULL, &c), ERROR_DIAL_ALREADY_IN_PROGRESS);
    CHECK(c == NULL);
    REQUIRE(wait_final(5000));
    REQUIRE_EQ(rmf_dial("Twice", "555", 0, NULL, &b), 0);
    CHECK(a == b);
    CHECK_EQ(RasHangUpA(a), 0);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    REQUIRE_EQ(RasGetConnectStatusA(a, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Connected);
    hang_up_and_settle(b);
}

static bool
event_fired(int efd, int timeout_ms)
{
    struct pollfd p = { .fd = efd, .events = POLLIN };
    if (poll(&p, 1, timeout_ms) != 1)
        return false;
    uint64_t v;
    return read(efd, &v, sizeof(v)) == sizeof(v) && v >= 1;
}

static void
t_connection_notification(void)
{
    start_test();
    int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    REQUIRE(efd >= 0);
    HANDLE ev = (HANDLE)(intptr_t)efd;
    CHECK_EQ(RasConnectionNotificationA(INVALID_HANDLE_VALUE, ev, 0x1000), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasConnectionNotificationA(INVALID_HANDLE_VALUE, (HANDLE)(intptr_t)-5, 1),
             ERROR_INVALID_HANDLE);
    REQUIRE_EQ(RasConnectionNotificationA(INVALID_HANDLE_VALUE, ev,
                                          RASCN_Connection | RASCN_Disconnection), 0);
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Notified", "555", 0, NULL, &h), 0);
    CHECK(event_fired(efd, 2000));
    CHECK(!event_fired(efd, 20));
    /* and one on this connection only */
    int efd2 = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    REQUIRE(efd2 >= 0);
    REQUIRE_EQ(RasConnectionNotificationA(h, (HANDLE)(intptr_t)efd2, RASCN_Disconnection), 0);
    CHECK_EQ(RasConnectionNotificationA(h, (HANDLE)(intptr_t)efd2, RASCN_Connection),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(event_fired(efd, 2000));
    CHECK(event_fired(efd2, 2000));
    CHECK(rmf_wait_gone(h, 3000));
    REQUIRE_EQ(RasConnectionNotificationA(INVALID_HANDLE_VALUE, ev, 0), 0);
    ras_client_shutdown();
    close(efd);
    close(efd2);
    CHECK(rmf_settled(&base, 3000));
}

/* Another uid sees nothing of ours and cannot hang it up. */
static void
t_other_uid_isolated(void)
{
    if (geteuid() != 0) {
        th_skip("needs root to become another uid");
        return;
    }
    start_test();
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Mine", "555", 0, NULL, &h), 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        if (setgid(65534) != 0 || setuid(65534) != 0)
            _exit(10);
        RASCONNSTATUSA s = { .dwSize = sizeof(s) };
        DWORD cb = 0, n = 99;
        if (RasGetConnectStatusA(h, &s) != ERROR_INVALID_HANDLE)
            _exit(11);
        if (RasHangUpA(h) != ERROR_INVALID_HANDLE)
            _exit(12);
        if (RasEnumConnectionsA(NULL, &cb, &n) != 0 || n != 0)
            _exit(13);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK_EQ(WEXITSTATUS(status), 0);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    CHECK_EQ(RasGetConnectStatusA(h, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Connected);
    hang_up_and_settle(h);
}

/* The simulated carrier drops while connected: 619 in Disconnected, the
 * handle stays until RasHangUp. */
static void
t_carrier_drop(void)
{
    start_test();
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Drop", "555/drop=50", 0, NULL, &h), 0);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    for (int i = 0; i < 500; i++) {
        REQUIRE_EQ(RasGetConnectStatusA(h, &s), 0);
        if (s.rasconnstate == RASCS_Disconnected)
            break;
        rmf_sleep_ms(2);
    }
    CHECK_EQ(s.rasconnstate, RASCS_Disconnected);
    CHECK_EQ(s.dwError, ERROR_PORT_DISCONNECTED);
    hang_up_and_settle(h);
}

/* The carrier lost while PPP is still negotiating (the ISP answers 40 ms
 * late, the line drops 10 ms after CONNECT): the dial fails with the
 * line's error and never reports Connected. */
static void
t_carrier_drop_while_negotiating(void)
{
    start_test();
    HRASCONN h = NULL;
    CHECK_EQ(rmf_dial("Drop early", "555/latency=40/drop=10", 0, NULL, &h),
             ERROR_PORT_DISCONNECTED);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    if (h && RasGetConnectStatusA(h, &s) == 0) {
        CHECK(s.rasconnstate != RASCS_Connected);
        CHECK_EQ(s.dwError, ERROR_PORT_DISCONNECTED);
    }
    if (h)
        hang_up_and_settle(h);
}

/* dwIdleDisconnectSeconds: no IP traffic for that long ends the link with
 * ERROR_IDLE_TIMEOUT; the handle stays until RasHangUp. */
static void
t_idle_disconnect(void)
{
    start_test();
    RASENTRYA e;
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    rmf_entry(&e);
    e.dwIdleDisconnectSeconds = 1;
    rmf_params(&p, "Idle", "555");
    struct ipc_dial_req d;
    ras_dial_req_from_entry(&d, &e, "", "Idle", "555");
    REQUIRE_EQ(ras_dial_request(&d, &p, 0, NULL, &h), 0);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    REQUIRE_EQ(RasGetConnectStatusA(h, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Connected);
    for (int i = 0; i < 300; i++) {
        REQUIRE_EQ(RasGetConnectStatusA(h, &s), 0);
        if (s.rasconnstate != RASCS_Connected)
            break;
        rmf_sleep_ms(10);
    }
    CHECK_EQ(s.rasconnstate, RASCS_Disconnected);
    CHECK_EQ(s.dwError, ERROR_IDLE_TIMEOUT);
    hang_up_and_settle(h);
}

/* An entry with IPv6 runs IPv6CP too: RASP_PppIpv6 gives both interface
 * identifiers. */
static void
t_ipv6_projection(void)
{
    start_test();
    RASENTRYA e;
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    rmf_entry(&e);
    e.dwfNetProtocols = RASNP_Ip | RASNP_Ipv6;
    rmf_params(&p, "Six", "555");
    struct ipc_dial_req d;
    ras_dial_req_from_entry(&d, &e, "", "Six", "555");
    REQUIRE_EQ(ras_dial_request(&d, &p, 0, NULL, &h), 0);
    RASPPPIPV6 v6 = { .dwSize = sizeof(v6) };
    DWORD cb = sizeof(v6);
    REQUIRE_EQ(RasGetProjectionInfoA(h, RASP_PppIpv6, &v6, &cb), 0);
    CHECK_EQ(v6.dwError, 0);
    static const BYTE zero[8];
    CHECK(memcmp(v6.bLocalInterfaceIdentifier, zero, 8) != 0);
    CHECK(memcmp(v6.bPeerInterfaceIdentifier, zero, 8) != 0);
    CHECK(memcmp(v6.bLocalInterfaceIdentifier, v6.bPeerInterfaceIdentifier, 8) != 0);
    hang_up_and_settle(h);
}

/* Programs keep a HRASCONN in a LONG or DWORD (a Harbour RAS wrapper stores
 * (LONG)h): the handle fits in 31 bits and works after the round trip. */
static void
t_handle_kept_in_a_long(void)
{
    start_test();
    HRASCONN h = NULL;
    REQUIRE_EQ(rmf_dial("Loopback", "555", 0, NULL, &h), 0);
    CHECK((uintptr_t)h != 0 && (uintptr_t)h <= 0x7fffffffu);
    LONG l = (LONG)(intptr_t)h;
    DWORD d = (DWORD)(uintptr_t)h;
    CHECK(l > 0);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    CHECK_EQ(RasGetConnectStatusA((HRASCONN)(uintptr_t)d, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Connected);
    s.rasconnstate = 0;
    CHECK_EQ(RasGetConnectStatusA((HRASCONN)(intptr_t)l, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Connected);
    /* its neighbours (made with the live handle's fields) name nothing */
    uint64_t v = (uint64_t)(uintptr_t)h;
    uint32_t idx = ipc_handle_index(v), gen = ipc_handle_gen(v), chk = ipc_handle_check(v);
    HRASCONN near[] = {
        rmf_forge(idx, gen + 1, chk), rmf_forge(idx, gen - 1, chk),
        rmf_forge(idx + 1, gen, chk), rmf_forge(idx - 1, gen, chk),
        rmf_forge(idx, gen, chk ^ 1), (HRASCONN)(uintptr_t)(v | 1ull << 31),
    };
    for (size_t i = 0; i < sizeof(near) / sizeof(near[0]); i++) {
        CHECK_EQ(RasGetConnectStatusA(near[i], &s), ERROR_INVALID_HANDLE);
        CHECK_EQ(RasHangUpA(near[i]), ERROR_INVALID_HANDLE);
    }
    CHECK_EQ(RasGetConnectStatusA(h, &s), 0);
    /* hang up through the LONG: 0, and the link goes */
    CHECK_EQ(RasHangUpA((HRASCONN)(intptr_t)l), 0);
    CHECK(rmf_wait_gone(h, 3000));
    CHECK_EQ(RasHangUpA((HRASCONN)(intptr_t)l), ERROR_INVALID_HANDLE);
    CHECK(rmf_settled(&base, 3000));
}

static const char *rasmand_bin;

/* A handle of the rasmand before a restart is stale in the new one, even
 * with a connection in the same slot. */
static void
t_handle_of_earlier_rasmand_stale(void)
{
    start_test();
    HRASCONN old = NULL, h = NULL;
    REQUIRE_EQ(rmf_dial("Loopback", "555", 0, NULL, &old), 0);
    ras_client_shutdown();
    REQUIRE(rmf_stop(&rmf));
    REQUIRE(rmf_start(&rmf, rasmand_bin));
    REQUIRE(rmf_base(&base));
    REQUIRE_EQ(rmf_dial("Loopback", "555", 0, NULL, &h), 0);
    CHECK_EQ(ipc_handle_index((uintptr_t)h), ipc_handle_index((uintptr_t)old));
    CHECK(h != old);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    CHECK_EQ(RasGetConnectStatusA(old, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasHangUpA(old), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasGetConnectStatusA(h, &s), 0);
    hang_up_and_settle(h);
}

int
main(int argc, char **argv)
{
    static const struct rmf_case cases[] = {
        RMF_CASE(t_sync_dial_projection_stats), RMF_CASE(t_data_path), RMF_CASE(t_notifier_type0),
        RMF_CASE(t_notifier_type1), RMF_CASE(t_notifier_type2),
        RMF_CASE(t_notifier2_returning_zero_stops), RMF_CASE(t_modem_results),
        RMF_CASE(t_wrong_password), RMF_CASE(t_hangup_in_every_state),
        RMF_CASE(t_hangup_during_sync_dial), RMF_CASE(t_hangup_from_another_process),
        RMF_CASE(t_client_killed_while_dialing), RMF_CASE(t_garbage_and_flooding_clients),
        RMF_CASE(t_forged_and_stale_handles), RMF_CASE(t_enum_connections_and_sizing),
        RMF_CASE(t_same_entry_twice), RMF_CASE(t_connection_notification),
        RMF_CASE(t_other_uid_isolated), RMF_CASE(t_carrier_drop),
        RMF_CASE(t_carrier_drop_while_negotiating), RMF_CASE(t_idle_disconnect),
        RMF_CASE(t_ipv6_projection), RMF_CASE(t_handle_kept_in_a_long),
        RMF_CASE(t_handle_of_earlier_rasmand_stale), { NULL, NULL },
    };
    rasmand_bin = argc > 1 ? argv[1] : NULL;
    return rmf_main(&rmf, argc, argv, false, ras_client_shutdown, cases);
}
