/* THROWAWAY, tests only: stands in for the "auth" part's src/ppp/auth.c
 * until it lands (meson compiles this only while that file does not exist).
 * It authenticates nobody: any method requested is reported as a failure,
 * so the engine's tests run with auth_methods = 0. */
#include <string.h>

#include "ppp/auth.h"

void
auth_init(struct auth *a, const struct ppp_config *cfg, const struct auth_callbacks *cb)
{
    memset(a, 0, sizeof(*a));
    a->cfg = cfg;
    a->cb = *cb;
}

void
auth_start(struct auth *a, uint32_t client_method, uint32_t server_method, uint64_t now_ms)
{
    (void)now_ms;
    if (client_method)
        a->cb.done(a->cb.ctx, false, false, 691);
    else if (server_method)
        a->cb.done(a->cb.ctx, true, false, 691);
}

void
auth_input(struct auth *a, uint16_t proto, const uint8_t *pkt, size_t len, uint64_t now_ms)
{
    (void)a; (void)proto; (void)pkt; (void)len; (void)now_ms;
}

void auth_timer(struct auth *a, uint64_t now_ms) { (void)a; (void)now_ms; }
uint64_t auth_next_deadline(const struct auth *a) { (void)a; return 0; }
void auth_reset(struct auth *a) { memset(&a->client, 0, sizeof(a->client)); memset(&a->server, 0, sizeof(a->server)); }
