/* Encoders and decoders of every protocol message (see ipc_proto.h). The
 * field order here is the wire format: change it only with IPC_VERSION. */
#include "ipc/ipc_proto.h"

#include <stddef.h>
#include <string.h>

#include "common/alloc.h"

#define GET_STR(r, field) ipc_get_str((r), (field), sizeof(field))

static bool
start(struct ipc_reader *r, const uint8_t *buf, size_t n)
{
    struct ipc_hdr h;
    if (!ipc_parse_hdr(buf, n, &h))
        return false;
    ipc_reader_init(r, buf, n);
    return true;
}

/* '\n' separates the commands; any other control character would reach
 * the modem inside one. */
static bool
init_cmds_ok(const char *s)
{
    for (; *s; s++)
        if ((*s > 0 && *s < 0x20 && *s != '\n') || *s == 0x7f)
            return false;
    return true;
}

/* The APN and PIN go into AT commands: no control character at all. */
static bool
printable(const char *s)
{
    for (; *s; s++)
        if ((*s > 0 && *s < 0x20) || *s == 0x7f)
            return false;
    return true;
}

bool
ipc_enc_dial(struct ipc_msg *m, uint32_t id, const struct ipc_dial_req *d)
{
    ipc_msg_init(m, IPC_REQ_DIAL, id);
    ipc_put_str(m, d->entry);
    ipc_put_str(m, d->phonebook);
    ipc_put_str(m, d->phone);
    ipc_put_str(m, d->device_type);
    ipc_put_str(m, d->device_name);
    ipc_put_str(m, d->user);
    ipc_put_str(m, d->password);
    ipc_put_str(m, d->domain);
    const uint32_t v[] = { d->flags, d->options, d->options2, d->dial_options,
                           d->net_protocols, d->redial_count, d->redial_pause_s,
                           d->idle_disconnect_s, d->ip_addr, d->dns1, d->dns2,
                           d->frame_size, d->line_bps, d->hw_flow };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        ipc_put_u32(m, v[i]);
    ipc_put_str(m, d->init_cmds);
    ipc_put_str(m, d->apn);
    ipc_put_str(m, d->sim_pin);
    return ipc_msg_finish(m);
}

bool
ipc_dec_dial(const uint8_t *buf, size_t n, struct ipc_dial_req *d)
{
    struct ipc_reader r;
    if (!start(&r, buf, n))
        return false;
    memset(d, 0, sizeof(*d));
    GET_STR(&r, d->entry);
    GET_STR(&r, d->phonebook);
    GET_STR(&r, d->phone);
    GET_STR(&r, d->device_type);
    GET_STR(&r, d->device_name);
    GET_STR(&r, d->user);
    GET_STR(&r, d->password);
    GET_STR(&r, d->domain);
    uint32_t *v[] = { &d->flags, &d->options, &d->options2, &d->dial_options,
                      &d->net_protocols, &d->redial_count, &d->redial_pause_s,
                      &d->idle_disconnect_s, &d->ip_addr, &d->dns1, &d->dns2,
                      &d->frame_size, &d->line_bps, &d->hw_flow };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        ipc_get_u32(&r, v[i]);
    GET_STR(&r, d->init_cmds);
    GET_STR(&r, d->apn);
    GET_STR(&r, d->sim_pin);
    if (ipc_get_end(&r) && init_cmds_ok(d->init_cmds) && printable(d->apn) &&
        printable(d->sim_pin))
        return true;
    ras_wipe(d, sizeof(*d));
    return false;
}

bool
ipc_enc_handle(struct ipc_msg *m, uint16_t type, uint32_t id, uint64_t handle)
{
    ipc_msg_init(m, type, id);
    ipc_put_u64(m, handle);
    return ipc_msg_finish(m);
}

bool
ipc_dec_handle(const uint8_t *buf, size_t n, uint64_t *handle)
{
    struct ipc_reader r;
    return start(&r, buf, n) && ipc_get_u64(&r, handle) && ipc_get_end(&r);
}

bool
ipc_enc_subscribe(struct ipc_msg *m, uint32_t id, uint64_t handle, uint32_t flags)
{
    ipc_msg_init(m, IPC_REQ_SUBSCRIBE, id);
    ipc_put_u64(m, handle);
    ipc_put_u32(m, flags);
    return ipc_msg_finish(m);
}

