/* Serial ports: a Hayes modem dialed with AT commands ("modem"), and a
 * direct cable to another computer ("direct"/"SERIAL", connected as soon
 * as the port opens). The AT dialog is a small state machine fed by the AT
 * parser and the loop's timers; once connected the line carries PPP and
 * every byte goes to the connection. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "common/loop.h"
#include "port/at.h"
#include "port/port.h"
#include "port/serial.h"

#define INIT_TIMEOUT_MS   5000
#define DIAL_TIMEOUT_MS   60000
#define REDIAL_MAX        99      /* a ceiling whatever the entry says */
#define OUTQ_MAX          16384   /* bytes waiting for the line */
#define PHONE_MAX         128
#define DTR_WAIT_MS       500     /* for the modem to hang up on DTR */
#define GUARD_MS          1100    /* S12's default escape guard (1 s), and a margin */
#define ESCAPE_WAIT_MS    3000    /* for OK after +++ and after ATH */
#define CARRIER_POLL_MS   20      /* how often the DTR wait looks at DCD */
#define CONFIG_FILE_MAX   4096    /* a device's command file, comments and all */
#define REG_POLL_MS       1000    /* between registration queries */
#define PUK_DEVICES_MAX   8       /* devices remembered with a SIM wanting its PUK */

const char *modem_config_dir = MODEM_CONFIG_DIR;
uint32_t modem_reg_deadline_ms = MODEM_REG_DEADLINE_MS;
void (*modem_log)(int level, const char *fmt, ...);

enum mstate {
    MS_IDLE,                      /* opened, not dialing */
    MS_RESET,                     /* ATZ sent */
    MS_SETUP,                     /* ATE0V1 sent */
    MS_INIT,                      /* an extra initialization command sent */
    MS_CELL,                      /* a cellular step (enum cstep) */
    MS_DIALING,                   /* ATDT sent */
    MS_REDIAL_WAIT,               /* the pause between attempts */
    MS_CONNECTED,
    MS_DOWN,                      /* down reported; waiting to be closed */
    MS_HANGING_UP,                /* closed by its owner, ending the call */
};

/* A cellular module's steps before the dial (3GPP TS 27.007 commands). */
enum cstep {
    CS_CPIN,                      /* AT+CPIN? sent: does the SIM want its PIN? */
    CS_PIN,                       /* AT+CPIN="<pin>" sent */
    CS_APN,                       /* AT+CGDCONT=1,"IP","<apn>" sent */
    CS_CREG,                      /* AT+CREG? sent (circuit-switched, 2G/3G) */
    CS_CEREG,                     /* AT+CEREG? sent (EPS, LTE) */
    CS_REG_WAIT,                  /* not registered yet: the pause before asking again */
    CS_CSQ,                       /* AT+CSQ sent */
};

/* The hang-up phase's steps (see "hanging up"). */
enum hstate {
    HS_NONE,
    HS_DTR,                       /* DTR down, waiting for the carrier to go */
    HS_GUARD,                     /* DTR back up, silence before +++ */
    HS_ESCAPE,                    /* +++ sent, waiting for OK */
    HS_ATH,                       /* ATH sent, waiting for OK */
    HS_DONE,                      /* closing from the timer */
};

struct modem_port {
    struct port base;
    struct loop *loop;
    struct port_cb cb;
    struct serial line;
    struct loop_io io;
    struct loop_timer timer;
    struct at_parser at;
    enum mstate state;
    bool direct;
    char phone[PHONE_MAX];
    char device[PORT_DEVICE_KEY_MAX];  /* for the PUK memory */
    bool cellular;                /* the APN, PIN and registration steps */
    char apn[PORT_APN_MAX + 1];
    char pin[PORT_PIN_MAX + 1];
    enum cstep cell;
    uint64_t reg_until;           /* the registration deadline */
    int csq;                      /* AT+CSQ's <rssi>, -1 before it answered */
    char init[PORT_INIT_CMDS_MAX][PORT_INIT_CMD_MAX + 1];
    unsigned n_init, init_at;     /* commands held, the one sent */
    uint32_t redials_left, redial_pause_ms;
    uint32_t bps;
    uint8_t outq[OUTQ_MAX];
    size_t out_head, out_len;
    bool out_armed;               /* EPOLLOUT requested */
    enum hstate hang;
    uint64_t hang_until;          /* the end of the DTR wait */
    struct termios hang_line;     /* the line's settings, to raise DTR again */
    struct modem_port *next_hanging;
};

static bool
is_dev(const char *name)
{
    return name && strncmp(name, "/dev/", 5) == 0 && name[5];
}

static bool
modem_match(const char *device_type, const char *device_name)
{
    return device_type && strcasecmp(device_type, RASDT_Modem) == 0 && is_dev(device_name);
}

