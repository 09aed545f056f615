/* PPPoE discovery and session packets (see pppoe_codec.h). Lengths come
 * first: no byte is read before the length that covers it is checked. */
#include "port/pppoe_codec.h"

#include <string.h>

#include "common/be.h"

static bool
is_discovery_code(uint8_t code)
{
    switch (code) {
    case PPPOE_CODE_PADI: case PPPOE_CODE_PADO: case PPPOE_CODE_PADR:
    case PPPOE_CODE_PADS: case PPPOE_CODE_PADT:
        return true;
    default:
        return false;
    }
}

const char *
pppoe_code_name(uint8_t code)
{
    switch (code) {
    case PPPOE_CODE_PADI: return "PADI";
    case PPPOE_CODE_PADO: return "PADO";
    case PPPOE_CODE_PADR: return "PADR";
    case PPPOE_CODE_PADS: return "PADS";
    case PPPOE_CODE_PADT: return "PADT";
    case PPPOE_CODE_SESSION: return "session";
    default: return "?";
    }
}

const char *
pppoe_parse_error_name(enum pppoe_parse_error e)
{
    switch (e) {
    case PPPOE_OK: return "ok";
    case PPPOE_E_SHORT: return "shorter than its header";
    case PPPOE_E_VERSION: return "not version 1 type 1";
    case PPPOE_E_CODE: return "not a discovery code";
    case PPPOE_E_LENGTH: return "length past the packet";
    case PPPOE_E_TAG: return "tag length past the payload";
    case PPPOE_E_TAG_VALUE: return "tag value of the wrong size";
    case PPPOE_E_SESSION_ID: return "session id wrong for its code";
    }
    return "?";
}

static void
keep_first(struct pppoe_value *v, const uint8_t *p, uint16_t len)
{
    if (!v->p) {
        v->p = p;
        v->len = len;
    }
}

static bool
is_error_tag(uint16_t type)
{
    return type == PPPOE_TAG_SERVICE_NAME_ERROR || type == PPPOE_TAG_AC_SYSTEM_ERROR ||
           type == PPPOE_TAG_GENERIC_ERROR;
}

/* One tag; false if its value has a size its type forbids. */
static bool
take_tag(struct pppoe_disc *d, uint16_t type, const uint8_t *v, uint16_t len)
{
    switch (type) {
    case PPPOE_TAG_SERVICE_NAME:
        keep_first(&d->service, v, len);
        d->n_service++;
        break;
    case PPPOE_TAG_AC_NAME: keep_first(&d->ac_name, v, len); break;
    case PPPOE_TAG_HOST_UNIQ: keep_first(&d->host_uniq, v, len); break;
    case PPPOE_TAG_AC_COOKIE: keep_first(&d->cookie, v, len); break;
    case PPPOE_TAG_RELAY_SESSION_ID: keep_first(&d->relay, v, len); break;
    case PPPOE_TAG_PPP_MAX_PAYLOAD:
        /* RFC 4638 4: two octets */
        if (len != 2)
            return false;
        if (!d->has_max_payload) {
            d->has_max_payload = true;
            d->max_payload = get16(v);
        }
        break;
    default:
        if (is_error_tag(type) && !d->error_tag) {
            d->error_tag = type;
            d->error.p = v;
            d->error.len = len;
        }
        break;                    /* Vendor-Specific and unknown tags: ignored */
    }
    return true;
}

/* RFC 2516 5: PADI, PADO and PADR carry session id 0; a PADT names its
 * session. (A PADS may carry 0 when it refuses: the caller decides.) */
static bool
session_id_fits(uint8_t code, uint16_t session)
{
    switch (code) {
    case PPPOE_CODE_PADI: case PPPOE_CODE_PADO: case PPPOE_CODE_PADR:
        return session == 0;
    case PPPOE_CODE_PADT:
        return session != 0;
    default:
        return true;
    }
}

