/* The phonebook half of the RAS API: enumerate, read, write, validate,
 * delete and rename entries. Arguments are checked in Windows' order
 * (ras-api.md section 2a); output parameters are written only on success,
 * except *lpcb and the count, which ERROR_BUFFER_TOO_SMALL reports. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ras.h"
#include "raserror.h"
#include "openras.h"

#include "lib/creds.h"
#include "lib/pbk_entry.h"
#include "lib/pbk_names.h"
#include "lib/pbk_store.h"
#include "lib/structsize.h"

/* ---- RasEnumEntries ---- */

struct enum_ctx {
    RASENTRYNAMEA *buf;     /* NULL: count only */
    DWORD stride, flags;
    const char *path;
    size_t n, room;         /* entries seen; how many fit in buf */
};

static uint32_t
enum_fn(const struct ini_doc *doc, void *vctx)
{
    struct enum_ctx *c = vctx;
    for (size_t s = 0; s < doc->nsecs; s++, c->n++) {
        if (!c->buf || c->n >= c->room)
            continue;
        RASENTRYNAMEA *e = (RASENTRYNAMEA *)((char *)c->buf + c->n * c->stride);
        DWORD size = c->stride;
        memset(e, 0, size);
        e->dwSize = size;
        ini_section_name(doc, s, e->szEntryName, sizeof(e->szEntryName));
        if (RAS_SIZE_COVERS(RASENTRYNAMEA, dwFlags, size))
            e->dwFlags = c->flags;
        if (RAS_SIZE_COVERS(RASENTRYNAMEA, szPhonebookPath, size))
            snprintf(e->szPhonebookPath, sizeof(e->szPhonebookPath), "%s", c->path);
    }
    return 0;
}

/* One phonebook's entries into c; a default phonebook that does not exist
 * simply has none. */
static uint32_t
enum_file(struct enum_ctx *c, const char *path, DWORD flags, bool optional)
{
    bool missing;
    c->path = path;
    c->flags = flags;
    uint32_t rc = pbk_read(path, enum_fn, c, &missing);
    return rc == ERROR_CANNOT_OPEN_PHONEBOOK && missing && optional ? 0 : rc;
}

static uint32_t
enum_all(const char *phonebook, struct enum_ctx *c)
{
    char user[PBK_PATH_MAX], sys[PBK_PATH_MAX];
    uint32_t rc;
    c->n = 0;
    if (phonebook && *phonebook)
        return enum_file(c, phonebook, REN_User, false);
    pbk_system_path(sys, sizeof(sys));
    if ((rc = pbk_path(NULL, user, sizeof(user))) == 0)
        rc = enum_file(c, user, REN_User, true);
    if (rc == 0 && strcmp(user, sys) != 0)
        rc = enum_file(c, sys, REN_AllUsers, true);
    return rc;
}

DWORD APIENTRY
RasEnumEntriesA(LPCSTR reserved, LPCSTR lpszPhonebook, LPRASENTRYNAMEA lprasentryname,
                LPDWORD lpcb, LPDWORD lpcEntries)
{
    struct enum_ctx c = { 0 };
    uint32_t rc;
    if (reserved || !lpcb || !lpcEntries)
        return ERROR_INVALID_PARAMETER;
    c.stride = sizeof(RASENTRYNAMEA);
    if (lprasentryname) {
        if (ras_struct_check(RAS_ST_RASENTRYNAME, lprasentryname->dwSize))
            return ERROR_INVALID_SIZE;
        c.stride = lprasentryname->dwSize;
        c.buf = lprasentryname;
        c.room = *lpcb / c.stride;
    }
    if ((rc = enum_all(lpszPhonebook, &c)) != 0)
        return rc;
    DWORD need = (DWORD)(c.n * c.stride);
    if (!lprasentryname || *lpcb < need) {
        *lpcb = need;
        *lpcEntries = (DWORD)c.n;
        return need ? ERROR_BUFFER_TOO_SMALL : 0;
    }
    *lpcb = need;
    *lpcEntries = (DWORD)c.n;
    return 0;
}

/* ---- RasGetEntryProperties ---- */

