/* Counting, failable allocator behind every OpenRAS allocation. A small
 * header in front of each block records its size, so frees keep the byte
 * count exact and ras_free_secret can wipe the whole block. */
#include "common/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 16 bytes keeps the user pointer aligned for any type malloc serves. */
typedef union {
    size_t size;
    max_align_t align;
} block_hdr;

static long live_blocks;
static long live_bytes;
static long total_allocs;
static long fail_countdown;   /* 0 = off; else allocations left until failure */
static bool fail_persistent;
static bool fault_fired;

static bool
should_fail(void)
{
    long left = __atomic_load_n(&fail_countdown, __ATOMIC_RELAXED);
    if (left == 0)
        return false;
    if (left == 1) {
        if (!fail_persistent)
            __atomic_store_n(&fail_countdown, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&fault_fired, true, __ATOMIC_RELAXED);
        return true;
    }
    __atomic_sub_fetch(&fail_countdown, 1, __ATOMIC_RELAXED);
    return false;
}

static void *
account(block_hdr *h, size_t n)
{
    h->size = n;
    __atomic_add_fetch(&live_blocks, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&live_bytes, (long)n, __ATOMIC_RELAXED);
    __atomic_add_fetch(&total_allocs, 1, __ATOMIC_RELAXED);
    return h + 1;
}

void *
ras_malloc(size_t n)
{
    if (n > SIZE_MAX - sizeof(block_hdr) || should_fail())
        return NULL;
    block_hdr *h = malloc(sizeof(*h) + n);
    return h ? account(h, n) : NULL;
}

void *
ras_calloc(size_t nmemb, size_t size)
{
    if (size && nmemb > (SIZE_MAX - sizeof(block_hdr)) / size)
        return NULL;
    if (should_fail())
        return NULL;
    size_t n = nmemb * size;
    block_hdr *h = calloc(1, sizeof(*h) + n);
    return h ? account(h, n) : NULL;
}

void
ras_free(void *p)
{
    if (!p)
        return;
    block_hdr *h = (block_hdr *)p - 1;
    __atomic_sub_fetch(&live_blocks, 1, __ATOMIC_RELAXED);
    __atomic_sub_fetch(&live_bytes, (long)h->size, __ATOMIC_RELAXED);
    free(h);
}

void
ras_wipe(void *p, size_t n)
{
    if (p && n)
        explicit_bzero(p, n);
}

void
ras_free_secret(void *p)
{
    if (!p)
        return;
    ras_wipe(p, ((block_hdr *)p - 1)->size);
    ras_free(p);
}

void *
ras_realloc(void *p, size_t n)
{
    if (!p)
        return ras_malloc(n);
    if (n == 0) {
        ras_free(p);
        return NULL;
    }
    if (n > SIZE_MAX - sizeof(block_hdr) || should_fail())
        return NULL;
    block_hdr *old = (block_hdr *)p - 1;
    size_t old_size = old->size;
    block_hdr *h = realloc(old, sizeof(*h) + n);
    if (!h)
        return NULL;
    h->size = n;
    __atomic_add_fetch(&live_bytes, (long)n - (long)old_size, __ATOMIC_RELAXED);
    __atomic_add_fetch(&total_allocs, 1, __ATOMIC_RELAXED);
    return h + 1;
}

char *
ras_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = ras_malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

char *
ras_strdup(const char *s)
{
    return ras_strndup(s, SIZE_MAX);
}

long ras_alloc_live(void) { return __atomic_load_n(&live_blocks, __ATOMIC_RELAXED); }
long ras_alloc_live_bytes(void) { return __atomic_load_n(&live_bytes, __ATOMIC_RELAXED); }
long ras_alloc_count(void) { return __atomic_load_n(&total_allocs, __ATOMIC_RELAXED); }
bool ras_alloc_fault_fired(void) { return __atomic_load_n(&fault_fired, __ATOMIC_RELAXED); }

void
ras_alloc_fail_at(long nth, bool persistent)
{
    fail_persistent = persistent;
    __atomic_store_n(&fault_fired, false, __ATOMIC_RELAXED);
    __atomic_store_n(&fail_countdown, nth < 0 ? 0 : nth, __ATOMIC_RELAXED);
}
