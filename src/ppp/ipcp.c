/* IPCP (RFC 1332) with the DNS options of RFC 1877: the client asks for an
 * address (0.0.0.0 = assign me one) and DNS, the server assigns them. Van
 * Jacobson compression is refused: we do not implement it. */
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
/* judge()'s verdict on such an address: close, send no reply. */
#define IPCP_REFUSE (-1)

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

static void
add_opt32(uint8_t *out, size_t cap, size_t *len, uint8_t type, uint32_t v)
{
    if (*len + 6 > cap)
        return;
    out[*len] = type;
    out[*len + 1] = 6;
    put32(out + *len + 2, v);
    *len += 6;
}

static void
ipcp_reset(struct fsm *f)
{
    struct ipcp *c = ipcp_of(f);
    struct ppp *p = f->ppp;
    c->want_addr = p->cfg.local_ip;   /* his_addr: set when we ack the peer */
    if (is_server(f)) {
        c->neg_addr = p->cfg.local_ip != 0;
        c->neg_dns1 = c->neg_dns2 = false;
    } else {
        c->neg_addr = true;
        c->neg_dns1 = c->neg_dns2 = p->cfg.request_dns;
        c->want_dns1 = c->want_dns2 = 0;
    }
}

static size_t
ipcp_build_req(struct fsm *f, uint8_t *out, size_t cap)
{
    struct ipcp *c = ipcp_of(f);
    size_t n = 0;
    if (c->neg_addr)
        add_opt32(out, cap, &n, IPCP_OPT_ADDR, c->want_addr);
    if (c->neg_dns1)
        add_opt32(out, cap, &n, IPCP_OPT_DNS1, c->want_dns1);
    if (c->neg_dns2)
        add_opt32(out, cap, &n, IPCP_OPT_DNS2, c->want_dns2);
    return n;
}

/* Verdict on one 4-byte-value option; *sugg is the Nak value. */
static int
judge(struct fsm *f, uint8_t type, uint32_t v, uint32_t *sugg, uint32_t *his_addr)
{
    struct ppp *p = f->ppp;
    switch (type) {
    case IPCP_OPT_ADDR:
        if (p->cfg.peer_ip) {
            if (v == p->cfg.peer_ip) {
                *his_addr = v;
                return CP_CONF_ACK;
            }
            *sugg = p->cfg.peer_ip;
            return CP_CONF_NAK;
        }
        if (v == 0)
            return CP_CONF_REJ;     /* nothing to assign */
        if (!addr_ipv4_usable(v) || v == ipcp_of(f)->want_addr)
            return IPCP_REFUSE;
        *his_addr = v;
        return CP_CONF_ACK;
    case IPCP_OPT_DNS1: case IPCP_OPT_DNS2: {
        if (!is_server(f))
            return CP_CONF_REJ;
        uint32_t mine = type == IPCP_OPT_DNS1 ? p->cfg.dns1 : p->cfg.dns2;
        if (!mine)
            return CP_CONF_REJ;
        if (v == mine)
            return CP_CONF_ACK;
        *sugg = mine;
        return CP_CONF_NAK;
    }
    default:
        return CP_CONF_REJ;
    }
}

static int
ipcp_recv_req(struct fsm *f, const uint8_t *opts, size_t len, uint8_t *out, size_t *out_len,
              bool reject_only)
{
    struct ipcp *c = ipcp_of(f);
    if (!opt_list_ok(opts, len))
        return 0;
    uint8_t nak[FSM_PKT_MAX];
    size_t nrej = 0, nnak = 0;
    uint32_t seen[8] = {0}, his_addr = 0;
    struct opt_iter it = {opts, len, false};
    uint8_t type, olen;
    const uint8_t *opt;
    while (opt_next(&it, &type, &opt, &olen)) {
        uint32_t bit = 1u << (type & 31);
        int v = CP_CONF_REJ;
        uint32_t sugg = 0;
        /* A duplicated option is rejected (pppd #611). */
        if (olen == 6 && !(seen[type >> 5] & bit))
            v = judge(f, type, get32(opt + 2), &sugg, &his_addr);
        if (v == IPCP_REFUSE) {
            fsm_fail(f, IPCP_ERR_BAD_ADDRESS);
            return 0;
        }
        seen[type >> 5] |= bit;
        if (v == CP_CONF_NAK && reject_only)
            v = CP_CONF_REJ;
        if (v == CP_CONF_REJ && nrej + olen <= FSM_PKT_MAX) {
            memcpy(out + nrej, opt, olen);
            nrej += olen;
        } else if (v == CP_CONF_NAK)
            add_opt32(nak, sizeof(nak), &nnak, type, sugg);
    }
    if (nrej) {
        *out_len = nrej;
        return CP_CONF_REJ;
    }
    if (nnak) {
        memcpy(out, nak, nnak);
        *out_len = nnak;
        return CP_CONF_NAK;
    }
    c->his_addr = his_addr;
    *out_len = 0;
    return CP_CONF_ACK;
}

