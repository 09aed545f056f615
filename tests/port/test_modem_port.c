/* The serial modem port driven as rasmand drives it (port_ops in a loop),
 * against ras-modem-sim on a pty: each result code's RAS error, CONNECT in
 * pieces, redial counts, carrier loss, data both ways through the bridge,
 * and the UUCP lock (held while open, gone after, stale ones taken over,
 * live ones respected). argv[1] is the simulator. */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "raserror.h"
#include "common/loop.h"
#include "port/at.h"
#include "port/port.h"
#include "port/serial.h"
#include "sim.h"

static const char *sim_exe;
static const char *init_cmds;     /* the entry's, for the next open_port */
static const char *cell_apn, *cell_pin;   /* the entry's APN, the saved PIN */
static int last_csq;              /* the last dial's signal quality */

static void lock_file(const struct sim *s, char *out, size_t cap);

struct drv {
    struct loop *loop;
    struct port *port;
    struct loop_timer guard;
    bool connected, down, stop_on_connect;
    uint32_t bps, error;
    uint8_t in[256];
    size_t nin;
};

static void
on_connected(void *ctx, uint32_t bps)
{
    struct drv *d = ctx;
    d->connected = true;
    d->bps = bps;
    if (d->stop_on_connect)
        loop_stop(d->loop);
}

static void
on_input(void *ctx, const uint8_t *b, size_t n)
{
    struct drv *d = ctx;
    for (size_t i = 0; i < n && d->nin < sizeof(d->in); i++)
        d->in[d->nin++] = b[i];
}

static void
on_down(void *ctx, uint32_t error)
{
    struct drv *d = ctx;
    CHECK(!d->down);              /* at most once */
    d->down = true;
    d->error = error;
    loop_stop(d->loop);
}

static void
guard_fired(void *ctx, uint64_t now)
{
    struct drv *d = ctx;
    (void)now;
    loop_stop(d->loop);
}

static void
run_for(struct drv *d, uint32_t ms)
{
    loop_timer_set(d->loop, &d->guard, loop_now(d->loop) + ms);
    loop_run(d->loop);
    loop_timer_cancel(d->loop, &d->guard);
}

/* The test's setup: a simulator with args, a loop, locks in the scratch
 * directory. false (and nothing left running) if any part failed. */
static bool
setup(struct sim *s, struct drv *d, const char *const *args)
{
    memset(d, 0, sizeof(*d));
    setenv("RAS_LOCK_DIR", th_tmpdir(), 1);
    if (!sim_start(s, sim_exe, args))
        return false;
    if (loop_new(&d->loop) != 0) {
        sim_stop(s);
        return false;
    }
    loop_timer_init(&d->guard, guard_fired, d);
    return true;
}

/* A port closed with a call up hangs up in the loop: runs it until every
 * such hang-up is over (each is bounded), so nothing is left registered
 * when the loop goes. */
static void
drain_hang_ups(struct drv *d)
{
    for (int i = 0; i < 1000 && modem_hangups_pending(); i++)
        run_for(d, 20);
    CHECK_EQ(modem_hangups_pending(), 0);
    modem_hangups_force();
}

static void
teardown(struct sim *s, struct drv *d, const struct port_ops *ops)
{
    ops->close(d->port);
    d->port = NULL;
    drain_hang_ups(d);
    loop_free(d->loop);
    d->loop = NULL;
    sim_stop(s);
}

