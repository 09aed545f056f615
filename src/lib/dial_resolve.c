/* RasDial's synchronous checks and entry resolution (see dial_resolve.h).
 * On the KB Q257647 path (an unknown entry in a cached phonebook) this does
 * no allocation at all: the entry is read into a stack buffer. */
#include "lib/dial_resolve.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "raserror.h"

#include "common/alloc.h"
#include "lib/pbk_names.h"
#include "lib/structsize.h"

/* Notifier types RasDial accepts (ras-api.md §2b); 0xFFFFFFFF (an HWND)
 * has nothing to post to on Linux. */
static bool
notifier_type_ok(DWORD type)
{
    return type == 0 || type == 1 || type == 2;
}

static bool
terminated(const char *s, size_t n)
{
    return memchr(s, '\0', n) != NULL;
}

/* Every string of the v400 layout, which every accepted dwSize covers. */
static bool
params_strings_ok(const RASDIALPARAMSA *p)
{
    return terminated(p->szEntryName, sizeof(p->szEntryName)) &&
           terminated(p->szPhoneNumber, sizeof(p->szPhoneNumber)) &&
           terminated(p->szCallbackNumber, sizeof(p->szCallbackNumber)) &&
           terminated(p->szUserName, sizeof(p->szUserName)) &&
           terminated(p->szPassword, sizeof(p->szPassword)) &&
           terminated(p->szDomain, sizeof(p->szDomain));
}

/* The entry's fixed part. An entry with alternate numbers needs more room
 * than RASENTRYA (they follow the struct), so that rare case reads into a
 * heap buffer that is freed before returning. */
static uint32_t
read_entry(const char *phonebook, const char *name, RASENTRYA *e)
{
    DWORD cb = sizeof(*e);
    memset(e, 0, sizeof(*e));
    e->dwSize = sizeof(*e);
    uint32_t rc = RasGetEntryPropertiesA(phonebook, name, e, &cb, NULL, NULL);
    if (rc != ERROR_BUFFER_TOO_SMALL || cb <= sizeof(*e))
        return rc;
    RASENTRYA *big = ras_calloc(1, cb);
    if (!big)
        return ERROR_NOT_ENOUGH_MEMORY;
    big->dwSize = sizeof(*big);
    rc = RasGetEntryPropertiesA(phonebook, name, big, &cb, NULL, NULL);
    if (rc == 0) {
        memcpy(e, big, sizeof(*e));
        e->dwAlternateOffset = 0;
    }
    ras_free(big);
    return rc;
}

uint32_t
ras_dial_resolve(const RASDIALEXTENSIONS *ext, const char *phonebook,
                 const RASDIALPARAMSA *params, DWORD notifier_type, const void *notifier,
                 const HRASCONN *phconn, struct ras_dial_target *out)
{
    struct ras_dial_target t;
    uint32_t rc;

    if (!params || !phconn || !out)
        return ERROR_INVALID_PARAMETER;
    if (ras_struct_check(RAS_ST_RASDIALPARAMS, params->dwSize))
        return ERROR_INVALID_SIZE;
    if (ext && ras_struct_check(RAS_ST_RASDIALEXTENSIONS, ext->dwSize))
        return ERROR_INVALID_SIZE;
    if (notifier && !notifier_type_ok(notifier_type))
        return ERROR_INVALID_PARAMETER;
    /* A non-NULL handle resumes a paused dial; none can exist before
     * rasmand, so any such handle is stale or forged. */
    if (*phconn)
        return ERROR_INVALID_HANDLE;
    if (!params_strings_ok(params))
        return ERROR_INVALID_PARAMETER;
    /* rasmand logs names and tools print them (pbk_names.h) */
    if (pbk_name_has_control(params->szEntryName))
        return ERROR_INVALID_NAME;

    memset(&t, 0, sizeof(t));
    t.no_entry = params->szEntryName[0] == '\0';
    if (t.no_entry) {
        if (!params->szPhoneNumber[0])
            return ERROR_INVALID_PARAMETER;
        /* "" asks the phonebook for its defaults; the device is left for
         * the dialer to pick (the first free modem). */
        if ((rc = read_entry(phonebook, "", &t.entry)) != 0)
            return rc;
        snprintf(t.entry.szDeviceType, sizeof(t.entry.szDeviceType), "%s", RASDT_Modem);
        t.entry.szDeviceName[0] = '\0';
    } else if ((rc = read_entry(phonebook, params->szEntryName, &t.entry)) != 0) {
        return rc;
    }
    const char *number = params->szPhoneNumber[0] ? params->szPhoneNumber
                                                  : t.entry.szLocalPhoneNumber;
    size_t len = strnlen(number, sizeof(t.phone) - 1);
    memcpy(t.phone, number, len);
    t.phone[len] = '\0';
    memcpy(out, &t, sizeof(t));
    return 0;
}
