/* bench-hdlc: the RFC 1662 framer's throughput on 1500-byte frames, next to
 * a baseline measured in the same run: the textbook framer (bitwise CRC, one
 * byte at a time through a switch), kept below. Two ACCMs: 0 (what most
 * links negotiate) and 0xffffffff (LCP, and peers that never negotiate it).
 * MB/s counts unescaped frame bytes; best of several repetitions. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "ppp/hdlc.h"
#include "rng.h"

#define FRAME_LEN 1500
#define NFRAMES   64
#define READ_SIZE 4096          /* the line is read in chunks of this size */
#define REPS      9

/* --- baseline: the straightforward framer --- */

static uint16_t
baseline_fcs16(uint16_t fcs, uint8_t c)
{
    fcs ^= c;
    for (int i = 0; i < 8; i++)
        fcs = (fcs & 1) ? (uint16_t)((fcs >> 1) ^ 0x8408) : (uint16_t)(fcs >> 1);
    return fcs;
}

static size_t
baseline_put(uint32_t accm, uint8_t c, uint8_t *out)
{
    switch (c) {
    case HDLC_FLAG:
    case HDLC_ESCAPE:
        break;
    default:
        if (c >= 0x20 || !((accm >> c) & 1)) {
            out[0] = c;
            return 1;
        }
    }
    out[0] = HDLC_ESCAPE;
    out[1] = c ^ HDLC_TRANS;
    return 2;
}

static size_t
baseline_encode(uint32_t accm, const uint8_t *frame, size_t len, uint8_t *out)
{
    uint16_t fcs = PPP_INITFCS16;
    size_t o = 0;
    out[o++] = HDLC_FLAG;
    for (size_t i = 0; i < len; i++) {
        fcs = baseline_fcs16(fcs, frame[i]);
        o += baseline_put(accm, frame[i], out + o);
    }
    fcs ^= 0xffff;
    o += baseline_put(accm, (uint8_t)fcs, out + o);
    o += baseline_put(accm, (uint8_t)(fcs >> 8), out + o);
    out[o++] = HDLC_FLAG;
    return o;
}

struct baseline_decoder {
    uint8_t buf[HDLC_MAX_FRAME];
    size_t len;
    uint16_t fcs;
    bool escape, discard;
};

static void
baseline_decode(struct baseline_decoder *d, const uint8_t *in, size_t n, hdlc_frame_fn fn,
                void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = in[i];
        switch (c) {
        case HDLC_FLAG:
            if (!d->escape && !d->discard && d->len >= 4 && d->fcs == PPP_GOODFCS16)
                fn(ctx, d->buf, d->len - 2);
            d->len = 0;
            d->fcs = PPP_INITFCS16;
            d->escape = d->discard = false;
            break;
        case HDLC_ESCAPE:
            d->escape = true;
            break;
        default:
            if (d->escape) {
                c ^= HDLC_TRANS;
                d->escape = false;
            }
            if (d->discard)
                break;
            if (d->len == sizeof(d->buf)) {
                d->discard = true;
                break;
            }
            d->buf[d->len++] = c;
            d->fcs = baseline_fcs16(d->fcs, c);
        }
    }
}

/* --- the measurements --- */

static uint8_t frames[NFRAMES][FRAME_LEN];
static uint8_t wire[NFRAMES * HDLC_ENCODE_BOUND(FRAME_LEN)];
static uint8_t scratch[NFRAMES * HDLC_ENCODE_BOUND(FRAME_LEN)];
static size_t wire_len;

struct tally {
    size_t frames, bytes;
    uint32_t mix;
};

static void
on_frame(void *ctx, const uint8_t *frame, size_t len)
{
    struct tally *t = ctx;
    t->frames++;
    t->bytes += len;
    t->mix = fcs32(t->mix, frame + len - 4, 4);
}

enum which { OURS, BASELINE };

