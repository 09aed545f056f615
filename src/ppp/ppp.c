/* The engine object: one allocation per link holding every layer, queue and
 * buffer by value; the phases (RFC 1661 3.2) that tie LCP, authentication
 * and the NCPs together; the data path; events, projection and counters. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "common/alloc.h"
#include "ppp/ppp_local.h"

/* Room a frame needs around an MRU's worth of information: address,
 * control, protocol and the longest FCS (RFC 1662 3.1, RFC 1661 2). */
#define FRAME_OVERHEAD 8
/* Each packet in the received-IP queue is preceded by its length. */
#define RXQ_REC_HDR 2

/* --- small services for the protocol files --- */

void
ppp_record_error(struct ppp *p, uint32_t err)
{
    if (!p->error && err)
        p->error = err;
}

void
ppp_event_push(struct ppp *p, enum ppp_event_type t, uint32_t arg)
{
    /* Bounded: when the caller does not drain, the oldest go, so the
     * final DOWN is never the one lost. */
    if (p->ev_len == PPP_EVQ_SIZE) {
        p->ev_head = (p->ev_head + 1) % PPP_EVQ_SIZE;
        p->ev_len--;
    }
    struct ppp_ev_rec *e = &p->events[(p->ev_head + p->ev_len) % PPP_EVQ_SIZE];
    e->type = (uint8_t)t;
    e->phase = (uint8_t)p->phase;
    e->arg = arg;
    p->ev_len++;
}

static void
set_phase(struct ppp *p, enum ppp_phase ph)
{
    if (p->phase == ph)
        return;
    p->phase = ph;
    ppp_event_push(p, PPP_EV_PHASE, 0);
}

/* Room at the end of the output queue, compacting it if that helps. */
static uint8_t *
outq_reserve(struct ppp *p, size_t need)
{
    struct ppp_ring *q = &p->out;
    if (q->len + need > sizeof(q->buf))
        return NULL;
    if (q->head + q->len + need > sizeof(q->buf)) {
        memmove(q->buf, q->buf + q->head, q->len);
        q->head = 0;
    }
    return q->buf + q->head + q->len;
}

static bool
lcp_opened(const struct ppp *p)
{
    return p->lcp.fsm.state == FSM_OPENED;
}

/* --- the protocols --- */

/* What a protocol is to the link (RFC 1661 3.2, 3.4). */
enum proto_kind {
    PROTO_LINK,     /* LCP: its automaton, from the start */
    PROTO_AUTH,     /* PAP, CHAP (auth.c), in the Authenticate phase on */
    PROTO_NCP,      /* a network control protocol's automaton, Network phase on */
    PROTO_DATA,     /* datagrams, while their NCP is Opened */
};

/* One row per protocol the engine speaks; what arrives of any other is
 * rejected (RFC 1661 5.7). Adding one is a row here and its file (with,
 * for an automaton, its struct in struct ppp). */
struct ppp_protocol {
    uint16_t number;
    enum proto_kind kind;
    size_t fsm;                     /* LINK, NCP: its automaton; DATA: its NCP's */
    void (*init)(struct ppp *p);    /* LINK, NCP */
    bool (*enabled)(const struct ppp *p);   /* NULL = always; off = rejected */
};

#define FSM_OF(layer) offsetof(struct ppp, layer.fsm)

static bool ipv6_on(const struct ppp *p) { return p->cfg.ipv6; }

static const struct ppp_protocol protocols[] = {
    {PPP_PROTO_LCP, PROTO_LINK, FSM_OF(lcp), lcp_init, NULL},
    {PPP_PROTO_PAP, PROTO_AUTH, 0, NULL, NULL},
    {PPP_PROTO_CHAP, PROTO_AUTH, 0, NULL, NULL},
    {PPP_PROTO_IPCP, PROTO_NCP, FSM_OF(ipcp), ipcp_init, NULL},
    {PPP_PROTO_IPV6CP, PROTO_NCP, FSM_OF(ipv6cp), ipv6cp_init, ipv6_on},
    {PPP_PROTO_IP, PROTO_DATA, FSM_OF(ipcp), NULL, NULL},
    {PPP_PROTO_IPV6, PROTO_DATA, FSM_OF(ipv6cp), NULL, ipv6_on},
};

