/* A modem entry dialed through RasDial and a private rasmand, on
 * ras-modem-sim's pty: rasmand picks the modem port for a /dev/ device,
 * reports the modem's result as the RAS error, redials from the entry's
 * count, sees the carrier drop, and releases the port and its lock on
 * hang-up. Each outcome is dialed twice: blocking, and with a RasDialFunc1
 * notifier whose every (state, error) is checked against the sequence
 * rasmand's conn.c emits. Most calls have no ISP behind the simulator and
 * go no further than PPP's first packets; the whole calls bridge it to a
 * PPP server in a child process. argv[1] is rasmand, argv[2] the
 * simulator. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "openras.h"
#include "ras.h"
#include "raserror.h"

#include "clock.h"
#include "fixture.h"
#include "harness.h"
#include "isp.h"
#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"
#include "sim.h"

static struct rmf rmf;
static struct ipc_debug base;

/* ---- what the notifier saw --------------------------------------------- */

#define MAX_SEEN 32
static pthread_mutex_t seen_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t seen_cv = PTHREAD_COND_INITIALIZER;
static struct {
    int n;
    RASCONNSTATE st[MAX_SEEN];
    DWORD err[MAX_SEEN];
    uint64_t at_ms[MAX_SEEN];
    HRASCONN h[MAX_SEEN];
    UINT msg[MAX_SEEN];
} seen;

static void
seen_reset(void)
{
    pthread_mutex_lock(&seen_mu);
    memset(&seen, 0, sizeof(seen));
    pthread_mutex_unlock(&seen_mu);
}

static VOID WINAPI
on_state(HRASCONN h, UINT msg, RASCONNSTATE st, DWORD err, DWORD exterr)
{
    (void)exterr;
    pthread_mutex_lock(&seen_mu);
    if (seen.n < MAX_SEEN) {
        seen.st[seen.n] = st;
        seen.err[seen.n] = err;
        seen.at_ms[seen.n] = clock_now_ms();
        seen.h[seen.n] = h;
        seen.msg[seen.n] = msg;
        seen.n++;
    }
    pthread_cond_broadcast(&seen_cv);
    pthread_mutex_unlock(&seen_mu);
}

static bool
seen_final_locked(void)
{
    return seen.n && (seen.err[seen.n - 1] || seen.st[seen.n - 1] == RASCS_Connected);
}

/* Waits until the notifier was told of an error or of Connected. */
static bool
seen_wait_final(int timeout_ms)
{
    struct timespec until = clock_deadline_realtime(timeout_ms);
    pthread_mutex_lock(&seen_mu);
    while (!seen_final_locked() && pthread_cond_timedwait(&seen_cv, &seen_mu, &until) == 0)
        ;
    bool done = seen_final_locked();
    pthread_mutex_unlock(&seen_mu);
    return done;
}

/* What rasmand's conn.c reports on the way up: each state as it is
 * entered, with error 0. */
static const RASCONNSTATE up_sequence[] = {
    RASCS_OpenPort, RASCS_PortOpened, RASCS_ConnectDevice, RASCS_DeviceConnected,
    RASCS_AllDevicesConnected, RASCS_Authenticate, RASCS_Authenticated, RASCS_Projected,
    RASCS_Connected,
};
#define N_UP (sizeof(up_sequence) / sizeof(up_sequence[0]))

/* st's place in up_sequence (the RASCS_ values have gaps). */
static int
up_index(RASCONNSTATE st)
{
    for (size_t i = 0; i < N_UP; i++)
        if (up_sequence[i] == st)
            return (int)i;
    return -1;
}

/* How many of up_sequence's first states lead to st, st included. */
static size_t
up_to(RASCONNSTATE st)
{
    return (size_t)up_index(st) + 1;
}

/* The notifier saw up_sequence's first n states with error 0, then (if
 * err) the last of them again with err, all for h and nothing else. */
