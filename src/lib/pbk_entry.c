/* RASENTRYA <-> rasphone.pbk keys. The key table is in the order Windows
 * writes a new entry (XP to Windows 10), so a file we create reads like one
 * of theirs; the mapping is ras-api.md section 5. */
#include "lib/pbk_entry.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "raserror.h"

#include "lib/pbk_names.h"

enum kind {
    K_CONST,        /* written on creation only; not a RASENTRY field */
    K_U32,          /* DWORD at off */
    K_OPT,          /* dwfOptions bit */
    K_OPT_NOT,      /* dwfOptions bit, stored inverted */
    K_OPT2,         /* dwfOptions2 bit */
    K_IP,           /* RASIPADDR at off, dotted quad */
    K_STR,          /* CHAR[size] at off */
    K_IP_ASSIGN,    /* 1 server assigns, 2 RASEO_SpecificIpAddr */
    K_NAME_ASSIGN,  /* 1 server assigns, 2 RASEO_SpecificNameServers */
    K_FRAMING,      /* BaseProtocol: 1 PPP, 2 SLIP */
    K_EXCLUDED,     /* ExcludedProtocols: RASNP_* bits not used */
    K_ENCRYPT,      /* DataEncryption: 0, 8, 256, 512 */
    K_AUTH,         /* AuthRestrictions bit field */
    K_GUID,         /* 32 hex digits */
};

struct key {
    const char *name;
    uint8_t kind;
    uint32_t arg;           /* offset, or option bit */
    uint32_t size;          /* K_STR */
    const char *value;      /* K_CONST */
};

#define U32(n, f) { n, K_U32, offsetof(RASENTRYA, f), 0, NULL }
#define IP(n, f) { n, K_IP, offsetof(RASENTRYA, f), 0, NULL }
#define STR(n, f) { n, K_STR, offsetof(RASENTRYA, f), sizeof(((RASENTRYA *)0)->f), NULL }

static const struct key entry_keys[] = {
    { "Encoding", K_CONST, 0, 0, "1" },
    U32("Type", dwType),
    { "AutoLogon", K_CONST, 0, 0, "0" },
    { "Guid", K_GUID, 0, 0, NULL },
    { "BaseProtocol", K_FRAMING, 0, 0, NULL },
    U32("VpnStrategy", dwVpnStrategy),
    { "ExcludedProtocols", K_EXCLUDED, 0, 0, NULL },
    { "LcpExtensions", K_OPT_NOT, RASEO_DisableLcpExtensions, 0, NULL },
    { "DataEncryption", K_ENCRYPT, 0, 0, NULL },
    { "SwCompression", K_OPT, RASEO_SwCompression, 0, NULL },
    U32("DialMode", dwDialMode),
    { "OverridePref", K_CONST, 0, 0, "15" },
    U32("RedialAttempts", dwRedialCount),
    U32("RedialSeconds", dwRedialPause),
    U32("IdleDisconnectSeconds", dwIdleDisconnectSeconds),
    { "RedialOnLinkFailure", K_OPT2, RASEO2_ReconnectIfDropped, 0, NULL },
    U32("CustomAuthKey", dwCustomAuthKey),
    { "AuthRestrictions", K_AUTH, 0, 0, NULL },
    { "IpPrioritizeRemote", K_OPT, RASEO_RemoteDefaultGateway, 0, NULL },
    { "IpHeaderCompression", K_OPT, RASEO_IpHeaderCompression, 0, NULL },
    IP("IpAddress", ipaddr),
    IP("IpDnsAddress", ipaddrDns),
    IP("IpDns2Address", ipaddrDnsAlt),
    IP("IpWinsAddress", ipaddrWins),
    IP("IpWins2Address", ipaddrWinsAlt),
    { "IpAssign", K_IP_ASSIGN, 0, 0, NULL },
    { "IpNameAssign", K_NAME_ASSIGN, 0, 0, NULL },
    U32("IpFrameSize", dwFrameSize),
    STR("IpDnsSuffix", szDnsSuffix),
    { "PreviewPhoneNumber", K_OPT, RASEO_PreviewPhoneNumber, 0, NULL },
    { "ShowMonitorIconInTaskBar", K_OPT, RASEO_ModemLights, 0, NULL },
    { "ShowDialingProgress", K_OPT, RASEO_ShowDialingProgress, 0, NULL },
};

