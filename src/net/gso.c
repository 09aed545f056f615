/* TCP segmentation and coalescing for the tun device (see gso.h). The
 * rules follow the kernel's own: tcp_gso_segment for the segments (FIN and
 * PSH only on the last, CWR only on the first, IPv4 ids counting up) and
 * tcp_gro_receive for what may be joined (one flow, contiguous, the same
 * headers but for lengths, ids, sequence numbers and checksums). A joined
 * packet goes to the kernel as virtio_net_hdr_to_skb expects a GSO packet
 * from tun: NEEDS_CSUM with csum_start/csum_offset on the TCP checksum,
 * which holds the pseudo-header sum (what tcp_v4_send_check leaves). */
#include "net/gso.h"

#include <linux/virtio_net.h>
#include <string.h>

#include "common/be.h"

#define IPPROTO_TCP_ 6
#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10
#define TCP_URG 0x20
#define TCP_CWR 0x80
#define TCP_CSUM_OFF 16

/* vnet header fields (struct virtio_net_hdr, host byte order) */
#define VH_FLAGS 0
#define VH_GSO_TYPE 1
#define VH_HDR_LEN 2
#define VH_GSO_SIZE 4
#define VH_CSUM_START 6
#define VH_CSUM_OFFSET 8

static uint16_t
rd16h(const uint8_t *p)           /* host order (vnet header) */
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

static void
wr16h(uint8_t *p, uint16_t v)
{
    memcpy(p, &v, 2);
}

/* RFC 1071: the sum is independent of byte order as long as the result is
 * stored in the order the words were read (2.B), so words are read in host
 * order, 32 bits at a time into a 64-bit sum (no carry lost under 4 GB). */
uint64_t
gso_csum_add(uint64_t sum, const void *buf, size_t n)
{
    const uint8_t *p = buf;
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        sum += (v & 0xffffffffu) + (v >> 32);
    }
    if (n >= 4) {
        uint32_t v;
        memcpy(&v, p, 4);
        sum += v;
        p += 4;
        n -= 4;
    }
    if (n >= 2) {
        sum += rd16h(p);
        p += 2;
        n -= 2;
    }
    if (n) {
        uint8_t last[2] = { p[0], 0 };
        sum += rd16h(last);
    }
    return sum;
}

uint16_t
gso_csum_fold(uint64_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)sum;
}

/* The final checksum to store: 0 and 0xffff are the same sum; 0xffff is
 * the one UDP also takes (RFC 768: 0 means "none"). */
static uint16_t
csum_final(uint64_t sum)
{
    uint16_t c = (uint16_t)~gso_csum_fold(sum);
    return c ? c : 0xffff;
}

/* The TCP pseudo-header (RFC 793 3.1; RFC 8200 8.1 for IPv6). */
static uint64_t
pseudo_sum(const uint8_t *ip, bool v6, size_t l4len)
{
    uint8_t tail[8] = { (uint8_t)(l4len >> 24), (uint8_t)(l4len >> 16), (uint8_t)(l4len >> 8),
                        (uint8_t)l4len, 0, 0, 0, IPPROTO_TCP_ };
    uint64_t sum = v6 ? gso_csum_add(0, ip + 8, 32) : gso_csum_add(0, ip + 12, 8);
    return gso_csum_add(sum, tail, sizeof(tail));
}

static void
ip4_csum(uint8_t *ip, size_t ihl)
{
    ip[10] = ip[11] = 0;
    uint16_t c = (uint16_t)~gso_csum_fold(gso_csum_add(0, ip, ihl));
    wr16h(ip + 10, c);
}

/* ---- transmit: cut the kernel's super-packets ------------------------- */

static bool
refuse(struct gso_tx *t, uint64_t *counter)
{
    (*counter)++;
    t->done = true;
    return false;
}