static bool
direct_match(const char *device_type, const char *device_name)
{
    return device_type && (strcasecmp(device_type, "direct") == 0 ||
                           strcasecmp(device_type, RASDT_Serial) == 0) && is_dev(device_name);
}

/* ---- output ------------------------------------------------------------ */

static void
want_output(struct modem_port *p, bool on)
{
    if (p->io.registered && on != p->out_armed &&
        loop_io_mod(p->loop, &p->io, EPOLLIN | (on ? EPOLLOUT : 0)) == 0)
        p->out_armed = on;
}

/* false if the line failed */
static bool
flush_out(struct modem_port *p)
{
    while (p->out_len) {
        size_t chunk = p->out_len;
        if (p->out_head + chunk > OUTQ_MAX)
            chunk = OUTQ_MAX - p->out_head;
        ssize_t n = write(p->line.fd, p->outq + p->out_head, chunk);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            break;
        if (n <= 0)
            return false;
        p->out_head = (p->out_head + (size_t)n) % OUTQ_MAX;
        p->out_len -= (size_t)n;
    }
    if (p->out_len == 0)
        p->out_head = 0;
    want_output(p, p->out_len != 0);
    return true;
}

static uint32_t
queue_out(struct modem_port *p, const uint8_t *bytes, size_t n)
{
    if (n > OUTQ_MAX - p->out_len)
        return ERROR_BUFFER_TOO_SMALL;
    size_t tail = (p->out_head + p->out_len) % OUTQ_MAX;
    size_t first = n < OUTQ_MAX - tail ? n : OUTQ_MAX - tail;
    memcpy(p->outq + tail, bytes, first);
    memcpy(p->outq, bytes + first, n - first);
    p->out_len += n;
    /* a failed write shows up as a hang-up on the descriptor */
    flush_out(p);
    return 0;
}

static void
send_cmd(struct modem_port *p, const char *cmd, enum mstate next, uint32_t timeout_ms)
{
    at_init(&p->at);
    p->state = next;
    queue_out(p, (const uint8_t *)cmd, strlen(cmd));
    loop_timer_set(p->loop, &p->timer, loop_now(p->loop) + timeout_ms);
}

static void
send_dial(struct modem_port *p)
{
    char cmd[PHONE_MAX + 8];
    /* a packet call (*99#) is no tone dial: plain D, as 27.007 writes it */
    snprintf(cmd, sizeof(cmd), p->cellular ? "ATD%s\r" : "ATDT%s\r", p->phone);
    send_cmd(p, cmd, MS_DIALING, DIAL_TIMEOUT_MS);
}

/* ---- the dialog -------------------------------------------------------- */

/* Which extra initialization command failed: the RAS error cannot say. */
static void
note(const struct modem_port *p, const char *what, const char *how)
{
    if (modem_log)
        modem_log(0, "modem init command \"%s\" %s %s", p->init[p->init_at], what, how);
}

/* The device's and the entry's commands in order, each waiting for OK,
 * then the dial. */
static void cell_start(struct modem_port *p);

static void
send_init(struct modem_port *p, unsigned i)
{
    if (i >= p->n_init) {
        if (p->cellular)
            cell_start(p);
        else
            send_dial(p);
        return;
    }
    char cmd[PORT_INIT_CMD_MAX + 2];
    snprintf(cmd, sizeof(cmd), "%s\r", p->init[i]);
    p->init_at = i;
    send_cmd(p, cmd, MS_INIT, INIT_TIMEOUT_MS);
}

static void
go_down(struct modem_port *p, uint32_t error)
{
    if (p->state == MS_DOWN)
        return;
    p->state = MS_DOWN;
    loop_timer_cancel(p->loop, &p->timer);
    loop_io_del(p->loop, &p->io);
    p->cb.down(p->cb.ctx, error);
}

static void
go_connected(struct modem_port *p, uint32_t bps)
{
    loop_timer_cancel(p->loop, &p->timer);
    p->state = MS_CONNECTED;
    p->bps = bps ? bps : SERIAL_BPS;
    if (!p->direct)
        serial_watch_carrier(&p->line, true);
    p->cb.connected(p->cb.ctx, p->bps);
}

static bool
worth_redialing(enum at_result r)
{
    return r == AT_BUSY || r == AT_NO_ANSWER || r == AT_NO_CARRIER;
}

static void
dial_result(struct modem_port *p, const struct at_event *ev)
{
    switch (ev->result) {
    case AT_CONNECT:
        go_connected(p, ev->bps);
        return;
    case AT_RING:
    case AT_OK:                   /* not an answer to ATD: keep waiting */
        return;
    default:
        break;
    }
    if (worth_redialing(ev->result) && p->redials_left) {
        p->redials_left--;
        p->state = MS_REDIAL_WAIT;
        loop_timer_set(p->loop, &p->timer, loop_now(p->loop) + p->redial_pause_ms);
        return;
    }
    go_down(p, at_result_error(ev->result));
}

