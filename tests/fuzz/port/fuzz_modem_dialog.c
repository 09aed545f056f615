/* Fuzz target 'modem-dialog': the serial port's AT dialog (src/port/modem.c)
 * against any modem. modem.c is compiled in, with a scripted loop
 * (fake_loop.h) and a socket pair for the serial line, so its static dialog
 * is reached and instrumented; the input plays the modem: its replies in
 * any chunking, the clock, our writes, a hang-up.
 * Asserts: we only ever send ATZ, ATE0V1, the configured init commands and
 * the dial command before
 * CONNECT; connected and down are each reported at most once, nothing
 * after down, and line bytes go up only once connected and never more than
 * the modem sent; with the clock run out the dialog ends (connected or
 * down) within its redials; close releases every byte and descriptor.
 *
 * Input: [setup] then records [op][len][len bytes]...
 *   setup bit0 direct cable (no AT); bits1-3 redial count; bit4 the
 *   entry's two extra init commands; bit5 a cellular entry (APN, SIM PIN,
 *   *99#: the SIM, APN, registration and signal steps before ATD).
 *   op%5: 0 the modem sends the bytes; 1 time moves on (bytes summed x 100
 *   ms, timers fire); 2 we write the bytes (PPP going out); 3 the line
 *   hangs up (EOF); 4 the line drains (EPOLLOUT). */
#include <stdlib.h>
#include <sys/socket.h>

#include "../../../src/port/modem.c"
#include "../../../src/port/modem_cell.c"
#include "../../../src/port/modem_hangup.c"

#include "fake_loop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PHONE "555-0100 x9"
#define INIT1 "AT&K3"
#define INIT2 "AT+CGDCONT=1,\"IP\",\"x\""
#define CELL_PHONE "*99#"
#define CELL_APN "internet"
#define CELL_PIN "1234"

/* What a cellular entry's dialog may send, besides ATZ and ATE0V1. */
static const char *const cell_cmds[] = {
    "AT+CPIN?\r", "AT+CPIN=\"" CELL_PIN "\"\r", "AT+CGDCONT=1,\"IP\",\"" CELL_APN "\"\r",
    "AT+CREG?\r", "AT+CEREG?\r", "AT+CSQ\r", "ATD" CELL_PHONE "\r",
};

static bool
cell_cmd(const char *line)
{
    for (size_t i = 0; i < sizeof(cell_cmds) / sizeof(cell_cmds[0]); i++)
        if (strcmp(line, cell_cmds[i]) == 0)
            return true;
    return false;
}

static void
fail(const char *why)
{
    fprintf(stderr, "modem-dialog fuzz: %s\n", why);
    abort();
}

/* The serial line: our end is the port's descriptor, the modem keeps the
 * other. */
static int modem_fd = -1;

uint32_t
serial_open(struct serial *s, const char *device, int client_fd, uint32_t bps, bool hw_flow)
{
    int sv[2];
    (void)device;
    (void)client_fd;
    (void)bps;
    (void)hw_flow;
    memset(s, 0, sizeof(*s));
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0)
        return ERROR_PORT_NOT_AVAILABLE;
    s->fd = sv[0];
    modem_fd = sv[1];
    return 0;
}

void
serial_watch_carrier(struct serial *s, bool watch)
{
    (void)s;
    (void)watch;
}

void
serial_close(struct serial *s)
{
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    if (modem_fd >= 0)
        close(modem_fd);
    modem_fd = -1;
}

struct seen {
    int connected, down;
    bool down_first;              /* a callback came after down */
    size_t up_bytes;              /* line bytes passed up */
};

static void
on_connected(void *ctx, uint32_t bps)
{
    struct seen *s = ctx;
    if (s->down || bps == 0)
        fail("connected after down, or at 0 bps");
    s->connected++;
}

static void
on_input(void *ctx, const uint8_t *b, size_t n)
{
    struct seen *s = ctx;
    (void)b;
    if (!s->connected || s->down || n == 0)
        fail("line bytes before CONNECT, after down, or empty");
    s->up_bytes += n;
}

static void
on_down(void *ctx, uint32_t error)
{
    struct seen *s = ctx;
    if (s->down || error == 0)
        fail("down twice, or with no error");
    s->down++;
}

