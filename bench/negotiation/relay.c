/* The delaying relay of relay.h: one poll loop, the engines driven in place
 * (bytes in, bytes out, timers), the streams read and written as they are. */
#include "relay.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"

#define PROTO_LCP 0xc021
#define PROTO_IPCP 0x8021
#define CODE_REQ 1
#define CODE_ACK 2

void
relay_init(struct relay *r, uint32_t delay_ms)
{
    memset(r, 0, sizeof(*r));
    r->delay_ms = delay_ms;
    for (int i = 0; i < 2; i++) {
        r->end[i].fd = -1;
        r->end[i].req_id = -1;
        hdlc_decoder_init(&r->end[i].dec);
    }
}

void
relay_set_engine(struct relay *r, int i, const char *name, struct ppp *p)
{
    r->end[i].name = name;
    r->end[i].ppp = p;
    r->end[i].session = true;
}

void
relay_set_stream(struct relay *r, int i, const char *name, int fd)
{
    r->end[i].name = name;
    r->end[i].fd = fd;
}

/* A control packet's code and identifier if frame is one of proto's. */
static bool
control(const uint8_t *frame, size_t len, uint16_t proto, uint8_t *code, uint8_t *id)
{
    uint16_t p;
    const uint8_t *pl;
    size_t plen;
    if (!ppp_frame_split(frame, len, &p, &pl, &plen) || p != proto || plen < 4)
        return false;
    *code = pl[0];
    *id = pl[1];
    return true;
}

static void
check_open(struct relay *r, struct relay_end *e)
{
    if (e->opened_hop || !e->acked || !e->acked_peer)
        return;
    e->opened_hop = e->clock ? e->clock : 1;
    if (!r->end[0].opened_hop || !r->end[1].opened_hop)
        return;
    r->done = true;
    r->t_open = r->now;
    r->open_hop = r->end[0].opened_hop > r->end[1].opened_hop ? r->end[0].opened_hop
                                                               : r->end[1].opened_hop;
}

/* IPCP as end e sends (sent) or receives it (RFC 1661 4: Opened once our
 * request is acked and we acked the peer's latest). */
static void
watch(struct relay *r, struct relay_end *e, const uint8_t *frame, size_t len, bool sent)
{
    uint8_t code, id;
    if (!control(frame, len, PROTO_IPCP, &code, &id))
        return;
    if (code == CODE_REQ && sent) {
        e->req_id = id;
        e->acked = false;
    } else if (code == CODE_REQ) {
        e->acked_peer = false;
    } else if (code == CODE_ACK && sent) {
        e->acked_peer = true;
    } else if (code == CODE_ACK && id == e->req_id) {
        e->acked = true;
    }
    check_open(r, e);
}

struct from {
    struct relay *r;
    int i;
};

/* A frame end i sent: numbered, counted, queued for the other end. */
static void
sent_frame(void *ctx, const uint8_t *frame, size_t len)
{
    struct from *f = ctx;
    struct relay *r = f->r;
    struct relay_end *e = &r->end[f->i];
    uint8_t code, id;
    if (!e->session) {
        if (!control(frame, len, PROTO_LCP, &code, &id) || code != CODE_REQ)
            return;         /* the previous session's last words */
        e->session = true;
    }
    struct relay_queue *q = &r->q[f->i];
    if (len > RELAY_FRAME_MAX || q->len == RELAY_QUEUE)
        return;
    if (!r->t_first)
        r->t_first = r->now;
    if (!r->done)
        e->frames++;
    watch(r, e, frame, len, true);
    struct relay_frame *slot = &q->f[(q->head + q->len++) % RELAY_QUEUE];
    slot->due_ms = r->now + r->delay_ms;
    slot->hop = e->clock + 1;
    slot->len = len;
    memcpy(slot->frame, frame, len);
}

static void
take_events(struct relay_end *e)
{
    struct ppp_event ev;
    while (ppp_poll_event(e->ppp, &ev))
        if (ev.type == PPP_EV_DOWN) {
            e->down = true;
            e->down_error = ev.error;
        }
}

