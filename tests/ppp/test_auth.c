/* The authentication phase, client and server instances back to back: every
 * method with right and wrong passwords, lost packets, silence, servers
 * that cannot prove themselves, MS-CHAP failure codes, malformed and
 * hostile packets, and what is left in memory afterwards. */
#include <stdio.h>
#include <string.h>

#include "auth_pair.h"
#include "harness.h"
#include "ppp/auth_local.h"
#include "ppp/mschap.h"

static const uint32_t methods[] = {PPP_AUTH_PAP, PPP_AUTH_CHAP_MD5, PPP_AUTH_MSCHAPV2};
#define NMETHODS 3

static struct ap_pair P;   /* large; static keeps it off the test's stack */

static void
basic(uint32_t m, const char *pw, const char *srv_pw, bool want_ok)
{
    ap_init(&P, "alice", pw, "alice", srv_pw);
    ap_start(&P, m);
    CHECK(ap_run(&P, P.now + 60000));
    CHECK_EQ(P.e[0].ndone[0], 1);
    CHECK_EQ(P.e[1].ndone[1], 1);
    CHECK_EQ(P.e[0].ndone[1], 0);
    CHECK_EQ(P.e[1].ndone[0], 0);
    CHECK_EQ(P.e[0].ok[0], want_ok);
    CHECK_EQ(P.e[1].ok[1], want_ok);
    CHECK_EQ(P.e[0].err[0], want_ok ? 0 : 691);
    CHECK_EQ(P.e[1].err[1], want_ok ? 0 : 691);
    CHECK_EQ(P.overflow, 0);
    /* Nothing left to time out once both sides reported. */
    CHECK_EQ(auth_next_deadline(&P.e[0].a), 0);
    CHECK_EQ(auth_next_deadline(&P.e[1].a), 0);
    ap_reset(&P);
}

static void
t_correct_password(void)
{
    for (int i = 0; i < NMETHODS; i++)
        basic(methods[i], "open sesame", "open sesame", true);
    /* One exchange, no retransmission and no waiting: CHAP is 3 packets. */
    ap_init(&P, "alice", "pw", "alice", "pw");
    ap_start(&P, PPP_AUTH_MSCHAPV2);
    REQUIRE(ap_run(&P, P.now + 60000));
    CHECK_EQ(P.e[0].sent + P.e[1].sent, 3);
    CHECK_EQ(P.now, 1000);
}

static void
t_wrong_password(void)
{
    for (int i = 0; i < NMETHODS; i++) {
        basic(methods[i], "open sesame", "open sesamE", false);
        basic(methods[i], "", "x", false);
        basic(methods[i], "x", "", false);
    }
}

static void
t_unknown_user(void)
{
    for (int i = 0; i < NMETHODS; i++) {
        ap_init(&P, "mallory", "pw", "alice", "pw");
        ap_start(&P, methods[i]);
        CHECK(ap_run(&P, P.now + 60000));
        CHECK(!P.e[0].ok[0] && P.e[0].err[0] == 691);
        CHECK(!P.e[1].ok[1] && P.e[1].err[1] == 691);
    }
}

static void
t_empty_password_accepted(void)
{
    /* An empty password is a password like any other (RFC 1334 allows a
     * zero Passwd-Length; MS-CHAPv2 hashes zero units). */
    for (int i = 0; i < NMETHODS; i++)
        basic(methods[i], "", "", true);
}

static void
t_unicode_password(void)
{
    static const char pw[] = "p\xc3\xa4ssw\xc3\xb6rd\xe2\x82\xac\xf0\x9d\x84\x9e";
    for (int i = 0; i < NMETHODS; i++)
        basic(methods[i], pw, pw, true);
}

static void
t_mutual_authentication(void)
{
    /* Each end proves itself and checks the other, with different methods. */
    ap_init(&P, "alice", "pw", "alice", "pw");
    auth_start(&P.e[0].a, PPP_AUTH_MSCHAPV2, PPP_AUTH_PAP, P.now);
    auth_start(&P.e[1].a, PPP_AUTH_PAP, PPP_AUTH_MSCHAPV2, P.now);
    REQUIRE(ap_run(&P, P.now + 60000));
    for (int i = 0; i < 2; i++)
        for (int s = 0; s < 2; s++)
            CHECK(P.e[i].ndone[s] == 1 && P.e[i].ok[s]);
}

static void
t_no_method_does_nothing(void)
{
    ap_init(&P, "alice", "pw", "alice", "pw");
    auth_start(&P.e[0].a, 0, 0, P.now);
    CHECK_EQ(P.e[0].sent, 0);
    CHECK_EQ(P.e[0].ndone[0] + P.e[0].ndone[1], 0);
    CHECK_EQ(auth_next_deadline(&P.e[0].a), 0);
}

/* --- lost packets --- */

struct drop_spec {
    int from;        /* end whose packets are dropped */
    int first, count;/* drop packets number first..first+count-1 from that end */
    int seen;
};

