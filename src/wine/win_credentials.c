/* win_credentials.c: saved dial parameters and credentials in W and A
 * forms. Passwords pass through here: every copy is wiped before the call
 * returns. */
#include "win_bridge.h"

#include <string.h>

#include "seam.h"

#define HEAP GetProcessHeap()

/* ---- Ras{Get,Set}EntryDialParams ---- */

static DWORD
get_dial_params(enum wl_form f, const void *pbk, void *p, BOOL *pfPassword)
{
    WL_RASDIALPARAMSA u;
    char *path = NULL;
    int32_t pw = 0;
    DWORD rc;
    int version;

    if (!p || !pfPassword)
        return ERROR_INVALID_PARAMETER;
    if ((version = win_struct_version(WL_RASDIALPARAMS, f, p)) < 0)
        return WB_ERROR_INVALID_SIZE;
    /* szEntryName and dwSubEntry go in; the rest is output and may hold
     * anything. */
    DWORD size = *(const DWORD *)p;
    if ((rc = win_struct_to_u_inputs(WL_RASDIALPARAMS, f, p, size, &u)) != 0)
        goto out;
    if ((rc = win_str_to_utf8_buf(f, win_field(WL_RASDIALPARAMS, "szEntryName", f, p),
                                  win_field_chars(WL_RASDIALPARAMS, "szEntryName", f, p),
                                  u.szEntryName, sizeof(u.szEntryName))) != 0)
        goto out;
    if ((rc = win_pbk_path(f, pbk, &path)) != 0 ||
        (rc = seam_get_dial_params(path, &u, &pw)) != 0)
        goto out;
    if ((rc = win_struct_from_u(WL_RASDIALPARAMS, &u, f, p, size)) == 0)
        *pfPassword = pw != 0;
out:
    win_wipe(&u, sizeof(u));
    HeapFree(HEAP, 0, path);
    return rc;
}

static DWORD
set_dial_params(enum wl_form f, const void *pbk, const void *p, BOOL fRemovePassword)
{
    WL_RASDIALPARAMSA u;
    char *path = NULL;
    DWORD rc;

    if (!p)
        return ERROR_INVALID_PARAMETER;
    if (win_struct_version(WL_RASDIALPARAMS, f, p) < 0)
        return WB_ERROR_INVALID_SIZE;
    if ((rc = win_struct_to_u(WL_RASDIALPARAMS, f, p, *(const DWORD *)p, &u)) == 0 &&
        (rc = win_pbk_path(f, pbk, &path)) == 0)
        rc = seam_set_dial_params(path, &u, fRemovePassword);
    win_wipe(&u, sizeof(u));
    HeapFree(HEAP, 0, path);
    return rc;
}

DWORD WINAPI
bridge_RasGetEntryDialParamsW(LPCWSTR pbk, void *p, LPBOOL pfPassword)
{
    return get_dial_params(WL_FORM_W, pbk, p, pfPassword);
}

DWORD WINAPI
bridge_RasGetEntryDialParamsA(LPCSTR pbk, void *p, LPBOOL pfPassword)
{
    return get_dial_params(WL_FORM_A, pbk, p, pfPassword);
}

DWORD WINAPI
bridge_RasSetEntryDialParamsW(LPCWSTR pbk, void *p, BOOL fRemovePassword)
{
    return set_dial_params(WL_FORM_W, pbk, p, fRemovePassword);
}

DWORD WINAPI
bridge_RasSetEntryDialParamsA(LPCSTR pbk, void *p, BOOL fRemovePassword)
{
    return set_dial_params(WL_FORM_A, pbk, p, fRemovePassword);
}

/* ---- Ras{Get,Set}Credentials ---- */

static DWORD
credentials(enum wl_form f, const void *pbk, const void *entry, void *c, BOOL set, BOOL clear)
{
    WL_RASCREDENTIALSA u;
    char *path = NULL, *name = NULL;
    DWORD rc, size;

    if (!entry || !c)
        return ERROR_INVALID_PARAMETER;
    if (win_struct_version(WL_RASCREDENTIALS, f, c) < 0)
        return WB_ERROR_INVALID_SIZE;
    size = *(const DWORD *)c;
    /* Getting reads dwMask only; setting reads every field. */
    rc = set ? win_struct_to_u(WL_RASCREDENTIALS, f, c, size, &u)
             : win_struct_to_u_inputs(WL_RASCREDENTIALS, f, c, size, &u);
    if (rc != 0 || (rc = win_pbk_path(f, pbk, &path)) != 0 ||
        (rc = win_str_to_utf8(f, entry, &name)) != 0)
        goto out;
    if (set)
        rc = seam_set_credentials(path, name, &u, clear);
    else if ((rc = seam_get_credentials(path, name, &u)) == 0)
        rc = win_struct_from_u(WL_RASCREDENTIALS, &u, f, c, size);
out:
    win_wipe(&u, sizeof(u));
    HeapFree(HEAP, 0, name);
    HeapFree(HEAP, 0, path);
    return rc;
}

DWORD WINAPI
bridge_RasGetCredentialsW(LPCWSTR pbk, LPCWSTR entry, void *c)
{
    return credentials(WL_FORM_W, pbk, entry, c, FALSE, FALSE);
}

DWORD WINAPI
bridge_RasGetCredentialsA(LPCSTR pbk, LPCSTR entry, void *c)
{
    return credentials(WL_FORM_A, pbk, entry, c, FALSE, FALSE);
}

DWORD WINAPI
bridge_RasSetCredentialsW(LPCWSTR pbk, LPCWSTR entry, void *c, BOOL fClear)
{
    return credentials(WL_FORM_W, pbk, entry, c, TRUE, fClear);
}

DWORD WINAPI
bridge_RasSetCredentialsA(LPCSTR pbk, LPCSTR entry, void *c, BOOL fClear)
{
    return credentials(WL_FORM_A, pbk, entry, c, TRUE, fClear);
}
