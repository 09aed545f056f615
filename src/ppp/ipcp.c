/* IPCP (RFC 1332) with the DNS options of RFC 1877: the client asks for an
 * address (0.0.0.0 = assign me one, or a hint: the one it had last time)
 * and DNS, the server assigns them. Van Jacobson compression is refused:
 * we do not implement it. */
#include <string.h>

#include "ppp/addr_check.h"
#include "ppp/ppp_local.h"

enum {
    IPCP_OPT_ADDRS = 1, IPCP_OPT_COMP = 2, IPCP_OPT_ADDR = 3,
    IPCP_OPT_DNS1 = 129, IPCP_OPT_NBNS1 = 130, IPCP_OPT_DNS2 = 131, IPCP_OPT_NBNS2 = 132,
};

/* An address no host can have (addr_check.h), for us or for the peer, ends
 * IPCP with 738 ERROR_PPP_NO_ADDRESS_ASSIGNED: Windows reports an IPCP that
 * leaves the link without a usable address pair with that code, and it is
 * what RASPPPIP.dwError shows for it; 722 would blame framing, 735 is for a
 * static address the server refused. */
#define IPCP_ERR_BAD_ADDRESS PPP_ERR_NO_ADDRESS

static struct ipcp *
ipcp_of(struct fsm *f)
{
    return (struct ipcp *)f;
}

static bool
is_server(const struct fsm *f)
{
    return f->ppp->cfg.role == PPP_SERVER;
}

/* A hint no host can have is no hint: we ask for 0.0.0.0 as without one. */
static uint32_t
hint(uint32_t v)
{
    return addr_ipv4_usable(v) ? v : 0;
}

static void
ipcp_reset(struct fsm *f)
{
    struct ipcp *c = ipcp_of(f);
    struct ppp *p = f->ppp;
    c->want_addr = p->cfg.local_ip;   /* his_addr: set when we ack the peer */
    c->addr_hint = false;
    if (is_server(f)) {
        c->neg_addr = p->cfg.local_ip != 0;
        c->neg_dns1 = c->neg_dns2 = false;
        return;
    }
    if (!c->want_addr) {
        /* RFC 1332 3.3: a non-zero address asks for that one; the server
         * Acks it or Naks with the one it assigns. */
        c->want_addr = hint(p->cfg.hint_ip);
        c->addr_hint = c->want_addr != 0;
    }
    c->neg_addr = true;
    c->neg_dns1 = c->neg_dns2 = p->cfg.request_dns;
    c->want_dns1 = hint(p->cfg.hint_dns1);
    c->want_dns2 = hint(p->cfg.hint_dns2);
}

/* Client: the hinted address is given up (the server refused it, or names
 * itself with it): ask for 0.0.0.0, let the server choose. */
static void
drop_addr_hint(struct fsm *f)
{
    struct ipcp *c = ipcp_of(f);
    c->want_addr = 0;
    c->addr_hint = false;
}

static void
ipcp_build_req(struct fsm *f, struct opt_buf *o)
{
    struct ipcp *c = ipcp_of(f);
    if (c->neg_addr)
        opt_add32(o, IPCP_OPT_ADDR, c->want_addr);
    if (c->neg_dns1)
        opt_add32(o, IPCP_OPT_DNS1, c->want_dns1);
    if (c->neg_dns2)
        opt_add32(o, IPCP_OPT_DNS2, c->want_dns2);
}

/* The peer's own address in its ConfReq (RFC 1332 3.3): the one we assign,
 * or, with none to assign, any it brings. The one place it is accepted. */
