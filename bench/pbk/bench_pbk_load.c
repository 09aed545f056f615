/* Phonebook loading on a 10,000-entry rasphone.pbk in Windows' layout:
 *   cold RasEnumEntriesA   cache flushed before each call: open, read,
 *                          parse, index and enumerate the whole file;
 *   warm RasEnumEntriesA   the parsed file is cached (one stat per call);
 *   warm RasGetEntryPropertiesA of a random entry, with the allocations
 *                          each call makes (the cache promises none).
 * Baselines, measured in the same run: read the file into memory and count
 * its lines with memchr, the least any parser must do (the raw I/O floor;
 * the file is in the page cache, as it is for every measured call); and for
 * the warm calls, one stat() of the file, which a cached call must make to
 * know the file has not changed.
 * Best of N repetitions; figures only, no pass or fail.
 * BENCH_ENTRIES sets the entry count (default 10,000). */
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "clock.h"
#include "common/alloc.h"
#include "harness.h"
#include "lib/pbk_store.h"

#define COLD_REPS 15
#define WARM_REPS 7
#define ENUM_CALLS 200
#define GET_CALLS 200000

static char dir[256], pbk[300];
static long entries = 10000;

static void
die(const char *what)
{
    perror(what);
    exit(1);
}

static void
entry_name(long i, char *out, size_t cap)
{
    snprintf(out, cap, "Dial-up %05ld", i);
}

/* One entry as Windows 10 writes a dial-up connection, CR LF endings. */
static void
write_entry(FILE *f, long i)
{
    char name[64];
    entry_name(i, name, sizeof(name));
    fprintf(f,
        "[%s]\r\nEncoding=1\r\nPBVersion=8\r\nType=1\r\nAutoLogon=0\r\nUseRasCredentials=1\r\n"
        "DialParamsUID=%ld\r\nGuid=%032lX\r\nVpnStrategy=0\r\nExcludedProtocols=8\r\n"
        "LcpExtensions=1\r\nDataEncryption=8\r\nSwCompression=1\r\nDialMode=1\r\n"
        "OverridePref=15\r\nRedialAttempts=3\r\nRedialSeconds=60\r\n"
        "IdleDisconnectSeconds=0\r\nRedialOnLinkFailure=0\r\nCallbackMode=0\r\n"
        "PreferredPort=COM3\r\nPreferredDevice=Standard 56000 bps Modem\r\n"
        "PreferredBps=115200\r\nPreviewUserPw=1\r\nPreviewDomain=0\r\n"
        "PreviewPhoneNumber=0\r\nShowDialingProgress=1\r\nShowMonitorIconInTaskBar=1\r\n"
        "CustomAuthKey=0\r\nAuthRestrictions=552\r\nIpPrioritizeRemote=1\r\n"
        "IpHeaderCompression=1\r\nIpAddress=0.0.0.0\r\nIpDnsAddress=0.0.0.0\r\n"
        "IpDns2Address=0.0.0.0\r\nIpWinsAddress=0.0.0.0\r\nIpWins2Address=0.0.0.0\r\n"
        "IpAssign=1\r\nIpNameAssign=1\r\nIpDnsFlags=0\r\nIpNBTFlags=1\r\nTcpWindowSize=0\r\n"
        "UseFlags=0\r\nIpSecFlags=0\r\nIpDnsSuffix=\r\n\r\n"
        "NETCOMPONENTS=\r\nms_server=1\r\nms_msclient=1\r\n\r\n"
        "MEDIA=serial\r\nPort=COM3\r\nDevice=Standard 56000 bps Modem\r\nConnectBPS=115200\r\n\r\n"
        "DEVICE=modem\r\nPhoneNumber=555%07ld\r\nAreaCode=\r\nCountryCode=1\r\nCountryID=1\r\n"
        "UseDialingRules=0\r\nComment=\r\nFriendlyName=\r\nLastSelectedPhone=0\r\n"
        "PromoteAlternates=0\r\nTryNextAlternateOnFail=1\r\nHwFlowControl=1\r\nProtocol=1\r\n"
        "Compression=1\r\nSpeaker=1\r\nMdmProtocol=0\r\n\r\n",
        name, 4700000 + i, (unsigned long)i * 2654435761ul, i);
}

static void
make_phonebook(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/openras-bench-pbk.XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(dir))
        die("mkdtemp");
    snprintf(pbk, sizeof(pbk), "%s/rasphone.pbk", dir);
    FILE *f = fopen(pbk, "w");
    if (!f)
        die(pbk);
    for (long i = 0; i < entries; i++)
        write_entry(f, i);
    if (fclose(f) != 0)
        die(pbk);
}

/* The floor: the file's bytes in memory and its lines found. */
static long
read_and_count(void)
{
    struct stat st;
    int fd = open(pbk, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) != 0)
        die(pbk);
    char *buf = malloc((size_t)st.st_size + 1);
    size_t len = 0;
    ssize_t n;
    if (!buf)
        die("malloc");
    while ((n = read(fd, buf + len, (size_t)st.st_size + 1 - len)) > 0)
        len += (size_t)n;
    close(fd);
    long lines = 0;
    for (const char *p = buf, *end = buf + len; p < end; lines++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    free(buf);
    return lines;
}