struct get_ctx {
    const char *name;
    RASENTRYA entry;
    char *alts;             /* where alternates go, or NULL */
    size_t alts_cap, alts_need;
};

static uint32_t
get_fn(const struct ini_doc *doc, void *vctx)
{
    struct get_ctx *c = vctx;
    long sec = ini_find_section(doc, c->name);
    if (sec < 0)
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    pbk_entry_read(doc, (size_t)sec, &c->entry);
    c->alts_need = pbk_entry_alternates(doc, (size_t)sec, c->alts, c->alts_cap);
    return 0;
}

/* The entry from the phonebook that holds it: the one named, or for NULL
 * the user's and then the system's. A missing file has no entries (623),
 * as Windows reports it. */
static uint32_t
find_entry(const char *phonebook, struct get_ctx *c, char *path, size_t cap)
{
    return pbk_read_entry(phonebook, get_fn, c, path, cap);
}

static uint32_t
get_entry(const char *phonebook, const char *name, struct get_ctx *c)
{
    char path[PBK_PATH_MAX];
    c->name = name;
    if (!*name) {
        pbk_entry_defaults(&c->entry);
        c->alts_need = 0;
        return 0;
    }
    if (strlen(name) > RAS_MaxEntryName)
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    return find_entry(phonebook, c, path, sizeof(path));
}

DWORD APIENTRY
RasGetEntryPropertiesA(LPCSTR lpszPhonebook, LPCSTR lpszEntry, LPRASENTRYA lpRasEntry,
                       LPDWORD lpdwEntryInfoSize, LPBYTE lpbDeviceInfo,
                       LPDWORD lpdwDeviceInfoSize)
{
    struct get_ctx c;
    DWORD size = sizeof(RASENTRYA);
    uint32_t rc;
    (void)lpbDeviceInfo;
    if (!lpszEntry || !lpdwEntryInfoSize)
        return ERROR_INVALID_PARAMETER;
    if (lpRasEntry) {
        if (ras_struct_check(RAS_ST_RASENTRY, lpRasEntry->dwSize))
            return ERROR_INVALID_SIZE;
        size = lpRasEntry->dwSize;
    }
    /* Alternates go straight to the caller's buffer, after the struct. */
    c.alts = lpRasEntry && *lpdwEntryInfoSize > size ? (char *)lpRasEntry + size : NULL;
    c.alts_cap = c.alts ? *lpdwEntryInfoSize - size : 0;
    /* Windows answers a broken phonebook here as it answers a missing
     * entry (ras-api.md 2a); OpenRasGetPhonebookError says what is wrong. */
    if ((rc = get_entry(lpszPhonebook, lpszEntry, &c)) != 0)
        return rc == ERROR_CORRUPT_PHONEBOOK ? ERROR_CANNOT_FIND_PHONEBOOK_ENTRY : rc;
    DWORD need = size + (DWORD)c.alts_need;
    if (!lpRasEntry || *lpdwEntryInfoSize < need) {
        *lpdwEntryInfoSize = need;
        return ERROR_BUFFER_TOO_SMALL;
    }
    c.entry.dwSize = size;
    c.entry.dwAlternateOffset = c.alts_need ? size : 0;
    memcpy(lpRasEntry, &c.entry, size);
    *lpdwEntryInfoSize = need;
    if (lpdwDeviceInfoSize)
        *lpdwDeviceInfoSize = 0;    /* no TAPI device blobs on Linux */
    return 0;
}

/* ---- RasSetEntryProperties ---- */

/* Strings must end inside their arrays and be one clean line each. */
static bool
entry_strings_ok(const RASENTRYA *e, DWORD size)
{
#define STR_OK(f) (!RAS_SIZE_COVERS(RASENTRYA, f, size) || \
    (ras_str_terminated(e->f, sizeof(e->f)) && pbk_value_ok(e->f)))
    return STR_OK(szAreaCode) && STR_OK(szLocalPhoneNumber) && STR_OK(szScript) &&
           STR_OK(szAutodialDll) && STR_OK(szAutodialFunc) && STR_OK(szDeviceType) &&
           STR_OK(szDeviceName) && STR_OK(szX25PadType) && STR_OK(szX25Address) &&
           STR_OK(szX25Facilities) && STR_OK(szX25UserData) && STR_OK(szCustomDialDll) &&
           STR_OK(szDnsSuffix) && STR_OK(szPrerequisitePbk) && STR_OK(szPrerequisiteEntry);