static int
judge_peer_addr(struct fsm *f, uint32_t v, uint32_t *his_addr, struct opt_buf *nak)
{
    uint32_t assign = f->ppp->cfg.peer_ip;
    if (assign && v != assign) {
        opt_add32(nak, IPCP_OPT_ADDR, assign);
        return CP_CONF_NAK;
    }
    if (v == 0)
        return CP_CONF_REJ;     /* nothing to assign */
    if (ipcp_of(f)->addr_hint && v == ipcp_of(f)->want_addr) {
        /* Our hint is the server's own address now: not ours to ask for.
         * The request out says otherwise, so an Ack of it is stale and the
         * next one asks for 0.0.0.0. */
        drop_addr_hint(f);
        fsm_req_outdated(f);
    }
    if (!addr_ipv4_usable(v) || v == ipcp_of(f)->want_addr) {
        fsm_fail(f, IPCP_ERR_BAD_ADDRESS);
        return 0;               /* close, send no reply */
    }
    *his_addr = v;
    return CP_CONF_ACK;
}

/* DNS asked of us (RFC 1877 1.1, 1.3): we Nak with ours, if we have one.
 * With one server only, it answers for the secondary too, as pppd does
 * (any valid address will do, RFC 1877 1.3): a Reject would hold the Nak
 * of the address back a round trip, a reply carrying one code. */
static int
judge_dns(struct fsm *f, uint8_t type, uint32_t v, struct opt_buf *nak)
{
    struct ppp *p = f->ppp;
    uint32_t mine = type == IPCP_OPT_DNS1 ? p->cfg.dns1 : p->cfg.dns2;
    if (type == IPCP_OPT_DNS2 && !mine)
        mine = p->cfg.dns1;
    if (!is_server(f) || !mine)
        return CP_CONF_REJ;
    if (v == mine)
        return CP_CONF_ACK;
    opt_add32(nak, type, mine);
    return CP_CONF_NAK;
}

/* One option of the peer's request (opt_judge_fn); his: the peer's address. */
static int
judge(struct fsm *f, void *his_addr, uint8_t type, const uint8_t *opt, uint8_t olen,
      struct opt_reply *r)
{
    if (olen != OPT_LEN32)
        return CP_CONF_REJ;
    uint32_t v = get32(opt + OPT_LEN0);
    switch (type) {
    case IPCP_OPT_ADDR:
        return judge_peer_addr(f, v, his_addr, &r->nak);
    case IPCP_OPT_DNS1: case IPCP_OPT_DNS2:
        return judge_dns(f, type, v, &r->nak);
    default:
        return CP_CONF_REJ;
    }
}

static int
ipcp_recv_req(struct fsm *f, const uint8_t *opts, size_t len, uint8_t *out, size_t *out_len,
              bool reject_only)
{
    uint32_t his_addr = 0;
    int v = opt_judge_req(f, opts, len, out, out_len, reject_only, judge, &his_addr);
    if (v == CP_CONF_ACK)
        ipcp_of(f)->his_addr = his_addr;
    return v;
}

/* Client: the address the server assigns us (RFC 1332 3.3). */
static bool
take_assigned_addr(struct fsm *f, uint32_t v)
{
    uint32_t fixed = f->ppp->cfg.local_ip;
    if (fixed && v != fixed) {
        /* The entry's static address was refused. */
        fsm_fail(f, PPP_ERR_ADDRESS_REJECTED);
        return false;
    }
    if (!addr_ipv4_usable(v) || v == ipcp_of(f)->his_addr) {
        fsm_fail(f, IPCP_ERR_BAD_ADDRESS);
        return false;
    }
    ipcp_of(f)->want_addr = v;
    ipcp_of(f)->addr_hint = false;
    return true;
}

/* RFC 1877 has no way to refuse a DNS server the peer names: one no host
 * can have (127.0.0.53 would send our lookups to our own resolver) is
 * dropped, and we stop asking for it; the link goes on without it. */
static void
take_dns(bool *neg, uint32_t *want, uint32_t v)
{
    if (addr_ipv4_usable(v)) {
        *want = v;
        return;
    }
    *neg = false;
    *want = 0;
}

