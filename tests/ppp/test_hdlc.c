/* The RFC 1662 framer: FCS check values (RFC 1662 C.2/C.3 and the usual
 * "123456789" checks), the slice-by-8 tables against a bitwise CRC, round
 * trips in every chunking, the decoder's error counting and resync, the
 * encoder's buffer bound, and the address/control/protocol fields. */
#include <string.h>

#include "harness.h"
#include "ppp/hdlc.h"

static uint32_t rng = 0x2545f491;

static uint32_t
rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Payload bytes biased towards what the framer treats specially. */
static uint8_t
rnd_byte(void)
{
    static const uint8_t special[] = {0x7e, 0x7d, 0x00, 0x11, 0x13, 0x1f, 0x20, 0x5d, 0x5e, 0xff};
    uint32_t r = rnd();
    return (r & 3) == 0 ? special[(r >> 8) % sizeof(special)] : (uint8_t)(r >> 16);
}

/* Bit at a time, straight from the polynomial: the tables' referee. */
static uint32_t
crc_bitwise(uint32_t c, uint32_t poly, const uint8_t *p, size_t n)
{
    while (n--) {
        c ^= *p++;
        for (int i = 0; i < 8; i++)
            c = (c & 1) ? (c >> 1) ^ poly : c >> 1;
    }
    return c;
}

static void
t_fcs_check_values(void)
{
    const uint8_t *s = (const uint8_t *)"123456789";
    CHECK_EQ((uint16_t)~fcs16(PPP_INITFCS16, s, 9), 0x906e);
    CHECK_EQ(~fcs32(PPP_INITFCS32, s, 9), 0xcbf43926u);
    /* RFC 1662 C.2/C.3: a frame followed by its complemented FCS, least
     * significant byte first, leaves the good FCS in the register. */
    uint8_t f[16] = {0xff, 0x03, 0xc0, 0x21, 0x09, 0x01, 0x00, 0x08, 1, 2, 3, 4};
    uint16_t a = (uint16_t)~fcs16(PPP_INITFCS16, f, 12);
    f[12] = (uint8_t)a;
    f[13] = (uint8_t)(a >> 8);
    CHECK_EQ(fcs16(PPP_INITFCS16, f, 14), PPP_GOODFCS16);
    uint32_t b = ~fcs32(PPP_INITFCS32, f, 12);
    for (int i = 0; i < 4; i++)
        f[12 + i] = (uint8_t)(b >> (8 * i));
    CHECK_EQ(fcs32(PPP_INITFCS32, f, 16), PPP_GOODFCS32);
    CHECK_EQ(fcs16(0x1234, f, 0), 0x1234);
    CHECK_EQ(fcs32(0x12345678u, f, 0), 0x12345678u);
}

/* Every table entry is reached: all byte values at every slice position,
 * unaligned starts, every tail length, chained calls. */
static void
t_fcs_matches_bitwise(void)
{
    static uint8_t buf[4096];
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = (uint8_t)rnd();
    for (int round = 0; round < 2000; round++) {
        size_t off = rnd() % 16, n = round < 100 ? (size_t)round : rnd() % 2048;
        uint16_t i16 = (uint16_t)rnd();
        uint32_t i32 = rnd();
        CHECK_EQ(fcs16(i16, buf + off, n), crc_bitwise(i16, 0x8408, buf + off, n));
        CHECK_EQ(fcs32(i32, buf + off, n), crc_bitwise(i32, 0xedb88320u, buf + off, n));
        size_t cut = n ? rnd() % n : 0;
        CHECK_EQ(fcs16(fcs16(i16, buf + off, cut), buf + off + cut, n - cut),
                 fcs16(i16, buf + off, n));
        CHECK_EQ(fcs32(fcs32(i32, buf + off, cut), buf + off + cut, n - cut),
                 fcs32(i32, buf + off, n));
    }
}

/* --- decoding into a list of frames --- */

struct got {
    uint8_t data[64 * 1024];
    size_t len;
    size_t off[256], flen[256];
    int n;
};

