/* The monotonic clock tests and benches time things with. */
#ifndef RAS_TESTS_SUPPORT_CLOCK_H
#define RAS_TESTS_SUPPORT_CLOCK_H

#include <stdint.h>
#include <time.h>

uint64_t clock_now_ns(void);
uint64_t clock_now_us(void);
uint64_t clock_now_ms(void);
/* Seconds, as a double: for rates and durations printed by benches. */
double clock_now_s(void);
/* timeout_ms from now on CLOCK_REALTIME: the absolute time
 * pthread_cond_timedwait wants. */
struct timespec clock_deadline_realtime(int timeout_ms);

#endif
