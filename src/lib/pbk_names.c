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

/* Names are printed by every tool, root's included: a name one user dialed
 * must not carry terminal escapes into another's terminal. So beyond what
 * a value may hold, a name has no tab and no C1 control (U+0080..U+009F,
 * UTF-8 C2 80..C2 9F: 0x9B alone is CSI to many terminals). C0 and DEL are
 * refused as in any value. */
bool
pbk_name_has_control(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    for (; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return true;
        if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            return true;
    }
    return false;
}

uint32_t
pbk_name_check(const char *name)
{
    size_t n = strlen(name);
    bool alnum = false;
    if (n == 0 || n > RAS_MaxEntryName || name[0] == '.' || !pbk_value_ok(name) ||
        pbk_name_has_control(name))
        return ERROR_INVALID_NAME;
    if (strpbrk(name, "|><?*\\/:"))
        return ERROR_INVALID_NAME;
    for (size_t i = 0; i < n; i++)
        alnum |= is_alnum((unsigned char)name[i]);
    return alnum ? 0 : ERROR_INVALID_NAME;
}
