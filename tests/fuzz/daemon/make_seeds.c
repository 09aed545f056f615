/* Writes the daemon-dispatch target's seed corpus with the wire's own
 * encoders: each seed is a conversation of three clients (uids 0, 1000,
 * 1001; fuzz_dispatch.c gives the format). Run it after a wire change:
 *   build/tests/fuzz/daemon/make-dispatch-seeds tests/fuzz/corpus/daemon-dispatch */
#include <stdio.h>
#include <string.h>

#include "ras.h"

#include "daemon/conn.h"
#include "daemon/conn_handle.h"
#include "ipc/ipc.h"
#include "ipc/ipc_proto.h"

#include "dispatch_env.h"

enum { ROOT, ALICE, BOB };

static struct ipc_msg m;
static unsigned char seed[IPC_MAX_MSG * 2];
static size_t seed_len;
static const char *dir;
static int failed;
static uint32_t next_id = 1;

/* Appends the message m was just built into (ok: its encoder's answer)
 * as sent by client who. */
static void
add(int who, bool ok)
{
    if (!ok || seed_len + 3 + m.len > sizeof(seed)) {
        failed = 1;
        return;
    }
    seed[seed_len++] = (unsigned char)who;
    seed[seed_len++] = (unsigned char)(m.len >> 8);
    seed[seed_len++] = (unsigned char)m.len;
    memcpy(seed + seed_len, m.buf, m.len);
    seed_len += m.len;
}

static void
add_raw(int who, const void *p, size_t n)
{
    seed[seed_len++] = (unsigned char)who;
    seed[seed_len++] = (unsigned char)(n >> 8);
    seed[seed_len++] = (unsigned char)n;
    memcpy(seed + seed_len, p, n);
    seed_len += n;
}

static void
save(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(seed, 1, seed_len, f) != seed_len) {
        fprintf(stderr, "make-dispatch-seeds: %s not written\n", name);
        failed = 1;
    }
    if (f)
        fclose(f);
    seed_len = 0;
}

/* The handle slot index's next dial gets (fuzz_dispatch.c fixes key and
 * generations at 0, as this zeroed table has them). */
static uint64_t
handle_of(uint32_t index, unsigned nth)
{
    static struct conn_table t;
    uint64_t h = 0;
    t.handle_key = 0;
    t.slots[index].gen = 0;
    for (unsigned i = 0; i <= nth; i++)
        h = conn_handle_next(&t, index);
    return h;
}

static void
dial_req(struct ipc_dial_req *d, bool system_entry)
{
    memset(d, 0, sizeof(*d));
    snprintf(d->entry, sizeof(d->entry), "%s", DISPATCH_ENTRY);
    snprintf(d->phonebook, sizeof(d->phonebook), "%s",
             system_entry ? DISPATCH_PBK : "/home/alice/.ras/rasphone.pbk");
    /* no dial or line delay: the call goes as far as the passes allow */
    snprintf(d->phone, sizeof(d->phone), "5551234/dial=0/latency=0");
    snprintf(d->device_type, sizeof(d->device_type), "modem");
    snprintf(d->device_name, sizeof(d->device_name), "loopback");
    snprintf(d->user, sizeof(d->user), "demo");
    snprintf(d->password, sizeof(d->password), "demo");
    d->flags = IPC_DIAL_NOTIFY;
    d->options = RASEO_RemoteDefaultGateway;
    d->net_protocols = RASNP_Ip;
    d->line_bps = 115200;
}

static void
dial(int who, bool system_entry)
{
    struct ipc_dial_req d;
    dial_req(&d, system_entry);
    add(who, ipc_enc_dial(&m, next_id++, &d));
}

static void
handle_req(int who, uint16_t type, uint64_t h)
{
    add(who, ipc_enc_handle(&m, type, next_id++, h));
}

static void
every_query(int who, uint64_t h)
{
    static const uint16_t types[] = { IPC_REQ_STATUS, IPC_REQ_PROJECTION, IPC_REQ_STATS,
                                      IPC_REQ_CLEAR_STATS };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        handle_req(who, types[i], h);
}

static void
seeds(void)
{
    uint64_t h0 = handle_of(0, 0), h1 = handle_of(1, 0);

    /* one dial per uid, each asking about its own and the others' */
    dial(ROOT, false);
    dial(ALICE, true);
    dial(BOB, false);
    add(ALICE, ipc_enc_empty(&m, IPC_REQ_ENUM, next_id++));
    add(ROOT, ipc_enc_empty(&m, IPC_REQ_ENUM, next_id++));
    every_query(ALICE, h1);
    every_query(BOB, h1);
    every_query(ROOT, h1);
    save("three-dials");

    /* hang-ups: the owner's, a stranger's (refused), root's of another's */
    dial(ALICE, false);
    handle_req(BOB, IPC_REQ_HANGUP, h0);
    handle_req(ALICE, IPC_REQ_HANGUP, h0);
    handle_req(ALICE, IPC_REQ_HANGUP, h0);
    dial(BOB, true);
    handle_req(ROOT, IPC_REQ_HANGUP, h0);
    save("hangups");

    /* notifications: all connections, one handle, then a hang-up */
    add(BOB, ipc_enc_subscribe(&m, next_id++, 0, RASCN_Connection | RASCN_Disconnection));
    add(ALICE, ipc_enc_subscribe(&m, next_id++, h0, RASCN_Disconnection));
    dial(ALICE, false);
    handle_req(ALICE, IPC_REQ_HANGUP, h0);
    save("subscribe");

    /* forged handles: zero, past the ceiling, the wrong check, stale */
    dial(ROOT, false);
    handle_req(ALICE, IPC_REQ_STATUS, 0);
    handle_req(ALICE, IPC_REQ_STATUS, IPC_HANDLE_MAX + 1);
    handle_req(ALICE, IPC_REQ_STATUS, h0 ^ 1);
    handle_req(ALICE, IPC_REQ_STATUS, handle_of(0, 1));
    handle_req(BOB, IPC_REQ_PROJECTION, ~0ull);
    save("forged-handles");

    add(ROOT, ipc_enc_empty(&m, IPC_REQ_DEBUG, next_id++));
    add(ALICE, ipc_enc_empty(&m, IPC_REQ_DEBUG, next_id++));
    save("debug");

    /* the daemon's own figures: root's answered, a stranger's refused */
    dial(BOB, false);
    add(ROOT, ipc_enc_empty(&m, IPC_REQ_INFO, next_id++));
    add(ALICE, ipc_enc_empty(&m, IPC_REQ_INFO, next_id++));
    save("info");

    /* what no decoder accepts: a bare header, garbage, an unknown type */
    add(ALICE, ipc_enc_empty(&m, IPC_REQ_ENUM, next_id++));
    add_raw(ALICE, m.buf, IPC_HDR_LEN - 1);
    add_raw(BOB, "RASMgarbage-garbage", 19);
    add(ROOT, ipc_enc_empty(&m, 77, next_id++));
    add(ROOT, ipc_enc_empty(&m, IPC_REP_DIAL, next_id++));
    save("garbage");
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make-dispatch-seeds DIR\n");
        return 2;
    }
    dir = argv[1];
    seeds();
    return failed;
}