static void
check_seen(HRASCONN h, size_t n, DWORD err)
{
    pthread_mutex_lock(&seen_mu);
    int want = (int)n + (err ? 1 : 0);
    CHECK_EQ(seen.n, want);
    for (int i = 0; i < seen.n && i < want; i++) {
        RASCONNSTATE st = up_sequence[(size_t)i < n ? (size_t)i : n - 1];
        DWORD e = i == (int)n ? err : 0;
        if (seen.st[i] != st || seen.err[i] != e)
            th_fail(__FILE__, __LINE__, "notification %d: (%d, %u), expected (%d, %u)", i,
                    (int)seen.st[i], seen.err[i], (int)st, e);
        CHECK(seen.h[i] == h);
        CHECK_EQ(seen.msg[i], WM_RASDIALEVENT);
    }
    pthread_mutex_unlock(&seen_mu);
}

/* ms between the notifier's i-th and j-th notifications (indices, not
 * states: up_index gives a state's place on the way up). */
static long
seen_gap_ms(int i, int j)
{
    pthread_mutex_lock(&seen_mu);
    long gap = i < seen.n && j < seen.n ? (long)(seen.at_ms[j] - seen.at_ms[i]) : -1;
    pthread_mutex_unlock(&seen_mu);
    return gap;
}

/* ---- dialing ----------------------------------------------------------- */

/* Dials the simulator's pty, blocking or (notify) with on_state as a
 * RasDialFunc1 notifier; *h gets the handle (to hang up) if any. */
static const char *init_cmds = "";   /* the entry's modem init commands */
static const char *apn = "", *sim_pin = "";   /* a cellular entry's APN, the saved PIN */

static DWORD
dial(const struct sim *s, const char *phone, DWORD redials, DWORD pause_s, bool notify,
     HRASCONN *h)
{
    char real[PATH_MAX];
    RASENTRYA e;
    if (!realpath(s->link, real) || strlen(real) >= sizeof(e.szDeviceName))
        return ~0u;
    rmf_entry(&e);
    memcpy(e.szDeviceName, real, strlen(real) + 1);
    e.dwRedialCount = redials;
    e.dwRedialPause = pause_s;
    RASDIALPARAMSA p;
    rmf_params(&p, "Modem", phone);
    *h = NULL;
    if (notify)
        seen_reset();
    struct ipc_dial_req d;
    ras_dial_req_from_entry(&d, &e, "/tmp/openras-test.pbk", "Modem", phone);
    snprintf(d.init_cmds, sizeof(d.init_cmds), "%s", init_cmds);
    snprintf(d.apn, sizeof(d.apn), "%s", apn);
    snprintf(d.sim_pin, sizeof(d.sim_pin), "%s", sim_pin);
    return ras_dial_request(&d, &p, 1, notify ? (void *)on_state : NULL, h);
}

static RASCONNSTATE
state_of(HRASCONN h, DWORD *err)
{
    RASCONNSTATUSA st = { .dwSize = sizeof(st) };
    if (RasGetConnectStatusA(h, &st) != 0)
        return (RASCONNSTATE)-1;
    *err = st.dwError;
    return st.rasconnstate;
}

static void
hang_up(HRASCONN h)
{
    if (!h)
        return;
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 5000));
    CHECK(rmf_settled(&base, 5000));
    CHECK(rmf_no_locks(&rmf));
}

/* A failed dial's notifications: the port opened and the dial started,
 * then ConnectDevice again with the modem's result as the error. */
static void
check_failed_dial(HRASCONN h, DWORD err)
{
    CHECK(seen_wait_final(5000));
    check_seen(h, up_to(RASCS_ConnectDevice), err);
}

