/* Allocation hooks: every allocation in OpenRAS goes through these so the
 * test build can count live blocks and bytes and fail the Nth allocation
 * (SQLite's fault-injection approach). Thread-safe: libras allocates from its
 * notifier thread too. */
#ifndef RAS_COMMON_ALLOC_H
#define RAS_COMMON_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

void *ras_malloc(size_t n);
void *ras_calloc(size_t nmemb, size_t size);
void *ras_realloc(void *p, size_t n);   /* p may be NULL; n 0 frees and returns NULL */
char *ras_strdup(const char *s);
char *ras_strndup(const char *s, size_t n);
void ras_free(void *p);                 /* accepts NULL */
/* Wipes the whole block (its size is known to the hook) before freeing: for
 * anything that held a password or a key. Accepts NULL. */
void ras_free_secret(void *p);
/* Wipes n bytes in a way the compiler may not elide. */
void ras_wipe(void *p, size_t n);

/* --- test hooks (internal; not exported from libras.so) --- */
long ras_alloc_live(void);        /* blocks allocated and not yet freed */
long ras_alloc_live_bytes(void);  /* their requested bytes */
long ras_alloc_count(void);       /* allocation calls that succeeded, ever */
/* Make the nth allocation call from now fail (1 = the next one). With
 * persistent, that one and every later one fail. 0 disables. */
void ras_alloc_fail_at(long nth, bool persistent);
/* True once the armed failure has fired (reset by ras_alloc_fail_at). */
bool ras_alloc_fault_fired(void);

#endif
