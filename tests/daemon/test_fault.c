/* Fault injection over libras's side of the dialing API with rasmand
 * running: every allocation of RasDial (blocking and with a notifier),
 * RasHangUp, RasGetConnectStatus, RasEnumConnections, RasGetProjectionInfo,
 * RasGetConnectionStatistics and RasConnectionNotification fails in turn;
 * each must return ERROR_NOT_ENOUGH_MEMORY and leave nothing behind, here
 * or in rasmand. argv[1]: rasmand. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "lib/rasman_client.h"

static struct rmf rmf;
static struct ipc_debug base;
static HRASCONN conn;

/* A hang-up that itself failed for memory is retried (allocation failures
 * fire once), so a failing run never leaves a connection in rasmand. */
static uint32_t
hang_up_for_sure(HRASCONN h)
{
    uint32_t rc = RasHangUpA(h);
    if (rc == ERROR_NOT_ENOUGH_MEMORY)
        RasHangUpA(h);
    /* polls as a caller would; a poll that failed for memory counts */
    for (int i = 0; i < 1500; i++) {
        RASCONNSTATUSA s = { .dwSize = sizeof(s) };
        uint32_t src = RasGetConnectStatusA(h, &s);
        if (src == ERROR_INVALID_HANDLE)
            break;
        if (src == ERROR_NOT_ENOUGH_MEMORY && !rc)
            rc = src;
        rmf_sleep_ms(2);
    }
    return rc;
}

static uint32_t
dial_sync(void *ctx)
{
    (void)ctx;
    HRASCONN h = NULL;
    uint32_t rc = rmf_dial("Fault", "555/dial=0", 0, NULL, &h);
    if (h) {
        uint32_t hrc = hang_up_for_sure(h);
        /* a fault that hit the hang-up is this run's error */
        if (!rc)
            rc = hrc;
    }
    return rc;
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool final;

static VOID WINAPI
notifier(HRASCONN h, UINT msg, RASCONNSTATE st, DWORD err, DWORD exterr)
{
    (void)h; (void)msg; (void)exterr;
    pthread_mutex_lock(&mu);
    if (err || st == RASCS_Connected)
        final = true;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

static uint32_t
dial_async(void *ctx)
{
    (void)ctx;
    HRASCONN h = NULL;
    final = false;
    uint32_t rc = rmf_dial("Fault", "555/dial=0", 1, (void *)notifier, &h);
    if (rc == 0) {
        pthread_mutex_lock(&mu);
        while (!final)
            pthread_cond_wait(&cv, &mu);
        pthread_mutex_unlock(&mu);
    }
    if (h) {
        uint32_t hrc = hang_up_for_sure(h);
        if (!rc)
            rc = hrc;
    }
    /* the notifier thread's own descriptors go with it */
    ras_client_shutdown();
    return rc;
}

static uint32_t
status(void *ctx)
{
    (void)ctx;
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    return RasGetConnectStatusA(conn, &s);
}

static uint32_t
enumerate(void *ctx)
{
    (void)ctx;
    RASCONNA c[2];
    DWORD cb = sizeof(c), n;
    c[0].dwSize = sizeof(c[0]);
    return RasEnumConnectionsA(c, &cb, &n);
}

static uint32_t
projection(void *ctx)
{
    (void)ctx;
    RASPPPIPA ip = { .dwSize = sizeof(ip) };
    DWORD cb = sizeof(ip);
    return RasGetProjectionInfoA(conn, RASP_PppIp, &ip, &cb);
}

static uint32_t
projection_ex(void *ctx)
{
    (void)ctx;
    RAS_PROJECTION_INFO info = { .version = RASAPIVERSION_CURRENT };
    DWORD cb = sizeof(info);
    return RasGetProjectionInfoEx(conn, &info, &cb);
}

static uint32_t
statistics(void *ctx)
{
    (void)ctx;
    RAS_STATS st = { .dwSize = sizeof(st) };
    return RasGetConnectionStatistics(conn, &st);
}

static uint32_t
notification(void *ctx)
{
    int efd = *(int *)ctx;
    uint32_t rc = RasConnectionNotificationA(INVALID_HANDLE_VALUE, (HANDLE)(intptr_t)efd,
                                             RASCN_Connection);
    if (rc == 0 && ras_alloc_fault_fired())
        rc = ERROR_NOT_ENOUGH_MEMORY;   /* cannot happen: nothing allocates after */
    if (rc == 0)
        RasConnectionNotificationA(INVALID_HANDLE_VALUE, (HANDLE)(intptr_t)efd, 0);
    ras_client_shutdown();
    return rc;
}

static uint32_t
hangup(void *ctx)
{
    (void)ctx;
    return RasHangUpA(conn);
}

static void
t_dial_paths(void)
{
    REQUIRE(rmf_base(&base));
    CHECK(th_fault_sweep("RasDial blocking", dial_sync, NULL, ERROR_NOT_ENOUGH_MEMORY, NULL) > 0);
    CHECK(th_fault_sweep("RasDial RasDialFunc1", dial_async, NULL, ERROR_NOT_ENOUGH_MEMORY,
                         NULL) > 0);
    CHECK(rmf_settled(&base, 3000));
}

static void
t_query_paths(void)
{
    REQUIRE(rmf_base(&base));
    conn = NULL;
    REQUIRE_EQ(rmf_dial("Fault", "555/dial=0", 0, NULL, &conn), 0);
    CHECK(th_fault_sweep("RasGetConnectStatus", status, NULL, ERROR_NOT_ENOUGH_MEMORY, NULL) > 0);
    CHECK(th_fault_sweep("RasEnumConnections", enumerate, NULL, ERROR_NOT_ENOUGH_MEMORY,
                         NULL) > 0);
    CHECK(th_fault_sweep("RasGetProjectionInfo", projection, NULL, ERROR_NOT_ENOUGH_MEMORY,
                         NULL) > 0);
    CHECK(th_fault_sweep("RasGetProjectionInfoEx", projection_ex, NULL, ERROR_NOT_ENOUGH_MEMORY,
                         NULL) > 0);
    CHECK(th_fault_sweep("RasGetConnectionStatistics", statistics, NULL,
                         ERROR_NOT_ENOUGH_MEMORY, NULL) > 0);
    int efd = eventfd(0, EFD_CLOEXEC);
    REQUIRE(efd >= 0);
    CHECK(th_fault_sweep("RasConnectionNotification", notification, &efd,
                         ERROR_NOT_ENOUGH_MEMORY, NULL) > 0);
    close(efd);
    /* the last run succeeds: the connection is hung up */
    CHECK(th_fault_sweep("RasHangUp", hangup, NULL, ERROR_NOT_ENOUGH_MEMORY, NULL) > 0);
    CHECK(rmf_wait_gone(conn, 3000));
    CHECK(rmf_settled(&base, 3000));
}

int
main(int argc, char **argv)
{
    static const struct rmf_case cases[] = {
        RMF_CASE(t_dial_paths), RMF_CASE(t_query_paths), { NULL, NULL },
    };
    return rmf_main(&rmf, argc, argv, false, ras_client_shutdown, cases);
}