/* In the DEVICE= block, for the first phone number. */
static const struct key number_keys[] = {
    STR("PhoneNumber", szLocalPhoneNumber),
    STR("AreaCode", szAreaCode),
    U32("CountryCode", dwCountryCode),
    U32("CountryID", dwCountryID),
    { "UseDialingRules", K_OPT, RASEO_UseCountryAndAreaCodes, 0, NULL },
    { "Comment", K_CONST, 0, 0, "" },
};

#define NKEYS(t) (sizeof(t) / sizeof((t)[0]))

/* AuthRestrictions bits (MS-RRASM 2.2.2.2.58) and the RASEO_ bit each is. */
static const struct { uint32_t file, opt; } auth_bits[] = {
    { 0x8, RASEO_RequirePAP },     { 0x10, RASEO_RequireSPAP },
    { 0x20, RASEO_RequireCHAP },   { 0x40, RASEO_RequireMsCHAP },
    { 0x80, RASEO_RequireEAP },    { 0x200, RASEO_RequireMsCHAP2 },
    { 0x400, RASEO_RequireW95MSCHAP },
};

static const uint32_t net_protocols = RASNP_Ip | RASNP_Ipv6;

void
pbk_entry_defaults(RASENTRYA *e)
{
    memset(e, 0, sizeof(*e));
    e->dwSize = sizeof(*e);
    /* What a new dial-up entry gets on Windows, less what needs hardware
     * we do not have (ISDN channels) or a UI (preview). */
    e->dwfOptions = RASEO_RemoteDefaultGateway | RASEO_ModemLights | RASEO_SwCompression |
                    RASEO_IpHeaderCompression | RASEO_ShowDialingProgress;
    e->dwfNetProtocols = RASNP_Ip;
    e->dwFramingProtocol = RASFP_Ppp;
    e->dwType = RASET_Phone;
    e->dwDialMode = RASEDM_DialAll;
    e->dwEncryptionType = ET_Optional;
    snprintf(e->szDeviceType, sizeof(e->szDeviceType), "%s", RASDT_Modem);
}

/* ---- reading ---- */

static uint32_t
parse_u32(const char *v, size_t n)
{
    char tmp[16];
    if (n == 0 || n >= sizeof(tmp))
        return 0;
    memcpy(tmp, v, n);
    tmp[n] = '\0';
    char *end;
    unsigned long x = strtoul(tmp, &end, 10);
    return *end ? 0 : (uint32_t)x;
}

static void
parse_ip(const char *v, size_t n, RASIPADDR *ip)
{
    char tmp[INET_ADDRSTRLEN];
    struct in_addr a;
    memset(ip, 0, sizeof(*ip));
    if (n == 0 || n >= sizeof(tmp))
        return;
    memcpy(tmp, v, n);
    tmp[n] = '\0';
    if (inet_pton(AF_INET, tmp, &a) == 1)
        memcpy(ip, &a, sizeof(*ip));
}

