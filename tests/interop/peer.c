/* Driving the peer VM through its own scripts (see peer.h). popen/system
 * are fine here: this is test-side code, and the scripts are the tool's
 * documented interface. */
#include "peer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tool_dir[1024];
static long log_mark_at;

const char *
peer_tool_dir(void)
{
    /* the workspace keeps it in shared/ beside the checkout; a CI clone may
     * sit a level or two deeper */
    const char *cands[5] = { getenv("RAS_PEER_VM_DIR"),
                             RAS_SOURCE_ROOT "/../shared/tools/peer-vm",
                             RAS_SOURCE_ROOT "/../../shared/tools/peer-vm",
                             RAS_SOURCE_ROOT "/../../../shared/tools/peer-vm",
                             "/work/shared/tools/peer-vm" };
    char probe[1100];
    for (int i = 0; i < 5; i++) {
        if (!cands[i])
            continue;
        snprintf(probe, sizeof(probe), "%s/run.sh", cands[i]);
        if (access(probe, X_OK) == 0) {
            snprintf(tool_dir, sizeof(tool_dir), "%s", cands[i]);
            return tool_dir;
        }
    }
    return NULL;
}

static const char *
build_dir(void)
{
    const char *out = getenv("PEER_VM_OUT");
    return out && *out ? out : "/tmp/peer-vm";
}

bool
peer_build(void)
{
    char cmd[2400];
    if (!peer_tool_dir())
        return false;
    snprintf(cmd, sizeof(cmd), "'%s/build.sh' '%s' >/dev/null 2>&1", tool_dir, build_dir());
    return system(cmd) == 0;
}

bool
peer_ready(int *rc)
{
    if (!peer_tool_dir()) {
        printf("1..0 # SKIP peer-vm tool not found (set RAS_PEER_VM_DIR)\n");
        *rc = 0;
        return false;
    }
    if (!peer_build()) {
        printf("Bail out! peer-vm build.sh failed\n");
        *rc = 1;
        return false;
    }
    return true;
}

/* Takes NAME='value' or NAME=value from a line of run.sh's output. */
static void
take_var(const char *line, const char *name, char *out, size_t cap)
{
    size_t n = strlen(name);
    if (strncmp(line, name, n) != 0 || line[n] != '=')
        return;
    const char *v = line + n + 1;
    size_t len = strcspn(v, "\n");
    if (len >= 2 && (v[0] == '\'' || v[0] == '"')) {
        v++;
        len -= 2;
    }
    snprintf(out, cap, "%.*s", (int)len, v);
}

bool
peer_boot(struct peer *p, const char *profile, const char *options_file,
          const char *const *opts)
{
    return peer_boot_start(p, profile, options_file, opts, NULL);
}

bool
peer_boot_start(struct peer *p, const char *profile, const char *options_file,
                const char *const *opts, const char *start)
{
    char cmd[4096], line[1024];
    size_t n;
    memset(p, 0, sizeof(*p));
    if (!peer_tool_dir())
        return false;
    snprintf(p->rundir, sizeof(p->rundir), "/tmp/openras-peer.XXXXXX");
    if (!mkdtemp(p->rundir))
        return false;
    n = (size_t)snprintf(cmd, sizeof(cmd), "'%s/run.sh' --build '%s' --link unix --rundir '%s'",
                         tool_dir, build_dir(), p->rundir);
    if (profile)
        n += (size_t)snprintf(cmd + n, sizeof(cmd) - n, " --profile %s", profile);
    if (options_file)
        n += (size_t)snprintf(cmd + n, sizeof(cmd) - n, " --options '%s'", options_file);
    if (start)
        n += (size_t)snprintf(cmd + n, sizeof(cmd) - n, " --start %s", start);
    for (size_t i = 0; opts && opts[i] && n < sizeof(cmd); i++)
        n += (size_t)snprintf(cmd + n, sizeof(cmd) - n, " --opt '%s'", opts[i]);
    if (n >= sizeof(cmd))
        return false;
    snprintf(cmd + n, sizeof(cmd) - n, " 2>'%s/run.err'", p->rundir);
    FILE *f = popen(cmd, "r");
    if (!f)
        return false;
    while (fgets(line, sizeof(line), f)) {
        take_var(line, "PEER_SOCK", p->sock, sizeof(p->sock));
        take_var(line, "PEER_LOG", p->log, sizeof(p->log));
    }
    int rc = pclose(f);
    log_mark_at = 0;
    if (rc != 0 || !p->sock[0] || !p->log[0]) {
        printf("# peer VM did not start (run.sh status %d); see %s/run.err\n", rc, p->rundir);
        return false;
    }
    return true;
}

bool
peer_reset(struct peer *p)
{
    char cmd[2400];
    snprintf(cmd, sizeof(cmd), "'%s/ctl.sh' '%s' reset >/dev/null 2>&1", tool_dir, p->rundir);
    return system(cmd) == 0;
}

void
peer_stop(struct peer *p)
{
    char cmd[2400];
    if (!p->rundir[0])
        return;
    snprintf(cmd, sizeof(cmd), "'%s/stop.sh' '%s' >/dev/null 2>&1; rm -rf '%s'", tool_dir,
             p->rundir, p->rundir);
    (void)system(cmd);
    p->rundir[0] = '\0';
}

/* The log from the mark on, malloc'd. */
static char *
log_text(const struct peer *p)
{
    FILE *f = fopen(p->log, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    long from = log_mark_at < size ? log_mark_at : size;
    fseek(f, from, SEEK_SET);
    char *buf = malloc((size_t)(size - from) + 1);
    size_t got = buf ? fread(buf, 1, (size_t)(size - from), f) : 0;
    if (buf)
        buf[got] = '\0';
    fclose(f);
    return buf;
}

bool
peer_log_has(const struct peer *p, const char *s)
{
    return peer_log_count(p, s) > 0;
}

int
peer_log_count(const struct peer *p, const char *s)
{
    char *text = log_text(p);
    int n = 0;
    for (char *at = text; at && (at = strstr(at, s)) != NULL; at += strlen(s))
        n++;
    free(text);
    return n;
}

bool
peer_log_wait(const struct peer *p, const char *s, int n, unsigned timeout_ms)
{
    for (unsigned waited = 0;; waited += 50) {
        if (peer_log_count(p, s) >= n)
            return true;
        if (waited >= timeout_ms)
            return false;
        usleep(50000);
    }
}

void
peer_log_mark(struct peer *p)
{
    FILE *f = fopen(p->log, "rb");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    log_mark_at = ftell(f);
    fclose(f);
}

void
peer_log_dump(const struct peer *p, size_t max_lines)
{
    char *text = log_text(p);
    size_t lines = 0;
    if (!text)
        return;
    for (char *c = text; *c; c++)
        lines += *c == '\n';
    size_t skip = lines > max_lines ? lines - max_lines : 0;
    char *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
        if (skip ? (skip--, 0) : 1)
            printf("#   pppd| %s\n", l);
    free(text);
}
