/* The PPP engine back to back with itself and with scripted hostile peers,
 * on a fake clock: event sequences, projections, bytes on the wire, bounded
 * negotiation, keepalive, termination from every phase, the data path. */
#include <stdio.h>
#include <string.h>

#include "engine_pair.h"
#include "harness.h"
#include "ppp/hdlc.h"

static uint32_t seed_a, seed_b;

static void
configs(struct ppp_config *c, struct ppp_config *s)
{
    seed_a = 0x12345678;
    seed_b = 0x9abcdef0;
    ep_client_config(c, &seed_a);
    ep_server_config(s, &seed_b);
}

static void
up_pair(struct ep_pair *e, const struct ppp_config *c, const struct ppp_config *s)
{
    REQUIRE(ep_init(e, c, s));
    ep_start(e);
    if (!ep_run(e, e->now + 60000, ep_both_up)) {
        ep_free(e);
        REQUIRE(!"link did not come up");
    }
}

static int
event_types(const struct ep_side *s, enum ppp_event_type *out, int max)
{
    int n = 0;
    for (int i = 0; i < s->nev && n < max; i++)
        out[n++] = s->ev[i].type;
    return n;
}

static void
t_negotiate_noauth(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ep_pair e;
    long allocs0 = ras_alloc_count();
    up_pair(&e, &c, &s);
    CHECK_EQ(ras_alloc_count() - allocs0, 2);  /* the two ppp_new, nothing after */
    enum ppp_event_type want[] = {PPP_EV_PHASE, PPP_EV_LCP_UP, PPP_EV_AUTH_OK, PPP_EV_PHASE,
                                  PPP_EV_IPCP_UP, PPP_EV_PHASE, PPP_EV_NETWORK_UP};
    enum ppp_event_type got[16];
    int n = event_types(&e.s[0], got, 16);
    CHECK_EQ(n, 7);
    for (int i = 0; i < n && i < 7; i++)
        CHECK_EQ(got[i], want[i]);
    CHECK_EQ(e.s[0].ev[0].phase, PPP_PHASE_ESTABLISH);
    CHECK_EQ(e.s[0].ev[3].phase, PPP_PHASE_NETWORK);
    CHECK_EQ(e.s[0].ev[5].phase, PPP_PHASE_RUNNING);
    CHECK_EQ(ppp_phase(e.s[0].ppp), PPP_PHASE_RUNNING);
    struct ppp_projection pc, ps;
    ppp_get_projection(e.s[0].ppp, &pc);
    ppp_get_projection(e.s[1].ppp, &ps);
    CHECK_EQ(pc.local_ip, 0x0a000002);
    CHECK_EQ(pc.peer_ip, 0x0a000001);
    CHECK_EQ(pc.dns1, 0x0a000001);
    CHECK_EQ(pc.dns2, 0x08080808);
    CHECK(pc.ipcp_up && !pc.ipv6cp_up);
    CHECK_EQ(pc.auth_protocol, 0);
    CHECK(pc.pfc && pc.acfc && pc.peer_pfc && pc.peer_acfc);
    CHECK_EQ(pc.mru, 1500);
    CHECK_EQ(pc.peer_mru, 1500);
    CHECK_EQ(ps.local_ip, 0x0a000001);
    CHECK_EQ(ps.peer_ip, 0x0a000002);
    /* Up and idle: only the keepalive timer runs. */
    CHECK(ppp_next_deadline(e.s[0].ppp) == e.now + 5000 || ppp_next_deadline(e.s[0].ppp) > e.now);
    ep_free(&e);
}

/* The first LCP Configure-Request, byte for byte (RFC 1661 6, RFC 1662:
 * full ACCM, so the 00 bytes of the ACCM option are escaped). */
static void
t_first_confreq_bytes(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ppp *p = ppp_new(&c);
    REQUIRE(p);
    ppp_start(p, 5);
    uint8_t out[256];
    size_t n = ppp_output(p, out, sizeof(out));
    /* Magic from the seeded random_fn. */
    uint32_t seed = 0x12345678;
    uint8_t m[4];
    ep_random(&seed, m, 4);
    uint8_t frame[] = {0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x14,
                       0x02, 0x06, 0x00, 0x00, 0x00, 0x00,
                       0x05, 0x06, m[0], m[1], m[2], m[3],
                       0x07, 0x02, 0x08, 0x02};
    uint8_t want[128];
    size_t wn = hdlc_encode(0xffffffffu, false, frame, sizeof(frame), want, sizeof(want));
    CHECK_EQ(n, wn);
    CHECK(n == wn && memcmp(out, want, n) == 0);
    /* Spot-check the escaping independently of hdlc_encode. */
    static const uint8_t head[] = {0x7e, 0xff, 0x7d, 0x23, 0xc0, 0x21, 0x7d, 0x21, 0x7d, 0x21,
                                   0x7d, 0x20, 0x7d, 0x34, 0x7d, 0x22, 0x7d, 0x26,
                                   0x7d, 0x20, 0x7d, 0x20, 0x7d, 0x20, 0x7d, 0x20};
    CHECK(n > sizeof(head) && memcmp(out, head, sizeof(head)) == 0);
    CHECK_EQ(out[n - 1], 0x7e);
    CHECK_EQ(ppp_next_deadline(p), 5 + 1000);
    ppp_free(p);
}

struct drop_ctx {
    int from;
    int drop_first;
    int seen;
};

static bool
drop_first_n(void *ctx, int from, const uint8_t *frame, size_t len)
{
    struct drop_ctx *d = ctx;
    if (from != d->from)
        return true;
    return ++d->seen > d->drop_first;
}

static void
t_retransmit_on_loss(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ep_pair e;
    REQUIRE(ep_init(&e, &c, &s));
    struct drop_ctx d = {0, 3, 0};
    e.filter = drop_first_n;
    e.filter_ctx = &d;
    uint64_t t0 = e.now;
    ep_start(&e);
    CHECK(ep_run(&e, e.now + 60000, ep_both_up));
    /* Three lost client frames cost about three restart periods. */
    CHECK(e.now - t0 >= 2000 && e.now - t0 <= 4000);
    struct ppp_stats st;
    ppp_get_stats(e.s[0].ppp, &st);
    CHECK(st.timeout_err >= 2);
    ep_free(&e);
}