static void
parse_guid(const char *v, size_t n, GUID *g)
{
    uint8_t raw[16];
    if (n != 32)
        return;
    for (size_t i = 0; i < 16; i++) {
        int hi = pbk_hexval(v[2 * i]), lo = pbk_hexval(v[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return;
        raw[i] = (uint8_t)(hi << 4 | lo);
    }
    memcpy(g, raw, sizeof(raw) < sizeof(*g) ? sizeof(raw) : sizeof(*g));
}

/* How many of the n bytes of v fit in a field of cap bytes (with its NUL)
 * without splitting a UTF-8 character: a value cut mid-character could
 * not be written back. */
static size_t
utf8_fit(const char *v, size_t n, size_t cap)
{
    if (n < cap)
        return n;
    n = cap - 1;
    while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
        n--;
    return n;
}

/* Is value what a field of cap bytes holds of cur? Then cur is the same
 * value, only longer than RASENTRY can carry, and is left alone. */
static bool
same_after_fit(const char *cur, const char *value, size_t cap)
{
    size_t n = strlen(cur), fit = utf8_fit(cur, n, cap);
    return strlen(value) == fit && strncmp(cur, value, fit) == 0;
}

static uint32_t *
u32_at(RASENTRYA *e, uint32_t off)
{
    return (uint32_t *)((char *)e + off);
}

static void
set_opt(uint32_t *word, uint32_t bit, bool on)
{
    *word = on ? *word | bit : *word & ~bit;
}

static void
read_key(const struct key *k, const char *v, size_t n, RASENTRYA *e)
{
    uint32_t x = parse_u32(v, n);
    switch ((enum kind)k->kind) {
    case K_CONST:
        break;
    case K_U32:
        *u32_at(e, k->arg) = x;
        break;
    case K_OPT:
        set_opt(&e->dwfOptions, k->arg, x != 0);
        break;
    case K_OPT_NOT:
        set_opt(&e->dwfOptions, k->arg, x == 0);
        break;
    case K_OPT2:
        set_opt(&e->dwfOptions2, k->arg, x != 0);
        break;
    case K_IP:
        parse_ip(v, n, (RASIPADDR *)((char *)e + k->arg));
        break;
    case K_STR: {
        char *dst = (char *)e + k->arg;
        size_t len = utf8_fit(v, n, k->size);
        memcpy(dst, v, len);
        dst[len] = '\0';
        break;
    }
    case K_IP_ASSIGN:
        set_opt(&e->dwfOptions, RASEO_SpecificIpAddr, x == 2);
        break;
    case K_NAME_ASSIGN:
        set_opt(&e->dwfOptions, RASEO_SpecificNameServers, x == 2);
        break;
    case K_FRAMING:
        e->dwFramingProtocol = x == 2 ? RASFP_Slip : RASFP_Ppp;
        break;
    case K_EXCLUDED:
        e->dwfNetProtocols = net_protocols & ~x;
        break;
    case K_ENCRYPT:
        e->dwEncryptionType = x >= 512 ? ET_RequireMax : x >= 256 ? ET_Require
                              : x ? ET_Optional : ET_None;
        set_opt(&e->dwfOptions, RASEO_RequireDataEncryption, x >= 256);
        break;
    case K_AUTH:
        for (size_t i = 0; i < NKEYS(auth_bits); i++)
            set_opt(&e->dwfOptions, auth_bits[i].opt, (x & auth_bits[i].file) != 0);
        break;
    case K_GUID:
        parse_guid(v, n, &e->guidId);
        break;
    }
}

/* Reads every key of the table found in [from, to); the first of a
 * repeated key wins (later PhoneNumber= lines are alternates). */
static void
read_block(const struct ini_doc *doc, size_t from, size_t to, const struct key *keys,
           size_t nkeys, RASENTRYA *e)
{
    for (size_t k = 0; k < nkeys; k++) {
        long i = ini_find_key(doc, from, to, keys[k].name);
        if (i >= 0) {
            size_t n;
            const char *v = ini_line_value(doc, (size_t)i, &n);
            read_key(&keys[k], v, n, e);
        }
    }
}

/* Subsection markers are the upper-case keys: "DEVICE=modem" opens a
 * block, while "Device=" inside a MEDIA block is a plain key. Windows tells
 * them apart by case, so we must too. */
static bool
is_marker_key(const struct ini_doc *doc, size_t i, const char *marker)
{
    const struct ini_line *l = &doc->lines[i];
    size_t n = strlen(marker);
    return l->kind == INI_KEY && l->key_len == n && memcmp(l->text, marker, n) == 0;
}

static bool
is_marker(const struct ini_doc *doc, size_t i)
{
    return is_marker_key(doc, i, "MEDIA") || is_marker_key(doc, i, "DEVICE") ||
           is_marker_key(doc, i, "NETCOMPONENTS");
}

/* The lines [*from, *to) of the block that begins at the marker line with
 * key (its first occurrence in the section), or false if there is none.
 * *from is the marker line itself. */
static bool
find_block(const struct ini_doc *doc, size_t sec, const char *key, size_t *from, size_t *to)
{
    size_t begin = doc->secs[sec].line + 1, end = doc->secs[sec].end, i = begin;
    while (i < end && !is_marker_key(doc, i, key))
        i++;
    if (i == end)
        return false;
    size_t m = i++;
    while (i < end && !is_marker(doc, i))
        i++;
    *from = m;
    *to = i;
    return true;
}

static size_t
entry_block_end(const struct ini_doc *doc, size_t sec)
{
    size_t i = doc->secs[sec].line + 1, end = doc->secs[sec].end;
    while (i < end && !is_marker(doc, i))
        i++;
    return i;
}

static void
copy_value(const struct ini_doc *doc, size_t line, char *dst, size_t cap)
{
    size_t n;
    const char *v = ini_line_value(doc, line, &n);
    n = utf8_fit(v, n, cap);
    memcpy(dst, v, n);
    dst[n] = '\0';
}

void
pbk_entry_read(const struct ini_doc *doc, size_t sec, RASENTRYA *e)
{
    size_t from, to;
    memset(e, 0, sizeof(*e));
    e->dwSize = sizeof(*e);
    e->dwFramingProtocol = RASFP_Ppp;
    e->dwfNetProtocols = net_protocols;
    e->dwType = RASET_Phone;
    read_block(doc, doc->secs[sec].line + 1, entry_block_end(doc, sec), entry_keys,
               NKEYS(entry_keys), e);
    if (find_block(doc, sec, "MEDIA", &from, &to)) {
        long dev = ini_find_key(doc, from + 1, to, "Device");
        if (dev < 0)
            dev = ini_find_key(doc, from + 1, to, "Port");
        if (dev >= 0)
            copy_value(doc, (size_t)dev, e->szDeviceName, sizeof(e->szDeviceName));
    }
    if (find_block(doc, sec, "DEVICE", &from, &to)) {
        copy_value(doc, from, e->szDeviceType, sizeof(e->szDeviceType));
        read_block(doc, from + 1, to, number_keys, NKEYS(number_keys), e);
    }
}

void
pbk_entry_line(const struct ini_doc *doc, size_t sec, uint32_t *bps, uint32_t *hw_flow)
{
    size_t from, to, n;
    *bps = 0;
    *hw_flow = 0;
    if (find_block(doc, sec, "MEDIA", &from, &to)) {
        long i = ini_find_key(doc, from + 1, to, "ConnectBPS");
        if (i >= 0) {
            const char *v = ini_line_value(doc, (size_t)i, &n);
            *bps = parse_u32(v, n);
        }
    }
    if (find_block(doc, sec, "DEVICE", &from, &to)) {
        long i = ini_find_key(doc, from + 1, to, "HwFlowControl");
        if (i >= 0) {
            const char *v = ini_line_value(doc, (size_t)i, &n);
            *hw_flow = parse_u32(v, n) ? 1 : 2;
        }
    }
}

/* A value OpenRAS keeps in the DEVICE block: no control character, and
 * none of the bytes in also_bad. */
static bool
device_value_ok(const char *v, size_t n, const char *also_bad)
{
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)v[k] < 0x20 || v[k] == 0x7f || (v[k] && strchr(also_bad, v[k])))
            return false;
    return true;
}