#define FOR_EACH_PROTOCOL(r) \
    for (const struct ppp_protocol *r = protocols; r < protocols + sizeof(protocols) / sizeof(protocols[0]); r++)

static const struct ppp_protocol *
protocol_of(uint16_t number)
{
    FOR_EACH_PROTOCOL(r)
        if (r->number == number)
            return r;
    return NULL;
}

static struct fsm *
fsm_of(struct ppp *p, const struct ppp_protocol *r)
{
    return (struct fsm *)((char *)p + r->fsm);
}

static const struct fsm *
fsm_of_const(const struct ppp *p, const struct ppp_protocol *r)
{
    return (const struct fsm *)((const char *)p + r->fsm);
}

static bool
has_automaton(const struct ppp_protocol *r)
{
    return r->kind == PROTO_LINK || r->kind == PROTO_NCP;
}

/* A protocol this link speaks (the others are rejected). */
static bool
protocol_on(const struct ppp *p, const struct ppp_protocol *r)
{
    return !r->enabled || r->enabled(p);
}

/* An NCP this link runs. */
static bool
ncp_on(const struct ppp *p, const struct ppp_protocol *r)
{
    return r->kind == PROTO_NCP && protocol_on(p, r);
}

/* Each frame of a packet link waits in the output queue behind its length,
 * as received packets do in theirs (ring_take reads both). */
#define OUTQ_REC_HDR RXQ_REC_HDR

/* The most a frame may carry to the peer: its MRU, and on a packet link
 * no more than the link takes (RFC 2516 7: a peer that names no MRU
 * still gets no more than 1492 over Ethernet). */
static uint16_t
send_mru(const struct ppp *p)
{
    uint16_t m = p->lcp.his.mru;
    return p->cfg.packet_framing && p->cfg.mru < m ? p->cfg.mru : m;
}

/* A packet link's frame: queued whole, behind its length, no HDLC. */
static bool
send_packet(struct ppp *p, uint16_t proto, const uint8_t *data, size_t len, bool pfc)
{
    /* RFC 2516 7: no address and control field, not even for LCP */
    uint8_t hdr[PPP_PROTO_LEN];
    size_t h = 0;
    if (!pfc || proto > 0xff)
        hdr[h++] = (uint8_t)(proto >> 8);
    hdr[h++] = (uint8_t)proto;
    if (h + len > PPP_PACKET_MAX)
        return false;
    uint8_t *dst = outq_reserve(p, OUTQ_REC_HDR + h + len);
    if (!dst)
        return false;
    put16(dst, (uint16_t)(h + len));
    memcpy(dst + OUTQ_REC_HDR, hdr, h);
    memcpy(dst + OUTQ_REC_HDR + h, data, len);
    p->out.len += OUTQ_REC_HDR + h + len;
    p->stats.bytes_tx += h + len;
    p->stats.frames_tx++;
    return true;
}

/* Frames one packet into the output queue; false if it did not fit. */
static bool
send_frame(struct ppp *p, uint16_t proto, const uint8_t *data, size_t len)
{
    uint8_t frame[HDLC_MAX_FRAME];
    bool up = lcp_opened(p);
    bool lcp = proto == PPP_PROTO_LCP;
    if (p->cfg.packet_framing)
        return send_packet(p, proto, data, len, up && !lcp && p->lcp.his.pfc);
    size_t h = ppp_frame_header(frame, proto, up && !lcp && p->lcp.his.acfc,
                                up && !lcp && p->lcp.his.pfc);
    if (len > sizeof(frame) - h)
        return false;
    memcpy(frame + h, data, len);
    /* RFC 1662 7.1: LCP goes out with the full map; the rest with the
     * peer's once LCP is up. */
    uint32_t accm = up && !lcp ? p->lcp.his.accm : ACCM_ALL;
    size_t bound = HDLC_ENCODE_BOUND(h + len);
    uint8_t *dst = outq_reserve(p, bound);
    if (!dst)
        return false;
    size_t n = hdlc_encode(accm, false, frame, h + len, dst, bound);
    if (n == 0)
        return false;
    p->out.len += n;
    p->stats.bytes_tx += n;
    p->stats.frames_tx++;
    return true;
}

