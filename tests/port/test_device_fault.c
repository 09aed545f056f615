/* The device descriptor a user passes, inside rasmand with every
 * allocation failing in turn: the system phonebook's entry read by
 * dial_access, conn_dial, and the port's open on the next pass. Each run
 * must fail with ERROR_NOT_ENOUGH_MEMORY and leave no allocation and no
 * descriptor behind (the passed one is closed exactly once, whoever holds
 * it when the failure comes). argv[1]: ras-modem-sim. */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "common/loop.h"
#include "daemon/conn.h"
#include "daemon/dial_access.h"
#include "harness.h"
#include "lib/dial_resolve.h"
#include "sim.h"

static const char *sim_exe;

struct run {
    struct loop *loop;
    struct conn_table tab;
    struct loop_timer guard;
    char device[PATH_MAX];
    char pbk[PATH_MAX];
    const char *phonebook;        /* the request's: pbk or "" */
    int line;                     /* the device as the user opened it */
    uint32_t error;               /* the first error the dial reported */
    bool started;                 /* it reached ConnectDevice */
};

/* The sink: the dial's progress until the line is the port's. */
static void
on_state(void *ctx, struct client *dialer, uint64_t handle, uint32_t state, uint32_t error)
{
    struct run *r = ctx;
    (void)dialer;
    (void)handle;
    if (error && !r->error)
        r->error = error;
    if (error || state == RASCS_ConnectDevice) {
        r->started = !error;
        loop_stop(r->loop);
    }
}

static void
on_notify(void *ctx, uint64_t handle, uid_t owner, uint32_t what)
{
    (void)ctx;
    (void)handle;
    (void)owner;
    (void)what;
}

static void
guard_fired(void *ctx, uint64_t now)
{
    struct run *r = ctx;
    (void)now;
    loop_stop(r->loop);
}

/* One dial on a copy of the user's descriptor, as rasmand receives it,
 * ended as soon as the port has the line. */
static uint32_t
dial_once(void *ctx)
{
    struct run *r = ctx;
    struct ipc_dial_req req;
    struct conn *c = NULL;
    RASENTRYA e;
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "modem");
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "%.*s",
             (int)sizeof(e.szDeviceName) - 1, r->device);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "1");
    ras_dial_req_from_entry(&req, &e, r->phonebook, "Modem", "");
    req.flags |= IPC_DIAL_NOTIFY;
    r->error = 0;
    r->started = false;
    int fd = fcntl(r->line, F_DUPFD_CLOEXEC, 0);
    uint32_t rc = dial_access(r->pbk, &req, 64123, true);
    if (rc)
        close(fd);
    else
        rc = conn_dial(&r->tab, &req, 64123, (struct client *)r, fd, &c);
    if (rc == 0) {
        loop_timer_set(r->loop, &r->guard, loop_now(r->loop) + 5000);
        loop_run(r->loop);
        loop_timer_cancel(r->loop, &r->guard);
        rc = r->started ? 0 : r->error ? r->error : ERROR_REQUEST_TIMEOUT;
        conn_abort(c);
        conn_table_reap(&r->tab);
    }
    return rc;
}

static bool
setup(struct run *r, struct sim *s)
{
    static const struct conn_sink sink = { .state = on_state, .notify = on_notify };
    struct conn_sink mine = sink;
    memset(r, 0, sizeof(*r));
    r->line = -1;
    setenv("RAS_LOCK_DIR", th_tmpdir(), 1);
    if (!sim_start(s, sim_exe, NULL))
        return false;
    if (!realpath(s->link, r->device) || loop_new(&r->loop) != 0) {
        sim_stop(s);
        return false;
    }
    mine.ctx = r;
    conn_table_init(&r->tab, r->loop, &mine);
    loop_timer_init(&r->guard, guard_fired, r);
    r->line = open(r->device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    snprintf(r->pbk, sizeof(r->pbk), "%s/system.pbk", th_tmpdir());
    return r->line >= 0;
}

static void
teardown(struct run *r, struct sim *s)
{
    conn_table_abort(&r->tab);
    conn_table_reap(&r->tab);
    loop_free(r->loop);
    if (r->line >= 0)
        close(r->line);
    sim_stop(s);
}

/* A dial of the user's own device: conn_dial and the port's open. */
static void
t_passed_descriptor(void)
{
    struct run r;
    struct sim s;
    REQUIRE(setup(&r, &s));
    r.phonebook = "";
    CHECK_EQ(dial_once(&r), 0);
    CHECK(th_fault_sweep("dial with a descriptor", dial_once, &r, ERROR_NOT_ENOUGH_MEMORY,
                         NULL) >= 2);
    teardown(&r, &s);
}

/* The same through an entry of the system phonebook, which rasmand reads
 * (and whose reading can fail too) before it takes the descriptor. */
static void
t_system_entry(void)
{
    struct run r;
    struct sim s;
    REQUIRE(setup(&r, &s));
    RASENTRYA e;
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "modem");
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "%.*s",
             (int)sizeof(e.szDeviceName) - 1, r.device);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "1");
    e.dwfNetProtocols = RASNP_Ip;
    e.dwFramingProtocol = RASFP_Ppp;
    e.dwType = RASET_Phone;
    REQUIRE_EQ(RasSetEntryPropertiesA(r.pbk, "Modem", &e, sizeof(e), NULL, 0), 0);
    r.phonebook = r.pbk;
    CHECK_EQ(dial_once(&r), 0);
    CHECK(th_fault_sweep("system entry with a descriptor", dial_once, &r,
                         ERROR_NOT_ENOUGH_MEMORY, NULL) >= 3);
    teardown(&r, &s);
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s RAS-MODEM-SIM\n", argv[0]);
        return 2;
    }
    sim_exe = argv[1];
    signal(SIGPIPE, SIG_IGN);
    TH_RUN(t_passed_descriptor);
    TH_RUN(t_system_entry);
    return th_done();
}
