/* ras-modem-sim's command reader (see sim_command.h). */
#include "sim_command.h"

#include <stdlib.h>

bool
simcmd_byte(struct simcmd_line *l, uint8_t b)
{
    if (b == '\r')
        return true;
    if (b == '\n' || b == 0)
        return false;
    if (l->len < SIMCMD_LINE_MAX - 1)
        l->buf[l->len++] = (char)b;
    else
        l->overflow = true;
    return false;
}

void
simcmd_number(const char *arg, char *out)
{
    size_t n = 0;
    while (*arg == 'T' || *arg == 'P' || *arg == 't' || *arg == 'p' || *arg == ' ')
        arg++;
    for (; *arg && *arg != ';' && n < SIMCMD_NUMBER_MAX; arg++)
        if (*arg != ' ')
            out[n++] = *arg;
    out[n] = '\0';
}

static size_t
digits(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

/* One AT command line (after "AT"). */
static void
run_command(const char *s, const struct simcmd_ops *ops)
{
    while (*s) {
        char c = (char)(*s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s);
        s++;
        size_t d = digits(s);
        int v = d ? atoi(s) : 0;
        switch (c) {
        case ' ': continue;
        case 'D': ops->dial(ops->ctx, s); return;
        case 'Z': ops->reset(ops->ctx); break;
        case 'E': ops->echo(ops->ctx, v != 0); break;
        case 'V': ops->verbose(ops->ctx, v != 0); break;
        case 'H': ops->hang_up(ops->ctx); break;
        case 'I': ops->text(ops->ctx, "\r\nOpenRAS ras-modem-sim (SIMULATED modem)\r\n"); break;
        case 'O':
            if (!ops->online(ops->ctx))
                ops->reply(ops->ctx, 3, "NO CARRIER");
            return;
        case '&':
            if (*s == 'F' || *s == 'f')
                ops->factory(ops->ctx);
            if (!*s) {
                ops->reply(ops->ctx, 4, "ERROR");
                return;
            }
            s++;
            d = digits(s);
            break;
        case 'S':
            s += d;
            if (*s == '?') {
                ops->text(ops->ctx, "\r\n000\r\n");
                s++;
            } else if (*s == '=') {
                s++;
                s += digits(s);
            }
            continue;
        default:
            if (c < 'A' || c > 'Z') {
                ops->reply(ops->ctx, 4, "ERROR");
                return;
            }
            break;                /* M, L, X, Q, ...: accepted, no effect */
        }
        s += d;
    }
    ops->reply(ops->ctx, 0, "OK");
}

const char *
simcmd_line_text(struct simcmd_line *l)
{
    l->buf[l->len] = '\0';
    const char *s = l->buf;
    while (*s == ' ')
        s++;
    return s;
}

void
simcmd_line_run(struct simcmd_line *l, const struct simcmd_ops *ops)
{
    const char *s = simcmd_line_text(l);
    if (l->overflow)
        ops->reply(ops->ctx, 4, "ERROR");
    else if ((s[0] == 'A' || s[0] == 'a') && (s[1] == 'T' || s[1] == 't'))
        run_command(s + 2, ops);
    else if (*s)
        ops->reply(ops->ctx, 4, "ERROR");
    l->len = 0;
    l->overflow = false;
}
