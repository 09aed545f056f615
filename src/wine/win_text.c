/* win_text.c: strings between the caller's form and UTF-8, through Wine's
 * MultiByteToWideChar / WideCharToMultiByte (wine.md: A is the ANSI code
 * page, not UTF-8; W is UTF-16 and must never meet glibc's wchar_t). */
#include "win_bridge.h"

#include <string.h>

#include <winnls.h>

#include "seam.h"

#define WB_ERROR_INVALID_PARAMETER 87
#define WB_ERROR_NOT_ENOUGH_MEMORY 8

/* Longest string field of any RAS struct (RASPPPLCP's reply message) plus
 * room; larger strings go through the heap. */
#define TEXT_STACK 1100

static size_t
wlen(const WCHAR *s, size_t cap)
{
    size_t n = 0;
    while (n < cap && s[n])
        n++;
    return n;
}

/* n UTF-16 units as UTF-8 into dst (cap bytes) with a NUL; 87 if they do
 * not fit or do not convert. */
static DWORD
w_to_utf8(const WCHAR *w, size_t n, char *dst, size_t cap)
{
    int got = 0;
    if (n > 0) {
        got = WideCharToMultiByte(CP_UTF8, 0, w, (int)n, NULL, 0, NULL, NULL);
        if (got <= 0 || (size_t)got >= cap)
            return WB_ERROR_INVALID_PARAMETER;
        WideCharToMultiByte(CP_UTF8, 0, w, (int)n, dst, got, NULL, NULL);
    }
    if (cap == 0)
        return WB_ERROR_INVALID_PARAMETER;
    dst[got] = '\0';
    return 0;
}

/* An ANSI string of n bytes as UTF-16 into a HeapAlloc'd array (*units
 * gets its length, without a NUL). */
static DWORD
acp_to_w(const char *a, size_t n, WCHAR **out, size_t *units)
{
    int got = n ? MultiByteToWideChar(CP_ACP, 0, a, (int)n, NULL, 0) : 0;
    if (n && got <= 0)
        return WB_ERROR_INVALID_PARAMETER;
    *out = HeapAlloc(GetProcessHeap(), 0, ((size_t)got + 1) * sizeof(WCHAR));
    if (!*out)
        return WB_ERROR_NOT_ENOUGH_MEMORY;
    if (got)
        MultiByteToWideChar(CP_ACP, 0, a, (int)n, *out, got);
    (*out)[got] = 0;
    *units = (size_t)got;
    return 0;
}

DWORD
win_str_to_utf8_buf(enum wl_form f, const void *src, size_t src_cap, char *dst, size_t cap)
{
    WCHAR *w = NULL;
    size_t n;
    DWORD rc;
    if (f == WL_FORM_W) {
        n = wlen(src, src_cap);
        if (n == src_cap)
            return WB_ERROR_INVALID_PARAMETER;
        return w_to_utf8(src, n, dst, cap);
    }
    n = strnlen(src, src_cap);
    if (n == src_cap)
        return WB_ERROR_INVALID_PARAMETER;
    if ((rc = acp_to_w(src, n, &w, &n)) == 0)
        rc = w_to_utf8(w, n, dst, cap);
    HeapFree(GetProcessHeap(), 0, w);
    return rc;
}

DWORD
win_str_to_utf8(enum wl_form f, const void *s, char **out)
{
    size_t units = 0, cap;
    DWORD rc;
    *out = NULL;
    if (!s)
        return 0;
    /* A UTF-16 unit is at most 3 UTF-8 bytes; an ANSI byte becomes at most
     * one unit. */
    units = f == WL_FORM_W ? wlen(s, (size_t)-1) : strlen(s);
    cap = units * 3 + 1;
    if (!(*out = HeapAlloc(GetProcessHeap(), 0, cap)))
        return WB_ERROR_NOT_ENOUGH_MEMORY;
    if ((rc = win_str_to_utf8_buf(f, s, units + 1, *out, cap)) != 0) {
        HeapFree(GetProcessHeap(), 0, *out);
        *out = NULL;
    }
    return rc;
}

