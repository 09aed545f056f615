/* ras-modem-sim as a modem client sees it: AT commands over its pty, each
 * scripted outcome's result code, CONNECT split across reads, redial
 * sequences, the +++ escape, hang-up when the line closes, the bridge to a
 * unix socket and a carrier drop. argv[1] is the simulator. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "port/at.h"
#include "sim.h"

static const char *sim_exe;

static void
nap(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
}

static void
say(int fd, const char *s)
{
    REQUIRE_EQ(write(fd, s, strlen(s)), (long long)strlen(s));
}

/* Reads until a result code (-1 on timeout or a closed line); *reads counts
 * the read calls that returned data. */
static int
result(int fd, struct at_parser *ap, uint32_t *bps, int *reads)
{
    for (int waited = 0; waited < 5000;) {
        struct pollfd pf = { .fd = fd, .events = POLLIN };
        if (poll(&pf, 1, 50) == 0) {
            waited += 50;
            continue;
        }
        /* one byte at a time, so nothing past the result is consumed */
        uint8_t c;
        if (read(fd, &c, 1) != 1)
            return -1;
        if (reads)
            (*reads)++;
        struct at_event ev;
        bool got;
        at_feed(ap, &c, 1, &ev, &got);
        if (got) {
            if (bps)
                *bps = ev.bps;
            return (int)ev.result;
        }
    }
    return -1;
}

static int
command(int fd, const char *cmd)
{
    struct at_parser ap;
    at_init(&ap);
    say(fd, cmd);
    return result(fd, &ap, NULL, NULL);
}

struct line {
    struct sim sim;
    int fd;
};

static void
line_up(struct line *l, const char *const *args)
{
    l->fd = -1;
    REQUIRE(sim_start(&l->sim, sim_exe, args));
    l->fd = sim_open_line(&l->sim);
    if (l->fd < 0)
        sim_stop(&l->sim);
    REQUIRE(l->fd >= 0);
}

static void
line_down(struct line *l)
{
    if (l->fd >= 0)
        close(l->fd);
    l->fd = -1;
    sim_stop(&l->sim);
}

static void
t_commands_ok(void)
{
    struct line l;
    line_up(&l, NULL);
    CHECK_EQ(command(l.fd, "ATZ\r"), AT_OK);
    CHECK_EQ(command(l.fd, "AT&F\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATI\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATE0V1\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATH\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATS0=0M1L2&C1&D2\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATV0\r"), AT_OK);
    CHECK_EQ(command(l.fd, "AT!\r"), AT_ERROR);
    CHECK_EQ(command(l.fd, "HELLO\r"), AT_ERROR);
    line_down(&l);
}

static void
t_echo(void)
{
    struct line l;
    line_up(&l, NULL);
    say(l.fd, "ATZ\r");
    char buf[64] = {0};
    size_t got = 0;
    while (got < 4) {
        struct pollfd pf = { .fd = l.fd, .events = POLLIN };
        REQUIRE(poll(&pf, 1, 2000) == 1);
        ssize_t n = read(l.fd, buf + got, 4 - got);
        REQUIRE(n > 0);
        got += (size_t)n;
    }
    CHECK(memcmp(buf, "ATZ\r", 4) == 0);
    line_down(&l);
}

static void
t_every_outcome(void)
{
    static const char *const args[] = {
        "--script=1=busy", "--script=2=noanswer", "--script=3=nocarrier",
        "--script=4=nodialtone", "--script=5=error", "--script=6=slow=200+busy", NULL,
    };
    static const struct { const char *dial; enum at_result want; } c[] = {
        { "ATDT1\r", AT_BUSY }, { "ATDT2\r", AT_NO_ANSWER }, { "ATDP3\r", AT_NO_CARRIER },
        { "ATD4\r", AT_NO_DIALTONE }, { "ATDT5\r", AT_ERROR }, { "ATDT6\r", AT_BUSY },
    };
    struct line l;
    line_up(&l, args);
    CHECK_EQ(command(l.fd, "ATE0\r"), AT_OK);
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
        CHECK_EQ(command(l.fd, c[i].dial), c[i].want);
    line_down(&l);
}

static void
t_numeric_replies(void)
{
    static const char *const args[] = { "--script=1=busy", NULL };
    struct line l;
    line_up(&l, args);
    CHECK_EQ(command(l.fd, "ATE0V0\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATDT1\r"), AT_BUSY);
    CHECK_EQ(command(l.fd, "ATDT2\r"), AT_CONNECT);
    line_down(&l);
}

static void
t_connect_and_escape(void)
{
    static const char *const args[] = { "--guard-ms=100", NULL };
    struct line l;
    line_up(&l, args);
    struct at_parser ap;
    at_init(&ap);
    uint32_t bps = 0;
    say(l.fd, "ATDT5551234\r");
    CHECK_EQ(result(l.fd, &ap, &bps, NULL), AT_CONNECT);
    CHECK_EQ(bps, 115200);
    nap(200);
    CHECK_EQ(command(l.fd, "+++"), AT_OK);
    CHECK_EQ(command(l.fd, "ATH\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATO\r"), AT_NO_CARRIER);
    line_down(&l);
}

