/* entry.c: an entry as rasphone reads and writes it: the fields settable
 * with --KEY=VALUE (show prints the same keys, so its output reads back as
 * options), and reading an entry with its alternate numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "raserror.h"

#include "common/alloc.h"
#include "lib/creds.h"
#include "lib/pbk_entry.h"
#include "lib/pbk_store.h"
#include "rasphone.h"
#include "rastool.h"
#include "rastool_parse.h"

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
_Static_assert(N_FIELDS == ENTRY_N_FIELDS, "rasphone.h: ENTRY_N_FIELDS is not the number of fields");

static const char *const type_names[] = { NULL, "phone", "vpn", "direct", "internet", "broadband" };

const char *
entry_field_key(size_t i)
{
    return fields[i].key;
}

bool
entry_edit_has_credentials(const struct edit *ed)
{
    return ed->user || ed->domain || ed->ask_password;
}

bool
entry_edit_is_empty(const struct edit *ed)
{
    for (size_t i = 0; i < N_FIELDS; i++)
        if (ed->value[i])
            return false;
    return !ed->init && !ed->ac && !ed->apn && !ed->ask_pin &&
           !entry_edit_has_credentials(ed);
}

/* The bounds the modem port enforces (src/port/port.h), said up front. */
static bool
init_fits(const char *v)
{
    unsigned count = 0;
    while (*v) {
        size_t n = strcspn(v, "|");
        if (++count > 8 || n < 2 || n > 60 || strncasecmp(v, "AT", 2) != 0)
            return false;
        for (size_t i = 0; i < n; i++)
            if (v[i] < 0x20 || v[i] > 0x7e)
                return false;
        v += n;
        if (*v == '|' && !*++v)
            return false;
    }
    return true;
}

/* One DEVICE-block value written through the phonebook's locked cycle. */
struct device_edit {
    const char *name, *value;
    uint32_t (*set)(struct ini_doc *doc, const char *name, const char *value);
};

static uint32_t
set_device_fn(struct ini_doc *doc, void *ctx)
{
    const struct device_edit *e = ctx;
    return e->set(doc, e->name, e->value);
}

static uint32_t
edit_device(const char *pbk, const struct device_edit *e)
{
    char path[PBK_PATH_MAX];
    uint32_t rc = pbk_path(pbk, path, sizeof(path));
    return rc ? rc : pbk_edit(path, false, 0644, set_device_fn, (void *)e);
}

bool
entry_init_ok(const char *init)
{
    if (init_fits(init))
        return true;
    fprintf(stderr, "rasphone: --init: at most 8 commands of at most 60 characters, "
                    "'|' between them, each starting AT\n");
    return false;
}

uint32_t
entry_set_init(const char *pbk, const char *name, const char *init)
{
    struct device_edit e = { name, init, pbk_entry_set_init_cmds };
    return entry_init_ok(init) ? edit_device(pbk, &e) : ERROR_INVALID_PARAMETER;
}

/* The bounds the modem port enforces on an APN (it goes inside
 * AT+CGDCONT's quotes). */
bool
entry_apn_ok(const char *apn)
{
    size_t n = strlen(apn);
    bool ok = n <= 100;
    for (size_t i = 0; ok && i < n; i++)
        ok = apn[i] > 0x20 && apn[i] < 0x7f && apn[i] != '"';
    if (!ok)
        fprintf(stderr, "rasphone: --apn: at most 100 printable characters, no blank "
                        "or '\"'\n");
    return ok;
}

uint32_t
entry_set_apn(const char *pbk, const char *name, const char *apn)
{
    struct device_edit e = { name, apn, pbk_entry_set_apn };
    return entry_apn_ok(apn) ? edit_device(pbk, &e) : ERROR_INVALID_PARAMETER;
}

static uint32_t
set_ac(struct ini_doc *doc, const char *name, const char *ac)
{
    return pbk_entry_set_device_key(doc, name, PBK_KEY_PPPOE_AC, ac);
}

uint32_t
entry_set_ac(const char *pbk, const char *name, const char *ac)
{
    struct device_edit e = { name, ac, set_ac };
    return edit_device(pbk, &e);
}

/* 4 to 8 digits (3GPP TS 31.101), or "" to clear. */
static bool
pin_ok(const char *pin)
{
    size_t n = strlen(pin);
    if (n && (n < 4 || n > CREDS_PIN_MAX))
        return false;
    return strspn(pin, "0123456789") == n;
}

uint32_t
entry_set_pin(const char *pbk, const char *name)
{
    char path[PBK_PATH_MAX], prompt[RAS_MaxEntryName + 64];
    struct creds c;
    memset(&c, 0, sizeof(c));
    snprintf(prompt, sizeof(prompt), "SIM PIN for %s (empty clears): ", name);
    uint32_t rc = pbk_path(pbk, path, sizeof(path));
    if (rc == 0 && (rastool_read_password(prompt, c.sim_pin, sizeof(c.sim_pin)) != 0 ||
                    !pin_ok(c.sim_pin))) {
        fprintf(stderr, "rasphone: --pin: 4 to 8 digits (or nothing, to clear it)\n");
        rc = ERROR_INVALID_PARAMETER;
    }
    if (rc == 0)
        rc = creds_set(path, name, &c, CREDS_SIM_PIN, c.sim_pin[0] == '\0');
    ras_wipe(&c, sizeof(c));
    return rc;
}

