/* LCP on a packet link (PPPoE) when the peer starts late: an access
 * concentrator that starts its PPP only at PADS (rp-pppoe's pppoe-server
 * runs pppd per session) loses the client's first Configure-Request. The
 * client sends it again as soon as the peer's first Configure-Request shows
 * the peer listens, instead of after the restart timer; a peer that did get
 * the first one is not upset by the second (no renegotiation). Engines back
 * to back on a fake clock, frames moved whole as on a packet link. */
#include <stdio.h>
#include <string.h>

#include "engine_pair.h"
#include "harness.h"

#define LCP 0xc021
#define CONF_REQ 1
#define RESTART_MS 3000

struct link {
    struct ep_pair e;
    bool peer_listens;          /* frames to the server are lost until then */
    unsigned lcp_reqs[2];       /* LCP Configure-Requests from each side */
    unsigned lcp_ups[2];
};

static void
move(struct link *l)
{
    uint8_t buf[2048];
    for (int rounds = 0; rounds < 1000; rounds++) {
        bool moved = false;
        for (int i = 0; i < 2; i++) {
            size_t n = ppp_output(l->e.s[i].ppp, buf, sizeof(buf));
            if (!n)
                continue;
            moved = true;
            /* protocol field onward: LCP is never compressed */
            if (n >= 3 && (buf[0] << 8 | buf[1]) == LCP && buf[2] == CONF_REQ)
                l->lcp_reqs[i]++;
            if (i == 1 || l->peer_listens)
                ppp_input(l->e.s[1 - i].ppp, buf, n, l->e.now);
        }
        for (int i = 0; i < 2; i++) {
            struct ppp_event ev;
            while (ppp_poll_event(l->e.s[i].ppp, &ev)) {
                if (ev.type == PPP_EV_LCP_UP)
                    l->lcp_ups[i]++;
                if (ev.type == PPP_EV_NETWORK_UP && l->e.s[i].nev < EP_MAX_EVENTS)
                    l->e.s[i].ev[l->e.s[i].nev++] = ev;
            }
        }
        if (!moved)
            return;
    }
}

/* Runs the clock until both sides are up or until `until`. */
static bool
run(struct link *l, uint64_t until)
{
    for (;;) {
        move(l);
        if (ep_both_up(&l->e))
            return true;
        uint64_t d0 = ppp_next_deadline(l->e.s[0].ppp), d1 = ppp_next_deadline(l->e.s[1].ppp);
        uint64_t d = d0 && d1 ? (d0 < d1 ? d0 : d1) : (d0 ? d0 : d1);
        if (!d || d > until)
            return false;
        if (d > l->e.now)
            l->e.now = d;
        ppp_timer(l->e.s[0].ppp, l->e.now);
        ppp_timer(l->e.s[1].ppp, l->e.now);
    }
}

static bool
open_link(struct link *l, bool packet)
{
    static uint32_t seed_c = 1, seed_s = 2;
    struct ppp_config c, s;
    ep_client_config(&c, &seed_c);
    ep_server_config(&s, &seed_s);
    c.restart_ms = s.restart_ms = RESTART_MS;
    c.packet_framing = s.packet_framing = packet;
    c.mru = s.mru = packet ? 1492 : 0;
    memset(l, 0, sizeof(*l));
    return ep_init(&l->e, &c, &s);
}

/* The concentrator's PPP starts 20 ms after the client's first request went
 * nowhere: up well before the restart timer, with one request resent. */
static void
t_first_request_lost(void)
{
    long live = ras_alloc_live();
    struct link l;
    REQUIRE(open_link(&l, true));
    uint64_t t0 = l.e.now;
    ppp_start(l.e.s[0].ppp, l.e.now);
    move(&l);
    CHECK_EQ(l.lcp_reqs[0], 1);
    l.e.now += 20;
    l.peer_listens = true;
    ppp_start(l.e.s[1].ppp, l.e.now);
    CHECK(run(&l, t0 + 4 * RESTART_MS));
    printf("# up after %llu ms (restart timer %d ms)\n", (unsigned long long)(l.e.now - t0),
           RESTART_MS);
    CHECK(l.e.now - t0 < RESTART_MS);
    CHECK_EQ(l.lcp_reqs[0], 2);
    CHECK_EQ(l.lcp_ups[0], 1);
    CHECK_EQ(l.lcp_ups[1], 1);
    ep_free(&l.e);
    CHECK_EQ(ras_alloc_live(), live);
}

/* Both start together and nothing is lost: the client may resend (the
 * peer's request crossed its own), and each side opens LCP exactly once. */
static void
t_nothing_lost(void)
{
    struct link l;
    REQUIRE(open_link(&l, true));
    l.peer_listens = true;
    uint64_t t0 = l.e.now;
    ep_start(&l.e);
    CHECK(run(&l, t0 + 4 * RESTART_MS));
    CHECK(l.e.now - t0 < RESTART_MS);
    CHECK(l.lcp_reqs[0] <= 2);
    CHECK_EQ(l.lcp_reqs[1], 1);
    CHECK_EQ(l.lcp_ups[0], 1);
    CHECK_EQ(l.lcp_ups[1], 1);
    ep_free(&l.e);
}

/* A serial line keeps RFC 1661's timing: a lost first request waits for
 * the restart timer (the resend is for packet links, where the loss is
 * the peer starting late, not noise). */
static void
t_serial_line_unchanged(void)
{
    struct link l;
    REQUIRE(open_link(&l, false));
    uint64_t t0 = l.e.now;
    ppp_start(l.e.s[0].ppp, l.e.now);
    uint8_t buf[2048];
    /* the serial engine's output is HDLC bytes: drop them whole */
    while (ppp_output(l.e.s[0].ppp, buf, sizeof(buf)) > 0)
        ;
    l.e.now += 20;
    ppp_start(l.e.s[1].ppp, l.e.now);
    CHECK(ep_run(&l.e, t0 + 4 * RESTART_MS, ep_both_up));
    CHECK(l.e.now - t0 >= RESTART_MS);
    ep_free(&l.e);
}

int
main(void)
{
    th_run("t_first_request_lost", t_first_request_lost);
    th_run("t_nothing_lost", t_nothing_lost);
    th_run("t_serial_line_unchanged", t_serial_line_unchanged);
    return th_done();
}
