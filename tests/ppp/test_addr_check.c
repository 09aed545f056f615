/* What a PPP peer may give us as addresses: the rules of addr_check.c as a
 * table (each address accepted or refused), then the same table through
 * the engine, the bad address in each place a server puts one: the address
 * it Naks to us, its own address, a DNS server. And IPv6CP's interface
 * identifiers (RFC 5072 4.1). */
#include <string.h>

#include "engine_pair.h"
#include "harness.h"
#include "ppp/addr_check.h"
#include "ppp/hdlc.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static const struct {
    uint32_t addr;
    bool usable;
} ipv4_table[] = {
    /* What real peers give: pppd in the interop VM, ISPs, carrier NAT. */
    {A(10, 0, 0, 2), true},
    {A(10, 0, 0, 1), true},
    {A(192, 168, 1, 1), true},
    {A(100, 64, 0, 1), true},
    {A(8, 8, 8, 8), true},
    {A(1, 0, 0, 0), true},
    {A(126, 255, 255, 255), true},
    {A(128, 0, 0, 1), true},
    {A(169, 254, 1, 1), true},
    {A(223, 255, 255, 254), true},
    /* 0.0.0.0/8: "this network", never a host's address. */
    {A(0, 0, 0, 0), false},
    {A(0, 0, 0, 1), false},
    {A(0, 255, 255, 255), false},
    /* Loopback: the tun would shadow lo; 127.0.0.53 is the local resolver. */
    {A(127, 0, 0, 1), false},
    {A(127, 0, 0, 53), false},
    {A(127, 255, 255, 255), false},
    /* Multicast 224/4. */
    {A(224, 0, 0, 0), false},
    {A(224, 0, 0, 1), false},
    {A(239, 255, 255, 255), false},
    /* Class E 240/4 and the limited broadcast. */
    {A(240, 0, 0, 1), false},
    {A(254, 1, 2, 3), false},
    {A(255, 255, 255, 254), false},
    {A(255, 255, 255, 255), false},
};
#define NIPV4 (sizeof(ipv4_table) / sizeof(ipv4_table[0]))

static void
t_ipv4_table(void)
{
    for (size_t i = 0; i < NIPV4; i++) {
        if (addr_ipv4_usable(ipv4_table[i].addr) != ipv4_table[i].usable)
            th_fail(__FILE__, __LINE__, "%u.%u.%u.%u: expected %s",
                    ipv4_table[i].addr >> 24, ipv4_table[i].addr >> 16 & 255,
                    ipv4_table[i].addr >> 8 & 255, ipv4_table[i].addr & 255,
                    ipv4_table[i].usable ? "accepted" : "refused");
    }
}

static void
t_ipv4_pairs(void)
{
    CHECK(addr_ipv4_pair_usable(A(10, 0, 0, 2), A(10, 0, 0, 1)));
    /* The same address at both ends: refused. */
    CHECK(!addr_ipv4_pair_usable(A(10, 0, 0, 2), A(10, 0, 0, 2)));
    CHECK(!addr_ipv4_pair_usable(A(10, 0, 0, 2), A(127, 0, 0, 1)));
    CHECK(!addr_ipv4_pair_usable(A(255, 255, 255, 255), A(10, 0, 0, 1)));
    CHECK(!addr_ipv4_pair_usable(0, A(10, 0, 0, 1)));
}

static void
t_ifid_rules(void)
{
    CHECK(!addr_ifid_usable(0));
    CHECK(addr_ifid_usable(1));
    CHECK(addr_ifid_usable(UINT64_MAX));
    CHECK(addr_ifid_pair_usable(0x1111, 0x2222));
    CHECK(!addr_ifid_pair_usable(0x1111, 0x1111));   /* a clash */
    CHECK(!addr_ifid_pair_usable(0x1111, 0));
    CHECK(!addr_ifid_pair_usable(0, 0x2222));
}

/* --- through the engine --- */

static uint32_t seed_a, seed_b;

static void
configs(struct ppp_config *c, struct ppp_config *s)
{
    seed_a = 0x2468ace0;
    seed_b = 0x13579bdf;
    ep_client_config(c, &seed_a);
    ep_server_config(s, &seed_b);
    c->auth_methods = 0;
    c->user = c->password = NULL;
}

static bool
client_settled(struct ep_pair *e)
{
    return e->s[0].down || ep_has_event(&e->s[0], PPP_EV_NETWORK_UP);
}

/* Dials the client against the server config; returns the client's DOWN
 * error (0 if the link came up) and its projection. */