enum pppoe_parse_error
pppoe_disc_parse(const uint8_t *pkt, size_t len, struct pppoe_disc *out)
{
    if (len < PPPOE_HDR_LEN)
        return PPPOE_E_SHORT;
    if (pkt[0] != PPPOE_VER_TYPE)
        return PPPOE_E_VERSION;
    if (!is_discovery_code(pkt[1]))
        return PPPOE_E_CODE;
    size_t plen = get16(pkt + 4);
    if (plen > len - PPPOE_HDR_LEN)
        return PPPOE_E_LENGTH;
    memset(out, 0, sizeof(*out));
    out->code = pkt[1];
    out->session = get16(pkt + 2);
    if (!session_id_fits(out->code, out->session))
        return PPPOE_E_SESSION_ID;
    const uint8_t *p = pkt + PPPOE_HDR_LEN, *end = p + plen;
    while ((size_t)(end - p) >= PPPOE_TAG_HDR_LEN) {
        uint16_t type = get16(p), tlen = get16(p + 2);
        p += PPPOE_TAG_HDR_LEN;
        if (tlen > (size_t)(end - p))
            return PPPOE_E_TAG;
        if (type == PPPOE_TAG_END_OF_LIST)
            return PPPOE_OK;      /* RFC 2516 A: tags after it are ignored */
        if (!take_tag(out, type, p, tlen))
            return PPPOE_E_TAG_VALUE;
        p += tlen;
    }
    /* 1..3 bytes left over cannot hold a tag */
    return p == end ? PPPOE_OK : PPPOE_E_TAG;
}

void
pppoe_build_start(struct pppoe_builder *b, uint8_t *buf, size_t cap, uint8_t code,
                  uint16_t session)
{
    b->buf = buf;
    b->cap = cap;
    b->len = PPPOE_HDR_LEN;
    b->overflow = cap < PPPOE_HDR_LEN;
    if (b->overflow)
        return;
    buf[0] = PPPOE_VER_TYPE;
    buf[1] = code;
    put16(buf + 2, session);
    put16(buf + 4, 0);
}

void
pppoe_build_tag(struct pppoe_builder *b, uint16_t type, const void *value, size_t len)
{
    if (b->overflow || len > UINT16_MAX || b->cap - b->len < PPPOE_TAG_HDR_LEN + len) {
        b->overflow = true;
        return;
    }
    put16(b->buf + b->len, type);
    put16(b->buf + b->len + 2, (uint16_t)len);
    if (len)
        memcpy(b->buf + b->len + PPPOE_TAG_HDR_LEN, value, len);
    b->len += PPPOE_TAG_HDR_LEN + len;
}

void
pppoe_build_tag16(struct pppoe_builder *b, uint16_t type, uint16_t value)
{
    uint8_t v[2];
    put16(v, value);
    pppoe_build_tag(b, type, v, sizeof(v));
}

size_t
pppoe_build_end(struct pppoe_builder *b)
{
    if (b->overflow || b->len - PPPOE_HDR_LEN > UINT16_MAX)
        return 0;
    put16(b->buf + 4, (uint16_t)(b->len - PPPOE_HDR_LEN));
    return b->len;
}

void
pppoe_session_header(uint8_t *out, uint16_t session, uint16_t ppp_len)
{
    out[0] = PPPOE_VER_TYPE;
    out[1] = PPPOE_CODE_SESSION;
    put16(out + 2, session);
    put16(out + 4, ppp_len);
}

bool
pppoe_session_parse(const uint8_t *pkt, size_t len, uint16_t *session,
                    const uint8_t **frame, size_t *frame_len)
{
    if (len < PPPOE_HDR_LEN || pkt[0] != PPPOE_VER_TYPE || pkt[1] != PPPOE_CODE_SESSION)
        return false;
    size_t plen = get16(pkt + 4);
    if (plen > len - PPPOE_HDR_LEN || plen == 0)
        return false;
    *session = get16(pkt + 2);
    *frame = pkt + PPPOE_HDR_LEN;
    *frame_len = plen;
    return true;
}
