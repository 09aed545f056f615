/* Saved credentials: RasGet/SetEntryDialParams and RasGet/SetCredentials.
 * The entry must exist in the phonebook; what is saved lives in the
 * credentials file beside it (creds.h). Every struct creds on the stack is
 * wiped before returning, since it may hold a password. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "lib/creds.h"
#include "lib/pbk_names.h"
#include "lib/pbk_store.h"
#include "lib/structsize.h"

static uint32_t
has_entry_fn(const struct ini_doc *doc, void *name)
{
    return ini_find_section(doc, name) >= 0 ? 0 : ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
}

/* The phonebook file that holds the entry (for NULL: the user's, then the
 * system's), in path; its credentials file sits beside the user's. */
static uint32_t
entry_phonebook(const char *phonebook, const char *name, char *path, size_t cap)
{
    char holder[PBK_PATH_MAX];
    uint32_t rc;
    if (!*name || strlen(name) > RAS_MaxEntryName)
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    if ((rc = pbk_read_entry(phonebook, has_entry_fn, (void *)name, holder, sizeof(holder))))
        return rc;
    /* credentials are per user: beside the user's phonebook even for an
     * entry the system's holds */
    return pbk_path(phonebook, path, cap);
}

/* What is saved for an entry, from the credentials file beside the user's
 * phonebook. c is written only on success; the caller wipes it. */
static uint32_t
saved_creds(const char *phonebook, const char *entry, struct creds *c)
{
    char path[PBK_PATH_MAX];
    uint32_t rc = entry_phonebook(phonebook, entry, path, sizeof(path));
    return rc ? rc : creds_get(path, entry, c);
}

static void
copy_field(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
}

static bool
fits(const char *s, size_t cap)
{
    return memchr(s, '\0', cap) != NULL && pbk_value_ok(s);
}

/* ---- RasGetEntryDialParams / RasSetEntryDialParams ---- */

DWORD APIENTRY
RasGetEntryDialParamsA(LPCSTR lpszPhonebook, LPRASDIALPARAMSA p, LPBOOL lpfPassword)
{
    struct creds c;
    uint32_t rc;
    if (!p || !lpfPassword)
        return ERROR_INVALID_PARAMETER;
    if (ras_struct_check(RAS_ST_RASDIALPARAMS, p->dwSize))
        return ERROR_INVALID_SIZE;
    if (!memchr(p->szEntryName, '\0', sizeof(p->szEntryName)))
        return ERROR_INVALID_PARAMETER;
    if ((rc = saved_creds(lpszPhonebook, p->szEntryName, &c)) != 0)
        goto out;
    /* Windows leaves the number out: the entry has it. The password is
     * the saved one itself, which RasDial accepts back. */
    p->szPhoneNumber[0] = '\0';
    copy_field(p->szCallbackNumber, sizeof(p->szCallbackNumber), c.callback);
    copy_field(p->szUserName, sizeof(p->szUserName), c.user);
    copy_field(p->szPassword, sizeof(p->szPassword), c.password);
    copy_field(p->szDomain, sizeof(p->szDomain), c.domain);
    *lpfPassword = (c.have & RASCM_Password) != 0;
out:
    ras_wipe(&c, sizeof(c));
    return rc;
}

DWORD APIENTRY
RasSetEntryDialParamsA(LPCSTR lpszPhonebook, LPRASDIALPARAMSA p, BOOL fRemovePassword)
{
    char path[PBK_PATH_MAX];
    struct creds c;
    uint32_t rc, mask = 0;
    if (!p)
        return ERROR_INVALID_PARAMETER;
    if (ras_struct_check(RAS_ST_RASDIALPARAMS, p->dwSize))
        return ERROR_INVALID_SIZE;
    if (!fits(p->szEntryName, sizeof(p->szEntryName)) ||
        !fits(p->szUserName, sizeof(p->szUserName)) ||
        !memchr(p->szPassword, '\0', sizeof(p->szPassword)) ||
        !fits(p->szDomain, sizeof(p->szDomain)) ||
        !fits(p->szCallbackNumber, sizeof(p->szCallbackNumber)))
        return ERROR_INVALID_PARAMETER;
    if ((rc = entry_phonebook(lpszPhonebook, p->szEntryName, path, sizeof(path))) != 0)
        return rc;
    memset(&c, 0, sizeof(c));
    /* Empty user, domain or callback means "leave it as saved". */
    if (p->szUserName[0])
        copy_field(c.user, sizeof(c.user), p->szUserName), mask |= RASCM_UserName;
    if (p->szDomain[0])
        copy_field(c.domain, sizeof(c.domain), p->szDomain), mask |= RASCM_Domain;
    if (p->szCallbackNumber[0])
        copy_field(c.callback, sizeof(c.callback), p->szCallbackNumber), mask |= CREDS_CALLBACK;
    if (!fRemovePassword) {
        copy_field(c.password, sizeof(c.password), p->szPassword);
        mask |= RASCM_Password;
    }
    rc = mask ? creds_set(path, p->szEntryName, &c, mask, false) : 0;
    if (rc == 0 && fRemovePassword)
        rc = creds_set(path, p->szEntryName, &c, RASCM_Password, true);
    ras_wipe(&c, sizeof(c));
    return rc;
}