DWORD
win_str_from_utf8(enum wl_form f, const char *u, void *dst, size_t cap, size_t *needed)
{
    WCHAR stack[TEXT_STACK], *w = stack;
    int units = 0, need;
    size_t n = strlen(u);
    DWORD rc = 0;

    if (n) {
        units = MultiByteToWideChar(CP_UTF8, 0, u, (int)n, NULL, 0);
        if (units <= 0)
            return WB_ERROR_INVALID_PARAMETER;
        if ((size_t)units >= TEXT_STACK &&
            !(w = HeapAlloc(GetProcessHeap(), 0, (size_t)units * sizeof(WCHAR))))
            return WB_ERROR_NOT_ENOUGH_MEMORY;
        MultiByteToWideChar(CP_UTF8, 0, u, (int)n, w, units);
    }
    need = f == WL_FORM_W || !units
               ? units
               : WideCharToMultiByte(CP_ACP, 0, w, units, NULL, 0, NULL, NULL);
    if (needed)
        *needed = (size_t)need + 1;
    if ((size_t)need + 1 > cap) {
        rc = ERROR_INSUFFICIENT_BUFFER;
    } else if (f == WL_FORM_W) {
        memcpy(dst, w, (size_t)units * sizeof(WCHAR));
        ((WCHAR *)dst)[units] = 0;
    } else {
        if (units)
            WideCharToMultiByte(CP_ACP, 0, w, units, dst, need, NULL, NULL);
        ((char *)dst)[need] = '\0';
    }
    if (w != stack)
        HeapFree(GetProcessHeap(), 0, w);
    return rc;
}

/* ---- lists of strings ---- */

static size_t
unit_size(enum wl_form f)
{
    return f == WL_FORM_W ? sizeof(WCHAR) : 1;
}

DWORD
win_multi_to_utf8(enum wl_form f, const void *src, size_t max, char **out, DWORD *len)
{
    const char *p = src, *end = p + max;
    size_t unit = unit_size(f), used = 0;
    char *buf = NULL, *one = NULL, *grown;
    DWORD rc = 0;

    *out = NULL;
    *len = 0;
    for (;;) {
        size_t room = (size_t)(end - p) / unit, n;
        if (room == 0) {
            rc = WB_ERROR_INVALID_PARAMETER;       /* the list never ends */
            break;
        }
        n = f == WL_FORM_W ? wlen((const WCHAR *)p, room) : strnlen(p, room);
        if (n == room) {
            rc = WB_ERROR_INVALID_PARAMETER;
            break;
        }
        if (n == 0)
            break;
        if ((rc = win_str_to_utf8(f, p, &one)) != 0)
            break;
        size_t add = strlen(one) + 1;
        if (!(grown = buf ? HeapReAlloc(GetProcessHeap(), 0, buf, used + add + 1)
                          : HeapAlloc(GetProcessHeap(), 0, used + add + 1))) {
            rc = WB_ERROR_NOT_ENOUGH_MEMORY;
            break;
        }
        buf = grown;
        memcpy(buf + used, one, add);
        used += add;
        HeapFree(GetProcessHeap(), 0, one);
        one = NULL;
        p += (n + 1) * unit;
    }
    HeapFree(GetProcessHeap(), 0, one);
    if (rc == 0 && buf) {
        buf[used++] = '\0';
        *out = buf;
        *len = (DWORD)used;
    } else {
        HeapFree(GetProcessHeap(), 0, buf);
    }
    return rc;
}

DWORD
win_multi_from_utf8(enum wl_form f, const char *u, DWORD len, void *dst, size_t cap,
                    size_t *need)
{
    size_t unit = unit_size(f), used = 0, chars;
    const char *p = u, *end = u + len;
    char *out = dst;
    DWORD rc = 0;

    while (p < end && *p) {
        size_t room = dst && cap > used ? (cap - used) / unit : 0;
        rc = win_str_from_utf8(f, p, dst ? out + used : NULL, room, &chars);
        if (rc == WB_ERROR_INVALID_PARAMETER || rc == WB_ERROR_NOT_ENOUGH_MEMORY)
            return rc;
        used += chars * unit;
        p += strlen(p) + 1;
    }
    used += unit;               /* the empty string that ends the list */
    if (need)
        *need = used;
    if (!dst)
        return 0;
    if (used > cap)
        return ERROR_INSUFFICIENT_BUFFER;
    memset(out + used - unit, 0, unit);
    return 0;
}

void
win_wipe(void *p, size_t n)
{
    seam_wipe(p, (uint32_t)n);
}