static void
on_frame(void *ctx, const uint8_t *frame, size_t len)
{
    struct got *g = ctx;
    REQUIRE(g->n < 256 && len <= sizeof(g->data) - g->len);
    g->off[g->n] = g->len;
    g->flen[g->n++] = len;
    memcpy(g->data + g->len, frame, len);
    g->len += len;
}

static bool
got_frame(const struct got *g, int i, const uint8_t *want, size_t len)
{
    return i < g->n && g->flen[i] == len && memcmp(g->data + g->off[i], want, len) == 0;
}

enum chunking { WHOLE, BYTEWISE, RANDOM_SPLITS };

static void
decode_chunked(struct hdlc_decoder *d, const uint8_t *in, size_t n, enum chunking how,
               struct got *g)
{
    size_t i = 0;
    while (i < n) {
        size_t k = how == WHOLE ? n - i : how == BYTEWISE ? 1 : 1 + rnd() % 40;
        if (k > n - i)
            k = n - i;
        hdlc_decode(d, in + i, k, on_frame, g);
        /* Empty calls change nothing, in any state. */
        hdlc_decode(d, in + i, 0, on_frame, g);
        i += k;
    }
}

static struct got got;
static uint8_t frames[8][2000];
static size_t frame_len[8];
static uint8_t stream[8 * HDLC_ENCODE_BOUND(2000)];

static bool
escaped_on_wire(uint32_t accm, uint8_t c)
{
    return c == HDLC_FLAG || c == HDLC_ESCAPE || (c < 0x20 && ((accm >> c) & 1));
}

/* The encoded body holds no byte the map says to hide, and every escape is
 * followed by a byte that unescapes to one that needed it. */
static bool
wire_is_clean(uint32_t accm, const uint8_t *w, size_t n)
{
    if (n < 2 || w[0] != HDLC_FLAG || w[n - 1] != HDLC_FLAG)
        return false;
    for (size_t i = 1; i < n - 1; i++) {
        if (w[i] == HDLC_ESCAPE) {
            if (i + 1 >= n - 1 || !escaped_on_wire(accm, w[i + 1] ^ HDLC_TRANS))
                return false;
            i++;
        } else if (escaped_on_wire(accm, w[i])) {
            return false;
        }
    }
    return true;
}

static void
round_trip(uint32_t accm, bool use_fcs32)
{
    for (int round = 0; round < 20; round++) {
        size_t sn = 0;
        int nf = 1 + (int)(rnd() % 8);
        for (int i = 0; i < nf; i++) {
            /* RFC 1662 4.3: a frame is at least 4 bytes with its FCS. */
            frame_len[i] = 2 + rnd() % (i == 0 ? 1600 : 40);
            for (size_t k = 0; k < frame_len[i]; k++)
                frames[i][k] = rnd_byte();
            size_t w = hdlc_encode(accm, use_fcs32, frames[i], frame_len[i], stream + sn,
                                   HDLC_ENCODE_BOUND(frame_len[i]));
            REQUIRE(w > 0);
            CHECK(wire_is_clean(accm, stream + sn, w));
            sn += w;
        }
        for (enum chunking how = WHOLE; how <= RANDOM_SPLITS; how++) {
            struct hdlc_decoder d;
            hdlc_decoder_init(&d);
            d.fcs32 = use_fcs32;
            memset(&got, 0, sizeof(got));
            decode_chunked(&d, stream, sn, how, &got);
            REQUIRE_EQ(got.n, nf);
            for (int i = 0; i < nf; i++)
                CHECK(got_frame(&got, i, frames[i], frame_len[i]));
            CHECK_EQ(d.counters.crc_err + d.counters.framing_err + d.counters.overrun_err, 0);
        }
    }
}

static void
t_round_trip_accm_none(void)
{
    round_trip(0, false);
    round_trip(0, true);
}

static void
t_round_trip_accm_all(void)
{
    round_trip(0xffffffffu, false);
    round_trip(0xffffffffu, true);
}

/* XON and XOFF only: control characters both escaped and not. */
static void
t_round_trip_accm_xon_xoff(void)
{
    round_trip(0x000a0000u, false);
    round_trip(0x000a0000u, true);
}

