/* Runs one Windows test program (built with MinGW, tests/wine/prog_*.c)
 * under Wine against a private rasmand, and checks what it printed:
 *
 *   run-wine ARCH RASMAND LAUNCHER CACHE_DIR [--dlls DIR]... [--entry NAME]...
 *            [--dos-entry NAME]... PROG.exe [ARG]...
 *
 * ARCH is x64 or i686; LAUNCHER is ras-wine (run as `ras-wine exec --prefix
 * DIR -- PROG ARGS`) or plain `wine`; CACHE_DIR holds the booted prefix
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
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "wine_prefix.h"

#define MAX_PROBES 16
#define MAX_NAMES 8
#define RUN_TIMEOUT_S 300
/* Anonymous memory a probe pair may grow by: heap settling, far below
 * what one leaked byte per call adds over a KB loop. */
#define MAX_ANON_KIB 64

static int n_test, n_fail;
static const char *dll_dirs[MAX_NAMES];
static int n_dll_dirs;
static char scratch[64];
static char run_tag[32];

static void
tap(bool ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%sok %d - ", ok ? "" : "not ", ++n_test);
    vprintf(fmt, ap);
    printf("\n");
    fflush(stdout);
    va_end(ap);
    if (!ok)
        n_fail++;
}

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
can_run_32bit(char *why, size_t cap)
{
    if (access(WP_WINE32_DIR, F_OK) != 0) {
        snprintf(why, cap, "wine32:i386 is not installed (scripts/install-deps.sh could not)");
        return false;
    }
    static const char *const loaders[] = { "/usr/lib/wine/wine", "/usr/bin/wine-stable" };
    for (size_t i = 0; i < sizeof(loaders) / sizeof(loaders[0]); i++) {
        pid_t pid = fork();
        if (pid == 0) {
            int null = open("/dev/null", O_RDWR | O_CLOEXEC);
            dup2(null, 1);
            dup2(null, 2);
            execl(loaders[i], loaders[i], "--version", (char *)NULL);
            _exit(errno == ENOEXEC ? 126 : 127);
        }
        int st = 0;
        waitpid(pid, &st, 0);
        if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
            return true;
        if (WIFEXITED(st) && WEXITSTATUS(st) == 126) {
            snprintf(why, cap, "this kernel cannot run 32-bit programs (IA32 emulation off)");
            return false;
        }
    }
    snprintf(why, cap, "Wine's 32-bit loader does not run here");
    return false;
}

/* The loopback entries of wt.h, written by the Linux side. */
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

/* --- the program's process, found by its command line and our tag --- */

static bool
file_has(const char *path, const char *needle, size_t nlen, bool first_arg)
{
    char buf[8192];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    if (first_arg) {
        /* Wine sets the command line to the Windows one: C:\...\prog.exe */
        char *end = buf + strcspn(buf, " ");
        *end = '\0';
        char *base = buf;
        for (char *p = buf; *p; p++)
            if (*p == '\\' || *p == '/')
                base = p + 1;
        return strcasecmp(base, needle) == 0;
    }
    for (ssize_t i = 0; i + (ssize_t)nlen <= n; i++)
        if (memcmp(buf + i, needle, nlen) == 0 && (i == 0 || buf[i - 1] == '\0'))
            return true;
    return false;
}

static pid_t
find_program(const char *exe_base)
{
    char env_needle[64], path[300];
    snprintf(env_needle, sizeof(env_needle), "WT_RUN=%s", run_tag);
    DIR *d = opendir("/proc");
    pid_t found = -1;
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL && found < 0) {
        if (!isdigit((unsigned char)de->d_name[0]))
            continue;
        snprintf(path, sizeof(path), "/proc/%s/cmdline", de->d_name);
        if (!file_has(path, exe_base, strlen(exe_base), true))
            continue;
        snprintf(path, sizeof(path), "/proc/%s/environ", de->d_name);
        if (file_has(path, env_needle, strlen(env_needle), false))
            found = atoi(de->d_name);
    }
    if (d)
        closedir(d);
    return found;
}

static int
count_fds(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
    DIR *d = opendir(path);
    int n = 0;
    while (d && readdir(d))
        n++;
    if (d)
        closedir(d);
    return d ? n - 2 : -1;
}

static long
rss_anon_kib(pid_t pid)
{
    char path[64], line[256];
    long kib = -1;
    snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "re");
    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "RssAnon: %ld", &kib) == 1)
            break;
    if (f)
        fclose(f);
    return kib;
}