static bool
ipcp_recv_ack(struct fsm *f, const uint8_t *opts, size_t len)
{
    uint8_t mine[64];
    size_t n = ipcp_build_req(f, mine, sizeof(mine));
    return n == len && memcmp(mine, opts, n) == 0;
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
ipcp_recv_nak(struct fsm *f, const uint8_t *opts, size_t len)
{
    struct ipcp *c = ipcp_of(f);
    struct ppp *p = f->ppp;
    if (!opt_list_ok(opts, len))
        return false;
    struct opt_iter it = {opts, len, false};
    uint8_t type, olen;
    const uint8_t *opt;
    while (opt_next(&it, &type, &opt, &olen)) {
        if (olen != 6)
            continue;
        uint32_t v = get32(opt + 2);
        if (type == IPCP_OPT_ADDR && c->neg_addr && !is_server(f) && v) {
            if (p->cfg.local_ip && v != p->cfg.local_ip) {
                /* The entry's static address was refused. */
                fsm_fail(f, PPP_ERR_ADDRESS_REJECTED);
                return false;
            }
            if (!addr_ipv4_usable(v) || v == c->his_addr) {
                fsm_fail(f, IPCP_ERR_BAD_ADDRESS);
                return false;
            }
            c->want_addr = v;
        } else if (type == IPCP_OPT_DNS1 && c->neg_dns1)
            take_dns(&c->neg_dns1, &c->want_dns1, v);
        else if (type == IPCP_OPT_DNS2 && c->neg_dns2)
            take_dns(&c->neg_dns2, &c->want_dns2, v);
    }
    return true;
}

static bool
ipcp_recv_rej(struct fsm *f, const uint8_t *opts, size_t len)
{
    struct ipcp *c = ipcp_of(f);
    if (!opt_list_ok(opts, len))
        return false;
    struct opt_iter it = {opts, len, false};
    uint8_t type, olen;
    const uint8_t *opt;
    while (opt_next(&it, &type, &opt, &olen)) {
        if (type == IPCP_OPT_ADDR && c->neg_addr) {
            if (!is_server(f) && !f->ppp->cfg.local_ip) {
                fsm_fail(f, PPP_ERR_NO_ADDRESS);
                return false;
            }
            c->neg_addr = false;
        } else if (type == IPCP_OPT_DNS1)
            c->neg_dns1 = false;
        else if (type == IPCP_OPT_DNS2)
            c->neg_dns2 = false;
    }
    return true;
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

static void ipcp_started(struct fsm *f) { (void)f; }

static void
ipcp_finished(struct fsm *f)
{
    f->ppp->proj.ipcp_error = f->error;
    ppp_ncp_finished(f->ppp);
}

static const struct fsm_ops ipcp_ops = {
    .reset = ipcp_reset,
    .build_req = ipcp_build_req,
    .recv_req = ipcp_recv_req,
    .recv_ack = ipcp_recv_ack,
    .recv_nak = ipcp_recv_nak,
    .recv_rej = ipcp_recv_rej,
    .up = ipcp_up,
    .down = ipcp_down,
    .started = ipcp_started,
    .finished = ipcp_finished,
    .extcode = NULL,
};

void
ipcp_init(struct ipcp *c, struct ppp *p)
{
    memset(c, 0, sizeof(*c));
    fsm_init(&c->fsm, p, PPP_PROTO_IPCP, &ipcp_ops);
    c->fsm.term_error = PPP_ERR_NCP_TERMINATED;
}
