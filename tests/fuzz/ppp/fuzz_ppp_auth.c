/* libFuzzer target 'ppp-auth': a client and a server struct auth back to
 * back (auth_pair), the input choosing the method and then scripting the
 * line: deliver, drop, corrupt or truncate the next packet in flight, inject
 * arbitrary PAP/CHAP packets into either end, or move the clock. Asserts:
 * no crash, each side reports at most once, every started side reports once
 * the clock has run out, nothing is allocated, auth_reset leaves no byte
 * of either side behind, and no livelock: the pair abort()s when more
 * packets than an exchange could need go back and forth at one instant
 * (it used to stop there quietly, and hid a CHAP ping-pong of 150,023
 * packets; corpus/ppp-auth/chap-server-gives-up-late-response).
 *
 * Input: [setup] then ops. setup%3 = method (PAP, CHAP-MD5, MS-CHAPv2),
 * bit2 mutual authentication, bit3 wrong password, bit4 unknown user.
 * op%6: 0 deliver, 1 drop, 2 corrupt (pos, xor) then deliver,
 * 3 inject (bit3 = end, bit4 = CHAP, then len and bytes), 4 time step
 * (next byte x 50 ms), 5 truncate to the next byte's length then deliver. */
#include <stdlib.h>
#include <string.h>

#include "../../ppp/auth_pair.h"
#include "common/alloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ap_pair P;

static bool
take(struct ap_packet *p)
{
    if (!P.qlen)
        return false;
    *p = P.q[P.qhead];
    P.qhead = (P.qhead + 1) % AP_QMAX;
    P.qlen--;
    return true;
}

static void
deliver(const struct ap_packet *p)
{
    auth_input(&P.e[p->to].a, p->proto, p->data, p->len, P.now);
}

static void
check_reports(void)
{
    for (int e = 0; e < 2; e++)
        for (int s = 0; s < 2; s++)
            if (P.e[e].ndone[s] > 1)
                abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t methods[] = {PPP_AUTH_PAP, PPP_AUTH_CHAP_MD5, PPP_AUTH_MSCHAPV2};
    if (size < 1)
        return 0;
    uint8_t setup = data[0];
    uint32_t m = methods[setup % 3];
    ap_init(&P, setup & 16 ? "mallory" : "alice", "pw\xc3\xa9", "alice",
            setup & 8 ? "pw" : "pw\xc3\xa9");
    long allocs = ras_alloc_count();
    if (setup & 4) {
        auth_start(&P.e[1].a, m, m, P.now);
        auth_start(&P.e[0].a, m, m, P.now);
    } else {
        ap_start(&P, m);
    }
    size_t i = 1;
    while (i < size) {
        uint8_t op = data[i++];
        struct ap_packet p;
        switch (op % 6) {
        case 0:
            if (take(&p))
                deliver(&p);
            break;
        case 1:
            (void)take(&p);
            break;
        case 2:
            if (i + 2 <= size && take(&p)) {
                if (p.len)
                    p.data[data[i] % p.len] ^= data[i + 1];
                deliver(&p);
            }
            i += 2;
            break;
        case 3: {
            if (i >= size)
                break;
            size_t n = data[i++];
            if (n > size - i)
                n = size - i;
            auth_input(&P.e[op >> 3 & 1].a, op & 16 ? PPP_PROTO_CHAP : PPP_PROTO_PAP,
                       data + i, n, P.now);
            i += n;
            break;
        }
        case 4:
            if (i < size)
                P.now += (uint64_t)data[i++] * 50;
            auth_timer(&P.e[0].a, P.now);
            auth_timer(&P.e[1].a, P.now);
            break;
        default:
            if (i < size && take(&p)) {
                if (data[i] < p.len)
                    p.len = data[i];
                deliver(&p);
            }
            i++;
            break;
        }
        check_reports();
    }
    /* Let it finish: every started side must reach a verdict in bounded
     * time (the phase timeout), and still report only once. */
    if (!ap_run(&P, P.now + 10 * 60 * 1000))
        abort();
    check_reports();
    if (ras_alloc_count() != allocs)
        abort();
    ap_reset(&P);
    static const struct auth_side zero;
    for (int e = 0; e < 2; e++)
        if (memcmp(&P.e[e].a.client, &zero, sizeof(zero)) ||
            memcmp(&P.e[e].a.server, &zero, sizeof(zero)))
            abort();
    return 0;
}
