/* import_wvdial.c: wvdial.conf (wvdial.conf(5)) as rasphone import reads
 * it: each [Dialer NAME] over [Dialer Defaults] and what it Inherits, the
 * later section's value winning, then mapped as wvdial would dial it. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "raserror.h"

#include "common/alloc.h"
#include "import.h"

#define MAX_SECTIONS 64
#define MAX_DEPTH 8
#define DEFAULTS "Dialer Defaults"

struct span {
    const char *s;
    size_t n;
};

struct section {
    struct span name;
    const char *body, *end;   /* the lines after the header */
    unsigned line;            /* of the first body line */
};

struct conf {
    const char *path;
    struct section sec[MAX_SECTIONS];
    size_t nsec;
};

enum key {
    K_MODEM, K_BAUD, K_INIT, K_INIT1, K_INIT9 = K_INIT1 + 8, K_PHONE, K_AREA, K_PREFIX,
    K_DIALCMD, K_USER, K_PASSWORD, K_STUPID, K_CARRIER, K_AUTODNS, K_IDLE, K_ATTEMPTS,
    K_INHERITS, K_N
};

static const char *const key_names[K_N] = {
    [K_MODEM] = "Modem", [K_BAUD] = "Baud", [K_INIT] = "Init",
    [K_INIT1] = "Init1", [K_INIT1 + 1] = "Init2", [K_INIT1 + 2] = "Init3",
    [K_INIT1 + 3] = "Init4", [K_INIT1 + 4] = "Init5", [K_INIT1 + 5] = "Init6",
    [K_INIT1 + 6] = "Init7", [K_INIT1 + 7] = "Init8", [K_INIT9] = "Init9",
    [K_PHONE] = "Phone", [K_AREA] = "Area Code", [K_PREFIX] = "Dial Prefix",
    [K_DIALCMD] = "Dial Command", [K_USER] = "Username", [K_PASSWORD] = "Password",
    [K_STUPID] = "Stupid Mode", [K_CARRIER] = "Carrier Check", [K_AUTODNS] = "Auto DNS",
    [K_IDLE] = "Idle Seconds", [K_ATTEMPTS] = "Dial Attempts", [K_INHERITS] = "Inherits",
};

/* Keys that change nothing for OpenRAS (what they say is its way too). */
static const char *const same_keys[] = {
    "New PPPD", "Modem Type", "ISDN", "Ask Password", "Abort on Busy",
    "Abort on No Dialtone", "Check Def Route", "Check DNS", "PPPD Path",
};

/* A dialer's settings as they stand after inheritance: values point into
 * the text. */
struct dialer {
    struct span v[K_N];
    unsigned line[K_N];
};

static struct span
trim(const char *s, const char *e)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    return (struct span){ s, (size_t)(e - s) };
}

static bool
span_is(struct span a, const char *s)
{
    return strlen(s) == a.n && !strncasecmp(a.s, s, a.n);
}

/* One line [p, eol): blank, comment, [section] or key = value. */
static uint32_t
scan_line(struct conf *c, const char *p, const char *eol, unsigned line, char *detail,
          size_t cap)
{
    struct span t = trim(p, eol);
    if (!t.n || t.s[0] == ';' || t.s[0] == '#')
        return 0;
    if (memchr(t.s, '\0', t.n))
        return imp_malformed(detail, cap, c->path, line, "a NUL byte");
    if (t.s[0] == '[') {
        if (t.s[t.n - 1] != ']' || t.n < 3)
            return imp_malformed(detail, cap, c->path, line, "a section header without ']'");
        if (c->nsec == MAX_SECTIONS)
            return imp_malformed(detail, cap, c->path, line, "more than %d sections",
                                 MAX_SECTIONS);
        struct section *s = &c->sec[c->nsec++];
        s->name = trim(t.s + 1, t.s + t.n - 1);
        s->body = s->end = NULL;  /* scan() sets them: they start on the next line */
        s->line = line + 1;
        return 0;
    }
    if (!memchr(t.s, '=', t.n))
        return imp_malformed(detail, cap, c->path, line, "neither [section] nor KEY = VALUE");
    if (!c->nsec)
        return imp_malformed(detail, cap, c->path, line, "a setting before any [section]");
    return 0;
}

static uint32_t
scan(struct conf *c, const char *text, size_t len, char *detail, size_t cap)
{
    const char *p = text, *end = text + len;
    unsigned line = 1;
    uint32_t rc;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        size_t had = c->nsec;
        if ((rc = scan_line(c, p, eol, line, detail, cap)) != 0)
            return rc;
        p = eol + (eol < end);
        if (c->nsec > had)
            c->sec[c->nsec - 1].body = p;
        if (c->nsec)
            c->sec[c->nsec - 1].end = c->nsec > had ? p : eol;
        line++;
    }
    return 0;
}

