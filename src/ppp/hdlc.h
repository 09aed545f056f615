/* RFC 1662 async HDLC-like framing: FCS, escaping, the decoder that finds
 * frames in a byte stream, and the address/control/protocol header. Pure and
 * allocation-free: the decoder state lives by value in the link. FCS is
 * computed apart from escaping (slice-by-8), so neither runs a byte at a time
 * through a switch. */
#ifndef RAS_PPP_HDLC_H
#define RAS_PPP_HDLC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HDLC_FLAG   0x7e
#define HDLC_ESCAPE 0x7d
#define HDLC_TRANS  0x20
#define PPP_INITFCS16 0xffff
#define PPP_GOODFCS16 0xf0b8
#define PPP_INITFCS32 0xffffffffu
#define PPP_GOODFCS32 0xdebb20e3u

/* Largest frame the decoder keeps (address..payload..FCS, unescaped). */
#define HDLC_MAX_FRAME 4100

uint16_t fcs16(uint16_t fcs, const uint8_t *p, size_t n);
uint32_t fcs32(uint32_t fcs, const uint8_t *p, size_t n);

/* Error counters, in the shape RAS_STATS needs. */
struct hdlc_counters {
    uint32_t crc_err;       /* bad FCS */
    uint32_t framing_err;   /* frame too short, abort sequence (7d 7e) */
    uint32_t overrun_err;   /* frame longer than HDLC_MAX_FRAME: dropped */
};

struct hdlc_decoder {
    uint8_t buf[HDLC_MAX_FRAME];
    size_t len;
    bool escape;            /* last byte was 0x7d */
    bool discard;           /* dropping until the next flag (overrun) */
    bool fcs32;             /* FCS-32 negotiated */
    /* Our receive ACCM (RFC 1662 7.1): control characters it flags that
     * arrive unescaped were put in by the line (a modem's XON/XOFF) and are
     * dropped. 0 after hdlc_decoder_init (keep everything); the engine sets
     * all ones until LCP opens, then what the peer acked of ours. */
    uint32_t rx_accm;
    struct hdlc_counters counters;
};

void hdlc_decoder_init(struct hdlc_decoder *d);
/* Feeds line bytes in any chunking. Calls fn once per complete frame whose
 * FCS checks, with the frame minus the FCS (address/control still there if
 * the peer sent them). Garbage and bad frames are counted and skipped; the
 * decoder resynchronises on the next flag. */
typedef void (*hdlc_frame_fn)(void *ctx, const uint8_t *frame, size_t len);
void hdlc_decode(struct hdlc_decoder *d, const uint8_t *in, size_t n, hdlc_frame_fn fn,
                 void *ctx);

/* Worst-case encoded size of a frame of len bytes (every byte escaped, FCS,
 * two flags). */
#define HDLC_ENCODE_BOUND(len) (2 * ((len) + 4) + 2)
/* Escapes frame (header + payload, no FCS) with the peer's ACCM (bit n set =
 * escape byte n, for n < 0x20; 0x7d and 0x7e always), appends the FCS and
 * flags. Returns bytes written, or 0 if cap < what it needs. */
size_t hdlc_encode(uint32_t accm, bool use_fcs32, const uint8_t *frame, size_t len,
                   uint8_t *out, size_t cap);

/* Splits a decoded frame: skips FF 03 if present, reads a 1- or 2-byte
 * protocol (RFC 1661 6.5 PFC: an odd first byte is a 1-byte protocol).
 * Returns false if the frame is too short or the protocol field is invalid. */
bool ppp_frame_split(const uint8_t *frame, size_t len, uint16_t *proto,
                     const uint8_t **payload, size_t *payload_len);
/* Writes the header for proto (with or without ACFC/PFC as allowed; LCP is
 * never compressed, RFC 1661 6.5/6.6). Returns its length (1..4). */
size_t ppp_frame_header(uint8_t *out, uint16_t proto, bool acfc, bool pfc);

#endif
