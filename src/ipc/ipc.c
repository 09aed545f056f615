/* Bounds-checked message builder and reader for the libras <-> rasmand
 * protocol (see ipc.h). Nothing here allocates or does I/O. */
#include "ipc/ipc.h"

#include <string.h>

#include "common/alloc.h"

static void
put_le(uint8_t *p, uint64_t v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t
get_le(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static uint8_t *
reserve(struct ipc_msg *m, size_t n)
{
    if (m->overflow || n > sizeof(m->buf) - m->len) {
        m->overflow = true;
        return NULL;
    }
    uint8_t *p = m->buf + m->len;
    m->len += n;
    return p;
}

void
ipc_msg_init(struct ipc_msg *m, uint16_t type, uint32_t id)
{
    m->len = IPC_HDR_LEN;
    m->overflow = false;
    put_le(m->buf, IPC_MAGIC, 4);
    put_le(m->buf + 4, IPC_VERSION, 2);
    put_le(m->buf + 6, type, 2);
    put_le(m->buf + 8, id, 4);
    put_le(m->buf + 12, 0, 4);
}

static void
put_int(struct ipc_msg *m, uint64_t v, size_t n)
{
    uint8_t *p = reserve(m, n);
    if (p)
        put_le(p, v, n);
}

void ipc_put_u8(struct ipc_msg *m, uint8_t v) { put_int(m, v, 1); }
void ipc_put_u16(struct ipc_msg *m, uint16_t v) { put_int(m, v, 2); }
void ipc_put_u32(struct ipc_msg *m, uint32_t v) { put_int(m, v, 4); }
void ipc_put_u64(struct ipc_msg *m, uint64_t v) { put_int(m, v, 8); }

void
ipc_put_bytes(struct ipc_msg *m, const void *src, size_t n)
{
    uint8_t *p = reserve(m, n);
    if (p && n)
        memcpy(p, src, n);
}

void
ipc_put_str(struct ipc_msg *m, const char *s)
{
    size_t n = s ? strnlen(s, IPC_MAX_STR + 1) : 0;
    if (n > IPC_MAX_STR) {
        m->overflow = true;
        return;
    }
    ipc_put_u16(m, (uint16_t)n);
    ipc_put_bytes(m, s, n);
}

bool
ipc_msg_finish(struct ipc_msg *m)
{
    if (m->overflow)
        return false;
    put_le(m->buf + 12, m->len - IPC_HDR_LEN, 4);
    return true;
}

void
ipc_msg_wipe(struct ipc_msg *m)
{
    ras_wipe(m->buf, m->len);
    m->len = 0;
}

static bool
type_known(uint16_t t)
{
    return (t >= IPC_REQ_DIAL && t <= IPC_REQ_INFO) ||
           (t >= IPC_REP_DIAL && t <= IPC_REP_STATS) || t == IPC_REP_DEBUG ||
           t == IPC_REP_INFO ||
           t == IPC_EV_STATE || t == IPC_EV_CONN;
}

bool
ipc_parse_hdr(const uint8_t *buf, size_t n, struct ipc_hdr *h)
{
    if (!buf || n < IPC_HDR_LEN || n > IPC_MAX_MSG)
        return false;
    struct ipc_hdr t = {
        .magic = (uint32_t)get_le(buf, 4),
        .version = (uint16_t)get_le(buf + 4, 2),
        .type = (uint16_t)get_le(buf + 6, 2),
        .id = (uint32_t)get_le(buf + 8, 4),
        .len = (uint32_t)get_le(buf + 12, 4),
    };
    if (t.magic != IPC_MAGIC || t.version != IPC_VERSION || !type_known(t.type) ||
        t.len != n - IPC_HDR_LEN)
        return false;
    *h = t;
    return true;
}

void
ipc_reader_init(struct ipc_reader *r, const uint8_t *buf, size_t n)
{
    r->p = buf + IPC_HDR_LEN;
    r->len = n - IPC_HDR_LEN;
    r->off = 0;
    r->err = false;
}

static const uint8_t *
take(struct ipc_reader *r, size_t n)
{
    if (r->err || n > r->len - r->off) {
        r->err = true;
        return NULL;
    }
    const uint8_t *p = r->p + r->off;
    r->off += n;
    return p;
}

static bool
get_int(struct ipc_reader *r, uint64_t *v, size_t n)
{
    const uint8_t *p = take(r, n);
    if (!p)
        return false;
    *v = get_le(p, n);
    return true;
}

bool
ipc_get_u8(struct ipc_reader *r, uint8_t *v)
{
    uint64_t t;
    if (!get_int(r, &t, 1))
        return false;
    *v = (uint8_t)t;
    return true;
}

bool
ipc_get_u16(struct ipc_reader *r, uint16_t *v)
{
    uint64_t t;
    if (!get_int(r, &t, 2))
        return false;
    *v = (uint16_t)t;
    return true;
}

bool
ipc_get_u32(struct ipc_reader *r, uint32_t *v)
{
    uint64_t t;
    if (!get_int(r, &t, 4))
        return false;
    *v = (uint32_t)t;
    return true;
}

bool
ipc_get_u64(struct ipc_reader *r, uint64_t *v)
{
    return get_int(r, v, 8);
}

bool
ipc_get_bytes(struct ipc_reader *r, void *out, size_t n)
{
    const uint8_t *p = take(r, n);
    if (!p)
        return false;
    if (n)
        memcpy(out, p, n);
    return true;
}

bool
ipc_get_str(struct ipc_reader *r, char *out, size_t cap)
{
    uint16_t n;
    if (!ipc_get_u16(r, &n))
        return false;
    if (n > IPC_MAX_STR || (size_t)n >= cap) {
        r->err = true;
        return false;
    }
    const uint8_t *p = take(r, n);
    if (!p)
        return false;
    if (memchr(p, '\0', n)) {
        r->err = true;
        return false;
    }
    memcpy(out, p, n);
    out[n] = '\0';
    return true;
}

bool
ipc_get_end(const struct ipc_reader *r)
{
    return !r->err && r->off == r->len;
}
