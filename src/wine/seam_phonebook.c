/* seam_phonebook.c: the libras side of the phonebook calls. libras's A
 * structs are the Windows A layouts of this bitness with UTF-8 strings;
 * the asserts below hold the two together, so a struct crosses the seam
 * by memcpy. */
#include <stddef.h>
#include <string.h>

#include <ras.h>
#include <raserror.h>

#include "common/alloc.h"
#include "wine/seam.h"

#define SAME(a, b, f) _Static_assert(offsetof(a, f) == offsetof(b, f), #a "." #f " moved")

SAME(RASENTRYNAMEA, WL_RASENTRYNAMEA, dwFlags);
SAME(RASENTRYNAMEA, WL_RASENTRYNAMEA, szPhonebookPath);
_Static_assert(sizeof(RASENTRYNAMEA) == sizeof(WL_RASENTRYNAMEA), "RASENTRYNAMEA");
SAME(RASENTRYA, WL_RASENTRYA, szScript);
SAME(RASENTRYA, WL_RASENTRYA, guidId);
SAME(RASENTRYA, WL_RASENTRYA, dwRedialPause);
SAME(RASENTRYA, WL_RASENTRYA, dwNetworkOutageTime);
/* libras's RASENTRYA ends at Windows 7; the bridge's goes on to Windows 10. */
_Static_assert(sizeof(RASENTRYA) == offsetof(WL_RASENTRYA, szIDi), "RASENTRYA");
SAME(RASDIALPARAMSA, WL_RASDIALPARAMSA, szDomain);
SAME(RASDIALPARAMSA, WL_RASDIALPARAMSA, dwCallbackId);
SAME(RASDIALPARAMSA, WL_RASDIALPARAMSA, szEncPassword);
_Static_assert(sizeof(RASDIALPARAMSA) == sizeof(WL_RASDIALPARAMSA), "RASDIALPARAMSA");
SAME(RASCREDENTIALSA, WL_RASCREDENTIALSA, szDomain);
_Static_assert(sizeof(RASCREDENTIALSA) == sizeof(WL_RASCREDENTIALSA), "RASCREDENTIALSA");
SAME(RASDEVINFOA, WL_RASDEVINFOA, szDeviceName);
_Static_assert(sizeof(RASDEVINFOA) == sizeof(WL_RASDEVINFOA), "RASDEVINFOA");

void
seam_free(void *p)
{
    ras_free(p);
}

void
seam_wipe(void *p, uint32_t n)
{
    ras_wipe(p, n);
}

uint32_t
seam_error_string(uint32_t code, char *buf, uint32_t cap)
{
    return RasGetErrorStringA(code, buf, cap);
}

/* ---- lists: entries and devices ---- */

/* libras sizes the answer; the list may change between the count and the
 * read, so a few rounds are allowed before giving up with what libras
 * last said. */
typedef DWORD (*list_fn)(const char *pbk, void *buf, DWORD *cb, DWORD *n);

static uint32_t
list_all(list_fn fn, const char *pbk, DWORD stride, void **out, uint32_t *n)
{
    DWORD cb = 0, count = 0, rc = ERROR_BUFFER_TOO_SMALL;
    void *buf = NULL;

    *out = NULL;
    *n = 0;
    for (int round = 0; round < 4 && rc == ERROR_BUFFER_TOO_SMALL; round++) {
        rc = fn(pbk, buf, &cb, &count);
        if (rc != ERROR_BUFFER_TOO_SMALL)
            break;
        ras_free(buf);
        if (!(buf = ras_calloc(1, cb))) {
            rc = ERROR_NOT_ENOUGH_MEMORY;
            break;
        }
        memcpy(buf, &stride, sizeof(stride));
    }
    if (rc == 0 && count > 0) {
        *out = buf;
        *n = count;
        return 0;
    }
    ras_free(buf);
    return rc;
}

static DWORD
list_entries(const char *pbk, void *buf, DWORD *cb, DWORD *n)
{
    return RasEnumEntriesA(NULL, pbk, buf, cb, n);
}

static DWORD
list_devices(const char *pbk, void *buf, DWORD *cb, DWORD *n)
{
    (void)pbk;
    return RasEnumDevicesA(buf, cb, n);
}

uint32_t
seam_enum_entries(const char *pbk, WL_RASENTRYNAMEA **out, uint32_t *n)
{
    return list_all(list_entries, pbk, sizeof(RASENTRYNAMEA), (void **)out, n);
}

