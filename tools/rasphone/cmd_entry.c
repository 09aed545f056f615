/* cmd_entry.c: the commands that change the phonebook: add and edit (one
 * shared tail: apply the settings, write the entry, save credentials),
 * rename and delete. */
#include <stdio.h>

#include "raserror.h"

#include "common/alloc.h"
#include "lib/devices.h"
#include "rasphone.h"
#include "rastool.h"

static uint32_t
save_credentials(const char *pbk, const char *name, const struct edit *ed)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c) };
    uint32_t rc = 0;
    if (ed->user) {
        rastool_set_field(c.szUserName, sizeof(c.szUserName), ed->user);
        c.dwMask |= RASCM_UserName;
    }
    if (ed->domain) {
        rastool_set_field(c.szDomain, sizeof(c.szDomain), ed->domain);
        c.dwMask |= RASCM_Domain;
    }
    if (ed->ask_password) {
        char prompt[RAS_MaxEntryName + 64];
        snprintf(prompt, sizeof(prompt), "Password for %s: ", name);
        if (rastool_read_password(prompt, c.szPassword, sizeof(c.szPassword)) != 0) {
            fprintf(stderr, "rasphone: no password read\n");
            rc = ERROR_INVALID_PARAMETER;
            goto out;
        }
        c.dwMask |= RASCM_Password;
    }
    rc = RasSetCredentialsA(pbk, name, &c, FALSE);
out:
    ras_wipe(&c, sizeof(c));
    return rc;
}

/* What add and edit end with, on the entry e (cb bytes) they prepared.
 * A malformed setting changes nothing: it is caught before the write. */
static uint32_t
write_entry(struct cmd_args *a, RASENTRYA *e, DWORD cb)
{
    const char *name = a->arg[0];
    if (entry_apply_edit(e, a->edit) || (a->edit->init && !entry_init_ok(a->edit->init)) ||
        (a->edit->apn && !entry_apn_ok(a->edit->apn))) {
        a->bad_value = true;
        return 0;
    }
    uint32_t rc = RasSetEntryPropertiesA(a->pbk, name, e, cb, NULL, 0);
    if (rc == 0 && a->edit->init)
        rc = entry_set_init(a->pbk, name, a->edit->init);
    if (rc == 0 && a->edit->ac)
        rc = entry_set_ac(a->pbk, name, a->edit->ac);
    if (rc == 0 && a->edit->apn)
        rc = entry_set_apn(a->pbk, name, a->edit->apn);
    if (rc == 0 && a->edit->ask_pin)
        rc = entry_set_pin(a->pbk, name);
    if (rc == 0 && entry_edit_has_credentials(a->edit))
        rc = save_credentials(a->pbk, name, a->edit);
    return rc;
}

uint32_t
cmd_add(struct cmd_args *a)
{
    RASENTRYA *e = NULL;
    DWORD cb;
    /* 621: no phonebook yet; adding creates it. */
    uint32_t rc = RasValidateEntryNameA(a->pbk, a->arg[0]);
    if (rc && rc != ERROR_CANNOT_OPEN_PHONEBOOK)
        return rc;
    /* The default entry (the empty name). */
    if ((rc = entry_get(a->pbk, "", &e, &cb)) != 0)
        return rc;
    /* Windows' wizard asks for these; non-interactively the built-in
     * loopback port is the one device every machine has. */
    if (!e->szDeviceName[0])
        snprintf(e->szDeviceName, sizeof(e->szDeviceName), "%s", RAS_LOOPBACK_DEVICE_NAME);
    if (!e->szDeviceType[0])
        snprintf(e->szDeviceType, sizeof(e->szDeviceType), "%s", RASDT_Modem);
    if (!e->dwFramingProtocol)
        e->dwFramingProtocol = RASFP_Ppp;
    if (!e->dwType)
        e->dwType = RASET_Phone;
    rc = write_entry(a, e, cb);
    ras_free(e);
    return rc;
}

uint32_t
cmd_edit(struct cmd_args *a)
{
    RASENTRYA *e = NULL;
    DWORD cb;
    uint32_t rc = entry_get(a->pbk, a->arg[0], &e, &cb);
    if (rc)
        return rc;
    rc = write_entry(a, e, cb);
    ras_free(e);
    return rc;
}

uint32_t
cmd_rename(struct cmd_args *a)
{
    return RasRenameEntryA(a->pbk, a->arg[0], a->arg[1]);
}

uint32_t
cmd_delete(struct cmd_args *a)
{
    return RasDeleteEntryA(a->pbk, a->arg[0]);
}
