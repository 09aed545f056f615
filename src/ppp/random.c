/* The engine's one source of unpredictable bytes (random.h). Only CHAP
 * challenges need them to be unguessable; magic numbers and interface
 * identifiers need only differ from the peer's. */
#include "ppp/random.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <nettle/sha1.h>

/* Last resort if the kernel's generator is unavailable (ENOSYS on kernels
 * before 3.17): hash clocks and a counter. Never the normal path. */
static void
weak_random(uint8_t *buf, size_t n)
{
    static uint64_t counter;
    while (n) {
        struct timespec ts[2];
        struct sha1_ctx ctx;
        uint8_t d[SHA1_DIGEST_SIZE];
        clock_gettime(CLOCK_MONOTONIC, &ts[0]);
        clock_gettime(CLOCK_REALTIME, &ts[1]);
        counter++;
        sha1_init(&ctx);
        sha1_update(&ctx, sizeof(ts), (const uint8_t *)ts);
        sha1_update(&ctx, sizeof(counter), (const uint8_t *)&counter);
        sha1_update(&ctx, sizeof(buf), (const uint8_t *)&buf);
        sha1_digest(&ctx, sizeof(d), d);
        size_t k = n < sizeof(d) ? n : sizeof(d);
        memcpy(buf, d, k);
        buf += k;
        n -= k;
    }
}

void
random_bytes(const struct ppp_config *cfg, uint8_t *buf, size_t n)
{
    if (cfg->random_fn) {
        cfg->random_fn(cfg->random_ctx, buf, n);
        return;
    }
    while (n) {
        ssize_t r = getrandom(buf, n, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            weak_random(buf, n);
            return;
        }
        buf += r;
        n -= (size_t)r;
    }
}