/* Whatever an engine queued, as frames. */
static void
pump(struct relay *r, int i)
{
    struct relay_end *e = &r->end[i];
    struct from f = {r, i};
    uint8_t buf[4096];
    size_t n;
    while ((n = ppp_output(e->ppp, buf, sizeof(buf))) > 0)
        hdlc_decode(&e->dec, buf, n, sent_frame, &f);
    take_events(e);
}

static void
deliver(struct relay *r, int to, const struct relay_frame *fr)
{
    struct relay_end *e = &r->end[to];
    uint8_t line[HDLC_ENCODE_BOUND(RELAY_FRAME_MAX)];
    if (fr->hop > e->clock)
        e->clock = fr->hop;
    watch(r, e, fr->frame, fr->len, false);
    size_t n = hdlc_encode(0xffffffffu, false, fr->frame, fr->len, line, sizeof(line));
    if (e->ppp) {
        ppp_input(e->ppp, line, n, r->now);
        pump(r, to);
        return;
    }
    for (size_t off = 0; off < n;) {
        ssize_t w = write(e->fd, line + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        off += (size_t)w;
    }
}

static void
deliver_due(struct relay *r)
{
    for (int i = 0; i < 2; i++) {
        struct relay_queue *q = &r->q[i];
        while (q->len && q->f[q->head].due_ms <= r->now) {
            deliver(r, 1 - i, &q->f[q->head]);
            q->head = (q->head + 1) % RELAY_QUEUE;
            q->len--;
        }
    }
}

static void
read_stream(struct relay *r, int i)
{
    struct from f = {r, i};
    uint8_t buf[4096];
    ssize_t n = read(r->end[i].fd, buf, sizeof(buf));
    if (n > 0)
        hdlc_decode(&r->end[i].dec, buf, (size_t)n, sent_frame, &f);
    else if (n == 0)
        r->end[i].down = true;      /* the stream closed */
}

/* The next moment something is due: a queued frame or an engine's timer. */
static uint64_t
next_due(const struct relay *r, uint64_t limit)
{
    uint64_t t = limit;
    for (int i = 0; i < 2; i++) {
        if (r->q[i].len && r->q[i].f[r->q[i].head].due_ms < t)
            t = r->q[i].f[r->q[i].head].due_ms;
        if (r->end[i].ppp) {
            uint64_t d = ppp_next_deadline(r->end[i].ppp);
            if (d && d < t)
                t = d;
        }
    }
    return t;
}

static void
run_timers(struct relay *r)
{
    for (int i = 0; i < 2; i++) {
        struct ppp *p = r->end[i].ppp;
        uint64_t d = p ? ppp_next_deadline(p) : 0;
        if (d && d <= r->now) {
            ppp_timer(p, r->now);
            pump(r, i);
        }
    }
}

bool
relay_run(struct relay *r, uint32_t timeout_ms)
{
    r->now = clock_now_ms();
    uint64_t end = r->now + timeout_ms;
    for (int i = 0; i < 2; i++)
        if (r->end[i].ppp) {
            ppp_start(r->end[i].ppp, r->now);
            pump(r, i);
        }
    while (!r->done && !r->end[0].down && !r->end[1].down && r->now < end) {
        struct pollfd pfd[2];
        int map[2], n = 0;
        for (int i = 0; i < 2; i++)
            if (r->end[i].fd >= 0) {
                pfd[n] = (struct pollfd){ .fd = r->end[i].fd, .events = POLLIN };
                map[n++] = i;
            }
        uint64_t due = next_due(r, end);
        int wait = due > r->now ? (int)(due - r->now) : 0;
        int got = poll(pfd, (nfds_t)n, wait);
        r->now = clock_now_ms();
        for (int k = 0; got > 0 && k < n; k++)
            if (pfd[k].revents & (POLLIN | POLLHUP))
                read_stream(r, map[k]);
        run_timers(r);
        deliver_due(r);
    }
    return r->done;
}
