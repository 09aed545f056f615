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

/* Both ends Opened, or the client down. */
static bool
settled(struct ep_pair *e)
{
    return e->s[0].down || (ep_has_event(&e->s[0], PPP_EV_NETWORK_UP) &&
                            ep_has_event(&e->s[1], PPP_EV_NETWORK_UP));
}

#define ANY UINT32_MAX          /* not checked */
#define NOT_UP 0, 0, 0          /* no projection to check */
#define SERVER A(10, 0, 0, 1), A(10, 0, 0, 2), A(10, 0, 0, 1), A(8, 8, 8, 8)

/* One dial: the client's hints (or static address), the server's
 * addresses, how its replies are tampered with, and what must follow. */
struct hint_case {
    const char *what;
    uint32_t hint_ip, hint_dns1, hint_dns2, static_ip;
    uint32_t srv_local, srv_peer, srv_dns1, srv_dns2;
    uint8_t replace;            /* struct watch */
    unsigned replace_times;
    long error;                 /* the client's DOWN error; 0 = both up */
    unsigned reqs;              /* IPCP requests the client needed; 0 = any */
    uint32_t addr0, addr1;      /* the address in its first two; ANY */
    int naks, rejs;             /* the server's Naks and Rejects; -1 = any */
    uint32_t ip, dns1, dns2;    /* the client's projection once up */
};

static const struct hint_case cases[] = {
    /* Without hints: 0.0.0.0, a Nak, a second request (the baseline). */
    { "no hints", 0, 0, 0, 0, SERVER, 0, 0, 0, 2, 0, A(10, 0, 0, 2), 1, 0,
      A(10, 0, 0, 2), A(10, 0, 0, 1), A(8, 8, 8, 8) },
    /* The server agrees: Acked at once, one request, no Nak. */
    { "hints agreed", A(10, 0, 0, 2), A(10, 0, 0, 1), A(8, 8, 8, 8), 0, SERVER, 0, 0, 0, 1,
      A(10, 0, 0, 2), ANY, 0, 0, A(10, 0, 0, 2), A(10, 0, 0, 1), A(8, 8, 8, 8) },
    /* The server assigns others: its Nak is taken. */
    { "hints Nak'd", A(10, 0, 0, 9), A(1, 1, 1, 1), 0, 0, SERVER, 0, 0, 0, 2,
      A(10, 0, 0, 9), A(10, 0, 0, 2), 1, 0, A(10, 0, 0, 2), A(10, 0, 0, 1), A(8, 8, 8, 8) },
    /* A static address Nak'd the same way still fails the link (735,
     * ERROR_PPP_REQUIRED_ADDRESS_REJECTED). */
    { "static Nak'd", 0, 0, 0, A(10, 0, 0, 9), SERVER, 0, 0, 735, 0, ANY, ANY, -1, -1, NOT_UP },
    /* No way round addr_check.c: an address no host can have, or the
     * server's own, Nak'd to a hinting client ends the link with 738. */
    { "hint, Nak 127.0.0.1", A(10, 0, 0, 2), 0, 0, 0, A(10, 0, 0, 1), A(127, 0, 0, 1),
      A(10, 0, 0, 1), 0, 0, 0, 738, 0, ANY, ANY, -1, -1, NOT_UP },
    { "hint, Nak 0.0.0.1", A(10, 0, 0, 2), 0, 0, 0, A(10, 0, 0, 1), A(0, 0, 0, 1),
      A(10, 0, 0, 1), 0, 0, 0, 738, 0, ANY, ANY, -1, -1, NOT_UP },
    { "hint, Nak 224.0.0.1", A(10, 0, 0, 2), 0, 0, 0, A(10, 0, 0, 1), A(224, 0, 0, 1),
      A(10, 0, 0, 1), 0, 0, 0, 738, 0, ANY, ANY, -1, -1, NOT_UP },
    { "hint, Nak broadcast", A(10, 0, 0, 2), 0, 0, 0, A(10, 0, 0, 1),
      A(255, 255, 255, 255), A(10, 0, 0, 1), 0, 0, 0, 738, 0, ANY, ANY, -1, -1, NOT_UP },
    { "hint, Nak its own", A(10, 0, 0, 7), 0, 0, 0, A(10, 0, 0, 1), A(10, 0, 0, 1),
      A(10, 0, 0, 1), 0, 0, 0, 738, 0, ANY, ANY, -1, -1, NOT_UP },
    /* A hint no host can have is not sent: 0.0.0.0 as without one. */
    { "unusable hints", A(127, 0, 0, 1), A(255, 255, 255, 255), 0, 0, SERVER, 0, 0, 0, 2, 0,
      ANY, -1, -1, A(10, 0, 0, 2), A(10, 0, 0, 1), A(8, 8, 8, 8) },
    /* Nak'd with 0.0.0.0: the server wants to choose; we ask for 0.0.0.0. */
    { "hint Nak'd with 0", A(10, 0, 0, 9), 0, 0, 0, SERVER, 3, 1, 0, 3, A(10, 0, 0, 9), 0,
      -1, -1, A(10, 0, 0, 2), A(10, 0, 0, 1), A(8, 8, 8, 8) },
    /* Rejected: asked once more as 0.0.0.0, and up; rejected again (or
     * without a hint, once), the link fails as it did without hints. */
    { "hint rejected", A(10, 0, 0, 9), 0, 0, 0, SERVER, 4, 1, 0, 3, A(10, 0, 0, 9), 0, -1, -1,
      A(10, 0, 0, 2), A(10, 0, 0, 1), A(8, 8, 8, 8) },
    { "hint rejected twice", A(10, 0, 0, 9), 0, 0, 0, SERVER, 4, 2, 738, 2, A(10, 0, 0, 9), 0,
      -1, -1, NOT_UP },
    { "no hint, rejected", 0, 0, 0, 0, SERVER, 4, 1, 738, 1, 0, ANY, -1, -1, NOT_UP },
    /* Our hint is the server's own address now (renumbered): the hint is
     * dropped, not the link. */
    { "hint is the server's", A(10, 0, 0, 9), 0, 0, 0, A(10, 0, 0, 9), A(10, 0, 0, 2),
      A(10, 0, 0, 1), A(8, 8, 8, 8), 0, 0, 0, 0, A(10, 0, 0, 9), ANY, -1, -1, A(10, 0, 0, 2),
      A(10, 0, 0, 1), A(8, 8, 8, 8) },
    /* DNS hints, and the server has no DNS to give: Rejected, the link
     * comes up without DNS as before. */
    { "DNS hints rejected", A(10, 0, 0, 2), A(10, 0, 0, 1), A(8, 8, 8, 8), 0, A(10, 0, 0, 1),
      A(10, 0, 0, 2), 0, 0, 0, 0, 0, 2, ANY, ANY, 0, 1, A(10, 0, 0, 2), 0, 0 },
    /* Server with one DNS server: DNS2 Nak'd with it in the same Nak as the
     * address (RFC 1877 1.3), two requests, not three; hinted, one. */
    { "server DNS2 Nak", 0, 0, 0, 0, A(10, 0, 0, 1), A(10, 0, 0, 2), A(10, 0, 0, 1), 0, 0, 0,
      0, 2, 0, ANY, 1, 0, A(10, 0, 0, 2), A(10, 0, 0, 1), A(10, 0, 0, 1) },
    { "server DNS2, hinted", A(10, 0, 0, 2), A(10, 0, 0, 1), A(10, 0, 0, 1), 0, A(10, 0, 0, 1),
      A(10, 0, 0, 2), A(10, 0, 0, 1), 0, 0, 0, 0, 1, ANY, ANY, 0, 0, A(10, 0, 0, 2),
      A(10, 0, 0, 1), A(10, 0, 0, 1) },
};

