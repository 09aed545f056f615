/* Concurrent phonebook writers, some killed with SIGKILL mid-write. The
 * store promises (pbk_store.h) that writers in any number of processes
 * serialise on the lock, so none loses another's entry, and that a crash at
 * any moment leaves the old file or the new one, never a torn one.
 *
 * Six writer processes each add their entries with RasSetEntryPropertiesA;
 * after each call returns 0 a writer appends the name to its own log and
 * fsyncs it, so a logged name is one the API reported saved. The parent
 * kills writers at random moments, starts replacements that go on with new
 * names, and parses the file between kills. At the end every logged name
 * must be in the file, and nothing else but at most one unlogged entry per
 * killed writer (saved, then killed before it could log).
 * PBK_WRITERS_SEED=N repeats a run. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "clock.h"
#include "harness.h"
#include "lib/pbk_ini.h"
#include "lib/pbk_store.h"

#define WRITERS 6
#define PER_WRITER 40
#define MAX_KILLS 18
#define MAX_PROCS (WRITERS + MAX_KILLS)
#define DEADLINE_S 15.0

struct proc {
    pid_t pid;
    int slot;
    int left;           /* entries this process is to add */
    bool killed, done;
    int status;
    char log[300];
};

static struct proc procs[MAX_PROCS];
static int nprocs;
static char pbk[256];
static unsigned rng_state;

static unsigned
rnd(unsigned n)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 8) % n;
}

/* ---- the writer process ---- */

static uint32_t
add_entry(const char *name, int k)
{
    RASENTRYA e;
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    e.dwType = RASET_Phone;
    e.dwFramingProtocol = RASFP_Ppp;
    e.dwfNetProtocols = RASNP_Ip;
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", RASDT_Modem);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "loop%d", k % 4);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "555%04d", k);
    return RasSetEntryPropertiesA(pbk, name, &e, sizeof(e), NULL, 0);
}

/* Never returns: a child must not run the harness's exit path. */
static void __attribute__((noreturn))
writer(const struct proc *p, int gen)
{
    char name[64], line[80];
    int fd = open(p->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        _exit(2);
    for (int k = 0; k < p->left; k++) {
        snprintf(name, sizeof(name), "Writer %d gen %d entry %d", p->slot, gen, k);
        uint32_t rc = add_entry(name, k);
        if (rc) {
            int n = snprintf(line, sizeof(line), "ERROR %u %s\n", rc, name);
            (void)!write(fd, line, (size_t)n);
            close(fd);
            _exit(3);
        }
        int n = snprintf(line, sizeof(line), "%s\n", name);
        if (write(fd, line, (size_t)n) != n || fsync(fd) != 0)
            _exit(4);
    }
    close(fd);
    _exit(0);
}

static bool
spawn(int slot, int left)
{
    if (nprocs == MAX_PROCS)
        return false;
    struct proc *p = &procs[nprocs];
    memset(p, 0, sizeof(*p));
    p->slot = slot;
    p->left = left;
    snprintf(p->log, sizeof(p->log), "%s/log.%d.%d", th_tmpdir(), slot, nprocs);
    fflush(stdout);     /* the child must not repeat buffered TAP lines */
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0)
        writer(p, nprocs);
    p->pid = pid;
    nprocs++;
    return true;
}

/* ---- the parent ---- */

/* Lines in a writer's log, and whether any says ERROR. */
static int
log_lines(const struct proc *p, bool *error)
{
    char buf[8192];
    int fd = open(p->log, O_RDONLY | O_CLOEXEC);
    int lines = 0;
    ssize_t n;
    if (fd < 0)
        return 0;
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        for (ssize_t i = 0; i < n; i++)
            lines += buf[i] == '\n';
        if (error && memmem(buf, (size_t)n, "ERROR", 5))
            *error = true;
    }
    close(fd);
    return lines;
}

static void
reap(bool block)
{
    for (int i = 0; i < nprocs; i++) {
        if (procs[i].done)
            continue;
        pid_t r = waitpid(procs[i].pid, &procs[i].status, block ? 0 : WNOHANG);
        if (r == procs[i].pid)
            procs[i].done = true;
    }
}

static int
alive(void)
{
    int n = 0;
    for (int i = 0; i < nprocs; i++)
        n += !procs[i].done;
    return n;
}

/* The file as it is now must parse: a rename is atomic, so a reader never
 * sees half a write, nor no file. Missing is fine until the first writer
 * created it. */
static void
check_not_torn(int *loads)
{
    struct ini_doc doc;
    /* once it exists, rename keeps a file at that name at every moment */
    bool existed = access(pbk, F_OK) == 0;
    uint32_t rc = pbk_load(pbk, false, &doc);
    if (rc == ERROR_CANNOT_OPEN_PHONEBOOK && !existed)
        return;
    if (rc)
        th_fail(__FILE__, __LINE__, "phonebook torn: %u (%s)", rc, pbk_error_detail());
    else
        ini_free(&doc);
    (*loads)++;
}

static void
kill_all(void)
{
    for (int i = 0; i < nprocs; i++)
        if (!procs[i].done)
            kill(procs[i].pid, SIGKILL);
    reap(true);
}

