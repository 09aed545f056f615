/* RFC 1661 4.1's state transition table, cell by cell: every (state, event)
 * pair is fired at the automaton with a scripted protocol, and the next
 * state and the This-Layer actions are checked against the table. */
#include <stdio.h>
#include <string.h>

#include "engine_pair.h"
#include "harness.h"
#include "ppp/ppp_local.h"

static int n_up, n_down, n_started, n_finished, verdict;

static void m_reset(struct fsm *f) { (void)f; }
static void m_build(struct fsm *f, struct opt_buf *o) { (void)f; (void)o; }
static int
m_req(struct fsm *f, const uint8_t *o, size_t l, uint8_t *out, size_t *ol, bool r)
{
    (void)f; (void)o; (void)l; (void)out; (void)r;
    *ol = 0;
    return verdict;
}
static bool
m_opt(struct fsm *f, uint8_t t, const uint8_t *o, uint8_t l)
{
    (void)f; (void)t; (void)o; (void)l;
    return true;
}
static void m_up(struct fsm *f) { (void)f; n_up++; }
static void m_down(struct fsm *f) { (void)f; n_down++; }
static void m_started(struct fsm *f) { (void)f; n_started++; }
static void m_finished(struct fsm *f) { (void)f; n_finished++; }

static const struct fsm_ops mock = {
    .proto = 0x80ff,    /* an NCP-like protocol */
    .reset = m_reset,
    .build_req = m_build,
    .recv_req = m_req,
    .nak_opt = m_opt,
    .rej_opt = m_opt,
    .up = m_up,
    .down = m_down,
    .started = m_started,
    .finished = m_finished,
};

enum { E_UP, E_DOWN, E_OPEN, E_CLOSE, E_TOP, E_TOM, E_RCRP, E_RCRM, E_RCA, E_RCN, E_RTR,
       E_RTA, E_RUC, E_RXJP, E_RXJM, E_COUNT };
static const char *const ev_names[] = {"Up", "Down", "Open", "Close", "TO+", "TO-", "RCR+",
    "RCR-", "RCA", "RCN", "RTR", "RTA", "RUC", "RXJ+", "RXJ-"};

/* RFC 1661 4.1, states 0..9 (Initial, Starting, Closed, Stopped, Closing,
 * Stopping, Req-Sent, Ack-Rcvd, Ack-Sent, Opened). Each cell: next state
 * digit, then u/d/s/f for tlu/tld/tls/tlf. '-' cells (cannot happen) are
 * written as "no change, no action". */