/* DEVICE's key into out, each '|' as sep (0: kept); "" when absent. */
static uint32_t
device_value(const struct ini_doc *doc, size_t sec, const char *key, const char *also_bad,
             char sep, char *out, size_t cap)
{
    size_t from, to, n;
    out[0] = 0;
    if (!find_block(doc, sec, "DEVICE", &from, &to))
        return 0;
    long i = ini_find_key(doc, from + 1, to, key);
    if (i < 0)
        return 0;
    const char *v = ini_line_value(doc, (size_t)i, &n);
    if (n >= cap || !device_value_ok(v, n, also_bad))
        return ERROR_INVALID_PARAMETER;
    for (size_t k = 0; k < n; k++)
        out[k] = sep && v[k] == '|' ? sep : v[k];
    out[n] = 0;
    return 0;
}

/* Sets (value "" removes) DEVICE's key, right under DEVICE= where an
 * administrator reading the file looks. */
static uint32_t
set_device_value(struct ini_doc *doc, const char *name, const char *key, const char *value,
                 const char *also_bad)
{
    static __thread char text[INI_MAX_LINE + 1];
    size_t from, to, n = strlen(value);
    long sec = ini_find_section(doc, name);
    if (sec < 0)
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    if (!find_block(doc, (size_t)sec, "DEVICE", &from, &to))
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    if (!ini_text_ok(value, n) || snprintf(text, sizeof(text), "%s=%s", key, value) >=
                                      (int)sizeof(text))
        return ERROR_INVALID_PARAMETER;
    if (!device_value_ok(value, n, also_bad))
        return ERROR_INVALID_PARAMETER;
    long i = ini_find_key(doc, from + 1, to, key);
    if (i >= 0 && !n) {
        ini_delete(doc, (size_t)i, (size_t)i + 1);
        return 0;
    }
    if (i >= 0)
        return ini_replace(doc, (size_t)i, text);
    return n ? ini_insert(doc, from + 1, text) : 0;
}

