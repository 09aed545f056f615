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
random_ifid(struct ppp *p, uint64_t avoid)
{
    uint64_t v = 0;
    while (v == 0 || v == avoid) {
        uint8_t b[8];
        random_bytes(&p->cfg, b, sizeof(b));
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

static void
v6_build_req(struct fsm *f, struct opt_buf *o)
{
    struct ipv6cp *c = v6_of(f);
    if (c->neg_ifid)
        opt_add64(o, IPV6CP_OPT_IFID, c->want_ifid);
}

/* The peer's interface identifier (RFC 5072 4.1): a zero or clashing one
 * gets a Nak with one we make up. The one place it is accepted. */
static int
judge_peer_ifid(struct fsm *f, uint64_t v, uint64_t *his, struct opt_reply *r)
{
    struct ipv6cp *c = v6_of(f);
    if (!addr_ifid_pair_usable(c->want_ifid, v)) {
        /* Making one up costs randomness a Reject would waste. */
        if (r->reject_only)
            return CP_CONF_REJ;
        opt_add64(&r->nak, IPV6CP_OPT_IFID, random_ifid(f->ppp, c->want_ifid));
        return CP_CONF_NAK;
    }
    *his = v;
    return CP_CONF_ACK;
}

/* One option of the peer's request (opt_judge_fn); his: its identifier. */
static int
judge(struct fsm *f, void *his, uint8_t type, const uint8_t *opt, uint8_t olen,
      struct opt_reply *r)
{
    if (type != IPV6CP_OPT_IFID || olen != OPT_LEN64)
        return CP_CONF_REJ;
    return judge_peer_ifid(f, get64(opt + OPT_LEN0), his, r);
}

static int
v6_recv_req(struct fsm *f, const uint8_t *opts, size_t len, uint8_t *out, size_t *out_len,
            bool reject_only)
{
    uint64_t his = 0;
    int v = opt_judge_req(f, opts, len, out, out_len, reject_only, judge, &his);
    if (v == CP_CONF_ACK)
        v6_of(f)->his_ifid = his;
    return v;
}

static bool
v6_nak_opt(struct fsm *f, uint8_t type, const uint8_t *opt, uint8_t olen)
{
    struct ipv6cp *c = v6_of(f);
    if (type != IPV6CP_OPT_IFID || olen != OPT_LEN64 || !c->neg_ifid)
        return true;
    uint64_t v = get64(opt + OPT_LEN0);
    /* Take the suggestion unless it is unusable. */
    c->want_ifid = (addr_ifid_usable(v) && v != c->his_ifid) ? v
                                                             : random_ifid(f->ppp, c->his_ifid);
    return true;
}

static bool
v6_rej_opt(struct fsm *f, uint8_t type, const uint8_t *opt, uint8_t olen)
{
    (void)opt;
    (void)olen;
    if (type == IPV6CP_OPT_IFID)
        v6_of(f)->neg_ifid = false;
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

static void
v6_finished(struct fsm *f)
{
    f->ppp->proj.ipv6cp_error = f->error;
    ppp_ncp_finished(f->ppp);
}

static const struct fsm_ops v6_ops = {
    .proto = PPP_PROTO_IPV6CP,
    .term_error = PPP_ERR_NCP_TERMINATED,
    .reset = v6_reset,
    .build_req = v6_build_req,
    .recv_req = v6_recv_req,
    .nak_opt = v6_nak_opt,
    .rej_opt = v6_rej_opt,
    .up = v6_up,
    .down = v6_down,
    .finished = v6_finished,
};

void
ipv6cp_init(struct ppp *p)
{
    struct ipv6cp *c = &p->ipv6cp;
    memset(c, 0, sizeof(*c));
    fsm_init(&c->fsm, p, &v6_ops);
}
