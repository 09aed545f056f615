/* Fault injection over the engine: every allocation of ppp_new and of a
 * full negotiation fails in turn; the engine allocates only in ppp_new, so
 * a failure can only surface there, as a NULL with nothing leaked. */
#include <string.h>

#include "engine_pair.h"
#include "harness.h"

static uint32_t
negotiate(void *ctx)
{
    (void)ctx;
    uint32_t sa = 1, sb = 2;
    struct ppp_config c, s;
    ep_client_config(&c, &sa);
    ep_server_config(&s, &sb);
    c.ipv6 = s.ipv6 = true;
    struct ep_pair e;
    if (!ep_init(&e, &c, &s))
        return 8;   /* ERROR_NOT_ENOUGH_MEMORY */
    long n0 = ras_alloc_count();
    ep_start(&e);
    bool up = ep_run(&e, e.now + 60000, ep_both_up);
    ppp_close(e.s[0].ppp, e.now);
    bool down = ep_run(&e, e.now + 60000, NULL);
    long n1 = ras_alloc_count();
    ep_free(&e);
    if (!up || !down)
        return 1;
    return n1 == n0 ? 0 : 2;    /* no allocation after ppp_new */
}

static void
t_fault_sweep_negotiation(void)
{
    long sites = th_fault_sweep("ppp_new + negotiation + close", negotiate, NULL, 8, NULL);
    CHECK_EQ(sites, 2);
    CHECK_EQ(negotiate(NULL), 0);
}

int
main(void)
{
    TH_RUN(t_fault_sweep_negotiation);
    return th_done();
}
