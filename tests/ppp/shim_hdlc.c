/* THROWAWAY, tests only: a minimal RFC 1662 framer so the engine's tests
 * build before the "hdlc" part's src/ppp/hdlc.c lands. meson compiles this
 * only while src/ppp/hdlc.c does not exist; it is not the product framer. */
#include <string.h>

#include "ppp/hdlc.h"

uint16_t
fcs16(uint16_t fcs, const uint8_t *p, size_t n)
{
    while (n--) {
        fcs ^= *p++;
        for (int i = 0; i < 8; i++)
            fcs = (fcs & 1) ? (uint16_t)((fcs >> 1) ^ 0x8408) : (uint16_t)(fcs >> 1);
    }
    return fcs;
}

uint32_t
fcs32(uint32_t fcs, const uint8_t *p, size_t n)
{
    while (n--) {
        fcs ^= *p++;
        for (int i = 0; i < 8; i++)
            fcs = (fcs & 1) ? (fcs >> 1) ^ 0xedb88320u : fcs >> 1;
    }
    return fcs;
}

void
hdlc_decoder_init(struct hdlc_decoder *d)
{
    memset(d, 0, sizeof(*d));
}

void
hdlc_decode(struct hdlc_decoder *d, const uint8_t *in, size_t n, hdlc_frame_fn fn, void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = in[i];
        if (c == HDLC_FLAG) {
            if (d->escape && d->len)
                d->counters.framing_err++;
            else if (!d->discard && d->len >= 4) {
                if (fcs16(PPP_INITFCS16, d->buf, d->len) == PPP_GOODFCS16)
                    fn(ctx, d->buf, d->len - 2);
                else
                    d->counters.crc_err++;
            } else if (!d->discard && d->len)
                d->counters.framing_err++;
            d->len = 0;
            d->escape = d->discard = false;
            continue;
        }
        if (d->discard)
            continue;
        if (c == HDLC_ESCAPE) {
            d->escape = true;
            continue;
        }
        if (d->escape) {
            c ^= HDLC_TRANS;
            d->escape = false;
        }
        if (d->len == HDLC_MAX_FRAME) {
            d->counters.overrun_err++;
            d->discard = true;
            d->len = 0;
            continue;
        }
        d->buf[d->len++] = c;
    }
}

static size_t
put(uint32_t accm, uint8_t c, uint8_t *out)
{
    if (c == HDLC_FLAG || c == HDLC_ESCAPE || (c < 0x20 && (accm >> c) & 1)) {
        out[0] = HDLC_ESCAPE;
        out[1] = c ^ HDLC_TRANS;
        return 2;
    }
    out[0] = c;
    return 1;
}

size_t
hdlc_encode(uint32_t accm, bool use_fcs32, const uint8_t *frame, size_t len, uint8_t *out,
            size_t cap)
{
    (void)use_fcs32;
    if (cap < HDLC_ENCODE_BOUND(len))
        return 0;
    size_t o = 0;
    out[o++] = HDLC_FLAG;
    for (size_t i = 0; i < len; i++)
        o += put(accm, frame[i], out + o);
    uint16_t fcs = fcs16(PPP_INITFCS16, frame, len) ^ 0xffff;
    o += put(accm, (uint8_t)fcs, out + o);
    o += put(accm, (uint8_t)(fcs >> 8), out + o);
    out[o++] = HDLC_FLAG;
    return o;
}

bool
ppp_frame_split(const uint8_t *frame, size_t len, uint16_t *proto, const uint8_t **payload,
                size_t *payload_len)
{
    if (len >= 2 && frame[0] == 0xff && frame[1] == 0x03) {
        frame += 2;
        len -= 2;
    }
    if (len < 1)
        return false;
    size_t h;
    if (frame[0] & 1) {
        *proto = frame[0];
        h = 1;
    } else {
        if (len < 2 || !(frame[1] & 1))
            return false;
        *proto = (uint16_t)(frame[0] << 8 | frame[1]);
        h = 2;
    }
    *payload = frame + h;
    *payload_len = len - h;
    return true;
}

size_t
ppp_frame_header(uint8_t *out, uint16_t proto, bool acfc, bool pfc)
{
    size_t n = 0;
    if (!acfc || proto == 0xc021) {
        out[n++] = 0xff;
        out[n++] = 0x03;
    }
    if (!pfc || proto > 0xff || proto == 0xc021)
        out[n++] = (uint8_t)(proto >> 8);
    out[n++] = (uint8_t)proto;
    return n;
}