bool
ipc_dec_subscribe(const uint8_t *buf, size_t n, uint64_t *handle, uint32_t *flags)
{
    struct ipc_reader r;
    return start(&r, buf, n) && ipc_get_u64(&r, handle) && ipc_get_u32(&r, flags) &&
           ipc_get_end(&r);
}

bool
ipc_enc_empty(struct ipc_msg *m, uint16_t type, uint32_t id)
{
    ipc_msg_init(m, type, id);
    return ipc_msg_finish(m);
}

bool
ipc_dec_empty(const uint8_t *buf, size_t n)
{
    struct ipc_reader r;
    return start(&r, buf, n) && ipc_get_end(&r);
}

bool
ipc_enc_rep_dial(struct ipc_msg *m, uint32_t id, uint32_t error, uint64_t handle)
{
    ipc_msg_init(m, IPC_REP_DIAL, id);
    ipc_put_u32(m, error);
    ipc_put_u64(m, handle);
    return ipc_msg_finish(m);
}

bool
ipc_dec_rep_dial(const uint8_t *buf, size_t n, uint32_t *error, uint64_t *handle)
{
    struct ipc_reader r;
    return start(&r, buf, n) && ipc_get_u32(&r, error) && ipc_get_u64(&r, handle) &&
           ipc_get_end(&r);
}

bool
ipc_enc_rep_error(struct ipc_msg *m, uint32_t id, uint32_t error)
{
    ipc_msg_init(m, IPC_REP_ERROR, id);
    ipc_put_u32(m, error);
    return ipc_msg_finish(m);
}

bool
ipc_dec_rep_error(const uint8_t *buf, size_t n, uint32_t *error)
{
    struct ipc_reader r;
    return start(&r, buf, n) && ipc_get_u32(&r, error) && ipc_get_end(&r);
}

bool
ipc_enc_rep_status(struct ipc_msg *m, uint32_t id, const struct ipc_status *s)
{
    ipc_msg_init(m, IPC_REP_STATUS, id);
    ipc_put_u32(m, s->error);
    ipc_put_u32(m, s->state);
    ipc_put_u32(m, s->conn_error);
    ipc_put_u32(m, s->owner);
    ipc_put_str(m, s->device_type);
    ipc_put_str(m, s->device_name);
    ipc_put_str(m, s->phone);
    return ipc_msg_finish(m);
}

bool
ipc_dec_rep_status(const uint8_t *buf, size_t n, struct ipc_status *s)
{
    struct ipc_reader r;
    if (!start(&r, buf, n))
        return false;
    memset(s, 0, sizeof(*s));
    ipc_get_u32(&r, &s->error);
    ipc_get_u32(&r, &s->state);
    ipc_get_u32(&r, &s->conn_error);
    ipc_get_u32(&r, &s->owner);
    GET_STR(&r, s->device_type);
    GET_STR(&r, s->device_name);
    GET_STR(&r, s->phone);
    return ipc_get_end(&r);
}

bool
ipc_enc_rep_enum(struct ipc_msg *m, uint32_t id, const struct ipc_enum *e)
{
    if (e->count > IPC_MAX_ENUM)
        return false;
    ipc_msg_init(m, IPC_REP_ENUM, id);
    ipc_put_u32(m, e->error);
    ipc_put_u32(m, e->count);
    for (uint32_t i = 0; i < e->count; i++) {
        const struct ipc_conn_info *c = &e->conn[i];
        ipc_put_u64(m, c->handle);
        ipc_put_u32(m, c->flags);
        ipc_put_u32(m, c->state);
        ipc_put_u32(m, c->owner);
        ipc_put_str(m, c->entry);
        ipc_put_str(m, c->device_type);
        ipc_put_str(m, c->device_name);
        ipc_put_str(m, c->phonebook);
    }
    return ipc_msg_finish(m);
}

