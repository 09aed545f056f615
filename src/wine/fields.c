/* fields.c: the field tables, expanded from layout.h's field lists. */
#include "fields.h"

#include <string.h>

#define FD_D(T, n) {#n, WL_KIND_DWORD, offsetof(WL_##T##A, n), offsetof(WL_##T##W, n), 4},
#define FD_P(T, n) \
    {#n, WL_KIND_PTR, offsetof(WL_##T##A, n), offsetof(WL_##T##W, n), sizeof(uintptr_t)},
#define FD_S(T, n, len) {#n, WL_KIND_STR, offsetof(WL_##T##A, n), offsetof(WL_##T##W, n), len},
#define FD_R(T, n, t) {#n, WL_KIND_RAW, offsetof(WL_##T##A, n), offsetof(WL_##T##W, n), sizeof(t)},

#define WL_TABLE(name) \
    static const struct wl_field fields_##name[] = { \
        WL_##name##_FIELDS(FD_D, FD_P, FD_S, FD_R, name) \
    };
WL_STRUCTS(WL_TABLE)
#undef WL_TABLE

struct table {
    const struct wl_field *f;
    size_t n;
};

static const struct table tables[WL_COUNT] = {
#define WL_ROW(name) \
    [WL_##name] = {fields_##name, sizeof(fields_##name) / sizeof(fields_##name[0])},
    WL_STRUCTS(WL_ROW)
#undef WL_ROW
};

const struct wl_field *
wl_fields(enum wl_struct s, size_t *n)
{
    *n = tables[s].n;
    return tables[s].f;
}

const struct wl_field *
wl_field_find(enum wl_struct s, const char *name)
{
    for (size_t i = 0; i < tables[s].n; i++)
        if (strcmp(tables[s].f[i].name, name) == 0)
            return &tables[s].f[i];
    return NULL;
}

/* The newest sizes Windows gives, checked when each bitness compiles (the
 * unit test checks every older one where it can run). */
#define W64_ (sizeof(void *) == 8)
_Static_assert(sizeof(WL_RASENTRYA) == 3480 && sizeof(WL_RASENTRYW) == 6724, "RASENTRY");
_Static_assert(sizeof(WL_RASDIALPARAMSA) == (W64_ ? 1076 : 1068), "RASDIALPARAMSA");
_Static_assert(sizeof(WL_RASDIALPARAMSW) == (W64_ ? 2120 : 2112), "RASDIALPARAMSW");
_Static_assert(sizeof(WL_RASCONNA) == (W64_ ? 724 : 720), "RASCONNA");
_Static_assert(sizeof(WL_RASCONNW) == (W64_ ? 1388 : 1384), "RASCONNW");
_Static_assert(sizeof(WL_RASCONNSTATUSW) == 608, "RASCONNSTATUSW");
_Static_assert(sizeof(WL_RASDIALEXTENSIONSA) == (W64_ ? 60 : 40), "RASDIALEXTENSIONS");
_Static_assert(sizeof(WL_RASENTRYNAMEW) == 1048, "RASENTRYNAMEW");