uint32_t
pbk_entry_init_cmds(const struct ini_doc *doc, size_t sec, char *out, size_t cap)
{
    return device_value(doc, sec, "InitCommands", "", '\n', out, cap);
}

uint32_t
pbk_entry_set_init_cmds(struct ini_doc *doc, const char *name, const char *cmds)
{
    return set_device_value(doc, name, "InitCommands", cmds, "");
}

uint32_t
pbk_entry_apn(const struct ini_doc *doc, size_t sec, char *out, size_t cap)
{
    return device_value(doc, sec, "Apn", "\"", 0, out, cap);
}

uint32_t
pbk_entry_set_apn(struct ini_doc *doc, const char *name, const char *apn)
{
    return set_device_value(doc, name, "Apn", apn, "\"");
}

uint32_t
pbk_entry_device_key(const struct ini_doc *doc, size_t sec, const char *key, char *out,
                     size_t cap)
{
    return device_value(doc, sec, key, "", 0, out, cap);
}

uint32_t
pbk_entry_set_device_key(struct ini_doc *doc, const char *name, const char *key,
                         const char *value)
{
    return set_device_value(doc, name, key, value, "");
}

size_t
pbk_entry_alternates(const struct ini_doc *doc, size_t sec, char *out, size_t cap)
{
    size_t from, to, need = 0;
    if (!find_block(doc, sec, "DEVICE", &from, &to))
        return 0;
    long first = ini_find_key(doc, from + 1, to, "PhoneNumber");
    if (first < 0)
        return 0;
    for (size_t i = (size_t)first + 1; i < to; i++) {
        size_t n;
        if (!ini_line_is_key(doc, i, "PhoneNumber"))
            continue;
        const char *v = ini_line_value(doc, i, &n);
        n = utf8_fit(v, n, RAS_MaxPhoneNumber + 1);
        if (n == 0)
            continue;       /* an empty string would end the list */
        if (need + n + 1 <= cap)
            memcpy(out + need, v, n), out[need + n] = '\0';
        need += n + 1;
    }
    if (need == 0)
        return 0;
    if (need + 1 <= cap)
        out[need] = '\0';
    return need + 1;
}

/* ---- writing ---- */

static void
format_ip(const RASIPADDR *ip, char *out, size_t cap)
{
    snprintf(out, cap, "%u.%u.%u.%u", ip->a, ip->b, ip->c, ip->d);
}

static uint32_t
auth_value(const RASENTRYA *e)
{
    uint32_t x = 0;
    for (size_t i = 0; i < NKEYS(auth_bits); i++)
        if (e->dwfOptions & auth_bits[i].opt)
            x |= auth_bits[i].file;
    return x;
}

static uint32_t
encrypt_value(const RASENTRYA *e)
{
    switch (e->dwEncryptionType) {
    case ET_RequireMax: return 512;
    case ET_Require: return 256;
    case ET_Optional: return 8;
    default: return (e->dwfOptions & RASEO_RequireDataEncryption) ? 256 : 0;
    }
}

static void
format_guid(const GUID *g, char *out, size_t cap)
{
    const uint8_t *raw = (const uint8_t *)g;
    size_t n = 0;
    for (size_t i = 0; i < sizeof(*g) && n + 3 <= cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "%02X", raw[i]);
}

/* The value a key takes for entry e; old is the value in the file now
 * (NULL if absent), for the parts of a field RASENTRY does not carry. */
