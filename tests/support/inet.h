/* The Internet checksum, for the packets tests and benches build. */
#ifndef RAS_TESTS_SUPPORT_INET_H
#define RAS_TESTS_SUPPORT_INET_H

#include <stddef.h>
#include <stdint.h>

/* RFC 1071: the ones' complement of the ones' complement sum of p's
 * 16-bit big-endian words (an odd last byte padded with zero). */
uint16_t inet_sum(const uint8_t *p, size_t n);

#endif
