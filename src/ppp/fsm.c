/* The RFC 1661 option negotiation automaton (section 4), shared by LCP, IPCP
 * and IPv6CP: the ten states, every event, the restart timer and counters,
 * and our own bounds on Nak/Reject loops so every negotiation ends. */
#include <string.h>

#include "ppp/ppp_local.h"

/* Nak/Reject rounds we take, and peer requests we refuse, before calling
 * the negotiation non-converging (pppd #614: unbounded reject loops). */
#define FSM_MAX_NAKS_RCVD(p) ((p)->cfg.max_configure)
#define FSM_MAX_REQS_REFUSED(p) ((p)->cfg.max_configure + (p)->cfg.max_failure)
/* Times a layer may reach Opened on one link (peers that renegotiate for
 * ever from Opened). */
#define FSM_MAX_UPS 8
/* ConfReqs of one negotiation: Max-Configure timeouts plus as many Nak
 * rounds, with room to spare. */
#define FSM_MAX_REQS_SENT(p) (3 * (p)->cfg.max_configure)

struct fsm_rx {
    uint8_t id;
    const uint8_t *data;        /* packet after the 4-byte header */
    size_t len;
    uint8_t reply_code;         /* for sca/scn */
    uint8_t reply[FSM_PKT_MAX];
    size_t reply_len;
};

static const char *const state_names[] = {
    "Initial", "Starting", "Closed", "Stopped", "Closing", "Stopping",
    "Req-Sent", "Ack-Rcvd", "Ack-Sent", "Opened",
};

const char *
fsm_state_name(int s)
{
    return s >= 0 && s <= FSM_OPENED ? state_names[s] : "?";
}

void
fsm_init(struct fsm *f, struct ppp *p, const struct fsm_ops *ops)
{
    memset(f, 0, sizeof(*f));
    f->ppp = p;
    f->ops = ops;
    f->state = FSM_INITIAL;
    f->id = 1;
}

void
fsm_set_error(struct fsm *f, uint32_t err)
{
    if (!f->error)
        f->error = err;
    /* LCP's failures end the link; an NCP's only when it was the last. */
    if (f->ops->error)
        f->ops->error(f, err);
}

void
fsm_send(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *data, size_t len)
{
    uint8_t pkt[CP_HDR_LEN + FSM_PKT_MAX];
    if (len > FSM_PKT_MAX)
        len = FSM_PKT_MAX;
    pkt[0] = code;
    pkt[1] = id;
    put16(pkt + 2, (uint16_t)(CP_HDR_LEN + len));
    if (len)
        memcpy(pkt + CP_HDR_LEN, data, len);
    ppp_send_frame(f->ppp, f->ops->proto, pkt, CP_HDR_LEN + len);
}

static void
timer_start(struct fsm *f)
{
    f->deadline = f->ppp->now + f->ppp->cfg.restart_ms;
    if (f->deadline == 0)
        f->deadline = 1;
}

/* --- RFC 1661 4.4 actions --- */

static void
irc(struct fsm *f, bool terminate)
{
    f->restart_count = terminate ? f->ppp->cfg.max_terminate : f->ppp->cfg.max_configure;
}

static void
zrc(struct fsm *f)
{
    f->restart_count = 0;
    timer_start(f);
}

static void
scr(struct fsm *f)
{
    /* Kept to check the peer's Ack against (RFC 1661 5.2). */
    struct opt_buf o = {f->req, sizeof(f->req), 0};
    f->ops->build_req(f, &o);
    f->req_len = (uint8_t)o.len;
    f->req_outdated = false;
    f->req_id = f->id++;
    f->reqs_sent++;
    fsm_send(f, CP_CONF_REQ, f->req_id, f->req, f->req_len);
    if (f->restart_count)
        f->restart_count--;
    timer_start(f);
}

static void
sca(struct fsm *f, const struct fsm_rx *rx)
{
    fsm_send(f, CP_CONF_ACK, rx->id, rx->data, rx->len);
}

static void
scn(struct fsm *f, const struct fsm_rx *rx)
{
    fsm_send(f, rx->reply_code, rx->id, rx->reply, rx->reply_len);
}

static void
str(struct fsm *f)
{
    f->term_id = f->id++;
    fsm_send(f, CP_TERM_REQ, f->term_id, NULL, 0);
    if (f->restart_count)
        f->restart_count--;
    timer_start(f);
}

static void
sta(struct fsm *f, const struct fsm_rx *rx)
{
    fsm_send(f, CP_TERM_ACK, rx ? rx->id : 0, NULL, 0);
}

