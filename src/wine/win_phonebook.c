/* win_phonebook.c: the phonebook calls in W and A forms. Each export
 * converts its strings and hands a form-neutral implementation the
 * caller's structs; the implementation asks libras through the seam and
 * writes the answer back in the caller's form, size and stride. */
#include "win_bridge.h"

#include "seam.h"

#define HEAP GetProcessHeap()

/* ---- RasEnumEntries ---- */

/* One entry into the caller's array: the phonebook path as the program
 * sees it (a DOS path), the rest as libras gave it. */
static DWORD
put_entry_name(enum wl_form f, const WL_RASENTRYNAMEA *u, char *dst, DWORD stride)
{
    const struct wl_field *path = wl_field_find(WL_RASENTRYNAME, "szPhonebookPath");
    DWORD rc = win_struct_from_u(WL_RASENTRYNAME, u, f, dst, stride);
    if (rc == 0 && wl_field_covered(path, f, stride) && u->szPhonebookPath[0])
        rc = win_dos_path(f, u->szPhonebookPath,
                          dst + (f == WL_FORM_W ? path->off_w : path->off_a), path->len);
    return rc;
}

static DWORD
enum_entries(enum wl_form f, const void *reserved, const void *pbk, void *buf, DWORD *lpcb,
             DWORD *lpcEntries)
{
    DWORD stride = wl_size_of(WL_RASENTRYNAME, f, wl_size_newest(WL_RASENTRYNAME)), rc;
    WL_RASENTRYNAMEA *list = NULL;
    char *path = NULL;
    uint32_t n = 0;

    if (reserved || !lpcb || !lpcEntries)
        return ERROR_INVALID_PARAMETER;
    if (buf) {
        if (win_struct_version(WL_RASENTRYNAME, f, buf) < 0)
            return WB_ERROR_INVALID_SIZE;
        stride = *(const DWORD *)buf;
    }
    if ((rc = win_pbk_path(f, pbk, &path)) != 0)
        return rc;
    if ((rc = seam_enum_entries(path, &list, &n)) != 0)
        goto out;
    DWORD need = n * stride;
    if (!buf || *lpcb < need) {
        *lpcb = need;
        *lpcEntries = n;
        rc = need ? WB_ERROR_BUFFER_TOO_SMALL : 0;
        goto out;
    }
    for (uint32_t i = 0; i < n && rc == 0; i++)
        rc = put_entry_name(f, &list[i], (char *)buf + (size_t)i * stride, stride);
    if (rc == 0) {
        *lpcb = need;
        *lpcEntries = n;
    }
out:
    seam_free(list);
    HeapFree(HEAP, 0, path);
    return rc;
}

DWORD WINAPI
bridge_RasEnumEntriesW(LPCWSTR reserved, LPCWSTR pbk, void *buf, LPDWORD lpcb,
                       LPDWORD lpcEntries)
{
    return enum_entries(WL_FORM_W, reserved, pbk, buf, lpcb, lpcEntries);
}

DWORD WINAPI
bridge_RasEnumEntriesA(LPCSTR reserved, LPCSTR pbk, void *buf, LPDWORD lpcb,
                       LPDWORD lpcEntries)
{
    return enum_entries(WL_FORM_A, reserved, pbk, buf, lpcb, lpcEntries);
}
