/* import_write.c: one imported entry into the phonebook: its RASENTRY
 * through RasSetEntryProperties (so the file is changed under its lock and
 * atomically, like every other write), then in one more locked edit the
 * keys RASENTRY does not carry (DEVICE's InitCommands=, Apn= and
 * HwFlowControl=, MEDIA's ConnectBPS=), then the user name and password
 * through RasSetCredentials and the SIM PIN beside them: never into the
 * phonebook. */
#include <stdio.h>
#include <string.h>

#include "raserror.h"

#include "common/alloc.h"
#include "lib/devices.h"
#include "lib/creds.h"
#include "lib/pbk_entry.h"
#include "lib/pbk_store.h"
#include "import_write.h"
#include "rasphone.h"
#include "rastool.h"

static void
set_opt(RASENTRYA *r, DWORD bit, imp_tri v)
{
    if (v == 1)
        r->dwfOptions |= bit;
    else if (v == 0)
        r->dwfOptions &= ~bit;
}

/* The entry as RASENTRY, over the phonebook's defaults for a new one. */
void
imp_fill_rasentry(const struct imp_entry *e, RASENTRYA *r)
{
    snprintf(r->szLocalPhoneNumber, sizeof(r->szLocalPhoneNumber), "%s", e->number);
    snprintf(r->szDeviceType, sizeof(r->szDeviceType), "%s", RASDT_Modem);
    /* rasphone add's default when nothing names a port; the report says so */
    snprintf(r->szDeviceName, sizeof(r->szDeviceName), "%s",
             e->device[0] ? e->device : RAS_LOOPBACK_DEVICE_NAME);
    r->dwType = RASET_Phone;
    r->dwFramingProtocol = RASFP_Ppp;
    set_opt(r, RASEO_RemoteDefaultGateway, e->default_route);
    set_opt(r, RASEO_IpHeaderCompression, e->vj);
    set_opt(r, RASEO_SwCompression, e->ccp);
    if (e->has_idle)
        r->dwIdleDisconnectSeconds = e->idle;
    if (e->has_redial_count)
        r->dwRedialCount = e->redial_count;
    if (e->has_redial_pause)
        r->dwRedialPause = e->redial_pause;
}

/* The init commands as InitCommands= holds them. */
void
imp_init_line(const struct imp_entry *e, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (unsigned i = 0; i < e->n_init && n < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? "|" : "", e->init[i]);
}

/* Sets (value "" removes) KEY= in the entry's block that starts at
 * marker, right under the marker line when it is new. */
static uint32_t
set_block_key(struct ini_doc *doc, size_t sec, const char *marker, const char *key,
              const char *value)
{
    static __thread char text[INI_MAX_LINE + 1];
    size_t from, to;
    if (!pbk_entry_block(doc, sec, marker, &from, &to))
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    if (!ini_text_ok(value, strlen(value)) ||
        snprintf(text, sizeof(text), "%s=%s", key, value) >= (int)sizeof(text))
        return ERROR_INVALID_PARAMETER;
    long i = ini_find_key(doc, from + 1, to, key);
    if (i >= 0 && !value[0]) {
        ini_delete(doc, (size_t)i, (size_t)i + 1);
        return 0;
    }
    if (i >= 0)
        return ini_replace(doc, (size_t)i, text);
    return value[0] ? ini_insert(doc, from + 1, text) : 0;
}

static uint32_t
device_keys_fn(struct ini_doc *doc, void *ctx)
{
    const struct imp_entry *e = ctx;
    char init[IMP_MAX_INIT * (IMP_INIT_LEN + 1) + 1], num[16];
    uint32_t rc;
    long sec = ini_find_section(doc, e->name);
    if (sec < 0)
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    imp_init_line(e, init, sizeof(init));
    if ((rc = pbk_entry_set_init_cmds(doc, e->name, init)) != 0 ||
        (rc = pbk_entry_set_apn(doc, e->name, e->apn)) != 0)
        return rc;
    if (e->hw_flow >= 0 &&
        (rc = set_block_key(doc, (size_t)sec, "DEVICE", "HwFlowControl", e->hw_flow ? "1" : "0")))
        return rc;
    snprintf(num, sizeof(num), "%u", e->bps);
    if (e->bps && (rc = set_block_key(doc, (size_t)sec, "MEDIA", "ConnectBPS", num)) != 0)
        return rc;
    return 0;
}

static uint32_t
save_credentials(const char *pbk, const struct imp_entry *e, bool existed)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c) };
    uint32_t rc = 0;
    /* a replaced entry keeps none of the old entry's saved credentials */
    if (existed) {
        c.dwMask = RASCM_UserName | RASCM_Password | RASCM_Domain;
        if ((rc = RasSetCredentialsA(pbk, e->name, &c, TRUE)) != 0)
            return rc;
        c.dwMask = 0;
    }
    if (e->user[0]) {
        snprintf(c.szUserName, sizeof(c.szUserName), "%s", e->user);
        c.dwMask |= RASCM_UserName;
    }
    if (e->password[0]) {
        snprintf(c.szPassword, sizeof(c.szPassword), "%s", e->password);
        c.dwMask |= RASCM_Password;
    }
    if (c.dwMask)
        rc = RasSetCredentialsA(pbk, e->name, &c, FALSE);
    ras_wipe(&c, sizeof(c));
    return rc;
}

bool
imp_pin_ok(const char *pin)
{
    size_t n = strlen(pin);
    return n >= 4 && n <= CREDS_PIN_MAX && strspn(pin, "0123456789") == n;
}

/* The SIM PIN goes where rasmand's modem port reads it: the credentials
 * file (a replaced entry's old one is removed first). */
static uint32_t
save_pin(const char *pbk, const struct imp_entry *e, bool existed)
{
    char path[PBK_PATH_MAX];
    struct creds c;
    uint32_t rc = pbk_path(pbk, path, sizeof(path));
    memset(&c, 0, sizeof(c));
    if (rc == 0 && existed)
        rc = creds_set(path, e->name, &c, CREDS_SIM_PIN, true);
    if (rc == 0 && imp_pin_ok(e->pin)) {
        snprintf(c.sim_pin, sizeof(c.sim_pin), "%s", e->pin);
        rc = creds_set(path, e->name, &c, CREDS_SIM_PIN, false);
    }
    ras_wipe(&c, sizeof(c));
    return rc;
}

uint32_t
imp_write(const char *pbk, const struct imp_entry *e, bool existed)
{
    char path[PBK_PATH_MAX];
    RASENTRYA *r = NULL;
    DWORD cb;
    /* --replace: the new settings over a new entry's defaults, not over the
     * old entry's */
    uint32_t rc = entry_get(pbk, "", &r, &cb);
    if (rc)
        return rc;
    imp_fill_rasentry(e, r);
    rc = RasSetEntryPropertiesA(pbk, e->name, r, cb, NULL, 0);
    ras_free(r);
    if (rc == 0 && (rc = pbk_path(pbk, path, sizeof(path))) == 0)
        rc = pbk_edit(path, false, 0644, device_keys_fn, (void *)e);
    if (rc == 0)
        rc = save_credentials(pbk, e, existed);
    if (rc == 0)
        rc = save_pin(pbk, e, existed);
    /* a new entry half written is taken out again */
    if (rc && !existed)
        RasDeleteEntryA(pbk, e->name);
    return rc;
}
