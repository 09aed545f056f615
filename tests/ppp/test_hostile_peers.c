/* Hostile PPP peers against our client, one table row per behaviour (issue
 * 8, "Tests"): each must end the link with its RAS error within a bounded
 * virtual time, with no timer left running and the engine's memory flat
 * (nothing allocated after ppp_new, everything back after ppp_free). The
 * peer is our own server engine with its frames dropped, replaced or
 * drowned by the row's behaviour, on the engine pair's fake clock. */
#include <stdio.h>
#include <string.h>

#include "engine_pair.h"
#include "harness.h"
#include "ppp/hdlc.h"

/* The pair's timings (ep_*_config): restart 1 s, echo every 5 s, 3 missed
 * echoes = dead; RFC 1661 4.6 defaults otherwise. */
#define RESTART 1000
#define MAX_CONFIGURE 10
#define MAX_TERMINATE 2
#define ECHO 5000
#define ECHO_FAILURES 3

#define LCP 0xc021
#define IPCP 0x8021

struct peer {
    struct ep_pair *e;
    int injected;               /* frames the behaviour put on the line */
    int flood_left;             /* Echo-Requests still to send */
};

/* A behaviour sees every frame, from the client (from 0) and from the
 * server (from 1); false drops it. It may send frames of its own to the
 * client through to_client. */
typedef bool (*behaviour_fn)(struct peer *h, int from, uint16_t proto, const uint8_t *pkt,
                             size_t len);

static void
to_client(struct peer *h, uint16_t proto, const uint8_t *pkt, size_t len)
{
    uint8_t line[4096];
    size_t n = ep_frame(proto, pkt, len, line, sizeof(line));
    ppp_input(h->e->s[0].ppp, line, n, h->e->now);
    h->injected++;
}

static bool
client_running(const struct peer *h)
{
    return ppp_phase(h->e->s[0].ppp) == PPP_PHASE_RUNNING;
}

static bool
is_conf_req(int from, uint16_t proto, const uint8_t *pkt, size_t len)
{
    return from == 0 && proto == LCP && len >= 4 && pkt[0] == 1;
}

/* Answers to the client's LCP requests from the real server are dropped
 * where the behaviour answers instead. */
static bool
is_server_lcp_reply(int from, uint16_t proto, const uint8_t *pkt, size_t len)
{
    return from == 1 && proto == LCP && len >= 4 && pkt[0] >= 2 && pkt[0] <= 4;
}

/* --- the behaviours --- */

static bool
b_silent(struct peer *h, int from, uint16_t proto, const uint8_t *pkt, size_t len)
{
    (void)h, (void)proto, (void)pkt, (void)len;
    return from == 0;
}

/* Every frame of the peer is a Protocol-Reject of LCP itself. */
static bool
b_proto_reject_lcp(struct peer *h, int from, uint16_t proto, const uint8_t *pkt, size_t len)
{
    if (from == 1)
        return false;
    if (proto == LCP && len >= 4) {
        uint8_t rej[64] = {8, (uint8_t)(100 + h->injected), 0, 0, 0xc0, 0x21};
        size_t n = 6 + (len < 32 ? len : 32);
        memcpy(rej + 6, pkt, n - 6);
        rej[3] = (uint8_t)n;
        to_client(h, LCP, rej, n);
    }
    return true;
}

/* A normal peer until we are connected, then it Protocol-Rejects LCP. */
static bool
b_proto_reject_lcp_opened(struct peer *h, int from, uint16_t proto, const uint8_t *pkt,
                          size_t len)
{
    if (!client_running(h))
        return true;
    return b_proto_reject_lcp(h, from, proto, pkt, len);
}

/* Every frame of the peer is replaced by a malformed LCP packet. */
static bool
b_malformed_lcp(struct peer *h, int from, uint16_t proto, const uint8_t *pkt, size_t len)
{
    (void)proto, (void)pkt, (void)len;
    if (from == 0)
        return true;
    static const uint8_t bad[][12] = {
        {1, 1, 0, 12, 1, 40, 5, 220, 0, 0, 0, 0},  /* option longer than the packet */
        {1, 2, 0, 12, 1, 0, 5, 220, 0, 0, 0, 0},   /* option length 0 */
        {1, 3, 0, 12, 1, 1, 5, 220, 0, 0, 0, 0},   /* option length 1 */
        {2, 4, 0, 40, 1, 4, 5, 220, 0, 0, 0, 0},   /* Length past the frame */
        {3, 5, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0},      /* Length below the header */
        {4, 6, 0, 12, 5, 6, 0, 0, 0, 0, 3, 0},     /* Reject of options we never sent */
    };
    const uint8_t *b = bad[h->injected % 6];
    to_client(h, LCP, b, 12);
    return false;
}

/* Each request of ours gets a Nak of the magic number, always the same. */
static bool
b_nak_forever(struct peer *h, int from, uint16_t proto, const uint8_t *pkt, size_t len)
{
    if (is_conf_req(from, proto, pkt, len)) {
        uint8_t nak[] = {3, pkt[1], 0, 10, 5, 6, 0x11, 0x22, 0x33, 0x44};
        to_client(h, LCP, nak, sizeof(nak));
    }
    return !is_server_lcp_reply(from, proto, pkt, len);
}

