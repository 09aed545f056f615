/* gso.c: TCP super-packets from the tun cut into segments, and segments
 * joined back into one super-packet for the tun. Every checksum is checked
 * against a byte-by-byte RFC 1071 sum written here, not gso.c's; a cut
 * then joined super-packet comes back byte for byte; headers from the
 * kernel's side that do not add up are refused and counted. */
#include <linux/virtio_net.h>
#include <string.h>

#include "harness.h"
#include "net/gso.h"

#define BUF (GSO_VNET_LEN + GSO_MAX_PKT + 2048)

static uint8_t super[BUF], rxmem[BUF], orig[BUF];

/* ---- an independent checksum and packet builder ----------------------- */

static uint32_t
sum_be(uint32_t s, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        s += (i & 1) ? p[i] : (uint32_t)p[i] << 8;
    return s;
}

static uint16_t
fold_be(uint32_t s)
{
    while (s >> 16)
        s = (s & 0xffff) + (s >> 16);
    return (uint16_t)s;
}

static uint32_t
pseudo_be(const uint8_t *ip, size_t l4len, uint8_t proto)
{
    bool v6 = ip[0] >> 4 == 6;
    uint32_t s = v6 ? sum_be(0, ip + 8, 32) : sum_be(0, ip + 12, 8);
    return s + proto + (uint32_t)(l4len >> 16) + (uint32_t)(l4len & 0xffff);
}

/* Whether the IP header (IPv4) and the transport checksum at l3+coff
 * hold over the whole packet. */
static bool
sums_ok(const uint8_t *ip, size_t len, size_t l3, uint8_t proto)
{
    if (ip[0] >> 4 == 4 && fold_be(sum_be(0, ip, l3)) != 0xffff)
        return false;
    return fold_be(sum_be(pseudo_be(ip, len - l3, proto), ip + l3, len - l3)) == 0xffff;
}

