/* Fuzz target 'net-gso': what the tun hands us with IFF_VNET_HDR (a
 * virtio_net_hdr, then a packet the kernel says is a TCP super-packet, or
 * anything else) through gso_tx_start and every segment it gives, and
 * those segments, then the input itself as a packet the link received,
 * through the joiner. Asserts: no crash, no read or write outside the
 * buffers (the sanitizers), every segment inside the packet and no longer
 * than a header and gso_size, and whatever is written to the tun no
 * longer than the buffer. */
#include <stdlib.h>
#include <string.h>

#include "net/gso.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RX_CAP (GSO_VNET_LEN + GSO_MAX_PKT + 2048)

static void
rx_one(struct gso_rx *r, const uint8_t *pkt, size_t n, struct gso_stats *st)
{
    size_t room;
    uint8_t *tail = gso_rx_tail(r, &room);
    if (n > 2048)
        n = 2048;                 /* what net.c lets ppp_recv_ip give */
    if (room < 2048) {
        if (gso_rx_finish(r) > RX_CAP)
            abort();
        tail = gso_rx_tail(r, &room);
    }
    memcpy(tail, pkt, n);
    enum gso_rx_verdict v = gso_rx_add(r, n, st);
    if (v == GSO_RX_FLUSH) {
        if (gso_rx_finish(r) > RX_CAP)
            abort();
        v = gso_rx_add(r, n, st);
        if (v == GSO_RX_FLUSH)
            abort();              /* nothing held: it cannot ask again */
    }
    if (v == GSO_RX_WRITE && gso_rx_finish(r) > RX_CAP)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t buf[GSO_VNET_LEN + GSO_MAX_PKT + 1];
    static uint8_t rxbuf[RX_CAP];
    if (size > sizeof(buf))
        return 0;
    memcpy(buf, data, size);
    struct gso_stats st;
    memset(&st, 0, sizeof(st));
    struct gso_rx r;
    gso_rx_init(&r, rxbuf, sizeof(rxbuf));
    struct gso_tx t;
    if (gso_tx_start(&t, buf, size, &st)) {
        uint16_t gso_size;
        memcpy(&gso_size, buf + 4, 2);
        const uint8_t *seg;
        size_t n;
        unsigned count = 0;
        while (gso_tx_next(&t, &seg, &n)) {
            if (seg < buf || seg + n > buf + size)
                abort();
            if (count++ && n > GSO_MAX_HDR + (size_t)gso_size)
                abort();
            rx_one(&r, seg, n, &st);
        }
    }
    if (size > GSO_VNET_LEN)
        rx_one(&r, data + GSO_VNET_LEN, size - GSO_VNET_LEN, &st);
    if (gso_rx_finish(&r) > RX_CAP)
        abort();
    return 0;
}
