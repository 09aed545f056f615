/* A seeded pseudo-random stream, so a bench or test sees the same bytes
 * on every run. */
#ifndef RAS_TESTS_SUPPORT_RNG_H
#define RAS_TESTS_SUPPORT_RNG_H

#include <stdint.h>

/* Marsaglia's xorshift32 (13, 17, 5): the next value of *state, which
 * must start non-zero. */
uint32_t rng_next(uint32_t *state);

#endif