void
ppp_send_frame(struct ppp *p, uint16_t proto, const uint8_t *data, size_t len)
{
    /* A control packet that does not fit is lost like on a busy line; the
     * restart timer resends it. */
    if (!send_frame(p, proto, data, len))
        p->stats.buffer_overrun_err++;
}

/* --- phases --- */

static void
finish(struct ppp *p)
{
    auth_reset(&p->auth);
    p->auth_deadline = 0;
    p->lcp.echo_deadline = 0;
    p->network_up = false;
    p->proj.lcp_error = p->lcp.fsm.error;
    set_phase(p, PPP_PHASE_DEAD);
    if (!p->down_reported) {
        p->down_reported = true;
        ppp_event_push(p, PPP_EV_DOWN, p->error);
    }
}

static void
ncp_open(struct fsm *f)
{
    fsm_event(f, FSM_OPEN);
    fsm_event(f, FSM_UP);
}

static void
network_phase(struct ppp *p)
{
    if (p->phase != PPP_PHASE_AUTHENTICATE && p->phase != PPP_PHASE_ESTABLISH)
        return;
    p->auth_deadline = 0;
    ppp_event_push(p, PPP_EV_AUTH_OK, 0);
    set_phase(p, PPP_PHASE_NETWORK);
    FOR_EACH_PROTOCOL(r)
        if (ncp_on(p, r) && lcp_opened(p))
            ncp_open(fsm_of(p, r));
}

static uint32_t
method_bit(uint16_t proto, uint8_t alg)
{
    if (proto == PPP_PROTO_PAP)
        return PPP_AUTH_PAP;
    if (proto == PPP_PROTO_CHAP)
        return alg == CHAP_ALG_MSCHAPV2 ? PPP_AUTH_MSCHAPV2 : PPP_AUTH_CHAP_MD5;
    return 0;
}

void
ppp_lcp_up(struct ppp *p)
{
    struct lcp *l = &p->lcp;
    struct ppp_projection *pr = &p->proj;
    pr->lcp_error = 0;
    pr->pfc = l->his.pfc;
    pr->acfc = l->his.acfc;
    pr->peer_pfc = l->got.neg_pfc;
    pr->peer_acfc = l->got.neg_acfc;
    pr->mru = l->got.neg_mru ? l->got.mru : PPP_DEFAULT_MRU;
    pr->peer_mru = send_mru(p);
    /* the peer now escapes only what we asked for; other raw control
     * characters are data, the ones we asked for are line noise */
    p->dec.rx_accm = l->got.neg_accm ? l->got.accm : ACCM_ALL;
    ppp_event_push(p, PPP_EV_LCP_UP, 0);
    lcp_echo_start(l, p->now);
    uint32_t client = method_bit(l->his.auth_proto, l->his.auth_alg);
    uint32_t server = l->got.neg_auth ? method_bit(l->got.auth_proto, l->got.auth_alg) : 0;
    pr->auth_protocol = client ? l->his.auth_proto : server ? l->got.auth_proto : 0;
    pr->auth_data = client ? l->his.auth_alg : server ? l->got.auth_alg : 0;
    if (!client && !server) {
        network_phase(p);
        return;
    }
    p->auth_client_done = !client;
    p->auth_server_done = !server;
    set_phase(p, PPP_PHASE_AUTHENTICATE);
    ppp_event_push(p, PPP_EV_AUTH_START, client ? client : server);
    p->auth_deadline = p->now + p->cfg.auth_timeout_ms;
    auth_start(&p->auth, client, server, p->now);
}

