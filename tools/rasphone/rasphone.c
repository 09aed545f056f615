/* rasphone: non-interactive phonebook editor over the public RAS API
 * (list, show, add, edit, rename, delete, devices, dial, hangup), with
 * Windows' rasphone switches (-a -e -r -d -h -f) as aliases. */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "lib/devices.h"
#include "rasconn.h"
#include "rastool.h"

/* Entry fields settable with --KEY=VALUE; `show` prints the same keys, so
 * its output reads back as options. */
enum field_kind { F_STR, F_UINT, F_FLAG, F_NFLAG, F_IP, F_TYPE, F_FRAMING };

struct field {
    const char *key;
    enum field_kind kind;
    size_t off;      /* into RASENTRYA */
    size_t len;      /* F_STR: array size */
    DWORD flag;      /* F_FLAG/F_NFLAG: RASEO_ bit; F_IP: RASEO_ bit that enables it */
};

#define STRF(k, m) { k, F_STR, offsetof(RASENTRYA, m), sizeof(((RASENTRYA *)0)->m), 0 }
#define UINTF(k, m) { k, F_UINT, offsetof(RASENTRYA, m), 0, 0 }
static const struct field fields[] = {
    STRF("number", szLocalPhoneNumber),
    STRF("area-code", szAreaCode),
    UINTF("country-code", dwCountryCode),
    UINTF("country-id", dwCountryID),
    STRF("device", szDeviceName),
    STRF("device-type", szDeviceType),
    { "type", F_TYPE, offsetof(RASENTRYA, dwType), 0, 0 },
    { "framing", F_FRAMING, offsetof(RASENTRYA, dwFramingProtocol), 0, 0 },
    UINTF("redial-count", dwRedialCount),
    UINTF("redial-pause", dwRedialPause),
    UINTF("idle-disconnect", dwIdleDisconnectSeconds),
    { "ip", F_IP, offsetof(RASENTRYA, ipaddr), 0, RASEO_SpecificIpAddr },
    { "dns", F_IP, offsetof(RASENTRYA, ipaddrDns), 0, RASEO_SpecificNameServers },
    { "dns2", F_IP, offsetof(RASENTRYA, ipaddrDnsAlt), 0, RASEO_SpecificNameServers },
    { "default-gateway", F_FLAG, 0, 0, RASEO_RemoteDefaultGateway },
    { "use-dialing-rules", F_FLAG, 0, 0, RASEO_UseCountryAndAreaCodes },
    { "ip-header-compression", F_FLAG, 0, 0, RASEO_IpHeaderCompression },
    { "sw-compression", F_FLAG, 0, 0, RASEO_SwCompression },
    { "lcp-extensions", F_NFLAG, 0, 0, RASEO_DisableLcpExtensions },
};
#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))

static const char *const type_names[] = { NULL, "phone", "vpn", "direct", "internet", "broadband" };

/* Option ids above the ASCII range. */
enum {
    OPT_FIELD = 1000,   /* + index into fields[] */
    OPT_HELP = 2000, OPT_VERSION, OPT_PHONEBOOK, OPT_USER, OPT_DOMAIN, OPT_ASK_PASSWORD,
};

struct edit {
    const char *value[N_FIELDS];
    const char *user, *domain;
    bool ask_password;
};

static void
usage(FILE *f)
{
    fprintf(f,
        "Usage: rasphone [--phonebook FILE] COMMAND [ARGS] [--KEY=VALUE ...]\n"
        "Commands:\n"
        "  list                   entry names, one per line\n"
        "  show ENTRY             the entry's settings as KEY=VALUE lines\n"
        "  add ENTRY [--KEY=V]    create an entry (default device: loopback)\n"
        "  edit ENTRY --KEY=V...  change individual settings\n"
        "  rename OLD NEW         rename an entry\n"
        "  delete ENTRY           delete an entry\n"
        "  devices                the devices entries can use\n"
        "  dial ENTRY             dial (like rasdial ENTRY)\n"
        "  hangup ENTRY           hang up the entry's connection\n"
        "Windows switches: -a ENTRY add, -e ENTRY edit, -r ENTRY delete,\n"
        "  -d ENTRY dial, -h ENTRY hang up, -f FILE phonebook.\n"
        "Keys:");
    for (size_t i = 0; i < N_FIELDS; i++)
        fprintf(f, "%s%s", i % 6 ? " " : "\n  ", fields[i].key);
    fprintf(f, "\n  user domain (saved credentials); --ask-password reads the password\n"
               "  from the terminal (or stdin), never from the command line.\n"
               "Exit status: 0 ok; 1-249 RAS error 601-849 (code - 600); 250 other RAS\n"
               "  error; 251 Win32 error; 252 usage error. See rasphone(1).\n");
}

