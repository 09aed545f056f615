/* See clock.h. CLOCK_MONOTONIC: a test's timings must not jump with the
 * wall clock. */
#include "clock.h"

#include <time.h>

uint64_t
clock_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t
clock_now_us(void)
{
    return clock_now_ns() / 1000u;
}

uint64_t
clock_now_ms(void)
{
    return clock_now_ns() / 1000000u;
}

double
clock_now_s(void)
{
    return (double)clock_now_ns() / 1e9;
}

struct timespec
clock_deadline_realtime(int timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    return until;
}
