/* structsize.h: which historical version of a versioned RAS struct a
 * caller's dwSize names. Windows grew these structs release by release and
 * old binaries still send old sizes, so every API accepts each historical
 * size exactly (anything else is ERROR_INVALID_SIZE, 632) and touches only
 * the fields that size covers.
 *
 *   if (ras_struct_version(RAS_ST_RASCONN, buf->dwSize) < 0)
 *       return ERROR_INVALID_SIZE;
 *   if (RAS_SIZE_COVERS(RASCONNA, guidCorrelationId, buf->dwSize))
 *       buf->guidCorrelationId = ...;
 */
#ifndef RAS_LIB_STRUCTSIZE_H
#define RAS_LIB_STRUCTSIZE_H

#include <stdbool.h>
#include <stddef.h>

#include <ras.h>

/* Versions are WINVER numbers: 0x400 NT4/Win95, 0x401 NT4 enhancements,
 * 0x500 Windows 2000, 0x501 XP, 0x600 Vista, 0x601 Windows 7, 0x602
 * Windows 8; 0x350 is the NT 3.5 RASPPPIP without szServerIpAddress. */
enum ras_struct {
    RAS_ST_RASCONN,
    RAS_ST_RASCONNSTATUS,
    RAS_ST_RASDIALPARAMS,
    RAS_ST_RASDIALEXTENSIONS,
    RAS_ST_RASENTRYNAME,
    RAS_ST_RASENTRY,
    RAS_ST_RASDEVINFO,
    RAS_ST_RASCREDENTIALS,
    RAS_ST_RASSUBENTRY,
    RAS_ST_RASAUTODIALENTRY,
    RAS_ST_RASCTRYINFO,
    RAS_ST_RAS_STATS,
    RAS_ST_RASAMB,
    RAS_ST_RASPPPNBF,
    RAS_ST_RASPPPIPX,
    RAS_ST_RASPPPIP,
    RAS_ST_RASPPPIPV6,
    RAS_ST_RASPPPLCP,
    RAS_ST_RASSLIP,
    RAS_ST_RASPPPCCP,
    RAS_ST_COUNT
};

/* The version whose size is exactly dwSize, or -1 (unknown struct too). */
int ras_struct_version(enum ras_struct which, DWORD dwSize);

/* The size of a version of a struct, or 0 if it has no such version. */
DWORD ras_struct_size(enum ras_struct which, int version);

/* How many versions a struct has, and the i-th oldest (0-based), or -1:
 * for tests and for callers that want to list what they accept. */
int ras_struct_nversions(enum ras_struct which);
int ras_struct_version_at(enum ras_struct which, int i);

/* 0 if dwSize is a known size of the struct, else ERROR_INVALID_SIZE. */
static inline DWORD ras_struct_check(enum ras_struct which, DWORD dwSize)
{
    return ras_struct_version(which, dwSize) < 0 ? ERROR_INVALID_SIZE : ERROR_SUCCESS;
}

/* True when a struct of dwSize bytes (a known version) holds the whole
 * field: read or write the field only then. */
#define RAS_SIZE_COVERS(type, field, dwSize) \
    ((size_t)(dwSize) >= offsetof(type, field) + sizeof(((type *)0)->field))

/* True when a string field of a caller's struct (an array of cap chars)
 * ends inside its array: one that fills it with no NUL is refused, never
 * read past. */
bool ras_str_terminated(const char *s, size_t cap);

#endif