/* ---- reading and writing values ---- */

static int
parse_uint(const char *s, DWORD *out)
{
    char *end;
    if (!*s || *s == '-')
        return -1;
    unsigned long long v = strtoull(s, &end, 0);
    if (*end || v > 0xFFFFFFFFull)
        return -1;
    *out = (DWORD)v;
    return 0;
}

static int
parse_bool(const char *s, bool *out)
{
    if (!strcmp(s, "1") || !strcasecmp(s, "yes") || !strcasecmp(s, "on") || !strcasecmp(s, "true"))
        *out = true;
    else if (!strcmp(s, "0") || !strcasecmp(s, "no") || !strcasecmp(s, "off") ||
             !strcasecmp(s, "false"))
        *out = false;
    else
        return -1;
    return 0;
}

static int
parse_ip(const char *s, RASIPADDR *ip)
{
    unsigned a, b, c, d;
    char tail;
    if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4 || a > 255 || b > 255 ||
        c > 255 || d > 255)
        return -1;
    ip->a = (BYTE)a; ip->b = (BYTE)b; ip->c = (BYTE)c; ip->d = (BYTE)d;
    return 0;
}

static bool
ip_is_zero(const RASIPADDR *ip)
{
    return !ip->a && !ip->b && !ip->c && !ip->d;
}

/* Returns 0, or -1 with a message on stderr for a malformed value. */
static int
apply_field(RASENTRYA *e, const struct field *f, const char *v)
{
    char *base = (char *)e;
    DWORD u;
    bool b;
    switch (f->kind) {
    case F_STR:
        if (strlen(v) >= f->len) {
            fprintf(stderr, "rasphone: --%s: longer than %zu characters\n", f->key, f->len - 1);
            return -1;
        }
        memcpy(base + f->off, v, strlen(v) + 1);
        return 0;
    case F_UINT:
        if (parse_uint(v, &u))
            break;
        memcpy(base + f->off, &u, sizeof(u));
        return 0;
    case F_FLAG:
    case F_NFLAG:
        if (parse_bool(v, &b))
            break;
        if (b != (f->kind == F_NFLAG))
            e->dwfOptions |= f->flag;
        else
            e->dwfOptions &= ~f->flag;
        return 0;
    case F_IP: {
        RASIPADDR ip = {0};
        if (*v && parse_ip(v, &ip))
            break;
        memcpy(base + f->off, &ip, sizeof(ip));
        /* The address only counts with its RASEO_ bit (RasSetEntryProperties
         * docs); no address left means the server assigns. */
        if (!ip_is_zero(&e->ipaddr) && f->flag == RASEO_SpecificIpAddr)
            e->dwfOptions |= f->flag;
        else if (f->flag == RASEO_SpecificIpAddr)
            e->dwfOptions &= ~f->flag;
        else if (!ip_is_zero(&e->ipaddrDns) || !ip_is_zero(&e->ipaddrDnsAlt))
            e->dwfOptions |= f->flag;
        else
            e->dwfOptions &= ~f->flag;
        return 0;
    }
    case F_TYPE:
        for (DWORD t = 1; t < sizeof(type_names) / sizeof(type_names[0]); t++)
            if (!strcasecmp(v, type_names[t])) {
                e->dwType = t;
                return 0;
            }
        if (parse_uint(v, &u))
            break;
        e->dwType = u;
        return 0;
    case F_FRAMING:
        if (!strcasecmp(v, "ppp"))
            e->dwFramingProtocol = RASFP_Ppp;
        else if (!strcasecmp(v, "slip"))
            e->dwFramingProtocol = RASFP_Slip;
        else if (parse_uint(v, &e->dwFramingProtocol))
            break;
        return 0;
    }
    fprintf(stderr, "rasphone: --%s: invalid value '%s'\n", f->key, v);
    return -1;
}

