/* rasmand's connection handles (src/daemon/conn_handle.c): 31-bit values
 * that survive a LONG or DWORD, are not reused soon after a hang-up, and
 * refuse made-up, stale and earlier-rasmand values. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ras.h"

#include "daemon/conn_handle.h"
#include "harness.h"
#include "ipc/ipc.h"
#include "rng.h"

static struct conn_table tab, old_tab;
static struct conn live;          /* stands for a connection in a slot */

static void
seed(struct conn_table *t)
{
    memset(t, 0, sizeof(*t));
    conn_handle_seed(t);
}

static bool
accepted(struct conn_table *t, uint64_t h)
{
    return conn_handle_slot(t, h) != NULL;
}

/* The Harbour wrapper's case: (LONG)h and back, and (DWORD)h and back. */
static void
check_round_trips(uint64_t h)
{
    HRASCONN hc = (HRASCONN)(uintptr_t)h;
    LONG l = (LONG)(intptr_t)hc;
    DWORD d = (DWORD)(uintptr_t)hc;
    CHECK(l > 0);
    CHECK((HRASCONN)(intptr_t)l == hc);
    CHECK((HRASCONN)(intptr_t)(int32_t)l == hc);
    CHECK((HRASCONN)(uintptr_t)d == hc);
    CHECK((HRASCONN)(uintptr_t)(uint32_t)d == hc);
}

static void
t_handles_fit_31_bits_and_round_trip(void)
{
    seed(&tab);
    for (uint32_t i = 0; i < CONN_MAX; i++) {
        uint64_t h = conn_handle_next(&tab, i);
        CHECK(h != 0);
        CHECK(h <= 0x7fffffffu);
        CHECK(IPC_HANDLE_PLAUSIBLE(h));
        CHECK_EQ(ipc_handle_index(h), i);
        CHECK(accepted(&tab, h));
        check_round_trips(h);
    }
}

static int
by_value(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* A slot's handle comes back only after 65,535 more dials of that slot;
 * the handle before is stale at once. */
static void
t_redialed_slot_never_repeats_soon(void)
{
    enum { CYCLE = (1u << IPC_HANDLE_GEN_BITS) - 1 };
    static uint32_t all[CYCLE];
    uint32_t idx = 7;
    seed(&tab);
    uint64_t prev = 0;
    for (unsigned n = 0; n < CYCLE; n++) {
        uint64_t h = conn_handle_next(&tab, idx);
        REQUIRE(h != 0 && h <= 0x7fffffffu);
        all[n] = (uint32_t)h;
        if (n < 1000) {
            CHECK(accepted(&tab, h));
            CHECK(!accepted(&tab, prev));
        }
        prev = h;
    }
    qsort(all, CYCLE, sizeof(all[0]), by_value);
    unsigned repeats = 0;
    for (unsigned n = 1; n < CYCLE; n++)
        repeats += all[n] == all[n - 1];
    CHECK_EQ(repeats, 0);
    /* generation 0 is skipped, so the cycle is 65,535 long */
    uint64_t again = conn_handle_next(&tab, idx);
    for (unsigned n = 1; n < CYCLE; n++)
        conn_handle_next(&tab, idx);
    CHECK_EQ(conn_handle_next(&tab, idx), again);
}

/* 45+ made-up values of every kind: none names the live connection. */
static void
t_forged_values_refused(void)
{
    seed(&tab);
    uint32_t idx = 3;
    uint64_t h = conn_handle_next(&tab, idx);
    tab.slots[idx].conn = &live;
    conn_handle_next(&tab, idx + 1);
    tab.slots[idx + 1].conn = &live;
    uint32_t gen = ipc_handle_gen(h), check = ipc_handle_check(h);
    unsigned refused = 0, tried = 0;
    uint64_t forged[64];
    unsigned n = 0;
    forged[n++] = 0;
    forged[n++] = h | 1ull << 31;                      /* a negative LONG */
    forged[n++] = h | 1ull << 32;                      /* upper half not clear */
    forged[n++] = h | 0xffffffff00000000ull;           /* sign-extended garbage */
    forged[n++] = ipc_handle_pack(idx, gen + 1, check);  /* the next generation */
    forged[n++] = ipc_handle_pack(idx, gen - 1, check);  /* the one before */
    forged[n++] = ipc_handle_pack(idx + 1, gen, check);  /* neighbour slots */
    forged[n++] = ipc_handle_pack(idx - 1, gen, check);
    forged[n++] = ipc_handle_pack(idx, 0, check);        /* generation 0 */
    forged[n++] = ipc_handle_pack(idx, gen + 2, check);
    forged[n++] = ipc_handle_pack(idx, gen - 2, check);
    forged[n++] = h + 1;
    forged[n++] = h - 1;
    forged[n++] = 1;
    forged[n++] = IPC_HANDLE_MAX;
    for (uint32_t c = 1; c < 4; c++)                   /* a wrong check field */
        forged[n++] = ipc_handle_pack(idx, gen, check ^ c);
    for (unsigned b = 0; b < 31; b++)                  /* every single bit flip */
        forged[n++] = h ^ 1ull << b;
    for (unsigned i = 0; i < n; i++, tried++)
        refused += !accepted(&tab, forged[i]);
    CHECK_EQ(refused, tried);
    CHECK(tried >= 45);
    /* random values: a hit needs the right generation and check field */
    uint32_t st = 0x9e3779b9u;
    unsigned hits = 0;
    for (unsigned i = 0; i < 20000; i++) {
        uint64_t r = rng_next(&st) & 0x7fffffffu;
        uint64_t wide = (uint64_t)rng_next(&st) << 32 | rng_next(&st);
        hits += r != h && accepted(&tab, r) && tab.slots[ipc_handle_index(r)].conn;
        hits += wide != h && accepted(&tab, wide);
    }
    CHECK_EQ(hits, 0);
    CHECK(accepted(&tab, h));
}

/* A handle from the rasmand before a restart is stale in the new one. */
static void
t_earlier_rasmand_handles_stale(void)
{
    seed(&old_tab);
    seed(&tab);
    CHECK(old_tab.handle_key != tab.handle_key);
    unsigned stale = 0;
    for (uint32_t i = 0; i < CONN_MAX; i++) {
        uint64_t old = conn_handle_next(&old_tab, i);
        stale += !accepted(&tab, old);
        conn_handle_next(&tab, i);
        stale += !accepted(&tab, old);
    }
    CHECK_EQ(stale, 2 * CONN_MAX);
}

int
main(void)
{
    TH_RUN(t_handles_fit_31_bits_and_round_trip);
    TH_RUN(t_redialed_slot_never_repeats_soon);
    TH_RUN(t_forged_values_refused);
    TH_RUN(t_earlier_rasmand_handles_stale);
    return th_done();
}