uint32_t
seam_enum_devices(WL_RASDEVINFOA **out, uint32_t *n)
{
    return list_all(list_devices, NULL, sizeof(RASDEVINFOA), (void **)out, n);
}

/* ---- entries ---- */

uint32_t
seam_get_entry(const char *pbk, const char *name, WL_RASENTRYA *out, char **alts,
               uint32_t *alts_len)
{
    DWORD cb = sizeof(RASENTRYA), rc;
    RASENTRYA *e = NULL;

    *alts = NULL;
    *alts_len = 0;
    memset(out, 0, sizeof(*out));
    /* The first call sizes struct and alternates together. */
    rc = RasGetEntryPropertiesA(pbk, name, NULL, &cb, NULL, NULL);
    if (rc != ERROR_BUFFER_TOO_SMALL)
        return rc == 0 ? ERROR_INVALID_PARAMETER : rc;
    if (!(e = ras_calloc(1, cb)))
        return ERROR_NOT_ENOUGH_MEMORY;
    e->dwSize = sizeof(RASENTRYA);
    if ((rc = RasGetEntryPropertiesA(pbk, name, e, &cb, NULL, NULL)) != 0)
        goto out;
    memcpy(out, e, sizeof(*e));
    if (e->dwAlternateOffset && e->dwAlternateOffset < cb) {
        *alts_len = cb - e->dwAlternateOffset;
        if (!(*alts = ras_malloc(*alts_len))) {
            rc = ERROR_NOT_ENOUGH_MEMORY;
            *alts_len = 0;
            goto out;
        }
        memcpy(*alts, (char *)e + e->dwAlternateOffset, *alts_len);
    }
    out->dwAlternateOffset = 0;
out:
    ras_free(e);
    return rc;
}

uint32_t
seam_set_entry(const char *pbk, const char *name, const WL_RASENTRYA *in, uint32_t in_size,
               const char *alts, uint32_t alts_len)
{
    /* libras knows every size up to Windows 7's; a Windows 8 or 10 struct
     * brings IKEv2 identities it has no place for. */
    DWORD size = in_size < sizeof(RASENTRYA) ? in_size : (DWORD)sizeof(RASENTRYA);
    DWORD cb = size + (alts ? alts_len : 0), rc;
    RASENTRYA *e = ras_calloc(1, cb);

    if (!e)
        return ERROR_NOT_ENOUGH_MEMORY;
    memcpy(e, in, size);
    e->dwSize = size;
    e->dwAlternateOffset = alts ? size : 0;
    if (alts)
        memcpy((char *)e + size, alts, alts_len);
    rc = RasSetEntryPropertiesA(pbk, name, e, cb, NULL, 0);
    ras_free(e);
    return rc;
}

uint32_t
seam_validate_entry_name(const char *pbk, const char *name)
{
    return RasValidateEntryNameA(pbk, name);
}

uint32_t
seam_rename_entry(const char *pbk, const char *old_name, const char *new_name)
{
    return RasRenameEntryA(pbk, old_name, new_name);
}

uint32_t
seam_delete_entry(const char *pbk, const char *name)
{
    return RasDeleteEntryA(pbk, name);
}

/* ---- saved credentials ---- */

uint32_t
seam_get_dial_params(const char *pbk, WL_RASDIALPARAMSA *p, int32_t *has_password)
{
    BOOL pw = FALSE;
    DWORD rc = RasGetEntryDialParamsA(pbk, (RASDIALPARAMSA *)p, &pw);
    *has_password = pw;
    return rc;
}

uint32_t
seam_set_dial_params(const char *pbk, const WL_RASDIALPARAMSA *p, int32_t remove)
{
    RASDIALPARAMSA copy;
    DWORD rc;
    memcpy(&copy, p, sizeof(copy));
    rc = RasSetEntryDialParamsA(pbk, &copy, remove);
    ras_wipe(&copy, sizeof(copy));
    return rc;
}

uint32_t
seam_get_credentials(const char *pbk, const char *name, WL_RASCREDENTIALSA *c)
{
    return RasGetCredentialsA(pbk, name, (RASCREDENTIALSA *)c);
}

uint32_t
seam_set_credentials(const char *pbk, const char *name, const WL_RASCREDENTIALSA *c,
                     int32_t clear)
{
    RASCREDENTIALSA copy;
    DWORD rc;
    memcpy(&copy, c, sizeof(copy));
    rc = RasSetCredentialsA(pbk, name, &copy, clear);
    ras_wipe(&copy, sizeof(copy));
    return rc;
}