static bool
drop_filter(struct ap_pair *ap, struct ap_packet *p)
{
    struct drop_spec *d = ap->filter_ctx;
    if (1 - p->to != d->from)
        return true;
    int n = d->seen++;
    return !(n >= d->first && n < d->first + d->count);
}

static void
t_retransmit_after_loss(void)
{
    /* For each method drop the first packet of each end in turn: the
     * client's request/response, the server's challenge or verdict. */
    for (int i = 0; i < NMETHODS; i++) {
        for (int from = 0; from < 2; from++) {
            for (int first = 0; first < 2; first++) {
                struct drop_spec d = {from, first, 1, 0};
                ap_init(&P, "alice", "pw", "alice", "pw");
                P.filter = drop_filter;
                P.filter_ctx = &d;
                ap_start(&P, methods[i]);
                CHECK(ap_run(&P, P.now + 60000));
                CHECK(P.e[0].ndone[0] == 1 && P.e[0].ok[0]);
                CHECK(P.e[1].ndone[1] == 1 && P.e[1].ok[1]);
                /* Took one restart interval, not the whole phase. */
                CHECK(P.now <= 1000 + 2 * 1000);
            }
        }
    }
}

static void
t_silent_server_times_out(void)
{
    for (int i = 0; i < NMETHODS; i++) {
        struct drop_spec d = {1, 0, 1000, 0};
        ap_init(&P, "alice", "pw", "alice", "pw");
        P.filter = drop_filter;
        P.filter_ctx = &d;
        ap_start(&P, methods[i]);
        CHECK(ap_run(&P, P.now + 600000));
        CHECK(P.e[0].ndone[0] == 1 && !P.e[0].ok[0] && P.e[0].err[0] == 718);
        CHECK_EQ(P.e[1].ndone[1], 1);
        if (methods[i] == PPP_AUTH_PAP) {
            /* The PAP server heard a good request: its side succeeded. */
            CHECK(P.e[1].ok[1]);
        } else {
            CHECK(!P.e[1].ok[1] && P.e[1].err[1] == 718);
        }
        /* Bounded retransmission: at most max_configure (5) of each, and
         * the Failure a CHAP server gives up with. */
        bool chap = methods[i] != PPP_AUTH_PAP;
        CHECK(P.e[0].sent <= 5);
        CHECK(P.e[1].sent <= 5 + chap);
        if (chap)
            CHECK_EQ(P.e[1].last.data[0], CHAP_FAILURE);
        /* Nobody keeps a timer after giving up. */
        CHECK_EQ(auth_next_deadline(&P.e[0].a), 0);
        CHECK_EQ(auth_next_deadline(&P.e[1].a), 0);
    }
}

static void
t_silent_client_times_out(void)
{
    for (int i = 0; i < NMETHODS; i++) {
        struct drop_spec d = {0, 0, 1000, 0};
        ap_init(&P, "alice", "pw", "alice", "pw");
        P.filter = drop_filter;
        P.filter_ctx = &d;
        ap_start(&P, methods[i]);
        CHECK(ap_run(&P, P.now + 600000));
        CHECK(P.e[1].ndone[1] == 1 && P.e[1].err[1] == 718);
        /* A CHAP server that gives up says so with a Failure, which the
         * client reports as such, at the same moment (test_chap_timeout.c);
         * a PAP client waits out its retries. */
        bool chap = methods[i] != PPP_AUTH_PAP;
        CHECK(P.e[0].ndone[0] == 1 && P.e[0].err[0] == (chap ? 691 : 718));
        if (chap)
            CHECK_EQ(P.e[0].done_at[0], P.e[1].done_at[1]);
        /* Every Challenge (at most 5) gets a Response, which the client
         * repeats once a restart interval (for a lost Success): at most
         * about two packets per interval, never unbounded; the server
         * sends its Challenges and the Failure. */
        CHECK(P.e[0].sent <= 3 * 5 && P.e[1].sent <= 5 + chap);
    }
    /* A CHAP client that hears nothing at all gives up at auth_timeout_ms;
     * a PAP server likewise. */
    ap_init(&P, "alice", "pw", "alice", "pw");
    auth_start(&P.e[0].a, PPP_AUTH_CHAP_MD5, PPP_AUTH_PAP, P.now);
    CHECK_EQ(auth_next_deadline(&P.e[0].a), 1000 + 20000);
    auth_timer(&P.e[0].a, 1000 + 19999);
    CHECK_EQ(P.e[0].ndone[0] + P.e[0].ndone[1], 0);
    P.now = 21000;
    auth_timer(&P.e[0].a, 21000);
    CHECK(P.e[0].ndone[0] == 1 && P.e[0].err[0] == 718);
    CHECK(P.e[0].ndone[1] == 1 && P.e[0].err[1] == 718);
    CHECK_EQ(P.e[0].sent, 0);
}

/* --- MS-CHAPv2 Success and Failure messages --- */

struct rewrite {
    const char *msg;    /* new message for the server's verdict */
    uint8_t code;       /* 0 = keep */
    int flip;           /* >= 0: flip this byte of the message instead */
};