static void
t_no_answer_718(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ep_pair e;
    REQUIRE(ep_init(&e, &c, &s));
    e.cut = true;
    uint64_t t0 = e.now;
    ppp_start(e.s[0].ppp, e.now);
    CHECK(ep_run(&e, e.now + 60000, NULL) || e.s[0].down);
    CHECK(e.s[0].down);
    CHECK_EQ(e.s[0].down_error, 718);
    /* Max-Configure (10) requests, one restart period (1 s) apart. */
    CHECK_EQ(e.s[0].down_at - t0, 10 * 1000);
    CHECK_EQ(e.s[0].frames_out, 10);
    CHECK_EQ(ppp_next_deadline(e.s[0].ppp), 0);
    CHECK_EQ(ppp_phase(e.s[0].ppp), PPP_PHASE_DEAD);
    ep_free(&e);
}

/* --- scripted hostile peers --- */

struct script {
    struct ppp *p;
    uint64_t now;
    int mode;
    int frames;
    uint8_t last_code;
    uint16_t last_proto;
    uint8_t last[512];
    size_t last_len;
    int proto_rejects;
    uint16_t rejected_proto;
};

enum { S_NAK_FOREVER, S_REJECT_OPTS, S_UNKNOWN_OPT_FOREVER, S_SILENT, S_ACK_ONLY };

static void
reply(struct script *sc, uint16_t proto, const uint8_t *pkt, size_t len)
{
    uint8_t buf[2048];
    size_t n = ep_frame(proto, pkt, len, buf, sizeof(buf));
    ppp_input(sc->p, buf, n, sc->now);
}

static void
script_frame(void *ctx, const uint8_t *frame, size_t len)
{
    struct script *sc = ctx;
    uint16_t proto;
    const uint8_t *pl;
    size_t plen;
    if (!ppp_frame_split(frame, len, &proto, &pl, &plen) || plen < 4)
        return;
    sc->frames++;
    sc->last_proto = proto;
    sc->last_code = pl[0];
    sc->last_len = plen < sizeof(sc->last) ? plen : sizeof(sc->last);
    memcpy(sc->last, pl, sc->last_len);
    if (proto == 0xc021 && pl[0] == 8) {
        sc->proto_rejects++;
        sc->rejected_proto = (uint16_t)(pl[4] << 8 | pl[5]);
    }
    if (proto != 0xc021 || pl[0] != 1)
        return;
    uint8_t pkt[512];
    memcpy(pkt, pl, plen < sizeof(pkt) ? plen : sizeof(pkt));
    switch (sc->mode) {
    case S_NAK_FOREVER: {
        /* Nak the magic number with a fixed value, forever. */
        uint8_t nak[] = {3, pl[1], 0, 10, 5, 6, 0x11, 0x22, 0x33, 0x44};
        reply(sc, 0xc021, nak, sizeof(nak));
        break;
    }
    case S_UNKNOWN_OPT_FOREVER: {
        /* Ack theirs, and keep asking for an option nobody knows. */
        pkt[0] = 2;
        reply(sc, 0xc021, pkt, plen);
        uint8_t req[] = {1, (uint8_t)(sc->frames + 100), 0, 8, 0x42, 4, 0, 0};
        reply(sc, 0xc021, req, sizeof(req));
        break;
    }
    case S_ACK_ONLY:
        /* Acks every request and never sends its own. */
        pkt[0] = 2;
        reply(sc, 0xc021, pkt, plen);
        break;
    default:
        break;
    }
}

static void
script_pump(struct script *sc)
{
    uint8_t buf[65536];
    size_t n;
    while ((n = ppp_output(sc->p, buf, sizeof(buf))) > 0)
        ep_decode_all(buf, n, script_frame, sc);
}

/* Runs p against a script until DOWN or the time limit; returns DOWN's error
 * or -1, and the time it took in *took. */
static long
script_run(struct script *sc, uint64_t limit, uint64_t *took)
{
    uint64_t t0 = sc->now;
    for (;;) {
        script_pump(sc);
        struct ppp_event ev;
        while (ppp_poll_event(sc->p, &ev))
            if (ev.type == PPP_EV_DOWN) {
                *took = sc->now - t0;
                return ev.error;
            }
        uint64_t d = ppp_next_deadline(sc->p);
        if (!d || d > t0 + limit)
            return -1;
        sc->now = d > sc->now ? d : sc->now;
        ppp_timer(sc->p, sc->now);
    }
}

static void
t_nak_forever_732(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct script sc = {0};
    sc.p = ppp_new(&c);
    REQUIRE(sc.p);
    sc.mode = S_NAK_FOREVER;
    sc.now = 10;
    ppp_start(sc.p, sc.now);
    uint64_t took = 0;
    CHECK_EQ(script_run(&sc, 120000, &took), 732);
    /* Bounded by Max-Configure Naks, then Max-Terminate TermReqs. */
    CHECK(took <= 3 * 1000);
    ppp_free(sc.p);
}

static void
t_unknown_option_forever_732(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct script sc = {0};
    sc.p = ppp_new(&c);
    REQUIRE(sc.p);
    sc.mode = S_UNKNOWN_OPT_FOREVER;
    sc.now = 10;
    ppp_start(sc.p, sc.now);
    uint64_t took = 0;
    CHECK_EQ(script_run(&sc, 120000, &took), 732);
    /* The script asks once per request of ours, so the count bound
     * (Max-Configure + Max-Failure refused requests) takes that many
     * restart periods, plus Max-Terminate. */
    CHECK(took <= (10 + 5 + 2) * 1000);
    ppp_free(sc.p);
}

