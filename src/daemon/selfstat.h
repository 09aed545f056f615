/* What rasmand can say about its own process, read from /proc/self: open
 * descriptors and memory. The test-only debug request and the daemon-info
 * request (rasmon) both answer with them. */
#ifndef RAS_DAEMON_SELFSTAT_H
#define RAS_DAEMON_SELFSTAT_H

#include <stdint.h>

/* Descriptors open in this process; 0 if /proc cannot be read. */
unsigned selfstat_fds(void);

/* Resident set and its private part (pages no other process maps), KiB;
 * 0 for a figure /proc does not give. */
struct selfstat_mem {
    uint32_t rss_kib;
    uint32_t private_kib;
};
void selfstat_mem(struct selfstat_mem *out);

#endif
