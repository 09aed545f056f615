/* Connection handles (conn_handle.h, layout in ipc.h). The check field is
 * not a secret against a determined local attacker -- the uid check in
 * conn_lookup is what keeps other users out -- it makes a stale, truncated
 * or invented value miss instead of naming somebody's live connection. */
#include "daemon/conn_handle.h"

#include "ipc/ipc.h"
#include "ppp/random.h"

_Static_assert(CONN_MAX <= 1u << IPC_HANDLE_INDEX_BITS, "slot index must fit the handle");

#define GEN_MASK ((1u << IPC_HANDLE_GEN_BITS) - 1)

/* The check field of (index, gen) under key: a 64-bit finalizer mix
 * (every input bit reaches every output bit), top bits kept. */
static uint32_t
check_bits(uint64_t key, uint32_t index, uint32_t gen)
{
    uint64_t x = key ^ ((uint64_t)gen << 32 | index);
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return (uint32_t)(x >> (64 - IPC_HANDLE_CHECK_BITS));
}

void
conn_handle_seed(struct conn_table *t)
{
    /* no engine: random_bytes then reads getrandom(2) */
    static const struct ppp_config no_hook;
    uint16_t gens[CONN_MAX];
    random_bytes(&no_hook, (uint8_t *)&t->handle_key, sizeof(t->handle_key));
    random_bytes(&no_hook, (uint8_t *)gens, sizeof(gens));
    for (unsigned i = 0; i < CONN_MAX; i++)
        t->slots[i].gen = gens[i] & GEN_MASK;
}

uint64_t
conn_handle_next(struct conn_table *t, uint32_t index)
{
    struct conn_slot *s = &t->slots[index];
    /* generation 0 is never used, so no handle is ever 0 */
    do
        s->gen = (s->gen + 1) & GEN_MASK;
    while (s->gen == 0);
    return ipc_handle_pack(index, s->gen, check_bits(t->handle_key, index, s->gen));
}

struct conn_slot *
conn_handle_slot(struct conn_table *t, uint64_t handle)
{
    if (!IPC_HANDLE_PLAUSIBLE(handle))
        return NULL;
    uint32_t index = ipc_handle_index(handle);
    uint32_t gen = ipc_handle_gen(handle);
    if (index >= CONN_MAX || gen == 0)
        return NULL;
    if (ipc_handle_check(handle) != check_bits(t->handle_key, index, gen))
        return NULL;
    struct conn_slot *s = &t->slots[index];
    return s->gen == gen ? s : NULL;
}