static void
keep_frame(void *ctx, const uint8_t *frame, size_t len)
{
    uint8_t *dst = ctx;
    dst[0] = (uint8_t)len;
    memcpy(dst + 1, frame, len);
}

/* RFC 1662 7.1: XON/XOFF a modem slips into the stream, unescaped, are
 * dropped when our receive ACCM flags them; an escaped 0x11 is data. */
static void
t_rx_accm_drops_line_noise(void)
{
    const uint8_t f[] = {0xff, 0x03, 0xc0, 0x21, 0x11, 0x13, 0x05};
    uint8_t wire[64], noisy[80], out[64];
    size_t n = hdlc_encode(0x000a0000u, false, f, sizeof(f), wire, sizeof(wire));
    REQUIRE(n > 0);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        noisy[m++] = wire[i];
        if (i == 3 || i == 6)
            noisy[m++] = 0x13;      /* XOFF from the modem */
        if (i == 5)
            noisy[m++] = 0x11;      /* XON, between an escape and its octet */
    }
    struct hdlc_decoder d;
    hdlc_decoder_init(&d);
    d.rx_accm = 0x000a0000u;
    memset(out, 0, sizeof(out));
    hdlc_decode(&d, noisy, m, keep_frame, out);
    CHECK_EQ(out[0], sizeof(f));
    CHECK(memcmp(out + 1, f, sizeof(f)) == 0);
    CHECK_EQ(d.counters.crc_err, 0);
    /* with an empty receive ACCM the same bytes are data: the FCS fails */
    hdlc_decoder_init(&d);
    memset(out, 0, sizeof(out));
    hdlc_decode(&d, noisy, m, keep_frame, out);
    CHECK_EQ(out[0], 0);
    CHECK_EQ(d.counters.crc_err, 1);
}

/* The bytes on the wire for a small frame, spelt out. */
static void
t_encode_exact_bytes(void)
{
    const uint8_t f[] = {0xff, 0x7d, 0x7e, 0x11, 0x13, 0x01, 0x41};
    uint16_t fcs = (uint16_t)~crc_bitwise(0xffff, 0x8408, f, sizeof(f));
    uint8_t want[32] = {0x7e, 0xff, 0x7d, 0x5d, 0x7d, 0x5e, 0x7d, 0x31, 0x7d, 0x33, 0x01, 0x41};
    size_t wn = 12;
    uint8_t lo = (uint8_t)fcs, hi = (uint8_t)(fcs >> 8);
    for (int i = 0; i < 2; i++) {
        uint8_t c = i ? hi : lo;
        if (escaped_on_wire(0x000a0000u, c)) {
            want[wn++] = 0x7d;
            want[wn++] = c ^ 0x20;
        } else {
            want[wn++] = c;
        }
    }
    want[wn++] = 0x7e;
    uint8_t out[32];
    size_t n = hdlc_encode(0x000a0000u, false, f, sizeof(f), out, sizeof(out));
    CHECK_EQ(n, wn);
    CHECK(n == wn && memcmp(out, want, n) == 0);
    /* ACCM 0: the control characters go out as they are. */
    n = hdlc_encode(0, false, f, sizeof(f), out, sizeof(out));
    CHECK(n > 10 && out[6] == 0x11 && out[7] == 0x13 && out[8] == 0x01);
}

static size_t
encode_one(const uint8_t *f, size_t len, uint8_t *out)
{
    return hdlc_encode(0xffffffffu, false, f, len, out, HDLC_ENCODE_BOUND(len));
}

static const uint8_t lcp_req[] = {0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x0a,
                                  0x05, 0x06, 0x12, 0x34, 0x56, 0x78};

