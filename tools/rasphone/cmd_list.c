/* cmd_list.c: the commands that only read: list (entry names), show (an
 * entry's settings as KEY=VALUE lines that read back as options) and
 * devices. */
#include <stdio.h>
#include <string.h>

#include "raserror.h"

#include "common/alloc.h"
#include "rasphone.h"
#include "rastool.h"

static uint32_t
fill_names(void *ctx, void *buf, DWORD *cb, DWORD *n)
{
    return RasEnumEntriesA(NULL, ctx, buf, cb, n);
}

uint32_t
cmd_list(struct cmd_args *a)
{
    void *buf;
    DWORD n;
    /* The file may grow between two calls; rastool_fetch asks again. */
    uint32_t rc = rastool_fetch(fill_names, (void *)a->pbk, sizeof(RASENTRYNAMEA), &buf, NULL,
                                &n);
    if (rc)
        return rc;
    const RASENTRYNAMEA *names = buf;
    for (DWORD i = 0; i < n; i++)
        printf("%s\n", rastool_esc(names[i].szEntryName));
    ras_free(buf);
    return 0;
}

static void
print_alternates(const RASENTRYA *e, DWORD cb)
{
    if (!e->dwAlternateOffset || e->dwAlternateOffset >= cb)
        return;
    const char *p = (const char *)e + e->dwAlternateOffset, *end = (const char *)e + cb;
    while (p < end && *p) {
        size_t n = strnlen(p, (size_t)(end - p));
        printf("alternate=%s\n", rastool_esc_n(p, n));
        p += n + 1;
    }
}

/* The saved user name and domain; of the password only whether there is
 * one. */
static uint32_t
show_credentials(const char *pbk, const char *name)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_UserName | RASCM_Domain |
                                                         RASCM_Password };
    uint32_t rc = RasGetCredentialsA(pbk, name, &c);
    if (rc == 0) {
        if (c.dwMask & RASCM_UserName)
            printf("user=%s\n", rastool_esc(c.szUserName));
        if (c.dwMask & RASCM_Domain)
            printf("domain=%s\n", rastool_esc(c.szDomain));
        printf("password=%s\n", (c.dwMask & RASCM_Password) ? "(saved)" : "(none)");
    }
    ras_wipe(&c, sizeof(c));
    return rc;
}

uint32_t
cmd_show(struct cmd_args *a)
{
    RASENTRYA *e = NULL;
    DWORD cb;
    uint32_t rc = entry_get(a->pbk, a->arg[0], &e, &cb);
    if (rc)
        return rc;
    printf("entry=%s\n", rastool_esc(a->arg[0]));
    entry_print_fields(e);
    entry_print_init(a->pbk, a->arg[0]);
    print_alternates(e, cb);
    ras_free(e);
    return show_credentials(a->pbk, a->arg[0]);
}

static uint32_t
fill_devices(void *ctx, void *buf, DWORD *cb, DWORD *n)
{
    (void)ctx;
    return RasEnumDevicesA(buf, cb, n);
}

uint32_t
cmd_devices(struct cmd_args *a)
{
    void *buf;
    DWORD n;
    (void)a;
    uint32_t rc = rastool_fetch(fill_devices, NULL, sizeof(RASDEVINFOA), &buf, NULL, &n);
    if (rc)
        return rc;
    const RASDEVINFOA *d = buf;
    for (DWORD i = 0; i < n; i++)
        printf("%s\t%s\n", rastool_esc(d[i].szDeviceType), rastool_esc(d[i].szDeviceName));
    ras_free(buf);
    return 0;
}
