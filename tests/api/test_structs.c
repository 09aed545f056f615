/* Struct layouts and dwSize versions: our A structs have the Windows sizes
 * and offsets (reference §4, pack 4), and ras_struct_version recognises
 * exactly the historical sizes of each struct and nothing next to them. */
#include <stddef.h>
#include <string.h>

#include <ras.h>
#include <raserror.h>

#include "harness.h"
#include "lib/structsize.h"

#define P64 (sizeof(void *) == 8)

struct known {
    enum ras_struct which;
    const char *name;
    int version;
    DWORD size64, size32;         /* Windows A sizes on x64 and x86 */
};

/* Sizes from the reference's table, where it has them; the rest computed
 * the same way (pack 4, CHAR 1). */
static const struct known known[] = {
    {RAS_ST_RASCONN, "RASCONN", 0x400, 416, 412},
    {RAS_ST_RASCONN, "RASCONN", 0x401, 680, 676},
    {RAS_ST_RASCONN, "RASCONN", 0x500, 696, 692},
    {RAS_ST_RASCONN, "RASCONN", 0x501, 708, 704},
    {RAS_ST_RASCONN, "RASCONN", 0x600, 724, 720},
    {RAS_ST_RASCONNSTATUS, "RASCONNSTATUS", 0x400, 160, 160},
    {RAS_ST_RASCONNSTATUS, "RASCONNSTATUS", 0x401, 288, 288},
    {RAS_ST_RASCONNSTATUS, "RASCONNSTATUS", 0x601, 332, 332},
    {RAS_ST_RASDIALPARAMS, "RASDIALPARAMS", 0x400, 1052, 1052},
    {RAS_ST_RASDIALPARAMS, "RASDIALPARAMS", 0x401, 1064, 1060},
    {RAS_ST_RASDIALPARAMS, "RASDIALPARAMS", 0x601, 1068, 1064},
    {RAS_ST_RASDIALPARAMS, "RASDIALPARAMS", 0x602, 1076, 1068},
    {RAS_ST_RASDIALEXTENSIONS, "RASDIALEXTENSIONS", 0x400, 24, 16},
    {RAS_ST_RASDIALEXTENSIONS, "RASDIALEXTENSIONS", 0x500, 44, 28},
    {RAS_ST_RASDIALEXTENSIONS, "RASDIALEXTENSIONS", 0x601, 60, 40},
    {RAS_ST_RASENTRYNAME, "RASENTRYNAME", 0x400, 264, 264},
    {RAS_ST_RASENTRYNAME, "RASENTRYNAME", 0x500, 532, 532},
    {RAS_ST_RASENTRY, "RASENTRY", 0x400, 1768, 1768},
    {RAS_ST_RASENTRY, "RASENTRY", 0x401, 1796, 1796},
    {RAS_ST_RASENTRY, "RASENTRY", 0x500, 2088, 2088},
    {RAS_ST_RASENTRY, "RASENTRY", 0x501, 2884, 2884},
    {RAS_ST_RASENTRY, "RASENTRY", 0x600, 2924, 2924},
    {RAS_ST_RASENTRY, "RASENTRY", 0x601, 2948, 2948},
    {RAS_ST_RASDEVINFO, "RASDEVINFO", 0x400, 152, 152},
    {RAS_ST_RASCREDENTIALS, "RASCREDENTIALS", 0x401, 540, 540},
    {RAS_ST_RASSUBENTRY, "RASSUBENTRY", 0x401, 288, 288},
    {RAS_ST_RASAUTODIALENTRY, "RASAUTODIALENTRY", 0x401, 272, 272},
    {RAS_ST_RASCTRYINFO, "RASCTRYINFO", 0x400, 20, 20},
    {RAS_ST_RAS_STATS, "RAS_STATS", 0x500, 60, 60},
    {RAS_ST_RASAMB, "RASAMB", 0x400, 28, 28},
    {RAS_ST_RASPPPNBF, "RASPPPNBF", 0x400, 48, 48},
    {RAS_ST_RASPPPIPX, "RASPPPIPX", 0x400, 32, 32},
    {RAS_ST_RASPPPIP, "RASPPPIP", 0x350, 24, 24},
    {RAS_ST_RASPPPIP, "RASPPPIP", 0x400, 40, 40},
    {RAS_ST_RASPPPIP, "RASPPPIP", 0x500, 48, 48},
    {RAS_ST_RASPPPIPV6, "RASPPPIPV6", 0x600, 28, 28},
    {RAS_ST_RASPPPLCP, "RASPPPLCP", 0x400, 8, 8},
    {RAS_ST_RASPPPLCP, "RASPPPLCP", 0x500, 1080, 1080},
    {RAS_ST_RASSLIP, "RASSLIP", 0x400, 24, 24},
    {RAS_ST_RASPPPCCP, "RASPPPCCP", 0x500, 24, 24},
};
#define N_KNOWN (sizeof(known) / sizeof(known[0]))

