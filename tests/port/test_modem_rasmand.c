/* A modem entry dialed through RasDial and a private rasmand, on
 * ras-modem-sim's pty: rasmand picks the modem port for a /dev/ device,
 * reports the modem's result as the RAS error, redials from the entry's
 * count, sees the carrier drop, and releases the port and its lock on
 * hang-up. There is no ISP behind the simulator, so a call goes no further
 * than PPP's first packets. argv[1] is rasmand, argv[2] the simulator. */
#include <limits.h>
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
#include "sim.h"

static struct rmf rmf;
static struct ipc_debug base;
static const char *sim_exe;
static char lock_dir[64];

static void WINAPI
notified(UINT msg, RASCONNSTATE st, DWORD err)
{
    (void)msg; (void)st; (void)err;
}

/* Dials the simulator's pty; *h gets the handle (to hang up) if any. */
static DWORD
dial(const struct sim *s, const char *phone, DWORD redials, bool async, HRASCONN *h)
{
    char real[PATH_MAX];
    RASENTRYA e;
    if (!realpath(s->link, real) || strlen(real) >= sizeof(e.szDeviceName))
        return ~0u;
    rmf_entry(&e);
    memcpy(e.szDeviceName, real, strlen(real) + 1);
    e.dwRedialCount = redials;
    RASDIALPARAMSA p;
    rmf_params(&p, "Modem", phone);
    *h = NULL;
    return ras_dial_entry(&e, "/tmp/openras-test.pbk", "Modem", phone, &p, NULL, 0,
                          async ? (void *)notified : NULL, h);
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

/* Waits until the device connected (true) or the dial failed. */
static bool
wait_device(HRASCONN h, DWORD *err)
{
    for (int i = 0; i < 5000; i++) {
        RASCONNSTATE st = state_of(h, err);
        if (*err || st == (RASCONNSTATE)-1)
            return false;
        if (st >= RASCS_DeviceConnected)
            return true;
        rmf_sleep_ms(2);
    }
    return false;
}

static bool
no_locks(void)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "ls %s | grep -q LCK", lock_dir);
    return system(cmd) != 0;
}

static void
hang_up(HRASCONN h)
{
    if (!h)
        return;
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 5000));
    CHECK(rmf_settled(&base, 5000));
    CHECK(no_locks());
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
    REQUIRE(sim_start(&s, sim_exe, args));
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        HRASCONN h;
        CHECK_EQ(dial(&s, c[i].phone, 0, false, &h), c[i].err);
        DWORD err = 0;
        CHECK_EQ(state_of(h, &err), RASCS_ConnectDevice);
        CHECK_EQ(err, c[i].err);
        hang_up(h);
    }
    sim_stop(&s);
}

static void
t_redial_then_hang_up(void)
{
    static const char *const args[] = { "--script=42=busy,busy,connect", NULL };
    struct sim s;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, sim_exe, args));
    HRASCONN h;
    CHECK_EQ(dial(&s, "42", 2, true, &h), 0);
    DWORD err = 0;
    CHECK(wait_device(h, &err));
    CHECK_EQ(err, 0);
    CHECK(!no_locks());           /* the port is held while the call is up */
    hang_up(h);
    sim_stop(&s);
}

static void
t_carrier_drop(void)
{
    static const char *const args[] = { "--script=1=drop=1", NULL };
    struct sim s;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, sim_exe, args));
    HRASCONN h;
    CHECK_EQ(dial(&s, "1", 0, true, &h), 0);
    DWORD err = 0;
    CHECK(wait_device(h, &err));
    for (int i = 0; i < 2500 && !err; i++) {
        state_of(h, &err);
        rmf_sleep_ms(2);
    }
    CHECK_EQ(err, ERROR_PORT_DISCONNECTED);
    hang_up(h);
    sim_stop(&s);
}

static void
cleanup(void)
{
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
    TH_RUN(t_results);
    TH_RUN(t_redial_then_hang_up);
    TH_RUN(t_carrier_drop);
    int rc = th_done();
    if (!rmf_stop(&rmf))
        rc = 1;
    rmdir(lock_dir);
    return rc;
}
