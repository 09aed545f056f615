/* Hayes AT result-code parser (see at.h). A modem ends a line with CR, LF
 * or both depending on S3/S4 and ATV, so either ends a line and empty lines
 * are skipped. NULs and other control bytes (line noise while the modem
 * powers up) never reach the line buffer. */
#include "port/at.h"

#include <string.h>

#include "raserror.h"

void
at_init(struct at_parser *ap)
{
    memset(ap, 0, sizeof(*ap));
}

static const struct {
    const char *word;
    enum at_result result;
} words[] = {
    { "OK", AT_OK },
    { "RING", AT_RING },
    { "NO CARRIER", AT_NO_CARRIER },
    { "ERROR", AT_ERROR },
    { "NO DIALTONE", AT_NO_DIALTONE },
    { "NO DIAL TONE", AT_NO_DIALTONE },
    { "BUSY", AT_BUSY },
    { "NO ANSWER", AT_NO_ANSWER },
};

static char
upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static bool
same_word(const char *line, size_t len, const char *word)
{
    if (strlen(word) != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (upper(line[i]) != word[i])
            return false;
    return true;
}

/* "CONNECT", "CONNECT 115200", "CONNECT 33600/ARQ", "CONNECT 24000/LAPM" */
static bool
parse_connect(const char *line, size_t len, uint32_t *bps)
{
    static const char kw[] = "CONNECT";
    size_t k = sizeof(kw) - 1;
    if (len < k || !same_word(line, k, kw))
        return false;
    if (len > k && line[k] != ' ' && line[k] != '/')
        return false;             /* "CONNECTED" and the like */
    size_t i = k;
    while (i < len && line[i] == ' ')
        i++;
    uint64_t v = 0;
    for (; i < len && line[i] >= '0' && line[i] <= '9'; i++)
        if ((v = v * 10 + (uint64_t)(line[i] - '0')) > UINT32_MAX)
            v = UINT32_MAX;
    *bps = (uint32_t)v;
    return true;
}

static bool
parse_numeric(const char *line, size_t len, enum at_result *r)
{
    if (len != 1 || line[0] < '0' || line[0] > '8' || line[0] == '5')
        return false;             /* 5 is CONNECT 1200: no one dials that */
    *r = (enum at_result)(line[0] - '0');
    return true;
}

/* A 3GPP TS 27.007 "+CME ERROR: <err>": the command failed (the mobile
 * equipment's own reason, kept in info for the log). */
static bool
is_cme_error(const char *line, size_t len)
{
    static const char kw[] = "+CME ERROR";
    return len >= sizeof(kw) - 1 && same_word(line, sizeof(kw) - 1, kw);
}

static void
keep_info(struct at_parser *ap, const char *line, size_t len)
{
    memcpy(ap->info, line, len);
    ap->info[len] = '\0';
}

static bool
classify(const char *line, size_t len, struct at_event *ev)
{
    while (len && line[0] == ' ')
        line++, len--;
    while (len && line[len - 1] == ' ')
        len--;
    ev->bps = 0;
    if (is_cme_error(line, len)) {
        ev->result = AT_ERROR;
        return true;
    }
    if (parse_connect(line, len, &ev->bps)) {
        ev->result = AT_CONNECT;
        return true;
    }
    if (parse_numeric(line, len, &ev->result))
        return true;
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (same_word(line, len, words[i].word)) {
            ev->result = words[i].result;
            return true;
        }
    return false;
}

/* A complete line: true if it was a result code. */
static bool
end_line(struct at_parser *ap, struct at_event *ev)
{
    bool got = false;
    if (ap->overlong)
        ap->lines_overlong++;
    else if (ap->len) {
        got = classify(ap->line, ap->len, ev);
        if (!got)
            ap->lines_other++;
        if (!got || is_cme_error(ap->line, ap->len))
            keep_info(ap, ap->line, ap->len);
    }
    ap->len = 0;
    ap->overlong = false;
    return got;
}

size_t
at_feed(struct at_parser *ap, const uint8_t *bytes, size_t n, struct at_event *ev,
        bool *got)
{
    *got = false;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = bytes[i];
        if (c == '\r' || c == '\n') {
            if (end_line(ap, ev)) {
                *got = true;
                return i + 1;
            }
        } else if (c < 0x20 || c == 0x7f) {
            continue;
        } else if (ap->overlong) {
            continue;
        } else if (ap->len == sizeof(ap->line)) {
            ap->overlong = true;
            ap->len = 0;
        } else {
            ap->line[ap->len++] = (char)c;
        }
    }
    return n;
}

unsigned
at_info_numbers(const char *info, const char *name, long *out, unsigned max)
{
    size_t k = strlen(name);
    if (strlen(info) < k + 1 || !same_word(info, k, name) || info[k] != ':')
        return 0;
    unsigned n = 0;
    const char *s = info + k + 1;
    while (n < max) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        long v = 0;
        for (; *s >= '0' && *s <= '9' && v < 1000000; s++)
            v = v * 10 + (*s - '0');
        out[n++] = v;
        while (*s && *s != ',')
            s++;
        if (*s != ',')
            break;
        s++;
    }
    return n;
}

uint32_t
at_result_error(enum at_result r)
{
    switch (r) {
    case AT_OK: case AT_CONNECT: case AT_RING: return 0;
    case AT_NO_CARRIER: return ERROR_NO_CARRIER;
    case AT_ERROR: return ERROR_FROM_DEVICE;
    case AT_NO_DIALTONE: return ERROR_NO_DIALTONE;
    case AT_BUSY: return ERROR_LINE_BUSY;
    case AT_NO_ANSWER: return ERROR_NO_ANSWER;
    }
    return ERROR_UNRECOGNIZED_RESPONSE;
}

const char *
at_result_name(enum at_result r)
{
    switch (r) {
    case AT_OK: return "OK";
    case AT_CONNECT: return "CONNECT";
    case AT_RING: return "RING";
    case AT_NO_CARRIER: return "NO CARRIER";
    case AT_ERROR: return "ERROR";
    case AT_NO_DIALTONE: return "NO DIALTONE";
    case AT_BUSY: return "BUSY";
    case AT_NO_ANSWER: return "NO ANSWER";
    }
    return "?";
}