/* ---- cellular ---------------------------------------------------------- */

/* Devices whose SIM asked for its PUK: no PIN goes to them again (a wrong
 * PIN is what blocks a SIM; three and it wants the PUK, ten wrong PUKs and
 * it is dead) until a dial finds the SIM ready, unblocked by someone with
 * the PUK. In rasmand's memory, by device name. */
static char puk_devices[PUK_DEVICES_MAX][PORT_DEVICE_KEY_MAX];

static int
puk_find(const char *device)
{
    for (int i = 0; i < PUK_DEVICES_MAX; i++)
        if (puk_devices[i][0] && strcmp(puk_devices[i], device) == 0)
            return i;
    return -1;
}

static void
puk_remember(const char *device)
{
    if (puk_find(device) >= 0)
        return;
    int slot = 0;
    for (int i = 0; i < PUK_DEVICES_MAX; i++)
        if (!puk_devices[i][0]) {
            slot = i;
            break;
        }
    snprintf(puk_devices[slot], sizeof(puk_devices[slot]), "%s", device);
}

static void
puk_forget(const char *device)
{
    int i = puk_find(device);
    if (i >= 0)
        puk_devices[i][0] = '\0';
}

void
modem_puk_forget_all(void)
{
    memset(puk_devices, 0, sizeof(puk_devices));
}

static const char *const cstep_cmd[] = {
    [CS_CPIN] = "AT+CPIN?", [CS_PIN] = "AT+CPIN", [CS_APN] = "AT+CGDCONT",
    [CS_CREG] = "AT+CREG?", [CS_CEREG] = "AT+CEREG?", [CS_REG_WAIT] = "AT+CREG?",
    [CS_CSQ] = "AT+CSQ",
};

/* The RAS error cannot name the step: the log does (never the PIN). */
static void
cell_fail(struct modem_port *p, uint32_t error, const char *why)
{
    if (modem_log)
        modem_log(0, "modem %s: cellular step %s: %s%s%s%s (error %u)", p->device,
                  cstep_cmd[p->cell], why, p->at.info[0] ? " (\"" : "", p->at.info,
                  p->at.info[0] ? "\")" : "", error);
    go_down(p, error);
}

static void
cell_send(struct modem_port *p, enum cstep step, const char *cmd)
{
    p->cell = step;
    send_cmd(p, cmd, MS_CELL, INIT_TIMEOUT_MS);
}

static void
cell_start(struct modem_port *p)
{
    p->reg_until = loop_now(p->loop) + modem_reg_deadline_ms;
    cell_send(p, CS_CPIN, "AT+CPIN?\r");
}

static void
cell_apn(struct modem_port *p)
{
    char cmd[PORT_APN_MAX + 32];
    if (!p->apn[0]) {             /* the module's own default context */
        cell_send(p, CS_CREG, "AT+CREG?\r");
        return;
    }
    snprintf(cmd, sizeof(cmd), "AT+CGDCONT=1,\"IP\",\"%s\"\r", p->apn);
    cell_send(p, CS_APN, cmd);
}

/* "+CPIN: <code>": READY, or what the SIM waits for. */
static void
cell_cpin(struct modem_port *p)
{
    const char *code = p->at.info;
    if (strncasecmp(code, "+CPIN:", 6) != 0) {
        cell_fail(p, ERROR_UNRECOGNIZED_RESPONSE, "no +CPIN: answer");
        return;
    }
    for (code += 6; *code == ' '; code++)
        ;
    if (strcasecmp(code, "READY") == 0) {
        puk_forget(p->device);
        cell_apn(p);
    } else if (strcasecmp(code, "SIM PUK") == 0) {
        puk_remember(p->device);
        cell_fail(p, ERROR_ACCT_DISABLED, "the SIM is blocked and wants its PUK; "
                  "unblock it (AT+CPIN=\"<puk>\",\"<new pin>\"), no PIN is sent");
    } else if (strcasecmp(code, "SIM PIN") != 0) {
        cell_fail(p, ERROR_FROM_DEVICE, "the SIM wants something other than its PIN");
    } else if (puk_find(p->device) >= 0) {
        cell_fail(p, ERROR_ACCT_DISABLED, "this SIM wanted its PUK before; no PIN is sent "
                  "until it is ready again");
    } else if (!p->pin[0]) {
        cell_fail(p, ERROR_INTERACTIVE_MODE, "the SIM wants its PIN and the saved "
                  "credentials hold none (rasphone set-credentials --pin)");
    } else {
        char cmd[PORT_PIN_MAX + 16];
        snprintf(cmd, sizeof(cmd), "AT+CPIN=\"%s\"\r", p->pin);
        cell_send(p, CS_PIN, cmd);
        ras_wipe(cmd, sizeof(cmd));
    }
}

