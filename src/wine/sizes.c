/* sizes.c: the size table. Data, not code: one row per struct version,
 * the sizes Windows gives it as A32, A64, W32, W64 (ras-api.md section 4;
 * the Windows 8/10 RASENTRY rows end at IdrType and at
 * fDisableIKEv2Fragmentation; the 0x351 rows are the NT 3.5 layouts of
 * layout.h, RASDIALPARAMS 736 among them). The unit test tests/unit_layout checks every
 * row of this build's bitness against where the version's last field
 * ends in layout.h, so a typo here cannot survive. */
#include "sizes.h"

struct size_row {
    uint8_t which;          /* enum wl_struct */
    uint16_t version;
    uint32_t size[4];       /* A32, A64, W32, W64 */
};

/* Oldest version first within each struct. */
static const struct size_row rows[] = {
    {WL_RASENTRYNAME, 0x351, {28, 28, 48, 48}},
    {WL_RASENTRYNAME, 0x400, {264, 264, 520, 520}},
    {WL_RASENTRYNAME, 0x500, {532, 532, 1048, 1048}},
    {WL_RASENTRY, 0x400, {1768, 1768, 3468, 3468}},
    {WL_RASENTRY, 0x401, {1796, 1796, 3496, 3496}},
    {WL_RASENTRY, 0x500, {2088, 2088, 4048, 4048}},
    {WL_RASENTRY, 0x501, {2884, 2884, 5616, 5616}},
    {WL_RASENTRY, 0x600, {2924, 2924, 5656, 5656}},
    {WL_RASENTRY, 0x601, {2948, 2948, 5680, 5680}},
    {WL_RASENTRY, 0x602, {3476, 3476, 6720, 6720}},
    {WL_RASENTRY, 0xA00, {3480, 3480, 6724, 6724}},
    {WL_RASDIALPARAMS, 0x351, {736, 736, 1464, 1464}},
    {WL_RASDIALPARAMS, 0x400, {1052, 1052, 2096, 2096}},
    {WL_RASDIALPARAMS, 0x401, {1060, 1064, 2104, 2108}},
    {WL_RASDIALPARAMS, 0x601, {1064, 1068, 2108, 2112}},
    {WL_RASDIALPARAMS, 0x602, {1068, 1076, 2112, 2120}},
    {WL_RASCONN, 0x351, {32, 36, 52, 56}},
    {WL_RASCONN, 0x400, {412, 416, 816, 820}},
    {WL_RASCONN, 0x401, {676, 680, 1340, 1344}},
    {WL_RASCONN, 0x500, {692, 696, 1356, 1360}},
    {WL_RASCONN, 0x501, {704, 708, 1368, 1372}},
    {WL_RASCONN, 0x600, {720, 724, 1384, 1388}},
    {WL_RASCONNSTATUS, 0x351, {12, 12, 12, 12}},
    {WL_RASCONNSTATUS, 0x400, {160, 160, 304, 304}},
    {WL_RASCONNSTATUS, 0x401, {288, 288, 564, 564}},
    {WL_RASCONNSTATUS, 0x601, {332, 332, 608, 608}},
    {WL_RASDIALEXTENSIONS, 0x400, {16, 24, 16, 24}},
    {WL_RASDIALEXTENSIONS, 0x500, {28, 44, 28, 44}},
    {WL_RASDIALEXTENSIONS, 0x601, {40, 60, 40, 60}},
    {WL_RASCREDENTIALS, 0x401, {540, 540, 1068, 1068}},
    {WL_RASDEVINFO, 0x400, {152, 152, 296, 296}},
    {WL_RASSUBENTRY, 0x401, {288, 288, 564, 564}},
    {WL_RASAUTODIALENTRY, 0x401, {272, 272, 528, 528}},
    {WL_RASPPPIP, 0x350, {24, 24, 40, 40}},
    {WL_RASPPPIP, 0x400, {40, 40, 72, 72}},
    {WL_RASPPPIP, 0x500, {48, 48, 80, 80}},
    {WL_RASPPPLCP, 0x400, {8, 8, 8, 8}},
    {WL_RASPPPLCP, 0x500, {1080, 1080, 2104, 2104}},
    {WL_RASPPPIPX, 0x400, {32, 32, 52, 52}},
    {WL_RASSLIP, 0x400, {24, 24, 40, 40}},
    {WL_RASAMB, 0x400, {28, 28, 44, 44}},
    {WL_RASPPPNBF, 0x400, {48, 48, 84, 84}},
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))

static unsigned
column(enum wl_form f)
{
    return (f == WL_FORM_W ? 2u : 0u) + (WL_WIN64 ? 1u : 0u);
}

int
wl_size_version(enum wl_struct s, enum wl_form f, uint32_t size)
{
    for (unsigned i = 0; i < NROWS; i++)
        if (rows[i].which == s && rows[i].size[column(f)] == size)
            return rows[i].version;
    return -1;
}

uint32_t
wl_size_of(enum wl_struct s, enum wl_form f, int version)
{
    for (unsigned i = 0; i < NROWS; i++)
        if (rows[i].which == s && rows[i].version == version)
            return rows[i].size[column(f)];
    return 0;
}

int
wl_size_version_at(enum wl_struct s, int i)
{
    for (unsigned r = 0; r < NROWS; r++)
        if (rows[r].which == s && i-- == 0)
            return rows[r].version;
    return -1;
}

int
wl_size_newest(enum wl_struct s)
{
    int v = -1;
    for (unsigned r = 0; r < NROWS; r++)
        if (rows[r].which == s)
            v = rows[r].version;
    return v;
}

enum wl_struct
wl_size_layout(enum wl_struct s, int version)
{
    if (version != 0x351)
        return s;
    switch (s) {
    case WL_RASENTRYNAME:
        return WL_RASENTRYNAME351;
    case WL_RASDIALPARAMS:
        return WL_RASDIALPARAMS351;
    case WL_RASCONN:
        return WL_RASCONN351;
    case WL_RASCONNSTATUS:
        return WL_RASCONNSTATUS351;
    default:
        return s;
    }
}

uint32_t
wl_size_for_libras(enum wl_struct s, int version)
{
    /* libras knows no NT 3.5 layout: it gets the NT4 one, which holds
     * every NT 3.5 field. */
    return wl_size_of(s, WL_FORM_A, version == 0x351 ? wl_size_version_at(s, 1) : version);
}