static bool
rewrite_filter(struct ap_pair *ap, struct ap_packet *p)
{
    struct rewrite *r = ap->filter_ctx;
    if (p->to != 0 || p->proto != PPP_PROTO_CHAP ||
        (p->data[0] != CHAP_SUCCESS && p->data[0] != CHAP_FAILURE))
        return true;
    if (r->flip >= 0) {
        p->data[4 + r->flip] ^= 0x01;
        return true;
    }
    char msg[256];
    const char *m = r->msg;
    /* "%S" stands for the S= the server computed. */
    const char *s = strstr(m, "%S");
    if (s) {
        snprintf(msg, sizeof(msg), "%.*s%.42s%s", (int)(s - m), m, (const char *)p->data + 4,
                 s + 2);
        m = msg;
    }
    size_t n = strlen(m);
    memcpy(p->data + 4, m, n);
    p->len = 4 + n;
    p->data[2] = (uint8_t)(p->len >> 8);
    p->data[3] = (uint8_t)p->len;
    if (r->code)
        p->data[0] = r->code;
    return true;
}

static uint32_t
mschap_with(const char *msg, uint8_t code, int flip, bool *ok)
{
    struct rewrite r = {msg, code, flip};
    ap_init(&P, "alice", "pw", "alice", "pw");
    P.filter = rewrite_filter;
    P.filter_ctx = &r;
    ap_start(&P, PPP_AUTH_MSCHAPV2);
    ap_run(&P, P.now + 60000);
    CHECK_EQ(P.e[0].ndone[0], 1);
    *ok = P.e[0].ok[0];
    return P.e[0].err[0];
}

static void
t_mschap_server_must_prove_itself(void)
{
    bool ok;
    /* One bit off in the authenticator response (inside the 40 hex). */
    CHECK_EQ(mschap_with(NULL, 0, 5, &ok), 778);
    CHECK(!ok);
    CHECK_EQ(mschap_with(NULL, 0, 41, &ok), 778);
    CHECK_EQ(mschap_with("S=0000000000000000000000000000000000000000 M=hi", 0, -1, &ok), 778);
    CHECK_EQ(mschap_with("M=Welcome", 0, -1, &ok), 778);
    CHECK_EQ(mschap_with("", 0, -1, &ok), 778);
    CHECK_EQ(mschap_with("S=", 0, -1, &ok), 778);
    CHECK_EQ(mschap_with("S=407A5589115FD0D6209F510FE9C04566932CDA5", 0, -1, &ok), 778);
    CHECK_EQ(mschap_with("S=zz7A5589115FD0D6209F510FE9C04566932CDA56", 0, -1, &ok), 778);
    /* The server side still reports what it decided. */
    CHECK(P.e[1].ndone[1] == 1 && P.e[1].ok[1]);
}

static void
t_mschap_success_formats(void)
{
    bool ok;
    /* RFC form, Windows Server 2019's form without the space, no message. */
    CHECK_EQ(mschap_with("%S M=Access granted", 0, -1, &ok), 0);
    CHECK(ok);
    CHECK_EQ(mschap_with("%SM=Success. Logging you in...", 0, -1, &ok), 0);
    CHECK(ok);
    CHECK_EQ(mschap_with("%S", 0, -1, &ok), 0);
    CHECK(ok);
}

static void
t_mschap_lowercase_hex(void)
{
    ap_init(&P, "alice", "pw", "alice", "pw");
    struct rewrite r = {"%S", 0, -1};
    P.filter = rewrite_filter;
    P.filter_ctx = &r;
    ap_start(&P, PPP_AUTH_MSCHAPV2);
    ap_shuttle(&P);   /* challenge, response, success all delivered */
    CHECK(P.e[0].ok[0]);
    /* Same again with the S= lowered by hand before delivery. */
    ap_init(&P, "alice", "pw", "alice", "pw");
    auth_start(&P.e[1].a, 0, PPP_AUTH_MSCHAPV2, P.now);
    auth_start(&P.e[0].a, PPP_AUTH_MSCHAPV2, 0, P.now);
    struct ap_packet p;
    for (int k = 0; k < 2; k++) {
        p = P.q[P.qhead];
        P.qhead = (P.qhead + 1) % AP_QMAX;
        P.qlen--;
        auth_input(&P.e[p.to].a, p.proto, p.data, p.len, P.now);
    }
    p = P.q[P.qhead];
    P.qlen = 0;
    REQUIRE(p.data[0] == CHAP_SUCCESS);
    for (size_t i = 6; i < 46; i++)
        if (p.data[i] >= 'A' && p.data[i] <= 'F')
            p.data[i] = (uint8_t)(p.data[i] - 'A' + 'a');
    auth_input(&P.e[0].a, p.proto, p.data, p.len, P.now);
    CHECK(P.e[0].ndone[0] == 1 && P.e[0].ok[0]);
}