/* "+CREG: <n>,<stat>[,...]" (or the unsolicited "+CREG: <stat>"): 1 is
 * registered at home, 5 roaming. */
static int
reg_stat(const struct modem_port *p, const char *name)
{
    long v[2];
    unsigned n = at_info_numbers(p->at.info, name, v, 2);
    return n == 2 ? (int)v[1] : n == 1 ? (int)v[0] : -1;
}

static void
cell_registered(struct modem_port *p, int stat)
{
    if (stat == 5 && modem_log)
        modem_log(1, "modem %s: registered, roaming", p->device);
    cell_send(p, CS_CSQ, "AT+CSQ\r");
}

static void
cell_not_registered(struct modem_port *p)
{
    if (loop_now(p->loop) >= p->reg_until) {
        char why[64];
        snprintf(why, sizeof(why), "not registered with a network within %u s",
                 modem_reg_deadline_ms / 1000);
        cell_fail(p, ERROR_NO_DIALTONE, why);
        return;
    }
    p->cell = CS_REG_WAIT;
    loop_timer_set(p->loop, &p->timer, loop_now(p->loop) + REG_POLL_MS);
}

static void
cell_result(struct modem_port *p, enum at_result r)
{
    int stat;
    switch (p->cell) {
    case CS_CPIN:
        if (r != AT_OK)
            cell_fail(p, ERROR_FROM_DEVICE, "no SIM, or no answer from it");
        else
            cell_cpin(p);
        return;
    case CS_PIN:
        /* never tried again: each wrong PIN brings the PUK nearer */
        if (r != AT_OK)
            cell_fail(p, ERROR_AUTHENTICATION_FAILURE, "the SIM refused the PIN");
        else
            cell_apn(p);
        return;
    case CS_APN:
        if (r != AT_OK)
            cell_fail(p, ERROR_FROM_DEVICE, "the module refused the APN");
        else
            cell_send(p, CS_CREG, "AT+CREG?\r");
        return;
    case CS_CREG:
        stat = r == AT_OK ? reg_stat(p, "+CREG") : -1;
        if (stat == 1 || stat == 5)
            cell_registered(p, stat);
        else                      /* an LTE-only module registers in EPS */
            cell_send(p, CS_CEREG, "AT+CEREG?\r");
        return;
    case CS_CEREG:
        stat = r == AT_OK ? reg_stat(p, "+CEREG") : -1;
        if (stat == 1 || stat == 5)
            cell_registered(p, stat);
        else
            cell_not_registered(p);
        return;
    case CS_CSQ: {
        long v[2];
        if (r == AT_OK && at_info_numbers(p->at.info, "+CSQ", v, 2) >= 1 && v[0] <= 99)
            p->csq = (int)v[0];
        if (modem_log)
            modem_log(2, "modem %s: signal quality %d (AT+CSQ, 0-31, 99 unknown)",
                      p->device, p->csq);
        send_dial(p);             /* without an answer too: it is only shown */
        return;
    }
    case CS_REG_WAIT:
        return;
    }
}

static void
cell_timer(struct modem_port *p, uint64_t now)
{
    (void)now;
    if (p->cell == CS_REG_WAIT) {
        cell_send(p, CS_CREG, "AT+CREG?\r");
        return;
    }
    cell_fail(p, ERROR_PORT_OR_DEVICE, "no answer in time");
}

static void
on_result(struct modem_port *p, const struct at_event *ev)
{
    switch (p->state) {
    case MS_RESET:
    case MS_SETUP:
        if (ev->result == AT_RING)
            return;
        if (ev->result != AT_OK) {
            go_down(p, ERROR_FROM_DEVICE);
            return;
        }
        if (p->state == MS_RESET)
            send_cmd(p, "ATE0V1\r", MS_SETUP, INIT_TIMEOUT_MS);
        else
            send_init(p, 0);
        return;
    case MS_INIT:
        if (ev->result == AT_RING)
            return;
        if (ev->result != AT_OK) {
            note(p, "answered", at_result_name(ev->result));
            go_down(p, ERROR_FROM_DEVICE);
            return;
        }
        send_init(p, p->init_at + 1);
        return;
    case MS_CELL:
        if (ev->result != AT_RING)
            cell_result(p, ev->result);
        return;
    case MS_DIALING:
        dial_result(p, ev);
        return;
    case MS_IDLE: case MS_REDIAL_WAIT: case MS_CONNECTED: case MS_DOWN: case MS_HANGING_UP:
        return;                   /* unsolicited (RING): ignored */
    }
}

static void hang_timer(struct modem_port *p, uint64_t now);
static void hang_input(struct modem_port *p);