static void
t_results(void)
{
    static const char *const args[] = {
        "--script=1=busy", "--script=2=noanswer", "--script=3=nocarrier",
        "--script=4=nodialtone", "--script=5=error", NULL,
    };
    static const struct { const char *phone; DWORD err; } c[] = {
        { "1", ERROR_LINE_BUSY }, { "2", ERROR_NO_ANSWER }, { "3", ERROR_NO_CARRIER },
        { "4", ERROR_NO_DIALTONE }, { "5", ERROR_FROM_DEVICE },
    };
    struct sim s;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, rmf.sim_exe, args));
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        HRASCONN h;
        CHECK_EQ(dial(&s, c[i].phone, 0, 0, false, &h), c[i].err);
        DWORD err = 0;
        CHECK_EQ(state_of(h, &err), RASCS_ConnectDevice);
        CHECK_EQ(err, c[i].err);
        hang_up(h);
        /* the same outcome through the notifier */
        CHECK_EQ(dial(&s, c[i].phone, 0, 0, true, &h), 0);
        check_failed_dial(h, c[i].err);
        err = 0;
        CHECK_EQ(state_of(h, &err), RASCS_ConnectDevice);
        CHECK_EQ(err, c[i].err);
        hang_up(h);
    }
    sim_stop(&s);
}

static void
t_carrier_drop(void)
{
    static const char *const args[] = { "--script=1=drop=1", NULL };
    struct sim s;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, rmf.sim_exe, args));
    HRASCONN h;
    CHECK_EQ(dial(&s, "1", 0, 0, true, &h), 0);
    /* no ISP: PPP is still trying LCP when the carrier goes */
    CHECK(seen_wait_final(5000));
    check_seen(h, up_to(RASCS_Authenticate), ERROR_PORT_DISCONNECTED);
    DWORD err = 0;
    CHECK_EQ(state_of(h, &err), RASCS_Authenticate);
    CHECK_EQ(err, ERROR_PORT_DISCONNECTED);
    hang_up(h);
    sim_stop(&s);
}

/* ---- whole calls: an ISP behind the simulator -------------------------- */

#define ISP_IP   0x0a4d0001u      /* 10.77.0.1 */
#define PEER_IP  0x0a4d0002u

static const struct isp_config isp_config = {
    .hostname = "modem-test-isp", .local_ip = ISP_IP, .peer_ip = PEER_IP,
};

/* true if the ISP served that many sessions and every one could be
 * served: the simulator's hang-up closes the bridge, which ends each. */
static bool
isp_done(struct isp *isp, int sessions)
{
    bool all = true;
    for (int i = 0; i < sessions; i++)
        all &= isp_next_report(isp, 3000) >= 0;
    return isp_stop(isp) && all;
}

/* The simulator bridged to a fresh ISP. */
static bool
start_with_isp(struct sim *s, struct isp *isp, const char *script)
{
    if (!isp_start(isp, &isp_config)) {
        isp_stop(isp);
        return false;
    }
    const char *const args[] = { isp->bridge, script, NULL };
    if (!sim_start(s, rmf.sim_exe, args)) {
        isp_stop(isp);
        return false;
    }
    return true;
}

static void
check_projection(HRASCONN h)
{
    struct ipc_projection pr;
    if (h && rmf_projection(h, &pr)) {
        CHECK_EQ(pr.local_ip, PEER_IP);
        CHECK_EQ(pr.peer_ip, ISP_IP);
    } else {
        CHECK(!"projection");
    }
}

static void
t_whole_call(void)
{
    struct sim s;
    struct isp isp;
    REQUIRE(rmf_base(&base));
    REQUIRE(start_with_isp(&s, &isp, NULL));
    HRASCONN h;
    uint64_t t0 = clock_now_ms();
    CHECK_EQ(dial(&s, "1", 0, 0, false, &h), 0);
    printf("# RasDial over the simulated modem to Connected: %llu ms\n",
           (unsigned long long)(clock_now_ms() - t0));
    DWORD err = 0;
    CHECK_EQ(state_of(h, &err), RASCS_Connected);
    check_projection(h);
    CHECK(!rmf_no_locks(&rmf));
    hang_up(h);
    /* the same call through the notifier: every state on the way up */
    CHECK_EQ(dial(&s, "1", 0, 0, true, &h), 0);
    CHECK(seen_wait_final(10000));
    check_seen(h, up_to(RASCS_Connected), 0);
    CHECK_EQ(state_of(h, &err), RASCS_Connected);
    check_projection(h);
    hang_up(h);
    sim_stop(&s);
    CHECK(isp_done(&isp, 2));
}

