/* Integration-test support (see fixture.h). */
#include "fixture.h"

#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "raserror.h"

#include "lib/rasman_client.h"

static struct ipc_msg req;
static uint8_t rep[IPC_MAX_MSG];

void
rmf_sleep_ms(int ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static int
connect_to(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(sa.sun_path))
        return -1;
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

static bool
can_connect(const char *path)
{
    int fd = connect_to(path);
    if (fd >= 0)
        close(fd);
    return fd >= 0;
}

int
rmf_connect(const struct rmf *f)
{
    return connect_to(f->sock);
}

bool
rmf_start(struct rmf *f, const char *bin)
{
    memset(f, 0, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/rasmand-test-XXXXXX");
    if (!mkdtemp(f->dir))
        return false;
    /* other uids must reach the socket: the isolation test connects as
     * nobody (rasmand decides from SO_PEERCRED, not file modes) */
    chmod(f->dir, 0755);
    snprintf(f->sock, sizeof(f->sock), "%s/rasmand.sock", f->dir);
    snprintf(f->log, sizeof(f->log), "%s/rasmand.log", f->dir);
    f->pid = fork();
    if (f->pid < 0)
        return false;
    if (f->pid == 0) {
        int log = open(f->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (log >= 0)
            dup2(log, 2);
        /* as root, rasmand gets a network namespace of its own: its tun
         * interfaces never touch the host's network */
        if (geteuid() == 0 && unshare(CLONE_NEWNET) != 0)
            _exit(126);
        execl(bin, bin, "--test", "--system", "--socket", f->sock, "-v", (char *)NULL);
        _exit(127);
    }
    /* up to 10 s: under valgrind on a busy machine start-up is slow */
    for (int i = 0; i < 1000 && !can_connect(f->sock); i++)
        rmf_sleep_ms(10);
    ras_client_set_socket(f->sock);
    /* a dial must never start a second daemon behind the test's back */
    ras_client_set_rasmand("/nonexistent/rasmand");
    return can_connect(f->sock);
}

bool
rmf_stop(struct rmf *f)
{
    int status = -1;
    if (f->pid > 0) {
        kill(f->pid, SIGTERM);
        waitpid(f->pid, &status, 0);
        f->pid = 0;
    }
    /* rasmand stops cleanly on SIGTERM; under ASan a leak at exit (or any
     * sanitizer report) makes the status non-zero */
    bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok || getenv("RMF_KEEP_LOG")) {
        char line[512];
        FILE *log = fopen(f->log, "re");
        fprintf(stderr, "# rasmand exit status %d; its log:\n", status);
        while (log && fgets(line, sizeof(line), log))
            fprintf(stderr, "#   %s", line);
        if (log)
            fclose(log);
    }
    unlink(f->log);
    char lock[160];
    snprintf(lock, sizeof(lock), "%s.lock", f->sock);
    unlink(lock);
    unlink(f->sock);
    rmdir(f->dir);
    ras_client_set_socket(NULL);
    ras_client_set_rasmand(NULL);
    return ok;
}

int
rmf_netns_run(const struct rmf *f, const char *cmd)
{
    char buf[512];
    snprintf(buf, sizeof(buf), "nsenter -t %d -n sh -c '%s' >/dev/null 2>&1", (int)f->pid, cmd);
    int st = system(buf);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

bool
rmf_debug(struct ipc_debug *d)
{
    size_t n;
    ipc_enc_empty(&req, IPC_REQ_DEBUG, 0);
    return rasc_call(&req, IPC_REP_DEBUG, rep, &n, false) == 0 &&
           ipc_dec_rep_debug(rep, n, d);
}

bool
rmf_base(struct ipc_debug *d)
{
    for (int i = 0; i < 300; i++) {
        if (rmf_debug(d) && d->conns == 0 && d->clients == 1)
            return true;
        rmf_sleep_ms(10);
    }
    return false;
}

bool
rmf_settled(const struct ipc_debug *base, int timeout_ms)
{
    struct ipc_debug d;
    for (int waited = 0;; waited += 10) {
        /* the asking client is one allocation and one fd in rasmand */
        if (rmf_debug(&d) && d.conns == 0 && d.clients == 1 && d.allocs == base->allocs &&
            d.fds == base->fds)
            return true;
        if (waited >= timeout_ms) {
            fprintf(stderr, "# rasmand not settled: allocs %llu (base %llu) fds %u (base %u) "
                    "conns %u clients %u\n", (unsigned long long)d.allocs,
                    (unsigned long long)base->allocs, d.fds, base->fds, d.conns, d.clients);
            return false;
        }
        rmf_sleep_ms(10);
    }
}

bool
rmf_projection(HRASCONN h, struct ipc_projection *p)
{
    size_t n;
    ipc_enc_handle(&req, IPC_REQ_PROJECTION, 0, rasc_handle(h));
    return rasc_call(&req, IPC_REP_PROJECTION, rep, &n, false) == 0 &&
           ipc_dec_rep_projection(rep, n, p);
}

void
rmf_entry(RASENTRYA *e)
{
    memset(e, 0, sizeof(*e));
    e->dwSize = sizeof(*e);
    snprintf(e->szDeviceType, sizeof(e->szDeviceType), "modem");
    snprintf(e->szDeviceName, sizeof(e->szDeviceName), "loopback");
    e->dwfNetProtocols = RASNP_Ip;
    e->dwFramingProtocol = RASFP_Ppp;
    e->dwType = RASET_Phone;
}

void
rmf_params(RASDIALPARAMSA *p, const char *entry, const char *phone)
{
    memset(p, 0, sizeof(*p));
    p->dwSize = sizeof(*p);
    snprintf(p->szEntryName, sizeof(p->szEntryName), "%s", entry);
    snprintf(p->szPhoneNumber, sizeof(p->szPhoneNumber), "%s", phone);
    snprintf(p->szUserName, sizeof(p->szUserName), "demo");
    snprintf(p->szPassword, sizeof(p->szPassword), "demo");
    p->dwCallbackId = 0x5eed;
}

DWORD
rmf_dial(const char *entry, const char *phone, DWORD type, void *notifier, HRASCONN *h)
{
    RASENTRYA e;
    RASDIALPARAMSA p;
    rmf_entry(&e);
    rmf_params(&p, entry, phone);
    DWORD rc = ras_dial_entry(&e, "/tmp/openras-test.pbk", entry, phone, &p, NULL, type,
                              notifier, h);
    memset(&p, 0, sizeof(p));
    return rc;
}

bool
rmf_wait_gone(HRASCONN h, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += 2) {
        RASCONNSTATUSA s = { .dwSize = sizeof(s) };
        if (RasGetConnectStatusA(h, &s) == ERROR_INVALID_HANDLE)
            return true;
        rmf_sleep_ms(2);
    }
    return false;
}

bool
rmf_wait_state(HRASCONN h, RASCONNSTATE state, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += 2) {
        RASCONNSTATUSA s = { .dwSize = sizeof(s) };
        if (RasGetConnectStatusA(h, &s) != 0 || s.dwError)
            return false;
        if (s.rasconnstate == state)
            return true;
        rmf_sleep_ms(2);
    }
    return false;
}