static void
t_peer_acks_but_never_asks_732(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct script sc = {0};
    sc.p = ppp_new(&c);
    REQUIRE(sc.p);
    sc.mode = S_ACK_ONLY;
    sc.now = 10;
    ppp_start(sc.p, sc.now);
    uint64_t took = 0;
    CHECK_EQ(script_run(&sc, 1000000, &took), 732);
    /* 3 x Max-Configure requests a restart period apart, + Max-Terminate. */
    CHECK(took <= (30 + 2) * 1000);
    ppp_free(sc.p);
}

static void
t_loopback_737(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ppp *p = ppp_new(&c);
    REQUIRE(p);
    uint64_t now = 10;
    ppp_start(p, now);
    uint8_t buf[65536];
    long err = -1;
    for (int i = 0; i < 10000 && err < 0; i++) {
        size_t n = ppp_output(p, buf, sizeof(buf));
        if (n)
            ppp_input(p, buf, n, now);   /* the line is looped back */
        struct ppp_event ev;
        while (ppp_poll_event(p, &ev))
            if (ev.type == PPP_EV_DOWN)
                err = ev.error;
        if (!n && err < 0) {
            uint64_t d = ppp_next_deadline(p);
            if (!d)
                break;
            now = d;
            ppp_timer(p, now);
        }
    }
    CHECK_EQ(err, 737);
    CHECK(now < 10 + 10000);
    ppp_free(p);
}

static bool
client_down(struct ep_pair *e)
{
    return e->s[0].down;
}

static void
t_echo_dead_peer_721(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ep_pair e;
    up_pair(&e, &c, &s);
    e.cut = true;   /* the peer vanishes */
    uint64_t t0 = e.now;
    CHECK(ep_run(&e, e.now + 60000, client_down));
    CHECK_EQ(e.s[0].down_error, 721);
    /* echo_interval 5 s x 3 failures, plus at most one interval of phase. */
    CHECK(e.s[0].down_at - t0 <= 5000 * 3 + 5000);
    CHECK(e.s[0].down_at - t0 >= 5000 * 2);
    CHECK_EQ(ppp_next_deadline(e.s[0].ppp), 0);
    ep_free(&e);
}

/* The peer never answers echoes but the link carries traffic: not dead. */
static bool
drop_echo_replies(void *ctx, int from, const uint8_t *frame, size_t len)
{
    uint16_t proto;
    const uint8_t *pl;
    size_t plen;
    if (!ppp_frame_split(frame, len, &proto, &pl, &plen))
        return true;
    return !(from == 1 && proto == 0xc021 && plen > 0 && pl[0] == 10);
}

static void
t_echo_busy_link_stays_up(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ep_pair e;
    up_pair(&e, &c, &s);
    e.filter = drop_echo_replies;
    uint8_t pkt[40] = {0x45};
    for (int sec = 0; sec < 60; sec++) {
        e.now += 1000;
        CHECK_EQ(ppp_send_ip(e.s[1].ppp, pkt, sizeof(pkt)), 0);
        ppp_timer(e.s[0].ppp, e.now);
        ppp_timer(e.s[1].ppp, e.now);
        ep_shuttle(&e);
        uint8_t in[64];
        while (ppp_recv_ip(e.s[0].ppp, in, sizeof(in)))
            ;
    }
    CHECK(!e.s[0].down);
    CHECK_EQ(ppp_phase(e.s[0].ppp), PPP_PHASE_RUNNING);
    ep_free(&e);
}

static void
t_terminate_client_side(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ep_pair e;
    up_pair(&e, &c, &s);
    uint64_t t0 = e.now;
    ppp_close(e.s[0].ppp, e.now);
    CHECK(ep_run(&e, e.now + 30000, NULL));
    CHECK_EQ(e.s[0].down_error, 0);
    CHECK_EQ(e.s[1].down_error, 719);   /* ERROR_PPP_REMOTE_TERMINATED */
    CHECK_EQ(e.s[0].down_at, t0);       /* TermAck came straight back */
    CHECK(e.s[1].down_at - t0 <= 1000); /* one restart period (RFC 1661 zrc) */
    ep_free(&e);
}

static void
t_terminate_server_side(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ep_pair e;
    up_pair(&e, &c, &s);
    ppp_close(e.s[1].ppp, e.now);
    CHECK(ep_run(&e, e.now + 30000, NULL));
    CHECK_EQ(e.s[1].down_error, 0);
    CHECK_EQ(e.s[0].down_error, 719);
    ep_free(&e);
}

/* Holds back everything of one protocol from one side to freeze a phase. */
struct hold {
    int from;
    uint16_t proto;
};

static bool
hold_proto(void *ctx, int from, const uint8_t *frame, size_t len)
{
    struct hold *h = ctx;
    uint16_t proto;
    const uint8_t *pl;
    size_t plen;
    if (from != h->from || !ppp_frame_split(frame, len, &proto, &pl, &plen))
        return true;
    return proto != h->proto;
}

/* IPCP never answered: LCP is up, the link still ends, with 718. */
static void
t_ipcp_silence_718(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ep_pair e;
    REQUIRE(ep_init(&e, &c, &s));
    struct hold h = {1, 0x8021};
    e.filter = hold_proto;
    e.filter_ctx = &h;
    ep_start(&e);
    uint64_t t0 = e.now;
    CHECK(ep_run(&e, e.now + 120000, client_down));
    CHECK_EQ(e.s[0].down_error, 718);
    struct ppp_projection pc;
    ppp_get_projection(e.s[0].ppp, &pc);
    CHECK_EQ(pc.ipcp_error, 718);
    CHECK(e.s[0].down_at - t0 <= (10 + 2) * 1000);
    ep_free(&e);
}

enum { AT_FRESH, AT_ESTABLISH, AT_NETWORK, AT_RUNNING, AT_TERMINATE, AT_DEAD, AT_COUNT };

/* Drives a client to a phase; returns with the pair (the server side
 * cooperates except where held back). */