static const char *const table[E_COUNT][10] = {
    /* Up   */ {"2", "6", "2", "3", "4", "5", "6", "7", "8", "9"},
    /* Down */ {"0", "1", "0", "1s", "0", "1", "1", "1", "1", "1d"},
    /* Open */ {"1s", "1", "6", "3", "5", "5", "6", "7", "8", "9"},
    /* Close*/ {"0", "0f", "2", "2", "4", "4", "4", "4", "4", "4d"},
    /* TO+  */ {"0", "1", "2", "3", "4", "5", "6", "6", "8", "9"},
    /* TO-  */ {"0", "1", "2", "3", "2f", "3f", "3f", "3f", "3f", "9"},
    /* RCR+ */ {"0", "1", "2", "8", "4", "5", "8", "9u", "8", "8d"},
    /* RCR- */ {"0", "1", "2", "6", "4", "5", "6", "7", "6", "6d"},
    /* RCA  */ {"0", "1", "2", "3", "4", "5", "7", "6", "9u", "6d"},
    /* RCN  */ {"0", "1", "2", "3", "4", "5", "6", "6", "8", "6d"},
    /* RTR  */ {"0", "1", "2", "3", "4", "5", "6", "6", "6", "5d"},
    /* RTA  */ {"0", "1", "2", "3", "2f", "3f", "6", "6", "8", "6d"},
    /* RUC  */ {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
    /* RXJ+ */ {"0", "1", "2", "3", "4", "5", "6", "6", "8", "9"},
    /* RXJ- */ {"0", "1", "2f", "3f", "2f", "3f", "3f", "3f", "3f", "5d"},
};

/* The packets each cell sends, in order: R ConfReq, A Ack, N Nak, T
 * TermReq, K TermAck, J Code-Reject. */
static const char *const sends[E_COUNT][10] = {
    /* Up   */ {"", "R", "", "", "", "", "", "", "", ""},
    /* Down */ {"", "", "", "", "", "", "", "", "", ""},
    /* Open */ {"", "", "R", "", "", "", "", "", "", ""},
    /* Close*/ {"", "", "", "", "", "", "T", "T", "T", "T"},
    /* TO+  */ {"", "", "", "", "T", "T", "R", "R", "R", ""},
    /* TO-  */ {"", "", "", "", "", "", "", "", "", ""},
    /* RCR+ */ {"", "", "K", "RA", "", "", "A", "A", "A", "RA"},
    /* RCR- */ {"", "", "K", "RN", "", "", "N", "N", "N", "RN"},
    /* RCA  */ {"", "", "K", "K", "", "", "", "R", "", "R"},
    /* RCN  */ {"", "", "K", "K", "", "", "R", "R", "R", "R"},
    /* RTR  */ {"", "", "K", "K", "K", "K", "K", "K", "K", "K"},
    /* RTA  */ {"", "", "", "", "", "", "", "", "", "R"},
    /* RUC  */ {"", "", "J", "J", "J", "J", "J", "J", "J", "J"},
    /* RXJ+ */ {"", "", "", "", "", "", "", "", "", ""},
    /* RXJ- */ {"", "", "", "", "", "", "", "", "", "T"},
};

static char sent[16];
static size_t nsent;

static void
collect(void *ctx, const uint8_t *frame, size_t len)
{
    (void)ctx;
    uint16_t proto;
    const uint8_t *pl;
    size_t plen;
    static const char letters[] = "?RANXTKJ";   /* by code 1..7; X ConfRej */
    if (!ppp_frame_split(frame, len, &proto, &pl, &plen) || proto != 0x80ff || plen < 1)
        return;
    if (nsent + 1 < sizeof(sent))
        sent[nsent++] = pl[0] <= 7 ? letters[pl[0]] : '?';
    sent[nsent] = 0;
}

static void
fire(struct fsm *f, int ev)
{
    uint8_t pkt[16] = {0, 0, 0, 4};
    size_t len = 4;
    switch (ev) {
    case E_UP: fsm_event(f, FSM_UP); return;
    case E_DOWN: fsm_event(f, FSM_DOWN); return;
    case E_OPEN: fsm_event(f, FSM_OPEN); return;
    case E_CLOSE: fsm_event(f, FSM_CLOSE); return;
    case E_TOP: case E_TOM:
        f->restart_count = ev == E_TOP ? 2 : 0;
        f->deadline = f->ppp->now;
        fsm_timer(f, f->ppp->now);
        return;
    case E_RCRP: case E_RCRM:
        verdict = ev == E_RCRP ? CP_CONF_ACK : CP_CONF_NAK;
        pkt[0] = CP_CONF_REQ;
        pkt[1] = 0x40;
        break;
    case E_RCA: case E_RCN:
        pkt[0] = ev == E_RCA ? CP_CONF_ACK : CP_CONF_NAK;
        pkt[1] = f->req_id;
        break;
    case E_RTR: pkt[0] = CP_TERM_REQ; pkt[1] = 0x41; break;
    case E_RTA: pkt[0] = CP_TERM_ACK; pkt[1] = f->term_id; break;
    case E_RUC: pkt[0] = 0x30; break;
    case E_RXJP: case E_RXJM:
        /* Code-Reject of an Echo-Request (permitted) or a ConfReq (not). */
        pkt[0] = CP_CODE_REJ;
        pkt[3] = 8;
        pkt[4] = ev == E_RXJP ? CP_ECHO_REQ : CP_CONF_REQ;
        pkt[5] = 1;
        pkt[7] = 4;
        len = 8;
        break;
    }
    fsm_input(f, pkt, len);
}

static void
t_transition_table(void)
{
    uint32_t seed = 7;
    struct ppp_config c;
    ep_client_config(&c, &seed);
    struct ppp *p = ppp_new(&c);
    REQUIRE(p);
    ppp_start(p, 100);
    uint8_t junk[4096];
    while (ppp_output(p, junk, sizeof(junk)))
        ;
    int cells = 0;
    for (int ev = 0; ev < E_COUNT; ev++) {
        for (int st = 0; st <= FSM_OPENED; st++) {
            struct fsm f;
            fsm_init(&f, p, &mock);
            f.state = (uint8_t)st;
            f.req_id = 5;
            f.term_id = 9;
            /* As if the request that put it there were outstanding. */
            if (st >= FSM_CLOSING && st <= FSM_ACKSENT)
                f.deadline = p->now + 1000;
            n_up = n_down = n_started = n_finished = 0;
            fire(&f, ev);
            const char *want = table[ev][st];
            int want_state = want[0] - '0';
            bool u = strchr(want, 'u'), d = strchr(want, 'd'), s = strchr(want, 's'),
                 fin = strchr(want, 'f');
            bool ok = f.state == want_state && (n_up > 0) == u && (n_down > 0) == d &&
                      (n_started > 0) == s && (n_finished > 0) == fin;
            if (!ok)
                th_fail(__FILE__, __LINE__, "%s in %s: state %s up %d down %d started %d "
                        "finished %d, want %s", ev_names[ev], fsm_state_name(st),
                        fsm_state_name(f.state), n_up, n_down, n_started, n_finished, want);
            /* A state with a request outstanding always has a deadline. */
            bool timed = f.state >= FSM_CLOSING && f.state <= FSM_ACKSENT;
            if (timed != (f.deadline != 0))
                th_fail(__FILE__, __LINE__, "%s in %s: deadline %llu in %s", ev_names[ev],
                        fsm_state_name(st), (unsigned long long)f.deadline,
                        fsm_state_name(f.state));
            cells++;
            static uint8_t out[65536];
            nsent = 0;
            sent[0] = 0;
            size_t n;
            while ((n = ppp_output(p, out, sizeof(out))) > 0)
                ep_decode_all(out, n, collect, NULL);
            if (strcmp(sent, sends[ev][st]) != 0)
                th_fail(__FILE__, __LINE__, "%s in %s: sent \"%s\", want \"%s\"", ev_names[ev],
                        fsm_state_name(st), sent, sends[ev][st]);
        }
    }
    CHECK_EQ(cells, 150);   /* 15 events (RXR lives in LCP's extcode) x 10 states */
    ppp_free(p);
}

/* The one deliberate departure from the table, for LCP only: a peer's
 * Terminate-Request while negotiating ends the link after one restart
 * period (Stopping) instead of renegotiating to Max-Configure. */
static void
t_lcp_rtr_while_negotiating(void)
{
    uint32_t seed = 7;
    struct ppp_config c;
    ep_client_config(&c, &seed);
    for (int st = FSM_REQSENT; st <= FSM_ACKSENT; st++) {
        struct ppp *p = ppp_new(&c);
        REQUIRE(p);
        ppp_start(p, 100);
        p->lcp.fsm.state = (uint8_t)st;
        uint8_t pkt[] = {CP_TERM_REQ, 3, 0, 4};
        fsm_input(&p->lcp.fsm, pkt, sizeof(pkt));
        CHECK_EQ(p->lcp.fsm.state, FSM_STOPPING);
        CHECK_EQ(ppp_phase(p), PPP_PHASE_TERMINATE);
        ppp_timer(p, ppp_next_deadline(p));
        struct ppp_event ev;
        long err = -1;
        while (ppp_poll_event(p, &ev))
            if (ev.type == PPP_EV_DOWN)
                err = ev.error;
        CHECK_EQ(err, 719);
        ppp_free(p);
    }
}

/* The line dropping leaves LCP in Initial from every state, through the
 * automaton's own Down and Close (RFC 1661 4.3): no timer left, one DOWN,
 * and the link starts again. */
static void
t_lower_down_every_lcp_state(void)
{
    uint32_t seed = 7;
    struct ppp_config c;
    ep_client_config(&c, &seed);
    for (int st = FSM_INITIAL; st <= FSM_OPENED; st++) {
        struct ppp *p = ppp_new(&c);
        REQUIRE(p);
        ppp_start(p, 100);
        p->lcp.fsm.state = (uint8_t)st;
        p->lcp.fsm.deadline = 5000;
        ppp_lower_down(p, 629, 200);
        CHECK_EQ(p->lcp.fsm.state, FSM_INITIAL);
        CHECK_EQ(ppp_next_deadline(p), 0);
        CHECK_EQ(ppp_phase(p), PPP_PHASE_DEAD);
        struct ppp_event ev;
        int downs = 0;
        while (ppp_poll_event(p, &ev))
            if (ev.type == PPP_EV_DOWN) {
                downs++;
                CHECK_EQ(ev.error, 629);
            }
        CHECK_EQ(downs, 1);
        ppp_start(p, 300);
        CHECK_EQ(p->lcp.fsm.state, FSM_REQSENT);
        ppp_free(p);
    }
}

static void
input_ack_of_our_req(struct ppp *p)
{
    struct fsm *f = &p->lcp.fsm;
    uint8_t pkt[CP_HDR_LEN + FSM_REQ_MAX] = {CP_CONF_ACK, f->req_id};
    put16(pkt + 2, (uint16_t)(CP_HDR_LEN + f->req_len));
    memcpy(pkt + CP_HDR_LEN, f->req, f->req_len);
    fsm_input(f, pkt, CP_HDR_LEN + f->req_len);
}

/* RFC 1661 5.2: an Ack must repeat our last ConfReq. It is taken when it
 * does; when the peer's own request carried our magic number (6.4) we have
 * chosen another, and an Ack of the request naming the old one is dropped. */
static void
t_ack_checked_against_last_request(void)
{
    uint32_t seed = 7;
    struct ppp_config c;
    ep_client_config(&c, &seed);
    for (int collide = 0; collide <= 1; collide++) {
        struct ppp *p = ppp_new(&c);
        REQUIRE(p);
        ppp_start(p, 100);
        REQUIRE(p->lcp.fsm.state == FSM_REQSENT);
        if (collide) {
            uint8_t req[] = {CP_CONF_REQ, 9, 0, 10, 5, 6, 0, 0, 0, 0};
            put32(req + 6, p->lcp.want.magic);
            fsm_input(&p->lcp.fsm, req, sizeof(req));
        }
        input_ack_of_our_req(p);
        CHECK_EQ(p->lcp.fsm.state, collide ? FSM_REQSENT : FSM_ACKRCVD);
        ppp_free(p);
    }
}

int
main(void)
{
    TH_RUN(t_transition_table);
    TH_RUN(t_lcp_rtr_while_negotiating);
    TH_RUN(t_lower_down_every_lcp_state);
    TH_RUN(t_ack_checked_against_last_request);
    return th_done();
}
