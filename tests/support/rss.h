/* This process's resident set size, for the soak tests and benches that
 * check memory does not grow over many calls. */
#ifndef RAS_TESTS_SUPPORT_RSS_H
#define RAS_TESTS_SUPPORT_RSS_H

#include <stdbool.h>

/* Resident set size in bytes, -1 if /proc cannot tell. Allocates nothing. */
long rss_bytes(void);
/* true under ASan or valgrind, whose quarantines keep freed memory
 * resident on purpose: RSS means something only in a plain build. */
bool rss_sanitized(void);

#endif
