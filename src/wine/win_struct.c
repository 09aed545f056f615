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

/* The field of the full struct s (libras's side) that a field of the
 * caller's layout (s itself, or its NT 3.5 layout) stands for. */
static const struct wl_field *
full_field(enum wl_struct s, enum wl_struct layout, const struct wl_field *fl)
{
    return layout == s ? fl : wl_field_find(s, fl->name);
}

/* Built aside and copied whole, so a string that does not fit leaves the
 * caller's struct as it was. */
DWORD
win_struct_from_u(enum wl_struct s, const void *u, enum wl_form f, void *dst, DWORD size)
{
    enum wl_struct layout = wl_size_layout(s, wl_size_version(s, f, size));
    size_t n;
    const struct wl_field *fl = wl_fields(layout, &n);
    const char *src = u;
    char out[STRUCT_MAX];
    DWORD rc;

    if (size > sizeof(out))
        return WB_ERROR_INVALID_SIZE;
    memset(out, 0, size);
    for (size_t i = 0; i < n; i++, fl++) {
        const struct wl_field *uf = full_field(s, layout, fl);
        if (!wl_field_covered(fl, f, size))
            continue;
        if (fl->kind != WL_KIND_STR) {
            memcpy(out + field_offset(fl, f), src + uf->off_a, fl->len);
            continue;
        }
        char tmp[1100];
        size_t len = strnlen(src + uf->off_a, uf->len);
        memcpy(tmp, src + uf->off_a, len);
        tmp[len] = '\0';
        /* An NT 3.5 layout's shorter arrays get the string cut at a
         * character boundary, as a list would rather show it cut than fail. */
        while ((rc = win_str_from_utf8(f, tmp, out + field_offset(fl, f), fl->len, NULL)) ==
                   ERROR_INSUFFICIENT_BUFFER && layout != s && len > 0) {
            while (len > 0 && ((unsigned char)tmp[--len] & 0xC0) == 0x80)
                ;
            tmp[len] = '\0';
        }
        if (rc != 0)
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
    int version = wl_size_version(s, f, size);
    enum wl_struct layout = wl_size_layout(s, version);
    size_t n;
    const struct wl_field *fl = wl_fields(layout, &n);
    const char *in = src;
    char *out = u;
    DWORD usize = wl_size_for_libras(s, version), rc;

    if (version < 0)
        return WB_ERROR_INVALID_SIZE;
    memset(u, 0, wl_size_of(s, WL_FORM_A, wl_size_newest(s)));
    for (size_t i = 0; i < n; i++, fl++) {
        const struct wl_field *uf = full_field(s, layout, fl);
        if (!wl_field_covered(fl, f, size))
            continue;
        if (fl->kind != WL_KIND_STR)
            memcpy(out + uf->off_a, in + field_offset(fl, f), fl->len);
        else if ((rc = win_str_to_utf8_buf(f, in + field_offset(fl, f), fl->len,
                                           out + uf->off_a, uf->len)) != 0 && !lenient)
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

/* A named field in the layout the caller's dwSize picks; a field its
 * NT 3.5 layout lacks is looked up in the full struct (callers check
 * coverage before they write there). */
static const struct wl_field *
caller_field(enum wl_struct s, const char *name, enum wl_form f, const void *base)
{
    DWORD size;
    memcpy(&size, base, sizeof(size));
    const struct wl_field *fl = wl_field_find(wl_size_layout(s, wl_size_version(s, f, size)), name);
    return fl ? fl : wl_field_find(s, name);
}

void *
win_field(enum wl_struct s, const char *name, enum wl_form f, const void *base)
{
    return (char *)base + field_offset(caller_field(s, name, f, base), f);
}

size_t
win_field_chars(enum wl_struct s, const char *name, enum wl_form f, const void *base)
{
    return caller_field(s, name, f, base)->len;
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
