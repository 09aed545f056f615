/* LCP (RFC 1661 6, RFC 1662 7.1, RFC 1994 3, RFC 2759): MRU, ACCM,
 * Authentication-Protocol, Magic-Number with loop-back detection, PFC, ACFC;
 * Echo keepalive, Discard, Protocol-Reject, Code-Reject. */
#include <string.h>

#include "ppp/ppp_local.h"

enum {
    LCP_OPT_MRU = 1, LCP_OPT_ACCM = 2, LCP_OPT_AUTH = 3, LCP_OPT_MAGIC = 5,
    LCP_OPT_PFC = 7, LCP_OPT_ACFC = 8,
};

#define LCP_MIN_MRU 64
/* RFC 1994 3: CHAP's Authentication-Protocol option carries the algorithm
 * after the protocol number. */
#define CHAP_ALG_AT OPT_LEN16
#define CHAP_OPT_LEN (OPT_LEN16 + 1)

static struct lcp *
lcp_of(struct fsm *f)
{
    return (struct lcp *)f;
}

static uint32_t
new_magic(struct ppp *p)
{
    uint32_t m = 0;
    while (m == 0) {
        uint8_t b[4];
        random_bytes(&p->cfg, b, sizeof(b));
        m = get32(b);
    }
    return m;
}

/* Authentication-Protocol value for one PPP_AUTH_* bit. */
static void
auth_option(uint32_t method, uint16_t *proto, uint8_t *alg)
{
    *alg = 0;
    if (method == PPP_AUTH_PAP)
        *proto = PPP_PROTO_PAP;
    else {
        *proto = PPP_PROTO_CHAP;
        *alg = method == PPP_AUTH_MSCHAPV2 ? CHAP_ALG_MSCHAPV2 : CHAP_ALG_MD5;
    }
}

/* RFC 1334 3.1 / RFC 1994 3: CHAP carries its algorithm, PAP nothing. */
static void
add_auth_opt(struct opt_buf *o, uint16_t proto, uint8_t alg)
{
    uint8_t b[CHAP_OPT_LEN] = {LCP_OPT_AUTH, OPT_LEN16};
    put16(b + OPT_LEN0, proto);
    if (proto == PPP_PROTO_CHAP) {
        b[1] = CHAP_OPT_LEN;
        b[CHAP_ALG_AT] = alg;
    }
    opt_add(o, b, b[1]);
}

/* Our preference: MS-CHAPv2, CHAP-MD5, PAP. */
static uint32_t
best_method(uint32_t set)
{
    if (set & PPP_AUTH_MSCHAPV2)
        return PPP_AUTH_MSCHAPV2;
    if (set & PPP_AUTH_CHAP_MD5)
        return PPP_AUTH_CHAP_MD5;
    if (set & PPP_AUTH_PAP)
        return PPP_AUTH_PAP;
    return 0;
}

/* The PPP_AUTH_* bit an option names, 0 if we do not know it. */
static uint32_t
method_of(const uint8_t *opt, uint8_t olen)
{
    if (olen < OPT_LEN16)
        return 0;
    uint16_t proto = get16(opt + OPT_LEN0);
    if (proto == PPP_PROTO_PAP && olen == OPT_LEN16)
        return PPP_AUTH_PAP;
    if (proto == PPP_PROTO_CHAP && olen == CHAP_OPT_LEN) {
        if (opt[CHAP_ALG_AT] == CHAP_ALG_MD5)
            return PPP_AUTH_CHAP_MD5;
        if (opt[CHAP_ALG_AT] == CHAP_ALG_MSCHAPV2)
            return PPP_AUTH_MSCHAPV2;
    }
    return 0;
}

static void
set_auth_want(struct lcp *l, uint32_t method)
{
    l->want.neg_auth = method != 0;
    if (method)
        auth_option(method, &l->want.auth_proto, &l->want.auth_alg);
    else
        l->want.auth_proto = 0;
}

static void
lcp_reset(struct fsm *f)
{
    struct lcp *l = lcp_of(f);
    struct ppp *p = f->ppp;
    /* Only our side: l->his is what we last acked of the peer's, and a
     * renegotiation resets us right after acking its new request. */
    memset(&l->want, 0, sizeof(l->want));
    l->want.mru = p->cfg.mru;
    l->want.neg_mru = p->cfg.mru != PPP_DEFAULT_MRU;
    l->want.accm = p->cfg.accm;
    l->want.neg_accm = p->cfg.accm != ACCM_ALL;
    l->want.magic = new_magic(p);
    l->want.neg_magic = true;
    l->want.pfc = l->want.neg_pfc = true;
    /* RFC 2516 7: a packet link has no HDLC, so no ACCM and no ACFC */
    l->want.acfc = l->want.neg_acfc = !p->cfg.packet_framing;
    if (p->cfg.packet_framing)
        l->want.neg_accm = false;
    if (p->cfg.role == PPP_SERVER) {
        l->auth_allowed = p->cfg.auth_methods;
        set_auth_want(l, best_method(l->auth_allowed));
    } else {
        l->auth_allowed = p->cfg.auth_methods ? p->cfg.auth_methods
            : PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5 | PPP_AUTH_MSCHAPV2;
    }
    l->auth_naks = 0;
}