static void
t_mschap_failure_codes(void)
{
    static const struct { const char *msg; uint32_t want; } cases[] = {
        {"E=646 R=0 C=00000000000000000000000000000000 V=3 M=hours", 646},
        {"E=647 R=0 C=00000000000000000000000000000000 V=3 M=disabled", 647},
        {"E=648 R=0 C=00000000000000000000000000000000 V=3 M=expired", 648},
        {"E=649 R=0 C=00000000000000000000000000000000 V=3 M=no dial-in", 649},
        {"E=691 R=1 C=00000000000000000000000000000000 V=3 M=bad", 691},
        {"E=709 R=0 C=00000000000000000000000000000000 V=3", 709},
        {"E=0000000648 R=0", 648},
        {"E=1234 R=0", 691},
        {"E=", 691},
        {"E=99999999999999999999", 691},
        {"garbage", 691},
        {"", 691},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool ok = true;
        CHECK_EQ(mschap_with(cases[i].msg, CHAP_FAILURE, -1, &ok), cases[i].want);
        CHECK(!ok);
    }
}

static void
t_mschap_failure_packet_from_server(void)
{
    /* Our server's own Failure: E=691 R=0 C=<32 hex> V=3 M=... */
    ap_init(&P, "alice", "pw", "alice", "other");
    ap_start(&P, PPP_AUTH_MSCHAPV2);
    REQUIRE(ap_run(&P, P.now + 60000));
    const struct ap_packet *f = &P.e[1].last;
    REQUIRE(f->data[0] == CHAP_FAILURE);
    const char *m = (const char *)f->data + 4;
    size_t n = f->len - 4;
    CHECK(n > 12 + 32 && memcmp(m, "E=691 R=0 C=", 12) == 0);
    uint8_t c[16];
    CHECK(mschap_unhex(m + 12, 16, c));
    CHECK(memmem(m, n, " V=3 M=", 7) != NULL);
    CHECK_EQ(P.e[0].err[0], 691);
}

/* --- identifiers, repeats, re-challenges --- */

static void
inject(int to, uint16_t proto, const uint8_t *pkt, size_t len)
{
    auth_input(&P.e[to].a, proto, pkt, len, P.now);
}

static void
t_wrong_ids_ignored(void)
{
    /* PAP: an Ack for another Identifier does not end the client. */
    ap_init(&P, "alice", "pw", "alice", "pw");
    auth_start(&P.e[0].a, PPP_AUTH_PAP, 0, P.now);
    uint8_t id = P.e[0].last.data[1];
    uint8_t ack[] = {PAP_ACK, (uint8_t)(id + 1), 0, 5, 0};
    inject(0, PPP_PROTO_PAP, ack, sizeof(ack));
    CHECK_EQ(P.e[0].ndone[0], 0);
    ack[1] = id;
    inject(0, PPP_PROTO_PAP, ack, sizeof(ack));
    CHECK(P.e[0].ndone[0] == 1 && P.e[0].ok[0]);

    /* CHAP: Success for another Identifier is discarded; a Response to a
     * challenge we did not send likewise. */
    for (int m = 1; m < NMETHODS; m++) {
        ap_init(&P, "alice", "pw", "alice", "pw");
        ap_start(&P, methods[m]);
        struct ap_packet chal = P.q[P.qhead];
        ap_shuttle(&P);
        CHECK(P.e[0].ok[0] && P.e[1].ok[1]);
        ap_init(&P, "alice", "pw", "alice", "pw");
        ap_start(&P, methods[m]);
        P.qlen = 0;
        chal.data[1] ^= 0x55;   /* a challenge with an id the server never used */
        inject(0, chal.proto, chal.data, chal.len);
        struct ap_packet resp = P.q[P.qhead];
        P.qlen = 0;
        inject(1, resp.proto, resp.data, resp.len);
        CHECK_EQ(P.e[1].ndone[1], 0);
        CHECK_EQ(P.qlen, 0);
        uint8_t succ[] = {CHAP_SUCCESS, (uint8_t)(resp.data[1] + 1), 0, 4};
        inject(0, PPP_PROTO_CHAP, succ, sizeof(succ));
        CHECK_EQ(P.e[0].ndone[0], 0);
    }
}

static void
t_repeated_request_gets_same_verdict(void)
{
    for (int i = 0; i < NMETHODS; i++) {
        for (int good = 0; good < 2; good++) {
            ap_init(&P, "alice", "pw", "alice", good ? "pw" : "bad");
            ap_start(&P, methods[i]);
            REQUIRE(ap_run(&P, P.now + 60000));
            struct ap_packet req = P.e[0].last, verdict = P.e[1].last;
            int sent = P.e[1].sent;
            inject(1, req.proto, req.data, req.len);
            CHECK_EQ(P.e[1].sent, sent + 1);
            CHECK_EQ(P.e[1].last.data[0], verdict.data[0]);
            CHECK_EQ(P.e[1].last.data[1], req.data[1]);
            CHECK_EQ(P.e[1].ndone[1], 1);
            P.qlen = 0;
        }
    }
}