static void
timer_fired(void *ctx, uint64_t now)
{
    struct modem_port *p = ctx;
    switch (p->state) {
    case MS_RESET:
    case MS_SETUP:
        /* a modem that does not answer AT is off, absent or broken */
        go_down(p, ERROR_PORT_OR_DEVICE);
        return;
    case MS_INIT:
        note(p, "had no answer", "in time");
        go_down(p, ERROR_PORT_OR_DEVICE);
        return;
    case MS_CELL:
        cell_timer(p, now);
        return;
    case MS_DIALING:
        go_down(p, ERROR_NO_ANSWER);
        return;
    case MS_REDIAL_WAIT:
        send_dial(p);
        return;
    case MS_IDLE:
        if (p->direct)
            go_connected(p, SERIAL_BPS);
        return;
    case MS_HANGING_UP:
        hang_timer(p, now);
        return;
    case MS_CONNECTED: case MS_DOWN:
        return;
    }
}

/* Bytes while the AT dialog runs: results drive it, and whatever follows
 * CONNECT in the same read is already PPP. */
static void
dialog_input(struct modem_port *p, const uint8_t *b, size_t n)
{
    while (n && p->state != MS_CONNECTED && p->state != MS_DOWN) {
        struct at_event ev;
        bool got;
        size_t used = at_feed(&p->at, b, n, &ev, &got);
        b += used;
        n -= used;
        if (got)
            on_result(p, &ev);
    }
    if (n && p->state == MS_CONNECTED)
        p->cb.input(p->cb.ctx, b, n);
}