static void
format_key(const struct key *k, const RASENTRYA *e, const char *old, char *out, size_t cap)
{
    const char *base = (const char *)e;
    uint32_t x = 0;
    switch ((enum kind)k->kind) {
    case K_CONST:
        snprintf(out, cap, "%s", old ? old : k->value);
        return;
    case K_IP:
        format_ip((const RASIPADDR *)(base + k->arg), out, cap);
        return;
    case K_STR:
        snprintf(out, cap, "%s", base + k->arg);
        return;
    case K_GUID:
        format_guid(&e->guidId, out, cap);
        return;
    case K_U32: x = *(const uint32_t *)(base + k->arg); break;
    case K_OPT: x = (e->dwfOptions & k->arg) != 0; break;
    case K_OPT_NOT: x = (e->dwfOptions & k->arg) == 0; break;
    case K_OPT2: x = (e->dwfOptions2 & k->arg) != 0; break;
    case K_IP_ASSIGN: x = (e->dwfOptions & RASEO_SpecificIpAddr) ? 2 : 1; break;
    case K_NAME_ASSIGN: x = (e->dwfOptions & RASEO_SpecificNameServers) ? 2 : 1; break;
    case K_FRAMING: x = e->dwFramingProtocol == RASFP_Slip ? 2 : 1; break;
    case K_EXCLUDED: {
        /* protocols RASENTRY cannot name keep whatever the file said */
        uint32_t prev = old ? (uint32_t)strtoul(old, NULL, 10) : 0;
        x = (prev & ~net_protocols) | (net_protocols & ~e->dwfNetProtocols);
        break;
    }
    case K_ENCRYPT: x = encrypt_value(e); break;
    case K_AUTH: {
        uint32_t prev = old ? (uint32_t)strtoul(old, NULL, 10) : 0, known = 0;
        for (size_t i = 0; i < NKEYS(auth_bits); i++)
            known |= auth_bits[i].file;
        x = (prev & ~known) | auth_value(e);
        break;
    }
    }
    snprintf(out, cap, "%u", x);
}

#define LINE_MAX_OUT (INI_MAX_LINE + 1)

/* Sets key=value on its first line in [from, *to), or inserts it at *to
 * (before the blank lines that close the block); *to tracks the block's
 * end as lines go in. Lines whose value is already right are not touched. */
static uint32_t
put_key(struct ini_doc *doc, size_t from, size_t *to, const struct key *k, const RASENTRYA *e,
        bool create)
{
    static __thread char line[LINE_MAX_OUT], old[LINE_MAX_OUT];
    long i = ini_find_key(doc, from, *to, k->name);
    char value[LINE_MAX_OUT - 64];
    if (i >= 0)
        copy_value(doc, (size_t)i, old, sizeof(old));
    if (k->kind == K_CONST && (i >= 0 || !create))
        return 0;
    format_key(k, e, i >= 0 ? old : NULL, value, sizeof(value));
    if (i >= 0 && (k->kind == K_STR ? same_after_fit(old, value, k->size)
                                    : strcmp(old, value) == 0))
        return 0;
    snprintf(line, sizeof(line), "%s=%s", k->name, value);
    if (i >= 0)
        return ini_replace(doc, (size_t)i, line);
    size_t at = *to;
    while (at > from && doc->lines[at - 1].kind == INI_BLANK)
        at--;
    uint32_t rc = ini_insert(doc, at, line);
    if (rc == 0)
        (*to)++;
    return rc;
}

/* A key absent from an existing entry is added only when the entry says
 * something other than what its absence means. */
static bool
absent_means_same(const struct key *k, const RASENTRYA *e)
{
    RASENTRYA blank;
    char a[LINE_MAX_OUT - 64], b[LINE_MAX_OUT - 64];
    memset(&blank, 0, sizeof(blank));
    blank.dwFramingProtocol = RASFP_Ppp;
    blank.dwfNetProtocols = net_protocols;
    blank.dwType = RASET_Phone;
    format_key(k, e, NULL, a, sizeof(a));
    format_key(k, &blank, NULL, b, sizeof(b));
    return strcmp(a, b) == 0;
}

