/* Every dwSize a Windows version's SDK gave a struct, accepted; any other,
 * refused; for the W and A forms and for this program's bitness (32-bit
 * programs pass the x86 sizes, which differ where a struct holds a pointer
 * or a ULONG_PTR). An accepted size must not make the callee write past
 * it. The sizes are the SDK field lists laid out with Windows' packing
 * (pack 4) per version, NT4 (v400) to Windows 10 (vA00): they are data
 * here, not sizeof, so the test does not depend on which version MinGW's
 * ras.h happens to describe. */
#include "wt.h"

#include <stdio.h>
#include <string.h>

#define BITS (sizeof(void *) * 8)
#define MAX_SIZES 8
#define GUARD 64
#define FILL 0xA5

/* The table against MinGW's ras.h, which describes one version per struct
 * (v601 RASDIALPARAMS, v501 RASENTRY and RASCONN, v500 RASDIALEXTENSIONS,
 * v401 RASCONNSTATUS), checked when each bitness is compiled: the i686
 * sizes are right even where no 32-bit program can run. */
#define SIZE_IS(t, x86, x64) \
    _Static_assert(sizeof(t) == (sizeof(void *) == 8 ? (x64) : (x86)), #t "'s size")
SIZE_IS(RASENTRYNAMEA, 532, 532);
SIZE_IS(RASENTRYNAMEW, 1048, 1048);
SIZE_IS(RASENTRYA, 2884, 2884);
SIZE_IS(RASENTRYW, 5616, 5616);
SIZE_IS(RASDIALPARAMSA, 1064, 1068);
SIZE_IS(RASDIALPARAMSW, 2108, 2112);
SIZE_IS(RASDIALEXTENSIONS, 28, 44);
SIZE_IS(RASCONNA, 704, 708);
SIZE_IS(RASCONNW, 1368, 1372);
SIZE_IS(RASCONNSTATUSA, 288, 288);
SIZE_IS(RASCONNSTATUSW, 564, 564);
SIZE_IS(RASPPPIPA, 48, 48);
SIZE_IS(RASPPPIPW, 80, 80);
SIZE_IS(RAS_STATS, 60, 60);
SIZE_IS(RASDEVINFOA, 152, 152);
SIZE_IS(RASDEVINFOW, 296, 296);
SIZE_IS(RASCREDENTIALSA, 540, 540);
SIZE_IS(RASCREDENTIALSW, 1068, 1068);

static BYTE buf[256 * 1024];
static HRASCONN link;             /* the runner's loopback entry, dialled once */

/* One struct: the sizes each version gave it (0 ends a list), the call
 * that takes it, and what that call answers for a refused size. */
struct sized {
    const char *name;
    DWORD a32[MAX_SIZES], a64[MAX_SIZES], w32[MAX_SIZES], w64[MAX_SIZES];
    DWORD (*call)(BOOL wide, DWORD size, DWORD *written);
    DWORD ok_rc, bad_rc;
    BOOL needs_link;
};

static void
prepare(DWORD size)
{
    memset(buf, FILL, sizeof(buf));
    memset(buf, 0, size);
    *(DWORD *)buf = size;
}

/* An enumeration's answer: what it wrote is n elements of the caller's size
 * (rc first, then n: the call sets n). */
static DWORD
enumerated(DWORD rc, DWORD n, DWORD size, DWORD *written)
{
    *written = rc ? 0 : n * size;
    return rc;
}

static DWORD
call_entry_name(BOOL wide, DWORD size, DWORD *written)
{
    DWORD cb = sizeof(buf) - GUARD, n = 0;
    DWORD rc = wide ? RasEnumEntriesW(NULL, NULL, (RASENTRYNAMEW *)buf, &cb, &n)
                    : RasEnumEntriesA(NULL, NULL, (RASENTRYNAMEA *)buf, &cb, &n);
    return enumerated(rc, n, size, written);
}

static DWORD
call_entry(BOOL wide, DWORD size, DWORD *written)
{
    DWORD cb = sizeof(buf) - GUARD;
    (void)size;
    *written = sizeof(buf);       /* an alternate-number list may follow: no guard check */
    return wide ? RasGetEntryPropertiesW(NULL, L"" WT_ENTRY, (RASENTRYW *)buf, &cb, NULL, NULL)
                : RasGetEntryPropertiesA(NULL, WT_ENTRY, (RASENTRYA *)buf, &cb, NULL, NULL);
}

/* RasDial of an entry that does not exist: 623 once the size passed */
static DWORD
call_dial_params(BOOL wide, DWORD size, DWORD *written)
{
    HRASCONN h = NULL;
    DWORD rc;
    *written = size;
    if (wide) {
        lstrcpyW(((RASDIALPARAMSW *)buf)->szEntryName, L"Nowhere");
        rc = RasDialW(NULL, NULL, (RASDIALPARAMSW *)buf, 0, NULL, &h);
    } else {
        lstrcpyA(((RASDIALPARAMSA *)buf)->szEntryName, "Nowhere");
        rc = RasDialA(NULL, NULL, (RASDIALPARAMSA *)buf, 0, NULL, &h);
    }
    if (h)
        RasHangUpW(h);
    return rc;
}

static DWORD
call_dial_ext(BOOL wide, DWORD size, DWORD *written)
{
    RASDIALPARAMSW p;
    HRASCONN h = NULL;
    (void)wide;
    memset(&p, 0, sizeof(p));
    p.dwSize = sizeof(p);
    lstrcpyW(p.szEntryName, L"Nowhere");
    *written = size;
    DWORD rc = RasDialW((RASDIALEXTENSIONS *)buf, NULL, &p, 0, NULL, &h);
    if (h)
        RasHangUpW(h);
    return rc;
}

static DWORD
call_conn(BOOL wide, DWORD size, DWORD *written)
{
    DWORD cb = sizeof(buf) - GUARD, n = 0;
    DWORD rc = wide ? RasEnumConnectionsW((RASCONNW *)buf, &cb, &n)
                    : RasEnumConnectionsA((RASCONNA *)buf, &cb, &n);
    return enumerated(rc, n, size, written);
}

static DWORD
call_conn_status(BOOL wide, DWORD size, DWORD *written)
{
    *written = size;
    return wide ? RasGetConnectStatusW(link, (RASCONNSTATUSW *)buf)
                : RasGetConnectStatusA(link, (RASCONNSTATUSA *)buf);
}

static DWORD
call_ppp_ip(BOOL wide, DWORD size, DWORD *written)
{
    DWORD cb = sizeof(buf) - GUARD;
    *written = size;
    return wide ? RasGetProjectionInfoW(link, RASP_PppIp, buf, &cb)
                : RasGetProjectionInfoA(link, RASP_PppIp, buf, &cb);
}

static DWORD
call_stats(BOOL wide, DWORD size, DWORD *written)
{
    (void)wide;
    *written = size;
    return RasGetConnectionStatistics(link, (RAS_STATS *)buf);
}

static DWORD
call_dev_info(BOOL wide, DWORD size, DWORD *written)
{
    DWORD cb = sizeof(buf) - GUARD, n = 0;
    DWORD rc = wide ? RasEnumDevicesW((RASDEVINFOW *)buf, &cb, &n)
                    : RasEnumDevicesA((RASDEVINFOA *)buf, &cb, &n);
    return enumerated(rc, n, size, written);
}

static DWORD
call_credentials(BOOL wide, DWORD size, DWORD *written)
{
    ((RASCREDENTIALSW *)buf)->dwMask = RASCM_UserName;
    *written = size;
    return wide ? RasGetCredentialsW(NULL, L"" WT_ENTRY, (RASCREDENTIALSW *)buf)
                : RasGetCredentialsA(NULL, WT_ENTRY, (RASCREDENTIALSA *)buf);
}

/* Sizes: A 32-bit, A 64-bit, W 32-bit, W 64-bit (ras-api.md's table). */
static const struct sized table[] = {
    { "RASENTRYNAME", { 264, 532 }, { 264, 532 }, { 520, 1048 }, { 520, 1048 },
      call_entry_name, 0, ERROR_INVALID_SIZE, FALSE },
    { "RASENTRY",
      { 1768, 1796, 2088, 2884, 2924, 2948, 3480 }, { 1768, 1796, 2088, 2884, 2924, 2948, 3480 },
      { 3468, 3496, 4048, 5616, 5656, 5680, 6724 }, { 3468, 3496, 4048, 5616, 5656, 5680, 6724 },
      call_entry, 0, ERROR_INVALID_SIZE, FALSE },
    /* 736/1464: NT 3.5's, with its 20-character entry name */
    { "RASDIALPARAMS", { 736, 1052, 1060, 1064, 1068 }, { 736, 1052, 1064, 1068, 1076 },
      { 1464, 2096, 2104, 2108, 2112 }, { 1464, 2096, 2108, 2112, 2120 },
      call_dial_params, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, ERROR_INVALID_SIZE, FALSE },
    { "RASDIALEXTENSIONS", { 16, 28, 40 }, { 24, 44, 60 }, { 0 }, { 0 },
      call_dial_ext, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, ERROR_INVALID_SIZE, FALSE },
    { "RASCONN", { 412, 676, 692, 704, 720 }, { 416, 680, 696, 708, 724 },
      { 816, 1340, 1356, 1368, 1384 }, { 820, 1344, 1360, 1372, 1388 },
      call_conn, 0, ERROR_INVALID_SIZE, FALSE },
    { "RASCONNSTATUS", { 160, 288, 332 }, { 160, 288, 332 }, { 304, 564, 608 }, { 304, 564, 608 },
      call_conn_status, 0, ERROR_INVALID_SIZE, TRUE },
    /* 24 and 40: built with WINNT35COMPATIBLE (no szServerIpAddress) */
    { "RASPPPIP", { 24, 40, 48 }, { 24, 40, 48 }, { 40, 72, 80 }, { 40, 72, 80 },
      call_ppp_ip, 0, ERROR_INVALID_SIZE, TRUE },
    { "RAS_STATS", { 60 }, { 60 }, { 0 }, { 0 }, call_stats, 0, E_INVALIDARG, TRUE },
    { "RASDEVINFO", { 152 }, { 152 }, { 296 }, { 296 }, call_dev_info, 0, ERROR_INVALID_SIZE,
      FALSE },
    { "RASCREDENTIALS", { 540 }, { 540 }, { 1068 }, { 1068 }, call_credentials, 0,
      ERROR_INVALID_SIZE, FALSE },
};

static BOOL
in_list(const DWORD *list, DWORD v)
{
    for (int i = 0; i < MAX_SIZES && list[i]; i++)
        if (list[i] == v)
            return TRUE;
    return FALSE;
}

static BOOL
guard_intact(DWORD written)
{
    if (written + GUARD > sizeof(buf))
        return TRUE;
    for (DWORD i = 0; i < GUARD; i++)
        if (buf[written + i] != FILL)
            return FALSE;
    return TRUE;
}

static void
try_size(const struct sized *s, BOOL wide, DWORD size, BOOL accepted)
{
    DWORD written = 0;
    prepare(size);
    DWORD rc = s->call(wide, size, &written);
    const char *form = s->call == call_stats || s->call == call_dial_ext ? "" : wide ? "W" : "A";
    if (accepted) {
        wt_eq(rc, s->ok_rc, "%s%s dwSize %lu (%u-bit) accepted", s->name, form,
              (unsigned long)size, (unsigned)BITS);
        wt_ok(guard_intact(written), "%s%s dwSize %lu: nothing written past it", s->name, form,
              (unsigned long)size);
    } else {
        wt_eq(rc, s->bad_rc, "%s%s dwSize %lu (%u-bit) refused", s->name, form,
              (unsigned long)size, (unsigned)BITS);
    }
}

/* Refused: 0, 1, one byte off each end, and the sizes of the other
 * bitness or charset that are not sizes here. */
static void
try_struct(const struct sized *s, BOOL wide)
{
    const DWORD *mine = wide ? (BITS == 64 ? s->w64 : s->w32) : (BITS == 64 ? s->a64 : s->a32);
    const DWORD *same_other_bits = wide ? (BITS == 64 ? s->w32 : s->w64)
                                        : (BITS == 64 ? s->a32 : s->a64);
    const DWORD *others[3] = { same_other_bits, wide ? s->a32 : s->w32, wide ? s->a64 : s->w64 };
    int n = 0;
    while (n < MAX_SIZES && mine[n])
        n++;
    if (!n)
        return;
    for (int i = 0; i < n; i++)
        try_size(s, wide, mine[i], TRUE);
    DWORD bad[4 + 3 * MAX_SIZES] = { 0, 1, mine[0] - 1, mine[n - 1] + 1 };
    int nbad = 4;
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < MAX_SIZES && others[k][i]; i++)
            bad[nbad++] = others[k][i];
    for (int i = 0; i < nbad; i++) {
        BOOL dup = in_list(mine, bad[i]);
        for (int j = 0; j < i && !dup; j++)
            dup = bad[j] == bad[i];
        if (!dup)
            try_size(s, wide, bad[i], FALSE);
    }
}

int
main(void)
{
    link = wt_dial(L"" WT_ENTRY);
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (table[i].needs_link && !link) {
            wt_skip(table[i].name, "no link to ask about");
            continue;
        }
        try_struct(&table[i], FALSE);
        try_struct(&table[i], TRUE);
    }
    if (link) {
        wt_eq(RasHangUpW(link), 0, "RasHangUpW");
        wt_ok(wt_wait_gone(link, 10000), "the link is gone");
    }
    return wt_done();
}