static void
drive_to(struct ep_pair *e, int at, struct hold *h)
{
    struct ppp_config c, s;
    configs(&c, &s);
    REQUIRE(ep_init(e, &c, &s));
    switch (at) {
    case AT_FRESH:
        break;
    case AT_ESTABLISH:
        e->cut = true;
        ppp_start(e->s[0].ppp, e->now);
        ep_shuttle(e);
        REQUIRE_EQ(ppp_phase(e->s[0].ppp), PPP_PHASE_ESTABLISH);
        e->cut = false;
        break;
    case AT_NETWORK:
        *h = (struct hold){1, 0x8021};
        e->filter = hold_proto;
        e->filter_ctx = h;
        ep_start(e);
        ep_shuttle(e);
        REQUIRE_EQ(ppp_phase(e->s[0].ppp), PPP_PHASE_NETWORK);
        break;
    case AT_RUNNING:
        ep_start(e);
        ep_shuttle(e);
        REQUIRE_EQ(ppp_phase(e->s[0].ppp), PPP_PHASE_RUNNING);
        break;
    case AT_TERMINATE:
        ep_start(e);
        ep_shuttle(e);
        e->cut = true;
        ppp_close(e->s[0].ppp, e->now);
        ep_shuttle(e);
        REQUIRE_EQ(ppp_phase(e->s[0].ppp), PPP_PHASE_TERMINATE);
        e->cut = false;
        break;
    case AT_DEAD:
        e->cut = true;
        ppp_start(e->s[0].ppp, e->now);
        ep_run(e, e->now + 60000, client_down);
        REQUIRE_EQ(ppp_phase(e->s[0].ppp), PPP_PHASE_DEAD);
        e->s[0].nev = 0;
        e->cut = false;
        break;
    }
}

static int
count_downs(const struct ep_side *s)
{
    int n = 0;
    for (int i = 0; i < s->nev; i++)
        n += s->ev[i].type == PPP_EV_DOWN;
    return n;
}

static void
t_close_from_every_phase(void)
{
    for (int at = 0; at < AT_COUNT; at++) {
        struct ep_pair e;
        struct hold h;
        drive_to(&e, at, &h);
        uint64_t t0 = e.now;
        ppp_close(e.s[0].ppp, e.now);
        ep_run(&e, e.now + 30000, client_down);
        if (at == AT_DEAD) {
            /* Already ended: a close changes nothing and reports nothing. */
            CHECK_EQ(count_downs(&e.s[0]), 0);
        } else {
            if (!e.s[0].down)
                printf("# phase case %d: no DOWN\n", at);
            CHECK(e.s[0].down);
            CHECK_EQ(count_downs(&e.s[0]), 1);
            CHECK_EQ(e.s[0].down_error, 0);
            /* Bounded by Max-Terminate x restart. */
            CHECK(e.s[0].down_at - t0 <= 2 * 1000);
        }
        CHECK_EQ(ppp_phase(e.s[0].ppp), PPP_PHASE_DEAD);
        CHECK_EQ(ppp_next_deadline(e.s[0].ppp), 0);
        /* Idempotent. */
        ppp_close(e.s[0].ppp, e.now);
        ep_shuttle(&e);
        CHECK(count_downs(&e.s[0]) <= 1);
        ep_free(&e);
    }
}

static void
t_lower_down_from_every_phase(void)
{
    for (int at = 0; at < AT_COUNT; at++) {
        struct ep_pair e;
        struct hold h;
        drive_to(&e, at, &h);
        ppp_lower_down(e.s[0].ppp, 629, e.now);
        ep_shuttle(&e);
        if (at == AT_DEAD) {
            CHECK_EQ(count_downs(&e.s[0]), 0);
        } else {
            CHECK(e.s[0].down);
            CHECK_EQ(count_downs(&e.s[0]), 1);
            CHECK_EQ(e.s[0].down_at, e.now);
            /* First error wins: 629 unless one was recorded earlier. */
            CHECK_EQ(e.s[0].down_error, 629);
        }
        CHECK_EQ(ppp_phase(e.s[0].ppp), PPP_PHASE_DEAD);
        CHECK_EQ(ppp_next_deadline(e.s[0].ppp), 0);
        ep_free(&e);
    }
}

static void
t_data_path_both_ways(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ep_pair e;
    REQUIRE(ep_init(&e, &c, &s));
    uint8_t pkt[1500];
    for (size_t i = 0; i < sizeof(pkt); i++)
        pkt[i] = (uint8_t)(i * 7);
    pkt[0] = 0x45;
    CHECK_EQ(ppp_send_ip(e.s[0].ppp, pkt, 100), 606);
    ep_start(&e);
    REQUIRE(ep_run(&e, e.now + 60000, ep_both_up));
    struct ppp_stats st0, st1;
    ppp_clear_stats(e.s[0].ppp);
    ppp_clear_stats(e.s[1].ppp);
    for (int i = 0; i < 7; i++) {
        CHECK_EQ(ppp_send_ip(e.s[0].ppp, pkt, 1000 + (size_t)i), 0);
        CHECK_EQ(ppp_send_ip(e.s[1].ppp, pkt, 20 + (size_t)i), 0);
    }
    CHECK_EQ(ppp_send_ip(e.s[0].ppp, pkt, 1501), 87);
    ep_shuttle(&e);
    uint8_t in[2000];
    for (int i = 0; i < 7; i++) {
        CHECK_EQ(ppp_recv_ip(e.s[1].ppp, in, sizeof(in)), 1000 + i);
        CHECK(memcmp(in, pkt, 1000) == 0);
        CHECK_EQ(ppp_recv_ip(e.s[0].ppp, in, sizeof(in)), 20 + i);
        CHECK(memcmp(in, pkt, 20) == 0);
    }
    CHECK_EQ(ppp_recv_ip(e.s[0].ppp, in, sizeof(in)), 0);
    ppp_get_stats(e.s[0].ppp, &st0);
    ppp_get_stats(e.s[1].ppp, &st1);
    CHECK_EQ(st0.frames_tx, 7);
    CHECK_EQ(st1.frames_rx, 7);
    CHECK(st0.bytes_tx >= 7 * 1000 + 7 * 4);
    /* The shuttle re-frames with the full map, so only a lower bound. */
    CHECK(st1.bytes_rx >= st0.bytes_tx);
    CHECK_EQ(st0.crc_err, 0);
    /* IPv6 without IPv6CP: not connected. */
    uint8_t v6[40] = {0x60};
    CHECK_EQ(ppp_send_ip(e.s[0].ppp, v6, sizeof(v6)), 606);
    /* Too small a buffer: dropped and counted. */
    CHECK_EQ(ppp_send_ip(e.s[1].ppp, pkt, 100), 0);
    CHECK_EQ(ppp_send_ip(e.s[1].ppp, pkt, 30), 0);
    ep_shuttle(&e);
    CHECK_EQ(ppp_recv_ip(e.s[0].ppp, in, 50), 30);   /* the 100-byte one skipped */
    CHECK_EQ(ppp_recv_ip(e.s[0].ppp, in, 50), 0);
    ppp_get_stats(e.s[0].ppp, &st0);
    CHECK_EQ(st0.buffer_overrun_err, 1);
    ep_free(&e);
}