void
ppp_lcp_down(struct ppp *p)
{
    auth_reset(&p->auth);
    p->auth_deadline = 0;
    p->network_up = false;
    p->dec.rx_accm = ACCM_ALL;   /* renegotiation: back to the default */
    /* Called before the automaton leaves Opened when the peer renegotiates,
     * after it moved to Closing/Stopping/Starting when the link ends. The
     * phase goes first so the NCPs finishing below do not end the link. */
    set_phase(p, p->lcp.fsm.state <= FSM_STOPPING ? PPP_PHASE_TERMINATE
              : PPP_PHASE_ESTABLISH);
    FOR_EACH_PROTOCOL(r)
        if (r->kind == PROTO_NCP)
            fsm_lower_down(fsm_of(p, r));
}

/* LCP is sending Terminate-Requests or waiting out the peer's. */
void
ppp_lcp_terminating(struct ppp *p)
{
    if (p->phase != PPP_PHASE_DEAD)
        set_phase(p, PPP_PHASE_TERMINATE);
}

void
ppp_lcp_finished(struct ppp *p)
{
    finish(p);
}

static bool
ncp_settled(const struct fsm *f)
{
    return f->state == FSM_OPENED || f->state <= FSM_STOPPED;
}

void
ppp_ncp_up(struct ppp *p)
{
    if (p->network_up)
        return;
    FOR_EACH_PROTOCOL(r)
        if (ncp_on(p, r) && !ncp_settled(fsm_of_const(p, r)))
            return;
    p->network_up = true;
    set_phase(p, PPP_PHASE_RUNNING);
    ppp_event_push(p, PPP_EV_NETWORK_UP, 0);
}

void
ppp_ncp_finished(struct ppp *p)
{
    if (!lcp_opened(p) || p->phase < PPP_PHASE_NETWORK)
        return;
    uint32_t err = 0;
    FOR_EACH_PROTOCOL(r) {
        if (r->kind != PROTO_NCP)
            continue;
        const struct fsm *f = fsm_of_const(p, r);
        /* Opened, or still negotiating. */
        if (ncp_on(p, r) && f->state > FSM_STOPPED) {
            ppp_ncp_up(p);
            return;
        }
        if (!err)
            err = f->error;
    }
    /* No network protocol left: the link has no use. */
    ppp_record_error(p, err ? err : PPP_ERR_NO_PROTOCOLS);
    fsm_fail(&p->lcp.fsm, p->error);
}

void
ppp_proto_reject(struct ppp *p, uint16_t proto)
{
    const struct ppp_protocol *r = protocol_of(proto);
    if (r && has_automaton(r))
        fsm_event(fsm_of(p, r), FSM_RXJ_MINUS);
    /* A rejected data protocol or PAP/CHAP: nothing more to send of it. */
}

/* --- authentication glue --- */

static void
auth_send_cb(void *ctx, uint16_t proto, const uint8_t *pkt, size_t len)
{
    ppp_send_frame(ctx, proto, pkt, len);
}

static void
auth_done_cb(void *ctx, bool server_side, bool ok, uint32_t error)
{
    struct ppp *p = ctx;
    if (p->phase != PPP_PHASE_AUTHENTICATE)
        return;
    if (!ok) {
        ppp_record_error(p, error ? error : PPP_ERR_AUTH_FAILURE);
        fsm_fail(&p->lcp.fsm, p->error);
        return;
    }
    if (server_side)
        p->auth_server_done = true;
    else
        p->auth_client_done = true;
    if (p->auth_client_done && p->auth_server_done)
        network_phase(p);
}

/* --- object --- */

static void
copy_str(char *dst, size_t cap, const char **field)
{
    if (*field) {
        snprintf(dst, cap, "%s", *field);
        *field = dst;
    }
}

static void
layers_init(struct ppp *p)
{
    FOR_EACH_PROTOCOL(r)
        if (r->init)
            r->init(p);
    struct auth_callbacks cb = {p, auth_send_cb, auth_done_cb};
    auth_init(&p->auth, &p->cfg, &cb);
}