static uint32_t
open_port(struct drv *d, const struct port_ops *ops, const char *device, const char *phone,
          uint32_t redials)
{
    /* the device as libras passes it: opened with the dialer's rights
     * (the port keeps its own copy); the port opens it itself if not */
    int fd = open(device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    struct port_params pp = {
        .device_type = ops == &modem_port_ops ? "modem" : "direct",
        .device_name = device, .fd = fd, .phone = phone, .redial_count = redials,
        .init_cmds = init_cmds, .apn = cell_apn, .pin = cell_pin,
    };
    struct port_cb cb = { .ctx = d, .connected = on_connected, .input = on_input,
                          .down = on_down };
    uint32_t rc = ops->open(d->loop, &pp, &cb, &d->port);
    if (fd >= 0)
        close(fd);
    return rc;
}

/* Dials phone and returns the error reported down (0 if it connected). */
static uint32_t
dial(const char *const *args, const char *phone, uint32_t redials, uint32_t *bps)
{
    struct sim s;
    struct drv d;
    if (!setup(&s, &d, args)) {
        th_fail(__FILE__, __LINE__, "no simulator");
        return ~0u;
    }
    uint32_t rc = open_port(&d, &modem_port_ops, s.link, phone, redials);
    CHECK_EQ(rc, 0);
    if (rc == 0) {
        d.stop_on_connect = true;
        CHECK_EQ(modem_port_ops.dial(d.port), 0);
        run_for(&d, 70000);
        CHECK(d.connected != d.down);
        if (bps)
            *bps = modem_port_ops.bps(d.port);
        last_csq = modem_port_ops.signal(d.port);
    }
    teardown(&s, &d, &modem_port_ops);
    return d.connected ? 0 : d.down ? d.error : ~0u;
}

static void
t_results_map_to_ras_errors(void)
{
    static const char *const args[] = {
        "--script=1=busy", "--script=2=noanswer", "--script=3=nocarrier",
        "--script=4=nodialtone", "--script=5=error", NULL,
    };
    CHECK_EQ(dial(args, "1", 0, NULL), ERROR_LINE_BUSY);
    CHECK_EQ(dial(args, "2", 0, NULL), ERROR_NO_ANSWER);
    CHECK_EQ(dial(args, "3", 0, NULL), ERROR_NO_CARRIER);
    CHECK_EQ(dial(args, "4", 0, NULL), ERROR_NO_DIALTONE);
    CHECK_EQ(dial(args, "5", 0, NULL), ERROR_FROM_DEVICE);
}

/* What the port logged (modem_log), for the failed command's name. */
static char logged[512];

static void
log_capture(int level, const char *fmt, ...)
{
    (void)level;
    va_list ap;
    va_start(ap, fmt);
    size_t len = strlen(logged);
    vsnprintf(logged + len, sizeof(logged) - len, fmt, ap);
    va_end(ap);
}

static uint32_t
dial_init(const char *const *args, const char *cmds)
{
    logged[0] = 0;
    modem_log = log_capture;
    init_cmds = cmds;
    uint32_t rc = dial(args, "1", 0, NULL);
    init_cmds = NULL;
    modem_log = NULL;
    return rc;
}

/* Two extra commands, each answered OK, then the dial. */
static void
t_init_two_commands(void)
{
    static const char *const args[] = { "--init-reply=AT+FOO=ok", NULL };
    CHECK_EQ(dial_init(args, "AT+FOO\nATM0L1"), 0);
    CHECK_STR(logged, "");
    /* without the script the simulator refuses AT+FOO: so it was sent */
    CHECK_EQ(dial_init(NULL, "AT+FOO\nATM0L1"), ERROR_FROM_DEVICE);
}

/* A command answered ERROR fails the dial with 651, and the log names it. */
static void
t_init_command_error(void)
{
    static const char *const args[] = { "--init-reply=AT+BAR=error", NULL };
    CHECK_EQ(dial_init(args, "ATM0\nAT+BAR\nATL1"), ERROR_FROM_DEVICE);
    CHECK(strstr(logged, "\"AT+BAR\" answered ERROR"));
}

/* A command the modem never answers: its deadline ends the call (692). */
static void
t_init_command_silent(void)
{
    static const char *const args[] = { "--init-reply=AT+SLOW=silent", NULL };
    uint64_t t0 = loop_clock_ms();
    CHECK_EQ(dial_init(args, "AT+SLOW"), ERROR_PORT_OR_DEVICE);
    CHECK(loop_clock_ms() - t0 >= 4900);
    CHECK(strstr(logged, "\"AT+SLOW\" had no answer"));
}

/* A command that turns echo back on: every later command comes back
 * before its result, and the dialog still reads only the results. */
static void
t_init_echo_on(void)
{
    static const char *const args[] = { "--init-reply=AT+FOO=ok", NULL };
    CHECK_EQ(dial_init(args, "ATE1\nAT+FOO"), 0);
    CHECK_EQ(dial_init(args, "ATE1V1\nAT+FOO\nATM0"), 0);
}

/* Commands past the bounds are refused when the port opens (87), before
 * anything reaches the modem. */
static void
t_init_bounds(void)
{
    static const char *const bad[] = {
        "AT1\nAT2\nAT3\nAT4\nAT5\nAT6\nAT7\nAT8\nAT9",
        "AT+C=123456789012345678901234567890123456789012345678901234567",
        "+++", "ATH\rATZ", "AT\x1b", "ATX\x80",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct sim s;
        struct drv d;
        REQUIRE(setup(&s, &d, NULL));
        init_cmds = bad[i];
        CHECK_EQ(open_port(&d, &modem_port_ops, s.link, "1", 0), ERROR_INVALID_PARAMETER);
        init_cmds = NULL;
        CHECK(d.port == NULL);
        teardown(&s, &d, &modem_port_ops);
    }
    /* eight of sixty characters are fine; blanks around each are not the
     * modem's */
    static const char *const args[] = {
        "--init-reply=AT+C=1234567890123456789012345678901234567890123456789012345=ok", NULL,
    };
    CHECK_EQ(dial_init(args, "ATM0\nATM1\n  ATL0 \nATL1\nATL2\nATX4\nATQ0\n"
                             "AT+C=1234567890123456789012345678901234567890123456789012345"), 0);
}

/* The administrator's file for the device: its commands come first,
 * comments and blank lines skipped; a bad line refuses the open. */
static void
t_init_device_file(void)
{
    static const char *const args[] = {
        "--init-reply=AT+DEV=error", "--init-reply=AT+ENT=error", "--init-reply=AT+OK=ok",
        NULL,
    };
    char dir[PATH_MAX], path[PATH_MAX + 64];
    snprintf(dir, sizeof(dir), "%s/modems", th_tmpdir());
    REQUIRE(mkdir(dir, 0700) == 0);
    /* the simulator's link names the file by its basename */
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, args));
    modem_config_dir = dir;
    snprintf(path, sizeof(path), "%s/%s", dir, strrchr(s.link, '/') + 1);
    FILE *f = fopen(path, "w");
    REQUIRE(f);
    fputs("# the modem's own\n\n   # indented comment\nAT+OK\nAT+DEV\n", f);
    fclose(f);
    logged[0] = 0;
    modem_log = log_capture;
    init_cmds = "AT+ENT";
    REQUIRE_EQ(open_port(&d, &modem_port_ops, s.link, "1", 0), 0);
    d.stop_on_connect = true;
    CHECK_EQ(modem_port_ops.dial(d.port), 0);
    run_for(&d, 20000);
    CHECK(d.down);
    CHECK_EQ(d.error, ERROR_FROM_DEVICE);
    CHECK(strstr(logged, "\"AT+DEV\""));
    modem_port_ops.close(d.port);
    d.port = NULL;
    d.down = false;
    /* a line that is no command: the open fails (87) */
    f = fopen(path, "w");
    REQUIRE(f);
    fputs("AT+OK\nNOT A COMMAND\n", f);
    fclose(f);
    CHECK_EQ(open_port(&d, &modem_port_ops, s.link, "1", 0), ERROR_INVALID_PARAMETER);
    CHECK(strstr(logged, "NOT A COMMAND"));
    init_cmds = NULL;
    modem_log = NULL;
    teardown(&s, &d, &modem_port_ops);
    unlink(path);
    rmdir(dir);
    modem_config_dir = MODEM_CONFIG_DIR;
}

/* A result code from a line the test opened itself, -1 if none came. */
static int
line_result(int fd, int ms)
{
    struct at_parser ap;
    at_init(&ap);
    for (int waited = 0; waited < ms; waited += 20) {
        uint8_t b[64];
        ssize_t n = read(fd, b, sizeof(b));
        if (n <= 0) {
            struct timespec ts = { 0, 20 * 1000000 };
            nanosleep(&ts, NULL);
            continue;
        }
        for (size_t off = 0; off < (size_t)n;) {
            struct at_event ev;
            bool got;
            off += at_feed(&ap, b + off, (size_t)n - off, &ev, &got);
            if (got)
                return (int)ev.result;
        }
    }
    return -1;
}

/* Closing a connected modem port hangs up and leaves the modem on hook:
 * ATO (back online) afterwards finds no call. With a modem set to ignore
 * DTR the call survives the DTR drop, so the port escapes (+++ after the
 * guard time) and sends ATH; without that the simulator would still be
 * online and ATO would be line data, unanswered. close itself returns at
 * once with the hang-up under way in the loop (the lock still held);
 * then the lock goes, and the harness sees no descriptor left. */
/* What the simulator answers cmd with on a line of the test's own (the
 * port gone), -1 for nothing. */