bool
gso_tx_start(struct gso_tx *t, uint8_t *buf, size_t n, struct gso_stats *st)
{
    t->pkt = NULL;
    t->len = t->off = 0;
    t->hlen = t->mss = t->l3 = t->ip_id = 0;
    t->seq = 0;
    t->n = 0;
    t->v6 = false;
    t->done = true;
    if (n <= GSO_VNET_LEN || n - GSO_VNET_LEN > GSO_MAX_PKT)
        return refuse(t, &st->bad_pkt);
    uint8_t flags = buf[VH_FLAGS], type = buf[VH_GSO_TYPE];
    uint16_t gso_size = rd16h(buf + VH_GSO_SIZE), cstart = rd16h(buf + VH_CSUM_START),
             coff = rd16h(buf + VH_CSUM_OFFSET);
    uint8_t *pkt = buf + GSO_VNET_LEN;
    size_t len = n - GSO_VNET_LEN;
    if (flags & ~(VIRTIO_NET_HDR_F_NEEDS_CSUM | VIRTIO_NET_HDR_F_DATA_VALID))
        return refuse(t, &st->bad_vnet);
    bool csum = flags & VIRTIO_NET_HDR_F_NEEDS_CSUM;
    uint8_t gt = type & (uint8_t)~VIRTIO_NET_HDR_GSO_ECN;
    t->pkt = pkt;
    t->len = len;
    if (gt == VIRTIO_NET_HDR_GSO_NONE) {
        if (csum) {
            /* the kernel left the checksum to us (TUN_F_CSUM): the field
             * holds the pseudo-header sum, the rest is ours to add */
            if ((size_t)cstart + coff + 2 > len || (coff & 1))
                return refuse(t, &st->bad_vnet);
            wr16h(pkt + cstart + coff, csum_final(gso_csum_add(0, pkt + cstart, len - cstart)));
        }
        t->done = false;
        return true;
    }
    if ((gt != VIRTIO_NET_HDR_GSO_TCPV4 && gt != VIRTIO_NET_HDR_GSO_TCPV6) || !csum ||
        gso_size == 0)
        return refuse(t, &st->bad_vnet);
    bool v6 = gt == VIRTIO_NET_HDR_GSO_TCPV6;
    size_t l3;
    if (!v6) {
        if (len < 20 || pkt[0] >> 4 != 4 || pkt[9] != IPPROTO_TCP_)
            return refuse(t, &st->bad_pkt);
        l3 = (size_t)(pkt[0] & 15) * 4;
        if (l3 < 20 || get16(pkt + 2) != len || (get16(pkt + 6) & 0x3fff) != 0)
            return refuse(t, &st->bad_pkt);
    } else {
        l3 = 40;
        if (len < 40 || pkt[0] >> 4 != 6 || pkt[6] != IPPROTO_TCP_ ||
            (size_t)get16(pkt + 4) + 40 != len)
            return refuse(t, &st->bad_pkt);
    }
    if (cstart != l3 || coff != TCP_CSUM_OFF)
        return refuse(t, &st->bad_vnet);
    if (len < l3 + 20)
        return refuse(t, &st->bad_pkt);
    size_t doff = (size_t)(pkt[l3 + 12] >> 4) * 4;
    if (doff < 20 || l3 + doff > len || l3 + doff > GSO_MAX_HDR)
        return refuse(t, &st->bad_pkt);
    t->l3 = (uint16_t)l3;
    t->hlen = (uint16_t)(l3 + doff);
    t->v6 = v6;
    t->done = false;
    if (len - t->hlen <= gso_size) {
        /* one segment's worth: only the checksum is left to do */
        wr16h(pkt + l3 + TCP_CSUM_OFF, csum_final(gso_csum_add(0, pkt + l3, len - l3)));
        return true;
    }
    t->mss = gso_size;
    t->off = t->hlen;
    t->seq = get32(pkt + l3 + 4);
    t->ip_id = v6 ? 0 : get16(pkt + 4);
    memcpy(t->hdr, pkt, t->hlen);
    return true;
}

bool
gso_tx_pending(const struct gso_tx *t)
{
    return !t->done;
}

