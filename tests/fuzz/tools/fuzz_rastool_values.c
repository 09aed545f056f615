/* Fuzz target 'rastool-values': any string as a value on rasphone's command
 * line (--key=value), through its readers (tools/common/rastool_parse.c).
 * Asserts: a number read prints back (decimal, hex, octal) and reads again
 * as itself; an address read has exactly four parts, each the number its
 * digits say (no wrap-around of a too-long number into range), and prints
 * back to itself; a yes/no is one of its eight words. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../../tools/common/rastool_parse.h"
#include "../fuzz_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *why)
{
    fprintf(stderr, "rastool-values fuzz: %s\n", why);
    abort();
}

static void
check_uint(const char *s)
{
    DWORD v, back;
    char text[32];
    if (rastool_parse_uint(s, &v))
        return;
    for (int form = 0; form < 3; form++) {
        if (form == 0)
            snprintf(text, sizeof(text), "%lu", (unsigned long)v);
        else if (form == 1)
            snprintf(text, sizeof(text), "0x%lx", (unsigned long)v);
        else
            snprintf(text, sizeof(text), "0%lo", (unsigned long)v);
        if (rastool_parse_uint(text, &back) || back != v)
            fail("a number did not read back");
    }
}

/* The value of one dotted part as its digits say (digits only: no sign or
 * space), saturating; -1 if the part is no number. */
static long
part_value(const char **p)
{
    const char *s = *p;
    long v = 0;
    if (!isdigit((unsigned char)*s))
        return -1;
    for (; isdigit((unsigned char)*s); s++)
        v = v > 100000 ? v : v * 10 + (*s - '0');
    *p = s;
    return v;
}

static void
check_ip(const char *s)
{
    RASIPADDR ip, back;
    char text[32];
    if (rastool_parse_ip(s, &ip))
        return;
    const BYTE got[4] = {ip.a, ip.b, ip.c, ip.d};
    const char *p = s;
    for (int i = 0; i < 4; i++) {
        if (i && *p++ != '.')
            fail("an address without four dotted parts");
        if (part_value(&p) != got[i])
            fail("an address part is not the number written");
    }
    if (*p)
        fail("an address with something after it");
    snprintf(text, sizeof(text), "%u.%u.%u.%u", ip.a, ip.b, ip.c, ip.d);
    if (rastool_parse_ip(text, &back) || memcmp(&back, &ip, sizeof(ip)) != 0)
        fail("an address did not read back");
}

static void
check_bool(const char *s)
{
    static const char *const words[] = {"1", "yes", "on", "true", "0", "no", "off", "false"};
    bool b;
    if (rastool_parse_bool(s, &b))
        return;
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (!strcasecmp(s, words[i])) {
            if (b != (i < 4))
                fail("a yes/no read the wrong way");
            return;
        }
    fail("a yes/no that is none of the words");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char s[128];
    fuzz_text(data, size, s, sizeof(s));
    check_uint(s);
    check_ip(s);
    check_bool(s);
    return 0;
}
