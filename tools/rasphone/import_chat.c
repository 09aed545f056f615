/* import_chat.c: a chat(8) script as rasphone import reads it: the AT
 * commands sent before dialling become the entry's init commands (or its
 * APN and PIN), ATD<number> its number; ABORT strings the modem port
 * already knows are mapped, everything else is noted. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "raserror.h"

#include "common/alloc.h"
#include "import.h"

#define WORD_MAX 512

struct chat {
    struct imp_entry *e;
    const char *path;
    unsigned fixed_line;  /* inline in a pppd file: every note at its line */
};

static unsigned
at_line(const struct chat *c, unsigned line)
{
    return c->fixed_line ? c->fixed_line : line;
}

/* Result codes the modem port reads as failures (src/port/at.c). */
static bool
port_knows(const char *s)
{
    static const char *const known[] = { "BUSY", "NO CARRIER", "NO DIALTONE", "NO DIAL TONE",
                                         "NO ANSWER", "ERROR" };
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (!strcasecmp(s, known[i]))
            return true;
    return false;
}

/* chat(8)'s escapes in a send string, to the text the modem gets. Returns
 * NULL when it is the text, else why it cannot be mapped. */
static const char *
unescape(const struct chat *c, const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = in; *p; p++) {
        const char *add = NULL;
        char one[2] = { *p, 0 };
        if (*p == '^' && p[1])
            return "a control character (^X)";
        if (*p != '\\') {
            add = one;
        } else {
            switch (*++p) {
            case 'c': case 'd': case 'p': case 'K': case 'q': case 'r': case 'n':
                continue;  /* no CR, delays, break, quiet, line ends */
            case 's': add = " "; break;
            case 'T':
                if (!c->e->chat_phone[0])
                    return "\\T without chat -T";
                add = c->e->chat_phone;
                break;
            case 'U': return "\\U (chat -U's second number)";
            case 'N': return "a NUL byte (\\N)";
            case '\0': return "a lone backslash";
            default:
                if (*p >= '0' && *p <= '7')
                    return "an octal escape";
                if (*p == 't')
                    return "a tab (\\t)";
                one[0] = *p;
                add = one;
            }
        }
        size_t k = strlen(add);
        if (n + k >= cap)
            return "too long";
        memcpy(out + n, add, k);
        n += k;
    }
    out[n] = '\0';
    return NULL;
}

static void
chat_send(struct chat *c, const char *expect, const char *send, unsigned line)
{
    char text[WORD_MAX] = "";
    struct imp_entry *e = c->e;
    const char *why = unescape(c, send, text, sizeof(text));
    line = at_line(c, line);
    if (why) {
        imp_note(e, c->path, line, "send '%s': %s; not mapped", send, why);
    } else if (!text[0]) {
        /* nothing sent: an expect alone */
    } else if (e->dialled) {
        imp_note(e, c->path, line, "'%s' then '%s': a dialogue after dialling (a login "
                 "script); not mapped: OpenRAS starts PPP at CONNECT", expect, text);
    } else if (strncasecmp(text, "AT", 2) != 0) {
        imp_note(e, c->path, line, "send '%s': not an AT command; not mapped", text);
    } else {
        imp_at_command(e, text, c->path, line);
        if (!strncasecmp(text, "ATD", 3) && text[3])
            e->dialled = true;
    }
    ras_wipe(text, sizeof(text));  /* AT+CPIN= carries the PIN */
}

/* A keyword and its argument (chat(8) KEYWORDS). */
static void
chat_keyword(struct chat *c, const char *kw, const char *arg, unsigned line)
{
    line = at_line(c, line);
    if (!strcmp(kw, "ABORT") && port_knows(arg))
        return;  /* the modem port ends the dial on it already */
    if (!strcmp(kw, "ABORT"))
        imp_note(c->e, c->path, line, "ABORT '%s': the modem port does not stop on it; "
                 "not mapped", arg);
    else if (!strcmp(kw, "TIMEOUT"))
        imp_note(c->e, c->path, line, "TIMEOUT %s: the modem port's own deadlines apply; "
                 "not mapped", arg);
    else
        imp_note(c->e, c->path, line, "%s %s: not mapped", kw, arg);
}

