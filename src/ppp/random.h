/* The engine's one source of unpredictable bytes: LCP magic numbers, IPv6CP
 * interface identifiers, PAP/CHAP identifiers and CHAP challenges. */
#ifndef RAS_PPP_RANDOM_H
#define RAS_PPP_RANDOM_H

#include <stddef.h>
#include <stdint.h>

#include "ppp/ppp.h"

/* n bytes from cfg->random_fn when set (tests pass a deterministic one),
 * else from getrandom(2). */
void random_bytes(const struct ppp_config *cfg, uint8_t *buf, size_t n);

#endif
