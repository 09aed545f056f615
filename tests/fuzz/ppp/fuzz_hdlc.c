/* libFuzzer target 'hdlc': the RFC 1662 decoder over arbitrary line bytes.
 * Asserts: the frames and error counts do not depend on how the bytes are
 * chunked; every decoded frame, re-encoded under several ACCMs, decodes back
 * to itself alone; the protocol field survives a header rebuild; a receive
 * ACCM acts exactly as if the control characters it flags had been taken
 * out of the line before decoding (RFC 1662 7.1, even between an escape and
 * its octet).
 *
 * Input: [mode][accm] then line bytes. mode bit7 FCS-32; bits0-5 chunk
 * size (0 = all at once); bit6 chunk sizes vary around it. accm%4 picks the
 * receive ACCM: 0 none, 1 all, 2 XON/XOFF, 3 the byte repeated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ppp/hdlc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *why)
{
    fprintf(stderr, "hdlc fuzz: %s\n", why);
    abort();
}

/* The frames a decode produced, folded into one digest. */
struct seen {
    uint32_t digest;
    size_t frames;
    bool fcs32;
};

static void
fold(struct seen *s, const uint8_t *frame, size_t len)
{
    uint8_t l[4] = {(uint8_t)len, (uint8_t)(len >> 8), (uint8_t)(len >> 16), (uint8_t)(len >> 24)};
    s->digest = fcs32(fcs32(s->digest, l, 4), frame, len);
    s->frames++;
}

static void
on_frame_plain(void *ctx, const uint8_t *frame, size_t len)
{
    fold(ctx, frame, len);
}

struct echo {
    const uint8_t *want;
    size_t len;
    int frames;
};

static void
on_echo(void *ctx, const uint8_t *frame, size_t len)
{
    struct echo *e = ctx;
    if (++e->frames != 1 || len != e->len || memcmp(frame, e->want, len) != 0)
        fail("re-encoded frame did not decode back to itself");
}

static void
check_reencode(const uint8_t *frame, size_t len, bool use_fcs32, uint32_t accm)
{
    static uint8_t wire[HDLC_ENCODE_BOUND(HDLC_MAX_FRAME)];
    static struct hdlc_decoder d;
    size_t n = hdlc_encode(accm, use_fcs32, frame, len, wire, sizeof(wire));
    if (n == 0 || n > HDLC_ENCODE_BOUND(len))
        fail("encode failed within its bound");
    hdlc_decoder_init(&d);
    d.fcs32 = use_fcs32;
    struct echo e = {frame, len, 0};
    hdlc_decode(&d, wire, n, on_echo, &e);
    if (e.frames != 1 || d.len != 0 || d.counters.crc_err || d.counters.framing_err ||
        d.counters.overrun_err)
        fail("re-encoded frame: lost or counted as an error");
}

static void
check_header(const uint8_t *frame, size_t len)
{
    uint16_t proto;
    const uint8_t *pl;
    size_t plen;
    if (!ppp_frame_split(frame, len, &proto, &pl, &plen))
        return;
    if (pl < frame || pl + plen != frame + len || !(proto & 1) || (proto & 0x100))
        fail("split returned an impossible field");
    for (int flags = 0; flags < 4; flags++) {
        uint8_t h[8];
        size_t hn = ppp_frame_header(h, proto, flags & 1, flags & 2);
        uint16_t p2;
        const uint8_t *pl2;
        size_t plen2;
        if (hn < 1 || hn > 4 || !ppp_frame_split(h, hn, &p2, &pl2, &plen2) || p2 != proto ||
            plen2 != 0)
            fail("header did not split back to its protocol");
    }
}

static void
on_frame_checked(void *ctx, const uint8_t *frame, size_t len)
{
    struct seen *s = ctx;
    if (len < 2 || len > HDLC_MAX_FRAME - (s->fcs32 ? 4 : 2))
        fail("decoded frame length out of range");
    fold(s, frame, len);
    static const uint32_t accms[] = {0, 0xffffffffu, 0x000a0000u};
    check_reencode(frame, len, s->fcs32, accms[s->frames % 3]);
    check_reencode(frame, len, s->fcs32, frame[0] * 0x01010101u ^ (uint32_t)len);
    check_header(frame, len);
}

static uint32_t
pick_accm(uint8_t sel)
{
    static const uint32_t fixed[] = {0, 0xffffffffu, 0x000a0000u};
    return sel % 4 < 3 ? fixed[sel % 4] : sel * 0x01010101u;
}

/* The same line with the flagged control characters taken out, decoded
 * with no receive ACCM: must give what the ACCM decode gave. */
static void
check_filtered(const uint8_t *data, size_t size, uint32_t accm, bool use_fcs32,
               const struct seen *want, const struct hdlc_decoder *dw)
{
    static uint8_t line[65536];
    static struct hdlc_decoder d;
    size_t n = 0;
    if (size > sizeof(line))
        return;
    for (size_t i = 0; i < size; i++)
        if (!(data[i] < 0x20 && (accm >> data[i]) & 1))
            line[n++] = data[i];
    hdlc_decoder_init(&d);
    d.fcs32 = use_fcs32;
    struct seen s = {0, 0, use_fcs32};
    hdlc_decode(&d, line, n, on_frame_plain, &s);
    if (s.frames != want->frames || s.digest != want->digest)
        fail("the receive ACCM did not act as removing its characters");
    if (memcmp(&d.counters, &dw->counters, sizeof(d.counters)) != 0 || d.len != dw->len ||
        d.escape != dw->escape || d.discard != dw->discard)
        fail("the receive ACCM changed the counters or state");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct hdlc_decoder whole, chunked;
    if (size < 2)
        return 0;
    uint8_t mode = data[0];
    bool use_fcs32 = mode & 0x80;
    size_t chunk = mode & 0x3f;
    uint32_t accm = pick_accm(data[1]);
    data += 2;
    size -= 2;

    hdlc_decoder_init(&whole);
    whole.fcs32 = use_fcs32;
    whole.rx_accm = accm;
    struct seen a = {0, 0, use_fcs32};
    hdlc_decode(&whole, data, size, on_frame_plain, &a);

    hdlc_decoder_init(&chunked);
    chunked.fcs32 = use_fcs32;
    chunked.rx_accm = accm;
    struct seen b = {0, 0, use_fcs32};
    uint32_t lcg = mode;
    for (size_t i = 0; i < size;) {
        size_t k = chunk ? chunk : size;
        if (mode & 0x40) {
            lcg = lcg * 1103515245u + 12345u;
            k = 1 + (lcg >> 16) % (2 * k);
        }
        if (k > size - i)
            k = size - i;
        hdlc_decode(&chunked, data + i, k, on_frame_checked, &b);
        i += k;
    }
    if (a.frames != b.frames || a.digest != b.digest)
        fail("frames depend on the chunking");
    if (memcmp(&whole.counters, &chunked.counters, sizeof(whole.counters)) != 0 ||
        whole.len != chunked.len || whole.escape != chunked.escape ||
        whole.discard != chunked.discard)
        fail("counters or state depend on the chunking");
    if (accm)
        check_filtered(data, size, accm, use_fcs32, &a, &whole);
    return 0;
}