static int
line_answer(const struct sim *s, const char *cmd)
{
    int fd = sim_open_line(s);
    if (fd < 0)
        return -2;
    int r = write(fd, cmd, strlen(cmd)) == (ssize_t)strlen(cmd) ? line_result(fd, 3000) : -3;
    close(fd);
    return r;
}

static void
connect_then_close(struct sim *s, struct drv *d, char *lock, size_t cap)
{
    lock_file(s, lock, cap);
    if (open_port(d, &modem_port_ops, s->link, "1", 0) == 0) {
        d->stop_on_connect = true;
        CHECK_EQ(modem_port_ops.dial(d->port), 0);
        run_for(d, 10000);
        CHECK(d->connected);
    }
    modem_port_ops.close(d->port);
    d->port = NULL;
}

static void
hang_up_case(const char *const *args)
{
    struct sim s;
    struct drv d;
    char lock[PATH_MAX + 16];
    REQUIRE(setup(&s, &d, args));
    connect_then_close(&s, &d, lock, sizeof(lock));
    CHECK_EQ(modem_hangups_pending(), 1);
    CHECK(access(lock, F_OK) == 0);
    drain_hang_ups(&d);
    CHECK(access(lock, F_OK) != 0);
    CHECK_EQ(line_answer(&s, "ATO\r"), AT_NO_CARRIER);
    teardown(&s, &d, &modem_port_ops);
}

/* Closed while ATD runs, on a modem that ignores DTR (which alone would
 * let it go on dialing and connect with nobody on the line): the port
 * sends a key, which stops the dial; the modem is on hook afterwards. */
static void
t_hang_up_while_dialing(void)
{
    static const char *const args[] = { "--ignore-dtr", "--script=1=slow=8000", NULL };
    struct sim s;
    struct drv d;
    char lock[PATH_MAX + 16];
    REQUIRE(setup(&s, &d, args));
    lock_file(&s, lock, sizeof(lock));
    if (open_port(&d, &modem_port_ops, s.link, "1", 0) == 0) {
        CHECK_EQ(modem_port_ops.dial(d.port), 0);
        run_for(&d, 1500);        /* ATZ, ATE0V1 answered: ATDT1 under way */
        CHECK(!d.connected && !d.down);
    }
    modem_port_ops.close(d.port);
    d.port = NULL;
    CHECK_EQ(modem_hangups_pending(), 1);
    drain_hang_ups(&d);
    CHECK(access(lock, F_OK) != 0);
    /* in command mode AT is OK; a modem still dialing would take the key
     * as the end of its dial (NO CARRIER) */
    CHECK_EQ(line_answer(&s, "AT\r"), AT_OK);
    teardown(&s, &d, &modem_port_ops);
}

/* The forced path (rasmand ending): the line closed and unlocked at once,
 * whatever step the hang-up was at. */
static void
t_hang_up_forced(void)
{
    static const char *const args[] = { "--ignore-dtr", NULL };
    struct sim s;
    struct drv d;
    char lock[PATH_MAX + 16];
    REQUIRE(setup(&s, &d, args));
    connect_then_close(&s, &d, lock, sizeof(lock));
    run_for(&d, 600);             /* past the DTR wait: into the escape */
    CHECK_EQ(modem_hangups_pending(), 1);
    modem_hangups_force();
    CHECK_EQ(modem_hangups_pending(), 0);
    CHECK(access(lock, F_OK) != 0);
    teardown(&s, &d, &modem_port_ops);
}

static void
t_hang_up_drops_dtr(void)
{
    hang_up_case(NULL);
}

static void
t_hang_up_modem_ignoring_dtr(void)
{
    static const char *const args[] = { "--ignore-dtr", NULL };
    hang_up_case(args);
}

/* ---- cellular modules (issue 11 item 2) -------------------------------- */

/* Dials a cellular entry (APN and PIN as given) on a simulator with args;
 * the error, with what the port logged in `logged`. */
static uint32_t
dial_cell(const char *const *args, const char *phone, const char *apn, const char *pin)
{
    logged[0] = 0;
    modem_log = log_capture;
    cell_apn = apn;
    cell_pin = pin;
    last_csq = -2;
    uint32_t rc = dial(args, phone, 0, NULL);
    cell_apn = cell_pin = NULL;
    modem_log = NULL;
    return rc;
}

/* Opens (no dial) a cellular entry's port: what open says. */
static uint32_t
open_cell(const char *const *args, const char *apn, const char *pin)
{
    struct sim s;
    struct drv d;
    if (!setup(&s, &d, args))
        return ~0u;
    cell_apn = apn;
    cell_pin = pin;
    uint32_t rc = open_port(&d, &modem_port_ops, s.link, "*99#", 0);
    cell_apn = cell_pin = NULL;
    teardown(&s, &d, &modem_port_ops);
    return rc;
}

/* The usual setup: SIM PIN from the credentials, the APN, registered,
 * *99# (and *99***1#) connects; AT+CSQ's figure is kept for the status.
 * The network knows one APN: another, or none set, is NO CARRIER. */
static void
t_cell_pin_apn_connect(void)
{
    static const char *const args[] = { "--sim=pin=1234", "--apn=internet", "--csq=17", NULL };
    CHECK_EQ(dial_cell(args, "*99#", "internet", "1234"), 0);
    CHECK_EQ(last_csq, 17);
    CHECK_EQ(dial_cell(args, "*99***1#", "internet", "1234"), 0);
    CHECK_EQ(dial_cell(args, "*99#", "other.apn", "1234"), ERROR_NO_CARRIER);
    CHECK_EQ(dial_cell(args, "*99#", NULL, "1234"), ERROR_NO_CARRIER);
    /* an APN the modem command could not hold is refused at open */
    CHECK_EQ(open_cell(args, "in\"ternet", "1234"), ERROR_INVALID_PARAMETER);
}

/* A SIM that wants its PIN: none saved is 703 (the connection needs the
 * user), a wrong one 691 and never tried again; the log names the step. */
static void
t_cell_pin_needed_and_wrong(void)
{
    static const char *const args[] = { "--sim=pin=1234", NULL };
    CHECK_EQ(dial_cell(args, "*99#", "internet", NULL), ERROR_INTERACTIVE_MODE);
    CHECK(strstr(logged, "AT+CPIN?") && strstr(logged, "hold none"));
    CHECK_EQ(dial_cell(args, "*99#", "internet", "4321"), ERROR_AUTHENTICATION_FAILURE);
    CHECK(strstr(logged, "refused the PIN") && !strstr(logged, "4321"));
    /* a PIN that is no PIN never reaches the modem */
    CHECK_EQ(open_cell(args, "internet", "12ab"), ERROR_INVALID_PARAMETER);
    CHECK_EQ(open_cell(args, "internet", "123456789"), ERROR_INVALID_PARAMETER);
}