struct ppp *
ppp_new(const struct ppp_config *cfg)
{
    struct ppp *p = ras_calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->cfg = *cfg;
    copy_str(p->user, sizeof(p->user), &p->cfg.user);
    copy_str(p->password, sizeof(p->password), &p->cfg.password);
    if (!p->cfg.hostname)
        p->cfg.hostname = "openras";
    copy_str(p->hostname, sizeof(p->hostname), &p->cfg.hostname);
    struct ppp_config *c = &p->cfg;
    if (!c->mru)
        c->mru = PPP_DEFAULT_MRU;
    if (c->mru > HDLC_MAX_FRAME - FRAME_OVERHEAD)
        c->mru = HDLC_MAX_FRAME - FRAME_OVERHEAD;
    if (!c->restart_ms)
        c->restart_ms = PPP_DEFAULT_RESTART_MS;
    if (!c->max_configure)
        c->max_configure = PPP_DEFAULT_MAX_CONFIGURE;
    if (!c->max_terminate)
        c->max_terminate = PPP_DEFAULT_MAX_TERMINATE;
    if (!c->max_failure)
        c->max_failure = PPP_DEFAULT_MAX_FAILURE;
    if (!c->echo_interval_ms)
        c->echo_interval_ms = PPP_DEFAULT_ECHO_INTERVAL_MS;
    if (!c->echo_failures)
        c->echo_failures = PPP_DEFAULT_ECHO_FAILURES;
    if (!c->auth_timeout_ms)
        c->auth_timeout_ms = PPP_DEFAULT_AUTH_TIMEOUT_MS;
    hdlc_decoder_init(&p->dec);
    p->phase = PPP_PHASE_DEAD;
    layers_init(p);
    return p;
}

void
ppp_free(struct ppp *p)
{
    if (!p)
        return;
    auth_reset(&p->auth);
    ras_free_secret(p);
}

size_t
ppp_link_size(void)
{
    return sizeof(struct ppp);
}

void
ppp_start(struct ppp *p, uint64_t now_ms)
{
    if (p->phase != PPP_PHASE_DEAD)
        return;
    p->now = now_ms;
    p->error = 0;
    p->down_reported = false;
    p->network_up = false;
    p->started = true;
    memset(&p->proj, 0, sizeof(p->proj));
    struct hdlc_counters keep = p->dec.counters;   /* stats outlive a run */
    hdlc_decoder_init(&p->dec);
    p->dec.counters = keep;
    p->dec.rx_accm = ACCM_ALL;   /* RFC 1662 7.1: until LCP opens */
    layers_init(p);
    set_phase(p, PPP_PHASE_ESTABLISH);
    fsm_event(&p->lcp.fsm, FSM_OPEN);
    fsm_event(&p->lcp.fsm, FSM_UP);
}

void
ppp_close(struct ppp *p, uint64_t now_ms)
{
    p->now = now_ms;
    if (p->phase == PPP_PHASE_DEAD) {
        finish(p);
        return;
    }
    fsm_event(&p->lcp.fsm, FSM_CLOSE);
    if (p->lcp.fsm.state <= FSM_STOPPED)
        finish(p);
}

void
ppp_lower_down(struct ppp *p, uint32_t err, uint64_t now_ms)
{
    p->now = now_ms;
    ppp_record_error(p, err);
    fsm_lower_down(&p->lcp.fsm);
    /* From Closed or Closing the automaton reaches Initial without
     * This-Layer-Finished: the link ends here all the same. */
    finish(p);
}

/* --- input --- */

static void
rxq_push(struct ppp *p, const uint8_t *pkt, size_t n)
{
    struct ppp_rxq *q = &p->rxq;
    size_t need = RXQ_REC_HDR + n;
    if (q->len + need > sizeof(q->buf)) {
        p->stats.buffer_overrun_err++;
        return;
    }
    if (q->head + q->len + need > sizeof(q->buf)) {
        memmove(q->buf, q->buf + q->head, q->len);
        q->head = 0;
    }
    uint8_t *dst = q->buf + q->head + q->len;
    put16(dst, (uint16_t)n);
    memcpy(dst + RXQ_REC_HDR, pkt, n);
    q->len += need;
}