static void
t_resync_after_garbage(void)
{
    static const uint8_t garbage[] = {0x41, 0x54, 0x0d, 0x0a, 0x7d, 0x43, 0x4f, 0x4e, 0x4e};
    uint8_t s[256];
    size_t n = 0;
    memcpy(s, garbage, sizeof(garbage));
    n += sizeof(garbage);
    n += encode_one(lcp_req, sizeof(lcp_req), s + n);
    s[n++] = 0x55;              /* line noise between frames */
    s[n++] = 0x01;
    n += encode_one(lcp_req, sizeof(lcp_req), s + n);
    for (enum chunking how = WHOLE; how <= RANDOM_SPLITS; how++) {
        struct hdlc_decoder d;
        hdlc_decoder_init(&d);
        memset(&got, 0, sizeof(got));
        decode_chunked(&d, s, n, how, &got);
        CHECK_EQ(got.n, 2);
        CHECK(got_frame(&got, 0, lcp_req, sizeof(lcp_req)));
        CHECK(got_frame(&got, 1, lcp_req, sizeof(lcp_req)));
        /* The garbage ends at the first flag and is one bad frame; the noise
         * between frames, two bytes, is too short to be one. */
        CHECK_EQ(d.counters.crc_err, 1);
        CHECK_EQ(d.counters.framing_err, 1);
        CHECK_EQ(d.counters.overrun_err, 0);
    }
}

static void
t_bad_fcs_counted(void)
{
    uint8_t s[256];
    size_t n = encode_one(lcp_req, sizeof(lcp_req), s);
    size_t m = encode_one(lcp_req, sizeof(lcp_req), s + n);
    s[n - 3] ^= 0x40;           /* inside the FCS of the first */
    s[n + 5] ^= 0x01;           /* inside the payload of the second */
    n += m;
    n += encode_one(lcp_req, sizeof(lcp_req), s + n);
    struct hdlc_decoder d;
    hdlc_decoder_init(&d);
    memset(&got, 0, sizeof(got));
    hdlc_decode(&d, s, n, on_frame, &got);
    CHECK_EQ(got.n, 1);
    CHECK(got_frame(&got, 0, lcp_req, sizeof(lcp_req)));
    CHECK_EQ(d.counters.crc_err, 2);
    CHECK_EQ(d.counters.framing_err, 0);
}

/* RFC 1662 4.3: 7d 7e aborts the frame; the next one still comes through,
 * wherever the chunk boundaries fall. */
static void
t_abort_counted(void)
{
    uint8_t s[256];
    size_t n = encode_one(lcp_req, sizeof(lcp_req), s);
    s[n - 1] = HDLC_ESCAPE;     /* the closing flag becomes 7d 7e */
    s[n++] = HDLC_FLAG;
    n += encode_one(lcp_req, sizeof(lcp_req), s + n);
    static const uint8_t bare[] = {0x7e, 0x7d, 0x7e};
    memcpy(s + n, bare, sizeof(bare));
    n += sizeof(bare);
    for (enum chunking how = WHOLE; how <= RANDOM_SPLITS; how++) {
        struct hdlc_decoder d;
        hdlc_decoder_init(&d);
        memset(&got, 0, sizeof(got));
        decode_chunked(&d, s, n, how, &got);
        CHECK_EQ(got.n, 1);
        CHECK(got_frame(&got, 0, lcp_req, sizeof(lcp_req)));
        CHECK_EQ(d.counters.framing_err, 2);
        CHECK_EQ(d.counters.crc_err, 0);
    }
}

static void
t_short_frames_and_fill(void)
{
    static const uint8_t s[] = {0x7e, 0x7e, 0x7e, 0x01, 0x7e, 0x01, 0x02, 0x03, 0x7e, 0x7e};
    struct hdlc_decoder d;
    hdlc_decoder_init(&d);
    memset(&got, 0, sizeof(got));
    hdlc_decode(&d, s, sizeof(s), on_frame, &got);
    CHECK_EQ(got.n, 0);
    CHECK_EQ(d.counters.framing_err, 2);
    CHECK_EQ(d.counters.crc_err, 0);
    /* With FCS-32 a 5-byte frame is short too. */
    uint8_t f[16];
    hdlc_decoder_init(&d);
    d.fcs32 = true;
    size_t n = hdlc_encode(0, true, (const uint8_t *)"\x21", 1, f, sizeof(f));
    hdlc_decode(&d, f, n, on_frame, &got);
    CHECK_EQ(got.n, 0);
    CHECK_EQ(d.counters.framing_err, 1);
}

