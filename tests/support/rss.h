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
/* A soak test's verdict on memory after a warm-up: rasmand's RSS (from
 * its counters) and this client's each grew by less than max_kib. Under a
 * sanitizer it says so on the TAP stream and checks nothing; otherwise it
 * prints each figure that grew too much. */
bool rss_growth_ok(long rasmand_warm_kib, long rasmand_end_kib, long client_warm_kib,
                   long client_end_kib, long max_kib);

#endif
