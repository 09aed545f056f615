/* A CHAP authenticator that gives up (Max-Configure Challenges without an
 * answer it heard) says so with a Failure, and answers a late Response with
 * that Failure, never with its Challenge again. Issue 8's ppp-auth fuzz
 * finding: the Challenge kept for resending went out to every late
 * Response, the client answered each, and the two ping-ponged at line rate
 * (150,023 packets at one instant) until the client's own deadline. */
#include <string.h>

#include "auth_pair.h"
#include "harness.h"
#include "ppp/auth_local.h"

static struct ap_pair P;   /* large; static keeps it off the test's stack */

/* Every Response is lost on its way to the server; the last one is kept
 * to be delivered late. */
struct hold {
    struct ap_packet late;
    int held;
};

static bool
lose_responses(struct ap_pair *ap, struct ap_packet *p)
{
    struct hold *h = ap->filter_ctx;
    if (p->to != 1)
        return true;
    h->late = *p;
    h->held++;
    return false;
}

/* Runs the clock until the server side has reported. */
static void
run_until_server_gives_up(void)
{
    for (int i = 0; i < 100 && !P.e[1].ndone[1]; i++) {
        ap_shuttle(&P);
        uint64_t d = auth_next_deadline(&P.e[1].a);
        if (!d)
            break;
        P.now = d > P.now ? d : P.now;
        auth_timer(&P.e[0].a, P.now);
        auth_timer(&P.e[1].a, P.now);
    }
    ap_shuttle(&P);
}

static void
give_up(uint32_t method)
{
    struct hold h = {0};
    ap_init(&P, "alice", "pw", "alice", "pw");
    P.filter = lose_responses;
    P.filter_ctx = &h;
    ap_start(&P, method);
    run_until_server_gives_up();
    REQUIRE_EQ(P.e[1].ndone[1], 1);
    CHECK(!P.e[1].ok[1]);
    CHECK_EQ(P.e[1].err[1], 718);
    /* Max-Configure (5 here) Challenges, each answered (and the answers
     * retransmitted), every answer lost. */
    CHECK(h.held >= 5);
    /* Giving up is said: the last packet the server sent is a Failure for
     * the last Challenge's Identifier, the one the late Response carries. */
    const struct ap_packet *last = &P.e[1].last;
    REQUIRE(last->proto == PPP_PROTO_CHAP && last->len >= 4);
    CHECK_EQ(last->data[0], CHAP_FAILURE);
    CHECK_EQ(last->data[1], h.late.data[1]);
    /* The client heard it at once, not at the end of its own phase. */
    CHECK_EQ(P.e[0].ndone[0], 1);
    CHECK(!P.e[0].ok[0]);
    CHECK_EQ(P.e[0].done_at[0], P.e[1].done_at[1]);

    /* The late Response now arrives: one verdict goes back, the same
     * Failure, and the exchange stops there. */
    P.filter = NULL;
    int cli_sent = P.e[0].sent, srv_sent = P.e[1].sent;
    auth_input(&P.e[1].a, h.late.proto, h.late.data, h.late.len, P.now);
    REQUIRE_EQ(P.e[1].sent, srv_sent + 1);
    CHECK_EQ(P.e[1].last.data[0], CHAP_FAILURE);
    ap_shuttle(&P);
    CHECK_EQ(P.e[0].sent, cli_sent);
    CHECK_EQ(P.e[1].sent, srv_sent + 1);
    CHECK(ap_run(&P, P.now + 60000));
    CHECK_EQ(P.e[0].ndone[0], 1);
    CHECK_EQ(P.e[1].ndone[1], 1);
    CHECK_EQ(auth_next_deadline(&P.e[0].a), 0);
    CHECK_EQ(auth_next_deadline(&P.e[1].a), 0);
    ap_reset(&P);
}

static void
t_chap_md5_gives_up_with_failure(void)
{
    give_up(PPP_AUTH_CHAP_MD5);
}

static void
t_mschapv2_gives_up_with_failure(void)
{
    give_up(PPP_AUTH_MSCHAPV2);
    /* RFC 2759 6: the Failure message, with the error the client reports. */
    ap_init(&P, "alice", "pw", "alice", "pw");
    struct hold h = {0};
    P.filter = lose_responses;
    P.filter_ctx = &h;
    ap_start(&P, PPP_AUTH_MSCHAPV2);
    run_until_server_gives_up();
    const struct ap_packet *last = &P.e[1].last;
    REQUIRE(last->len > 4 + 12);
    CHECK(memcmp(last->data + 4, "E=691 R=0 C=", 12) == 0);
    CHECK_EQ(P.e[0].err[0], 691);
    ap_reset(&P);
}

/* The whole phase runs out while Challenges are still being answered with
 * Responses that never arrive (auth_timeout_ms below Max-Configure restart
 * periods): the same Failure, the same one verdict to a late Response. */
static void
t_phase_end_gives_up_with_failure(void)
{
    struct hold h = {0};
    ap_init(&P, "alice", "pw", "alice", "pw");
    P.e[1].cfg.auth_timeout_ms = 2500;
    P.filter = lose_responses;
    P.filter_ctx = &h;
    ap_start(&P, PPP_AUTH_CHAP_MD5);
    run_until_server_gives_up();
    REQUIRE_EQ(P.e[1].ndone[1], 1);
    CHECK_EQ(P.e[1].err[1], 718);
    CHECK_EQ(P.e[1].last.data[0], CHAP_FAILURE);
    CHECK_EQ(P.e[1].last.data[1], h.late.data[1]);
    P.filter = NULL;
    auth_input(&P.e[1].a, h.late.proto, h.late.data, h.late.len, P.now);
    ap_shuttle(&P);
    CHECK(ap_run(&P, P.now + 60000));
    CHECK_EQ(P.e[1].last.data[0], CHAP_FAILURE);
    CHECK_EQ(P.e[0].ndone[0], 1);
    ap_reset(&P);
}

int
main(void)
{
    TH_RUN(t_chap_md5_gives_up_with_failure);
    TH_RUN(t_mschapv2_gives_up_with_failure);
    TH_RUN(t_phase_end_gives_up_with_failure);
    return th_done();
}