bool
gso_tx_next(struct gso_tx *t, const uint8_t **pkt, size_t *len)
{
    if (t->done)
        return false;
    if (!t->mss) {
        *pkt = t->pkt;
        *len = t->len;
        t->done = true;
        return true;
    }
    size_t pay = t->len - t->off < t->mss ? t->len - t->off : t->mss;
    bool last = t->off + pay >= t->len;
    /* the headers go just before this segment's payload, over bytes of
     * segments already taken (the first's are where the kernel put them) */
    uint8_t *h = t->pkt + t->off - t->hlen;
    if (t->n)
        memcpy(h, t->hdr, t->hlen);
    size_t seglen = t->hlen + pay, l3 = t->l3;
    if (t->v6) {
        put16(h + 4, (uint16_t)(seglen - 40));
    } else {
        put16(h + 2, (uint16_t)seglen);
        put16(h + 4, (uint16_t)(t->ip_id + t->n));
        ip4_csum(h, l3);
    }
    uint8_t *th = h + l3;
    put32(th + 4, t->seq + (uint32_t)(t->off - t->hlen));
    if (!last)
        th[13] &= (uint8_t)~(TCP_FIN | TCP_PSH);
    if (t->n)
        th[13] &= (uint8_t)~TCP_CWR;
    th[TCP_CSUM_OFF] = th[TCP_CSUM_OFF + 1] = 0;
    uint64_t sum = gso_csum_add(pseudo_sum(h, t->v6, seglen - l3), th, seglen - l3);
    wr16h(th + TCP_CSUM_OFF, csum_final(sum));
    t->n++;
    t->off += pay;
    t->done = last;
    *pkt = h;
    *len = seglen;
    return true;
}

/* ---- receive: join segments of one flow ------------------------------- */

void
gso_rx_init(struct gso_rx *r, uint8_t *buf, size_t cap)
{
    memset(r, 0, sizeof(*r));
    r->buf = buf;
    r->cap = cap;
}

uint8_t *
gso_rx_tail(struct gso_rx *r, size_t *room)
{
    r->tail = r->len;
    *room = r->cap - GSO_VNET_LEN - r->len;
    return r->buf + GSO_VNET_LEN + r->len;
}

/* The longest packet the length fields allow: IPv4's total length, or
 * IPv6's payload length and its fixed header. */
static size_t
max_len(bool v6)
{
    return v6 ? 65535 + 40 : 65535;
}

/* A TCP segment that may be joined to others: IPv4 without options or
 * fragments (or IPv6 without extension headers), only ACK (and PSH), no
 * TCP options but timestamps, some payload, and checksums that hold (a
 * joined packet reaches TCP as already checked). Its header length. */
static size_t
rx_candidate(const uint8_t *p, size_t n, bool *v6)
{
    size_t l3;
    if (n < 20)
        return 0;
    if (p[0] == 0x45) {
        if (p[9] != IPPROTO_TCP_ || get16(p + 2) != n || (get16(p + 6) & 0x3fff) != 0 ||
            gso_csum_fold(gso_csum_add(0, p, 20)) != 0xffff)
            return 0;
        l3 = 20;
        *v6 = false;
    } else if (p[0] >> 4 == 6) {
        if (n < 40 || p[6] != IPPROTO_TCP_ || (size_t)get16(p + 4) + 40 != n)
            return 0;
        l3 = 40;
        *v6 = true;
    } else {
        return 0;
    }
    if (n < l3 + 20)
        return 0;
    const uint8_t *th = p + l3;
    size_t doff = (size_t)(th[12] >> 4) * 4;
    if (doff < 20 || l3 + doff >= n || (th[12] & 0x0f) ||
        (th[13] & (uint8_t)~TCP_PSH) != TCP_ACK)
        return 0;
    for (size_t i = 20; i < doff;) {
        if (th[i] == 0)               /* end of the list: the rest is padding */
            break;
        if (th[i] == 1)
            i++;
        else if (th[i] == 8 && i + 10 <= doff && th[i + 1] == 10)
            i += 10;                  /* RFC 7323 timestamps */
        else
            return 0;
    }
    if (gso_csum_fold(gso_csum_add(pseudo_sum(p, *v6, n - l3), th, n - l3)) != 0xffff)
        return 0;
    return l3 + doff;
}

/* Whether the candidate p (header length hlen) continues what is held:
 * tcp_gro_receive's test, the same bytes in every header field but the
 * lengths, the IPv4 id and checksum, the sequence number, PSH and the TCP
 * checksum. */
