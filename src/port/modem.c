/* Serial ports: a Hayes modem dialed with AT commands ("modem"), and a
 * direct cable to another computer ("direct"/"SERIAL", connected as soon
 * as the port opens). The AT dialog is a small state machine fed by the AT
 * parser and the loop's timers; once connected the line carries PPP and
 * every byte goes to the connection. A cellular module's steps before the
 * dial are modem_cell.c's, the hang-up after close modem_hangup.c's. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "common/loop.h"
#include "port/modem_int.h"


#define DIAL_TIMEOUT_MS   60000
#define REDIAL_MAX        99      /* a ceiling whatever the entry says */
#define CONFIG_FILE_MAX   4096    /* a device's command file, comments and all */

const char *modem_config_dir = MODEM_CONFIG_DIR;
void (*modem_log)(int level, const char *fmt, ...);

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

void
modem_want_output(struct modem_port *p, bool on)
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
    modem_want_output(p, p->out_len != 0);
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

void
modem_send_cmd(struct modem_port *p, const char *cmd, enum mstate next, uint32_t timeout_ms)
{
    at_init(&p->at);
    p->state = next;
    queue_out(p, (const uint8_t *)cmd, strlen(cmd));
    loop_timer_set(p->loop, &p->timer, loop_now(p->loop) + timeout_ms);
}

void
modem_send_dial(struct modem_port *p)
{
    char cmd[PHONE_MAX + 8];
    /* a packet call (*99#) is no tone dial: plain D, as 27.007 writes it */
    snprintf(cmd, sizeof(cmd), p->cellular ? "ATD%s\r" : "ATDT%s\r", p->phone);
    modem_send_cmd(p, cmd, MS_DIALING, DIAL_TIMEOUT_MS);
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
static void
send_init(struct modem_port *p, unsigned i)
{
    if (i >= p->n_init) {
        if (p->cellular)
            modem_cell_start(p);
        else
            modem_send_dial(p);
        return;
    }
    char cmd[PORT_INIT_CMD_MAX + 2];
    snprintf(cmd, sizeof(cmd), "%s\r", p->init[i]);
    p->init_at = i;
    modem_send_cmd(p, cmd, MS_INIT, INIT_TIMEOUT_MS);
}

void
modem_go_down(struct modem_port *p, uint32_t error)
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
    modem_go_down(p, at_result_error(ev->result));
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
            modem_go_down(p, ERROR_FROM_DEVICE);
            return;
        }
        if (p->state == MS_RESET)
            modem_send_cmd(p, "ATE0V1\r", MS_SETUP, INIT_TIMEOUT_MS);
        else
            send_init(p, 0);
        return;
    case MS_INIT:
        if (ev->result == AT_RING)
            return;
        if (ev->result != AT_OK) {
            note(p, "answered", at_result_name(ev->result));
            modem_go_down(p, ERROR_FROM_DEVICE);
            return;
        }
        send_init(p, p->init_at + 1);
        return;
    case MS_CELL:
        if (ev->result != AT_RING)
            modem_cell_result(p, ev->result);
        return;
    case MS_DIALING:
        dial_result(p, ev);
        return;
    case MS_IDLE: case MS_REDIAL_WAIT: case MS_CONNECTED: case MS_DOWN: case MS_HANGING_UP:
        return;                   /* unsolicited (RING): ignored */
    }
}

static void
timer_fired(void *ctx, uint64_t now)
{
    struct modem_port *p = ctx;
    switch (p->state) {
    case MS_RESET:
    case MS_SETUP:
        /* a modem that does not answer AT is off, absent or broken */
        modem_go_down(p, ERROR_PORT_OR_DEVICE);
        return;
    case MS_INIT:
        note(p, "had no answer", "in time");
        modem_go_down(p, ERROR_PORT_OR_DEVICE);
        return;
    case MS_CELL:
        modem_cell_timer(p, now);
        return;
    case MS_DIALING:
        modem_go_down(p, ERROR_NO_ANSWER);
        return;
    case MS_REDIAL_WAIT:
        modem_send_dial(p);
        return;
    case MS_IDLE:
        if (p->direct)
            go_connected(p, SERIAL_BPS);
        return;
    case MS_HANGING_UP:
        modem_hang_timer(p, now);
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

ssize_t
modem_read(struct modem_port *p, uint8_t *buf, size_t cap)
{
    for (;;) {
        ssize_t n = read(p->line.fd, buf, cap);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return 0;
        /* EOF or EIO: the carrier (or the device) went away */
        return n <= 0 ? -1 : n;
    }
}

static void
io_ready(void *ctx, uint32_t events)
{
    struct modem_port *p = ctx;
    if (p->state == MS_HANGING_UP) {
        modem_hang_input(p);
        return;
    }
    if (events & EPOLLOUT) {
        bool held = p->out_len != 0;
        if (!flush_out(p)) {
            modem_go_down(p, ERROR_PORT_DISCONNECTED);
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
        ssize_t n = modem_read(p, buf, sizeof(buf));
        if (n == 0)
            return;
        if (n < 0) {
            modem_go_down(p, ERROR_PORT_DISCONNECTED);
            return;
        }
        if (p->state == MS_CONNECTED)
            p->cb.input(p->cb.ctx, buf, (size_t)n);
        else
            dialog_input(p, buf, (size_t)n);
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
            modem_release(p);
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
        modem_release(p);
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
    modem_send_cmd(p, "ATZ\r", MS_RESET, INIT_TIMEOUT_MS);
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

static bool
modem_close(struct port *base)
{
    struct modem_port *p = (struct modem_port *)base;
    if (!p)
        return false;
    loop_timer_cancel(p->loop, &p->timer);
    if (modem_hang_up_start(p))
        return true;
    modem_release(p);
    return false;
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
