/* The values rasphone reads from its command line (--key=value): numbers,
 * yes/no and dotted IPv4 addresses. Pure functions, so the fuzzer links
 * them alone. Each returns 0, or -1 for a malformed value (out untouched). */
#ifndef RAS_TOOLS_RASTOOL_PARSE_H
#define RAS_TOOLS_RASTOOL_PARSE_H

#include <stdbool.h>

#include "ras.h"

/* A whole unsigned 32-bit number: decimal, 0x hex or 0 octal; no sign. */
int rastool_parse_uint(const char *s, DWORD *out);
/* 1/yes/on/true or 0/no/off/false (any case for the words). */
int rastool_parse_bool(const char *s, bool *out);
/* a.b.c.d: four parts of decimal digits, each 0-255, nothing around them. */
int rastool_parse_ip(const char *s, RASIPADDR *ip);

#endif
