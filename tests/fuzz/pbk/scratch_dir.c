/* See scratch_dir.h. */
#include "scratch_dir.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[200];

static void
remove_dir(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' || (e->d_name[1] && (e->d_name[1] != '.' || e->d_name[2])))
            unlinkat(dirfd(d), e->d_name, 0);
    if (d)
        closedir(d);
    rmdir(dir);
}

void
scratch_file(const char *tag, const char *file, char *out, size_t cap)
{
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof(dir), "%s/openras-fuzz-%s.XXXXXX", base, tag);
    if (!mkdtemp(dir) || (size_t)snprintf(out, cap, "%s/%s", dir, file) >= cap) {
        fprintf(stderr, "fuzz-%s: no scratch directory\n", tag);
        abort();
    }
    atexit(remove_dir);
}
