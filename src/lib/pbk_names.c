/* Entry-name and value rules (see pbk_names.h). */
#include "lib/pbk_names.h"

#include <string.h>

#include "ras.h"
#include "raserror.h"

#include "lib/pbk_ini.h"

bool
pbk_value_ok(const char *s)
{
    return ini_text_ok(s, strlen(s));
}

int
pbk_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
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