static void
print_field(const RASENTRYA *e, const struct field *f)
{
    const char *base = (const char *)e;
    DWORD u;
    printf("%s=", f->key);
    switch (f->kind) {
    case F_STR:
        printf("%.*s", (int)f->len, base + f->off);
        break;
    case F_UINT:
        memcpy(&u, base + f->off, sizeof(u));
        printf("%u", u);
        break;
    case F_FLAG:
        printf("%s", (e->dwfOptions & f->flag) ? "yes" : "no");
        break;
    case F_NFLAG:
        printf("%s", (e->dwfOptions & f->flag) ? "no" : "yes");
        break;
    case F_IP: {
        RASIPADDR ip;
        memcpy(&ip, base + f->off, sizeof(ip));
        if ((e->dwfOptions & f->flag) && !ip_is_zero(&ip))
            printf("%u.%u.%u.%u", ip.a, ip.b, ip.c, ip.d);
        break;
    }
    case F_TYPE:
        if (e->dwType && e->dwType < sizeof(type_names) / sizeof(type_names[0]))
            printf("%s", type_names[e->dwType]);
        else
            printf("%u", e->dwType);
        break;
    case F_FRAMING:
        if (e->dwFramingProtocol == RASFP_Ppp)
            printf("ppp");
        else if (e->dwFramingProtocol == RASFP_Slip)
            printf("slip");
        else
            printf("%u", e->dwFramingProtocol);
        break;
    }
    printf("\n");
}

/* ---- entries ---- */

/* The entry with its alternate numbers (which follow the struct), in a
 * buffer sized by asking first. *out is the caller's to ras_free. */
static uint32_t
get_entry(const char *pbk, const char *name, RASENTRYA **out, DWORD *out_cb)
{
    DWORD cb = sizeof(RASENTRYA);
    RASENTRYA *e = NULL;
    uint32_t rc;
    for (int tries = 0; tries < 3; tries++) {
        ras_free(e);
        if (!(e = ras_calloc(1, cb)))
            return ERROR_NOT_ENOUGH_MEMORY;
        e->dwSize = sizeof(RASENTRYA);
        rc = RasGetEntryPropertiesA(pbk, name, e, &cb, NULL, NULL);
        if (rc != ERROR_BUFFER_TOO_SMALL)
            break;
    }
    if (rc) {
        ras_free(e);
        return rc;
    }
    *out = e;
    *out_cb = cb;
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
        printf("alternate=%.*s\n", (int)n, p);
        p += n + 1;
    }
}

static uint32_t
cmd_list(const char *pbk)
{
    DWORD cb = 0, n = 0;
    RASENTRYNAMEA *names = NULL;
    uint32_t rc;
    RASENTRYNAMEA probe = { .dwSize = sizeof(RASENTRYNAMEA) };
    cb = sizeof(probe);
    rc = RasEnumEntriesA(NULL, pbk, &probe, &cb, &n);
    if (rc == 0) {
        if (n)
            printf("%s\n", probe.szEntryName);
        return 0;
    }
    /* The file may grow between the two calls; ask again a few times. */
    for (int tries = 0; rc == ERROR_BUFFER_TOO_SMALL && tries < 4; tries++) {
        ras_free(names);
        if (!(names = ras_calloc(1, cb)))
            return ERROR_NOT_ENOUGH_MEMORY;
        names[0].dwSize = sizeof(RASENTRYNAMEA);
        rc = RasEnumEntriesA(NULL, pbk, names, &cb, &n);
    }
    if (rc == 0)
        for (DWORD i = 0; i < n; i++)
            printf("%s\n", names[i].szEntryName);
    ras_free(names);
    return rc;
}

static uint32_t
show_credentials(const char *pbk, const char *name)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_UserName | RASCM_Domain |
                                                         RASCM_Password };
    uint32_t rc = RasGetCredentialsA(pbk, name, &c);
    if (rc == 0) {
        if (c.dwMask & RASCM_UserName)
            printf("user=%s\n", c.szUserName);
        if (c.dwMask & RASCM_Domain)
            printf("domain=%s\n", c.szDomain);
        printf("password=%s\n", (c.dwMask & RASCM_Password) ? "(saved)" : "(none)");
    }
    ras_wipe(&c, sizeof(c));
    return rc;
}

static uint32_t
cmd_show(const char *pbk, const char *name)
{
    RASENTRYA *e = NULL;
    DWORD cb;
    uint32_t rc = get_entry(pbk, name, &e, &cb);
    if (rc)
        return rc;
    printf("entry=%s\n", name);
    for (size_t i = 0; i < N_FIELDS; i++)
        print_field(e, &fields[i]);
    print_alternates(e, cb);
    ras_free(e);
    return show_credentials(pbk, name);
}

static bool
edit_has_credentials(const struct edit *ed)
{
    return ed->user || ed->domain || ed->ask_password;
}

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

/* Returns 0, or -1 when a value is malformed (usage error). */
static int
apply_edit(RASENTRYA *e, const struct edit *ed)
{
    for (size_t i = 0; i < N_FIELDS; i++)
        if (ed->value[i] && apply_field(e, &fields[i], ed->value[i]))
            return -1;
    return 0;
}

