/* KB Q257647 loop as a benchmark: calls per second of RasDialA on an
 * unknown entry and RSS growth per 1,000 calls, against baselines measured
 * in the same run:
 *   stat()  of the phonebook: the floor. An unchanged cached phonebook is
 *           recognised by its identity and mtime, so one stat is the least
 *           work a correct RasDial can do per call.
 *   RasValidateEntryNameA on the same name: the cheapest public call that
 *           also looks the name up in the phonebook.
 * BENCH_CALLS sets the number of calls per loop (default 1,000,000). */
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "clock.h"
#include "fixture.h"
#include "harness.h"
#include "lib/rasman_client.h"
#include "rss.h"

static char pbk[512];
static RASDIALPARAMSA params = { .dwSize = sizeof(RASDIALPARAMSA), .szEntryName = "Nowhere" };

static uint32_t
op_stat(void)
{
    struct stat st;
    return (uint32_t)stat(pbk, &st);
}

static uint32_t
op_validate(void)
{
    return RasValidateEntryNameA(pbk, "Nowhere");
}

static uint32_t
op_dial(void)
{
    HRASCONN h = NULL;
    return RasDialA(NULL, pbk, &params, 0, NULL, &h);
}

static uint32_t
op_get(void)
{
    RASENTRYA e;
    DWORD cb = sizeof(e);
    e.dwSize = sizeof(e);
    return RasGetEntryPropertiesA(pbk, "Nowhere", &e, &cb, NULL, NULL);
}

struct result {
    double per_s;
    double rss_per_1000;
};

static struct result
measure(uint32_t (*op)(void), uint32_t want, long n, const char *what)
{
    for (int i = 0; i < 1000; i++)
        op();
    rss_bytes();  /* its own first-call cost is not the loop's */
    long rss0 = rss_bytes();
    double t0 = clock_now_s();
    long wrong = 0;
    for (long i = 0; i < n; i++)
        if (op() != want)
            wrong++;
    double t1 = clock_now_s();
    long rss1 = rss_bytes();
    struct result r = { n / (t1 - t0), (double)(rss1 - rss0) * 1000.0 / (double)n };
    printf("%-40s %12.0f calls/s  %8.3f RSS bytes per 1000 calls%s\n", what, r.per_s,
           r.rss_per_1000, wrong ? "  (UNEXPECTED RESULTS)" : "");
    return r;
}

int
main(void)
{
    const char *env = getenv("BENCH_CALLS");
    long n = env ? strtol(env, NULL, 10) : 1000000;
    if (n <= 0)
        n = 1000000;
    const char *tmp = getenv("TMPDIR");
    snprintf(pbk, sizeof(pbk), "%s/bench-kb-loop.XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(pbk)) {
        perror("mkdtemp");
        return 1;
    }
    char dir[512];
    snprintf(dir, sizeof(dir), "%s", pbk);
    strncat(pbk, "/rasphone.pbk", sizeof(pbk) - strlen(pbk) - 1);

    RASENTRYA e;
    DWORD cb = sizeof(e);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    uint32_t rc = RasGetEntryPropertiesA(pbk, "", &e, &cb, NULL, NULL);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "5551234");
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", RASDT_Modem);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "loopback");
    e.dwFramingProtocol = RASFP_Ppp;
    e.dwType = RASET_Phone;
    if (rc || (rc = RasSetEntryPropertiesA(pbk, "Work", &e, sizeof(e), NULL, 0)) != 0) {
        fprintf(stderr, "bench-kb-loop: cannot create the phonebook: error %u\n", rc);
        return 1;
    }

    printf("bench-kb-loop: %ld calls per loop, phonebook with 1 entry, unknown entry name\n", n);
    struct result floor = measure(op_stat, 0, n, "baseline: stat() of the phonebook");
    struct result val = measure(op_validate, 0, n, "baseline: RasValidateEntryNameA");
    struct result dial = measure(op_dial, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, n,
                                 "RasDialA unknown entry (sync)");
    struct result get = measure(op_get, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, n,
                                "RasGetEntryPropertiesA unknown entry");
    /* The same loop with a rasmand up and libras connected to it: an
     * unknown entry is refused before libras would ever talk to it. */
    char exe[PATH_MAX], daemon[PATH_MAX + 32];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    struct rmf rmf;
    if (len > 0) {
        exe[len] = '\0';
        *strrchr(exe, '/') = '\0';                  /* build/bench/soak */
        snprintf(daemon, sizeof(daemon), "%s/../../rasmand", exe);
        if (access(daemon, X_OK) == 0 && rmf_start(&rmf, daemon)) {
            RASCONNA c = { .dwSize = sizeof(c) };
            DWORD ccb = sizeof(c), cn = 0;
            (void)RasEnumConnectionsA(&c, &ccb, &cn);
            struct result up = measure(op_dial, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, n,
                                       "RasDialA unknown entry, rasmand up");
            printf("ratio with rasmand up / without: %.2fx\n", dial.per_s / up.per_s);
            ras_client_shutdown();
            rmf_stop(&rmf);
        } else {
            printf("(no rasmand at %s: the loop with rasmand up was not run)\n", daemon);
        }
    }
    printf("ratio RasDialA / stat(): %.2fx the time of the syscall floor\n",
           floor.per_s / dial.per_s);
    printf("ratio RasDialA / RasValidateEntryNameA: %.2fx\n", val.per_s / dial.per_s);
    printf("ratio RasGetEntryPropertiesA / stat(): %.2fx\n", floor.per_s / get.per_s);

    /* The phonebook and whatever the store keeps beside it (lock file). */
    th_rm_tree(dir);
    return 0;
}
