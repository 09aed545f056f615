/* structsize.c: the historical sizes of every versioned RAS struct,
 * computed from our own layouts (offsetof), so they follow ras.h and the
 * pointer width of the build: the size a version had on Windows is where
 * its last field ends, rounded up to the struct's alignment. */
#include "lib/structsize.h"

#include <stdalign.h>
#include <string.h>

#define END_OF(type, field) \
    ((DWORD)((offsetof(type, field) + sizeof(((type *)0)->field) + alignof(type) - 1) / \
             alignof(type) * alignof(type)))

struct version_size {
    int version;
    DWORD size;
};

#define MAX_VERSIONS 6

struct struct_versions {
    int count;
    struct version_size v[MAX_VERSIONS];
};

/* Oldest first. Each entry names the last field the version had. */
static const struct struct_versions table[RAS_ST_COUNT] = {
    [RAS_ST_RASCONN] = {5, {
        {0x400, END_OF(RASCONNA, szDeviceName)},
        {0x401, END_OF(RASCONNA, dwSubEntry)},
        {0x500, END_OF(RASCONNA, guidEntry)},
        {0x501, END_OF(RASCONNA, luid)},
        {0x600, END_OF(RASCONNA, guidCorrelationId)}}},
    [RAS_ST_RASCONNSTATUS] = {3, {
        {0x400, END_OF(RASCONNSTATUSA, szDeviceName)},
        {0x401, END_OF(RASCONNSTATUSA, szPhoneNumber)},
        {0x601, END_OF(RASCONNSTATUSA, rasconnsubstate)}}},
    [RAS_ST_RASDIALPARAMS] = {4, {
        {0x400, END_OF(RASDIALPARAMSA, szDomain)},
        {0x401, END_OF(RASDIALPARAMSA, dwCallbackId)},
        {0x601, END_OF(RASDIALPARAMSA, dwIfIndex)},
        {0x602, END_OF(RASDIALPARAMSA, szEncPassword)}}},
    [RAS_ST_RASDIALEXTENSIONS] = {3, {
        {0x400, END_OF(RASDIALEXTENSIONS, reserved)},
        {0x500, END_OF(RASDIALEXTENSIONS, RasEapInfo)},
        {0x601, END_OF(RASDIALEXTENSIONS, RasDevSpecificInfo)}}},
    [RAS_ST_RASENTRYNAME] = {2, {
        {0x400, END_OF(RASENTRYNAMEA, szEntryName)},
        {0x500, END_OF(RASENTRYNAMEA, szPhonebookPath)}}},
    [RAS_ST_RASENTRY] = {6, {
        {0x400, END_OF(RASENTRYA, dwReserved2)},
        {0x401, END_OF(RASENTRYA, dwIdleDisconnectSeconds)},
        {0x500, END_OF(RASENTRYA, dwVpnStrategy)},
        {0x501, END_OF(RASENTRYA, dwRedialPause)},
        {0x600, END_OF(RASENTRYA, dwIPv6InterfaceMetric)},
        {0x601, END_OF(RASENTRYA, dwNetworkOutageTime)}}},
    [RAS_ST_RASDEVINFO] = {1, {{0x400, END_OF(RASDEVINFOA, szDeviceName)}}},
    [RAS_ST_RASCREDENTIALS] = {1, {{0x401, END_OF(RASCREDENTIALSA, szDomain)}}},
    [RAS_ST_RASSUBENTRY] = {1, {{0x401, END_OF(RASSUBENTRYA, dwAlternateOffset)}}},
    [RAS_ST_RASAUTODIALENTRY] = {1, {{0x401, END_OF(RASAUTODIALENTRYA, szEntry)}}},
    [RAS_ST_RASCTRYINFO] = {1, {{0x400, END_OF(RASCTRYINFO, dwCountryNameOffset)}}},
    [RAS_ST_RAS_STATS] = {1, {{0x500, END_OF(RAS_STATS, dwConnectDuration)}}},
    [RAS_ST_RASAMB] = {1, {{0x400, END_OF(RASAMBA, bLana)}}},
    [RAS_ST_RASPPPNBF] = {1, {{0x400, END_OF(RASPPPNBFA, bLana)}}},
    [RAS_ST_RASPPPIPX] = {1, {{0x400, END_OF(RASPPPIPXA, szIpxAddress)}}},
    [RAS_ST_RASPPPIP] = {3, {
        {0x350, END_OF(RASPPPIPA, szIpAddress)},
        {0x400, END_OF(RASPPPIPA, szServerIpAddress)},
        {0x500, END_OF(RASPPPIPA, dwServerOptions)}}},
    [RAS_ST_RASPPPIPV6] = {1, {{0x600, END_OF(RASPPPIPV6, bPeerCompressionProtocol)}}},
    [RAS_ST_RASPPPLCP] = {2, {
        {0x400, END_OF(RASPPPLCPA, fBundled)},
        {0x500, END_OF(RASPPPLCPA, dwServerOptions)}}},
    [RAS_ST_RASSLIP] = {1, {{0x400, END_OF(RASSLIPA, szIpAddress)}}},
    [RAS_ST_RASPPPCCP] = {1, {{0x500, END_OF(RASPPPCCP, dwServerOptions)}}},
};