static void
t_rechallenge_after_success(void)
{
    /* RFC 1994 2.3: the authenticator may challenge again at any time. */
    ap_init(&P, "alice", "pw", "alice", "pw");
    ap_start(&P, PPP_AUTH_CHAP_MD5);
    REQUIRE(ap_run(&P, P.now + 60000));
    uint8_t chal[] = {CHAP_CHALLENGE, 77, 0, 9, 4, 1, 2, 3, 4};
    int sent = P.e[0].sent;
    inject(0, PPP_PROTO_CHAP, chal, sizeof(chal));
    CHECK_EQ(P.e[0].sent, sent + 1);
    CHECK_EQ(P.e[0].last.data[0], CHAP_RESPONSE);
    CHECK_EQ(P.e[0].last.data[1], 77);
    uint8_t expect[16];
    chap_md5_response(77, (const uint8_t *)"pw", 2, chal + 5, 4, expect);
    CHECK(memcmp(P.e[0].last.data + 5, expect, 16) == 0);
    uint8_t fail[] = {CHAP_FAILURE, 77, 0, 4};
    inject(0, PPP_PROTO_CHAP, fail, sizeof(fail));
    CHECK_EQ(P.e[0].ndone[0], 1);   /* reported once, at the first success */
    CHECK(P.e[0].ok[0]);
}

static void
t_same_challenge_same_response(void)
{
    /* MS-CHAPv2: the server repeats its challenge (our Response was slow);
     * we repeat the same Response so its S= stays valid. */
    ap_init(&P, "alice", "pw", "alice", "pw");
    auth_start(&P.e[0].a, PPP_AUTH_MSCHAPV2, 0, P.now);
    uint8_t chal[4 + 1 + 16 + 3] = {CHAP_CHALLENGE, 9, 0, 24, 16};
    memset(chal + 5, 0xab, 16);
    memcpy(chal + 21, "isp", 3);
    inject(0, PPP_PROTO_CHAP, chal, sizeof(chal));
    struct ap_packet r1 = P.e[0].last;
    inject(0, PPP_PROTO_CHAP, chal, sizeof(chal));
    struct ap_packet r2 = P.e[0].last;
    CHECK(r1.len == r2.len && memcmp(r1.data, r2.data, r1.len) == 0);
    /* A new Identifier is a new challenge: a fresh Peer-Challenge. */
    chal[1] = 10;
    inject(0, PPP_PROTO_CHAP, chal, sizeof(chal));
    CHECK(P.e[0].last.data[1] == 10 && memcmp(P.e[0].last.data + 5, r1.data + 5, 16) != 0);
}

/* --- packets as sent --- */

static void
t_packet_layouts(void)
{
    ap_init(&P, "alice", "pw", "alice", "pw");
    auth_start(&P.e[0].a, PPP_AUTH_PAP, 0, P.now);
    const uint8_t *r = P.e[0].last.data;
    CHECK_EQ(P.e[0].last.proto, PPP_PROTO_PAP);
    CHECK_EQ(P.e[0].last.len, 4 + 1 + 5 + 1 + 2);
    CHECK(r[0] == PAP_REQ && r[3] == 13 && r[4] == 5 && memcmp(r + 5, "alice", 5) == 0 &&
          r[10] == 2 && memcmp(r + 11, "pw", 2) == 0);

    ap_init(&P, "alice", "pw", "alice", "pw");
    auth_start(&P.e[1].a, 0, PPP_AUTH_MSCHAPV2, P.now);
    const uint8_t *c = P.e[1].last.data;
    CHECK_EQ(P.e[1].last.len, 4 + 1 + 16 + 3);
    CHECK(c[0] == CHAP_CHALLENGE && c[4] == 16 && memcmp(c + 21, "isp", 3) == 0);
    inject(0, PPP_PROTO_CHAP, c, P.e[1].last.len);   /* e[0] has no method: ignored */
    CHECK_EQ(P.e[0].sent, 0);
    auth_start(&P.e[0].a, PPP_AUTH_MSCHAPV2, 0, P.now);
    inject(0, PPP_PROTO_CHAP, c, P.e[1].last.len);
    const uint8_t *s = P.e[0].last.data;
    CHECK_EQ(P.e[0].last.len, 4 + 1 + 49 + 5);
    static const uint8_t zero[8];
    CHECK(s[0] == CHAP_RESPONSE && s[1] == c[1] && s[4] == 49 &&
          memcmp(s + 5 + 16, zero, 8) == 0 && s[5 + 48] == 0 && memcmp(s + 54, "alice", 5) == 0);
    /* The server's Success: "S=" + 40 upper-case hex + " M=". */
    P.qlen = 0;
    inject(1, PPP_PROTO_CHAP, s, P.e[0].last.len);
    const uint8_t *v = P.e[1].last.data;
    CHECK(v[0] == CHAP_SUCCESS && memcmp(v + 4, "S=", 2) == 0 && memcmp(v + 46, " M=", 3) == 0);
    for (int i = 6; i < 46; i++)
        CHECK((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'A' && v[i] <= 'F'));
}