static bool
is_keyword(const char *w)
{
    static const char *const kws[] = { "ABORT", "CLR_ABORT", "REPORT", "CLR_REPORT", "TIMEOUT",
                                       "SAY", "ECHO", "HANGUP" };
    for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
        if (!strcmp(w, kws[i]))
            return true;
    return false;
}

static uint32_t
chat_run(struct chat *c, struct imp_words *w, char *detail, size_t cap)
{
    char first[WORD_MAX], second[WORD_MAX];
    unsigned line, line2;
    uint32_t rc = 0;
    while (rc == 0 && imp_words_next(w, first, sizeof(first), &line)) {
        bool kw = is_keyword(first);
        if (!imp_words_next(w, second, sizeof(second), &line2)) {
            /* a last expect has nothing to send; a keyword needs its argument */
            if (kw && !w->error)
                rc = imp_malformed(detail, cap, c->path, at_line(c, line),
                                   "%s without its argument", first);
            break;
        }
        if (kw)
            chat_keyword(c, first, second, line);
        else
            chat_send(c, first, second, line2);
    }
    if (rc == 0 && w->error)
        rc = imp_malformed(detail, cap, c->path, at_line(c, w->line), "%s", w->error);
    /* an AT+CPIN= send carries the PIN */
    ras_wipe(first, sizeof(first));
    ras_wipe(second, sizeof(second));
    return rc;
}

uint32_t
imp_chat_read(struct imp_entry *e, const char *path, const char *text, size_t len,
              char *detail, size_t cap)
{
    struct chat c = { e, path, 0 };
    struct imp_words w;
    imp_words_init(&w, text, len, false);
    return chat_run(&c, &w, detail, cap);
}

/* chat's options before the script (chat(8) OPTIONS); false at a word that
 * is no option. */
static bool
chat_option(struct imp_entry *e, struct imp_words *w, const char *opt, const char *path,
            unsigned line)
{
    char arg[WORD_MAX];
    unsigned l;
    if (opt[0] != '-' || !opt[1])
        return false;
    if (!strchr("fTUtr", opt[1]))
        return strspn(opt + 1, "vVsSeE") == strlen(opt + 1);  /* logging, as -vs */
    /* the value in the same word (-t15, -T*99#) or the next */
    if (opt[2])
        snprintf(arg, sizeof(arg), "%s", opt + 2);
    else if (!imp_words_next(w, arg, sizeof(arg), &l))
        return true;
    if (opt[1] == 'f') {
        if (!imp_set(e->chat_file, sizeof(e->chat_file), arg, strlen(arg)))
            imp_note(e, path, line, "chat -f: the file name is too long; not mapped");
        snprintf(e->chat_from, sizeof(e->chat_from), "%s", path);
        e->chat_line = line;
    } else if (opt[1] == 'T') {
        if (!imp_set(e->chat_phone, sizeof(e->chat_phone), arg, strlen(arg)))
            imp_note(e, path, line, "chat -T: not a number OpenRAS can dial");
    } else {
        imp_note(e, path, line, "chat -%c %s: not mapped", opt[1], arg);
    }
    return true;
}

uint32_t
imp_chat_command(struct imp_entry *e, const char *path, unsigned line, const char *cmdline,
                 char *detail, size_t cap)
{
    char word[WORD_MAX];
    unsigned l;
    struct imp_words w;
    struct chat c = { e, path, line };
    imp_words_init(&w, cmdline, strlen(cmdline), false);
    if (imp_words_next(&w, word, sizeof(word), &l) && !strcmp(word, "exec"))
        imp_words_next(&w, word, sizeof(word), &l);
    if (w.error)
        return imp_malformed(detail, cap, path, line, "connect: %s", w.error);
    const char *base = strrchr(word, '/');
    if (strcmp(base ? base + 1 : word, "chat") != 0) {
        imp_note(e, path, line, "connect runs '%s', not chat; not mapped", word);
        return 0;
    }
    /* options, then the script from the first word that is none */
    const char *rest = w.p;
    while (imp_words_next(&w, word, sizeof(word), &l) && chat_option(e, &w, word, path, line))
        rest = w.p;
    if (w.error)
        return imp_malformed(detail, cap, path, line, "connect: %s", w.error);
    if (e->chat_file[0])
        return 0;  /* cmd_import reads the file */
    imp_words_init(&w, rest, strlen(rest), false);
    return chat_run(&c, &w, detail, cap);
}
