/* For targets whose input is one string: the bytes up to the first NUL (or
 * the end), cut to fit out with its terminator. */
#ifndef RAS_TESTS_FUZZ_TEXT_H
#define RAS_TESTS_FUZZ_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline void
fuzz_text(const uint8_t *data, size_t size, char *out, size_t cap)
{
    size_t n = 0;
    while (n < size && n + 1 < cap && data[n])
        n++;
    memcpy(out, data, n);
    out[n] = '\0';
}

#endif