static void
t_ipv6cp_ifids(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    c.ipv6 = s.ipv6 = true;
    s.ipv6_ifid = 0x0200000000000001ull;
    struct ep_pair e;
    up_pair(&e, &c, &s);
    struct ppp_projection pc, ps;
    ppp_get_projection(e.s[0].ppp, &pc);
    ppp_get_projection(e.s[1].ppp, &ps);
    CHECK(pc.ipv6cp_up && ps.ipv6cp_up && pc.ipcp_up);
    CHECK_EQ(ps.local_ifid, 0x0200000000000001ull);
    CHECK_EQ(pc.peer_ifid, 0x0200000000000001ull);
    CHECK(pc.local_ifid != 0 && pc.local_ifid != pc.peer_ifid);
    CHECK_EQ(ps.peer_ifid, pc.local_ifid);
    CHECK(ep_has_event(&e.s[0], PPP_EV_IPV6CP_UP));
    uint8_t v6[60] = {0x60, 1, 2, 3};
    CHECK_EQ(ppp_send_ip(e.s[0].ppp, v6, sizeof(v6)), 0);
    ep_shuttle(&e);
    uint8_t in[100];
    CHECK_EQ(ppp_recv_ip(e.s[1].ppp, in, sizeof(in)), 60);
    ep_free(&e);
}

/* Both sides propose the same identifier: RFC 5072 4.1 Nak resolves it. */
static void
t_ipv6cp_clash(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    c.ipv6 = s.ipv6 = true;
    c.ipv6_ifid = s.ipv6_ifid = 0x1111;
    struct ep_pair e;
    up_pair(&e, &c, &s);
    struct ppp_projection pc, ps;
    ppp_get_projection(e.s[0].ppp, &pc);
    ppp_get_projection(e.s[1].ppp, &ps);
    CHECK(pc.ipv6cp_up);
    CHECK(pc.local_ifid != pc.peer_ifid);
    CHECK_EQ(ps.peer_ifid, pc.local_ifid);
    CHECK_EQ(pc.peer_ifid, ps.local_ifid);
    ep_free(&e);
}

static void
t_server_without_pool_738(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    s.peer_ip = 0;
    struct ep_pair e;
    REQUIRE(ep_init(&e, &c, &s));
    ep_start(&e);
    ep_run(&e, e.now + 60000, client_down);
    CHECK(e.s[0].down);
    CHECK_EQ(e.s[0].down_error, 738);
    struct ppp_projection pc;
    ppp_get_projection(e.s[0].ppp, &pc);
    CHECK_EQ(pc.ipcp_error, 738);
    ep_free(&e);
}

static void
t_static_address(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    c.local_ip = 0x0a000002;
    struct ep_pair e;
    up_pair(&e, &c, &s);
    struct ppp_projection pc;
    ppp_get_projection(e.s[0].ppp, &pc);
    CHECK_EQ(pc.local_ip, 0x0a000002);
    ep_free(&e);
    /* A static address the server refuses: 735. */
    configs(&c, &s);
    c.local_ip = 0x0a000063;
    REQUIRE(ep_init(&e, &c, &s));
    ep_start(&e);
    ep_run(&e, e.now + 60000, client_down);
    CHECK_EQ(e.s[0].down_error, 735);
    ep_free(&e);
}

/* A scripted peer injects frames into an Opened client. */
static void
open_with_script(struct ep_pair *e)
{
    struct ppp_config c, s;
    configs(&c, &s);
    up_pair(e, &c, &s);
}

static void
inject(struct ep_pair *e, int to, uint16_t proto, const uint8_t *pkt, size_t len)
{
    uint8_t buf[4096];
    size_t n = ep_frame(proto, pkt, len, buf, sizeof(buf));
    ppp_input(e->s[to].ppp, buf, n, e->now);
}

static void
capture(struct ep_pair *e, int from, struct script *sc)
{
    memset(sc, 0, sizeof(*sc));
    sc->p = e->s[from].ppp;
    sc->mode = S_SILENT;
    uint8_t buf[65536];
    size_t n = ppp_output(sc->p, buf, sizeof(buf));
    ep_decode_all(buf, n, script_frame, sc);
}

static void
t_unknown_protocol_rejected(void)
{
    struct ep_pair e;
    open_with_script(&e);
    /* A CCP Configure-Request, as Debian's pppd sends. */
    uint8_t ccp[] = {1, 1, 0, 10, 0x1a, 4, 0x78, 0, 0x18, 4};
    inject(&e, 0, 0x80fd, ccp, sizeof(ccp));
    struct script sc;
    capture(&e, 0, &sc);
    CHECK_EQ(sc.proto_rejects, 1);
    CHECK_EQ(sc.rejected_proto, 0x80fd);
    CHECK_EQ(sc.last_len, 4 + 2 + sizeof(ccp));
    CHECK(memcmp(sc.last + 6, ccp, sizeof(ccp)) == 0);
    CHECK_EQ(ppp_phase(e.s[0].ppp), PPP_PHASE_RUNNING);
    ep_free(&e);
}

