/* rasphone's value readers (see rastool_parse.h). */
#include "rastool_parse.h"

#include <stdio.h>
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

int
rastool_parse_ip(const char *s, RASIPADDR *ip)
{
    unsigned a, b, c, d;
    char tail;
    if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4 || a > 255 || b > 255 ||
        c > 255 || d > 255)
        return -1;
    ip->a = (BYTE)a; ip->b = (BYTE)b; ip->c = (BYTE)c; ip->d = (BYTE)d;
    return 0;
}