/* --- running the program and reading what it says --- */

struct probe {
    char tag[48];
    int fds;
    long anon_kib;                /* RssAnon: the process's private memory */
};

struct run {
    const char *exe_base;
    int to_child;
    struct probe probes[MAX_PROBES];
    int n_probes;
    bool done_seen;
    int prog_failed;
    char line[4096];
    size_t len;
};

static void
on_line(struct run *r, char *line)
{
    if (strncmp(line, "#probe ", 7) == 0) {
        pid_t pid = find_program(r->exe_base);
        int fds = pid > 0 ? count_fds(pid) : -1;
        long anon = pid > 0 ? rss_anon_kib(pid) : -1;
        if (r->n_probes < MAX_PROBES) {
            struct probe *p = &r->probes[r->n_probes++];
            snprintf(p->tag, sizeof(p->tag), "%.47s", line + 7);
            p->fds = fds;
            p->anon_kib = anon;
        }
        printf("# probe %s: process %d has %d descriptors, RssAnon %ld KiB\n", line + 7,
               (int)pid, fds, anon);
        if (write(r->to_child, "\n", 1) != 1)
            printf("# cannot answer the probe\n");
    } else if (strncmp(line, "ok - ", 5) == 0) {
        tap(true, "%s", line + 5);
    } else if (strncmp(line, "not ok - ", 9) == 0) {
        tap(false, "%s", line + 9);
    } else if (sscanf(line, "# wt-done passed=%*d failed=%d", &r->prog_failed) == 1) {
        r->done_seen = true;
        printf("%s\n", line);
    } else {
        printf("%s%s\n", line[0] == '#' ? "" : "# ", line);
    }
    fflush(stdout);
}

static void
take_bytes(struct run *r, const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '\n' || r->len == sizeof(r->line) - 1) {
            r->line[r->len] = '\0';
            if (r->len && r->line[r->len - 1] == '\r')
                r->line[r->len - 1] = '\0';
            on_line(r, r->line);
            r->len = 0;
        } else {
            r->line[r->len++] = buf[i];
        }
    }
}

/* Until the program exits (then what is left in the pipe) or the time
 * runs out. Never until end of file: Wine's services inherit descriptors. */
static int
pump(struct run *r, int from_child, pid_t child)
{
    time_t deadline = time(NULL) + RUN_TIMEOUT_S;
    int status = -1;
    bool exited = false;
    for (;;) {
        struct pollfd pfd = { .fd = from_child, .events = POLLIN };
        int pr = poll(&pfd, 1, exited ? 0 : 200);
        if (pr > 0) {
            char buf[4096];
            ssize_t n = read(from_child, buf, sizeof(buf));
            if (n > 0) {
                take_bytes(r, buf, (size_t)n);
                continue;
            }
            if (n == 0 && exited)
                break;
        }
        if (exited)
            break;
        if (waitpid(child, &status, WNOHANG) == child) {
            exited = true;
            continue;
        }
        if (time(NULL) > deadline) {
            tap(false, "the program ended within %d s", RUN_TIMEOUT_S);
            kill(child, SIGKILL);
            waitpid(child, &status, 0);
            break;
        }
    }
    return status;
}

static int
run_program(struct run *r, char **argv, const char *log)
{
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        dup2(in[0], 0);
        dup2(out[1], 1);
        if (fd >= 0)
            dup2(fd, 2);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    r->to_child = in[1];
    int status = pid > 0 ? pump(r, out[0], pid) : -1;
    close(in[1]);
    close(out[0]);
    return status;
}

static void
check_probes(const struct run *r)
{
    for (int i = 0; i < r->n_probes; i++) {
        size_t k = strlen(r->probes[i].tag);
        if (k < 5 || strcmp(r->probes[i].tag + k - 5, "-warm") != 0)
            continue;
        for (int j = i + 1; j < r->n_probes; j++) {
            if (strncmp(r->probes[j].tag, r->probes[i].tag, k - 5) != 0 ||
                strcmp(r->probes[j].tag + k - 5, "-end") != 0)
                continue;
            const struct probe *a = &r->probes[i], *b = &r->probes[j];
            tap(a->fds > 0 && b->fds > 0 && b->fds <= a->fds,
                "%.*s: the process's descriptors flat (%d -> %d)", (int)(k - 5), a->tag,
                a->fds, b->fds);
            tap(a->anon_kib > 0 && b->anon_kib > 0 && b->anon_kib <= a->anon_kib + MAX_ANON_KIB,
                "%.*s: the process's anonymous memory flat (%ld -> %ld KiB)", (int)(k - 5),
                a->tag, a->anon_kib, b->anon_kib);
        }
    }
}