#undef STR_OK
}

/* The alternates list after the struct: inside cb, each a clean line. */
static bool
alternates_ok(const RASENTRYA *e, DWORD cb)
{
    if (!e->dwAlternateOffset)
        return true;
    if (e->dwAlternateOffset < e->dwSize || e->dwAlternateOffset >= cb)
        return false;
    const char *p = (const char *)e + e->dwAlternateOffset, *end = (const char *)e + cb;
    while (p < end && *p) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));
        if (!nul || (size_t)(nul - p) > RAS_MaxPhoneNumber || !pbk_value_ok(p))
            return false;
        p = nul + 1;
    }
    return p < end;
}

struct set_ctx {
    const char *name;
    const RASENTRYA *in;
    const char *alts;
};

static uint32_t
set_fn(struct ini_doc *doc, void *vctx)
{
    const struct set_ctx *c = vctx;
    RASENTRYA full;
    long sec = ini_find_section(doc, c->name);
    /* Fields past the caller's dwSize keep what the entry had. */
    if (sec >= 0)
        pbk_entry_read(doc, (size_t)sec, &full);
    else
        pbk_entry_defaults(&full);
    memcpy(&full, c->in, c->in->dwSize);
    full.dwSize = sizeof(full);
    return pbk_entry_write(doc, c->name, &full, c->alts);
}

static uint32_t
check_set_args(LPCSTR entry, const RASENTRYA *e, DWORD cb)
{
    if (!entry || !e)
        return ERROR_INVALID_PARAMETER;
    if (ras_struct_check(RAS_ST_RASENTRY, e->dwSize))
        return ERROR_INVALID_SIZE;
    if (cb < e->dwSize || !entry_strings_ok(e, e->dwSize) || !alternates_ok(e, cb))
        return ERROR_INVALID_PARAMETER;
    if (!e->szDeviceType[0] || !e->dwFramingProtocol)
        return ERROR_INVALID_PARAMETER;
    if (RAS_SIZE_COVERS(RASENTRYA, dwType, e->dwSize) &&
        (e->dwType < RASET_Phone || e->dwType > RASET_Broadband))
        return ERROR_INVALID_PARAMETER;
    return pbk_name_check(entry);
}

DWORD APIENTRY
RasSetEntryPropertiesA(LPCSTR lpszPhonebook, LPCSTR lpszEntry, LPRASENTRYA lpRasEntry,
                       DWORD dwEntryInfoSize, LPBYTE lpbDeviceInfo, DWORD dwDeviceInfoSize)
{
    char path[PBK_PATH_MAX];
    struct set_ctx c = { lpszEntry, lpRasEntry, NULL };
    uint32_t rc;
    (void)lpbDeviceInfo;
    (void)dwDeviceInfoSize;
    if ((rc = check_set_args(lpszEntry, lpRasEntry, dwEntryInfoSize)) != 0)
        return rc;
    if (lpRasEntry->dwAlternateOffset)
        c.alts = (const char *)lpRasEntry + lpRasEntry->dwAlternateOffset;
    else
        c.alts = "";        /* no alternates: remove any the entry had */
    if ((rc = pbk_path(lpszPhonebook, path, sizeof(path))) != 0)
        return rc;
    return pbk_edit(path, false, 0644, set_fn, &c);
}

/* ---- RasValidateEntryName ---- */

static uint32_t
exists_fn(const struct ini_doc *doc, void *vctx)
{
    return ini_find_section(doc, vctx) >= 0 ? ERROR_ALREADY_EXISTS : 0;
}