static void
lcp_build_req(struct fsm *f, struct opt_buf *o)
{
    struct lcp *l = lcp_of(f);
    if (l->want.neg_mru)
        opt_add16(o, LCP_OPT_MRU, l->want.mru);
    if (l->want.neg_accm)
        opt_add32(o, LCP_OPT_ACCM, l->want.accm);
    if (l->want.neg_auth)
        add_auth_opt(o, l->want.auth_proto, l->want.auth_alg);
    if (l->want.neg_magic)
        opt_add32(o, LCP_OPT_MAGIC, l->want.magic);
    if (l->want.neg_pfc)
        opt_add0(o, LCP_OPT_PFC);
    if (l->want.neg_acfc)
        opt_add0(o, LCP_OPT_ACFC);
}

/* One option of the peer's request (opt_judge_fn); his: struct lcp_opts. */
static int
judge_option(struct fsm *f, void *his_opts, uint8_t type, const uint8_t *opt, uint8_t olen,
             struct opt_reply *r)
{
    struct lcp *l = lcp_of(f);
    struct lcp_opts *his = his_opts;
    struct opt_buf *nak = &r->nak;
    struct ppp *p = f->ppp;
    switch (type) {
    case LCP_OPT_MRU:
        if (olen != OPT_LEN16)
            return CP_CONF_REJ;
        if (get16(opt + OPT_LEN0) < LCP_MIN_MRU) {
            opt_add16(nak, LCP_OPT_MRU, PPP_DEFAULT_MRU);
            return CP_CONF_NAK;
        }
        his->mru = get16(opt + OPT_LEN0);
        return CP_CONF_ACK;
    case LCP_OPT_ACCM:
        if (olen != OPT_LEN32 || p->cfg.packet_framing)
            return CP_CONF_REJ;
        his->accm = get32(opt + OPT_LEN0);
        return CP_CONF_ACK;
    case LCP_OPT_AUTH: {
        if (olen < OPT_LEN16)
            return CP_CONF_REJ;
        /* We authenticate ourselves only as the client. */
        if (p->cfg.role == PPP_SERVER)
            return CP_CONF_REJ;
        uint32_t m = method_of(opt, olen);
        if (m && (m & l->auth_allowed)) {
            his->auth_proto = get16(opt + OPT_LEN0);
            his->auth_alg = olen == CHAP_OPT_LEN ? opt[CHAP_ALG_AT] : 0;
            return CP_CONF_ACK;
        }
        /* RFC 1661 6.2: Nak with the protocol we would rather use. */
        uint32_t best = best_method(l->auth_allowed);
        if (!best || ++l->auth_naks > 2) {
            /* The peer insists on a method the entry forbids. */
            fsm_fail(f, PPP_ERR_AUTH_FAILURE);
            return 0;
        }
        uint16_t proto;
        uint8_t alg;
        auth_option(best, &proto, &alg);
        add_auth_opt(nak, proto, alg);
        return CP_CONF_NAK;
    }
    case LCP_OPT_MAGIC: {
        if (olen != OPT_LEN32)
            return CP_CONF_REJ;
        uint32_t m = get32(opt + OPT_LEN0);
        if (m == 0) {
            opt_add32(nak, LCP_OPT_MAGIC, new_magic(p));
            return CP_CONF_NAK;
        }
        if (l->want.neg_magic && m == l->want.magic) {
            /* RFC 1661 6.4: our own magic came back, the line may be
             * looped back; after Max-Failure of these, it is. */
            if (++l->magic_collisions >= p->cfg.max_failure) {
                fsm_fail(f, PPP_ERR_LOOPBACK);
                return 0;
            }
            /* Our next ConfReq carries the new one; an Ack of the one out
             * names a magic we no longer use. */
            l->want.magic = new_magic(p);
            fsm_req_outdated(f);
            opt_add32(nak, LCP_OPT_MAGIC, new_magic(p));
            return CP_CONF_NAK;
        }
        his->magic = m;
        his->neg_magic = true;
        return CP_CONF_ACK;
    }
    case LCP_OPT_PFC:
        if (olen != OPT_LEN0)
            return CP_CONF_REJ;
        his->pfc = true;
        return CP_CONF_ACK;
    case LCP_OPT_ACFC:
        if (olen != OPT_LEN0 || p->cfg.packet_framing)
            return CP_CONF_REJ;
        his->acfc = true;
        return CP_CONF_ACK;
    default:
        return CP_CONF_REJ;
    }
}