static void
check_u32(const struct hint_case *k, const char *what, uint32_t got, uint32_t want)
{
    if (want != ANY && got != want)
        th_fail(__FILE__, __LINE__, "%s: %s %#x, expected %#x", k->what, what, got, want);
}

/* Dials one case, the engine allocating nothing it does not free. */
static void
run_case(const struct hint_case *k)
{
    static uint32_t seed_a, seed_b;
    struct ppp_config c, s;
    struct watch w = { .replace = k->replace, .replace_times = k->replace_times };
    struct ep_pair e;
    struct ppp_projection pc;
    seed_a = 0x5eed0001;
    seed_b = 0x5eed0002;
    ep_client_config(&c, &seed_a);
    ep_server_config(&s, &seed_b);
    c.hint_ip = k->hint_ip;
    c.hint_dns1 = k->hint_dns1;
    c.hint_dns2 = k->hint_dns2;
    c.local_ip = k->static_ip;
    s.local_ip = k->srv_local;
    s.peer_ip = k->srv_peer;
    s.dns1 = k->srv_dns1;
    s.dns2 = k->srv_dns2;
    long live = ras_alloc_live();
    REQUIRE(ep_init(&e, &c, &s));
    w.e = &e;
    e.filter = watch_frame;
    e.filter_ctx = &w;
    ep_start(&e);
    bool done = ep_run(&e, e.now + 120000, settled);
    ppp_get_projection(e.s[0].ppp, &pc);
    long err = !done ? -2 : e.s[0].down ? (long)e.s[0].down_error : 0;
    bool leaked = e.s[0].down && pc.ipcp_up;    /* a refused address in the projection */
    ep_free(&e);
    CHECK_EQ(ras_alloc_live(), live);
    if (err != k->error || leaked)
        th_fail(__FILE__, __LINE__, "%s: error %ld, expected %ld", k->what, err, k->error);
    check_u32(k, "requests", w.reqs[0], k->reqs ? k->reqs : ANY);
    check_u32(k, "first address asked", w.req_addr[0], k->addr0);
    check_u32(k, "second address asked", w.req_addr[1], k->addr1);
    check_u32(k, "server Naks", w.naks[1], k->naks < 0 ? ANY : (uint32_t)k->naks);
    check_u32(k, "server Rejects", w.rejs[1], k->rejs < 0 ? ANY : (uint32_t)k->rejs);
    if (k->error)
        return;
    check_u32(k, "address", pc.local_ip, k->ip);
    check_u32(k, "DNS1", pc.dns1, k->dns1);
    check_u32(k, "DNS2", pc.dns2, k->dns2);
}

static void
t_cases(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        run_case(&cases[i]);
}

/* Our hint being the server's own address leaves the server's address
 * as the peer's in the projection. */
static void
t_server_renumbered_projection(void)
{
    static uint32_t seed_a = 7, seed_b = 8;
    struct ppp_config c, s;
    struct ep_pair e;
    struct ppp_projection pc;
    ep_client_config(&c, &seed_a);
    ep_server_config(&s, &seed_b);
    s.local_ip = c.hint_ip = A(10, 0, 0, 9);
    REQUIRE(ep_init(&e, &c, &s));
    ep_start(&e);
    CHECK(ep_run(&e, e.now + 120000, settled));
    ppp_get_projection(e.s[0].ppp, &pc);
    CHECK_EQ(pc.local_ip, A(10, 0, 0, 2));
    CHECK_EQ(pc.peer_ip, A(10, 0, 0, 9));
    ep_free(&e);
}

int
main(void)
{
    th_run("t_cases", t_cases);
    th_run("t_server_renumbered_projection", t_server_renumbered_projection);
    return th_done();
}