/* A blocked SIM: 647 and a message saying to use the PUK. */
static void
t_cell_puk(void)
{
    static const char *const args[] = { "--sim=puk", NULL };
    CHECK_EQ(dial_cell(args, "*99#", "internet", "1234"), ERROR_ACCT_DISABLED);
    CHECK(strstr(logged, "PUK") != NULL);
    modem_puk_forget_all();
}

/* Registration: roaming is registered; a network never found fails with
 * 680 at the deadline (shortened here) naming the step; found after a
 * few queries, the dial goes on. */
static void
t_cell_registration(void)
{
    static const char *const roaming[] = { "--registration=roaming", NULL };
    static const char *const never[] = { "--registration=never", NULL };
    static const char *const later[] = { "--registration=after=3", NULL };
    modem_reg_deadline_ms = 2500;
    CHECK_EQ(dial_cell(roaming, "*99#", "internet", NULL), 0);
    CHECK(strstr(logged, "roaming") != NULL);
    CHECK_EQ(dial_cell(never, "*99#", "internet", NULL), ERROR_NO_DIALTONE);
    CHECK(strstr(logged, "not registered") != NULL);
    CHECK_EQ(dial_cell(later, "*99#", NULL, NULL), 0);
    modem_reg_deadline_ms = MODEM_REG_DEADLINE_MS;
}

/* NO CARRIER in the middle of a cellular session: the carrier loss
 * reported once, as for any modem. */
static void
t_cell_no_carrier_mid_session(void)
{
    static const char *const args[] = { "--script=*99#=drop=1", NULL };
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, args));
    cell_apn = "internet";
    if (open_port(&d, &modem_port_ops, s.link, "*99#", 0) == 0) {
        d.stop_on_connect = true;
        CHECK_EQ(modem_port_ops.dial(d.port), 0);
        run_for(&d, 10000);
        CHECK(d.connected);
        d.stop_on_connect = false;
        run_for(&d, 5000);
        CHECK(d.down);
        CHECK_EQ(d.error, ERROR_PORT_DISCONNECTED);
    }
    cell_apn = NULL;
    teardown(&s, &d, &modem_port_ops);
}

static void
t_connect(void)
{
    uint32_t bps = 0;
    CHECK_EQ(dial(NULL, "5551234", 0, &bps), 0);
    CHECK_EQ(bps, 115200);
}

static void
t_split_and_garbage_connect(void)
{
    static const char *const args[] = { "--script=7=split", "--script=8=garbage", NULL };
    CHECK_EQ(dial(args, "7", 0, NULL), 0);
    CHECK_EQ(dial(args, "8", 0, NULL), 0);
}

static void
t_redial(void)
{
    static const char *const args[] = { "--script=42=busy,busy,connect", NULL };
    CHECK_EQ(dial(args, "42", 2, NULL), 0);
    CHECK_EQ(dial(args, "42", 1, NULL), ERROR_LINE_BUSY);
    static const char *const na[] = { "--script=43=noanswer,nocarrier,connect", NULL };
    CHECK_EQ(dial(na, "43", 2, NULL), 0);
    /* no dial tone is not worth a redial */
    static const char *const nd[] = { "--script=44=nodialtone,connect", NULL };
    CHECK_EQ(dial(nd, "44", 5, NULL), ERROR_NO_DIALTONE);
}

static void
t_bad_phone(void)
{
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, NULL));
    static const char *const bad[] = { "1\rATH", "1;H", "", "5\x01", "\xe2\x82\xac" "1" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK_EQ(open_port(&d, &modem_port_ops, s.link, bad[i], 0), ERROR_INVALID_PARAMETER);
        CHECK(d.port == NULL);
    }
    char lock[PATH_MAX + 16];
    lock_file(&s, lock, sizeof(lock));
    CHECK(access(lock, F_OK) != 0);
    teardown(&s, &d, &modem_port_ops);
}

static void
t_carrier_loss(void)
{
    static const char *const args[] = { "--script=1=drop=1", NULL };
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, args));
    if (open_port(&d, &modem_port_ops, s.link, "1", 0) == 0) {
        CHECK_EQ(modem_port_ops.dial(d.port), 0);
        run_for(&d, 10000);
        CHECK(d.connected);
        CHECK(d.down);
        CHECK_EQ(d.error, ERROR_PORT_DISCONNECTED);
    } else {
        CHECK(!"open");
    }
    teardown(&s, &d, &modem_port_ops);
}

/* ---- data through the bridge ------------------------------------------ */

struct isp {
    struct loop *loop;
    struct loop_io lio, cio;
    int ls, cs;
    uint8_t got[64];
    size_t ngot;
};

static void
isp_data(void *ctx, uint32_t events)
{
    struct isp *isp = ctx;
    (void)events;
    ssize_t n = read(isp->cs, isp->got + isp->ngot, sizeof(isp->got) - isp->ngot);
    if (n > 0) {
        isp->ngot += (size_t)n;
        if (write(isp->cs, "~pong~", 6) != 6)
            th_fail(__FILE__, __LINE__, "isp write");
    } else {
        loop_io_del(isp->loop, &isp->cio);
    }
}

