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

DWORD
win_struct_from_u(enum wl_struct s, const void *u, enum wl_form f, void *dst, DWORD size)
{
    size_t n;
    const struct wl_field *fl = wl_fields(s, &n);
    const char *src = u;
    char *out = dst;
    DWORD rc;

    memset(dst, 0, size);
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
    memcpy(dst, &size, sizeof(size));
    return 0;
}

DWORD
win_struct_to_u(enum wl_struct s, enum wl_form f, const void *src, DWORD size, void *u)
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
                                           out + fl->off_a, fl->len)) != 0)
            return rc;
    }
    memcpy(u, &usize, sizeof(usize));
    return 0;
}
