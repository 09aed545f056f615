/* PPPoE packets (RFC 2516, RFC 4638): the discovery stage's PADI, PADO,
 * PADR, PADS and PADT with their tags, and the session stage's header.
 * Pure: no I/O, no allocation. The parser treats every byte as hostile
 * (each length is checked before the read it allows) and hands back
 * pointers into the packet, never copies. */
#ifndef RAS_PORT_PPPOE_CODEC_H
#define RAS_PORT_PPPOE_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Ethertypes (RFC 2516 4). */
#define PPPOE_ETH_DISCOVERY 0x8863
#define PPPOE_ETH_SESSION   0x8864

/* VER 1, TYPE 1, code, session id, payload length (RFC 2516 4). */
#define PPPOE_HDR_LEN   6
#define PPPOE_VER_TYPE  0x11
#define PPPOE_TAG_HDR_LEN 4

/* Ethernet's 1500-byte payload less the PPPoE header (RFC 2516 7): the
 * largest PPP frame a plain link carries, hence MRU 1492. */
#define PPPOE_ETH_MTU      1500
#define PPPOE_DEFAULT_MRU  (PPPOE_ETH_MTU - PPPOE_HDR_LEN - 2)
/* RFC 2516 5.1: a PADI leaves room for a relay's Relay-Session-Id. */
#define PPPOE_PADI_MAX     1484
/* Largest discovery packet we build or keep (one Ethernet payload). */
#define PPPOE_DISC_MAX     PPPOE_ETH_MTU

enum pppoe_code {
    PPPOE_CODE_SESSION = 0x00,
    PPPOE_CODE_PADO = 0x07,
    PPPOE_CODE_PADI = 0x09,
    PPPOE_CODE_PADR = 0x19,
    PPPOE_CODE_PADS = 0x65,
    PPPOE_CODE_PADT = 0xa7,
};

/* Tag types (RFC 2516 appendix A, RFC 4638 4). */
enum pppoe_tag {
    PPPOE_TAG_END_OF_LIST = 0x0000,
    PPPOE_TAG_SERVICE_NAME = 0x0101,
    PPPOE_TAG_AC_NAME = 0x0102,
    PPPOE_TAG_HOST_UNIQ = 0x0103,
    PPPOE_TAG_AC_COOKIE = 0x0104,
    PPPOE_TAG_VENDOR = 0x0105,
    PPPOE_TAG_RELAY_SESSION_ID = 0x0110,
    PPPOE_TAG_PPP_MAX_PAYLOAD = 0x0120,
    PPPOE_TAG_SERVICE_NAME_ERROR = 0x0201,
    PPPOE_TAG_AC_SYSTEM_ERROR = 0x0202,
    PPPOE_TAG_GENERIC_ERROR = 0x0203,
};

/* Why a packet was refused (0 = parsed). */
enum pppoe_parse_error {
    PPPOE_OK = 0,
    PPPOE_E_SHORT,        /* shorter than the header */
    PPPOE_E_VERSION,      /* VER/TYPE not 1/1 */
    PPPOE_E_CODE,         /* not a discovery code */
    PPPOE_E_LENGTH,       /* LENGTH runs past the packet */
    PPPOE_E_TAG,          /* a tag's length runs past the payload */
    PPPOE_E_TAG_VALUE,    /* a tag of fixed size has another */
    PPPOE_E_SESSION_ID,   /* session id 0 where one is needed, or not 0 where none is */
};

/* A tag's value inside the packet; p == NULL = the tag was absent (a
 * present, empty tag has p set and len 0). */
struct pppoe_value {
    const uint8_t *p;
    uint16_t len;
};

/* One discovery packet as parsed. For each tag the first occurrence
 * counts (RFC 2516 leaves repeats undefined); Service-Name is counted as
 * well, since a PADO may offer several. */
struct pppoe_disc {
    uint8_t code;
    uint16_t session;
    struct pppoe_value service, ac_name, host_uniq, cookie, relay;
    unsigned n_service;
    bool has_max_payload;
    uint16_t max_payload;
    uint16_t error_tag;          /* the first error tag, 0 = none */
    struct pppoe_value error;    /* its text (UTF-8, not terminated) */
};

/* Parses a discovery packet (PPPoE header onward, as an AF_PACKET
 * SOCK_DGRAM socket delivers it; bytes past LENGTH are Ethernet padding).
 * Returns PPPOE_OK and fills *out, else the reason (*out undefined). */
enum pppoe_parse_error pppoe_disc_parse(const uint8_t *pkt, size_t len,
                                        struct pppoe_disc *out);
/* For logs: "short", "bad tag length", ... */
const char *pppoe_parse_error_name(enum pppoe_parse_error e);
/* For logs: "PADI", ..., "?" */
const char *pppoe_code_name(uint8_t code);

/* Builds a discovery packet into a caller's buffer. Every call is
 * bounded by cap; an overflow is remembered and pppoe_build_end then
 * returns 0. */
struct pppoe_builder {
    uint8_t *buf;
    size_t cap, len;
    bool overflow;
};
void pppoe_build_start(struct pppoe_builder *b, uint8_t *buf, size_t cap, uint8_t code,
                       uint16_t session);
void pppoe_build_tag(struct pppoe_builder *b, uint16_t type, const void *value, size_t len);
/* A tag carrying a 16-bit value (PPP-Max-Payload). */
void pppoe_build_tag16(struct pppoe_builder *b, uint16_t type, uint16_t value);
/* Writes LENGTH; returns the packet's size, or 0 if it did not fit. */
size_t pppoe_build_end(struct pppoe_builder *b);

/* Session stage (RFC 2516 6): writes the header for a PPP frame of
 * ppp_len bytes (protocol field onward) into out[PPPOE_HDR_LEN]. */
void pppoe_session_header(uint8_t *out, uint16_t session, uint16_t ppp_len);
/* Splits a session packet: true, with the session id and the PPP frame
 * (trailing Ethernet padding cut off by LENGTH), if the header is sound. */
bool pppoe_session_parse(const uint8_t *pkt, size_t len, uint16_t *session,
                         const uint8_t **frame, size_t *frame_len);

#endif