static void
scj(struct fsm *f, const struct fsm_rx *rx)
{
    /* RFC 1661 5.6: the rejected packet follows, truncated to fit. */
    size_t n = CP_HDR_LEN + rx->len <= FSM_PKT_MAX ? CP_HDR_LEN + rx->len : FSM_PKT_MAX;
    fsm_send(f, CP_CODE_REJ, f->id++, rx->data - CP_HDR_LEN, n);
}

static void tlu(struct fsm *f) { f->ops->up(f); }
static void tld(struct fsm *f) { f->ops->down(f); }
static void tls(struct fsm *f) { if (f->ops->started) f->ops->started(f); }
static void tlf(struct fsm *f) { f->ops->finished(f); }

static void
set_state(struct fsm *f, enum fsm_state s)
{
    f->state = (uint8_t)s;
    if ((s == FSM_CLOSING || s == FSM_STOPPING) && f->ops->terminating)
        f->ops->terminating(f);
    /* The restart timer runs only while a request is outstanding. */
    if (s < FSM_CLOSING || s == FSM_OPENED)
        f->deadline = 0;
    if (s == FSM_OPENED) {
        f->naks_rcvd = 0;
        f->reqs_rcvd = 0;
        f->reqs_sent = 0;
    }
}

/* A fresh negotiation: our options back to what we want. */
static void
start_negotiation(struct fsm *f)
{
    f->ops->reset(f);
    f->naks_sent = 0;
    f->naks_rcvd = 0;
    f->reqs_rcvd = 0;
    f->reqs_sent = 0;
    f->resend_armed = f->resend_on_first_req;
    irc(f, false);
    scr(f);
}

static void
opened(struct fsm *f)
{
    set_state(f, FSM_OPENED);
    if (++f->ups > FSM_MAX_UPS) {
        fsm_fail(f, PPP_ERR_NOT_CONVERGING);
        return;
    }
    tlu(f);
}

/* Enters s and reports This-Layer-Finished (RFC 1661 4.1 cells 2f, 3f). */
static void
finish_in(struct fsm *f, enum fsm_state s)
{
    set_state(f, s);
    tlf(f);
}

/* Our Terminate-Requests were acked or ran out (cells 2f, 3f). */
static void
terminate_done(struct fsm *f)
{
    finish_in(f, f->state == FSM_CLOSING ? FSM_CLOSED : FSM_STOPPED);
}

/* We terminate: Terminate-Requests from s on (irc, str), This-Layer-Down
 * first when leaving Opened (cells 4, 4d, 5d). */
static void
terminate(struct fsm *f, enum fsm_state s)
{
    bool was_opened = f->state == FSM_OPENED;
    set_state(f, s);
    if (was_opened)
        tld(f);
    irc(f, true);
    str(f);
}

/* The peer terminates: we ack and wait out a restart period in Stopping
 * (zrc, sta; cell 5d from Opened), with err as the layer's cause. */
static void
peer_terminates(struct fsm *f, uint32_t err, const struct fsm_rx *rx)
{
    bool was_opened = f->state == FSM_OPENED;
    fsm_set_error(f, err);
    set_state(f, FSM_STOPPING);
    if (was_opened)
        tld(f);
    zrc(f);
    sta(f, rx);
}

/* Opened, and the peer's Ack, Nak or Terminate-Ack says it renegotiates
 * (cells 6d with scr). */
static void
renegotiate(struct fsm *f)
{
    tld(f);
    f->ops->reset(f);
    scr(f);
    set_state(f, FSM_REQSENT);
}

/* Our answer to a ConfReq (sca to Ack-Sent, scn to Req-Sent). */
static void
answer_req(struct fsm *f, bool good, const struct fsm_rx *rx)
{
    if (good) {
        sca(f, rx);
        set_state(f, FSM_ACKSENT);
    } else {
        scn(f, rx);
        set_state(f, FSM_REQSENT);
    }
}

/* A ConfReq in Stopped or Opened: our negotiation starts over (irc, scr),
 * then the answer. */
static void
restart_and_answer(struct fsm *f, bool good, const struct fsm_rx *rx)
{
    f->ops->reset(f);
    f->naks_rcvd = 0;   /* already 0 in Opened */
    irc(f, false);
    scr(f);
    answer_req(f, good, rx);
}