/* What the modem read from us: before CONNECT, only our commands. */
static void
check_sent(const struct modem_port *p, const struct seen *s)
{
    static char acc[512];
    static size_t len;
    char buf[4096];
    ssize_t n;
    if (!p) {
        len = 0;
        return;
    }
    while ((n = read(modem_fd, buf, sizeof(buf))) > 0) {
        if (s->connected || p->direct)
            continue;             /* PPP from here on */
        for (ssize_t i = 0; i < n; i++) {
            if (len == sizeof(acc) - 1)
                fail("a command line without an end");
            acc[len++] = buf[i];
            if (buf[i] != '\r')
                continue;
            acc[len] = '\0';
            if (strcmp(acc, "ATZ\r") && strcmp(acc, "ATE0V1\r") && strcmp(acc, "ATDT" PHONE "\r") &&
                strcmp(acc, INIT1 "\r") && strcmp(acc, INIT2 "\r") && !(p->cellular && cell_cmd(acc)))
                fail("sent something that is not our command");
            len = 0;
        }
    }
}

static void
modem_sends(struct modem_port *p, const uint8_t *d, size_t n, size_t *sent)
{
    if (n == 0 || send(modem_fd, d, n, MSG_NOSIGNAL) != (ssize_t)n)
        return;
    *sent += n;
    if (p->io.registered)
        io_ready(p, EPOLLIN);
}

static void
op(struct loop *l, struct modem_port *p, uint8_t code, const uint8_t *d, size_t n,
   size_t *sent)
{
    unsigned step = 0;
    switch (code % 5) {
    case 0:
        modem_sends(p, d, n, sent);
        break;
    case 1:
        for (size_t k = 0; k < n; k++)
            step += d[k];
        fake_loop_advance(l, l->now + (uint64_t)step * 100);
        break;
    case 2:
        if (modem_write(&p->base, d, n) == 0 && p->state != MS_CONNECTED)
            fail("a write accepted before CONNECT");
        break;
    case 3:
        shutdown(modem_fd, SHUT_WR);
        if (p->io.registered)
            io_ready(p, EPOLLIN | EPOLLHUP);
        break;
    default:
        if (p->io.registered)
            io_ready(p, EPOLLOUT);
        break;
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    long live0 = ras_alloc_live();
    modem_config_dir = "/nonexistent/modem-dialog-fuzz";   /* not the host's */
    modem_puk_forget_all();       /* each input from the same start */
    bool cell = data[0] & 0x20;
    struct loop l = {.now = 1000};
    struct seen s = {0};
    struct port_params pp = {.device_type = "modem", .device_name = "/dev/ttyFUZZ",
                             .phone = cell ? CELL_PHONE : PHONE,
                             .apn = cell ? CELL_APN : NULL, .pin = cell ? CELL_PIN : NULL,
                             .redial_count = data[0] >> 1 & 7,
                             .redial_pause_s = 3,
                             .init_cmds = data[0] & 0x10 ? INIT1 "\n" INIT2 : NULL};
    struct port_cb cb = {.ctx = &s, .connected = on_connected, .input = on_input, .down = on_down};
    const struct port_ops *ops = data[0] & 1 ? &direct_port_ops : &modem_port_ops;
    struct port *base;
    if (ops->open(&l, &pp, &cb, &base) != 0)
        fail("open failed");
    struct modem_port *p = (struct modem_port *)base;
    if (ops->dial(base) != 0)
        fail("dial refused");
    /* (a direct port stays idle until its timer says connected, so a
     * second dial there only re-arms it) */
    if (!p->direct && ops->dial(base) == 0)
        fail("a second dial was accepted");
    check_sent(NULL, &s);
    size_t sent = 0;
    for (size_t i = 1; i + 2 <= size;) {
        uint8_t code = data[i], n = data[i + 1];
        i += 2;
        if (n > size - i)
            n = (uint8_t)(size - i);
        op(&l, p, code, data + i, n, &sent);
        i += n;
        check_sent(p, &s);
        if (s.up_bytes > sent)
            fail("more bytes went up than the modem sent");
    }
    /* The clock alone must end the dialog: each attempt and pause is
     * bounded, and so is the number of attempts. */
    for (int k = 0; k < 2 * (REDIAL_MAX + 3) + PORT_INIT_CMDS_MAX && fake_loop_step(&l); k++)
        check_sent(p, &s);
    if (!s.connected && !s.down)
        fail("the dialog did not end when the clock ran out");
    if (s.connected > 1)
        fail("connected twice");
    ops->close(base);
    modem_hangups_force();        /* a terminal's hang-up phase (none on a socket) */
    if (l.ios != 0 || modem_fd != -1)
        fail("close left a descriptor registered or open");
    if (ras_alloc_live() != live0)
        fail("allocations leaked");
    return 0;
}
