/* Fuzz target 'pppoe-session': what a hostile concentrator (or client)
 * sends in the Session stage, through the session header parser into an
 * engine in packet framing (no HDLC), in either role, with time steps.
 * Asserts: no crash, no allocation after ppp_new, every frame the engine
 * emits fits a PPPoE payload, and ppp_close plus enough timer steps end in
 * the Dead phase.
 *
 * Input: [flags] then records [op][len][len bytes]...
 *   flags bit0 role (1 = server), bit1 IPv6CP, bits2-3 what the server
 *   demands (none, PAP, CHAP-MD5, MS-CHAPv2).
 *   op%3: 0 a session packet (PPPoE header onward) for the session header
 *   parser, 1 a time step (len x 100 ms), 2 an IP packet to send. */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "port/pppoe_codec.h"
#include "ppp/ppp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
secret(void *ctx, const char *user, char *out, size_t cap)
{
    (void)ctx;
    if (strcmp(user, "client") != 0 || cap < 7)
        return false;
    memcpy(out, "secret", 7);
    return true;
}

static void
fixed_random(void *ctx, uint8_t *buf, size_t n)
{
    (void)ctx;
    for (size_t i = 0; i < n; i++)
        buf[i] = (uint8_t)(i * 31 + 7);
}

static void
drain(struct ppp *p)
{
    uint8_t f[PPP_PACKET_MAX], ip[2048];
    struct ppp_event ev;
    size_t n;
    while ((n = ppp_output(p, f, sizeof(f))) > 0)
        if (n > PPPOE_ETH_MTU - PPPOE_HDR_LEN)
            abort();              /* the engine sent more than the link carries */
    while (ppp_poll_event(p, &ev))
        ;
    while (ppp_recv_ip(p, ip, sizeof(ip)) > 0)
        ;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t demands[] = {0, PPP_AUTH_PAP, PPP_AUTH_CHAP_MD5, PPP_AUTH_MSCHAPV2};
    if (size < 1)
        return 0;
    struct ppp_config c;
    memset(&c, 0, sizeof(c));
    c.role = data[0] & 1 ? PPP_SERVER : PPP_CLIENT;
    c.ipv6 = data[0] & 2;
    c.packet_framing = true;
    c.mru = PPPOE_DEFAULT_MRU;
    c.random_fn = fixed_random;
    c.user = "client";
    c.password = "secret";
    c.auth_methods = c.role == PPP_SERVER ? demands[data[0] >> 2 & 3] : 0;
    c.secret_fn = secret;
    c.local_ip = c.role == PPP_SERVER ? 0x0a000001 : 0;
    c.peer_ip = c.role == PPP_SERVER ? 0x0a000002 : 0;
    c.request_dns = true;
    struct ppp *p = ppp_new(&c);
    if (!p)
        return 0;
    long allocs = ras_alloc_live();
    uint64_t now = 1000;
    ppp_start(p, now);
    drain(p);
    for (size_t at = 1; at + 2 <= size;) {
        uint8_t op = data[at] % 3;
        size_t len = data[at + 1];
        at += 2;
        if (len > size - at)
            len = size - at;
        const uint8_t *rec = data + at;
        at += len;
        uint16_t sid;
        const uint8_t *f;
        size_t fl;
        if (op == 0 && pppoe_session_parse(rec, len, &sid, &f, &fl))
            ppp_input(p, f, fl, now);
        else if (op == 1)
            now += (uint64_t)len * 100;
        else if (op == 2 && len)
            ppp_send_ip(p, rec, len);
        if (ppp_next_deadline(p) && ppp_next_deadline(p) <= now)
            ppp_timer(p, now);
        drain(p);
    }
    ppp_close(p, now);
    for (int i = 0; i < 200 && ppp_phase(p) != PPP_PHASE_DEAD; i++) {
        now += 1000;
        ppp_timer(p, now);
        drain(p);
    }
    if (ppp_phase(p) != PPP_PHASE_DEAD || ras_alloc_live() != allocs)
        abort();
    ppp_free(p);
    return 0;
}
