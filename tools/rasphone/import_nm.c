/* import_nm.c: a NetworkManager connection keyfile of type gsm
 * (nm-settings-keyfile(5), nm-settings(5)) as rasphone import reads it:
 * [connection] id names the entry, [gsm] gives APN, number, user name and
 * the secrets NetworkManager keeps in the file itself. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "raserror.h"

#include "common/alloc.h"
#include "import.h"

#define VALUE_MAX 512

enum group { G_OTHER, G_CONNECTION, G_GSM, G_SERIAL, G_PPP, G_IPV4, G_IPV6, G_META };

struct keyfile {
    const char *path;
    enum group group;
    char type[32];
    unsigned type_line;
    bool password_elsewhere, pin_elsewhere, has_number;
    unsigned password_line, pin_line;
};

static enum group
group_named(const char *s, size_t n)
{
    static const struct { const char *name; enum group g; } groups[] = {
        { "connection", G_CONNECTION }, { "gsm", G_GSM }, { "serial", G_SERIAL },
        { "ppp", G_PPP }, { "ipv4", G_IPV4 }, { "ipv6", G_IPV6 },
        /* what NetworkManager keeps for itself */
        { "proxy", G_META }, { "ethtool", G_META }, { "user", G_META },
    };
    for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
        if (strlen(groups[i].name) == n && !strncmp(s, groups[i].name, n))
            return groups[i].g;
    return G_OTHER;
}

/* GKeyFile's escapes: \s \n \t \r \\ (a control character is refused
 * later, by the field it goes to). False when it does not fit. */
static bool
unescape(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < n) {
            c = s[++i];
            c = c == 's' ? ' ' : c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
        }
        if (k + 1 >= cap)
            return false;
        out[k++] = c;
    }
    out[k] = '\0';
    return true;
}

static bool
is_true(const char *v)
{
    return !strcmp(v, "true") || !strcmp(v, "1");
}

static void
set_or_note(struct imp_entry *e, const struct keyfile *k, unsigned line, const char *key,
            char *field, size_t cap, const char *v)
{
    if (!imp_set(field, cap, v, strlen(v)))
        imp_note(e, k->path, line, "%s: too long or not printable; not mapped", key);
}

static bool
u32_of(const char *v, uint32_t *out)
{
    uint32_t u = 0;
    if (!*v || strlen(v) > 9)
        return false;
    for (; *v; v++) {
        if (*v < '0' || *v > '9')
            return false;
        u = u * 10 + (uint32_t)(*v - '0');
    }
    *out = u;
    return true;
}

static bool
gsm_key(struct imp_entry *e, struct keyfile *k, unsigned line, const char *key, const char *v)
{
    uint32_t u = 0;
    if (!strcmp(key, "apn")) {
        if (!imp_set_apn(e, v, strlen(v)))
            imp_note(e, k->path, line, "apn: not an APN the modem port can send; not mapped");
    } else if (!strcmp(key, "number")) {
        set_or_note(e, k, line, key, e->number, sizeof(e->number), v);
        k->has_number = true;
    } else if (!strcmp(key, "username"))
        set_or_note(e, k, line, key, e->user, sizeof(e->user), v);
    else if (!strcmp(key, "password"))
        set_or_note(e, k, line, key, e->password, sizeof(e->password), v);
    else if (!strcmp(key, "pin"))
        set_or_note(e, k, line, key, e->pin, sizeof(e->pin), v);
    else if (!strcmp(key, "password-flags")) {
        /* NMSettingSecretFlags: 0 kept in this file; else by an agent or never */
        k->password_elsewhere = !u32_of(v, &u) || u != 0;
        k->password_line = line;
    } else if (!strcmp(key, "pin-flags")) {
        k->pin_elsewhere = !u32_of(v, &u) || u != 0;
        k->pin_line = line;
    } else
        return false;
    return true;
}

static bool
other_key(struct imp_entry *e, struct keyfile *k, unsigned line, const char *key, const char *v)
{
    uint32_t u;
    switch (k->group) {
    case G_CONNECTION:
        if (!strcmp(key, "id"))
            set_or_note(e, k, line, key, e->name, sizeof(e->name), v);
        else if (!strcmp(key, "type")) {
            snprintf(k->type, sizeof(k->type), "%s", v);
            k->type_line = line;
        } else if (!strcmp(key, "interface-name") && !strncmp(v, "tty", 3))
            set_or_note(e, k, line, key, e->device, sizeof(e->device), v);
        else
            return !strcmp(key, "uuid") || !strcmp(key, "timestamp");
        return true;
    case G_GSM:
        return gsm_key(e, k, line, key, v);
    case G_SERIAL:
    case G_PPP:
        if (!strcmp(key, "baud") && u32_of(v, &u) && u)
            e->bps = u;
        else if (k->group == G_PPP && !strcmp(key, "crtscts"))
            e->hw_flow = is_true(v);
        else if (k->group == G_PPP && !strcmp(key, "no-vj-comp"))
            e->vj = !is_true(v);
        else
            return k->group == G_PPP && (!strcmp(key, "nobsdcomp") || !strcmp(key, "nodeflate"));
        return true;
    case G_IPV4:
        if (!strcmp(key, "never-default"))
            e->default_route = !is_true(v);
        else
            return !strcmp(key, "method") && !strcmp(v, "auto");
        return true;
    case G_IPV6:
        return !strcmp(key, "method") && (!strcmp(v, "ignore") || !strcmp(v, "disabled"));
    case G_META:
        return true;
    case G_OTHER:
        break;
    }
    return false;
}

