/* IPCP round trips (RFC 1332 3.3, RFC 1877): the client's hints (the
 * address and DNS servers it had last time, asked for instead of 0.0.0.0)
 * Acked at once or Nak'd and taken, never failing a link 0.0.0.0 would
 * bring up, and never a way round the address checks of addr_check.c;
 * and the server Naking DNS2 with its one DNS server instead of rejecting
 * it. The wire is watched: how many Configure-Requests the client needed. */
#include <string.h>

#include "engine_pair.h"
#include "harness.h"
#include "ppp/hdlc.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))
#define IPCP 0x8021
#define OPT_ADDR 3
#define MAX_REQS 8

/* What crossed the wire, and how the server's replies are tampered with. */
struct watch {
    struct ep_pair *e;
    unsigned reqs[2];           /* IPCP Configure-Requests from each side */
    unsigned naks[2], rejs[2];
    uint32_t req_addr[MAX_REQS];  /* the address in the client's requests */
    uint8_t replace;            /* 0, or the code (Nak 3, Reject 4) that replaces
                                 * the server's reply to the client's request */
    unsigned replace_times;     /* how many replies to replace */
};

static uint32_t
find_addr(const uint8_t *opts, size_t len)
{
    for (size_t i = 0; i + 2 <= len && opts[i + 1] >= 2; i += opts[i + 1])
        if (opts[i] == OPT_ADDR && opts[i + 1] == 6 && i + 6 <= len)
            return (uint32_t)opts[i + 2] << 24 | (uint32_t)opts[i + 3] << 16 |
                   (uint32_t)opts[i + 4] << 8 | opts[i + 5];
    return UINT32_MAX;
}

/* The server's reply to the client's request, replaced by a Nak of the
 * address with 0.0.0.0 or a Reject of it (the requested one echoed). */
