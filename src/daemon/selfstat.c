/* rasmand's own figures from /proc/self (see selfstat.h). Reading them
 * allocates nothing through the hooks, so a caller measuring leaks sees
 * only its own. */
#include "daemon/selfstat.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

unsigned
selfstat_fds(void)
{
    unsigned n = 0;
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n - 1;                 /* the directory's own descriptor */
}

/* smaps_rollup (Linux 4.14) sums every mapping's Private_Clean and
 * Private_Dirty: memory that is this process's alone, the figure that
 * grows when it leaks. */
static uint32_t
private_from_rollup(void)
{
    FILE *f = fopen("/proc/self/smaps_rollup", "re");
    if (!f)
        return 0;
    char line[256];
    unsigned long sum = 0, kib;
    while (fgets(line, sizeof(line), f))
        if ((sscanf(line, "Private_Clean: %lu kB", &kib) == 1 ||
             sscanf(line, "Private_Dirty: %lu kB", &kib) == 1))
            sum += kib;
    fclose(f);
    return (uint32_t)sum;
}

void
selfstat_mem(struct selfstat_mem *out)
{
    unsigned long size = 0, rss = 0, shared = 0;
    unsigned long page_kib = (unsigned long)sysconf(_SC_PAGESIZE) / 1024;
    memset(out, 0, sizeof(*out));
    FILE *f = fopen("/proc/self/statm", "re");
    if (!f)
        return;
    if (fscanf(f, "%lu %lu %lu", &size, &rss, &shared) != 3)
        rss = shared = 0;
    fclose(f);
    out->rss_kib = (uint32_t)(rss * page_kib);
    out->private_kib = private_from_rollup();
    /* an older kernel: resident pages not backed by a shared file */
    if (!out->private_kib && rss > shared)
        out->private_kib = (uint32_t)((rss - shared) * page_kib);
}
