/* IPv6CP (RFC 5072): the 64-bit interface identifiers that make the link-
 * local addresses, both roles alike. Compression (option 2) is refused. */
#include <string.h>

#include "ppp/addr_check.h"
#include "ppp/ppp_local.h"

enum { IPV6CP_OPT_IFID = 1 };

static struct ipv6cp *
v6_of(struct fsm *f)
{
    return (struct ipv6cp *)f;
}

static uint64_t
get64(const uint8_t *b)
{
    return (uint64_t)get32(b) << 32 | get32(b + 4);
}

static void
put64(uint8_t *b, uint64_t v)
{
    put32(b, (uint32_t)(v >> 32));
    put32(b + 4, (uint32_t)v);
}

static uint64_t
random_ifid(struct ppp *p, uint64_t avoid)
{
    uint64_t v = 0;
    while (v == 0 || v == avoid) {
        uint8_t b[8];
        ppp_random(p, b, 8);
        v = get64(b);
    }
    return v;
}

static void
v6_reset(struct fsm *f)
{
    struct ipv6cp *c = v6_of(f);
    c->neg_ifid = true;
    if (!c->want_ifid)
        c->want_ifid = f->ppp->cfg.ipv6_ifid ? f->ppp->cfg.ipv6_ifid : random_ifid(f->ppp, 0);
}

static size_t
v6_build_req(struct fsm *f, uint8_t *out, size_t cap)
{
    struct ipv6cp *c = v6_of(f);
    if (!c->neg_ifid || cap < 10)
        return 0;
    out[0] = IPV6CP_OPT_IFID;
    out[1] = 10;
    put64(out + 2, c->want_ifid);
    return 10;
}

static int
v6_recv_req(struct fsm *f, const uint8_t *opts, size_t len, uint8_t *out, size_t *out_len,
            bool reject_only)
{
    struct ipv6cp *c = v6_of(f);
    if (!opt_list_ok(opts, len))
        return 0;
    size_t nrej = 0;
    bool seen = false, nak = false;
    uint64_t his = 0, sugg = 0;
    struct opt_iter it = {opts, len, false};
    uint8_t type, olen;
    const uint8_t *opt;
    while (opt_next(&it, &type, &opt, &olen)) {
        bool rej = type != IPV6CP_OPT_IFID || olen != 10 || seen;
        if (!rej) {
            seen = true;
            his = get64(opt + 2);
            /* RFC 5072 4.1: a zero or clashing identifier gets a Nak with
             * one we make up. */
            if (!addr_ifid_pair_usable(c->want_ifid, his)) {
                if (reject_only)
                    rej = true;
                else {
                    nak = true;
                    sugg = random_ifid(f->ppp, c->want_ifid);
                }
            }
        }
        if (rej && nrej + olen <= FSM_PKT_MAX) {
            memcpy(out + nrej, opt, olen);
            nrej += olen;
        }
    }
    if (nrej) {
        *out_len = nrej;
        return CP_CONF_REJ;
    }
    if (nak) {
        out[0] = IPV6CP_OPT_IFID;
        out[1] = 10;
        put64(out + 2, sugg);
        *out_len = 10;
        return CP_CONF_NAK;
    }
    c->his_ifid = his;
    *out_len = 0;
    return CP_CONF_ACK;
}

static bool
v6_recv_ack(struct fsm *f, const uint8_t *opts, size_t len)
{
    uint8_t mine[16];
    size_t n = v6_build_req(f, mine, sizeof(mine));
    return n == len && memcmp(mine, opts, n) == 0;
}

static bool
v6_recv_nak(struct fsm *f, const uint8_t *opts, size_t len)
{
    struct ipv6cp *c = v6_of(f);
    if (!opt_list_ok(opts, len))
        return false;
    struct opt_iter it = {opts, len, false};
    uint8_t type, olen;
    const uint8_t *opt;
    while (opt_next(&it, &type, &opt, &olen)) {
        if (type != IPV6CP_OPT_IFID || olen != 10 || !c->neg_ifid)
            continue;
        uint64_t v = get64(opt + 2);
        /* Take the suggestion unless it is unusable. */
        c->want_ifid = (addr_ifid_usable(v) && v != c->his_ifid) ? v
                                                                 : random_ifid(f->ppp, c->his_ifid);
    }
    return true;
}

static bool
v6_recv_rej(struct fsm *f, const uint8_t *opts, size_t len)
{
    struct ipv6cp *c = v6_of(f);
    if (!opt_list_ok(opts, len))
        return false;
    struct opt_iter it = {opts, len, false};
    uint8_t type, olen;
    const uint8_t *opt;
    while (opt_next(&it, &type, &opt, &olen))
        if (type == IPV6CP_OPT_IFID)
            c->neg_ifid = false;
    return true;
}

static void
v6_up(struct fsm *f)
{
    struct ipv6cp *c = v6_of(f);
    struct ppp *p = f->ppp;
    p->proj.local_ifid = c->want_ifid;
    p->proj.peer_ifid = c->his_ifid;
    p->proj.ipv6cp_up = true;
    p->proj.ipv6cp_error = 0;
    ppp_event_push(p, PPP_EV_IPV6CP_UP, 0);
    ppp_ncp_up(p);
}

static void v6_down(struct fsm *f) { f->ppp->proj.ipv6cp_up = false; }
static void v6_started(struct fsm *f) { (void)f; }

static void
v6_finished(struct fsm *f)
{
    f->ppp->proj.ipv6cp_error = f->error;
    ppp_ncp_finished(f->ppp);
}

static const struct fsm_ops v6_ops = {
    .reset = v6_reset,
    .build_req = v6_build_req,
    .recv_req = v6_recv_req,
    .recv_ack = v6_recv_ack,
    .recv_nak = v6_recv_nak,
    .recv_rej = v6_recv_rej,
    .up = v6_up,
    .down = v6_down,
    .started = v6_started,
    .finished = v6_finished,
    .extcode = NULL,
};

void
ipv6cp_init(struct ipv6cp *c, struct ppp *p)
{
    memset(c, 0, sizeof(*c));
    fsm_init(&c->fsm, p, PPP_PROTO_IPV6CP, &v6_ops);
    c->fsm.term_error = PPP_ERR_NCP_TERMINATED;
}
