/* Option lists of the control protocols (RFC 1661 6): building ours, and
 * walking the peer's, judging a Configure-Request option by option into an
 * Ack, Nak or Reject, or applying a Nak or Reject of ours. LCP, IPCP and
 * IPv6CP share all of this; each says only what its options mean. */
#include <string.h>

#include "ppp/ppp_local.h"

void
opt_add(struct opt_buf *o, const uint8_t *opt, size_t n)
{
    if (o->len + n <= o->cap) {
        memcpy(o->b + o->len, opt, n);
        o->len += n;
    }
}

/* An option of n value bytes, v big-endian (n = 0, 2, 4 or 8). */
static void
add_value(struct opt_buf *o, uint8_t type, uint64_t v, size_t n)
{
    uint8_t b[OPT_LEN64] = {type, (uint8_t)(OPT_LEN0 + n)};
    for (size_t i = 0; i < n; i++)
        b[OPT_LEN0 + i] = (uint8_t)(v >> 8 * (n - 1 - i));
    opt_add(o, b, OPT_LEN0 + n);
}

void opt_add0(struct opt_buf *o, uint8_t type) { add_value(o, type, 0, 0); }
void opt_add16(struct opt_buf *o, uint8_t type, uint16_t v) { add_value(o, type, v, 2); }
void opt_add32(struct opt_buf *o, uint8_t type, uint32_t v) { add_value(o, type, v, 4); }
void opt_add64(struct opt_buf *o, uint8_t type, uint64_t v) { add_value(o, type, v, 8); }

/* Walks an option list: true while a well-formed option remains (type,
 * length >= 2 and inside the list); *bad set when the list is malformed. */
struct opt_iter {
    const uint8_t *p;
    size_t left;
    bool bad;
};

static bool
opt_next(struct opt_iter *it, uint8_t *type, const uint8_t **opt, uint8_t *olen)
{
    if (it->left == 0)
        return false;
    if (it->left < 2 || it->p[1] < 2 || it->p[1] > it->left) {
        it->bad = true;
        return false;
    }
    *type = it->p[0];
    *olen = it->p[1];
    *opt = it->p;
    it->p += *olen;
    it->left -= *olen;
    return true;
}

/* RFC 1661 5: a malformed list is discarded whole, before any of it acts. */
static bool
opt_list_ok(const uint8_t *p, size_t len)
{
    struct opt_iter it = {p, len, false};
    uint8_t t, l;
    const uint8_t *o;
    while (opt_next(&it, &t, &o, &l))
        ;
    return !it.bad;
}

int
opt_judge_req(struct fsm *f, const uint8_t *opts, size_t len, uint8_t *out, size_t *out_len,
              bool reject_only, opt_judge_fn judge, void *his)
{
    if (!opt_list_ok(opts, len))
        return 0;
    uint8_t nakbuf[FSM_PKT_MAX];
    struct opt_reply r = {{out, FSM_PKT_MAX, 0}, {nakbuf, sizeof(nakbuf), 0}, reject_only};
    uint32_t seen[256 / 32] = {0};
    struct opt_iter it = {opts, len, false};
    uint8_t type, olen;
    const uint8_t *opt;
    while (opt_next(&it, &type, &opt, &olen)) {
        /* A repeated option is rejected (pppd #611). */
        uint32_t bit = 1u << (type & 31);
        int v = (seen[type >> 5] & bit) ? CP_CONF_REJ : judge(f, his, type, opt, olen, &r);
        seen[type >> 5] |= bit;
        if (v == 0)
            return 0;
        if (v == CP_CONF_NAK && reject_only)
            v = CP_CONF_REJ;
        if (v == CP_CONF_REJ)
            opt_add(&r.rej, opt, olen);
    }
    if (r.rej.len) {
        *out_len = r.rej.len;
        return CP_CONF_REJ;
    }
    if (r.nak.len) {
        memcpy(out, nakbuf, r.nak.len);
        *out_len = r.nak.len;
        return CP_CONF_NAK;
    }
    *out_len = 0;
    return CP_CONF_ACK;
}

bool
opt_walk(struct fsm *f, const uint8_t *opts, size_t len,
         bool (*each)(struct fsm *f, uint8_t type, const uint8_t *opt, uint8_t olen))
{
    if (!opt_list_ok(opts, len))
        return false;
    struct opt_iter it = {opts, len, false};
    uint8_t type, olen;
    const uint8_t *opt;
    while (opt_next(&it, &type, &opt, &olen))
        if (!each(f, type, opt, olen))
            return false;
    return true;
}