/* Each request of ours gets a Reject of all its options, an empty one too. */
static bool
b_reject_forever(struct peer *h, int from, uint16_t proto, const uint8_t *pkt, size_t len)
{
    if (is_conf_req(from, proto, pkt, len)) {
        uint8_t rej[512];
        size_t n = len < sizeof(rej) ? len : sizeof(rej);
        memcpy(rej, pkt, n);
        rej[0] = 4;
        to_client(h, LCP, rej, n);
    }
    return !is_server_lcp_reply(from, proto, pkt, len);
}

/* Twenty requests with an option nobody knows for every frame of ours. */
static bool
b_conf_req_flood(struct peer *h, int from, uint16_t proto, const uint8_t *pkt, size_t len)
{
    (void)proto, (void)pkt, (void)len;
    if (from == 0)
        for (int i = 0; i < 20; i++) {
            uint8_t req[] = {1, (uint8_t)h->injected, 0, 8, 0x42, 4, 0, 0};
            to_client(h, LCP, req, sizeof(req));
        }
    return true;
}

/* Once connected: a burst of Echo-Requests for every frame of ours (our
 * Echo-Replies included), 3000 in all, then nothing more at all. */
static bool
b_echo_flood(struct peer *h, int from, uint16_t proto, const uint8_t *pkt, size_t len)
{
    (void)proto, (void)pkt, (void)len;
    if (!client_running(h))
        return true;
    if (from == 0)
        for (int i = 0; i < 100 && h->flood_left > 0; i++, h->flood_left--) {
            uint8_t req[] = {9, (uint8_t)h->flood_left, 0, 12, 0, 0, 0, 0, 'f', 'l', 'o', 'o'};
            to_client(h, LCP, req, sizeof(req));
        }
    return from == 0;
}

/* A normal peer until we are connected, then silent: the keepalive. */
static bool
b_silent_after_connected(struct peer *h, int from, uint16_t proto, const uint8_t *pkt,
                         size_t len)
{
    (void)proto, (void)pkt, (void)len;
    return from == 0 || !client_running(h);
}

static bool
b_normal(struct peer *h, int from, uint16_t proto, const uint8_t *pkt, size_t len)
{
    (void)h, (void)from, (void)proto, (void)pkt, (void)len;
    return true;
}

/* Bogus IPCP addresses come from the server's configuration: it Naks us
 * with what it means to assign and names itself in its own request. */
static void
assign_broadcast(struct ppp_config *s) { s->peer_ip = 0xffffffffu; }
static void
assign_loopback(struct ppp_config *s) { s->peer_ip = 0x7f000001u; }
static void
assign_multicast(struct ppp_config *s) { s->peer_ip = 0xe0000001u; }
static void
server_is_loopback(struct ppp_config *s) { s->local_ip = 0x7f000001u; }
static void
server_is_us(struct ppp_config *s) { s->local_ip = s->peer_ip; }

/* The table. The ceilings, in virtual ms from the start, follow from the
 * timers: Max-Configure restart periods without an answer; Max-Terminate
 * periods to say goodbye; the keepalive's interval times its failures
 * plus one interval of phase. */
#define NEGOTIATION_TIMEOUT ((MAX_CONFIGURE + 1) * RESTART)
#define TERMINATE ((MAX_TERMINATE + 1) * RESTART)
#define UP_TIME (5 * RESTART)
#define KEEPALIVE ((ECHO_FAILURES + 1) * ECHO)