struct init_show {
    const char *name;
    char cmds[8 * 61 + 1];
    char ac[RAS_MaxPhoneNumber + 1];
    char apn[101];
};

static uint32_t
get_init_fn(const struct ini_doc *doc, void *ctx)
{
    struct init_show *s = ctx;
    long sec = ini_find_section(doc, s->name);
    if (sec < 0)
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    uint32_t rc = pbk_entry_init_cmds(doc, (size_t)sec, s->cmds, sizeof(s->cmds));
    if (rc == 0)
        rc = pbk_entry_device_key(doc, (size_t)sec, PBK_KEY_PPPOE_AC, s->ac, sizeof(s->ac));
    return rc ? rc : pbk_entry_apn(doc, (size_t)sec, s->apn, sizeof(s->apn));
}

void
entry_print_init(const char *pbk, const char *name)
{
    char path[PBK_PATH_MAX];
    struct init_show s = { .name = name };
    struct creds c;
    if (pbk_read_entry(pbk, get_init_fn, &s, path, sizeof(path)))
        return;
    for (char *p = s.cmds; *p; p++)
        if (*p == '\n')
            *p = '|';
    if (s.cmds[0])
        printf("init=%s\n", s.cmds);
    if (s.ac[0])
        printf("ac=%s\n", rastool_esc_n(s.ac, sizeof(s.ac)));
    if (s.apn[0])
        printf("apn=%s\n", rastool_esc(s.apn));
    memset(&c, 0, sizeof(c));
    if (creds_get(path, name, &c) == 0 && (c.have & CREDS_SIM_PIN))
        printf("pin=(saved)\n");
    ras_wipe(&c, sizeof(c));
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
        if (rastool_parse_uint(v, &u))
            break;
        memcpy(base + f->off, &u, sizeof(u));
        return 0;
    case F_FLAG:
    case F_NFLAG:
        if (rastool_parse_bool(v, &b))
            break;
        if (b != (f->kind == F_NFLAG))
            e->dwfOptions |= f->flag;
        else
            e->dwfOptions &= ~f->flag;
        return 0;
    case F_IP: {
        RASIPADDR ip = {0};
        if (*v && rastool_parse_ip(v, &ip))
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
        if (!strcasecmp(v, "pppoe")) {
            e->dwType = RASET_Broadband;
            return 0;
        }
        for (DWORD t = 1; t < sizeof(type_names) / sizeof(type_names[0]); t++)
            if (!strcasecmp(v, type_names[t])) {
                e->dwType = t;
                return 0;
            }
        if (rastool_parse_uint(v, &u))
            break;
        e->dwType = u;
        return 0;
    case F_FRAMING:
        if (!strcasecmp(v, "ppp"))
            e->dwFramingProtocol = RASFP_Ppp;
        else if (!strcasecmp(v, "slip"))
            e->dwFramingProtocol = RASFP_Slip;
        else if (rastool_parse_uint(v, &e->dwFramingProtocol))
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
        printf("%s", rastool_esc_n(base + f->off, f->len));
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

/* --type=pppoe is a broadband entry on a PPPoE device, unless the
 * device type is given too. */
static void
pppoe_device_type(RASENTRYA *e, const struct edit *ed)
{
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (!ed->value[i])
            continue;
        if (fields[i].kind == F_STR && fields[i].off == offsetof(RASENTRYA, szDeviceType))
            return;
        if (fields[i].kind == F_TYPE && !strcasecmp(ed->value[i], "pppoe"))
            snprintf(e->szDeviceType, sizeof(e->szDeviceType), "%s", RASDT_PPPoE);
    }
}

int
entry_apply_edit(RASENTRYA *e, const struct edit *ed)
{
    for (size_t i = 0; i < N_FIELDS; i++)
        if (ed->value[i] && apply_field(e, &fields[i], ed->value[i]))
            return -1;
    pppoe_device_type(e, ed);
    return 0;
}

void
entry_print_fields(const RASENTRYA *e)
{
    for (size_t i = 0; i < N_FIELDS; i++)
        print_field(e, &fields[i]);
}

struct entry_ref {
    const char *pbk, *name;
};

static uint32_t
fill_entry(void *ctx, void *buf, DWORD *cb, DWORD *n)
{
    const struct entry_ref *r = ctx;
    (void)n;
    return RasGetEntryPropertiesA(r->pbk, r->name, buf, cb, NULL, NULL);
}

uint32_t
entry_get(const char *pbk, const char *name, RASENTRYA **out, DWORD *out_cb)
{
    struct entry_ref r = { pbk, name };
    void *buf;
    uint32_t rc = rastool_fetch(fill_entry, &r, sizeof(RASENTRYA), &buf, out_cb, NULL);
    if (rc == 0)
        *out = buf;
    return rc;
}
