/* win_struct.c: a RAS struct between the caller's form and libras's (the
 * A layout with UTF-8 strings), one field at a time from the field tables
 * (fields.c), touching only the fields the caller's dwSize covers. */
#include "win_bridge.h"

#include <string.h>

int
win_struct_version(enum wl_struct s, enum wl_form f, const void *p)
{
    DWORD size;
    memcpy(&size, p, sizeof(size));
    return wl_size_version(s, f, size);
}

static size_t
field_offset(const struct wl_field *fl, enum wl_form f)
{
    return f == WL_FORM_W ? fl->off_w : fl->off_a;
}

/* The largest struct of any form: RASENTRYW of Windows 10. */
#define STRUCT_MAX sizeof(WL_RASENTRYW)

/* Built aside and copied whole, so a string that does not fit leaves the
 * caller's struct as it was. */
DWORD
win_struct_from_u(enum wl_struct s, const void *u, enum wl_form f, void *dst, DWORD size)
{
    size_t n;
    const struct wl_field *fl = wl_fields(s, &n);
    const char *src = u;
    char out[STRUCT_MAX];
    DWORD rc;

    if (size > sizeof(out))
        return WB_ERROR_INVALID_SIZE;
    memset(out, 0, size);
    for (size_t i = 0; i < n; i++, fl++) {
        if (!wl_field_covered(fl, f, size))
            continue;
        if (fl->kind != WL_KIND_STR) {
            memcpy(out + field_offset(fl, f), src + fl->off_a, fl->len);
            continue;
        }
        char tmp[1100];
        size_t len = strnlen(src + fl->off_a, fl->len);
        memcpy(tmp, src + fl->off_a, len);
        tmp[len] = '\0';
        if ((rc = win_str_from_utf8(f, tmp, out + field_offset(fl, f), fl->len, NULL)) != 0)
            return rc;
    }
    memcpy(out, &size, sizeof(size));
    memcpy(dst, out, size);
    return 0;
}

static DWORD
struct_to_u(enum wl_struct s, enum wl_form f, const void *src, DWORD size, void *u,
            int lenient)
{
    size_t n;
    const struct wl_field *fl = wl_fields(s, &n);
    const char *in = src;
    char *out = u;
    int version = wl_size_version(s, f, size);
    DWORD usize = wl_size_of(s, WL_FORM_A, version), rc;

    if (version < 0)
        return WB_ERROR_INVALID_SIZE;
    memset(u, 0, wl_size_of(s, WL_FORM_A, wl_size_newest(s)));
    for (size_t i = 0; i < n; i++, fl++) {
        if (!wl_field_covered(fl, f, size))
            continue;
        if (fl->kind != WL_KIND_STR)
            memcpy(out + fl->off_a, in + field_offset(fl, f), fl->len);
        else if ((rc = win_str_to_utf8_buf(f, in + field_offset(fl, f), fl->len,
                                           out + fl->off_a, fl->len)) != 0 && !lenient)
            return rc;
    }
    memcpy(u, &usize, sizeof(usize));
    return 0;
}

DWORD
win_struct_to_u(enum wl_struct s, enum wl_form f, const void *src, DWORD size, void *u)
{
    return struct_to_u(s, f, src, size, u, 0);
}

DWORD
win_struct_to_u_inputs(enum wl_struct s, enum wl_form f, const void *src, DWORD size, void *u)
{
    return struct_to_u(s, f, src, size, u, 1);
}

void *
win_field(enum wl_struct s, const char *name, enum wl_form f, const void *base)
{
    const struct wl_field *fl = wl_field_find(s, name);
    return (char *)base + field_offset(fl, f);
}

DWORD
win_put_with_alternates(enum wl_struct s, enum wl_form f, const void *u, const char *alts,
                        DWORD alts_len, void *buf, DWORD size, DWORD *lpcb)
{
    size_t alts_bytes = 0;
    DWORD rc, off = size;

    if (alts && (rc = win_multi_from_utf8(f, alts, alts_len, NULL, 0, &alts_bytes)) != 0)
        return rc;
    DWORD need = size + (DWORD)alts_bytes;
    if (!buf || *lpcb < need) {
        *lpcb = need;
        return WB_ERROR_BUFFER_TOO_SMALL;
    }
    if ((rc = win_struct_from_u(s, u, f, buf, size)) != 0)
        return rc;
    if (alts) {
        if ((rc = win_multi_from_utf8(f, alts, alts_len, (char *)buf + size, alts_bytes,
                                      NULL)) != 0)
            return rc;
        memcpy(win_field(s, "dwAlternateOffset", f, buf), &off, sizeof(off));
    }
    *lpcb = need;
    return 0;
}
