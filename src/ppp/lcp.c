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

static struct lcp *
lcp_of(struct fsm *f)
{
    return (struct lcp *)f;
}

/* Appends options to a reply, never past its end. */
struct optbuf {
    uint8_t *b;
    size_t cap, len;
};

static void
ob_add(struct optbuf *o, const uint8_t *opt, size_t n)
{
    if (o->len + n <= o->cap) {
        memcpy(o->b + o->len, opt, n);
        o->len += n;
    }
}

static void
ob_add16(struct optbuf *o, uint8_t type, uint16_t v)
{
    uint8_t b[4] = {type, 4};
    put16(b + 2, v);
    ob_add(o, b, 4);
}

static void
ob_add32(struct optbuf *o, uint8_t type, uint32_t v)
{
    uint8_t b[6] = {type, 6};
    put32(b + 2, v);
    ob_add(o, b, 6);
}

static uint32_t
new_magic(struct ppp *p)
{
    uint32_t m = 0;
    while (m == 0) {
        uint8_t b[4];
        random_bytes(&p->cfg, b, 4);
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
    if (olen < 4)
        return 0;
    uint16_t proto = get16(opt + 2);
    if (proto == PPP_PROTO_PAP && olen == 4)
        return PPP_AUTH_PAP;
    if (proto == PPP_PROTO_CHAP && olen == 5) {
        if (opt[4] == CHAP_ALG_MD5)
            return PPP_AUTH_CHAP_MD5;
        if (opt[4] == CHAP_ALG_MSCHAPV2)
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
    l->want.acfc = l->want.neg_acfc = true;
    if (p->cfg.role == PPP_SERVER) {
        l->auth_allowed = p->cfg.auth_methods;
        set_auth_want(l, best_method(l->auth_allowed));
    } else {
        l->auth_allowed = p->cfg.auth_methods ? p->cfg.auth_methods
            : PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5 | PPP_AUTH_MSCHAPV2;
    }
    l->auth_naks = 0;
}

static size_t
lcp_build_req(struct fsm *f, uint8_t *out, size_t cap)
{
    struct lcp *l = lcp_of(f);
    struct optbuf o = {out, cap, 0};
    if (l->want.neg_mru)
        ob_add16(&o, LCP_OPT_MRU, l->want.mru);
    if (l->want.neg_accm)
        ob_add32(&o, LCP_OPT_ACCM, l->want.accm);
    if (l->want.neg_auth) {
        uint8_t b[5] = {LCP_OPT_AUTH, 4};
        put16(b + 2, l->want.auth_proto);
        if (l->want.auth_proto == PPP_PROTO_CHAP) {
            b[1] = 5;
            b[4] = l->want.auth_alg;
        }
        ob_add(&o, b, b[1]);
    }
    if (l->want.neg_magic)
        ob_add32(&o, LCP_OPT_MAGIC, l->want.magic);
    if (l->want.neg_pfc) {
        uint8_t b[2] = {LCP_OPT_PFC, 2};
        ob_add(&o, b, 2);
    }
    if (l->want.neg_acfc) {
        uint8_t b[2] = {LCP_OPT_ACFC, 2};
        ob_add(&o, b, 2);
    }
    return o.len;
}

/* One option of the peer's request; returns the verdict for it and may
 * write a suggestion (Nak) into nak. */
static int
judge_option(struct lcp *l, uint8_t type, const uint8_t *opt, uint8_t olen,
             struct lcp_opts *his, struct optbuf *nak)
{
    struct ppp *p = l->fsm.ppp;
    switch (type) {
    case LCP_OPT_MRU:
        if (olen != 4)
            return CP_CONF_REJ;
        if (get16(opt + 2) < LCP_MIN_MRU) {
            ob_add16(nak, LCP_OPT_MRU, PPP_DEFAULT_MRU);
            return CP_CONF_NAK;
        }
        his->mru = get16(opt + 2);
        return CP_CONF_ACK;
    case LCP_OPT_ACCM:
        if (olen != 6)
            return CP_CONF_REJ;
        his->accm = get32(opt + 2);
        return CP_CONF_ACK;
    case LCP_OPT_AUTH: {
        if (olen < 4)
            return CP_CONF_REJ;
        /* We authenticate ourselves only as the client. */
        if (p->cfg.role == PPP_SERVER)
            return CP_CONF_REJ;
        uint32_t m = method_of(opt, olen);
        if (m && (m & l->auth_allowed)) {
            his->auth_proto = get16(opt + 2);
            his->auth_alg = olen == 5 ? opt[4] : 0;
            return CP_CONF_ACK;
        }
        /* RFC 1661 6.2: Nak with the protocol we would rather use. */
        uint32_t best = best_method(l->auth_allowed);
        if (!best || ++l->auth_naks > 2) {
            /* The peer insists on a method the entry forbids. */
            fsm_fail(&l->fsm, PPP_ERR_AUTH_FAILURE);
            return 0;
        }
        uint16_t proto;
        uint8_t alg, b[5] = {LCP_OPT_AUTH, 4};
        auth_option(best, &proto, &alg);
        put16(b + 2, proto);
        if (proto == PPP_PROTO_CHAP) {
            b[1] = 5;
            b[4] = alg;
        }
        ob_add(nak, b, b[1]);
        return CP_CONF_NAK;
    }
    case LCP_OPT_MAGIC: {
        if (olen != 6)
            return CP_CONF_REJ;
        uint32_t m = get32(opt + 2);
        if (m == 0) {
            ob_add32(nak, LCP_OPT_MAGIC, new_magic(p));
            return CP_CONF_NAK;
        }
        if (l->want.neg_magic && m == l->want.magic) {
            /* RFC 1661 6.4: our own magic came back, the line may be
             * looped back; after Max-Failure of these, it is. */
            if (++l->magic_collisions >= p->cfg.max_failure) {
                fsm_fail(&l->fsm, PPP_ERR_LOOPBACK);
                return 0;
            }
            l->want.magic = new_magic(p);
            ob_add32(nak, LCP_OPT_MAGIC, new_magic(p));
            return CP_CONF_NAK;
        }
        his->magic = m;
        his->neg_magic = true;
        return CP_CONF_ACK;
    }
    case LCP_OPT_PFC:
        if (olen != 2)
            return CP_CONF_REJ;
        his->pfc = true;
        return CP_CONF_ACK;
    case LCP_OPT_ACFC:
        if (olen != 2)
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
    struct lcp *l = lcp_of(f);
    struct lcp_opts his;
    memset(&his, 0, sizeof(his));
    his.mru = PPP_DEFAULT_MRU;
    his.accm = ACCM_ALL;
    uint8_t nakbuf[FSM_PKT_MAX];
    struct optbuf rej = {out, FSM_PKT_MAX, 0}, nak = {nakbuf, sizeof(nakbuf), 0};
    /* RFC 1661 5: a malformed packet is silently discarded. */
    if (!opt_list_ok(opts, len))
        return 0;
    struct opt_iter it = {opts, len, false};
    uint32_t seen = 0;
    uint8_t type, olen;
    const uint8_t *opt;
    while (opt_next(&it, &type, &opt, &olen)) {
        /* A duplicated option is rejected (pppd #611). */
        uint32_t bit = type < 32 ? 1u << type : 0;
        int v = (seen & bit) ? CP_CONF_REJ : judge_option(l, type, opt, olen, &his, &nak);
        seen |= bit;
        if (v == 0)
            return 0;
        if (v == CP_CONF_NAK && reject_only)
            v = CP_CONF_REJ;
        if (v == CP_CONF_REJ)
            ob_add(&rej, opt, olen);
    }
    if (rej.len) {
        *out_len = rej.len;
        return CP_CONF_REJ;
    }
    if (nak.len) {
        memcpy(out, nakbuf, nak.len);
        *out_len = nak.len;
        return CP_CONF_NAK;
    }
    l->his = his;
    *out_len = 0;
    return CP_CONF_ACK;
}

static bool
lcp_recv_ack(struct fsm *f, const uint8_t *opts, size_t len)
{
    uint8_t mine[FSM_PKT_MAX];
    size_t n = lcp_build_req(f, mine, sizeof(mine));
    if (n != len || memcmp(mine, opts, n) != 0)
        return false;
    struct lcp *l = lcp_of(f);
    l->got = l->want;
    return true;
}

static bool
lcp_recv_nak(struct fsm *f, const uint8_t *opts, size_t len)
{
    struct lcp *l = lcp_of(f);
    struct ppp *p = f->ppp;
    if (!opt_list_ok(opts, len))
        return false;
    struct opt_iter it = {opts, len, false};
    uint8_t type, olen;
    const uint8_t *opt;
    while (opt_next(&it, &type, &opt, &olen)) {
        switch (type) {
        case LCP_OPT_MRU:
            if (olen == 4 && l->want.neg_mru) {
                uint16_t v = get16(opt + 2);
                /* Take a smaller MRU; a larger one we cannot receive. */
                if (v >= LCP_MIN_MRU && v <= l->want.mru)
                    l->want.mru = v;
                else
                    l->want.neg_mru = false;
            }
            break;
        case LCP_OPT_ACCM:
            if (olen == 6)
                l->want.accm |= get32(opt + 2);
            l->want.neg_accm = true;
            break;
        case LCP_OPT_AUTH: {
            if (!l->want.neg_auth)
                break;
            /* The client cannot do what we demanded: take its suggestion
             * if we allow it, else the next we allow. */
            l->auth_allowed &= ~best_method(l->auth_allowed);
            uint32_t m = method_of(opt, olen);
            uint32_t next = (m & l->auth_allowed) ? m : best_method(l->auth_allowed);
            if (!next) {
                fsm_fail(f, PPP_ERR_AUTH_FAILURE);
                return false;
            }
            set_auth_want(l, next);
            break;
        }
        case LCP_OPT_MAGIC:
            if (olen == 6 && l->want.neg_magic) {
                /* RFC 1661 6.4: Nak'd magic may mean a looped-back line. */
                if (get32(opt + 2) == l->want.magic &&
                    ++l->magic_collisions >= p->cfg.max_failure) {
                    fsm_fail(f, PPP_ERR_LOOPBACK);
                    return false;
                }
                l->want.magic = new_magic(p);
            }
            break;
        default:
            break;
        }
    }
    return true;
}

static bool
lcp_recv_rej(struct fsm *f, const uint8_t *opts, size_t len)
{
    struct lcp *l = lcp_of(f);
    if (!opt_list_ok(opts, len))
        return false;
    struct opt_iter it = {opts, len, false};
    uint8_t type, olen;
    const uint8_t *opt;
    while (opt_next(&it, &type, &opt, &olen)) {
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
    }
    return true;
}

static void lcp_up(struct fsm *f) { ppp_lcp_up(f->ppp); }
static void lcp_down(struct fsm *f) { lcp_of(f)->echo_deadline = 0; ppp_lcp_down(f->ppp); }
static void lcp_started(struct fsm *f) { (void)f; }
static void lcp_finished(struct fsm *f) { lcp_of(f)->echo_deadline = 0; ppp_lcp_finished(f->ppp); }

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
        if (!opened || len < 4)
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

static const struct fsm_ops lcp_ops = {
    .reset = lcp_reset,
    .build_req = lcp_build_req,
    .recv_req = lcp_recv_req,
    .recv_ack = lcp_recv_ack,
    .recv_nak = lcp_recv_nak,
    .recv_rej = lcp_recv_rej,
    .up = lcp_up,
    .down = lcp_down,
    .started = lcp_started,
    .finished = lcp_finished,
    .extcode = lcp_extcode,
};

void
lcp_init(struct lcp *l, struct ppp *p)
{
    memset(l, 0, sizeof(*l));
    fsm_init(&l->fsm, p, PPP_PROTO_LCP, &lcp_ops);
    l->fsm.term_error = PPP_ERR_REMOTE_TERMINATED;
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
        fsm_event(&l->fsm, FSM_DOWN);
        fsm_event(&l->fsm, FSM_CLOSE);
        return;
    }
    l->rx_since_echo = false;
    uint8_t magic[4];
    put32(magic, l->got.neg_magic ? l->got.magic : 0);
    fsm_send(&l->fsm, CP_ECHO_REQ, l->echo_id++, magic, 4);
    l->echo_deadline = now_ms + p->cfg.echo_interval_ms;
}

/* RFC 1661 5.7: the rejected protocol, then as much of its packet as fits. */
void
lcp_send_proto_rej(struct lcp *l, const uint8_t *proto_and_info, size_t len)
{
    if (l->fsm.state != FSM_OPENED)
        return;
    size_t max = l->his.mru > 4 ? (size_t)l->his.mru - 4 : 0;
    if (len > max)
        len = max;
    fsm_send(&l->fsm, CP_PROTO_REJ, l->fsm.id++, proto_and_info, len);
}