static long
find_section(const struct conf *c, struct span name)
{
    for (size_t i = 0; i < c->nsec; i++)
        if (c->sec[i].name.n == name.n && !strncasecmp(c->sec[i].name.s, name.s, name.n))
            return (long)i;
    return -1;
}

static long
find_dialer(const struct conf *c, struct span name)
{
    char full[RAS_MaxEntryName + 8];
    long i = find_section(c, name);
    if (i >= 0 || name.n > RAS_MaxEntryName)
        return i;
    int k = snprintf(full, sizeof(full), "Dialer %.*s", (int)name.n, name.s);
    return find_section(c, (struct span){ full, (size_t)k });
}

static bool
is_same_key(struct span k)
{
    for (size_t i = 0; i < sizeof(same_keys) / sizeof(same_keys[0]); i++)
        if (span_is(k, same_keys[i]))
            return true;
    return false;
}

/* Lays a section's settings over d; unknown keys are noted. */
static void
overlay(const struct conf *c, const struct section *s, struct dialer *d, struct imp_entry *e)
{
    const char *p = s->body;
    unsigned line = s->line;
    while (p < s->end) {
        const char *eol = memchr(p, '\n', (size_t)(s->end - p));
        if (!eol)
            eol = s->end;
        struct span t = trim(p, eol);
        const char *eq = t.n ? memchr(t.s, '=', t.n) : NULL;
        if (eq && t.s[0] != ';' && t.s[0] != '#') {
            struct span k = trim(t.s, eq), v = trim(eq + 1, t.s + t.n);
            size_t i = 0;
            while (i < K_N && !span_is(k, key_names[i]))
                i++;
            if (i < K_N) {
                d->v[i] = v;
                d->line[i] = line;
            } else if (!is_same_key(k)) {
                imp_note(e, c->path, line, "%.*s: not mapped", (int)(k.n > 60 ? 60 : k.n),
                         k.s);
            }
        }
        p = eol + (eol < s->end);
        line++;
    }
}

/* The value of the section's Inherits=, if any (the last one counts). */
static bool
inherits(const struct section *s, struct span *out, unsigned *out_line)
{
    bool found = false;
    unsigned line = s->line;
    for (const char *p = s->body; p < s->end; line++) {
        const char *eol = memchr(p, '\n', (size_t)(s->end - p));
        if (!eol)
            eol = s->end;
        struct span t = trim(p, eol);
        const char *eq = t.n ? memchr(t.s, '=', t.n) : NULL;
        if (eq && span_is(trim(t.s, eq), "Inherits")) {
            *out = trim(eq + 1, t.s + t.n);
            *out_line = line;
            found = out->n > 0;
        }
        p = eol + (eol < s->end);
    }
    return found;
}

static bool
in_chain(const size_t *chain, size_t n, size_t sec)
{
    for (size_t i = 0; i < n; i++)
        if (chain[i] == sec)
            return true;
    return false;
}

/* The sections a dialer is made of, from the one that counts least
 * (Defaults) to the section itself. */
static uint32_t
make_chain(const struct conf *c, size_t sec, size_t *out, size_t *n, char *detail, size_t cap)
{
    size_t rev[MAX_DEPTH + 1], k = 0, cur = sec;
    struct span inh;
    unsigned line;
    for (;;) {
        if (in_chain(rev, k, cur))
            return imp_malformed(detail, cap, c->path, c->sec[cur].line - 1,
                                 "Inherits goes round in a loop");
        if (k == MAX_DEPTH)
            return imp_malformed(detail, cap, c->path, c->sec[cur].line - 1,
                                 "Inherits more than %d deep", MAX_DEPTH);
        rev[k++] = cur;
        if (!inherits(&c->sec[cur], &inh, &line))
            break;
        long next = find_dialer(c, inh);
        if (next < 0)
            return imp_malformed(detail, cap, c->path, line, "Inherits names no section");
        cur = (size_t)next;
    }
    long def = find_section(c, (struct span){ DEFAULTS, strlen(DEFAULTS) });
    if (def >= 0 && !in_chain(rev, k, (size_t)def))
        rev[k++] = (size_t)def;
    for (size_t i = 0; i < k; i++)
        out[i] = rev[k - 1 - i];
    *n = k;
    return 0;
}

/* wvdial's yes/no: 1 yes, 0 no, -1 neither. */
static int
yes_no(struct span v)
{
    static const char *const yes[] = { "1", "yes", "on", "true" }, *const no[] = { "0", "no",
                                                                                   "off", "false" };
    for (size_t i = 0; i < 4; i++) {
        if (span_is(v, yes[i]))
            return 1;
        if (span_is(v, no[i]))
            return 0;
    }
    return -1;
}