/* ---- RasGetCredentials / RasSetCredentials ---- */

static const DWORD supported_mask = RASCM_UserName | RASCM_Password | RASCM_Domain;

DWORD APIENTRY
RasGetCredentialsA(LPCSTR lpszPhonebook, LPCSTR lpszEntry, LPRASCREDENTIALSA lpCredentials)
{
    struct creds c;
    uint32_t rc;
    if (!lpszEntry || !lpCredentials)
        return ERROR_INVALID_PARAMETER;
    if (ras_struct_check(RAS_ST_RASCREDENTIALS, lpCredentials->dwSize))
        return ERROR_INVALID_SIZE;
    if ((rc = saved_creds(lpszPhonebook, lpszEntry, &c)) != 0)
        goto out;
    /* On output dwMask says which of the asked-for fields are saved. */
    DWORD want = lpCredentials->dwMask, got = want & c.have & supported_mask;
    memset((char *)lpCredentials + 2 * sizeof(DWORD), 0,
           sizeof(*lpCredentials) - 2 * sizeof(DWORD));
    if (got & RASCM_UserName)
        copy_field(lpCredentials->szUserName, sizeof(lpCredentials->szUserName), c.user);
    if (got & RASCM_Password)
        copy_field(lpCredentials->szPassword, sizeof(lpCredentials->szPassword), c.password);
    if (got & RASCM_Domain)
        copy_field(lpCredentials->szDomain, sizeof(lpCredentials->szDomain), c.domain);
    lpCredentials->dwMask = got;
out:
    ras_wipe(&c, sizeof(c));
    return rc;
}

DWORD APIENTRY
RasSetCredentialsA(LPCSTR lpszPhonebook, LPCSTR lpszEntry, LPRASCREDENTIALSA lpCredentials,
                   BOOL fClearCredentials)
{
    char path[PBK_PATH_MAX];
    struct creds c;
    uint32_t rc;
    if (!lpszEntry || !lpCredentials)
        return ERROR_INVALID_PARAMETER;
    if (ras_struct_check(RAS_ST_RASCREDENTIALS, lpCredentials->dwSize))
        return ERROR_INVALID_SIZE;
    DWORD mask = lpCredentials->dwMask;
    /* Pre-shared keys belong to VPN entries and default credentials to
     * Windows' all-users store: neither exists here. */
    if (mask & ~supported_mask)
        return ERROR_INVALID_PARAMETER;
    if (!fits(lpCredentials->szUserName, sizeof(lpCredentials->szUserName)) ||
        !memchr(lpCredentials->szPassword, '\0', sizeof(lpCredentials->szPassword)) ||
        !fits(lpCredentials->szDomain, sizeof(lpCredentials->szDomain)))
        return ERROR_INVALID_PARAMETER;
    if ((rc = entry_phonebook(lpszPhonebook, lpszEntry, path, sizeof(path))) != 0)
        return rc;
    memset(&c, 0, sizeof(c));
    copy_field(c.user, sizeof(c.user), lpCredentials->szUserName);
    copy_field(c.password, sizeof(c.password), lpCredentials->szPassword);
    copy_field(c.domain, sizeof(c.domain), lpCredentials->szDomain);
    rc = mask ? creds_set(path, lpszEntry, &c, mask, fClearCredentials != 0) : 0;
    ras_wipe(&c, sizeof(c));
    return rc;
}