static void
deliver(struct ppp *p, const struct ppp_protocol *r, const uint8_t *pl, size_t plen)
{
    switch (r->kind) {
    case PROTO_LINK:
        fsm_input(fsm_of(p, r), pl, plen);
        return;
    case PROTO_AUTH:
        if (p->phase >= PPP_PHASE_AUTHENTICATE)
            auth_input(&p->auth, r->number, pl, plen, p->now);
        return;
    case PROTO_NCP:
        if (p->phase >= PPP_PHASE_NETWORK)
            fsm_input(fsm_of(p, r), pl, plen);
        return;
    case PROTO_DATA:
        if (fsm_of(p, r)->state == FSM_OPENED)
            rxq_push(p, pl, plen);
        return;
    }
}

static void
input_frame(void *ctx, const uint8_t *frame, size_t len)
{
    struct ppp *p = ctx;
    uint16_t proto;
    const uint8_t *pl;
    size_t plen;
    if (!ppp_frame_split(frame, len, &proto, &pl, &plen))
        return;
    p->stats.frames_rx++;
    p->lcp.rx_since_echo = true;
    /* RFC 1661 3.4: nothing but LCP before LCP is Opened. */
    if (proto != PPP_PROTO_LCP && !lcp_opened(p))
        return;
    const struct ppp_protocol *r = protocol_of(proto);
    if (r && protocol_on(p, r)) {
        deliver(p, r, pl, plen);
        return;
    }
    /* RFC 1661 5.7: an unknown protocol (CCP from pppd, ...) is rejected. */
    uint8_t rej[FSM_PKT_MAX];
    size_t n = PPP_PROTO_LEN + plen <= sizeof(rej) ? PPP_PROTO_LEN + plen : sizeof(rej);
    put16(rej, proto);
    memcpy(rej + PPP_PROTO_LEN, pl, n - PPP_PROTO_LEN);
    lcp_send_proto_rej(&p->lcp, rej, n);
}

void
ppp_input(struct ppp *p, const uint8_t *bytes, size_t n, uint64_t now_ms)
{
    p->now = now_ms;
    p->stats.bytes_rx += n;
    if (p->phase == PPP_PHASE_DEAD)
        return;
    if (p->cfg.packet_framing)
        input_frame(p, bytes, n);
    else
        hdlc_decode(&p->dec, bytes, n, input_frame, p);
}

void
ppp_set_mru(struct ppp *p, uint16_t mru)
{
    if (mru && mru <= HDLC_MAX_FRAME - FRAME_OVERHEAD)
        p->cfg.mru = mru;
}

/* --- timers --- */

void
ppp_timer(struct ppp *p, uint64_t now_ms)
{
    p->now = now_ms;
    if (p->phase == PPP_PHASE_DEAD)
        return;
    FOR_EACH_PROTOCOL(r)
        if (has_automaton(r))
            fsm_timer(fsm_of(p, r), now_ms);
    lcp_echo_timer(&p->lcp, now_ms);
    if (p->phase == PPP_PHASE_AUTHENTICATE) {
        if (p->auth_deadline && now_ms >= p->auth_deadline) {
            p->auth_deadline = 0;
            p->timeout_err++;
            auth_reset(&p->auth);
            ppp_record_error(p, PPP_ERR_TIMEOUT);
            fsm_fail(&p->lcp.fsm, PPP_ERR_TIMEOUT);
        } else
            auth_timer(&p->auth, now_ms);
    }
}

uint64_t
ppp_next_deadline(const struct ppp *p)
{
    if (p->phase == PPP_PHASE_DEAD)
        return 0;
    uint64_t d = p->lcp.echo_deadline;
    FOR_EACH_PROTOCOL(r)
        if (has_automaton(r))
            d = ppp_deadline_min(d, fsm_of_const(p, r)->deadline);
    if (p->phase == PPP_PHASE_AUTHENTICATE) {
        d = ppp_deadline_min(d, p->auth_deadline);
        d = ppp_deadline_min(d, auth_next_deadline(&p->auth));
    }
    return d;
}