static void
t_client_credentials_method_cannot_carry(void)
{
    /* PAP has one octet for each length; MS-CHAPv2 needs valid UTF-8. Both
     * fail at once with 691 and send nothing. */
    char big[300];
    memset(big, 'p', 256);
    big[256] = '\0';
    ap_init(&P, "alice", big, "alice", big);
    auth_start(&P.e[0].a, PPP_AUTH_PAP, 0, P.now);
    CHECK(P.e[0].ndone[0] == 1 && P.e[0].err[0] == 691 && P.e[0].sent == 0);
    basic(PPP_AUTH_CHAP_MD5, big, big, true);    /* no such limit in CHAP-MD5 */
    basic(PPP_AUTH_MSCHAPV2, big, big, true);    /* 256 units: the RFC's maximum */

    ap_init(&P, "alice", "\xff\xfe", "alice", "\xff\xfe");
    auth_start(&P.e[0].a, PPP_AUTH_MSCHAPV2, 0, P.now);
    CHECK(P.e[0].ndone[0] == 1 && P.e[0].err[0] == 691 && P.e[0].sent == 0);
    CHECK_EQ(auth_next_deadline(&P.e[0].a), 0);

    /* A server whose stored secret is not UTF-8 refuses, it does not guess. */
    ap_init(&P, "alice", "pw", "alice", "p\xc3");
    ap_start(&P, PPP_AUTH_MSCHAPV2);
    CHECK(ap_run(&P, P.now + 60000));
    CHECK(P.e[1].ndone[1] == 1 && P.e[1].err[1] == 691 && P.e[0].err[0] == 691);
}

static void
t_unknown_method_fails_cleanly(void)
{
    ap_init(&P, "alice", "pw", "alice", "pw");
    auth_start(&P.e[0].a, 1u << 9, 1u << 10, P.now);
    CHECK(P.e[0].ndone[0] == 1 && P.e[0].err[0] == 691);
    CHECK(P.e[0].ndone[1] == 1 && P.e[0].err[1] == 691);
    CHECK_EQ(P.e[0].sent, 0);
}

/* --- hostile input --- */

struct bad { uint8_t len; uint8_t b[24]; };

/* Packets malformed for every method of that protocol. */
static const struct bad bad_common[] = {
    {1, {0}}, {2, {1, 1}}, {3, {1, 1, 0}}, {3, {2, 1, 0}}, {4, {1, 1, 0, 3}},  /* short header */
    {6, {1, 1, 0, 40, 4, 'a'}}, {5, {2, 1, 0, 40, 0}}, {4, {3, 1, 1, 0}},     /* Length past data */
    {6, {1, 1, 0, 2, 0, 0}}, {6, {2, 1, 0, 0, 0, 0}},                        /* Length under 4 */
    {4, {9, 1, 0, 4}}, {5, {0, 1, 0, 5, 0}}, {4, {255, 1, 0, 4}},              /* unknown code */
};
static const struct bad bad_pap[] = {
    {4, {1, 1, 0, 4}},                          /* no Peer-ID Length */
    {5, {1, 1, 0, 5, 200}},                     /* Peer-ID past the end */
    {6, {1, 1, 0, 6, 1, 'a'}},                  /* no Passwd-Length */
    {8, {1, 1, 0, 8, 1, 'a', 9, 'p'}},          /* Password past the end */
    {9, {1, 1, 0, 8, 1, 'a', 2, 'p', 'q'}},     /* ... past Length (padding not used) */
    {6, {2, 1, 0, 6, 9, 'x'}},                  /* Ack: Message past the end */
    {6, {3, 1, 0, 6, 9, 'x'}},                  /* Nak: Message past the end */
};
static const struct bad bad_chap[] = {
    {4, {1, 1, 0, 4}},                          /* Challenge without Value-Size */
    {5, {1, 1, 0, 5, 0}},                       /* empty Value */
    {6, {1, 1, 0, 6, 200, 1}},                  /* Value past the end */
    {8, {1, 1, 0, 6, 3, 1, 2, 3}},              /* Value past Length */
    {4, {2, 1, 0, 4}},                          /* Response without Value-Size */
    {6, {2, 1, 0, 6, 40, 1}},                   /* Value past the end */
    {20, {2, 1, 0, 20, 15, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}}, /* short value */
};
/* Well-formed CHAP, wrong for MS-CHAPv2 (RFC 2759 3, 4: 16 and 49 octets). */
static const struct bad bad_mschap[] = {
    {13, {1, 1, 0, 13, 8, 1, 2, 3, 4, 5, 6, 7, 8}},
    {22, {2, 1, 0, 22, 17, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}},
    {21, {2, 1, 0, 21, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}},
};

static void
feed_list(int to, uint16_t proto, const struct bad *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (int id = 0; id < 256; id++) {
            uint8_t pkt[24];
            memcpy(pkt, list[i].b, sizeof(pkt));
            if (list[i].len > 1)
                pkt[1] = (uint8_t)id;
            inject(to, proto, pkt, list[i].len);
        }
    }
}

#define FEED(to, proto, list) feed_list(to, proto, list, sizeof(list) / sizeof(list[0]))

