/* bench-engine-memory: what one PPP link costs. Brings a client and a server
 * engine up back to back and reports the heap bytes each link holds when
 * Opened (the engine allocates once, in ppp_new), split by component, next
 * to a baseline measured in the same run: the HDLC decoder alone, which any
 * async PPP link must hold. Also the frames and round trips a clean
 * negotiation takes. */
#include <stdio.h>
#include <string.h>

#include "engine_pair.h"
#include "common/alloc.h"
#include "ppp/ppp_local.h"

/* Counts exchange rounds: one round = every frame queued on both sides
 * delivered once. */
static int
rounds_until_up(struct ep_pair *e, uint32_t *frames_c, uint32_t *frames_s)
{
    int rounds = 0;
    while (!ep_both_up(e) && rounds < 100) {
        uint8_t buf[65536];
        size_t n0 = ppp_output(e->s[0].ppp, buf, sizeof(buf));
        if (n0)
            ppp_input(e->s[1].ppp, buf, n0, e->now);
        size_t n1 = ppp_output(e->s[1].ppp, buf, sizeof(buf));
        if (n1)
            ppp_input(e->s[0].ppp, buf, n1, e->now);
        ep_drain_events(e);
        rounds++;
    }
    struct ppp_stats st;
    ppp_get_stats(e->s[0].ppp, &st);
    *frames_c = (uint32_t)st.frames_tx;
    ppp_get_stats(e->s[1].ppp, &st);
    *frames_s = (uint32_t)st.frames_tx;
    return rounds;
}

int
main(void)
{
    uint32_t sa = 1, sb = 2;
    struct ppp_config c, s;
    ep_client_config(&c, &sa);
    ep_server_config(&s, &sb);
    c.ipv6 = s.ipv6 = true;
    long bytes0 = ras_alloc_live_bytes(), blocks0 = ras_alloc_live();
    struct ep_pair e;
    if (!ep_init(&e, &c, &s))
        return 1;
    ep_start(&e);
    uint32_t fc = 0, fs = 0;
    int rounds = rounds_until_up(&e, &fc, &fs);
    if (!ep_both_up(&e)) {
        fprintf(stderr, "link did not come up\n");
        ep_free(&e);
        return 1;
    }
    long per_link = (ras_alloc_live_bytes() - bytes0) / 2;
    long blocks = (ras_alloc_live() - blocks0) / 2;
    size_t dec = sizeof(struct hdlc_decoder);
    printf("engine memory per link, Opened (LCP+IPCP+IPv6CP up, no auth):\n");
    printf("  heap bytes held per link      %8ld in %ld allocation(s)\n", per_link, blocks);
    printf("  sizeof(struct ppp)            %8zu\n", ppp_link_size());
    printf("    output queue (ceiling)      %8zu\n", sizeof(struct ppp_ring));
    printf("    received-IP queue (ceiling) %8zu\n", sizeof(struct ppp_rxq));
    printf("    HDLC decoder                %8zu\n", dec);
    printf("    auth state                  %8zu\n", sizeof(struct auth));
    printf("    LCP+IPCP+IPv6CP automata    %8zu\n",
           sizeof(struct lcp) + sizeof(struct ipcp) + sizeof(struct ipv6cp));
    printf("    events, config, credentials %8zu\n",
           ppp_link_size() - sizeof(struct ppp_ring) - sizeof(struct ppp_rxq) - dec -
           sizeof(struct auth) - sizeof(struct lcp) - sizeof(struct ipcp) - sizeof(struct ipv6cp));
    printf("baseline (same run): the HDLC decoder alone = %zu bytes; link / decoder = %.1fx\n",
           dec, (double)per_link / (double)dec);
    printf("reference (published in ppp-anchors.md, NOT measured in this run): lwIP PPPoS\n"
           "  per-link state ~1.0 KB (ppp_pcb + pppos_pcb + netif), plus pbufs for frames\n");
    printf("negotiation, engine client <-> engine server, no auth, IPCP+IPv6CP:\n");
    printf("  exchange rounds to both NETWORK_UP %d; frames sent client %u, server %u\n",
           rounds, fc, fs);
    ep_free(&e);
    return 0;
}