static DWORD size_of(const struct known *k)
{
    return P64 ? k->size64 : k->size32;
}

static bool is_known_size(enum ras_struct which, DWORD size)
{
    for (size_t i = 0; i < N_KNOWN; i++)
        if (known[i].which == which && size_of(&known[i]) == size)
            return true;
    return false;
}

static void t_sizes(void)
{
    CHECK_EQ(sizeof(RASENTRYA), 2948);
    CHECK_EQ(sizeof(RASCONNA), P64 ? 724 : 720);
    CHECK_EQ(sizeof(RASCONNSTATUSA), 332);
    CHECK_EQ(sizeof(RASDIALPARAMSA), P64 ? 1076 : 1068);
    CHECK_EQ(sizeof(RASENTRYNAMEA), 532);
    CHECK_EQ(sizeof(RASCREDENTIALSA), 540);
    CHECK_EQ(sizeof(RASDEVINFOA), 152);
    CHECK_EQ(sizeof(RAS_STATS), 60);
    CHECK_EQ(sizeof(RASPPPIPA), 48);
    CHECK_EQ(sizeof(RASPPPLCPA), 1080);
    CHECK_EQ(sizeof(RASPPPCCP), 24);
    CHECK_EQ(sizeof(RASCTRYINFO), 20);
    CHECK_EQ(sizeof(RASIPADDR), 4);
    CHECK_EQ(sizeof(RASTUNNELENDPOINT), 20);
    CHECK_EQ(sizeof(GUID), 16);
    CHECK_EQ(sizeof(LUID), 8);
    CHECK_EQ(sizeof(DWORD), 4);
    CHECK_EQ(sizeof(BOOL), 4);
    CHECK_EQ(sizeof(RASCONNSTATE), 4);
    CHECK_EQ(sizeof(RASPROJECTION), 4);
}

/* Offsets that pin the Windows layout: the version boundaries of the
 * reference's size table, and pack(4) placing pointers on 4 bytes. */
static void t_offsets(void)
{
    CHECK_EQ(offsetof(RASCONNA, hrasconn), 4);
    CHECK_EQ(offsetof(RASCONNA, szEntryName), P64 ? 12 : 8);
    CHECK_EQ(offsetof(RASCONNA, szPhonebook), P64 ? 415 : 411);
    CHECK_EQ(offsetof(RASCONNA, guidCorrelationId), P64 ? 708 : 704);
    CHECK_EQ(offsetof(RASCONNSTATUSA, szPhoneNumber), 158);
    CHECK_EQ(offsetof(RASCONNSTATUSA, localEndPoint), 288);
    CHECK_EQ(offsetof(RASCONNSTATUSA, rasconnsubstate), 328);
    CHECK_EQ(offsetof(RASDIALPARAMSA, dwSubEntry), 1052);
    CHECK_EQ(offsetof(RASDIALPARAMSA, dwCallbackId), 1056);
    CHECK_EQ(offsetof(RASDIALPARAMSA, dwIfIndex), P64 ? 1064 : 1060);
    CHECK_EQ(offsetof(RASENTRYNAMEA, dwFlags), 264);
    CHECK_EQ(offsetof(RASENTRYA, szAreaCode), 16);
    CHECK_EQ(offsetof(RASENTRYA, ipaddr), 160);
    CHECK_EQ(offsetof(RASENTRYA, dwSubEntries), 1768);
    CHECK_EQ(offsetof(RASENTRYA, dwType), 1796);
    CHECK_EQ(offsetof(RASENTRYA, dwfOptions2), 2088);
    CHECK_EQ(offsetof(RASENTRYA, dwRedialCount), 2876);
    CHECK_EQ(offsetof(RASENTRYA, ipv6addrDns), 2884);
    CHECK_EQ(offsetof(RASENTRYA, ipv6addr), 2924);
    CHECK_EQ(offsetof(RASDIALEXTENSIONS, hwndParent), 8);
    CHECK_EQ(offsetof(RASDIALEXTENSIONS, RasEapInfo), P64 ? 32 : 20);
    CHECK_EQ(offsetof(RASPPPLCPA, szReplyMessage), 48);
    CHECK_EQ(offsetof(RAS_STATS, dwConnectDuration), 56);
}

static void t_every_historical_size(void)
{
    for (size_t i = 0; i < N_KNOWN; i++) {
        const struct known *k = &known[i];
        DWORD size = size_of(k);
        if (ras_struct_version(k->which, size) != k->version)
            th_fail(__FILE__, __LINE__, "%s size %u: version %#x, expected %#x", k->name,
                    size, ras_struct_version(k->which, size), k->version);
        if (ras_struct_size(k->which, k->version) != size)
            th_fail(__FILE__, __LINE__, "%s v%#x: size %u, expected %u", k->name, k->version,
                    ras_struct_size(k->which, k->version), size);
        CHECK_EQ(ras_struct_check(k->which, size), ERROR_SUCCESS);
    }
}

