/* Runs one Windows test program (built with MinGW, tests/wine/prog_*.c)
 * under Wine against a private rasmand, and checks what it printed:
 *
 *   run-wine ARCH RASMAND LAUNCHER CACHE_DIR [--dlls DIR]... [--entry NAME]...
 *            [--dos-entry NAME]... PROG.exe [ARG]...
 *
 * ARCH is x64 or i686; LAUNCHER is ras-wine (run as `ras-wine exec --prefix
 * DIR -- PROG ARGS`), plain `wine` (stock Wine, where they fail), or none
 * (the bridge is not built: skip); CACHE_DIR holds the booted prefix
 * template (wine_prefix.h); each --dlls DIR (a build's src/wine) goes to
 * ras-wine as it is, and must hold the bridge (wine-arch). An ARG of @DIR@ becomes the run's scratch
 * directory. Before the program: rasmand --test on a socket of the run's
 * own, the default phonebook (XDG_CONFIG_HOME in the scratch directory)
 * holding the loopback entries wt.h names, a prefix of the run's own,
 * headless (no DISPLAY) with WINEDEBUG=-all. The program's TAP lines are
 * renumbered into this one's; Wine exits 0 even when the program never ran,
 * so the program must reach its "# wt-done" line. At each "#probe TAG" the
 * program waits while this counts its descriptors in /proc (a TAG-warm and
 * TAG-end pair must not grow). After it: --entry names must be in the
 * default phonebook and --dos-entry names in @DIR@/dos.pbk, read through
 * libras in UTF-8, and rasmand must be back to its allocations and fds.
 * Exit 77 (skip) when this machine cannot run ARCH's Windows programs. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "wine_prefix.h"
#include "wine_run.h"

#define MAX_NAMES 8

static const char *dll_dirs[MAX_NAMES];
static int n_dll_dirs;
static char scratch[64];

static int
skip_all(const char *why)
{
    /* TAP says "skipped" through its plan, and meson shows SKIP; it takes
     * exit status 77 from a TAP test for an error, so the status is 0 */
    printf("1..0 # SKIP %s\n", why);
    return 0;
}

/* 32-bit Windows programs need wine32 and a kernel that runs i386
 * programs (IA32 emulation can be off): try Wine's 32-bit loader. */
static bool
write_entries(void)
{
    static const char *const names[] = { "Loopback", "Loopback 2" };
    for (size_t i = 0; i < 2; i++) {
        RASENTRYA e;
        rmf_entry(&e);
        snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "555");
        if (RasSetEntryPropertiesA(NULL, names[i], &e, sizeof(e), NULL, 0) != 0)
            return false;
    }
    return true;
}

static void
check_entry(const char *pbk, const char *name)
{
    RASENTRYA e;
    DWORD cb = sizeof(e);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    wr_tap(RasGetEntryPropertiesA(pbk, name, &e, &cb, NULL, NULL) == 0,
        "Linux reads \"%s\" from %s", name, pbk ? pbk : "the default phonebook");
}

int
main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: %s ARCH RASMAND LAUNCHER CACHE_DIR [--entry NAME]... "
                "[--dos-entry NAME]... PROG.exe [ARG]...\n", argv[0]);
        return 99;
    }
    const char *arch = argv[1], *rasmand = argv[2], *launcher = argv[3], *cache = argv[4];
    const char *entries[MAX_NAMES], *dos_entries[MAX_NAMES];
    int n_entries = 0, n_dos = 0, i = 5;
    for (; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--entry") == 0 && n_entries < MAX_NAMES)
            entries[n_entries++] = argv[i + 1];
        else if (strcmp(argv[i], "--dlls") == 0 && n_dll_dirs < MAX_NAMES)
            dll_dirs[n_dll_dirs++] = argv[i + 1];
        else if (strcmp(argv[i], "--dos-entry") == 0 && n_dos < MAX_NAMES)
            dos_entries[n_dos++] = argv[i + 1];
        else
            break;
    }
    if (i >= argc)
        return 99;
    char why[400];
    if (strcmp(launcher, "none") == 0)
        return skip_all("the Wine bridge is not built (meson says why: winegcc, Wine's "
                        "development files or MinGW missing, or a -Db_sanitize build)");
    if (strcmp(arch, "i686") == 0 && !wr_can_run_32bit(why, sizeof(why)))
        return skip_all(why);
    for (int k = 0; k < n_dll_dirs; k++) {
        char marker[600];
        snprintf(marker, sizeof(marker), "%s/wine-arch", dll_dirs[k]);
        if (access(marker, F_OK) != 0) {
            snprintf(why, sizeof(why), "no Wine bridge built in %s%s", dll_dirs[k],
                     strstr(dll_dirs[k], "i386") ? " (meson setup build-i386 --cross-file "
                     "scripts/i686-linux.ini; needs wine32's development files)" : "");
            return skip_all(why);
        }
    }
    signal(SIGPIPE, SIG_IGN);

    snprintf(scratch, sizeof(scratch), "/tmp/openras-wine-XXXXXX");
    if (!mkdtemp(scratch))
        return 99;
    char config[128], prefix[128], log[128];
    snprintf(config, sizeof(config), "%s/config", scratch);
    snprintf(prefix, sizeof(prefix), "%s/prefix", scratch);
    snprintf(log, sizeof(log), "%s/wine.log", scratch);
    wr_environment(config);

    struct rmf f;
    struct ipc_debug base;
    if (!rmf_start(&f, rasmand)) {
        wr_tap(false, "rasmand starts");
        goto out;
    }
    setenv("RASMAND_SOCKET", f.sock, 1);
    setenv("RASMAND_PATH", "/nonexistent/rasmand", 1);
    wr_tap(write_entries(), "the Linux side writes the loopback entries");
    if (!rmf_base(&base)) {
        wr_tap(false, "rasmand answers");
        rmf_stop(&f);
        goto out;
    }
    if (!wp_make(cache, prefix, why, sizeof(why))) {
        wr_tap(false, "a private Wine prefix: %s", why);
    } else {
        const char *exe = argv[i];
        struct wr_run r = { .exe_base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe };
        printf("# %s %s in %s\n", arch, r.exe_base, prefix);
        wr_tap(wr_setup(launcher, prefix, dll_dirs, n_dll_dirs, log),
               "ras-wine setup prepares the prefix");
        char **cmd = wr_command(launcher, prefix, dll_dirs, n_dll_dirs, argv + i, argc - i,
                                scratch);
        int status = wr_program(&r, cmd, log);
        wr_tap(r.done_seen, "%s ran to its end under Wine (exit status %d)", r.exe_base,
            WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        wr_tap(r.done_seen && r.prog_failed == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
            "%s reports no failure", r.exe_base);
        wr_check_probes(&r);
        wp_kill(prefix);
        if (!r.done_seen || r.prog_failed)
            wr_print_log(log);
    }
    for (int k = 0; k < n_entries; k++)
        check_entry(NULL, entries[k]);
    char dos_pbk[160];
    snprintf(dos_pbk, sizeof(dos_pbk), "%s/dos.pbk", scratch);
    for (int k = 0; k < n_dos; k++)
        check_entry(dos_pbk, dos_entries[k]);
    wr_tap(rmf_settled(&base, 10000), "rasmand is back to no connection and its allocations and fds");
    wr_tap(rmf_stop(&f), "rasmand stops cleanly");
out:
    return wr_finish(scratch);
}
