/* Ending a call from rasmand's loop (see modem_int.h and port.h's close):
 * DTR down, then the escape and ATH for a modem that ignores DTR; the line
 * closes and its lock goes within about 9 s whatever the modem does. */
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "common/alloc.h"
#include "port/modem_int.h"

#define DTR_WAIT_MS       500     /* for the modem to hang up on DTR */
#define GUARD_MS          1100    /* S12's default escape guard (1 s), and a margin */
#define ESCAPE_WAIT_MS    3000    /* for OK after +++ and after ATH */
#define CARRIER_POLL_MS   20      /* how often the DTR wait looks at DCD */

/* Closing a port whose call is up hands the line to a hang-up phase the
 * port drives itself from the loop (its timer and the device descriptor),
 * so rasmand's other connections run on meanwhile: DTR down (AT&D2, the
 * usual setting) and a short wait for the carrier to go; a modem that keeps
 * the call (AT&D0) gets DTR back, the escape (+++ with the guard time
 * before it) and ATH. Every step has a deadline (about 9 s in all); the
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
        modem_log(1, "modem hang-up: writing %s failed",
                  h == HS_ATH ? "ATH" : h == HS_ABORT ? "the dial's abort" : "+++");
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

void
modem_release(struct modem_port *p)
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

static void drop_dtr(struct modem_port *p);

static void
hang_result(struct modem_port *p, enum at_result r)
{
    if (r == AT_NO_CARRIER) {
        hang_done(p);
        return;
    }
    if (r == AT_CONNECT && p->hang == HS_ABORT) {
        drop_dtr(p);              /* it connected as we stopped it: end the call */
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
    case HS_ABORT:                /* OK, or ERROR: the modem is in command mode */
        hang_done(p);
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
void
modem_hang_input(struct modem_port *p)
{
    uint8_t buf[512];
    for (int i = 0; i < 8 && p->hang != HS_DONE; i++) {
        ssize_t n = modem_read(p, buf, sizeof(buf));
        if (n == 0)
            return;
        if (n < 0) {
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

void
modem_hang_timer(struct modem_port *p, uint64_t now)
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
    case HS_ABORT:
        if (modem_log)
            modem_log(0, "modem did not confirm the end of its dial: the line may be off hook");
        hang_done(p);
        return;
    case HS_DONE:
        unlink_hanging(p);
        if (p->cb.released)
            p->cb.released(p->cb.ctx);
        modem_release(p);
        return;
    case HS_NONE:
        return;
    }
}

/* true if the port went into its hang-up phase (and is no longer the
 * owner's); false if there is no call to end, or no terminal to drive.
 * Closed while ATD runs, the modem is stopped the Hayes way, any key
 * (it answers NO CARRIER): DTR alone would not stop one that ignores DTR,
 * which could then connect with nobody on the line. */
bool
modem_hang_up_start(struct modem_port *p)
{
    bool dialing = p->state == MS_DIALING;
    if (p->direct || (p->state != MS_CONNECTED && !dialing) || !p->io.registered ||
        tcgetattr(p->line.fd, &p->hang_line) < 0)
        return false;
    p->state = MS_HANGING_UP;
    p->next_hanging = hanging;
    hanging = p;
    if (dialing)
        hang_send(p, "\r", HS_ABORT, ESCAPE_WAIT_MS);
    else
        drop_dtr(p);
    return true;
}

/* The first step with a call up: what is queued goes, DTR goes down. */
static void
drop_dtr(struct modem_port *p)
{
    tcflush(p->line.fd, TCOFLUSH);
    p->out_len = p->out_head = 0;
    modem_want_output(p, false);
    p->hang_until = loop_now(p->loop) + DTR_WAIT_MS;
    set_dtr(p, false);
    hang_step(p, HS_DTR, CARRIER_POLL_MS);
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
        modem_release(p);          /* serial_close drops DTR once more */
    }
}
