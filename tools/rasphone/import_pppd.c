/* import_pppd.c: a pppd options file (/etc/ppp/peers/NAME, pppd(8)) as
 * rasphone import reads it. Options that OpenRAS does as pppd would with
 * them are mapped; those that mean its default are taken silently; every
 * other option is noted with its line. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "raserror.h"

#include "common/alloc.h"
#include "import.h"

#define WORD_MAX 1024

enum act {
    A_SAME,        /* what OpenRAS does anyway */
    A_NOTE,        /* not mapped: why */
    A_CONNECT, A_USER, A_PASSWORD,
    A_DEFROUTE_ON, A_DEFROUTE_OFF, A_CRTSCTS_ON, A_CRTSCTS_OFF,
    A_NOVJ, A_NOCCP, A_IDLE, A_MAXFAIL, A_HOLDOFF,
};

struct opt {
    const char *name;
    int nargs;
    enum act act;
    const char *why;   /* A_NOTE */
};

static const struct opt opts[] = {
    { "connect", 1, A_CONNECT, NULL },
    { "user", 1, A_USER, NULL },
    { "password", 1, A_PASSWORD, NULL },
    { "defaultroute", 0, A_DEFROUTE_ON, NULL },
    { "nodefaultroute", 0, A_DEFROUTE_OFF, NULL },
    { "crtscts", 0, A_CRTSCTS_ON, NULL },
    { "nocrtscts", 0, A_CRTSCTS_OFF, NULL },
    { "novj", 0, A_NOVJ, NULL },
    { "noccp", 0, A_NOCCP, NULL },
    { "idle", 1, A_IDLE, NULL },
    { "maxfail", 1, A_MAXFAIL, NULL },
    { "holdoff", 1, A_HOLDOFF, NULL },
    /* a client never asks the server to authenticate itself */
    { "noauth", 0, A_SAME, NULL },
    /* the server's DNS servers are used unless the entry names its own */
    { "usepeerdns", 0, A_SAME, NULL },
    /* rasmand locks the serial port itself */
    { "lock", 0, A_SAME, NULL },
    { "modem", 0, A_SAME, NULL },
    { "noipdefault", 0, A_SAME, NULL },
    { "ipcp-accept-local", 0, A_SAME, NULL },
    { "ipcp-accept-remote", 0, A_SAME, NULL },
    { "hide-password", 0, A_SAME, NULL },
    { "nobsdcomp", 0, A_SAME, NULL },
    { "nodeflate", 0, A_SAME, NULL },
    { "persist", 0, A_NOTE, "redial when the link drops is the caller's (rasdial) choice" },
    { "demand", 0, A_NOTE, "dial on demand is not offered" },
    { "local", 0, A_NOTE, "modem control lines are always used" },
    { "nolock", 0, A_NOTE, "the serial port is always locked" },
    { "auth", 0, A_NOTE, "a client does not make the server authenticate itself" },
    { "disconnect", 1, A_NOTE, "the modem port hangs up itself (DTR, then +++ and ATH)" },
    { "init", 1, A_NOTE, "no init script is run" },
    { "welcome", 1, A_NOTE, "no welcome script is run" },
    { "name", 1, A_NOTE, "the local name is the user name" },
    { "remotename", 1, A_NOTE, "the peer's name is not checked" },
    { "mtu", 1, A_NOTE, "the MTU is negotiated" },
    { "mru", 1, A_NOTE, "the MRU is negotiated" },
    { "asyncmap", 1, A_NOTE, "the async map is negotiated" },
    { "lcp-echo-interval", 1, A_NOTE, "the engine's own echo timing applies" },
    { "lcp-echo-failure", 1, A_NOTE, "the engine's own echo timing applies" },
    { "replacedefaultroute", 0, A_NOTE, "use default-gateway" },
    { "xonxoff", 0, A_NOTE, "software flow control is not offered" },
    { "cdtrcts", 0, A_NOTE, "only RTS/CTS flow control is offered" },
    { "noipv6", 0, A_NOTE, "IPv6 is not negotiated anyway" },
    { "+ipv6", 0, A_NOTE, "IPv6 is not offered" },
    { "debug", 0, A_NOTE, "rasmand logs" },
    { "kdebug", 1, A_NOTE, "rasmand logs" },
    { "logfile", 1, A_NOTE, "rasmand logs" },
    { "dump", 0, A_NOTE, "rasmand logs" },
    { "nodetach", 0, A_NOTE, "rasmand runs the link" },
    { "updetach", 0, A_NOTE, "rasmand runs the link" },
    { "ipparam", 1, A_NOTE, "no ip-up scripts are run" },
    { "linkname", 1, A_NOTE, "the entry name names the link" },
    { "unit", 1, A_NOTE, "the interface is named by rasmand" },
    { "file", 1, A_NOTE, "options from other files are not read" },
    { "call", 1, A_NOTE, "options from other files are not read" },
    { "maxconnect", 1, A_NOTE, "no time limit is offered" },
    { "connect-delay", 1, A_NOTE, "not offered" },
    { "ms-dns", 1, A_NOTE, "a server option" },
    { "refuse-pap", 0, A_NOTE, "the authentication protocols are the entry's" },
    { "refuse-chap", 0, A_NOTE, "the authentication protocols are the entry's" },
    { "refuse-mschap", 0, A_NOTE, "the authentication protocols are the entry's" },
    { "refuse-mschap-v2", 0, A_NOTE, "the authentication protocols are the entry's" },
    { "refuse-eap", 0, A_NOTE, "the authentication protocols are the entry's" },
    { "require-pap", 0, A_NOTE, "a server option" },
    { "require-chap", 0, A_NOTE, "a server option" },
    { "novjccomp", 0, A_NOTE, "VJ compression is on or off as a whole (novj)" },
    { "nopcomp", 0, A_NOTE, "field compression is negotiated" },
    { "noaccomp", 0, A_NOTE, "field compression is negotiated" },
    { "nomagic", 0, A_NOTE, "the magic number is always used" },
    { "silent", 0, A_NOTE, "a server option" },
    { "passive", 0, A_NOTE, "a server option" },
};