/* busy, busy, then the ISP answers: two redials, a second apart. */
#define REDIAL_SCRIPT "--script=42=busy,busy,connect"
#define REDIAL_PAUSE_S 1

static void
t_redial_connects(void)
{
    struct sim s;
    struct isp isp;
    REQUIRE(rmf_base(&base));
    REQUIRE(start_with_isp(&s, &isp, REDIAL_SCRIPT));
    HRASCONN h;
    CHECK_EQ(dial(&s, "42", 2, REDIAL_PAUSE_S, true, &h), 0);
    CHECK(seen_wait_final(15000));
    /* redials happen inside the modem port: the notifier sees one
     * ConnectDevice that lasts both pauses, then the call going up */
    check_seen(h, up_to(RASCS_Connected), 0);
    long gap = seen_gap_ms(up_index(RASCS_ConnectDevice), up_index(RASCS_DeviceConnected));
    printf("# ConnectDevice to DeviceConnected over two redials: %ld ms\n", gap);
    CHECK(gap >= 2 * REDIAL_PAUSE_S * 1000 - 10);
    DWORD err = 0;
    CHECK_EQ(state_of(h, &err), RASCS_Connected);
    CHECK(!rmf_no_locks(&rmf));           /* the port is held while the call is up */
    hang_up(h);
    sim_stop(&s);
    CHECK(isp_done(&isp, 1));
}

static void
t_redial_exhausted(void)
{
    static const char *const args[] = { REDIAL_SCRIPT, NULL };
    struct sim s;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, rmf.sim_exe, args));
    HRASCONN h;
    CHECK_EQ(dial(&s, "42", 1, REDIAL_PAUSE_S, true, &h), 0);
    check_failed_dial(h, ERROR_LINE_BUSY);
    int dialing = up_index(RASCS_ConnectDevice);
    long gap = seen_gap_ms(dialing, dialing + 1);
    printf("# ConnectDevice to busy over one redial: %ld ms\n", gap);
    CHECK(gap >= REDIAL_PAUSE_S * 1000 - 10);
    hang_up(h);
    /* blocking: the script's next outcome is the connect, so this one is
     * dialed on a fresh number with the same script */
    sim_stop(&s);
    static const char *const again[] = { "--script=43=busy,busy,connect", NULL };
    REQUIRE(sim_start(&s, rmf.sim_exe, again));
    CHECK_EQ(dial(&s, "43", 1, 0, false, &h), ERROR_LINE_BUSY);
    DWORD err = 0;
    CHECK_EQ(state_of(h, &err), RASCS_ConnectDevice);
    CHECK_EQ(err, ERROR_LINE_BUSY);
    hang_up(h);
    sim_stop(&s);
}

/* The entry's init commands reach the modem through rasmand: one the
 * modem refuses fails the dial with 651; answered, the call goes on; too
 * many fail it with 87 when the port opens. */
static void
t_init_commands(void)
{
    static const char *const args[] = {
        "--init-reply=AT+BAR=error", "--init-reply=AT+FOO=ok", "--script=5=busy", NULL,
    };
    struct sim s;
    HRASCONN h;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, rmf.sim_exe, args));
    init_cmds = "ATM0\nAT+BAR";
    CHECK_EQ(dial(&s, "5", 0, 0, false, &h), ERROR_FROM_DEVICE);
    hang_up(h);
    /* past the commands, the dial itself: the script's busy */
    init_cmds = "ATM0\nAT+FOO";
    CHECK_EQ(dial(&s, "5", 0, 0, false, &h), ERROR_LINE_BUSY);
    hang_up(h);
    init_cmds = "ATM0\nATM0\nATM0\nATM0\nATM0\nATM0\nATM0\nATM0\nATM0";
    CHECK_EQ(dial(&s, "5", 0, 0, false, &h), ERROR_INVALID_PARAMETER);
    hang_up(h);
    init_cmds = "";
    sim_stop(&s);
}