/* --- output, events, data path --- */

/* Takes the next length-prefixed record of a ring (the received-IP queue,
 * a packet link's output queue) into buf; a record larger than cap is
 * dropped and counted as a buffer overrun. Returns its length, 0 = none. */
static size_t
ring_take(struct ppp *p, uint8_t *ring, size_t *head, size_t *len, uint8_t *buf, size_t cap)
{
    while (*len >= RXQ_REC_HDR) {
        const uint8_t *rec = ring + *head;
        size_t n = get16(rec);
        *head += RXQ_REC_HDR + n;
        *len -= RXQ_REC_HDR + n;
        if (*len == 0)
            *head = 0;
        if (n <= cap) {
            memcpy(buf, rec + RXQ_REC_HDR, n);
            return n;
        }
        p->stats.buffer_overrun_err++;
    }
    return 0;
}

size_t
ppp_output(struct ppp *p, uint8_t *buf, size_t cap)
{
    struct ppp_ring *q = &p->out;
    if (p->cfg.packet_framing)
        return ring_take(p, q->buf, &q->head, &q->len, buf, cap);
    size_t n = q->len < cap ? q->len : cap;
    memcpy(buf, q->buf + q->head, n);
    q->head += n;
    q->len -= n;
    if (q->len == 0)
        q->head = 0;
    return n;
}

size_t
ppp_output_pending(const struct ppp *p)
{
    return p->out.len;
}

bool
ppp_poll_event(struct ppp *p, struct ppp_event *ev)
{
    if (!p->ev_len)
        return false;
    const struct ppp_ev_rec *e = &p->events[p->ev_head];
    memset(ev, 0, sizeof(*ev));
    ev->type = (enum ppp_event_type)e->type;
    ev->phase = (enum ppp_phase)e->phase;
    if (ev->type == PPP_EV_AUTH_START)
        ev->auth_method = e->arg;
    else if (ev->type == PPP_EV_DOWN)
        ev->error = e->arg;
    p->ev_head = (p->ev_head + 1) % PPP_EVQ_SIZE;
    p->ev_len--;
    return true;
}

uint32_t
ppp_send_ip(struct ppp *p, const uint8_t *pkt, size_t n)
{
    if (n == 0)
        return PPP_ERR_INVALID_PARAMETER;
    bool v6 = (pkt[0] >> 4) == 6;
    const struct fsm *f = v6 ? &p->ipv6cp.fsm : &p->ipcp.fsm;
    if (f->state != FSM_OPENED || p->phase != PPP_PHASE_RUNNING)
        return PPP_ERR_PORT_NOT_CONNECTED;
    if (n > send_mru(p))
        return PPP_ERR_INVALID_PARAMETER;   /* larger than the peer takes */
    if (!send_frame(p, v6 ? PPP_PROTO_IPV6 : PPP_PROTO_IP, pkt, n))
        return PPP_ERR_BUFFER_TOO_SMALL;
    return 0;
}

size_t
ppp_recv_ip(struct ppp *p, uint8_t *buf, size_t cap)
{
    struct ppp_rxq *q = &p->rxq;
    return ring_take(p, q->buf, &q->head, &q->len, buf, cap);
}

enum ppp_phase
ppp_phase(const struct ppp *p)
{
    return p->phase;
}

void
ppp_get_projection(const struct ppp *p, struct ppp_projection *out)
{
    *out = p->proj;
}

void
ppp_get_stats(const struct ppp *p, struct ppp_stats *out)
{
    *out = p->stats;
    out->crc_err = p->dec.counters.crc_err;
    out->framing_err = p->dec.counters.framing_err;
    out->buffer_overrun_err += p->dec.counters.overrun_err;
    out->timeout_err = p->timeout_err;
}

void
ppp_clear_stats(struct ppp *p)
{
    memset(&p->stats, 0, sizeof(p->stats));
    memset(&p->dec.counters, 0, sizeof(p->dec.counters));
    p->timeout_err = 0;
}