static const struct opt *
opt_named(const char *w)
{
    for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
        if (!strcmp(w, opts[i].name))
            return &opts[i];
    return NULL;
}

static bool
is_number(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

static bool
read_u32(const char *s, uint32_t *out)
{
    if (!is_number(s) || strlen(s) > 9)
        return false;
    *out = (uint32_t)strtoul(s, NULL, 10);
    return true;
}

/* A word that is no option: the device or the speed (pppd(8): "ttyname",
 * "speed"); else noted. */
static void
bare_word(struct imp_entry *e, const char *w, const char *path, unsigned line)
{
    uint32_t u;
    const char *tty = !strncmp(w, "/dev/", 5) ? w + 5 : w;
    if (read_u32(w, &u) && u) {
        e->bps = u;
    } else if (tty != w || !strncmp(w, "tty", 3)) {
        if (!*tty || strchr(tty, '/') || !imp_set(e->device, sizeof(e->device), tty,
                                                   strlen(tty)))
            imp_note(e, path, line, "'%s': not a serial port name OpenRAS uses (ttyNAME); "
                     "not mapped", w);
    } else if (strchr(w, ':') && isdigit((unsigned char)*w)) {
        imp_note(e, path, line, "'%s': fixed addresses are not mapped (use --ip)", w);
    } else {
        imp_note(e, path, line, "'%s': unknown pppd option; not mapped", w);
    }
}

static void
number_opt(struct imp_entry *e, const struct opt *o, const char *arg, const char *path,
           unsigned line)
{
    uint32_t u;
    if (!read_u32(arg, &u)) {
        imp_note(e, path, line, "%s %s: not a number; not mapped", o->name, arg);
        return;
    }
    if (o->act == A_IDLE) {
        e->idle = u;
        e->has_idle = true;
    } else if (o->act == A_MAXFAIL && !u) {
        imp_note(e, path, line, "maxfail 0: redialling for ever is not offered; not mapped");
    } else if (o->act == A_MAXFAIL) {
        e->redial_count = u;
        e->has_redial_count = true;
    } else {
        e->redial_pause = u;
        e->has_redial_pause = true;
    }
}

static uint32_t
apply(struct imp_entry *e, const struct opt *o, const char *arg, const char *path,
      unsigned line, char *detail, size_t cap)
{
    switch (o->act) {
    case A_SAME: break;
    case A_NOTE:
        imp_note(e, path, line, "%s%s%s: not mapped: %s", o->name, o->nargs ? " " : "",
                 o->nargs ? arg : "", o->why);
        break;
    case A_CONNECT:
        return imp_chat_command(e, path, line, arg, detail, cap);
    case A_USER:
        if (!imp_set(e->user, sizeof(e->user), arg, strlen(arg)))
            imp_note(e, path, line, "user: too long; not mapped");
        break;
    case A_PASSWORD:
        if (!imp_set(e->password, sizeof(e->password), arg, strlen(arg)))
            imp_note(e, path, line, "password: too long; not mapped");
        break;
    case A_DEFROUTE_ON: e->default_route = 1; break;
    case A_DEFROUTE_OFF: e->default_route = 0; break;
    case A_CRTSCTS_ON: e->hw_flow = 1; break;
    case A_CRTSCTS_OFF: e->hw_flow = 0; break;
    case A_NOVJ: e->vj = 0; break;
    case A_NOCCP: e->ccp = 0; break;
    case A_IDLE: case A_MAXFAIL: case A_HOLDOFF:
        number_opt(e, o, arg, path, line);
        break;
    }
    return 0;
}

uint32_t
imp_pppd_read(struct imp_entry *e, const char *path, const char *text, size_t len,
              char *detail, size_t cap)
{
    char word[WORD_MAX], arg[WORD_MAX];
    struct imp_words w;
    unsigned line, aline;
    uint32_t rc = 0;
    /* pppd adds no default route unless told */
    e->default_route = 0;
    imp_words_init(&w, text, len, true);
    while (imp_words_next(&w, word, sizeof(word), &line)) {
        const struct opt *o = opt_named(word);
        if (!o) {
            bare_word(e, word, path, line);
            continue;
        }
        arg[0] = '\0';
        if (o->nargs && !imp_words_next(&w, arg, sizeof(arg), &aline)) {
            if (!w.error)
                rc = imp_malformed(detail, cap, path, line, "%s without its value", o->name);
            break;
        }
        if ((rc = apply(e, o, arg, path, line, detail, cap)) != 0)
            break;
    }
    if (w.error)
        rc = imp_malformed(detail, cap, path, w.line, "%s", w.error);
    /* a password option's value was in them */
    ras_wipe(word, sizeof(word));
    ras_wipe(arg, sizeof(arg));
    return rc;
}
