/* The allocation hooks themselves: counting, secret wiping, fault arming. */
#include <string.h>

#include "harness.h"

static void
t_counts_follow_alloc_and_free(void)
{
    long live = ras_alloc_live(), bytes = ras_alloc_live_bytes();
    char *a = ras_malloc(10);
    char *b = ras_calloc(4, 8);
    REQUIRE(a && b);
    CHECK_EQ(ras_alloc_live() - live, 2);
    CHECK_EQ(ras_alloc_live_bytes() - bytes, 42);
    b = ras_realloc(b, 100);
    REQUIRE(b);
    CHECK_EQ(ras_alloc_live_bytes() - bytes, 110);
    ras_free(a);
    ras_free(b);
    ras_free(NULL);
    CHECK_EQ(ras_alloc_live(), live);
}

static void
t_fail_nth_once(void)
{
    ras_alloc_fail_at(2, false);
    void *a = ras_malloc(1);
    void *b = ras_malloc(1);
    void *c = ras_malloc(1);
    CHECK(a != NULL);
    CHECK(b == NULL);
    CHECK(c != NULL);
    CHECK(ras_alloc_fault_fired());
    ras_free(a);
    ras_free(c);
}

static void
t_fail_persistent(void)
{
    ras_alloc_fail_at(1, true);
    CHECK(ras_malloc(1) == NULL);
    CHECK(ras_strdup("x") == NULL);
    ras_alloc_fail_at(0, false);
    char *s = ras_strdup("secret");
    REQUIRE(s);
    CHECK_STR(s, "secret");
    ras_free_secret(s);
}

static void
t_strndup_stops_at_n(void)
{
    char *s = ras_strndup("abcdef", 3);
    REQUIRE(s);
    CHECK_STR(s, "abc");
    ras_free(s);
}

struct sweep_ctx { int calls; };

static uint32_t
three_allocs(void *ctx)
{
    struct sweep_ctx *c = ctx;
    c->calls++;
    void *p[3] = {0};
    uint32_t rc = 0;
    for (int i = 0; i < 3; i++)
        if (!(p[i] = ras_malloc(8))) {
            rc = 8;
            break;
        }
    for (int i = 0; i < 3; i++)
        ras_free(p[i]);
    return rc;
}

static void
t_sweep_counts_sites(void)
{
    struct sweep_ctx c = {0};
    CHECK_EQ(th_fault_sweep("three_allocs", three_allocs, &c, 8, NULL), 3);
    CHECK_EQ(c.calls, 4);
}

int
main(void)
{
    TH_RUN(t_counts_follow_alloc_and_free);
    TH_RUN(t_fail_nth_once);
    TH_RUN(t_fail_persistent);
    TH_RUN(t_strndup_stops_at_n);
    TH_RUN(t_sweep_counts_sites);
    return th_done();
}