static uint8_t big[HDLC_MAX_FRAME + 1];
static uint8_t big_wire[HDLC_ENCODE_BOUND(HDLC_MAX_FRAME + 1) + 64];

/* A frame that fills the buffer exactly (FCS included) is kept; one byte
 * more is an overrun, counted once, and the next frame decodes. */
static void
t_overrun(void)
{
    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = rnd_byte();
    for (enum chunking how = WHOLE; how <= RANDOM_SPLITS; how++) {
        for (size_t extra = 0; extra <= 1; extra++) {
            size_t len = HDLC_MAX_FRAME - 2 + extra;
            size_t n = encode_one(big, len, big_wire);
            REQUIRE(n > 0);
            n += encode_one(lcp_req, sizeof(lcp_req), big_wire + n);
            struct hdlc_decoder d;
            hdlc_decoder_init(&d);
            memset(&got, 0, sizeof(got));
            decode_chunked(&d, big_wire, n, how, &got);
            CHECK_EQ(d.counters.overrun_err, extra);
            CHECK_EQ(d.counters.crc_err + d.counters.framing_err, 0);
            REQUIRE_EQ(got.n, 2 - (int)extra);
            if (!extra)
                CHECK(got_frame(&got, 0, big, len));
            CHECK(got_frame(&got, 1 - (int)extra, lcp_req, sizeof(lcp_req)));
        }
    }
}

/* Every cap short of the need returns 0 and writes nothing past cap, for
 * frames short and long enough to go through the word-at-a-time path. */
static void
t_encode_small_cap(void)
{
    uint8_t f[64], out[256];
    for (size_t i = 0; i < sizeof(f); i++)
        f[i] = rnd_byte();
    static const size_t lens[] = {1, 8, 23, 64};
    static const uint32_t accms[] = {0, 0xffffffffu};
    for (size_t li = 0; li < 4; li++)
        for (int ai = 0; ai < 2; ai++)
            for (int fcs_32 = 0; fcs_32 <= 1; fcs_32++) {
                size_t len = lens[li];
                size_t need = hdlc_encode(accms[ai], fcs_32, f, len, out, sizeof(out));
                REQUIRE(need > 0 && need <= HDLC_ENCODE_BOUND(len));
                for (size_t cap = 0; cap < need; cap++) {
                    memset(out, 0xaa, sizeof(out));
                    CHECK_EQ(hdlc_encode(accms[ai], fcs_32, f, len, out, cap), 0);
                    for (size_t i = cap; i < sizeof(out); i++)
                        CHECK_EQ(out[i], 0xaa);
                }
                CHECK_EQ(hdlc_encode(accms[ai], fcs_32, f, len, out, need), need);
            }
}

static bool
split(const uint8_t *f, size_t len, uint16_t want_proto, size_t want_off)
{
    uint16_t proto = 0;
    const uint8_t *pl = NULL;
    size_t plen = 0;
    if (!ppp_frame_split(f, len, &proto, &pl, &plen))
        return false;
    return proto == want_proto && pl == f + want_off && plen == len - want_off;
}

static bool
split_fails(const uint8_t *f, size_t len)
{
    uint16_t proto = 0x1234;
    const uint8_t *pl = f;
    size_t plen = 99;
    bool ok = ppp_frame_split(f, len, &proto, &pl, &plen);
    /* Outputs are left alone on failure. */
    return !ok && proto == 0x1234 && pl == f && plen == 99;
}