bool
ipc_dec_rep_enum(const uint8_t *buf, size_t n, struct ipc_enum *e)
{
    struct ipc_reader r;
    if (!start(&r, buf, n))
        return false;
    e->count = 0;
    uint32_t count = 0;
    if (!ipc_get_u32(&r, &e->error) || !ipc_get_u32(&r, &count) || count > IPC_MAX_ENUM)
        return false;
    for (uint32_t i = 0; i < count; i++) {
        struct ipc_conn_info *c = &e->conn[i];
        memset(c, 0, sizeof(*c));
        ipc_get_u64(&r, &c->handle);
        ipc_get_u32(&r, &c->flags);
        ipc_get_u32(&r, &c->state);
        ipc_get_u32(&r, &c->owner);
        GET_STR(&r, c->entry);
        GET_STR(&r, c->device_type);
        GET_STR(&r, c->device_name);
        GET_STR(&r, c->phonebook);
    }
    if (!ipc_get_end(&r))
        return false;
    e->count = count;
    return true;
}

bool
ipc_enc_rep_projection(struct ipc_msg *m, uint32_t id, const struct ipc_projection *p)
{
    ipc_msg_init(m, IPC_REP_PROJECTION, id);
    const uint32_t v[] = { p->error, p->state, p->lcp_error, p->ipcp_error, p->ipv6cp_error,
                           p->auth_protocol, p->auth_data, p->lcp_options,
                           p->lcp_server_options, p->local_ip, p->peer_ip, p->dns1,
                           p->dns2, p->net_error, p->net_flags, p->signal };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        ipc_put_u32(m, v[i]);
    ipc_put_u64(m, p->local_ifid);
    ipc_put_u64(m, p->peer_ifid);
    ipc_put_u8(m, p->ipcp_up);
    ipc_put_u8(m, p->ipv6cp_up);
    ipc_put_str(m, p->ifname);
    return ipc_msg_finish(m);
}

bool
ipc_dec_rep_projection(const uint8_t *buf, size_t n, struct ipc_projection *p)
{
    struct ipc_reader r;
    if (!start(&r, buf, n))
        return false;
    memset(p, 0, sizeof(*p));
    uint32_t *v[] = { &p->error, &p->state, &p->lcp_error, &p->ipcp_error,
                      &p->ipv6cp_error, &p->auth_protocol, &p->auth_data, &p->lcp_options,
                      &p->lcp_server_options, &p->local_ip, &p->peer_ip, &p->dns1,
                      &p->dns2, &p->net_error, &p->net_flags, &p->signal };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        ipc_get_u32(&r, v[i]);
    ipc_get_u64(&r, &p->local_ifid);
    ipc_get_u64(&r, &p->peer_ifid);
    ipc_get_u8(&r, &p->ipcp_up);
    ipc_get_u8(&r, &p->ipv6cp_up);
    GET_STR(&r, p->ifname);
    return ipc_get_end(&r) && p->ipcp_up <= 1 && p->ipv6cp_up <= 1;
}

/* IPC_REP_STATS's fields in wire order: 15 u32s. */
static const size_t stats_fields[] = {
    offsetof(struct ipc_stats, error),
    offsetof(struct ipc_stats, bytes_tx),
    offsetof(struct ipc_stats, bytes_rx),
    offsetof(struct ipc_stats, frames_tx),
    offsetof(struct ipc_stats, frames_rx),
    offsetof(struct ipc_stats, crc_err),
    offsetof(struct ipc_stats, timeout_err),
    offsetof(struct ipc_stats, alignment_err),
    offsetof(struct ipc_stats, hw_overrun_err),
    offsetof(struct ipc_stats, framing_err),
    offsetof(struct ipc_stats, buffer_overrun_err),
    offsetof(struct ipc_stats, compression_in),
    offsetof(struct ipc_stats, compression_out),
    offsetof(struct ipc_stats, bps),
    offsetof(struct ipc_stats, connect_ms),
};

#define STATS_NFIELDS (sizeof(stats_fields) / sizeof(stats_fields[0]))

bool
ipc_enc_rep_stats(struct ipc_msg *m, uint32_t id, const struct ipc_stats *s)
{
    ipc_msg_init(m, IPC_REP_STATS, id);
    for (size_t i = 0; i < STATS_NFIELDS; i++)
        ipc_put_u32(m, *(const uint32_t *)((const char *)s + stats_fields[i]));
    return ipc_msg_finish(m);
}