/* Up, Down, Open, Close. */
static void
admin_event(struct fsm *f, enum fsm_event ev)
{
    enum fsm_state s = f->state;
    switch (ev) {
    case FSM_UP:
        if (s == FSM_INITIAL)
            set_state(f, FSM_CLOSED);
        else if (s == FSM_STARTING) {
            set_state(f, FSM_REQSENT);
            start_negotiation(f);
        }
        break;
    case FSM_DOWN:
        switch (s) {
        case FSM_CLOSED: case FSM_CLOSING:
            set_state(f, FSM_INITIAL);
            break;
        case FSM_STOPPED:
            set_state(f, FSM_STARTING);
            tls(f);
            break;
        case FSM_STOPPING: case FSM_REQSENT: case FSM_ACKRCVD: case FSM_ACKSENT:
            set_state(f, FSM_STARTING);
            break;
        case FSM_OPENED:
            set_state(f, FSM_STARTING);
            tld(f);
            break;
        default:
            break;
        }
        break;
    case FSM_OPEN:
        switch (s) {
        case FSM_INITIAL:
            set_state(f, FSM_STARTING);
            tls(f);
            break;
        case FSM_CLOSED:
            set_state(f, FSM_REQSENT);
            start_negotiation(f);
            break;
        case FSM_CLOSING:
            set_state(f, FSM_STOPPING);
            break;
        default:
            break;
        }
        break;
    case FSM_CLOSE:
        switch (s) {
        case FSM_STARTING:
            finish_in(f, FSM_INITIAL);
            break;
        case FSM_STOPPED:
            set_state(f, FSM_CLOSED);
            break;
        case FSM_STOPPING:
            set_state(f, FSM_CLOSING);
            break;
        case FSM_REQSENT: case FSM_ACKRCVD: case FSM_ACKSENT: case FSM_OPENED:
            terminate(f, FSM_CLOSING);
            break;
        default:
            break;
        }
        break;
    default:
        break;
    }
}

static void
timeout_event(struct fsm *f, enum fsm_event ev)
{
    enum fsm_state s = f->state;
    if (ev == FSM_TO_PLUS) {
        switch (s) {
        case FSM_CLOSING: case FSM_STOPPING:
            str(f);
            break;
        case FSM_REQSENT: case FSM_ACKRCVD:
            set_state(f, FSM_REQSENT);
            scr(f);
            break;
        case FSM_ACKSENT:
            scr(f);
            break;
        default:
            break;
        }
        return;
    }
    if (s == FSM_CLOSING || s == FSM_STOPPING)
        terminate_done(f);
    else if (s >= FSM_REQSENT && s <= FSM_ACKSENT) {
        /* Max-Configure ConfReqs went unanswered. */
        fsm_set_error(f, PPP_ERR_TIMEOUT);
        finish_in(f, FSM_STOPPED);
    }
}

static void
rcr_event(struct fsm *f, bool good, const struct fsm_rx *rx)
{
    switch (f->state) {
    case FSM_CLOSED:
        sta(f, rx);
        break;
    case FSM_STOPPED:
        restart_and_answer(f, good, rx);
        break;
    case FSM_REQSENT: case FSM_ACKSENT:
        /* PPPoE: an access concentrator that starts its PPP at PADS (rp-pppoe's
         * pppoe-server) loses the ConfReq we sent right after it, and RFC
         * 1661 would wait out the restart timer (3 s) before sending it
         * again. The peer's first ConfReq with nothing yet answered of ours
         * says it listens now: ours goes again at once, with a new id (an
         * Ack of the first is then stale), before our answer, so a peer
         * that did get the first one only acks twice. */
        if (f->resend_armed && f->state == FSM_REQSENT)
            scr(f);
        answer_req(f, good, rx);
        break;
    case FSM_ACKRCVD:
        if (good) {
            sca(f, rx);
            opened(f);
        } else
            scn(f, rx);
        break;
    case FSM_OPENED:
        tld(f);
        restart_and_answer(f, good, rx);
        break;
    default:    /* Closing, Stopping: ignore */
        break;
    }
}

static void
rca_rcn_event(struct fsm *f, enum fsm_event ev, const struct fsm_rx *rx)
{
    switch (f->state) {
    case FSM_CLOSED: case FSM_STOPPED:
        sta(f, rx);
        break;
    case FSM_REQSENT:
        irc(f, false);
        if (ev == FSM_RCA) {
            set_state(f, FSM_ACKRCVD);
            timer_start(f);
        } else
            scr(f);
        break;
    case FSM_ACKRCVD:   /* 6x: crossed connection */
        scr(f);
        set_state(f, FSM_REQSENT);
        break;
    case FSM_ACKSENT:
        irc(f, false);
        if (ev == FSM_RCA)
            opened(f);
        else
            scr(f);
        break;
    case FSM_OPENED:
        renegotiate(f);
        break;
    default:
        break;
    }
}

