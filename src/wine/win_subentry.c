/* win_subentry.c: multilink sub-entries. libras has none: every entry is
 * one link, so sub-entry 1 is the entry's own device and number (what
 * Windows reports for a single-link entry) and there is no other. Adding
 * or deleting sub-entries is ERROR_CALL_NOT_IMPLEMENTED (120). */
#include "win_bridge.h"

#include <string.h>

#include "seam.h"

#define HEAP GetProcessHeap()
#define WB_ERROR_CALL_NOT_IMPLEMENTED 120

/* RASSUBENTRY's fields from the entry's, by name. */
static void
subentry_from_entry(const WL_RASENTRYA *e, WL_RASSUBENTRYA *s)
{
    memset(s, 0, sizeof(*s));
    memcpy(s->szDeviceType, e->szDeviceType, sizeof(s->szDeviceType));
    memcpy(s->szDeviceName, e->szDeviceName, sizeof(s->szDeviceName));
    memcpy(s->szLocalPhoneNumber, e->szLocalPhoneNumber, sizeof(s->szLocalPhoneNumber));
}

static DWORD
get_subentry(enum wl_form f, const void *pbk, const void *entry, DWORD sub, void *buf,
             DWORD *lpcb, DWORD *lpdevcb)
{
    WL_RASENTRYA e;
    WL_RASSUBENTRYA s;
    char *path = NULL, *name = NULL, *alts = NULL;
    uint32_t alts_len = 0;
    DWORD size = wl_size_of(WL_RASSUBENTRY, f, wl_size_newest(WL_RASSUBENTRY)), rc;

    if (!entry || !lpcb || sub == 0)
        return ERROR_INVALID_PARAMETER;
    if (buf) {
        if (win_struct_version(WL_RASSUBENTRY, f, buf) < 0)
            return WB_ERROR_INVALID_SIZE;
        size = *(const DWORD *)buf;
    }
    if ((rc = win_pbk_path(f, pbk, &path)) != 0 || (rc = win_str_to_utf8(f, entry, &name)) != 0 ||
        (rc = seam_get_entry(path, name, &e, &alts, &alts_len)) != 0)
        goto out;
    if (sub != 1) {
        rc = WB_ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
        goto out;
    }
    subentry_from_entry(&e, &s);
    rc = win_put_with_alternates(WL_RASSUBENTRY, f, &s, alts, alts_len, buf, size, lpcb);
    if (rc == 0 && lpdevcb)
        *lpdevcb = 0;       /* no TAPI device blobs on Linux */
out:
    seam_free(alts);
    HeapFree(HEAP, 0, name);
    HeapFree(HEAP, 0, path);
    return rc;
}

DWORD WINAPI
bridge_RasGetSubEntryPropertiesW(LPCWSTR pbk, LPCWSTR entry, DWORD sub, void *buf,
                                 LPDWORD lpcb, LPBYTE devinfo, LPDWORD lpdevcb)
{
    return get_subentry(WL_FORM_W, pbk, entry, sub, buf, lpcb, lpdevcb);
}

DWORD WINAPI
bridge_RasGetSubEntryPropertiesA(LPCSTR pbk, LPCSTR entry, DWORD sub, void *buf,
                                 LPDWORD lpcb, LPBYTE devinfo, LPDWORD lpdevcb)
{
    return get_subentry(WL_FORM_A, pbk, entry, sub, buf, lpcb, lpdevcb);
}

/* Windows' stdcall: the callee pops the arguments, so each export needs a
 * function of its own arity even to say "not implemented". */
DWORD WINAPI
bridge_RasSetSubEntryProperties(const void *pbk, const void *entry, DWORD sub, void *buf,
                                DWORD cb, LPBYTE devinfo, DWORD devcb)
{
    return WB_ERROR_CALL_NOT_IMPLEMENTED;
}

DWORD WINAPI
bridge_RasDeleteSubEntry(const void *pbk, const void *entry, DWORD sub)
{
    return WB_ERROR_CALL_NOT_IMPLEMENTED;
}