static uint32_t
cmd_add(const char *pbk, const char *name, const struct edit *ed, bool *usage_err)
{
    RASENTRYA *e = NULL;
    DWORD cb;
    /* 621: no phonebook yet; adding creates it. */
    uint32_t rc = RasValidateEntryNameA(pbk, name);
    if (rc && rc != ERROR_CANNOT_OPEN_PHONEBOOK)
        return rc;
    if ((rc = get_entry(pbk, "", &e, &cb)) != 0)
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
    if (apply_edit(e, ed)) {
        *usage_err = true;
        goto out;
    }
    if ((rc = RasSetEntryPropertiesA(pbk, name, e, cb, NULL, 0)) != 0)
        goto out;
    if (edit_has_credentials(ed))
        rc = save_credentials(pbk, name, ed);
out:
    ras_free(e);
    return rc;
}

static uint32_t
cmd_edit(const char *pbk, const char *name, const struct edit *ed, bool *usage_err)
{
    RASENTRYA *e = NULL;
    DWORD cb;
    uint32_t rc = get_entry(pbk, name, &e, &cb);
    if (rc)
        return rc;
    if (apply_edit(e, ed)) {
        *usage_err = true;
        goto out;
    }
    if ((rc = RasSetEntryPropertiesA(pbk, name, e, cb, NULL, 0)) != 0)
        goto out;
    if (edit_has_credentials(ed))
        rc = save_credentials(pbk, name, ed);
out:
    ras_free(e);
    return rc;
}

static uint32_t
cmd_devices(void)
{
    DWORD cb = 0, n = 0;
    RASDEVINFOA *d = NULL;
    uint32_t rc = RasEnumDevicesA(NULL, &cb, &n);
    for (int tries = 0; rc == ERROR_BUFFER_TOO_SMALL && tries < 4; tries++) {
        ras_free(d);
        if (!(d = ras_calloc(1, cb)))
            return ERROR_NOT_ENOUGH_MEMORY;
        d[0].dwSize = sizeof(RASDEVINFOA);
        rc = RasEnumDevicesA(d, &cb, &n);
    }
    if (rc == 0)
        for (DWORD i = 0; i < n; i++)
            printf("%s\t%s\n", d[i].szDeviceType, d[i].szDeviceName);
    ras_free(d);
    return rc;
}

static uint32_t
cmd_dial(const char *pbk, const char *name)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    BOOL has_pw = FALSE;
    memset(&p, 0, sizeof(p));
    p.dwSize = sizeof(p);
    rastool_set_field(p.szEntryName, sizeof(p.szEntryName), name);
    /* Saved user name and password, as Windows' rasphone -d uses them; if
     * there are none (or no entry), RasDial says what is wrong. A refused
     * credentials file (5) is an error, not "none saved" (a 691 later). */
    uint32_t got = RasGetEntryDialParamsA(pbk, &p, &has_pw);
    if (got == ERROR_ACCESS_DENIED)
        return got;
    if (got != 0) {
        memset(&p, 0, sizeof(p));
        p.dwSize = sizeof(p);
        rastool_set_field(p.szEntryName, sizeof(p.szEntryName), name);
    }
    printf("Connecting to %s...\n", name);
    fflush(stdout);
    uint32_t rc = rasconn_dial(pbk, &p, NULL, false, &h);
    ras_wipe(&p, sizeof(p));
    if (rc == 0)
        printf("Successfully connected to %s.\n", name);
    return rc;
}

/* The entry is checked first, so an unknown one reports 623 rather than
 * "no connection". */
static uint32_t
cmd_hangup(const char *pbk, const char *name)
{
    RASENTRYA *e = NULL;
    DWORD cb;
    HRASCONN h;
    uint32_t rc = get_entry(pbk, name, &e, &cb);
    ras_free(e);
    if (!rc)
        rc = rasconn_find(name, &h);
    return rc ? rc : rasconn_hangup(h);
}

/* ---- command line ---- */

static struct option *
build_options(void)
{
    static struct option opts[N_FIELDS + 8];
    size_t n = 0;
    for (size_t i = 0; i < N_FIELDS; i++)
        opts[n++] = (struct option){ fields[i].key, required_argument, NULL, OPT_FIELD + (int)i };
    opts[n++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
    opts[n++] = (struct option){ "version", no_argument, NULL, OPT_VERSION };
    opts[n++] = (struct option){ "phonebook", required_argument, NULL, OPT_PHONEBOOK };
    opts[n++] = (struct option){ "user", required_argument, NULL, OPT_USER };
    opts[n++] = (struct option){ "domain", required_argument, NULL, OPT_DOMAIN };
    opts[n++] = (struct option){ "ask-password", no_argument, NULL, OPT_ASK_PASSWORD };
    opts[n] = (struct option){ 0 };
    return opts;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "rasphone: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'rasphone --help'.\n");
    return RASTOOL_EXIT_USAGE;
}

