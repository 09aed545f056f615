/* import_model.c: the entry an import fills, its notes, and the one place
 * that decides what an AT command a dialer sent means to OpenRAS (shared
 * by the chat-script and wvdial readers). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "raserror.h"

#include "common/alloc.h"
#include "import.h"

struct imp_entry *
imp_entry_new(void)
{
    struct imp_entry *e = ras_calloc(1, sizeof(*e));
    if (e)
        e->hw_flow = e->default_route = e->vj = e->ccp = -1;
    return e;
}

void
imp_entry_free(struct imp_entry *e)
{
    /* the password and the PIN were in it */
    ras_free_secret(e);
}

void
imp_note(struct imp_entry *e, const char *path, unsigned line, const char *fmt, ...)
{
    va_list ap;
    if (e->n_notes == IMP_MAX_NOTES) {
        e->notes_dropped++;
        return;
    }
    char *n = e->notes[e->n_notes++];
    int k = snprintf(n, IMP_NOTE_LEN, "%s:%u: ", path, line);
    if (k < 0 || k >= IMP_NOTE_LEN)
        return;
    va_start(ap, fmt);
    vsnprintf(n + k, IMP_NOTE_LEN - (size_t)k, fmt, ap);
    va_end(ap);
}

uint32_t
imp_malformed(char *detail, size_t cap, const char *path, unsigned line, const char *fmt, ...)
{
    va_list ap;
    int k = snprintf(detail, cap, "%s:%u: ", path, line);
    if (k >= 0 && (size_t)k < cap) {
        va_start(ap, fmt);
        vsnprintf(detail + k, cap - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return ERROR_INVALID_PARAMETER;
}

bool
imp_set(char *field, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    memcpy(field, s, n);
    field[n] = '\0';
    return true;
}

bool
imp_set_apn(struct imp_entry *e, const char *s, size_t n)
{
    /* what AT+CGDCONT can carry in its quoted string, as the modem port
     * checks it: printable ASCII without blank or quote */
    for (size_t i = 0; i < n; i++)
        if (s[i] <= 0x20 || s[i] > 0x7e || s[i] == '"')
            return false;
    return n && imp_set(e->apn, sizeof(e->apn), s, n);
}

/* The n-th (0-based) comma-separated field of an AT+X=a,b,c argument list,
 * without its quotes. */
static bool
at_field(const char *args, unsigned nth, const char **out, size_t *len)
{
    const char *p = args;
    for (unsigned i = 0; i < nth; i++) {
        bool quoted = false;
        for (; *p && (quoted || *p != ','); p++)
            if (*p == '"')
                quoted = !quoted;
        if (*p != ',')
            return false;
        p++;
    }
    while (*p == ' ')
        p++;
    size_t n = strcspn(p, ",");
    if (*p == '"') {
        p++;
        n = strcspn(p, "\"");
        if (p[n] != '"')
            return false;
    }
    *out = p;
    *len = n;
    return true;
}

static void
at_dial(struct imp_entry *e, const char *cmd, const char *path, unsigned line)
{
    const char *num = cmd + 3;
    if (toupper((unsigned char)*num) == 'P') {
        imp_note(e, path, line, "'%s': pulse dialling not mapped (the modem port dials ATDT)",
                 cmd);
        num++;
    } else if (toupper((unsigned char)*num) == 'T') {
        num++;
    }
    size_t n = strlen(num);
    while (n && (num[n - 1] == ';' || num[n - 1] == ' '))
        n--;
    if (e->number[0])
        imp_note(e, path, line, "'%s': a second number; the first (%s) is kept", cmd, e->number);
    else if (!n || !imp_set(e->number, sizeof(e->number), num, n))
        imp_note(e, path, line, "'%s': no number OpenRAS can dial", cmd);
}

/* What the modem port sends as it is (tools/rasphone/entry.c checks the
 * same for --init): printable ASCII. */
static bool
printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return false;
    return true;
}

static void
at_init(struct imp_entry *e, const char *cmd, const char *path, unsigned line)
{
    size_t n = strlen(cmd);
    if (strncasecmp(cmd, "AT", 2) != 0)
        imp_note(e, path, line, "'%s': not an AT command; not mapped", cmd);
    else if (e->n_init == IMP_MAX_INIT)
        imp_note(e, path, line, "'%s': more than %d init commands; not mapped", cmd,
                 IMP_MAX_INIT);
    else if (n > IMP_INIT_LEN || !printable(cmd) || strchr(cmd, '|') ||
             !imp_set(e->init[e->n_init], IMP_INIT_LEN + 1, cmd, n))
        imp_note(e, path, line, "'%s': an init command is at most %d printable characters "
                 "without '|'; not mapped", cmd, IMP_INIT_LEN);
    else
        e->n_init++;
}

void
imp_at_command(struct imp_entry *e, const char *cmd, const char *path, unsigned line)
{
    const char *arg;
    size_t n;
    if (!strncasecmp(cmd, "ATD", 3) && cmd[3]) {
        at_dial(e, cmd, path, line);
    } else if (!strncasecmp(cmd, "AT+CGDCONT=", 11)) {
        /* 3GPP TS 27.007 10.1.1: +CGDCONT=<cid>,<PDP_type>,<APN>,... */
        if (!at_field(cmd + 11, 2, &arg, &n) || !imp_set_apn(e, arg, n))
            imp_note(e, path, line, "'%s': no APN the modem port can send in it; not mapped",
                     cmd);
    } else if (!strncasecmp(cmd, "AT+CPIN=", 8)) {
        if (!at_field(cmd + 8, 0, &arg, &n) || !n ||
            !imp_set(e->pin, sizeof(e->pin), arg, n))
            imp_note(e, path, line, "AT+CPIN=: no PIN in it; not mapped");
    } else if (!strcasecmp(cmd, "ATZ") || !strcasecmp(cmd, "AT") || !strcasecmp(cmd, "ATZ0")) {
        /* the modem port resets the modem itself before the extra commands */
    } else {
        at_init(e, cmd, path, line);
    }
}