static void
isp_accept(void *ctx, uint32_t events)
{
    struct isp *isp = ctx;
    (void)events;
    isp->cs = accept4(isp->ls, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (isp->cs >= 0)
        loop_io_add(isp->loop, &isp->cio, isp->cs, EPOLLIN, isp_data, isp);
}

static void
t_data_both_ways(void)
{
    char path[100], opt[120];
    snprintf(path, sizeof(path), "%s/isp", th_tmpdir());
    snprintf(opt, sizeof(opt), "--bridge=unix:%s", path);
    struct isp isp = { .ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), .cs = -1 };
    REQUIRE(isp.ls >= 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    if (bind(isp.ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(isp.ls, 1) < 0) {
        close(isp.ls);
        REQUIRE(!"listen");
    }
    const char *const args[] = { opt, NULL };
    struct sim s;
    struct drv d;
    if (!setup(&s, &d, args)) {
        close(isp.ls);
        REQUIRE(!"setup");
    }
    isp.loop = d.loop;
    loop_io_add(d.loop, &isp.lio, isp.ls, EPOLLIN, isp_accept, &isp);
    if (open_port(&d, &modem_port_ops, s.link, "1", 0) == 0) {
        d.stop_on_connect = true;
        CHECK_EQ(modem_port_ops.dial(d.port), 0);
        run_for(&d, 10000);
        REQUIRE_EQ(d.connected, 1);
        /* the LF ending CONNECT's line arrives as data; PPP ignores it */
        d.nin = 0;
        CHECK_EQ(modem_port_ops.write(d.port, (const uint8_t *)"~ping~", 6), 0);
        d.stop_on_connect = false;
        run_for(&d, 500);
        CHECK(isp.ngot == 6 && memcmp(isp.got, "~ping~", 6) == 0);
        CHECK(memmem(d.in, d.nin, "~pong~", 6) != NULL);
        CHECK(!d.down);
    } else {
        CHECK(!"open");
    }
    loop_io_del(d.loop, &isp.lio);
    loop_io_del(d.loop, &isp.cio);
    if (isp.cs >= 0)
        close(isp.cs);
    close(isp.ls);
    teardown(&s, &d, &modem_port_ops);
}

/* ---- write queue ------------------------------------------------------- */

static void
t_write_before_connect(void)
{
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, NULL));
    if (open_port(&d, &modem_port_ops, s.link, "1", 0) == 0)
        CHECK_EQ(modem_port_ops.write(d.port, (const uint8_t *)"x", 1),
                 ERROR_PORT_NOT_CONNECTED);
    teardown(&s, &d, &modem_port_ops);
}

/* ---- locks ------------------------------------------------------------- */

static void
lock_file(const struct sim *s, char *out, size_t cap)
{
    char real[PATH_MAX];
    const char *base = realpath(s->link, real) ? strrchr(real, '/') + 1 : "?";
    snprintf(out, cap, "%s/LCK..%s", th_tmpdir(), base);
}

static void
write_lock(const char *path, long pid)
{
    FILE *f = fopen(path, "w");
    REQUIRE(f);
    fprintf(f, "%10ld\n", pid);
    fclose(f);
}

/* The line as the phonebook sets it (ConnectBPS=, HwFlowControl=): the
 * pty's termios shows the speed and the flow control asked for, rounded
 * down to a speed termios has; the defaults are 115200 with RTS/CTS. */
static bool
line_is(const struct sim *s, speed_t speed, bool rtscts)
{
    struct termios t;
    int fd = open(s->link, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = tcgetattr(fd, &t) == 0 && cfgetospeed(&t) == speed &&
              ((t.c_cflag & CRTSCTS) != 0) == rtscts;
    close(fd);
    return ok;
}

static void
t_line_settings(void)
{
    static const struct { uint32_t bps, flow; speed_t want; bool rtscts; } c[] = {
        { 0, 0, B115200, true }, { 57600, 2, B57600, false }, { 38400, 1, B38400, true },
        { 64000, 2, B57600, false },
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        struct sim s;
        struct drv d;
        REQUIRE(setup(&s, &d, NULL));
        /* the path rasmand opens itself (a per-user rasmand, a system
         * entry): the device's own name, not the test's symlink to it */
        char real[PATH_MAX];
        REQUIRE(realpath(s.link, real) != NULL);
        struct port_params pp = { .device_type = "modem", .device_name = real, .fd = -1,
                                  .phone = "1", .line_bps = c[i].bps, .hw_flow = c[i].flow };
        struct port_cb cb = { .ctx = &d, .connected = on_connected, .input = on_input,
                              .down = on_down };
        CHECK_EQ(modem_port_ops.open(d.loop, &pp, &cb, &d.port), 0);
        CHECK(line_is(&s, c[i].want, c[i].rtscts));
        teardown(&s, &d, &modem_port_ops);
    }
}

static void
t_lock_held_while_open(void)
{
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, NULL));
    char lock[PATH_MAX + 16], want[16], buf[32] = {0};
    lock_file(&s, lock, sizeof(lock));
    CHECK_EQ(open_port(&d, &modem_port_ops, s.link, "1", 0), 0);
    int fd = open(lock, O_RDONLY | O_CLOEXEC);
    CHECK(fd >= 0);
    if (fd >= 0) {
        CHECK_EQ(read(fd, buf, sizeof(buf) - 1), 11);
        close(fd);
    }
    snprintf(want, sizeof(want), "%10ld\n", (long)getpid());
    CHECK_STR(buf, want);
    /* a second user of the port, even in this process, is refused */
    struct drv d2 = d;
    d2.port = NULL;
    CHECK_EQ(open_port(&d2, &modem_port_ops, s.link, "1", 0), ERROR_PORT_NOT_AVAILABLE);
    CHECK(d2.port == NULL);
    /* and through another name for the same device */
    char real[PATH_MAX];
    if (realpath(s.link, real))
        CHECK_EQ(open_port(&d2, &direct_port_ops, real, NULL, 0), ERROR_PORT_NOT_AVAILABLE);
    modem_port_ops.close(d.port);
    d.port = NULL;
    CHECK(access(lock, F_OK) != 0);
    teardown(&s, &d, &modem_port_ops);
}

static void
t_lock_gone_after_a_call(void)
{
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, NULL));
    char lock[PATH_MAX + 16];
    lock_file(&s, lock, sizeof(lock));
    if (open_port(&d, &modem_port_ops, s.link, "1", 0) == 0) {
        d.stop_on_connect = true;
        modem_port_ops.dial(d.port);
        run_for(&d, 10000);
        CHECK(d.connected);
        CHECK(access(lock, F_OK) == 0);
    }
    teardown(&s, &d, &modem_port_ops);
    CHECK(access(lock, F_OK) != 0);
}

static void
t_stale_lock_taken_over(void)
{
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, NULL));
    char lock[PATH_MAX + 16];
    lock_file(&s, lock, sizeof(lock));
    write_lock(lock, 999999);     /* above pid_max's default: no such process */
    CHECK_EQ(open_port(&d, &modem_port_ops, s.link, "1", 0), 0);
    char buf[32] = {0}, want[16];
    int fd = open(lock, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        CHECK(read(fd, buf, sizeof(buf) - 1) > 0);
        close(fd);
    }
    snprintf(want, sizeof(want), "%10ld\n", (long)getpid());
    CHECK_STR(buf, want);
    teardown(&s, &d, &modem_port_ops);
    CHECK(access(lock, F_OK) != 0);
}