static RASENTRYNAMEA *names;
static DWORD names_cb;

static void
enumerate(void)
{
    DWORD cb = names_cb, n = 0;
    names[0].dwSize = sizeof(RASENTRYNAMEA);
    DWORD rc = RasEnumEntriesA(NULL, pbk, names, &cb, &n);
    if (rc != 0 || n != (DWORD)entries) {
        fprintf(stderr, "RasEnumEntriesA: %lu, %lu entries\n", (unsigned long)rc,
                (unsigned long)n);
        exit(1);
    }
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static long
random_entry(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (long)(rng % (uint64_t)entries);
}

static void
get_random(void)
{
    char name[64];
    RASENTRYA e;
    DWORD cb = sizeof(e);
    entry_name(random_entry(), name, sizeof(name));
    e.dwSize = sizeof(e);
    DWORD rc = RasGetEntryPropertiesA(pbk, name, &e, &cb, NULL, NULL);
    if (rc != 0 || strncmp(e.szLocalPhoneNumber, "555", 3) != 0) {
        fprintf(stderr, "RasGetEntryPropertiesA(%s): %lu\n", name, (unsigned long)rc);
        exit(1);
    }
}

/* Best (least) seconds per call of fn over reps rounds of calls each;
 * flush empties the cache before every call (not timed). */
static double
best_of(int reps, long calls, void (*fn)(void), bool flush)
{
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        double t = 0;
        if (flush) {
            for (long c = 0; c < calls; c++) {
                pbk_cache_flush();
                double t0 = clock_now_s();
                fn();
                t += clock_now_s() - t0;
            }
        } else {
            double t0 = clock_now_s();
            for (long c = 0; c < calls; c++)
                fn();
            t = clock_now_s() - t0;
        }
        if (t / calls < best)
            best = t / calls;
    }
    return best;
}

static long floor_lines;

static void
stat_file(void)
{
    struct stat st;
    if (stat(pbk, &st) != 0)
        die(pbk);
}

static void
baseline(void)
{
    floor_lines = read_and_count();
}

int
main(void)
{
    const char *env = getenv("BENCH_ENTRIES");
    if (env && atol(env) > 0)
        entries = atol(env);
    make_phonebook();
    struct stat st;
    if (stat(pbk, &st) != 0)
        die(pbk);
    names_cb = (DWORD)(entries * (long)sizeof(RASENTRYNAMEA));
    names = malloc(names_cb);
    if (!names)
        die("malloc");

    printf("bench-pbk-load: %ld entries, %.1f MiB, in %s\n", entries,
           st.st_size / 1048576.0, dir);

    double t_floor = best_of(COLD_REPS, 1, baseline, false);
    printf("  baseline: read the file + count %ld lines (memchr)  %8.3f ms\n", floor_lines,
           t_floor * 1e3);

    long live0 = ras_alloc_live_bytes(), allocs0 = ras_alloc_count();
    pbk_cache_flush();
    enumerate();
    long cached_bytes = ras_alloc_live_bytes() - live0, load_allocs = ras_alloc_count() - allocs0;
    double t_cold = best_of(COLD_REPS, 1, enumerate, true);
    printf("  cold RasEnumEntriesA (load, parse, enumerate)       %8.3f ms  = %.1f x baseline\n",
           t_cold * 1e3, t_cold / t_floor);
    printf("      %ld allocations per load; cached document %.1f MiB (%.0f bytes/entry,"
           " %.2f x the file)\n", load_allocs, cached_bytes / 1048576.0,
           (double)cached_bytes / entries, (double)cached_bytes / st.st_size);

    enumerate();    /* warm the cache */
    double t_enum = best_of(WARM_REPS, ENUM_CALLS, enumerate, false);
    printf("  warm RasEnumEntriesA                                %8.3f ms  = %.0f calls/s\n",
           t_enum * 1e3, 1 / t_enum);

    double t_stat = best_of(WARM_REPS, GET_CALLS, stat_file, false);
    printf("  baseline: stat() of the file                        %8.3f us  = %.0f calls/s\n",
           t_stat * 1e6, 1 / t_stat);
    get_random();
    long a0 = ras_alloc_count();
    double t_get = best_of(WARM_REPS, GET_CALLS, get_random, false);
    double per_call = (double)(ras_alloc_count() - a0) / (WARM_REPS * (double)GET_CALLS);
    printf("  warm RasGetEntryPropertiesA (random entry)          %8.3f us  = %.0f calls/s,"
           " %.3f allocations/call\n", t_get * 1e6, 1 / t_get, per_call);
    printf("      = %.1f x the stat() baseline\n", t_get / t_stat);

    pbk_cache_flush();
    free(names);
    th_rm_tree(dir);
    return 0;
}