static long
dial(const struct ppp_config *c, const struct ppp_config *s, struct ppp_projection *pc)
{
    struct ep_pair e;
    long live = ras_alloc_live();
    if (!ep_init(&e, c, s))
        return -1;
    long allocs = ras_alloc_count();
    ep_start(&e);
    bool settled = ep_run(&e, e.now + 120000, client_settled);
    ppp_get_projection(e.s[0].ppp, pc);
    long r = !settled ? -2 : e.s[0].down ? (long)e.s[0].down_error : 0;
    /* A refused address must not reach the projection the tun is set from. */
    if (e.s[0].down && pc->ipcp_up)
        r = -3;
    /* The engine allocates nothing after ppp_new, and frees it all. */
    CHECK_EQ(ras_alloc_count(), allocs);
    ep_free(&e);
    CHECK_EQ(ras_alloc_live(), live);
    return r;
}

static void
fail_addr(uint32_t a, const char *where, long got, long want)
{
    if (got != want)
        th_fail(__FILE__, __LINE__, "%u.%u.%u.%u as %s: %ld, expected %ld", a >> 24,
                a >> 16 & 255, a >> 8 & 255, a & 255, where, got, want);
}

/* Every address of the table in one place of the server's: as the one it
 * assigns us (our_side) or as its own. The other end keeps the pair's
 * 10.0.0.1/10.0.0.2, so that address is skipped, and 0 means "none" (the
 * server without a pool has its own test in test_engine.c). A bad address
 * ends IPCP, and with it the link (IPv4 being the only NCP), with 738. */
static void
sweep(bool our_side)
{
    for (size_t i = 0; i < NIPV4; i++) {
        uint32_t a = ipv4_table[i].addr;
        if (a == 0 || a == (our_side ? A(10, 0, 0, 1) : A(10, 0, 0, 2)))
            continue;
        struct ppp_config c, s;
        configs(&c, &s);
        *(our_side ? &s.peer_ip : &s.local_ip) = a;
        struct ppp_projection pc;
        long r = dial(&c, &s, &pc);
        fail_addr(a, our_side ? "our address" : "peer's address", r,
                  ipv4_table[i].usable ? 0 : 738);
        if (!r)
            CHECK_EQ(our_side ? pc.local_ip : pc.peer_ip, a);
    }
}

/* The address the server Naks to us (RFC 1332 3.3). */
static void
t_engine_address_naked_to_us(void)
{
    sweep(true);
}

/* The server's own address, in its Configure-Request. */
static void
t_engine_peer_own_address(void)
{
    sweep(false);
}

/* The server names itself with the address it gives us. */
static void
t_engine_peer_address_same_as_ours(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    s.local_ip = s.peer_ip = A(10, 0, 0, 2);
    struct ppp_projection pc;
    CHECK_EQ(dial(&c, &s, &pc), 738);
    /* Our static address claimed by the peer as its own. */
    configs(&c, &s);
    c.local_ip = s.local_ip = A(10, 0, 0, 1);
    s.peer_ip = 0;
    CHECK_EQ(dial(&c, &s, &pc), 738);
}

/* A bad DNS server is dropped; the link comes up without it. */
static void
t_engine_bad_dns_dropped(void)
{
    for (size_t i = 0; i < NIPV4; i++) {
        uint32_t a = ipv4_table[i].addr;
        if (a == 0)
            continue;   /* the server then offers none: nothing to check */
        struct ppp_config c, s;
        configs(&c, &s);
        s.dns1 = a;
        struct ppp_projection pc;
        long r = dial(&c, &s, &pc);
        fail_addr(a, "DNS", r, 0);
        CHECK_EQ(pc.dns1, ipv4_table[i].usable ? a : 0);
        CHECK_EQ(pc.dns2, A(8, 8, 8, 8));
        configs(&c, &s);
        s.dns2 = a;
        r = dial(&c, &s, &pc);
        fail_addr(a, "DNS2", r, 0);
        CHECK_EQ(pc.dns1, A(10, 0, 0, 1));
        CHECK_EQ(pc.dns2, ipv4_table[i].usable ? a : 0);
    }
}

/* --- IPv6CP --- */

struct v6_rewrite {
    struct ep_pair *e;
    uint64_t ifid;              /* what to put in the server's next frame */
    int code;                   /* which code to rewrite: 1 ConfReq, 3 Nak */
    int done;
    uint64_t client_nak;        /* the identifier the client Nak'd with */
};