static void
io_ready(void *ctx, uint32_t events)
{
    struct modem_port *p = ctx;
    if (p->state == MS_HANGING_UP) {
        hang_input(p);
        return;
    }
    if (events & EPOLLOUT) {
        bool held = p->out_len != 0;
        if (!flush_out(p)) {
            go_down(p, ERROR_PORT_DISCONNECTED);
            return;
        }
        /* from our own callback, never from inside modem_write */
        if (held && p->out_len == 0 && p->state == MS_CONNECTED && p->cb.drained)
            p->cb.drained(p->cb.ctx);
    }
    if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        return;
    uint8_t buf[4096];
    /* a bounded number of reads per wake-up, so one busy line cannot
     * starve the loop */
    for (int i = 0; i < 8 && p->state != MS_DOWN; i++) {
        ssize_t n = read(p->line.fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return;
        if (n <= 0) {
            /* EOF or EIO: the carrier (or the device) went away */
            go_down(p, ERROR_PORT_DISCONNECTED);
            return;
        }
        if (p->state == MS_CONNECTED)
            p->cb.input(p->cb.ctx, buf, (size_t)n);
        else
            dialog_input(p, buf, (size_t)n);
    }
}

/* ---- hanging up -------------------------------------------------------- */

/* Closing a port whose call is up hands the line to a hang-up phase the
 * port drives itself from the loop (its timer and the device descriptor),
 * so rasmand's other connections run on meanwhile: DTR down (AT&D2, the
 * usual setting) and a short wait for the carrier to go; a modem that keeps
 * the call (AT&D0) gets DTR back, the escape (+++ with the guard time
 * before it) and ATH. Every step has a deadline, so the line is closed and
 * its lock removed within HANG_UP_MAX_MS whatever the modem does; the
 * owner is gone by then, so no callback runs. */
static struct modem_port *hanging;    /* ports in their hang-up phase */

static bool
carrier_off(int fd)
{
    int bits;
    return ioctl(fd, TIOCMGET, &bits) == 0 && !(bits & TIOCM_CAR);
}

/* DTR down (or back up): the modem-control ioctl on a serial port, and
 * POSIX's own way, the B0 output speed, which a pty passes on to the
 * other side (ras-modem-sim watches for it). */
static void
set_dtr(struct modem_port *p, bool up)
{
    int dtr = TIOCM_DTR;
    ioctl(p->line.fd, up ? TIOCMBIS : TIOCMBIC, &dtr);
    struct termios t = p->hang_line;
    if (!up)
        cfsetospeed(&t, B0);
    tcsetattr(p->line.fd, TCSANOW, &t);
}

static void
hang_step(struct modem_port *p, enum hstate h, uint32_t ms)
{
    at_init(&p->at);
    p->hang = h;
    loop_timer_set(p->loop, &p->timer, loop_now(p->loop) + ms);
}

static void
hang_send(struct modem_port *p, const char *s, enum hstate h, uint32_t ms)
{
    /* a few bytes on an idle line: a short write only loses the step,
     * and its deadline moves on */
    if (write(p->line.fd, s, strlen(s)) < 0 && modem_log)
        modem_log(1, "modem hang-up: writing %s failed", h == HS_ATH ? "ATH" : "+++");
    hang_step(p, h, ms);
}

static void
unlink_hanging(struct modem_port *p)
{
    for (struct modem_port **pp = &hanging; *pp; pp = &(*pp)->next_hanging)
        if (*pp == p) {
            *pp = p->next_hanging;
            return;
        }
}

static void
release_port(struct modem_port *p)
{
    loop_timer_cancel(p->loop, &p->timer);
    loop_io_del(p->loop, &p->io);
    serial_close(&p->line);
    ras_wipe(p->pin, sizeof(p->pin));
    ras_free(p);
}

/* On hook (or as near as the modem let us): the line closes from the
 * timer, never inside the descriptor's own callback (loop.h's rule). */
static void
hang_done(struct modem_port *p)
{
    p->hang = HS_DONE;
    loop_io_del(p->loop, &p->io);
    loop_timer_set(p->loop, &p->timer, loop_now(p->loop));
}

static void
hang_result(struct modem_port *p, enum at_result r)
{
    if (r == AT_NO_CARRIER) {
        hang_done(p);
        return;
    }
    if (r != AT_OK && r != AT_ERROR)
        return;
    switch (p->hang) {
    case HS_DTR:                  /* AT&D1: DTR took it to command mode */
        set_dtr(p, true);
        hang_send(p, "ATH\r", HS_ATH, ESCAPE_WAIT_MS);
        return;
    case HS_ESCAPE:
        hang_send(p, "ATH\r", HS_ATH, ESCAPE_WAIT_MS);
        return;
    case HS_ATH:
        if (r != AT_OK && modem_log)
            modem_log(0, "modem answered ATH with %s: the line may still be off hook",
                      at_result_name(r));
        hang_done(p);
        return;
    case HS_NONE: case HS_GUARD: case HS_DONE:
        return;
    }
}

/* Whatever the modem says while we hang up: result codes drive the
 * steps, the rest (PPP still arriving) is skipped; EOF or EIO means the
 * carrier or the device went, which is what we wanted. */
static void
hang_input(struct modem_port *p)
{
    uint8_t buf[512];
    for (int i = 0; i < 8 && p->hang != HS_DONE; i++) {
        ssize_t n = read(p->line.fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return;
        if (n <= 0) {
            hang_done(p);
            return;
        }
        for (size_t off = 0; off < (size_t)n && p->hang != HS_DONE;) {
            struct at_event ev;
            bool got;
            off += at_feed(&p->at, buf + off, (size_t)n - off, &ev, &got);
            if (got)
                hang_result(p, ev.result);
        }
    }
}

static void
hang_timer(struct modem_port *p, uint64_t now)
{
    switch (p->hang) {
    case HS_DTR:
        if (carrier_off(p->line.fd)) {
            hang_done(p);
        } else if (now >= p->hang_until) {
            if (modem_log)
                modem_log(1, "modem kept the call with DTR down: escaping to command mode "
                          "for ATH");
            set_dtr(p, true);
            /* the guard time: nothing sent before +++ */
            hang_step(p, HS_GUARD, GUARD_MS);
        } else {
            loop_timer_set(p->loop, &p->timer, now + CARRIER_POLL_MS);
        }
        return;
    case HS_GUARD:
        tcflush(p->line.fd, TCIFLUSH);
        hang_send(p, "+++", HS_ESCAPE, GUARD_MS + ESCAPE_WAIT_MS);
        return;
    case HS_ESCAPE:               /* no OK: ATH anyway, it costs nothing */
        hang_send(p, "ATH\r", HS_ATH, ESCAPE_WAIT_MS);
        return;
    case HS_ATH:
        if (modem_log)
            modem_log(0, "modem did not confirm ATH: the line may still be off hook");
        hang_done(p);
        return;
    case HS_DONE:
        unlink_hanging(p);
        release_port(p);
        return;
    case HS_NONE:
        return;
    }
}

/* true if the port went into its hang-up phase (and is no longer the
 * owner's); false if there is no call to end, or no terminal to drive. */
static bool
hang_up_start(struct modem_port *p)
{
    if (p->direct || p->state != MS_CONNECTED || !p->io.registered ||
        tcgetattr(p->line.fd, &p->hang_line) < 0)
        return false;
    p->state = MS_HANGING_UP;
    tcflush(p->line.fd, TCOFLUSH);
    p->out_len = p->out_head = 0;
    want_output(p, false);
    p->next_hanging = hanging;
    hanging = p;
    p->hang_until = loop_now(p->loop) + DTR_WAIT_MS;
    set_dtr(p, false);
    hang_step(p, HS_DTR, CARRIER_POLL_MS);
    return true;
}

unsigned
modem_hangups_pending(void)
{
    unsigned n = 0;
    for (const struct modem_port *p = hanging; p; p = p->next_hanging)
        n++;
    return n;
}

void
modem_hangups_force(void)
{
    while (hanging) {
        struct modem_port *p = hanging;
        hanging = p->next_hanging;
        if (p->hang != HS_DTR && p->hang != HS_DONE && modem_log)
            modem_log(0, "modem hang-up cut short (rasmand is ending): a modem ignoring "
                      "DTR may still be off hook");
        release_port(p);          /* serial_close drops DTR once more */
    }
}

/* ---- port_ops ---------------------------------------------------------- */

/* The number goes into ATDT...\r as it is: a control character or a ';'
 * (back to command mode) would let it run other commands. */
static bool
dialable(const char *phone)
{
    if (!phone || !phone[0] || strlen(phone) >= PHONE_MAX)
        return false;
    for (const char *c = phone; *c; c++)
        if (*c < 0x20 || *c > 0x7e || *c == ';')
            return false;
    return true;
}

/* An APN goes inside AT+CGDCONT's quotes: printable, no quote, bounded
 * (3GPP TS 23.003 allows 100 octets). */
static bool
apn_ok(const char *apn)
{
    if (!apn)
        return true;
    if (strlen(apn) > PORT_APN_MAX)
        return false;
    for (const char *c = apn; *c; c++)
        if (*c < 0x21 || *c > 0x7e || *c == '"')
            return false;
    return true;
}

/* A SIM PIN is 4 to 8 digits (3GPP TS 31.101). */
static bool
pin_ok(const char *pin)
{
    if (!pin || !pin[0])
        return true;
    size_t n = strlen(pin);
    if (n < 4 || n > PORT_PIN_MAX)
        return false;
    for (const char *c = pin; *c; c++)
        if (*c < '0' || *c > '9')
            return false;
    return true;
}

/* One extra initialization command: "AT" first (so its echo is never
 * taken for a result), printable ASCII, bounded. Leading and trailing
 * blanks are the writer's, not the modem's. */
static uint32_t
add_init(struct modem_port *p, const char *cmd, size_t n)
{
    while (n && (*cmd == ' ' || *cmd == '\t'))
        cmd++, n--;
    while (n && (cmd[n - 1] == ' ' || cmd[n - 1] == '\t' || cmd[n - 1] == '\r'))
        n--;
    if (n == 0)
        return 0;
    if (p->n_init >= PORT_INIT_CMDS_MAX || n > PORT_INIT_CMD_MAX || n < 2 ||
        strncasecmp(cmd, "AT", 2) != 0)
        goto refused;
    for (size_t i = 0; i < n; i++)
        if (cmd[i] < 0x20 || cmd[i] > 0x7e)
            goto refused;
    memcpy(p->init[p->n_init], cmd, n);
    p->init[p->n_init++][n] = 0;
    return 0;
refused:
    if (modem_log)
        modem_log(0, "modem init command \"%.*s\" refused: at most %d commands of at most "
                  "%d characters, each starting AT, printable", (int)(n > 80 ? 80 : n), cmd,
                  PORT_INIT_CMDS_MAX, PORT_INIT_CMD_MAX);
    return ERROR_INVALID_PARAMETER;
}

/* Commands one a line; with comments, lines from '#' on are skipped. */
static uint32_t
add_init_lines(struct modem_port *p, const char *text, bool comments)
{
    while (text && *text) {
        const char *end = strchr(text, '\n');
        size_t n = end ? (size_t)(end - text) : strlen(text);
        const char *c = text;
        while (c < text + n && isspace((unsigned char)*c))
            c++;
        uint32_t rc = comments && c < text + n && *c == '#' ? 0 : add_init(p, text, n);
        if (rc)
            return rc;
        text = end ? end + 1 : text + n;
    }
    return 0;
}

/* The administrator's commands for this device, if there is a file:
 * <modem_config_dir>/<device basename>. */
static uint32_t
add_device_init(struct modem_port *p, const char *device)
{
    const char *base = strrchr(device, '/');
    base = base ? base + 1 : device;
    char path[PATH_MAX];
    if (!base[0] || snprintf(path, sizeof(path), "%s/%s", modem_config_dir, base) >=
                        (int)sizeof(path))
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return 0;                 /* no file: no commands */
    char *text = ras_malloc(CONFIG_FILE_MAX + 1);
    uint32_t rc = ERROR_NOT_ENOUGH_MEMORY;
    if (text) {
        ssize_t n = read(fd, text, CONFIG_FILE_MAX + 1);
        rc = ERROR_INVALID_PARAMETER;
        if (n >= 0 && n <= CONFIG_FILE_MAX && !memchr(text, 0, (size_t)n)) {
            text[n] = 0;
            rc = add_init_lines(p, text, true);
        } else if (modem_log) {
            modem_log(0, "modem %s: unreadable or longer than %d bytes", path, CONFIG_FILE_MAX);
        }
    }
    ras_free(text);
    close(fd);
    return rc;
}

static uint32_t
open_port(struct loop *l, const struct port_params *pp, const struct port_cb *cb,
          struct port **out, bool direct)
{
    if (!pp->device_name || !pp->device_name[0])
        return ERROR_DEVICE_DOES_NOT_EXIST;
    if (!direct && (!dialable(pp->phone) || !apn_ok(pp->apn) || !pin_ok(pp->pin)))
        return ERROR_INVALID_PARAMETER;
    struct modem_port *p = ras_calloc(1, sizeof(*p));
    if (!p)
        return ERROR_NOT_ENOUGH_MEMORY;
    uint32_t rc = serial_open(&p->line, pp->device_name, pp->fd, pp->line_bps,
                              pp->hw_flow != 2);
    if (rc) {
        ras_free(p);
        return rc;
    }
    p->base.ops = direct ? &direct_port_ops : &modem_port_ops;
    p->loop = l;
    p->cb = *cb;
    p->direct = direct;
    if (!direct) {
        snprintf(p->phone, sizeof(p->phone), "%s", pp->phone);
        /* the device's own name, read back for its lock: one key for
         * the SIM whatever path reached it */
        const char *lck = strstr(p->line.lock, "/LCK..");
        snprintf(p->device, sizeof(p->device), "%s", lck ? lck + 6 : pp->device_name);
        snprintf(p->apn, sizeof(p->apn), "%s", pp->apn ? pp->apn : "");
        snprintf(p->pin, sizeof(p->pin), "%s", pp->pin ? pp->pin : "");
        /* an APN, or a packet-data number (*99#, *99***1#), makes it a
         * cellular module's dial */
        p->cellular = p->apn[0] || strncmp(p->phone, "*99", 3) == 0;
        if ((rc = add_device_init(p, pp->device_name)) != 0 ||
            (rc = add_init_lines(p, pp->init_cmds, false)) != 0) {
            release_port(p);
            return rc;
        }
    }
    p->redials_left = pp->redial_count < REDIAL_MAX ? pp->redial_count : REDIAL_MAX;
    p->redial_pause_ms = (pp->redial_pause_s < 3600 ? pp->redial_pause_s : 3600) * 1000;
    p->csq = -1;
    at_init(&p->at);
    loop_timer_init(&p->timer, timer_fired, p);
    int err = loop_io_add(l, &p->io, p->line.fd, EPOLLIN, io_ready, p);
    if (err) {
        release_port(p);
        return err == -ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_PORT_NOT_AVAILABLE;
    }
    *out = &p->base;
    return 0;
}

static uint32_t
modem_open(struct loop *l, const struct port_params *pp, const struct port_cb *cb,
           struct port **out)
{
    return open_port(l, pp, cb, out, false);
}

static uint32_t
direct_open(struct loop *l, const struct port_params *pp, const struct port_cb *cb,
            struct port **out)
{
    return open_port(l, pp, cb, out, true);
}

static uint32_t
modem_dial(struct port *base)
{
    struct modem_port *p = (struct modem_port *)base;
    if (p->state != MS_IDLE)
        return ERROR_PORT_ALREADY_OPEN;
    if (p->direct) {
        /* connected at once, but reported from the loop (port.h's rule) */
        loop_timer_set(p->loop, &p->timer, loop_now(p->loop));
        return 0;
    }
    send_cmd(p, "ATZ\r", MS_RESET, INIT_TIMEOUT_MS);
    return 0;
}

static size_t
modem_pending(const struct port *base)
{
    return ((const struct modem_port *)base)->out_len;
}

static uint32_t
modem_write(struct port *base, const uint8_t *bytes, size_t n)
{
    struct modem_port *p = (struct modem_port *)base;
    if (p->state != MS_CONNECTED)
        return ERROR_PORT_NOT_CONNECTED;
    return queue_out(p, bytes, n);
}

static void
modem_close(struct port *base)
{
    struct modem_port *p = (struct modem_port *)base;
    if (!p)
        return;
    loop_timer_cancel(p->loop, &p->timer);
    if (!hang_up_start(p))
        release_port(p);
}

static int
modem_signal(const struct port *base)
{
    return ((const struct modem_port *)base)->csq;
}

static uint32_t
modem_bps(const struct port *base)
{
    const struct modem_port *p = (const struct modem_port *)base;
    return p->state == MS_CONNECTED ? p->bps : 0;
}

const struct port_ops modem_port_ops = {
    .kind = "modem",
    .match = modem_match,
    .open = modem_open,
    .dial = modem_dial,
    .write = modem_write,
    .pending = modem_pending,
    .close = modem_close,
    .bps = modem_bps,
    .signal = modem_signal,
};

const struct port_ops direct_port_ops = {
    .kind = "direct",
    .match = direct_match,
    .open = direct_open,
    .dial = modem_dial,
    .write = modem_write,
    .pending = modem_pending,
    .close = modem_close,
    .bps = modem_bps,
};