static bool
rx_continues(const struct gso_rx *r, const uint8_t *p, size_t n, size_t hlen, bool v6)
{
    const uint8_t *h = r->buf + GSO_VNET_LEN;
    size_t l3 = v6 ? 40 : 20;
    if (v6 != r->v6 || hlen != r->hlen)
        return false;
    if (v6 ? memcmp(h, p, 4) || memcmp(h + 6, p + 6, 34)
           : memcmp(h, p, 2) || memcmp(h + 6, p + 6, 4) || memcmp(h + 12, p + 12, 8))
        return false;
    const uint8_t *a = h + l3, *b = p + l3;
    size_t pay = n - hlen;
    return memcmp(a, b, 4) == 0 && get32(b + 4) == r->next_seq && memcmp(a + 8, b + 8, 5) == 0 &&
           (a[13] | TCP_PSH) == (b[13] | TCP_PSH) && memcmp(a + 14, b + 14, 2) == 0 &&
           memcmp(a + 18, b + 18, hlen - l3 - 18) == 0 && pay <= r->mss &&
           r->len + pay <= max_len(v6);
}

enum gso_rx_verdict
gso_rx_add(struct gso_rx *r, size_t n, struct gso_stats *st)
{
    uint8_t *p = r->buf + GSO_VNET_LEN + r->tail;
    bool v6 = false;
    size_t hlen = rx_candidate(p, n, &v6);
    if (r->segs) {
        if (!hlen || !r->open || !rx_continues(r, p, n, hlen, v6))
            return GSO_RX_FLUSH;
        size_t pay = n - hlen;
        uint8_t *h = r->buf + GSO_VNET_LEN;
        size_t l3 = v6 ? 40 : 20;
        h[l3 + 13] |= p[l3 + 13] & TCP_PSH;
        memmove(p, p + hlen, pay);
        r->len += pay;
        r->segs++;
        r->next_seq += (uint32_t)pay;
        st->coalesced++;
        /* PSH or a short segment ends the packet, as in the kernel's GRO */
        if ((h[l3 + 13] & TCP_PSH) || pay < r->mss) {
            r->open = false;
            return GSO_RX_WRITE;
        }
        return GSO_RX_HELD;
    }
    if (r->tail)
        memmove(r->buf + GSO_VNET_LEN, p, n);
    r->tail = 0;
    r->len = n;
    r->segs = 1;
    r->open = false;
    p = r->buf + GSO_VNET_LEN;
    if (!hlen || (p[(v6 ? 40 : 20) + 13] & TCP_PSH))
        return GSO_RX_WRITE;
    r->open = true;
    r->v6 = v6;
    r->hlen = (uint16_t)hlen;
    r->mss = (uint16_t)(n - hlen);
    r->next_seq = get32(p + (v6 ? 40 : 20) + 4) + (uint32_t)r->mss;
    return GSO_RX_HELD;
}

size_t
gso_rx_finish(struct gso_rx *r)
{
    if (!r->segs)
        return 0;
    uint8_t *v = r->buf, *p = r->buf + GSO_VNET_LEN;
    memset(v, 0, GSO_VNET_LEN);
    if (r->segs > 1) {
        size_t l3 = r->v6 ? 40 : 20;
        if (r->v6) {
            put16(p + 4, (uint16_t)(r->len - 40));
        } else {
            put16(p + 2, (uint16_t)r->len);
            ip4_csum(p, l3);
        }
        wr16h(p + l3 + TCP_CSUM_OFF, gso_csum_fold(pseudo_sum(p, r->v6, r->len - l3)));
        v[VH_FLAGS] = VIRTIO_NET_HDR_F_NEEDS_CSUM;
        v[VH_GSO_TYPE] = r->v6 ? VIRTIO_NET_HDR_GSO_TCPV6 : VIRTIO_NET_HDR_GSO_TCPV4;
        wr16h(v + VH_HDR_LEN, r->hlen);
        wr16h(v + VH_GSO_SIZE, r->mss);
        wr16h(v + VH_CSUM_START, (uint16_t)l3);
        wr16h(v + VH_CSUM_OFFSET, TCP_CSUM_OFF);
    }
    size_t out = GSO_VNET_LEN + r->len;
    r->segs = 0;
    r->len = 0;
    r->open = false;
    return out;
}