static bool
span_u32(struct span v, uint32_t *out)
{
    uint32_t u = 0;
    if (!v.n || v.n > 9)
        return false;
    for (size_t i = 0; i < v.n; i++) {
        if (v.s[i] < '0' || v.s[i] > '9')
            return false;
        u = u * 10 + (uint32_t)(v.s[i] - '0');
    }
    *out = u;
    return true;
}

static void
map_inits(const char *path, const struct dialer *d, struct imp_entry *e)
{
    char cmd[IMP_INIT_LEN * 4];
    for (int i = K_INIT1; i <= K_INIT9; i++) {
        int k = (i == K_INIT1 && !d->v[K_INIT1].s) ? K_INIT : i;
        struct span v = d->v[k];
        if (!v.n)
            continue;
        if (v.n >= sizeof(cmd))
            imp_note(e, path, d->line[k], "%s: too long; not mapped", key_names[k]);
        else if (snprintf(cmd, sizeof(cmd), "%.*s", (int)v.n, v.s) > 0)
            imp_at_command(e, cmd, path, d->line[k]);
    }
    ras_wipe(cmd, sizeof(cmd));  /* an AT+CPIN= carries the PIN */
    if (d->v[K_INIT].s && d->v[K_INIT1].s)
        imp_note(e, path, d->line[K_INIT], "Init: Init1 is given too and is the one used");
}

static void
map_number(const char *path, const struct dialer *d, struct imp_entry *e, unsigned sec_line)
{
    char num[RAS_MaxPhoneNumber * 2];
    struct span cmd = d->v[K_DIALCMD];
    if (cmd.s && !span_is(cmd, "ATDT") && !span_is(cmd, "ATD"))
        imp_note(e, path, d->line[K_DIALCMD], "Dial Command %.*s: the modem port dials ATDT; "
                 "not mapped", (int)(cmd.n > 40 ? 40 : cmd.n), cmd.s);
    if (!d->v[K_PHONE].n) {
        imp_note(e, path, sec_line, "no Phone: the entry has no number");
        return;
    }
    /* wvdial dials Dial Prefix, Area Code and Phone run together */
    int n = snprintf(num, sizeof(num), "%.*s%.*s%.*s",
                     (int)d->v[K_PREFIX].n, d->v[K_PREFIX].s ? d->v[K_PREFIX].s : "",
                     (int)d->v[K_AREA].n, d->v[K_AREA].s ? d->v[K_AREA].s : "",
                     (int)d->v[K_PHONE].n, d->v[K_PHONE].s);
    if (n < 0 || !imp_set(e->number, sizeof(e->number), num, (size_t)n))
        imp_note(e, path, d->line[K_PHONE], "Phone: not a number OpenRAS can dial");
}

static void
map_flag_note(const char *path, const struct dialer *d, struct imp_entry *e, int k,
              const char *why_off)
{
    int yn = d->v[k].s ? yes_no(d->v[k]) : 1;
    if (yn != 1)
        imp_note(e, path, d->line[k], "%s %.*s: not mapped: %s", key_names[k],
                 (int)(d->v[k].n > 20 ? 20 : d->v[k].n), d->v[k].s, why_off);
}

static void
map_text(const char *path, const struct dialer *d, struct imp_entry *e, int k, char *field,
         size_t cap)
{
    if (d->v[k].n && !imp_set(field, cap, d->v[k].s, d->v[k].n))
        imp_note(e, path, d->line[k], "%s: too long; not mapped", key_names[k]);
}