static void
t_split_connect(void)
{
    static const char *const args[] = { "--script=777=split", NULL };
    struct line l;
    line_up(&l, args);
    CHECK_EQ(command(l.fd, "ATE0\r"), AT_OK);
    struct at_parser ap;
    at_init(&ap);
    say(l.fd, "ATDT777\r");
    /* one byte per read on our side; the simulator wrote one per write, so
     * its reply is 18 bytes read over 18 wake-ups */
    int reads = 0;
    uint32_t bps = 0;
    CHECK_EQ(result(l.fd, &ap, &bps, &reads), AT_CONNECT);
    CHECK_EQ(bps, 115200);
    CHECK(reads >= 17);
    line_down(&l);
}

static void
t_garbage_then_connect(void)
{
    static const char *const args[] = { "--script=9=garbage", NULL };
    struct line l;
    line_up(&l, args);
    CHECK_EQ(command(l.fd, "ATE0\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATDT9\r"), AT_CONNECT);
    line_down(&l);
}

static void
t_successive_outcomes(void)
{
    static const char *const args[] = { "--script=42=busy,busy,connect", NULL };
    struct line l;
    line_up(&l, args);
    CHECK_EQ(command(l.fd, "ATE0\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATDT42\r"), AT_BUSY);
    CHECK_EQ(command(l.fd, "ATDT42\r"), AT_BUSY);
    CHECK_EQ(command(l.fd, "ATDT42\r"), AT_CONNECT);
    line_down(&l);
}

/* Closing the line is a hang-up: the next open finds the modem on hook,
 * back to its defaults (echo on). */
static void
t_close_hangs_up(void)
{
    struct line l;
    line_up(&l, NULL);
    CHECK_EQ(command(l.fd, "ATE0\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATDT1\r"), AT_CONNECT);
    close(l.fd);
    nap(100);
    l.fd = sim_open_line(&l.sim);
    REQUIRE(l.fd >= 0);
    CHECK_EQ(command(l.fd, "ATO\r"), AT_NO_CARRIER);
    line_down(&l);
}

static void
t_bridge(void)
{
    char path[100], opt[120];
    snprintf(path, sizeof(path), "%s/isp", th_tmpdir());
    snprintf(opt, sizeof(opt), "--bridge=unix:%s", path);
    int ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(ls >= 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(ls, 1) < 0) {
        close(ls);
        REQUIRE(!"bind");
    }
    const char *const args[] = { opt, NULL };
    struct line l;
    line_up(&l, args);
    CHECK_EQ(command(l.fd, "ATE0\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATDT1\r"), AT_CONNECT);
    int isp = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
    CHECK(isp >= 0);
    char buf[16] = {0};
    if (isp >= 0) {
        say(l.fd, "~hello~");
        CHECK_EQ(read(isp, buf, 7), 7);
        CHECK(memcmp(buf, "~hello~", 7) == 0);
        CHECK_EQ(write(isp, "~world~", 7), 7);
        /* the LF ending CONNECT's line is still unread */
        size_t got = 0;
        while (got < 8 && !memmem(buf, got, "~world~", 7)) {
            struct pollfd pf = { .fd = l.fd, .events = POLLIN };
            if (poll(&pf, 1, 2000) != 1)
                break;
            ssize_t n = read(l.fd, buf + got, 8 - got);
            if (n <= 0)
                break;
            got += (size_t)n;
        }
        CHECK(memmem(buf, got, "~world~", 7) != NULL);
        close(isp);
    }
    close(ls);
    line_down(&l);
}

/* Carrier lost: the line reads NO CARRIER, then ends (EIO), as a serial port
 * does when DCD drops with CLOCAL off. The link then names a fresh pty. */
static void
t_carrier_drop(void)
{
    static const char *const args[] = { "--script=1=drop=1", NULL };
    struct line l;
    line_up(&l, args);
    CHECK_EQ(command(l.fd, "ATE0\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATDT1\r"), AT_CONNECT);
    /* NO CARRIER may be flushed by the hang-up itself; the end may not */
    struct at_parser ap;
    at_init(&ap);
    int r = result(l.fd, &ap, NULL, NULL);
    CHECK(r == AT_NO_CARRIER || r == -1);
    ssize_t n = 1;
    for (int i = 0; i < 100 && n > 0; i++) {
        struct pollfd pf = { .fd = l.fd, .events = POLLIN };
        uint8_t c;
        poll(&pf, 1, 50);
        n = read(l.fd, &c, 1);
    }
    CHECK(n == 0 || (n < 0 && errno == EIO));
    close(l.fd);
    nap(100);
    l.fd = sim_open_line(&l.sim);
    REQUIRE(l.fd >= 0);
    CHECK_EQ(command(l.fd, "AT\r"), AT_OK);
    line_down(&l);
}

/* Whoever runs it learns it is no modem. */
/* A command's result and the information line before it. */
static int
query(int fd, const char *cmd, char *info, size_t cap)
{
    struct at_parser ap;
    at_init(&ap);
    say(fd, cmd);
    int r = result(fd, &ap, NULL, NULL);
    snprintf(info, cap, "%s", ap.info);
    return r;
}

