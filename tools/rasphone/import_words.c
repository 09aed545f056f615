/* import_words.c: splitting a pppd options file or a chat script into
 * words, as pppd(8) ("options files") and chat(8) describe them. */
#include <string.h>

#include "import.h"

void
imp_words_init(struct imp_words *w, const char *text, size_t len, bool escapes)
{
    w->p = text;
    w->end = text + len;
    w->line = 1;
    w->escapes = escapes;
    w->error = NULL;
}

/* Skips white space and comments; false at the end. */
static bool
skip_space(struct imp_words *w)
{
    while (w->p < w->end) {
        char c = *w->p;
        if (c == '\n') {
            w->line++;
            w->p++;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            w->p++;
        } else if (c == '#') {
            while (w->p < w->end && *w->p != '\n')
                w->p++;
        } else {
            return true;
        }
    }
    return false;
}

bool
imp_words_next(struct imp_words *w, char *out, size_t cap, unsigned *line)
{
    size_t n = 0;
    char quote = 0;
    if (w->error || !skip_space(w))
        return false;
    *line = w->line;
    while (w->p < w->end) {
        char c = *w->p;
        if (!quote && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
            break;
        w->p++;
        if (c == '\n')
            w->line++;
        if (c == '\0') {
            w->error = "a NUL byte";
            return false;
        }
        if (!quote && (c == '"' || c == '\'')) {
            quote = c;
            continue;
        }
        if (quote && c == quote) {
            quote = 0;
            continue;
        }
        if (c == '\\' && w->p < w->end && (w->escapes || (quote && w->p[0] == quote))) {
            /* pppd takes the next character as it is; chat keeps its own
             * escapes but a quote still needs one inside quotes */
            if (!w->escapes && n + 1 < cap)
                out[n++] = c;
            c = *w->p++;
            if (c == '\n')
                w->line++;
            if (c == '\0') {
                w->error = "a NUL byte";
                return false;
            }
        }
        if (n + 1 >= cap) {
            w->error = "a word too long";
            return false;
        }
        out[n++] = c;
    }
    if (quote) {
        w->error = "a quote not closed";
        w->line = *line;  /* where it opened: the line to fix */
        return false;
    }
    out[n] = '\0';
    return true;
}