/* Wine's test, run on Windows: sizeof-1, sizeof+1 and 0 get 632. */
static void t_neighbours_rejected(void)
{
    for (size_t i = 0; i < N_KNOWN; i++) {
        const struct known *k = &known[i];
        DWORD size = size_of(k);
        const DWORD near[] = {0, 1, size - 1, size + 1, size - 4, size + 4, 0xFFFFFFFFu};
        for (size_t j = 0; j < sizeof(near) / sizeof(near[0]); j++) {
            if (is_known_size(k->which, near[j]))
                continue;
            if (ras_struct_version(k->which, near[j]) != -1)
                th_fail(__FILE__, __LINE__, "%s accepts size %u", k->name, near[j]);
            CHECK_EQ(ras_struct_check(k->which, near[j]), ERROR_INVALID_SIZE);
        }
    }
}

/* The table holds exactly the versions listed above, no more. */
static void t_no_unlisted_versions(void)
{
    for (int w = 0; w < RAS_ST_COUNT; w++) {
        int n = ras_struct_nversions((enum ras_struct)w);
        int listed = 0;
        for (size_t i = 0; i < N_KNOWN; i++)
            listed += known[i].which == (enum ras_struct)w;
        if (n != listed || n == 0)
            th_fail(__FILE__, __LINE__, "struct %d: %d versions, %d listed", w, n, listed);
        for (int i = 1; i < n; i++)
            CHECK(ras_struct_version_at((enum ras_struct)w, i) >
                  ras_struct_version_at((enum ras_struct)w, i - 1));
        CHECK_EQ(ras_struct_version_at((enum ras_struct)w, n), -1);
        CHECK_EQ(ras_struct_size((enum ras_struct)w, 0x999), 0);
    }
    CHECK_EQ(ras_struct_version(RAS_ST_COUNT, 152), -1);
    CHECK_EQ(ras_struct_version((enum ras_struct)-1, 152), -1);
    CHECK_EQ(ras_struct_size(RAS_ST_COUNT, 0x400), 0);
    CHECK_EQ(ras_struct_nversions(RAS_ST_COUNT), 0);
}

/* A version's size covers its own fields and none of the next version's. */
static void t_size_covers(void)
{
    DWORD v400 = ras_struct_size(RAS_ST_RASCONN, 0x400);
    DWORD v500 = ras_struct_size(RAS_ST_RASCONN, 0x500);
    CHECK(RAS_SIZE_COVERS(RASCONNA, szDeviceName, v400));
    CHECK(!RAS_SIZE_COVERS(RASCONNA, szPhonebook, v400));
    CHECK(RAS_SIZE_COVERS(RASCONNA, guidEntry, v500));
    CHECK(!RAS_SIZE_COVERS(RASCONNA, dwFlags, v500));

    DWORD e400 = ras_struct_size(RAS_ST_RASENTRY, 0x400);
    DWORD e501 = ras_struct_size(RAS_ST_RASENTRY, 0x501);
    CHECK(RAS_SIZE_COVERS(RASENTRYA, dwReserved2, e400));
    CHECK(!RAS_SIZE_COVERS(RASENTRYA, dwSubEntries, e400));
    CHECK(RAS_SIZE_COVERS(RASENTRYA, dwRedialPause, e501));
    CHECK(!RAS_SIZE_COVERS(RASENTRYA, ipv6addrDns, e501));
    CHECK(RAS_SIZE_COVERS(RASENTRYA, dwNetworkOutageTime, sizeof(RASENTRYA)));

    DWORD s401 = ras_struct_size(RAS_ST_RASCONNSTATUS, 0x401);
    CHECK(RAS_SIZE_COVERS(RASCONNSTATUSA, szPhoneNumber, s401));
    CHECK(!RAS_SIZE_COVERS(RASCONNSTATUSA, localEndPoint, s401));

    DWORD d601 = ras_struct_size(RAS_ST_RASDIALPARAMS, 0x601);
    CHECK(RAS_SIZE_COVERS(RASDIALPARAMSA, dwIfIndex, d601));
    CHECK(!RAS_SIZE_COVERS(RASDIALPARAMSA, szEncPassword, d601));
}

int main(void)
{
    TH_RUN(t_sizes);
    TH_RUN(t_offsets);
    TH_RUN(t_every_historical_size);
    TH_RUN(t_neighbours_rejected);
    TH_RUN(t_no_unlisted_versions);
    TH_RUN(t_size_covers);
    return th_done();
}