static void
t_unknown_code_rejected(void)
{
    struct ep_pair e;
    open_with_script(&e);
    uint8_t pkt[] = {0x42, 7, 0, 6, 0xaa, 0xbb};
    inject(&e, 0, 0xc021, pkt, sizeof(pkt));
    struct script sc;
    capture(&e, 0, &sc);
    CHECK_EQ(sc.last_proto, 0xc021);
    CHECK_EQ(sc.last_code, 7);      /* Code-Reject */
    CHECK(sc.last_len == 4 + sizeof(pkt) && memcmp(sc.last + 4, pkt, sizeof(pkt)) == 0);
    /* Identification, Time-Remaining and Discard are ignored quietly. */
    uint8_t ident[] = {12, 1, 0, 12, 0, 0, 0, 0, 'h', 'e', 'l', 'o'};
    uint8_t tr[] = {13, 2, 0, 12, 0, 0, 0, 0, 0, 0, 0, 60};
    uint8_t disc[] = {11, 3, 0, 8, 0, 0, 0, 0};
    inject(&e, 0, 0xc021, ident, sizeof(ident));
    inject(&e, 0, 0xc021, tr, sizeof(tr));
    inject(&e, 0, 0xc021, disc, sizeof(disc));
    CHECK_EQ(ppp_output_pending(e.s[0].ppp), 0);
    /* An Echo-Request is answered with our magic. */
    uint8_t echo[] = {9, 4, 0, 10, 1, 2, 3, 4, 'x', 'y'};
    inject(&e, 0, 0xc021, echo, sizeof(echo));
    capture(&e, 0, &sc);
    CHECK_EQ(sc.last_code, 10);
    CHECK_EQ(sc.last[1], 4);
    CHECK(sc.last_len == 10 && sc.last[8] == 'x' && sc.last[9] == 'y');
    CHECK(memcmp(sc.last + 4, echo + 4, 4) != 0);
    CHECK_EQ(ppp_phase(e.s[0].ppp), PPP_PHASE_RUNNING);
    ep_free(&e);
}

/* Peer's ConfReq with malformed or duplicated options, before LCP is up. */
static void
t_hostile_lcp_options(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct {
        uint8_t pkt[32];
        size_t len;
        int want_code;   /* 0 = silently dropped */
    } cases[] = {
        {{1, 1, 0, 6, 5, 0}, 6, 0},                        /* option length 0 */
        {{1, 2, 0, 6, 5, 1}, 6, 0},                        /* option length 1 */
        {{1, 3, 0, 8, 5, 6, 1, 2}, 8, 0},                  /* past the end */
        {{1, 4, 0, 10, 5, 6, 1, 2, 3, 4}, 10, 2},          /* fine: Ack */
        {{1, 5, 0, 13, 5, 6, 1, 2, 3, 4, 7, 2, 0x42}, 13, 0}, /* trailing junk */
        {{1, 6, 0, 16, 5, 6, 1, 2, 3, 4, 5, 6, 1, 2, 3, 5}, 16, 4}, /* duplicate magic: Rej */
        {{1, 7, 0, 8, 1, 4, 0, 10}, 8, 3},                 /* MRU 10: Nak */
        {{1, 8, 0, 9, 1, 5, 5, 220, 0}, 9, 4},             /* MRU of length 5: Rej */
        {{1, 9, 0, 8, 3, 4, 0xc0, 0x23}, 8, 2},            /* PAP: Ack (client) */
        {{1, 10, 0, 8, 3, 4, 0xc2, 0x27}, 8, 3},           /* EAP: Nak */
        {{1, 11, 0, 6, 3, 2}, 6, 4},                       /* auth too short: Rej */
        {{1, 12, 0, 10, 5, 6, 0, 0, 0, 0}, 10, 3},         /* magic 0: Nak */
        {{1, 13, 0, 4}, 4, 2},                             /* empty: Ack */
        {{1, 14, 0, 3}, 4, 0},                             /* Length < 4 */
        {{1, 15, 0, 40, 1, 4, 5, 220}, 8, 0},              /* Length past frame */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ppp *p = ppp_new(&c);
        REQUIRE(p);
        ppp_start(p, 1);
        uint8_t junk[256];
        ppp_output(p, junk, sizeof(junk));
        uint8_t buf[256];
        size_t n = ep_frame(0xc021, cases[i].pkt, cases[i].len, buf, sizeof(buf));
        ppp_input(p, buf, n, 1);
        struct script sc = {0};
        sc.p = p;
        sc.mode = S_SILENT;
        script_pump(&sc);
        if (cases[i].want_code == 0)
            CHECK_EQ(sc.frames, 0);
        else {
            CHECK_EQ(sc.frames, 1);
            CHECK_EQ(sc.last_code, cases[i].want_code);
            CHECK_EQ(sc.last[1], cases[i].pkt[1]);
        }
        if (cases[i].pkt[1] == 10)   /* Nak'd with MS-CHAPv2, our favourite */
            CHECK(sc.last_len == 9 && sc.last[6] == 0xc2 && sc.last[7] == 0x23 &&
                  sc.last[8] == 0x81);
        if (cases[i].pkt[1] == 6)    /* only the duplicate is rejected */
            CHECK(sc.last_len == 10 && sc.last[9] == 5);
        ppp_free(p);
    }
}

/* RFC 1661 4.6 Max-Failure: after 5 Naks of the same unacceptable
 * request, we Reject instead, and after Max-Configure + Max-Failure
 * refused requests we give up with 732. */