static void
rtr_event(struct fsm *f, const struct fsm_rx *rx)
{
    switch (f->state) {
    case FSM_REQSENT: case FSM_ACKRCVD: case FSM_ACKSENT:
        if (f->ops->stop_on_term_req) {
            /* The peer is closing the link before it came up (it refused
             * our authentication, say). RFC 1661 would keep sending
             * ConfReqs to Max-Configure; we end after one restart period
             * with the peer's cause, as from Opened. */
            peer_terminates(f, f->ops->term_error, rx);
            break;
        }
        sta(f, rx);
        set_state(f, FSM_REQSENT);
        break;
    case FSM_OPENED:
        peer_terminates(f, f->ops->term_error ? f->ops->term_error : PPP_ERR_REMOTE_TERMINATED, rx);
        break;
    case FSM_INITIAL: case FSM_STARTING:
        break;
    default:
        sta(f, rx);
        break;
    }
}

static void
rta_event(struct fsm *f)
{
    if (f->state == FSM_CLOSING || f->state == FSM_STOPPING)
        terminate_done(f);
    else if (f->state == FSM_ACKRCVD)
        set_state(f, FSM_REQSENT);
    else if (f->state == FSM_OPENED)
        renegotiate(f);
}

static void
rxj_event(struct fsm *f, bool fatal)
{
    if (!fatal) {
        if (f->state == FSM_ACKRCVD)
            set_state(f, FSM_REQSENT);
        return;
    }
    fsm_set_error(f, PPP_ERR_CP_REJECTED);
    if (f->state == FSM_OPENED)
        terminate(f, FSM_STOPPING);
    else if (f->state >= FSM_CLOSED)
        finish_in(f, f->state == FSM_CLOSED || f->state == FSM_CLOSING ? FSM_CLOSED : FSM_STOPPED);
}

static void
dispatch(struct fsm *f, enum fsm_event ev, struct fsm_rx *rx)
{
    switch (ev) {
    case FSM_UP: case FSM_DOWN: case FSM_OPEN: case FSM_CLOSE:
        admin_event(f, ev);
        break;
    case FSM_TO_PLUS: case FSM_TO_MINUS:
        timeout_event(f, ev);
        break;
    case FSM_RCR_PLUS: case FSM_RCR_MINUS:
        rcr_event(f, ev == FSM_RCR_PLUS, rx);
        break;
    case FSM_RCA: case FSM_RCN:
        rca_rcn_event(f, ev, rx);
        break;
    case FSM_RTR:
        rtr_event(f, rx);
        break;
    case FSM_RTA:
        rta_event(f);
        break;
    case FSM_RUC:
        if (f->state >= FSM_CLOSED)
            scj(f, rx);
        break;
    case FSM_RXJ_PLUS: case FSM_RXJ_MINUS:
        rxj_event(f, ev == FSM_RXJ_MINUS);
        break;
    case FSM_RXR:   /* Echo/Discard: handled by the protocol's extcode */
        break;
    }
}

void
fsm_event(struct fsm *f, enum fsm_event ev)
{
    dispatch(f, ev, NULL);
}

void
fsm_fail(struct fsm *f, uint32_t err)
{
    fsm_set_error(f, err);
    switch (f->state) {
    case FSM_REQSENT: case FSM_ACKRCVD: case FSM_ACKSENT: case FSM_OPENED:
        /* Tell the peer we give up, bounded by Max-Terminate. */
        dispatch(f, FSM_CLOSE, NULL);
        break;
    case FSM_STOPPED:
        set_state(f, FSM_CLOSED);
        break;
    default:
        break;
    }
}

void
fsm_lower_down(struct fsm *f)
{
    dispatch(f, FSM_DOWN, NULL);
    dispatch(f, FSM_CLOSE, NULL);
}

void
fsm_req_outdated(struct fsm *f)
{
    f->req_outdated = true;
}

void
fsm_timer(struct fsm *f, uint64_t now_ms)
{
    if (!f->deadline || now_ms < f->deadline)
        return;
    f->deadline = 0;
    f->ppp->timeout_err++;
    /* RFC 1661's table loops for ever with a peer that acks our requests
     * but never sends its own (Ack-Rcvd, TO+, Req-Sent, RCA resets the
     * counter): cap the requests of one negotiation. */
    if (f->state >= FSM_REQSENT && f->state <= FSM_ACKSENT &&
        f->reqs_sent >= FSM_MAX_REQS_SENT(f->ppp)) {
        fsm_fail(f, PPP_ERR_NOT_CONVERGING);
        return;
    }
    dispatch(f, f->restart_count > 0 ? FSM_TO_PLUS : FSM_TO_MINUS, NULL);
}