int
main(int argc, char **argv)
{
    struct edit ed = {0};
    const char *pbk = NULL, *cmd = NULL, *win_entry = NULL;
    struct option *opts = build_options();
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":a:e:r:d:h:f:", opts, NULL)) != -1) {
        switch (c) {
        case 'a': case 'e': case 'r': case 'd': case 'h':
            if (cmd)
                return usage_error("more than one command (at -%c)", c);
            cmd = c == 'a' ? "add" : c == 'e' ? "edit" : c == 'r' ? "delete" :
                  c == 'd' ? "dial" : "hangup";
            win_entry = optarg;
            break;
        case 'f':
        case OPT_PHONEBOOK:
            pbk = optarg;
            break;
        case OPT_HELP:
            usage(stdout);
            return 0;
        case OPT_VERSION:
            printf("rasphone (OpenRAS) %s\n", OPENRAS_VERSION);
            return 0;
        case OPT_USER:
            ed.user = optarg;
            break;
        case OPT_DOMAIN:
            ed.domain = optarg;
            break;
        case OPT_ASK_PASSWORD:
            ed.ask_password = true;
            break;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        case '?':
            return usage_error("unknown option '%s'", argv[optind - 1]);
        default:
            ed.value[c - OPT_FIELD] = optarg;
            break;
        }
    }

    /* Positional arguments after the command; a Windows switch carries the
     * entry itself. */
    const char *pos[3] = { NULL, NULL, NULL };
    int npos = 0;
    if (win_entry)
        pos[npos++] = win_entry;
    else if (optind < argc)
        cmd = argv[optind++];
    if (!cmd)
        return usage_error("%s", "no command given");
    for (int i = optind; i < argc; i++) {
        if (npos == 3)
            return usage_error("unexpected argument '%s'", argv[i]);
        pos[npos++] = argv[i];
    }
    static const struct { const char *name; int nargs; } cmds[] = {
        { "list", 0 }, { "devices", 0 }, { "show", 1 }, { "add", 1 }, { "edit", 1 },
        { "rename", 2 }, { "delete", 1 }, { "dial", 1 }, { "hangup", 1 },
    };
    int want = -1;
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
        if (!strcmp(cmd, cmds[i].name))
            want = cmds[i].nargs;
    if (want < 0)
        return usage_error("unknown command '%s'", cmd);
    if (npos != want)
        return usage_error("wrong number of arguments for '%s'", cmd);
    const char *a0 = pos[0], *a1 = pos[1];
    bool editing = !strcmp(cmd, "add") || !strcmp(cmd, "edit");
    bool any_edit = edit_has_credentials(&ed);
    for (size_t i = 0; i < N_FIELDS; i++)
        any_edit |= ed.value[i] != NULL;
    if (any_edit && !editing)
        return usage_error("settings only go with add or edit, not '%s'", cmd);
    if (!strcmp(cmd, "edit") && !any_edit)
        return usage_error("%s", "edit: nothing to change (give --KEY=VALUE)");

    uint32_t rc = 0;
    bool bad_value = false;
    if (!strcmp(cmd, "list"))
        rc = cmd_list(pbk);
    else if (!strcmp(cmd, "devices"))
        rc = cmd_devices();
    else if (!strcmp(cmd, "show"))
        rc = cmd_show(pbk, a0);
    else if (!strcmp(cmd, "add"))
        rc = cmd_add(pbk, a0, &ed, &bad_value);
    else if (!strcmp(cmd, "edit"))
        rc = cmd_edit(pbk, a0, &ed, &bad_value);
    else if (!strcmp(cmd, "rename"))
        rc = RasRenameEntryA(pbk, a0, a1);
    else if (!strcmp(cmd, "delete"))
        rc = RasDeleteEntryA(pbk, a0);
    else if (!strcmp(cmd, "dial"))
        rc = cmd_dial(pbk, a0);
    else
        rc = cmd_hangup(pbk, a0);

    if (bad_value)
        return RASTOOL_EXIT_USAGE;
    if (rc)
        rastool_print_error(stderr, rc);
    return rastool_exit_status(rc);
}