static size_t
encode_all(enum which w, uint32_t accm, uint8_t *out)
{
    size_t o = 0;
    for (int i = 0; i < NFRAMES; i++)
        o += w == OURS ? hdlc_encode(accm, false, frames[i], FRAME_LEN, out + o,
                                     HDLC_ENCODE_BOUND(FRAME_LEN))
                       : baseline_encode(accm, frames[i], FRAME_LEN, out + o);
    return o;
}

static struct tally
decode_all(enum which w)
{
    static struct hdlc_decoder ours;
    static struct baseline_decoder base;
    struct tally t = {0, 0, 0};
    hdlc_decoder_init(&ours);
    memset(&base, 0, sizeof(base));
    base.fcs = PPP_INITFCS16;
    for (size_t i = 0; i < wire_len; i += READ_SIZE) {
        size_t k = wire_len - i < READ_SIZE ? wire_len - i : READ_SIZE;
        if (w == OURS)
            hdlc_decode(&ours, wire + i, k, on_frame, &t);
        else
            baseline_decode(&base, wire + i, k, on_frame, &t);
    }
    return t;
}

/* MB/s (of unescaped frame bytes) over enough passes to last ~50 ms. */
static double
rate(enum which w, bool encode, uint32_t accm)
{
    volatile size_t sink = 0;
    size_t passes = 0;
    double t0 = clock_now_s(), t;
    do {
        if (encode)
            sink += encode_all(w, accm, scratch);
        else
            sink += decode_all(w).frames;
        passes++;
        t = clock_now_s() - t0;
    } while (t < 0.05);
    (void)sink;
    return (double)passes * NFRAMES * FRAME_LEN / t / 1e6;
}

/* Best of REPS, ours and the baseline taking turns so that a busy machine
 * slows both alike. */
static void
best_rates(bool encode, uint32_t accm, double *ours, double *base)
{
    *ours = *base = 0;
    for (int r = 0; r < REPS; r++) {
        double a = rate(OURS, encode, accm), b = rate(BASELINE, encode, accm);
        *ours = a > *ours ? a : *ours;
        *base = b > *base ? b : *base;
    }
}

static uint32_t rng = 0x9e3779b9;

static uint32_t
rnd(void)
{
    return rng_next(&rng);
}

static int
run_case(const char *name, uint32_t accm)
{
    for (int i = 0; i < NFRAMES; i++) {
        static const uint8_t ip_head[] = {0xff, 0x03, 0x00, 0x21};
        memcpy(frames[i], ip_head, sizeof(ip_head));
        for (size_t k = sizeof(ip_head); k < FRAME_LEN; k++)
            frames[i][k] = (uint8_t)rnd();
    }
    /* Both framers must put the same bytes on the wire and read back the
     * same frames, or the figures compare nothing. */
    wire_len = encode_all(OURS, accm, wire);
    if (encode_all(BASELINE, accm, scratch) != wire_len || memcmp(wire, scratch, wire_len)) {
        fprintf(stderr, "bench-hdlc: the encoders disagree (%s)\n", name);
        return 1;
    }
    struct tally a = decode_all(OURS), b = decode_all(BASELINE);
    if (a.frames != NFRAMES || a.frames != b.frames || a.bytes != b.bytes || a.mix != b.mix) {
        fprintf(stderr, "bench-hdlc: the decoders disagree (%s)\n", name);
        return 1;
    }
    printf("%s: %zu wire bytes per %d-byte frame\n", name, wire_len / NFRAMES, FRAME_LEN);
    for (int encode = 1; encode >= 0; encode--) {
        double ours, base;
        best_rates(encode, accm, &ours, &base);
        printf("  %s  ours %8.1f MB/s   baseline %7.1f MB/s   ratio %5.1fx\n",
               encode ? "encode" : "decode", ours, base, ours / base);
    }
    return 0;
}

int
main(void)
{
    printf("bench-hdlc: %d frames of %d bytes, decode in %d-byte reads, best of %d\n",
           NFRAMES, FRAME_LEN, READ_SIZE, REPS);
    int rc = run_case("(a) ACCM 0x00000000, random payload", 0);
    rc |= run_case("(b) ACCM 0xffffffff, random payload", 0xffffffffu);
    return rc;
}