static bool
negotiating(const struct fsm *f)
{
    return f->state >= FSM_STOPPED && f->state != FSM_CLOSING && f->state != FSM_STOPPING;
}

static void
input_conf_req(struct fsm *f, struct fsm_rx *rx)
{
    struct ppp *p = f->ppp;
    if (f->state == FSM_CLOSED) {
        sta(f, rx);
        return;
    }
    if (!negotiating(f))
        return;
    bool reject_only = f->naks_sent >= p->cfg.max_failure;
    int code = f->ops->recv_req(f, rx->data, rx->len, rx->reply, &rx->reply_len, reject_only);
    if (code == 0)
        return;
    if (code == CP_CONF_ACK) {
        f->naks_sent = 0;
        dispatch(f, FSM_RCR_PLUS, rx);
        return;
    }
    if (code == CP_CONF_NAK)
        f->naks_sent++;
    if (++f->reqs_rcvd > FSM_MAX_REQS_REFUSED(p)) {
        fsm_fail(f, PPP_ERR_NOT_CONVERGING);
        return;
    }
    rx->reply_code = (uint8_t)code;
    dispatch(f, FSM_RCR_MINUS, rx);
}

/* RFC 1661 5.2: an Ack must match what we sent exactly. */
static bool
ack_matches(struct fsm *f, const struct fsm_rx *rx)
{
    if (f->req_outdated || rx->len != f->req_len || memcmp(rx->data, f->req, rx->len) != 0)
        return false;
    if (f->ops->acked)
        f->ops->acked(f);
    return true;
}

static void
input_conf_reply(struct fsm *f, uint8_t code, struct fsm_rx *rx)
{
    if (f->state == FSM_CLOSED || f->state == FSM_STOPPED) {
        sta(f, rx);
        return;
    }
    /* RFC 1661 5.2-5.4: a reply must carry our request's identifier. */
    if (!negotiating(f) || rx->id != f->req_id)
        return;
    bool ok;
    if (code == CP_CONF_ACK)
        ok = ack_matches(f, rx);
    else
        ok = opt_walk(f, rx->data, rx->len, code == CP_CONF_NAK ? f->ops->nak_opt : f->ops->rej_opt);
    if (!ok)
        return;     /* malformed or not matching what we sent: dropped */
    f->req_id++;   /* one reply per request: a duplicate is stale */
    if (code == CP_CONF_ACK) {
        dispatch(f, FSM_RCA, rx);
        return;
    }
    if (++f->naks_rcvd > FSM_MAX_NAKS_RCVD(f->ppp)) {
        fsm_fail(f, PPP_ERR_NOT_CONVERGING);
        return;
    }
    dispatch(f, FSM_RCN, rx);
}

static void
input_code_rej(struct fsm *f, struct fsm_rx *rx)
{
    if (rx->len < 1)
        return;
    uint8_t code = rx->data[0];
    /* RFC 1661 5.6: rejecting a code the automaton needs is fatal. */
    bool fatal = code >= CP_CONF_REQ && code <= CP_CODE_REJ;
    if (code < 32 && (f->ops->needed_codes & 1u << code))
        fatal = true;
    dispatch(f, fatal ? FSM_RXJ_MINUS : FSM_RXJ_PLUS, rx);
}

void
fsm_input(struct fsm *f, const uint8_t *pkt, size_t len)
{
    if (len < CP_HDR_LEN)
        return;
    size_t plen = get16(pkt + 2);
    if (plen < CP_HDR_LEN || plen > len)
        return;
    /* RFC 1661 5: octets past Length are padding. */
    if (f->state == FSM_INITIAL || f->state == FSM_STARTING)
        return;
    struct fsm_rx rx;
    rx.id = pkt[1];
    rx.data = pkt + CP_HDR_LEN;
    rx.len = plen - CP_HDR_LEN;
    rx.reply_code = 0;
    rx.reply_len = 0;
    uint8_t code = pkt[0];
    switch (code) {
    case CP_CONF_REQ:
        input_conf_req(f, &rx);
        break;
    case CP_CONF_ACK: case CP_CONF_NAK: case CP_CONF_REJ:
        input_conf_reply(f, code, &rx);
        break;
    case CP_TERM_REQ:
        dispatch(f, FSM_RTR, &rx);
        break;
    case CP_TERM_ACK:
        dispatch(f, FSM_RTA, &rx);
        break;
    case CP_CODE_REJ:
        input_code_rej(f, &rx);
        break;
    default:
        if (!f->ops->extcode || !f->ops->extcode(f, code, rx.id, rx.data, rx.len))
            dispatch(f, FSM_RUC, &rx);
        break;
    }
    f->resend_armed = false;    /* the peer has spoken */
}
