/* Entry-name and value rules (see pbk_names.h). */
#include "lib/pbk_names.h"

#include <string.h>

#include "ras.h"
#include "raserror.h"

/* Length of the UTF-8 sequence at p, or 0 if invalid. Kept apart from the
 * parser's copy of the same check: this one sees NUL-terminated strings
 * from callers, the parser sees raw file bytes. */
static size_t
utf8_len(const unsigned char *p)
{
    unsigned c = p[0], min, v;
    size_t len;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2, min = 0x80;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3, min = 0x800;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4, min = 0x10000;
    else
        return 0;
    v = c & (0x7fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3f);
    }
    return v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ? 0 : len;
}

bool
pbk_value_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
            return false;
        size_t k = utf8_len(p);
        if (!k)
            return false;
        p += k;
    }
    return true;
}

static bool
is_alnum(unsigned char c)
{
    /* any non-ASCII character counts: names may be in any script */
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

uint32_t
pbk_name_check(const char *name)
{
    size_t n = strlen(name);
    bool alnum = false;
    if (n == 0 || n > RAS_MaxEntryName || name[0] == '.' || !pbk_value_ok(name))
        return ERROR_INVALID_NAME;
    if (strpbrk(name, "|><?*\\/:"))
        return ERROR_INVALID_NAME;
    for (size_t i = 0; i < n; i++)
        alnum |= is_alnum((unsigned char)name[i]);
    return alnum ? 0 : ERROR_INVALID_NAME;
}
