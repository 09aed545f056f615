/* The test harness behind tests/harness.h: TAP on stdout, per-test audit of
 * allocations and descriptors, scratch directories and fault sweeps. */
#include "harness.h"

#include <dirent.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

jmp_buf th_abort_jmp;

static int n_run, n_failed, n_skipped;
static bool cur_failed, cur_skipped;
static char cur_skip_why[256];
static char tmpdir[256];
static long fault_sites_total;
static void (*cleanup_fn)(void);

void
th_set_cleanup(void (*fn)(void))
{
    cleanup_fn = fn;
}

void
th_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    printf("# %s:%d: ", file, line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    cur_failed = true;
}

void
th_skip(const char *why)
{
    snprintf(cur_skip_why, sizeof(cur_skip_why), "%s", why);
    cur_skipped = true;
    longjmp(th_abort_jmp, 1);
}

int
th_open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n - 1; /* the directory stream's own descriptor */
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(path);
}

const char *
th_tmpdir(void)
{
    if (!tmpdir[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(tmpdir, sizeof(tmpdir), "%s/openras-test.XXXXXX", base ? base : "/tmp");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            exit(99);
        }
    }
    return tmpdir;
}

const char *
th_pbk(void)
{
    static char path[sizeof(tmpdir) + 16];
    snprintf(path, sizeof(path), "%s/rasphone.pbk", th_tmpdir());
    return path;
}

void
th_rm_tree(const char *dir)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
tmpdir_cleanup(void)
{
    if (tmpdir[0]) {
        th_rm_tree(tmpdir);
        tmpdir[0] = '\0';
    }
}

void
th_run(const char *name, void (*fn)(void))
{
    cur_failed = cur_skipped = false;
    ras_alloc_fail_at(0, false);
    long blocks0 = ras_alloc_live(), bytes0 = ras_alloc_live_bytes();
    int fds0 = th_open_fds();
    if (setjmp(th_abort_jmp) == 0)
        fn();
    ras_alloc_fail_at(0, false);
    if (cleanup_fn)
        cleanup_fn();
    tmpdir_cleanup();
    n_run++;
    if (cur_skipped) {
        n_skipped++;
        printf("ok %d - %s # SKIP %s\n", n_run, name, cur_skip_why);
        fflush(stdout);
        return;
    }
    long blocks = ras_alloc_live() - blocks0, bytes = ras_alloc_live_bytes() - bytes0;
    int fds = th_open_fds() - fds0;
    if (blocks || bytes)
        th_fail(__FILE__, __LINE__, "%s leaked %ld allocations (%ld bytes)", name, blocks, bytes);
    if (fds)
        th_fail(__FILE__, __LINE__, "%s changed the open descriptor count by %d", name, fds);
    if (cur_failed)
        n_failed++;
    printf("%sok %d - %s\n", cur_failed ? "not " : "", n_run, name);
    fflush(stdout);
}

int
th_done(void)
{
    printf("1..%d\n", n_run);
    if (fault_sites_total)
        printf("# fault injection: %ld allocation sites failed in this program\n",
               fault_sites_total);
    printf("# %d passed, %d failed, %d skipped\n", n_run - n_failed - n_skipped, n_failed,
           n_skipped);
    return n_failed ? 1 : 0;
}

long
th_fault_sweep(const char *what, th_fault_fn fn, void *ctx, uint32_t want_err,
               void (*verify)(void *ctx, long nth, uint32_t rc))
{
    /* A generous ceiling: a path that allocates more than this per call is a
     * bug in itself. */
    const long max_sites = 100000;
    long nth;
    for (nth = 1; nth <= max_sites; nth++) {
        long blocks0 = ras_alloc_live();
        int fds0 = th_open_fds();
        ras_alloc_fail_at(nth, false);
        uint32_t rc = fn(ctx);
        bool fired = ras_alloc_fault_fired();
        ras_alloc_fail_at(0, false);
        if (verify)
            verify(ctx, fired ? nth : 0, rc);
        if (!fired)
            break;
        if (rc != want_err)
            th_fail(__FILE__, __LINE__, "%s: allocation %ld failed, returned %u, expected %u",
                    what, nth, rc, want_err);
        if (ras_alloc_live() != blocks0)
            th_fail(__FILE__, __LINE__, "%s: allocation %ld failed, %ld blocks leaked", what,
                    nth, ras_alloc_live() - blocks0);
        if (th_open_fds() != fds0)
            th_fail(__FILE__, __LINE__, "%s: allocation %ld failed, fd count changed by %d",
                    what, nth, th_open_fds() - fds0);
        if (cur_failed)
            break; /* one report per path is enough */
    }
    long sites = nth - 1;
    printf("# fault sweep %s: %ld allocation sites failed\n", what, sites);
    fault_sites_total += sites;
    return sites;
}
