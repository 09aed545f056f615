/* Fuzz target 'ipc': any datagram rasmand or libras could receive. Each
 * message type's decoder must refuse or accept without reading out of
 * bounds, and an accepted message must encode back to the same bytes (so
 * nothing is silently dropped or invented by the reader). */
#include <stdlib.h>
#include <string.h>

#include "ipc/ipc.h"
#include "ipc/ipc_proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ipc_msg out;

static void
same(const uint8_t *data, size_t size, bool encoded)
{
    if (!encoded || out.len != size || memcmp(out.buf, data, size) != 0)
        abort();
}

static void
decode(const uint8_t *data, size_t size, const struct ipc_hdr *h)
{
    static struct ipc_enum e;
    struct ipc_dial_req d;
    struct ipc_status st;
    struct ipc_projection p;
    struct ipc_stats s;
    struct ipc_debug dbg;
    struct ipc_info info;
    uint64_t handle;
    uint32_t a, b;

    switch (h->type) {
    case IPC_REQ_DIAL:
        if (ipc_dec_dial(data, size, &d)) {
            same(data, size, ipc_enc_dial(&out, h->id, &d));
            memset(&d, 0, sizeof(d));
        }
        break;
    case IPC_REQ_HANGUP: case IPC_REQ_STATUS: case IPC_REQ_PROJECTION:
    case IPC_REQ_STATS: case IPC_REQ_CLEAR_STATS:
        if (ipc_dec_handle(data, size, &handle))
            same(data, size, ipc_enc_handle(&out, h->type, h->id, handle));
        break;
    case IPC_REQ_ENUM: case IPC_REQ_DEBUG: case IPC_REQ_INFO:
        if (ipc_dec_empty(data, size))
            same(data, size, ipc_enc_empty(&out, h->type, h->id));
        break;
    case IPC_REQ_SUBSCRIBE:
        if (ipc_dec_subscribe(data, size, &handle, &a))
            same(data, size, ipc_enc_subscribe(&out, h->id, handle, a));
        break;
    case IPC_REP_DIAL:
        if (ipc_dec_rep_dial(data, size, &a, &handle))
            same(data, size, ipc_enc_rep_dial(&out, h->id, a, handle));
        break;
    case IPC_REP_ERROR:
        if (ipc_dec_rep_error(data, size, &a))
            same(data, size, ipc_enc_rep_error(&out, h->id, a));
        break;
    case IPC_REP_STATUS:
        if (ipc_dec_rep_status(data, size, &st))
            same(data, size, ipc_enc_rep_status(&out, h->id, &st));
        break;
    case IPC_REP_ENUM:
        if (ipc_dec_rep_enum(data, size, &e))
            same(data, size, ipc_enc_rep_enum(&out, h->id, &e));
        break;
    case IPC_REP_PROJECTION:
        if (ipc_dec_rep_projection(data, size, &p))
            same(data, size, ipc_enc_rep_projection(&out, h->id, &p));
        break;
    case IPC_REP_STATS:
        if (ipc_dec_rep_stats(data, size, &s))
            same(data, size, ipc_enc_rep_stats(&out, h->id, &s));
        break;
    case IPC_REP_DEBUG:
        if (ipc_dec_rep_debug(data, size, &dbg))
            same(data, size, ipc_enc_rep_debug(&out, h->id, &dbg));
        break;
    case IPC_REP_INFO:
        if (ipc_dec_rep_info(data, size, &info))
            same(data, size, ipc_enc_rep_info(&out, h->id, &info));
        break;
    case IPC_EV_STATE:
        if (ipc_dec_ev_state(data, size, &handle, &a, &b) && h->id == 0)
            same(data, size, ipc_enc_ev_state(&out, handle, a, b));
        break;
    case IPC_EV_CONN:
        if (ipc_dec_ev_conn(data, size, &handle, &a) && h->id == 0)
            same(data, size, ipc_enc_ev_conn(&out, handle, a));
        break;
    default:
        abort();   /* ipc_parse_hdr let an unknown type through */
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ipc_hdr h;
    if (ipc_parse_hdr(data, size, &h))
        decode(data, size, &h);
    return 0;
}