static void
run_writers(int *kills, int *loads)
{
    double start = clock_now_s();
    for (int s = 0; s < WRITERS; s++)
        REQUIRE(spawn(s, PER_WRITER));
    while (alive()) {
        /* 1-20 ms to the next kill, spent reading the live file */
        double until = clock_now_s() + (1 + rnd(20)) / 1000.0;
        do
            check_not_torn(loads);
        while (clock_now_s() < until);
        reap(false);
        if (clock_now_s() - start > DEADLINE_S) {
            kill_all();
            th_fail(__FILE__, __LINE__, "writers still running after %.0f s", DEADLINE_S);
            return;
        }
        if (*kills == MAX_KILLS || rnd(3) != 0 || !alive())
            continue;
        int victim;
        do
            victim = (int)rnd((unsigned)nprocs);
        while (procs[victim].done);
        struct proc *p = &procs[victim];
        kill(p->pid, SIGKILL);
        waitpid(p->pid, &p->status, 0);
        p->done = true;
        /* it may have finished on its own just before the signal */
        p->killed = WIFSIGNALED(p->status);
        if (!p->killed)
            continue;
        (*kills)++;
        int left = p->left - log_lines(p, NULL);
        if (left > 0)
            REQUIRE(spawn(p->slot, left));
    }
}

static bool
killed_pid(long pid)
{
    for (int i = 0; i < nprocs; i++)
        if (procs[i].pid == pid)
            return procs[i].killed;
    return false;
}

/* Leftover FILE.tmp.PID files: a killed writer may leave one (reported,
 * not a failure); any other is a writer that failed to clean up. */
static int
leftover_tmp_files(void)
{
    char prefix[64];
    int killed_left = 0;
    snprintf(prefix, sizeof(prefix), "rasphone.pbk.tmp.");
    DIR *d = opendir(th_tmpdir());
    REQUIRE(d != NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
            continue;
        long pid = atol(e->d_name + strlen(prefix));
        if (killed_pid(pid))
            killed_left++;
        else
            th_fail(__FILE__, __LINE__, "%s left by a writer that was not killed", e->d_name);
    }
    closedir(d);
    return killed_left;
}

/* Every name in p's log is an entry of doc. */
static int
check_logged(const struct proc *p, const struct ini_doc *doc)
{
    char buf[PER_WRITER * 64 + 64], *line, *save = NULL;
    int found = 0, fd = open(p->log, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;       /* killed before it opened its log */
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n < 0)
        n = 0;
    buf[n] = '\0';
    for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (ini_find_section(doc, line) < 0)
            th_fail(__FILE__, __LINE__, "logged entry \"%s\" is missing", line);
        else
            found++;
    }
    return found;
}

static void
t_killed_writers(void)
{
    int kills = 0, loads = 0;
    const char *seed = getenv("PBK_WRITERS_SEED");
    rng_state = seed ? (unsigned)atol(seed) : (unsigned)time(NULL) ^ (unsigned)getpid();
    printf("# seed %u (PBK_WRITERS_SEED repeats it)\n", rng_state);
    snprintf(pbk, sizeof(pbk), "%s/rasphone.pbk", th_tmpdir());
    nprocs = 0;
    double t0 = clock_now_s();
    run_writers(&kills, &loads);
    reap(true);

    int logged = 0;
    for (int i = 0; i < nprocs; i++) {
        bool error = false;
        logged += log_lines(&procs[i], &error);
        if (error)
            th_fail(__FILE__, __LINE__, "writer %d: RasSetEntryPropertiesA failed (see %s)",
                    procs[i].slot, procs[i].log);
        if (!procs[i].killed && !(WIFEXITED(procs[i].status) &&
                                  WEXITSTATUS(procs[i].status) == 0))
            th_fail(__FILE__, __LINE__, "writer %d (pid %ld) ended with status 0x%x",
                    procs[i].slot, (long)procs[i].pid, procs[i].status);
    }

    /* the public view first, through the cache */
    DWORD cb = 0, count = 0;
    DWORD rc = RasEnumEntriesA(NULL, pbk, NULL, &cb, &count);
    CHECK(rc == 0 || rc == ERROR_BUFFER_TOO_SMALL);

    struct ini_doc doc;
    REQUIRE_EQ(pbk_load(pbk, false, &doc), 0);
    int found = 0;
    for (int i = 0; i < nprocs; i++)
        found += check_logged(&procs[i], &doc);
    CHECK_EQ(found, logged);
    CHECK_EQ(count, doc.nsecs);
    /* an entry saved but not logged: at most one per killed writer */
    CHECK((long)doc.nsecs >= logged);
    CHECK((long)doc.nsecs <= logged + kills);
    ini_free(&doc);

    int tmp_left = leftover_tmp_files();
    printf("# %d writers (%d killed, %d replaced), %d entries logged, %ld in the file, "
           "%d parses of the live file, %d tmp files left by killed writers, %.2f s\n",
           nprocs, kills, nprocs - WRITERS, logged, (long)count, loads, tmp_left,
           clock_now_s() - t0);
}

int
main(void)
{
    th_set_cleanup(pbk_cache_flush);
    TH_RUN(t_killed_writers);
    return th_done();
}