static uint32_t
put_block(struct ini_doc *doc, size_t from, size_t *to, const struct key *keys, size_t nkeys,
          const RASENTRYA *e, bool create)
{
    for (size_t k = 0; k < nkeys; k++) {
        if (!create && ini_find_key(doc, from, *to, keys[k].name) < 0 &&
            absent_means_same(&keys[k], e))
            continue;
        uint32_t rc = put_key(doc, from, to, &keys[k], e, create);
        if (rc)
            return rc;
    }
    return 0;
}

static const char *
media_for(const char *device_type)
{
    if (!strcasecmp(device_type, RASDT_Modem) || !strcasecmp(device_type, RASDT_Serial) ||
        !strcasecmp(device_type, RASDT_Isdn))
        return "serial";
    return "rastapi";
}

static uint32_t
insert_fmt(struct ini_doc *doc, size_t *at, const char *key, const char *value)
{
    static __thread char line[LINE_MAX_OUT];
    snprintf(line, sizeof(line), "%s%s%s", key, key[0] ? "=" : "", value);
    uint32_t rc = ini_insert(doc, *at, line);
    if (rc == 0)
        (*at)++;
    return rc;
}

/* A new section at the end of the file, in Windows' layout. */
static uint32_t
create_section(struct ini_doc *doc, const char *name, const RASENTRYA *e)
{
    static __thread char hdr[RAS_MaxEntryName + 3];
    size_t at = doc->n;
    uint32_t rc;
    if (at > 0 && doc->lines[at - 1].kind != INI_BLANK && (rc = insert_fmt(doc, &at, "", "")))
        return rc;
    snprintf(hdr, sizeof(hdr), "[%s]", name);
    if ((rc = insert_fmt(doc, &at, "", hdr)) != 0)
        return rc;
    size_t from = at;
    if ((rc = put_block(doc, from, &at, entry_keys, NKEYS(entry_keys), e, true)) != 0)
        return rc;
    if ((rc = insert_fmt(doc, &at, "", "")) || (rc = insert_fmt(doc, &at, "MEDIA",
        media_for(e->szDeviceType))) || (rc = insert_fmt(doc, &at, "Port", e->szDeviceName)) ||
        (rc = insert_fmt(doc, &at, "Device", e->szDeviceName)) ||
        (rc = insert_fmt(doc, &at, "ConnectBPS", "115200")) ||
        (rc = insert_fmt(doc, &at, "", "")) ||
        (rc = insert_fmt(doc, &at, "DEVICE", e->szDeviceType)))
        return rc;
    from = at;
    if ((rc = put_block(doc, from, &at, number_keys, NKEYS(number_keys), e, true)) != 0)
        return rc;
    if ((rc = insert_fmt(doc, &at, "HwFlowControl", "1")) != 0)
        return rc;
    return insert_fmt(doc, &at, "", "");
}

/* Sets an existing line's value; field is the size of the RASENTRY field
 * the value came from, so a longer value it could only carry cut is kept. */
static uint32_t
put_value_line(struct ini_doc *doc, size_t line, const char *key, const char *value,
               size_t field)
{
    static __thread char cur[LINE_MAX_OUT], text[LINE_MAX_OUT];
    copy_value(doc, line, cur, sizeof(cur));
    if (same_after_fit(cur, value, field))
        return 0;
    snprintf(text, sizeof(text), "%s=%s", key, value);
    return ini_replace(doc, line, text);
}

static uint32_t
update_media(struct ini_doc *doc, size_t sec, const RASENTRYA *e)
{
    size_t from, to, at;
    uint32_t rc;
    if (!find_block(doc, sec, "MEDIA", &from, &to)) {
        at = entry_block_end(doc, sec);
        while (at > doc->secs[sec].line + 1 && doc->lines[at - 1].kind == INI_BLANK)
            at--;
        if ((rc = insert_fmt(doc, &at, "", "")) ||
            (rc = insert_fmt(doc, &at, "MEDIA", media_for(e->szDeviceType))))
            return rc;
        return insert_fmt(doc, &at, "Device", e->szDeviceName);
    }
    long dev = ini_find_key(doc, from + 1, to, "Device");
    long port = ini_find_key(doc, from + 1, to, "Port");
    if (dev < 0 && port < 0) {
        at = from + 1;
        return insert_fmt(doc, &at, "Device", e->szDeviceName);
    }
    /* Port= names a COM port and Device= the modem on it; when both are
     * there the device name is Device=, and Port= is left as it was. */
    if (dev >= 0)
        return put_value_line(doc, (size_t)dev, "Device", e->szDeviceName,
                              sizeof(e->szDeviceName));
    return put_value_line(doc, (size_t)port, "Port", e->szDeviceName, sizeof(e->szDeviceName));
}

