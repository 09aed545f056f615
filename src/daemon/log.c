/* rasmand's log (see log.h). */
#include "daemon/log.h"

#include <stdarg.h>
#include <stdio.h>

static int verbosity;

void
log_set_verbosity(int verbose)
{
    verbosity = verbose;
}

void
log_msg(int level, const char *fmt, ...)
{
    if (level > verbosity)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "rasmand: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
