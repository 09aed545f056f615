/* rasphone's value readers (see rastool_parse.h). */
#include "rastool_parse.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int
rastool_parse_uint(const char *s, DWORD *out)
{
    char *end;
    if (!*s || *s == '-')
        return -1;
    unsigned long long v = strtoull(s, &end, 0);
    if (*end || v > 0xFFFFFFFFull)
        return -1;
    *out = (DWORD)v;
    return 0;
}

int
rastool_parse_bool(const char *s, bool *out)
{
    if (!strcmp(s, "1") || !strcasecmp(s, "yes") || !strcasecmp(s, "on") || !strcasecmp(s, "true"))
        *out = true;
    else if (!strcmp(s, "0") || !strcasecmp(s, "no") || !strcasecmp(s, "off") ||
             !strcasecmp(s, "false"))
        *out = false;
    else
        return -1;
    return 0;
}

/* Digits only: sscanf's %u took " 1", "+1", "-0" and, worse, wrapped a
 * number too long for an unsigned back into range ("4294967306.0.0.1" was
 * read as 10.0.0.1). */
int
rastool_parse_ip(const char *s, RASIPADDR *ip)
{
    BYTE part[4];
    for (int i = 0; i < 4; i++) {
        unsigned v = 0;
        size_t n = 0;
        if (i && *s++ != '.')
            return -1;
        for (; *s >= '0' && *s <= '9' && n < 4; s++, n++)
            v = v * 10 + (unsigned)(*s - '0');
        if (n == 0 || v > 255)
            return -1;
        part[i] = (BYTE)v;
    }
    if (*s)
        return -1;
    ip->a = part[0]; ip->b = part[1]; ip->c = part[2]; ip->d = part[3];
    return 0;
}
