/* libFuzzer target 'ppp-engine': the engine in either role, driven by a
 * well-behaved peer (a second engine) to a chosen phase, then fed arbitrary
 * frames (framed with a valid FCS so they reach the parsers) and raw bytes
 * with time steps. Asserts: no crash, no allocation after ppp_new, and a
 * terminal state with a DOWN event after ppp_close and enough timer steps.
 *
 * Input: [flags][target] then records [op][len][len bytes]...
 *   flags bit0 role (1 = server), bit1 IPv6CP on our side, bit7 the peer's
 *   IPv6CP the opposite of ours (one side Protocol-Rejects it);
 *   bits2-3 what the server demands: none, PAP, CHAP-MD5, MS-CHAPv2;
 *   bit4 the client's password is wrong; bit5 the client accepts PAP only
 *   (LCP Naks the server's CHAP); bit6 the client asks for an address the
 *   server Naks and the server has no DNS (Rejects the DNS options).
 *   target 0..3 = Establish, Network (IPCP held back), Running, Terminate
 *   (we closed, peer silent).
 *   op%5: 0 framed packet (2-byte protocol + payload), 1 raw line bytes,
 *   2 time step (len bytes summed x 100 ms), 3 send an IP packet, 4 the
 *   line drops (ppp_lower_down). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../ppp/engine_pair.h"
#include "raserror.h"

#include "common/alloc.h"
#include "ppp/hdlc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define USER "client"
#define PASSWORD "secret"

/* The server's user database: one user. */
static bool
secret(void *ctx, const char *user, char *out, size_t cap)
{
    (void)ctx;
    if (strcmp(user, USER) != 0 || cap < sizeof(PASSWORD))
        return false;
    memcpy(out, PASSWORD, sizeof(PASSWORD));
    return true;
}

/* Both ends' configurations from the flags byte (see the top). */
static void
configure(uint8_t flags, struct ppp_config *cli, struct ppp_config *srv, uint32_t *seeds)
{
    static const uint32_t demands[] = {0, PPP_AUTH_PAP, PPP_AUTH_CHAP_MD5, PPP_AUTH_MSCHAPV2};
    bool server = flags & 1;
    ep_client_config(cli, &seeds[0]);
    ep_server_config(srv, &seeds[1]);
    bool ours = flags & 2, theirs = (flags & 2) != (flags & 0x80) >> 6;
    cli->ipv6 = server ? theirs : ours;
    srv->ipv6 = server ? ours : theirs;
    srv->auth_methods = demands[flags >> 2 & 3];
    srv->secret_fn = secret;
    cli->user = USER;
    cli->password = flags & 16 ? "wrong" : PASSWORD;
    if (flags & 32)
        cli->auth_methods = PPP_AUTH_PAP;
    if (flags & 64) {
        cli->local_ip = 0x0a000063;
        srv->dns1 = srv->dns2 = 0;
    }
}

static bool
hold_ipcp(void *ctx, int from, const uint8_t *frame, size_t len)
{
    (void)ctx;
    uint16_t proto;
    const uint8_t *pl;
    size_t plen;
    if (from != 1 || !ppp_frame_split(frame, len, &proto, &pl, &plen))
        return true;
    return proto != 0x8021;
}

static void
drain(struct ppp *p, bool *down)
{
    static uint8_t sink[65536];
    while (ppp_output(p, sink, sizeof(sink)))
        ;
    struct ppp_event ev;
    while (ppp_poll_event(p, &ev))
        if (ev.type == PPP_EV_DOWN)
            *down = true;
    uint8_t ip[2048];
    while (ppp_recv_ip(p, ip, sizeof(ip)))
        ;
}

static void
fail(const char *why)
{
    fprintf(stderr, "ppp-engine fuzz: %s\n", why);
    abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    uint32_t seeds[2] = {0x1234567, 0x7654321};
    struct ppp_config cli, srv;
    configure(data[0], &cli, &srv, seeds);
    bool server = data[0] & 1;
    int target = data[1] % 4;
    struct ep_pair e;
    if (!ep_init(&e, server ? &srv : &cli, server ? &cli : &srv))
        return 0;
    long allocs = ras_alloc_count();
    struct ppp *p = e.s[0].ppp;
    if (target == 1)
        e.filter = hold_ipcp;
    ep_start(&e);
    if (target == 0) {
        e.cut = true;
        ep_shuttle(&e);
    } else
        ep_run(&e, e.now + 30000, ep_both_up);
    if (target == 3) {
        e.cut = true;
        ppp_close(p, e.now);
        ep_shuttle(&e);
    }
    bool down = e.s[0].down;
    uint64_t now = e.now;
    size_t i = 2;
    while (i + 2 <= size) {
        uint8_t op = data[i] % 5, len = data[i + 1];
        i += 2;
        if (len > size - i)
            len = (uint8_t)(size - i);
        const uint8_t *d = data + i;
        i += len;
        switch (op) {
        case 0: {
            if (len < 2)
                break;
            uint8_t buf[HDLC_ENCODE_BOUND(300)];
            size_t n = ep_frame((uint16_t)(d[0] << 8 | d[1]), d + 2, len - 2u, buf, sizeof(buf));
            ppp_input(p, buf, n, now);
            break;
        }
        case 1:
            ppp_input(p, d, len, now);
            break;
        case 2: {
            unsigned step = 0;
            for (unsigned k = 0; k < len; k++)
                step += d[k];
            now += (uint64_t)step * 100;
            uint64_t dl = ppp_next_deadline(p);
            if (dl && dl <= now)
                ppp_timer(p, now);
            break;
        }
        case 3:
            (void)ppp_send_ip(p, d, len);
            break;
        case 4:
            ppp_lower_down(p, len ? ERROR_PORT_DISCONNECTED : ERROR_HARDWARE_FAILURE, now);
            break;
        }
        drain(p, &down);
    }
    /* Whatever happened, a close must end the link within the bounds. */
    ppp_close(p, now);
    drain(p, &down);
    for (int k = 0; k < 100 && !down; k++) {
        uint64_t dl = ppp_next_deadline(p);
        if (!dl)
            break;
        now = dl > now ? dl : now;
        ppp_timer(p, now);
        drain(p, &down);
    }
    if (!down)
        fail("no DOWN after ppp_close and timer steps");
    if (ppp_phase(p) != PPP_PHASE_DEAD || ppp_next_deadline(p) != 0)
        fail("not in a terminal state after DOWN");
    if (ras_alloc_count() != allocs)
        fail("the engine allocated after ppp_new");
    ep_free(&e);
    return 0;
}