static void
map_dialer(const char *path, const struct dialer *d, struct imp_entry *e, unsigned sec_line)
{
    uint32_t u;
    struct span m = d->v[K_MODEM];
    if (m.n > 5 && !strncmp(m.s, "/dev/", 5) && !memchr(m.s + 5, '/', m.n - 5))
        imp_set(e->device, sizeof(e->device), m.s + 5, m.n - 5);
    if (!e->device[0])
        imp_note(e, path, m.s ? d->line[K_MODEM] : sec_line, "Modem %.*s: not a serial port "
                 "(/dev/ttyNAME); give one with rasphone edit --device",
                 (int)(m.n > 60 ? 60 : m.n), m.s ? m.s : "");
    if (d->v[K_BAUD].s && (!span_u32(d->v[K_BAUD], &u) || !u))
        imp_note(e, path, d->line[K_BAUD], "Baud: not a number; not mapped");
    else if (d->v[K_BAUD].s)
        e->bps = u;
    map_inits(path, d, e);
    map_number(path, d, e, sec_line);
    map_text(path, d, e, K_USER, e->user, sizeof(e->user));
    map_text(path, d, e, K_PASSWORD, e->password, sizeof(e->password));
    map_flag_note(path, d, e, K_STUPID, "wvdial would answer a login prompt; OpenRAS starts "
                  "PPP at CONNECT, as in Stupid Mode");
    map_flag_note(path, d, e, K_CARRIER, "the modem port always watches carrier");
    map_flag_note(path, d, e, K_AUTODNS, "the server's DNS servers are used unless --dns");
    if (d->v[K_IDLE].s && span_u32(d->v[K_IDLE], &u)) {
        e->idle = u;
        e->has_idle = true;
    }
    if (d->v[K_ATTEMPTS].s && span_u32(d->v[K_ATTEMPTS], &u) && u) {
        e->redial_count = u - 1;  /* wvdial counts the first attempt */
        e->has_redial_count = true;
    } else if (d->v[K_ATTEMPTS].s) {
        imp_note(e, path, d->line[K_ATTEMPTS], "Dial Attempts: only a count from 1 maps");
    }
    /* wvdial runs pppd with defaultroute */
    e->default_route = 1;
}

/* Entry i of the file: section sec as a dialer. */
static uint32_t
read_dialer(const struct conf *c, size_t sec, struct imp_entry *e, char *detail, size_t cap)
{
    size_t order[MAX_DEPTH + 1], n = 0;
    struct dialer d;
    uint32_t rc = make_chain(c, sec, order, &n, detail, cap);
    if (rc)
        return rc;
    memset(&d, 0, sizeof(d));
    for (size_t i = 0; i < n; i++)
        overlay(c, &c->sec[order[i]], &d, e);
    struct span name = c->sec[sec].name;
    if (span_is(name, DEFAULTS))
        snprintf(e->name, sizeof(e->name), "wvdial");
    else if (!imp_set(e->name, sizeof(e->name), name.s + 7, name.n - 7))
        return imp_malformed(detail, cap, c->path, c->sec[sec].line - 1,
                             "the section name is no entry name");
    map_dialer(c->path, &d, e, c->sec[sec].line - 1);
    return 0;
}

static bool
is_dialer(const struct section *s)
{
    return s->name.n > 7 && !strncasecmp(s->name.s, "Dialer ", 7);
}

/* The sections to import: the one asked for, or every dialer (Defaults
 * only when it is the only one). */
static size_t
pick(const struct conf *c, const char *section, size_t *out, size_t max)
{
    size_t k = 0;
    if (section) {
        long i = find_dialer(c, (struct span){ section, strlen(section) });
        if (i >= 0 && is_dialer(&c->sec[i]))
            out[k++] = (size_t)i;
        return k;
    }
    for (size_t i = 0; i < c->nsec && k < max; i++)
        if (is_dialer(&c->sec[i]) && !span_is(c->sec[i].name, DEFAULTS))
            out[k++] = i;
    long def = find_section(c, (struct span){ DEFAULTS, strlen(DEFAULTS) });
    if (!k && def >= 0)
        out[k++] = (size_t)def;
    return k;
}

uint32_t
imp_wvdial_read(struct imp_entry **out, size_t *n, size_t max, const char *path,
                const char *text, size_t len, const char *section, char *detail, size_t cap)
{
    struct conf *c = ras_calloc(1, sizeof(*c));
    size_t which[IMP_MAX_ENTRIES], k = 0, made = 0;
    uint32_t rc = ERROR_NOT_ENOUGH_MEMORY;
    if (!c)
        goto out;
    c->path = path;
    if ((rc = scan(c, text, len, detail, cap)) != 0)
        goto out;
    k = pick(c, section, which, max < IMP_MAX_ENTRIES ? max : IMP_MAX_ENTRIES);
    if (!k) {
        if (section)
            rc = imp_malformed(detail, cap, path, 1, "no [Dialer %s] section", section);
        else
            rc = imp_malformed(detail, cap, path, 1, "no [Dialer ...] section");
        goto out;
    }
    for (made = 0; made < k; made++) {
        if (!(out[made] = imp_entry_new())) {
            rc = ERROR_NOT_ENOUGH_MEMORY;
            goto out;
        }
        if ((rc = read_dialer(c, which[made], out[made], detail, cap)) != 0) {
            made++;
            goto out;
        }
    }
    *n = made;
    rc = 0;
out:
    if (rc)
        for (size_t i = 0; i < made; i++) {
            imp_entry_free(out[i]);
            out[i] = NULL;
        }
    ras_free(c);
    return rc;
}