static int
lcp_recv_req(struct fsm *f, const uint8_t *opts, size_t len, uint8_t *out, size_t *out_len,
             bool reject_only)
{
    struct lcp_opts his = {.mru = PPP_DEFAULT_MRU, .accm = ACCM_ALL};
    int v = opt_judge_req(f, opts, len, out, out_len, reject_only, judge_option, &his);
    if (v == CP_CONF_ACK)
        lcp_of(f)->his = his;
    return v;
}

static void
lcp_acked(struct fsm *f)
{
    struct lcp *l = lcp_of(f);
    l->got = l->want;
}

/* The client cannot do what we demanded: take its suggestion if we allow
 * it, else the next we allow. */
static bool
nak_auth(struct lcp *l, const uint8_t *opt, uint8_t olen)
{
    l->auth_allowed &= ~best_method(l->auth_allowed);
    uint32_t m = method_of(opt, olen);
    uint32_t next = (m & l->auth_allowed) ? m : best_method(l->auth_allowed);
    if (!next) {
        fsm_fail(&l->fsm, PPP_ERR_AUTH_FAILURE);
        return false;
    }
    set_auth_want(l, next);
    return true;
}

static bool
lcp_nak_opt(struct fsm *f, uint8_t type, const uint8_t *opt, uint8_t olen)
{
    struct lcp *l = lcp_of(f);
    struct ppp *p = f->ppp;
    switch (type) {
    case LCP_OPT_MRU:
        if (olen == OPT_LEN16 && l->want.neg_mru) {
            uint16_t v = get16(opt + OPT_LEN0);
            /* Take a smaller MRU; a larger one we cannot receive. */
            if (v >= LCP_MIN_MRU && v <= l->want.mru)
                l->want.mru = v;
            else
                l->want.neg_mru = false;
        }
        return true;
    case LCP_OPT_ACCM:
        if (olen == OPT_LEN32)
            l->want.accm |= get32(opt + OPT_LEN0);
        l->want.neg_accm = true;
        return true;
    case LCP_OPT_AUTH:
        return !l->want.neg_auth || nak_auth(l, opt, olen);
    case LCP_OPT_MAGIC:
        if (olen == OPT_LEN32 && l->want.neg_magic) {
            /* RFC 1661 6.4: Nak'd magic may mean a looped-back line. */
            if (get32(opt + OPT_LEN0) == l->want.magic &&
                ++l->magic_collisions >= p->cfg.max_failure) {
                fsm_fail(f, PPP_ERR_LOOPBACK);
                return false;
            }
            l->want.magic = new_magic(p);
        }
        return true;
    default:
        return true;
    }
}

static bool
lcp_rej_opt(struct fsm *f, uint8_t type, const uint8_t *opt, uint8_t olen)
{
    struct lcp *l = lcp_of(f);
    (void)opt;
    (void)olen;
    switch (type) {
    case LCP_OPT_MRU: l->want.neg_mru = false; l->want.mru = PPP_DEFAULT_MRU; break;
    case LCP_OPT_ACCM: l->want.neg_accm = false; l->want.accm = ACCM_ALL; break;
    case LCP_OPT_MAGIC: l->want.neg_magic = false; break;
    case LCP_OPT_PFC: l->want.neg_pfc = l->want.pfc = false; break;
    case LCP_OPT_ACFC: l->want.neg_acfc = l->want.acfc = false; break;
    case LCP_OPT_AUTH:
        if (l->want.neg_auth) {
            /* The client refuses to authenticate at all. */
            fsm_fail(f, PPP_ERR_AUTH_FAILURE);
            return false;
        }
        break;
    default:
        break;
    }
    return true;
}

static void lcp_up(struct fsm *f) { ppp_lcp_up(f->ppp); }
static void lcp_down(struct fsm *f) { lcp_of(f)->echo_deadline = 0; ppp_lcp_down(f->ppp); }
static void lcp_finished(struct fsm *f) { lcp_of(f)->echo_deadline = 0; ppp_lcp_finished(f->ppp); }
static void lcp_terminating(struct fsm *f) { ppp_lcp_terminating(f->ppp); }
static void lcp_error(struct fsm *f, uint32_t err) { ppp_record_error(f->ppp, err); }

