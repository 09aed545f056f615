/* Running a Windows test program under Wine and reading what it prints
 * (see wine_run.h). */
#include "wine_run.h"

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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "wine_prefix.h"

#define RUN_TIMEOUT_S 300
/* Anonymous memory a probe pair may grow by: heap settling, far below
 * what one leaked byte per call adds over a KB loop. */
#define MAX_ANON_KIB 64

int wr_tests, wr_fails;
static bool is_plain_wine(const char *launcher);
static char run_tag[32];

void
wr_tap(bool ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%sok %d - ", ok ? "" : "not ", ++wr_tests);
    vprintf(fmt, ap);
    printf("\n");
    fflush(stdout);
    va_end(ap);
    if (!ok)
        wr_fails++;
}

bool
wr_can_run_32bit(char *why, size_t cap)
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
            snprintf(why, cap, "this kernel cannot run 32-bit programs (IA32 emulation off): "
                     "wine-i686-vm runs this test in a qemu VM");
            return false;
        }
    }
    snprintf(why, cap, "Wine's 32-bit loader does not run here");
    return false;
}

/* The loopback entries of wt.h, written by the Linux side. */
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

static void
on_line(struct wr_run *r, char *line)
{
    if (strncmp(line, "#probe ", 7) == 0) {
        pid_t pid = find_program(r->exe_base);
        int fds = pid > 0 ? count_fds(pid) : -1;
        long anon = pid > 0 ? rss_anon_kib(pid) : -1;
        if (r->n_probes < WR_MAX_PROBES) {
            struct wr_probe *p = &r->probes[r->n_probes++];
            snprintf(p->tag, sizeof(p->tag), "%.47s", line + 7);
            p->fds = fds;
            p->anon_kib = anon;
        }
        printf("# probe %s: process %d has %d descriptors, RssAnon %ld KiB\n", line + 7,
               (int)pid, fds, anon);
        fflush(stdout);
        if (r->on_probe)
            r->on_probe(line + 7, r->ctx);
        if (write(r->to_child, "\n", 1) != 1)
            printf("# cannot answer the probe\n");
    } else if (strncmp(line, "ok - ", 5) == 0) {
        wr_tap(true, "%s", line + 5);
    } else if (strncmp(line, "not ok - ", 9) == 0) {
        wr_tap(false, "%s", line + 9);
    } else if (sscanf(line, "# wt-done passed=%*d failed=%d", &r->prog_failed) == 1) {
        r->done_seen = true;
        printf("%s\n", line);
    } else {
        printf("%s%s\n", line[0] == '#' ? "" : "# ", line);
        if (line[0] == '#' && r->on_comment)
            r->on_comment(line, r->ctx);
    }
    fflush(stdout);
}

static void
take_bytes(struct wr_run *r, const char *buf, size_t n)
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
pump(struct wr_run *r, int from_child, pid_t child)
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
            wr_tap(false, "the program ended within %d s", RUN_TIMEOUT_S);
            kill(child, SIGKILL);
            waitpid(child, &status, 0);
            break;
        }
    }
    return status;
}

int
wr_program(struct wr_run *r, char **argv, const char *log)
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

void
wr_check_probes(const struct wr_run *r)
{
    for (int i = 0; i < r->n_probes; i++) {
        size_t k = strlen(r->probes[i].tag);
        if (k < 5 || strcmp(r->probes[i].tag + k - 5, "-warm") != 0)
            continue;
        for (int j = i + 1; j < r->n_probes; j++) {
            if (strncmp(r->probes[j].tag, r->probes[i].tag, k - 5) != 0 ||
                strcmp(r->probes[j].tag + k - 5, "-end") != 0)
                continue;
            const struct wr_probe *a = &r->probes[i], *b = &r->probes[j];
            wr_tap(a->fds > 0 && b->fds > 0 && b->fds <= a->fds,
                "%.*s: the process's descriptors flat (%d -> %d)", (int)(k - 5), a->tag,
                a->fds, b->fds);
            wr_tap(a->anon_kib > 0 && b->anon_kib > 0 && b->anon_kib <= a->anon_kib + MAX_ANON_KIB,
                "%.*s: the process's anonymous memory flat (%ld -> %ld KiB)", (int)(k - 5),
                a->tag, a->anon_kib, b->anon_kib);
        }
    }
}

void
wr_print_log(const char *log)
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
char **
wr_command(const char *launcher, const char *prefix, const char *const *dlls, int n_dlls,
           char **prog_argv, int prog_argc, const char *scratch)
{
    static char *argv[64];
    static char dir_arg[256];
    int n = 0;
    argv[n++] = (char *)launcher;
    if (!is_plain_wine(launcher)) {
        argv[n++] = "exec";
        argv[n++] = "--prefix";
        argv[n++] = (char *)prefix;
        for (int i = 0; i < n_dlls; i++) {
            argv[n++] = "--dlls";
            argv[n++] = (char *)dlls[i];
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

void
wr_environment(const char *config)
{
    snprintf(run_tag, sizeof(run_tag), "%d-%ld", (int)getpid(), (long)time(NULL));
    setenv("WT_RUN", run_tag, 1);
    setenv("XDG_CONFIG_HOME", config, 1);
    setenv("WINEDEBUG", "-all", 0);
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    unsetenv("WINEDLLOVERRIDES");
}


static bool
is_plain_wine(const char *launcher)
{
    const char *base = strrchr(launcher, '/');
    return strcmp(base ? base + 1 : launcher, "wine") == 0;
}

bool
wr_setup(const char *launcher, const char *prefix, const char *const *dlls, int n_dlls,
         const char *log)
{
    char *argv[8 + 2 * 8];
    int n = 0;
    if (is_plain_wine(launcher))
        return true;
    argv[n++] = (char *)launcher;
    argv[n++] = "setup";
    argv[n++] = "--prefix";
    argv[n++] = (char *)prefix;
    for (int i = 0; i < n_dlls && i < 8; i++) {
        argv[n++] = "--dlls";
        argv[n++] = (char *)dlls[i];
    }
    argv[n] = NULL;
    /* Wine's `reg add` inside it has been seen to fail once on a loaded
     * machine: a second try, said in the output */
    for (int attempt = 1; attempt <= 2; attempt++) {
        int rc = wp_run(argv, log);
        if (rc == 0)
            return true;
        printf("# ras-wine setup failed (status %d), attempt %d\n", rc, attempt);
        wr_print_log(log);
    }
    return false;
}

int
wr_finish(const char *scratch)
{
    th_rm_tree(scratch);
    printf("1..%d\n", wr_tests);
    return wr_fails ? 1 : 0;
}