bool
ipc_dec_rep_stats(const uint8_t *buf, size_t n, struct ipc_stats *s)
{
    struct ipc_reader r;
    if (!start(&r, buf, n))
        return false;
    for (size_t i = 0; i < STATS_NFIELDS; i++)
        ipc_get_u32(&r, (uint32_t *)((char *)s + stats_fields[i]));
    return ipc_get_end(&r);
}

bool
ipc_enc_rep_debug(struct ipc_msg *m, uint32_t id, const struct ipc_debug *d)
{
    ipc_msg_init(m, IPC_REP_DEBUG, id);
    ipc_put_u64(m, d->allocs);
    ipc_put_u64(m, d->alloc_bytes);
    ipc_put_u32(m, d->fds);
    ipc_put_u32(m, d->rss_kib);
    ipc_put_u32(m, d->conns);
    ipc_put_u32(m, d->clients);
    return ipc_msg_finish(m);
}

bool
ipc_dec_rep_debug(const uint8_t *buf, size_t n, struct ipc_debug *d)
{
    struct ipc_reader r;
    if (!start(&r, buf, n))
        return false;
    ipc_get_u64(&r, &d->allocs);
    ipc_get_u64(&r, &d->alloc_bytes);
    ipc_get_u32(&r, &d->fds);
    ipc_get_u32(&r, &d->rss_kib);
    ipc_get_u32(&r, &d->conns);
    ipc_get_u32(&r, &d->clients);
    return ipc_get_end(&r);
}

bool
ipc_enc_rep_info(struct ipc_msg *m, uint32_t id, const struct ipc_info *d)
{
    ipc_msg_init(m, IPC_REP_INFO, id);
    ipc_put_u32(m, d->pid);
    ipc_put_u32(m, d->uid);
    ipc_put_u32(m, d->flags);
    ipc_put_u64(m, d->uptime_ms);
    ipc_put_u32(m, d->rss_kib);
    ipc_put_u32(m, d->private_kib);
    ipc_put_u32(m, d->fds);
    ipc_put_u32(m, d->conns);
    ipc_put_u32(m, d->clients);
    ipc_put_u64(m, d->allocs);
    ipc_put_u64(m, d->alloc_bytes);
    return ipc_msg_finish(m);
}

bool
ipc_dec_rep_info(const uint8_t *buf, size_t n, struct ipc_info *d)
{
    struct ipc_reader r;
    if (!start(&r, buf, n))
        return false;
    ipc_get_u32(&r, &d->pid);
    ipc_get_u32(&r, &d->uid);
    ipc_get_u32(&r, &d->flags);
    ipc_get_u64(&r, &d->uptime_ms);
    ipc_get_u32(&r, &d->rss_kib);
    ipc_get_u32(&r, &d->private_kib);
    ipc_get_u32(&r, &d->fds);
    ipc_get_u32(&r, &d->conns);
    ipc_get_u32(&r, &d->clients);
    ipc_get_u64(&r, &d->allocs);
    ipc_get_u64(&r, &d->alloc_bytes);
    return ipc_get_end(&r);
}

bool
ipc_enc_ev_state(struct ipc_msg *m, uint64_t handle, uint32_t state, uint32_t error)
{
    ipc_msg_init(m, IPC_EV_STATE, 0);
    ipc_put_u64(m, handle);
    ipc_put_u32(m, state);
    ipc_put_u32(m, error);
    return ipc_msg_finish(m);
}

bool
ipc_dec_ev_state(const uint8_t *buf, size_t n, uint64_t *handle, uint32_t *state,
                 uint32_t *error)
{
    struct ipc_reader r;
    return start(&r, buf, n) && ipc_get_u64(&r, handle) && ipc_get_u32(&r, state) &&
           ipc_get_u32(&r, error) && ipc_get_end(&r);
}

bool
ipc_enc_ev_conn(struct ipc_msg *m, uint64_t handle, uint32_t what)
{
    ipc_msg_init(m, IPC_EV_CONN, 0);
    ipc_put_u64(m, handle);
    ipc_put_u32(m, what);
    return ipc_msg_finish(m);
}

bool
ipc_dec_ev_conn(const uint8_t *buf, size_t n, uint64_t *handle, uint32_t *what)
{
    struct ipc_reader r;
    return start(&r, buf, n) && ipc_get_u64(&r, handle) && ipc_get_u32(&r, what) &&
           ipc_get_end(&r);
}