/* Makes the alternate PhoneNumber= lines of the DEVICE block say alts:
 * existing lines are rewritten in place (so an unchanged list changes
 * nothing), extra ones removed, missing ones added after the last. */
static uint32_t
put_alternates(struct ini_doc *doc, size_t from, size_t *to, const char *alts)
{
    long first = ini_find_key(doc, from + 1, *to, "PhoneNumber");
    const char *a = alts;
    uint32_t rc;
    if (first < 0)
        return 0;
    size_t at = (size_t)first + 1;
    while (at < *to && doc->lines[at].kind == INI_KEY && !ini_line_is_key(doc, at, "PhoneNumber"))
        at++;
    for (size_t i = (size_t)first + 1; i < *to;) {
        if (!ini_line_is_key(doc, i, "PhoneNumber")) {
            i++;
            continue;
        }
        if (*a) {
            if ((rc = put_value_line(doc, i, "PhoneNumber", a, RAS_MaxPhoneNumber + 1)) != 0)
                return rc;
            a += strlen(a) + 1;
            at = ++i;
            while (at < *to && doc->lines[at].kind == INI_KEY &&
                   !ini_line_is_key(doc, at, "PhoneNumber"))
                at++;
        } else {
            ini_delete(doc, i, i + 1);
            (*to)--;
        }
    }
    for (; *a; a += strlen(a) + 1) {
        if ((rc = insert_fmt(doc, &at, "PhoneNumber", a)) != 0)
            return rc;
        (*to)++;
    }
    return 0;
}

static uint32_t
update_device(struct ini_doc *doc, size_t sec, const RASENTRYA *e, const char *alts)
{
    size_t from, to;
    uint32_t rc;
    if (!find_block(doc, sec, "DEVICE", &from, &to)) {
        size_t at = doc->secs[sec].end;
        while (at > doc->secs[sec].line + 1 && doc->lines[at - 1].kind == INI_BLANK)
            at--;
        if ((rc = insert_fmt(doc, &at, "", "")) ||
            (rc = insert_fmt(doc, &at, "DEVICE", e->szDeviceType)))
            return rc;
        from = at - 1;
        to = at;
    } else if ((rc = put_value_line(doc, from, "DEVICE", e->szDeviceType,
                                    sizeof(e->szDeviceType))) != 0) {
        return rc;
    }
    if ((rc = put_block(doc, from + 1, &to, number_keys, 1, e, true)) != 0 ||
        (rc = put_block(doc, from + 1, &to, number_keys + 1, NKEYS(number_keys) - 1, e, false)))
        return rc;
    return alts ? put_alternates(doc, from, &to, alts) : 0;
}

uint32_t
pbk_entry_write(struct ini_doc *doc, const char *name, const RASENTRYA *e, const char *alts)
{
    long sec = ini_find_section(doc, name);
    uint32_t rc;
    if (sec < 0) {
        if ((rc = create_section(doc, name, e)) != 0)
            return rc;
        if (!alts || !*alts)
            return 0;
        sec = ini_find_section(doc, name);
        size_t from, to;
        if (sec < 0 || !find_block(doc, (size_t)sec, "DEVICE", &from, &to))
            return ERROR_CANNOT_WRITE_PHONEBOOK;
        return put_alternates(doc, from, &to, alts);
    }
    size_t to = entry_block_end(doc, (size_t)sec);
    if ((rc = put_block(doc, doc->secs[sec].line + 1, &to, entry_keys, NKEYS(entry_keys), e,
                        false)) != 0)
        return rc;
    if ((rc = update_media(doc, (size_t)sec, e)) != 0)
        return rc;
    return update_device(doc, (size_t)sec, e, alts);
}

bool
pbk_entry_block(const struct ini_doc *doc, size_t sec, const char *marker, size_t *from,
                size_t *to)
{
    return find_block(doc, sec, marker, from, to);
}