DWORD APIENTRY
RasValidateEntryNameA(LPCSTR lpszPhonebook, LPCSTR lpszEntry)
{
    char path[PBK_PATH_MAX];
    bool missing;
    uint32_t rc;
    if (!lpszEntry)
        return ERROR_INVALID_PARAMETER;
    if ((rc = pbk_name_check(lpszEntry)) != 0)
        return rc;
    if ((rc = pbk_path(lpszPhonebook, path, sizeof(path))) != 0)
        return rc;
    rc = pbk_read(path, exists_fn, (void *)lpszEntry, &missing);
    /* The user's default phonebook not existing yet is the normal state of
     * a new account; a named file that is not there is an error. */
    if (rc == ERROR_CANNOT_OPEN_PHONEBOOK && missing && !(lpszPhonebook && *lpszPhonebook))
        return 0;
    return rc;
}

/* ---- RasDeleteEntry, RasRenameEntry ---- */

static uint32_t
delete_fn(struct ini_doc *doc, void *vctx)
{
    long sec = ini_find_section(doc, vctx);
    if (sec < 0)
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    ini_delete(doc, doc->secs[sec].line, doc->secs[sec].end);
    return 0;
}

/* The file an entry lives in; ERROR_CANNOT_FIND_PHONEBOOK_ENTRY if none. */
static uint32_t
holder(const char *phonebook, const char *name, char *path, size_t cap)
{
    struct get_ctx c = { .name = name };
    if (!*name || strlen(name) > RAS_MaxEntryName)
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    return find_entry(phonebook, &c, path, cap);
}

DWORD APIENTRY
RasDeleteEntryA(LPCSTR lpszPhonebook, LPCSTR lpszEntry)
{
    char path[PBK_PATH_MAX];
    uint32_t rc;
    if (!lpszEntry)
        return ERROR_INVALID_PARAMETER;
    if ((rc = holder(lpszPhonebook, lpszEntry, path, sizeof(path))) != 0)
        return rc;
    /* Saved passwords must not outlive the entry, so they go first: if that
     * fails, nothing has changed. A credentials file we refuse to touch
     * (its mode lets others read it) does not keep the entry alive. */
    rc = creds_move(path, lpszEntry, NULL);
    if (rc && rc != ERROR_ACCESS_DENIED)
        return rc;
    return pbk_edit(path, false, 0644, delete_fn, (void *)lpszEntry);
}

struct rename_ctx {
    const char *from, *to;
};

static uint32_t
rename_fn(struct ini_doc *doc, void *vctx)
{
    const struct rename_ctx *c = vctx;
    char hdr[RAS_MaxEntryName + 3];
    long sec = ini_find_section(doc, c->from);
    if (sec < 0)
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    long other = ini_find_section(doc, c->to);
    if (other >= 0 && other != sec)
        return ERROR_ALREADY_EXISTS;
    snprintf(hdr, sizeof(hdr), "[%s]", c->to);
    return ini_replace(doc, doc->secs[sec].line, hdr);
}

DWORD APIENTRY
RasRenameEntryA(LPCSTR lpszPhonebook, LPCSTR lpszOldEntry, LPCSTR lpszNewEntry)
{
    char path[PBK_PATH_MAX];
    struct rename_ctx c = { lpszOldEntry, lpszNewEntry };
    uint32_t rc;
    if (!lpszOldEntry || !lpszNewEntry)
        return ERROR_INVALID_PARAMETER;
    if ((rc = pbk_name_check(lpszNewEntry)) != 0)
        return rc;
    if ((rc = holder(lpszPhonebook, lpszOldEntry, path, sizeof(path))) != 0)
        return rc;
    if ((rc = pbk_edit(path, false, 0644, rename_fn, &c)) != 0)
        return rc;
    (void)creds_move(path, lpszOldEntry, lpszNewEntry);
    return 0;
}

/* ---- OpenRAS: why a phonebook could not be used ---- */

DWORD
OpenRasGetPhonebookError(LPSTR lpszDetail, DWORD cbDetail)
{
    const char *d = pbk_error_detail();
    size_t n = strlen(d);
    if (!lpszDetail || cbDetail == 0)
        return ERROR_INVALID_PARAMETER;
    if (n + 1 > cbDetail)
        return ERROR_BUFFER_TOO_SMALL;
    memcpy(lpszDetail, d, n + 1);
    return 0;
}