static bool
lcp_extcode(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *data, size_t len)
{
    struct lcp *l = lcp_of(f);
    bool opened = f->state == FSM_OPENED;
    switch (code) {
    case CP_PROTO_REJ:
        if (opened && len >= 2)
            ppp_proto_reject(f->ppp, get16(data));
        return true;
    case CP_ECHO_REQ: {
        /* RFC 1661 5.8: answered only in Opened, with our magic. */
        if (!opened || len < sizeof(uint32_t))
            return true;
        uint8_t rep[FSM_PKT_MAX];
        size_t n = len <= sizeof(rep) ? len : sizeof(rep);
        memcpy(rep, data, n);
        put32(rep, l->got.neg_magic ? l->got.magic : 0);
        fsm_send(f, CP_ECHO_REP, id, rep, n);
        return true;
    }
    case CP_ECHO_REP: case CP_DISCARD_REQ: case CP_IDENTIFICATION: case CP_TIME_REMAINING:
        /* Any frame already counts as a sign of life (rx_since_echo). */
        return true;
    default:
        return false;
    }
}

/* LCP is the link's layer: its errors are the link's, its Terminate is the
 * link's, and a peer that refuses Protocol-Reject cannot be told what we
 * do not speak (RFC 1661 5.6). */
static const struct fsm_ops lcp_ops = {
    .proto = PPP_PROTO_LCP,
    .term_error = PPP_ERR_REMOTE_TERMINATED,
    .needed_codes = 1u << CP_PROTO_REJ,
    .stop_on_term_req = true,
    .reset = lcp_reset,
    .build_req = lcp_build_req,
    .recv_req = lcp_recv_req,
    .acked = lcp_acked,
    .nak_opt = lcp_nak_opt,
    .rej_opt = lcp_rej_opt,
    .up = lcp_up,
    .down = lcp_down,
    .finished = lcp_finished,
    .terminating = lcp_terminating,
    .error = lcp_error,
    .extcode = lcp_extcode,
};

void
lcp_init(struct ppp *p)
{
    struct lcp *l = &p->lcp;
    memset(l, 0, sizeof(*l));
    fsm_init(&l->fsm, p, &lcp_ops);
    l->fsm.resend_on_first_req = p->cfg.packet_framing && p->cfg.role == PPP_CLIENT;
    l->his.accm = ACCM_ALL;
    l->his.mru = PPP_DEFAULT_MRU;
}

void
lcp_echo_start(struct lcp *l, uint64_t now_ms)
{
    struct ppp *p = l->fsm.ppp;
    l->echo_misses = 0;
    l->rx_since_echo = false;
    l->echo_deadline = p->cfg.echo_interval_ms == UINT32_MAX ? 0
        : now_ms + p->cfg.echo_interval_ms;
}

/* The keepalive: a miss counts only when nothing at all came from the
 * peer during the interval, so a busy link never looks dead (pppd #323). */
void
lcp_echo_timer(struct lcp *l, uint64_t now_ms)
{
    struct ppp *p = l->fsm.ppp;
    if (!l->echo_deadline || now_ms < l->echo_deadline || l->fsm.state != FSM_OPENED)
        return;
    if (l->rx_since_echo)
        l->echo_misses = 0;
    else if (++l->echo_misses >= p->cfg.echo_failures) {
        l->echo_deadline = 0;
        /* A dead peer cannot acknowledge a Terminate: end at once. */
        ppp_record_error(p, PPP_ERR_NO_RESPONSE);
        fsm_set_error(&l->fsm, PPP_ERR_NO_RESPONSE);
        fsm_lower_down(&l->fsm);
        return;
    }
    l->rx_since_echo = false;
    uint8_t magic[4];
    put32(magic, l->got.neg_magic ? l->got.magic : 0);
    fsm_send(&l->fsm, CP_ECHO_REQ, l->echo_id++, magic, sizeof(magic));
    l->echo_deadline = now_ms + p->cfg.echo_interval_ms;
}

/* RFC 1661 5.7: the rejected protocol, then as much of its packet as fits. */
void
lcp_send_proto_rej(struct lcp *l, const uint8_t *proto_and_info, size_t len)
{
    if (l->fsm.state != FSM_OPENED)
        return;
    size_t max = l->his.mru > CP_HDR_LEN ? (size_t)l->his.mru - CP_HDR_LEN : 0;
    if (len > max)
        len = max;
    fsm_send(&l->fsm, CP_PROTO_REJ, l->fsm.id++, proto_and_info, len);
}