static bool
rewrite_v6(void *ctx, int from, const uint8_t *frame, size_t len)
{
    struct v6_rewrite *w = ctx;
    uint16_t proto;
    const uint8_t *pl;
    size_t plen;
    if (!ppp_frame_split(frame, len, &proto, &pl, &plen) || proto != 0x8057 || plen < 14)
        return true;
    if (from == 0 && pl[0] == 3 && !w->client_nak) {
        for (int i = 0; i < 8; i++)
            w->client_nak = w->client_nak << 8 | pl[6 + i];
    }
    if (from != 1 || pl[0] != w->code || pl[4] != 1 || pl[5] != 10 || w->done)
        return true;
    /* Deliver a copy with the identifier replaced, instead of the frame. */
    uint8_t copy[64], line[256];
    memcpy(copy, pl, 14);
    for (int i = 0; i < 8; i++)
        copy[6 + i] = (uint8_t)(w->ifid >> (56 - 8 * i));
    w->done = 1;
    size_t n = ep_frame(proto, copy, 14, line, sizeof(line));
    ppp_input(w->e->s[0].ppp, line, n, w->e->now);
    return false;
}

static void
v6_dial(struct v6_rewrite *w, struct ppp_projection *pc)
{
    struct ppp_config c, s;
    configs(&c, &s);
    c.ipv6 = s.ipv6 = true;
    c.ipv6_ifid = 0x1111;
    s.ipv6_ifid = 0x2222;
    struct ep_pair e;
    REQUIRE(ep_init(&e, &c, &s));
    w->e = &e;
    e.filter = rewrite_v6;
    e.filter_ctx = w;
    ep_start(&e);
    CHECK(ep_run(&e, e.now + 60000, ep_both_up));
    ppp_get_projection(e.s[0].ppp, pc);
    ep_free(&e);
}

static void
t_ipv6cp_zero_or_clashing_ifid_naked(void)
{
    /* RFC 5072 4.1: the peer asks with zero, or with our own identifier: a
     * Nak with a new non-zero one that is not ours. */
    static const uint64_t bad[] = {0, 0x1111};
    for (int i = 0; i < 2; i++) {
        struct v6_rewrite w = {.ifid = bad[i], .code = 1};
        struct ppp_projection pc;
        v6_dial(&w, &pc);
        CHECK(w.done);
        CHECK(addr_ifid_pair_usable(0x1111, w.client_nak));
        CHECK(pc.ipv6cp_up);
        CHECK_EQ(pc.local_ifid, 0x1111);
        CHECK(addr_ifid_pair_usable(pc.local_ifid, pc.peer_ifid));
    }
}

static void
t_ipv6cp_bad_suggestion_replaced(void)
{
    /* The peer Naks ours with zero, or with its own: we make up another. */
    static const uint64_t bad[] = {0, 0x2222};
    for (int i = 0; i < 2; i++) {
        struct ppp_config c, s;
        configs(&c, &s);
        c.ipv6 = s.ipv6 = true;
        /* The same identifier at both ends makes the server Nak ours. */
        c.ipv6_ifid = s.ipv6_ifid = 0x2222;
        struct v6_rewrite w = {.ifid = bad[i], .code = 3};
        struct ep_pair e;
        REQUIRE(ep_init(&e, &c, &s));
        w.e = &e;
        e.filter = rewrite_v6;
        e.filter_ctx = &w;
        ep_start(&e);
        CHECK(ep_run(&e, e.now + 60000, ep_both_up));
        struct ppp_projection pc, ps;
        ppp_get_projection(e.s[0].ppp, &pc);
        ppp_get_projection(e.s[1].ppp, &ps);
        CHECK(w.done);
        CHECK(pc.ipv6cp_up);
        CHECK(addr_ifid_pair_usable(pc.local_ifid, pc.peer_ifid));
        CHECK_EQ(ps.peer_ifid, pc.local_ifid);
        ep_free(&e);
    }
}

int
main(void)
{
    TH_RUN(t_ipv4_table);
    TH_RUN(t_ipv4_pairs);
    TH_RUN(t_ifid_rules);
    TH_RUN(t_engine_address_naked_to_us);
    TH_RUN(t_engine_peer_own_address);
    TH_RUN(t_engine_peer_address_same_as_ours);
    TH_RUN(t_engine_bad_dns_dropped);
    TH_RUN(t_ipv6cp_zero_or_clashing_ifid_naked);
    TH_RUN(t_ipv6cp_bad_suggestion_replaced);
    return th_done();
}
