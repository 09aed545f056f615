/* fields.h: each RAS struct's fields as data (kind, offset in the A and in
 * the W form, length), from the field lists in layout.h. Converting a
 * struct between forms is a walk over this table (win_struct.c), so no
 * struct needs a hand-written copy function per form. Neutral header. */
#ifndef RAS_WINE_FIELDS_H
#define RAS_WINE_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "layout.h"

enum wl_kind { WL_KIND_DWORD, WL_KIND_PTR, WL_KIND_STR, WL_KIND_RAW };

struct wl_field {
    const char *name;
    uint8_t kind;           /* enum wl_kind */
    uint16_t off_a, off_w;  /* offset in the A and the W struct */
    uint16_t len;           /* characters for WL_KIND_STR, else bytes */
};

/* The fields of a struct, oldest first; *n gets their number. */
const struct wl_field *wl_fields(enum wl_struct s, size_t *n);

/* The field named, or NULL. */
const struct wl_field *wl_field_find(enum wl_struct s, const char *name);

/* True when a struct of size bytes in form f holds the whole field. */
static inline int
wl_field_covered(const struct wl_field *fl, enum wl_form f, uint32_t size)
{
    size_t off = f == WL_FORM_W ? fl->off_w : fl->off_a;
    size_t bytes = fl->kind == WL_KIND_STR ? (size_t)fl->len * (f == WL_FORM_W ? 2u : 1u)
                                           : fl->len;
    return off + bytes <= size;
}

#endif