static bool
ipcp_nak_opt(struct fsm *f, uint8_t type, const uint8_t *opt, uint8_t olen)
{
    struct ipcp *c = ipcp_of(f);
    if (olen != OPT_LEN32)
        return true;
    uint32_t v = get32(opt + OPT_LEN0);
    if (type == IPCP_OPT_ADDR && c->neg_addr && !is_server(f) && v)
        return take_assigned_addr(f, v);
    if (type == IPCP_OPT_ADDR && c->addr_hint)
        drop_addr_hint(f);      /* Nak'd with 0.0.0.0: the server will choose */
    if (type == IPCP_OPT_DNS1 && c->neg_dns1)
        take_dns(&c->neg_dns1, &c->want_dns1, v);
    else if (type == IPCP_OPT_DNS2 && c->neg_dns2)
        take_dns(&c->neg_dns2, &c->want_dns2, v);
    return true;
}

static bool
ipcp_rej_opt(struct fsm *f, uint8_t type, const uint8_t *opt, uint8_t olen)
{
    struct ipcp *c = ipcp_of(f);
    (void)opt;
    (void)olen;
    if (type == IPCP_OPT_ADDR && c->neg_addr) {
        if (c->addr_hint) {
            /* A hint must not fail a link that 0.0.0.0 brings up: ask
             * once more without it (a second Reject is final). */
            drop_addr_hint(f);
            return true;
        }
        if (!is_server(f) && !f->ppp->cfg.local_ip) {
            fsm_fail(f, PPP_ERR_NO_ADDRESS);
            return false;
        }
        c->neg_addr = false;
    } else if (type == IPCP_OPT_DNS1)
        c->neg_dns1 = false;
    else if (type == IPCP_OPT_DNS2)
        c->neg_dns2 = false;
    return true;
}

/* The server agreed to what we asked: a hinted address is ours now. */
static void
ipcp_acked(struct fsm *f)
{
    ipcp_of(f)->addr_hint = false;
}

static void
ipcp_up(struct fsm *f)
{
    struct ipcp *c = ipcp_of(f);
    struct ppp *p = f->ppp;
    struct ppp_projection *pr = &p->proj;
    if (is_server(f)) {
        pr->local_ip = p->cfg.local_ip;
        pr->dns1 = p->cfg.dns1;
        pr->dns2 = p->cfg.dns2;
    } else {
        uint32_t mine = c->neg_addr ? c->want_addr : p->cfg.local_ip;
        /* None assigned (0), or one no host can have; a peer that never
         * named itself (his_addr 0) is allowed, as before. */
        if (!addr_ipv4_usable(mine) ||
            (c->his_addr && !addr_ipv4_pair_usable(mine, c->his_addr))) {
            fsm_fail(f, IPCP_ERR_BAD_ADDRESS);
            return;
        }
        pr->local_ip = mine;
        pr->dns1 = c->neg_dns1 ? c->want_dns1 : 0;
        pr->dns2 = c->neg_dns2 ? c->want_dns2 : 0;
    }
    pr->peer_ip = c->his_addr;
    pr->ipcp_up = true;
    pr->ipcp_error = 0;
    ppp_event_push(p, PPP_EV_IPCP_UP, 0);
    ppp_ncp_up(p);
}

static void
ipcp_down(struct fsm *f)
{
    f->ppp->proj.ipcp_up = false;
}

static void
ipcp_finished(struct fsm *f)
{
    f->ppp->proj.ipcp_error = f->error;
    ppp_ncp_finished(f->ppp);
}

static const struct fsm_ops ipcp_ops = {
    .proto = PPP_PROTO_IPCP,
    .term_error = PPP_ERR_NCP_TERMINATED,
    .reset = ipcp_reset,
    .build_req = ipcp_build_req,
    .recv_req = ipcp_recv_req,
    .acked = ipcp_acked,
    .nak_opt = ipcp_nak_opt,
    .rej_opt = ipcp_rej_opt,
    .up = ipcp_up,
    .down = ipcp_down,
    .finished = ipcp_finished,
};

void
ipcp_init(struct ppp *p)
{
    struct ipcp *c = &p->ipcp;
    memset(c, 0, sizeof(*c));
    fsm_init(&c->fsm, p, &ipcp_ops);
}