static void
feed_malformed(int to, uint32_t m)
{
    FEED(to, PPP_PROTO_PAP, bad_common);
    FEED(to, PPP_PROTO_CHAP, bad_common);
    if (m == PPP_AUTH_PAP) {
        FEED(to, PPP_PROTO_PAP, bad_pap);
    } else {
        FEED(to, PPP_PROTO_CHAP, bad_chap);
        if (m == PPP_AUTH_MSCHAPV2)
            FEED(to, PPP_PROTO_CHAP, bad_mschap);
    }
}

static void
t_malformed_packets_change_nothing(void)
{
    for (int i = 0; i < NMETHODS; i++) {
        ap_init(&P, "alice", "pw", "alice", "pw");
        ap_start(&P, methods[i]);
        /* Before anything is delivered, both ends are waiting: garbage
         * with every Identifier gets no answer and ends nothing. */
        int sent0 = P.e[0].sent, sent1 = P.e[1].sent;
        feed_malformed(0, methods[i]);
        feed_malformed(1, methods[i]);
        CHECK_EQ(P.e[0].ndone[0] + P.e[0].ndone[1] + P.e[1].ndone[0] + P.e[1].ndone[1], 0);
        CHECK_EQ(P.e[0].sent, sent0);
        CHECK_EQ(P.e[1].sent, sent1);
        /* The real exchange still completes. */
        CHECK(ap_run(&P, P.now + 60000));
        CHECK(P.e[0].ok[0] && P.e[1].ok[1]);
        /* And garbage after the outcome changes nothing either. */
        sent0 = P.e[0].sent, sent1 = P.e[1].sent;
        feed_malformed(0, methods[i]);
        feed_malformed(1, methods[i]);
        CHECK(P.e[0].ndone[0] == 1 && P.e[1].ndone[1] == 1);
        CHECK(P.e[0].ok[0] && P.e[1].ok[1]);
        CHECK_EQ(P.e[0].sent, sent0);
        CHECK_EQ(P.e[1].sent, sent1);
    }
}

static void
t_overlong_name_refused(void)
{
    /* A Response whose Name (300 bytes) is longer than any user we could
     * look up: judged as an unknown user, read only within its Length. */
    for (int m = 1; m < NMETHODS; m++) {
        ap_init(&P, "alice", "pw", "alice", "pw");
        ap_start(&P, methods[m]);
        uint8_t id = P.e[1].last.data[1];
        P.qlen = 0;
        size_t vlen = methods[m] == PPP_AUTH_CHAP_MD5 ? 16 : 49;
        static uint8_t big[4 + 1 + 49 + 300];
        size_t n = 4 + 1 + vlen + 300;
        memset(big, 'n', sizeof(big));
        auth_put_hdr(big, CHAP_RESPONSE, id, n);
        big[4] = (uint8_t)vlen;
        inject(1, PPP_PROTO_CHAP, big, n);
        CHECK(P.e[1].ndone[1] == 1 && P.e[1].err[1] == 691);
        CHECK_EQ(P.e[1].last.data[0], CHAP_FAILURE);
    }
    /* PAP: Peer-ID is at most 255 by construction; a name with a NUL in it
     * cannot be looked up either. */
    ap_init(&P, "alice", "pw", "alice", "pw");
    auth_start(&P.e[1].a, 0, PPP_AUTH_PAP, P.now);
    uint8_t req[] = {PAP_REQ, 1, 0, 13, 5, 'a', 'l', 0, 'c', 'e', 2, 'p', 'w'};
    inject(1, PPP_PROTO_PAP, req, sizeof(req));
    CHECK(P.e[1].ndone[1] == 1 && P.e[1].err[1] == 691);
    CHECK_EQ(P.e[1].last.data[0], PAP_NAK);
}

static uint32_t rng = 1;
static uint32_t
rnd(void)
{
    rng = rng * 1664525u + 1013904223u;
    return rng >> 8;
}

static void
t_random_garbage_is_bounded(void)
{
    /* Random packets (often with valid headers and real identifiers) in
     * every state: each side reports at most once, answers at most one
     * packet per packet received plus its bounded retransmissions, and
     * nothing reads out of bounds (ASan/valgrind runs see to that). */
    for (int round = 0; round < 300; round++) {
        uint32_t m = methods[round % NMETHODS];
        ap_init(&P, "alice", "pw", "alice", "pw");
        auth_start(&P.e[1].a, round & 4 ? m : 0, m, P.now);
        auth_start(&P.e[0].a, m, round & 4 ? m : 0, P.now);
        int injected = 0;
        for (int k = 0; k < 60; k++) {
            uint8_t pkt[80];
            size_t n = rnd() % sizeof(pkt);
            for (size_t j = 0; j < n; j++)
                pkt[j] = (uint8_t)rnd();
            if (n >= 4 && (rnd() & 1)) {
                pkt[0] = (uint8_t)(1 + rnd() % 4);
                pkt[2] = 0;
                pkt[3] = (uint8_t)(rnd() & 1 ? n : rnd());
                if (pkt[0] == 2 && n > 5)
                    pkt[4] = (uint8_t)(rnd() & 1 ? 16 : 49);
            }
            int to = (int)(rnd() & 1);
            if (rnd() & 1) {
                const struct auth_side *s = to ? &P.e[1].a.server : &P.e[0].a.client;
                if (n >= 2)
                    pkt[1] = s->id;
            }
            inject(to, rnd() & 1 ? PPP_PROTO_CHAP : PPP_PROTO_PAP, pkt, n);
            injected++;
            if (rnd() % 8 == 0)
                ap_shuttle(&P);
            if (rnd() % 16 == 0) {
                P.now += 700;
                auth_timer(&P.e[0].a, P.now);
                auth_timer(&P.e[1].a, P.now);
            }
        }
        ap_run(&P, P.now + 600000);
        for (int e = 0; e < 2; e++) {
            CHECK(P.e[e].ndone[0] <= 1 && P.e[e].ndone[1] <= 1);
            CHECK(P.e[e].sent <= injected + P.delivered + 2 * 5 + 2);
        }
        CHECK(ap_all_done(&P));
    }
}