/* The newest version of each is the whole struct as ras.h declares it. */
_Static_assert(END_OF(RASCONNA, guidCorrelationId) == sizeof(RASCONNA), "RASCONNA");
_Static_assert(END_OF(RASCONNSTATUSA, rasconnsubstate) == sizeof(RASCONNSTATUSA), "RASCONNSTATUS");
_Static_assert(END_OF(RASDIALPARAMSA, szEncPassword) == sizeof(RASDIALPARAMSA), "RASDIALPARAMS");
_Static_assert(END_OF(RASDIALEXTENSIONS, RasDevSpecificInfo) == sizeof(RASDIALEXTENSIONS), "RDE");
_Static_assert(END_OF(RASENTRYNAMEA, szPhonebookPath) == sizeof(RASENTRYNAMEA), "RASENTRYNAME");
_Static_assert(END_OF(RASENTRYA, dwNetworkOutageTime) == sizeof(RASENTRYA), "RASENTRY");
_Static_assert(END_OF(RASPPPIPA, dwServerOptions) == sizeof(RASPPPIPA), "RASPPPIP");
_Static_assert(END_OF(RASPPPLCPA, dwServerOptions) == sizeof(RASPPPLCPA), "RASPPPLCP");

static const struct struct_versions *versions_of(enum ras_struct which)
{
    if ((unsigned)which >= RAS_ST_COUNT)
        return NULL;
    return &table[which];
}

int ras_struct_version(enum ras_struct which, DWORD dwSize)
{
    const struct struct_versions *sv = versions_of(which);

    if (sv == NULL)
        return -1;
    for (int i = 0; i < sv->count; i++)
        if (sv->v[i].size == dwSize)
            return sv->v[i].version;
    return -1;
}

DWORD ras_struct_size(enum ras_struct which, int version)
{
    const struct struct_versions *sv = versions_of(which);

    if (sv == NULL)
        return 0;
    for (int i = 0; i < sv->count; i++)
        if (sv->v[i].version == version)
            return sv->v[i].size;
    return 0;
}

int ras_struct_nversions(enum ras_struct which)
{
    const struct struct_versions *sv = versions_of(which);

    return sv == NULL ? 0 : sv->count;
}

int ras_struct_version_at(enum ras_struct which, int i)
{
    const struct struct_versions *sv = versions_of(which);

    if (sv == NULL || i < 0 || i >= sv->count)
        return -1;
    return sv->v[i].version;
}

bool ras_str_terminated(const char *s, size_t cap)
{
    return memchr(s, '\0', cap) != NULL;
}
