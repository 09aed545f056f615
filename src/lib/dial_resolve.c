/* RasDial's synchronous checks and entry resolution (see dial_resolve.h).
 * The entry is looked up once, through the phonebook store's cache, and
 * that one look fills the whole request. On the KB Q257647 path (an
 * unknown entry in a cached phonebook) this does no allocation at all. */
#include "lib/dial_resolve.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "raserror.h"

#include "common/alloc.h"
#include "lib/creds.h"
#include "lib/pbk_entry.h"
#include "lib/pbk_names.h"
#include "lib/pbk_store.h"
#include "lib/structsize.h"

/* Notifier types RasDial accepts (ras-api.md §2b); 0xFFFFFFFF (an HWND)
 * has nothing to post to on Linux. */
static bool
notifier_type_ok(DWORD type)
{
    return type == 0 || type == 1 || type == 2;
}

#define FIELD_OK(p, f) ras_str_terminated((p)->f, sizeof((p)->f))

/* Every string of the v400 layout, which every accepted dwSize covers. */
static bool
params_strings_ok(const RASDIALPARAMSA *p)
{
    return FIELD_OK(p, szEntryName) && FIELD_OK(p, szPhoneNumber) &&
           FIELD_OK(p, szCallbackNumber) && FIELD_OK(p, szUserName) &&
           FIELD_OK(p, szPassword) && FIELD_OK(p, szDomain);
}

/* As much of src as fits: the request's fields are the sizes Windows gives
 * them (a phonebook path is at most MAX_PATH there). */
static void
copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static uint32_t
ipv4(const RASIPADDR *a)
{
    return (uint32_t)a->a << 24 | (uint32_t)a->b << 16 | (uint32_t)a->c << 8 | a->d;
}

void
ras_dial_req_from_entry(struct ipc_dial_req *d, const RASENTRYA *e, const char *phonebook,
                        const char *entry_name, const char *phone)
{
    memset(d, 0, sizeof(*d));
    copy_str(d->entry, sizeof(d->entry), entry_name);
    copy_str(d->phonebook, sizeof(d->phonebook), phonebook);
    copy_str(d->phone, sizeof(d->phone), phone[0] ? phone : e->szLocalPhoneNumber);
    copy_str(d->device_type, sizeof(d->device_type), e->szDeviceType);
    copy_str(d->device_name, sizeof(d->device_name), e->szDeviceName);
    d->flags = entry_name[0] ? 0 : IPC_DIAL_NO_ENTRY;
    d->options = e->dwfOptions;
    d->net_protocols = e->dwfNetProtocols ? e->dwfNetProtocols : RASNP_Ip;
    d->ip_addr = ipv4(&e->ipaddr);
    d->dns1 = ipv4(&e->ipaddrDns);
    d->dns2 = ipv4(&e->ipaddrDnsAlt);
    d->frame_size = e->dwFrameSize;
    d->idle_disconnect_s = e->dwIdleDisconnectSeconds;
    d->options2 = e->dwfOptions2;
    d->redial_count = e->dwRedialCount;
    d->redial_pause_s = e->dwRedialPause;
}

/* A PPPoE entry's number is its service name (Windows' convention); the
 * access concentrator our PppoeAcName= asks for goes in front of it,
 * "AC\\service", which rasmand's PPPoE port splits at the first
 * backslash (so a service with a backslash and no AC gets an empty AC
 * in front). 87 if the two do not fit. */
static uint32_t
pppoe_number(const struct ini_doc *doc, size_t sec, struct ipc_dial_req *d)
{
    char ac[RAS_MaxPhoneNumber + 1], both[sizeof(d->phone)];
    uint32_t rc = pbk_entry_device_key(doc, sec, PBK_KEY_PPPOE_AC, ac, sizeof(ac));
    if (rc)
        return rc;
    if (!ac[0] && !strchr(d->phone, '\\'))
        return 0;
    if ((size_t)snprintf(both, sizeof(both), "%s\\%s", ac, d->phone) >= sizeof(both))
        return ERROR_INVALID_PARAMETER;
    memcpy(d->phone, both, sizeof(both));
    return 0;
}

/* The entry's section gives everything: its properties, the speed and
 * flow control Windows keeps beside RASENTRY rather than in it, and the
 * modem's extra initialization commands (87 if they do not fit). */