static const struct row {
    const char *name;
    behaviour_fn behave;
    void (*server)(struct ppp_config *s);
    long error;                 /* the RAS error of the client's DOWN */
    uint64_t ceiling_ms;
} rows[] = {
    {"silent", b_silent, NULL, 718, NEGOTIATION_TIMEOUT},
    {"Protocol-Reject of LCP", b_proto_reject_lcp, NULL, 718, NEGOTIATION_TIMEOUT},
    {"Protocol-Reject of LCP once Opened", b_proto_reject_lcp_opened, NULL, 733,
     UP_TIME + TERMINATE},
    {"malformed LCP", b_malformed_lcp, NULL, 718, NEGOTIATION_TIMEOUT},
    {"endless Nak", b_nak_forever, NULL, 732, TERMINATE},
    {"endless Reject", b_reject_forever, NULL, 732, TERMINATE},
    {"Configure-Request flood", b_conf_req_flood, NULL, 732, TERMINATE},
    {"Echo-Request flood, then silence", b_echo_flood, NULL, 721,
     UP_TIME + ECHO + KEEPALIVE},
    {"silent after Connected", b_silent_after_connected, NULL, 721, UP_TIME + KEEPALIVE},
    {"IPCP assigns 255.255.255.255", b_normal, assign_broadcast, 738, UP_TIME + TERMINATE},
    {"IPCP assigns 127.0.0.1", b_normal, assign_loopback, 738, UP_TIME + TERMINATE},
    {"IPCP assigns 224.0.0.1", b_normal, assign_multicast, 738, UP_TIME + TERMINATE},
    {"IPCP peer is 127.0.0.1", b_normal, server_is_loopback, 738, UP_TIME + TERMINATE},
    {"IPCP peer claims our address", b_normal, server_is_us, 738, UP_TIME + TERMINATE},
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

struct frame_ctx {
    struct peer *h;
    behaviour_fn behave;
};

static struct frame_ctx current;

static bool
filter(void *ctx, int from, const uint8_t *frame, size_t len)
{
    struct frame_ctx *fc = ctx;
    uint16_t proto;
    const uint8_t *pl;
    size_t plen;
    if (!ppp_frame_split(frame, len, &proto, &pl, &plen))
        return from == 0;
    return fc->behave(fc->h, from, proto, pl, plen);
}

static bool
client_down(struct ep_pair *e)
{
    return e->s[0].down;
}

/* Our client against the server engine (its config changed by server,
 * if given) behaving as behave says; started. */
static void
start_against(struct ep_pair *e, struct peer *h, behaviour_fn behave,
              void (*server)(struct ppp_config *s))
{
    static uint32_t seed_a, seed_b;
    seed_a = 0x0badf00d;
    seed_b = 0x5eed5eed;
    struct ppp_config c, s;
    ep_client_config(&c, &seed_a);
    ep_server_config(&s, &seed_b);
    if (server)
        server(&s);
    REQUIRE(ep_init(e, &c, &s));
    *h = (struct peer){e, 0, 3000};
    current = (struct frame_ctx){h, behave};
    e->filter = filter;
    e->filter_ctx = &current;
    ep_start(e);
}

static void
run_row(const struct row *r)
{
    long live = ras_alloc_live();
    struct ep_pair e;
    struct peer h;
    start_against(&e, &h, r->behave, r->server);
    /* ppp_new's two allocations are done; the run must add none. */
    long allocs = ras_alloc_count();
    uint64_t t0 = e.now;
    bool down = ep_run(&e, t0 + r->ceiling_ms, client_down);
    uint64_t took = e.s[0].down_at - t0;
    if (!down)
        th_fail(__FILE__, __LINE__, "%s: still up after %llu ms", r->name,
                (unsigned long long)r->ceiling_ms);
    else if (e.s[0].down_error != r->error || took > r->ceiling_ms)
        th_fail(__FILE__, __LINE__, "%s: DOWN %u after %llu ms, expected %ld within %llu",
                r->name, e.s[0].down_error, (unsigned long long)took, r->error,
                (unsigned long long)r->ceiling_ms);
    printf("# %-36s DOWN %u after %6llu ms (ceiling %llu), %d frames of its own\n", r->name,
           e.s[0].down_error, (unsigned long long)took, (unsigned long long)r->ceiling_ms,
           h.injected);
    /* A final state: no timer left, nothing more to say. */
    CHECK_EQ(ppp_next_deadline(e.s[0].ppp), 0);
    CHECK_EQ(ppp_phase(e.s[0].ppp), PPP_PHASE_DEAD);
    /* Memory flat: the engine allocated nothing past ppp_new. */
    CHECK_EQ(ras_alloc_count(), allocs);
    ep_free(&e);
    CHECK_EQ(ras_alloc_live(), live);
}

static void
t_hostile_peer_table(void)
{
    for (size_t i = 0; i < NROWS; i++)
        run_row(&rows[i]);
}

static bool
flood_over(struct ep_pair *e)
{
    (void)e;
    return current.h->flood_left == 0;
}

/* The flood really flooded, and the link lived through it: answering
 * Echo-Requests is the RFC's behaviour (5.8); what ends the link in the
 * table's row is the silence after it. */
static void
t_echo_flood_is_answered_and_bounded(void)
{
    struct ep_pair e;
    struct peer h;
    start_against(&e, &h, b_echo_flood, NULL);
    CHECK(ep_run(&e, e.now + UP_TIME + ECHO, flood_over));
    CHECK_EQ(h.flood_left, 0);
    CHECK_EQ(h.injected, 3000);
    CHECK(!e.s[0].down);
    /* Answered as far as the output queue's ceiling allows (3000 requests
     * arrive within one instant; the replies past the ceiling are dropped,
     * not queued), never more than one reply per request, and all of it
     * out on the line once the burst is over. */
    struct ppp_stats st;
    ppp_get_stats(e.s[0].ppp, &st);
    CHECK(st.frames_rx >= 3000);
    CHECK(st.frames_tx >= 100);
    CHECK(st.frames_tx <= st.frames_rx);
    CHECK_EQ(ppp_output_pending(e.s[0].ppp), 0);
    ep_free(&e);
}

int
main(void)
{
    TH_RUN(t_hostile_peer_table);
    TH_RUN(t_echo_flood_is_answered_and_bounded);
    return th_done();
}
