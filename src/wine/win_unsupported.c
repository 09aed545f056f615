/* win_unsupported.c: the rasapi32 calls OpenRAS has nothing behind. Each
 * gives a clean Windows answer instead of Wine's stub exception, so a
 * program that merely asks (a proxy setter listing AutoDial addresses, a
 * dialer filling a country list) carries on:
 *  - AutoDial is an empty, disabled database: no addresses, enable FALSE;
 *    changing it is ERROR_CALL_NOT_IMPLEMENTED (120).
 *  - RasGetCountryInfo: no country table on Linux (120), after Windows'
 *    argument checks.
 *  - Dialogs (RasCreatePhonebookEntry, RasEditPhonebookEntry) are rasdlg's
 *    business: 120; rasphone edits entries.
 *  - EAP: no entry needs it, so RasGetEapUserIdentity answers 780
 *    (ERROR_INVALID_FUNCTION_FOR_ENTRY), which callers test before RasDial
 *    (ras-api.md 2b); the other EAP and custom-data calls are 120. */
#include "win_bridge.h"

#include <string.h>

#define WB_ERROR_FILE_NOT_FOUND 2
#define WB_ERROR_CALL_NOT_IMPLEMENTED 120

/* ---- AutoDial ---- */

static DWORD
autodial_enum(void *buf, DWORD *lpcb, DWORD *lpc)
{
    if (!lpcb || !lpc)
        return ERROR_INVALID_PARAMETER;
    *lpcb = 0;
    *lpc = 0;
    return 0;
}

DWORD WINAPI
bridge_RasEnumAutodialAddressesW(void *buf, LPDWORD lpcb, LPDWORD lpc)
{
    return autodial_enum(buf, lpcb, lpc);
}

DWORD WINAPI
bridge_RasEnumAutodialAddressesA(void *buf, LPDWORD lpcb, LPDWORD lpc)
{
    return autodial_enum(buf, lpcb, lpc);
}

static DWORD
autodial_get_address(const void *addr, DWORD *lpcb, DWORD *lpc)
{
    if (!addr || !lpcb || !lpc)
        return ERROR_INVALID_PARAMETER;
    return WB_ERROR_FILE_NOT_FOUND;     /* no address is in the database */
}

DWORD WINAPI
bridge_RasGetAutodialAddressW(LPCWSTR addr, LPDWORD reserved, void *buf, LPDWORD lpcb,
                              LPDWORD lpc)
{
    return autodial_get_address(addr, lpcb, lpc);
}

DWORD WINAPI
bridge_RasGetAutodialAddressA(LPCSTR addr, LPDWORD reserved, void *buf, LPDWORD lpcb,
                              LPDWORD lpc)
{
    return autodial_get_address(addr, lpcb, lpc);
}

DWORD WINAPI
bridge_RasGetAutodialEnable(DWORD location, LPBOOL pfEnabled)
{
    if (!pfEnabled)
        return ERROR_INVALID_PARAMETER;
    *pfEnabled = FALSE;
    return 0;
}

DWORD WINAPI
bridge_RasSetAutodialEnable(DWORD location, BOOL fEnabled)
{
    return fEnabled ? WB_ERROR_CALL_NOT_IMPLEMENTED : 0;
}

DWORD WINAPI
bridge_RasGetAutodialParam(DWORD key, void *value, LPDWORD lpcb)
{
    if (!value || !lpcb)
        return ERROR_INVALID_PARAMETER;
    return WB_ERROR_CALL_NOT_IMPLEMENTED;
}

/* ---- RasGetCountryInfo ---- */

DWORD WINAPI
bridge_RasGetCountryInfo(void *info, LPDWORD lpcb)
{
    DWORD size;
    if (!info || !lpcb)
        return ERROR_INVALID_PARAMETER;
    memcpy(&size, info, sizeof(size));
    if (size != 5 * sizeof(DWORD))     /* RASCTRYINFO: one layout, A and W */
        return WB_ERROR_INVALID_SIZE;
    return WB_ERROR_CALL_NOT_IMPLEMENTED;
}

/* ---- dialogs, EAP, custom data ---- */

/* Windows' stdcall: the callee pops the arguments, so each arity needs a
 * function of its own (every argument is one machine word). */
DWORD WINAPI
bridge_NotImplemented2(ULONG_PTR a, ULONG_PTR b)
{
    return WB_ERROR_CALL_NOT_IMPLEMENTED;
}

DWORD WINAPI
bridge_NotImplemented3(ULONG_PTR a, ULONG_PTR b, ULONG_PTR c)
{
    return WB_ERROR_CALL_NOT_IMPLEMENTED;
}

DWORD WINAPI
bridge_NotImplemented4(ULONG_PTR a, ULONG_PTR b, ULONG_PTR c, ULONG_PTR d)
{
    return WB_ERROR_CALL_NOT_IMPLEMENTED;
}

DWORD WINAPI
bridge_NotImplemented5(ULONG_PTR a, ULONG_PTR b, ULONG_PTR c, ULONG_PTR d, ULONG_PTR e)
{
    return WB_ERROR_CALL_NOT_IMPLEMENTED;
}

DWORD WINAPI
bridge_RasGetEapUserIdentity(const void *pbk, const void *entry, DWORD flags, HWND hwnd,
                             void **identity)
{
    if (!entry || !identity)
        return ERROR_INVALID_PARAMETER;
    *identity = NULL;
    return WB_ERROR_INVALID_FUNCTION_FOR_ENTRY;
}

VOID WINAPI
bridge_RasFreeEapUserIdentity(void *identity)
{
}
