/* Driving the PPPoE peer VM through its own scripts (see pppoe_vm.h).
 * popen/system are fine here: this is test-side code, and build.sh and
 * run.sh are the VM's interface. */
#include "pppoe_vm.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define VM_DIR RAS_SOURCE_ROOT "/tests/interop/pppoe-vm"

static void
sleep_ms(int ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static const char *
build_dir(void)
{
    const char *out = getenv("OPENRAS_PPPOE_VM");
    return out && *out ? out : "/tmp/openras-pppoe-vm";
}

bool
pvm_ready(int *rc)
{
    char cmd[1024], why[300] = "";
    if (geteuid() != 0) {
        printf("1..0 # SKIP needs root (network namespaces, a tap, AF_PACKET)\n");
        *rc = 0;
        return false;
    }
    /* build.sh installs what is missing (qemu too); it exits 77 when a
     * part cannot be had on this machine, 1 when it broke */
    snprintf(cmd, sizeof(cmd), "'%s/build.sh' '%s' 2>/tmp/openras-pppoe-vm-build.%d.log >&2",
             VM_DIR, build_dir(), (int)getpid());
    int st = system(cmd);
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    snprintf(cmd, sizeof(cmd), "/tmp/openras-pppoe-vm-build.%d.log", (int)getpid());
    FILE *f = fopen(cmd, "re");
    char line[300];
    while (f && fgets(line, sizeof(line), f))
        if (strstr(line, "build.sh:"))
            snprintf(why, sizeof(why), "%.*s", (int)strcspn(line, "\n"), line);
    if (f)
        fclose(f);
    unlink(cmd);
    if (code == 0 && system("command -v qemu-system-x86_64 >/dev/null 2>&1") == 0)
        return true;
    if (code == 0 || code == 77) {
        printf("1..0 # SKIP PPPoE peer VM unavailable: %s\n",
               code == 0 ? "no qemu-system-x86_64" : why);
        *rc = 0;
        return false;
    }
    printf("Bail out! pppoe-vm/build.sh failed (status %d): %s\n", code, why);
    *rc = 1;
    return false;
}

/* Takes NAME=value from a line of run.sh's output. */
static void
take_var(const char *line, const char *name, char *out, size_t cap)
{
    size_t n = strlen(name);
    if (strncmp(line, name, n) == 0 && line[n] == '=')
        snprintf(out, cap, "%.*s", (int)strcspn(line + n + 1, "\n"), line + n + 1);
}

bool
pvm_boot(struct pvm *v, const char *ns_prefix, const char *tap, const char *role,
         const char *auth)
{
    char cmd[1024], line[512], pid[32] = "", ms[32] = "";
    memset(v, 0, sizeof(*v));
    snprintf(v->ns_prefix, sizeof(v->ns_prefix), "%s", ns_prefix);
    snprintf(v->rundir, sizeof(v->rundir), "/tmp/openras-pppoe-vm-run.XXXXXX");
    if (!mkdtemp(v->rundir)) {
        v->rundir[0] = '\0';
        return false;
    }
    /* generous: under TCG on a loaded 2-core machine a boot can take 30 s */
    snprintf(cmd, sizeof(cmd), "%s '%s/run.sh' --build '%s' --rundir '%s' --tap %s --role %s "
             "--auth %s --wait 150 2>'%s/run.err'", ns_prefix, VM_DIR, build_dir(), v->rundir,
             tap, role, auth ? auth : "chap", v->rundir);
    FILE *f = popen(cmd, "r");
    if (!f)
        return false;
    while (fgets(line, sizeof(line), f)) {
        take_var(line, "PEER_LOG", v->log, sizeof(v->log));
        take_var(line, "PEER_CTL", v->ctl, sizeof(v->ctl));
        take_var(line, "PEER_QEMU_PID", pid, sizeof(pid));
        take_var(line, "PEER_READY_MS", ms, sizeof(ms));
    }
    int rc = pclose(f);
    v->qemu = (pid_t)atoi(pid);
    v->ready_ms = atoi(ms);
    if (rc != 0 || !v->log[0] || !v->ctl[0] || v->qemu <= 0) {
        char err[600];
        printf("# VM did not start (run.sh status %d):\n", rc);
        snprintf(err, sizeof(err), "%s/run.err", v->rundir);
        FILE *e = fopen(err, "re");
        while (e && fgets(line, sizeof(line), e))
            printf("#   %s", line);
        if (e)
            fclose(e);
        return false;
    }
    return true;
}

void
pvm_stop(struct pvm *v)
{
    char cmd[1024];
    if (!v->rundir[0])
        return;
    snprintf(cmd, sizeof(cmd), "%s '%s/run.sh' --stop '%s' >/dev/null 2>&1", v->ns_prefix,
             VM_DIR, v->rundir);
    (void)!system(cmd);
    /* whatever the namespace's fate, qemu is gone */
    if (v->qemu > 0 && kill(v->qemu, 0) == 0) {
        kill(v->qemu, SIGKILL);
        for (int i = 0; i < 100 && kill(v->qemu, 0) == 0; i++)
            sleep_ms(20);
    }
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", v->rundir);
    (void)!system(cmd);
    v->rundir[0] = '\0';
    v->qemu = 0;
}

void
pvm_kill(const struct pvm *v)
{
    pid_t pid = v->qemu;
    char path[sizeof(v->rundir) + 32], buf[24];
    if (!v->rundir[0])
        return;
    /* still booting: run.sh has not said the pid yet, its file has it
     * (open/read/kill/fork/exec only: this runs in a signal handler) */
    if (pid <= 0) {
        memcpy(path, v->rundir, sizeof(v->rundir));
        strcat(path, "/qemu.pid.launch");
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
        if (fd >= 0)
            close(fd);
        pid = 0;
        for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
            pid = pid * 10 + (buf[i] - '0');
    }
    if (pid > 0)
        kill(pid, SIGKILL);
    pvm_rm_rf(v->rundir);
}

void
pvm_rm_rf(const char *dir)
{
    if (dir && dir[0] == '/' && fork() == 0) {
        execlp("rm", "rm", "-rf", dir, (char *)NULL);
        _exit(127);
    }
}

/* The log from the mark on, malloc'd (plain malloc: test-side, outside
 * the audited hooks, and freed before return). */
static char *
log_text(const struct pvm *v)
{
    FILE *f = fopen(v->log, "rbe");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    long from = v->mark < size ? v->mark : size;
    fseek(f, from, SEEK_SET);
    char *buf = malloc((size_t)(size - from) + 1);
    size_t got = buf ? fread(buf, 1, (size_t)(size - from), f) : 0;
    if (buf)
        buf[got] = '\0';
    fclose(f);
    return buf;
}

int
pvm_log_count(const struct pvm *v, const char *s)
{
    char *text = log_text(v);
    int n = 0;
    for (char *at = text; at && (at = strstr(at, s)) != NULL; at += strlen(s))
        n++;
    free(text);
    return n;
}

bool
pvm_log_wait(const struct pvm *v, const char *s, int n, unsigned timeout_ms)
{
    for (unsigned waited = 0;; waited += 50) {
        if (pvm_log_count(v, s) >= n)
            return true;
        if (waited >= timeout_ms)
            return false;
        sleep_ms(50);
    }
}

bool
pvm_log_order(const struct pvm *v, const char *a, const char *b)
{
    char *text = log_text(v);
    char *pa = text ? strstr(text, a) : NULL;
    bool ok = pa && strstr(pa, b) != NULL;
    free(text);
    return ok;
}

void
pvm_log_mark(struct pvm *v)
{
    FILE *f = fopen(v->log, "rbe");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    v->mark = ftell(f);
    fclose(f);
}

void
pvm_log_dump(const struct pvm *v, size_t max_lines)
{
    char *text = log_text(v);
    size_t lines = 0;
    if (!text)
        return;
    for (char *c = text; *c; c++)
        lines += *c == '\n';
    size_t skip = lines > max_lines ? lines - max_lines : 0;
    char *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
        if (skip ? (skip--, 0) : 1)
            printf("#   vm| %s\n", l);
    free(text);
}

bool
pvm_cmd(struct pvm *v, const char *cmd, const char *until, unsigned timeout_ms)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    char line[256];
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", v->ctl);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    /* qemu accepts one client at a time: retry while a previous one's
     * close is still being noticed */
    bool conn = false;
    for (int i = 0; i < 50 && !conn; i++) {
        conn = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
        if (!conn)
            sleep_ms(20);
    }
    int n = snprintf(line, sizeof(line), "%s\n", cmd);
    bool sent = conn && send(fd, line, (size_t)n, MSG_NOSIGNAL) == n;
    bool seen = sent && (!until || pvm_log_wait(v, until, 1, timeout_ms));
    close(fd);
    return seen;
}
