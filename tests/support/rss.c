/* See rss.h. smaps_rollup walks the page tables, so it is exact; statm
 * (the fallback) reads counters the kernel batches per CPU, which can lag
 * by more than the 64 KiB the soak tests allow. read(2), not stdio:
 * measuring must not allocate. */
#include "rss.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

long
rss_bytes(void)
{
    char buf[4096];
    int fd = open("/proc/self/smaps_rollup", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t r = read(fd, buf, sizeof(buf) - 1);
        close(fd);
        const char *rss = r > 0 ? (buf[r] = '\0', strstr(buf, "\nRss:")) : NULL;
        long kb;
        if (rss && sscanf(rss + 5, "%ld", &kb) == 1)
            return kb * 1024;
    }
    fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t r = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (r <= 0)
        return -1;
    buf[r] = '\0';
    long size, resident;
    if (sscanf(buf, "%ld %ld", &size, &resident) != 2)
        return -1;
    return resident * sysconf(_SC_PAGESIZE);
}

bool
rss_sanitized(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#endif
#endif
    const char *preload = getenv("LD_PRELOAD");
    return preload && strstr(preload, "valgrind");
}

static bool
growth_ok(const char *who, long warm_kib, long end_kib, long max_kib)
{
    if (end_kib - warm_kib < max_kib)
        return true;
    printf("# %s RSS grew from %ld to %ld KiB (limit %ld KiB)\n", who, warm_kib, end_kib,
           max_kib);
    return false;
}

bool
rss_growth_ok(long rasmand_warm_kib, long rasmand_end_kib, long client_warm_kib,
              long client_end_kib, long max_kib)
{
    if (rss_sanitized()) {
        printf("# RSS limits not checked under a sanitizer or valgrind\n");
        return true;
    }
    bool rasmand = growth_ok("rasmand", rasmand_warm_kib, rasmand_end_kib, max_kib);
    bool client = growth_ok("client", client_warm_kib, client_end_kib, max_kib);
    return rasmand && client;
}