static void
t_live_lock_respected(void)
{
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, NULL));
    char lock[PATH_MAX + 16];
    lock_file(&s, lock, sizeof(lock));
    write_lock(lock, (long)s.pid);    /* the simulator: alive */
    CHECK_EQ(open_port(&d, &modem_port_ops, s.link, "1", 0), ERROR_PORT_NOT_AVAILABLE);
    CHECK(d.port == NULL);
    CHECK(access(lock, F_OK) == 0);   /* someone else's: left alone */
    unlink(lock);
    teardown(&s, &d, &modem_port_ops);
}

static void
t_no_such_device(void)
{
    struct drv d;
    memset(&d, 0, sizeof(d));
    setenv("RAS_LOCK_DIR", th_tmpdir(), 1);
    REQUIRE_EQ(loop_new(&d.loop), 0);
    CHECK_EQ(open_port(&d, &modem_port_ops, "/dev/openras-no-such-tty", "1", 0),
             ERROR_DEVICE_DOES_NOT_EXIST);
    char lock[PATH_MAX];
    snprintf(lock, sizeof(lock), "%s/LCK..openras-no-such-tty", th_tmpdir());
    CHECK(access(lock, F_OK) != 0);
    loop_free(d.loop);
}

/* ---- on a pty of the test's own (no simulator) -------------------------- */

struct own_pty {
    int master;
    char slave[64];
};

static bool
own_pty_open(struct own_pty *t)
{
    t->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (t->master < 0)
        return false;
    if (grantpt(t->master) < 0 || unlockpt(t->master) < 0 ||
        ptsname_r(t->master, t->slave, sizeof(t->slave)) != 0) {
        close(t->master);
        return false;
    }
    fcntl(t->master, F_SETFL, fcntl(t->master, F_GETFL) | O_NONBLOCK);
    return true;
}

/* A pty of our own and rasmand's loop around it, locks in the scratch
 * directory; false (nothing held) if either could not be made. */
static bool
own_setup(struct own_pty *t, struct drv *d)
{
    memset(d, 0, sizeof(*d));
    setenv("RAS_LOCK_DIR", th_tmpdir(), 1);
    if (!own_pty_open(t))
        return false;
    if (loop_new(&d->loop) != 0) {
        close(t->master);
        return false;
    }
    loop_timer_init(&d->guard, guard_fired, d);
    return true;
}

static void
own_teardown(struct own_pty *t, struct drv *d, const struct port_ops *ops)
{
    ops->close(d->port);
    /* the other end gone: a hang-up under way sees the line drop */
    if (t->master >= 0)
        close(t->master);
    t->master = -1;
    drain_hang_ups(d);
    loop_free(d->loop);
}

/* A modem that never answers: the init's deadline ends the call. */
static void
t_silent_modem(void)
{
    struct own_pty t;
    struct drv d;
    REQUIRE(own_setup(&t, &d));
    if (open_port(&d, &modem_port_ops, t.slave, "1", 0) == 0) {
        CHECK_EQ(modem_port_ops.dial(d.port), 0);
        uint64_t t0 = loop_clock_ms();
        run_for(&d, 8000);
        CHECK(d.down);
        CHECK_EQ(d.error, ERROR_PORT_OR_DEVICE);
        CHECK(loop_clock_ms() - t0 >= 4900);
        char buf[16] = {0};
        CHECK_EQ(read(t.master, buf, sizeof(buf) - 1), 4);
        CHECK_STR(buf, "ATZ\r");
    } else {
        CHECK(!"open");
    }
    own_teardown(&t, &d, &modem_port_ops);
}

/* The test plays a cellular module on its own pty: OK to everything but
 * AT+CPIN?, answered with cpin; what else it was sent goes to heard. Runs
 * until the port reports down. */
static void
play_module(struct own_pty *t, struct drv *d, const char *cpin, char *heard, size_t cap)
{
    char line[128];
    size_t len = 0;
    for (int i = 0; i < 400 && !d->down; i++) {
        char c;
        while (read(t->master, &c, 1) == 1) {
            if (c != '\r') {
                if (len < sizeof(line) - 1)
                    line[len++] = c;
                continue;
            }
            line[len] = 0;
            len = 0;
            char out[96];
            if (strcmp(line, "AT+CPIN?") == 0) {
                snprintf(out, sizeof(out), "\r\n+CPIN: %s\r\n\r\nOK\r\n", cpin);
            } else {
                snprintf(out, sizeof(out), "\r\nOK\r\n");
                if (strncmp(line, "AT+CPIN", 7) == 0)
                    snprintf(heard, cap, "%.60s", line);
            }
            CHECK(write(t->master, out, strlen(out)) == (ssize_t)strlen(out));
        }
        run_for(d, 10);
    }
}

/* A SIM that asked for its PUK is remembered: on the next dial the SIM
 * asking for its PIN (a module reset, say) gets no PIN (647 again), so a
 * blocked SIM is never pushed nearer to dead; once it is found ready it
 * is forgotten. */
static void
t_cell_puk_remembered(void)
{
    static const char *const answers[] = { "SIM PUK", "SIM PIN", "READY", "SIM PIN" };
    static const uint32_t want[] = { ERROR_ACCT_DISABLED, ERROR_ACCT_DISABLED, 0, 0 };
    struct own_pty t;
    struct drv d;
    REQUIRE(own_setup(&t, &d));
    for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
        char heard[64] = "";
        cell_pin = "1234";
        cell_apn = "internet";
        uint32_t rc = open_port(&d, &modem_port_ops, t.slave, "*99#", 0);
        cell_pin = cell_apn = NULL;
        REQUIRE_EQ(rc, 0);
        d.down = d.connected = false;
        d.stop_on_connect = true;
        CHECK_EQ(modem_port_ops.dial(d.port), 0);
        /* the module here answers OK to ATD: no CONNECT, so the dial ends
         * at its own deadline; stop at the PIN step's outcome instead */
        play_module(&t, &d, answers[i], heard, sizeof(heard));
        if (want[i]) {
            CHECK(d.down);
            CHECK_EQ(d.error, want[i]);
            CHECK_STR(heard, "");
        } else {
            CHECK(!d.down || d.error != ERROR_ACCT_DISABLED);
        }
        if (i == 3)
            CHECK_STR(heard, "AT+CPIN=\"1234\"");
        modem_port_ops.close(d.port);
        d.port = NULL;
        tcflush(t.master, TCIOFLUSH);
    }
    own_teardown(&t, &d, &modem_port_ops);
    modem_puk_forget_all();
}