static void
put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static uint16_t
get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
get32(const uint8_t *p)
{
    return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static void
set_h16(uint8_t *p, uint16_t v)
{
    memcpy(p, &v, 2);
}

struct spec {
    bool v6;
    bool ts;                      /* a timestamps option (12 bytes with NOPs) */
    uint8_t flags;                /* TCP flags */
    size_t pay;                   /* payload bytes */
    uint16_t mss;                 /* 0: not a GSO packet */
};

/* A TCP packet as the kernel hands it over with TSO: headers, payload, a
 * vnet header, the IPv4 header checksum done and the pseudo-header sum in
 * the TCP checksum (what tcp_v4_send_check leaves). Total bytes at buf. */
static size_t
build(uint8_t *buf, const struct spec *s)
{
    uint8_t *v = buf, *ip = buf + GSO_VNET_LEN;
    size_t l3 = s->v6 ? 40 : 20, thl = s->ts ? 32 : 20, len = l3 + thl + s->pay;
    memset(buf, 0, GSO_VNET_LEN + len);
    if (s->v6) {
        ip[0] = 0x60;
        ip[1] = 0x01;             /* traffic class and a flow label */
        ip[3] = 0x42;
        put16(ip + 4, (uint16_t)(len - 40));
        ip[6] = 6;
        ip[7] = 64;
        ip[8] = 0xfd;
        ip[23] = 1;
        ip[24] = 0xfd;
        ip[39] = 2;
    } else {
        ip[0] = 0x45;
        put16(ip + 2, (uint16_t)len);
        put16(ip + 4, 0x1234);
        ip[6] = 0x40;             /* DF */
        ip[8] = 64;
        ip[9] = 6;
        memcpy(ip + 12, "\x0a\x43\x00\x0a\x0a\x43\x00\x01", 8);
        put16(ip + 10, (uint16_t)~fold_be(sum_be(0, ip, 20)));
    }
    uint8_t *th = ip + l3;
    put16(th, 40000);
    put16(th + 2, 5201);
    memcpy(th + 4, "\xff\xff\xf0\x00", 4);   /* wraps within the packet */
    memcpy(th + 8, "\x00\x00\x10\x00", 4);
    th[12] = (uint8_t)(thl / 4 << 4);
    th[13] = s->flags;
    put16(th + 14, 501);
    if (s->ts)
        memcpy(th + 20, "\x01\x01\x08\x0a\x00\x01\x02\x03\x00\x00\x00\x07", 12);
    for (size_t i = 0; i < s->pay; i++)
        th[thl + i] = (uint8_t)(i * 7 + i / 251);
    if (s->mss) {
        v[0] = VIRTIO_NET_HDR_F_NEEDS_CSUM;
        v[1] = s->v6 ? VIRTIO_NET_HDR_GSO_TCPV6 : VIRTIO_NET_HDR_GSO_TCPV4;
        set_h16(v + 2, (uint16_t)(l3 + thl));
        set_h16(v + 4, s->mss);
        set_h16(v + 6, (uint16_t)l3);
        set_h16(v + 8, 16);
        put16(th + 16, fold_be(pseudo_be(ip, len - l3, 6)));
    } else {
        put16(th + 16, (uint16_t)~fold_be(sum_be(pseudo_be(ip, len - l3, 6), th, len - l3)));
    }
    return GSO_VNET_LEN + len;
}

/* Feeds one packet to the joiner as net.c does; the bytes it must write
 * go to out (appended, each with its length before it), *writes counted. */
static enum gso_rx_verdict
rx_feed(struct gso_rx *r, const uint8_t *pkt, size_t n, struct gso_stats *st, uint8_t *out,
        size_t *outlen, int *writes)
{
    size_t room;
    uint8_t *tail = gso_rx_tail(r, &room);
    REQUIRE(room >= n);
    memcpy(tail, pkt, n);
    enum gso_rx_verdict v = gso_rx_add(r, n, st);
    enum gso_rx_verdict first = v;
    if (v == GSO_RX_FLUSH) {
        size_t w = gso_rx_finish(r);
        memcpy(out + *outlen, r->buf, w);
        *outlen += w;
        (*writes)++;
        v = gso_rx_add(r, n, st);
        CHECK(v != GSO_RX_FLUSH);
    }
    if (v == GSO_RX_WRITE) {
        size_t w = gso_rx_finish(r);
        memcpy(out + *outlen, r->buf, w);
        *outlen += w;
        (*writes)++;
    }
    return first;
}

/* Cuts the packet built from s, checks every segment, joins them again
 * and checks the result is the packet built. */
static void
round_trip(const struct spec *s)
{
    size_t n = build(super, s);
    memcpy(orig, super, n);
    struct gso_tx t;
    struct gso_stats st;
    memset(&st, 0, sizeof(st));
    REQUIRE(gso_tx_start(&t, super, n, &st));
    size_t l3 = s->v6 ? 40 : 20, hl = l3 + (s->ts ? 32 : 20);
    size_t want_segs = (s->pay + s->mss - 1) / s->mss;
    struct gso_rx r;
    gso_rx_init(&r, rxmem, sizeof(rxmem));
    static uint8_t out[BUF * 2];
    size_t outlen = 0;
    int writes = 0;
    const uint8_t *seg;
    size_t sl, got = 0, paid = 0;
    const uint8_t *oip = orig + GSO_VNET_LEN;
    while (gso_tx_next(&t, &seg, &sl)) {
        bool last = got + 1 == want_segs;
        size_t pay = last ? s->pay - paid : s->mss;
        REQUIRE_EQ(sl, hl + pay);
        CHECK(sums_ok(seg, sl, l3, 6));
        if (s->v6) {
            CHECK_EQ(get16(seg + 4), sl - 40);
        } else {
            CHECK_EQ(get16(seg + 2), sl);
            CHECK_EQ(get16(seg + 4), 0x1234 + got);
        }
        CHECK_EQ(get32(seg + l3 + 4), get32(oip + l3 + 4) + (uint32_t)paid);
        uint8_t f = oip[l3 + 13];
        if (!last)
            f &= (uint8_t)~0x09;  /* FIN, PSH only on the last */
        if (got)
            f &= (uint8_t)~0x80;  /* CWR only on the first */
        CHECK_EQ(seg[l3 + 13], f);
        CHECK(memcmp(seg + hl, oip + hl + paid, pay) == 0);
        CHECK(memcmp(seg + l3 + 18, oip + l3 + 18, hl - l3 - 18) == 0);
        /* joined as they come; the segment's bytes are gone at the next */
        rx_feed(&r, seg, sl, &st, out, &outlen, &writes);
        got++;
        paid += pay;
    }
    CHECK_EQ(got, want_segs);
    CHECK_EQ(st.bad_vnet + st.bad_pkt, 0);
    CHECK(!gso_tx_pending(&t));
    if (gso_rx_held(&r)) {
        size_t w = gso_rx_finish(&r);
        memcpy(out + outlen, r.buf, w);
        outlen += w;
        writes++;
    }
    CHECK_EQ(writes, 1);
    CHECK_EQ(st.coalesced, want_segs - 1);
    REQUIRE_EQ(outlen, n);
    CHECK(memcmp(out, orig, n) == 0);     /* byte for byte, vnet header too */
    /* and what the kernel will check once it has added the payload */
    uint8_t *ip = out + GSO_VNET_LEN;
    uint16_t cs = (uint16_t)~fold_be(sum_be(0, ip + l3, n - GSO_VNET_LEN - l3));
    put16(ip + l3 + 16, cs);
    CHECK(sums_ok(ip, n - GSO_VNET_LEN, l3, 6));
}

static void
t_round_trip_v4(void)
{
    struct spec s = { .ts = true, .flags = 0x18, .pay = 10000, .mss = 1448 };
    round_trip(&s);
}

static void
t_round_trip_v6(void)
{
    struct spec s = { .v6 = true, .ts = true, .flags = 0x18, .pay = 7000, .mss = 1428 };
    round_trip(&s);
}

static void
t_round_trip_exact_and_no_options(void)
{
    /* a last segment as long as the others, then no PSH anywhere */
    struct spec s = { .flags = 0x10, .pay = 1460 * 5, .mss = 1460 };
    round_trip(&s);
}

static void
t_round_trip_largest(void)
{
    struct spec s = { .ts = true, .flags = 0x18, .pay = 65535 - 52, .mss = 1448 };
    round_trip(&s);
    struct spec s6 = { .v6 = true, .flags = 0x18, .pay = 65535 - 20, .mss = 1440 };
    round_trip(&s6);
}

static void
t_tiny_mss(void)
{
    /* segments shorter than their headers: each one's headers go over
     * bytes of segments already taken */
    struct spec s = { .ts = true, .flags = 0x18, .pay = 301, .mss = 7 };
    round_trip(&s);
}

static void
t_cwr_fin(void)
{
    /* CWR stays on the first segment, FIN goes to the last: cut only,
     * since neither may be joined */
    struct spec s = { .flags = 0x80 | 0x10 | 0x01, .pay = 3000, .mss = 1000 };
    size_t n = build(super, &s);
    super[1] |= VIRTIO_NET_HDR_GSO_ECN;
    struct gso_tx t;
    struct gso_stats st = { 0 };
    REQUIRE(gso_tx_start(&t, super, n, &st));
    const uint8_t *seg;
    size_t sl;
    uint8_t flags[3];
    int i = 0;
    while (gso_tx_next(&t, &seg, &sl) && i < 3) {
        CHECK(sums_ok(seg, sl, 20, 6));
        flags[i++] = seg[33];
    }
    REQUIRE_EQ(i, 3);
    CHECK_EQ(flags[0], 0x90);
    CHECK_EQ(flags[1], 0x10);
    CHECK_EQ(flags[2], 0x11);
}

static void
t_tx_single(void)
{
    /* a GSO header on a packet no longer than one segment: checksum only */
    struct spec s = { .flags = 0x18, .pay = 900, .mss = 1448 };
    size_t n = build(super, &s);
    struct gso_tx t;
    struct gso_stats st = { 0 };
    REQUIRE(gso_tx_start(&t, super, n, &st));
    const uint8_t *p;
    size_t l;
    REQUIRE(gso_tx_next(&t, &p, &l));
    CHECK_EQ(l, n - GSO_VNET_LEN);
    CHECK(sums_ok(p, l, 20, 6));
    CHECK(!gso_tx_next(&t, &p, &l));

    /* no vnet flags: the packet as it is */
    struct spec plain = { .flags = 0x10, .pay = 100 };
    n = build(super, &plain);
    memcpy(orig, super, n);
    REQUIRE(gso_tx_start(&t, super, n, &st));
    REQUIRE(gso_tx_next(&t, &p, &l));
    CHECK_EQ(l, n - GSO_VNET_LEN);
    CHECK(memcmp(p, orig + GSO_VNET_LEN, l) == 0);
    CHECK(!gso_tx_pending(&t));

    /* UDP with its checksum left to us (TUN_F_CSUM) */
    uint8_t *ip = super + GSO_VNET_LEN;
    memset(super, 0, 200);
    ip[0] = 0x45;
    put16(ip + 2, 20 + 8 + 37);
    ip[8] = 64;
    ip[9] = 17;
    memcpy(ip + 12, "\x0a\x00\x00\x01\x0a\x00\x00\x02", 8);
    put16(ip + 10, (uint16_t)~fold_be(sum_be(0, ip, 20)));
    put16(ip + 20, 53);
    put16(ip + 22, 1053);
    put16(ip + 24, 8 + 37);
    for (int i = 0; i < 37; i++)
        ip[28 + i] = (uint8_t)(i * 13);
    put16(ip + 26, fold_be(pseudo_be(ip, 45, 17)));
    super[0] = VIRTIO_NET_HDR_F_NEEDS_CSUM;
    set_h16(super + 6, 20);
    set_h16(super + 8, 6);
    REQUIRE(gso_tx_start(&t, super, GSO_VNET_LEN + 65, &st));
    REQUIRE(gso_tx_next(&t, &p, &l));
    CHECK_EQ(l, 65);
    CHECK(sums_ok(p, l, 20, 17));
    CHECK_EQ(st.bad_vnet + st.bad_pkt, 0);
}

/* Headers from the kernel's side that do not add up: refused, counted,
 * nothing to send, nothing read past the end. */
static void
t_bad_vnet(void)
{
    struct spec s = { .ts = true, .flags = 0x18, .pay = 5000, .mss = 1448 };
    struct gso_tx t;
    struct gso_stats st = { 0 };
    const uint8_t *p;
    size_t l;
    struct { int at; int val; bool vnet; } cases[] = {
        { 1, VIRTIO_NET_HDR_GSO_UDP, true },    /* UFO was never offered */
        { 1, 2, true },                         /* no such type */
        { 1, VIRTIO_NET_HDR_GSO_TCPV6, false }, /* IPv4 said to be IPv6 */
        { 0, 0, true },                         /* GSO without NEEDS_CSUM */
        { 0, 0x41, true },                      /* unknown flag */
        { 4, 0, true },                         /* gso_size 0 */
        { 6, 24, true },                        /* csum_start not TCP */
        { 8, 6, true },                         /* csum_offset not TCP's */
        { GSO_VNET_LEN + 3, 0x99, false },      /* IPv4 length wrong */
        { GSO_VNET_LEN + 9, 17, false },        /* not TCP */
        { GSO_VNET_LEN + 0, 0x4f, false },      /* IP header past TCP's */
        { GSO_VNET_LEN + 32, 0x00, false },     /* TCP header 0 bytes */
        { GSO_VNET_LEN + 32, 0x10, false },     /* TCP header 4 bytes */
        { GSO_VNET_LEN + 6, 0x20, false },      /* a fragment */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t n = build(super, &s);
        if (cases[i].at == 4 || cases[i].at == 6 || cases[i].at == 8)
            set_h16(super + cases[i].at, (uint16_t)cases[i].val);
        else
            super[cases[i].at] = (uint8_t)cases[i].val;
        uint64_t before = st.bad_vnet + st.bad_pkt;
        CHECK(!gso_tx_start(&t, super, n, &st));
        CHECK(!gso_tx_next(&t, &p, &l));
        CHECK_EQ(st.bad_vnet + st.bad_pkt, before + 1);
        if (cases[i].vnet)
            CHECK(st.bad_vnet > 0);
    }
    /* short reads: nothing but a vnet header, and a truncated packet */
    size_t n = build(super, &s);
    CHECK(!gso_tx_start(&t, super, GSO_VNET_LEN, &st));
    CHECK(!gso_tx_start(&t, super, 3, &st));
    for (size_t cut = GSO_VNET_LEN + 1; cut < GSO_VNET_LEN + 80; cut++) {
        build(super, &s);
        CHECK(!gso_tx_start(&t, super, cut, &st));
    }
    CHECK(!gso_tx_start(&t, super, GSO_VNET_LEN + GSO_MAX_PKT + 1, &st));
    /* NEEDS_CSUM past the end on a plain packet */
    struct spec plain = { .flags = 0x10, .pay = 10 };
    n = build(super, &plain);
    super[0] = VIRTIO_NET_HDR_F_NEEDS_CSUM;
    set_h16(super + 6, 60);
    set_h16(super + 8, 16);
    CHECK(!gso_tx_start(&t, super, n, &st));
    set_h16(super + 6, 20);
    set_h16(super + 8, 15);       /* odd: not a 16-bit word of the sum */
    CHECK(!gso_tx_start(&t, super, n, &st));
}

/* ---- joining: what may not be joined is written as it came ---------- */

static void
fix_tcp_csum(uint8_t *ip, size_t n, size_t l3)
{
    uint8_t *th = ip + l3;
    th[16] = th[17] = 0;
    put16(th + 16, (uint16_t)~fold_be(sum_be(pseudo_be(ip, n - l3, 6), th, n - l3)));
}

static size_t
segment(uint8_t *buf, const struct spec *s, uint32_t seq)
{
    size_t n = build(buf, s) - GSO_VNET_LEN;
    memmove(buf, buf + GSO_VNET_LEN, n);
    uint8_t *th = buf + (s->v6 ? 40 : 20);
    th[4] = (uint8_t)(seq >> 24);
    th[5] = (uint8_t)(seq >> 16);
    th[6] = (uint8_t)(seq >> 8);
    th[7] = (uint8_t)seq;
    fix_tcp_csum(buf, n, s->v6 ? 40 : 20);
    return n;
}

struct rxrun {
    struct gso_rx r;
    struct gso_stats st;
    uint8_t out[BUF * 4];
    size_t outlen;
    int writes;
};

static void
rx_start(struct rxrun *x)
{
    memset(x, 0, sizeof(*x));
    gso_rx_init(&x->r, rxmem, sizeof(rxmem));
}

static void
rx_end(struct rxrun *x)
{
    if (gso_rx_held(&x->r)) {
        size_t w = gso_rx_finish(&x->r);
        memcpy(x->out + x->outlen, x->r.buf, w);
        x->outlen += w;
        x->writes++;
    }
}

static void
t_rx_not_joined(void)
{
    static struct rxrun x;
    static uint8_t a[4096], b[4096];
    struct spec d = { .ts = true, .flags = 0x10, .pay = 1448 };
    uint32_t seq = 1000;

    /* UDP: written at once, as it came, with an empty vnet header */
    rx_start(&x);
    memset(a, 0, 60);
    a[0] = 0x45;
    put16(a + 2, 60);
    a[9] = 17;
    CHECK_EQ(rx_feed(&x.r, a, 60, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_WRITE);
    CHECK_EQ(x.writes, 1);
    CHECK_EQ(x.outlen, GSO_VNET_LEN + 60);
    static const uint8_t zero[GSO_VNET_LEN];
    CHECK(memcmp(x.out, zero, GSO_VNET_LEN) == 0);
    CHECK(memcmp(x.out + GSO_VNET_LEN, a, 60) == 0);

    /* a pure ACK, then IPv4 options, a SACK option: each alone */
    struct spec ack = { .ts = true, .flags = 0x10 };
    size_t n = segment(a, &ack, seq);
    CHECK_EQ(rx_feed(&x.r, a, n, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_WRITE);
    n = segment(a, &d, seq);
    a[0] = 0x46;
    CHECK_EQ(rx_feed(&x.r, a, n, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_WRITE);
    n = segment(a, &d, seq);
    a[20 + 20] = 5;               /* SACK where the first NOP was */
    CHECK_EQ(rx_feed(&x.r, a, n, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_WRITE);
    /* a bad TCP checksum is the kernel's to drop, not ours to hide */
    n = segment(a, &d, seq);
    a[n - 1] ^= 1;
    CHECK_EQ(rx_feed(&x.r, a, n, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_WRITE);
    CHECK_EQ(x.writes, 5);
    CHECK_EQ(x.st.coalesced, 0);

    /* FIN in the middle: the two before join, the FIN goes alone, the
     * one after starts again */
    rx_start(&x);
    size_t na = segment(a, &d, seq);
    CHECK_EQ(rx_feed(&x.r, a, na, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_HELD);
    na = segment(a, &d, seq + 1448);
    CHECK_EQ(rx_feed(&x.r, a, na, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_HELD);
    struct spec fin = { .ts = true, .flags = 0x11, .pay = 1448 };
    size_t nb = segment(b, &fin, seq + 2 * 1448);
    CHECK_EQ(rx_feed(&x.r, b, nb, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_FLUSH);
    CHECK_EQ(x.writes, 2);        /* the pair, then the FIN alone */
    CHECK_EQ(x.outlen, GSO_VNET_LEN * 2 + 52 + 2 * 1448 + nb);
    CHECK(memcmp(x.out + x.outlen - nb, b, nb) == 0);
    CHECK_EQ(x.out[1], VIRTIO_NET_HDR_GSO_TCPV4);
    na = segment(a, &d, seq + 3 * 1448);
    CHECK_EQ(rx_feed(&x.r, a, na, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_HELD);
    rx_end(&x);
    CHECK_EQ(x.writes, 3);
    /* one segment held alone goes out exactly as it came */
    CHECK(memcmp(x.out + x.outlen - na, a, na) == 0);
    CHECK(memcmp(x.out + x.outlen - na - GSO_VNET_LEN, zero, GSO_VNET_LEN) == 0);

    /* out of order, another flow, a longer segment: each breaks the run */
    rx_start(&x);
    na = segment(a, &d, seq);
    CHECK_EQ(rx_feed(&x.r, a, na, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_HELD);
    na = segment(a, &d, seq + 2 * 1448);
    CHECK_EQ(rx_feed(&x.r, a, na, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_FLUSH);
    struct spec longer = { .ts = true, .flags = 0x10, .pay = 1460 };
    nb = segment(b, &longer, seq + 3 * 1448);
    CHECK_EQ(rx_feed(&x.r, b, nb, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_FLUSH);
    na = segment(a, &d, seq + 3 * 1448 + 1460);
    a[21] ^= 1;                   /* another source port */
    fix_tcp_csum(a, na, 20);
    CHECK_EQ(rx_feed(&x.r, a, na, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_FLUSH);
    rx_end(&x);
    CHECK_EQ(x.writes, 4);
    CHECK_EQ(x.st.coalesced, 0);

    /* a short segment ends the run at once */
    rx_start(&x);
    na = segment(a, &d, seq);
    CHECK_EQ(rx_feed(&x.r, a, na, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_HELD);
    struct spec shorter = { .ts = true, .flags = 0x10, .pay = 100 };
    nb = segment(b, &shorter, seq + 1448);
    CHECK_EQ(rx_feed(&x.r, b, nb, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_WRITE);
    CHECK_EQ(x.writes, 1);
    CHECK(!gso_rx_held(&x.r));
    uint16_t gs;
    memcpy(&gs, x.out + 4, 2);
    CHECK_EQ(gs, 1448);
    CHECK_EQ(x.outlen, GSO_VNET_LEN + 52 + 1448 + 100);
}

static void
t_rx_v6_and_ts_change(void)
{
    static struct rxrun x;
    static uint8_t a[4096];
    struct spec d = { .v6 = true, .ts = true, .flags = 0x10, .pay = 1428 };
    rx_start(&x);
    for (int i = 0; i < 3; i++) {
        size_t n = segment(a, &d, 77 + (uint32_t)i * 1428);
        CHECK_EQ(rx_feed(&x.r, a, n, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_HELD);
    }
    /* a new timestamp: the kernel's GRO would not join it either */
    size_t n = segment(a, &d, 77 + 3 * 1428);
    a[40 + 27] ^= 4;
    fix_tcp_csum(a, n, 40);
    CHECK(sums_ok(a, n, 40, 6));
    CHECK_EQ(rx_feed(&x.r, a, n, &x.st, x.out, &x.outlen, &x.writes), GSO_RX_FLUSH);
    rx_end(&x);
    CHECK_EQ(x.writes, 2);
    CHECK_EQ(x.st.coalesced, 2);
    CHECK_EQ(x.out[1], VIRTIO_NET_HDR_GSO_TCPV6);
    CHECK_EQ(get16(x.out + GSO_VNET_LEN + 4), 32 + 3 * 1428);
}

static void
t_csum(void)
{
    /* RFC 1071 4.1's example, and odd lengths against the byte-wise sum */
    static const uint8_t ex[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
    uint16_t f = gso_csum_fold(gso_csum_add(0, ex, sizeof(ex)));
    uint8_t be[2];
    memcpy(be, &f, 2);
    CHECK_EQ(get16(be), 0xddf2);
    uint8_t buf[301];
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = (uint8_t)(i * 37 + 11);
    for (size_t n = 0; n <= sizeof(buf); n++) {
        f = gso_csum_fold(gso_csum_add(0, buf, n));
        memcpy(be, &f, 2);
        CHECK_EQ(get16(be), fold_be(sum_be(0, buf, n)));
    }
}

int
main(void)
{
    TH_RUN(t_csum);
    TH_RUN(t_round_trip_v4);
    TH_RUN(t_round_trip_v6);
    TH_RUN(t_round_trip_exact_and_no_options);
    TH_RUN(t_round_trip_largest);
    TH_RUN(t_tiny_mss);
    TH_RUN(t_cwr_fin);
    TH_RUN(t_tx_single);
    TH_RUN(t_bad_vnet);
    TH_RUN(t_rx_not_joined);
    TH_RUN(t_rx_v6_and_ts_change);
    return th_done();
}