static void
t_max_failure_naks_become_rejects(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ppp *p = ppp_new(&c);
    REQUIRE(p);
    ppp_start(p, 1);
    uint8_t sink[4096];
    ppp_output(p, sink, sizeof(sink));
    int codes[20], n = 0;
    for (int i = 0; i < 20; i++) {
        uint8_t req[] = {1, (uint8_t)(30 + i), 0, 8, 1, 4, 0, 10};   /* MRU 10 */
        uint8_t buf[64];
        size_t len = ep_frame(0xc021, req, sizeof(req), buf, sizeof(buf));
        ppp_input(p, buf, len, 1);
        struct script sc = {0};
        sc.p = p;
        sc.mode = S_SILENT;
        script_pump(&sc);
        codes[n++] = sc.frames ? sc.last_code : 0;
    }
    for (int i = 0; i < 5; i++)
        CHECK_EQ(codes[i], 3);
    for (int i = 5; i < 15; i++)
        CHECK_EQ(codes[i], 4);
    CHECK_EQ(codes[15], 5);     /* the 16th refused request: we give up */
    ppp_timer(p, 2000);
    ppp_timer(p, 3000);
    ppp_output(p, sink, sizeof(sink));
    struct ppp_event ev;
    long err = -1;
    while (ppp_poll_event(p, &ev))
        if (ev.type == PPP_EV_DOWN)
            err = ev.error;
    CHECK_EQ(err, 732);
    ppp_free(p);
}

/* The entry allows PAP only; the server insists on CHAP: Nak with PAP,
 * then a clear 691. */
static void
t_auth_method_refused_691(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    c.auth_methods = PPP_AUTH_PAP;
    struct ppp *p = ppp_new(&c);
    REQUIRE(p);
    ppp_start(p, 1);
    uint8_t junk[256];
    ppp_output(p, junk, sizeof(junk));
    long err = -1;
    for (int i = 0; i < 6 && err < 0; i++) {
        uint8_t req[] = {1, (uint8_t)(20 + i), 0, 9, 3, 5, 0xc2, 0x23, 5};
        uint8_t buf[64];
        size_t n = ep_frame(0xc021, req, sizeof(req), buf, sizeof(buf));
        ppp_input(p, buf, n, 1);
        struct script sc = {0};
        sc.p = p;
        sc.mode = S_SILENT;
        script_pump(&sc);
        if (i == 0) {
            CHECK_EQ(sc.last_code, 3);
            CHECK(sc.last_len == 8 && sc.last[6] == 0xc0 && sc.last[7] == 0x23);
        }
        struct ppp_event ev;
        while (ppp_poll_event(p, &ev))
            if (ev.type == PPP_EV_DOWN)
                err = ev.error;
        for (int k = 0; err < 0 && k < 5 && ppp_next_deadline(p) && i >= 2; k++) {
            ppp_timer(p, ppp_next_deadline(p));
            while (ppp_poll_event(p, &ev))
                if (ev.type == PPP_EV_DOWN)
                    err = ev.error;
        }
    }
    CHECK_EQ(err, 691);
    ppp_free(p);
}

/* The peer Protocol-Rejects IPv6CP: IPv4 carries on. */
static bool
v6_rejecting_server(void *ctx, int from, const uint8_t *frame, size_t len)
{
    (void)ctx; (void)from; (void)frame; (void)len;
    return true;
}

static void
t_ipv6cp_rejected_ipv4_continues(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    c.ipv6 = true;      /* the server does not run IPv6CP: it Protocol-Rejects */
    struct ep_pair e;
    REQUIRE(ep_init(&e, &c, &s));
    e.filter = v6_rejecting_server;
    ep_start(&e);
    CHECK(ep_run(&e, e.now + 60000, ep_both_up));
    struct ppp_projection pc;
    ppp_get_projection(e.s[0].ppp, &pc);
    CHECK(pc.ipcp_up);
    CHECK(!pc.ipv6cp_up);
    CHECK_EQ(pc.ipv6cp_error, 733);
    ep_free(&e);
}

/* The peer renegotiates LCP from Opened (RFC 1661 table: RCR in Opened):
 * we go back to Establish, then everything comes up again. */
static void
t_renegotiation_from_opened(void)
{
    struct ep_pair e;
    open_with_script(&e);
    e.s[0].nev = e.s[1].nev = 0;
    /* Make the server send a fresh ConfReq as if it restarted LCP. */
    uint8_t req[] = {1, 0x55, 0, 10, 5, 6, 0xde, 0xad, 0xbe, 0xef};
    inject(&e, 0, 0xc021, req, sizeof(req));
    ep_drain_events(&e);
    CHECK_EQ(ppp_phase(e.s[0].ppp), PPP_PHASE_ESTABLISH);
    struct ppp_projection pc;
    ppp_get_projection(e.s[0].ppp, &pc);
    CHECK(!pc.ipcp_up);
    CHECK_EQ(ppp_send_ip(e.s[0].ppp, (const uint8_t *)"E", 1), 606);
    /* The real server sees our new ConfReq and our Ack of "its" request. */
    CHECK(ep_run(&e, e.now + 60000, ep_both_up) || ep_has_event(&e.s[0], PPP_EV_NETWORK_UP));
    CHECK_EQ(ppp_phase(e.s[0].ppp), PPP_PHASE_RUNNING);
    /* What we acked of the peer survives our own reset. */
    ppp_get_projection(e.s[0].ppp, &pc);
    CHECK(pc.pfc && pc.acfc);
    CHECK_EQ(pc.peer_ip, 0x0a000001);
    ep_free(&e);
}

/* The server demands MS-CHAPv2 or PAP; the entry allows PAP only: the
 * client Naks, the server falls back, both agree on PAP. */
static void
t_auth_method_negotiated(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    c.auth_methods = PPP_AUTH_PAP;
    s.auth_methods = PPP_AUTH_MSCHAPV2 | PPP_AUTH_PAP;
    struct ep_pair e;
    REQUIRE(ep_init(&e, &c, &s));
    ep_start(&e);
    ep_run(&e, e.now + 60000, ep_both_down);
    for (int i = 0; i < 2; i++) {
        bool seen = false;
        for (int k = 0; k < e.s[i].nev; k++)
            if (e.s[i].ev[k].type == PPP_EV_AUTH_START) {
                seen = true;
                CHECK_EQ(e.s[i].ev[k].auth_method, PPP_AUTH_PAP);
            }
        CHECK(seen);
        struct ppp_projection pr;
        ppp_get_projection(e.s[i].ppp, &pr);
        CHECK_EQ(pr.auth_protocol, 0xc023);
    }
    ep_free(&e);
}