static void
t_frame_split(void)
{
    static const uint8_t full[] = {0xff, 0x03, 0xc0, 0x21, 0x01, 0x02};
    CHECK(split(full, sizeof(full), 0xc021, 4));
    CHECK(split(full + 2, sizeof(full) - 2, 0xc021, 2));        /* ACFC */
    static const uint8_t pfc[] = {0xff, 0x03, 0x21, 0x45};
    CHECK(split(pfc, sizeof(pfc), 0x0021, 3));
    CHECK(split(pfc + 2, sizeof(pfc) - 2, 0x0021, 1));          /* ACFC + PFC */
    CHECK(split(pfc, 3, 0x0021, 3));                            /* empty payload */
    static const uint8_t ip2[] = {0x00, 0x21, 0x45};
    CHECK(split(ip2, sizeof(ip2), 0x0021, 2));
    /* Invalid fields (RFC 1661 2): an even low byte, a lone even byte, the
     * reserved 0x00ff, nothing after the address and control. */
    static const uint8_t even_low[] = {0xff, 0x03, 0xc0, 0x22, 0x01};
    CHECK(split_fails(even_low, sizeof(even_low)));
    static const uint8_t lone_even[] = {0xff, 0x03, 0x20};
    CHECK(split_fails(lone_even, sizeof(lone_even)));
    CHECK(split_fails(lone_even + 2, 1));
    static const uint8_t two_even[] = {0x80, 0x20, 0x01};
    CHECK(split_fails(two_even, sizeof(two_even)));
    static const uint8_t reserved[] = {0x00, 0xff, 0x01};
    CHECK(split_fails(reserved, sizeof(reserved)));
    static const uint8_t ff_alone[] = {0xff, 0x01};
    CHECK(split_fails(ff_alone, sizeof(ff_alone)));
    CHECK(split_fails(full, 2));
    CHECK(split_fails(full, 0));
}

static void
t_frame_header(void)
{
    uint8_t h[4];
    static const uint8_t lcp[] = {0xff, 0x03, 0xc0, 0x21};
    for (int acfc = 0; acfc <= 1; acfc++)
        for (int pfc = 0; pfc <= 1; pfc++) {
            memset(h, 0, sizeof(h));
            CHECK_EQ(ppp_frame_header(h, 0xc021, acfc, pfc), 4);
            CHECK(memcmp(h, lcp, 4) == 0);
        }
    CHECK_EQ(ppp_frame_header(h, 0x0021, false, false), 4);
    CHECK(h[0] == 0xff && h[1] == 0x03 && h[2] == 0x00 && h[3] == 0x21);
    CHECK_EQ(ppp_frame_header(h, 0x0021, true, false), 2);
    CHECK(h[0] == 0x00 && h[1] == 0x21);
    CHECK_EQ(ppp_frame_header(h, 0x0021, false, true), 3);
    CHECK(h[0] == 0xff && h[1] == 0x03 && h[2] == 0x21);
    CHECK_EQ(ppp_frame_header(h, 0x0021, true, true), 1);
    CHECK_EQ(h[0], 0x21);
    /* PFC applies to protocols below 0x100 only. */
    CHECK_EQ(ppp_frame_header(h, 0x8021, true, true), 2);
    CHECK(h[0] == 0x80 && h[1] == 0x21);
    /* Whatever the header, split reads the protocol back. */
    static const uint16_t protos[] = {0x0021, 0x0057, 0x8021, 0x8057, 0xc021, 0xc023, 0xc223};
    for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
        for (int flags = 0; flags < 4; flags++) {
            uint8_t f[5];
            size_t n = ppp_frame_header(f, protos[i], flags & 1, flags & 2);
            f[n] = 0x99;
            CHECK(split(f, n + 1, protos[i], n));
        }
}

int
main(void)
{
    TH_RUN(t_fcs_check_values);
    TH_RUN(t_fcs_matches_bitwise);
    TH_RUN(t_round_trip_accm_none);
    TH_RUN(t_round_trip_accm_all);
    TH_RUN(t_round_trip_accm_xon_xoff);
    TH_RUN(t_encode_exact_bytes);
    TH_RUN(t_rx_accm_drops_line_noise);
    TH_RUN(t_resync_after_garbage);
    TH_RUN(t_bad_fcs_counted);
    TH_RUN(t_abort_counted);
    TH_RUN(t_short_frames_and_fill);
    TH_RUN(t_overrun);
    TH_RUN(t_encode_small_cap);
    TH_RUN(t_frame_split);
    TH_RUN(t_frame_header);
    return th_done();
}