uint32_t
ras_dial_req_from_section(const struct ini_doc *doc, const char *entry_name,
                          const char *phone, struct ipc_dial_req *d)
{
    RASENTRYA e;
    long sec = ini_find_section(doc, entry_name);
    if (sec < 0)
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    pbk_entry_read(doc, (size_t)sec, &e);
    ras_dial_req_from_entry(d, &e, "", entry_name, phone);
    pbk_entry_line(doc, (size_t)sec, &d->line_bps, &d->hw_flow);
    if (strcasecmp(d->device_type, RASDT_PPPoE) == 0)
        return pppoe_number(doc, (size_t)sec, d);
    uint32_t rc = pbk_entry_init_cmds(doc, (size_t)sec, d->init_cmds, sizeof(d->init_cmds));
    return rc ? rc : pbk_entry_apn(doc, (size_t)sec, d->apn, sizeof(d->apn));
}

struct resolve_ctx {
    const RASDIALPARAMSA *params;
    struct ipc_dial_req *req;
};

static uint32_t
resolve_fn(const struct ini_doc *doc, void *vctx)
{
    const struct resolve_ctx *c = vctx;
    return ras_dial_req_from_section(doc, c->params->szEntryName, c->params->szPhoneNumber,
                                     c->req);
}

/* The phonebook as rasmand is told of it: absolute, so that it names the
 * same file whatever the dialer's working directory. A file gone since it
 * was read keeps the name it was read by. */
static void
set_phonebook(struct ipc_dial_req *d, const char *path)
{
    char abs[PATH_MAX];
    copy_str(d->phonebook, sizeof(d->phonebook), realpath(path, abs) ? abs : path);
}

/* The SIM PIN saved for the entry (a cellular module asks for it), from
 * the credentials file beside the phonebook: never from the phonebook. A
 * credentials file refused for its mode fails the dial only when the entry
 * needs a PIN from it, which cannot be known here: so it is as if none. */
static void
add_sim_pin(const char *path, const char *entry, struct ipc_dial_req *d)
{
    struct creds c;
    memset(&c, 0, sizeof(c));
    if (creds_get(path, entry, &c) == 0 && (c.have & CREDS_SIM_PIN))
        copy_str(d->sim_pin, sizeof(d->sim_pin), c.sim_pin);
    ras_wipe(&c, sizeof(c));
}

static uint32_t
resolve_entry(const char *phonebook, const RASDIALPARAMSA *params, struct ipc_dial_req *d)
{
    char path[PBK_PATH_MAX];
    struct resolve_ctx c = { params, d };
    uint32_t rc = pbk_read_entry(phonebook, resolve_fn, &c, path, sizeof(path));
    /* RasGetEntryProperties answers a corrupt phonebook as a missing entry
     * (ras-api.md 2a), and so does RasDial. */
    if (rc == ERROR_CORRUPT_PHONEBOOK)
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    if (rc == 0) {
        set_phonebook(d, path);
        add_sim_pin(path, params->szEntryName, d);
    }
    return rc;
}

/* No entry: the phonebook defaults, any modem; nothing is read. */
static void
resolve_no_entry(const char *phonebook, const RASDIALPARAMSA *params, struct ipc_dial_req *d)
{
    RASENTRYA e;
    pbk_entry_defaults(&e);
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", RASDT_Modem);
    e.szDeviceName[0] = '\0';
    ras_dial_req_from_entry(d, &e, "", "", params->szPhoneNumber);
    if (phonebook && *phonebook)
        set_phonebook(d, phonebook);
}

uint32_t
ras_dial_resolve(const RASDIALEXTENSIONS *ext, const char *phonebook,
                 const RASDIALPARAMSA *params, DWORD notifier_type, const void *notifier,
                 const HRASCONN *phconn, struct ipc_dial_req *out)
{
    struct ipc_dial_req d;
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

    if (params->szEntryName[0]) {
        if ((rc = resolve_entry(phonebook, params, &d)) != 0)
            return rc;
    } else {
        if (!params->szPhoneNumber[0])
            return ERROR_INVALID_PARAMETER;
        resolve_no_entry(phonebook, params, &d);
    }
    d.dial_options = ext ? ext->dwfOptions : 0;
    memcpy(out, &d, sizeof(d));
    return 0;
}