/* The simulated cellular module: a SIM wanting its PIN takes the right
 * one, three wrong ones block it (then it wants the PUK and takes no PIN);
 * registration after two queries; the signal figure; a *99 call only
 * with the network's APN set. */
static void
t_cellular(void)
{
    static const char *const args[] = { "--sim=pin=1234", "--registration=after=2",
                                        "--csq=9", "--apn=internet", NULL };
    char info[AT_LINE_MAX + 1];
    struct line l;
    line_up(&l, args);
    CHECK_EQ(command(l.fd, "ATE0V1\r"), AT_OK);
    CHECK_EQ(query(l.fd, "AT+CPIN?\r", info, sizeof(info)), AT_OK);
    CHECK_STR(info, "+CPIN: SIM PIN");
    CHECK_EQ(command(l.fd, "ATD*99#\r"), AT_NO_CARRIER);     /* SIM not ready */
    CHECK_EQ(query(l.fd, "AT+CPIN=\"1111\"\r", info, sizeof(info)), AT_ERROR);
    CHECK_STR(info, "+CME ERROR: 16");
    CHECK_EQ(command(l.fd, "AT+CPIN=1234\r"), AT_OK);
    CHECK_EQ(query(l.fd, "AT+CPIN?\r", info, sizeof(info)), AT_OK);
    CHECK_STR(info, "+CPIN: READY");
    CHECK_EQ(query(l.fd, "AT+CREG?\r", info, sizeof(info)), AT_OK);
    CHECK_STR(info, "+CREG: 0,2");
    CHECK_EQ(query(l.fd, "AT+CEREG?\r", info, sizeof(info)), AT_OK);
    CHECK_STR(info, "+CEREG: 0,2");
    CHECK_EQ(query(l.fd, "AT+CREG?\r", info, sizeof(info)), AT_OK);
    CHECK_STR(info, "+CREG: 0,1");
    CHECK_EQ(query(l.fd, "AT+CSQ\r", info, sizeof(info)), AT_OK);
    CHECK_STR(info, "+CSQ: 9,99");
    CHECK_EQ(command(l.fd, "AT+CGDCONT=1,\"IP\",\"other\"\r"), AT_OK);
    CHECK_EQ(command(l.fd, "ATD*99#\r"), AT_NO_CARRIER);     /* the wrong APN */
    CHECK_EQ(command(l.fd, "AT+CGDCONT=1,\"IP\",\"internet\"\r"), AT_OK);
    CHECK_EQ(query(l.fd, "AT+CGDCONT?\r", info, sizeof(info)), AT_OK);
    CHECK_STR(info, "+CGDCONT: 1,\"IP\",\"internet\"");
    CHECK_EQ(command(l.fd, "AT+CGDCONT=2\r"), AT_ERROR);
    CHECK_EQ(command(l.fd, "ATD*99#\r"), AT_CONNECT);
    line_down(&l);
    static const char *const block[] = { "--sim=pin=1234", NULL };
    line_up(&l, block);
    for (int i = 0; i < 3; i++)
        CHECK_EQ(command(l.fd, "AT+CPIN=\"0000\"\r"), AT_ERROR);
    CHECK_EQ(query(l.fd, "AT+CPIN?\r", info, sizeof(info)), AT_OK);
    CHECK_STR(info, "+CPIN: SIM PUK");
    CHECK_EQ(query(l.fd, "AT+CPIN=\"1234\"\r", info, sizeof(info)), AT_ERROR);
    CHECK_STR(info, "+CME ERROR: 12");
    line_down(&l);
}

static void
t_says_it_is_simulated(void)
{
    char cmd[600], out[4096] = {0};
    snprintf(cmd, sizeof(cmd), "'%s' --help", sim_exe);
    FILE *f = popen(cmd, "r");
    REQUIRE(f);
    size_t n = fread(out, 1, sizeof(out) - 1, f);
    CHECK_EQ(pclose(f), 0);
    out[n] = '\0';
    CHECK(strstr(out, "SIMULATED") != NULL);
    CHECK(strstr(out, "Cellular (SIMULATED") != NULL);
    snprintf(cmd, sizeof(cmd), "'%s' --script=nonsense 2>/dev/null", sim_exe);
    f = popen(cmd, "r");
    REQUIRE(f);
    CHECK(pclose(f) != 0);
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s RAS-MODEM-SIM\n", argv[0]);
        return 2;
    }
    sim_exe = argv[1];
    TH_RUN(t_says_it_is_simulated);
    TH_RUN(t_commands_ok);
    TH_RUN(t_echo);
    TH_RUN(t_every_outcome);
    TH_RUN(t_numeric_replies);
    TH_RUN(t_connect_and_escape);
    TH_RUN(t_split_connect);
    TH_RUN(t_garbage_then_connect);
    TH_RUN(t_successive_outcomes);
    TH_RUN(t_close_hangs_up);
    TH_RUN(t_bridge);
    TH_RUN(t_carrier_drop);
    TH_RUN(t_cellular);
    return th_done();
}
