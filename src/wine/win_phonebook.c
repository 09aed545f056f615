/* win_phonebook.c: the phonebook calls in W and A forms. Each export hands
 * a form-neutral implementation the caller's strings and structs; the
 * implementation converts what goes in to UTF-8, asks libras through the
 * seam and writes the answer back in the caller's form, size and stride.
 * Every block allocated here is freed before the call returns. */
#include "win_bridge.h"

#include <string.h>

#include "seam.h"

#define HEAP GetProcessHeap()

/* The strings a phonebook call names: the phonebook (a Unix path, NULL for
 * the default) and up to two entry names, all UTF-8 and HeapAlloc'd. */
struct names {
    char *pbk, *a, *b;
};

static DWORD
names_get(struct names *n, enum wl_form f, const void *pbk, const void *a, const void *b)
{
    DWORD rc;
    memset(n, 0, sizeof(*n));
    if ((rc = win_pbk_path(f, pbk, &n->pbk)) == 0 && (rc = win_str_to_utf8(f, a, &n->a)) == 0)
        rc = win_str_to_utf8(f, b, &n->b);
    return rc;
}

static void
names_free(struct names *n)
{
    HeapFree(HEAP, 0, n->pbk);
    HeapFree(HEAP, 0, n->a);
    HeapFree(HEAP, 0, n->b);
}

/* ---- RasEnumEntries ---- */

/* One entry into the caller's array: the phonebook path as the program
 * sees it (a DOS path), the rest as libras gave it. */
static DWORD
put_entry_name(enum wl_form f, const void *item, char *dst, DWORD stride)
{
    const WL_RASENTRYNAMEA *u = item;
    const struct wl_field *path = wl_field_find(WL_RASENTRYNAME, "szPhonebookPath");
    DWORD rc = win_struct_from_u(WL_RASENTRYNAME, u, f, dst, stride);
    if (rc == 0 && wl_field_covered(path, f, stride) && u->szPhonebookPath[0])
        rc = win_dos_path(f, u->szPhonebookPath,
                          win_field(WL_RASENTRYNAME, "szPhonebookPath", f, dst), path->len);
    return rc;
}

static DWORD
put_device(enum wl_form f, const void *item, char *dst, DWORD stride)
{
    return win_struct_from_u(WL_RASDEVINFO, item, f, dst, stride);
}

/* The size negotiation every Ras*Enum* call shares (ras-api.md section 1):
 * the first element's dwSize picks version and stride; a short buffer
 * gets 603 with *lpcb = items x stride and the count. */
struct list_out {
    enum wl_struct s;
    DWORD (*put)(enum wl_form f, const void *item, char *dst, DWORD stride);
    size_t item_size;       /* of libras's items */
};

static DWORD
list_stride(const struct list_out *lo, enum wl_form f, const void *buf, DWORD *stride)
{
    *stride = wl_size_of(lo->s, f, wl_size_newest(lo->s));
    if (!buf)
        return 0;
    if (win_struct_version(lo->s, f, buf) < 0)
        return WB_ERROR_INVALID_SIZE;
    *stride = *(const DWORD *)buf;
    return 0;
}

static DWORD
list_put(const struct list_out *lo, enum wl_form f, const void *items, uint32_t n, void *buf,
         DWORD stride, DWORD *lpcb, DWORD *lpcount)
{
    DWORD need = n * stride, rc = 0;
    if (!buf || *lpcb < need) {
        *lpcb = need;
        *lpcount = n;
        return need ? WB_ERROR_BUFFER_TOO_SMALL : 0;
    }
    for (uint32_t i = 0; i < n && rc == 0; i++)
        rc = lo->put(f, (const char *)items + (size_t)i * lo->item_size,
                     (char *)buf + (size_t)i * stride, stride);
    if (rc == 0) {
        *lpcb = need;
        *lpcount = n;
    }
    return rc;
}

static const struct list_out entry_list = {WL_RASENTRYNAME, put_entry_name,
                                           sizeof(WL_RASENTRYNAMEA)};
static const struct list_out device_list = {WL_RASDEVINFO, put_device, sizeof(WL_RASDEVINFOA)};