/* The server demands PAP only; the client allows CHAP-MD5 only: no common
 * method, the server ends with 691 and tells the client. */
static void
t_auth_no_common_method_691(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    c.auth_methods = PPP_AUTH_CHAP_MD5;
    s.auth_methods = PPP_AUTH_PAP;
    struct ep_pair e;
    REQUIRE(ep_init(&e, &c, &s));
    ep_start(&e);
    CHECK(ep_run(&e, e.now + 60000, ep_both_down));
    CHECK_EQ(e.s[1].down_error, 691);
    CHECK(e.s[0].down_error == 691 || e.s[0].down_error == 719);
    CHECK(!ep_has_event(&e.s[0], PPP_EV_LCP_UP));
    ep_free(&e);
}

/* One engine object dials again after a DOWN. */
static void
t_restart_after_down(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ep_pair e;
    up_pair(&e, &c, &s);
    ppp_close(e.s[0].ppp, e.now);
    REQUIRE(ep_run(&e, e.now + 30000, NULL));
    for (int round = 0; round < 3; round++) {
        e.s[0].nev = e.s[1].nev = 0;
        e.s[0].down = e.s[1].down = false;
        ep_start(&e);
        CHECK(ep_run(&e, e.now + 60000, ep_both_up));
        struct ppp_projection pc;
        ppp_get_projection(e.s[0].ppp, &pc);
        CHECK_EQ(pc.local_ip, 0x0a000002);
        ppp_lower_down(e.s[0].ppp, 629, e.now);
        ppp_lower_down(e.s[1].ppp, 629, e.now);
        ep_shuttle(&e);
        CHECK(ep_both_down(&e));
    }
    ep_free(&e);
}

/* Events nobody drains: the queue is bounded and DOWN still arrives last. */
static void
t_event_queue_bounded(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ppp *p = ppp_new(&c);
    REQUIRE(p);
    for (int i = 0; i < 100; i++) {
        ppp_start(p, (uint64_t)i * 10 + 1);
        ppp_lower_down(p, 629, (uint64_t)i * 10 + 2);
    }
    uint8_t sink[65536];
    while (ppp_output(p, sink, sizeof(sink)))
        ;
    struct ppp_event ev, last = {0};
    int n = 0;
    while (ppp_poll_event(p, &ev)) {
        last = ev;
        n++;
    }
    CHECK(n <= 32);
    CHECK_EQ(last.type, PPP_EV_DOWN);
    CHECK_EQ(last.error, 629);
    ppp_free(p);
}

/* Closing while LCP is still negotiating reports the Terminate phase. */
static void
t_close_during_establish_phase(void)
{
    struct ppp_config c, s;
    configs(&c, &s);
    struct ppp *p = ppp_new(&c);
    REQUIRE(p);
    ppp_start(p, 1);
    ppp_close(p, 2);
    CHECK_EQ(ppp_phase(p), PPP_PHASE_TERMINATE);
    uint8_t sink[4096];
    struct script sc = {0};
    sc.p = p;
    sc.mode = S_SILENT;
    script_pump(&sc);
    CHECK_EQ(sc.last_code, 5);      /* Terminate-Request */
    /* Max-Terminate 2 x restart 1 s, then down with no error. */
    ppp_timer(p, 1002);
    ppp_timer(p, 2002);
    while (ppp_output(p, sink, sizeof(sink)))
        ;
    struct ppp_event ev;
    long err = -1;
    while (ppp_poll_event(p, &ev))
        if (ev.type == PPP_EV_DOWN)
            err = ev.error;
    CHECK_EQ(err, 0);
    CHECK_EQ(ppp_phase(p), PPP_PHASE_DEAD);
    ppp_free(p);
}

static void
t_link_size(void)
{
    printf("# sizeof(struct ppp) = %zu bytes per link\n", ppp_link_size());
    CHECK(ppp_link_size() < 128 * 1024);
}

int
main(void)
{
    TH_RUN(t_negotiate_noauth);
    TH_RUN(t_first_confreq_bytes);
    TH_RUN(t_retransmit_on_loss);
    TH_RUN(t_no_answer_718);
    TH_RUN(t_nak_forever_732);
    TH_RUN(t_unknown_option_forever_732);
    TH_RUN(t_peer_acks_but_never_asks_732);
    TH_RUN(t_ipcp_silence_718);
    TH_RUN(t_loopback_737);
    TH_RUN(t_echo_dead_peer_721);
    TH_RUN(t_echo_busy_link_stays_up);
    TH_RUN(t_terminate_client_side);
    TH_RUN(t_terminate_server_side);
    TH_RUN(t_close_from_every_phase);
    TH_RUN(t_lower_down_from_every_phase);
    TH_RUN(t_data_path_both_ways);
    TH_RUN(t_ipv6cp_ifids);
    TH_RUN(t_ipv6cp_clash);
    TH_RUN(t_server_without_pool_738);
    TH_RUN(t_static_address);
    TH_RUN(t_unknown_protocol_rejected);
    TH_RUN(t_unknown_code_rejected);
    TH_RUN(t_hostile_lcp_options);
    TH_RUN(t_auth_method_refused_691);
    TH_RUN(t_max_failure_naks_become_rejects);
    TH_RUN(t_ipv6cp_rejected_ipv4_continues);
    TH_RUN(t_renegotiation_from_opened);
    TH_RUN(t_auth_method_negotiated);
    TH_RUN(t_auth_no_common_method_691);
    TH_RUN(t_restart_after_down);
    TH_RUN(t_event_queue_bounded);
    TH_RUN(t_close_during_establish_phase);
    TH_RUN(t_link_size);
    return th_done();
}
