/* unit_layout: the bridge's size table (sizes.c) against its struct
 * layouts (layout.h) for this build's bitness. Each size of a version
 * must end exactly where the version's last field ends (rounded up to the
 * 4-byte packing), the A and W sizes of one version must cover the same
 * fields, and the newest version must be the whole struct. */
#include <stdio.h>
#include <string.h>

#include "fields.h"
#include "sizes.h"

static int failures;

#define CHECK(cond, ...) \
    do { \
        if (!(cond)) { \
            failures++; \
            printf("FAIL %s:%d: ", __FILE__, __LINE__); \
            printf(__VA_ARGS__); \
            printf("\n"); \
        } \
    } while (0)

static const char *names[] = {
#define NAME(n) #n,
    WL_STRUCTS(NAME)
#undef NAME
};

static const size_t whole[2][WL_COUNT] = {
#define SA(n) sizeof(WL_##n##A),
#define SW(n) sizeof(WL_##n##W),
    {WL_STRUCTS(SA)},
    {WL_STRUCTS(SW)},
#undef SA
#undef SW
};

/* How many leading fields a size of form f covers, and whether the size
 * ends exactly at the last of them (rounded up to 4). */
static size_t
covered(enum wl_struct s, enum wl_form f, uint32_t size, int *exact)
{
    size_t n, k = 0, end = 0;
    const struct wl_field *fl = wl_fields(s, &n);
    while (k < n && wl_field_covered(&fl[k], f, size)) {
        size_t off = f == WL_FORM_W ? fl[k].off_w : fl[k].off_a;
        end = off + (fl[k].kind == WL_KIND_STR ? fl[k].len * (f == WL_FORM_W ? 2u : 1u)
                                               : fl[k].len);
        k++;
    }
    *exact = (end + 3) / 4 * 4 == size;
    return k;
}

/* An NT 3.5 row is the whole of its own layout (layout.h's WL_*351). */
static void
check_nt35(enum wl_struct s, uint32_t sa, uint32_t sw)
{
    enum wl_struct l = wl_size_layout(s, 0x351);
    CHECK(l != s, "%s has a 0x351 row but no NT 3.5 layout", names[s]);
    CHECK(sa == whole[0][l], "%s NT 3.5 A %u != sizeof %zu", names[s], sa, whole[0][l]);
    CHECK(sw == whole[1][l], "%s NT 3.5 W %u != sizeof %zu", names[s], sw, whole[1][l]);
    CHECK(wl_size_for_libras(s, 0x351) == wl_size_of(s, WL_FORM_A, wl_size_version_at(s, 1)),
          "%s NT 3.5 goes to libras as NT4", names[s]);
}

static void
check_struct(enum wl_struct s)
{
    int v;
    if (strstr(names[s], "351"))
        return;     /* a layout, not a struct of its own */
    CHECK(wl_size_newest(s) >= 0, "%s has no size row", names[s]);
    for (int i = 0; (v = wl_size_version_at(s, i)) >= 0; i++) {
        uint32_t sa = wl_size_of(s, WL_FORM_A, v), sw = wl_size_of(s, WL_FORM_W, v);
        int ea, ew;
        if (v == 0x351) {
            check_nt35(s, sa, sw);
            continue;
        }
        size_t ka = covered(s, WL_FORM_A, sa, &ea), kw = covered(s, WL_FORM_W, sw, &ew);
        CHECK(ea, "%s v%#x A size %u is not where a field ends", names[s], v, sa);
        CHECK(ew, "%s v%#x W size %u is not where a field ends", names[s], v, sw);
        CHECK(ka == kw, "%s v%#x: A covers %zu fields, W %zu", names[s], v, ka, kw);
        CHECK(wl_size_version(s, WL_FORM_A, sa) == v, "%s A %u maps back", names[s], sa);
        CHECK(wl_size_version(s, WL_FORM_W, sw) == v, "%s W %u maps back", names[s], sw);
        if (v == wl_size_newest(s)) {
            CHECK(sa == whole[0][s], "%s newest A %u != sizeof %zu", names[s], sa, whole[0][s]);
            CHECK(sw == whole[1][s], "%s newest W %u != sizeof %zu", names[s], sw, whole[1][s]);
        }
    }
}

/* Sizes the issue and wine.md name, by bitness. */
static void
check_known_sizes(void)
{
    int w64 = WL_WIN64;
    CHECK(wl_size_version(WL_RASENTRY, WL_FORM_A, 3480) == 0xA00, "RASENTRYA 3480 (Windows 10)");
    CHECK(wl_size_version(WL_RASENTRY, WL_FORM_A, 2884) == 0x501, "RASENTRYA 2884 (MinGW)");
    CHECK(wl_size_version(WL_RASENTRYNAME, WL_FORM_W, 1048) == 0x500, "RASENTRYNAMEW 1048");
    CHECK(wl_size_version(WL_RASENTRYNAME, WL_FORM_W, 0) < 0, "dwSize 0 is refused");
    CHECK(wl_size_version(WL_RASDIALPARAMS, WL_FORM_A, w64 ? 1068 : 1064) == 0x601,
          "RASDIALPARAMSA MinGW size");
    CHECK(wl_size_version(WL_RASDIALPARAMS, WL_FORM_W, w64 ? 2112 : 2108) == 0x601,
          "RASDIALPARAMSW MinGW size");
    CHECK(wl_size_version(WL_RASCONN, WL_FORM_W, w64 ? 1372 : 1368) == 0x501, "RASCONNW MinGW");
    CHECK(wl_size_version(WL_RASCONNSTATUS, WL_FORM_W, 564) == 0x401, "RASCONNSTATUSW MinGW");
    CHECK(wl_size_version(WL_RASDIALEXTENSIONS, WL_FORM_A, w64 ? 44 : 28) == 0x500,
          "RASDIALEXTENSIONS MinGW size");
    CHECK(wl_size_version(WL_RASDIALPARAMS, WL_FORM_A, 736) == 0x351, "RASDIALPARAMSA 736");
    CHECK(wl_size_version(WL_RASCONN, WL_FORM_A, w64 ? 36 : 32) == 0x351, "RASCONNA NT 3.5");
    if (!w64)
        CHECK(wl_size_version(WL_RASDIALPARAMS, WL_FORM_A, 1060) == 0x401, "x86 1060");
}

int
main(void)
{
    for (int s = 0; s < WL_COUNT; s++)
        check_struct((enum wl_struct)s);
    check_known_sizes();
    printf("%s: %d failure(s)\n", failures ? "FAIL" : "ok", failures);
    return failures != 0;
}