static DWORD
enum_entries(enum wl_form f, const void *reserved, const void *pbk, void *buf, DWORD *lpcb,
             DWORD *lpcEntries)
{
    WL_RASENTRYNAMEA *list = NULL;
    char *path = NULL;
    uint32_t n = 0;
    DWORD stride, rc;

    if (reserved || !lpcb || !lpcEntries)
        return ERROR_INVALID_PARAMETER;
    if ((rc = list_stride(&entry_list, f, buf, &stride)) != 0)
        return rc;
    if ((rc = win_pbk_path(f, pbk, &path)) == 0 &&
        (rc = seam_enum_entries(path, &list, &n)) == 0)
        rc = list_put(&entry_list, f, list, n, buf, stride, lpcb, lpcEntries);
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

/* ---- RasEnumDevices ---- */

static DWORD
enum_devices(enum wl_form f, void *buf, DWORD *lpcb, DWORD *lpcDevices)
{
    WL_RASDEVINFOA *list = NULL;
    uint32_t n = 0;
    DWORD stride, rc;

    if (!lpcb || !lpcDevices)
        return ERROR_INVALID_PARAMETER;
    if ((rc = list_stride(&device_list, f, buf, &stride)) != 0)
        return rc;
    if ((rc = seam_enum_devices(&list, &n)) == 0)
        rc = list_put(&device_list, f, list, n, buf, stride, lpcb, lpcDevices);
    seam_free(list);
    return rc;
}

DWORD WINAPI
bridge_RasEnumDevicesW(void *buf, LPDWORD lpcb, LPDWORD lpcDevices)
{
    return enum_devices(WL_FORM_W, buf, lpcb, lpcDevices);
}

DWORD WINAPI
bridge_RasEnumDevicesA(void *buf, LPDWORD lpcb, LPDWORD lpcDevices)
{
    return enum_devices(WL_FORM_A, buf, lpcb, lpcDevices);
}

/* ---- RasGetEntryProperties ---- */

static DWORD
get_entry_properties(enum wl_form f, const void *pbk, const void *entry, void *buf,
                     DWORD *lpcb, DWORD *lpdevcb)
{
    WL_RASENTRYA u;
    struct names nm;
    char *alts = NULL;
    uint32_t alts_len = 0;
    DWORD size = wl_size_of(WL_RASENTRY, f, wl_size_newest(WL_RASENTRY)), rc;

    if (!entry || !lpcb)
        return ERROR_INVALID_PARAMETER;
    if (buf) {
        if (win_struct_version(WL_RASENTRY, f, buf) < 0)
            return WB_ERROR_INVALID_SIZE;
        size = *(const DWORD *)buf;
    }
    if ((rc = names_get(&nm, f, pbk, entry, NULL)) != 0 ||
        (rc = seam_get_entry(nm.pbk, nm.a, &u, &alts, &alts_len)) != 0)
        goto out;
    rc = win_put_with_alternates(WL_RASENTRY, f, &u, alts, alts_len, buf, size, lpcb);
    if (rc == 0 && lpdevcb)
        *lpdevcb = 0;       /* no TAPI device blobs on Linux */
out:
    seam_free(alts);
    names_free(&nm);
    return rc;
}

DWORD WINAPI
bridge_RasGetEntryPropertiesW(LPCWSTR pbk, LPCWSTR entry, void *buf, LPDWORD lpcb,
                              LPBYTE devinfo, LPDWORD lpdevcb)
{
    return get_entry_properties(WL_FORM_W, pbk, entry, buf, lpcb, lpdevcb);
}

DWORD WINAPI
bridge_RasGetEntryPropertiesA(LPCSTR pbk, LPCSTR entry, void *buf, LPDWORD lpcb,
                              LPBYTE devinfo, LPDWORD lpdevcb)
{
    return get_entry_properties(WL_FORM_A, pbk, entry, buf, lpcb, lpdevcb);
}

/* ---- RasSetEntryProperties ---- */

/* The caller's alternates (dwAlternateOffset into its cb bytes) as UTF-8;
 * none gives NULL. */
static DWORD
take_alternates(enum wl_form f, const char *buf, DWORD size, DWORD cb, char **alts,
                DWORD *alts_len)
{
    DWORD off;
    memcpy(&off, win_field(WL_RASENTRY, "dwAlternateOffset", f, buf), sizeof(off));
    *alts = NULL;
    *alts_len = 0;
    if (!off)
        return 0;
    if (off < size || off >= cb)
        return ERROR_INVALID_PARAMETER;
    return win_multi_to_utf8(f, buf + off, cb - off, alts, alts_len);
}

static DWORD
set_entry_properties(enum wl_form f, const void *pbk, const void *entry, const void *buf,
                     DWORD cb)
{
    WL_RASENTRYA u;
    struct names nm = {0};
    char *alts = NULL;
    DWORD alts_len = 0, size, rc;
    int version;

    if (!entry || !buf)
        return ERROR_INVALID_PARAMETER;
    if ((version = win_struct_version(WL_RASENTRY, f, buf)) < 0)
        return WB_ERROR_INVALID_SIZE;
    size = *(const DWORD *)buf;
    if (cb < size)
        return ERROR_INVALID_PARAMETER;
    if ((rc = win_struct_to_u(WL_RASENTRY, f, buf, size, &u)) != 0 ||
        (rc = take_alternates(f, buf, size, cb, &alts, &alts_len)) != 0 ||
        (rc = names_get(&nm, f, pbk, entry, NULL)) != 0)
        goto out;
    u.dwAlternateOffset = 0;
    rc = seam_set_entry(nm.pbk, nm.a, &u, wl_size_of(WL_RASENTRY, WL_FORM_A, version), alts,
                        alts_len);
out:
    HeapFree(HEAP, 0, alts);
    names_free(&nm);
    return rc;
}

DWORD WINAPI
bridge_RasSetEntryPropertiesW(LPCWSTR pbk, LPCWSTR entry, void *buf, DWORD cb, LPBYTE devinfo,
                              DWORD devcb)
{
    return set_entry_properties(WL_FORM_W, pbk, entry, buf, cb);
}

DWORD WINAPI
bridge_RasSetEntryPropertiesA(LPCSTR pbk, LPCSTR entry, void *buf, DWORD cb, LPBYTE devinfo,
                              DWORD devcb)
{
    return set_entry_properties(WL_FORM_A, pbk, entry, buf, cb);
}

/* ---- RasValidateEntryName, RasRenameEntry, RasDeleteEntry ---- */

enum name_op { OP_VALIDATE, OP_RENAME, OP_DELETE };

static DWORD
name_call(enum name_op op, enum wl_form f, const void *pbk, const void *a, const void *b)
{
    struct names nm;
    DWORD rc = names_get(&nm, f, pbk, a, b);
    if (rc == 0) {
        switch (op) {
        case OP_VALIDATE:
            rc = seam_validate_entry_name(nm.pbk, nm.a);
            break;
        case OP_RENAME:
            rc = seam_rename_entry(nm.pbk, nm.a, nm.b);
            break;
        case OP_DELETE:
            rc = seam_delete_entry(nm.pbk, nm.a);
            break;
        }
    }
    names_free(&nm);
    return rc;
}

DWORD WINAPI
bridge_RasValidateEntryNameW(LPCWSTR pbk, LPCWSTR entry)
{
    return name_call(OP_VALIDATE, WL_FORM_W, pbk, entry, NULL);
}

DWORD WINAPI
bridge_RasValidateEntryNameA(LPCSTR pbk, LPCSTR entry)
{
    return name_call(OP_VALIDATE, WL_FORM_A, pbk, entry, NULL);
}

DWORD WINAPI
bridge_RasRenameEntryW(LPCWSTR pbk, LPCWSTR old_name, LPCWSTR new_name)
{
    return name_call(OP_RENAME, WL_FORM_W, pbk, old_name, new_name);
}

DWORD WINAPI
bridge_RasRenameEntryA(LPCSTR pbk, LPCSTR old_name, LPCSTR new_name)
{
    return name_call(OP_RENAME, WL_FORM_A, pbk, old_name, new_name);
}

DWORD WINAPI
bridge_RasDeleteEntryW(LPCWSTR pbk, LPCWSTR entry)
{
    return name_call(OP_DELETE, WL_FORM_W, pbk, entry, NULL);
}

DWORD WINAPI
bridge_RasDeleteEntryA(LPCSTR pbk, LPCSTR entry)
{
    return name_call(OP_DELETE, WL_FORM_A, pbk, entry, NULL);
}