static void
inject_reply(struct watch *w, uint8_t id)
{
    uint32_t v = w->replace == 3 ? 0 : w->req_addr[(w->reqs[0] - 1) % MAX_REQS];
    uint8_t pl[10] = {w->replace, id, 0, 10, OPT_ADDR, 6, (uint8_t)(v >> 24),
                      (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    uint8_t line[64];
    size_t n = ep_frame(IPCP, pl, sizeof(pl), line, sizeof(line));
    ppp_input(w->e->s[0].ppp, line, n, w->e->now);
}

static bool
watch_frame(void *ctx, int from, const uint8_t *frame, size_t len)
{
    struct watch *w = ctx;
    uint16_t proto;
    const uint8_t *pl;
    size_t plen;
    if (!ppp_frame_split(frame, len, &proto, &pl, &plen) || proto != IPCP || plen < 4)
        return true;
    if (pl[0] == 1) {
        if (from == 0)
            w->req_addr[w->reqs[0] % MAX_REQS] = find_addr(pl + 4, plen - 4);
        w->reqs[from]++;
    }
    if (from == 1 && (pl[0] == 2 || pl[0] == 3 || pl[0] == 4) && w->replace_times) {
        w->replace_times--;
        inject_reply(w, pl[1]);
        return false;
    }
    w->naks[from] += pl[0] == 3;
    w->rejs[from] += pl[0] == 4;
    return true;
}

static uint32_t seed_a, seed_b;

static void
configs(struct ppp_config *c, struct ppp_config *s)
{
    seed_a = 0x5eed0001;
    seed_b = 0x5eed0002;
    ep_client_config(c, &seed_a);
    ep_server_config(s, &seed_b);
    c->auth_methods = 0;
    c->user = c->password = NULL;
}

static bool
client_settled(struct ep_pair *e)
{
    return e->s[0].down || (ep_has_event(&e->s[0], PPP_EV_NETWORK_UP) &&
                            ep_has_event(&e->s[1], PPP_EV_NETWORK_UP));
}

/* Dials; returns the client's DOWN error (0: both sides up), its
 * projection and what the watch saw. */
static long
dial(const struct ppp_config *c, const struct ppp_config *s, struct watch *w,
     struct ppp_projection *pc)
{
    struct ep_pair e;
    long live = ras_alloc_live();
    if (!ep_init(&e, c, s))
        return -1;
    w->e = &e;
    e.filter = watch_frame;
    e.filter_ctx = w;
    ep_start(&e);
    bool settled = ep_run(&e, e.now + 120000, client_settled);
    ppp_get_projection(e.s[0].ppp, pc);
    long r = !settled ? -2 : e.s[0].down ? (long)e.s[0].down_error : 0;
    if (e.s[0].down && pc->ipcp_up)
        r = -3;     /* a refused address reached the projection */
    ep_free(&e);
    CHECK_EQ(ras_alloc_live(), live);
    return r;
}

/* Without hints: 0.0.0.0, a Nak, a second request (the baseline). */
static void
t_no_hint_baseline(void)
{
    struct ppp_config c, s;
    struct watch w = {0};
    struct ppp_projection pc;
    configs(&c, &s);
    CHECK_EQ(dial(&c, &s, &w, &pc), 0);
    CHECK_EQ(w.reqs[0], 2);
    CHECK_EQ(w.req_addr[0], 0);
    CHECK_EQ(w.naks[1], 1);
    CHECK_EQ(pc.local_ip, A(10, 0, 0, 2));
}

/* The server agrees: Acked at once, one request, no Nak. */
static void
t_hint_acked(void)
{
    struct ppp_config c, s;
    struct watch w = {0};
    struct ppp_projection pc;
    configs(&c, &s);
    c.hint_ip = A(10, 0, 0, 2);
    c.hint_dns1 = A(10, 0, 0, 1);
    c.hint_dns2 = A(8, 8, 8, 8);
    CHECK_EQ(dial(&c, &s, &w, &pc), 0);
    CHECK_EQ(w.reqs[0], 1);
    CHECK_EQ(w.req_addr[0], A(10, 0, 0, 2));
    CHECK_EQ(w.naks[1], 0);
    CHECK_EQ(w.rejs[1], 0);
    CHECK_EQ(pc.local_ip, A(10, 0, 0, 2));
    CHECK_EQ(pc.dns1, A(10, 0, 0, 1));
    CHECK_EQ(pc.dns2, A(8, 8, 8, 8));
}

/* The server assigns another: its Nak is taken (a static address Nak'd
 * the same way still fails with 735, ERROR_PPP_REQUIRED_ADDRESS_REJECTED). */
static void
t_hint_naked_taken(void)
{
    struct ppp_config c, s;
    struct watch w = {0};
    struct ppp_projection pc;
    configs(&c, &s);
    c.hint_ip = A(10, 0, 0, 9);
    c.hint_dns1 = A(1, 1, 1, 1);
    CHECK_EQ(dial(&c, &s, &w, &pc), 0);
    CHECK_EQ(w.reqs[0], 2);
    CHECK_EQ(w.req_addr[0], A(10, 0, 0, 9));
    CHECK_EQ(w.req_addr[1], A(10, 0, 0, 2));
    CHECK_EQ(pc.local_ip, A(10, 0, 0, 2));
    CHECK_EQ(pc.dns1, A(10, 0, 0, 1));
    CHECK_EQ(pc.dns2, A(8, 8, 8, 8));

    struct watch w2 = {0};
    configs(&c, &s);
    c.local_ip = A(10, 0, 0, 9);
    CHECK_EQ(dial(&c, &s, &w2, &pc), 735);
}

/* A hint is no way round addr_check.c: an address no host can have,
 * Nak'd to a hinting client, ends the link with 738 as before. */
static void
t_hint_hostile_nak(void)
{
    static const uint32_t bad[] = {A(127, 0, 0, 1), A(0, 0, 0, 1), A(224, 0, 0, 1),
                                   A(255, 255, 255, 255), A(240, 0, 0, 1)};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct ppp_config c, s;
        struct watch w = {0};
        struct ppp_projection pc;
        configs(&c, &s);
        c.hint_ip = A(10, 0, 0, 2);
        s.peer_ip = bad[i];
        CHECK_EQ(dial(&c, &s, &w, &pc), 738);
    }
    /* The server Naks with its own address: refused as well. */
    struct ppp_config c, s;
    struct watch w = {0};
    struct ppp_projection pc;
    configs(&c, &s);
    c.hint_ip = A(10, 0, 0, 7);
    s.peer_ip = A(10, 0, 0, 1);
    CHECK_EQ(dial(&c, &s, &w, &pc), 738);
}

/* A hint no host can have is not sent: 0.0.0.0 as without one. */
static void
t_unusable_hint_ignored(void)
{
    struct ppp_config c, s;
    struct watch w = {0};
    struct ppp_projection pc;
    configs(&c, &s);
    c.hint_ip = A(127, 0, 0, 1);
    c.hint_dns1 = A(255, 255, 255, 255);
    CHECK_EQ(dial(&c, &s, &w, &pc), 0);
    CHECK_EQ(w.req_addr[0], 0);
    CHECK_EQ(pc.local_ip, A(10, 0, 0, 2));
    CHECK_EQ(pc.dns1, A(10, 0, 0, 1));
}

/* A Nak of the hint with 0.0.0.0: the server wants to choose; we ask for
 * 0.0.0.0 and take what it assigns. */
static void
t_hint_naked_with_zero(void)
{
    struct ppp_config c, s;
    struct watch w = {.replace = 3, .replace_times = 1};
    struct ppp_projection pc;
    configs(&c, &s);
    c.hint_ip = A(10, 0, 0, 9);
    CHECK_EQ(dial(&c, &s, &w, &pc), 0);
    CHECK_EQ(w.req_addr[0], A(10, 0, 0, 9));
    CHECK_EQ(w.req_addr[1], 0);
    CHECK_EQ(pc.local_ip, A(10, 0, 0, 2));
}

/* A Reject of the hinted address: asked once more as 0.0.0.0 and up; a
 * server that rejects that too fails the link as it did without a hint. */
static void
t_hint_rejected(void)
{
    struct ppp_config c, s;
    struct watch w = {.replace = 4, .replace_times = 1};
    struct ppp_projection pc;
    configs(&c, &s);
    c.hint_ip = A(10, 0, 0, 9);
    CHECK_EQ(dial(&c, &s, &w, &pc), 0);
    CHECK_EQ(w.req_addr[0], A(10, 0, 0, 9));
    CHECK_EQ(w.req_addr[1], 0);
    CHECK_EQ(pc.local_ip, A(10, 0, 0, 2));

    struct watch w2 = {.replace = 4, .replace_times = 2};
    configs(&c, &s);
    c.hint_ip = A(10, 0, 0, 9);
    CHECK_EQ(dial(&c, &s, &w2, &pc), 738);
    CHECK_EQ(w2.reqs[0], 2);
    struct watch w3 = {.replace = 4, .replace_times = 1};
    configs(&c, &s);
    CHECK_EQ(dial(&c, &s, &w3, &pc), 738);
    CHECK_EQ(w3.reqs[0], 1);
}

/* Our hint is the server's own address now (it was renumbered): the hint
 * is dropped, not the link. */
static void
t_hint_is_server_address(void)
{
    struct ppp_config c, s;
    struct watch w = {0};
    struct ppp_projection pc;
    configs(&c, &s);
    s.local_ip = A(10, 0, 0, 9);
    c.hint_ip = A(10, 0, 0, 9);
    CHECK_EQ(dial(&c, &s, &w, &pc), 0);
    CHECK_EQ(pc.local_ip, A(10, 0, 0, 2));
    CHECK_EQ(pc.peer_ip, A(10, 0, 0, 9));
}

/* DNS hints against a server with no DNS to give: Rejected, the link
 * comes up without DNS as before. */
static void
t_dns_hint_rejected(void)
{
    struct ppp_config c, s;
    struct watch w = {0};
    struct ppp_projection pc;
    configs(&c, &s);
    s.dns1 = s.dns2 = 0;
    c.hint_ip = A(10, 0, 0, 2);
    c.hint_dns1 = A(10, 0, 0, 1);
    c.hint_dns2 = A(8, 8, 8, 8);
    CHECK_EQ(dial(&c, &s, &w, &pc), 0);
    CHECK_EQ(w.rejs[1], 1);
    CHECK_EQ(pc.local_ip, A(10, 0, 0, 2));
    CHECK_EQ(pc.dns1, 0);
    CHECK_EQ(pc.dns2, 0);
}

/* Server with one DNS server: DNS2 Nak'd with it, in the same Nak as the
 * address (RFC 1877 1.3), so the client needs two requests, not three. */
static void
t_server_dns2_nak(void)
{
    struct ppp_config c, s;
    struct watch w = {0};
    struct ppp_projection pc;
    configs(&c, &s);
    s.dns2 = 0;
    CHECK_EQ(dial(&c, &s, &w, &pc), 0);
    CHECK_EQ(w.rejs[1], 0);
    CHECK_EQ(w.naks[1], 1);
    CHECK_EQ(w.reqs[0], 2);
    CHECK_EQ(pc.dns1, A(10, 0, 0, 1));
    CHECK_EQ(pc.dns2, A(10, 0, 0, 1));
    /* With hints of the same, one request. */
    struct watch w2 = {0};
    configs(&c, &s);
    s.dns2 = 0;
    c.hint_ip = A(10, 0, 0, 2);
    c.hint_dns1 = c.hint_dns2 = A(10, 0, 0, 1);
    CHECK_EQ(dial(&c, &s, &w2, &pc), 0);
    CHECK_EQ(w2.reqs[0], 1);
    CHECK_EQ(w2.naks[1] + w2.rejs[1], 0);
}

int
main(void)
{
    th_run("t_no_hint_baseline", t_no_hint_baseline);
    th_run("t_hint_acked", t_hint_acked);
    th_run("t_hint_naked_taken", t_hint_naked_taken);
    th_run("t_hint_hostile_nak", t_hint_hostile_nak);
    th_run("t_unusable_hint_ignored", t_unusable_hint_ignored);
    th_run("t_hint_naked_with_zero", t_hint_naked_with_zero);
    th_run("t_hint_rejected", t_hint_rejected);
    th_run("t_hint_is_server_address", t_hint_is_server_address);
    th_run("t_dns_hint_rejected", t_dns_hint_rejected);
    th_run("t_server_dns2_nak", t_server_dns2_nak);
    return th_done();
}
