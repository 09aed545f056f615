/* rasmand's log (see log.h). */
#include "daemon/log.h"

#include <stdarg.h>
#include <stdio.h>

#include "common/text.h"

static int verbosity;

void
log_set_verbosity(int verbose)
{
    verbosity = verbose;
}

/* A line is formatted first and escaped as a whole: names, numbers and
 * paths in it came from clients, and a client may not write terminal
 * escapes (or a forged second line) into the journal root reads. */
#define LOG_LINE_MAX 1024

void
log_msg(int level, const char *fmt, ...)
{
    char line[LOG_LINE_MAX], safe[TEXT_ESCAPE_MAX(LOG_LINE_MAX)];
    if (level > verbosity)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    fprintf(stderr, "rasmand: %s\n", text_escape(safe, sizeof(safe), line));
}