/* Nobody reads the line: the queue fills to its ceiling, then refuses
 * (603) without blocking; once the line drains it takes bytes again. The
 * far end closing is a lost carrier. */
static void
t_direct_queue_bounded(void)
{
    struct own_pty t;
    struct drv d;
    REQUIRE(own_setup(&t, &d));
    if (open_port(&d, &direct_port_ops, t.slave, NULL, 0) == 0) {
        d.stop_on_connect = true;
        CHECK_EQ(direct_port_ops.dial(d.port), 0);
        run_for(&d, 2000);
        REQUIRE(d.connected);
        static uint8_t chunk[4096];
        memset(chunk, '~', sizeof(chunk));
        uint32_t rc = 0;
        int n;
        for (n = 0; n < 1000 && rc == 0; n++)
            rc = direct_port_ops.write(d.port, chunk, sizeof(chunk));
        CHECK_EQ(rc, ERROR_BUFFER_TOO_SMALL);
        CHECK(n < 1000);
        /* drain the far end while the loop flushes the queue */
        uint8_t sink[65536];
        long drained = 0;
        for (int i = 0; i < 50; i++) {
            ssize_t r;
            while ((r = read(t.master, sink, sizeof(sink))) > 0)
                drained += r;
            run_for(&d, 10);
        }
        CHECK(drained >= (long)(n - 1) * (long)sizeof(chunk));
        CHECK_EQ(direct_port_ops.write(d.port, chunk, sizeof(chunk)), 0);
        close(t.master);
        t.master = -1;
        run_for(&d, 2000);
        CHECK(d.down);
        CHECK_EQ(d.error, ERROR_PORT_DISCONNECTED);
    } else {
        CHECK(!"open");
    }
    own_teardown(&t, &d, &direct_port_ops);
}

/* ---- which descriptors and paths a port takes (issue 8) ----------------- */

/* Paths rasmand may open itself: decided on the text alone. */
static void
t_path_check(void)
{
    static const char *const ok[] = { "/dev/ttyS0", "/dev/pts/3", "/dev/serial/by-id/x",
                                      "/dev/..x", "/dev/.x" };
    static const char *const bad[] = {
        "/dev/", "/dev", "dev/ttyS0", "ttyS0", "/dev/../etc/shadow", "/dev/pts/../../etc/x",
        "/dev/./ttyS0", "/dev//ttyS0", "/dev/ttyS0/", "/dev/pts/..", "/dev/.", "/tmp/x",
        "/dev/pts//3", "//dev/ttyS0", "",
    };
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
        if (!serial_path_ok(ok[i]))
            th_fail(__FILE__, __LINE__, "refused %s", ok[i]);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (serial_path_ok(bad[i]))
            th_fail(__FILE__, __LINE__, "accepted %s", bad[i]);
}

static uint32_t
open_with(struct drv *d, const char *device, int fd)
{
    struct port_params pp = { .device_type = "modem", .device_name = device, .fd = fd,
                              .phone = "1" };
    struct port_cb cb = { .ctx = d, .connected = on_connected, .input = on_input,
                          .down = on_down };
    return modem_port_ops.open(d->loop, &pp, &cb, &d->port);
}

/* A path opened by the port is not followed through a symlink (even one
 * under /dev/); the same device passed as a descriptor is taken, locked
 * under the name the descriptor has; whatever path came with it is not
 * looked at. */
static void
t_symlink_and_descriptor(void)
{
    struct sim s;
    struct drv d;
    char link[64], lock[PATH_MAX + 16];
    REQUIRE(setup(&s, &d, NULL));
    char real[PATH_MAX];
    REQUIRE(realpath(s.link, real) != NULL);
    snprintf(link, sizeof(link), "/dev/shm/openras-test-%ld", (long)getpid());
    unlink(link);
    if (symlink(real, link) != 0) {
        teardown(&s, &d, &modem_port_ops);
        th_skip("no /dev/shm to put a symlink in");
    }
    CHECK_EQ(open_with(&d, link, -1), ERROR_DEVICE_DOES_NOT_EXIST);
    CHECK(d.port == NULL);
    int fd = open(link, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    REQUIRE(fd >= 0);
    CHECK_EQ(open_with(&d, "/dev/../etc/shadow", fd), 0);
    close(fd);
    lock_file(&s, lock, sizeof(lock));
    CHECK(access(lock, F_OK) == 0);
    unlink(link);
    teardown(&s, &d, &modem_port_ops);
    CHECK(access(lock, F_OK) != 0);
}

/* Descriptors that are no terminal: 608, and no lock taken. */
static void
t_descriptor_not_a_tty(void)
{
    struct drv d;
    char file[600];
    int sv[2];
    memset(&d, 0, sizeof(d));
    setenv("RAS_LOCK_DIR", th_tmpdir(), 1);
    REQUIRE_EQ(loop_new(&d.loop), 0);
    snprintf(file, sizeof(file), "%s/plain", th_tmpdir());
    REQUIRE_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    int fds[] = { open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0600), sv[0],
                  open("/dev/null", O_RDWR | O_CLOEXEC) };
    for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
        CHECK(fds[i] >= 0);
        CHECK_EQ(open_with(&d, "/dev/null", fds[i]), ERROR_DEVICE_DOES_NOT_EXIST);
        CHECK(d.port == NULL);
        close(fds[i]);
    }
    close(sv[1]);
    char lock[PATH_MAX];
    snprintf(lock, sizeof(lock), "%s/LCK..null", th_tmpdir());
    CHECK(access(lock, F_OK) != 0);
    loop_free(d.loop);
}

/* ---- allocation failures ------------------------------------------------ */

struct fault_ctx {
    struct sim *sim;
    struct drv *d;
};

static uint32_t
open_and_close(void *ctx)
{
    struct fault_ctx *f = ctx;
    uint32_t rc = open_port(f->d, &modem_port_ops, f->sim->link, "1", 0);
    modem_port_ops.close(rc ? NULL : f->d->port);
    f->d->port = NULL;
    return rc;
}