static uint32_t
key_line(struct imp_entry *e, struct keyfile *k, const char *s, size_t n, unsigned line,
         char *detail, size_t cap)
{
    char key[64], v[VALUE_MAX];
    const char *eq = memchr(s, '=', n);
    if (!eq)
        return imp_malformed(detail, cap, k->path, line, "neither [group] nor key=value");
    size_t kn = (size_t)(eq - s);
    while (kn && (s[kn - 1] == ' ' || s[kn - 1] == '\t'))
        kn--;
    const char *vs = eq + 1, *end = s + n;
    while (vs < end && (*vs == ' ' || *vs == '\t'))
        vs++;
    if (!kn || kn >= sizeof(key))
        return imp_malformed(detail, cap, k->path, line, "a key name empty or too long");
    memcpy(key, s, kn);
    key[kn] = '\0';
    if (!unescape(vs, (size_t)(end - vs), v, sizeof(v))) {
        imp_note(e, k->path, line, "%s: a value too long; not mapped", key);
        return 0;
    }
    if (!other_key(e, k, line, key, v))
        imp_note(e, k->path, line, "%s=%.40s: not mapped", key, v);
    ras_wipe(v, sizeof(v));  /* password= and pin= pass through it */
    return 0;
}

static uint32_t
one_line(struct imp_entry *e, struct keyfile *k, const char *s, size_t n, unsigned line,
         char *detail, size_t cap)
{
    while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    if (memchr(s, '\0', n))
        return imp_malformed(detail, cap, k->path, line, "a NUL byte");
    if (!n || *s == '#')
        return 0;
    if (*s == '[') {
        if (s[n - 1] != ']' || n < 3)
            return imp_malformed(detail, cap, k->path, line, "a group header without ']'");
        k->group = group_named(s + 1, n - 2);
        if (k->group == G_OTHER)
            imp_note(e, k->path, line, "[%.*s]: not mapped", (int)(n > 40 ? 38 : n - 2), s + 1);
        return 0;
    }
    if (k->group == G_OTHER && !memchr(s, '=', n))
        return imp_malformed(detail, cap, k->path, line, "neither [group] nor key=value");
    if (k->group == G_OTHER)
        return 0;  /* the group was noted as a whole */
    return key_line(e, k, s, n, line, detail, cap);
}

/* What is known only at the end: the type, the secrets kept elsewhere. */
static uint32_t
finish(struct imp_entry *e, struct keyfile *k, char *detail, size_t cap)
{
    if (strcmp(k->type, "gsm") != 0)
        return imp_malformed(detail, cap, k->path, k->type_line ? k->type_line : 1,
                             "type=%s: only gsm connections import", k->type);
    if (k->password_elsewhere) {
        e->password[0] = '\0';
        imp_note(e, k->path, k->password_line, "password-flags: NetworkManager keeps the "
                 "password elsewhere (an agent, or not saved); not imported");
    }
    if (k->pin_elsewhere) {
        e->pin[0] = '\0';
        imp_note(e, k->path, k->pin_line, "pin-flags: NetworkManager keeps the PIN "
                 "elsewhere; not imported");
    }
    if (!k->has_number) {
        /* ModemManager dials *99# for a gsm connection without a number */
        snprintf(e->number, sizeof(e->number), "*99#");
    }
    if (!e->device[0])
        imp_note(e, k->path, 1, "no AT port named: give the module's with rasphone edit "
                 "--device (ModemManager finds it itself)");
    return 0;
}

uint32_t
imp_nm_read(struct imp_entry *e, const char *path, const char *text, size_t len,
            char *detail, size_t cap)
{
    struct keyfile k = { .path = path, .group = G_OTHER };
    const char *p = text, *end = text + len;
    unsigned line = 1;
    bool any_group = false;
    uint32_t rc;
    /* NetworkManager adds a default route over the modem unless told not */
    e->default_route = 1;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *s = p;
        while (s < eol && (*s == ' ' || *s == '\t'))
            s++;
        if (s < eol && *s != '#' && *s != '[' && *s != '\r' && !any_group)
            return imp_malformed(detail, cap, path, line, "a key before any [group]");
        any_group |= s < eol && *s == '[';
        if ((rc = one_line(e, &k, p, (size_t)(eol - p), line, detail, cap)) != 0)
            return rc;
        p = eol + (eol < end);
        line++;
    }
    return finish(e, &k, detail, cap);
}
