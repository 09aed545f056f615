/* Windows programs under Wine against native Linux ones, in the same run
 * and against the same private rasmand: the median time of enumerate +
 * dial + hang-up of the loopback entry, and the KB Q257647 loop's calls
 * per second (RasDialW of an unknown entry through the bridge, RasDialA
 * natively). Figures only, never a pass or fail on time. Finds its build
 * tree from its own path; says "skipped" when the Wine bridge is not
 * built. BENCH_ROUNDS and BENCH_CALLS set the counts (20, 100,000). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "clock.h"
#include "fixture.h"
#include "harness.h"
#include "stats.h"
#include "wine_prefix.h"
#include "wine_run.h"

struct figures {
    double round_ms, kb_per_s;
};

static void
on_comment(const char *line, void *ctx)
{
    struct figures *f = ctx;
    double v;
    if (sscanf(line, "# figure round_ms %lf", &v) == 1)
        f->round_ms = v;
    else if (sscanf(line, "# figure kb_calls_per_s %lf", &v) == 1)
        f->kb_per_s = v;
}

static bool
native_round(double *ms)
{
    static RASENTRYNAMEA names[16];
    RASDIALPARAMSA p;
    DWORD cb = sizeof(names), n = 0;
    HRASCONN h = NULL;
    double t0 = clock_now_s() * 1000.0;
    names[0].dwSize = sizeof(names[0]);
    rmf_params(&p, "Loopback", "");
    if (RasEnumEntriesA(NULL, NULL, names, &cb, &n) != 0 || RasDialA(NULL, NULL, &p, 0, NULL, &h))
        return false;
    RasHangUpA(h);
    if (!rmf_wait_gone(h, 10000))
        return false;
    *ms = clock_now_s() * 1000.0 - t0;
    return true;
}

static bool
native(int rounds, long calls, struct figures *f)
{
    double ms[256];
    for (int i = 0; i < rounds; i++)
        if (!native_round(&ms[i]))
            return false;
    stats_sort(ms, (size_t)rounds);
    f->round_ms = ms[rounds / 2];
    RASDIALPARAMSA p = { .dwSize = sizeof(p), .szEntryName = "Nowhere" };
    double t0 = clock_now_s() * 1000.0;
    for (long i = 0; i < calls; i++) {
        HRASCONN h = NULL;
        RasDialA(NULL, NULL, &p, 0, NULL, &h);
    }
    double t = clock_now_s() * 1000.0 - t0;
    f->kb_per_s = t > 0 ? calls * 1000.0 / t : 0;
    return true;
}

#define ROOT_MAX 2100              /* main()'s root buffer */

static bool
under_wine(const char *root, const char *scratch, int rounds, long calls, struct figures *f)
{
    char ras_wine[PATH_MAX], cache[PATH_MAX], dlls[PATH_MAX], exe[PATH_MAX];
    char prefix[128], log[128], n_rounds[16], n_calls[24], why[400];
    snprintf(ras_wine, sizeof(ras_wine), "%.*s/tools/ras-wine/ras-wine", ROOT_MAX, root);
    snprintf(cache, sizeof(cache), "%.*s/tests/wine", ROOT_MAX, root);
    snprintf(dlls, sizeof(dlls), "%.*s/src/wine", ROOT_MAX, root);
    snprintf(exe, sizeof(exe), "%.*s/bench/wine/bench-win-x64.exe", ROOT_MAX, root);
    snprintf(prefix, sizeof(prefix), "%s/prefix", scratch);
    snprintf(log, sizeof(log), "%s/wine.log", scratch);
    snprintf(n_rounds, sizeof(n_rounds), "%d", rounds);
    snprintf(n_calls, sizeof(n_calls), "%ld", calls);
    const char *dll_dirs[] = { dlls };
    if (!wp_make(cache, prefix, why, sizeof(why)) || !wr_setup(ras_wine, prefix, dll_dirs, 1, log))
        return false;
    struct wr_run r = { .exe_base = "bench-win-x64.exe", .on_comment = on_comment, .ctx = f };
    char *prog[] = { exe, n_rounds, n_calls };
    wr_program(&r, wr_command(ras_wine, prefix, dll_dirs, 1, prog, 3, scratch), log);
    wp_kill(prefix);
    return r.done_seen && r.prog_failed == 0 && f->round_ms > 0;
}

int
main(void)
{
    char self[2048], root[2100], marker[PATH_MAX], rasmand[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0)
        return 1;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return 1;
    *slash = '\0';                 /* build/bench/wine */
    snprintf(root, sizeof(root), "%s/../..", self);
    snprintf(marker, sizeof(marker), "%s/src/wine/wine-arch", root);
    snprintf(rasmand, sizeof(rasmand), "%s/rasmand", root);
    if (access(marker, F_OK) != 0) {
        printf("bench-wine: skipped: the Wine bridge is not built\n");
        return 0;
    }
    int rounds = getenv("BENCH_ROUNDS") ? atoi(getenv("BENCH_ROUNDS")) : 20;
    long calls = getenv("BENCH_CALLS") ? atol(getenv("BENCH_CALLS")) : 100000;
    if (rounds < 1 || rounds > 256)
        rounds = 20;
    char scratch[64] = "/tmp/openras-bench-wine-XXXXXX", config[128];
    if (!mkdtemp(scratch))
        return 1;
    snprintf(config, sizeof(config), "%s/config", scratch);
    wr_environment(config);
    struct rmf f;
    struct figures nat = { 0 }, win = { 0 };
    int rc = 1;
    if (!rmf_start(&f, rasmand))
        goto out;
    setenv("RASMAND_SOCKET", f.sock, 1);
    setenv("RASMAND_PATH", "/nonexistent/rasmand", 1);
    RASENTRYA e;
    rmf_entry(&e);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "555");
    if (RasSetEntryPropertiesA(NULL, "Loopback", &e, sizeof(e), NULL, 0) == 0 &&
        native(rounds, calls, &nat) && under_wine(root, scratch, rounds, calls, &win)) {
        printf("bench-wine: %d rounds, %ld KB loop calls, the same rasmand\n", rounds, calls);
        printf("%-44s %10.2f ms native  %10.2f ms Wine  ratio %.2fx\n",
               "enumerate + dial + hang-up (median)", nat.round_ms, win.round_ms,
               win.round_ms / nat.round_ms);
        printf("%-44s %10.0f /s native  %10.0f /s Wine  ratio %.2fx\n",
               "KB loop: RasDial of an unknown entry", nat.kb_per_s, win.kb_per_s,
               nat.kb_per_s / (win.kb_per_s > 0 ? win.kb_per_s : 1));
        rc = 0;
    } else {
        printf("bench-wine: a round failed (see above)\n");
    }
    rmf_stop(&f);
out:
    th_rm_tree(scratch);
    return rc;
}