/* Issue 11 item 2 through rasmand: a cellular entry (APN, the PIN from the
 * dial request as libras fills it from the credentials file, *99#) goes
 * up over the simulated module to an ISP, and the link shows AT+CSQ's
 * figure (OpenRasGetLinkInfo, which rasdial --status prints); a wrong PIN
 * fails the dial with 691. */
static void
t_cellular_entry(void)
{
    struct sim s;
    struct isp isp;
    REQUIRE(rmf_base(&base));
    REQUIRE(isp_start(&isp, &isp_config));
    const char *const args[] = { isp.bridge, "--sim=pin=1234", "--apn=internet", "--csq=23",
                                 NULL };
    if (!sim_start(&s, rmf.sim_exe, args)) {
        isp_stop(&isp);
        REQUIRE(!"simulator");
    }
    HRASCONN h;
    apn = "internet";
    sim_pin = "4321";
    CHECK_EQ(dial(&s, "*99#", 0, 0, false, &h), ERROR_AUTHENTICATION_FAILURE);
    hang_up(h);
    sim_pin = "1234";
    CHECK_EQ(dial(&s, "*99#", 0, 0, false, &h), 0);
    DWORD err = 0;
    CHECK_EQ(state_of(h, &err), RASCS_Connected);
    OPENRAS_LINKINFO li = { .dwSize = sizeof(li) };
    CHECK_EQ(OpenRasGetLinkInfo(h, &li), 0);
    CHECK_EQ(li.dwSignalQuality, 23);
    hang_up(h);
    apn = sim_pin = "";
    sim_stop(&s);
    CHECK(isp_done(&isp, 1));
}

/* Issue 11 item 3: hanging up a modem that ignores DTR takes seconds (the
 * DTR wait, the guard time, +++ and ATH), and rasmand's one loop runs on
 * meanwhile: with the modem's hang-up still under way (its lock still
 * held), another connection's status and a keepalive (rasmand's counters)
 * are answered, and its own handle is still there (Disconnected). Then the
 * hang-up ends by itself, and the lock goes before the handle does. */
static void
t_hang_up_leaves_others_running(void)
{
    static const char *const args[] = { "--ignore-dtr", NULL };
    struct sim s;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, rmf.sim_exe, args));
    HRASCONN other = NULL, h = NULL;
    CHECK_EQ(rmf_dial("Loopback", "555", 0, NULL, &other), 0);
    CHECK_EQ(dial(&s, "1", 0, 0, true, &h), 0);
    /* no ISP: PPP is trying LCP once the modem has connected */
    CHECK(rmf_wait_state(h, RASCS_Authenticate, 5000));
    CHECK_EQ(RasHangUpA(h), 0);
    /* the handle stays (Disconnected) while its modem is hung up, so a
     * program waiting, as Microsoft advises, for ERROR_INVALID_HANDLE
     * before it redials finds the port free */
    CHECK(rmf_wait_state(h, RASCS_Disconnected, 5000));
    DWORD err = 0;
    CHECK_EQ(state_of(other, &err), RASCS_Connected);
    struct ipc_debug d;
    CHECK(rmf_debug(&d));
    CHECK_EQ(d.conns, 2);
    /* answered while the modem was still being hung up */
    CHECK(!rmf_no_locks(&rmf));
    CHECK(rmf_wait_gone(h, 15000));
    CHECK(rmf_no_locks(&rmf));
    CHECK(rmf_debug(&d));
    CHECK_EQ(d.conns, 1);
    hang_up(other);
    sim_stop(&s);
}

int
main(int argc, char **argv)
{
    static const struct rmf_case cases[] = {
        RMF_CASE(t_results), RMF_CASE(t_carrier_drop), RMF_CASE(t_whole_call),
        RMF_CASE(t_redial_connects), RMF_CASE(t_redial_exhausted), RMF_CASE(t_init_commands),
        RMF_CASE(t_hang_up_leaves_others_running), RMF_CASE(t_cellular_entry), { NULL, NULL },
    };
    return rmf_main(&rmf, argc, argv, true, ras_client_shutdown, cases);
}