/* --- what is left in memory --- */

static bool
contains(const void *hay, size_t n, const void *needle, size_t k)
{
    return memmem(hay, n, needle, k) != NULL;
}

static void
t_no_secret_left_behind(void)
{
    static const char pw[] = "Tr0ub4dor&3xyz";
    uint8_t u16[64], hash[16];
    size_t un = 0;
    REQUIRE(mschap_utf16le(pw, strlen(pw), u16, sizeof(u16), &un));
    REQUIRE(mschap_nt_password_hash(pw, strlen(pw), hash));
    for (int i = 0; i < NMETHODS; i++) {
        for (int good = 0; good < 2; good++) {
            ap_init(&P, "alice", pw, "alice", good ? pw : "nope");
            ap_start(&P, methods[i]);
            REQUIRE(ap_run(&P, P.now + 60000));
            for (int e = 0; e < 2; e++) {
                const struct auth *a = &P.e[e].a;
                /* The password never enters struct auth, in any form. */
                CHECK(!contains(a, sizeof(*a), pw, strlen(pw)));
                CHECK(!contains(a, sizeof(*a), u16, un));
                CHECK(!contains(a, sizeof(*a), hash, sizeof(hash)));
            }
            ap_reset(&P);
            static const struct auth_side zero;
            for (int e = 0; e < 2; e++) {
                /* And after auth_reset nothing at all is left of either side. */
                CHECK(memcmp(&P.e[e].a.client, &zero, sizeof(zero)) == 0);
                CHECK(memcmp(&P.e[e].a.server, &zero, sizeof(zero)) == 0);
            }
        }
    }
    /* Reset in the middle of an exchange (link dropped) wipes as well. */
    ap_init(&P, "alice", pw, "alice", pw);
    ap_start(&P, PPP_AUTH_MSCHAPV2);
    ap_shuttle(&P);
    ap_init(&P, "alice", pw, "alice", pw);
    ap_start(&P, PPP_AUTH_MSCHAPV2);
    struct ap_packet c = P.q[P.qhead];
    P.qlen = 0;
    inject(0, c.proto, c.data, c.len);
    ap_reset(&P);
    static const struct auth_side zero;
    CHECK(memcmp(&P.e[0].a.client, &zero, sizeof(zero)) == 0);
    CHECK_EQ(auth_next_deadline(&P.e[0].a), 0);
}

static void
t_never_allocates(void)
{
    long before = ras_alloc_count();
    for (int i = 0; i < NMETHODS; i++) {
        basic(methods[i], "pw", "pw", true);
        basic(methods[i], "pw", "px", false);
    }
    CHECK_EQ(ras_alloc_count(), before);
}

int
main(void)
{
    TH_RUN(t_correct_password);
    TH_RUN(t_wrong_password);
    TH_RUN(t_unknown_user);
    TH_RUN(t_empty_password_accepted);
    TH_RUN(t_unicode_password);
    TH_RUN(t_mutual_authentication);
    TH_RUN(t_no_method_does_nothing);
    TH_RUN(t_retransmit_after_loss);
    TH_RUN(t_silent_server_times_out);
    TH_RUN(t_silent_client_times_out);
    TH_RUN(t_mschap_server_must_prove_itself);
    TH_RUN(t_mschap_success_formats);
    TH_RUN(t_mschap_lowercase_hex);
    TH_RUN(t_mschap_failure_codes);
    TH_RUN(t_mschap_failure_packet_from_server);
    TH_RUN(t_wrong_ids_ignored);
    TH_RUN(t_repeated_request_gets_same_verdict);
    TH_RUN(t_rechallenge_after_success);
    TH_RUN(t_same_challenge_same_response);
    TH_RUN(t_packet_layouts);
    TH_RUN(t_client_credentials_method_cannot_carry);
    TH_RUN(t_unknown_method_fails_cleanly);
    TH_RUN(t_malformed_packets_change_nothing);
    TH_RUN(t_overlong_name_refused);
    TH_RUN(t_random_garbage_is_bounded);
    TH_RUN(t_no_secret_left_behind);
    TH_RUN(t_never_allocates);
    return th_done();
}
