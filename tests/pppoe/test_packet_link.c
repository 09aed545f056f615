/* The engine's packet framing (PPPoE, RFC 2516 7): two engines joined
 * frame by frame as a PPPoE session joins them. Frames carry no HDLC (no
 * flag, FCS or address/control field, LCP included), ACCM and ACFC are
 * neither asked for nor accepted, MRU 1492 is asked for, and the tun's MTU
 * (the projection's peer MRU) never exceeds what the link carries. */
#include <string.h>

#include "engine_pair.h"
#include "harness.h"

#define MAXF 4096

struct link {
    struct ppp *side[2];
    uint64_t now;
    unsigned lcp_reqs;
    bool saw_ff03, saw_accm, saw_acfc, saw_mru1492;
};

/* LCP Configure-Request options: note what was asked for. */
static void
look_at(struct link *l, const uint8_t *f, size_t n)
{
    if (n >= 2 && f[0] == 0xff && f[1] == 0x03)
        l->saw_ff03 = true;
    if (n < 6 || f[0] != 0xc0 || f[1] != 0x21 || f[2] != 1)
        return;
    l->lcp_reqs++;
    for (size_t i = 6; i + 2 <= n && f[i + 1] >= 2 && i + f[i + 1] <= n; i += f[i + 1]) {
        if (f[i] == 2)
            l->saw_accm = true;
        if (f[i] == 8)
            l->saw_acfc = true;
        if (f[i] == 1 && f[i + 1] == 4 && f[i + 2] == 0x05 && f[i + 3] == 0xd4)
            l->saw_mru1492 = true;
    }
}

static void
shuttle(struct link *l)
{
    uint8_t f[PPP_PACKET_MAX];
    bool moved = true;
    while (moved) {
        moved = false;
        for (int s = 0; s < 2; s++) {
            size_t n;
            while ((n = ppp_output(l->side[s], f, sizeof(f))) > 0) {
                look_at(l, f, n);
                ppp_input(l->side[!s], f, n, l->now);
                moved = true;
            }
        }
    }
}

static bool
network_up(struct ppp *p)
{
    return ppp_phase(p) == PPP_PHASE_RUNNING;
}

static void
run(struct link *l, uint64_t until)
{
    while (l->now < until && !(network_up(l->side[0]) && network_up(l->side[1]))) {
        shuttle(l);
        l->now += 10;
        for (int s = 0; s < 2; s++) {
            uint64_t d = ppp_next_deadline(l->side[s]);
            if (d && d <= l->now)
                ppp_timer(l->side[s], l->now);
        }
    }
    shuttle(l);
}

static bool
open_link(struct link *l, uint32_t *seeds, uint16_t mru)
{
    struct ppp_config c, s;
    ep_client_config(&c, &seeds[0]);
    ep_server_config(&s, &seeds[1]);
    c.packet_framing = s.packet_framing = true;
    c.mru = s.mru = mru;
    c.auth_methods = s.auth_methods = PPP_AUTH_CHAP_MD5;
    s.secret_fn = NULL;
    s.auth_methods = 0;
    memset(l, 0, sizeof(*l));
    l->now = 1000;
    l->side[0] = ppp_new(&c);
    l->side[1] = ppp_new(&s);
    if (!l->side[0] || !l->side[1])
        return false;
    ppp_start(l->side[0], l->now);
    ppp_start(l->side[1], l->now);
    run(l, 20000);
    return true;
}

static void
close_link(struct link *l)
{
    ppp_free(l->side[0]);
    ppp_free(l->side[1]);
}

static void
t_pppoe_framing(void)
{
    uint32_t seeds[2] = { 1, 2 };
    struct link l;
    REQUIRE(open_link(&l, seeds, 1492));
    REQUIRE(network_up(l.side[0]) && network_up(l.side[1]));
    CHECK(l.lcp_reqs >= 2);
    CHECK(!l.saw_ff03);
    CHECK(!l.saw_accm);
    CHECK(!l.saw_acfc);
    CHECK(l.saw_mru1492);
    struct ppp_projection pr;
    ppp_get_projection(l.side[0], &pr);
    CHECK_EQ(pr.mru, 1492);
    CHECK_EQ(pr.peer_mru, 1492);       /* the tun's MTU */
    CHECK(!pr.acfc && !pr.peer_acfc);

    /* an IP packet goes whole, as one frame */
    uint8_t ip[1492];
    memset(ip, 0, sizeof(ip));
    ip[0] = 0x45;
    CHECK_EQ(ppp_send_ip(l.side[0], ip, sizeof(ip)), 0);
    uint8_t f[PPP_PACKET_MAX];
    size_t n = ppp_output(l.side[0], f, sizeof(f));
    CHECK(n == sizeof(ip) + 1 || n == sizeof(ip) + 2);    /* PFC or not */
    ppp_input(l.side[1], f, n, l.now);
    uint8_t got[2000];
    CHECK_EQ(ppp_recv_ip(l.side[1], got, sizeof(got)), sizeof(ip));
    /* more than the link carries: refused, not sent */
    uint8_t big[1500];
    memset(big, 0, sizeof(big));
    big[0] = 0x45;
    CHECK(ppp_send_ip(l.side[0], big, sizeof(big)) != 0);
    close_link(&l);
}

/* RFC 4638: with PPP-Max-Payload 1500 the port raises the MRU to 1500,
 * and the tun gets a 1500-byte MTU. */
static void
t_max_payload_mru(void)
{
    uint32_t seeds[2] = { 3, 4 };
    struct ppp_config c;
    ep_client_config(&c, &seeds[0]);
    c.packet_framing = true;
    c.mru = 1492;
    struct ppp *p = ppp_new(&c);
    REQUIRE(p != NULL);
    ppp_set_mru(p, 1500);
    ppp_set_mru(p, 0);                 /* ignored */
    ppp_free(p);

    struct link l;
    REQUIRE(open_link(&l, seeds, 1500));
    REQUIRE(network_up(l.side[0]));
    struct ppp_projection pr;
    ppp_get_projection(l.side[0], &pr);
    CHECK_EQ(pr.peer_mru, 1500);
    close_link(&l);
}

/* The HDLC path is untouched: a stream engine still asks for ACFC. */
static void
t_stream_unchanged(void)
{
    uint32_t seed = 5;
    struct ppp_config c;
    ep_client_config(&c, &seed);
    struct ppp *p = ppp_new(&c);
    REQUIRE(p != NULL);
    ppp_start(p, 1000);
    uint8_t buf[256];
    size_t n = ppp_output(p, buf, sizeof(buf));
    CHECK(n > 8);
    CHECK_EQ(buf[0], 0x7e);            /* an HDLC flag */
    ppp_free(p);
}

int
main(void)
{
    TH_RUN(t_pppoe_framing);
    TH_RUN(t_max_payload_mru);
    TH_RUN(t_stream_unchanged);
    return th_done();
}