static void
check_entry(const char *pbk, const char *name)
{
    RASENTRYA e;
    DWORD cb = sizeof(e);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    tap(RasGetEntryPropertiesA(pbk, name, &e, &cb, NULL, NULL) == 0,
        "Linux reads \"%s\" from %s", name, pbk ? pbk : "the default phonebook");
}

static void
print_log(const char *log)
{
    char line[512];
    FILE *f = fopen(log, "re");
    int n = 0;
    while (f && fgets(line, sizeof(line), f) && n++ < 40)
        printf("#   wine: %s", line);
    if (f)
        fclose(f);
}

/* The launcher's command line: `ras-wine exec --prefix DIR -- PROG ARGS`,
 * or `wine PROG ARGS` (WINEPREFIX set) to run under stock Wine. */
static char **
command(const char *launcher, const char *prefix, char **prog_argv, int prog_argc)
{
    static char *argv[64];
    static char dir_arg[64];
    int n = 0;
    const char *base = strrchr(launcher, '/');
    base = base ? base + 1 : launcher;
    argv[n++] = (char *)launcher;
    if (strcmp(base, "wine") != 0) {
        argv[n++] = "exec";
        argv[n++] = "--prefix";
        argv[n++] = (char *)prefix;
        for (int i = 0; i < n_dll_dirs; i++) {
            argv[n++] = "--dlls";
            argv[n++] = (char *)dll_dirs[i];
        }
        argv[n++] = "--";
    }
    for (int i = 0; i < prog_argc && n < 63; i++) {
        if (strcmp(prog_argv[i], "@DIR@") == 0) {
            snprintf(dir_arg, sizeof(dir_arg), "%s", scratch);
            argv[n++] = dir_arg;
        } else {
            argv[n++] = prog_argv[i];
        }
    }
    argv[n] = NULL;
    return argv;
}

static void
environment(const char *config)
{
    snprintf(run_tag, sizeof(run_tag), "%d-%ld", (int)getpid(), (long)time(NULL));
    setenv("WT_RUN", run_tag, 1);
    setenv("XDG_CONFIG_HOME", config, 1);
    setenv("WINEDEBUG", "-all", 0);
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    unsetenv("WINEDLLOVERRIDES");
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
    if (strcmp(arch, "i686") == 0 && !can_run_32bit(why, sizeof(why)))
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
    environment(config);

    struct rmf f;
    struct ipc_debug base;
    int rc = 1;
    if (!rmf_start(&f, rasmand)) {
        printf("Bail out! rasmand did not start\n");
        goto out;
    }
    setenv("RASMAND_SOCKET", f.sock, 1);
    setenv("RASMAND_PATH", "/nonexistent/rasmand", 1);
    tap(write_entries(), "the Linux side writes the loopback entries");
    if (!rmf_base(&base)) {
        printf("Bail out! rasmand does not answer\n");
        rmf_stop(&f);
        goto out;
    }
    if (!wp_make(cache, prefix, why, sizeof(why))) {
        tap(false, "a private Wine prefix: %s", why);
    } else {
        const char *exe = argv[i];
        struct run r = { .exe_base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe };
        printf("# %s %s in %s\n", arch, r.exe_base, prefix);
        int status = run_program(&r, command(launcher, prefix, argv + i, argc - i), log);
        tap(r.done_seen, "%s ran to its end under Wine (exit status %d)", r.exe_base,
            WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        tap(r.done_seen && r.prog_failed == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
            "%s reports no failure", r.exe_base);
        check_probes(&r);
        wp_kill(prefix);
        if (!r.done_seen || r.prog_failed)
            print_log(log);
    }
    for (int k = 0; k < n_entries; k++)
        check_entry(NULL, entries[k]);
    char dos_pbk[160];
    snprintf(dos_pbk, sizeof(dos_pbk), "%s/dos.pbk", scratch);
    for (int k = 0; k < n_dos; k++)
        check_entry(dos_pbk, dos_entries[k]);
    tap(rmf_settled(&base, 10000), "rasmand is back to no connection and its allocations and fds");
    tap(rmf_stop(&f), "rasmand stops cleanly");
    rc = n_fail ? 1 : 0;
out:
    th_rm_tree(scratch);
    printf("1..%d\n", n_test);
    return rc;
}