static void
t_open_allocation_failures(void)
{
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, NULL));
    struct fault_ctx f = { &s, &d };
    CHECK(th_fault_sweep("modem open", open_and_close, &f, ERROR_NOT_ENOUGH_MEMORY, NULL) >= 1);
    /* again with the device's init-command file to read */
    char dir[PATH_MAX], path[PATH_MAX + 64];
    snprintf(dir, sizeof(dir), "%s/modems-fault", th_tmpdir());
    REQUIRE(mkdir(dir, 0700) == 0);
    snprintf(path, sizeof(path), "%s/%s", dir, strrchr(s.link, '/') + 1);
    FILE *file = fopen(path, "w");
    REQUIRE(file);
    fputs("AT+DEV\n", file);
    fclose(file);
    modem_config_dir = dir;
    CHECK(th_fault_sweep("modem open with a device file", open_and_close, &f,
                         ERROR_NOT_ENOUGH_MEMORY, NULL) >= 2);
    modem_config_dir = MODEM_CONFIG_DIR;
    unlink(path);
    rmdir(dir);
    char lock[PATH_MAX + 16];
    lock_file(&s, lock, sizeof(lock));
    CHECK(access(lock, F_OK) != 0);
    teardown(&s, &d, &modem_port_ops);
}

/* A cellular entry's whole dialog (PIN, APN, registration, signal, *99#)
 * to CONNECT, then close and the hang-up phase to its end. */
static uint32_t
cell_dial_and_close(void *ctx)
{
    struct fault_ctx *f = ctx;
    cell_apn = "internet";
    cell_pin = "1234";
    uint32_t rc = open_port(f->d, &modem_port_ops, f->sim->link, "*99#", 0);
    cell_apn = cell_pin = NULL;
    if (rc)
        return rc;
    f->d->stop_on_connect = true;
    f->d->connected = f->d->down = false;
    CHECK_EQ(modem_port_ops.dial(f->d->port), 0);
    run_for(f->d, 10000);
    CHECK(f->d->connected);
    modem_port_ops.close(f->d->port);
    f->d->port = NULL;
    drain_hang_ups(f->d);
    return 0;
}

/* Every allocation through the cellular dialog and the hang-up failing in
 * turn: each fails cleanly, and nothing (memory, descriptor, lock) stays. */
static void
t_cell_dialog_allocation_failures(void)
{
    static const char *const args[] = { "--sim=pin=1234", "--apn=internet", NULL };
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, args));
    struct fault_ctx f = { &s, &d };
    CHECK(th_fault_sweep("cellular dialog", cell_dial_and_close, &f, ERROR_NOT_ENOUGH_MEMORY,
                         NULL) >= 1);
    char lock[PATH_MAX + 16];
    lock_file(&s, lock, sizeof(lock));
    CHECK(access(lock, F_OK) != 0);
    teardown(&s, &d, &modem_port_ops);
}

/* ---- direct ------------------------------------------------------------ */

static void
t_direct_connects_at_once(void)
{
    struct sim s;
    struct drv d;
    REQUIRE(setup(&s, &d, NULL));
    if (open_port(&d, &direct_port_ops, s.link, NULL, 0) == 0) {
        d.stop_on_connect = true;
        CHECK_EQ(direct_port_ops.dial(d.port), 0);
        CHECK(!d.connected);      /* never from inside dial */
        run_for(&d, 2000);
        CHECK(d.connected);
        CHECK_EQ(direct_port_ops.bps(d.port), 115200);
    } else {
        CHECK(!"open");
    }
    teardown(&s, &d, &direct_port_ops);
}

/* A modem that takes the number and never reports: ATD's deadline (60 s)
 * ends the call as no answer. Slow, so in the soak suite. */
static void
t_dial_silence(void)
{
    static const char *const args[] = { "--script=1=silent", NULL };
    uint64_t t0 = loop_clock_ms();
    CHECK_EQ(dial(args, "1", 0, NULL), ERROR_NO_ANSWER);
    uint64_t took = loop_clock_ms() - t0;
    CHECK(took >= 59000 && took < 75000);
}

static void
t_match(void)
{
    CHECK(modem_port_ops.match("modem", "/dev/ttyS0"));
    CHECK(modem_port_ops.match("MODEM", "/dev/ttyUSB0"));
    CHECK(!modem_port_ops.match("modem", "loopback"));
    CHECK(!modem_port_ops.match("modem", "/dev/"));
    CHECK(!modem_port_ops.match("direct", "/dev/ttyS0"));
    CHECK(direct_port_ops.match("direct", "/dev/ttyS0"));
    CHECK(direct_port_ops.match("SERIAL", "/dev/ttyS1"));
    CHECK(!direct_port_ops.match("modem", "/dev/ttyS0"));
    CHECK(!direct_port_ops.match("direct", "COM1"));
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s RAS-MODEM-SIM\n", argv[0]);
        return 2;
    }
    sim_exe = argv[1];
    if (argc > 2 && strcmp(argv[2], "slow") == 0) {
        TH_RUN(t_dial_silence);
        return th_done();
    }
    TH_RUN(t_match);
    TH_RUN(t_results_map_to_ras_errors);
    TH_RUN(t_connect);
    TH_RUN(t_init_two_commands);
    TH_RUN(t_init_command_error);
    TH_RUN(t_init_command_silent);
    TH_RUN(t_init_echo_on);
    TH_RUN(t_init_bounds);
    TH_RUN(t_init_device_file);
    TH_RUN(t_cell_pin_apn_connect);
    TH_RUN(t_cell_pin_needed_and_wrong);
    TH_RUN(t_cell_puk);
    TH_RUN(t_cell_puk_remembered);
    TH_RUN(t_cell_registration);
    TH_RUN(t_cell_no_carrier_mid_session);
    TH_RUN(t_hang_up_drops_dtr);
    TH_RUN(t_hang_up_modem_ignoring_dtr);
    TH_RUN(t_hang_up_forced);
    TH_RUN(t_hang_up_while_dialing);
    TH_RUN(t_split_and_garbage_connect);
    TH_RUN(t_redial);
    TH_RUN(t_bad_phone);
    TH_RUN(t_carrier_loss);
    TH_RUN(t_data_both_ways);
    TH_RUN(t_write_before_connect);
    TH_RUN(t_line_settings);
    TH_RUN(t_lock_held_while_open);
    TH_RUN(t_lock_gone_after_a_call);
    TH_RUN(t_stale_lock_taken_over);
    TH_RUN(t_live_lock_respected);
    TH_RUN(t_no_such_device);
    TH_RUN(t_path_check);
    TH_RUN(t_symlink_and_descriptor);
    TH_RUN(t_descriptor_not_a_tty);
    TH_RUN(t_direct_connects_at_once);
    TH_RUN(t_silent_modem);
    TH_RUN(t_direct_queue_bounded);
    TH_RUN(t_open_allocation_failures);
    TH_RUN(t_cell_dialog_allocation_failures);
    return th_done();
}
